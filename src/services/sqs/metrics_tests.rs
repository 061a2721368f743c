//! Queue metrics per minute, as CloudWatch reports them, read off the trace.

use super::metrics::queue_metrics;
use super::test_support::world_with_queue;
use crate::sim::{MINUTE, SECOND};
use serde_json::json;

#[test]
fn counts_per_minute_and_gauges_at_each_minute_end() {
    let (mut w, url) = world_with_queue(json!({"VisibilityTimeout": "90"}));
    let start = w.now();
    for body in ["a", "b", "c"] {
        w.call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": body}),
        )
        .unwrap();
    }
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": "later", "DelaySeconds": 120}),
    )
    .unwrap();
    let r = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": 2}),
        )
        .unwrap();
    let handle = r["Messages"][0]["ReceiptHandle"].clone();
    w.advance(MINUTE + 10 * SECOND);
    w.call(
        "sqs:DeleteMessage",
        json!({"QueueUrl": url, "ReceiptHandle": handle}),
    )
    .unwrap();
    w.advance(2 * MINUTE);
    w.call("sqs:ReceiveMessage", json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/orders", "VisibilityTimeout": 0})).unwrap();

    let m = queue_metrics(w.trace().all(), "orders", w.now());
    assert_eq!(m.len(), 4);
    assert_eq!(m[0].minute, start);
    assert_eq!(
        (
            m[0].number_of_messages_sent,
            m[0].number_of_messages_received
        ),
        (4, 2)
    );
    // End of minute 0: one visible, two in flight, one delayed; the oldest is 60 s old.
    assert_eq!(
        (
            m[0].approximate_number_of_messages_visible,
            m[0].approximate_number_of_messages_not_visible,
            m[0].approximate_number_of_messages_delayed
        ),
        (1, 2, 1)
    );
    assert_eq!(m[0].approximate_age_of_oldest_message, 60);
    assert_eq!(m[1].number_of_messages_deleted, 1);
    // Minute 2: the delay ended and the other in-flight message came back at 90 s.
    assert_eq!(
        (
            m[2].approximate_number_of_messages_visible,
            m[2].approximate_number_of_messages_delayed
        ),
        (3, 0)
    );
    assert_eq!(m[3].number_of_messages_received, 1);
}

#[test]
fn empty_receives_are_counted_once_per_call_even_for_a_long_poll() {
    let (mut w, url) = world_with_queue(json!({}));
    w.call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
        .unwrap();
    w.call(
        "sqs:ReceiveMessage",
        json!({"QueueUrl": url, "WaitTimeSeconds": 20}),
    )
    .unwrap();
    let m = queue_metrics(w.trace().all(), "orders", w.now());
    assert_eq!(m.iter().map(|m| m.number_of_empty_receives).sum::<u32>(), 2);
    assert_eq!(w.sqs().usage().empty_receives, 2);
}

#[test]
fn a_dead_letter_move_and_a_redrive_show_in_both_queues_metrics() {
    use crate::scenario::{Runner, Scenario};
    let example = include_str!("../../../www/examples/dead-letter-queue.json");
    let mut runner = Runner::new(Scenario::from_json_str(example).unwrap());
    runner.run_all();
    let w = runner.world();
    let last = |queue: &str| {
        queue_metrics(w.trace().all(), queue, w.now())
            .last()
            .cloned()
            .unwrap()
    };
    let dlq = last("orders-dlq");
    assert_eq!(
        (
            dlq.approximate_number_of_messages_visible,
            dlq.approximate_number_of_messages_not_visible
        ),
        (0, 0)
    );
    let source = last("orders");
    assert_eq!(
        source.approximate_number_of_messages_visible
            + source.approximate_number_of_messages_not_visible,
        1
    );
}
