//! One poller's state machine, driven by world timers and call results:
//! starting (warm-up) → polling (ReceiveMessage, short or long) → processing
//! each received message for its processing time → DeleteMessage for each
//! success (or, with DeleteInBatches, one DeleteMessageBatch for the receive's
//! successes once all are done), nothing for a failure → polling again. A short poll that answers
//! empty sleeps for the fleet's ShortPollIntervalSeconds (1 s by default)
//! before polling again, so a short-polling fleet shows its many empty
//! receives and what they cost; a long poll that ends empty polls again at once.

use super::config::ERROR_BACKOFF;
use super::events::FleetEvent;
use super::{Fleet, FleetTimer, PollerRef};
use crate::api::AwsError;
use crate::kernel::{Ctx, Timer};
use crate::kernel::{Outbound, Payload, Token, TypedAnswer};
use crate::services::sqs::shapes::{
    DeleteMessageBatchRequest, DeleteMessageBatchRequestEntry, DeleteMessageRequest,
    ReceiveMessageRequest, ReceiveMessageResult,
};
use crate::sim::{Millis, TimerClass, TimerId};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::collections::VecDeque;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PollerState {
    /// Launched by a scale-out, warming up until `until`.
    Starting { until: Millis },
    /// A ReceiveMessage is out (waiting, for a long poll) since `since`.
    Polling { since: Millis },
    /// Working on one message until `until`.
    Processing { message_id: Rc<str>, until: Millis },
    /// After an empty short poll (or a failed call), waiting until `until` to poll again.
    Sleeping { until: Millis },
}

impl PollerState {
    pub fn label(&self) -> &'static str {
        match self {
            PollerState::Starting { .. } => "starting",
            PollerState::Polling { .. } => "polling",
            PollerState::Processing { .. } => "processing",
            PollerState::Sleeping { .. } => "idle",
        }
    }
}

/// A received message a poller still has to process.
#[derive(Clone, Debug)]
struct Received {
    message_id: Rc<str>,
    receipt_handle: String,
}

/// What SQS answered a poller: typed (the fleet's own typed requests) or, for a long poll
/// that ended empty, JSON.
pub enum Reply {
    Json(Value),
    Typed(Box<dyn TypedAnswer>),
}

impl Reply {
    /// The messages a ReceiveMessage answer carries, with their receipt handles.
    fn received(self) -> VecDeque<Received> {
        match self {
            Reply::Typed(answer) => answer
                .as_any()
                .downcast_ref::<ReceiveMessageResult>()
                .and_then(|r| r.messages.as_deref())
                .unwrap_or_default()
                .iter()
                .filter_map(|m| {
                    Some(Received {
                        message_id: m.message_id.clone()?,
                        receipt_handle: m.receipt_handle?.text(),
                    })
                })
                .collect(),
            Reply::Json(output) => output
                .get("Messages")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|m| {
                    Some(Received {
                        message_id: m.get("MessageId")?.as_str()?.into(),
                        receipt_handle: m.get("ReceiptHandle")?.as_str()?.to_string(),
                    })
                })
                .collect(),
        }
    }

    /// A batch's first failed entry, as JSON.
    fn first_failed(self) -> Option<Value> {
        let output = match self {
            Reply::Json(output) => output,
            Reply::Typed(answer) => answer.to_json(),
        };
        output.get("Failed")?.as_array()?.first().cloned()
    }
}

#[derive(Debug)]
pub struct Poller {
    pub id: u32,
    pub name: Rc<str>,
    pub state: PollerState,
    /// Set by a scale-in: finish the current batch, then stop instead of polling.
    pub stopping: bool,
    pub processed: u64,
    pub failed: u64,
    timer: Option<TimerId>,
    batch: VecDeque<Received>,
    current: Option<Received>,
    /// Successes waiting for the batch's one DeleteMessageBatch (with DeleteInBatches).
    to_delete: Vec<Received>,
}

impl Poller {
    pub(super) fn describe(&self, now: Millis) -> Value {
        let mut v = json!({
            "PollerId": &*self.name,
            "State": self.state.label(),
            "MessagesProcessed": self.processed,
            "MessagesFailed": self.failed,
        });
        match &self.state {
            PollerState::Starting { until }
            | PollerState::Sleeping { until }
            | PollerState::Processing { until, .. } => {
                v["RemainingMs"] = json!(until.saturating_sub(now));
            }
            PollerState::Polling { since } => v["WaitingMs"] = json!(now.saturating_sub(*since)),
        }
        if let PollerState::Processing { message_id, .. } = &self.state {
            v["MessageId"] = json!(&**message_id);
        }
        if self.stopping {
            v["Stopping"] = json!(true);
        }
        v
    }
}

fn reference(fleet: &Fleet, poller: u32) -> PollerRef {
    PollerRef {
        fleet: fleet.id,
        poller,
    }
}

/// How the router hands a poller's replies back (see `Fleets::on_reply`).
fn token(fleet: &Fleet, poller: u32) -> Token {
    Token::Poller {
        owner: fleet.id as u64,
        poller,
    }
}

fn schedule(fleet: &mut Fleet, ctx: &mut Ctx, poller: u32, due: Millis, class: TimerClass) {
    let r = reference(fleet, poller);
    let id = ctx.schedule(due, class, Timer::Fleet(FleetTimer::Poller(r)));
    if let Some(p) = fleet.pollers.get_mut(&poller) {
        p.timer = Some(id);
    }
}

/// Launches or stops pollers until the fleet runs `desired` of them. New pollers
/// warm up for `warmup` first; scale-in stops the newest pollers first.
pub(super) fn resize(fleet: &mut Fleet, ctx: &mut Ctx, out: &mut Vec<Outbound>, warmup: Millis) {
    while fleet.running() < fleet.desired {
        let id = fleet.next_poller;
        fleet.next_poller += 1;
        let name: Rc<str> = format!("{}-{id}", fleet.config.name).into();
        let state = PollerState::Starting {
            until: ctx.now + warmup,
        };
        fleet.pollers.insert(
            id,
            Poller {
                id,
                name: name.clone(),
                state,
                stopping: false,
                processed: 0,
                failed: 0,
                timer: None,
                batch: VecDeque::new(),
                current: None,
                to_delete: Vec::new(),
            },
        );
        ctx.emit(FleetEvent::PollerStarted {
            fleet: fleet.config.name.as_str().into(),
            queue: fleet.queue.clone(),
            poller: name,
        });
        if warmup == 0 {
            poll(fleet, ctx, out, id);
        } else {
            schedule(fleet, ctx, id, ctx.now + warmup, TimerClass::Background);
        }
    }
    while fleet.running() > fleet.desired {
        let Some(id) = fleet
            .pollers
            .values()
            .rev()
            .find(|p| !p.stopping)
            .map(|p| p.id)
        else {
            break;
        };
        let busy = matches!(
            fleet.pollers.get(&id).map(|p| &p.state),
            Some(PollerState::Processing { .. })
        );
        if busy {
            // Like an instance's termination lifecycle hook: it finishes the messages it holds.
            if let Some(p) = fleet.pollers.get_mut(&id) {
                p.stopping = true;
            }
        } else {
            stop_now(fleet, ctx, out, id);
        }
    }
}

/// Removes a poller at once: its timer is cancelled and its waiting call dropped.
pub(super) fn stop_now(fleet: &mut Fleet, ctx: &mut Ctx, out: &mut Vec<Outbound>, poller: u32) {
    let Some(p) = fleet.pollers.remove(&poller) else {
        return;
    };
    if let Some(t) = p.timer {
        ctx.timers.cancel(t);
    }
    if matches!(p.state, PollerState::Polling { .. }) {
        out.push(Outbound::Cancel(token(fleet, poller)));
    }
    ctx.emit(FleetEvent::PollerStopped {
        fleet: fleet.config.name.as_str().into(),
        queue: fleet.queue.clone(),
        poller: p.name,
    });
}

/// Sends the poller's ReceiveMessage (or stops it, when it is on its way out).
fn poll(fleet: &mut Fleet, ctx: &mut Ctx, out: &mut Vec<Outbound>, poller: u32) {
    let Some(p) = fleet.pollers.get_mut(&poller) else {
        return;
    };
    if p.stopping {
        stop_now(fleet, ctx, out, poller);
        return;
    }
    p.state = PollerState::Polling { since: ctx.now };
    p.timer = None;
    let c = &fleet.config;
    let receive = ReceiveMessageRequest {
        queue_url: Cow::Owned(c.queue_url.clone()),
        max_number_of_messages: Some(i64::from(c.max_number_of_messages)),
        wait_time_seconds: Some(i64::from(c.wait_time_seconds)),
        visibility_timeout: c.visibility_timeout.map(i64::from),
        ..ReceiveMessageRequest::default()
    };
    out.push(Outbound::Call {
        token: Some(token(fleet, poller)),
        action: Cow::Borrowed("sqs:ReceiveMessage"),
        input: Payload::Typed(Box::new(receive)),
    });
}

fn sleep(fleet: &mut Fleet, ctx: &mut Ctx, poller: u32, duration: Millis) {
    let until = ctx.now + duration;
    if let Some(p) = fleet.pollers.get_mut(&poller) {
        p.state = PollerState::Sleeping { until };
    }
    schedule(fleet, ctx, poller, until, TimerClass::Background);
}

/// Starts on the next message of the batch, or polls again when the batch is done.
fn process_next(fleet: &mut Fleet, ctx: &mut Ctx, out: &mut Vec<Outbound>, poller: u32) {
    let range = fleet.config.processing_time;
    let Some(p) = fleet.pollers.get_mut(&poller) else {
        return;
    };
    let Some(next) = p.batch.pop_front() else {
        p.current = None;
        let done = std::mem::take(&mut p.to_delete);
        if !done.is_empty() {
            let entries = done
                .into_iter()
                .enumerate()
                .map(|(i, m)| DeleteMessageBatchRequestEntry {
                    id: Cow::Owned(format!("m{i}")),
                    receipt_handle: Cow::Owned(m.receipt_handle),
                })
                .collect();
            let delete = DeleteMessageBatchRequest {
                queue_url: Cow::Owned(fleet.config.queue_url.clone()),
                entries,
            };
            out.push(Outbound::Call {
                token: Some(token(fleet, poller)),
                action: Cow::Borrowed("sqs:DeleteMessageBatch"),
                input: Payload::Typed(Box::new(delete)),
            });
        }
        poll(fleet, ctx, out, poller);
        return;
    };
    let span = range.max - range.min;
    let took = range.min
        + if span == 0 {
            0
        } else {
            ctx.rng.next_u64() % (span + 1)
        };
    let until = ctx.now + took;
    p.state = PollerState::Processing {
        message_id: next.message_id.clone(),
        until,
    };
    p.current = Some(next);
    // A message being worked on is work in progress: `run idle` waits for it.
    schedule(fleet, ctx, poller, until, TimerClass::Pending);
}

/// The poller's message is done: deleted if it succeeded, left in the queue if it failed.
fn finish(fleet: &mut Fleet, ctx: &mut Ctx, out: &mut Vec<Outbound>, poller: u32) {
    let failure_rate = fleet.config.failure_rate;
    let Some(p) = fleet.pollers.get_mut(&poller) else {
        return;
    };
    let Some(message) = p.current.take() else {
        return process_next(fleet, ctx, out, poller);
    };
    // A uniform draw in [0, 1) from the seeded rng, against the failure rate.
    let failed = failure_rate > 0.0
        && ((ctx.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < failure_rate;
    let (fleet_name, queue, name) = (
        fleet.config.name.as_str().into(),
        fleet.queue.clone(),
        p.name.clone(),
    );
    if failed {
        p.failed += 1;
        fleet.failed += 1;
        ctx.emit(FleetEvent::MessageProcessingFailed {
            fleet: fleet_name,
            queue,
            poller: name,
            message_id: message.message_id,
        });
    } else {
        p.processed += 1;
        fleet.processed += 1;
        ctx.emit(FleetEvent::MessageProcessed {
            fleet: fleet_name,
            queue,
            poller: name,
            message_id: message.message_id.clone(),
        });
        if fleet.config.delete_in_batches {
            p.to_delete.push(message);
        } else {
            let delete = DeleteMessageRequest {
                queue_url: Cow::Owned(fleet.config.queue_url.clone()),
                receipt_handle: Cow::Owned(message.receipt_handle),
            };
            out.push(Outbound::Call {
                token: Some(token(fleet, poller)),
                action: Cow::Borrowed("sqs:DeleteMessage"),
                input: Payload::Typed(Box::new(delete)),
            });
        }
    }
    process_next(fleet, ctx, out, poller);
}

pub(super) fn on_timer(fleet: &mut Fleet, ctx: &mut Ctx, out: &mut Vec<Outbound>, poller: u32) {
    let Some(p) = fleet.pollers.get_mut(&poller) else {
        return;
    };
    p.timer = None;
    match p.state {
        PollerState::Starting { .. } | PollerState::Sleeping { .. } => {
            poll(fleet, ctx, out, poller)
        }
        PollerState::Processing { .. } => finish(fleet, ctx, out, poller),
        PollerState::Polling { .. } => {}
    }
}

pub(super) fn on_result(
    fleet: &mut Fleet,
    ctx: &mut Ctx,
    out: &mut Vec<Outbound>,
    poller: u32,
    action: &str,
    result: Result<Reply, AwsError>,
) {
    let Some(p) = fleet.pollers.get_mut(&poller) else {
        return;
    };
    if action != "ReceiveMessage" {
        match result {
            Err(e) => fleet.last_error = Some(format!("{action}: {e}")),
            // A batch answers 200 with its failed entries listed.
            Ok(reply) => {
                if let Some(f) = reply.first_failed() {
                    fleet.last_error = Some(format!("{action}: {f}"));
                }
            }
        }
        return;
    }
    if !matches!(p.state, PollerState::Polling { .. }) {
        return;
    }
    fleet.receives += 1;
    let received = match result {
        Ok(reply) => reply.received(),
        Err(e) => {
            fleet.last_error = Some(format!("{action}: {e}"));
            return sleep(fleet, ctx, poller, ERROR_BACKOFF);
        }
    };
    if received.is_empty() {
        fleet.empty_receives += 1;
        if fleet.config.wait_time_seconds == 0 {
            let interval = fleet.config.short_poll_interval;
            return sleep(fleet, ctx, poller, interval);
        }
        return poll(fleet, ctx, out, poller);
    }
    p.batch = received;
    process_next(fleet, ctx, out, poller);
}
