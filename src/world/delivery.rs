//! Deliveries: a record for the resource an ARN names (an asynchronous
//! invocation's destination, a function's dead-letter queue; later an SNS
//! subscription or an EventBridge target). The ARN picks the action; every
//! delivery ends in a `Delivered` or `DeliveryFailed` trace event, whether the
//! target exists, refuses it, or belongs to a service Stratus does not
//! simulate yet.

use super::World;
use crate::api::{Arn, AwsError, Identity};
use crate::kernel::route::Delivery;
use crate::kernel::DeliveryEvent;
use crate::kernel::{Payload, ReplyTo};
use serde_json::{json, Value};
use std::rc::Rc;

impl World {
    /// Delivers for `sender` (the account and region the record comes from), a record of the
    /// service `from`.
    pub(super) fn deliver(
        &mut self,
        sender: Rc<Identity>,
        from: &'static str,
        target: Rc<str>,
        delivery: Delivery,
    ) {
        let reply_to = ReplyTo::Delivery {
            target: target.clone(),
            from,
        };
        match call_for(&target, delivery) {
            Ok((action, input)) => self.start(reply_to, sender, action, Payload::Json(input)),
            Err(e) => self.reply(reply_to, None, "", &Payload::Json(Value::Null), Err(e)),
        }
    }

    /// Every delivery is a trace event, whether it arrived or not.
    /// The event is labelled with the service the record came from.
    pub(super) fn record_delivery(
        &mut self,
        target: &Rc<str>,
        from: &'static str,
        result: Result<Value, AwsError>,
    ) {
        let event = match result {
            Ok(_) => DeliveryEvent::Delivered {
                target: target.clone(),
                from,
            },
            Err(e) => DeliveryEvent::DeliveryFailed {
                target: target.clone(),
                reason: format!("{}: {}", e.code, e.message).into(),
                from,
            },
        };
        self.trace.push(self.now, event.into());
    }
}

/// The action that delivers `delivery` to what `target` names, and its input.
fn call_for(target: &str, delivery: Delivery) -> Result<(&'static str, Value), AwsError> {
    let arn = Arn::parse(target).ok_or_else(|| not_deliverable(target, "it is not an ARN"))?;
    match arn.service {
        "sqs" => {
            let url = arn
                .queue_url()
                .ok_or_else(|| not_deliverable(target, "it names no queue"))?;
            let body = match delivery.body {
                Value::String(text) => text,
                other => other.to_string(),
            };
            let mut input = json!({"QueueUrl": url, "MessageBody": body});
            if let Some(attributes) = delivery.message_attributes {
                input["MessageAttributes"] = attributes;
            }
            Ok(("sqs:SendMessage", input))
        }
        "lambda" => Ok((
            "lambda:Invoke",
            json!({"FunctionName": target, "InvocationType": "Event", "Payload": delivery.body}),
        )),
        "sns" => Err(not_deliverable(
            target,
            "SNS is not simulated by Stratus yet",
        )),
        "events" => Err(not_deliverable(
            target,
            "EventBridge is not simulated by Stratus yet",
        )),
        other => Err(not_deliverable(
            target,
            &format!("Stratus does not deliver to {other}"),
        )),
    }
}

fn not_deliverable(target: &str, why: &str) -> AwsError {
    AwsError::new(
        "",
        "DestinationNotReachable",
        400,
        format!("{target} cannot receive this delivery: {why}."),
    )
}
