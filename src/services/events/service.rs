//! EventBridge's registration with the world: its actions answer at once;
//! its timers fire scheduled rules, retries and replays; the answers of its
//! targets come back through `on_reply`. `ForwardEvent` is the router's way
//! for one bus to hand another (in any account or Region) an event that a
//! rule's target named: not an AWS action, so no SDK can send it; nor are
//! `PutManagedRule` and `DeleteManagedRule`, by which another AWS service
//! (the schema registry's discoverer) runs a rule of its own on a bus, as
//! AWS's managed rules (ManagedBy) are: people can see them but not change
//! them; nor are the partner event sources' `OfferPartnerEventSource`,
//! `WithdrawPartnerEventSource`, `PartnerEvent` and `PartnerEventSourceState`
//! (`partners`), by which a partner's instance and its customers' talk.

use super::model::EventsTimer;
use super::put_events::{envelope, Origin};
use super::{bus_name, errors, Events, EventsEvent};
use crate::api::AwsError;
use crate::kernel::{Ctx, Foreseen, Outcome, Payload, Peers, Service, Timer, Token};
use crate::sim::Millis;
use serde_json::{json, Value};
use std::rc::Rc;

impl Service for Events {
    fn name(&self) -> &'static str {
        "events"
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
                "events:{operation}"
            ))));
        };
        Outcome::Done(if operation == "ForwardEvent" {
            self.forward_event(ctx, input)
        } else if matches!(
            operation,
            "OfferPartnerEventSource"
                | "WithdrawPartnerEventSource"
                | "PartnerEvent"
                | "PartnerEventSourceState"
        ) {
            self.partner_internal(ctx, operation, input)
        } else if operation == "PutManagedRule" || operation == "DeleteManagedRule" {
            self.managed_rule(ctx, operation, input)
        } else {
            Events::call(self, ctx, operation, input)
        })
    }

    fn bill(&mut self, operation: &str, input: &Value, output: &Value) {
        self.usage.record(operation, input, output);
    }

    fn on_timer(&mut self, ctx: &mut Ctx, _peers: &dyn Peers, timer: Timer) {
        let Timer::Events(timer) = timer else { return };
        match timer {
            EventsTimer::Schedule {
                bus,
                rule,
                generation,
            } => self.fire_schedule(ctx, &bus, &rule, generation),
            EventsTimer::Retry { attempt } => self.try_delivery(ctx, attempt),
            EventsTimer::Replay { replay } => self.run_replay(ctx, &replay),
        }
    }

    fn foresee(&self, _peers: &dyn Peers, timer: &Timer, _due: Millis) -> Option<Foreseen> {
        let Timer::Events(timer) = timer else {
            return None;
        };
        Events::foresee(self, timer)
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
            // An API destination's HTTP request (a simulated endpoint's answer).
            Token::Target { delivery } if operation == "SendRequest" => {
                self.on_http_reply(ctx, delivery, result)
            }
            Token::Target { delivery } => self.on_target_reply(ctx, delivery, result),
            Token::Connection { connection } => self.on_token_reply(ctx, connection, result),
            _ => {}
        }
    }
}

impl Events {
    /// A scheduled rule comes due: its targets get AWS's "Scheduled Event", and it is armed again.
    fn fire_schedule(&mut self, ctx: &mut Ctx, bus: &Rc<str>, rule: &Rc<str>, generation: u64) {
        let Some(b) = self.buses.get_mut(bus) else {
            return;
        };
        let Some(r) = b.rules.get_mut(rule) else {
            return;
        };
        if r.generation != generation || !r.enabled() {
            return;
        }
        r.schedule_timer = None;
        let id = ctx.rng.uuid();
        let event = envelope(
            &id,
            "Scheduled Event",
            "aws.events",
            &ctx.identity.account,
            ctx.now,
            &ctx.identity.region,
            vec![r.arn.to_string()],
            json!({}),
        );
        ctx.emit(EventsEvent::ScheduledRuleFired {
            bus: bus.clone(),
            rule: rule.clone(),
            event_id: id.as_str().into(),
        });
        Events::arm_schedule(b, ctx, rule);
        self.send_to_targets(ctx, bus, rule, &Rc::new(event));
    }

    /// An event another bus's rule sent here (`{"EventBusName": arn, "Event": envelope}`): the
    /// bus's policy decides for another account.
    fn forward_event(&mut self, ctx: &mut Ctx, input: &Value) -> Result<Value, AwsError> {
        let name = input.get("EventBusName").and_then(Value::as_str);
        let event = input.get("Event").cloned().unwrap_or(Value::Null);
        if !event.is_object() {
            return Err(errors::validation("Parameter Event is not valid."));
        }
        let bus: Rc<str> = match self.bus_for_put(ctx, name) {
            Ok(bus) => bus.name.clone(),
            Err((code, message)) => {
                return Err(if code == "AccessDeniedException" {
                    errors::access_denied(message)
                } else {
                    errors::bus_not_found(bus_name(name))
                })
            }
        };
        self.publish(ctx, &bus, event, Origin { replay: None });
        Ok(json!({}))
    }
}
