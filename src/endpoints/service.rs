//! The simulated HTTP endpoints' registration with the world, as a labelled
//! built-in: their actions are not billed; a request answers after the
//! endpoint's latency (`Outcome::Later`, then `Outbound::Answer`).

use super::{Endpoints, EndpointsTimer};
use crate::kernel::{Ctx, Foreseen, Outcome, Payload, Peers, Service, Timer};
use crate::sim::Millis;

impl Service for Endpoints {
    fn name(&self) -> &'static str {
        "endpoints"
    }

    fn call(
        &mut self,
        ctx: &mut Ctx,
        _peers: &dyn Peers,
        operation: &str,
        input: &mut Payload,
    ) -> Outcome {
        Endpoints::call(self, ctx, operation, input.json())
    }

    fn on_timer(&mut self, ctx: &mut Ctx, _peers: &dyn Peers, timer: Timer) {
        let Timer::Endpoints(EndpointsTimer::Respond { ticket }) = timer else {
            return;
        };
        self.respond(ctx, ticket);
    }

    fn foresee(&self, _peers: &dyn Peers, timer: &Timer, _due: Millis) -> Option<Foreseen> {
        let Timer::Endpoints(EndpointsTimer::Respond { ticket }) = timer else {
            return None;
        };
        self.foresee_answer(*ticket)
    }
}
