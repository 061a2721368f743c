//! What SQS's own timers will change when they fire, foreseen without firing
//! them (for "Next event"): a message visible again when its visibility
//! timeout ends, a delay ending, messages leaving at the end of their
//! retention period, a redrive moving messages. A timer gone stale (the
//! message was deleted or received again since) foresees nothing.

use super::model::MessageState;
use super::{Sqs, SqsTimer};
use crate::kernel::Foreseen;
use crate::sim::{spoken_duration, Millis, SECOND};

impl Sqs {
    pub(super) fn foresee(&self, timer: &SqsTimer, due: Millis) -> Option<Foreseen> {
        match *timer {
            SqsTimer::VisibilityTimeout {
                queue_id,
                seq,
                receive_gen,
            } => {
                let queue = self.queues.get(&queue_id)?;
                let m = queue.messages.get(&seq)?;
                let in_flight = matches!(m.state, MessageState::InFlight { .. });
                (in_flight && m.receive_count == receive_gen).then(|| Foreseen {
                    event: "VisibilityTimeoutExpired",
                    resource: Some(queue.name.clone()),
                    text: format!(
                        "{} becomes visible again in {}: its visibility timeout ends",
                        m.message_id, queue.name
                    ),
                })
            }
            SqsTimer::DelayEnded { queue_id, seq } => {
                let queue = self.queues.get(&queue_id)?;
                let m = queue.messages.get(&seq)?;
                matches!(m.state, MessageState::Delayed { .. }).then(|| Foreseen {
                    event: "DelayEnded",
                    resource: Some(queue.name.clone()),
                    text: format!(
                        "{}'s delay ends: it becomes visible in {}",
                        m.message_id, queue.name
                    ),
                })
            }
            SqsTimer::RetentionExpiry { queue_id } => {
                let queue = self.queues.get(&queue_id)?;
                let mut expiring = queue.messages.values().filter(|m| m.expires_at <= due);
                let first = expiring.next()?;
                let more = expiring.count();
                let period =
                    spoken_duration(u64::from(queue.attributes.message_retention_period) * SECOND);
                let who = match more {
                    0 => format!("{} expires", first.message_id),
                    n => format!("{} and {n} more messages expire", first.message_id),
                };
                Some(Foreseen {
                    event: "MessageExpired",
                    resource: Some(queue.name.clone()),
                    text: format!(
                        "{who} from {}: older than its MessageRetentionPeriod ({period}), deleted unread or not",
                        queue.name
                    ),
                })
            }
            SqsTimer::MoveTaskTick { task } => {
                let source = self.move_tasks.running_source(task)?;
                let queue = self.queues.get(&source)?;
                Some(Foreseen {
                    event: "MessageRedriven",
                    resource: Some(queue.name.clone()),
                    text: format!("the message move task moves messages out of {}", queue.name),
                })
            }
        }
    }
}
