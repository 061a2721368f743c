//! Schedules: CreateSchedule and UpdateSchedule (a full replacement, as AWS's
//! is: members left out go back to their defaults), GetSchedule,
//! DeleteSchedule, ListSchedules (GroupName, NamePrefix, State, paging), with
//! the model's constraints, AWS's answer to an expression it cannot read
//! ("Invalid Schedule Expression ..."), the time zone, StartDate and EndDate,
//! the flexible window and ActionAfterCompletion.

use super::errors::{self, CLIENT_TOKEN_PATTERN, KMS_KEY_PATTERN, NAME_PATTERN};
use super::expression::Expression;
use super::model::Schedule;
use super::targets::{self, TargetShape};
use super::{seconds, Scheduler, SchedulerEvent};
use crate::api::{paging, params::parse, AwsError};
use crate::kernel::timezone::TimeZone;
use crate::kernel::Ctx;
use crate::sim::{Millis, MINUTE};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::rc::Rc;

pub const STATES: [&str; 2] = ["ENABLED", "DISABLED"];
const MODES: [&str; 2] = ["OFF", "FLEXIBLE"];
const AFTER_COMPLETION: [&str; 2] = ["NONE", "DELETE"];

/// CreateSchedule's and UpdateSchedule's members (the same in AWS's model).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ScheduleRequest {
    name: String,
    group_name: Option<String>,
    schedule_expression: String,
    schedule_expression_timezone: Option<String>,
    flexible_time_window: FlexibleTimeWindow,
    target: TargetShape,
    start_date: Option<Value>,
    end_date: Option<Value>,
    state: Option<String>,
    description: Option<String>,
    action_after_completion: Option<String>,
    kms_key_arn: Option<String>,
    client_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct FlexibleTimeWindow {
    mode: String,
    maximum_window_in_minutes: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct NameRequest {
    name: String,
    group_name: Option<String>,
    client_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ListRequest {
    group_name: Option<String>,
    name_prefix: Option<String>,
    state: Option<String>,
    max_results: Option<i64>,
    next_token: Option<String>,
}

/// 9999-12-31T23:59:59Z.
const LAST_DATE: Millis = 253_402_300_799_000;

/// A timestamp member: epoch seconds (how the SDKs send it) or ISO 8601 text.
fn timestamp(value: &Value, member: &str) -> Result<Millis, AwsError> {
    let ms = match value {
        Value::Number(n) => n
            .as_f64()
            .filter(|s| *s >= 0.0 && s.is_finite())
            .map(|s| (s * 1000.0) as Millis),
        Value::String(s) => crate::sim::time::parse_iso(s),
        _ => None,
    }
    // Past the year 9999 is no date an SDK sends.
    .filter(|ms| *ms <= LAST_DATE);
    ms.ok_or_else(|| {
        AwsError::param_validation(format!(
            "Parameter validation failed:\nInvalid type for parameter {member}, value: {value}, valid types: datetime, timestamp"
        ))
    })
}

/// A schedule as a request describes it, checked: everything but its place and its timer.
struct Reading {
    name: String,
    group: Option<String>,
    expression_text: String,
    expression: Expression,
    timezone: TimeZone,
    start: Option<Millis>,
    end: Option<Millis>,
    enabled: bool,
    window_minutes: Option<u32>,
    delete_after_completion: bool,
    description: Option<String>,
    kms_key_arn: Option<String>,
    target: super::model::Target,
}

fn read(ctx: &Ctx, input: &Value) -> Result<Reading, AwsError> {
    let r: ScheduleRequest = parse(input)?;
    let shape = r.target;
    let mut checks = errors::checks();
    checks.string(Some(&r.name), "name", (1, 64), Some(NAME_PATTERN));
    checks.string(
        r.group_name.as_deref(),
        "groupName",
        (1, 64),
        Some(NAME_PATTERN),
    );
    checks.string(
        Some(&r.schedule_expression),
        "scheduleExpression",
        (1, 256),
        None,
    );
    checks.string(
        r.schedule_expression_timezone.as_deref(),
        "scheduleExpressionTimezone",
        (1, 50),
        None,
    );
    checks.string(r.description.as_deref(), "description", (0, 512), None);
    checks.string(
        r.kms_key_arn.as_deref(),
        "kmsKeyArn",
        (1, 2048),
        Some(KMS_KEY_PATTERN),
    );
    checks.string(
        r.client_token.as_deref(),
        "clientToken",
        (1, 64),
        Some(CLIENT_TOKEN_PATTERN),
    );
    checks.one_of(r.state.as_deref(), "state", &STATES);
    checks.one_of(
        r.action_after_completion.as_deref(),
        "actionAfterCompletion",
        &AFTER_COMPLETION,
    );
    checks.one_of(
        Some(&r.flexible_time_window.mode),
        "flexibleTimeWindow.mode",
        &MODES,
    );
    checks.range(
        r.flexible_time_window.maximum_window_in_minutes,
        "flexibleTimeWindow.maximumWindowInMinutes",
        1,
        1440,
    );
    targets::check(&shape, &mut checks);
    checks.done()?;
    let expression = Expression::parse(&r.schedule_expression)
        .ok_or_else(|| errors::invalid_expression(&r.schedule_expression))?;
    let timezone = match r.schedule_expression_timezone.as_deref() {
        None => TimeZone::utc(),
        Some(zone) => TimeZone::find(zone).ok_or_else(|| {
            errors::validation(format!("Invalid ScheduleExpressionTimezone {zone}."))
        })?,
    };
    let window_minutes = match (
        r.flexible_time_window.mode.as_str(),
        r.flexible_time_window.maximum_window_in_minutes,
    ) {
        ("FLEXIBLE", Some(n)) => Some(n as u32),
        ("FLEXIBLE", None) => {
            return Err(errors::validation(
                "MaximumWindowInMinutes must be provided when Mode is FLEXIBLE.",
            ))
        }
        _ => None,
    };
    let start = r
        .start_date
        .as_ref()
        .map(|v| timestamp(v, "StartDate"))
        .transpose()?;
    let end = r
        .end_date
        .as_ref()
        .map(|v| timestamp(v, "EndDate"))
        .transpose()?;
    if start.is_some_and(|s| s + 5 * MINUTE < ctx.now) {
        return Err(errors::validation(
            "The StartDate you specify cannot be earlier than 5 minutes ago.",
        ));
    }
    if let (Some(s), Some(e)) = (start, end) {
        if e <= s {
            return Err(errors::validation(
                "The EndDate you specify must be after the StartDate.",
            ));
        }
    }
    let target = targets::read(shape, input.get("Target").unwrap_or(&Value::Null))?;
    Ok(Reading {
        name: r.name,
        group: r.group_name,
        expression_text: r.schedule_expression,
        expression,
        timezone,
        start,
        end,
        enabled: r.state.as_deref() != Some("DISABLED"),
        window_minutes,
        delete_after_completion: r.action_after_completion.as_deref() == Some("DELETE"),
        description: r.description,
        kms_key_arn: r.kms_key_arn,
        target,
    })
}

impl Schedule {
    /// GetSchedule's answer, in AWS's (alphabetical) member order.
    pub fn describe(&self) -> Value {
        let mut out = Map::new();
        out.insert(
            "ActionAfterCompletion".into(),
            json!(if self.delete_after_completion {
                "DELETE"
            } else {
                "NONE"
            }),
        );
        out.insert("Arn".into(), json!(self.arn));
        out.insert("CreationDate".into(), seconds(self.created));
        if let Some(d) = &self.description {
            out.insert("Description".into(), json!(d));
        }
        if let Some(e) = self.end {
            out.insert("EndDate".into(), seconds(e));
        }
        out.insert(
            "FlexibleTimeWindow".into(),
            match self.window_minutes {
                Some(n) => json!({"MaximumWindowInMinutes": n, "Mode": "FLEXIBLE"}),
                None => json!({"Mode": "OFF"}),
            },
        );
        out.insert("GroupName".into(), json!(self.group));
        if let Some(k) = &self.kms_key_arn {
            out.insert("KmsKeyArn".into(), json!(k));
        }
        out.insert("LastModificationDate".into(), seconds(self.modified));
        out.insert("Name".into(), json!(self.name));
        out.insert("ScheduleExpression".into(), json!(self.expression_text));
        out.insert(
            "ScheduleExpressionTimezone".into(),
            json!(self.timezone.name),
        );
        if let Some(s) = self.start {
            out.insert("StartDate".into(), seconds(s));
        }
        out.insert("State".into(), json!(self.state()));
        out.insert("Target".into(), self.target.echo.clone());
        Value::Object(out)
    }

    /// ListSchedules' entry for it.
    fn summary(&self) -> Value {
        json!({
            "Arn": self.arn,
            "CreationDate": seconds(self.created),
            "GroupName": self.group,
            "LastModificationDate": seconds(self.modified),
            "Name": self.name,
            "State": self.state(),
            "Target": {"Arn": self.target.arn},
        })
    }
}

impl Scheduler {
    pub(super) fn create_schedule(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let reading = read(ctx, input)?;
        let group = self.group_name(ctx, reading.group.as_deref())?;
        let name: Rc<str> = reading.name.as_str().into();
        if self.schedules.contains_key(&(group.clone(), name.clone())) {
            return Err(errors::schedule_exists(&name));
        }
        let arn: Rc<str> = ctx
            .identity
            .arn("scheduler", &format!("schedule/{group}/{name}"))
            .into();
        let schedule = Schedule {
            name: name.clone(),
            group: group.clone(),
            arn: arn.clone(),
            description: reading.description,
            expression_text: reading.expression_text,
            expression: reading.expression,
            timezone: reading.timezone,
            start: reading.start,
            end: reading.end,
            enabled: reading.enabled,
            window_minutes: reading.window_minutes,
            delete_after_completion: reading.delete_after_completion,
            kms_key_arn: reading.kms_key_arn,
            target: reading.target,
            created: ctx.now,
            modified: ctx.now,
            anchor: ctx.now,
            generation: self.next_generation(),
            timer: None,
            next: None,
        };
        self.schedules
            .insert((group.clone(), name.clone()), schedule);
        let next = self.arm(ctx, &group, &name, ctx.now.saturating_sub(1));
        ctx.emit(SchedulerEvent::ScheduleCreated {
            group,
            schedule: name,
            next,
        });
        Ok(json!({ "ScheduleArn": arn }))
    }

    pub(super) fn update_schedule(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let reading = read(ctx, input)?;
        let group = self.group_name(ctx, reading.group.as_deref())?;
        let name: Rc<str> = reading.name.as_str().into();
        let generation = self.next_generation();
        let Some(schedule) = self.schedules.get_mut(&(group.clone(), name.clone())) else {
            return Err(errors::schedule_not_found(&name));
        };
        if let Some(timer) = schedule.timer.take() {
            ctx.timers.cancel(timer);
        }
        schedule.description = reading.description;
        schedule.expression_text = reading.expression_text;
        schedule.expression = reading.expression;
        schedule.timezone = reading.timezone;
        schedule.start = reading.start;
        schedule.end = reading.end;
        schedule.enabled = reading.enabled;
        schedule.window_minutes = reading.window_minutes;
        schedule.delete_after_completion = reading.delete_after_completion;
        schedule.kms_key_arn = reading.kms_key_arn;
        schedule.target = reading.target;
        schedule.modified = ctx.now;
        schedule.anchor = ctx.now;
        schedule.generation = generation;
        let arn = schedule.arn.clone();
        let next = self.arm(ctx, &group, &name, ctx.now.saturating_sub(1));
        ctx.emit(SchedulerEvent::ScheduleUpdated {
            group,
            schedule: name,
            next,
        });
        Ok(json!({ "ScheduleArn": arn }))
    }

    fn name_request(&mut self, ctx: &Ctx, input: &Value) -> Result<(Rc<str>, String), AwsError> {
        let r: NameRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(Some(&r.name), "name", (1, 64), Some(NAME_PATTERN));
        checks.string(
            r.group_name.as_deref(),
            "groupName",
            (1, 64),
            Some(NAME_PATTERN),
        );
        checks.string(
            r.client_token.as_deref(),
            "clientToken",
            (1, 64),
            Some(CLIENT_TOKEN_PATTERN),
        );
        checks.done()?;
        // A schedule named in a group that does not exist does not exist either.
        match self.group_name(ctx, r.group_name.as_deref()) {
            Ok(group) => Ok((group, r.name)),
            Err(_) => Err(errors::schedule_not_found(&r.name)),
        }
    }

    pub(super) fn get_schedule(&mut self, ctx: &mut Ctx, input: &Value) -> Result<Value, AwsError> {
        let (group, name) = self.name_request(ctx, input)?;
        self.schedules
            .get(&(group, name.as_str().into()))
            .map(Schedule::describe)
            .ok_or_else(|| errors::schedule_not_found(&name))
    }

    pub(super) fn delete_schedule(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let (group, name) = self.name_request(ctx, input)?;
        let name: Rc<str> = name.as_str().into();
        if !self.schedules.contains_key(&(group.clone(), name.clone())) {
            return Err(errors::schedule_not_found(&name));
        }
        self.remove_schedule(ctx, &group, &name, "DeleteSchedule");
        Ok(json!({}))
    }

    /// Removes a schedule and its timer (its invocations already under way go on).
    pub(super) fn remove_schedule(
        &mut self,
        ctx: &mut Ctx,
        group: &Rc<str>,
        name: &Rc<str>,
        reason: &str,
    ) {
        if let Some(mut schedule) = self.schedules.remove(&(group.clone(), name.clone())) {
            if let Some(timer) = schedule.timer.take() {
                ctx.timers.cancel(timer);
            }
            ctx.emit(SchedulerEvent::ScheduleDeleted {
                group: group.clone(),
                schedule: name.clone(),
                reason: reason.into(),
            });
        }
    }

    pub(super) fn list_schedules(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: ListRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(
            r.group_name.as_deref(),
            "groupName",
            (1, 64),
            Some(NAME_PATTERN),
        );
        checks.string(
            r.name_prefix.as_deref(),
            "namePrefix",
            (1, 64),
            Some(NAME_PATTERN),
        );
        checks.one_of(r.state.as_deref(), "state", &STATES);
        checks.range(r.max_results, "maxResults", 1, 100);
        checks.string(r.next_token.as_deref(), "nextToken", (1, 2048), None);
        checks.done()?;
        let group = match r.group_name.as_deref() {
            Some(g) => Some(self.group_name(ctx, Some(g))?),
            None => None,
        };
        let items = self
            .schedules
            .values()
            .filter(|s| group.as_ref().is_none_or(|g| *g == s.group))
            .filter(|s| {
                r.name_prefix
                    .as_deref()
                    .is_none_or(|p| s.name.starts_with(p))
            })
            .filter(|s| r.state.as_deref().is_none_or(|st| st == s.state()))
            .map(Schedule::summary)
            .collect();
        Ok(paging::by_index(
            "Schedules",
            "NextToken",
            items,
            r.next_token.as_deref(),
            r.max_results.unwrap_or(100) as usize,
        ))
    }
}
