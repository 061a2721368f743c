//! The JavaScript runtime Lambda functions run on: boa with what AWS's
//! Node.js runtime puts around a handler, in virtual time.
//!
//! An [`Environment`] is one Lambda execution environment: it is created by
//! [`Environment::init`] (module scope runs once, the modelled init duration
//! is reported), then serves invocations one at a time. An invocation is a
//! small state machine the Lambda service drives:
//! [`Environment::invoke`] returns a [`Step`]; while the handler waits for a
//! timer or for an AWS call it made through the SDK shim the step is
//! [`Step::Suspended`] with the virtual time to come back and the
//! [`HostCall`]s to route (`"sqs:SendMessage"` etc. through `World::call`);
//! [`Environment::resume`] feeds the results back, until [`Step::Done`].
//!
//! The runtime never reads wall-clock time or real randomness: `Date` reads
//! the virtual clock, `Math.random` and `crypto.randomUUID` a seeded source.
//! Runaway code is bounded by a step budget (see [`prepare`]): a step is
//! one loop iteration or one call of a JavaScript function, it models [`Limits::steps_per_ms`]
//! of CPU time, and an invocation that spends its budget ends as AWS's
//! timeout. Modelled durations come from virtual time plus these steps,
//! never from the wall clock, so they are the same natively and in wasm.

pub mod assets;
mod context;
mod env;
mod globals;
mod guards;
mod hooks;
mod host;
mod invocation;
mod io;
mod json;
mod loader;
mod node;
mod outcome;
pub mod prepare;
mod process;
mod report;
pub mod sdk;
pub mod syntax;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use crate::sim::time::Millis;
pub use env::Environment;
pub use report::{
    billed_duration_ms, end_line, report_line, report_record, start_line, start_record, ReportInfo,
};

/// Everything an execution environment needs to start: the function's
/// configuration as Lambda holds it, its code, and the host's seed and clock.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FunctionConfig {
    pub function_name: String,
    /// `$LATEST` or a published version number.
    pub function_version: String,
    pub region: String,
    pub account: String,
    /// `MemorySize` in MB (128 to 10,240).
    pub memory_mb: u32,
    /// `Timeout` in milliseconds (AWS configures seconds, 1 to 900).
    pub timeout_ms: Millis,
    /// `Runtime`: `nodejs24.x`, `nodejs22.x` (or `nodejs20.x`, whose existing functions still run
    /// on AWS). It sets `AWS_EXECUTION_ENV` and `NODE_PATH`, whether callback handlers are
    /// accepted (not from Node.js 24) and whether a typeless `.js` file with ES module syntax
    /// loads as an ES module (Node.js 24's syntax detection).
    #[serde(default = "default_runtime")]
    pub runtime: String,
    /// `Handler`, e.g. `index.handler` or `src/app.handler`.
    pub handler: String,
    /// Deployment package: file path (relative to `/var/task`) to source.
    pub files: BTreeMap<String, String>,
    /// The function's own environment variables.
    pub environment: BTreeMap<String, String>,
    /// `2026/01/01/[$LATEST]<32 hex>`; the Lambda service names streams.
    pub log_stream_name: String,
    /// LoggingConfig: the ApplicationLogLevel when the LogFormat is JSON (None: Text).
    #[serde(default)]
    pub json_log_level: Option<String>,
    /// LoggingConfig.LogGroup when it is not `/aws/lambda/<function>`.
    #[serde(default)]
    pub log_group: Option<String>,
    /// Seed for `Math.random`, `crypto.randomUUID` and SDK request ids.
    pub seed: u64,
    pub limits: Limits,
    /// `EphemeralStorage.Size` in MB (512 to 10,240): what `/tmp` holds.
    #[serde(default = "default_ephemeral_storage")]
    pub ephemeral_storage_mb: u32,
    /// `Architectures[0]`: `x86_64` or `arm64` (what `process.arch` and `os.arch()` say).
    #[serde(default = "default_architecture")]
    pub architecture: String,
}

fn default_ephemeral_storage() -> u32 {
    512
}

fn default_architecture() -> String {
    "x86_64".to_string()
}

fn default_runtime() -> String {
    "nodejs22.x".to_string()
}

impl FunctionConfig {
    /// A configuration with Lambda's defaults (128 MB, 3 s, `$LATEST`,
    /// us-east-1, account 123456789012) for the given handler and files, on
    /// `nodejs22.x` (set `runtime` for another).
    pub fn new(function_name: &str, handler: &str, files: BTreeMap<String, String>) -> Self {
        FunctionConfig {
            function_name: function_name.to_string(),
            function_version: "$LATEST".to_string(),
            region: "us-east-1".to_string(),
            account: "123456789012".to_string(),
            memory_mb: 128,
            timeout_ms: 3_000,
            runtime: default_runtime(),
            handler: handler.to_string(),
            files,
            environment: BTreeMap::new(),
            log_stream_name: "2026/01/01/[$LATEST]00000000000000000000000000000000".to_string(),
            json_log_level: None,
            log_group: None,
            seed: 1,
            limits: Limits::default(),
            ephemeral_storage_mb: default_ephemeral_storage(),
            architecture: default_architecture(),
        }
    }

    pub fn function_arn(&self) -> String {
        format!(
            "arn:aws:lambda:{}:{}:function:{}",
            self.region, self.account, self.function_name
        )
    }

    /// The Node.js major version of `runtime` (`nodejs24.x` → 24).
    pub fn node_major(&self) -> u32 {
        syntax::node_major(&self.runtime)
    }

    /// `process.versions.node`: the runtime's major with a patch release it has shipped (AWS
    /// updates managed runtimes in place and does not publish which release runs; these are
    /// Stratus's pick, one per major).
    /// `process.arch`: Node's name for the function's architecture.
    pub fn node_arch(&self) -> &'static str {
        if self.architecture == "arm64" {
            "arm64"
        } else {
            "x64"
        }
    }

    pub fn node_version(&self) -> &'static str {
        match self.node_major() {
            24 => "24.11.1",
            22 => "22.21.1",
            _ => "20.19.5",
        }
    }

    pub fn log_group_name(&self) -> String {
        self.log_group
            .clone()
            .unwrap_or_else(|| format!("/aws/lambda/{}", self.function_name))
    }
}

/// The cost model and the runaway-code guard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    /// Steps (loop iterations and function calls) that make one modelled
    /// millisecond of CPU time.
    pub steps_per_ms: u64,
    /// Hard cap on the steps of one invocation (and of init), whatever the
    /// timeout, so the host is never stalled (boa runs roughly 0.3 to 6
    /// million steps a second natively, depending on what a step does):
    /// past it the code is treated as runaway and the invocation ends as a
    /// timeout at its deadline. A promise job costs 20 steps.
    pub max_steps: u64,
    /// Modelled runtime start-up before module scope runs (Node.js boot).
    pub init_base_ms: f64,
    /// Modelled fixed cost of one invocation.
    pub invoke_overhead_ms: f64,
    /// Nested calls before `RangeError: Maximum call stack size exceeded`.
    pub max_call_depth: usize,
    /// AWS's INIT phase limit for on-demand functions.
    pub init_timeout_ms: Millis,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            steps_per_ms: 2_000,
            max_steps: 250_000,
            init_base_ms: 140.0,
            invoke_overhead_ms: 1.0,
            max_call_depth: 400,
            init_timeout_ms: 10_000,
        }
    }
}

/// Per-invocation facts the Lambda service supplies.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InvokeInfo {
    pub aws_request_id: String,
    /// The ARN used to invoke (with a qualifier if one was given); defaults
    /// to the unqualified function ARN.
    pub invoked_function_arn: Option<String>,
    pub client_context: Option<Value>,
    pub identity: Option<Value>,
}

/// What an invocation did after a turn of the event loop.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Done(Outcome),
    /// The handler waits. Come back with [`Environment::resume`] at
    /// `wake_at` (the next timer or the deadline) or earlier with results of
    /// `host_calls` (new calls made in this turn).
    Suspended {
        wake_at: Option<Millis>,
        host_calls: Vec<HostCall>,
    },
}

/// A finished invocation.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The JSON the handler returned, or the error Lambda reports.
    pub result: Result<Value, FunctionError>,
    /// The function's log lines of this invocation, in Lambda's text format.
    pub logs: Vec<LogLine>,
    /// Modelled duration (virtual elapsed time, CPU steps, fixed overhead).
    pub duration_ms: f64,
    /// Init duration when this was the environment's first invocation.
    pub init_duration_ms: Option<f64>,
    /// False after a timeout or a crash: AWS discards the environment and
    /// the next invocation is a cold start.
    pub environment_reusable: bool,
    pub steps: u64,
}

/// One line the function wrote (console, or the runtime's own timeout line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogLine {
    pub at: Millis,
    pub line: String,
}

/// A request the handler made through a built-in SDK client.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostCall {
    pub id: u64,
    /// `sqs`, `sns`, ... (the `World::call` prefix).
    pub service: String,
    /// `SendMessage`, ...
    pub action: String,
    pub input: Value,
}

impl HostCall {
    /// `"sqs:SendMessage"`, as `World::call` takes it.
    pub fn target(&self) -> String {
        format!("{}:{}", self.service, self.action)
    }
}

/// The answer to a [`HostCall`].
#[derive(Debug, Clone, PartialEq)]
pub struct HostResult {
    pub id: u64,
    pub result: Result<Value, HostError>,
}

/// An AWS error as the SDK sees it: `name` is its type (else its code).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostError {
    pub code: String,
    /// The JSON-protocol error type (`QueueDoesNotExist` for SQS's
    /// `AWS.SimpleQueueService.NonExistentQueue`); empty when it is the code.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub type_name: String,
    pub message: String,
    /// `client` or `server`, as the SDK's `$fault`.
    pub sender_fault: bool,
    pub http_status: u16,
}

/// An error as Lambda's Node.js runtime reports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FunctionError {
    pub error_type: String,
    pub error_message: String,
    pub trace: Vec<String>,
}

impl FunctionError {
    pub fn new(error_type: &str, error_message: &str) -> Self {
        FunctionError {
            error_type: error_type.to_string(),
            error_message: error_message.to_string(),
            trace: Vec::new(),
        }
    }

    /// `{"errorType": ..., "errorMessage": ..., "trace": [...]}`
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "errorType": self.error_type,
            "errorMessage": self.error_message,
            "trace": self.trace,
        })
    }
}

/// Why an environment could not start.
#[derive(Debug, Clone, PartialEq)]
pub struct InitError {
    pub error: FunctionError,
    pub logs: Vec<LogLine>,
    pub init_duration_ms: f64,
}

#[cfg(test)]
mod context_tests;
#[cfg(test)]
mod error_text_tests;
#[cfg(test)]
mod memory_tests;
#[cfg(test)]
mod outcome_tests;
#[cfg(test)]
mod published_handlers_tests;
#[cfg(test)]
mod runtime_version_tests;
#[cfg(test)]
mod streaming_tests;
#[cfg(test)]
mod tests;
