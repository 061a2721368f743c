//! Calls the world makes on behalf of internal callers: the consumer fleet's
//! pollers, Lambda's event source mappings' pollers, and functions' own
//! ReceiveMessage calls. Unlike a scenario's
//! own call, which moves time until it answers, many internal calls may wait
//! at once: a call that would wait (a long poll) is kept as a suspended call
//! and retried, in arrival order, after every fired timer and every completed
//! call, with its wait counted from when it arrived; a world timer at its
//! deadline guarantees the final (empty) answer. Each call is billed once,
//! when it answers, however long it waited — as AWS bills a long poll.

use super::World;
use crate::api::AwsError;
use crate::fleet::{Outgoing, PollerRef};
use crate::services::Timer;
use crate::sim::{Millis, TimerClass, TimerId};
use serde_json::{json, Value};

/// Who an internal call is made for; the world hands its result back to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Caller {
    Fleet(PollerRef),
    /// A poller of a Lambda event source mapping.
    EventSource(crate::services::lambda::PollerRef),
    /// A function's SDK call (a long poll from inside a handler).
    Function {
        invocation: u64,
        call: u64,
    },
}

/// Something an internal caller asked the world to do.
#[derive(Clone, Debug)]
pub(super) enum Request {
    /// An SQS call (`operation` is the action without the `sqs:` prefix).
    Call {
        caller: Caller,
        operation: &'static str,
        input: Value,
    },
    /// Drop the caller's waiting call.
    Cancel(Caller),
}

/// A call that is waiting for something to answer.
#[derive(Clone, Debug)]
pub struct SuspendedCall {
    pub id: u64,
    pub caller: Caller,
    pub operation: &'static str,
    pub input: Value,
    pub arrived: Millis,
    pub deadline: Millis,
    timer: TimerId,
}

impl World {
    /// Takes a fleet's requests into the world's queue of internal work.
    pub(super) fn enqueue_fleet(&mut self, out: Vec<Outgoing>) {
        for o in out {
            self.outgoing.push_back(match o {
                Outgoing::Call {
                    caller,
                    action,
                    input,
                } => Request::Call {
                    caller: Caller::Fleet(caller),
                    operation: action,
                    input,
                },
                Outgoing::Cancel(r) => Request::Cancel(Caller::Fleet(r)),
            });
        }
    }

    /// Runs internal work until none is left: queued calls, then retries of
    /// suspended calls, again while any of them answered.
    pub(super) fn settle(&mut self) {
        loop {
            while let Some(request) = self.outgoing.pop_front() {
                match request {
                    Request::Call {
                        caller,
                        operation,
                        input,
                    } => self.start(caller, operation, input),
                    Request::Cancel(caller) => self.cancel(caller),
                }
            }
            if !self.retry_suspended() {
                break;
            }
        }
    }

    fn sqs_once(
        &mut self,
        operation: &str,
        input: &Value,
        since: Option<Millis>,
    ) -> (Result<Value, AwsError>, Option<Millis>) {
        let (mut ctx, sqs) = self.parts();
        ctx.waiting_since = since;
        let result = sqs.call(&mut ctx, operation, input);
        (result, ctx.wait_until)
    }

    fn start(&mut self, caller: Caller, operation: &'static str, input: Value) {
        let (result, wait) = self.sqs_once(operation, &input, None);
        match wait {
            Some(deadline) => {
                let id = self.next_call_id;
                self.next_call_id += 1;
                // A poller's wait is recurring background work, not work `run idle` waits for.
                let timer =
                    self.timers
                        .schedule(deadline, TimerClass::Background, Timer::CallDeadline(id));
                self.suspended.push(SuspendedCall {
                    id,
                    caller,
                    operation,
                    input,
                    arrived: self.now,
                    deadline,
                    timer,
                });
            }
            None => {
                let result = self.billed("sqs", operation, &input, result);
                self.deliver(caller, operation, result);
            }
        }
    }

    /// Asks every suspended call again, in arrival order; returns whether any answered.
    fn retry_suspended(&mut self) -> bool {
        if self.suspended.is_empty() {
            return false;
        }
        let mut answered = false;
        let calls = std::mem::take(&mut self.suspended);
        let mut waiting = Vec::with_capacity(calls.len());
        for call in calls {
            let (result, wait) = self.sqs_once(call.operation, &call.input, Some(call.arrived));
            if wait.is_some() {
                waiting.push(call);
                continue;
            }
            answered = true;
            self.timers.cancel(call.timer);
            let result = self.billed("sqs", call.operation, &call.input, result);
            self.deliver(call.caller, call.operation, result);
        }
        // Deliveries only queue new work, so nothing was suspended meanwhile; keep any that were, after.
        waiting.append(&mut self.suspended);
        self.suspended = waiting;
        answered
    }

    /// The caller is gone: its waiting calls end. The requests were made, so they are billed (as empty receives).
    fn cancel(&mut self, caller: Caller) {
        let (gone, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.suspended)
            .into_iter()
            .partition(|c| c.caller == caller);
        self.suspended = kept;
        for call in gone {
            self.timers.cancel(call.timer);
            let _ = self.billed("sqs", call.operation, &call.input, Ok(json!({})));
        }
    }

    fn deliver(&mut self, caller: Caller, operation: &str, result: Result<Value, AwsError>) {
        match caller {
            Caller::Fleet(r) => {
                self.with_fleets(|ctx, fleets, _, out| {
                    fleets.on_result(ctx, r, operation, result, out)
                });
            }
            Caller::Function { invocation, call } => {
                self.with_services(|ctx, lambda, _, _| {
                    lambda.deliver(ctx, invocation, call, result)
                });
                self.drain_lambda();
            }
            Caller::EventSource(r) => {
                self.with_services(|ctx, lambda, _, _| {
                    lambda.on_poll_result(ctx, r, operation, result)
                });
                self.drain_lambda();
            }
        }
    }

    /// Calls that are waiting, in arrival order (read-only view for the UI and tests).
    pub fn suspended_calls(&self) -> &[SuspendedCall] {
        &self.suspended
    }
}
