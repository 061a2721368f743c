//! The simulated AWS services. Each owns its state, validates its own
//! requests and schedules its own timers through `Ctx`; none calls another
//! directly (cross-service work goes through the world).

pub mod sqs;

use crate::api::Identity;
use crate::sim::{Millis, Rng, Scheduler, TimerClass, TimerId, Trace, TraceKind};

/// A timer some service scheduled; the world hands it back to that service when due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Timer {
    Sqs(sqs::SqsTimer),
}

/// What a service may touch while it handles a call or a timer.
pub struct Ctx<'a> {
    pub now: Millis,
    pub identity: &'a Identity,
    pub rng: &'a mut Rng,
    pub timers: &'a mut Scheduler<Timer>,
    pub trace: &'a mut Trace,
}

impl Ctx<'_> {
    pub fn schedule(&mut self, due: Millis, class: TimerClass, timer: Timer) -> TimerId {
        self.timers.schedule(due, class, timer)
    }

    pub fn emit(&mut self, kind: TraceKind) {
        self.trace.push(self.now, kind);
    }
}
