//! The JavaScript runtime's costs: a cold start (new environment: context,
//! native globals, instrumented module load of a trivial handler), a warm
//! invocation of a trivial async handler, the runaway-code guard (how long
//! the host is held by code that never ends), and a recursive fib(25)
//! compared with `node` when it is on PATH. Run with `cargo bench --bench
//! runtime`; under `cargo test` it is a quick smoke run.

use std::collections::BTreeMap;
use std::time::Instant;

use serde_json::json;
use stratus::bench::{RUNAWAY_BODIES, TRIVIAL_HANDLER};
use stratus::runtime::{Environment, FunctionConfig, InvokeInfo, Step};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const T0: u64 = 1_767_225_600_000;

fn config(body: &str) -> FunctionConfig {
    let mut files = BTreeMap::new();
    files.insert("index.mjs".to_string(), body.to_string());
    FunctionConfig::new("bench", "index.handler", files)
}

fn invoke(env: &mut Environment, i: u64) -> Step {
    let info = InvokeInfo {
        aws_request_id: format!("r{i}"),
        ..Default::default()
    };
    env.invoke(&json!({"n": i}), &info, T0 + i)
}

/// A handler that imports an SDK client (generated from the model on import).
const SDK_HANDLER: &str = "import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs'; const sqs = new SQSClient({}); export const handler = async () => typeof SendMessageCommand;";

fn cold_starts(n: usize) -> f64 {
    cold_starts_of(TRIVIAL_HANDLER, n)
}

fn cold_starts_of(body: &str, n: usize) -> f64 {
    let start = Instant::now();
    for _ in 0..n {
        let mut env = Environment::init(config(body), T0).expect("init");
        assert!(matches!(invoke(&mut env, 0), Step::Done(_)));
    }
    start.elapsed().as_secs_f64() * 1000.0 / n as f64
}

fn warm_rate(n: u64) -> f64 {
    let mut env = Environment::init(config(TRIVIAL_HANDLER), T0).expect("init");
    let start = Instant::now();
    for i in 0..n {
        assert!(matches!(invoke(&mut env, i), Step::Done(_)));
    }
    n as f64 / start.elapsed().as_secs_f64()
}

fn runaway(body: &str) -> (f64, String) {
    let mut env = Environment::init(
        config(&format!("export const handler = async () => {{ {body} }};")),
        T0,
    )
    .expect("init");
    let start = Instant::now();
    let Step::Done(out) = invoke(&mut env, 0) else {
        panic!("runaway code did not end")
    };
    let err = out.result.expect_err("runaway code fails");
    (start.elapsed().as_secs_f64() * 1000.0, err.error_type)
}

const FIB: &str = "function fib(n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }";

fn fib_stratus() -> f64 {
    let mut c = config(&format!(
        "{FIB} export const handler = async () => fib(25);"
    ));
    c.limits.max_steps = 100_000_000;
    c.timeout_ms = 900_000;
    let mut env = Environment::init(c, T0).expect("init");
    let start = Instant::now();
    let Step::Done(out) = invoke(&mut env, 0) else {
        panic!()
    };
    assert_eq!(out.result, Ok(json!(75025)));
    start.elapsed().as_secs_f64() * 1000.0
}

fn fib_node() -> Option<f64> {
    let script = format!(
        "{FIB} const t = process.hrtime.bigint(); fib(25); console.log(Number(process.hrtime.bigint() - t) / 1e6);"
    );
    let out = std::process::Command::new("node")
        .arg("-e")
        .arg(script)
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout).trim().parse().ok()
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        cold_starts(2);
        cold_starts_of(SDK_HANDLER, 2);
        warm_rate(10);
        return;
    }
    // `cargo bench --bench runtime -- warm` runs only the warm case (for a profiler).
    let only_warm = std::env::args().any(|a| a == "warm");
    if only_warm {
        let rate = warm_rate(400_000);
        println!("runtime warm invocations of a trivial async handler: {rate:.0}/s over 400,000");
        return;
    }
    cold_starts(20); // warm-up
    println!(
        "runtime cold start (init + first invocation of a trivial ESM handler): {:.3} ms",
        cold_starts(200)
    );
    println!(
        "runtime cold start of a handler importing @aws-sdk/client-sqs: {:.3} ms",
        cold_starts_of(SDK_HANDLER, 200)
    );
    warm_rate(10_000);
    let mut rates: Vec<f64> = (0..5).map(|_| warm_rate(100_000)).collect();
    rates.sort_by(|a, b| a.total_cmp(b));
    println!(
        "runtime warm invocations of a trivial async handler: median {:.0}/s (min {:.0}, max {:.0}) over 5 runs of 100,000",
        rates[2], rates[0], rates[4]
    );
    for body in RUNAWAY_BODIES {
        let (ms, kind) = runaway(body);
        println!("runtime guard: `{body}` ended as {kind} after {ms:.1} ms of wall time");
    }
    let stratus = fib_stratus();
    match fib_node() {
        Some(node) => println!(
            "runtime fib(25): Stratus {stratus:.1} ms, node {node:.1} ms (Stratus/node = {:.0}x)",
            stratus / node
        ),
        None => println!("runtime fib(25): Stratus {stratus:.1} ms (node not on PATH)"),
    }
}
