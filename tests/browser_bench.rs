//! The native benchmarks' workloads run in headless Chromium, for the
//! browser/native ratio: SQS throughput, and the JavaScript runtime's cold
//! start, warm invocations (alone and through `World::call`) and how long
//! runaway code holds the page. Not part of `make test`: run `make
//! bench-wasm` (release build) and compare with `make bench`.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use serde_json::json;
use stratus::bench::{
    lambda_warm_invokes, set_sqs_trace, sqs_batches, sqs_fifo_batches, sqs_lambda_pipeline,
    sqs_routed_deliveries, sqs_single, sqs_text_batches, sqs_text_single, sqs_typed_batches,
    sqs_typed_deliveries, sqs_typed_single, RUNAWAY_BODIES, TRIVIAL_HANDLER,
};
use stratus::runtime::{Environment, FunctionConfig, InvokeInfo, Step};
use stratus::sim::TraceMode;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn rate(workload: fn(usize) -> usize, messages: usize) -> f64 {
    let start = js_sys::Date::now();
    let done = workload(messages);
    done as f64 / ((js_sys::Date::now() - start) / 1000.0)
}

#[wasm_bindgen_test]
fn sqs_throughput_in_the_browser() {
    let messages = 20_000;
    rate(sqs_single, messages / 10); // warm-up
    for (name, workload) in [
        ("one message per call", sqs_single as fn(usize) -> usize),
        ("batches of 10", sqs_batches),
        ("FIFO, 100 groups, batches of 10", sqs_fifo_batches),
        ("text path, one message per call", sqs_text_single),
        ("text path, batches of 10", sqs_text_batches),
        ("typed path, one message per call", sqs_typed_single),
        ("typed path, batches of 10", sqs_typed_batches),
        ("typed deliveries into a queue", sqs_typed_deliveries),
        ("deliveries through the router", sqs_routed_deliveries),
    ] {
        for (trace, mode) in [
            ("full trace", TraceMode::Full),
            ("trace counts only", TraceMode::Counts),
        ] {
            set_sqs_trace(mode);
            let mut rates: Vec<f64> = (0..5).map(|_| rate(workload, messages)).collect();
            rates.sort_by(|a, b| a.total_cmp(b));
            console_log!(
                "wasm sqs {name}, {trace}: {messages} messages, median {:.0} messages/s (min {:.0}, max {:.0})",
                rates[2],
                rates[0],
                rates[4]
            );
        }
    }
}

const T0: u64 = 1_767_225_600_000;

fn environment(body: &str) -> Environment {
    let mut files = BTreeMap::new();
    files.insert("index.mjs".to_string(), body.to_string());
    Environment::init(FunctionConfig::new("bench", "index.handler", files), T0).expect("init")
}

fn invoke(env: &mut Environment, i: u64) -> Step {
    let info = InvokeInfo {
        aws_request_id: format!("r{i}"),
        ..Default::default()
    };
    env.invoke(&json!({"n": i}), &info, T0 + i)
}

fn median(mut v: Vec<f64>) -> (f64, f64, f64) {
    v.sort_by(|a, b| a.total_cmp(b));
    (v[v.len() / 2], v[0], v[v.len() - 1])
}

#[wasm_bindgen_test]
fn runtime_costs_in_the_browser() {
    let cold = |n: usize| {
        let start = js_sys::Date::now();
        for _ in 0..n {
            let mut env = environment(TRIVIAL_HANDLER);
            assert!(matches!(invoke(&mut env, 0), Step::Done(_)));
        }
        (js_sys::Date::now() - start) / n as f64
    };
    cold(10); // warm-up
    console_log!(
        "wasm runtime cold start (init + first invocation of a trivial ESM handler): {:.3} ms",
        cold(100)
    );
    let warm = |n: u64| {
        let mut env = environment(TRIVIAL_HANDLER);
        let start = js_sys::Date::now();
        for i in 0..n {
            assert!(matches!(invoke(&mut env, i), Step::Done(_)));
        }
        n as f64 / ((js_sys::Date::now() - start) / 1000.0)
    };
    warm(2_000);
    let (mid, min, max) = median((0..5).map(|_| warm(20_000)).collect());
    console_log!("wasm runtime warm invocations of a trivial async handler: median {mid:.0}/s (min {min:.0}, max {max:.0}) over 5 runs of 20,000");
    let through_world = |n: usize| {
        let start = js_sys::Date::now();
        assert_eq!(lambda_warm_invokes(n), n);
        n as f64 / ((js_sys::Date::now() - start) / 1000.0)
    };
    through_world(1_000);
    let (mid, min, max) = median((0..5).map(|_| through_world(5_000)).collect());
    console_log!("wasm lambda warm synchronous invokes through World::call: median {mid:.0}/s (min {min:.0}, max {max:.0}) over 5 runs of 5,000");
    for body in RUNAWAY_BODIES {
        let mut env = environment(&format!("export const handler = async () => {{ {body} }};"));
        let start = js_sys::Date::now();
        let Step::Done(out) = invoke(&mut env, 0) else {
            panic!("runaway code did not end")
        };
        let ms = js_sys::Date::now() - start;
        let kind = out.result.expect_err("runaway code fails").error_type;
        console_log!("wasm runtime guard: `{body}` ended as {kind} after {ms:.1} ms of wall time");
    }
}

#[wasm_bindgen_test]
fn sqs_to_lambda_pipeline_in_the_browser() {
    let n = 100_000;
    let start = js_sys::Date::now();
    let run = sqs_lambda_pipeline(n);
    let secs = (js_sys::Date::now() - start) / 1000.0;
    assert_eq!(run.deleted, n as u64);
    console_log!(
        "browser: sqs → lambda pipeline, {n} messages in {secs:.2} s ({:.0} messages/s), {:.1} s of virtual time",
        n as f64 / secs,
        run.virtual_ms as f64 / 1000.0
    );
}

/// The event-pattern matcher in the page: 1,000 rules of mixed operators against ~1 KB events
/// (the native figure is `cargo bench --bench patterns`).
#[wasm_bindgen_test]
fn pattern_matching_in_the_browser() {
    use stratus::pattern::{workload, Dialect, Matcher, Pattern};
    for rules in [10usize, 100, 1_000, 10_000] {
        let mut matcher = Matcher::new();
        for (i, text) in workload::rules(7, rules).iter().enumerate() {
            if let Ok(p) = Pattern::parse(text, Dialect::EventBridge) {
                matcher.add(i, &p);
            }
        }
        let events = workload::events(11, 2_000);
        let start = js_sys::Date::now();
        let mut matched = 0usize;
        let rounds = 5;
        for _ in 0..rounds {
            for e in &events {
                matched += matcher.matching(e).len();
            }
        }
        let secs = (js_sys::Date::now() - start) / 1000.0;
        console_log!(
            "patterns: {rules} rules: {:.0} events/s in the browser ({matched} matches)",
            (events.len() * rounds) as f64 / secs
        );
    }
}
