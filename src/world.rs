//! `World`: every service, the virtual clock, the scheduler, the seeded
//! random source and the trace, behind one `call` that speaks AWS's JSON.

mod internal;
mod lambda_calls;

pub use internal::{Caller, SuspendedCall};

use crate::api::{AwsError, Identity};
use crate::fleet::{Fleets, Outgoing, QueueDepth};
use crate::pricing::Usage;
use crate::services::lambda::{Lambda, Queues, SourceQueue};
use crate::services::logs::Logs;
use crate::services::{
    sqs::{Sqs, SqsBehaviour},
    Ctx, Timer,
};
use crate::sim::{parse_iso, Millis, Rng, Scheduler, Trace, DAY};
use serde_json::Value;
use std::collections::VecDeque;

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
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            epoch: DEFAULT_EPOCH,
            seed: DEFAULT_SEED,
            identity: Identity::default(),
            sqs: SqsBehaviour::default(),
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
    now: Millis,
    rng: Rng,
    timers: Scheduler<Timer>,
    trace: Trace,
    sqs: Sqs,
    lambda: Lambda,
    logs: Logs,
    usage: Usage,
    /// The consumer fleets (a Stratus built-in, see `crate::fleet`).
    fleets: Fleets,
    /// Internal callers' calls that wait, in arrival order (see `internal`).
    suspended: Vec<SuspendedCall>,
    next_call_id: u64,
    /// Internal callers' requests not yet made.
    outgoing: VecDeque<internal::Request>,
}

impl World {
    pub fn new(settings: Settings) -> Self {
        World {
            now: settings.epoch,
            rng: Rng::new(settings.seed),
            timers: Scheduler::default(),
            trace: Trace::default(),
            sqs: Sqs::new(settings.sqs),
            lambda: Lambda::default(),
            logs: Logs::default(),
            usage: Usage::default(),
            fleets: Fleets::default(),
            suspended: Vec::new(),
            next_call_id: 0,
            outgoing: VecDeque::new(),
            settings,
        }
    }

    /// Performs one AWS action, `"sqs:SendMessage"` style, with its JSON request. A call that
    /// waits (a long poll) moves virtual time on, firing due timers, until it can answer.
    pub fn call(&mut self, action: &str, input: Value) -> Result<Value, AwsError> {
        let (service, operation) = action
            .split_once(':')
            .ok_or_else(|| AwsError::unknown_operation(action))?;
        if service == "fleet" {
            // The consumer fleet, a Stratus built-in: its actions never wait and are not billed.
            let result = self.with_fleets(|ctx, fleets, depth, out| {
                fleets.call(ctx, depth, operation, &input, out)
            });
            self.settle();
            return result;
        }
        if action == "lambda:Invoke" {
            let result = self.invoke_lambda(&input);
            self.settle();
            return result;
        }
        if service == "lambda" || service == "logs" {
            // Lambda's control plane and CloudWatch Logs answer at once.
            let result = self.with_services(|ctx, lambda, logs, queues| match service {
                "lambda" => lambda.call(ctx, queues, operation, &input),
                _ => logs.call(ctx, operation, &input),
            });
            self.drain_lambda();
            self.settle();
            return result;
        }
        let arrived = self.now;
        let mut waiting = false;
        loop {
            let (mut ctx, sqs) = self.parts();
            if waiting {
                ctx.waiting_since = Some(arrived);
            }
            let result = match service {
                "sqs" => sqs.call(&mut ctx, operation, &input),
                _ => Err(AwsError::unknown_operation(action)),
            };
            let Some(until) = ctx.wait_until else {
                let result = self.billed(service, operation, &input, result);
                // A completed call may answer calls that wait (a message arrived for a poller).
                self.settle();
                return result;
            };
            waiting = true;
            match self.timers.next_due() {
                // Something may change before the wait ends: let it happen, then ask again.
                Some(due) if due <= until => {
                    self.now = self.now.max(due);
                    self.fire_due();
                }
                // Nothing happens before the wait ends: ask once more at its end, for the final answer.
                _ => {
                    self.advance_to(until);
                }
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

    /// Counts a successful call as AWS bills it (once, however long it waited).
    fn billed(
        &mut self,
        service: &str,
        operation: &str,
        input: &Value,
        result: Result<Value, AwsError>,
    ) -> Result<Value, AwsError> {
        if let (Ok(output), "sqs") = (&result, service) {
            self.usage.record_sqs(operation, input, output);
        }
        result
    }

    /// Billable usage so far (see `pricing`).
    pub fn usage(&self) -> &Usage {
        &self.usage
    }

    /// What a service may touch, split from the services themselves.
    fn parts(&mut self) -> (Ctx<'_>, &mut Sqs) {
        let ctx = Ctx::new(
            self.now,
            &self.settings.identity,
            &mut self.rng,
            &mut self.timers,
            &mut self.trace,
        );
        (ctx, &mut self.sqs)
    }

    /// Fires one timer due at or before now.
    fn fire_due(&mut self) -> usize {
        let Some((_, timer)) = self.timers.pop_due(self.now) else {
            return 0;
        };
        match timer {
            Timer::Sqs(t) => {
                let (mut ctx, sqs) = self.parts();
                sqs.on_timer(&mut ctx, t);
            }
            Timer::Fleet(t) => {
                self.with_fleets(|ctx, fleets, depth, out| fleets.on_timer(ctx, depth, t, out));
            }
            Timer::Lambda(t) => {
                self.with_services(|ctx, lambda, _, queues| lambda.on_timer(ctx, queues, t));
                self.drain_lambda();
            }
            // The waiting call's retry below gives its final answer.
            Timer::CallDeadline(_) => {}
        }
        self.settle();
        1
    }

    /// Runs `f` on the fleets with what they may touch, a read-only queue-depth lookup
    /// (the CloudWatch metric their scaling rule reads), and queues the calls they ask for.
    fn with_fleets<R>(
        &mut self,
        f: impl FnOnce(&mut Ctx, &mut Fleets, QueueDepth, &mut Vec<Outgoing>) -> R,
    ) -> R {
        let mut ctx = Ctx::new(
            self.now,
            &self.settings.identity,
            &mut self.rng,
            &mut self.timers,
            &mut self.trace,
        );
        let sqs = &self.sqs;
        let depth = |url: &str| {
            sqs.queues()
                .find(|q| q.url == url)
                .map(|q| q.approximate_number_of_messages())
        };
        let mut out = Vec::new();
        let result = f(&mut ctx, &mut self.fleets, &depth, &mut out);
        self.enqueue_fleet(out);
        result
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

    /// Runs `f` on Lambda and CloudWatch Logs with what a service may touch, and a read-only
    /// lookup of SQS queues by ARN (what event source mappings may know of their queue).
    fn with_services<R>(
        &mut self,
        f: impl FnOnce(&mut Ctx, &mut Lambda, &mut Logs, Queues) -> R,
    ) -> R {
        let mut ctx = Ctx::new(
            self.now,
            &self.settings.identity,
            &mut self.rng,
            &mut self.timers,
            &mut self.trace,
        );
        let sqs = &self.sqs;
        let queues = |arn: &str| {
            sqs.queues().find(|q| q.arn == arn).map(|q| SourceQueue {
                arn: q.arn.clone(),
                url: q.url.clone(),
                name: q.name.to_string(),
                fifo: q.is_fifo(),
                visibility_timeout: q.attributes.visibility_timeout,
                visible: q.approximate_number_of_messages(),
            })
        };
        f(&mut ctx, &mut self.lambda, &mut self.logs, &queues)
    }

    pub fn lambda(&self) -> &Lambda {
        &self.lambda
    }

    pub fn logs(&self) -> &Logs {
        &self.logs
    }

    pub fn sqs(&self) -> &Sqs {
        &self.sqs
    }

    /// Runs `f` on SQS directly with what a service may touch: the typed path that other
    /// services' deliveries and the benchmarks use, skipping the JSON edge.
    pub fn sqs_direct<R>(&mut self, f: impl FnOnce(&mut Sqs, &mut Ctx) -> R) -> R {
        let (mut ctx, sqs) = self.parts();
        let result = f(sqs, &mut ctx);
        self.settle();
        result
    }

    pub fn fleets(&self) -> &Fleets {
        &self.fleets
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
            Timer::Sqs(far),
        );
        let out = w.run_until_idle();
        assert_eq!((out.advanced, out.idle), (IDLE_HORIZON, false));
    }
}
