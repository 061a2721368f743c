//! The table of services. A new service is its own folder plus one line in
//! `services`; the world dispatches calls, timers and replies by name, and a
//! service at work sees the others only through `Peers` (read-only questions).

use super::World;
use crate::api::Identity;
use crate::fleet::Fleets;
use crate::kernel::{Answer, Ctx, Peers, Query, Service, Timer};
use crate::services::lambda::Lambda;
use crate::services::logs::Logs;
use crate::services::sqs::Sqs;
use crate::sim::Millis;
use std::any::Any;

/// Every registered service, each once.
pub(super) fn services(settings: &super::Settings) -> Vec<Box<dyn Service>> {
    vec![
        Box::new(Sqs::new(settings.sqs)),
        Box::new(Lambda::default()),
        Box::new(Logs::default()),
        // The consumer fleet: a labelled Stratus built-in, not an AWS service.
        Box::new(Fleets::default()),
    ]
}

/// The services other than the one at work, read-only.
struct PeerView<'a>(&'a [Option<Box<dyn Service>>]);

impl Peers for PeerView<'_> {
    fn ask(&self, query: Query<'_>) -> Option<Answer> {
        self.0.iter().flatten().find_map(|s| s.answer(query))
    }
}

impl World {
    /// Runs `f` on the named service with what a service may touch, acting as `identity`; what it
    /// leaves for the router (requests, answers, wakes) is queued, in order. `None` when no such
    /// service is registered.
    pub(super) fn with_service<R>(
        &mut self,
        name: &str,
        identity: &Identity,
        waiting_since: Option<Millis>,
        f: impl FnOnce(&mut dyn Service, &mut Ctx, &dyn Peers) -> R,
    ) -> Option<R> {
        let index = self.names.iter().position(|n| *n == name)?;
        let mut service = self.services[index].take()?;
        let mut ctx = Ctx::new(
            self.now,
            identity,
            &mut self.rng,
            &mut self.timers,
            &mut self.trace,
            &mut self.effects,
        );
        ctx.waiting_since = waiting_since;
        let result = f(service.as_mut(), &mut ctx, &PeerView(&self.services));
        self.services[index] = Some(service);
        let sender = self.names[index];
        self.router.take_effects(sender, &mut self.effects);
        Some(result)
    }

    /// Hands a due timer to the service that scheduled it.
    pub(super) fn on_timer(&mut self, service: &str, timer: Timer) {
        let identity = self.identity.clone();
        self.with_service(service, &identity, None, |s, ctx, peers| {
            s.on_timer(ctx, peers, timer)
        });
    }

    /// The registered service of type `T` (read-only view for the UI and tests).
    pub(super) fn service<T: Service>(&self) -> &T {
        self.services
            .iter()
            .flatten()
            .find_map(|s| {
                let any: &dyn Any = s.as_ref();
                any.downcast_ref::<T>()
            })
            // Every service type the accessors name is registered in `services`, and a slot is
            // empty only while its service works, when the world is not readable.
            .unwrap_or_else(|| unreachable!("a registered service"))
    }
}
