//! FIFO queues, rule by rule, as the SQS developer guide states them.

use crate::api::AwsError;
use crate::sim::SECOND;
use crate::{Settings, World};
use serde_json::{json, Value};

fn code(r: Result<Value, AwsError>) -> String {
    r.unwrap_err().code
}

/// A world with a FIFO queue "jobs.fifo" created with `attributes` (FifoQueue added); its URL too.
fn world_with_fifo(attributes: Value) -> (World, String) {
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

fn send(w: &mut World, url: &str, body: &str, group: &str, dedup: &str) -> Value {
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": body, "MessageGroupId": group, "MessageDeduplicationId": dedup}),
    )
    .unwrap()
}

fn receive(w: &mut World, url: &str, max: u32) -> Vec<Value> {
    let r = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": max, "MessageSystemAttributeNames": ["All"]}),
        )
        .unwrap();
    r["Messages"].as_array().cloned().unwrap_or_default()
}

fn bodies(messages: &[Value]) -> Vec<&str> {
    messages
        .iter()
        .map(|m| m["Body"].as_str().unwrap())
        .collect()
}

fn delete(w: &mut World, url: &str, m: &Value) {
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

#[test]
fn messages_of_a_group_are_received_in_the_order_they_were_sent() {
    let (mut w, url) = world_with_fifo(json!({}));
    for i in 0..5 {
        send(&mut w, &url, &format!("m{i}"), "g", &format!("d{i}"));
    }
    let mut got = Vec::new();
    for _ in 0..5 {
        let m = receive(&mut w, &url, 1);
        got.push(m[0]["Body"].as_str().unwrap().to_string());
        delete(&mut w, &url, &m[0]);
    }
    assert_eq!(got, ["m0", "m1", "m2", "m3", "m4"]);
}

#[test]
fn a_group_with_a_message_in_flight_yields_nothing_more_until_it_is_deleted() {
    let (mut w, url) = world_with_fifo(json!({}));
    send(&mut w, &url, "a1", "a", "1");
    send(&mut w, &url, "a2", "a", "2");
    let first = receive(&mut w, &url, 1);
    assert_eq!(bodies(&first), ["a1"]);
    assert!(
        receive(&mut w, &url, 10).is_empty(),
        "a2 waits behind a1, which is in flight"
    );
    assert!(w.sqs().queue("jobs.fifo").unwrap().group_is_locked("a"));
    delete(&mut w, &url, &first[0]);
    assert_eq!(bodies(&receive(&mut w, &url, 10)), ["a2"]);
}

#[test]
fn a_group_whose_message_times_out_gives_that_same_message_again_first() {
    let (mut w, url) = world_with_fifo(json!({"VisibilityTimeout": "10"}));
    send(&mut w, &url, "a1", "a", "1");
    send(&mut w, &url, "a2", "a", "2");
    assert_eq!(bodies(&receive(&mut w, &url, 1)), ["a1"]);
    w.advance(10 * SECOND);
    let again = receive(&mut w, &url, 1);
    assert_eq!(bodies(&again), ["a1"]);
    assert_eq!(again[0]["Attributes"]["ApproximateReceiveCount"], "2");
}

#[test]
fn changing_the_visibility_to_zero_releases_the_group() {
    let (mut w, url) = world_with_fifo(json!({}));
    send(&mut w, &url, "a1", "a", "1");
    let m = receive(&mut w, &url, 1);
    w.call(
        "sqs:ChangeMessageVisibility",
        json!({"QueueUrl": url, "ReceiptHandle": m[0]["ReceiptHandle"], "VisibilityTimeout": 0}),
    )
    .unwrap();
    assert_eq!(bodies(&receive(&mut w, &url, 1)), ["a1"]);
}

#[test]
fn a_receive_returns_as_many_messages_of_one_group_as_it_can_then_other_groups() {
    let (mut w, url) = world_with_fifo(json!({}));
    send(&mut w, &url, "a1", "a", "1");
    send(&mut w, &url, "b1", "b", "2");
    send(&mut w, &url, "a2", "a", "3");
    send(&mut w, &url, "b2", "b", "4");
    send(&mut w, &url, "a3", "a", "5");
    assert_eq!(bodies(&receive(&mut w, &url, 4)), ["a1", "a2", "a3", "b1"]);
    assert!(
        receive(&mut w, &url, 4).is_empty(),
        "both groups are locked"
    );
}

#[test]
fn a_received_fifo_message_carries_its_group_deduplication_id_and_sequence_number() {
    let (mut w, url) = world_with_fifo(json!({}));
    let sent = send(&mut w, &url, "a", "g", "d-1");
    let m = &receive(&mut w, &url, 1)[0];
    assert_eq!(m["MessageId"], sent["MessageId"]);
    assert_eq!(m["Attributes"]["MessageGroupId"], "g");
    assert_eq!(m["Attributes"]["MessageDeduplicationId"], "d-1");
    assert_eq!(m["Attributes"]["SequenceNumber"], sent["SequenceNumber"]);
}

#[test]
fn a_fifo_queue_takes_300_calls_a_second_per_action_and_throttles_the_next() {
    let (mut w, url) = world_with_fifo(json!({}));
    for i in 0..300 {
        send(&mut w, &url, "m", "g", &i.to_string());
    }
    let e = w
        .call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": "m", "MessageGroupId": "g", "MessageDeduplicationId": "x"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ThrottlingException");
    assert_eq!(
        w.trace().all().last().unwrap().kind.name(),
        "RequestThrottled"
    );
    assert_eq!(w.sqs().queue("jobs.fifo").unwrap().messages.len(), 300);
    // Receives have their own quota.
    assert_eq!(receive(&mut w, &url, 1).len(), 1);
    w.advance(SECOND);
    send(&mut w, &url, "m", "g", "x");
}

#[test]
fn batching_carries_ten_messages_per_call_so_3000_messages_a_second() {
    let (mut w, url) = world_with_fifo(json!({}));
    for call in 0..300 {
        let entries: Vec<Value> = (0..10)
            .map(|i| json!({"Id": format!("e{i}"), "MessageBody": "m", "MessageGroupId": format!("g{i}"), "MessageDeduplicationId": format!("{call}-{i}")}))
            .collect();
        let r = w
            .call(
                "sqs:SendMessageBatch",
                json!({"QueueUrl": url, "Entries": entries}),
            )
            .unwrap();
        assert_eq!(r["Successful"].as_array().unwrap().len(), 10);
    }
    assert_eq!(w.sqs().queue("jobs.fifo").unwrap().messages.len(), 3000);
    assert_eq!(
        code(w.call(
            "sqs:SendMessageBatch",
            json!({"QueueUrl": url, "Entries": [{"Id": "e", "MessageBody": "m", "MessageGroupId": "g", "MessageDeduplicationId": "late"}]})
        )),
        "ThrottlingException"
    );
}

#[test]
fn high_throughput_mode_raises_the_calls_per_second() {
    let (mut w, url) = world_with_fifo(
        json!({"DeduplicationScope": "messageGroup", "FifoThroughputLimit": "perMessageGroupId"}),
    );
    for i in 0..1000 {
        send(&mut w, &url, "m", &format!("g{}", i % 7), &i.to_string());
    }
    assert_eq!(w.sqs().queue("jobs.fifo").unwrap().messages.len(), 1000);
}

#[test]
fn the_dead_letter_queue_of_a_fifo_queue_must_be_a_fifo_queue() {
    let (mut w, _) = world_with_fifo(json!({}));
    w.call("sqs:CreateQueue", json!({"QueueName": "std-dlq"}))
        .unwrap();
    let policy = json!({"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:std-dlq", "maxReceiveCount": 2}).to_string();
    let e = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "src.fifo", "Attributes": {"FifoQueue": "true", "RedrivePolicy": policy}}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue");
    let policy = json!({"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:jobs.fifo", "maxReceiveCount": 2}).to_string();
    let e = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "std-src", "Attributes": {"RedrivePolicy": policy}}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue");
    assert!(w.sqs().queue("std-src").is_none());
}

#[test]
fn a_message_moved_to_a_fifo_dead_letter_queue_keeps_its_group_and_restarts_its_retention() {
    let mut w = World::new(Settings::default());
    w.call(
        "sqs:CreateQueue",
        json!({"QueueName": "dlq.fifo", "Attributes": {"FifoQueue": "true", "MessageRetentionPeriod": "3600"}}),
    )
    .unwrap();
    let policy = json!({"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq.fifo", "maxReceiveCount": 1}).to_string();
    let url = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "src.fifo", "Attributes": {"FifoQueue": "true", "VisibilityTimeout": "1800", "RedrivePolicy": policy}}),
        )
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    send(&mut w, &url, "poison", "g", "p");
    send(&mut w, &url, "next", "g", "n");
    assert_eq!(bodies(&receive(&mut w, &url, 1)), ["poison"]);
    w.advance(1800 * SECOND);
    // The receive that would exceed maxReceiveCount moves it; the group goes on with the next.
    assert_eq!(bodies(&receive(&mut w, &url, 1)), ["next"]);
    let dlq = w.sqs().queue("dlq.fifo").unwrap();
    let moved = dlq.messages.values().next().unwrap();
    assert_eq!(moved.group_id.as_deref(), Some("g"));
    // Half an hour after its send, with a one-hour retention: a standard DLQ would expire it
    // at 01:00; a FIFO DLQ counts the hour from the move.
    w.advance(3599 * SECOND);
    assert_eq!(w.sqs().queue("dlq.fifo").unwrap().messages.len(), 1);
    w.advance(SECOND);
    assert_eq!(w.sqs().queue("dlq.fifo").unwrap().messages.len(), 0);
}

#[test]
fn a_retried_receive_request_attempt_id_gets_the_same_messages_and_receipt_handles() {
    let (mut w, url) = world_with_fifo(json!({}));
    send(&mut w, &url, "a1", "a", "1");
    send(&mut w, &url, "a2", "a", "2");
    let ask =
        json!({"QueueUrl": url, "MaxNumberOfMessages": 1, "ReceiveRequestAttemptId": "try-1"});
    let first = w.call("sqs:ReceiveMessage", ask.clone()).unwrap();
    w.advance(20 * SECOND);
    let retry = w.call("sqs:ReceiveMessage", ask.clone()).unwrap();
    assert_eq!(retry, first);
    // The retry restarted the 30 s visibility timeout: still in flight 20 s later.
    w.advance(20 * SECOND);
    assert!(w.sqs().queue("jobs.fifo").unwrap().group_is_locked("a"));
    // Once a message of the attempt is deleted, the id no longer repeats it.
    delete(&mut w, &url, &first["Messages"][0]);
    let after = w.call("sqs:ReceiveMessage", ask).unwrap();
    assert_eq!(after["Messages"][0]["Body"], "a2");
}

#[test]
fn a_standard_queue_keeps_a_message_group_id_as_a_fair_queue_does() {
    let mut w = World::new(Settings::default());
    let url = w
        .call("sqs:CreateQueue", json!({"QueueName": "fair"}))
        .unwrap()["QueueUrl"]
        .clone();
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": "a", "MessageGroupId": "tenant-1"}),
    )
    .unwrap();
    let r = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MessageSystemAttributeNames": ["MessageGroupId"]}),
        )
        .unwrap();
    assert_eq!(r["Messages"][0]["Attributes"]["MessageGroupId"], "tenant-1");
    assert_eq!(
        code(w.call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": "a", "MessageDeduplicationId": "d"})
        )),
        "InvalidParameterValue"
    );
}

#[test]
fn a_fifo_batch_with_an_entry_lacking_its_group_or_deduplication_id_is_refused_whole() {
    let (mut w, url) = world_with_fifo(json!({"ContentBasedDeduplication": "true"}));
    let e = w
        .call(
            "sqs:SendMessageBatch",
            json!({"QueueUrl": url, "Entries": [
                {"Id": "ok", "MessageBody": "a", "MessageGroupId": "g"},
                {"Id": "bad", "MessageBody": "b"}
            ]}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue");
    assert_eq!(
        e.message,
        "The request must contain the parameter MessageGroupId."
    );
    assert_eq!(
        w.sqs().queue("jobs.fifo").unwrap().messages.len(),
        0,
        "nothing was sent"
    );
    // Without content-based deduplication every entry needs its own deduplication id.
    let (mut w, url) = world_with_fifo(json!({}));
    let e = w
        .call(
            "sqs:SendMessageBatch",
            json!({"QueueUrl": url, "Entries": [
                {"Id": "ok", "MessageBody": "a", "MessageGroupId": "g", "MessageDeduplicationId": "1"},
                {"Id": "bad", "MessageBody": "b", "MessageGroupId": "g"}
            ]}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue");
    assert_eq!(
        e.message,
        "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly"
    );
    assert_eq!(w.sqs().queue("jobs.fifo").unwrap().messages.len(), 0);
    // An entry that fails for its own reasons fails alone.
    let r = w
        .call(
            "sqs:SendMessageBatch",
            json!({"QueueUrl": url, "Entries": [
                {"Id": "ok", "MessageBody": "a", "MessageGroupId": "g", "MessageDeduplicationId": "1"},
                {"Id": "bad", "MessageBody": "b", "MessageGroupId": "g g", "MessageDeduplicationId": "2"}
            ]}),
        )
        .unwrap();
    assert_eq!(r["Successful"][0]["Id"], "ok");
    assert!(r["Successful"][0]["SequenceNumber"].is_string());
    assert_eq!(r["Failed"][0]["Id"], "bad");
}

#[test]
fn purging_a_fifo_queue_empties_its_groups() {
    let (mut w, url) = world_with_fifo(json!({}));
    send(&mut w, &url, "a1", "a", "1");
    receive(&mut w, &url, 1);
    w.call("sqs:PurgeQueue", json!({"QueueUrl": url})).unwrap();
    assert!(!w.sqs().queue("jobs.fifo").unwrap().group_is_locked("a"));
    send(&mut w, &url, "a2", "a", "2");
    assert_eq!(bodies(&receive(&mut w, &url, 1)), ["a2"]);
}
