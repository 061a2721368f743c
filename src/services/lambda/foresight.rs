//! What Lambda's own timers will change when they fire, foreseen without
//! firing them (for "Next event"): a function becoming Active or finishing an
//! update, an invocation ending, an idle execution environment reclaimed, an
//! asynchronous event tried again, and an SQS event source mapping's pollers
//! invoking a batch, receiving, or scaling out. A handler's own timers and SDK
//! answers only move its invocation along (its end is foreseen), and a
//! poller waking to an empty queue changes nothing shown.

use super::model::Lifecycle;
use super::sqs_pollers::{PollerState, SCALE_STEP};
use super::{Lambda, LambdaTimer, Queues};
use crate::kernel::Foreseen;

impl Lambda {
    pub(super) fn foresee(&self, queues: Queues, timer: &LambdaTimer) -> Option<Foreseen> {
        let seen = |event: &'static str, resource: &str, text: String| Foreseen {
            event,
            resource: Some(resource.into()),
            text,
        };
        match timer {
            LambdaTimer::Settle { function, serial } => {
                let f = self.functions.get(function)?;
                if f.lifecycle_serial != *serial {
                    return None;
                }
                let text = match f.lifecycle {
                    Lifecycle::Active => return None,
                    Lifecycle::Pending => format!("{function} becomes Active"),
                    Lifecycle::Updating => {
                        format!("{function}'s update completes (LastUpdateStatus Successful)")
                    }
                };
                Some(seen("FunctionStateChanged", function, text))
            }
            LambdaTimer::Finish { invocation } => {
                let inv = self.invocations.get(invocation)?;
                Some(seen(
                    "InvocationFinished",
                    &inv.function,
                    format!("{}'s invocation {} ends", inv.function, inv.request_id),
                ))
            }
            LambdaTimer::Reclaim { environment } => {
                let slot = self.environments.slots.get(environment)?;
                slot.busy.is_none().then(|| {
                    seen(
                        "EnvironmentReclaimed",
                        &slot.function,
                        format!(
                            "an idle execution environment of {} is reclaimed",
                            slot.function
                        ),
                    )
                })
            }
            LambdaTimer::RetryEvent { event } => {
                let e = self.events.get(event)?;
                Some(seen(
                    "InvocationStarted",
                    &e.function,
                    format!(
                        "{} tries asynchronous event {} again (attempt {})",
                        e.function,
                        e.request_id,
                        e.attempts + 1
                    ),
                ))
            }
            LambdaTimer::BatchWindow { mapping, poller } => {
                let m = self.mappings.get(mapping)?;
                let p = m.pollers.get(poller)?;
                (p.state == PollerState::Receiving && !p.batch.is_empty()).then(|| {
                    seen(
                        "InvocationStarted",
                        &m.function,
                        format!(
                            "{}'s batching window closes: it is invoked with {} records from {}",
                            m.function,
                            p.batch.len(),
                            m.queue_name
                        ),
                    )
                })
            }
            LambdaTimer::PollerResume { mapping, poller } => {
                let m = self.mappings.get(mapping)?;
                let p = m.pollers.get(poller)?;
                let visible = queues(&m.queue_arn).map_or(0, |q| q.visible);
                (matches!(p.state, PollerState::BackingOff { .. }) && visible > 0).then(|| {
                    seen(
                        "MessageReceived",
                        &m.function,
                        format!(
                            "a poller of {} receives from {} again ({visible} visible)",
                            m.function, m.queue_name
                        ),
                    )
                })
            }
            LambdaTimer::ScalePollers { mapping } => {
                let m = self.mappings.get(mapping)?;
                let visible = queues(&m.queue_arn).map_or(0, |q| q.visible);
                let count = m.pollers.len() as u32;
                let per_receive = m.batch_size.min(10) as usize;
                let useful = visible.div_ceil(per_receive.max(1)) as u32;
                let add = SCALE_STEP
                    .min(m.ceiling().saturating_sub(count))
                    .min(useful);
                (add > 0).then(|| {
                    seen(
                        "PollersScaled",
                        &m.function,
                        format!(
                            "{}'s event source mapping on {} scales from {count} to {} pollers",
                            m.function,
                            m.queue_name,
                            count + add
                        ),
                    )
                })
            }
            LambdaTimer::Start { .. }
            | LambdaTimer::Wake { .. }
            | LambdaTimer::HostResult { .. } => None,
        }
    }
}
