//! The table of services. A new service is its own folder plus one row in
//! `REGISTRY`: its name, how to make one, and which account and region a
//! request addresses (the owner of the queue or function it names). Each
//! service runs as one instance per account and region, made on first use,
//! so resources are keyed by account and region without any service keeping
//! them apart itself. The world dispatches calls, timers and replies to
//! instances; a service at work sees the others only through `Peers`.

use super::{Settings, World};
use crate::api::ids::queue_url_parts;
use crate::api::{Arn, Identity};
use crate::endpoints::Endpoints;
use crate::fleet::Fleets;
use crate::kernel::{Answer, Ctx, Payload, Peers, Query, Service};
use crate::services::events::Events;
use crate::services::lambda::Lambda;
use crate::services::logs::Logs;
use crate::services::scheduler::Scheduler;
use crate::services::schemas::Schemas;
use crate::services::sqs::{queue_url_in, typed_queue_url, Sqs};
use crate::sim::Millis;
use serde_json::Value;
use std::any::Any;
use std::rc::Rc;

/// One registered service.
pub(super) struct Registration {
    pub name: &'static str,
    pub make: fn(&Settings) -> Box<dyn Service>,
    /// The account and region a request addresses when it names another's resource.
    pub owner: fn(&Payload) -> Option<(String, String)>,
}

/// Every registered service, each once.
pub(super) const REGISTRY: &[Registration] = &[
    Registration {
        name: "sqs",
        make: |s| Box::new(Sqs::new(s.sqs)),
        owner: queue_owner,
    },
    Registration {
        name: "lambda",
        make: |_| Box::new(Lambda::default()),
        owner: function_owner,
    },
    Registration {
        name: "events",
        make: |_| Box::new(Events::default()),
        owner: bus_owner,
    },
    // Schedules are named by name (and group), never by an ARN of another account.
    Registration {
        name: "scheduler",
        make: |_| Box::new(Scheduler::default()),
        owner: |_| None,
    },
    Registration {
        name: "schemas",
        make: |_| Box::new(Schemas::default()),
        owner: |_| None,
    },
    Registration {
        name: "logs",
        make: |_| Box::new(Logs::default()),
        owner: |_| None,
    },
    // The consumer fleet: a labelled Stratus built-in, not an AWS service.
    Registration {
        name: "fleet",
        make: |_| Box::new(Fleets::default()),
        owner: |_| None,
    },
    // Simulated HTTP endpoints: a labelled Stratus built-in, not an AWS service.
    Registration {
        name: "endpoints",
        make: |_| Box::new(Endpoints::default()),
        owner: |_| None,
    },
];

/// The owner of the queue a QueueUrl names (`https://sqs.<region>.amazonaws.com/<account>/<name>`).
fn queue_owner(input: &Payload) -> Option<(String, String)> {
    let text;
    let url = match input {
        Payload::Json(v) => v.get("QueueUrl")?.as_str()?,
        Payload::Text(t) => {
            text = queue_url_in(t)?;
            &text
        }
        Payload::Typed(typed) => typed_queue_url(typed.as_ref())?,
    };
    let (region, account, _) = queue_url_parts(url)?;
    Some((account.to_string(), region.to_string()))
}

/// The account of the function a FunctionName ARN names. Lambda's endpoints are regional: a
/// function in another region stays the caller region's to refuse ("not reachable").
fn function_owner(input: &Payload) -> Option<(String, String)> {
    let name = input.json().get("FunctionName")?.as_str()?;
    let account = match Arn::parse(name) {
        Some(arn) => arn.account,
        None => {
            let (account, rest) = name.split_once(':')?;
            rest.starts_with("function:").then_some(account)?
        }
    };
    (account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()))
        .then(|| (account.to_string(), String::new()))
}

/// The account and Region of the event bus an EventBridge request names by ARN (PutEvents'
/// first entry, a forwarded event, or the request's own EventBusName).
fn bus_owner(input: &Payload) -> Option<(String, String)> {
    let v = input.json();
    let name = v
        .get("EventBusName")
        .or_else(|| v.get("Entries")?.get(0)?.get("EventBusName"))?
        .as_str()?;
    let arn = Arn::parse(name)?;
    (arn.service == "events" && arn.resource.starts_with("event-bus/"))
        .then(|| (arn.account.to_string(), arn.region.to_string()))
}

/// One service in one account and region.
pub(super) struct Instance {
    pub name: &'static str,
    pub owner: Rc<Identity>,
    /// Empty only while the service works.
    pub service: Option<Box<dyn Service>>,
}

/// The instances other than the one at work, read-only.
pub(super) struct PeerView<'a>(pub(super) &'a [Instance]);

impl Peers for PeerView<'_> {
    fn ask(&self, query: Query<'_>) -> Option<Answer> {
        self.0
            .iter()
            .filter_map(|i| i.service.as_deref())
            .find_map(|s| s.answer(query))
    }
}

impl World {
    /// The instances of every service in the scenario's own account and region.
    pub(super) fn first_instances(settings: &Settings, home: &Rc<Identity>) -> Vec<Instance> {
        REGISTRY
            .iter()
            .map(|r| Instance {
                name: r.name,
                owner: home.clone(),
                service: Some((r.make)(settings)),
            })
            .collect()
    }

    /// The instance a request for `service` made by `caller` goes to: the owner of the resource
    /// it names, or the caller's own account and region. Made on first use; `None` when no such
    /// service is registered.
    pub(super) fn instance_for(
        &mut self,
        service: &str,
        input: &Payload,
        caller: &Rc<Identity>,
    ) -> Option<u32> {
        let registration = REGISTRY.iter().find(|r| r.name == service)?;
        // The common case first: the resource is the caller's own (no allocation, no lookup of
        // anyone else's instance).
        if let Payload::Json(v) = input {
            let url = v.get("QueueUrl").and_then(Value::as_str);
            let own = url
                .and_then(queue_url_parts)
                .is_some_and(|(region, account, _)| {
                    account == caller.account && region == caller.region
                });
            if own {
                return self.own_instance(service, caller);
            }
        }
        let owner = match (registration.owner)(input) {
            Some((account, region))
                if account != caller.account || (!region.is_empty() && region != caller.region) =>
            {
                let region = if region.is_empty() {
                    caller.region.clone()
                } else {
                    region
                };
                Rc::new(Identity { account, region })
            }
            _ => caller.clone(),
        };
        let found = self.instances.iter().position(|i| {
            i.name == service && (Rc::ptr_eq(&i.owner, &owner) || *i.owner == *owner)
        });
        let index = match found {
            Some(index) => index,
            None => {
                self.instances.push(Instance {
                    name: registration.name,
                    owner,
                    service: Some((registration.make)(&self.settings)),
                });
                self.instances.len() - 1
            }
        };
        u32::try_from(index).ok()
    }

    /// The caller's own instance of `service`, when it exists already (the scenario's own
    /// instances always do); else the general lookup.
    fn own_instance(&mut self, service: &str, caller: &Rc<Identity>) -> Option<u32> {
        let found = self.instances.iter().position(|i| {
            i.name == service && (Rc::ptr_eq(&i.owner, caller) || *i.owner == **caller)
        });
        match found {
            Some(index) => u32::try_from(index).ok(),
            None => self.instance_for(service, &Payload::Json(Value::Null), caller),
        }
    }

    /// Runs `f` on one instance with what a service may touch, called by `caller`; what it leaves
    /// for the router (requests, answers, wakes) is queued, in order.
    pub(super) fn with_instance<R>(
        &mut self,
        index: u32,
        caller: &Identity,
        waiting_since: Option<Millis>,
        f: impl FnOnce(&mut dyn Service, &mut Ctx, &dyn Peers) -> R,
    ) -> Option<R> {
        let slot = self.instances.get_mut(index as usize)?;
        let mut service = slot.service.take()?;
        let owner = slot.owner.clone();
        let place = (*owner != *self.identity).then(|| owner.clone());
        let mut ctx = Ctx::new(
            self.now,
            (index, &owner, place),
            caller,
            &mut self.rng,
            &mut self.timers,
            &mut self.trace,
            &mut self.effects,
        );
        ctx.waiting_since = waiting_since;
        let result = f(service.as_mut(), &mut ctx, &PeerView(&self.instances));
        self.instances[index as usize].service = Some(service);
        self.router.take_effects(index, &mut self.effects);
        Some(result)
    }

    /// The service of an instance, to bill a call it answered.
    pub(super) fn service_to_bill(&mut self, index: Option<u32>) -> Option<&mut dyn Service> {
        let slot = self.instances.get_mut(index? as usize)?;
        slot.service.as_deref_mut()
    }

    /// Every instance of the service of type `T`, in every account and region (read-only view
    /// for the UI and tests: a bill covers the whole scenario).
    pub fn services<T: Service>(&self) -> impl Iterator<Item = &T> {
        self.instances
            .iter()
            .filter_map(|i| i.service.as_deref())
            .filter_map(|s| {
                let any: &dyn Any = s;
                any.downcast_ref::<T>()
            })
    }

    /// Whether the instance's service reads text requests itself.
    pub(super) fn reads_text(&self, index: u32) -> bool {
        self.instances
            .get(index as usize)
            .and_then(|i| i.service.as_deref())
            .is_some_and(|s| s.reads_text())
    }

    /// The service name and owner of an instance.
    pub(super) fn instance_name(&self, index: u32) -> &'static str {
        self.instances.get(index as usize).map_or("", |i| i.name)
    }

    pub(super) fn instance_owner(&self, index: u32) -> Rc<Identity> {
        self.instances
            .get(index as usize)
            .map_or_else(|| self.identity.clone(), |i| i.owner.clone())
    }

    /// The service of type `T` in the scenario's own account and region (read-only view for
    /// the UI and tests).
    pub(super) fn service<T: Service>(&self) -> &T {
        self.instances
            .iter()
            .filter_map(|i| i.service.as_deref())
            .find_map(|s| {
                let any: &dyn Any = s;
                any.downcast_ref::<T>()
            })
            // The first instances, one of each service, are made with the world and only
            // empty while their service works, when the world is not readable.
            .unwrap_or_else(|| unreachable!("a registered service"))
    }

    /// The same for another account and region, if anything was made there.
    pub fn service_in<T: Service>(&self, account: &str, region: &str) -> Option<&T> {
        self.instances
            .iter()
            .filter(|i| i.owner.account == account && i.owner.region == region)
            .filter_map(|i| i.service.as_deref())
            .find_map(|s| {
                let any: &dyn Any = s;
                any.downcast_ref::<T>()
            })
    }

    /// The accounts and regions the world has resources in, the scenario's own first.
    pub fn places(&self) -> Vec<Rc<Identity>> {
        let mut places: Vec<Rc<Identity>> = Vec::new();
        for i in &self.instances {
            if !places.iter().any(|p| **p == *i.owner) {
                places.push(i.owner.clone());
            }
        }
        places
    }
}
