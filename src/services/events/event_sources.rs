//! The customer's side of partner event sources: the sources partners
//! offered to this account (DescribeEventSource, ListEventSources), PENDING
//! until the partner bus named after one exists (CreateEventBus with
//! EventSourceName associates it), ACTIVE then, PENDING again when
//! deactivated or its bus deleted, DELETED when its partner deleted it after
//! the bus existed; two weeks PENDING (never associated, or deactivated)
//! and it is deleted. And the internal actions the partner's instance sends
//! here (and this one sends back), see `partners`.

use super::errors::{self};
use super::partners::{bus_arn, check_name, internal, source_not_found, EventSource, PENDING_FOR};
use super::put_events::Origin;
use super::{Events, EventsEvent};
use crate::api::{paging, params::parse, AwsError};
use crate::kernel::Ctx;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::rc::Rc;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct NameRequest {
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ListSourcesRequest {
    name_prefix: Option<String>,
    next_token: Option<String>,
    limit: Option<i64>,
}

impl EventSource {
    fn describe(&self) -> Value {
        let mut out = Map::new();
        out.insert("Arn".into(), json!(self.arn));
        out.insert("CreatedBy".into(), json!(self.created_by));
        out.insert("CreationTime".into(), super::buses::seconds(self.created));
        if self.state == "PENDING" {
            out.insert(
                "ExpirationTime".into(),
                super::buses::seconds(self.pending_since + PENDING_FOR),
            );
        }
        out.insert("Name".into(), json!(self.name));
        out.insert("State".into(), json!(self.state));
        Value::Object(out)
    }
}

impl Events {
    /// Sources left PENDING past their two weeks are gone.
    fn expire_event_sources(&mut self, ctx: &mut Ctx) {
        let expired: Vec<Rc<str>> = self
            .event_sources
            .values()
            .filter(|s| s.state == "PENDING" && ctx.now >= s.pending_since + PENDING_FOR)
            .map(|s| s.name.clone())
            .collect();
        for name in expired {
            if let Some(source) = self.event_sources.remove(&name) {
                // The partner no longer lists the account.
                ctx.send(internal(
                    "events:PartnerEventSourceState",
                    json!({
                        "EventBusName": bus_arn(&ctx.identity.region, &source.partner_account, "default"),
                        "Name": name,
                        "State": "EXPIRED",
                    }),
                ));
            }
        }
    }

    /// Sets a source's state and tells its partner (ListPartnerEventSourceAccounts shows it).
    fn set_source_state(&mut self, ctx: &mut Ctx, name: &str, state: &'static str) {
        let Some(source) = self.event_sources.get_mut(name) else {
            return;
        };
        if source.state == state {
            return;
        }
        source.state = state;
        if state == "PENDING" {
            // Two weeks from now to associate or activate it again.
            source.pending_since = ctx.now;
        }
        ctx.send(internal(
            "events:PartnerEventSourceState",
            json!({
                "EventBusName": bus_arn(&ctx.identity.region, &source.partner_account, "default"),
                "Name": name,
                "State": state,
            }),
        ));
        ctx.emit(EventsEvent::EventSourceStateChanged {
            source: source.name.clone(),
            state: state.into(),
        });
    }

    pub(super) fn describe_event_source(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: NameRequest = parse(input)?;
        let mut checks = errors::checks();
        check_name(&mut checks, &r.name, "name");
        checks.done()?;
        self.expire_event_sources(ctx);
        self.event_sources
            .get(r.name.as_str())
            .map(EventSource::describe)
            .ok_or_else(|| source_not_found(&r.name))
    }

    pub(super) fn list_event_sources(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: ListSourcesRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(
            r.name_prefix.as_deref(),
            "namePrefix",
            (1, 256),
            Some(errors::BUS_NAME_PATTERN),
        );
        checks.range(r.limit, "limit", 1, 100);
        checks.done()?;
        self.expire_event_sources(ctx);
        let items = self
            .event_sources
            .values()
            .filter(|s| {
                r.name_prefix
                    .as_deref()
                    .is_none_or(|p| s.name.starts_with(p))
            })
            .map(EventSource::describe)
            .collect();
        Ok(paging::by_index(
            "EventSources",
            "NextToken",
            items,
            r.next_token.as_deref(),
            r.limit.unwrap_or(100) as usize,
        ))
    }

    /// ActivateEventSource (`activate`) and DeactivateEventSource.
    pub(super) fn set_event_source_active(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
        activate: bool,
    ) -> Result<Value, AwsError> {
        let r: NameRequest = parse(input)?;
        let mut checks = errors::checks();
        check_name(&mut checks, &r.name, "name");
        checks.done()?;
        self.expire_event_sources(ctx);
        let source = self
            .event_sources
            .get(r.name.as_str())
            .ok_or_else(|| source_not_found(&r.name))?;
        if source.state == "DELETED" {
            return Err(errors::invalid_state(format!(
                "Event source {} is deleted.",
                r.name
            )));
        }
        if activate && !self.buses.contains_key(r.name.as_str()) {
            return Err(errors::invalid_state(format!(
                "Event source {} has no matching event bus.",
                r.name
            )));
        }
        self.set_source_state(ctx, &r.name, if activate { "ACTIVE" } else { "PENDING" });
        Ok(json!({}))
    }

    /// The source a partner bus may be created for: it must be offered and not deleted.
    pub(super) fn associate_event_source(
        &mut self,
        ctx: &mut Ctx,
        name: &str,
    ) -> Result<(), AwsError> {
        self.expire_event_sources(ctx);
        match self.event_sources.get(name) {
            Some(source) if source.state != "DELETED" => {
                self.set_source_state(ctx, name, "ACTIVE");
                Ok(())
            }
            _ => Err(source_not_found(name)),
        }
    }

    /// Its partner bus was deleted: the source waits again (or goes, when its partner deleted it).
    pub(super) fn dissociate_event_source(&mut self, ctx: &mut Ctx, name: &str) {
        match self.event_sources.get(name).map(|s| s.state) {
            Some("DELETED") => {
                self.event_sources.remove(name);
            }
            Some(_) => {
                self.set_source_state(ctx, name, "PENDING");
            }
            None => {}
        }
    }

    /// The internal actions between a partner's instance and its customers'.
    pub(super) fn partner_internal(
        &mut self,
        ctx: &mut Ctx,
        action: &str,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let text = |key: &str| input.get(key).and_then(Value::as_str).unwrap_or_default();
        match action {
            "OfferPartnerEventSource" => {
                let name: Rc<str> = text("Name").into();
                let partner = name.split('/').nth(1).unwrap_or_default().to_string();
                self.event_sources.insert(
                    name.clone(),
                    EventSource {
                        name: name.clone(),
                        arn: text("Arn").to_string(),
                        created_by: partner,
                        partner_account: ctx.caller.account.clone(),
                        created: ctx.now,
                        pending_since: ctx.now,
                        state: "PENDING",
                    },
                );
                ctx.emit(EventsEvent::EventSourceStateChanged {
                    source: name,
                    state: "PENDING".into(),
                });
            }
            "WithdrawPartnerEventSource" => {
                let name = text("Name");
                if self.buses.contains_key(name) {
                    self.set_source_state(ctx, name, "DELETED");
                } else if let Some(source) = self.event_sources.remove(name) {
                    ctx.emit(EventsEvent::EventSourceStateChanged {
                        source: source.name,
                        state: "DELETED".into(),
                    });
                }
            }
            "PartnerEvent" => {
                let bus = super::bus_name(input.get("EventBusName").and_then(Value::as_str));
                let active = self
                    .event_sources
                    .get(bus)
                    .is_some_and(|s| s.state == "ACTIVE");
                let event = input.get("Event").cloned().unwrap_or(Value::Null);
                // Events for a source that is not ACTIVE, or with no bus, are not delivered.
                if let (true, Some(bus)) = (active, self.buses.get(bus).map(|b| b.name.clone())) {
                    self.publish(ctx, &bus, event, Origin { replay: None });
                }
            }
            "PartnerEventSourceState" => {
                let Some(source) = self.partner_sources.get_mut(text("Name")) else {
                    return Ok(json!({}));
                };
                let account = ctx.caller.account.clone();
                let state = match text("State") {
                    "ACTIVE" => "ACTIVE",
                    "DELETED" => "DELETED",
                    "EXPIRED" => {
                        source.accounts.remove(&account);
                        return Ok(json!({}));
                    }
                    _ => "PENDING",
                };
                if let Some(offer) = source.accounts.get_mut(&account) {
                    if state == "PENDING" && offer.state != "PENDING" {
                        offer.pending_since = ctx.now;
                    }
                    offer.state = state;
                }
            }
            _ => return Err(AwsError::unknown_operation(&format!("events:{action}"))),
        }
        Ok(json!({}))
    }
}
