//! Waiters as scenario steps: `{"wait": "lambda:FunctionActiveV2", "input": {...}}`
//! polls the waiter's operation every `delay` seconds of virtual time until an
//! acceptor says success or failure, at most `max_attempts` times. The waiter
//! definitions are AWS's (`crate::api::waiters`).

pub use crate::api::waiters::{find, names, AcceptorState, Waiter};
use crate::api::Identity;
use crate::sim::SECOND;
use crate::world::World;
use serde_json::{json, Value};
use std::rc::Rc;

/// Runs the waiter against the world, moving virtual time between attempts; its calls act
/// as `caller` when given (another account or region), else as the scenario's own identity.
/// Ok: `{"state": "success", "attempts": n}`; Err: the waiter's failure as an error value.
pub fn run(
    world: &mut World,
    caller: Option<Rc<Identity>>,
    waiter: &Waiter,
    input: &Value,
) -> Result<Value, Value> {
    let action = format!("{}:{}", waiter.service, waiter.operation);
    let failed = |reason: String| {
        json!({
            "code": "WaiterFailure",
            "message": format!("Waiter {} failed: {reason}", waiter.name),
        })
    };
    for attempt in 1..=waiter.max_attempts {
        let answer = match &caller {
            Some(who) => world.call_as(who.clone(), &action, input.clone()),
            None => world.call(&action, input.clone()),
        };
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
