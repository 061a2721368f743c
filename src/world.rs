//! `World`: the registry of services, the virtual clock, the scheduler, the
//! seeded random source, the trace and the router between services, behind
//! one `call` that speaks AWS's JSON.
//!
//! - `registry`: the table every service registers in once (SQS, Lambda,
//!   CloudWatch Logs, the consumer fleet); calls, timers and replies are
//!   dispatched from it, and a service reads others only through `Peers`.
//! - `router`: every request one service (or a poller, a fleet, a function's
//!   SDK call, the outside) makes of another: billing, waiting calls woken by
//!   the resource they wait on, answers given later, replies.
//! - `delivery`: records for a resource an ARN names (destinations,
//!   dead-letter queues), with a `Delivered` or `DeliveryFailed` trace event each.

#[cfg(test)]
mod accounts_tests;
mod delivery;
mod foresight;
mod registry;
mod router;
#[cfg(test)]
mod router_tests;

pub use router::WaitingCall;

use crate::api::{AwsError, Identity};
use crate::fleet::Fleets;
use crate::kernel::Trace;
use crate::kernel::{Ctx, Effects, Payload, ReplyTo, Scheduled};
use crate::services::lambda::Lambda;
use crate::services::logs::Logs;
use crate::services::sqs::{Sqs, SqsBehaviour};
use crate::sim::{parse_iso, Millis, Rng, Scheduler, TraceMode, DAY};
use serde_json::Value;
use std::rc::Rc;

/// The default scenario epoch: 2026-01-01T00:00:00Z.
pub const DEFAULT_EPOCH: Millis = 1_767_225_600_000;
pub const DEFAULT_SEED: u64 = 1;
/// `run_until_idle` never moves time further than this in one go, so it always ends.
pub const IDLE_HORIZON: Millis = DAY;

#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    pub epoch: Millis,
    pub seed: u64,
    pub identity: Identity,
    /// The randomised behaviours of SQS standard queues (all off by default).
    pub sqs: SqsBehaviour,
    /// How much of the trace to keep (everything by default).
    pub trace: TraceMode,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            epoch: DEFAULT_EPOCH,
            seed: DEFAULT_SEED,
            identity: Identity::default(),
            sqs: SqsBehaviour::default(),
            trace: TraceMode::Full,
        }
    }
}

impl Settings {
    pub fn with_epoch(mut self, iso: &str) -> Option<Self> {
        self.epoch = parse_iso(iso)?;
        Some(self)
    }
}

/// What `run_until_idle` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdleOutcome {
    /// How far virtual time moved.
    pub advanced: Millis,
    /// How many timers fired.
    pub fired: usize,
    /// False when the horizon was reached with work still pending.
    pub idle: bool,
}

pub struct World {
    settings: Settings,
    /// The account and region calls act in unless they name others.
    identity: Rc<Identity>,
    now: Millis,
    rng: Rng,
    timers: Scheduler<Scheduled>,
    trace: Trace,
    /// Every service in every account and region it was used in (see `registry`).
    instances: Vec<registry::Instance>,
    /// What the working service leaves for the router.
    effects: Effects,
    router: router::Router,
}

impl World {
    pub fn new(settings: Settings) -> Self {
        let identity = Rc::new(settings.identity.clone());
        World {
            instances: World::first_instances(&settings, &identity),
            identity,
            now: settings.epoch,
            rng: Rng::new(settings.seed),
            timers: Scheduler::default(),
            trace: Trace::with_mode(settings.trace),
            effects: Effects::default(),
            router: router::Router::default(),
            settings,
        }
    }

    /// Performs one AWS action, `"sqs:SendMessage"` style, with its JSON request. A call that
    /// waits (a long poll, a synchronous Invoke) moves virtual time on, firing due timers, until
    /// it can answer.
    pub fn call(&mut self, action: &str, input: Value) -> Result<Value, AwsError> {
        let identity = self.identity.clone();
        self.call_as(identity, action, input)
    }

    /// The same, acting in another account or region.
    pub fn call_as(
        &mut self,
        identity: Rc<Identity>,
        action: &str,
        input: Value,
    ) -> Result<Value, AwsError> {
        let id = self.ask(identity, action, Payload::Json(input));
        self.answer_of(id, router::Router::take_outside)
    }

    /// The same action with its request and response as JSON text: the browser's, the CLI's
    /// and an embedder's path. A service that reads text (SQS) never builds a tree of it.
    pub fn call_text(&mut self, action: &str, input: &str) -> Result<String, AwsError> {
        let identity = self.identity.clone();
        let id = self.ask(identity, action, Payload::Text(input.into()));
        self.answer_of(id, router::Router::take_outside_text)
    }

    /// Starts a call from outside; its number finds its answer.
    fn ask(&mut self, identity: Rc<Identity>, action: &str, input: Payload) -> u64 {
        let id = self.router.next_outside();
        self.start(ReplyTo::Outside(id), identity, action, input);
        self.settle();
        id
    }

    /// Moves virtual time on, firing due timers, until the call from outside has its answer. A
    /// waiting call has a deadline timer, and an invocation ends by its timeout, so a timer is
    /// always due until it answers.
    fn answer_of<T>(
        &mut self,
        id: u64,
        take: fn(&mut router::Router, u64) -> Option<Result<T, AwsError>>,
    ) -> Result<T, AwsError> {
        loop {
            if let Some(answer) = take(&mut self.router, id) {
                return answer;
            }
            if self.step().is_none() {
                return Err(AwsError::new(
                    "",
                    "ServiceException",
                    500,
                    "The call stopped without an answer (a Stratus fault).",
                ));
            }
        }
    }

    /// Fires the next due timer, moving the clock to it; returns its time, or None when nothing is scheduled.
    pub fn step(&mut self) -> Option<Millis> {
        let due = self.timers.next_due()?;
        self.now = self.now.max(due);
        self.fire_due();
        Some(due)
    }

    /// Moves virtual time forward by `duration`, firing every timer due on the way in order.
    pub fn advance(&mut self, duration: Millis) -> usize {
        self.advance_to(self.now.saturating_add(duration))
    }

    /// Moves virtual time to `target` (never backwards), firing due timers in order; returns how many fired.
    pub fn advance_to(&mut self, target: Millis) -> usize {
        let mut fired = 0;
        while let Some(due) = self.timers.next_due() {
            if due > target {
                break;
            }
            self.now = self.now.max(due);
            fired += self.fire_due();
        }
        self.now = self.now.max(target);
        fired
    }

    /// Advances until no pending one-off work remains (recurring timers do not count), or
    /// `IDLE_HORIZON` has passed.
    pub fn run_until_idle(&mut self) -> IdleOutcome {
        let start = self.now;
        let horizon = start.saturating_add(IDLE_HORIZON);
        let mut fired = 0;
        while self.timers.pending() > 0 {
            match self.timers.next_due() {
                Some(due) if due <= horizon => {
                    self.now = self.now.max(due);
                    fired += self.fire_due();
                }
                _ => {
                    self.now = horizon;
                    break;
                }
            }
        }
        IdleOutcome {
            advanced: self.now - start,
            fired,
            idle: self.timers.pending() == 0,
        }
    }

    /// Fires one timer due at or before now, then lets the router finish what it caused.
    fn fire_due(&mut self) -> usize {
        let Some((_, timer)) = self.timers.pop_due(self.now) else {
            return 0;
        };
        // The router's own timer (a waiting call's deadline) needs no handler: `settle` asks
        // every call whose deadline has come for its final answer.
        if !timer.timer.is_router() {
            let identity = self.identity.clone();
            self.with_instance(timer.instance, &identity, None, |s, ctx, peers| {
                s.on_timer(ctx, peers, timer.timer)
            });
        }
        self.settle();
        1
    }

    pub fn now(&self) -> Millis {
        self.now
    }

    /// When the next timer is due, if any.
    pub fn next_event_at(&mut self) -> Option<Millis> {
        self.timers.next_due()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    pub fn lambda(&self) -> &Lambda {
        self.service()
    }

    pub fn logs(&self) -> &Logs {
        self.service()
    }

    pub fn sqs(&self) -> &Sqs {
        self.service()
    }

    pub fn events(&self) -> &crate::services::events::Events {
        self.service()
    }

    pub fn schemas(&self) -> &crate::services::schemas::Schemas {
        self.service()
    }

    pub fn scheduler(&self) -> &crate::services::scheduler::Scheduler {
        self.service()
    }

    pub fn fleets(&self) -> &Fleets {
        self.service()
    }

    /// The simulated HTTP endpoints of the scenario's own account and Region, with their
    /// request logs (`Endpoints::requests`).
    pub fn endpoints(&self) -> &crate::endpoints::Endpoints {
        self.service()
    }

    /// Runs `f` on SQS directly with what a service may touch: the typed path that other
    /// services' deliveries and the benchmarks use, skipping the JSON edge.
    pub fn sqs_direct<R>(&mut self, f: impl FnOnce(&mut Sqs, &mut Ctx) -> R) -> R {
        let identity = self.identity.clone();
        let result = self.with_instance(0, &identity, None, |service, ctx, _| {
            let any: &mut dyn std::any::Any = service;
            any.downcast_mut::<Sqs>().map(|sqs| f(sqs, ctx))
        });
        self.settle();
        match result {
            Some(Some(r)) => r,
            // SQS is always registered (see `registry::services`).
            _ => unreachable!("SQS is registered"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::SECOND;
    use serde_json::json;

    fn world_with_in_flight(timeouts: &[u64]) -> World {
        let mut w = World::new(Settings::default());
        let url = w
            .call("sqs:CreateQueue", json!({"QueueName": "q"}))
            .unwrap()["QueueUrl"]
            .clone();
        for t in timeouts {
            w.call(
                "sqs:SendMessage",
                json!({"QueueUrl": url, "MessageBody": "m"}),
            )
            .unwrap();
            w.call(
                "sqs:ReceiveMessage",
                json!({"QueueUrl": url, "VisibilityTimeout": t}),
            )
            .unwrap();
        }
        w
    }

    #[test]
    fn the_clock_starts_at_the_scenario_epoch() {
        assert_eq!(
            crate::sim::format_iso(World::new(Settings::default()).now()),
            "2026-01-01T00:00:00.000Z"
        );
        let later = Settings::default()
            .with_epoch("2030-01-01T00:00:00Z")
            .unwrap();
        assert_eq!(
            crate::sim::format_iso(World::new(later).now()),
            "2030-01-01T00:00:00.000Z"
        );
    }

    #[test]
    fn step_jumps_to_the_next_due_timer_and_fires_only_it() {
        let mut w = world_with_in_flight(&[20, 10]);
        let start = w.now();
        assert_eq!(w.step(), Some(start + 10 * SECOND));
        assert_eq!(w.now(), start + 10 * SECOND);
        assert_eq!(
            w.trace().all().last().unwrap().kind.name(),
            "VisibilityTimeoutExpired"
        );
        assert_eq!(w.step(), Some(start + 20 * SECOND));
        // Background work is an event too: the messages' 4-day retention ends.
        assert_eq!(w.step(), Some(start + 4 * crate::sim::DAY));
        assert_eq!(
            w.trace().all().last().unwrap().kind.name(),
            "MessageExpired"
        );
        assert_eq!(w.step(), None);
    }

    #[test]
    fn advancing_in_slices_or_at_once_gives_the_same_trace() {
        let (mut a, mut b) = (
            world_with_in_flight(&[5, 7, 7]),
            world_with_in_flight(&[5, 7, 7]),
        );
        a.advance(10 * SECOND);
        for _ in 0..10 {
            b.advance(SECOND);
        }
        assert_eq!(a.trace().all(), b.trace().all());
        assert_eq!(a.now(), b.now());
    }

    #[test]
    fn run_until_idle_stops_at_the_horizon_when_work_is_further_away() {
        let mut w = world_with_in_flight(&[43_200]);
        let out = w.run_until_idle();
        assert_eq!(
            (out.advanced, out.fired, out.idle),
            (43_200 * SECOND, 1, true)
        );
        let mut w = World::new(Settings::default());
        let far = crate::services::sqs::SqsTimer::VisibilityTimeout {
            queue_id: 9,
            seq: 0,
            receive_gen: 0,
        };
        w.timers.schedule(
            w.now + 2 * IDLE_HORIZON,
            crate::sim::TimerClass::Pending,
            Scheduled {
                instance: 0,
                timer: crate::kernel::Timer::Sqs(far),
            },
        );
        let out = w.run_until_idle();
        assert_eq!((out.advanced, out.idle), (IDLE_HORIZON, false));
    }
}
