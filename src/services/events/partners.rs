//! Partner (SaaS) event sources. A partner account (any account acting as a
//! partner: Stratus does not model AWS's partner registration) offers a
//! source `aws.partner/<partner>/<name>` to a customer account
//! (CreatePartnerEventSource), sees it (DescribePartnerEventSource,
//! ListPartnerEventSources, ListPartnerEventSourceAccounts), withdraws it
//! (DeletePartnerEventSource) and sends events on it (PutPartnerEvents, with
//! PutEvents' entry checks): this file. The customer (`event_sources`) sees the offer (DescribeEventSource,
//! ListEventSources), PENDING until it creates the partner event bus named
//! after it (CreateEventBus with EventSourceName), then ACTIVE;
//! DeactivateEventSource and ActivateEventSource pause and resume it, and a
//! source the partner deletes after the bus exists is DELETED. A source left
//! PENDING expires after two weeks. Only an ACTIVE source's events reach the
//! partner bus, where its rules match them like any event.
//!
//! The two sides are instances of EventBridge in two accounts, so they talk
//! through the router with internal actions no SDK can send, each addressed
//! by an event-bus ARN of the receiving account (how the registry finds the
//! instance): `OfferPartnerEventSource`, `WithdrawPartnerEventSource` and
//! `PartnerEvent` to the customer, `PartnerEventSourceState` back to the
//! partner.

use super::errors::{self, Checks};
use super::put_events::{entry_size, envelope, MAX_REQUEST_BYTES};
use super::{Events, EventsEvent};
use crate::api::{paging, params::parse, AwsError};
use crate::kernel::{Ctx, Outbound, Payload};
use crate::sim::time::parse_iso;
use crate::sim::{Millis, DAY};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::rc::Rc;

/// The model's pattern of a partner event source name.
pub const SOURCE_PATTERN: &str = r"aws\.partner(/[\.\-_A-Za-z0-9]+){2,}";
const PREFIX_PATTERN: &str = r"aws\.partner/[\.\-_A-Za-z0-9]+/[/\.\-_A-Za-z0-9]*";
const ACCOUNT_PATTERN: &str = r"\d{12}";
/// A source offered but never associated with a bus is deleted after two weeks.
pub const PENDING_FOR: Millis = 14 * DAY;

/// A source as its partner holds it: the accounts it was offered to.
#[derive(Debug)]
pub struct PartnerSource {
    pub name: Rc<str>,
    pub arn: String,
    pub accounts: BTreeMap<String, OfferedTo>,
}

#[derive(Debug)]
pub struct OfferedTo {
    pub created: Millis,
    pub state: &'static str,
    /// Since when the account's copy has been PENDING: it expires two weeks after.
    pub pending_since: Millis,
}

/// A partner's source as the customer account holds it.
#[derive(Debug)]
pub struct EventSource {
    pub name: Rc<str>,
    pub arn: String,
    /// The partner's name (`aws.partner/<partner>/...`).
    pub created_by: String,
    pub partner_account: String,
    pub created: Millis,
    /// Since when it has been PENDING: it expires two weeks after.
    pub pending_since: Millis,
    pub state: &'static str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct SourceAccountRequest {
    name: String,
    account: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct NameRequest {
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ListPartnerSourcesRequest {
    name_prefix: String,
    next_token: Option<String>,
    limit: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ListAccountsRequest {
    event_source_name: String,
    next_token: Option<String>,
    limit: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct PutPartnerEventsRequest {
    entries: Vec<PartnerEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct PartnerEntry {
    time: Option<Value>,
    source: Option<String>,
    resources: Option<Vec<String>>,
    detail_type: Option<String>,
    detail: Option<String>,
}

fn seconds(t: Millis) -> Value {
    super::buses::seconds(t)
}

/// Whether a name satisfies `aws\.partner(/[\.\-_A-Za-z0-9]+){2,}`.
pub fn is_source_name(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("aws.partner/") else {
        return false;
    };
    let parts: Vec<&str> = rest.split('/').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        })
}

pub(super) fn check_name(checks: &mut Checks, name: &str, member: &str) {
    checks.string(Some(name), member, (1, 256), None);
    if !name.is_empty() && !is_source_name(name) {
        checks.fail(
            name,
            member,
            &format!("Member must satisfy regular expression pattern: {SOURCE_PATTERN}"),
        );
    }
}

pub(super) fn source_not_found(name: &str) -> AwsError {
    errors::not_found(format!("Event source {name} does not exist."))
}

/// The event-bus ARN that addresses an account's instance through the router.
pub(super) fn bus_arn(region: &str, account: &str, bus: &str) -> String {
    format!("arn:aws:events:{region}:{account}:event-bus/{bus}")
}

fn source_arn(region: &str, name: &str) -> String {
    format!("arn:aws:events:{region}::event-source/{name}")
}

pub(super) fn internal(action: &'static str, input: Value) -> Outbound {
    Outbound::Call {
        token: None,
        action: action.into(),
        input: Payload::Json(input),
    }
}

impl Events {
    pub(super) fn create_partner_event_source(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: SourceAccountRequest = parse(input)?;
        let mut checks = errors::checks();
        check_name(&mut checks, &r.name, "name");
        check_account(&mut checks, &r.account);
        checks.done()?;
        let region = ctx.identity.region.clone();
        let source = self
            .partner_sources
            .entry(r.name.as_str().into())
            .or_insert_with(|| PartnerSource {
                name: r.name.as_str().into(),
                arn: source_arn(&region, &r.name),
                accounts: BTreeMap::new(),
            });
        if source.accounts.contains_key(&r.account) {
            return Err(errors::already_exists(format!(
                "Event source {} already exists.",
                r.name
            )));
        }
        source.accounts.insert(
            r.account.clone(),
            OfferedTo {
                created: ctx.now,
                state: "PENDING",
                pending_since: ctx.now,
            },
        );
        let arn = source.arn.clone();
        ctx.send(internal(
            "events:OfferPartnerEventSource",
            json!({"EventBusName": bus_arn(&region, &r.account, "default"), "Name": r.name, "Arn": arn}),
        ));
        ctx.emit(EventsEvent::PartnerEventSourceCreated {
            source: r.name.as_str().into(),
            account: r.account.as_str().into(),
        });
        Ok(json!({ "EventSourceArn": arn }))
    }

    pub(super) fn delete_partner_event_source(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: SourceAccountRequest = parse(input)?;
        let mut checks = errors::checks();
        check_name(&mut checks, &r.name, "name");
        check_account(&mut checks, &r.account);
        checks.done()?;
        let Some(source) = self.partner_sources.get_mut(r.name.as_str()) else {
            return Ok(json!({}));
        };
        if source.accounts.remove(&r.account).is_some() {
            ctx.send(internal(
                "events:WithdrawPartnerEventSource",
                json!({"EventBusName": bus_arn(&ctx.identity.region, &r.account, "default"), "Name": r.name}),
            ));
            ctx.emit(EventsEvent::PartnerEventSourceDeleted {
                source: r.name.as_str().into(),
                account: r.account.as_str().into(),
            });
        }
        if source.accounts.is_empty() {
            self.partner_sources.remove(r.name.as_str());
        }
        Ok(json!({}))
    }

    pub(super) fn describe_partner_event_source(
        &mut self,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: NameRequest = parse(input)?;
        let mut checks = errors::checks();
        check_name(&mut checks, &r.name, "name");
        checks.done()?;
        let source = self
            .partner_sources
            .get(r.name.as_str())
            .ok_or_else(|| source_not_found(&r.name))?;
        Ok(json!({"Arn": source.arn, "Name": source.name}))
    }

    pub(super) fn list_partner_event_sources(&mut self, input: &Value) -> Result<Value, AwsError> {
        let r: ListPartnerSourcesRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(Some(&r.name_prefix), "namePrefix", (1, 256), None);
        let prefix_ok = r
            .name_prefix
            .strip_prefix("aws.partner/")
            .and_then(|rest| rest.split_once('/'))
            .is_some_and(|(partner, rest)| {
                !partner.is_empty()
                    && partner
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
                    && rest
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '-' | '_'))
            });
        if !r.name_prefix.is_empty() && !prefix_ok {
            checks.fail(
                &r.name_prefix,
                "namePrefix",
                &format!("Member must satisfy regular expression pattern: {PREFIX_PATTERN}"),
            );
        }
        checks.range(r.limit, "limit", 1, 100);
        checks.done()?;
        let items = self
            .partner_sources
            .values()
            .filter(|s| s.name.starts_with(&r.name_prefix))
            .map(|s| json!({"Arn": s.arn, "Name": s.name}))
            .collect();
        Ok(paging::by_index(
            "PartnerEventSources",
            "NextToken",
            items,
            r.next_token.as_deref(),
            r.limit.unwrap_or(100) as usize,
        ))
    }

    pub(super) fn list_partner_event_source_accounts(
        &mut self,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: ListAccountsRequest = parse(input)?;
        let mut checks = errors::checks();
        check_name(&mut checks, &r.event_source_name, "eventSourceName");
        checks.range(r.limit, "limit", 1, 100);
        checks.done()?;
        let source = self
            .partner_sources
            .get(r.event_source_name.as_str())
            .ok_or_else(|| source_not_found(&r.event_source_name))?;
        let items = source
            .accounts
            .iter()
            .map(|(account, offer)| {
                let mut out = Map::new();
                out.insert("Account".into(), json!(account));
                out.insert("CreationTime".into(), seconds(offer.created));
                if offer.state == "PENDING" {
                    out.insert(
                        "ExpirationTime".into(),
                        seconds(offer.pending_since + PENDING_FOR),
                    );
                }
                out.insert("State".into(), json!(offer.state));
                Value::Object(out)
            })
            .collect();
        Ok(paging::by_index(
            "PartnerEventSourceAccounts",
            "NextToken",
            items,
            r.next_token.as_deref(),
            r.limit.unwrap_or(100) as usize,
        ))
    }

    pub(super) fn put_partner_events(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: PutPartnerEventsRequest = parse(input)?;
        let mut checks = errors::checks();
        if r.entries.is_empty() || r.entries.len() > 20 {
            checks.fail(
                input.get("Entries").cloned().unwrap_or(Value::Null),
                "entries",
                if r.entries.is_empty() {
                    "Member must have length greater than or equal to 1"
                } else {
                    "Member must have length less than or equal to 20"
                },
            );
        }
        for (i, entry) in r.entries.iter().enumerate() {
            if let Some(source) = &entry.source {
                check_name(
                    &mut checks,
                    source,
                    &format!("entries.{}.member.source", i + 1),
                );
            }
        }
        checks.done()?;
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
            match self.put_partner_entry(ctx, entry) {
                Ok(id) => results.push(json!({ "EventId": id })),
                Err((code, message)) => {
                    failed += 1;
                    results.push(json!({"ErrorCode": code, "ErrorMessage": message}));
                }
            }
        }
        Ok(json!({"FailedEntryCount": failed, "Entries": results}))
    }

    /// One partner entry: checked as PutEvents checks an entry, then sent to every account
    /// the source was offered to.
    fn put_partner_entry(
        &mut self,
        ctx: &mut Ctx,
        entry: PartnerEntry,
    ) -> Result<String, (String, String)> {
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
        let Some(offered) = self.partner_sources.get(source.as_str()) else {
            return Err((
                "NotAuthorizedForSourceException".to_string(),
                "Not authorized for the source.".to_string(),
            ));
        };
        let time = match &entry.time {
            None => ctx.now,
            Some(Value::Number(n)) => n
                .as_f64()
                .filter(|s| *s >= 0.0)
                .map(|s| (s * 1000.0) as Millis)
                .ok_or_else(invalid_time)?,
            Some(Value::String(s)) => parse_iso(s).ok_or_else(invalid_time)?,
            Some(_) => return Err(invalid_time()),
        };
        let id = ctx.rng.uuid();
        let region = ctx.identity.region.clone();
        let resources = entry.resources.unwrap_or_default();
        let accounts: Vec<String> = offered
            .accounts
            .iter()
            .filter(|(_, offer)| offer.state != "DELETED")
            .map(|(account, _)| account.clone())
            .collect();
        for account in accounts {
            let event = envelope(
                &id,
                &detail_type,
                &source,
                &account,
                time,
                &region,
                resources.clone(),
                detail.clone(),
            );
            ctx.send(internal(
                "events:PartnerEvent",
                json!({"EventBusName": bus_arn(&region, &account, &source), "Event": event}),
            ));
        }
        Ok(id)
    }
}

fn invalid_time() -> (String, String) {
    (
        "InvalidArgument".to_string(),
        "Parameter Time is not valid.".to_string(),
    )
}

fn check_account(checks: &mut Checks, account: &str) {
    checks.string(Some(account), "account", (12, 12), None);
    if account.len() == 12 && !account.bytes().all(|b| b.is_ascii_digit()) {
        checks.fail(
            account,
            "account",
            &format!("Member must satisfy regular expression pattern: {ACCOUNT_PATTERN}"),
        );
    }
}
