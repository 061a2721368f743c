//! EventBridge Scheduler's state in one account and Region: schedule groups
//! (the `default` group, made on first use, and the ones CreateScheduleGroup
//! makes), schedules keyed by group and name, each with its expression, time
//! zone, window, target and the timer of its next firing; and the timers the
//! service schedules.

use super::expression::{Bounds, Expression};
use crate::kernel::timezone::TimeZone;
use crate::sim::{Millis, TimerId};
use serde_json::Value;
use std::rc::Rc;

pub const DEFAULT_GROUP: &str = "default";
/// RetryPolicy defaults: 185 retries within 24 hours.
pub const DEFAULT_RETRY_ATTEMPTS: u32 = 185;
pub const DEFAULT_EVENT_AGE_SECONDS: u32 = 86_400;
/// Schedule groups per account and Region (AWS's default quota).
pub const MAX_GROUPS: usize = 500;

/// A timer of EventBridge Scheduler's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SchedulerTimer {
    /// A schedule invokes its target for the firing due at `scheduled` (its nominal time; the
    /// timer itself may come later within a flexible window). `generation` tells a stale timer
    /// after the schedule changed.
    Fire {
        group: Rc<str>,
        schedule: Rc<str>,
        generation: u64,
        scheduled: Millis,
    },
    /// A failed invocation is tried again.
    Retry { attempt: u64 },
}

#[derive(Debug)]
pub struct Group {
    pub name: Rc<str>,
    pub arn: Rc<str>,
    pub created: Millis,
    pub modified: Millis,
}

/// One schedule.
#[derive(Debug)]
pub struct Schedule {
    pub name: Rc<str>,
    pub group: Rc<str>,
    pub arn: Rc<str>,
    pub description: Option<String>,
    /// The expression as sent (GetSchedule answers with it).
    pub expression_text: String,
    pub expression: Expression,
    pub timezone: TimeZone,
    pub start: Option<Millis>,
    pub end: Option<Millis>,
    pub enabled: bool,
    /// FlexibleTimeWindow: None for `OFF`, else its MaximumWindowInMinutes.
    pub window_minutes: Option<u32>,
    pub delete_after_completion: bool,
    pub kms_key_arn: Option<String>,
    pub target: Target,
    pub created: Millis,
    pub modified: Millis,
    /// When it was created or last updated: a rate without a StartDate counts from here.
    pub anchor: Millis,
    pub generation: u64,
    pub timer: Option<TimerId>,
    /// The next firing armed (its nominal time), for the panel and the tests.
    pub next: Option<Millis>,
}

/// The target a schedule invokes, and how it retries.
#[derive(Clone, Debug)]
pub struct Target {
    pub arn: Rc<str>,
    pub role_arn: String,
    pub input: Option<String>,
    pub dead_letter_arn: Option<Rc<str>>,
    pub max_attempts: u32,
    pub max_age_seconds: u32,
    pub message_group_id: Option<String>,
    /// EventBridgeParameters: (DetailType, Source).
    pub event_bridge: Option<(String, String)>,
    /// The target as GetSchedule answers with it (the RetryPolicy's defaults filled in).
    pub echo: Value,
}

impl Schedule {
    /// Its next `n` firings (nominal times) after `after`, for the panel: none while disabled.
    pub fn upcoming(&self, after: Millis, n: usize) -> Vec<Millis> {
        let bounds = Bounds {
            anchor: self.anchor,
            start: self.start,
            end: self.end,
        };
        let mut out = Vec::with_capacity(n);
        let mut at = after;
        while self.enabled && out.len() < n {
            match self.expression.next_after(&self.timezone, bounds, at) {
                Some(next) => {
                    out.push(next);
                    at = next;
                }
                None => break,
            }
        }
        out
    }

    pub fn state(&self) -> &'static str {
        if self.enabled {
            "ENABLED"
        } else {
            "DISABLED"
        }
    }
}
