//! FIFO queues, rule by rule, as the SQS developer guide states them: names,
//! attributes, group and deduplication ids, sequence numbers and deduplication
//! (receiving, throughput and dead-letter queues are in `fifo_order_tests`).

use crate::api::AwsError;
use crate::sim::SECOND;
use crate::{Settings, World};
use serde_json::{json, Value};

pub(super) fn code(r: Result<Value, AwsError>) -> String {
    r.unwrap_err().code
}

/// A world with a FIFO queue "jobs.fifo" created with `attributes` (FifoQueue added); its URL too.
pub(super) fn world_with_fifo(attributes: Value) -> (World, String) {
    let mut w = World::new(Settings::default());
    let mut attrs = attributes;
    attrs["FifoQueue"] = json!("true");
    let r = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "jobs.fifo", "Attributes": attrs}),
        )
        .unwrap();
    (w, r["QueueUrl"].as_str().unwrap().to_string())
}

pub(super) fn send(w: &mut World, url: &str, body: &str, group: &str, dedup: &str) -> Value {
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": body, "MessageGroupId": group, "MessageDeduplicationId": dedup}),
    )
    .unwrap()
}

pub(super) fn receive(w: &mut World, url: &str, max: u32) -> Vec<Value> {
    let r = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": max, "MessageSystemAttributeNames": ["All"]}),
        )
        .unwrap();
    r["Messages"].as_array().cloned().unwrap_or_default()
}

pub(super) fn bodies(messages: &[Value]) -> Vec<&str> {
    messages
        .iter()
        .map(|m| m["Body"].as_str().unwrap())
        .collect()
}

pub(super) fn delete(w: &mut World, url: &str, m: &Value) {
    w.call(
        "sqs:DeleteMessage",
        json!({"QueueUrl": url, "ReceiptHandle": m["ReceiptHandle"]}),
    )
    .unwrap();
}

#[test]
fn a_fifo_queue_name_must_end_with_fifo_and_the_queue_must_say_fifo_queue_true() {
    let mut w = World::new(Settings::default());
    let e = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "jobs", "Attributes": {"FifoQueue": "true"}}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue");
    assert!(e.message.contains("must end with .fifo suffix"));
    // Without FifoQueue the name is a standard queue's, and a dot is not allowed there.
    assert_eq!(
        code(w.call("sqs:CreateQueue", json!({"QueueName": "jobs.fifo"}))),
        "InvalidParameterValue"
    );
    let long = format!("{}.fifo", "a".repeat(76));
    assert_eq!(
        code(w.call(
            "sqs:CreateQueue",
            json!({"QueueName": long, "Attributes": {"FifoQueue": "true"}})
        )),
        "InvalidParameterValue"
    );
    assert_eq!(
        w.sqs().queues().count(),
        0,
        "a refused CreateQueue creates nothing"
    );
    let ok = format!("{}.fifo", "a".repeat(75));
    w.call(
        "sqs:CreateQueue",
        json!({"QueueName": ok, "Attributes": {"FifoQueue": "true"}}),
    )
    .unwrap();
}

#[test]
fn creating_the_same_fifo_queue_again_is_idempotent_and_a_different_setting_is_queue_already_exists(
) {
    let (mut w, url) = world_with_fifo(json!({}));
    let again = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "jobs.fifo", "Attributes": {"FifoQueue": "true"}}),
        )
        .unwrap();
    assert_eq!(again["QueueUrl"], url);
    assert_eq!(
        code(w.call(
            "sqs:CreateQueue",
            json!({"QueueName": "jobs.fifo", "Attributes": {"FifoQueue": "true", "ContentBasedDeduplication": "true"}})
        )),
        "QueueAlreadyExists"
    );
}

#[test]
fn a_fifo_queue_reports_its_fifo_attributes_with_their_defaults() {
    let (mut w, url) = world_with_fifo(json!({}));
    let r = w
        .call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": ["All"]}),
        )
        .unwrap();
    let a = &r["Attributes"];
    assert_eq!(a["FifoQueue"], "true");
    assert_eq!(a["ContentBasedDeduplication"], "false");
    assert_eq!(a["DeduplicationScope"], "queue");
    assert_eq!(a["FifoThroughputLimit"], "perQueue");
    w.call(
        "sqs:SetQueueAttributes",
        json!({"QueueUrl": url, "Attributes": {"DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}}),
    )
    .unwrap();
    let r = w
        .call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": ["DeduplicationScope", "FifoThroughputLimit"]}),
        )
        .unwrap();
    assert_eq!(
        r["Attributes"],
        json!({"DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"})
    );
}

#[test]
fn per_message_group_throughput_needs_message_group_deduplication_and_bad_values_change_nothing() {
    let (mut w, url) = world_with_fifo(json!({}));
    let e = w
        .call(
            "sqs:SetQueueAttributes",
            json!({"QueueUrl": url, "Attributes": {"FifoThroughputLimit": "perMessageGroupId"}}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidAttributeValue");
    let e = w
        .call(
            "sqs:SetQueueAttributes",
            json!({"QueueUrl": url, "Attributes": {"DeduplicationScope": "everywhere"}}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidAttributeValue");
    assert_eq!(
        code(w.call(
            "sqs:SetQueueAttributes",
            json!({"QueueUrl": url, "Attributes": {"FifoQueue": "false"}})
        )),
        "InvalidAttributeValue",
        "a queue's type is fixed when it is created"
    );
    let a = &w.sqs().queue("jobs.fifo").unwrap().attributes;
    assert_eq!(a.fifo, Some(Default::default()));
}

#[test]
fn a_send_to_a_fifo_queue_needs_a_message_group_id() {
    let (mut w, url) = world_with_fifo(json!({}));
    let e = w
        .call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": "a", "MessageDeduplicationId": "d"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "MissingParameter");
    assert_eq!(
        e.message,
        "The request must contain the parameter MessageGroupId."
    );
    let e = w
        .call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": "a", "MessageGroupId": "bad group", "MessageDeduplicationId": "d"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue");
    assert_eq!(w.sqs().queue("jobs.fifo").unwrap().messages.len(), 0);
}

#[test]
fn a_send_without_a_deduplication_id_needs_content_based_deduplication() {
    let (mut w, url) = world_with_fifo(json!({}));
    let e = w
        .call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": "a", "MessageGroupId": "g"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue");
    assert_eq!(e.message, "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly");
}

#[test]
fn a_per_message_delay_is_rejected_on_a_fifo_queue_but_the_queue_delay_applies() {
    let (mut w, url) = world_with_fifo(json!({"DelaySeconds": "5"}));
    let e = w
        .call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": "a", "MessageGroupId": "g", "MessageDeduplicationId": "d", "DelaySeconds": 2}),
        )
        .unwrap_err();
    assert_eq!(
        e.message,
        "Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type."
    );
    // DelaySeconds 0 asks for no per-message delay, which a FIFO queue accepts; the queue's applies.
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": "a", "MessageGroupId": "g", "MessageDeduplicationId": "d", "DelaySeconds": 0}),
    )
    .unwrap();
    send(&mut w, &url, "b", "g", "e");
    assert!(receive(&mut w, &url, 1).is_empty(), "delayed by the queue");
    w.advance(5 * SECOND);
    assert_eq!(bodies(&receive(&mut w, &url, 2)), ["a", "b"]);
}

#[test]
fn each_send_gets_a_larger_sequence_number() {
    let (mut w, url) = world_with_fifo(json!({}));
    let a = send(&mut w, &url, "a", "g", "1");
    let b = send(&mut w, &url, "b", "g", "2");
    w.advance(SECOND);
    let c = send(&mut w, &url, "c", "h", "3");
    let n = |v: &Value| {
        v["SequenceNumber"]
            .as_str()
            .unwrap()
            .parse::<u128>()
            .unwrap()
    };
    assert!(n(&a) < n(&b) && n(&b) < n(&c));
    assert_eq!(a["SequenceNumber"].as_str().unwrap().len(), 20);
}

#[test]
fn a_deduplication_id_sent_again_within_5_minutes_is_accepted_but_not_delivered() {
    let (mut w, url) = world_with_fifo(json!({}));
    let first = send(&mut w, &url, "pay order 7", "orders", "order-7");
    w.advance(4 * 60 * SECOND);
    let again = send(&mut w, &url, "pay order 7", "orders", "order-7");
    assert_eq!(again["MessageId"], first["MessageId"]);
    assert_eq!(again["SequenceNumber"], first["SequenceNumber"]);
    assert_eq!(w.sqs().queue("jobs.fifo").unwrap().messages.len(), 1);
    assert_eq!(
        w.trace().all().last().unwrap().kind.name(),
        "MessageDeduplicated"
    );
    // Deleting the message does not end the interval: SQS keeps tracking the id.
    let m = receive(&mut w, &url, 1);
    delete(&mut w, &url, &m[0]);
    send(&mut w, &url, "pay order 7", "orders", "order-7");
    assert!(receive(&mut w, &url, 1).is_empty());
    // Five minutes after the first send the id is new again.
    w.advance(60 * SECOND);
    let later = send(&mut w, &url, "pay order 7", "orders", "order-7");
    assert_ne!(later["MessageId"], first["MessageId"]);
    assert_eq!(bodies(&receive(&mut w, &url, 1)), ["pay order 7"]);
}

#[test]
fn content_based_deduplication_takes_the_sha256_of_the_body_not_its_attributes() {
    let (mut w, url) = world_with_fifo(json!({"ContentBasedDeduplication": "true"}));
    let send_with = |w: &mut World, body: &str, colour: &str| {
        w.call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": body, "MessageGroupId": "g",
                   "MessageAttributes": {"colour": {"DataType": "String", "StringValue": colour}}}),
        )
        .unwrap()
    };
    let a = send_with(&mut w, "hello", "red");
    let b = send_with(&mut w, "hello", "blue");
    assert_eq!(a["MessageId"], b["MessageId"]);
    // The duplicate's answer still digests what this request sent.
    assert!(b["MD5OfMessageAttributes"].is_string());
    assert_ne!(a["MD5OfMessageAttributes"], b["MD5OfMessageAttributes"]);
    send_with(&mut w, "hello!", "red");
    let got = receive(&mut w, &url, 10);
    assert_eq!(bodies(&got), ["hello", "hello!"]);
    assert_eq!(
        got[0]["Attributes"]["MessageDeduplicationId"],
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
    );
    // An explicit id overrides the generated one.
    let c = w
        .call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": "hello", "MessageGroupId": "g", "MessageDeduplicationId": "other"}),
        )
        .unwrap();
    assert_ne!(c["MessageId"], a["MessageId"]);
}

#[test]
fn with_message_group_deduplication_the_same_id_in_two_groups_is_two_messages() {
    let (mut w, url) = world_with_fifo(json!({"DeduplicationScope": "messageGroup"}));
    let a = send(&mut w, &url, "a", "g1", "same");
    let b = send(&mut w, &url, "b", "g2", "same");
    assert_ne!(a["MessageId"], b["MessageId"]);
    let c = send(&mut w, &url, "c", "g1", "same");
    assert_eq!(c["MessageId"], a["MessageId"]);
    let (mut w, url) = world_with_fifo(json!({}));
    let a = send(&mut w, &url, "a", "g1", "same");
    let b = send(&mut w, &url, "b", "g2", "same");
    assert_eq!(a["MessageId"], b["MessageId"], "queue scope spans groups");
}
