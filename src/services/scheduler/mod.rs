//! Amazon EventBridge Scheduler (service `scheduler`, AWS's REST-JSON API
//! `scheduler/2021-06-30`): schedule groups (`groups`, with their tags),
//! schedules (`schedules`) whose `at`, `rate` or `cron` expression is read in
//! an IANA time zone (`expression`, over `crate::kernel::schedule` and
//! `crate::kernel::timezone`), their timers and flexible windows (`fire`),
//! their targets (`targets`) invoked through the router with retries and a
//! dead-letter queue (`deliver`), its trace events (`events`) and what it
//! bills (`pricing`). It never calls another service directly.

mod deliver;
#[cfg(test)]
mod deliver_tests;
pub mod errors;
#[allow(clippy::module_inception)] // its trace events, named as every service names them
mod events;
pub mod expression;
mod fire;
#[cfg(test)]
mod fire_tests;
mod groups;
#[cfg(test)]
mod groups_tests;
pub mod model;
pub mod pricing;
mod schedules;
#[cfg(test)]
mod schedules_tests;
mod service;
mod targets;

pub use events::SchedulerEvent;
pub use model::SchedulerTimer;
pub use pricing::SchedulerUsage;

use crate::api::AwsError;
use crate::kernel::Ctx;
use crate::sim::Millis;
use deliver::Attempt;
use model::{Group, Schedule};
use serde_json::Value;
use std::collections::BTreeMap;
use std::rc::Rc;

/// EventBridge Scheduler in one account and Region.
#[derive(Debug, Default)]
pub struct Scheduler {
    groups: BTreeMap<Rc<str>, Group>,
    /// Schedules by (group, name).
    schedules: BTreeMap<(Rc<str>, Rc<str>), Schedule>,
    /// Invocations waiting for the target's answer or their next try.
    attempts: BTreeMap<u64, Attempt>,
    next_attempt: u64,
    next_generation: u64,
    /// Tags by schedule-group ARN.
    tags: BTreeMap<String, BTreeMap<String, String>>,
    pub usage: SchedulerUsage,
}

impl Scheduler {
    /// Performs one action of the API.
    pub fn call(&mut self, ctx: &mut Ctx, action: &str, input: &Value) -> Result<Value, AwsError> {
        match action {
            "CreateSchedule" => self.create_schedule(ctx, input),
            "GetSchedule" => self.get_schedule(ctx, input),
            "UpdateSchedule" => self.update_schedule(ctx, input),
            "DeleteSchedule" => self.delete_schedule(ctx, input),
            "ListSchedules" => self.list_schedules(ctx, input),
            "CreateScheduleGroup" => self.create_schedule_group(ctx, input),
            "GetScheduleGroup" => self.get_schedule_group(ctx, input),
            "DeleteScheduleGroup" => self.delete_schedule_group(ctx, input),
            "ListScheduleGroups" => self.list_schedule_groups(ctx, input),
            "TagResource" => self.tag_resource(ctx, input),
            "UntagResource" => self.untag_resource(ctx, input),
            "ListTagsForResource" => self.list_tags(ctx, input),
            _ => Err(AwsError::unknown_operation(&format!("scheduler:{action}"))),
        }
    }

    /// The schedule groups of this account and Region, by name.
    pub fn groups(&self) -> impl Iterator<Item = &Group> {
        self.groups.values()
    }

    /// The schedules, by group then name.
    pub fn schedules(&self) -> impl Iterator<Item = &Schedule> {
        self.schedules.values()
    }

    pub fn schedule(&self, group: &str, name: &str) -> Option<&Schedule> {
        self.schedules.get(&(Rc::from(group), Rc::from(name)))
    }

    fn next_generation(&mut self) -> u64 {
        self.next_generation += 1;
        self.next_generation
    }
}

/// A timestamp as the REST-JSON protocol answers it: epoch seconds.
pub fn seconds(t: Millis) -> Value {
    if t.is_multiple_of(1000) {
        Value::from(t / 1000)
    } else {
        Value::from(t as f64 / 1000.0)
    }
}
