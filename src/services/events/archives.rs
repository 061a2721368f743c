//! Archives and replays: CreateArchive keeps every event put on its bus
//! (that its optional pattern matches) for its retention; StartReplay puts
//! the archived events of a time range back on the bus, each with the
//! `replay-name` field AWS adds, to all rules or only those its FilterArns
//! name; DescribeReplay follows it from STARTING through RUNNING to
//! COMPLETED (or CANCELLED).

use super::buses::seconds;
use super::errors::{self, NAME_PATTERN};
use super::model::EventsTimer;
use super::put_events::Origin;
use super::rules::compile_pattern;
use super::{Events, EventsEvent};
use crate::api::{params::parse, AwsError};
use crate::kernel::{Ctx, Timer};
use crate::pattern::Pattern;
use crate::sim::{Millis, TimerClass, DAY, SECOND};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::rc::Rc;

#[derive(Debug)]
pub struct Archive {
    pub name: Rc<str>,
    pub arn: Rc<str>,
    pub source_arn: Rc<str>,
    pub description: Option<String>,
    pub event_pattern: Option<String>,
    pub pattern: Option<Pattern>,
    pub retention_days: u32,
    pub created: Millis,
    /// The archived events with when they were put on the bus.
    pub events: Vec<(Millis, Value)>,
    pub size_bytes: u64,
}

#[derive(Debug)]
pub struct Replay {
    pub name: Rc<str>,
    pub arn: Rc<str>,
    pub archive_arn: Rc<str>,
    pub description: Option<String>,
    pub destination: Value,
    pub filter_arns: Vec<String>,
    pub state: &'static str,
    pub state_reason: Option<String>,
    pub event_start: Millis,
    pub event_end: Millis,
    pub started: Millis,
    pub ended: Option<Millis>,
    pub last_replayed: Option<Millis>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct CreateArchiveRequest {
    archive_name: String,
    event_source_arn: String,
    description: Option<String>,
    event_pattern: Option<String>,
    retention_days: Option<i64>,
    kms_key_identifier: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct UpdateArchiveRequest {
    archive_name: String,
    description: Option<String>,
    event_pattern: Option<String>,
    retention_days: Option<i64>,
    kms_key_identifier: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ArchiveNameRequest {
    archive_name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ListArchivesRequest {
    name_prefix: Option<String>,
    event_source_arn: Option<String>,
    state: Option<String>,
    next_token: Option<String>,
    limit: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct StartReplayRequest {
    replay_name: String,
    description: Option<String>,
    event_source_arn: String,
    event_start_time: Value,
    event_end_time: Value,
    destination: Destination,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct Destination {
    arn: String,
    filter_arns: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ReplayNameRequest {
    replay_name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ListReplaysRequest {
    name_prefix: Option<String>,
    state: Option<String>,
    event_source_arn: Option<String>,
    next_token: Option<String>,
    limit: Option<i64>,
}

fn timestamp(value: &Value, member: &str) -> Result<Millis, AwsError> {
    let ms = match value {
        Value::Number(n) => n.as_f64().map(|s| (s * 1000.0) as Millis),
        Value::String(s) => crate::sim::time::parse_iso(s),
        _ => None,
    };
    ms.ok_or_else(|| errors::validation(format!("Parameter {member} is not valid.")))
}

fn archive_not_found(name: &str) -> AwsError {
    errors::not_found(format!("Archive {name} does not exist."))
}

fn replay_not_found(name: &str) -> AwsError {
    errors::not_found(format!("Replay {name} does not exist."))
}

impl Archive {
    fn summary(&self) -> Value {
        let mut out = Map::new();
        out.insert("ArchiveName".into(), json!(self.name));
        out.insert("EventSourceArn".into(), json!(self.source_arn));
        out.insert("State".into(), json!("ENABLED"));
        out.insert("RetentionDays".into(), json!(self.retention_days));
        out.insert("SizeBytes".into(), json!(self.size_bytes));
        out.insert("EventCount".into(), json!(self.events.len()));
        out.insert("CreationTime".into(), seconds(self.created));
        Value::Object(out)
    }

    fn describe(&self) -> Value {
        let mut out = Map::new();
        out.insert("ArchiveArn".into(), json!(self.arn));
        out.insert("ArchiveName".into(), json!(self.name));
        out.insert("EventSourceArn".into(), json!(self.source_arn));
        if let Some(d) = &self.description {
            out.insert("Description".into(), json!(d));
        }
        if let Some(p) = &self.event_pattern {
            out.insert("EventPattern".into(), json!(p));
        }
        out.insert("State".into(), json!("ENABLED"));
        out.insert("RetentionDays".into(), json!(self.retention_days));
        out.insert("SizeBytes".into(), json!(self.size_bytes));
        out.insert("EventCount".into(), json!(self.events.len()));
        out.insert("CreationTime".into(), seconds(self.created));
        Value::Object(out)
    }
}

impl Replay {
    fn summary(&self, full: bool) -> Value {
        let mut out = Map::new();
        out.insert("ReplayName".into(), json!(self.name));
        if full {
            out.insert("ReplayArn".into(), json!(self.arn));
            if let Some(d) = &self.description {
                out.insert("Description".into(), json!(d));
            }
        }
        out.insert("EventSourceArn".into(), json!(self.archive_arn));
        if full {
            out.insert("Destination".into(), self.destination.clone());
        }
        out.insert("State".into(), json!(self.state));
        if let Some(r) = &self.state_reason {
            out.insert("StateReason".into(), json!(r));
        }
        out.insert("EventStartTime".into(), seconds(self.event_start));
        out.insert("EventEndTime".into(), seconds(self.event_end));
        if let Some(t) = self.last_replayed {
            out.insert("EventLastReplayedTime".into(), seconds(t));
        }
        out.insert("ReplayStartTime".into(), seconds(self.started));
        if let Some(t) = self.ended {
            out.insert("ReplayEndTime".into(), seconds(t));
        }
        Value::Object(out)
    }
}

impl Events {
    /// Keeps an event put on a bus in each archive of that bus whose pattern matches it.
    pub(super) fn archive_event(&mut self, ctx: &mut Ctx, bus_arn: &str, event: &Value) {
        for archive in self.archives.values_mut() {
            if *archive.source_arn != *bus_arn
                || archive.pattern.as_ref().is_some_and(|p| !p.matches(event))
            {
                continue;
            }
            if archive.retention_days > 0 {
                let keep_from = ctx
                    .now
                    .saturating_sub(archive.retention_days as Millis * DAY);
                archive.events.retain(|(t, _)| *t >= keep_from);
            }
            archive.size_bytes += event.to_string().len() as u64;
            archive.events.push((ctx.now, event.clone()));
            ctx.emit(EventsEvent::EventArchived {
                archive: archive.name.clone(),
                event_id: event
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .into(),
            });
        }
    }

    pub(super) fn create_archive(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: CreateArchiveRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(
            Some(&r.archive_name),
            "archiveName",
            (1, 48),
            Some(NAME_PATTERN),
        );
        checks.string(Some(&r.event_source_arn), "eventSourceArn", (1, 1600), None);
        checks.string(r.description.as_deref(), "description", (0, 512), None);
        checks.string(r.event_pattern.as_deref(), "eventPattern", (0, 4096), None);
        checks.range(r.retention_days, "retentionDays", 0, i64::MAX);
        checks.done()?;
        if r.kms_key_identifier.is_some() {
            return Err(errors::validation(
                "KmsKeyIdentifier is not simulated by Stratus yet.",
            ));
        }
        if self.archives.contains_key(r.archive_name.as_str()) {
            return Err(errors::already_exists(format!(
                "Archive {} already exists.",
                r.archive_name
            )));
        }
        let bus = super::bus_name(Some(&r.event_source_arn)).to_string();
        let source_arn = self.bus_mut(ctx, Some(&bus))?.arn.clone();
        if *source_arn != *r.event_source_arn {
            return Err(errors::bus_not_found(&bus));
        }
        let pattern = r
            .event_pattern
            .as_deref()
            .map(compile_pattern)
            .transpose()?;
        let arn: Rc<str> = ctx
            .identity
            .arn("events", &format!("archive/{}", r.archive_name))
            .into();
        self.archives.insert(
            r.archive_name.as_str().into(),
            Archive {
                name: r.archive_name.as_str().into(),
                arn: arn.clone(),
                source_arn,
                description: r.description,
                event_pattern: r.event_pattern,
                pattern,
                retention_days: r.retention_days.unwrap_or(0) as u32,
                created: ctx.now,
                events: Vec::new(),
                size_bytes: 0,
            },
        );
        Ok(json!({"ArchiveArn": arn, "State": "ENABLED", "CreationTime": seconds(ctx.now)}))
    }

    pub(super) fn describe_archive(&mut self, input: &Value) -> Result<Value, AwsError> {
        let r: ArchiveNameRequest = parse(input)?;
        self.archives
            .get(r.archive_name.as_str())
            .map(Archive::describe)
            .ok_or_else(|| archive_not_found(&r.archive_name))
    }

    pub(super) fn list_archives(&mut self, input: &Value) -> Result<Value, AwsError> {
        let r: ListArchivesRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.range(r.limit, "limit", 1, 100);
        checks.done()?;
        let items = self
            .archives
            .values()
            .filter(|a| {
                r.name_prefix
                    .as_deref()
                    .is_none_or(|p| a.name.starts_with(p))
            })
            .filter(|a| {
                r.event_source_arn
                    .as_deref()
                    .is_none_or(|s| *a.source_arn == *s)
            })
            .filter(|_| r.state.as_deref().is_none_or(|s| s == "ENABLED"))
            .map(Archive::summary)
            .collect();
        let max = r.limit.unwrap_or(100) as usize;
        Ok(crate::api::paging::by_index(
            "Archives",
            "NextToken",
            items,
            r.next_token.as_deref(),
            max,
        ))
    }

    pub(super) fn update_archive(&mut self, input: &Value) -> Result<Value, AwsError> {
        let r: UpdateArchiveRequest = parse(input)?;
        if r.kms_key_identifier.is_some() {
            return Err(errors::validation(
                "KmsKeyIdentifier is not simulated by Stratus yet.",
            ));
        }
        let pattern = r
            .event_pattern
            .as_deref()
            .map(compile_pattern)
            .transpose()?;
        let archive = self
            .archives
            .get_mut(r.archive_name.as_str())
            .ok_or_else(|| archive_not_found(&r.archive_name))?;
        if let Some(d) = r.description {
            archive.description = Some(d);
        }
        if r.event_pattern.is_some() {
            archive.event_pattern = r.event_pattern;
            archive.pattern = pattern;
        }
        if let Some(days) = r.retention_days {
            archive.retention_days = days.max(0) as u32;
        }
        Ok(
            json!({"ArchiveArn": archive.arn, "State": "ENABLED", "CreationTime": seconds(archive.created)}),
        )
    }

    pub(super) fn delete_archive(&mut self, input: &Value) -> Result<Value, AwsError> {
        let r: ArchiveNameRequest = parse(input)?;
        self.archives
            .remove(r.archive_name.as_str())
            .ok_or_else(|| archive_not_found(&r.archive_name))?;
        Ok(json!({}))
    }

    pub(super) fn start_replay(&mut self, ctx: &mut Ctx, input: &Value) -> Result<Value, AwsError> {
        let r: StartReplayRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(
            Some(&r.replay_name),
            "replayName",
            (1, 64),
            Some(NAME_PATTERN),
        );
        checks.string(r.description.as_deref(), "description", (0, 512), None);
        checks.done()?;
        if self.replays.contains_key(r.replay_name.as_str()) {
            return Err(errors::already_exists(format!(
                "Replay {} already exists.",
                r.replay_name
            )));
        }
        let start = timestamp(&r.event_start_time, "EventStartTime")?;
        let end = timestamp(&r.event_end_time, "EventEndTime")?;
        let archive = self
            .archives
            .values()
            .find(|a| *a.arn == *r.event_source_arn)
            .ok_or_else(|| {
                let name = r.event_source_arn.rsplit('/').next().unwrap_or_default();
                errors::validation(format!(
                    "Parameter EventSourceArn is not valid. Reason: Archive {name} does not exist."
                ))
            })?;
        if start >= end {
            return Err(errors::validation(
                "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime.",
            ));
        }
        if end > ctx.now {
            return Err(errors::validation(
                "Parameter EventEndTime is not valid. Reason: EventEndTime cannot be in the future.",
            ));
        }
        if *archive.source_arn != *r.destination.arn {
            return Err(errors::validation(
                "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.",
            ));
        }
        let arn: Rc<str> = ctx
            .identity
            .arn("events", &format!("replay/{}", r.replay_name))
            .into();
        let mut destination = Map::new();
        destination.insert("Arn".into(), json!(r.destination.arn));
        if let Some(f) = &r.destination.filter_arns {
            destination.insert("FilterArns".into(), json!(f));
        }
        let name: Rc<str> = r.replay_name.as_str().into();
        self.replays.insert(
            name.clone(),
            Replay {
                name: name.clone(),
                arn: arn.clone(),
                archive_arn: archive.arn.clone(),
                description: r.description,
                destination: Value::Object(destination),
                filter_arns: r.destination.filter_arns.unwrap_or_default(),
                state: "STARTING",
                state_reason: None,
                event_start: start,
                event_end: end,
                started: ctx.now,
                ended: None,
                last_replayed: None,
            },
        );
        ctx.schedule(
            ctx.now + SECOND,
            TimerClass::Pending,
            Timer::Events(EventsTimer::Replay { replay: name }),
        );
        Ok(json!({"ReplayArn": arn, "State": "STARTING", "ReplayStartTime": seconds(ctx.now)}))
    }

    /// The replay's timer: its events go back on the bus, in the order they were archived.
    pub(super) fn run_replay(&mut self, ctx: &mut Ctx, name: &Rc<str>) {
        let Some(replay) = self.replays.get(name) else {
            return;
        };
        if replay.state != "STARTING" {
            if replay.state == "CANCELLING" {
                if let Some(r) = self.replays.get_mut(name) {
                    r.state = "CANCELLED";
                    r.ended = Some(ctx.now);
                }
            }
            return;
        }
        let (start, end) = (replay.event_start, replay.event_end);
        let filter = replay.filter_arns.clone();
        let Some(archive) = self.archives.values().find(|a| a.arn == replay.archive_arn) else {
            return;
        };
        let bus = super::bus_name(Some(&archive.source_arn)).to_string();
        let archive_name = archive.name.clone();
        let events: Vec<(Millis, Value)> = archive
            .events
            .iter()
            .filter(|(t, _)| *t >= start && *t < end)
            .cloned()
            .collect();
        ctx.emit(EventsEvent::ReplayStarted {
            replay: name.clone(),
            archive: archive_name,
            events: events.len() as u32,
        });
        let bus: Rc<str> = bus.into();
        let mut last = None;
        for (t, event) in events {
            self.publish(
                ctx,
                &bus,
                event,
                Origin {
                    replay: Some((name, &filter)),
                },
            );
            last = Some(t);
        }
        if let Some(replay) = self.replays.get_mut(name) {
            replay.state = "COMPLETED";
            replay.ended = Some(ctx.now);
            replay.last_replayed = last;
        }
        ctx.emit(EventsEvent::ReplayCompleted {
            replay: name.clone(),
        });
    }

    pub(super) fn describe_replay(&mut self, input: &Value) -> Result<Value, AwsError> {
        let r: ReplayNameRequest = parse(input)?;
        self.replays
            .get(r.replay_name.as_str())
            .map(|replay| replay.summary(true))
            .ok_or_else(|| replay_not_found(&r.replay_name))
    }

    pub(super) fn list_replays(&mut self, input: &Value) -> Result<Value, AwsError> {
        let r: ListReplaysRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.range(r.limit, "limit", 1, 100);
        checks.done()?;
        let items = self
            .replays
            .values()
            .filter(|x| {
                r.name_prefix
                    .as_deref()
                    .is_none_or(|p| x.name.starts_with(p))
            })
            .filter(|x| r.state.as_deref().is_none_or(|s| x.state == s))
            .filter(|x| {
                r.event_source_arn
                    .as_deref()
                    .is_none_or(|s| *x.archive_arn == *s)
            })
            .map(|x| x.summary(false))
            .collect();
        let max = r.limit.unwrap_or(100) as usize;
        Ok(crate::api::paging::by_index(
            "Replays",
            "NextToken",
            items,
            r.next_token.as_deref(),
            max,
        ))
    }

    pub(super) fn cancel_replay(
        &mut self,
        _ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: ReplayNameRequest = parse(input)?;
        let replay = self
            .replays
            .get_mut(r.replay_name.as_str())
            .ok_or_else(|| replay_not_found(&r.replay_name))?;
        if !matches!(replay.state, "STARTING" | "RUNNING") {
            return Err(errors::illegal_status(format!(
                "Replay {} is not in a state that can be cancelled.",
                r.replay_name
            )));
        }
        replay.state = "CANCELLING";
        Ok(json!({"ReplayArn": replay.arn, "State": "CANCELLING"}))
    }
}
