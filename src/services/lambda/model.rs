//! Lambda state: functions, their configuration and code, published versions,
//! aliases, reserved concurrency, asynchronous-invocation settings, resource
//! policy statements and tags; and the FunctionConfiguration shape AWS
//! returns for each.

use crate::sim::{format_iso, Millis};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

pub const DEFAULT_MEMORY_MB: u32 = 128;
pub const MIN_MEMORY_MB: u32 = 128;
pub const MAX_MEMORY_MB: u32 = 10_240;
pub const DEFAULT_TIMEOUT_S: u32 = 3;
pub const MAX_TIMEOUT_S: u32 = 900;
/// The account's concurrency quota, and what must stay unreserved.
pub const ACCOUNT_CONCURRENCY: u32 = 1_000;
pub const MIN_UNRESERVED_CONCURRENCY: u32 = 100;
/// The runtimes Stratus runs (on its JavaScript runtime, `crate::runtime`).
pub const RUNTIMES: &[&str] = &["nodejs20.x", "nodejs22.x"];

/// A function's code: its files by path, and the digest and size AWS reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code {
    pub files: BTreeMap<String, String>,
    /// Base64 of the SHA-256 of the package (CodeSha256).
    pub sha256: String,
    pub size: u64,
}

/// What a version freezes: everything PublishVersion copies from $LATEST.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub runtime: String,
    pub role: String,
    pub handler: String,
    pub description: String,
    pub memory_size: u32,
    pub timeout: u32,
    pub environment: BTreeMap<String, String>,
    pub code: Code,
    pub last_modified: Millis,
    pub revision_id: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Alias {
    pub name: String,
    pub function_version: String,
    pub description: String,
    pub revision_id: String,
}

/// PutFunctionEventInvokeConfig: retries, event age and destinations of asynchronous invocations.
#[derive(Clone, Debug, PartialEq)]
pub struct EventInvokeConfig {
    pub maximum_retry_attempts: u32,
    pub maximum_event_age_in_seconds: u32,
    pub on_success: Option<String>,
    pub on_failure: Option<String>,
    pub last_modified: Millis,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Function {
    pub name: String,
    pub arn: String,
    /// $LATEST.
    pub latest: Config,
    /// Published versions by number ("1", "2", ...).
    pub versions: BTreeMap<u32, Config>,
    pub next_version: u32,
    pub aliases: BTreeMap<String, Alias>,
    pub reserved_concurrency: Option<u32>,
    pub event_invoke_config: Option<EventInvokeConfig>,
    /// DeadLetterConfig.TargetArn: where failed asynchronous events go (the older mechanism).
    pub dead_letter_target: Option<String>,
    /// Resource-based policy statements by Sid (AddPermission), as AWS renders them.
    pub policy: BTreeMap<String, Value>,
    pub tags: BTreeMap<String, String>,
}

fn iso_lambda(t: Millis) -> String {
    // Lambda writes LastModified as 2026-01-01T00:00:00.000+0000.
    format_iso(t).replace('Z', "+0000")
}

impl Function {
    /// The FunctionConfiguration of $LATEST or of a published version.
    pub fn configuration(&self, version: Option<u32>) -> Value {
        let (config, label) = match version.and_then(|v| self.versions.get(&v).map(|c| (c, v))) {
            Some((c, v)) => (c, v.to_string()),
            None => (&self.latest, "$LATEST".to_string()),
        };
        let arn = if label == "$LATEST" {
            self.arn.clone()
        } else {
            format!("{}:{label}", self.arn)
        };
        let mut out = Map::new();
        out.insert("FunctionName".into(), json!(self.name));
        out.insert("FunctionArn".into(), json!(arn));
        out.insert("Runtime".into(), json!(config.runtime));
        out.insert("Role".into(), json!(config.role));
        out.insert("Handler".into(), json!(config.handler));
        out.insert("CodeSize".into(), json!(config.code.size));
        out.insert("Description".into(), json!(config.description));
        out.insert("Timeout".into(), json!(config.timeout));
        out.insert("MemorySize".into(), json!(config.memory_size));
        out.insert(
            "LastModified".into(),
            json!(iso_lambda(config.last_modified)),
        );
        out.insert("CodeSha256".into(), json!(config.code.sha256));
        out.insert("Version".into(), json!(label));
        if let Some(target) = &self.dead_letter_target {
            out.insert("DeadLetterConfig".into(), json!({ "TargetArn": target }));
        }
        if !config.environment.is_empty() {
            out.insert(
                "Environment".into(),
                json!({ "Variables": config.environment }),
            );
        }
        out.insert("TracingConfig".into(), json!({"Mode": "PassThrough"}));
        out.insert("RevisionId".into(), json!(config.revision_id));
        out.insert("State".into(), json!("Active"));
        out.insert("LastUpdateStatus".into(), json!("Successful"));
        out.insert("PackageType".into(), json!("Zip"));
        out.insert("Architectures".into(), json!(["x86_64"]));
        out.insert("EphemeralStorage".into(), json!({"Size": 512}));
        out.insert(
            "SnapStart".into(),
            json!({"ApplyOn": "None", "OptimizationStatus": "Off"}),
        );
        out.insert(
            "LoggingConfig".into(),
            json!({"LogFormat": "Text", "LogGroup": format!("/aws/lambda/{}", self.name)}),
        );
        Value::Object(out)
    }

    /// The configurations of $LATEST and then every published version, as list actions return them.
    pub fn all_configurations(&self) -> impl Iterator<Item = Value> + '_ {
        std::iter::once(None)
            .chain(self.versions.keys().map(|&v| Some(v)))
            .map(|v| self.configuration(v))
    }

    /// Concurrency reserved for this function, counted against the account.
    pub fn reserved(&self) -> u32 {
        self.reserved_concurrency.unwrap_or(0)
    }
}

impl Alias {
    pub fn to_json(&self, function_arn: &str) -> Value {
        json!({
            "AliasArn": format!("{function_arn}:{}", self.name),
            "Name": self.name,
            "FunctionVersion": self.function_version,
            "Description": self.description,
            "RevisionId": self.revision_id,
        })
    }
}

impl EventInvokeConfig {
    pub fn to_json(&self, function_arn: &str) -> Value {
        let destination = |d: &Option<String>| match d {
            Some(arn) => json!({ "Destination": arn }),
            None => json!({}),
        };
        json!({
            "FunctionArn": format!("{function_arn}:$LATEST"),
            "MaximumRetryAttempts": self.maximum_retry_attempts,
            "MaximumEventAgeInSeconds": self.maximum_event_age_in_seconds,
            "LastModified": self.last_modified as f64 / 1000.0,
            "DestinationConfig": {
                "OnSuccess": destination(&self.on_success),
                "OnFailure": destination(&self.on_failure),
            },
        })
    }
}
