//! Waiters, as AWS's SDKs define them: poll an operation every `delay`
//! seconds of virtual time until an acceptor says success or failure, at most
//! `max_attempts` times. The definitions come from AWS's service models
//! (`waiters_generated.rs`); a scenario step `{"wait": "lambda:FunctionActiveV2",
//! "input": {...}}` runs one, so a scenario can wait for a function to be Active.

use crate::api::AwsError;
use crate::sim::SECOND;
use crate::world::World;
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
    fn matches(&self, answer: &Result<Value, AwsError>) -> bool {
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

/// Runs the waiter against the world, moving virtual time between attempts.
/// Ok: `{"state": "success", "attempts": n}`; Err: the waiter's failure as an error value.
pub fn run(world: &mut World, waiter: &Waiter, input: &Value) -> Result<Value, Value> {
    let action = format!("{}:{}", waiter.service, waiter.operation);
    let failed = |reason: String| {
        json!({
            "code": "WaiterFailure",
            "message": format!("Waiter {} failed: {reason}", waiter.name),
        })
    };
    for attempt in 1..=waiter.max_attempts {
        let answer = world.call(&action, input.clone());
        let state = waiter
            .acceptors
            .iter()
            .find(|a| a.matches(&answer))
            .map(|a| a.state);
        match (state, &answer) {
            (Some(AcceptorState::Success), _) => {
                return Ok(json!({ "state": "success", "attempts": attempt }))
            }
            (Some(AcceptorState::Failure), _) => {
                return Err(failed("Waiter encountered a terminal failure state".into()))
            }
            // An error no acceptor expects ends the wait, as the SDKs end it.
            (None, Err(e)) => {
                return Err(failed(format!(
                    "Unexpected error encountered: {}: {}",
                    e.code, e.message
                )))
            }
            _ => {}
        }
        if attempt < waiter.max_attempts {
            world.advance(waiter.delay_seconds * SECOND);
        }
    }
    Err(failed("Max attempts exceeded".into()))
}
