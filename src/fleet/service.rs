//! The consumer fleet's registration with the world, as a labelled built-in:
//! its actions never wait and are not billed; its pollers' SQS calls go out
//! through the router as typed requests and their replies come back here, typed.

use super::poller::Reply;
use super::{Fleets, PollerRef};
use crate::api::AwsError;
use crate::kernel::{Ctx, Outcome, Payload, Peers, Service, Timer, Token, TypedAnswer};
use crate::sim::Millis;
use serde_json::Value;

impl Service for Fleets {
    fn name(&self) -> &'static str {
        "fleet"
    }

    fn call(
        &mut self,
        ctx: &mut Ctx,
        peers: &dyn Peers,
        operation: &str,
        input: &mut Payload,
    ) -> Outcome {
        let depth = |url: &str| peers.queue_by_url(url).map(|q| q.visible);
        let mut out = Vec::new();
        let result = Fleets::call(self, ctx, &depth, operation, input.json(), &mut out);
        ctx.effects.sent.append(&mut out);
        Outcome::Done(result)
    }

    fn on_timer(&mut self, ctx: &mut Ctx, peers: &dyn Peers, timer: Timer) {
        let Timer::Fleet(timer) = timer else { return };
        let depth = |url: &str| peers.queue_by_url(url).map(|q| q.visible);
        let mut out = Vec::new();
        Fleets::on_timer(self, ctx, &depth, timer, &mut out);
        ctx.effects.sent.append(&mut out);
    }

    fn foresee(
        &self,
        peers: &dyn Peers,
        timer: &Timer,
        due: Millis,
    ) -> Option<crate::kernel::Foreseen> {
        let Timer::Fleet(timer) = timer else {
            return None;
        };
        let depth = |url: &str| peers.queue_by_url(url).map(|q| q.visible);
        Fleets::foresee(self, &depth, timer, due)
    }

    fn on_reply(
        &mut self,
        ctx: &mut Ctx,
        _peers: &dyn Peers,
        token: Token,
        operation: &str,
        result: Result<Value, AwsError>,
    ) {
        self.reply(ctx, token, operation, result.map(Reply::Json));
    }

    fn on_typed_reply(
        &mut self,
        ctx: &mut Ctx,
        _peers: &dyn Peers,
        token: Token,
        operation: &str,
        result: Result<Box<dyn TypedAnswer>, AwsError>,
    ) {
        self.reply(ctx, token, operation, result.map(Reply::Typed));
    }
}

impl Fleets {
    /// A poller's call answered.
    fn reply(
        &mut self,
        ctx: &mut Ctx,
        token: Token,
        operation: &str,
        result: Result<Reply, AwsError>,
    ) {
        let Token::Poller { owner, poller } = token else {
            return;
        };
        let Ok(fleet) = u32::try_from(owner) else {
            return;
        };
        let mut out = Vec::new();
        self.on_result(
            ctx,
            PollerRef { fleet, poller },
            operation,
            result,
            &mut out,
        );
        ctx.effects.sent.append(&mut out);
    }
}
