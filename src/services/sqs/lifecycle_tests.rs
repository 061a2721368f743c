//! A message's life around its visibility: delays before it, retention
//! after it, and the queue-wide actions that end it (PurgeQueue) or change
//! the rules (SetQueueAttributes), plus tags.

use super::test_support::world_with_queue;
use crate::sim::{DAY, SECOND};
use crate::{AwsError, Settings, World};
use serde_json::{json, Value};

fn send(w: &mut World, url: &str, input: Value) -> Value {
    let mut input = input;
    input["QueueUrl"] = json!(url);
    w.call("sqs:SendMessage", input).unwrap()
}

fn receive_count(w: &mut World, url: &str) -> usize {
    let r = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": 10, "VisibilityTimeout": 0}),
        )
        .unwrap();
    r.get("Messages")
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

fn attribute(w: &mut World, url: &str, name: &str) -> String {
    let r = w
        .call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": [name]}),
        )
        .unwrap();
    r["Attributes"][name].as_str().unwrap().to_string()
}

fn code(r: Result<Value, AwsError>) -> String {
    r.unwrap_err().code
}

#[test]
fn a_delay_queue_hides_each_new_message_for_its_delay_seconds() {
    let (mut w, url) = world_with_queue(json!({"DelaySeconds": "45"}));
    send(&mut w, &url, json!({"MessageBody": "a"}));
    assert_eq!(
        attribute(&mut w, &url, "ApproximateNumberOfMessagesDelayed"),
        "1"
    );
    assert_eq!(attribute(&mut w, &url, "ApproximateNumberOfMessages"), "0");
    w.advance(45 * SECOND - 1);
    assert_eq!(receive_count(&mut w, &url), 0);
    w.advance(1);
    assert_eq!(
        attribute(&mut w, &url, "ApproximateNumberOfMessagesDelayed"),
        "0"
    );
    assert_eq!(receive_count(&mut w, &url), 1);
    assert_eq!(
        w.trace()
            .all()
            .iter()
            .filter(|e| e.kind.name() == "DelayEnded")
            .count(),
        1
    );
}

#[test]
fn a_per_message_delay_overrides_the_queue_delay_either_way() {
    let (mut w, url) = world_with_queue(json!({"DelaySeconds": "60"}));
    send(
        &mut w,
        &url,
        json!({"MessageBody": "now", "DelaySeconds": 0}),
    );
    send(
        &mut w,
        &url,
        json!({"MessageBody": "later", "DelaySeconds": 900}),
    );
    assert_eq!(receive_count(&mut w, &url), 1);
    w.advance(899 * SECOND);
    assert_eq!(receive_count(&mut w, &url), 1);
    w.advance(SECOND);
    assert_eq!(receive_count(&mut w, &url), 2);
}

#[test]
fn run_idle_waits_for_delayed_messages() {
    let (mut w, url) = world_with_queue(json!({}));
    send(
        &mut w,
        &url,
        json!({"MessageBody": "a", "DelaySeconds": 600}),
    );
    let out = w.run_until_idle();
    assert_eq!((out.advanced, out.idle), (600 * SECOND, true));
}

#[test]
fn delay_seconds_outside_0_to_900_is_refused() {
    let mut w = World::new(Settings::default());
    let e = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "q", "Attributes": {"DelaySeconds": "901"}}),
        )
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "InvalidAttributeValue",
            "Invalid value for the parameter DelaySeconds."
        )
    );
}

#[test]
fn messages_older_than_the_retention_period_are_deleted_at_expiry_even_in_flight() {
    let (mut w, url) =
        world_with_queue(json!({"MessageRetentionPeriod": "60", "VisibilityTimeout": "3600"}));
    send(&mut w, &url, json!({"MessageBody": "old"}));
    w.call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
        .unwrap();
    w.advance(30 * SECOND);
    send(&mut w, &url, json!({"MessageBody": "young"}));
    w.advance(30 * SECOND);
    let expired: Vec<_> = w
        .trace()
        .all()
        .iter()
        .filter(|e| e.kind.name() == "MessageExpired")
        .collect();
    assert_eq!(expired.len(), 1);
    assert_eq!(w.sqs().queue("orders").unwrap().messages.len(), 1);
    w.advance(30 * SECOND);
    assert!(w.sqs().queue("orders").unwrap().messages.is_empty());
}

#[test]
fn the_default_retention_keeps_a_message_exactly_4_days() {
    let (mut w, url) = world_with_queue(json!({}));
    send(&mut w, &url, json!({"MessageBody": "a"}));
    w.advance(4 * DAY - 1);
    assert_eq!(receive_count(&mut w, &url), 1);
    w.advance(1);
    assert_eq!(receive_count(&mut w, &url), 0);
}

#[test]
fn retention_does_not_keep_run_idle_busy() {
    let (mut w, url) = world_with_queue(json!({}));
    send(&mut w, &url, json!({"MessageBody": "a"}));
    assert_eq!(w.run_until_idle().advanced, 0);
}

#[test]
fn a_shorter_retention_set_later_applies_to_messages_already_queued() {
    let (mut w, url) = world_with_queue(json!({}));
    send(&mut w, &url, json!({"MessageBody": "a"}));
    w.advance(120 * SECOND);
    w.call(
        "sqs:SetQueueAttributes",
        json!({"QueueUrl": url, "Attributes": {"MessageRetentionPeriod": "60"}}),
    )
    .unwrap();
    w.advance(0);
    assert_eq!(receive_count(&mut w, &url), 0);
    assert_eq!(attribute(&mut w, &url, "MessageRetentionPeriod"), "60");
    assert_eq!(
        attribute(&mut w, &url, "LastModifiedTimestamp"),
        ((w.now()) / 1000).to_string()
    );
}

#[test]
fn set_queue_attributes_changes_the_visibility_timeout_of_later_receives() {
    let (mut w, url) = world_with_queue(json!({}));
    w.call(
        "sqs:SetQueueAttributes",
        json!({"QueueUrl": url, "Attributes": {"VisibilityTimeout": "5"}}),
    )
    .unwrap();
    send(&mut w, &url, json!({"MessageBody": "a"}));
    w.call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
        .unwrap();
    w.advance(5 * SECOND);
    assert_eq!(receive_count(&mut w, &url), 1);
}

#[test]
fn a_refused_set_queue_attributes_changes_nothing() {
    let (mut w, url) = world_with_queue(json!({}));
    let r = w.call(
        "sqs:SetQueueAttributes",
        json!({"QueueUrl": url, "Attributes": {"VisibilityTimeout": "10", "DelaySeconds": "901"}}),
    );
    assert_eq!(code(r), "InvalidAttributeValue");
    assert_eq!(attribute(&mut w, &url, "VisibilityTimeout"), "30");
    assert_eq!(
        code(w.call(
            "sqs:SetQueueAttributes",
            json!({"QueueUrl": url, "Attributes": {"Colour": "x"}})
        )),
        "InvalidAttributeName"
    );
}

#[test]
fn purge_queue_deletes_every_message_and_may_run_once_a_minute() {
    let (mut w, url) = world_with_queue(json!({}));
    for body in ["a", "b", "c"] {
        send(&mut w, &url, json!({"MessageBody": body}));
    }
    send(
        &mut w,
        &url,
        json!({"MessageBody": "d", "DelaySeconds": 30}),
    );
    w.call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
        .unwrap();
    w.call("sqs:PurgeQueue", json!({"QueueUrl": url})).unwrap();
    assert!(w.sqs().queue("orders").unwrap().messages.is_empty());
    assert!(
        w.run_until_idle().idle,
        "no timer of a purged message is left pending"
    );
    w.advance(59 * SECOND);
    let e = w
        .call("sqs:PurgeQueue", json!({"QueueUrl": url}))
        .unwrap_err();
    assert_eq!(e.code, "AWS.SimpleQueueService.PurgeQueueInProgress");
    assert_eq!(e.status, 403);
    assert_eq!(
        e.message,
        "Only one PurgeQueue operation on orders is allowed every 60 seconds."
    );
    w.advance(SECOND);
    w.call("sqs:PurgeQueue", json!({"QueueUrl": url})).unwrap();
}

#[test]
fn deleting_a_queue_leaves_none_of_its_timers_pending() {
    let (mut w, url) = world_with_queue(json!({"DelaySeconds": "300"}));
    send(&mut w, &url, json!({"MessageBody": "a"}));
    w.call("sqs:DeleteQueue", json!({"QueueUrl": url})).unwrap();
    let out = w.run_until_idle();
    assert_eq!((out.advanced, out.fired), (0, 0));
}

#[test]
fn tags_are_added_replaced_listed_and_removed() {
    let mut w = World::new(Settings::default());
    let url = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "q", "tags": {"team": "a"}}),
        )
        .unwrap()["QueueUrl"]
        .clone();
    w.call(
        "sqs:TagQueue",
        json!({"QueueUrl": url, "Tags": {"team": "b", "env": "dev"}}),
    )
    .unwrap();
    assert_eq!(
        w.call("sqs:ListQueueTags", json!({"QueueUrl": url}))
            .unwrap(),
        json!({"Tags": {"env": "dev", "team": "b"}})
    );
    w.call(
        "sqs:UntagQueue",
        json!({"QueueUrl": url, "TagKeys": ["team", "env"]}),
    )
    .unwrap();
    assert_eq!(
        w.call("sqs:ListQueueTags", json!({"QueueUrl": url}))
            .unwrap(),
        json!({})
    );
}

#[test]
fn a_standard_queue_holds_at_most_120000_messages_in_flight_then_receive_is_over_limit() {
    let (mut w, url) = world_with_queue(json!({"VisibilityTimeout": "600"}));
    for batch in 0..12_001 {
        let entries: Vec<Value> = (0..10)
            .map(|i| json!({"Id": format!("e{i}"), "MessageBody": format!("{batch}-{i}")}))
            .collect();
        w.call(
            "sqs:SendMessageBatch",
            json!({"QueueUrl": url, "Entries": entries}),
        )
        .unwrap();
    }
    for _ in 0..12_000 {
        w.call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": 10}),
        )
        .unwrap();
    }
    assert_eq!(
        attribute(&mut w, &url, "ApproximateNumberOfMessagesNotVisible"),
        "120000"
    );
    let e = w
        .call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
        .unwrap_err();
    assert_eq!((e.code.as_str(), e.status), ("OverLimit", 403));
    // Once some time out, receiving works again.
    w.advance(600 * SECOND);
    assert_eq!(receive_count(&mut w, &url), 10);
}
