//! Waiters, as AWS's SDKs define them in the service models: an operation
//! to poll, a delay, a number of attempts, and acceptors that turn an answer
//! into success, failure or "try again". The table (`waiters_generated.rs`)
//! is generated from AWS's models by `scripts/gen_waiters.py`; scenarios run
//! waiters as steps and the SDK shim offers them to handlers (`waitUntil...`).

use crate::api::AwsError;
use serde_json::{json, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcceptorState {
    Success,
    Failure,
    Retry,
}

#[derive(Clone, Copy, Debug)]
pub enum Matcher {
    /// The value at a dotted path of the response equals `expected`.
    Path {
        argument: &'static str,
        expected: &'static str,
    },
    /// The call failed with this error code.
    Error(&'static str),
    /// The call succeeded.
    NoError,
    /// The call failed, whatever the error.
    AnyError,
    /// The HTTP status of the answer.
    Status(u16),
}

#[derive(Clone, Copy, Debug)]
pub struct Acceptor {
    pub state: AcceptorState,
    pub matcher: Matcher,
}

#[derive(Clone, Copy, Debug)]
pub struct Waiter {
    pub service: &'static str,
    pub name: &'static str,
    pub operation: &'static str,
    pub delay_seconds: u64,
    pub max_attempts: u32,
    pub acceptors: &'static [Acceptor],
}

/// The waiter `service:Name` (`lambda:FunctionActiveV2`), if AWS defines it for a simulated service.
pub fn find(qualified: &str) -> Option<&'static Waiter> {
    let (service, name) = qualified.split_once(':')?;
    super::waiters_generated::WAITERS
        .iter()
        .find(|w| w.service == service && w.name == name)
}

/// Every waiter's `service:Name`, for messages and the UI.
pub fn names() -> Vec<String> {
    super::waiters_generated::WAITERS
        .iter()
        .map(|w| format!("{}:{}", w.service, w.name))
        .collect()
}

fn at_path<'a>(value: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(value, |v, key| v.get(key))
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

impl Acceptor {
    pub fn matches(&self, answer: &Result<Value, AwsError>) -> bool {
        match (self.matcher, answer) {
            (Matcher::Path { argument, expected }, Ok(v)) => {
                at_path(v, argument).is_some_and(|found| text(found) == expected)
            }
            (Matcher::Error(code), Err(e)) => e.code == code,
            (Matcher::NoError, Ok(_)) | (Matcher::AnyError, Err(_)) => true,
            (Matcher::Status(status), Err(e)) => e.status == status,
            (Matcher::Status(status), Ok(_)) => status == 200,
            _ => false,
        }
    }
}

/// The waiters of one service as the SDK shim reads them (JSON):
/// `{"FunctionActiveV2": {"operation", "delay", "maxAttempts", "acceptors": [...]}}`.
pub fn for_sdk(service: &str) -> String {
    let mut out = serde_json::Map::new();
    for w in super::waiters_generated::WAITERS
        .iter()
        .filter(|w| w.service == service)
    {
        let acceptors: Vec<Value> = w
            .acceptors
            .iter()
            .map(|a| {
                let state = match a.state {
                    AcceptorState::Success => "success",
                    AcceptorState::Failure => "failure",
                    AcceptorState::Retry => "retry",
                };
                match a.matcher {
                    Matcher::Path { argument, expected } => {
                        json!({"state": state, "matcher": "path", "argument": argument, "expected": expected})
                    }
                    Matcher::Error(code) => {
                        json!({"state": state, "matcher": "error", "expected": code})
                    }
                    Matcher::NoError => json!({"state": state, "matcher": "error", "expected": false}),
                    Matcher::AnyError => json!({"state": state, "matcher": "error", "expected": true}),
                    Matcher::Status(s) => json!({"state": state, "matcher": "status", "expected": s}),
                }
            })
            .collect();
        out.insert(
            w.name.to_string(),
            json!({
                "operation": w.operation,
                "delay": w.delay_seconds,
                "maxAttempts": w.max_attempts,
                "acceptors": acceptors,
            }),
        );
    }
    Value::Object(out).to_string()
}
