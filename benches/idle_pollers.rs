//! What idle waiters cost the rest of the world: `n` Lambda event-source
//! pollers (a new mapping starts five, each mapping on its own empty queue) long-poll
//! while the outside sends, receives and deletes messages on another queue.
//! A waiting call is asked again only when its own queue changes, so the cost
//! of a call on the busy queue must not grow with `n`. Virtual time stands
//! still during the measurement, so no poller's 20-second wait ends.
//! `cargo bench --bench idle_pollers`; `STRATUS_BENCH_CYCLES` sets the cycles.

use serde_json::json;
use std::time::Instant;
use stratus::{Settings, World};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const HANDLER: &str = "export const handler = async (event) => ({ n: event.Records.length });";

/// A world with `pollers` idle event-source pollers, and the busy queue's URL.
fn world_with_idle_pollers(pollers: usize) -> (World, String) {
    let mut w = World::new(Settings::default());
    w.call(
        "lambda:CreateFunction",
        json!({"FunctionName": "idle", "Runtime": "nodejs22.x", "Handler": "index.handler",
               "Role": "arn:aws:iam::123456789012:role/r", "Timeout": 10,
               "Code": {"Files": {"index.mjs": HANDLER}}}),
    )
    .expect("CreateFunction");
    w.advance(2_000);
    for i in 0..pollers / 5 {
        let url = w
            .call("sqs:CreateQueue", json!({"QueueName": format!("idle-{i}")}))
            .expect("CreateQueue")["QueueUrl"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let arn = w
            .call(
                "sqs:GetQueueAttributes",
                json!({"QueueUrl": url, "AttributeNames": ["QueueArn"]}),
            )
            .expect("GetQueueAttributes")["Attributes"]["QueueArn"]
            .clone();
        w.call(
            "lambda:CreateEventSourceMapping",
            json!({"FunctionName": "idle", "EventSourceArn": arn}),
        )
        .expect("CreateEventSourceMapping");
    }
    // The mappings start their pollers, which begin their long polls.
    w.advance(1_000);
    let url = w
        .call("sqs:CreateQueue", json!({"QueueName": "busy"}))
        .expect("CreateQueue")["QueueUrl"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    (w, url)
}

/// Send → receive → delete cycles on the busy queue; returns calls per second.
fn calls_per_second(w: &mut World, url: &str, cycles: usize) -> f64 {
    let start = Instant::now();
    for i in 0..cycles {
        w.call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": format!("m{i}")}),
        )
        .expect("SendMessage");
        let got = w
            .call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
            .expect("ReceiveMessage");
        let handle = got["Messages"][0]["ReceiptHandle"].clone();
        w.call(
            "sqs:DeleteMessage",
            json!({"QueueUrl": url, "ReceiptHandle": handle}),
        )
        .expect("DeleteMessage");
    }
    (3 * cycles) as f64 / start.elapsed().as_secs_f64()
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let cycles: usize = std::env::var("STRATUS_BENCH_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if bench { 20_000 } else { 100 });
    let sizes: &[usize] = if bench {
        &[0, 10, 100, 1_000, 5_000]
    } else {
        &[0, 10]
    };
    let mut base = None;
    for &pollers in sizes {
        let (mut w, url) = world_with_idle_pollers(pollers);
        let waiting = w.suspended_calls().len();
        assert_eq!(waiting, pollers, "every idle poller is waiting");
        calls_per_second(&mut w, &url, cycles / 10); // warm-up
        let mut rates: Vec<f64> = (0..5)
            .map(|_| calls_per_second(&mut w, &url, cycles))
            .collect();
        rates.sort_by(|a, b| a.total_cmp(b));
        let median = rates[2];
        let base = *base.get_or_insert(median);
        println!(
            "busy-queue SQS calls with {pollers:>5} idle pollers waiting: median {median:.0} calls/s (min {:.0}, max {:.0}), {:.2}x the cost with none",
            rates[0],
            rates[4],
            base / median
        );
    }
}
