//! Lambda's registration with the world: calls (a synchronous Invoke answers
//! later, when its invocation ends), timers, the replies to the SQS calls its
//! event source pollers and its functions' SDK calls make, and the work its
//! steps left for the router.

use super::{Begin, Lambda, PollerRef};
use crate::api::AwsError;
use crate::kernel::{Ctx, Outcome, Payload, Peers, Service, Timer, Token};
use serde_json::Value;

impl Service for Lambda {
    fn name(&self) -> &'static str {
        "lambda"
    }

    fn call(
        &mut self,
        ctx: &mut Ctx,
        peers: &dyn Peers,
        operation: &str,
        input: &mut Payload,
    ) -> Outcome {
        let Payload::Json(input) = input else {
            return Outcome::Done(Err(AwsError::unknown_operation(&format!(
                "lambda:{operation}"
            ))));
        };
        let outcome = if operation == "Invoke" {
            match self.invoke_action(ctx, input) {
                Ok(Begin::Answer(v)) => Outcome::Done(Ok(v)),
                Ok(Begin::Running(invocation)) => Outcome::Later(invocation),
                Err(e) => Outcome::Done(Err(e)),
            }
        } else {
            let queues = |arn: &str| peers.queue_by_arn(arn);
            Outcome::Done(Lambda::call(self, ctx, &queues, operation, input))
        };
        self.hand_over(ctx);
        outcome
    }

    fn on_timer(&mut self, ctx: &mut Ctx, peers: &dyn Peers, timer: Timer) {
        if let Timer::Lambda(timer) = timer {
            let queues = |arn: &str| peers.queue_by_arn(arn);
            Lambda::on_timer(self, ctx, &queues, timer);
        }
        self.hand_over(ctx);
    }

    fn on_reply(
        &mut self,
        ctx: &mut Ctx,
        _peers: &dyn Peers,
        token: Token,
        operation: &str,
        result: Result<Value, AwsError>,
    ) {
        match token {
            Token::Call { invocation, call } => self.deliver(ctx, invocation, call, result),
            Token::Poller { owner, poller } => {
                let who = PollerRef {
                    mapping: owner,
                    poller,
                };
                self.on_poll_result(ctx, who, operation, result)
            }
        }
        self.hand_over(ctx);
    }
}

impl Lambda {
    /// Moves what Lambda's last steps left for the router into the context.
    fn hand_over(&mut self, ctx: &mut Ctx) {
        ctx.effects.sent.append(&mut self.outgoing);
    }
}
