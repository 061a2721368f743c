//! Key order: JSON reaches a handler, its logs and the caller with its keys in
//! the order they were written, as on AWS (JavaScript objects keep insertion
//! order; nothing on the way sorts them).

use super::invoke_tests::{log_messages, world_with};
use crate::sim::SECOND;
use crate::World;
use serde_json::{json, Value};

fn world(code: &str) -> World {
    world_with(code, json!({"Runtime": "nodejs24.x"}))
}

#[test]
fn an_events_keys_reach_the_handler_and_its_logs_in_the_order_they_were_sent() {
    let mut w = world(
        "export const handler = async (event) => { console.log(JSON.stringify(event)); return Object.keys(event); };",
    );
    let payload: Value = serde_json::from_str(
        r#"{"zeta":1,"alpha":{"yak":true,"bee":false},"mid":[{"z":0,"a":1}]}"#,
    )
    .unwrap();
    let r = w
        .call(
            "lambda:Invoke",
            json!({"FunctionName": "fn", "Payload": payload}),
        )
        .unwrap();
    assert_eq!(r["Payload"], json!(["zeta", "alpha", "mid"]));
    let logs = log_messages(&w);
    assert!(
        logs.iter()
            .any(|l| l
                .ends_with(r#"{"zeta":1,"alpha":{"yak":true,"bee":false},"mid":[{"z":0,"a":1}]}"#)),
        "{logs:?}"
    );
}

#[test]
fn a_responses_keys_keep_the_order_the_handler_built_them_in() {
    let mut w = world(
        "export const handler = async () => ({ statusCode: 200, headers: { 'X-Custom-Header': 'v', 'Content-Type': 'text/plain' }, body: 'ok' });",
    );
    let r = w
        .call(
            "lambda:Invoke",
            json!({"FunctionName": "fn", "Payload": {}}),
        )
        .unwrap();
    assert_eq!(
        serde_json::to_string(&r["Payload"]).unwrap(),
        r#"{"statusCode":200,"headers":{"X-Custom-Header":"v","Content-Type":"text/plain"},"body":"ok"}"#
    );
}

#[test]
fn an_sqs_records_keys_come_in_the_order_lambda_writes_them() {
    let mut w = world(
        "export const handler = async (event) => { const r = event.Records[0]; \
         console.log(Object.keys(r).join(',')); console.log(Object.keys(r.attributes).join(',')); \
         console.log(Object.keys(r.messageAttributes.colour).join(',')); };",
    );
    let url = w
        .call("sqs:CreateQueue", json!({"QueueName": "jobs"}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    w.call(
        "lambda:CreateEventSourceMapping",
        json!({"FunctionName": "fn", "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:jobs"}),
    )
    .unwrap();
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": "hi",
               "MessageAttributes": {"colour": {"DataType": "String", "StringValue": "red"}}}),
    )
    .unwrap();
    w.advance(30 * SECOND);
    let logs = log_messages(&w);
    let keys = |want: &str| logs.iter().any(|l| l.ends_with(want));
    assert!(
        keys("messageId,receiptHandle,body,attributes,messageAttributes,md5OfMessageAttributes,md5OfBody,eventSource,eventSourceARN,awsRegion"),
        "{logs:?}"
    );
    assert!(
        keys("ApproximateReceiveCount,SentTimestamp,SenderId,ApproximateFirstReceiveTimestamp"),
        "{logs:?}"
    );
    assert!(
        keys("stringValue,stringListValues,binaryListValues,dataType"),
        "{logs:?}"
    );
}
