//! EventBridge's trace events (`"service":"events"`): buses and rules
//! created and deleted, events put and matched, scheduled rules firing,
//! targets invoked, failed, retried and dead-lettered, archives and replays.
//! `name` and `describe` label them in the trace and the timeline.

use serde::Serialize;
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all_fields = "camelCase")]
pub enum EventsEvent {
    EventBusCreated {
        bus: Rc<str>,
    },
    EventBusDeleted {
        bus: Rc<str>,
    },
    RuleCreated {
        bus: Rc<str>,
        rule: Rc<str>,
    },
    RuleDeleted {
        bus: Rc<str>,
        rule: Rc<str>,
    },
    /// PutEvents accepted an event onto a bus (or a replay, or an AWS service, put it there).
    EventPut {
        bus: Rc<str>,
        event_id: Rc<str>,
        source: Rc<str>,
        detail_type: Rc<str>,
        /// How many enabled rules matched it.
        matched: u32,
        #[serde(skip_serializing_if = "Option::is_none")]
        replay: Option<Rc<str>>,
    },
    /// A rule matched an event (or its schedule came due) and sends it to its targets.
    RuleMatched {
        bus: Rc<str>,
        rule: Rc<str>,
        event_id: Rc<str>,
        targets: u32,
    },
    ScheduledRuleFired {
        bus: Rc<str>,
        rule: Rc<str>,
        event_id: Rc<str>,
    },
    /// The event was sent to one target (attempt 1 is the first try).
    TargetInvoked {
        rule: Rc<str>,
        target: Rc<str>,
        arn: Rc<str>,
        event_id: Rc<str>,
        attempt: u32,
    },
    /// The target took it.
    TargetSucceeded {
        rule: Rc<str>,
        target: Rc<str>,
        event_id: Rc<str>,
    },
    /// The target refused it: retried when the error is one EventBridge retries and the
    /// retry policy allows (`retry_in_ms`), else given up.
    TargetFailed {
        rule: Rc<str>,
        target: Rc<str>,
        event_id: Rc<str>,
        error_code: Rc<str>,
        error_message: Rc<str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        retry_in_ms: Option<u64>,
    },
    /// Given up: sent to the target's dead-letter queue.
    SentToDeadLetterQueue {
        rule: Rc<str>,
        target: Rc<str>,
        event_id: Rc<str>,
        dead_letter_queue: Rc<str>,
    },
    /// Given up with no dead-letter queue: the event is dropped.
    EventDropped {
        rule: Rc<str>,
        target: Rc<str>,
        event_id: Rc<str>,
        reason: Rc<str>,
    },
    EventArchived {
        archive: Rc<str>,
        event_id: Rc<str>,
    },
    ReplayStarted {
        replay: Rc<str>,
        archive: Rc<str>,
        events: u32,
    },
    ReplayCompleted {
        replay: Rc<str>,
    },
    /// A partner offered a partner event source to an account (the partner's side).
    PartnerEventSourceCreated {
        source: Rc<str>,
        account: Rc<str>,
    },
    /// A partner withdrew a source from an account (the partner's side).
    PartnerEventSourceDeleted {
        source: Rc<str>,
        account: Rc<str>,
    },
    /// A partner event source offered to this account is PENDING, ACTIVE or DELETED.
    EventSourceStateChanged {
        source: Rc<str>,
        state: Rc<str>,
    },
    /// A connection (of API destinations) is AUTHORIZED, AUTHORIZING, DEAUTHORIZED …
    ConnectionStateChanged {
        connection: Rc<str>,
        state: Rc<str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        reason: Option<Rc<str>>,
    },
    /// An event for an API destination waits for its invocation rate limit.
    InvocationDelayed {
        rule: Rc<str>,
        target: Rc<str>,
        event_id: Rc<str>,
        api_destination: Rc<str>,
        delay_ms: u64,
    },
}

impl EventsEvent {
    pub fn name(&self) -> &'static str {
        match self {
            EventsEvent::EventBusCreated { .. } => "EventBusCreated",
            EventsEvent::EventBusDeleted { .. } => "EventBusDeleted",
            EventsEvent::RuleCreated { .. } => "RuleCreated",
            EventsEvent::RuleDeleted { .. } => "RuleDeleted",
            EventsEvent::EventPut { .. } => "EventPut",
            EventsEvent::RuleMatched { .. } => "RuleMatched",
            EventsEvent::ScheduledRuleFired { .. } => "ScheduledRuleFired",
            EventsEvent::TargetInvoked { .. } => "TargetInvoked",
            EventsEvent::TargetSucceeded { .. } => "TargetSucceeded",
            EventsEvent::TargetFailed { .. } => "TargetFailed",
            EventsEvent::SentToDeadLetterQueue { .. } => "SentToDeadLetterQueue",
            EventsEvent::EventDropped { .. } => "EventDropped",
            EventsEvent::EventArchived { .. } => "EventArchived",
            EventsEvent::ReplayStarted { .. } => "ReplayStarted",
            EventsEvent::ReplayCompleted { .. } => "ReplayCompleted",
            EventsEvent::PartnerEventSourceCreated { .. } => "PartnerEventSourceCreated",
            EventsEvent::PartnerEventSourceDeleted { .. } => "PartnerEventSourceDeleted",
            EventsEvent::EventSourceStateChanged { .. } => "EventSourceStateChanged",
            EventsEvent::ConnectionStateChanged { .. } => "ConnectionStateChanged",
            EventsEvent::InvocationDelayed { .. } => "InvocationDelayed",
        }
    }

    /// The bus or rule the event concerns (what the timeline links to).
    pub fn resource(&self) -> &Rc<str> {
        match self {
            EventsEvent::EventBusCreated { bus }
            | EventsEvent::EventBusDeleted { bus }
            | EventsEvent::EventPut { bus, .. } => bus,
            EventsEvent::RuleCreated { rule, .. }
            | EventsEvent::RuleDeleted { rule, .. }
            | EventsEvent::RuleMatched { rule, .. }
            | EventsEvent::ScheduledRuleFired { rule, .. }
            | EventsEvent::TargetInvoked { rule, .. }
            | EventsEvent::TargetSucceeded { rule, .. }
            | EventsEvent::TargetFailed { rule, .. }
            | EventsEvent::SentToDeadLetterQueue { rule, .. }
            | EventsEvent::EventDropped { rule, .. } => rule,
            EventsEvent::EventArchived { archive, .. } => archive,
            EventsEvent::ReplayStarted { replay, .. } | EventsEvent::ReplayCompleted { replay } => {
                replay
            }
            EventsEvent::PartnerEventSourceCreated { source, .. }
            | EventsEvent::PartnerEventSourceDeleted { source, .. }
            | EventsEvent::EventSourceStateChanged { source, .. } => source,
            EventsEvent::ConnectionStateChanged { connection, .. } => connection,
            EventsEvent::InvocationDelayed { rule, .. } => rule,
        }
    }

    /// One line a person reads in the timeline.
    pub fn describe(&self) -> String {
        match self {
            EventsEvent::EventBusCreated { bus } => format!("event bus {bus} created"),
            EventsEvent::EventBusDeleted { bus } => format!("event bus {bus} deleted"),
            EventsEvent::RuleCreated { bus, rule } => format!("rule {rule} created on {bus}"),
            EventsEvent::RuleDeleted { bus, rule } => format!("rule {rule} deleted from {bus}"),
            EventsEvent::EventPut {
                bus,
                event_id,
                source,
                detail_type,
                matched,
                replay,
            } => {
                let rules = match matched {
                    0 => "no rule matched".to_string(),
                    1 => "1 rule matched".to_string(),
                    n => format!("{n} rules matched"),
                };
                let replayed = replay
                    .as_ref()
                    .map(|r| format!(" (replay {r})"))
                    .unwrap_or_default();
                format!("{source} \"{detail_type}\" event {event_id} put on {bus}{replayed}: {rules}")
            }
            EventsEvent::RuleMatched {
                rule,
                event_id,
                targets,
                ..
            } => format!("rule {rule} matched {event_id}: sending to {targets} target(s)"),
            EventsEvent::ScheduledRuleFired { rule, event_id, .. } => {
                format!("scheduled rule {rule} fired: event {event_id}")
            }
            EventsEvent::TargetInvoked {
                rule,
                target,
                arn,
                attempt,
                ..
            } => {
                let retry = if *attempt > 1 {
                    format!(" (attempt {attempt})")
                } else {
                    String::new()
                };
                format!("rule {rule} sent the event to target {target} ({arn}){retry}")
            }
            EventsEvent::TargetSucceeded { rule, target, .. } => {
                format!("target {target} of rule {rule} took the event")
            }
            EventsEvent::TargetFailed {
                rule,
                target,
                error_code,
                error_message,
                retry_in_ms,
                ..
            } => {
                let next = match retry_in_ms {
                    Some(ms) => format!("; retry in {}", crate::sim::time::spoken_duration(*ms)),
                    None => "; not retried".to_string(),
                };
                format!("target {target} of rule {rule} failed: {error_code}: {error_message}{next}")
            }
            EventsEvent::SentToDeadLetterQueue {
                target,
                dead_letter_queue,
                event_id,
                ..
            } => format!("event {event_id} for target {target} sent to dead-letter queue {dead_letter_queue}"),
            EventsEvent::EventDropped {
                target, reason, event_id, ..
            } => format!("event {event_id} for target {target} dropped: {reason}"),
            EventsEvent::EventArchived { archive, event_id } => {
                format!("event {event_id} archived in {archive}")
            }
            EventsEvent::ReplayStarted {
                replay,
                archive,
                events,
            } => format!("replay {replay} started from {archive}: {events} event(s)"),
            EventsEvent::ReplayCompleted { replay } => format!("replay {replay} completed"),
            EventsEvent::PartnerEventSourceCreated { source, account } => {
                format!("partner event source {source} offered to account {account}")
            }
            EventsEvent::PartnerEventSourceDeleted { source, account } => {
                format!("partner event source {source} withdrawn from account {account}")
            }
            EventsEvent::EventSourceStateChanged { source, state } => {
                format!("partner event source {source} is {state}")
            }
            EventsEvent::ConnectionStateChanged {
                connection,
                state,
                reason,
            } => match reason {
                Some(reason) => format!("connection {connection} is {state}: {reason}"),
                None => format!("connection {connection} is {state}"),
            },
            EventsEvent::InvocationDelayed {
                target,
                event_id,
                api_destination,
                delay_ms,
                ..
            } => format!(
                "{event_id} to {target} waits {delay_ms} ms for the invocation rate limit of API destination {api_destination}"
            ),
        }
    }
}
