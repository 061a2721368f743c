//! Tests of the pattern language, each named as a statement of AWS behaviour.
//! Messages quoted in full were recorded from AWS (EventBridge's PutRule and
//! TestEventPattern, SNS's Subscribe).

mod arrays;
mod basics;
mod eventbridge_errors;
mod explain;
mod lambda;
mod matcher;
mod numbers;
mod operators;
#[cfg(not(target_arch = "wasm32"))]
mod properties;
mod sns;
mod support;
