//! Long polling in virtual time: a ReceiveMessage with a wait answers as soon
//! as a message is there, or empty when its wait ends.

use super::test_support::world_with_queue;
use crate::sim::SECOND;
use crate::World;
use serde_json::{json, Value};

fn receive(w: &mut World, url: &str, extra: Value) -> Value {
    let mut input = json!({"QueueUrl": url});
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    w.call("sqs:ReceiveMessage", input).unwrap()
}

#[test]
fn a_long_poll_with_nothing_to_receive_answers_empty_when_its_wait_ends() {
    let (mut w, url) = world_with_queue(json!({}));
    let start = w.now();
    assert_eq!(
        receive(&mut w, &url, json!({"WaitTimeSeconds": 20})),
        json!({})
    );
    assert_eq!(w.now(), start + 20 * SECOND);
}

#[test]
fn a_long_poll_answers_as_soon_as_a_delayed_message_becomes_visible() {
    let (mut w, url) = world_with_queue(json!({}));
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": "soon", "DelaySeconds": 7}),
    )
    .unwrap();
    let start = w.now();
    let r = receive(&mut w, &url, json!({"WaitTimeSeconds": 20}));
    assert_eq!(r["Messages"][0]["Body"], "soon");
    assert_eq!(w.now(), start + 7 * SECOND);
}

#[test]
fn a_long_poll_gets_a_message_whose_visibility_timeout_ends_during_the_wait() {
    let (mut w, url) = world_with_queue(json!({"VisibilityTimeout": "5"}));
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": "again"}),
    )
    .unwrap();
    receive(&mut w, &url, json!({}));
    let r = receive(
        &mut w,
        &url,
        json!({"WaitTimeSeconds": 10, "MessageSystemAttributeNames": ["ApproximateReceiveCount"]}),
    );
    assert_eq!(
        r["Messages"][0]["Attributes"]["ApproximateReceiveCount"],
        "2"
    );
}

#[test]
fn a_message_already_visible_is_returned_at_once_by_a_long_poll() {
    let (mut w, url) = world_with_queue(json!({}));
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": "here"}),
    )
    .unwrap();
    let start = w.now();
    assert_eq!(
        receive(&mut w, &url, json!({"WaitTimeSeconds": 20}))["Messages"][0]["Body"],
        "here"
    );
    assert_eq!(w.now(), start);
}

#[test]
fn the_queue_receive_message_wait_time_seconds_applies_unless_the_request_says_otherwise() {
    let (mut w, url) = world_with_queue(json!({"ReceiveMessageWaitTimeSeconds": "10"}));
    let start = w.now();
    receive(&mut w, &url, json!({}));
    assert_eq!(w.now(), start + 10 * SECOND);
    // WaitTimeSeconds 0 makes this one a short poll.
    receive(&mut w, &url, json!({"WaitTimeSeconds": 0}));
    assert_eq!(w.now(), start + 10 * SECOND);
    let r = w
        .call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": ["ReceiveMessageWaitTimeSeconds"]}),
        )
        .unwrap();
    assert_eq!(r["Attributes"]["ReceiveMessageWaitTimeSeconds"], "10");
}

#[test]
fn receive_message_wait_time_seconds_is_0_to_20() {
    let mut w = World::new(crate::Settings::default());
    let e = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "q", "Attributes": {"ReceiveMessageWaitTimeSeconds": "21"}}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidAttributeValue");
}
