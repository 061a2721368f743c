//! PutEvents: AWS's checks of each entry (answered per entry, in order), the
//! request's 256 KB limit, the envelope EventBridge builds (version, id,
//! detail-type, source, account, time, region, resources, detail), matching
//! against the bus's compiled rules, and the fan-out to every target of every
//! matched rule at the same virtual instant. TestEventPattern answers with
//! the same engine.

use super::errors::{self};
use super::rules::compile_pattern;
use super::{Events, EventsEvent};
use crate::api::{params::parse, AwsError};
use crate::kernel::Ctx;
use crate::sim::time::{format_iso, parse_iso};
use crate::sim::Millis;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::rc::Rc;

/// The most a PutEvents request may carry, counted as AWS counts entry sizes.
pub const MAX_REQUEST_BYTES: usize = 256 * 1024;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct PutEventsRequest {
    entries: Vec<Entry>,
    endpoint_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Entry {
    time: Option<Value>,
    source: Option<String>,
    resources: Option<Vec<String>>,
    detail_type: Option<String>,
    detail: Option<String>,
    event_bus_name: Option<String>,
    trace_header: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct TestEventPatternRequest {
    event_pattern: String,
    event: String,
}

/// An entry's size as AWS counts it for the request limit and for billing: 14 bytes for a
/// Time, and the UTF-8 bytes of Source, DetailType, Detail and each Resource.
pub fn entry_size(entry: &Value) -> usize {
    let text = |key: &str| entry.get(key).and_then(Value::as_str).map_or(0, str::len);
    let time = if entry.get("Time").is_some() { 14 } else { 0 };
    let resources: usize = entry
        .get("Resources")
        .and_then(Value::as_array)
        .map_or(0, |r| {
            r.iter().filter_map(Value::as_str).map(str::len).sum()
        });
    time + text("Source") + text("DetailType") + text("Detail") + resources
}

/// `2026-01-01T00:00:00Z`: the envelope's time, to the second.
pub fn event_time(t: Millis) -> String {
    let iso = format_iso(t);
    format!("{}Z", &iso[..19])
}

/// A PutEvents Time: epoch seconds (what the SDKs send) or ISO 8601 text.
fn read_time(value: &Value) -> Option<Millis> {
    match value {
        Value::Number(n) => n
            .as_f64()
            .filter(|s| *s >= 0.0)
            .map(|s| (s * 1000.0) as Millis),
        Value::String(s) => parse_iso(s).or_else(|| {
            s.parse::<f64>()
                .ok()
                .filter(|s| *s >= 0.0)
                .map(|s| (s * 1000.0) as Millis)
        }),
        _ => None,
    }
}

/// The event envelope, in AWS's key order.
#[allow(clippy::too_many_arguments)]
pub fn envelope(
    id: &str,
    detail_type: &str,
    source: &str,
    account: &str,
    time: Millis,
    region: &str,
    resources: Vec<String>,
    detail: Value,
) -> Value {
    let mut e = Map::new();
    e.insert("version".into(), json!("0"));
    e.insert("id".into(), json!(id));
    e.insert("detail-type".into(), json!(detail_type));
    e.insert("source".into(), json!(source));
    e.insert("account".into(), json!(account));
    e.insert("time".into(), json!(event_time(time)));
    e.insert("region".into(), json!(region));
    e.insert("resources".into(), json!(resources));
    e.insert("detail".into(), detail);
    Value::Object(e)
}

/// A replayed event: `replay-name` after `region`, as AWS places it.
fn with_replay_name(event: Value, replay: &str) -> Value {
    let Value::Object(fields) = event else {
        return event;
    };
    let mut out = Map::new();
    for (key, value) in fields {
        let after_region = key == "region";
        out.insert(key, value);
        if after_region {
            out.insert("replay-name".into(), json!(replay));
        }
    }
    Value::Object(out)
}

fn entry_error(code: &str, message: String) -> Value {
    json!({"ErrorCode": code, "ErrorMessage": message})
}

/// Where a published event came from: a replay sends only to the rules it names.
pub struct Origin<'a> {
    pub replay: Option<(&'a str, &'a [String])>,
}

impl Events {
    pub(super) fn put_events(&mut self, ctx: &mut Ctx, input: &Value) -> Result<Value, AwsError> {
        let r: PutEventsRequest = parse(input)?;
        let mut checks = errors::checks();
        if r.entries.is_empty() || r.entries.len() > 10 {
            let entries = input.get("Entries").cloned().unwrap_or(Value::Null);
            checks.fail(
                entries,
                "entries",
                if r.entries.is_empty() {
                    "Member must have length greater than or equal to 1"
                } else {
                    "Member must have length less than or equal to 10"
                },
            );
        }
        checks.string(r.endpoint_id.as_deref(), "endpointId", (1, 50), None);
        checks.done()?;
        if r.endpoint_id.is_some() {
            return Err(errors::validation(
                "Global endpoints (EndpointId) are not simulated by Stratus yet.",
            ));
        }
        let total: usize = input
            .get("Entries")
            .and_then(Value::as_array)
            .map_or(0, |entries| entries.iter().map(entry_size).sum());
        if total > MAX_REQUEST_BYTES {
            return Err(errors::validation(
                "Total size of the entries in the request is over the limit.",
            ));
        }
        let mut results = Vec::with_capacity(r.entries.len());
        let mut failed = 0;
        for entry in r.entries {
            match self.put_entry(ctx, entry) {
                Ok(id) => results.push(json!({ "EventId": id })),
                Err((code, message)) => {
                    failed += 1;
                    results.push(entry_error(&code, message));
                }
            }
        }
        Ok(json!({"FailedEntryCount": failed, "Entries": results}))
    }

    /// One entry: checked, given an id, put on its bus.
    fn put_entry(&mut self, ctx: &mut Ctx, entry: Entry) -> Result<String, (String, String)> {
        let _ = &entry.trace_header;
        let invalid = |member: &str| {
            (
                "InvalidArgument".to_string(),
                format!(
                    "Parameter {member} is not valid. Reason: {member} is a required argument."
                ),
            )
        };
        let source = entry
            .source
            .filter(|s| !s.is_empty())
            .ok_or_else(|| invalid("Source"))?;
        let detail_type = entry
            .detail_type
            .filter(|s| !s.is_empty())
            .ok_or_else(|| invalid("DetailType"))?;
        let detail_text = entry.detail.ok_or_else(|| invalid("Detail"))?;
        let detail = match serde_json::from_str::<Value>(&detail_text) {
            Ok(v @ Value::Object(_)) => v,
            _ => {
                return Err((
                    "MalformedDetail".to_string(),
                    "Detail is malformed.".to_string(),
                ))
            }
        };
        if source.starts_with("aws.") {
            return Err((
                "NotAuthorizedForSourceException".to_string(),
                "Not authorized for the source.".to_string(),
            ));
        }
        let time = match &entry.time {
            None => ctx.now,
            Some(t) => read_time(t).ok_or_else(|| {
                (
                    "InvalidArgument".to_string(),
                    "Parameter Time is not valid.".to_string(),
                )
            })?,
        };
        let account = ctx.caller.account.clone();
        let region = ctx.identity.region.clone();
        // An entry for a bus that does not exist is accepted and dropped, as AWS does.
        let bus_name: Option<Rc<str>> = match self.bus_for_put(ctx, entry.event_bus_name.as_deref())
        {
            Ok(bus) => Some(bus.name.clone()),
            Err((code, _)) if code == "ResourceNotFoundException" => None,
            Err(denied) => return Err(denied),
        };
        let id = ctx.rng.uuid();
        let Some(bus_name) = bus_name else {
            return Ok(id);
        };
        let event = envelope(
            &id,
            &detail_type,
            &source,
            &account,
            time,
            &region,
            entry.resources.unwrap_or_default(),
            detail,
        );
        self.publish(ctx, &bus_name, event, Origin { replay: None });
        Ok(id)
    }

    /// Puts an event on a bus: archives it, matches it against the bus's enabled rules and
    /// sends it to each matched rule's targets. Returns how many rules matched.
    pub(super) fn publish(
        &mut self,
        ctx: &mut Ctx,
        bus_name: &Rc<str>,
        event: Value,
        origin: Origin,
    ) -> u32 {
        let Some(bus) = self.buses.get(bus_name) else {
            return 0;
        };
        let matched: Vec<Rc<str>> = bus
            .matcher
            .matching(&event)
            .into_iter()
            .filter(|name| {
                bus.rules.get(name).is_some_and(|rule| {
                    rule.enabled()
                        && origin.replay.is_none_or(|(_, only)| {
                            only.is_empty() || only.iter().any(|a| *a == *rule.arn)
                        })
                })
            })
            .collect();
        let bus_arn = bus.arn.clone();
        let count = matched.len() as u32;
        let event = match origin.replay {
            Some((replay, _)) => {
                // A replayed event is a new event: a new id, and the replay's name.
                let mut e = with_replay_name(event, replay);
                e["id"] = json!(ctx.rng.uuid());
                e
            }
            None => event,
        };
        let text = |key: &str| -> Rc<str> {
            event
                .get(key)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .into()
        };
        let event_id = text("id");
        ctx.emit(EventsEvent::EventPut {
            bus: bus_name.clone(),
            event_id: event_id.clone(),
            source: text("source"),
            detail_type: text("detail-type"),
            matched: count,
            replay: origin.replay.map(|(r, _)| r.into()),
        });
        if origin.replay.is_none() {
            self.archive_event(ctx, &bus_arn, &event);
        }
        let event = Rc::new(event);
        for name in matched {
            self.send_to_targets(ctx, bus_name, &name, &event);
        }
        count
    }

    /// A rule's targets each get the event (a scheduled rule's, or a matched one's).
    pub(super) fn send_to_targets(
        &mut self,
        ctx: &mut Ctx,
        bus_name: &Rc<str>,
        rule: &Rc<str>,
        event: &Rc<Value>,
    ) {
        let Some(bus) = self.buses.get(bus_name) else {
            return;
        };
        let Some(r) = bus.rules.get(rule) else { return };
        let targets = r.targets.clone();
        let rule_arn = r.arn.clone();
        let event_id: Rc<str> = event
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .into();
        ctx.emit(EventsEvent::RuleMatched {
            bus: bus_name.clone(),
            rule: rule.clone(),
            event_id,
            targets: targets.len() as u32,
        });
        for target in targets {
            self.start_delivery(ctx, rule.clone(), rule_arn.clone(), target, event.clone());
        }
    }
}

/// TestEventPattern: whether the pattern matches the event, which must carry the fields
/// every EventBridge event has.
pub fn test_event_pattern(input: &Value) -> Result<Value, AwsError> {
    let r: TestEventPatternRequest = parse(input)?;
    let mut checks = errors::checks();
    checks.string(Some(&r.event_pattern), "eventPattern", (0, 4096), None);
    checks.done()?;
    let pattern = compile_pattern(&r.event_pattern)?;
    let event: Value = serde_json::from_str(&r.event)
        .map_err(|_| errors::validation("Parameter Event is not valid."))?;
    let Some(fields) = event.as_object() else {
        return Err(errors::validation("Parameter Event is not valid."));
    };
    for required in ["id", "account", "source", "time", "region"] {
        if !fields.contains_key(required) {
            return Err(errors::validation(format!(
                "Parameter Event is not valid. Reason: Provided Event is missing required field: {required}."
            )));
        }
    }
    Ok(json!({ "Result": pattern.matches(&event) }))
}
