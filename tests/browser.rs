//! Browser layer (wasm-bindgen-test in headless Chromium): the engine
//! compiled to WebAssembly runs the example scenario to exactly the output
//! the native CLI produced (tests/golden, generated natively).
//! Run: `cargo test --target wasm32-unknown-unknown --test browser`.
#![cfg(target_arch = "wasm32")]

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
