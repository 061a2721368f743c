//! The router: every request a service, a poller, a fleet, a function's SDK
//! call or the outside makes of any action of any service goes through here.
//! It makes the call, bills it (`Service::bill`, to the service that answered),
//! and hands the reply to whoever asked
//! (`ReplyTo`). A call that must wait (a long poll) is kept with the resource
//! it waits on and its deadline, and asked again only when an event wakes that
//! resource or its deadline comes, so idle waiters cost nothing per event.
//! A call its service answers later (a synchronous Invoke) is kept by ticket
//! until the service hands the answer over. Each call is billed once, when it
//! answers, however long it waited (as AWS bills a long poll).

use super::World;
use crate::api::{AwsError, Identity};
use crate::kernel::{
    Effects, Outbound, Outcome, Payload, ReplyTo, Scheduled, Timer, TypedAnswer, WakeKey,
};
use crate::sim::{Millis, TimerClass, TimerId};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::rc::Rc;

/// A call that is waiting for something to answer.
#[derive(Debug)]
pub struct WaitingCall {
    /// Its number, in arrival order.
    pub id: u64,
    pub reply_to: ReplyTo,
    /// The service instance it waits at (one service in one account and region).
    pub instance: u32,
    pub service: &'static str,
    pub operation: Rc<str>,
    pub arrived: Millis,
    pub deadline: Millis,
    /// The resource whose events wake it.
    pub key: WakeKey,
    input: Payload,
    identity: Rc<Identity>,
    timer: TimerId,
}

/// A call its service answers later.
#[derive(Debug)]
struct Pending {
    reply_to: ReplyTo,
    operation: Rc<str>,
}

#[derive(Debug, Default)]
pub(super) struct Router {
    /// Work services left, in order, with the service instance that left it.
    queue: VecDeque<(u32, Outbound)>,
    /// Waiting calls by number (arrival order), and indexed by what wakes them.
    waiting: BTreeMap<u64, WaitingCall>,
    by_key: BTreeMap<WakeKey, BTreeSet<u64>>,
    by_deadline: BTreeSet<(Millis, u64)>,
    /// Resources woken since the waiting calls were last asked.
    woken: Vec<WakeKey>,
    /// Calls answered later, by (service instance, ticket).
    pending: BTreeMap<(u32, u64), Pending>,
    /// Answers for calls from outside, until `World::call` (or `call_text`) takes them.
    outside: BTreeMap<u64, Result<Value, AwsError>>,
    outside_text: BTreeMap<u64, Result<String, AwsError>>,
    next_call: u64,
    /// How many times a waiting call was asked again (what idle waiters cost).
    retries: u64,
}

impl Router {
    pub(super) fn next_outside(&mut self) -> u64 {
        self.next_call += 1;
        self.next_call
    }

    pub(super) fn take_outside(&mut self, id: u64) -> Option<Result<Value, AwsError>> {
        self.outside.remove(&id)
    }

    /// An answer for a call from outside that asked in text (a tree answer is written out).
    pub(super) fn take_outside_text(&mut self, id: u64) -> Option<Result<String, AwsError>> {
        if let Some(text) = self.outside_text.remove(&id) {
            return Some(text);
        }
        Some(self.outside.remove(&id)?.map(|v| v.to_string()))
    }

    /// Takes what a service left in its context.
    pub(super) fn take_effects(&mut self, sender: u32, effects: &mut Effects) {
        self.queue
            .extend(effects.sent.drain(..).map(|outbound| (sender, outbound)));
        self.woken.append(&mut effects.woken);
    }

    fn insert(&mut self, call: WaitingCall) {
        self.by_key
            .entry(call.key.clone())
            .or_default()
            .insert(call.id);
        self.by_deadline.insert((call.deadline, call.id));
        self.waiting.insert(call.id, call);
    }

    fn remove(&mut self, id: u64) -> Option<WaitingCall> {
        let call = self.waiting.remove(&id)?;
        if let Some(ids) = self.by_key.get_mut(&call.key) {
            ids.remove(&id);
            if ids.is_empty() {
                self.by_key.remove(&call.key);
            }
        }
        self.by_deadline.remove(&(call.deadline, id));
        Some(call)
    }

    /// The waiting calls to ask again, in arrival order: those on a woken resource and those
    /// whose deadline has come.
    fn due(&mut self, now: Millis) -> Vec<u64> {
        let deadline_came = self.by_deadline.first().is_some_and(|&(at, _)| at <= now);
        if self.by_key.is_empty() {
            // Nothing waits on any key: what woke wakes nobody.
            self.woken.clear();
        }
        if self.woken.is_empty() && !deadline_came {
            return Vec::new();
        }
        let mut ids = BTreeSet::new();
        for key in self.woken.drain(..) {
            if let Some(waiting) = self.by_key.get(&key) {
                ids.extend(waiting.iter().copied());
            }
        }
        ids.extend(
            self.by_deadline
                .range(..=(now, u64::MAX))
                .map(|&(_, id)| id),
        );
        ids.into_iter().collect()
    }
}

impl World {
    /// Makes a call for `reply_to`, acting as `caller`: it goes to the instance of the service
    /// that owns the resource it names (see `registry`).
    pub(super) fn start(
        &mut self,
        reply_to: ReplyTo,
        caller: Rc<Identity>,
        action: &str,
        mut input: Payload,
    ) {
        let (service, operation) = action.split_once(':').unwrap_or((action, ""));
        let Some(instance) = self.instance_for(service, &input, &caller) else {
            let error = match reply_to {
                ReplyTo::Outside(_) => AwsError::unknown_operation(action),
                _ => AwsError::new(
                    "",
                    "UnknownOperationException",
                    400,
                    format!("{action} is not simulated by Stratus: the SDK client for this service has nothing to call."),
                ),
            };
            self.reply(reply_to, None, operation, &input, Err(error));
            return;
        };
        let service = self.instance_name(instance);
        if matches!(input, Payload::Text(_)) && !self.reads_text(instance) {
            input = match input.into_tree() {
                Ok(tree) => tree,
                Err(e) => {
                    return self.reply(
                        reply_to,
                        Some(instance),
                        operation,
                        &Payload::Json(Value::Null),
                        Err(e),
                    )
                }
            };
        }
        let outcome = self.with_instance(instance, &caller, None, |s, ctx, peers| {
            s.call(ctx, peers, operation, &mut input)
        });
        let Some(outcome) = outcome else { return };
        match outcome {
            Outcome::Done(result) => {
                self.reply(reply_to, Some(instance), operation, &input, result)
            }
            Outcome::DoneText(result) => {
                self.reply_text(reply_to, Some(instance), operation, &input, result)
            }
            Outcome::DoneTyped(result) => {
                self.reply_typed(reply_to, instance, operation, &input, result)
            }
            Outcome::Wait { until, key } => {
                self.router.next_call += 1;
                let id = self.router.next_call;
                // A poller's wait is recurring background work, not work `run idle` waits for.
                let class = match reply_to {
                    ReplyTo::Outside(_) => TimerClass::Pending,
                    _ => TimerClass::Background,
                };
                let timer = self.timers.schedule(
                    until,
                    class,
                    Scheduled {
                        instance,
                        timer: Timer::CallDeadline(id),
                    },
                );
                self.router.insert(WaitingCall {
                    id,
                    reply_to,
                    instance,
                    service,
                    operation: operation.into(),
                    arrived: self.now,
                    deadline: until,
                    key,
                    input,
                    identity: caller,
                    timer,
                });
            }
            Outcome::Later(ticket) => {
                let pending = Pending {
                    reply_to,
                    operation: operation.into(),
                };
                self.router.pending.insert((instance, ticket), pending);
            }
        }
    }

    /// Asks a waiting call again (its wait counted from when it arrived).
    fn retry(&mut self, id: u64) {
        let Some(mut call) = self.router.remove(id) else {
            return;
        };
        self.router.retries += 1;
        let caller = call.identity.clone();
        let outcome = self.with_instance(
            call.instance,
            &caller,
            Some(call.arrived),
            |s, ctx, peers| s.call(ctx, peers, &call.operation, &mut call.input),
        );
        match outcome {
            Some(Outcome::Wait { .. }) if self.now < call.deadline => self.router.insert(call),
            // A wait never outlasts its deadline: it ends empty.
            Some(Outcome::Wait { .. }) => {
                self.timers.cancel(call.timer);
                let empty = Ok(json!({}));
                self.reply(
                    call.reply_to,
                    Some(call.instance),
                    &call.operation,
                    &call.input,
                    empty,
                );
            }
            Some(Outcome::Done(result)) => {
                self.timers.cancel(call.timer);
                let (reply_to, instance) = (call.reply_to, Some(call.instance));
                self.reply(reply_to, instance, &call.operation, &call.input, result);
            }
            Some(Outcome::DoneText(result)) => {
                self.timers.cancel(call.timer);
                let (reply_to, instance) = (call.reply_to, Some(call.instance));
                self.reply_text(reply_to, instance, &call.operation, &call.input, result);
            }
            Some(Outcome::DoneTyped(result)) => {
                self.timers.cancel(call.timer);
                let (reply_to, instance) = (call.reply_to, call.instance);
                self.reply_typed(reply_to, instance, &call.operation, &call.input, result);
            }
            Some(Outcome::Later(ticket)) => {
                self.timers.cancel(call.timer);
                let pending = Pending {
                    reply_to: call.reply_to,
                    operation: call.operation,
                };
                self.router.pending.insert((call.instance, ticket), pending);
            }
            None => {}
        }
    }

    /// Bills an answered call to the service `instance` that answered it (none when no service
    /// did) and hands the answer to whoever asked.
    pub(super) fn reply(
        &mut self,
        reply_to: ReplyTo,
        instance: Option<u32>,
        operation: &str,
        input: &Payload,
        result: Result<Value, AwsError>,
    ) {
        if let Ok(output) = &result {
            self.bill(instance, operation, input, output);
        }
        self.hand_over(reply_to, operation, result);
    }

    /// Bills a call answered with a tree (a typed or text request too: a long poll that
    /// ended empty is answered `{}`) to the service `instance` that answered it.
    fn bill(&mut self, instance: Option<u32>, operation: &str, input: &Payload, output: &Value) {
        let Some(service) = self.service_to_bill(instance) else {
            return;
        };
        match input {
            Payload::Json(tree) => service.bill(operation, tree, output),
            Payload::Text(text) => service.bill_text(operation, text, &output.to_string()),
            Payload::Typed(typed) => service.bill_typed(operation, typed.as_ref(), output),
        }
    }

    /// Bills a call answered as text and hands the answer over: as text to the outside that
    /// asked in text, as a tree to anyone else.
    fn reply_text(
        &mut self,
        reply_to: ReplyTo,
        instance: Option<u32>,
        operation: &str,
        input: &Payload,
        result: Result<String, AwsError>,
    ) {
        if let (Ok(output), Payload::Text(text)) = (&result, input) {
            if let Some(service) = self.service_to_bill(instance) {
                service.bill_text(operation, text, output);
            }
        }
        match reply_to {
            ReplyTo::Outside(id) => {
                self.router.outside_text.insert(id, result);
            }
            other => {
                let tree = result.and_then(|t| {
                    serde_json::from_str(&t).map_err(|e| {
                        AwsError::new(
                            "",
                            "ServiceException",
                            500,
                            format!("An answer that is not JSON (a Stratus fault): {e}"),
                        )
                    })
                });
                self.hand_over(other, operation, tree);
            }
        }
    }

    /// Bills a call answered typed and hands the answer over: a delivery needs only to know
    /// that it arrived, anyone else gets the answer's JSON.
    fn reply_typed(
        &mut self,
        reply_to: ReplyTo,
        instance: u32,
        operation: &str,
        input: &Payload,
        result: Result<Box<dyn TypedAnswer>, AwsError>,
    ) {
        if let (Ok(output), Payload::Typed(request)) = (&result, input) {
            if let Some(service) = self.service_to_bill(Some(instance)) {
                service.bill_typed(operation, request.as_ref(), output.as_any());
            }
        }
        match reply_to {
            ReplyTo::Service { instance, token } => {
                let owner = self.instance_owner(instance);
                self.with_instance(instance, &owner, None, |s, ctx, peers| {
                    s.on_typed_reply(ctx, peers, token, operation, result)
                });
            }
            ReplyTo::Delivery { .. } => {
                self.hand_over(reply_to, operation, result.map(|_| Value::Null))
            }
            other => self.hand_over(other, operation, result.map(|answer| answer.to_json())),
        }
    }

    /// Hands an answer to whoever asked.
    fn hand_over(&mut self, reply_to: ReplyTo, operation: &str, result: Result<Value, AwsError>) {
        match reply_to {
            ReplyTo::Nobody => {}
            ReplyTo::Service { instance, token } => {
                let owner = self.instance_owner(instance);
                self.with_instance(instance, &owner, None, |s, ctx, peers| {
                    s.on_reply(ctx, peers, token, operation, result)
                });
            }
            ReplyTo::Delivery { target, from } => self.record_delivery(&target, from, result),
            ReplyTo::Outside(id) => {
                self.router.outside.insert(id, result);
            }
        }
    }

    /// The sender no longer wants its waiting calls: they end. They were made, so they are
    /// billed (as empty receives).
    fn cancel(&mut self, reply_to: ReplyTo) {
        let gone: Vec<u64> = self
            .router
            .waiting
            .values()
            .filter(|c| c.reply_to == reply_to)
            .map(|c| c.id)
            .collect();
        for id in gone {
            if let Some(call) = self.router.remove(id) {
                self.timers.cancel(call.timer);
                self.bill(
                    Some(call.instance),
                    &call.operation,
                    &call.input,
                    &json!({}),
                );
            }
        }
    }

    /// Runs the router's work until none is left: what services left (in order), then the
    /// waiting calls that were woken or whose deadline came, again while any of that made more.
    pub(super) fn settle(&mut self) {
        loop {
            while let Some((sender, outbound)) = self.router.queue.pop_front() {
                match outbound {
                    Outbound::Call {
                        token,
                        action,
                        input,
                    } => {
                        let reply_to = token.map_or(ReplyTo::Nobody, |token| ReplyTo::Service {
                            instance: sender,
                            token,
                        });
                        // A service calls as the account and region it runs in.
                        let caller = self.instance_owner(sender);
                        self.start(reply_to, caller, &action, input);
                    }
                    Outbound::Deliver { target, delivery } => {
                        let caller = self.instance_owner(sender);
                        let from = self.instance_name(sender);
                        self.deliver(caller, from, target, delivery)
                    }
                    Outbound::Cancel(token) => self.cancel(ReplyTo::Service {
                        instance: sender,
                        token,
                    }),
                    Outbound::Answer { ticket, result } => {
                        if let Some(p) = self.router.pending.remove(&(sender, ticket)) {
                            let input = Payload::Json(Value::Null);
                            self.reply(p.reply_to, Some(sender), &p.operation, &input, result);
                        }
                    }
                }
            }
            let due = self.router.due(self.now);
            if due.is_empty() {
                return;
            }
            for id in due {
                self.retry(id);
            }
        }
    }

    /// How many times the router asked a waiting call again, so far.
    pub fn waits_retried(&self) -> u64 {
        self.router.retries
    }

    /// Calls that are waiting, in arrival order (read-only view for the UI and tests).
    pub fn suspended_calls(&self) -> Vec<&WaitingCall> {
        self.router.waiting.values().collect()
    }
}
