//! Browser layer (wasm-bindgen-test in headless Chromium): the engine
//! compiled to WebAssembly runs the example scenario to exactly the output
//! the native CLI produced (tests/golden, generated natively), and runaway
//! handler code ends as Lambda's timeout without holding the page.
//! Run: `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

use std::collections::BTreeMap;

use serde_json::json;
use stratus::runtime::{Environment, FunctionConfig, InvokeInfo, Step};
use stratus::scenario::{codec, runner::render, Scenario};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const EXAMPLE: &str = include_str!("../www/examples/visibility-timeout.json");
const GOLDEN: &str = include_str!("golden/visibility-timeout.jsonl");

#[wasm_bindgen_test]
fn the_example_scenario_gives_the_native_output_byte_for_byte_in_the_browser() {
    let out = render(Scenario::from_json_str(EXAMPLE).unwrap(), true);
    assert_eq!(out, GOLDEN);
}

#[wasm_bindgen_test]
fn a_share_fragment_made_in_the_browser_replays_to_the_same_output() {
    let scenario = Scenario::from_json_str(EXAMPLE).unwrap();
    let decoded = codec::decode(&codec::encode(&scenario)).unwrap();
    assert_eq!(render(decoded, true), GOLDEN);
}

#[wasm_bindgen_test]
fn the_consumer_fleet_example_gives_the_native_output_byte_for_byte_in_the_browser() {
    let example = include_str!("../www/examples/consumer-fleet.json");
    let out = render(Scenario::from_json_str(example).unwrap(), true);
    assert_eq!(out, include_str!("golden/consumer-fleet.jsonl"));
}

#[wasm_bindgen_test]
fn a_while_true_handler_ends_as_lambdas_timeout_and_frees_the_page_within_a_second_and_a_half() {
    let mut files = BTreeMap::new();
    files.insert(
        "index.mjs".to_string(),
        "export const handler = async () => { while (true) {} };".to_string(),
    );
    let t0 = 1_767_225_600_000;
    let mut env =
        Environment::init(FunctionConfig::new("spin", "index.handler", files), t0).unwrap();
    let info = InvokeInfo {
        aws_request_id: "req-1".to_string(),
        ..Default::default()
    };
    let started = js_sys::Date::now();
    let Step::Done(out) = env.invoke(&json!({}), &info, t0) else {
        panic!("a runaway handler must end its invocation")
    };
    let held_ms = js_sys::Date::now() - started;
    let err = out.result.unwrap_err();
    assert_eq!(err.error_type, "Sandbox.Timedout");
    assert_eq!(
        err.error_message,
        "RequestId: req-1 Error: Task timed out after 3.00 seconds"
    );
    assert!(!out.environment_reusable);
    assert!(held_ms < 1500.0, "the page was held {held_ms} ms");
}

#[wasm_bindgen_test]
fn the_sqs_to_lambda_example_gives_the_native_output_byte_for_byte_in_the_browser() {
    let example = include_str!("../www/examples/sqs-lambda-batches.json");
    let out = render(Scenario::from_json_str(example).unwrap(), true);
    assert_eq!(out, include_str!("golden/sqs-lambda-batches.jsonl"));
}
