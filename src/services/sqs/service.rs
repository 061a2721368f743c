//! SQS's registration with the world: a long poll with nothing to return
//! waits on its queue (`WakeKey::queue`), and is asked again when an event on
//! that queue wakes it; other services may read a queue's description.

use super::{Queue, Sqs};
use crate::api::AwsError;
use crate::kernel::{
    Answer, Ctx, Outcome, Payload, Peers, Query, Service, SourceQueue, Timer, WakeKey,
};

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
