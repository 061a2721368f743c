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
/// The runtimes Stratus runs (on its JavaScript runtime, `crate::runtime`): the Node.js runtimes
/// AWS accepts for new functions today (nodejs20.x has been blocked for creation since
/// 2026-08-31 and for updates since 2026-09-30), newest first.
pub const RUNTIMES: &[&str] = &["nodejs24.x", "nodejs22.x"];
/// The Node.js runtime AWS recommends in its deprecation message.
pub const NEWEST_NODE_RUNTIME: &str = "nodejs24.x";
/// Node.js runtimes past AWS's "block function create" and "block function update" dates
/// (Lambda runtimes page, deprecation table): refused with AWS's deprecation message.
pub const DEPRECATED_NODE_RUNTIMES: &[&str] = &[
    "nodejs",
    "nodejs4.3",
    "nodejs4.3-edge",
    "nodejs6.10",
    "nodejs8.10",
    "nodejs10.x",
    "nodejs12.x",
    "nodejs14.x",
    "nodejs16.x",
    "nodejs18.x",
    "nodejs20.x",
];
/// Every value of the `Runtime` enum in AWS's service model (botocore 1.44.8), in its order.
pub const AWS_RUNTIME_ENUM: &[&str] = &[
    "nodejs",
    "nodejs4.3",
    "nodejs6.10",
    "nodejs8.10",
    "nodejs10.x",
    "nodejs12.x",
    "nodejs14.x",
    "nodejs16.x",
    "nodejs18.x",
    "nodejs20.x",
    "nodejs22.x",
    "nodejs24.x",
    "java8",
    "java8.al2",
    "java11",
    "java17",
    "java21",
    "java25",
    "python2.7",
    "python3.6",
    "python3.7",
    "python3.8",
    "python3.9",
    "python3.10",
    "python3.11",
    "python3.12",
    "python3.13",
    "python3.14",
    "dotnetcore1.0",
    "dotnetcore2.0",
    "dotnetcore2.1",
    "dotnetcore3.1",
    "dotnet6",
    "dotnet8",
    "dotnet10",
    "nodejs4.3-edge",
    "go1.x",
    "ruby2.5",
    "ruby2.7",
    "ruby3.2",
    "ruby3.3",
    "ruby3.4",
    "ruby4.0",
    "provided",
    "provided.al2",
    "provided.al2023",
    "nodejs26.x",
    "python3.15",
    "java8.al2023",
    "java11.al2023",
    "java17.al2023",
    "custom",
];
/// The values AWS lists when it refuses an unknown runtime: the runtimes it accepts for new .zip
/// functions (the supported-runtimes table, previews included), not the whole enum. AWS prints
/// them in no documented order; Stratus keeps the table's.
pub const CREATABLE_RUNTIMES: &[&str] = &[
    "nodejs26.x",
    "nodejs24.x",
    "nodejs22.x",
    "python3.15",
    "python3.14",
    "python3.13",
    "python3.12",
    "python3.11",
    "python3.10",
    "java25",
    "java21",
    "java17.al2023",
    "java11.al2023",
    "java8.al2023",
    "java17",
    "java11",
    "java8.al2",
    "dotnet10",
    "dotnet8",
    "ruby4.0",
    "ruby3.4",
    "ruby3.3",
    "provided.al2023",
];

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
    /// Whether an Environment was given: AWS then shows it even with no variables.
    pub environment_given: bool,
    pub code: Code,
    /// The instruction set: "x86_64" (the default) or "arm64", billed at its own rate.
    pub architecture: &'static str,
    /// EphemeralStorage: `/tmp`'s size in MB (512 to 10,240); above 512 it is billed.
    pub ephemeral_storage: u32,
    /// LoggingConfig: the log format, levels and log group.
    pub logging: Logging,
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

/// One qualifier's asynchronous-invocation settings (PutFunctionEventInvokeConfig): only the
/// members that were set, as AWS answers them; Lambda's defaults apply to the others.
#[derive(Clone, Debug, PartialEq)]
pub struct EventInvokeConfig {
    pub maximum_retry_attempts: Option<u32>,
    pub maximum_event_age_in_seconds: Option<u32>,
    pub on_success: Option<String>,
    pub on_failure: Option<String>,
    pub last_modified: Millis,
}

/// Retries of a failed asynchronous event when MaximumRetryAttempts is not set.
pub const DEFAULT_RETRY_ATTEMPTS: u32 = 2;
/// How long an asynchronous event is kept when MaximumEventAgeInSeconds is not set (six hours).
pub const DEFAULT_EVENT_AGE_S: u32 = 21_600;

/// A resource-based policy (AddPermission): statements in the order they were added, each
/// kept as the JSON text AWS answers, and the policy's RevisionId.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    /// (Sid, statement JSON).
    pub statements: Vec<(String, String)>,
    pub revision_id: String,
}

/// The key of the unqualified function in the per-qualifier maps (event invoke configs, policies).
pub const LATEST: &str = "$LATEST";

/// LoggingConfig: plain text (the default) or JSON records, with log levels under JSON,
/// and the log group the function writes to.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Logging {
    /// With the JSON log format: (ApplicationLogLevel, SystemLogLevel).
    pub json: Option<(&'static str, &'static str)>,
    /// A log group other than `/aws/lambda/<function>`.
    pub log_group: Option<String>,
}

impl Logging {
    pub fn group(&self, function: &str) -> String {
        self.log_group
            .clone()
            .unwrap_or_else(|| format!("/aws/lambda/{function}"))
    }

    /// As FunctionConfiguration shows it: the levels only with the JSON format.
    pub fn to_json(&self, function: &str) -> Value {
        match self.json {
            None => json!({"LogFormat": "Text", "LogGroup": self.group(function)}),
            Some((app, system)) => json!({
                "LogFormat": "JSON",
                "ApplicationLogLevel": app,
                "SystemLogLevel": system,
                "LogGroup": self.group(function),
            }),
        }
    }
}

/// How long Lambda takes, in Stratus's model, to make a new function Active or
/// to finish applying an update (AWS documents "a few seconds" for a function
/// without VPC or file systems, not a figure).
pub const SETTLE_DELAY: Millis = 1_000;

/// Where a function is in Lambda's lifecycle: its State and LastUpdateStatus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lifecycle {
    /// Just created: Lambda prepares it and will not invoke it yet.
    Pending,
    Active,
    /// Active, with an update of its code or configuration still being applied:
    /// it can be invoked (with the settings it had) but not changed again.
    Updating,
}

impl Lifecycle {
    pub fn state(self) -> &'static str {
        match self {
            Lifecycle::Pending => "Pending",
            Lifecycle::Active | Lifecycle::Updating => "Active",
        }
    }

    pub fn last_update_status(self) -> Option<&'static str> {
        match self {
            Lifecycle::Pending => None,
            Lifecycle::Active => Some("Successful"),
            Lifecycle::Updating => Some("InProgress"),
        }
    }
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
    /// Asynchronous-invocation settings by qualifier: "$LATEST", a version number or an alias name.
    pub event_invoke_config: BTreeMap<String, EventInvokeConfig>,
    /// DeadLetterConfig.TargetArn: where failed asynchronous events go (the older mechanism).
    pub dead_letter_target: Option<String>,
    /// Resource-based policies by qualifier: "$LATEST" for the function itself (AddPermission
    /// without a qualifier), a version number or an alias name.
    pub policy: BTreeMap<String, Policy>,
    pub tags: BTreeMap<String, String>,
    /// $LATEST as the newest version was published from it (PublishVersion publishes
    /// again only when $LATEST has changed since).
    pub published_from: Option<Config>,
    /// PutFunctionRecursionConfig: "Terminate" (the default) stops a recursive loop, "Allow" lets it run.
    pub recursive_loop: &'static str,
    /// State and LastUpdateStatus of $LATEST (published versions are always Active).
    pub lifecycle: Lifecycle,
    /// Counts lifecycle changes, so a settle timer of an earlier change does nothing.
    pub lifecycle_serial: u64,
}

/// The runtime version a function runs on, as `RuntimeVersionConfig` names it:
/// one ARN per runtime and region (`arn:aws:lambda:us-east-1::runtime:<64 hex>`).
fn runtime_version_arn(function_arn: &str, runtime: &str) -> String {
    use sha2::{Digest, Sha256};
    let region = function_arn.split(':').nth(3).unwrap_or("us-east-1");
    let digest = Sha256::digest(format!("stratus-runtime:{runtime}").as_bytes());
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("arn:aws:lambda:{region}::runtime:{hex}")
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
        let lifecycle = match version {
            None => self.lifecycle,
            Some(_) => Lifecycle::Active,
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
        if config.environment_given || !config.environment.is_empty() {
            out.insert(
                "Environment".into(),
                json!({ "Variables": config.environment }),
            );
        }
        out.insert("TracingConfig".into(), json!({"Mode": "PassThrough"}));
        out.insert("RevisionId".into(), json!(config.revision_id));
        out.insert("State".into(), json!(lifecycle.state()));
        if lifecycle == Lifecycle::Pending {
            out.insert(
                "StateReason".into(),
                json!("The function is being created."),
            );
            out.insert("StateReasonCode".into(), json!("Creating"));
        }
        if let Some(status) = lifecycle.last_update_status() {
            out.insert("LastUpdateStatus".into(), json!(status));
        }
        if lifecycle == Lifecycle::Updating {
            // AWS answers an update with the reason it gives a creation.
            out.insert(
                "LastUpdateStatusReason".into(),
                json!("The function is being created."),
            );
            out.insert("LastUpdateStatusReasonCode".into(), json!("Creating"));
        }
        out.insert("PackageType".into(), json!("Zip"));
        out.insert("Architectures".into(), json!([config.architecture]));
        out.insert(
            "EphemeralStorage".into(),
            json!({"Size": config.ephemeral_storage}),
        );
        out.insert(
            "SnapStart".into(),
            json!({"ApplyOn": "None", "OptimizationStatus": "Off"}),
        );
        out.insert(
            "RuntimeVersionConfig".into(),
            json!({ "RuntimeVersionArn": runtime_version_arn(&self.arn, &config.runtime) }),
        );
        out.insert("LoggingConfig".into(), config.logging.to_json(&self.name));
        Value::Object(out)
    }

    /// A function as ListFunctions and ListVersionsByFunction list it: AWS leaves
    /// out State, LastUpdateStatus, their reasons and RuntimeVersionConfig (GetFunction has them).
    /// With `qualified`, $LATEST's FunctionArn ends in `:$LATEST`.
    pub fn list_entry(&self, version: Option<u32>, qualified: bool) -> Value {
        let mut entry = self.configuration(version);
        if let Value::Object(map) = &mut entry {
            for key in [
                "State",
                "StateReason",
                "StateReasonCode",
                "LastUpdateStatus",
                "LastUpdateStatusReason",
                "LastUpdateStatusReasonCode",
                "RuntimeVersionConfig",
            ] {
                map.remove(key);
            }
            if qualified && version.is_none() {
                map.insert("FunctionArn".into(), json!(format!("{}:$LATEST", self.arn)));
            }
        }
        entry
    }

    /// $LATEST and then every published version, as list actions return them
    /// ($LATEST's ARN qualified with `:$LATEST`).
    pub fn all_configurations(&self) -> impl Iterator<Item = Value> + '_ {
        std::iter::once(None)
            .chain(self.versions.keys().map(|&v| Some(v)))
            .map(|v| self.list_entry(v, true))
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
    pub fn retries(&self) -> u32 {
        self.maximum_retry_attempts
            .unwrap_or(DEFAULT_RETRY_ATTEMPTS)
    }

    pub fn max_age_s(&self) -> u32 {
        self.maximum_event_age_in_seconds
            .unwrap_or(DEFAULT_EVENT_AGE_S)
    }

    /// As AWS answers it: the qualified FunctionArn, LastModified in epoch seconds, both
    /// destinations (`{}` when unset) and only the Maximum* members that were set.
    pub fn to_json(&self, qualified_arn: &str) -> Value {
        let destination = |d: &Option<String>| match d {
            Some(arn) => json!({ "Destination": arn }),
            None => json!({}),
        };
        let mut out = json!({
            "FunctionArn": qualified_arn,
            "LastModified": self.last_modified as f64 / 1000.0,
            "DestinationConfig": {
                "OnSuccess": destination(&self.on_success),
                "OnFailure": destination(&self.on_failure),
            },
        });
        if let Some(n) = self.maximum_retry_attempts {
            out["MaximumRetryAttempts"] = json!(n);
        }
        if let Some(n) = self.maximum_event_age_in_seconds {
            out["MaximumEventAgeInSeconds"] = json!(n);
        }
        out
    }
}

impl Policy {
    /// The policy document GetPolicy answers, with each statement's keys in AWS's order.
    pub fn document(&self) -> String {
        let statements: Vec<&str> = self.statements.iter().map(|(_, s)| s.as_str()).collect();
        format!(
            r#"{{"Version":"2012-10-17","Id":"default","Statement":[{}]}}"#,
            statements.join(",")
        )
    }
}
