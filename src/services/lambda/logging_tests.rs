//! LoggingConfig as Lambda applies it: plain text by default; the JSON log
//! format writes each console line and the platform lines as JSON records and
//! filters them by level; a custom log group receives the logs.

use super::model::SETTLE_DELAY;
use crate::{Settings, World};
use serde_json::{json, Value};

const HANDLER: &str = "export const handler = async () => {\n\
    console.log('hi');\n\
    console.log({ order: 7, items: [1, 2] });\n\
    console.debug('too detailed');\n\
    console.warn('careful', 2);\n\
    return process.env.AWS_LAMBDA_LOG_FORMAT + ' ' + process.env.AWS_LAMBDA_LOG_LEVEL + ' ' + process.env.AWS_LAMBDA_LOG_GROUP_NAME;\n\
};";

fn world(logging: Value) -> (World, Result<Value, crate::AwsError>) {
    let mut w = World::new(Settings::default());
    let r = w.call(
        "lambda:CreateFunction",
        json!({
            "FunctionName": "fn",
            "Runtime": "nodejs22.x",
            "Role": "arn:aws:iam::123456789012:role/r",
            "Handler": "index.handler",
            "LoggingConfig": logging,
            "Code": {"Files": {"index.mjs": HANDLER}},
        }),
    );
    w.advance(SETTLE_DELAY);
    (w, r)
}

fn lines(w: &World, group: &str) -> Vec<String> {
    w.logs()
        .group(group)
        .map(|g| {
            g.streams
                .values()
                .flat_map(|s| s.events.iter().map(|e| e.message.clone()))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_json_log_format_writes_records_filtered_by_level() {
    let (mut w, created) = world(json!({"LogFormat": "JSON"}));
    assert_eq!(
        created.unwrap()["LoggingConfig"],
        json!({"LogFormat": "JSON", "ApplicationLogLevel": "INFO", "SystemLogLevel": "INFO", "LogGroup": "/aws/lambda/fn"})
    );
    let out = w
        .call("lambda:Invoke", json!({"FunctionName": "fn"}))
        .unwrap();
    assert_eq!(out["Payload"], "JSON INFO /aws/lambda/fn");
    let records: Vec<Value> = lines(&w, "/aws/lambda/fn")
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect();
    assert_eq!(records[0]["type"], "platform.start");
    assert_eq!(records[0]["record"]["version"], "$LATEST");
    let request_id = records[0]["record"]["requestId"].clone();
    assert_eq!(records[1]["level"], "INFO");
    assert_eq!(records[1]["message"], "hi");
    assert_eq!(records[1]["requestId"], request_id);
    // One logged object stays an object.
    assert_eq!(records[2]["message"], json!({"order": 7, "items": [1, 2]}));
    // DEBUG is below INFO: dropped.
    assert_eq!(records[3]["level"], "WARN");
    assert_eq!(records[3]["message"], "careful 2");
    assert_eq!(records[4]["type"], "platform.report");
    assert_eq!(records[4]["record"]["status"], "success");
    assert!(records[4]["record"]["metrics"]["billedDurationMs"].is_u64());
    assert_eq!(records.len(), 5);
    // The key order the runtime writes.
    assert!(lines(&w, "/aws/lambda/fn")[1].starts_with("{\"timestamp\":"));
}

#[test]
fn log_levels_need_the_json_format() {
    let (_, created) = world(json!({"LogFormat": "Text", "ApplicationLogLevel": "DEBUG"}));
    let e = created.unwrap_err();
    assert_eq!(e.code, "InvalidParameterValueException");
    assert_eq!(e.message, "LogLevel is not supported when LogFormat is set to \"Text\". Remove LogLevel from your request or change the LogFormat to \"Json\" and try again.");
    let (_, created) = world(json!({"LogFormat": "XML"}));
    let e = created.unwrap_err();
    assert_eq!(e.code, "ValidationException");
    assert_eq!(e.message, "1 validation error detected: Value 'XML' at 'loggingConfig.logFormat' failed to satisfy constraint: Member must satisfy enum value set: [JSON, Text]");
    // DEBUG lets console.debug through; switching back to Text drops the levels.
    let (mut w, _) = world(
        json!({"LogFormat": "JSON", "ApplicationLogLevel": "DEBUG", "SystemLogLevel": "WARN"}),
    );
    w.call("lambda:Invoke", json!({"FunctionName": "fn"}))
        .unwrap();
    let got = lines(&w, "/aws/lambda/fn");
    assert!(got.iter().any(|l| l.contains("too detailed")));
    assert!(
        !got.iter().any(|l| l.contains("platform.")),
        "no INFO platform records at WARN"
    );
    let c = w
        .call(
            "lambda:UpdateFunctionConfiguration",
            json!({"FunctionName": "fn", "LoggingConfig": {"LogFormat": "Text"}}),
        )
        .unwrap();
    assert_eq!(
        c["LoggingConfig"],
        json!({"LogFormat": "Text", "LogGroup": "/aws/lambda/fn"})
    );
}

#[test]
fn a_custom_log_group_receives_the_functions_logs() {
    let (mut w, created) = world(json!({"LogGroup": "/shared/orders"}));
    assert_eq!(
        created.unwrap()["LoggingConfig"]["LogGroup"],
        "/shared/orders"
    );
    let out = w
        .call("lambda:Invoke", json!({"FunctionName": "fn"}))
        .unwrap();
    assert!(out["Payload"].as_str().unwrap().ends_with("/shared/orders"));
    let got = lines(&w, "/shared/orders");
    assert!(got[0].starts_with("START RequestId: "), "{got:?}");
    assert!(lines(&w, "/aws/lambda/fn").is_empty());
}
