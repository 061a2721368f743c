//! Throughput of the SQS message path: through `World::call`, with JSON
//! `Value`s in and out exactly as a scenario or the UI calls it; through the
//! text edge (`Sqs::call_text`, JSON text in and out, no `Value`); and through
//! the typed methods (`World::sqs_direct`, no JSON). Each message is sent,
//! received and deleted by single-message calls, and again in batches of 10. The
//! workloads are in `stratus::bench`, shared with the browser run
//! (`make bench-wasm`). Run with `cargo bench`; `STRATUS_BENCH_MESSAGES` sets
//! the count (default 100,000), `STRATUS_BENCH_FILTER` runs only the workloads
//! whose name contains it. Each workload runs keeping the full trace (what a scenario does
//! by default) and keeping only event counts (`settings.trace: \"counts\"`, for long runs).

use std::time::Instant;
use stratus::bench::{
    set_sqs_trace, sqs_batches, sqs_fifo_batches, sqs_routed_deliveries, sqs_single,
    sqs_text_batches, sqs_text_single, sqs_typed_batches, sqs_typed_deliveries, sqs_typed_single,
};
use stratus::sim::TraceMode;

// The engine allocates many small strings and maps per call; measure it with
// a production allocator, as a native embedder would run it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Messages per second of one run.
fn rate(workload: fn(usize) -> usize, messages: usize) -> f64 {
    let start = Instant::now();
    let done = workload(messages);
    assert_eq!(done, messages / 10 * 10, "every message was deleted");
    done as f64 / start.elapsed().as_secs_f64()
}

fn median_of_5(workload: fn(usize) -> usize, messages: usize) -> (f64, f64, f64) {
    let mut rates: Vec<f64> = (0..5).map(|_| rate(workload, messages)).collect();
    rates.sort_by(|a, b| a.total_cmp(b));
    (rates[2], rates[0], rates[4])
}

fn main() {
    // `cargo bench` passes --bench; under `cargo test --bench sqs` this is a quick smoke run.
    if !std::env::args().any(|a| a == "--bench") {
        rate(sqs_single, 1_000);
        rate(sqs_batches, 1_000);
        rate(sqs_fifo_batches, 1_000);
        rate(sqs_text_single, 1_000);
        rate(sqs_text_batches, 1_000);
        rate(sqs_typed_single, 1_000);
        rate(sqs_typed_batches, 1_000);
        rate(sqs_typed_deliveries, 1_000);
        rate(sqs_routed_deliveries, 1_000);
        return;
    }
    let messages = std::env::var("STRATUS_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    rate(sqs_single, messages / 10); // warm-up
    for (name, workload) in [
        (
            "send+receive+delete, one message per call",
            sqs_single as fn(usize) -> usize,
        ),
        (
            "batches of 10 (SendMessageBatch, ReceiveMessage 10, DeleteMessageBatch)",
            sqs_batches,
        ),
        (
            "FIFO, 100 message groups, batches of 10 (high throughput mode)",
            sqs_fifo_batches,
        ),
        (
            "text path (call_text), one message per call",
            sqs_text_single,
        ),
        ("text path (call_text), batches of 10", sqs_text_batches),
        (
            "typed path (sqs_direct), one message per call",
            sqs_typed_single,
        ),
        ("typed path (sqs_direct), batches of 10", sqs_typed_batches),
        (
            "typed deliveries into a queue (SendMessage only, as a fan-out)",
            sqs_typed_deliveries,
        ),
        (
            "deliveries through the router (ARN, typed SendMessage, billing, Delivered)",
            sqs_routed_deliveries,
        ),
    ] {
        for (trace, mode) in [
            ("full trace", TraceMode::Full),
            ("trace counts only", TraceMode::Counts),
        ] {
            let label = format!("{name}, {trace}");
            if std::env::var("STRATUS_BENCH_FILTER").is_ok_and(|f| !label.contains(&f)) {
                continue;
            }
            set_sqs_trace(mode);
            let (median, min, max) = median_of_5(workload, messages);
            println!("sqs {label}: {messages} messages, median {median:.0} messages/s (min {min:.0}, max {max:.0}) over 5 runs");
        }
    }
}
