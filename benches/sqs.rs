//! Throughput of the SQS message path through `World::call`, with JSON in and
//! out exactly as a scenario or the UI calls it: each message sent, received
//! and deleted by single-message calls, and again in batches of 10
//! (SendMessageBatch, ReceiveMessage of 10, DeleteMessageBatch). Run with
//! `cargo bench`.
//! `STRATUS_BENCH_MESSAGES` sets the count (default 100,000).

use serde_json::{json, Value};
use std::time::Instant;

// The engine allocates many small strings and maps per call; measure it with
// a production allocator, as a native embedder would run it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use stratus::{Settings, World};

fn run(messages: usize) -> f64 {
    let mut world = World::new(Settings::default());
    let url = world
        .call("sqs:CreateQueue", json!({"QueueName": "bench"}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let start = Instant::now();
    for i in 0..messages {
        world
            .call(
                "sqs:SendMessage",
                json!({"QueueUrl": url, "MessageBody": format!("message {i}")}),
            )
            .unwrap();
        let received = world
            .call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
            .unwrap();
        let handle = received["Messages"][0]["ReceiptHandle"]
            .as_str()
            .unwrap()
            .to_string();
        world
            .call(
                "sqs:DeleteMessage",
                json!({"QueueUrl": url, "ReceiptHandle": handle}),
            )
            .unwrap();
    }
    let elapsed = start.elapsed().as_secs_f64();
    assert_eq!(world.sqs().queue("bench").unwrap().messages.len(), 0);
    messages as f64 / elapsed
}

fn run_batches(messages: usize) -> f64 {
    let mut world = World::new(Settings::default());
    let url = world
        .call("sqs:CreateQueue", json!({"QueueName": "bench"}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let start = Instant::now();
    for batch in 0..messages / 10 {
        let entries: Vec<Value> = (0..10)
            .map(|i| json!({"Id": format!("m{i}"), "MessageBody": format!("message {batch}-{i}")}))
            .collect();
        world
            .call("sqs:SendMessageBatch", with_entries(&url, entries))
            .unwrap();
        let received = world
            .call(
                "sqs:ReceiveMessage",
                json!({"QueueUrl": url, "MaxNumberOfMessages": 10}),
            )
            .unwrap();
        let entries: Vec<Value> = received["Messages"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, m)| json!({"Id": format!("d{i}"), "ReceiptHandle": m["ReceiptHandle"]}))
            .collect();
        assert_eq!(entries.len(), 10);
        world
            .call("sqs:DeleteMessageBatch", with_entries(&url, entries))
            .unwrap();
    }
    let elapsed = start.elapsed().as_secs_f64();
    assert_eq!(world.sqs().queue("bench").unwrap().messages.len(), 0);
    (messages / 10 * 10) as f64 / elapsed
}

/// `{"QueueUrl", "Entries"}` with the entries moved in (`json!` would deep-copy them).
fn with_entries(url: &str, entries: Vec<Value>) -> Value {
    let mut input = json!({ "QueueUrl": url });
    input["Entries"] = Value::Array(entries);
    input
}

fn median_of_5(f: impl Fn() -> f64) -> (f64, f64, f64) {
    let mut rates: Vec<f64> = (0..5).map(|_| f()).collect();
    rates.sort_by(|a, b| a.total_cmp(b));
    (rates[2], rates[0], rates[4])
}

fn main() {
    // `cargo bench` passes --bench; under `cargo test --bench sqs` this is a quick smoke run.
    if !std::env::args().any(|a| a == "--bench") {
        run(1_000);
        run_batches(1_000);
        return;
    }
    let messages = std::env::var("STRATUS_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    run(messages / 10); // warm-up
    let (median, min, max) = median_of_5(|| run(messages));
    println!(
        "sqs send+receive+delete via World::call: {messages} messages, median {median:.0} messages/s (min {min:.0}, max {max:.0}) over 5 runs"
    );
    let (median, min, max) = median_of_5(|| run_batches(messages));
    println!(
        "sqs batches of 10 (SendMessageBatch, ReceiveMessage 10, DeleteMessageBatch): {messages} messages, median {median:.0} messages/s (min {min:.0}, max {max:.0}) over 5 runs"
    );
}
