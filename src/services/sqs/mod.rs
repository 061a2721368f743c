//! Amazon SQS, standard and FIFO queues: queues, messages, the visibility
//! timeout in virtual time, and receipt handles. `model` holds the state,
//! `actions` the API, `attributes` the queue attributes, `policy` access
//! policies and AddPermission, `errors` AWS's error codes and messages,
//! `events` its trace events, `pricing` its requests as AWS bills them,
//! `receipt` the handles, `redrive` dead-letter queues, `move_tasks` their redrive.
//! Each action takes a typed request and returns a typed response (`shapes`,
//! generated from AWS's model by `scripts/gen_shapes.py`); JSON exists only at
//! the edges (`edge`): `call` for a `Value`, `call_text` for JSON text.

mod actions;
mod attributes;
#[cfg(test)]
mod attributes_tests;
mod batch;
#[cfg(test)]
mod batch_tests;
mod behaviour;
#[cfg(test)]
mod behaviour_tests;
mod edge;
mod errors;
mod events;
mod expiry;
mod fifo;
#[cfg(test)]
mod fifo_order_tests;
#[cfg(test)]
mod fifo_rules_tests;
#[cfg(test)]
mod fifo_tests;
mod foresight;
#[cfg(test)]
mod lifecycle_tests;
mod message_attributes;
#[cfg(test)]
mod message_attributes_tests;
mod messages;
pub mod metrics;
#[cfg(test)]
mod metrics_tests;
pub mod model;
mod move_tasks;
#[cfg(test)]
mod move_tasks_tests;
mod paging;
#[cfg(test)]
mod paths_tests;
pub mod policy;
#[cfg(test)]
mod policy_tests;
#[cfg(test)]
mod polling_tests;
mod pricing;
mod queue_settings;
#[cfg(test)]
mod queue_tests;
mod receipt;
mod receive;
mod redrive;
#[cfg(test)]
mod redrive_tests;
mod service;
pub mod shapes;
mod store;
#[cfg(test)]
mod test_support;
#[cfg(test)]
mod tests;
mod typed_calls;
mod visible;
pub mod wire;

pub use attributes::Encryption;
pub use behaviour::SqsBehaviour;
pub use events::SqsEvent;
pub use fifo::{DeduplicationScope, FifoAttributes, FifoThroughputLimit};
pub use model::{Message, MessageState, Queue, QueueAttributes};
pub use pricing::SqsUsage;
pub use service::queue_url_in;
pub use store::Messages;
pub use typed_calls::typed_queue_url;

use super::Ctx;
use crate::api::AwsError;
use crate::sim::hash::FastMap;
use serde_json::Value;
use std::collections::BTreeMap;

/// Timers SQS schedules for itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SqsTimer {
    /// The message received with this receive generation becomes visible again.
    VisibilityTimeout {
        queue_id: u32,
        seq: u64,
        receive_gen: u32,
    },
    /// A delayed message becomes visible.
    DelayEnded { queue_id: u32, seq: u64 },
    /// The soonest retention expiry of a queue has come.
    RetentionExpiry { queue_id: u32 },
    /// A running message move task moves its next second's messages.
    MoveTaskTick { task: u32 },
}

#[derive(Debug, Default)]
pub struct Sqs {
    /// Live queues by id; ids grow with creation, so this is creation order.
    queues: BTreeMap<u32, Queue>,
    by_name: FastMap<String, u32>,
    by_url: FastMap<String, u32>,
    /// When each recently deleted name was deleted (a name is reusable 60 s later).
    deleted_at: FastMap<String, crate::sim::Millis>,
    next_queue_id: u32,
    /// How many FIFO queues exist (standard queues have no calls-per-second quota to count).
    fifo_queues: usize,
    behaviour: SqsBehaviour,
    /// Dead-letter-queue redrive tasks (StartMessageMoveTask).
    move_tasks: move_tasks::MoveTasks,
    /// Requests as AWS would bill them (see `pricing`).
    usage: SqsUsage,
}

impl Sqs {
    pub fn new(behaviour: SqsBehaviour) -> Self {
        Sqs {
            behaviour,
            ..Sqs::default()
        }
    }

    /// Billable usage so far, in this account and region.
    pub fn usage(&self) -> &SqsUsage {
        &self.usage
    }

    /// One action with its request as a `Value`; the response as a `Value`.
    pub fn call(&mut self, ctx: &mut Ctx, action: &str, input: &Value) -> Result<Value, AwsError> {
        edge::call_value(self, ctx, action, input)
    }

    /// One action with its request as JSON text; the response as JSON text (the same
    /// bytes `serde_json` writes for the `Value` that `call` answers), with no `Value` between.
    pub fn call_text(
        &mut self,
        ctx: &mut Ctx,
        action: &str,
        input: &str,
    ) -> Result<String, AwsError> {
        edge::call_text(self, ctx, action, input)
    }

    pub fn on_timer(&mut self, ctx: &mut Ctx, timer: SqsTimer) {
        match timer {
            SqsTimer::VisibilityTimeout {
                queue_id,
                seq,
                receive_gen,
            } => {
                let Some(queue) = self.queues.get_mut(&queue_id) else {
                    return;
                };
                if let Some(message_id) = queue.expire_visibility(seq, receive_gen) {
                    ctx.emit(SqsEvent::VisibilityTimeoutExpired {
                        queue: queue.name.clone(),
                        message_id,
                    });
                }
            }
            SqsTimer::DelayEnded { queue_id, seq } => {
                let Some(queue) = self.queues.get_mut(&queue_id) else {
                    return;
                };
                if let Some(message_id) = queue.end_delay(seq) {
                    ctx.emit(SqsEvent::DelayEnded {
                        queue: queue.name.clone(),
                        message_id,
                    });
                }
            }
            SqsTimer::RetentionExpiry { queue_id } => {
                let Some(queue) = self.queues.get_mut(&queue_id) else {
                    return;
                };
                for message_id in queue.expire_retention(ctx) {
                    ctx.emit(SqsEvent::MessageExpired {
                        queue: queue.name.clone(),
                        message_id,
                    });
                }
            }
            SqsTimer::MoveTaskTick { task } => move_tasks::on_tick(self, ctx, task),
        }
    }

    /// Queues in creation order (read-only view for the UI).
    pub fn queues(&self) -> impl Iterator<Item = &Queue> {
        self.queues.values()
    }

    pub fn queue(&self, name: &str) -> Option<&Queue> {
        self.queues.get(self.by_name.get(name)?)
    }
}
