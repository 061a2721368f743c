//! Lambda's trace events: functions' lifecycle, execution environments,
//! invocations (synchronous, asynchronous, from SQS event source mappings) and
//! their outcomes. `name` and `describe` label them in the trace and the timeline.

use crate::sim::trace::is_zero;
use serde::Serialize;
use std::rc::Rc;

/// Something that happened in Lambda (labelled `"service":"lambda"` in the trace).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all_fields = "camelCase")]
pub enum LambdaEvent {
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
    /// Records of a received batch that no FilterCriteria filter kept: deleted without invoking.
    RecordsFilteredOut {
        function: Rc<str>,
        queue: Rc<str>,
        records: u32,
    },
}

impl LambdaEvent {
    /// The queue an event source mapping's event concerns.
    pub fn queue(&self) -> Option<&Rc<str>> {
        match self {
            LambdaEvent::PollersScaled { queue, .. }
            | LambdaEvent::BatchProcessed { queue, .. }
            | LambdaEvent::RecordsFilteredOut { queue, .. } => Some(queue),
            _ => None,
        }
    }

    /// The function the event concerns (every Lambda event names one).
    pub fn function(&self) -> &Rc<str> {
        match self {
            LambdaEvent::FunctionCreated { function }
            | LambdaEvent::FunctionUpdated { function }
            | LambdaEvent::FunctionStateChanged { function, .. }
            | LambdaEvent::FunctionDeleted { function }
            | LambdaEvent::FunctionVersionPublished { function, .. }
            | LambdaEvent::EnvironmentCreated { function, .. }
            | LambdaEvent::EnvironmentReclaimed { function, .. }
            | LambdaEvent::InvocationStarted { function, .. }
            | LambdaEvent::InvocationFinished { function, .. }
            | LambdaEvent::InvocationThrottled { function, .. }
            | LambdaEvent::RecursiveInvocationDropped { function, .. }
            | LambdaEvent::EventQueued { function, .. }
            | LambdaEvent::EventDiscarded { function, .. }
            | LambdaEvent::PollersScaled { function, .. }
            | LambdaEvent::BatchProcessed { function, .. }
            | LambdaEvent::RecordsFilteredOut { function, .. } => function,
        }
    }

    /// The request id of the invocation (or asynchronous event) the event concerns, if one.
    pub fn request_id(&self) -> Option<&Rc<str>> {
        match self {
            LambdaEvent::InvocationStarted { request_id, .. }
            | LambdaEvent::InvocationFinished { request_id, .. }
            | LambdaEvent::EventQueued { request_id, .. }
            | LambdaEvent::EventDiscarded { request_id, .. } => Some(request_id),
            _ => None,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            LambdaEvent::FunctionCreated { .. } => "FunctionCreated",
            LambdaEvent::FunctionUpdated { .. } => "FunctionUpdated",
            LambdaEvent::FunctionStateChanged { .. } => "FunctionStateChanged",
            LambdaEvent::FunctionDeleted { .. } => "FunctionDeleted",
            LambdaEvent::FunctionVersionPublished { .. } => "FunctionVersionPublished",
            LambdaEvent::EnvironmentCreated { .. } => "EnvironmentCreated",
            LambdaEvent::EnvironmentReclaimed { .. } => "EnvironmentReclaimed",
            LambdaEvent::InvocationStarted { .. } => "InvocationStarted",
            LambdaEvent::InvocationFinished { .. } => "InvocationFinished",
            LambdaEvent::InvocationThrottled { .. } => "InvocationThrottled",
            LambdaEvent::RecursiveInvocationDropped { .. } => "RecursiveInvocationDropped",
            LambdaEvent::EventQueued { .. } => "EventQueued",
            LambdaEvent::EventDiscarded { .. } => "EventDiscarded",
            LambdaEvent::PollersScaled { .. } => "PollersScaled",
            LambdaEvent::BatchProcessed { .. } => "BatchProcessed",
            LambdaEvent::RecordsFilteredOut { .. } => "RecordsFilteredOut",
        }
    }

    /// One line a person reads in the timeline.
    pub fn describe(&self) -> String {
        match self {
            LambdaEvent::FunctionCreated { function } => format!("function {function} created"),
            LambdaEvent::FunctionUpdated { function } => format!("function {function} updated"),
            LambdaEvent::FunctionStateChanged {
                function,
                state,
                last_update_status,
            } => format!("function {function}: State {state}, LastUpdateStatus {last_update_status}"),
            LambdaEvent::FunctionDeleted { function } => format!("function {function} deleted"),
            LambdaEvent::FunctionVersionPublished { function, version } => {
                format!("function {function}: version {version} published")
            }
            LambdaEvent::EnvironmentCreated { function, environment, init_duration_ms } => format!(
                "cold start: {function} environment #{environment} created (Init Duration {init_duration_ms:.2} ms)"
            ),
            LambdaEvent::EnvironmentReclaimed { function, environment } => {
                format!("{function} environment #{environment} reclaimed")
            }
            LambdaEvent::InvocationStarted { function, request_id, cold } => format!(
                "{function} invoked ({}), RequestId {request_id}",
                if *cold { "cold" } else { "warm" }
            ),
            LambdaEvent::InvocationFinished { function, request_id, error_type, duration_ms, billed_duration_ms } => match error_type {
                None => format!("{function} {request_id} succeeded in {duration_ms:.2} ms (billed {billed_duration_ms} ms)"),
                Some(e) => format!("{function} {request_id} failed with {e} after {duration_ms:.2} ms"),
            },
            LambdaEvent::InvocationThrottled { function, reason } => {
                format!("{function} throttled: {reason}")
            }
            LambdaEvent::RecursiveInvocationDropped { function, chain } => format!(
                "{function}: recursive loop detected, invocation {chain} of one chain of requests stopped"
            ),
            LambdaEvent::EventQueued { function, request_id } => {
                format!("asynchronous event {request_id} queued for {function}")
            }
            LambdaEvent::EventDiscarded { function, request_id, condition } => {
                format!("asynchronous event {request_id} for {function} discarded: {condition}")
            }
            LambdaEvent::PollersScaled { function, queue, from, to } => {
                format!("event source mapping {queue} → {function}: {from} → {to} concurrent batches")
            }
            LambdaEvent::RecordsFilteredOut { function, queue, records } => format!(
                "{records} record(s) from {queue} matched no filter of {function}'s mapping: deleted without invoking"
            ),
            LambdaEvent::BatchProcessed { function, queue, records, failed } => match failed {
                0 => format!("{function} processed a batch of {records} from {queue}: deleted"),
                f if f == records => format!("{function} failed a batch of {records} from {queue}: it returns after the visibility timeout"),
                f => format!("{function} processed a batch of {records} from {queue}: {f} reported failed (batchItemFailures) return after the visibility timeout, the rest deleted"),
            },
        }
    }
}
