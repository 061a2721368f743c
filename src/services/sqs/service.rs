//! SQS's registration with the world: a long poll with nothing to return
//! waits on its queue (`WakeKey::queue`), and is asked again when an event on
//! that queue wakes it; other services may read a queue's description.

use super::policy::{Decision, Requester};
use super::{Queue, Sqs};
use crate::api::AwsError;
use crate::kernel::{
    Answer, Ctx, Outcome, Payload, Peers, Query, Service, SourceQueue, Timer, WakeKey,
};
use serde_json::Value;

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
        let Payload::Json(input) = input else {
            return Outcome::Done(Err(AwsError::unknown_operation(&format!(
                "sqs:{operation}"
            ))));
        };
        if let Err(denied) = self.authorize_caller(ctx, operation, input) {
            return Outcome::Done(Err(denied));
        }
        let result = Sqs::call(self, ctx, operation, input);
        match ctx.wait_until {
            Some(until) => {
                // The queue a QueueUrl names, whether a URL or a bare name, is its last segment.
                let url = input.get("QueueUrl").and_then(|v| v.as_str()).unwrap_or("");
                let name = url.rsplit('/').next().unwrap_or(url);
                Outcome::Wait {
                    until,
                    key: WakeKey::queue(name),
                }
            }
            None => Outcome::Done(result),
        }
    }

    fn on_timer(&mut self, ctx: &mut Ctx, _peers: &dyn Peers, timer: Timer) {
        if let Timer::Sqs(timer) = timer {
            Sqs::on_timer(self, ctx, timer);
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
    fn authorize_caller(&self, ctx: &Ctx, operation: &str, input: &Value) -> Result<(), AwsError> {
        if ctx.caller.account == ctx.identity.account {
            return Ok(());
        }
        let url = input.get("QueueUrl").and_then(Value::as_str).unwrap_or("");
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
