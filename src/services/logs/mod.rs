//! Amazon CloudWatch Logs, the part Lambda's logs need: log groups and
//! streams, PutLogEvents, GetLogEvents, FilterLogEvents (term filter
//! patterns, `pattern.rs`; the page reads it through `Logs::filter`), DescribeLogGroups / DescribeLogStreams, retention settings and
//! deletes. Members are camelCase, as the Logs API spells them. Other
//! services write through `Logs::append` (routed by the world).

mod pattern;
mod service;
#[cfg(test)]
mod tests;

use crate::api::{params::parse, AwsError};
use crate::kernel::Ctx;
use crate::sim::Millis;
pub use pattern::FilterPattern;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

const NS: &str = "com.amazonaws.cloudwatchlogs";
/// The values PutRetentionPolicy accepts, in days.
const RETENTION_DAYS: &[u32] = &[
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
    3288, 3653,
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEvent {
    pub timestamp: Millis,
    pub message: String,
    pub ingestion_time: Millis,
}

#[derive(Clone, Debug, Default)]
pub struct LogStream {
    pub creation_time: Millis,
    pub events: Vec<LogEvent>,
}

#[derive(Clone, Debug, Default)]
pub struct LogGroup {
    pub creation_time: Millis,
    pub retention_in_days: Option<u32>,
    pub streams: BTreeMap<String, LogStream>,
}

#[derive(Debug, Default)]
pub struct Logs {
    groups: BTreeMap<String, LogGroup>,
}

fn not_found(what: &str) -> AwsError {
    AwsError::new(
        NS,
        "ResourceNotFoundException",
        400,
        format!("The specified {what} does not exist."),
    )
}

fn already_exists(what: &str) -> AwsError {
    AwsError::new(
        NS,
        "ResourceAlreadyExistsException",
        400,
        format!("The specified {what} already exists"),
    )
}

fn invalid(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "InvalidParameterException", 400, message)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct GroupRequest {
    log_group_name: String,
    log_stream_name: Option<String>,
    retention_in_days: Option<i64>,
    tags: Option<BTreeMap<String, String>>,
    kms_key_id: Option<String>,
    log_group_class: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct PutLogEventsRequest {
    log_group_name: String,
    log_stream_name: String,
    log_events: Vec<InputEvent>,
    sequence_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct InputEvent {
    timestamp: i64,
    message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct DescribeRequest {
    log_group_name: Option<String>,
    log_group_name_prefix: Option<String>,
    log_stream_name_prefix: Option<String>,
    order_by: Option<String>,
    descending: Option<bool>,
    next_token: Option<String>,
    limit: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct EventsRequest {
    log_group_name: Option<String>,
    log_group_identifier: Option<String>,
    log_stream_name: Option<String>,
    log_stream_names: Option<Vec<String>>,
    log_stream_name_prefix: Option<String>,
    start_time: Option<i64>,
    end_time: Option<i64>,
    filter_pattern: Option<String>,
    next_token: Option<String>,
    limit: Option<i64>,
    start_from_head: Option<bool>,
}

fn limit(value: Option<i64>, default: usize, max: usize) -> Result<usize, AwsError> {
    match value {
        None => Ok(default),
        Some(n) if n >= 1 && n as usize <= max => Ok(n as usize),
        Some(n) => Err(invalid(format!(
            "1 validation error detected: Value '{n}' at 'limit' failed to satisfy constraint: Member must have value between 1 and {max}"
        ))),
    }
}

impl Logs {
    pub fn call(&mut self, ctx: &mut Ctx, action: &str, input: &Value) -> Result<Value, AwsError> {
        match action {
            "CreateLogGroup" => {
                let r: GroupRequest = parse(input)?;
                if r.kms_key_id.is_some()
                    || r.log_group_class
                        .as_deref()
                        .is_some_and(|c| c != "STANDARD")
                {
                    return Err(invalid("kmsKeyId and log group classes other than STANDARD are not simulated by Stratus yet."));
                }
                let _ = r.tags;
                self.create_group(&r.log_group_name, ctx.now)?;
                Ok(json!({}))
            }
            "CreateLogStream" => {
                let r: GroupRequest = parse(input)?;
                let stream = r.log_stream_name.ok_or_else(|| {
                    AwsError::param_validation("Parameter validation failed:\nMissing required parameter in input: \"logStreamName\"")
                })?;
                let group = self.group_mut(&r.log_group_name)?;
                if group.streams.contains_key(&stream) {
                    return Err(already_exists("log stream"));
                }
                group.streams.insert(
                    stream,
                    LogStream {
                        creation_time: ctx.now,
                        events: Vec::new(),
                    },
                );
                Ok(json!({}))
            }
            "DeleteLogGroup" => {
                let r: GroupRequest = parse(input)?;
                self.groups
                    .remove(&r.log_group_name)
                    .ok_or_else(|| not_found("log group"))?;
                Ok(json!({}))
            }
            "DeleteLogStream" => {
                let r: GroupRequest = parse(input)?;
                let group = self.group_mut(&r.log_group_name)?;
                let name = r.log_stream_name.unwrap_or_default();
                group
                    .streams
                    .remove(&name)
                    .ok_or_else(|| not_found("log stream"))?;
                Ok(json!({}))
            }
            "PutRetentionPolicy" => {
                let r: GroupRequest = parse(input)?;
                let days = r.retention_in_days.unwrap_or(0);
                if !RETENTION_DAYS.contains(&(days as u32)) || days < 0 {
                    return Err(invalid(format!(
                        "1 validation error detected: Value '{days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: {RETENTION_DAYS:?}"
                    )));
                }
                let group = self.group_mut(&r.log_group_name)?;
                group.retention_in_days = Some(days as u32);
                Ok(json!({}))
            }
            "DeleteRetentionPolicy" => {
                let r: GroupRequest = parse(input)?;
                let group = self.group_mut(&r.log_group_name)?;
                group.retention_in_days = None;
                Ok(json!({}))
            }
            "PutLogEvents" => {
                let r: PutLogEventsRequest = parse(input)?;
                let _ = r.sequence_token;
                let group = self.group_mut(&r.log_group_name)?;
                let stream = group
                    .streams
                    .get_mut(&r.log_stream_name)
                    .ok_or_else(|| not_found("log stream"))?;
                if r.log_events.is_empty() || r.log_events.len() > 10_000 {
                    return Err(invalid("A batch of log events holds 1 to 10,000 events."));
                }
                if r.log_events
                    .windows(2)
                    .any(|w| w[1].timestamp < w[0].timestamp)
                {
                    return Err(invalid("Log events in a single PutLogEvents request must be in chronological order."));
                }
                stream
                    .events
                    .extend(r.log_events.into_iter().map(|e| LogEvent {
                        timestamp: e.timestamp.max(0) as Millis,
                        message: e.message,
                        ingestion_time: ctx.now,
                    }));
                Ok(json!({}))
            }
            "DescribeLogGroups" => self.describe_log_groups(ctx, parse(input)?),
            "DescribeLogStreams" => self.describe_log_streams(ctx, parse(input)?),
            "GetLogEvents" => self.get_log_events(parse(input)?),
            "FilterLogEvents" => self.filter_log_events(parse(input)?),
            _ => Err(AwsError::unknown_operation(&format!("logs:{action}"))),
        }
    }

    fn create_group(&mut self, name: &str, now: Millis) -> Result<(), AwsError> {
        let ok = (1..=512).contains(&name.len())
            && name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_-/.#".contains(&b));
        if !ok {
            return Err(invalid(format!(
                "1 validation error detected: Value '{name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+"
            )));
        }
        if self.groups.contains_key(name) {
            return Err(already_exists("log group"));
        }
        self.groups.insert(
            name.to_string(),
            LogGroup {
                creation_time: now,
                ..LogGroup::default()
            },
        );
        Ok(())
    }

    /// Appends lines to a stream, creating its group and stream when missing (as Lambda's
    /// service does for a function's logs).
    pub fn append(
        &mut self,
        group: &str,
        stream: &str,
        now: Millis,
        lines: impl IntoIterator<Item = (Millis, String)>,
    ) {
        // Found without copying the names when they exist already (every warm invocation).
        if !self.groups.contains_key(group) {
            let g = LogGroup {
                creation_time: now,
                ..LogGroup::default()
            };
            self.groups.insert(group.to_string(), g);
        }
        let Some(g) = self.groups.get_mut(group) else {
            return;
        };
        if !g.streams.contains_key(stream) {
            let s = LogStream {
                creation_time: now,
                events: Vec::new(),
            };
            g.streams.insert(stream.to_string(), s);
        }
        let Some(s) = g.streams.get_mut(stream) else {
            return;
        };
        s.events
            .extend(lines.into_iter().map(|(timestamp, message)| LogEvent {
                timestamp,
                message,
                ingestion_time: now,
            }));
    }

    /// The named log group, or ResourceNotFoundException.
    fn existing_group(&self, name: &str) -> Result<&LogGroup, AwsError> {
        self.groups.get(name).ok_or_else(|| not_found("log group"))
    }

    fn group_mut(&mut self, name: &str) -> Result<&mut LogGroup, AwsError> {
        self.groups
            .get_mut(name)
            .ok_or_else(|| not_found("log group"))
    }

    pub fn group(&self, name: &str) -> Option<&LogGroup> {
        self.groups.get(name)
    }

    pub fn groups(&self) -> impl Iterator<Item = (&String, &LogGroup)> {
        self.groups.iter()
    }

    fn describe_log_groups(
        &mut self,
        ctx: &mut Ctx,
        r: DescribeRequest,
    ) -> Result<Value, AwsError> {
        let max = limit(r.limit, 50, 50)?;
        let prefix = r.log_group_name_prefix.unwrap_or_default();
        let groups: Vec<Value> = self
            .groups
            .iter()
            .filter(|(n, _)| n.starts_with(&prefix))
            .map(|(n, g)| {
                let arn = ctx.identity.arn("logs", &format!("log-group:{n}"));
                let mut out = json!({
                    "logGroupName": n,
                    "creationTime": g.creation_time,
                    "metricFilterCount": 0,
                    "arn": format!("{arn}:*"),
                    "logGroupArn": arn,
                    "storedBytes": 0,
                    "logGroupClass": "STANDARD",
                });
                if let Some(days) = g.retention_in_days {
                    out["retentionInDays"] = json!(days);
                }
                out
            })
            .collect();
        Ok(crate::api::paging::by_index(
            "logGroups",
            "nextToken",
            groups,
            r.next_token.as_deref(),
            max,
        ))
    }

    fn describe_log_streams(
        &mut self,
        ctx: &mut Ctx,
        r: DescribeRequest,
    ) -> Result<Value, AwsError> {
        let max = limit(r.limit, 50, 50)?;
        let name = r.log_group_name.unwrap_or_default();
        let group = self.existing_group(&name)?;
        let by_time = r.order_by.as_deref() == Some("LastEventTime");
        if by_time && r.log_stream_name_prefix.is_some() {
            return Err(invalid(
                "Cannot order by LastEventTime with a logStreamNamePrefix.",
            ));
        }
        let prefix = r.log_stream_name_prefix.unwrap_or_default();
        let mut streams: Vec<(&String, &LogStream)> = group
            .streams
            .iter()
            .filter(|(n, _)| n.starts_with(&prefix))
            .collect();
        if by_time {
            streams.sort_by_key(|(_, s)| s.events.last().map_or(0, |e| e.timestamp));
        }
        if r.descending == Some(true) {
            streams.reverse();
        }
        let items = streams
            .into_iter()
            .map(|(n, s)| {
                let mut out = Map::new();
                out.insert("logStreamName".into(), json!(n));
                out.insert("creationTime".into(), json!(s.creation_time));
                if let (Some(first), Some(last)) = (s.events.first(), s.events.last()) {
                    out.insert("firstEventTimestamp".into(), json!(first.timestamp));
                    out.insert("lastEventTimestamp".into(), json!(last.timestamp));
                    out.insert("lastIngestionTime".into(), json!(last.ingestion_time));
                }
                out.insert(
                    "arn".into(),
                    json!(ctx
                        .identity
                        .arn("logs", &format!("log-group:{name}:log-stream:{n}"))),
                );
                out.insert("storedBytes".into(), json!(0));
                Value::Object(out)
            })
            .collect();
        Ok(crate::api::paging::by_index(
            "logStreams",
            "nextToken",
            items,
            r.next_token.as_deref(),
            max,
        ))
    }

    fn get_log_events(&mut self, r: EventsRequest) -> Result<Value, AwsError> {
        let max = limit(r.limit, 10_000, 10_000)?;
        let group_name = r
            .log_group_name
            .or(r.log_group_identifier)
            .unwrap_or_default();
        let group = self.existing_group(&group_name)?;
        let stream = group
            .streams
            .get(r.log_stream_name.as_deref().unwrap_or_default())
            .ok_or_else(|| not_found("log stream"))?;
        let in_range: Vec<(usize, &LogEvent)> = stream
            .events
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                r.start_time.is_none_or(|t| e.timestamp as i64 >= t)
                    && r.end_time.is_none_or(|t| (e.timestamp as i64) < t)
            })
            .collect();
        // Tokens are f/<index> (forward) and b/<index> (backward) into the stream.
        let from_token = r
            .next_token
            .as_deref()
            .and_then(|t| t.get(2..))
            .and_then(|n| n.parse::<usize>().ok());
        let forward = r
            .next_token
            .as_deref()
            .map_or(r.start_from_head == Some(true), |t| t.starts_with("f/"));
        let chosen: Vec<&(usize, &LogEvent)> = if forward {
            let from = from_token.unwrap_or(0);
            in_range
                .iter()
                .filter(|(i, _)| *i >= from)
                .take(max)
                .collect()
        } else {
            let to = from_token.unwrap_or(usize::MAX);
            let before: Vec<_> = in_range.iter().filter(|(i, _)| *i < to).collect();
            before[before.len().saturating_sub(max)..].to_vec()
        };
        let first = chosen.first().map_or(from_token.unwrap_or(0), |(i, _)| *i);
        let next = chosen.last().map_or(first, |(i, _)| i + 1);
        let events: Vec<Value> = chosen
            .iter()
            .map(|(_, e)| json!({"timestamp": e.timestamp, "message": e.message, "ingestionTime": e.ingestion_time}))
            .collect();
        Ok(json!({
            "events": events,
            "nextForwardToken": format!("f/{next:056}"),
            "nextBackwardToken": format!("b/{first:056}"),
        }))
    }

    fn filter_log_events(&mut self, r: EventsRequest) -> Result<Value, AwsError> {
        let max = limit(r.limit, 10_000, 10_000)?;
        let group_name = r
            .log_group_name
            .or(r.log_group_identifier)
            .unwrap_or_default();
        let found = self.filter(&EventFilter {
            group: &group_name,
            stream_names: r.log_stream_names.as_deref(),
            stream_prefix: r.log_stream_name_prefix.as_deref(),
            start_time: r.start_time,
            end_time: r.end_time,
            pattern: r.filter_pattern.as_deref().unwrap_or_default(),
        })?;
        let events = found
            .into_iter()
            .map(|f| {
                let t = f.event.timestamp;
                json!({
                    "logStreamName": f.stream,
                    "timestamp": t,
                    "message": f.event.message,
                    "ingestionTime": f.event.ingestion_time,
                    "eventId": format!("{t:020}{:016}", f.index),
                })
            })
            .collect();
        Ok(crate::api::paging::by_index(
            "events",
            "nextToken",
            events,
            r.next_token.as_deref(),
            max,
        ))
    }

    /// FilterLogEvents' search, read-only: the events of a group's chosen streams that match
    /// the pattern within the time range, oldest first (ties by stream name, then position).
    pub fn filter<'a>(&'a self, f: &EventFilter) -> Result<Vec<Found<'a>>, AwsError> {
        let group = self.existing_group(f.group)?;
        if f.stream_names.is_some() && f.stream_prefix.is_some() {
            return Err(invalid(
                "You cannot specify both logStreamNames and logStreamNamePrefix.",
            ));
        }
        let pattern = FilterPattern::parse(f.pattern)?;
        let mut found = Vec::new();
        for (name, stream) in &group.streams {
            let wanted = f.stream_names.is_none_or(|n| n.contains(name))
                && f.stream_prefix.is_none_or(|p| name.starts_with(p));
            if !wanted {
                continue;
            }
            for (index, event) in stream.events.iter().enumerate() {
                let in_time = f.start_time.is_none_or(|t| event.timestamp as i64 >= t)
                    && f.end_time.is_none_or(|t| (event.timestamp as i64) <= t);
                if in_time && pattern.matches(&event.message) {
                    found.push(Found {
                        stream: name,
                        index,
                        event,
                    });
                }
            }
        }
        found.sort_by(|a, b| {
            (a.event.timestamp, a.stream, a.index).cmp(&(b.event.timestamp, b.stream, b.index))
        });
        Ok(found)
    }
}

/// What FilterLogEvents searches: a group, its streams (all, named, or by prefix), a time
/// range (milliseconds since the epoch, inclusive) and a filter pattern.
#[derive(Default)]
pub struct EventFilter<'q> {
    pub group: &'q str,
    pub stream_names: Option<&'q [String]>,
    pub stream_prefix: Option<&'q str>,
    pub start_time: Option<i64>,
    pub end_time: Option<i64>,
    pub pattern: &'q str,
}

/// One event FilterLogEvents found: its stream, its position there, the event.
pub struct Found<'a> {
    pub stream: &'a str,
    pub index: usize,
    pub event: &'a LogEvent,
}
