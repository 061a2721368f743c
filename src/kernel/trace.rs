//! `TraceKind`: every event anything can show, one variant per service, each
//! wrapping that service's own event type (`SqsEvent`, `LambdaEvent`,
//! `FleetEvent`) or the router's delivery outcomes (`DeliveryEvent`). The
//! variant decides the event's `"service"` label; the inner type its name,
//! fields and description. Storage (`crate::sim::trace`) is generic over it.
//!
//! A JSON line reads `{"at":...,"service":"sqs","event":"MessageSent",...}`:
//! the outer enum is untagged, each inner one tagged by `event`.

use crate::endpoints::EndpointsEvent;
use crate::fleet::FleetEvent;
use crate::services::events::EventsEvent;
use crate::services::lambda::LambdaEvent;
use crate::services::scheduler::SchedulerEvent;
use crate::services::schemas::SchemasEvent;
use crate::services::sqs::SqsEvent;
use serde::Serialize;
use std::rc::Rc;

/// The trace of the world, and one event in it.
pub type Trace = crate::sim::Trace<TraceKind>;
pub type TraceEvent = crate::sim::TraceEvent<TraceKind>;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum TraceKind {
    Sqs(SqsEvent),
    Lambda(LambdaEvent),
    Events(EventsEvent),
    Scheduler(SchedulerEvent),
    Schemas(SchemasEvent),
    /// The consumer fleet (a Stratus built-in, not an AWS service).
    Fleet(FleetEvent),
    /// The simulated HTTP endpoints (a Stratus built-in, not an AWS service).
    Endpoints(EndpointsEvent),
    /// A delivery the router made for a service (labelled with that service).
    Delivery(DeliveryEvent),
}

/// How a delivery (an asynchronous invocation's record to its destination, its event to a
/// dead-letter queue) ended. `from` is the service that sent it: the event is labelled with it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all_fields = "camelCase")]
pub enum DeliveryEvent {
    /// The record reached its target.
    Delivered {
        target: Rc<str>,
        #[serde(skip)]
        from: &'static str,
    },
    /// ... or did not: the target does not exist, refused it, or is a service Stratus does not simulate yet.
    DeliveryFailed {
        target: Rc<str>,
        reason: Rc<str>,
        #[serde(skip)]
        from: &'static str,
    },
}

impl DeliveryEvent {
    pub fn name(&self) -> &'static str {
        match self {
            DeliveryEvent::Delivered { .. } => "Delivered",
            DeliveryEvent::DeliveryFailed { .. } => "DeliveryFailed",
        }
    }

    /// One line a person reads in the timeline.
    pub fn describe(&self) -> String {
        match self {
            DeliveryEvent::Delivered { target, .. } => format!("delivered to {target}"),
            DeliveryEvent::DeliveryFailed { target, reason, .. } => {
                format!("delivery to {target} failed: {reason}")
            }
        }
    }
}

impl From<SqsEvent> for TraceKind {
    fn from(e: SqsEvent) -> Self {
        TraceKind::Sqs(e)
    }
}

impl From<LambdaEvent> for TraceKind {
    fn from(e: LambdaEvent) -> Self {
        TraceKind::Lambda(e)
    }
}

impl From<EventsEvent> for TraceKind {
    fn from(e: EventsEvent) -> Self {
        TraceKind::Events(e)
    }
}

impl From<SchedulerEvent> for TraceKind {
    fn from(e: SchedulerEvent) -> Self {
        TraceKind::Scheduler(e)
    }
}

impl From<SchemasEvent> for TraceKind {
    fn from(e: SchemasEvent) -> Self {
        TraceKind::Schemas(e)
    }
}

impl From<FleetEvent> for TraceKind {
    fn from(e: FleetEvent) -> Self {
        TraceKind::Fleet(e)
    }
}

impl From<EndpointsEvent> for TraceKind {
    fn from(e: EndpointsEvent) -> Self {
        TraceKind::Endpoints(e)
    }
}

impl From<DeliveryEvent> for TraceKind {
    fn from(e: DeliveryEvent) -> Self {
        TraceKind::Delivery(e)
    }
}

impl TraceKind {
    /// The service the event happened in: its `"service"` label.
    pub fn service(&self) -> &'static str {
        match self {
            TraceKind::Sqs(_) => "sqs",
            TraceKind::Lambda(_) => "lambda",
            TraceKind::Events(_) => "events",
            TraceKind::Scheduler(_) => "scheduler",
            TraceKind::Schemas(_) => "schemas",
            TraceKind::Fleet(_) => "fleet",
            TraceKind::Endpoints(_) => "endpoints",
            TraceKind::Delivery(
                DeliveryEvent::Delivered { from, .. } | DeliveryEvent::DeliveryFailed { from, .. },
            ) => from,
        }
    }

    /// The queue the event happened in (for a move to a dead-letter queue, the source).
    pub fn queue(&self) -> Option<&str> {
        match self {
            TraceKind::Sqs(e) => Some(e.queue()),
            TraceKind::Lambda(e) => e.queue().map(|q| &**q),
            TraceKind::Fleet(e) => Some(e.queue()),
            TraceKind::Events(_)
            | TraceKind::Endpoints(_)
            | TraceKind::Scheduler(_)
            | TraceKind::Schemas(_)
            | TraceKind::Delivery(_) => None,
        }
    }

    /// The Lambda function the event concerns, if one.
    pub fn function(&self) -> Option<&str> {
        match self {
            TraceKind::Lambda(e) => Some(e.function()),
            _ => None,
        }
    }

    /// The Lambda request id the event concerns, if one (the id Lambda's log lines carry).
    pub fn request_id(&self) -> Option<&str> {
        match self {
            TraceKind::Lambda(e) => e.request_id().map(|id| &**id),
            _ => None,
        }
    }

    /// Whether the event changes nothing a view shows: a receive that returned no message
    /// (a poller's or a person's). "Next event" passes over these.
    pub fn is_quiet(&self) -> bool {
        matches!(
            self,
            TraceKind::Sqs(SqsEvent::EmptyReceive { .. } | SqsEvent::FalseEmptyReceive { .. })
        )
    }

    pub fn name(&self) -> &'static str {
        match self {
            TraceKind::Sqs(e) => e.name(),
            TraceKind::Lambda(e) => e.name(),
            TraceKind::Fleet(e) => e.name(),
            TraceKind::Endpoints(e) => e.name(),
            TraceKind::Events(e) => e.name(),
            TraceKind::Scheduler(e) => e.name(),
            TraceKind::Schemas(e) => e.name(),
            TraceKind::Delivery(e) => e.name(),
        }
    }

    /// One line a person reads in the timeline.
    pub fn describe(&self) -> String {
        match self {
            TraceKind::Sqs(e) => e.describe(),
            TraceKind::Lambda(e) => e.describe(),
            TraceKind::Fleet(e) => e.describe(),
            TraceKind::Endpoints(e) => e.describe(),
            TraceKind::Events(e) => e.describe(),
            TraceKind::Scheduler(e) => e.describe(),
            TraceKind::Schemas(e) => e.describe(),
            TraceKind::Delivery(e) => e.describe(),
        }
    }
}

impl crate::sim::Kind for TraceKind {
    fn service(&self) -> &'static str {
        TraceKind::service(self)
    }

    fn name(&self) -> &'static str {
        TraceKind::name(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(kind: impl Into<TraceKind>) -> String {
        let event = TraceEvent {
            at: 0,
            kind: kind.into(),
            place: None,
        };
        event.to_json_line()
    }

    #[test]
    fn a_line_reads_time_service_event_then_the_event_s_fields() {
        let sent = SqsEvent::MessageSent {
            queue: "q".into(),
            message_id: "m-1".into(),
            delay_seconds: 5,
            message_group_id: None,
        };
        assert_eq!(
            line(sent),
            r#"{"at":"1970-01-01T00:00:00.000Z","service":"sqs","event":"MessageSent","queue":"q","messageId":"m-1","delaySeconds":5}"#
        );
        let scaled = FleetEvent::ConsumerFleetDeleted {
            fleet: "f".into(),
            queue: "q".into(),
        };
        assert_eq!(
            line(scaled),
            r#"{"at":"1970-01-01T00:00:00.000Z","service":"fleet","event":"ConsumerFleetDeleted","fleet":"f","queue":"q"}"#
        );
    }

    #[test]
    fn a_delivery_is_labelled_with_the_service_that_sent_it() {
        let failed = DeliveryEvent::DeliveryFailed {
            target: "arn:aws:sns:us-east-1:123456789012:t".into(),
            reason: "DestinationNotReachable: no".into(),
            from: "lambda",
        };
        assert_eq!(
            line(failed),
            r#"{"at":"1970-01-01T00:00:00.000Z","service":"lambda","event":"DeliveryFailed","target":"arn:aws:sns:us-east-1:123456789012:t","reason":"DestinationNotReachable: no"}"#
        );
    }
}
