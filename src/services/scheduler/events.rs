//! EventBridge Scheduler's trace events (`"service":"scheduler"`): schedule
//! groups and schedules created, updated and deleted, a schedule firing (its
//! nominal time and, in a flexible window, when it actually invoked), each try
//! of its target, the target's answer, retries, the dead-letter queue, and a
//! schedule with no firing left. `name` and `describe` label them in the
//! trace and the timeline.

use crate::sim::Millis;
use serde::Serialize;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all_fields = "camelCase")]
pub enum SchedulerEvent {
    ScheduleGroupCreated {
        group: Rc<str>,
    },
    ScheduleGroupDeleted {
        group: Rc<str>,
    },
    ScheduleCreated {
        group: Rc<str>,
        schedule: Rc<str>,
        /// The first firing, when it has one.
        #[serde(skip_serializing_if = "Option::is_none", serialize_with = "iso_opt")]
        next: Option<Millis>,
    },
    ScheduleUpdated {
        group: Rc<str>,
        schedule: Rc<str>,
        #[serde(skip_serializing_if = "Option::is_none", serialize_with = "iso_opt")]
        next: Option<Millis>,
    },
    /// Deleted by DeleteSchedule, with its group, or by ActionAfterCompletion DELETE.
    ScheduleDeleted {
        group: Rc<str>,
        schedule: Rc<str>,
        reason: Rc<str>,
    },
    /// The schedule came due and invokes its target (`scheduled` is its nominal time).
    ScheduleFired {
        group: Rc<str>,
        schedule: Rc<str>,
        #[serde(serialize_with = "crate::sim::trace::iso")]
        scheduled: Millis,
        execution_id: Rc<str>,
    },
    /// No firing is left (a one-time schedule that fired, a recurring one past its EndDate).
    ScheduleCompleted {
        group: Rc<str>,
        schedule: Rc<str>,
    },
    /// One try of the target (attempt 1 is the first).
    TargetInvoked {
        schedule: Rc<str>,
        arn: Rc<str>,
        execution_id: Rc<str>,
        attempt: u32,
    },
    TargetSucceeded {
        schedule: Rc<str>,
        execution_id: Rc<str>,
    },
    /// The target refused: retried when the error is one Scheduler retries and the retry
    /// policy allows (`retry_in_ms`), else given up.
    TargetFailed {
        schedule: Rc<str>,
        execution_id: Rc<str>,
        error_code: Rc<str>,
        error_message: Rc<str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        retry_in_ms: Option<u64>,
    },
    SentToDeadLetterQueue {
        schedule: Rc<str>,
        execution_id: Rc<str>,
        dead_letter_queue: Rc<str>,
    },
    /// Given up with no dead-letter queue.
    InvocationDropped {
        schedule: Rc<str>,
        execution_id: Rc<str>,
        reason: Rc<str>,
    },
}

/// A time in the trace as ISO 8601 text, as the trace's own `at` is.
fn iso_opt<S: serde::Serializer>(t: &Option<Millis>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => crate::sim::trace::iso(t, s),
        None => s.serialize_none(),
    }
}

impl SchedulerEvent {
    pub fn name(&self) -> &'static str {
        match self {
            SchedulerEvent::ScheduleGroupCreated { .. } => "ScheduleGroupCreated",
            SchedulerEvent::ScheduleGroupDeleted { .. } => "ScheduleGroupDeleted",
            SchedulerEvent::ScheduleCreated { .. } => "ScheduleCreated",
            SchedulerEvent::ScheduleUpdated { .. } => "ScheduleUpdated",
            SchedulerEvent::ScheduleDeleted { .. } => "ScheduleDeleted",
            SchedulerEvent::ScheduleFired { .. } => "ScheduleFired",
            SchedulerEvent::ScheduleCompleted { .. } => "ScheduleCompleted",
            SchedulerEvent::TargetInvoked { .. } => "TargetInvoked",
            SchedulerEvent::TargetSucceeded { .. } => "TargetSucceeded",
            SchedulerEvent::TargetFailed { .. } => "TargetFailed",
            SchedulerEvent::SentToDeadLetterQueue { .. } => "SentToDeadLetterQueue",
            SchedulerEvent::InvocationDropped { .. } => "InvocationDropped",
        }
    }

    /// The schedule or group the event concerns (what the timeline links to).
    pub fn resource(&self) -> &Rc<str> {
        match self {
            SchedulerEvent::ScheduleGroupCreated { group }
            | SchedulerEvent::ScheduleGroupDeleted { group } => group,
            SchedulerEvent::ScheduleCreated { schedule, .. }
            | SchedulerEvent::ScheduleUpdated { schedule, .. }
            | SchedulerEvent::ScheduleDeleted { schedule, .. }
            | SchedulerEvent::ScheduleFired { schedule, .. }
            | SchedulerEvent::ScheduleCompleted { schedule, .. }
            | SchedulerEvent::TargetInvoked { schedule, .. }
            | SchedulerEvent::TargetSucceeded { schedule, .. }
            | SchedulerEvent::TargetFailed { schedule, .. }
            | SchedulerEvent::SentToDeadLetterQueue { schedule, .. }
            | SchedulerEvent::InvocationDropped { schedule, .. } => schedule,
        }
    }

    /// One line a person reads in the timeline.
    pub fn describe(&self) -> String {
        use crate::sim::time::{format_iso, spoken_duration};
        match self {
            SchedulerEvent::ScheduleGroupCreated { group } => {
                format!("schedule group {group} created")
            }
            SchedulerEvent::ScheduleGroupDeleted { group } => {
                format!("schedule group {group} deleted")
            }
            SchedulerEvent::ScheduleCreated {
                group,
                schedule,
                next,
            }
            | SchedulerEvent::ScheduleUpdated {
                group,
                schedule,
                next,
            } => {
                let verb = if matches!(self, SchedulerEvent::ScheduleCreated { .. }) {
                    "created"
                } else {
                    "updated"
                };
                let next = match next {
                    Some(t) => format!("; next firing {}", format_iso(*t)),
                    None => "; no firing due".to_string(),
                };
                format!("schedule {group}/{schedule} {verb}{next}")
            }
            SchedulerEvent::ScheduleDeleted {
                group,
                schedule,
                reason,
            } => format!("schedule {group}/{schedule} deleted ({reason})"),
            SchedulerEvent::ScheduleFired {
                group,
                schedule,
                scheduled,
                execution_id,
            } => format!(
                "schedule {group}/{schedule} fired for {} (execution {execution_id})",
                format_iso(*scheduled)
            ),
            SchedulerEvent::ScheduleCompleted { group, schedule } => {
                format!("schedule {group}/{schedule} has no firing left")
            }
            SchedulerEvent::TargetInvoked {
                schedule,
                arn,
                attempt,
                ..
            } => {
                let retry = if *attempt > 1 {
                    format!(" (attempt {attempt})")
                } else {
                    String::new()
                };
                format!("schedule {schedule} invoked {arn}{retry}")
            }
            SchedulerEvent::TargetSucceeded { schedule, .. } => {
                format!("the target of schedule {schedule} took the invocation")
            }
            SchedulerEvent::TargetFailed {
                schedule,
                error_code,
                error_message,
                retry_in_ms,
                ..
            } => {
                let next = match retry_in_ms {
                    Some(ms) => format!("; retry in {}", spoken_duration(*ms)),
                    None => "; not retried".to_string(),
                };
                format!("the target of schedule {schedule} failed: {error_code}: {error_message}{next}")
            }
            SchedulerEvent::SentToDeadLetterQueue {
                schedule,
                dead_letter_queue,
                execution_id,
            } => format!(
                "execution {execution_id} of schedule {schedule} sent to dead-letter queue {dead_letter_queue}"
            ),
            SchedulerEvent::InvocationDropped {
                schedule,
                execution_id,
                reason,
            } => format!("execution {execution_id} of schedule {schedule} dropped: {reason}"),
        }
    }
}
