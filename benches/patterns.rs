//! The event-pattern matcher under load: rules of mixed operators (from
//! `pattern::workload`) against realistic ~1 KB events, at 10, 100, 1,000 and
//! 10,000 rules. The goal is at least 300,000 events/s with 1,000 rules, and a
//! cost per event that grows with the rules an event can match, not with the
//! rules there are. `cargo bench --bench patterns`; without `--bench` (as in
//! `cargo test --bench patterns`) it runs a quick smoke pass.
//! `STRATUS_BENCH_EVENTS` sets the events per measurement.

use std::time::Instant;
use stratus::pattern::workload;
use stratus::pattern::{Dialect, Matcher, Pattern};

/// CPU time this thread has run, in ns (Linux), so the figures can be read
/// apart from what other processes on a shared machine take.
fn cpu_ns() -> Option<u64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    text.split_whitespace().next()?.parse().ok()
}

fn events_per_second(
    matcher: &Matcher<usize>,
    events: &[serde_json::Value],
    rounds: usize,
) -> (f64, f64, usize) {
    let start = Instant::now();
    let cpu = cpu_ns();
    let mut matched = 0;
    for _ in 0..rounds {
        for e in events {
            matched += matcher.matching(e).len();
        }
    }
    let n = (rounds * events.len()) as f64;
    let wall = n / start.elapsed().as_secs_f64();
    let per_cpu = match (cpu, cpu_ns()) {
        (Some(a), Some(b)) if b > a => n / ((b - a) as f64 / 1e9),
        _ => wall,
    };
    (wall, per_cpu, matched)
}

pub fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let per_round: usize = std::env::var("STRATUS_BENCH_EVENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if bench { 2_000 } else { 50 });
    let rounds = if bench { 25 } else { 1 };
    let sizes: Vec<usize> = match std::env::var("STRATUS_BENCH_RULES") {
        Ok(v) => v.split(',').filter_map(|n| n.trim().parse().ok()).collect(),
        Err(_) if bench => vec![10, 100, 1_000, 10_000],
        Err(_) => vec![10, 100],
    };
    let events = workload::events(7, per_round);
    let bytes: usize = events.iter().map(|e| e.to_string().len()).sum();
    println!(
        "{} events of {} bytes on average, {} rounds per measurement",
        events.len(),
        bytes / events.len().max(1),
        rounds
    );
    for &n in &sizes {
        let texts = workload::rules(42, n);
        let build = Instant::now();
        let mut matcher = Matcher::new();
        for (i, t) in texts.iter().enumerate() {
            match Pattern::parse(t, Dialect::EventBridge) {
                Ok(p) => matcher.add(i, &p),
                Err(e) => panic!("workload rule {i} is invalid: {e}"),
            }
        }
        let built = build.elapsed();
        events_per_second(&matcher, &events, 1); // warm-up
        let mut runs: Vec<(f64, f64, usize)> = (0..5)
            .map(|_| events_per_second(&matcher, &events, rounds))
            .collect();
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (median, _, matched) = runs[2];
        let mut cpu: Vec<f64> = runs.iter().map(|r| r.1).collect();
        cpu.sort_by(|a, b| a.total_cmp(b));
        let per_event = matched as f64 / (rounds * events.len()) as f64;
        println!(
            "{n:>6} rules: median {median:>9.0} events/s (min {:.0}, max {:.0}), {:.0} per CPU-second; {per_event:.2} rules matched per event; built in {:.1} ms",
            runs[0].0,
            runs[4].0,
            cpu[2],
            built.as_secs_f64() * 1000.0
        );
        if !bench {
            // The smoke pass also checks the matcher against each pattern alone.
            let patterns: Vec<Pattern> = texts
                .iter()
                .filter_map(|t| Pattern::parse(t, Dialect::EventBridge).ok())
                .collect();
            for e in &events {
                let expected: Vec<usize> = (0..patterns.len())
                    .filter(|&i| patterns[i].matches(e))
                    .collect();
                assert_eq!(matcher.matching(e), expected);
            }
        }
    }
}
