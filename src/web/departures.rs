//! What left a queue during the last step, listed under its messages, so a
//! message never vanishes without a word: deleted, expired at the end of the
//! queue's MessageRetentionPeriod, moved to its dead-letter queue, redriven
//! out of it, or purged. A view over the trace since the step began
//! (`AppState::step_trace_from`).

use super::state::AppState;
use crate::kernel::TraceKind;
use crate::services::sqs::SqsEvent;
use crate::sim::format_iso;
use leptos::prelude::*;

/// Trace events looked through (a long playback makes many).
const SCAN: usize = 5_000;
/// Rows listed; the count says how many more.
const ROWS: usize = 10;

#[derive(Clone, PartialEq)]
struct Departure {
    reason: &'static str,
    text: String,
}

#[component]
pub fn Departures(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let left = Memo::new(move |_| {
        let from = state.step_trace_from.get();
        state.read_in(|p| {
            let trace = p.world().trace();
            let len = trace.len();
            let from = from.max(len.saturating_sub(SCAN));
            let mut all: Vec<Departure> = trace
                .between(from, len)
                .iter()
                .filter(|e| p.owns(e))
                .filter_map(|e| match &e.kind {
                    TraceKind::Sqs(event) if **event.queue() == *name => {
                        departure(event, &format_iso(e.at))
                    }
                    _ => None,
                })
                .collect();
            let total = all.len();
            all.truncate(ROWS);
            (all, total)
        })
    });
    view! {
        <Show when=move || left.with(|(_, n)| *n > 0)>
            <div class="departures" data-testid="departures">
                <h4>{move || left.with(|(_, n)| format!("Left this queue in the last step ({n})"))}</h4>
                <ul>
                    {move || left.with(|(rows, _)| rows.iter().map(|d| view! {
                        <li data-testid="departed-message" data-reason=d.reason>{d.text.clone()}</li>
                    }).collect_view())}
                </ul>
                <Show when=move || left.with(|(rows, n)| *n > rows.len())>
                    <p class="muted">{move || left.with(|(rows, n)| format!("and {} more: see the timeline", n - rows.len()))}</p>
                </Show>
            </div>
        </Show>
    }
}

/// How a message left the queue, at `at`, in words.
fn departure(event: &SqsEvent, at: &str) -> Option<Departure> {
    let (reason, text) = match event {
        SqsEvent::MessageExpired { message_id, .. } => (
            "expired",
            format!("{message_id} expired at {at}: it was older than the queue's MessageRetentionPeriod, so SQS deleted it, received or not"),
        ),
        SqsEvent::MessageDeleted { message_id, .. } => {
            ("deleted", format!("{message_id} deleted at {at} (DeleteMessage)"))
        }
        SqsEvent::MovedToDeadLetterQueue {
            message_id,
            dead_letter_queue,
            ..
        } => (
            "dead-letter",
            format!("{message_id} moved to the dead-letter queue {dead_letter_queue} at {at}: received maxReceiveCount times"),
        ),
        SqsEvent::MessageRedriven {
            message_id,
            destination,
            ..
        } => (
            "redriven",
            format!("{message_id} redriven to {destination} at {at} (a message move task)"),
        ),
        SqsEvent::QueuePurged { messages, .. } => (
            "purged",
            format!("{messages} messages purged at {at} (PurgeQueue)"),
        ),
        _ => return None,
    };
    Some(Departure { reason, text })
}
