//! EventBridge's state in one account and Region: event buses (the default
//! bus, made on first use, and custom ones), each with its rules, their
//! targets, its resource-based policy and the compiled matcher of its rules'
//! patterns; and the timers a bus's work schedules.

use super::transform::{select, RuleContext, TargetInput, Transformer};
use crate::kernel::schedule::Schedule;
use crate::pattern::{Matcher, Pattern};
use crate::sim::{Millis, TimerId};
use serde_json::Value;
use std::collections::BTreeMap;
use std::rc::Rc;

pub const DEFAULT_BUS: &str = "default";
/// Targets one rule may have.
pub const MAX_TARGETS: usize = 5;
/// RetryPolicy defaults: 185 attempts over 24 hours.
pub const DEFAULT_RETRY_ATTEMPTS: u32 = 185;
pub const DEFAULT_EVENT_AGE_SECONDS: u32 = 86_400;

/// A timer of EventBridge's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventsTimer {
    /// A scheduled rule comes due (`generation` tells a stale timer after the rule changed).
    Schedule {
        bus: Rc<str>,
        rule: Rc<str>,
        generation: u64,
    },
    /// A failed delivery is tried again.
    Retry { attempt: u64 },
    /// A replay sends its events.
    Replay { replay: Rc<str> },
}

#[derive(Debug)]
pub struct Bus {
    pub name: Rc<str>,
    pub arn: Rc<str>,
    pub description: Option<String>,
    /// Statements of the resource-based policy (PutPermission), in order.
    pub policy: Vec<Value>,
    pub created: Millis,
    pub modified: Millis,
    /// The partner event source a partner bus receives from.
    pub event_source: Option<String>,
    pub dead_letter_arn: Option<String>,
    pub rules: BTreeMap<Rc<str>, Rule>,
    pub matcher: Matcher<Rc<str>>,
}

#[derive(Debug)]
pub struct Rule {
    pub name: Rc<str>,
    pub arn: Rc<str>,
    pub event_pattern: Option<String>,
    pub pattern: Option<Pattern>,
    pub schedule_expression: Option<String>,
    pub schedule: Option<Schedule>,
    /// When its schedule was set: a rate counts from here.
    pub scheduled_at: Millis,
    pub generation: u64,
    pub schedule_timer: Option<TimerId>,
    pub state: String,
    pub description: Option<String>,
    pub role_arn: Option<String>,
    pub managed_by: Option<String>,
    pub created_by: String,
    pub targets: Vec<Target>,
}

impl Rule {
    pub fn enabled(&self) -> bool {
        self.state != "DISABLED"
    }
}

/// One target of a rule: where matched events go and how.
#[derive(Clone, Debug)]
pub struct Target {
    pub id: Rc<str>,
    pub arn: Rc<str>,
    /// The target as PutTargets gave it: ListTargetsByRule answers with it.
    pub raw: Value,
    pub input: Option<Value>,
    pub input_path: Option<String>,
    pub transformer: Option<Transformer>,
    pub message_group_id: Option<String>,
    /// HttpParameters (API destinations): PathParameterValues, HeaderParameters,
    /// QueryStringParameters, as given and checked.
    pub http_parameters: Option<Value>,
    pub dead_letter_arn: Option<Rc<str>>,
    pub max_attempts: u32,
    pub max_age_seconds: u32,
}

impl Target {
    /// What the target is sent for `event` matched by the rule: the transformer's output,
    /// the constant Input, the part at InputPath (null when absent), or the whole event.
    pub fn input_for(&self, event: &Value, rule_name: &str, rule_arn: &str) -> TargetInput {
        let time = event
            .get("time")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if let Some(t) = &self.transformer {
            t.apply(
                event,
                &RuleContext {
                    rule_arn,
                    rule_name,
                    ingestion_time: time,
                },
            )
        } else if let Some(input) = &self.input {
            TargetInput::Json(input.clone())
        } else if let Some(path) = &self.input_path {
            TargetInput::Json(select(event, path).cloned().unwrap_or(Value::Null))
        } else {
            TargetInput::Json(event.clone())
        }
    }
}

impl Bus {
    pub fn new(name: &str, arn: String, now: Millis) -> Bus {
        Bus {
            name: name.into(),
            arn: arn.into(),
            description: None,
            policy: Vec::new(),
            created: now,
            modified: now,
            event_source: None,
            dead_letter_arn: None,
            rules: BTreeMap::new(),
            matcher: Matcher::new(),
        }
    }
}
