//! The simulated AWS services. Each owns its state, validates its own
//! requests and schedules its own timers through `Ctx`; none calls another
//! directly (cross-service work goes through the world).

pub mod lambda;
pub mod logs;
pub mod sqs;

use crate::api::Identity;
use crate::sim::{Millis, Rng, Scheduler, TimerClass, TimerId, Trace, TraceKind};

/// A timer some service scheduled; the world hands it back to that service when due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timer {
    Sqs(sqs::SqsTimer),
    Lambda(lambda::LambdaTimer),
    /// A consumer fleet's poller or scaling timer (a Stratus built-in, see `crate::fleet`).
    Fleet(crate::fleet::FleetTimer),
    /// The deadline of a waiting call the world made for an internal caller (see `World`).
    CallDeadline(u64),
}

/// What a service may touch while it handles a call or a timer.
pub struct Ctx<'a> {
    pub now: Millis,
    pub identity: &'a Identity,
    pub rng: &'a mut Rng,
    pub timers: &'a mut Scheduler<Timer>,
    pub trace: &'a mut Trace,
    /// Set by a call that would wait (an SQS long poll with nothing to return yet): the world
    /// moves virtual time forward, firing timers, and repeats the call until it answers or this time comes.
    pub wait_until: Option<Millis>,
    /// When a repeated waiting call first arrived, so its wait is counted from then.
    pub waiting_since: Option<Millis>,
}

impl<'a> Ctx<'a> {
    /// What a call or timer starts with: nothing waiting yet.
    pub fn new(
        now: Millis,
        identity: &'a Identity,
        rng: &'a mut Rng,
        timers: &'a mut Scheduler<Timer>,
        trace: &'a mut Trace,
    ) -> Self {
        Ctx {
            now,
            identity,
            rng,
            timers,
            trace,
            wait_until: None,
            waiting_since: None,
        }
    }

    pub fn schedule(&mut self, due: Millis, class: TimerClass, timer: Timer) -> TimerId {
        self.timers.schedule(due, class, timer)
    }

    pub fn emit(&mut self, kind: TraceKind) {
        self.trace.push(self.now, kind);
    }
}
