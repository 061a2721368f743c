//! Throughput of the SQS message path through `World::call`: each message is
//! sent, received and deleted by single-message calls, with JSON in and out
//! exactly as a scenario or the UI calls it. Run with `cargo bench`.
//! `STRATUS_BENCH_MESSAGES` sets the count (default 100,000).

use serde_json::json;
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

fn main() {
    // `cargo bench` passes --bench; under `cargo test --bench sqs` this is a quick smoke run.
    if !std::env::args().any(|a| a == "--bench") {
        run(1_000);
        return;
    }
    let messages = std::env::var("STRATUS_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    run(messages / 10); // warm-up
    let mut rates: Vec<f64> = (0..5).map(|_| run(messages)).collect();
    rates.sort_by(|a, b| a.total_cmp(b));
    println!(
        "sqs send+receive+delete via World::call: {messages} messages, median {:.0} messages/s (min {:.0}, max {:.0}) over 5 runs",
        rates[2], rates[0], rates[4]
    );
}
