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
        if let Err(denied) = self.authorize_caller(ctx, operation, input) {
            return Outcome::Done(Err(denied));
        }
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

    fn foresee(
        &self,
        peers: &dyn Peers,
        timer: &Timer,
        _due: crate::sim::Millis,
    ) -> Option<crate::kernel::Foreseen> {
        let Timer::Lambda(timer) = timer else {
            return None;
        };
        let queues = |arn: &str| peers.queue_by_arn(arn);
        Lambda::foresee(self, &queues, timer)
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
            Token::Target { .. } | Token::Connection { .. } => {}
        }
        self.hand_over(ctx);
    }
}

impl Lambda {
    /// A caller from another account reaches a function only as its resource-based policy
    /// allows (AddPermission); anything else is AccessDeniedException, as AWS answers.
    fn authorize_caller(
        &mut self,
        ctx: &Ctx,
        operation: &str,
        input: &Value,
    ) -> Result<(), AwsError> {
        if ctx.caller.account == ctx.identity.account {
            return Ok(());
        }
        let raw = input
            .get("FunctionName")
            .and_then(Value::as_str)
            .unwrap_or("");
        let (name, qualifier) = super::validate::function_name(operation, raw, ctx.identity)?;
        let iam_action = match operation {
            "Invoke" => "lambda:InvokeFunction".to_string(),
            other => format!("lambda:{other}"),
        };
        let qualifier = qualifier.as_deref().unwrap_or(super::model::LATEST);
        let allowed = self
            .function(&name)
            .and_then(|f| f.policy.get(qualifier))
            .is_some_and(|p| policy_allows(p, &ctx.caller.account, &iam_action));
        if allowed {
            return Ok(());
        }
        let caller = crate::api::Identity {
            account: ctx.caller.account.clone(),
            region: ctx.identity.region.clone(),
        };
        Err(super::errors::access_denied(
            operation,
            &caller,
            &ctx.identity.account,
            &name,
        ))
    }

    /// Moves what Lambda's last steps left for the router into the context.
    fn hand_over(&mut self, ctx: &mut Ctx) {
        ctx.effects.sent.append(&mut self.outgoing);
    }
}

/// Whether a function's resource-based policy lets another account perform `iam_action`
/// (`lambda:InvokeFunction`): a statement that allows that action (or `lambda:*`) to `*`, to
/// the account, or to its root.
pub(super) fn policy_allows(
    policy: &super::model::Policy,
    account: &str,
    iam_action: &str,
) -> bool {
    policy.statements.iter().any(|(_, text)| {
        let Ok(statement) = serde_json::from_str::<Value>(text) else {
            return false;
        };
        let action_ok = match &statement["Action"] {
            Value::String(a) => a == iam_action || a == "lambda:*" || a == "*",
            _ => false,
        };
        let root = format!("arn:aws:iam::{account}:root");
        let principal_ok = match &statement["Principal"] {
            Value::String(p) => p == "*",
            p => p["AWS"]
                .as_str()
                .is_some_and(|a| a == root || a == account || a == "*"),
        };
        statement["Effect"] == "Allow" && action_ok && principal_ok
    })
}
