//! Delivery to targets: input transformation, another bus as a target, and what a
//! failed delivery leaves (dead-letter queue with AWS's attributes, or nothing).

use super::deliver::retried;
use crate::api::AwsError;
use crate::{Settings, World};
use serde_json::{json, Value};

const ACCOUNT: &str = "123456789012";

fn queue(w: &mut World, name: &str) -> String {
    w.call("sqs:CreateQueue", json!({"QueueName": name}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string()
}

fn arn(name: &str) -> String {
    format!("arn:aws:sqs:us-east-1:{ACCOUNT}:{name}")
}

fn receive(w: &mut World, url: &str) -> Vec<Value> {
    let got = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": 10, "MessageAttributeNames": ["All"]}),
        )
        .unwrap();
    got.get("Messages")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn put(w: &mut World, detail: Value) {
    w.call(
        "events:PutEvents",
        json!({"Entries": [{"Source": "shop", "DetailType": "Order Placed", "Detail": detail.to_string()}]}),
    )
    .unwrap();
}

#[test]
fn an_input_transformer_fills_its_template_from_the_event() {
    let mut w = World::new(Settings::default());
    let url = queue(&mut w, "out");
    w.call(
        "events:PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\":[\"shop\"]}"}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "t", "Arn": arn("out"), "InputTransformer": {
            "InputPathsMap": {"order": "$.detail.order", "amount": "$.detail.amount"},
            "InputTemplate": "{\"text\": \"order <order> for <amount>\", \"amount\": <amount>, \"rule\": \"<aws.events.rule-name>\"}"
        }}]}),
    )
    .unwrap();
    put(&mut w, json!({"order": "o-1", "amount": 42}));
    let got = receive(&mut w, &url);
    let body: Value = serde_json::from_str(got[0]["Body"].as_str().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({"text": "order o-1 for 42", "amount": 42, "rule": "r"})
    );
}

#[test]
fn input_path_to_a_string_sends_it_as_a_json_string() {
    let mut w = World::new(Settings::default());
    let url = queue(&mut w, "out");
    w.call(
        "events:PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\":[\"shop\"]}"}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "t", "Arn": arn("out"), "InputPath": "$.detail.order"}]}),
    )
    .unwrap();
    put(&mut w, json!({"order": "o-1"}));
    assert_eq!(receive(&mut w, &url)[0]["Body"], "\"o-1\"");
}

#[test]
fn every_target_of_a_matched_rule_gets_the_event_at_the_same_instant() {
    let mut w = World::new(Settings::default());
    let a = queue(&mut w, "a");
    let b = queue(&mut w, "b");
    w.call(
        "events:PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\":[\"shop\"]}"}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "a", "Arn": arn("a")}, {"Id": "b", "Arn": arn("b"), "Input": "{\"fixed\":true}"}]}),
    )
    .unwrap();
    put(&mut w, json!({}));
    assert_eq!(receive(&mut w, &a).len(), 1);
    assert_eq!(receive(&mut w, &b)[0]["Body"], "{\"fixed\":true}");
}

#[test]
fn another_bus_as_a_target_gets_the_same_event() {
    let mut w = World::new(Settings::default());
    let url = queue(&mut w, "audit");
    w.call("events:CreateEventBus", json!({"Name": "audit"}))
        .unwrap();
    w.call(
        "events:PutRule",
        json!({"Name": "fwd", "EventPattern": "{\"source\":[\"shop\"]}"}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "fwd", "Targets": [{"Id": "bus", "Arn": format!("arn:aws:events:us-east-1:{ACCOUNT}:event-bus/audit")}]}),
    )
    .unwrap();
    w.call(
        "events:PutRule",
        json!({"Name": "keep", "EventBusName": "audit", "EventPattern": "{\"detail-type\":[\"Order Placed\"]}"}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "keep", "EventBusName": "audit", "Targets": [{"Id": "q", "Arn": arn("audit")}]}),
    )
    .unwrap();
    put(&mut w, json!({"n": 1}));
    let got = receive(&mut w, &url);
    let body: Value = serde_json::from_str(got[0]["Body"].as_str().unwrap()).unwrap();
    assert_eq!(
        (body["source"].as_str(), body["detail"]["n"].as_i64()),
        (Some("shop"), Some(1))
    );
}

#[test]
fn a_target_that_does_not_exist_is_not_retried_and_the_event_goes_to_its_dead_letter_queue() {
    let mut w = World::new(Settings::default());
    let dlq = queue(&mut w, "dlq");
    let rule = w
        .call(
            "events:PutRule",
            json!({"Name": "r", "EventPattern": "{\"source\":[\"shop\"]}"}),
        )
        .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "t", "Arn": arn("gone"), "DeadLetterConfig": {"Arn": arn("dlq")}}]}),
    )
    .unwrap();
    put(&mut w, json!({"n": 1}));
    let got = receive(&mut w, &dlq);
    assert_eq!(got.len(), 1);
    let body: Value = serde_json::from_str(got[0]["Body"].as_str().unwrap()).unwrap();
    assert_eq!(body["detail"], json!({"n": 1}));
    let attrs = &got[0]["MessageAttributes"];
    assert_eq!(attrs["RULE_ARN"]["StringValue"], rule["RuleArn"]);
    assert_eq!(attrs["TARGET_ARN"]["StringValue"], arn("gone"));
    assert_eq!(attrs["ERROR_CODE"]["StringValue"], "RESOURCE_NOT_FOUND");
    assert_eq!(attrs["RETRY_ATTEMPTS"]["StringValue"], "0");
    let names: Vec<&str> = w.trace().all().iter().map(|e| e.kind.name()).collect();
    assert!(names.contains(&"SentToDeadLetterQueue"), "{names:?}");
}

#[test]
fn without_a_dead_letter_queue_a_failed_event_is_dropped() {
    let mut w = World::new(Settings::default());
    w.call(
        "events:PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\":[\"shop\"]}"}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "t", "Arn": arn("gone")}]}),
    )
    .unwrap();
    put(&mut w, json!({}));
    let names: Vec<&str> = w.trace().all().iter().map(|e| e.kind.name()).collect();
    assert!(names.contains(&"EventDropped"), "{names:?}");
}

#[test]
fn throttling_and_service_faults_are_retried_and_client_errors_are_not() {
    let e = |code: &str, status: u16| AwsError::new("", code, status, "");
    assert!(retried(&e("ThrottlingException", 400)));
    assert!(retried(&e("TooManyRequestsException", 429)));
    assert!(retried(&e("ServiceException", 500)));
    assert!(!retried(&e("ResourceNotFoundException", 404)));
    assert!(!retried(&e("AccessDeniedException", 403)));
}

#[test]
fn a_lambda_destination_on_a_bus_puts_the_invocation_record_as_an_event_from_lambda() {
    let mut w = World::new(Settings::default());
    let url = queue(&mut w, "results");
    w.call(
        "lambda:CreateFunction",
        json!({"FunctionName": "fn", "Runtime": "nodejs22.x", "Role": "arn:aws:iam::123456789012:role/r",
               "Handler": "index.handler", "Code": {"Files": {"index.mjs": "export const handler = async () => ({ ok: true });"}}}),
    )
    .unwrap();
    w.advance(60_000);
    let bus = format!("arn:aws:events:us-east-1:{ACCOUNT}:event-bus/default");
    w.call(
        "lambda:PutFunctionEventInvokeConfig",
        json!({"FunctionName": "fn", "DestinationConfig": {"OnSuccess": {"Destination": bus}}}),
    )
    .unwrap();
    w.call(
        "events:PutRule",
        json!({"Name": "results", "EventPattern": "{\"source\":[\"lambda\"],\"detail-type\":[\"Lambda Function Invocation Result - Success\"]}"}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "results", "Targets": [{"Id": "q", "Arn": arn("results")}]}),
    )
    .unwrap();
    w.call(
        "lambda:Invoke",
        json!({"FunctionName": "fn", "InvocationType": "Event", "Payload": {"n": 1}}),
    )
    .unwrap();
    w.advance(10_000);
    let got = receive(&mut w, &url);
    assert_eq!(
        got.len(),
        1,
        "{:?}",
        w.trace()
            .all()
            .iter()
            .map(|e| e.kind.describe())
            .collect::<Vec<_>>()
    );
    let body: Value = serde_json::from_str(got[0]["Body"].as_str().unwrap()).unwrap();
    assert_eq!(body["source"], "lambda");
    assert_eq!(body["detail"]["responsePayload"], json!({"ok": true}));
    assert_eq!(
        body["resources"][0],
        format!("arn:aws:lambda:us-east-1:{ACCOUNT}:function:fn:$LATEST")
    );
}
