//! CloudWatch-style metrics of a queue, per minute of virtual time, computed
//! as a view over the trace (nothing here is kept by the service itself):
//! NumberOfMessagesSent/Received/Deleted, NumberOfEmptyReceives, and at the
//! end of each minute ApproximateNumberOfMessagesVisible/NotVisible/Delayed
//! and ApproximateAgeOfOldestMessage.

use super::events::SqsEvent;
use crate::kernel::{TraceEvent, TraceKind};
use crate::sim::{Millis, MINUTE};
use std::collections::HashMap;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MinuteMetrics {
    /// Start of the minute.
    pub minute: Millis,
    pub number_of_messages_sent: u32,
    pub number_of_messages_received: u32,
    pub number_of_messages_deleted: u32,
    pub number_of_empty_receives: u32,
    pub approximate_number_of_messages_visible: usize,
    pub approximate_number_of_messages_not_visible: usize,
    pub approximate_number_of_messages_delayed: usize,
    /// Seconds, at the end of the minute; 0 when the queue is empty.
    pub approximate_age_of_oldest_message: u64,
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Delayed,
    Visible,
    InFlight,
}

/// The metrics of `queue` for every minute from its first event up to `now`.
pub fn queue_metrics(trace: &[TraceEvent], queue: &str, now: Millis) -> Vec<MinuteMetrics> {
    let mut out: Vec<MinuteMetrics> = Vec::new();
    let mut messages: HashMap<&str, (State, Millis)> = HashMap::new();
    let close =
        |out: &mut Vec<MinuteMetrics>, messages: &HashMap<&str, (State, Millis)>, until: Millis| {
            // Fill every minute that ended before `until` with the gauges as they stand.
            while let Some(current) = out.last_mut() {
                let end = current.minute + MINUTE;
                if end > until {
                    break;
                }
                let count = |s: State| messages.values().filter(|(state, _)| *state == s).count();
                current.approximate_number_of_messages_visible = count(State::Visible);
                current.approximate_number_of_messages_not_visible = count(State::InFlight);
                current.approximate_number_of_messages_delayed = count(State::Delayed);
                current.approximate_age_of_oldest_message = messages
                    .values()
                    .map(|(_, sent)| end.saturating_sub(*sent) / 1000)
                    .max()
                    .unwrap_or(0);
                if end + MINUTE > until {
                    break;
                }
                out.push(MinuteMetrics {
                    minute: end,
                    ..MinuteMetrics::default()
                });
            }
        };
    for event in trace {
        if event.at > now {
            break;
        }
        if !names(&event.kind, queue) {
            continue;
        }
        let minute = event.at - event.at % MINUTE;
        if out.is_empty() {
            out.push(MinuteMetrics {
                minute,
                ..MinuteMetrics::default()
            });
        }
        close(&mut out, &messages, minute);
        if out.last().is_some_and(|m| m.minute < minute) {
            out.push(MinuteMetrics {
                minute,
                ..MinuteMetrics::default()
            });
        }
        let Some(current) = out.last_mut() else {
            continue;
        };
        // Another service's event on the queue (a poller's) only marks its minute.
        let TraceKind::Sqs(sqs) = &event.kind else {
            continue;
        };
        match sqs {
            SqsEvent::QueueCreated { .. }
            | SqsEvent::QueueDeleted { .. }
            | SqsEvent::QueuePurged { .. } => messages.clear(),
            SqsEvent::MessageSent {
                message_id,
                delay_seconds,
                ..
            } => {
                current.number_of_messages_sent += 1;
                let state = if *delay_seconds > 0 {
                    State::Delayed
                } else {
                    State::Visible
                };
                messages.insert(message_id, (state, event.at));
            }
            SqsEvent::MessageReceived {
                message_id,
                visible_at,
                ..
            } => {
                current.number_of_messages_received += 1;
                set(
                    &mut messages,
                    message_id,
                    visibility_state(*visible_at, event.at),
                );
            }
            SqsEvent::VisibilityChanged {
                message_id,
                visible_at,
                ..
            } => set(
                &mut messages,
                message_id,
                visibility_state(*visible_at, event.at),
            ),
            SqsEvent::DelayEnded { message_id, .. }
            | SqsEvent::VisibilityTimeoutExpired { message_id, .. } => {
                set(&mut messages, message_id, State::Visible);
            }
            SqsEvent::MessageDeleted { message_id, .. } => {
                current.number_of_messages_deleted += 1;
                messages.remove(&**message_id);
            }
            SqsEvent::MessageExpired { message_id, .. } => {
                messages.remove(&**message_id);
            }
            SqsEvent::MovedToDeadLetterQueue {
                queue: source,
                message_id,
                ..
            } => {
                if &**source == queue {
                    messages.remove(&**message_id);
                } else {
                    messages.insert(message_id, (State::Visible, event.at));
                }
            }
            SqsEvent::MessageRedriven {
                queue: source,
                message_id,
                new_message_id,
                ..
            } => {
                if &**source == queue {
                    messages.remove(&**message_id);
                } else {
                    messages.insert(new_message_id, (State::Visible, event.at));
                }
            }
            SqsEvent::EmptyReceive { .. } => current.number_of_empty_receives += 1,
            _ => {}
        }
    }
    if !out.is_empty() {
        let end_of_now = now - now % MINUTE + MINUTE;
        close(&mut out, &messages, end_of_now);
    }
    out
}

/// In flight while its visibility timeout runs; a timeout of 0 leaves it visible.
fn visibility_state(visible_at: Millis, now: Millis) -> State {
    if visible_at > now {
        State::InFlight
    } else {
        State::Visible
    }
}

fn set<'a>(messages: &mut HashMap<&'a str, (State, Millis)>, id: &'a str, state: State) {
    if let Some(entry) = messages.get_mut(id) {
        entry.0 = state;
    }
}

/// Whether an event concerns `queue` (a move to a dead-letter queue concerns both ends).
fn names(kind: &TraceKind, queue: &str) -> bool {
    match kind {
        TraceKind::Sqs(
            SqsEvent::MovedToDeadLetterQueue {
                queue: source,
                dead_letter_queue: other,
                ..
            }
            | SqsEvent::MessageRedriven {
                queue: source,
                destination: other,
                ..
            },
        ) => &**source == queue || &**other == queue,
        other => other.queue() == Some(queue),
    }
}
