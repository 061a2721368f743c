//! The consumer fleet: a Stratus built-in, not an AWS service. A fleet is N
//! pollers consuming one SQS queue the way EC2 instances running a worker
//! would: each polls with ReceiveMessage (short or long), processes each
//! message for its processing time, deletes each success with DeleteMessage
//! and leaves each failure (so it returns after the visibility timeout and,
//! past maxReceiveCount, lands in the DLQ). An optional scaling rule follows
//! EC2 Auto Scaling's target tracking on SQS backlog per instance.
//!
//! This module owns the fleets, their pollers' state machines (`poller`),
//! their settings and validation (`config`) and the scaling rule (`scaling`).
//! It never touches SQS state: it sends SQS calls on a poller's behalf to the
//! world's router, which hands each reply back (`Service::on_reply`, in
//! `service`), so every request is traced and billed as AWS would bill it.
//! The only thing it reads from SQS is the queue depth a CloudWatch metric
//! would give the scaling rule, through a read-only question (`Peers`).
//!
//! Actions (`fleet:` prefix in a scenario): CreateConsumerFleet,
//! UpdateConsumerFleet, DeleteConsumerFleet, ListConsumerFleets.

pub mod config;
mod events;
mod poller;
mod scaling;
mod service;
#[cfg(test)]
mod tests;

pub use config::{FleetConfig, ProcessingTime, Scaling};
pub use events::FleetEvent;
pub use poller::{Poller, PollerState};

use crate::api::{params::parse, AwsError};
use crate::kernel::{Ctx, Outbound};
use crate::sim::{Millis, TimerId};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::rc::Rc;

/// The namespace of the fleet's errors (it is not an AWS service).
pub const NAMESPACE: &str = "stratus.fleet";

/// The documentation the scaling rule follows.
pub const SCALING_DOC_URL: &str =
    "https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-using-sqs-queue.html";

/// Which poller of which fleet a call is made for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PollerRef {
    pub fleet: u32,
    pub poller: u32,
}

/// Timers the fleets schedule for themselves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FleetTimer {
    /// A poller's next step: it has warmed up, its short-poll interval ended, or it finished a message.
    Poller(PollerRef),
    /// The scaling rule's periodic evaluation.
    Evaluate { fleet: u32 },
}

/// The queue depth (ApproximateNumberOfMessagesVisible) of a queue URL, or None when no such queue exists.
pub type QueueDepth<'a> = &'a dyn Fn(&str) -> Option<usize>;

#[derive(Debug)]
pub struct Fleet {
    pub id: u32,
    pub config: FleetConfig,
    /// The queue's name, for trace events.
    pub queue: Rc<str>,
    pub pollers: BTreeMap<u32, Poller>,
    next_poller: u32,
    /// The size the fleet is heading for (the Auto Scaling group's desired capacity).
    pub desired: u32,
    pub processed: u64,
    pub failed: u64,
    pub receives: u64,
    pub empty_receives: u64,
    pub last_error: Option<String>,
    /// The last evaluation of the scaling rule: (visible messages, in-service pollers).
    pub last_evaluation: Option<(usize, u32)>,
    last_scaling_at: Millis,
    evaluation_timer: Option<TimerId>,
}

impl Fleet {
    /// Pollers that are not on their way out.
    pub fn running(&self) -> u32 {
        self.pollers.values().filter(|p| !p.stopping).count() as u32
    }

    /// Pollers that have warmed up and are not stopping (Auto Scaling's InService instances).
    pub fn in_service(&self) -> u32 {
        self.pollers
            .values()
            .filter(|p| !p.stopping && !matches!(p.state, PollerState::Starting { .. }))
            .count() as u32
    }

    fn describe(&self, now: Millis) -> Value {
        let mut v = self.config.to_json();
        v["DesiredPollers"] = json!(self.desired);
        v["RunningPollers"] = json!(self.running());
        v["MessagesProcessed"] = json!(self.processed);
        v["MessagesFailed"] = json!(self.failed);
        v["Receives"] = json!(self.receives);
        v["EmptyReceives"] = json!(self.empty_receives);
        v["PollerStates"] = self.pollers.values().map(|p| p.describe(now)).collect();
        v
    }
}

#[derive(Debug, Default)]
pub struct Fleets {
    /// Live fleets by id; ids grow with creation, so this is creation order.
    fleets: BTreeMap<u32, Fleet>,
    next_id: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct NameInput {
    fleet_name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NoInput {}

fn not_found(name: &str) -> AwsError {
    AwsError::new(
        NAMESPACE,
        "ResourceNotFoundException",
        400,
        format!("Consumer fleet {name} does not exist."),
    )
}

/// The queue's name is the last segment of its URL.
fn queue_name(url: &str) -> Rc<str> {
    url.rsplit('/').next().unwrap_or(url).into()
}

impl Fleets {
    pub fn call(
        &mut self,
        ctx: &mut Ctx,
        depth: QueueDepth,
        action: &str,
        input: &Value,
        out: &mut Vec<Outbound>,
    ) -> Result<Value, AwsError> {
        match action {
            "CreateConsumerFleet" => self.create(ctx, depth, parse(input)?, out),
            "UpdateConsumerFleet" => self.update(ctx, depth, parse(input)?, out),
            "DeleteConsumerFleet" => {
                let req: NameInput = parse(input)?;
                self.delete(ctx, &req.fleet_name, out)
            }
            "ListConsumerFleets" => {
                let _: NoInput = parse(input)?;
                Ok(json!({
                    "ConsumerFleets": self.fleets.values().map(|f| f.describe(ctx.now)).collect::<Vec<_>>()
                }))
            }
            _ => Err(AwsError::unknown_operation(&format!("fleet:{action}"))),
        }
    }

    fn id_of(&self, name: &str) -> Option<u32> {
        self.fleets
            .values()
            .find(|f| f.config.name == name)
            .map(|f| f.id)
    }

    fn check_queue(depth: QueueDepth, url: &str) -> Result<(), AwsError> {
        match depth(url) {
            Some(_) => Ok(()),
            None => Err(config::validation(
                "QueueUrl",
                url,
                "Member must be the URL of an existing queue",
            )),
        }
    }

    fn create(
        &mut self,
        ctx: &mut Ctx,
        depth: QueueDepth,
        input: config::FleetInput,
        out: &mut Vec<Outbound>,
    ) -> Result<Value, AwsError> {
        let config = FleetConfig::create(input)?;
        if self.id_of(&config.name).is_some() {
            return Err(AwsError::new(
                NAMESPACE,
                "AlreadyExistsException",
                400,
                format!("A consumer fleet named {} already exists.", config.name),
            ));
        }
        Self::check_queue(depth, &config.queue_url)?;
        let id = self.next_id;
        self.next_id += 1;
        let fleet = Fleet {
            id,
            queue: queue_name(&config.queue_url),
            desired: config.pollers,
            config,
            pollers: BTreeMap::new(),
            next_poller: 1,
            processed: 0,
            failed: 0,
            receives: 0,
            empty_receives: 0,
            last_error: None,
            last_evaluation: None,
            last_scaling_at: ctx.now,
            evaluation_timer: None,
        };
        ctx.emit(FleetEvent::ConsumerFleetCreated {
            fleet: fleet.config.name.as_str().into(),
            queue: fleet.queue.clone(),
            pollers: fleet.desired,
        });
        let fleet = self.fleets.entry(id).or_insert(fleet);
        scaling::schedule_evaluation(fleet, ctx);
        poller::resize(fleet, ctx, out, 0);
        Ok(fleet.describe(ctx.now))
    }

    fn update(
        &mut self,
        ctx: &mut Ctx,
        depth: QueueDepth,
        input: config::FleetInput,
        out: &mut Vec<Outbound>,
    ) -> Result<Value, AwsError> {
        let id = self
            .id_of(&input.fleet_name)
            .ok_or_else(|| not_found(&input.fleet_name))?;
        let fleet = self
            .fleets
            .get_mut(&id)
            .ok_or_else(|| not_found(&input.fleet_name))?;
        let pollers_given = input.pollers.is_some();
        let mut config = fleet.config.updated(input)?;
        if !pollers_given {
            // The current desired size, kept within a new scaling rule's bounds.
            config.pollers = match &config.scaling {
                Some(s) => fleet.desired.clamp(s.min_size, s.max_size),
                None => fleet.desired,
            };
        }
        if config.queue_url != fleet.config.queue_url {
            Self::check_queue(depth, &config.queue_url)?;
            fleet.queue = queue_name(&config.queue_url);
        }
        fleet.desired = config.pollers;
        fleet.config = config;
        if let Some(t) = fleet.evaluation_timer.take() {
            ctx.timers.cancel(t);
        }
        scaling::schedule_evaluation(fleet, ctx);
        poller::resize(fleet, ctx, out, 0);
        Ok(fleet.describe(ctx.now))
    }

    fn delete(
        &mut self,
        ctx: &mut Ctx,
        name: &str,
        out: &mut Vec<Outbound>,
    ) -> Result<Value, AwsError> {
        let id = self.id_of(name).ok_or_else(|| not_found(name))?;
        let Some(mut fleet) = self.fleets.remove(&id) else {
            return Err(not_found(name));
        };
        if let Some(t) = fleet.evaluation_timer.take() {
            ctx.timers.cancel(t);
        }
        let ids: Vec<u32> = fleet.pollers.keys().copied().collect();
        for p in ids {
            poller::stop_now(&mut fleet, ctx, out, p);
        }
        ctx.emit(FleetEvent::ConsumerFleetDeleted {
            fleet: name.into(),
            queue: fleet.queue.clone(),
        });
        Ok(json!({}))
    }

    pub fn on_timer(
        &mut self,
        ctx: &mut Ctx,
        depth: QueueDepth,
        timer: FleetTimer,
        out: &mut Vec<Outbound>,
    ) {
        match timer {
            FleetTimer::Poller(r) => {
                if let Some(fleet) = self.fleets.get_mut(&r.fleet) {
                    poller::on_timer(fleet, ctx, out, r.poller);
                }
            }
            FleetTimer::Evaluate { fleet } => {
                if let Some(fleet) = self.fleets.get_mut(&fleet) {
                    fleet.evaluation_timer = None;
                    let visible = depth(&fleet.config.queue_url).unwrap_or(0);
                    scaling::evaluate(fleet, ctx, out, visible);
                    scaling::schedule_evaluation(fleet, ctx);
                }
            }
        }
    }

    /// What a fleet timer due at `due` will change that a person sees (for "Next event"): a
    /// poller finishing its message, a poller polling a queue that has visible messages, the
    /// scaling rule changing the desired size. A poll of an empty queue foresees nothing.
    pub fn foresee(
        &self,
        depth: QueueDepth,
        timer: &FleetTimer,
        due: Millis,
    ) -> Option<crate::kernel::Foreseen> {
        use crate::kernel::Foreseen;
        match timer {
            FleetTimer::Poller(r) => {
                let fleet = self.fleets.get(&r.fleet)?;
                let p = fleet.pollers.get(&r.poller)?;
                let name = &fleet.config.name;
                match &p.state {
                    PollerState::Processing { message_id, .. } => Some(Foreseen {
                        event: "MessageProcessed",
                        resource: Some(fleet.queue.clone()),
                        text: format!("poller {} of fleet {name} finishes {message_id}", p.name),
                    }),
                    PollerState::Starting { .. } | PollerState::Sleeping { .. } => {
                        let visible = depth(&fleet.config.queue_url).unwrap_or(0);
                        (visible > 0 && !p.stopping).then(|| Foreseen {
                            event: "MessageReceived",
                            resource: Some(fleet.queue.clone()),
                            text: format!(
                                "poller {} of fleet {name} receives from {} ({visible} visible)",
                                p.name, fleet.queue
                            ),
                        })
                    }
                    PollerState::Polling { .. } => None,
                }
            }
            FleetTimer::Evaluate { fleet } => {
                let fleet = self.fleets.get(fleet)?;
                let s = fleet.config.scaling.as_ref()?;
                let visible = depth(&fleet.config.queue_url).unwrap_or(0);
                let wanted = scaling::desired_for(s, visible);
                let from = fleet.desired;
                let scale_in_allowed =
                    !s.disable_scale_in && due >= fleet.last_scaling_at + s.scale_in_cooldown;
                (wanted > from || (wanted < from && scale_in_allowed)).then(|| Foreseen {
                    event: "ConsumerFleetScaled",
                    resource: Some(fleet.queue.clone()),
                    text: format!(
                        "fleet {} scales from {from} to {wanted} pollers ({visible} visible in {})",
                        fleet.config.name, fleet.queue
                    ),
                })
            }
        }
    }

    /// The result of a call the world made for a poller.
    pub fn on_result(
        &mut self,
        ctx: &mut Ctx,
        caller: PollerRef,
        action: &str,
        result: Result<poller::Reply, AwsError>,
        out: &mut Vec<Outbound>,
    ) {
        if let Some(fleet) = self.fleets.get_mut(&caller.fleet) {
            poller::on_result(fleet, ctx, out, caller.poller, action, result);
        }
    }

    /// Fleets in creation order (read-only view for the UI).
    pub fn fleets(&self) -> impl Iterator<Item = &Fleet> {
        self.fleets.values()
    }

    /// The poller processing this message right now, if any.
    pub fn processing(&self, message_id: &str) -> Option<&str> {
        self.fleets
            .values()
            .flat_map(|f| f.pollers.values())
            .find(|p| {
                matches!(&p.state, PollerState::Processing { message_id: m, .. } if &**m == message_id)
            })
            .map(|p| &*p.name)
    }

    pub fn fleet(&self, name: &str) -> Option<&Fleet> {
        self.fleets.values().find(|f| f.config.name == name)
    }
}
