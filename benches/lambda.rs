//! Warm synchronous invocations of a trivial async handler through
//! `World::call("lambda:Invoke")`: the whole path (Lambda's state machine, the
//! runtime, logs to CloudWatch Logs, the trace). `cargo bench --bench lambda`.

use std::time::Instant;
use stratus::bench::lambda_warm_invokes;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        assert_eq!(lambda_warm_invokes(20), 20);
        return;
    }
    let n: usize = std::env::var("STRATUS_BENCH_INVOKES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    lambda_warm_invokes(n / 10); // warm-up
    let mut rates: Vec<f64> = (0..5)
        .map(|_| {
            let start = Instant::now();
            assert_eq!(lambda_warm_invokes(n), n);
            n as f64 / start.elapsed().as_secs_f64()
        })
        .collect();
    rates.sort_by(|a, b| a.total_cmp(b));
    println!(
        "lambda warm synchronous invokes through World::call: {n} invokes, median {:.0}/s (min {:.0}, max {:.0}) over 5 runs",
        rates[2], rates[0], rates[4]
    );
}
