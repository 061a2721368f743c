//! Everything that happens in the world, as typed events stamped with virtual
//! time. The CLI's `--trace`, the UI timeline and (later) metrics, logs and
//! cost are all views over this one list.

use super::{format_iso, Millis};
use crate::api::Identity;
use serde::{Serialize, Serializer};
use std::rc::Rc;

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// Times inside events are kept as numbers and only turned into text when shown.
fn iso<S: Serializer>(t: &Millis, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_iso(*t))
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all_fields = "camelCase")]
pub enum TraceKind {
    QueueCreated {
        queue: Rc<str>,
    },
    QueueDeleted {
        queue: Rc<str>,
    },
    MessageSent {
        queue: Rc<str>,
        message_id: Rc<str>,
        #[serde(skip_serializing_if = "is_zero")]
        delay_seconds: u32,
        /// FIFO queues (and fair standard queues): the message group.
        #[serde(skip_serializing_if = "Option::is_none")]
        message_group_id: Option<Rc<str>>,
    },
    EmptyReceive {
        queue: Rc<str>,
    },
    MessageReceived {
        queue: Rc<str>,
        message_id: Rc<str>,
        receive_count: u32,
        #[serde(serialize_with = "iso")]
        visible_at: Millis,
    },
    MessageDeleted {
        queue: Rc<str>,
        message_id: Rc<str>,
    },
    VisibilityChanged {
        queue: Rc<str>,
        message_id: Rc<str>,
        #[serde(serialize_with = "iso")]
        visible_at: Millis,
    },
    VisibilityTimeoutExpired {
        queue: Rc<str>,
        message_id: Rc<str>,
    },
    DelayEnded {
        queue: Rc<str>,
        message_id: Rc<str>,
    },
    MessageExpired {
        queue: Rc<str>,
        message_id: Rc<str>,
    },
    QueuePurged {
        queue: Rc<str>,
        messages: usize,
    },
    FalseEmptyReceive {
        queue: Rc<str>,
        visible: usize,
    },
    DeleteMissedACopy {
        queue: Rc<str>,
        message_id: Rc<str>,
    },
    StaleReceiptHandleIgnored {
        queue: Rc<str>,
        message_id: Rc<str>,
    },
    /// A receive found the message already received maxReceiveCount times and moved it to the DLQ.
    MovedToDeadLetterQueue {
        queue: Rc<str>,
        message_id: Rc<str>,
        dead_letter_queue: Rc<str>,
    },
    /// A message move task took a message out of a dead-letter queue into `destination`
    /// (as a new message: `message_id` is its new id there).
    MessageRedriven {
        queue: Rc<str>,
        message_id: Rc<str>,
        destination: Rc<str>,
        /// A redriven message is a new message with a new id.
        new_message_id: Rc<str>,
    },
    /// A FIFO send whose deduplication id was already sent within 5 minutes: accepted, not enqueued.
    MessageDeduplicated {
        queue: Rc<str>,
        /// The earlier message the send duplicated.
        message_id: Rc<str>,
        deduplication_id: Rc<str>,
    },
    /// A call over a FIFO queue's calls-per-second quota was refused.
    RequestThrottled {
        queue: Rc<str>,
        action: Rc<str>,
    },
    // AWS Lambda.
    FunctionCreated {
        function: Rc<str>,
    },
    FunctionUpdated {
        function: Rc<str>,
    },
    /// A function became Active, or finished applying an update (LastUpdateStatus Successful).
    FunctionStateChanged {
        function: Rc<str>,
        state: &'static str,
        last_update_status: &'static str,
    },
    FunctionDeleted {
        function: Rc<str>,
    },
    FunctionVersionPublished {
        function: Rc<str>,
        version: u32,
    },
    /// A cold start: a new execution environment ran its INIT phase.
    EnvironmentCreated {
        function: Rc<str>,
        environment: u64,
        init_duration_ms: f64,
    },
    EnvironmentReclaimed {
        function: Rc<str>,
        environment: u64,
    },
    InvocationStarted {
        function: Rc<str>,
        request_id: Rc<str>,
        cold: bool,
    },
    InvocationFinished {
        function: Rc<str>,
        request_id: Rc<str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        error_type: Option<Rc<str>>,
        duration_ms: f64,
        billed_duration_ms: u64,
    },
    InvocationThrottled {
        function: Rc<str>,
        reason: Rc<str>,
    },
    /// An asynchronous invocation's record reached its destination (or its event a dead-letter queue).
    Delivered {
        target: Rc<str>,
    },
    /// ... or did not: the target does not exist, refused it, or is a service Stratus does not simulate yet.
    DeliveryFailed {
        target: Rc<str>,
        reason: Rc<str>,
    },
    /// Lambda stopped an invocation that would have been past ~16 in one chain of requests.
    RecursiveInvocationDropped {
        function: Rc<str>,
        chain: u32,
    },
    /// An asynchronous invocation was accepted into Lambda's internal queue.
    EventQueued {
        function: Rc<str>,
        request_id: Rc<str>,
    },
    /// An asynchronous event left the queue unprocessed (retries exhausted or too old).
    EventDiscarded {
        function: Rc<str>,
        request_id: Rc<str>,
        condition: Rc<str>,
    },
    /// An SQS event source mapping changed how many batches it polls for at once.
    PollersScaled {
        function: Rc<str>,
        queue: Rc<str>,
        from: u32,
        to: u32,
    },
    /// An event source mapping's invocation ended: its records were deleted, or (`failed`) left to
    /// return to the queue after the visibility timeout.
    BatchProcessed {
        function: Rc<str>,
        queue: Rc<str>,
        records: u32,
        #[serde(skip_serializing_if = "is_zero")]
        failed: u32,
    },
    // The consumer fleet (a Stratus built-in, not an AWS service).
    ConsumerFleetCreated {
        fleet: Rc<str>,
        queue: Rc<str>,
        pollers: u32,
    },
    ConsumerFleetDeleted {
        fleet: Rc<str>,
        queue: Rc<str>,
    },
    PollerStarted {
        fleet: Rc<str>,
        queue: Rc<str>,
        poller: Rc<str>,
    },
    PollerStopped {
        fleet: Rc<str>,
        queue: Rc<str>,
        poller: Rc<str>,
    },
    MessageProcessed {
        fleet: Rc<str>,
        queue: Rc<str>,
        poller: Rc<str>,
        message_id: Rc<str>,
    },
    /// The poller's processing failed: it does not delete the message, which returns after its visibility timeout.
    MessageProcessingFailed {
        fleet: Rc<str>,
        queue: Rc<str>,
        poller: Rc<str>,
        message_id: Rc<str>,
    },
    /// The scaling rule changed the fleet's desired size (target tracking on backlog per instance).
    ConsumerFleetScaled {
        fleet: Rc<str>,
        queue: Rc<str>,
        from: u32,
        to: u32,
        visible: usize,
        in_service: u32,
        target_backlog_per_instance: f64,
    },
}

impl TraceKind {
    pub fn service(&self) -> &'static str {
        use TraceKind::*;
        match self {
            ConsumerFleetCreated { .. }
            | ConsumerFleetDeleted { .. }
            | PollerStarted { .. }
            | PollerStopped { .. }
            | MessageProcessed { .. }
            | MessageProcessingFailed { .. }
            | ConsumerFleetScaled { .. } => "fleet",
            FunctionCreated { .. }
            | FunctionUpdated { .. }
            | FunctionStateChanged { .. }
            | FunctionDeleted { .. }
            | FunctionVersionPublished { .. }
            | EnvironmentCreated { .. }
            | EnvironmentReclaimed { .. }
            | InvocationStarted { .. }
            | InvocationFinished { .. }
            | InvocationThrottled { .. }
            | RecursiveInvocationDropped { .. }
            | Delivered { .. }
            | DeliveryFailed { .. }
            | EventQueued { .. }
            | EventDiscarded { .. }
            | PollersScaled { .. }
            | BatchProcessed { .. } => "lambda",
            // Listed one by one, so a new service's event cannot fall into SQS's label.
            QueueCreated { .. }
            | QueueDeleted { .. }
            | MessageSent { .. }
            | EmptyReceive { .. }
            | MessageReceived { .. }
            | MessageDeleted { .. }
            | VisibilityChanged { .. }
            | VisibilityTimeoutExpired { .. }
            | DelayEnded { .. }
            | MessageExpired { .. }
            | QueuePurged { .. }
            | FalseEmptyReceive { .. }
            | DeleteMissedACopy { .. }
            | StaleReceiptHandleIgnored { .. }
            | MovedToDeadLetterQueue { .. }
            | MessageRedriven { .. }
            | MessageDeduplicated { .. }
            | RequestThrottled { .. } => "sqs",
        }
    }

    /// The queue the event happened in (for a move to a dead-letter queue, the source).
    pub fn queue(&self) -> Option<&str> {
        use TraceKind::*;
        match self {
            QueueCreated { queue }
            | QueueDeleted { queue }
            | MessageSent { queue, .. }
            | EmptyReceive { queue }
            | MessageReceived { queue, .. }
            | MessageDeleted { queue, .. }
            | VisibilityChanged { queue, .. }
            | VisibilityTimeoutExpired { queue, .. }
            | DelayEnded { queue, .. }
            | MessageExpired { queue, .. }
            | QueuePurged { queue, .. }
            | FalseEmptyReceive { queue, .. }
            | DeleteMissedACopy { queue, .. }
            | StaleReceiptHandleIgnored { queue, .. }
            | MovedToDeadLetterQueue { queue, .. }
            | MessageRedriven { queue, .. }
            | MessageDeduplicated { queue, .. }
            | RequestThrottled { queue, .. }
            | ConsumerFleetCreated { queue, .. }
            | ConsumerFleetDeleted { queue, .. }
            | PollerStarted { queue, .. }
            | PollerStopped { queue, .. }
            | MessageProcessed { queue, .. }
            | MessageProcessingFailed { queue, .. }
            | ConsumerFleetScaled { queue, .. }
            | PollersScaled { queue, .. }
            | BatchProcessed { queue, .. } => Some(queue),
            FunctionCreated { .. }
            | FunctionUpdated { .. }
            | FunctionStateChanged { .. }
            | FunctionDeleted { .. }
            | FunctionVersionPublished { .. }
            | EnvironmentCreated { .. }
            | EnvironmentReclaimed { .. }
            | InvocationStarted { .. }
            | InvocationFinished { .. }
            | InvocationThrottled { .. }
            | RecursiveInvocationDropped { .. }
            | Delivered { .. }
            | DeliveryFailed { .. }
            | EventQueued { .. }
            | EventDiscarded { .. } => None,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            TraceKind::QueueCreated { .. } => "QueueCreated",
            TraceKind::QueueDeleted { .. } => "QueueDeleted",
            TraceKind::MessageSent { .. } => "MessageSent",
            TraceKind::MessageReceived { .. } => "MessageReceived",
            TraceKind::MessageDeleted { .. } => "MessageDeleted",
            TraceKind::VisibilityChanged { .. } => "VisibilityChanged",
            TraceKind::VisibilityTimeoutExpired { .. } => "VisibilityTimeoutExpired",
            TraceKind::StaleReceiptHandleIgnored { .. } => "StaleReceiptHandleIgnored",
            TraceKind::FalseEmptyReceive { .. } => "FalseEmptyReceive",
            TraceKind::EmptyReceive { .. } => "EmptyReceive",
            TraceKind::DeleteMissedACopy { .. } => "DeleteMissedACopy",
            TraceKind::DelayEnded { .. } => "DelayEnded",
            TraceKind::MessageExpired { .. } => "MessageExpired",
            TraceKind::QueuePurged { .. } => "QueuePurged",
            TraceKind::MovedToDeadLetterQueue { .. } => "MovedToDeadLetterQueue",
            TraceKind::MessageRedriven { .. } => "MessageRedriven",
            TraceKind::MessageDeduplicated { .. } => "MessageDeduplicated",
            TraceKind::RequestThrottled { .. } => "RequestThrottled",
            TraceKind::FunctionCreated { .. } => "FunctionCreated",
            TraceKind::FunctionUpdated { .. } => "FunctionUpdated",
            TraceKind::FunctionStateChanged { .. } => "FunctionStateChanged",
            TraceKind::FunctionDeleted { .. } => "FunctionDeleted",
            TraceKind::FunctionVersionPublished { .. } => "FunctionVersionPublished",
            TraceKind::EnvironmentCreated { .. } => "EnvironmentCreated",
            TraceKind::EnvironmentReclaimed { .. } => "EnvironmentReclaimed",
            TraceKind::InvocationStarted { .. } => "InvocationStarted",
            TraceKind::InvocationFinished { .. } => "InvocationFinished",
            TraceKind::InvocationThrottled { .. } => "InvocationThrottled",
            TraceKind::RecursiveInvocationDropped { .. } => "RecursiveInvocationDropped",
            TraceKind::Delivered { .. } => "Delivered",
            TraceKind::DeliveryFailed { .. } => "DeliveryFailed",
            TraceKind::EventQueued { .. } => "EventQueued",
            TraceKind::EventDiscarded { .. } => "EventDiscarded",
            TraceKind::PollersScaled { .. } => "PollersScaled",
            TraceKind::BatchProcessed { .. } => "BatchProcessed",
            TraceKind::ConsumerFleetCreated { .. } => "ConsumerFleetCreated",
            TraceKind::ConsumerFleetDeleted { .. } => "ConsumerFleetDeleted",
            TraceKind::PollerStarted { .. } => "PollerStarted",
            TraceKind::PollerStopped { .. } => "PollerStopped",
            TraceKind::MessageProcessed { .. } => "MessageProcessed",
            TraceKind::MessageProcessingFailed { .. } => "MessageProcessingFailed",
            TraceKind::ConsumerFleetScaled { .. } => "ConsumerFleetScaled",
        }
    }

    /// One line a person reads in the timeline.
    pub fn describe(&self) -> String {
        match self {
            TraceKind::QueueCreated { queue } => format!("queue {queue} created"),
            TraceKind::QueueDeleted { queue } => format!("queue {queue} deleted"),
            TraceKind::MessageSent {
                queue,
                message_id,
                delay_seconds,
                message_group_id,
            } => {
                let mut line = format!("{message_id} sent to {queue}");
                if let Some(group) = message_group_id {
                    line.push_str(&format!(" in group {group}"));
                }
                if *delay_seconds > 0 {
                    line.push_str(&format!(", delayed {delay_seconds} s"));
                }
                line
            }
            TraceKind::MessageReceived {
                queue,
                message_id,
                receive_count,
                visible_at,
            } => {
                format!("{message_id} received from {queue} (receive #{receive_count}), invisible until {}", format_iso(*visible_at))
            }
            TraceKind::MessageDeleted { queue, message_id } => {
                format!("{message_id} deleted from {queue}")
            }
            TraceKind::VisibilityChanged {
                queue,
                message_id,
                visible_at,
            } => {
                format!(
                    "{message_id} in {queue}: visibility changed, visible at {}",
                    format_iso(*visible_at)
                )
            }
            TraceKind::VisibilityTimeoutExpired { queue, message_id } => {
                format!("{message_id} in {queue}: visibility timeout expired, visible again")
            }
            TraceKind::StaleReceiptHandleIgnored { queue, message_id } => {
                format!("{message_id} in {queue}: DeleteMessage with a receipt handle from an earlier receive; not deleted")
            }
            TraceKind::EmptyReceive { queue } => format!("ReceiveMessage on {queue} returned no message"),
            TraceKind::FalseEmptyReceive { queue, visible } => format!(
                "short poll of {queue} answered empty although {visible} messages were visible: it sampled only some servers"
            ),
            TraceKind::DeleteMissedACopy { queue, message_id } => format!(
                "{message_id} in {queue}: the delete missed a server holding a copy; the message will be delivered again"
            ),
            TraceKind::DelayEnded { queue, message_id } => {
                format!("{message_id} in {queue}: delay over, now visible")
            }
            TraceKind::MessageExpired { queue, message_id } => {
                format!("{message_id} removed from {queue}: older than the queue's MessageRetentionPeriod")
            }
            TraceKind::QueuePurged { queue, messages } => {
                format!("{queue} purged: {messages} messages deleted")
            }
            TraceKind::MovedToDeadLetterQueue {
                queue,
                message_id,
                dead_letter_queue,
            } => {
                format!("{message_id} moved from {queue} to its dead-letter queue {dead_letter_queue}: received maxReceiveCount times")
            }
            TraceKind::MessageRedriven {
                queue,
                message_id,
                destination,
                new_message_id,
            } => {
                format!("redrive: {message_id} moved from the dead-letter queue {queue} to {destination} as the new message {new_message_id}")
            }
            TraceKind::MessageDeduplicated {
                queue,
                message_id,
                deduplication_id,
            } => format!(
                "send to {queue} accepted but not enqueued: deduplication id {deduplication_id} was sent within 5 minutes (as {message_id})"
            ),
            TraceKind::RequestThrottled { queue, action } => format!(
                "{action} on {queue} throttled: over the FIFO queue's API calls per second"
            ),
            TraceKind::FunctionCreated { function } => format!("function {function} created"),
            TraceKind::FunctionUpdated { function } => format!("function {function} updated"),
            TraceKind::FunctionStateChanged {
                function,
                state,
                last_update_status,
            } => format!("function {function}: State {state}, LastUpdateStatus {last_update_status}"),
            TraceKind::FunctionDeleted { function } => format!("function {function} deleted"),
            TraceKind::FunctionVersionPublished { function, version } => {
                format!("function {function}: version {version} published")
            }
            TraceKind::EnvironmentCreated { function, environment, init_duration_ms } => format!(
                "cold start: {function} environment #{environment} created (Init Duration {init_duration_ms:.2} ms)"
            ),
            TraceKind::EnvironmentReclaimed { function, environment } => {
                format!("{function} environment #{environment} reclaimed")
            }
            TraceKind::InvocationStarted { function, request_id, cold } => format!(
                "{function} invoked ({}), RequestId {request_id}",
                if *cold { "cold" } else { "warm" }
            ),
            TraceKind::InvocationFinished { function, request_id, error_type, duration_ms, billed_duration_ms } => match error_type {
                None => format!("{function} {request_id} succeeded in {duration_ms:.2} ms (billed {billed_duration_ms} ms)"),
                Some(e) => format!("{function} {request_id} failed with {e} after {duration_ms:.2} ms"),
            },
            TraceKind::InvocationThrottled { function, reason } => {
                format!("{function} throttled: {reason}")
            }
            TraceKind::Delivered { target } => format!("delivered to {target}"),
            TraceKind::DeliveryFailed { target, reason } => {
                format!("delivery to {target} failed: {reason}")
            }
            TraceKind::RecursiveInvocationDropped { function, chain } => format!(
                "{function}: recursive loop detected, invocation {chain} of one chain of requests stopped"
            ),
            TraceKind::EventQueued { function, request_id } => {
                format!("asynchronous event {request_id} queued for {function}")
            }
            TraceKind::EventDiscarded { function, request_id, condition } => {
                format!("asynchronous event {request_id} for {function} discarded: {condition}")
            }
            TraceKind::PollersScaled { function, queue, from, to } => {
                format!("event source mapping {queue} → {function}: {from} → {to} concurrent batches")
            }
            TraceKind::BatchProcessed { function, queue, records, failed } => match failed {
                0 => format!("{function} processed a batch of {records} from {queue}: deleted"),
                f if f == records => format!("{function} failed a batch of {records} from {queue}: it returns after the visibility timeout"),
                f => format!("{function} processed a batch of {records} from {queue}: {f} reported failed (batchItemFailures) return after the visibility timeout, the rest deleted"),
            },
            TraceKind::ConsumerFleetCreated { fleet, queue, pollers } => {
                format!("consumer fleet {fleet} created on {queue} with {pollers} pollers")
            }
            TraceKind::ConsumerFleetDeleted { fleet, queue } => {
                format!("consumer fleet {fleet} on {queue} deleted")
            }
            TraceKind::PollerStarted { fleet, poller, .. } => {
                format!("poller {poller} of fleet {fleet} started")
            }
            TraceKind::PollerStopped { fleet, poller, .. } => {
                format!("poller {poller} of fleet {fleet} stopped")
            }
            TraceKind::MessageProcessed { poller, message_id, .. } => {
                format!("{message_id} processed by {poller}; it deletes the message")
            }
            TraceKind::MessageProcessingFailed { queue, poller, message_id, .. } => format!(
                "{message_id}: processing failed on {poller}; not deleted, it returns to {queue} after its visibility timeout"
            ),
            TraceKind::ConsumerFleetScaled {
                fleet,
                from,
                to,
                visible,
                in_service,
                target_backlog_per_instance,
                ..
            } => format!(
                "fleet {fleet} scaled from {from} to {to} pollers: {visible} visible messages / {in_service} in service vs a target backlog of {target_backlog_per_instance} per poller"
            ),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TraceEvent {
    pub at: Millis,
    pub kind: TraceKind,
    /// The account and region it happened in, when not the scenario's own.
    pub place: Option<Rc<Identity>>,
}

#[derive(Serialize)]
struct TraceLine<'a> {
    at: String,
    service: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    account: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    #[serde(flatten)]
    kind: &'a TraceKind,
}

impl TraceEvent {
    /// The event as one JSON line, keys in this order: `{"at": "...", "service": "sqs", "event": "MessageSent", ...}`.
    pub fn to_json_line(&self) -> String {
        let line = TraceLine {
            at: format_iso(self.at),
            service: self.kind.service(),
            account: self.place.as_deref().map(|p| p.account.as_str()),
            region: self.place.as_deref().map(|p| p.region.as_str()),
            kind: &self.kind,
        };
        serde_json::to_string(&line).unwrap_or_default()
    }
}

/// How much of the trace a run keeps (the scenario setting `settings.trace`): everything (the
/// default; every view and golden file needs it), the last `n` events (a long run's timeline),
/// or only how many of each event happened (the fastest, for benchmarks and very long runs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TraceMode {
    #[default]
    Full,
    Last(usize),
    Counts,
}

#[derive(Clone, Debug, Default)]
pub struct Trace {
    events: Vec<TraceEvent>,
    mode: TraceMode,
    /// Events recorded but no longer kept (the oldest, under `Last` or `Counts`).
    dropped: usize,
    /// How many of each event were recorded (kept under `Last` and `Counts` only; `Full`
    /// counts its events when asked).
    counts: std::collections::BTreeMap<&'static str, u64>,
}

impl Trace {
    pub fn with_mode(mode: TraceMode) -> Self {
        Trace {
            mode,
            ..Trace::default()
        }
    }

    pub fn mode(&self) -> TraceMode {
        self.mode
    }

    pub fn push(&mut self, at: Millis, kind: TraceKind) {
        self.push_in(at, kind, None);
    }

    /// An event, in another account or region than the scenario's own when `place` says so.
    pub fn push_in(&mut self, at: Millis, kind: TraceKind, place: Option<Rc<Identity>>) {
        match self.mode {
            TraceMode::Full => self.events.push(TraceEvent { at, kind, place }),
            TraceMode::Last(keep) => {
                *self.counts.entry(kind.name()).or_default() += 1;
                self.events.push(TraceEvent { at, kind, place });
                // Dropping in halves keeps each event's cost constant.
                let keep = keep.max(1);
                if self.events.len() >= 2 * keep {
                    let old = self.events.len() - keep;
                    self.events.drain(..old);
                    self.dropped += old;
                }
            }
            TraceMode::Counts => {
                *self.counts.entry(kind.name()).or_default() += 1;
                self.dropped += 1;
            }
        }
    }

    /// How many events were recorded, kept or not: indices for `since` and `between`.
    pub fn len(&self) -> usize {
        self.dropped + self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The kept events recorded since index `from` (an earlier `len()`).
    pub fn since(&self, from: usize) -> &[TraceEvent] {
        let from = from.saturating_sub(self.dropped).min(self.events.len());
        &self.events[from..]
    }

    /// The kept events recorded between two earlier `len()`s.
    pub fn between(&self, from: usize, to: usize) -> &[TraceEvent] {
        let to = to.saturating_sub(self.dropped).min(self.events.len());
        let from = from.saturating_sub(self.dropped).min(to);
        &self.events[from..to]
    }

    /// The events kept.
    pub fn all(&self) -> &[TraceEvent] {
        &self.events
    }

    /// How many of each event were recorded, by event name.
    pub fn counts(&self) -> std::collections::BTreeMap<&'static str, u64> {
        match self.mode {
            TraceMode::Full => {
                let mut counts = std::collections::BTreeMap::new();
                for e in &self.events {
                    *counts.entry(e.kind.name()).or_default() += 1;
                }
                counts
            }
            _ => self.counts.clone(),
        }
    }
}
