//! The router: one way to wait, deliveries that always leave a trace event,
//! and the text path answering exactly as the JSON path.

use super::{Settings, World};
use serde_json::json;

fn queue(w: &mut World, name: &str) -> String {
    w.call("sqs:CreateQueue", json!({"QueueName": name}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_waiting_call_is_asked_again_only_when_its_own_queue_changes() {
    let mut w = World::new(Settings::default());
    let idle = queue(&mut w, "idle");
    let busy = queue(&mut w, "busy");
    w.call(
        "fleet:CreateConsumerFleet",
        json!({"FleetName": "f", "QueueUrl": idle, "Pollers": 50, "WaitTimeSeconds": 20}),
    )
    .unwrap();
    w.advance(1_000);
    assert_eq!(w.suspended_calls().len(), 50);
    let before = w.waits_retried();
    for i in 0..20 {
        w.call(
            "sqs:SendMessage",
            json!({"QueueUrl": busy, "MessageBody": format!("m{i}")}),
        )
        .unwrap();
    }
    assert_eq!(w.waits_retried(), before, "no idle poller was asked again");
    // A message on their own queue wakes them: the first in line takes it.
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": idle, "MessageBody": "for you"}),
    )
    .unwrap();
    assert!(w.waits_retried() > before);
    assert_eq!(w.suspended_calls().len(), 49);
}

#[test]
fn a_destination_that_names_a_service_not_simulated_yet_records_a_failed_delivery() {
    let mut w = World::new(Settings::default());
    w.call(
        "lambda:CreateFunction",
        json!({"FunctionName": "f", "Runtime": "nodejs22.x", "Handler": "index.handler",
               "Role": "arn:aws:iam::123456789012:role/r",
               "Code": {"Files": {"index.mjs": "export const handler = async () => 'ok';"}}}),
    )
    .unwrap();
    w.advance(crate::services::lambda::model::SETTLE_DELAY);
    w.call(
        "lambda:PutFunctionEventInvokeConfig",
        json!({"FunctionName": "f", "DestinationConfig": {"OnSuccess": {
            "Destination": "arn:aws:sns:us-east-1:123456789012:topic"}}}),
    )
    .unwrap();
    w.call(
        "lambda:Invoke",
        json!({"FunctionName": "f", "InvocationType": "Event"}),
    )
    .unwrap();
    w.run_until_idle();
    let failed: Vec<String> = w
        .trace()
        .all()
        .iter()
        .filter(|e| e.kind.name() == "DeliveryFailed")
        .map(|e| e.to_json_line())
        .collect();
    assert_eq!(failed.len(), 1, "{failed:?}");
    assert!(
        failed[0].contains("SNS is not simulated by Stratus yet"),
        "{}",
        failed[0]
    );
}

#[test]
fn the_text_path_answers_what_the_json_path_answers_and_bills_the_same() {
    let (mut a, mut b) = (
        World::new(Settings::default()),
        World::new(Settings::default()),
    );
    let steps = [
        ("sqs:CreateQueue", json!({"QueueName": "q"})),
        (
            "sqs:SendMessage",
            json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q", "MessageBody": "caf\u{e9} \"quoted\""}),
        ),
        (
            "sqs:ReceiveMessage",
            json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q", "MessageSystemAttributeNames": ["All"]}),
        ),
        (
            "sqs:ReceiveMessage",
            json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q", "WaitTimeSeconds": 2}),
        ),
        (
            "sqs:SendMessage",
            json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/nope", "MessageBody": "x"}),
        ),
        ("lambda:ListFunctions", json!({})),
    ];
    for (action, input) in steps {
        let tree = a.call(action, input.clone()).map(|v| v.to_string());
        let text = b.call_text(action, &input.to_string());
        assert_eq!(tree, text, "{action}");
    }
    assert_eq!(a.trace().all(), b.trace().all());
    assert_eq!(a.sqs().usage(), b.sqs().usage());
    assert_eq!(a.now(), b.now(), "the long poll waited in both");
    let e = b.call_text("sqs:SendMessage", "{not json").unwrap_err();
    assert_eq!(e.code, "SerializationException");
}
