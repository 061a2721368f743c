//! Benchmark workloads shared by the native benchmark (`benches/sqs.rs`) and
//! the same benchmark run in the browser (`tests/browser_bench.rs`): they do
//! the work and leave the timing to the caller's clock.

use crate::{Settings, World};
use serde_json::{json, Value};

fn world_with_queue() -> (World, String) {
    world_with(json!({"QueueName": "bench"}))
}

fn world_with(create: Value) -> (World, String) {
    let mut world = World::new(Settings::default());
    let url = world.call("sqs:CreateQueue", create).unwrap_or_default()["QueueUrl"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    (world, url)
}

/// Sends, receives and deletes `messages` messages one call at a time; returns how many were deleted.
pub fn sqs_single(messages: usize) -> usize {
    let (mut world, url) = world_with_queue();
    let mut deleted = 0;
    for i in 0..messages {
        let _ = world.call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": format!("message {i}")}),
        );
        let received = world
            .call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
            .unwrap_or_default();
        let handle = received["Messages"][0]["ReceiptHandle"].clone();
        if world
            .call(
                "sqs:DeleteMessage",
                json!({"QueueUrl": url, "ReceiptHandle": handle}),
            )
            .is_ok()
        {
            deleted += 1;
        }
    }
    deleted
}

/// The same in batches of 10 (SendMessageBatch, ReceiveMessage of 10, DeleteMessageBatch).
pub fn sqs_batches(messages: usize) -> usize {
    let (mut world, url) = world_with_queue();
    let mut deleted = 0;
    for batch in 0..messages / 10 {
        let entries = (0..10)
            .map(|i| json!({"Id": format!("m{i}"), "MessageBody": format!("message {batch}-{i}")}))
            .collect();
        let _ = world.call("sqs:SendMessageBatch", with_entries(&url, entries));
        let received = world
            .call(
                "sqs:ReceiveMessage",
                json!({"QueueUrl": url, "MaxNumberOfMessages": 10}),
            )
            .unwrap_or_default();
        let entries: Vec<Value> = received["Messages"]
            .as_array()
            .map(|m| m.iter().enumerate().map(|(i, m)| json!({"Id": format!("d{i}"), "ReceiptHandle": m["ReceiptHandle"]})).collect())
            .unwrap_or_default();
        let result = world
            .call("sqs:DeleteMessageBatch", with_entries(&url, entries))
            .unwrap_or_default();
        deleted += result["Successful"].as_array().map_or(0, Vec::len);
    }
    deleted
}

/// FIFO in batches of 10 over 100 message groups, on a high-throughput FIFO queue (a
/// per-queue one allows 300 calls a second, and the benchmark's virtual time stands still).
pub fn sqs_fifo_batches(messages: usize) -> usize {
    let (mut world, url) = world_with(json!({"QueueName": "bench.fifo", "Attributes": {
        "FifoQueue": "true",
        "DeduplicationScope": "messageGroup",
        "FifoThroughputLimit": "perMessageGroupId",
    }}));
    let mut deleted = 0;
    for batch in 0..messages / 10 {
        let group = format!("group-{}", batch % 100);
        let entries = (0..10)
            .map(|i| json!({"Id": format!("m{i}"), "MessageBody": format!("message {batch}-{i}"), "MessageGroupId": group, "MessageDeduplicationId": format!("{batch}-{i}")}))
            .collect();
        let _ = world.call("sqs:SendMessageBatch", with_entries(&url, entries));
        let received = world
            .call(
                "sqs:ReceiveMessage",
                json!({"QueueUrl": url, "MaxNumberOfMessages": 10}),
            )
            .unwrap_or_default();
        let entries: Vec<Value> = received["Messages"]
            .as_array()
            .map(|m| m.iter().enumerate().map(|(i, m)| json!({"Id": format!("d{i}"), "ReceiptHandle": m["ReceiptHandle"]})).collect())
            .unwrap_or_default();
        let result = world
            .call("sqs:DeleteMessageBatch", with_entries(&url, entries))
            .unwrap_or_default();
        deleted += result["Successful"].as_array().map_or(0, Vec::len);
    }
    deleted
}

/// `{"QueueUrl", "Entries"}` with the entries moved in (`json!` would deep-copy them).
fn with_entries(url: &str, entries: Vec<Value>) -> Value {
    let mut input = json!({ "QueueUrl": url });
    input["Entries"] = Value::Array(entries);
    input
}
