//! The SQS → Lambda pipeline: messages sent in batches of ten to a queue that
//! an event source mapping feeds to a trivial function, until Lambda has
//! deleted every one (pollers, long polls, invocations on the JavaScript
//! runtime, deletes, logs, trace). `cargo bench --bench pipeline`; under
//! `cargo test` it is a quick smoke run.

use std::time::Instant;
use stratus::bench::sqs_lambda_pipeline;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        let run = sqs_lambda_pipeline(200);
        assert_eq!((run.processed, run.deleted), (200, 200), "{run:?}");
        return;
    }
    let n: usize = std::env::var("STRATUS_BENCH_MESSAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let mut runs: Vec<(f64, _)> = (0..3)
        .map(|_| {
            let start = Instant::now();
            let run = sqs_lambda_pipeline(n);
            assert_eq!(run.deleted, n as u64, "{run:?}");
            (start.elapsed().as_secs_f64(), run)
        })
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (secs, run) = runs[1];
    println!(
        "sqs → lambda pipeline: {n} messages in {:.2} s wall (median of 3; {:.0} messages/s), {} invocations' records, {:.1} s of virtual time",
        secs,
        n as f64 / secs,
        run.processed,
        run.virtual_ms as f64 / 1000.0
    );
}
