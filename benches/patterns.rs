//! The event-pattern matcher under load: rules of mixed operators (from
//! `pattern::workload`) against realistic ~1 KB events, at 10, 100, 1,000 and
//! 10,000 rules. The goal is at least 300,000 events/s with 1,000 rules, and a
//! cost per event that grows with the rules an event can reach, not with the
//! rules there are.
//!
//! Two figures per size: "hot", events cycled from a small pool (64) that
//! stays in the CPU cache, as an event just parsed from a request is; and
//! "cold", a pool of 4,096 events too big for the cache, the worst case.
//! Each is the median of five measurements; "per CPU-second" divides by the
//! CPU time the thread got (Linux), for a machine shared with other work.
//! `cargo bench --bench patterns`; without `--bench` (as in
//! `cargo test --bench patterns`) it runs a quick smoke pass that also checks
//! the matcher against each pattern alone. `STRATUS_BENCH_RULES=1000,10000`
//! chooses the sizes.

use std::time::Instant;
use stratus::pattern::workload;
use stratus::pattern::{Dialect, Matcher, Pattern};

/// CPU time this thread has run, in ns (Linux).
fn cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

/// One measurement: events per second of wall time and of CPU time, and the
/// number of matches found.
fn measure(
    matcher: &Matcher<usize>,
    events: &[serde_json::Value],
    total: usize,
) -> (f64, f64, usize) {
    let start = Instant::now();
    let cpu = cpu_ns();
    let mut matched = 0;
    for e in events.iter().cycle().take(total) {
        matched += matcher.matching(e).len();
    }
    let n = total as f64;
    let wall = n / start.elapsed().as_secs_f64();
    let per_cpu = match (cpu, cpu_ns()) {
        (Some(a), Some(b)) if b > a => n / ((b - a) as f64 / 1e9),
        _ => wall,
    };
    (wall, per_cpu, matched)
}

/// The median of five measurements (after a warm-up).
fn median(matcher: &Matcher<usize>, events: &[serde_json::Value], total: usize) -> (f64, f64, f64) {
    measure(matcher, events, events.len());
    let mut runs: Vec<(f64, f64, usize)> =
        (0..5).map(|_| measure(matcher, events, total)).collect();
    let per_event = runs[0].2 as f64 / total as f64;
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let wall = runs[2].0;
    runs.sort_by(|a, b| a.1.total_cmp(&b.1));
    (wall, runs[2].1, per_event)
}

pub fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let sizes: Vec<usize> = match std::env::var("STRATUS_BENCH_RULES") {
        Ok(v) => v.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) if bench => vec![10, 100, 1_000, 10_000],
        Err(_) => vec![10, 100],
    };
    let (hot, cold, total) = if bench {
        (workload::events(7, 64), workload::events(8, 4096), 32_768)
    } else {
        (workload::events(7, 16), workload::events(8, 64), 64)
    };
    let bytes: usize = cold.iter().map(|e| e.to_string().len()).sum();
    println!(
        "events of {} bytes on average (compact JSON); {total} events per measurement",
        bytes / cold.len().max(1)
    );
    for &n in &sizes {
        let texts = workload::rules(42, n);
        let build = Instant::now();
        let mut matcher = Matcher::new();
        let mut patterns = Vec::with_capacity(n);
        for (i, t) in texts.iter().enumerate() {
            match Pattern::parse(t, Dialect::EventBridge) {
                Ok(p) => {
                    matcher.add(i, &p);
                    patterns.push(p);
                }
                Err(e) => panic!("workload rule {i} is invalid: {e}"),
            }
        }
        let built = build.elapsed().as_secs_f64() * 1000.0;
        let (hot_wall, hot_cpu, per_event) = median(&matcher, &hot, total);
        let (cold_wall, _, _) = median(&matcher, &cold, total);
        println!(
            "{n:>6} rules: hot {hot_wall:>9.0} events/s ({hot_cpu:.0} per CPU-second), cold {cold_wall:>9.0} events/s; {per_event:.2} rules matched per event; parsed and added in {built:.1} ms"
        );
        if !bench {
            for e in hot.iter().chain(&cold) {
                let expected: Vec<usize> = (0..patterns.len())
                    .filter(|&i| patterns[i].matches(e))
                    .collect();
                assert_eq!(matcher.matching(e), expected);
            }
        }
    }
}
