//! FIFO queues, as the SQS developer guide states them: the order messages of
//! a group are received in, groups held while a message is in flight, the
//! calls-per-second quotas, dead-letter queues, receive request attempt ids,
//! fair standard queues and purges.

use super::fifo_tests::{bodies, code, delete, receive, send, world_with_fifo};
use crate::sim::SECOND;
use crate::{Settings, World};
use serde_json::{json, Value};

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
