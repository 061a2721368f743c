//! Rules: PutRule (an event pattern, compiled into its bus's matcher, or a
//! schedule, which only the default bus takes), DescribeRule, ListRules,
//! DeleteRule (refused while targets remain), EnableRule and DisableRule,
//! ListRuleNamesByTarget; and the scheduled rules' timers.

use super::buses::Tag;
use super::errors::{self, Checks, BUS_NAME_OR_ARN_PATTERN, NAME_PATTERN};
use super::model::{Bus, EventsTimer, Rule, DEFAULT_BUS};
use super::{bus_name, Events, EventsEvent};
use crate::api::{paging, params::parse, AwsError};
use crate::kernel::schedule::Schedule;
use crate::kernel::{Ctx, Timer};
use crate::pattern::{Dialect, Pattern};
use crate::sim::TimerClass;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::rc::Rc;

pub const STATES: [&str; 3] = [
    "ENABLED",
    "DISABLED",
    "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct PutRuleRequest {
    name: String,
    schedule_expression: Option<String>,
    event_pattern: Option<String>,
    state: Option<String>,
    description: Option<String>,
    role_arn: Option<String>,
    tags: Option<Vec<Tag>>,
    event_bus_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct RuleRequest {
    name: String,
    event_bus_name: Option<String>,
    force: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ListRulesRequest {
    name_prefix: Option<String>,
    event_bus_name: Option<String>,
    next_token: Option<String>,
    limit: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ByTargetRequest {
    target_arn: String,
    event_bus_name: Option<String>,
    next_token: Option<String>,
    limit: Option<i64>,
}

/// The pattern of a rule or an archive, compiled, or AWS's error for it.
pub fn compile_pattern(text: &str) -> Result<Pattern, AwsError> {
    Pattern::parse(text, Dialect::EventBridge).map_err(errors::invalid_pattern)
}

fn check_rule_name(checks: &mut Checks, name: &str, bus: Option<&str>) {
    checks.string(Some(name), "name", (1, 64), Some(NAME_PATTERN));
    checks.string(
        bus,
        "eventBusName",
        (1, 1600),
        Some(BUS_NAME_OR_ARN_PATTERN),
    );
}

impl Rule {
    /// DescribeRule's answer, in AWS's member order.
    pub fn describe(&self, bus: &str, account: &str) -> Value {
        let mut out = Map::new();
        out.insert("Name".into(), json!(self.name));
        out.insert("Arn".into(), json!(self.arn));
        if let Some(p) = &self.event_pattern {
            out.insert("EventPattern".into(), json!(p));
        }
        if let Some(s) = &self.schedule_expression {
            out.insert("ScheduleExpression".into(), json!(s));
        }
        out.insert("State".into(), json!(self.state));
        if let Some(d) = &self.description {
            out.insert("Description".into(), json!(d));
        }
        if let Some(r) = &self.role_arn {
            out.insert("RoleArn".into(), json!(r));
        }
        if let Some(m) = &self.managed_by {
            out.insert("ManagedBy".into(), json!(m));
        }
        out.insert("EventBusName".into(), json!(bus));
        out.insert("CreatedBy".into(), json!(account));
        Value::Object(out)
    }

    /// ListRules' entry for it.
    fn summary(&self, bus: &str) -> Value {
        let mut out = Map::new();
        out.insert("Name".into(), json!(self.name));
        out.insert("Arn".into(), json!(self.arn));
        if let Some(p) = &self.event_pattern {
            out.insert("EventPattern".into(), json!(p));
        }
        out.insert("State".into(), json!(self.state));
        if let Some(d) = &self.description {
            out.insert("Description".into(), json!(d));
        }
        if let Some(s) = &self.schedule_expression {
            out.insert("ScheduleExpression".into(), json!(s));
        }
        if let Some(r) = &self.role_arn {
            out.insert("RoleArn".into(), json!(r));
        }
        if let Some(m) = &self.managed_by {
            out.insert("ManagedBy".into(), json!(m));
        }
        out.insert("EventBusName".into(), json!(bus));
        Value::Object(out)
    }
}

impl Bus {
    pub fn rule(&self, name: &str) -> Result<&Rule, AwsError> {
        self.rules
            .get(name)
            .ok_or_else(|| errors::rule_not_found(name, &self.name))
    }

    pub fn rule_mut(&mut self, name: &str) -> Result<&mut Rule, AwsError> {
        let bus = self.name.clone();
        self.rules
            .get_mut(name)
            .ok_or_else(|| errors::rule_not_found(name, &bus))
    }
}

impl Events {
    pub(super) fn put_rule(&mut self, ctx: &mut Ctx, input: &Value) -> Result<Value, AwsError> {
        let r: PutRuleRequest = parse(input)?;
        let mut checks = errors::checks();
        check_rule_name(&mut checks, &r.name, r.event_bus_name.as_deref());
        checks.string(
            r.schedule_expression.as_deref(),
            "scheduleExpression",
            (0, 256),
            None,
        );
        checks.string(r.event_pattern.as_deref(), "eventPattern", (0, 4096), None);
        checks.one_of(r.state.as_deref(), "state", &STATES);
        checks.string(r.description.as_deref(), "description", (0, 512), None);
        checks.string(r.role_arn.as_deref(), "roleArn", (1, 1600), None);
        checks.done()?;
        let schedule_text = r.schedule_expression.filter(|s| !s.is_empty());
        let pattern_text = r.event_pattern.filter(|s| !s.is_empty());
        if schedule_text.is_none() && pattern_text.is_none() {
            return Err(errors::validation(
                "Parameter(s) EventPattern or ScheduleExpression must be specified.",
            ));
        }
        let bus_label = bus_name(r.event_bus_name.as_deref()).to_string();
        if schedule_text.is_some() && bus_label != DEFAULT_BUS {
            return Err(errors::validation(
                "ScheduleExpression is supported only on the default event bus.",
            ));
        }
        let pattern = pattern_text.as_deref().map(compile_pattern).transpose()?;
        let schedule = schedule_text
            .as_deref()
            .map(|s| Schedule::parse(s).map_err(errors::validation))
            .transpose()?;
        let generation = self.next_generation();
        let (now, identity) = (ctx.now, ctx.identity);
        let account = identity.account.clone();
        let bus = self.bus_mut(ctx, r.event_bus_name.as_deref())?;
        let arn: Rc<str> = if *bus.name == *DEFAULT_BUS {
            identity.arn("events", &format!("rule/{}", r.name))
        } else {
            identity.arn("events", &format!("rule/{}/{}", bus.name, r.name))
        }
        .into();
        let existing = bus.rules.remove(r.name.as_str());
        if let Some(old) = &existing {
            if old.managed_by.is_some() {
                let name = old.name.clone();
                if let Some(old) = existing {
                    bus.rules.insert(name, old);
                }
                return Err(errors::managed_rule(format!(
                    "Cannot modify managed rule {}.",
                    r.name
                )));
            }
            if let Some(timer) = old.schedule_timer {
                ctx.timers.cancel(timer);
            }
        }
        let created = existing.is_none();
        let name: Rc<str> = r.name.as_str().into();
        let rule = Rule {
            name: name.clone(),
            arn: arn.clone(),
            event_pattern: pattern_text,
            pattern,
            schedule_expression: schedule_text,
            schedule,
            scheduled_at: now,
            generation,
            schedule_timer: None,
            state: r.state.unwrap_or_else(|| "ENABLED".into()),
            description: r.description,
            role_arn: r.role_arn,
            managed_by: None,
            created_by: account,
            targets: existing.map(|old| old.targets).unwrap_or_default(),
        };
        bus.matcher.remove(&name);
        if let Some(p) = &rule.pattern {
            bus.matcher.add(name.clone(), p);
        }
        bus.rules.insert(name.clone(), rule);
        let bus_name: Rc<str> = bus.name.clone();
        Self::arm_schedule(bus, ctx, &name);
        if created {
            if let Some(tags) = r.tags {
                self.set_tags(&arn, tags);
            }
            ctx.emit(EventsEvent::RuleCreated {
                bus: bus_name,
                rule: name,
            });
        }
        Ok(json!({ "RuleArn": arn }))
    }

    /// Schedules the next firing of an enabled scheduled rule.
    pub(super) fn arm_schedule(bus: &mut Bus, ctx: &mut Ctx, name: &str) {
        let bus_name = bus.name.clone();
        let Some(rule) = bus.rules.get_mut(name) else {
            return;
        };
        if let Some(timer) = rule.schedule_timer.take() {
            ctx.timers.cancel(timer);
        }
        let (Some(schedule), true) = (&rule.schedule, rule.enabled()) else {
            return;
        };
        if let Some(due) = schedule.next_after(rule.scheduled_at, ctx.now) {
            rule.schedule_timer = Some(ctx.schedule(
                due,
                TimerClass::Background,
                Timer::Events(EventsTimer::Schedule {
                    bus: bus_name,
                    rule: rule.name.clone(),
                    generation: rule.generation,
                }),
            ));
        }
    }

    /// A rule another AWS service runs on a bus (`ManagedBy`), with its targets.
    pub(super) fn managed_rule(
        &mut self,
        ctx: &mut Ctx,
        action: &str,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let name = input
            .get("Name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let bus_arg = input.get("EventBusName").and_then(Value::as_str);
        if action == "DeleteManagedRule" {
            let bus = self.bus_mut(ctx, bus_arg)?;
            if let Some(rule) = bus.rules.remove(name) {
                bus.matcher.remove(&rule.name);
                let bus_name = bus.name.clone();
                ctx.emit(EventsEvent::RuleDeleted {
                    bus: bus_name,
                    rule: rule.name,
                });
            }
            return Ok(json!({}));
        }
        let managed_by = input
            .get("ManagedBy")
            .and_then(Value::as_str)
            .map(str::to_string);
        let mut request = input.clone();
        if let Some(fields) = request.as_object_mut() {
            fields.shift_remove("ManagedBy");
            fields.shift_remove("Targets");
        }
        self.put_rule(ctx, &request)?;
        let targets = input.get("Targets").cloned().unwrap_or(json!([]));
        let bus = self.bus_mut(ctx, bus_arg)?;
        let rule = bus.rule_mut(name)?;
        rule.targets = targets
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
            .map(|(i, t)| super::targets::read_target(t, i))
            .collect::<Result<_, _>>()?;
        rule.managed_by = managed_by;
        Ok(json!({}))
    }

    pub(super) fn describe_rule(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: RuleRequest = parse(input)?;
        let mut checks = errors::checks();
        check_rule_name(&mut checks, &r.name, r.event_bus_name.as_deref());
        checks.done()?;
        let account = ctx.identity.account.clone();
        let bus = self.bus_mut(ctx, r.event_bus_name.as_deref())?;
        Ok(bus.rule(&r.name)?.describe(&bus.name, &account))
    }

    pub(super) fn list_rules(&mut self, ctx: &mut Ctx, input: &Value) -> Result<Value, AwsError> {
        let r: ListRulesRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(
            r.name_prefix.as_deref(),
            "namePrefix",
            (1, 64),
            Some(NAME_PATTERN),
        );
        checks.string(
            r.event_bus_name.as_deref(),
            "eventBusName",
            (1, 1600),
            Some(BUS_NAME_OR_ARN_PATTERN),
        );
        checks.range(r.limit, "limit", 1, 100);
        checks.done()?;
        let bus = self.bus_mut(ctx, r.event_bus_name.as_deref())?;
        let items = bus
            .rules
            .values()
            .filter(|rule| {
                r.name_prefix
                    .as_deref()
                    .is_none_or(|p| rule.name.starts_with(p))
            })
            .map(|rule| rule.summary(&bus.name))
            .collect();
        let max = r.limit.unwrap_or(100) as usize;
        Ok(paging::by_index(
            "Rules",
            "NextToken",
            items,
            r.next_token.as_deref(),
            max,
        ))
    }

    pub(super) fn delete_rule(&mut self, ctx: &mut Ctx, input: &Value) -> Result<Value, AwsError> {
        let r: RuleRequest = parse(input)?;
        let mut checks = errors::checks();
        check_rule_name(&mut checks, &r.name, r.event_bus_name.as_deref());
        checks.done()?;
        let bus = self.bus_mut(ctx, r.event_bus_name.as_deref())?;
        // Deleting a rule that does not exist succeeds, as on AWS.
        let Some(rule) = bus.rules.get(r.name.as_str()) else {
            return Ok(json!({}));
        };
        if rule.managed_by.is_some() && r.force != Some(true) {
            return Err(errors::managed_rule(format!(
                "Cannot delete managed rule {} without Force.",
                r.name
            )));
        }
        if !rule.targets.is_empty() {
            return Err(errors::validation(
                "Rule can't be deleted since it has targets.",
            ));
        }
        if let Some(rule) = bus.rules.remove(r.name.as_str()) {
            if let Some(timer) = rule.schedule_timer {
                ctx.timers.cancel(timer);
            }
            bus.matcher.remove(&rule.name);
            let arn = rule.arn.to_string();
            let bus_name = bus.name.clone();
            self.tags.remove(&arn);
            ctx.emit(EventsEvent::RuleDeleted {
                bus: bus_name,
                rule: rule.name,
            });
        }
        Ok(json!({}))
    }

    pub(super) fn set_rule_state(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
        state: &str,
    ) -> Result<Value, AwsError> {
        let r: RuleRequest = parse(input)?;
        let mut checks = errors::checks();
        check_rule_name(&mut checks, &r.name, r.event_bus_name.as_deref());
        checks.done()?;
        let generation = self.next_generation();
        let now = ctx.now;
        let bus = self.bus_mut(ctx, r.event_bus_name.as_deref())?;
        let rule = bus.rule_mut(&r.name)?;
        if rule.managed_by.is_some() && r.force != Some(true) {
            return Err(errors::managed_rule(format!(
                "Cannot modify managed rule {}.",
                r.name
            )));
        }
        if rule.state != state {
            rule.state = state.to_string();
            rule.generation = generation;
            rule.scheduled_at = now;
        }
        Self::arm_schedule(bus, ctx, &r.name);
        Ok(json!({}))
    }

    pub(super) fn list_rule_names_by_target(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: ByTargetRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(Some(&r.target_arn), "targetArn", (1, 1600), None);
        checks.range(r.limit, "limit", 1, 100);
        checks.done()?;
        let bus = self.bus_mut(ctx, r.event_bus_name.as_deref())?;
        let names = bus
            .rules
            .values()
            .filter(|rule| rule.targets.iter().any(|t| *t.arn == *r.target_arn))
            .map(|rule| json!(rule.name))
            .collect();
        let max = r.limit.unwrap_or(100) as usize;
        Ok(paging::by_index(
            "RuleNames",
            "NextToken",
            names,
            r.next_token.as_deref(),
            max,
        ))
    }
}
