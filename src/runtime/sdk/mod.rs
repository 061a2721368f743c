//! The AWS SDK for JavaScript v3 shim: every `@aws-sdk/client-*` package,
//! generated on import from AWS's service models (`models`), plus
//! `@aws-sdk/util-dynamodb` and `@aws-sdk/lib-dynamodb`.
//!
//! A client package exports the bare client (`SQSClient`), one command
//! class per operation (`SendMessageCommand`), the aggregated client (`SQS`,
//! with `sendMessage(input)`), the service exception and the modelled errors,
//! paginators and waiters (`client.js`), and the package's enum objects
//! (`enums`: `InvocationType`, `Runtime`, ...). `client.send(command)` of a
//! simulated service (`SIMULATED`) turns into a [`super::HostCall`]
//! (`sqs:SendMessage` + input); a command of any other service imports and
//! constructs, and rejects when sent with an error naming the service.

pub mod enums;
pub mod models;

use super::assets::asset;

#[cfg(test)]
mod client_tests;
#[cfg(test)]
mod dynamodb_tests;
#[cfg(test)]
mod enums_tests;
#[cfg(test)]
mod models_tests;
#[cfg(test)]
mod world_tests;

use serde_json::{json, Value};

/// The services Stratus simulates: the model's serviceId and the world's
/// name for the service (the `sqs` of `sqs:SendMessage`). A command of any
/// other service rejects at call time. Next: `("EventBridge", "events")`,
/// `("SNS", "sns")`, `("Kinesis", "kinesis")`, `("Firehose", "firehose")`,
/// `("S3", "s3")`, `("SFN", "states")`, `("DynamoDB", "dynamodb")`.
pub const SIMULATED: &[(&str, &str)] = &[
    ("SQS", "sqs"),
    ("Lambda", "lambda"),
    ("CloudWatch Logs", "logs"),
    ("EventBridge", "events"),
    ("Scheduler", "scheduler"),
];

/// The world's name for a service Stratus simulates (`sqs`), by serviceId.
pub fn simulated(sdk_id: &str) -> Option<&'static str> {
    SIMULATED
        .iter()
        .find(|(id, _)| *id == sdk_id)
        .map(|(_, service)| *service)
}

/// JavaScript `{ input, output, status }` hooks for the members the SDK
/// carries as bytes or binds to the HTTP status, by service.
const HOOKS: &[(&str, &str)] = &[("lambda", LAMBDA_HOOKS)];

const DEFAULT_HOOKS: &str = "{ input: (a, i) => i, output: (a, o) => o, status: () => 0 }";

/// Lambda's Invoke: the Payload is bytes (or text) in, a `Uint8Array` with
/// `transformToString()` out, and StatusCode is the HTTP status.
const LAMBDA_HOOKS: &str = r#"{
  input(action, input) {
    if (action === 'Invoke' && input.Payload != null && typeof input.Payload !== 'string') {
      return Object.assign({}, input, { Payload: Buffer.from(input.Payload).toString('utf8') });
    }
    return input;
  },
  output(action, out) {
    if (action === 'Invoke' && 'Payload' in out) {
      const bytes = new Uint8Array(Buffer.from(JSON.stringify(out.Payload)));
      bytes.transformToString = function (encoding) { return Buffer.from(this).toString(encoding || 'utf8'); };
      return Object.assign({}, out, { Payload: bytes });
    }
    return out;
  },
  status(action, out) { return action === 'Invoke' && typeof out.StatusCode === 'number' ? out.StatusCode : 0; }
}"#;

/// JavaScript source of a factory `(hostCall, uuid, builtin) => exports` for
/// the package `name`, or `None` if it is not an SDK package Stratus knows.
pub fn factory_source(name: &str) -> Option<String> {
    let body = match name {
        "@aws-sdk/util-dynamodb" => asset!("util_dynamodb.js").to_string(),
        "@aws-sdk/lib-dynamodb" => asset!("lib_dynamodb.js").to_string(),
        // In the browser the models arrive after the page's first paint; an import before
        // then fails as a module that cannot load, and says why.
        _ if name.starts_with("@aws-sdk/") && !models::available() => format!(
            "throw new Error({:?});",
            format!("Stratus is still loading the AWS SDK's service models, which {name} is built from: invoke again in a moment")
        ),
        _ => {
            let service = models::by_package(name)?;
            let hooks = HOOKS
                .iter()
                .find(|(s, _)| Some(*s) == simulated(service.sdk_id))
                .map_or(DEFAULT_HOOKS, |(_, h)| h);
            // Only the parts the model needs are parsed (parsing is most of
            // the cost of an import).
            let model = model_json(&service);
            let has = |key: &str| model[key].as_array().is_some_and(|a| !a.is_empty());
            let paginators = if has("paginators") { asset!("paginators.js") } else { "" };
            let waiters = if has("waiterNames") { asset!("waiters.js") } else { "" };
            let client = asset!("client.js");
            // The enums arrive as JSON text, which keeps every key an own
            // property (even one spelt `__proto__`) and parses natively.
            let enums = serde_json::to_string(&enums::json(service.sdk_id).to_string())
                .unwrap_or_else(|_| "'{}'".into());
            format!(
                "const MODEL = {model};\nconst HOOKS = {hooks};\nconst ENUMS = JSON.parse({enums});\n{client}{paginators}{waiters}return out;"
            )
        }
    };
    Some(format!(
        "(function (hostCall, uuid, builtin) {{\n{body}\n}})"
    ))
}

/// What `client.js` reads of a service's model.
fn model_json(service: &models::ServiceModel) -> Value {
    let world = simulated(service.sdk_id);
    let operations = service.operations();
    let statuses: serde_json::Map<String, Value> = operations
        .iter()
        .filter(|o| o.status != 200)
        .map(|o| (o.name.clone(), json!(o.status)))
        .collect();
    let errors = service.errors();
    let pick = |server: bool| -> Vec<&str> {
        errors
            .iter()
            .filter(|(_, s)| *s == server)
            .map(|(n, _)| n.as_str())
            .collect()
    };
    let paginators: Vec<Value> = service
        .paginators()
        .into_iter()
        .map(|p| json!([p.operation, p.input_token, p.output_token, p.limit_key]))
        .collect();
    let waiters: Value = match world {
        Some(w) => serde_json::from_str(&crate::api::waiters::for_sdk(w)).unwrap_or(json!({})),
        None => json!({}),
    };
    json!({
        "name": service.name(),
        "sdkId": service.sdk_id,
        "package": service.package(),
        "service": world.unwrap_or(service.sdk_id),
        "simulated": world.is_some(),
        "simulatedList": simulated_list(),
        "query": service.query_compatible,
        "operations": operations.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(),
        "statuses": statuses,
        "errors": pick(false),
        "serverErrors": pick(true),
        "paginators": paginators,
        "waiters": waiters,
        "waiterNames": service.waiters(),
    })
}

/// The simulated services' serviceIds (`Lambda, SQS`), for messages.
fn simulated_list() -> String {
    let mut ids: Vec<&str> = SIMULATED.iter().map(|(id, _)| *id).collect();
    ids.sort_unstable();
    ids.join(", ")
}
