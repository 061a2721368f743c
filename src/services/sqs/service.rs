//! SQS's registration with the world: a long poll with nothing to return
//! waits on its queue (`WakeKey::queue`), and is asked again when an event on
//! that queue wakes it; other services may read a queue's description; each
//! answered call is billed (`pricing`).

use super::policy::{Decision, Requester};
use super::typed_calls::typed_queue_url;
use super::{Queue, Sqs};
use crate::api::AwsError;
use crate::kernel::{
    Answer, Ctx, Foreseen, Outcome, Payload, Peers, Query, Service, SourceQueue, Timer, WakeKey,
};
use crate::sim::Millis;
use serde::Deserialize;
use serde_json::Value;
use std::any::Any;
use std::borrow::Cow;

impl Service for Sqs {
    fn name(&self) -> &'static str {
        "sqs"
    }

    fn call(
        &mut self,
        ctx: &mut Ctx,
        _peers: &dyn Peers,
        operation: &str,
        input: &mut Payload,
    ) -> Outcome {
        let input: &Payload = input;
        let url = match input {
            Payload::Json(v) => v.get("QueueUrl").and_then(Value::as_str).map(Cow::Borrowed),
            Payload::Text(text) => queue_url_in(text),
            Payload::Typed(typed) => typed_queue_url(typed.as_ref()).map(Cow::Borrowed),
        };
        let url = url.as_deref().unwrap_or("");
        if let Err(denied) = self.authorize_caller(ctx, operation, url) {
            return Outcome::Done(Err(denied));
        }
        let outcome = match input {
            Payload::Text(text) => Outcome::DoneText(Sqs::call_text(self, ctx, operation, text)),
            Payload::Typed(typed) => {
                Outcome::DoneTyped(self.call_typed(ctx, operation, typed.as_ref()))
            }
            Payload::Json(_) => Outcome::Done(Sqs::call(self, ctx, operation, input.json())),
        };
        match ctx.wait_until {
            Some(until) => {
                // The queue a QueueUrl names, whether a URL or a bare name, is its last segment.
                let name = url.rsplit('/').next().unwrap_or(url);
                Outcome::Wait {
                    until,
                    key: WakeKey::queue(name),
                }
            }
            None => outcome,
        }
    }

    fn reads_text(&self) -> bool {
        true
    }

    fn bill(&mut self, operation: &str, input: &Value, output: &Value) {
        self.usage.record(operation, input, output);
    }

    fn bill_text(&mut self, operation: &str, input: &str, output: &str) {
        self.usage.record_text(operation, input, output);
    }

    fn bill_typed(&mut self, operation: &str, input: &dyn Any, output: &dyn Any) {
        self.bill_typed_call(operation, input, output);
    }

    fn on_timer(&mut self, ctx: &mut Ctx, _peers: &dyn Peers, timer: Timer) {
        if let Timer::Sqs(timer) = timer {
            Sqs::on_timer(self, ctx, timer);
        }
    }

    fn foresee(&self, _peers: &dyn Peers, timer: &Timer, due: Millis) -> Option<Foreseen> {
        match timer {
            Timer::Sqs(timer) => Sqs::foresee(self, timer, due),
            _ => None,
        }
    }

    fn answer(&self, query: Query<'_>) -> Option<Answer> {
        let found = match query {
            Query::QueueByArn(arn) => self.queues().find(|q| q.arn == arn),
            Query::QueueByUrl(url) => self.queues().find(|q| q.url == url),
        }?;
        Some(Answer::Queue(describe(found)))
    }
}

impl Sqs {
    /// A caller from another account reaches a queue only as the queue's policy allows (the
    /// Policy attribute or AddPermission); a batch action needs its single action's permission.
    /// Anything else is AccessDenied, in AWS's words.
    fn authorize_caller(&self, ctx: &Ctx, operation: &str, url: &str) -> Result<(), AwsError> {
        if ctx.caller.account == ctx.identity.account {
            return Ok(());
        }
        let Some(queue) = self.queues().find(|q| q.url == url) else {
            // No such queue: SQS answers as it would its owner.
            return Ok(());
        };
        let action = operation.strip_suffix("Batch").unwrap_or(operation);
        let decision = queue.attributes.policy.as_ref().map(|p| {
            p.evaluate(
                Requester::Account(&ctx.caller.account),
                action,
                &queue.arn,
                None,
            )
        });
        if decision == Some(Decision::Allow) {
            return Ok(());
        }
        let because = match decision {
            Some(Decision::Deny) => "with an explicit deny in a resource-based policy",
            _ => "because no resource-based policy allows the",
        };
        let action = action.to_ascii_lowercase();
        let message = match decision {
            Some(Decision::Deny) => format!(
                "User: arn:aws:iam::{}:root is not authorized to perform: sqs:{action} on resource: {} {because}",
                ctx.caller.account, queue.arn
            ),
            _ => format!(
                "User: arn:aws:iam::{}:root is not authorized to perform: sqs:{action} on resource: {} {because} sqs:{action} action",
                ctx.caller.account, queue.arn
            ),
        };
        Err(AwsError::query_compatible(
            "com.amazonaws.sqs",
            "AccessDeniedException",
            "AccessDenied",
            403,
            message,
        ))
    }
}

/// The QueueUrl of a request given as text, read without building a tree (`None` when the
/// text is not JSON or names no queue: the action then answers as it would anyway).
pub fn queue_url_in(text: &str) -> Option<Cow<'_, str>> {
    #[derive(Deserialize)]
    struct Addressed<'a> {
        #[serde(rename = "QueueUrl", borrow)]
        queue_url: Option<Cow<'a, str>>,
    }
    serde_json::from_str::<Addressed>(text).ok()?.queue_url
}

fn describe(q: &Queue) -> SourceQueue {
    SourceQueue {
        arn: q.arn.clone(),
        url: q.url.clone(),
        name: q.name.to_string(),
        fifo: q.is_fifo(),
        visibility_timeout: q.attributes.visibility_timeout,
        visible: q.approximate_number_of_messages(),
    }
}
