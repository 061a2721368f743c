//! The kernel every service runs on, below the services and above the
//! simulation primitives (`crate::sim`):
//! - `Ctx`: what a service may touch while it handles a call, a timer or a
//!   reply (virtual time, the caller's identity, the seeded rng, the scheduler,
//!   the trace) and where it leaves work for the router;
//! - `Timer`: the timers services schedule, each tagged with its service;
//! - `route`: what a service hands the router (requests to any action of any
//!   service, deliveries by ARN, answers to calls it left pending) and the keys
//!   that wake waiting calls;
//! - `service`: the `Service` trait each service implements to register with
//!   the world, and the read-only questions one service may ask of another;
//! - `schedule` and `timezone`: schedule expressions (`rate`, `cron`, `at`) and the
//!   IANA time zones they are evaluated in, shared by EventBridge's scheduled rules
//!   and EventBridge Scheduler;
//! - `trace`: `TraceKind`, every event anything can show, one variant per
//!   service wrapping that service's own event type.

mod ctx;
pub mod route;
pub mod schedule;
pub mod service;
pub mod timezone;
pub mod trace;

pub use ctx::{Ctx, Effects};
pub use route::{Outbound, Payload, ReplyTo, Token, TypedAnswer, WakeKey};
pub use service::{Answer, Foreseen, Outcome, Peers, Query, Service, SourceQueue};
pub use trace::{DeliveryEvent, Trace, TraceEvent, TraceKind};

/// A timer some service scheduled; the world hands it back to that service when due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timer {
    Sqs(crate::services::sqs::SqsTimer),
    Lambda(crate::services::lambda::LambdaTimer),
    Events(crate::services::events::EventsTimer),
    Scheduler(crate::services::scheduler::SchedulerTimer),
    /// A consumer fleet's poller or scaling timer (a Stratus built-in, see `crate::fleet`).
    Fleet(crate::fleet::FleetTimer),
    /// A simulated HTTP endpoint's answer is due (a Stratus built-in, see `crate::endpoints`).
    Endpoints(crate::endpoints::EndpointsTimer),
    /// The end of a waiting call's wait (the router's own timer): it gets its final answer.
    CallDeadline(u64),
}

/// A timer with the service instance (one service in one account and region) it returns to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scheduled {
    pub instance: u32,
    pub timer: Timer,
}

impl Timer {
    /// Whether it is the router's own timer rather than a service's.
    pub fn is_router(&self) -> bool {
        matches!(self, Timer::CallDeadline(_))
    }
}
