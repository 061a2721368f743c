//! The native benchmark's workloads run in headless Chromium, for the
//! browser/native ratio. Not part of `make test`: run `make bench-wasm`
//! (release build) and compare with `make bench`.
#![cfg(target_arch = "wasm32")]

use stratus::bench::{sqs_batches, sqs_fifo_batches, sqs_single};
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
    ] {
        let mut rates: Vec<f64> = (0..5).map(|_| rate(workload, messages)).collect();
        rates.sort_by(|a, b| a.total_cmp(b));
        console_log!(
            "wasm sqs {name}: {messages} messages, median {:.0} messages/s (min {:.0}, max {:.0})",
            rates[2],
            rates[0],
            rates[4]
        );
    }
}
