//! `Ctx`: what a service may touch while it works, and `Effects`: what it
//! leaves for the router (requests, answers, wakes).

use super::route::{Outbound, WakeKey};
use super::Timer;
use crate::api::Identity;
use crate::sim::{Millis, Rng, Scheduler, TimerClass, TimerId, Trace, TraceKind};

/// What a service's work left for the router, in order.
#[derive(Debug, Default)]
pub struct Effects {
    pub sent: Vec<Outbound>,
    /// Resources whose waiting calls may now have an answer.
    pub woken: Vec<WakeKey>,
}

/// What a service may touch while it handles a call, a timer or a reply.
pub struct Ctx<'a> {
    pub now: Millis,
    /// Who is calling: the account and region the call acts in.
    pub identity: &'a Identity,
    pub rng: &'a mut Rng,
    pub timers: &'a mut Scheduler<Timer>,
    pub trace: &'a mut Trace,
    pub effects: &'a mut Effects,
    /// Set by a call that would wait (an SQS long poll with nothing to return yet): the router
    /// asks again when the resource it waits on changes, or at this time for the final answer.
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
        effects: &'a mut Effects,
    ) -> Self {
        Ctx {
            now,
            identity,
            rng,
            timers,
            trace,
            effects,
            wait_until: None,
            waiting_since: None,
        }
    }

    pub fn schedule(&mut self, due: Millis, class: TimerClass, timer: Timer) -> TimerId {
        self.timers.schedule(due, class, timer)
    }

    /// Records what happened. An event that may give a waiting call its answer (a message
    /// arrived on a queue) wakes the calls waiting on that resource.
    pub fn emit(&mut self, kind: TraceKind) {
        WakeKey::of_event(&kind, |key| self.effects.woken.push(key));
        self.trace.push(self.now, kind);
    }

    /// Hands the router a request, a delivery or an answer.
    pub fn send(&mut self, outbound: Outbound) {
        self.effects.sent.push(outbound);
    }
}
