//! Amazon EventBridge: event buses (the default bus of each account and
//! Region, custom and partner buses, resource policies for other accounts),
//! rules with event patterns (compiled by `crate::pattern`, one matcher per
//! bus) or schedules (`crate::kernel::schedule`), targets with their input transformation
//! (`transform`), retry policy and dead-letter queue (`deliver`), PutEvents
//! with AWS's entry checks and envelope (`put_events`), TestEventPattern,
//! archives and replays (`archives`), partner (SaaS) event sources and
//! PutPartnerEvents (`partners`), connections and API destinations
//! (`connections`, `api_destinations`, delivered by `api_delivery` to the
//! simulated HTTP endpoints of `crate::endpoints`), and its usage for the Cost views
//! (`pricing`). Deliveries go through the router (`Outbound::Call`), never to
//! another service directly.

mod api_delivery;
#[cfg(test)]
mod api_delivery_tests;
pub mod api_destinations;
#[cfg(test)]
mod api_destinations_tests;
mod archives;
#[cfg(test)]
mod archives_tests;
mod buses;
#[cfg(test)]
mod buses_tests;
mod connection_auth;
pub mod connections;
#[cfg(test)]
mod connections_tests;
mod deliver;
#[cfg(test)]
mod deliver_tests;
pub mod errors;
mod event_sources;
#[allow(clippy::module_inception)] // its trace events, named as every service names them
mod events;
mod foresight;
pub mod model;
pub mod partners;
#[cfg(test)]
mod partners_tests;
pub mod pricing;
mod put_events;
#[cfg(test)]
mod put_events_tests;
#[cfg(test)]
mod recorded_patterns_tests;
mod rules;
#[cfg(test)]
mod rules_tests;
mod service;
mod targets;
#[cfg(test)]
mod targets_tests;
pub mod transform;

/// The schedule expressions of scheduled rules (shared with EventBridge Scheduler, in the kernel).
pub use crate::kernel::schedule;
pub use events::EventsEvent;
pub use model::EventsTimer;
pub use pricing::EventsUsage;

use crate::api::AwsError;
use crate::kernel::Ctx;
use archives::{Archive, Replay};
use deliver::Attempt;
use model::{Bus, DEFAULT_BUS};
use serde_json::Value;
use std::collections::BTreeMap;
use std::rc::Rc;

/// EventBridge in one account and Region.
#[derive(Debug, Default)]
pub struct Events {
    buses: BTreeMap<Rc<str>, Bus>,
    archives: BTreeMap<Rc<str>, Archive>,
    replays: BTreeMap<Rc<str>, Replay>,
    /// Deliveries waiting for a target's answer or for their next try.
    attempts: BTreeMap<u64, Attempt>,
    next_attempt: u64,
    next_generation: u64,
    tags: BTreeMap<String, BTreeMap<String, String>>,
    /// Partner event sources this account offers (as a partner), by name.
    partner_sources: BTreeMap<Rc<str>, partners::PartnerSource>,
    /// Partner event sources offered to this account, by name.
    event_sources: BTreeMap<Rc<str>, partners::EventSource>,
    /// Connections of API destinations, by name.
    connections: BTreeMap<Rc<str>, connections::Connection>,
    next_connection: u64,
    /// API destinations, by name.
    api_destinations: BTreeMap<Rc<str>, api_destinations::ApiDestination>,
    pub usage: EventsUsage,
}

impl Events {
    /// Performs one action of the JSON API.
    pub fn call(&mut self, ctx: &mut Ctx, action: &str, input: &Value) -> Result<Value, AwsError> {
        match action {
            "CreateEventBus" => self.create_event_bus(ctx, input),
            "DescribeEventBus" => self.describe_event_bus(ctx, input),
            "ListEventBuses" => self.list_event_buses(ctx, input),
            "DeleteEventBus" => self.delete_event_bus(ctx, input),
            "UpdateEventBus" => self.update_event_bus(ctx, input),
            "PutPermission" => self.put_permission(ctx, input),
            "RemovePermission" => self.remove_permission(ctx, input),
            "PutRule" => self.put_rule(ctx, input),
            "DescribeRule" => self.describe_rule(ctx, input),
            "ListRules" => self.list_rules(ctx, input),
            "DeleteRule" => self.delete_rule(ctx, input),
            "EnableRule" => self.set_rule_state(ctx, input, "ENABLED"),
            "DisableRule" => self.set_rule_state(ctx, input, "DISABLED"),
            "ListRuleNamesByTarget" => self.list_rule_names_by_target(ctx, input),
            "PutTargets" => self.put_targets(ctx, input),
            "RemoveTargets" => self.remove_targets(ctx, input),
            "ListTargetsByRule" => self.list_targets_by_rule(ctx, input),
            "PutEvents" => self.put_events(ctx, input),
            "TestEventPattern" => put_events::test_event_pattern(input),
            "CreateArchive" => self.create_archive(ctx, input),
            "DescribeArchive" => self.describe_archive(input),
            "ListArchives" => self.list_archives(input),
            "UpdateArchive" => self.update_archive(input),
            "DeleteArchive" => self.delete_archive(input),
            "StartReplay" => self.start_replay(ctx, input),
            "DescribeReplay" => self.describe_replay(input),
            "ListReplays" => self.list_replays(input),
            "CancelReplay" => self.cancel_replay(ctx, input),
            "CreatePartnerEventSource" => self.create_partner_event_source(ctx, input),
            "DeletePartnerEventSource" => self.delete_partner_event_source(ctx, input),
            "DescribePartnerEventSource" => self.describe_partner_event_source(input),
            "ListPartnerEventSources" => self.list_partner_event_sources(input),
            "ListPartnerEventSourceAccounts" => self.list_partner_event_source_accounts(input),
            "PutPartnerEvents" => self.put_partner_events(ctx, input),
            "DescribeEventSource" => self.describe_event_source(ctx, input),
            "ListEventSources" => self.list_event_sources(ctx, input),
            "ActivateEventSource" => self.set_event_source_active(ctx, input, true),
            "DeactivateEventSource" => self.set_event_source_active(ctx, input, false),
            "CreateConnection" => self.create_connection(ctx, input),
            "DescribeConnection" => self.describe_connection(input),
            "ListConnections" => self.list_connections(input),
            "UpdateConnection" => self.update_connection(ctx, input),
            "DeleteConnection" => self.delete_connection(ctx, input),
            "DeauthorizeConnection" => self.deauthorize_connection(ctx, input),
            "CreateApiDestination" => self.create_api_destination(ctx, input),
            "DescribeApiDestination" => self.describe_api_destination(input),
            "ListApiDestinations" => self.list_api_destinations(input),
            "UpdateApiDestination" => self.update_api_destination(ctx, input),
            "DeleteApiDestination" => self.delete_api_destination(input),
            "TagResource" => self.tag_resource(ctx, input),
            "UntagResource" => self.untag_resource(input),
            "ListTagsForResource" => self.list_tags(ctx, input),
            other => Err(AwsError::new(
                "com.amazonaws.eventbridge",
                "UnknownOperationException",
                400,
                format!("Stratus does not simulate the EventBridge action {other} yet."),
            )),
        }
    }

    /// The buses of this account and Region, by name (the default bus once anything touched it).
    pub fn buses(&self) -> impl Iterator<Item = &Bus> {
        self.buses.values()
    }

    pub fn bus(&self, name: &str) -> Option<&Bus> {
        self.buses.get(name)
    }

    pub fn archives(&self) -> impl Iterator<Item = &Archive> {
        self.archives.values()
    }

    pub fn replays(&self) -> impl Iterator<Item = &Replay> {
        self.replays.values()
    }

    /// The partner event sources offered to this account.
    pub fn event_sources(&self) -> impl Iterator<Item = &partners::EventSource> {
        self.event_sources.values()
    }

    /// The partner event sources this account offers, as a partner.
    pub fn partner_sources(&self) -> impl Iterator<Item = &partners::PartnerSource> {
        self.partner_sources.values()
    }

    /// The connections of API destinations, by name.
    pub fn connections(&self) -> impl Iterator<Item = &connections::Connection> {
        self.connections.values()
    }

    /// The API destinations, by name.
    pub fn api_destinations(&self) -> impl Iterator<Item = &api_destinations::ApiDestination> {
        self.api_destinations.values()
    }

    /// The default bus, made on first use as AWS has one in every account and Region.
    fn default_bus(&mut self, ctx: &Ctx) -> &mut Bus {
        self.buses.entry(DEFAULT_BUS.into()).or_insert_with(|| {
            Bus::new(
                DEFAULT_BUS,
                ctx.identity.arn("events", "event-bus/default"),
                ctx.now,
            )
        })
    }

    /// The bus a request names (by name or ARN; the default bus when it names none).
    fn bus_mut(&mut self, ctx: &Ctx, name: Option<&str>) -> Result<&mut Bus, AwsError> {
        let name = bus_name(name);
        if name == DEFAULT_BUS {
            return Ok(self.default_bus(ctx));
        }
        self.buses
            .get_mut(name)
            .ok_or_else(|| errors::bus_not_found(name))
    }

    fn next_generation(&mut self) -> u64 {
        self.next_generation += 1;
        self.next_generation
    }
}

/// The bus name of a name or an event-bus ARN; `default` when absent.
pub fn bus_name(name: Option<&str>) -> &str {
    match name {
        None => DEFAULT_BUS,
        Some(n) => errors::bus_arn_name(n).unwrap_or(n),
    }
}
