//! FIFO queues as recorded answers from AWS show them: the rotation between
//! message groups, deduplication history across a purge and a change of
//! scope, and receipt handles whose visibility timeout has ended.

use crate::sim::SECOND;
use crate::{Settings, World};
use serde_json::{json, Value};

fn fifo(w: &mut World, attributes: Value) -> String {
    let mut attrs = attributes;
    attrs["FifoQueue"] = json!("true");
    w.call(
        "sqs:CreateQueue",
        json!({"QueueName": "jobs.fifo", "Attributes": attrs}),
    )
    .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string()
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
            json!({"QueueUrl": url, "MaxNumberOfMessages": max}),
        )
        .unwrap();
    r["Messages"].as_array().cloned().unwrap_or_default()
}

fn bodies(messages: &[Value]) -> Vec<String> {
    messages
        .iter()
        .map(|m| m["Body"].as_str().unwrap().to_string())
        .collect()
}

fn call(
    w: &mut World,
    action: &str,
    url: &str,
    m: &Value,
    extra: Value,
) -> Result<Value, crate::AwsError> {
    let mut input = json!({"QueueUrl": url, "ReceiptHandle": m["ReceiptHandle"]});
    if let (Some(i), Some(e)) = (input.as_object_mut(), extra.as_object()) {
        i.extend(e.clone());
    }
    w.call(action, input)
}

#[test]
fn a_group_made_visible_again_is_served_again_at_once() {
    let mut w = World::new(Settings::default());
    let url = fifo(&mut w, json!({}));
    send(&mut w, &url, "a1", "a", "1");
    send(&mut w, &url, "a2", "a", "2");
    let got = receive(&mut w, &url, 1);
    assert_eq!(bodies(&got), ["a1"]);
    assert!(receive(&mut w, &url, 1).is_empty(), "group a is locked");
    call(
        &mut w,
        "sqs:ChangeMessageVisibility",
        &url,
        &got[0],
        json!({"VisibilityTimeout": 0}),
    )
    .unwrap();
    assert_eq!(bodies(&receive(&mut w, &url, 10)), ["a1", "a2"]);
}

#[test]
fn across_groups_the_group_served_least_recently_comes_first() {
    let mut w = World::new(Settings::default());
    let url = fifo(&mut w, json!({}));
    send(&mut w, &url, "a1", "a", "1");
    send(&mut w, &url, "b1", "b", "2");
    send(&mut w, &url, "a2", "a", "3");
    send(&mut w, &url, "b2", "b", "4");
    // a is served first, then b; a's next message waits behind b's turn.
    let first = receive(&mut w, &url, 1);
    assert_eq!(bodies(&first), ["a1"]);
    call(&mut w, "sqs:DeleteMessage", &url, &first[0], json!({})).unwrap();
    let second = receive(&mut w, &url, 1);
    assert_eq!(bodies(&second), ["b1"]);
    call(&mut w, "sqs:DeleteMessage", &url, &second[0], json!({})).unwrap();
    assert_eq!(bodies(&receive(&mut w, &url, 1)), ["a2"]);
    // A group made visible again takes its turn after the groups waiting longer.
    let mut w = World::new(Settings::default());
    let url = fifo(&mut w, json!({}));
    send(&mut w, &url, "a1", "a", "1");
    send(&mut w, &url, "b1", "b", "2");
    let a = receive(&mut w, &url, 1);
    call(
        &mut w,
        "sqs:ChangeMessageVisibility",
        &url,
        &a[0],
        json!({"VisibilityTimeout": 0}),
    )
    .unwrap();
    assert_eq!(bodies(&receive(&mut w, &url, 1)), ["b1"]);
    assert_eq!(bodies(&receive(&mut w, &url, 1)), ["a1"]);
}

#[test]
fn purging_a_fifo_queue_clears_its_deduplication_history() {
    let mut w = World::new(Settings::default());
    let url = fifo(&mut w, json!({}));
    let first = send(&mut w, &url, "a", "g", "same");
    w.call("sqs:PurgeQueue", json!({"QueueUrl": url})).unwrap();
    let again = send(&mut w, &url, "a", "g", "same");
    assert_ne!(again["MessageId"], first["MessageId"]);
    assert_eq!(bodies(&receive(&mut w, &url, 10)), ["a"]);
}

#[test]
fn changing_the_deduplication_scope_forgets_no_id_already_seen() {
    let mut w = World::new(Settings::default());
    let url = fifo(&mut w, json!({}));
    let first = send(&mut w, &url, "a", "g", "same");
    w.call(
        "sqs:SetQueueAttributes",
        json!({"QueueUrl": url, "Attributes": {"DeduplicationScope": "messageGroup"}}),
    )
    .unwrap();
    // Same id, same group: still the duplicate of the first send.
    let again = send(&mut w, &url, "a", "g", "same");
    assert_eq!(again["MessageId"], first["MessageId"]);
    // In message-group scope another group may use the same id.
    let other = send(&mut w, &url, "b", "h", "same");
    assert_ne!(other["MessageId"], first["MessageId"]);
    // Back to queue scope: the id has been seen, in either group.
    w.call(
        "sqs:SetQueueAttributes",
        json!({"QueueUrl": url, "Attributes": {"DeduplicationScope": "queue"}}),
    )
    .unwrap();
    let third = send(&mut w, &url, "c", "k", "same");
    assert_eq!(third["MessageId"], first["MessageId"]);
    assert_eq!(w.sqs().queue("jobs.fifo").unwrap().messages.len(), 2);
    // Five minutes after the last send of it, the id is free again.
    w.advance(5 * 60 * SECOND);
    let fresh = send(&mut w, &url, "d", "k", "same");
    assert_ne!(fresh["MessageId"], first["MessageId"]);
}

#[test]
fn a_fifo_receipt_handle_past_its_visibility_timeout_has_expired() {
    let mut w = World::new(Settings::default());
    let url = fifo(&mut w, json!({"VisibilityTimeout": "1"}));
    send(&mut w, &url, "a", "g", "1");
    let old = receive(&mut w, &url, 1);
    w.advance(2 * SECOND);
    let expired = |w: &mut World, m: &Value| {
        let e = call(w, "sqs:DeleteMessage", &url, m, json!({})).unwrap_err();
        assert_eq!(e.code, "InvalidParameterValue");
        assert_eq!(
            e.message,
            format!(
                "Value {} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.",
                m["ReceiptHandle"].as_str().unwrap()
            )
        );
    };
    // Visible again, not yet received by anyone: the handle no longer deletes.
    expired(&mut w, &old[0]);
    // Received again: the old handle is still expired, the new one deletes.
    let new = receive(&mut w, &url, 1);
    expired(&mut w, &old[0]);
    assert_eq!(w.sqs().queue("jobs.fifo").unwrap().messages.len(), 1);
    call(&mut w, "sqs:DeleteMessage", &url, &new[0], json!({})).unwrap();
    assert!(w.sqs().queue("jobs.fifo").unwrap().messages.is_empty());
    // In a batch, the expired handle fails its entry only.
    send(&mut w, &url, "b", "g", "2");
    send(&mut w, &url, "c", "h", "3");
    let both = receive(&mut w, &url, 10);
    let stale = both[0]["ReceiptHandle"].clone();
    w.advance(2 * SECOND);
    let fresh = receive(&mut w, &url, 10);
    let r = w
        .call(
            "sqs:DeleteMessageBatch",
            json!({"QueueUrl": url, "Entries": [
                {"Id": "stale", "ReceiptHandle": stale},
                {"Id": "fresh", "ReceiptHandle": fresh[1]["ReceiptHandle"]}
            ]}),
        )
        .unwrap();
    assert_eq!(r["Successful"][0]["Id"], "fresh");
    assert_eq!(r["Failed"][0]["Id"], "stale");
    assert_eq!(r["Failed"][0]["Code"], "InvalidParameterValue");
}
