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
use crate::services::sqs::shapes::SendMessageRequest;
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
            Ok((action, input)) => self.start(reply_to, sender, action, input),
            Err(e) => self.reply(reply_to, None, "", &Payload::Json(Value::Null), Err(e)),
        }
    }

    /// Delivers a record to what `target` names as the service `from` in the scenario's own
    /// account would (what SNS fan-out and EventBridge targets will do), and lets the world
    /// settle: the `Delivered` or `DeliveryFailed` event is in the trace when it returns.
    pub fn deliver_from(&mut self, from: &'static str, target: &str, delivery: Delivery) {
        let sender = self.identity.clone();
        self.deliver(sender, from, target.into(), delivery);
        self.settle();
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

/// The action that delivers `delivery` to what `target` names, and its input: typed for a
/// queue (SQS reads a typed SendMessage: the record never becomes JSON), JSON for the rest.
fn call_for(target: &str, delivery: Delivery) -> Result<(&'static str, Payload), AwsError> {
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
            let message_attributes = delivery
                .message_attributes
                .map(serde_json::from_value)
                .transpose()
                .map_err(|e| not_deliverable(target, &format!("its message attributes: {e}")))?;
            let send = SendMessageRequest {
                queue_url: url.into(),
                message_body: body.into(),
                message_attributes,
                ..SendMessageRequest::default()
            };
            Ok(("sqs:SendMessage", Payload::Typed(Box::new(send))))
        }
        "lambda" => Ok((
            "lambda:Invoke",
            Payload::Json(
                json!({"FunctionName": target, "InvocationType": "Event", "Payload": delivery.body}),
            ),
        )),
        "sns" => Err(not_deliverable(
            target,
            "SNS is not simulated by Stratus yet",
        )),
        // An event bus (a Lambda destination): the record is the detail of an event from
        // `lambda`, as Lambda puts it on the bus.
        "events" if arn.resource.starts_with("event-bus/") => {
            let condition = delivery
                .body
                .pointer("/requestContext/condition")
                .and_then(Value::as_str)
                .unwrap_or("Success");
            let function = delivery
                .body
                .pointer("/requestContext/functionArn")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let detail_type = if condition == "Success" {
                "Lambda Function Invocation Result - Success"
            } else {
                "Lambda Function Invocation Result - Failure"
            };
            Ok((
                "events:PutEvents",
                Payload::Json(json!({"Entries": [{
                    "Source": "lambda",
                    "DetailType": detail_type,
                    "Detail": delivery.body.to_string(),
                    "Resources": [function],
                    "EventBusName": target,
                }]})),
            ))
        }
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
