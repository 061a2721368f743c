//! The `Service` trait: what every service (and the consumer fleet, a labelled
//! built-in) implements once to register with the world. The world's table of
//! services dispatches calls, timers, replies and billing through it; `Peers` lets a
//! service ask another a read-only question without importing it.

use super::route::{Payload, Token, TypedAnswer, WakeKey};
use super::{Ctx, Timer};
use crate::api::AwsError;
use crate::sim::Millis;
use serde_json::Value;
use std::any::Any;

/// How a call ends.
#[derive(Debug)]
pub enum Outcome {
    /// Answered now.
    Done(Result<Value, AwsError>),
    /// Answered now, as JSON text (a text request to a service that reads text).
    DoneText(Result<String, AwsError>),
    /// Answered now, typed (a typed request): JSON only for a caller that wants it.
    DoneTyped(Result<Box<dyn TypedAnswer>, AwsError>),
    /// Nothing to answer yet (a long poll): ask again when `key` is woken, and at `until` for
    /// the final answer.
    Wait { until: Millis, key: WakeKey },
    /// The service answers later with `Outbound::Answer { ticket, .. }` (a synchronous Invoke
    /// answers when the function's invocation ends).
    Later(u64),
}

/// What other services may know of an SQS queue.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceQueue {
    pub arn: String,
    pub url: String,
    pub name: String,
    pub fifo: bool,
    /// The queue's VisibilityTimeout in seconds.
    pub visibility_timeout: u32,
    /// ApproximateNumberOfMessages (visible now): the backlog pollers and scaling rules read.
    pub visible: usize,
}

/// What a timer will bring about when it fires, as its service foresees it without firing
/// it: the trace event it should cause (by name), the queue or function it concerns, and a
/// line a person reads ("m-1 becomes visible again in orders").
#[derive(Clone, Debug, PartialEq)]
pub struct Foreseen {
    pub event: &'static str,
    pub resource: Option<std::rc::Rc<str>>,
    pub text: String,
}

/// A read-only question one service asks the others.
#[derive(Clone, Copy, Debug)]
pub enum Query<'a> {
    QueueByArn(&'a str),
    QueueByUrl(&'a str),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    Queue(SourceQueue),
}

/// The other services, read-only.
pub trait Peers {
    fn ask(&self, query: Query<'_>) -> Option<Answer>;

    fn queue_by_arn(&self, arn: &str) -> Option<SourceQueue> {
        match self.ask(Query::QueueByArn(arn))? {
            Answer::Queue(q) => Some(q),
        }
    }

    fn queue_by_url(&self, url: &str) -> Option<SourceQueue> {
        match self.ask(Query::QueueByUrl(url))? {
            Answer::Queue(q) => Some(q),
        }
    }
}

/// One registered service.
pub trait Service: Any {
    /// The prefix of its actions in `"sqs:SendMessage"`.
    fn name(&self) -> &'static str;

    /// Performs one action.
    fn call(
        &mut self,
        ctx: &mut Ctx,
        peers: &dyn Peers,
        operation: &str,
        input: &mut Payload,
    ) -> Outcome;

    /// Whether it reads `Payload::Text` itself; the router turns text into a tree for the others.
    fn reads_text(&self) -> bool {
        false
    }

    /// Bills one successful call, its request and answer as trees: a service that bills per
    /// request counts it (SQS). The default bills nothing (Lambda bills as invocations end).
    fn bill(&mut self, _operation: &str, _input: &Value, _output: &Value) {}

    /// The same for a call made and answered as JSON text.
    fn bill_text(&mut self, _operation: &str, _input: &str, _output: &str) {}

    /// The same for a typed request and answer (`Payload::Typed`, `Outcome::DoneTyped`).
    fn bill_typed(&mut self, _operation: &str, _input: &dyn Any, _output: &dyn Any) {}

    /// A timer it scheduled is due.
    fn on_timer(&mut self, ctx: &mut Ctx, peers: &dyn Peers, timer: Timer);

    /// The reply to a request it sent with `token`.
    fn on_reply(
        &mut self,
        _ctx: &mut Ctx,
        _peers: &dyn Peers,
        _token: Token,
        _operation: &str,
        _result: Result<Value, AwsError>,
    ) {
    }

    /// The typed reply to a typed request it sent with `token`; by default read as JSON.
    fn on_typed_reply(
        &mut self,
        ctx: &mut Ctx,
        peers: &dyn Peers,
        token: Token,
        operation: &str,
        result: Result<Box<dyn TypedAnswer>, AwsError>,
    ) {
        let result = result.map(|answer| answer.to_json());
        self.on_reply(ctx, peers, token, operation, result);
    }

    /// What `timer`, due at `due`, will change that a person sees, as far as the service can
    /// tell before it fires. None when it changes nothing shown (a timer gone stale, a
    /// poller waking with nothing to receive) or the service cannot tell.
    fn foresee(&self, _peers: &dyn Peers, _timer: &Timer, _due: Millis) -> Option<Foreseen> {
        None
    }

    /// Answers another service's read-only question about its resources.
    fn answer(&self, _query: Query<'_>) -> Option<Answer> {
        None
    }
}
