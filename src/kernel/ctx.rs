//! `Ctx`: what a service may touch while it works, and `Effects`: what it
//! leaves for the router (requests, answers, wakes).

use super::route::{Outbound, WakeKey};
use super::trace::{Trace, TraceKind};
use super::{Scheduled, Timer};
use crate::api::Identity;
use crate::sim::{Millis, Rng, Scheduler, TimerClass, TimerId};
use std::rc::Rc;

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
    /// The account and region whose resources this service instance holds: queue URLs and
    /// ARNs are built from it.
    pub identity: &'a Identity,
    /// Who is calling: the same account and region, or another account acting across accounts
    /// (what resource policies decide on).
    pub caller: &'a Identity,
    pub rng: &'a mut Rng,
    pub timers: &'a mut Scheduler<Scheduled>,
    pub trace: &'a mut Trace,
    pub effects: &'a mut Effects,
    /// Set by a call that would wait (an SQS long poll with nothing to return yet): the router
    /// asks again when the resource it waits on changes, or at this time for the final answer.
    pub wait_until: Option<Millis>,
    /// When a repeated waiting call first arrived, so its wait is counted from then.
    pub waiting_since: Option<Millis>,
    /// The service instance at work: its timers come back to it.
    instance: u32,
    /// What its trace events are marked with (none in the scenario's own account and region).
    place: Option<Rc<Identity>>,
}

impl<'a> Ctx<'a> {
    /// What a call or timer starts with: nothing waiting yet.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        now: Millis,
        (instance, identity, place): (u32, &'a Identity, Option<Rc<Identity>>),
        caller: &'a Identity,
        rng: &'a mut Rng,
        timers: &'a mut Scheduler<Scheduled>,
        trace: &'a mut Trace,
        effects: &'a mut Effects,
    ) -> Self {
        Ctx {
            now,
            identity,
            caller,
            rng,
            timers,
            trace,
            effects,
            wait_until: None,
            waiting_since: None,
            instance,
            place,
        }
    }

    /// Schedules a timer; it comes back to this service instance when due.
    pub fn schedule(&mut self, due: Millis, class: TimerClass, timer: Timer) -> TimerId {
        let instance = self.instance;
        self.timers
            .schedule(due, class, Scheduled { instance, timer })
    }

    /// Records what happened. An event that may give a waiting call its answer (a message
    /// arrived on a queue) wakes the calls waiting on that resource.
    pub fn emit(&mut self, kind: impl Into<TraceKind>) {
        let kind = kind.into();
        WakeKey::of_event(&kind, |key| self.effects.woken.push(key));
        self.trace.push_in(self.now, kind, self.place.clone());
    }

    /// Hands the router a request, a delivery or an answer.
    pub fn send(&mut self, outbound: Outbound) {
        self.effects.sent.push(outbound);
    }
}
