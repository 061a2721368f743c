//! What a service hands the router, and the keys that wake waiting calls.
//!
//! A service never calls another: it sends an `Outbound` through `Ctx::send`
//! and the router (in `crate::world`) makes the call, bills it, models its
//! failure, and hands the reply back to the sender's `Service::on_reply` with
//! the sender's own `Token`. A call that must wait (a long poll) waits on a
//! `WakeKey`; the service that changes that resource wakes exactly the calls
//! waiting on it, through the trace events it emits.

use super::trace::TraceKind;
use crate::api::AwsError;
use serde_json::Value;
use std::any::Any;
use std::borrow::Cow;
use std::fmt;
use std::rc::Rc;

/// A request's input: AWS's JSON as a tree, the same JSON as text (the browser's and the CLI's
/// path, which a service that reads text never turns into a tree), or a typed request one
/// service hands another directly.
pub enum Payload {
    Json(Value),
    Text(Rc<str>),
    Typed(Box<dyn Any>),
}

impl fmt::Debug for Payload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Payload::Json(v) => write!(f, "Json({v})"),
            Payload::Text(t) => write!(f, "Text({t})"),
            Payload::Typed(_) => f.write_str("Typed(..)"),
        }
    }
}

impl Payload {
    /// The JSON input, or `Null` for text or a typed one.
    pub fn json(&self) -> &Value {
        match self {
            Payload::Json(v) => v,
            Payload::Text(_) | Payload::Typed(_) => &Value::Null,
        }
    }

    /// Text becomes a tree, for a service that reads only trees; `Err` with AWS's
    /// SerializationException when it is not JSON.
    pub fn into_tree(self) -> Result<Payload, AwsError> {
        match self {
            Payload::Text(text) => serde_json::from_str(&text).map(Payload::Json).map_err(|e| {
                AwsError::new(
                    "com.amazon.coral.service",
                    "SerializationException",
                    400,
                    format!("The request is not valid JSON: {e}"),
                )
            }),
            other => Ok(other),
        }
    }
}

/// How a sender recognises the reply to one of its requests (its meaning is the sender's).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Token {
    /// One poller of one owner (a consumer fleet, an event source mapping).
    Poller { owner: u64, poller: u32 },
    /// One SDK call of one invocation.
    Call { invocation: u64, call: u64 },
    /// One delivery of an event to a rule's target (EventBridge), or of a schedule's
    /// invocation to its target (EventBridge Scheduler).
    Target { delivery: u64 },
    /// The OAuth token request of an EventBridge connection (its number).
    Connection { connection: u64 },
}

/// Who the router hands a reply to.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReplyTo {
    /// Nobody waits for it (log lines for CloudWatch Logs).
    Nobody,
    /// The service instance that sent the request, with its token.
    Service { instance: u32, token: Token },
    /// A delivery `from` a service: the router records `Delivered` or `DeliveryFailed` in the
    /// trace, labelled with that service.
    Delivery { target: Rc<str>, from: &'static str },
    /// A call from outside the world (`World::call`), by its number.
    Outside(u64),
}

/// A typed answer: the value itself for a caller that reads it (`as_any`), its JSON for
/// anyone else. Every generated response shape is one.
pub trait TypedAnswer: Any {
    fn as_any(&self) -> &dyn Any;
    fn to_json(&self) -> Value;
}

impl<T: Any + serde::Serialize> TypedAnswer for T {
    fn as_any(&self) -> &dyn Any {
        self
    }

    fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl fmt::Debug for dyn TypedAnswer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Typed({})", self.to_json())
    }
}

/// A record for the resource an ARN names: a destination, a dead-letter queue.
#[derive(Clone, Debug, PartialEq)]
pub struct Delivery {
    /// The record: an SQS queue gets it as the message body (a string as it is, anything
    /// else as JSON text), a function as its event.
    pub body: Value,
    /// Message attributes for an SQS queue (a dead-letter queue's RequestID, ErrorCode, ErrorMessage).
    pub message_attributes: Option<Value>,
}

/// Lines for a log stream in CloudWatch Logs (`logs:PutLogLines`, typed): what Lambda writes
/// for each invocation. The group and stream are created on first use, as Lambda's own role does.
#[derive(Clone, Debug, PartialEq)]
pub struct PutLogLines {
    pub group: String,
    pub stream: String,
    pub lines: Vec<(crate::sim::Millis, String)>,
}

/// What a service hands the router.
#[derive(Debug)]
pub enum Outbound {
    /// Call `action` (`"sqs:ReceiveMessage"`) with `input`; the reply goes back to the sender with
    /// `token`, or nowhere when it is `None`.
    Call {
        token: Option<Token>,
        action: Cow<'static, str>,
        input: Payload,
    },
    /// Deliver a record to the resource `target` (an ARN) names; the router picks the action.
    Deliver { target: Rc<str>, delivery: Delivery },
    /// The sender no longer wants the reply of its waiting call with this token: the call ends
    /// (it was made, so it is still billed, as an empty receive).
    Cancel(Token),
    /// The answer to a call this service left pending (`Outcome::Later(ticket)`).
    Answer {
        ticket: u64,
        result: Result<Value, AwsError>,
    },
}

/// A resource calls can wait on: `("sqs", queue name)`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WakeKey {
    pub service: &'static str,
    pub resource: Rc<str>,
}

impl WakeKey {
    pub fn queue(name: &str) -> Self {
        WakeKey {
            service: "sqs",
            resource: name.into(),
        }
    }

    /// The resources an event may give a waiting call an answer on: SQS says which of its
    /// events give a queue a message or take the queue away (`SqsEvent::woken_queue`).
    pub fn of_event(kind: &TraceKind, mut wake: impl FnMut(WakeKey)) {
        if let TraceKind::Sqs(event) = kind {
            if let Some(queue) = event.woken_queue() {
                wake(WakeKey {
                    service: "sqs",
                    resource: queue.clone(),
                });
            }
        }
    }
}
