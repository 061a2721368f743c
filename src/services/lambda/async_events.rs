//! Lambda's asynchronous invocations after Invoke accepted them: the
//! internal queue's dispatch (waiting with backoff while throttled), retries
//! on error (1 then 2 minutes later, MaximumRetryAttempts), the maximum event
//! age, and the end of an event at its OnSuccess / OnFailure destination (as
//! AWS's invocation record) or the function's dead-letter queue.

use super::events::LambdaEvent;
use super::invoke::{AsyncEvent, Kind};
use super::model::{EventInvokeConfig, DEFAULT_EVENT_AGE_S, DEFAULT_RETRY_ATTEMPTS, LATEST};
use super::{Lambda, LambdaTimer};
use crate::kernel::route::{Delivery, Outbound};
use crate::kernel::{Ctx, Timer};
use crate::sim::{format_iso, Millis, TimerClass, MINUTE, SECOND};
use serde_json::{json, Value};

impl Lambda {
    /// The event invoke config of the qualifier the event was invoked with: the alias's when
    /// invoked through an alias, the version's for a version, $LATEST's when unqualified. A
    /// qualifier without one runs with Lambda's defaults.
    fn event_config(&self, e: &AsyncEvent) -> Option<EventInvokeConfig> {
        let f = self.functions.get(&e.function)?;
        f.event_invoke_config
            .get(e.qualifier.as_deref().unwrap_or(LATEST))
            .cloned()
    }

    /// Runs an asynchronous event when concurrency allows, else tries again later.
    pub(super) fn dispatch_event(&mut self, ctx: &mut Ctx, event: u64) {
        let Some(e) = self.events.get(&event) else {
            return;
        };
        let max_age = self
            .event_config(e)
            .map_or(DEFAULT_EVENT_AGE_S, |c| c.max_age_s()) as Millis
            * SECOND;
        let Some(e) = self.events.get_mut(&event) else {
            return;
        };
        let Some(function) = self.functions.get(&e.function) else {
            // The function was deleted while its event waited: the event goes, and says so.
            ctx.emit(LambdaEvent::EventDiscarded {
                function: e.function.as_str().into(),
                request_id: e.request_id.as_str().into(),
                condition: "FunctionDeleted".into(),
            });
            self.events.remove(&event);
            return;
        };
        if ctx.now >= e.received + max_age {
            let payload = e.payload.clone();
            self.event_failed(ctx, event, "EventAgeExceeded", &payload, None);
            return;
        }
        match self.environments.admit(function, &self.functions) {
            Err(t) => {
                // A throttled event waits and is retried with backoff (Lambda keeps it up to its maximum age).
                e.throttled += 1;
                let delay = (SECOND << e.throttled.min(8)).min(5 * MINUTE);
                ctx.emit(LambdaEvent::InvocationThrottled {
                    function: e.function.as_str().into(),
                    reason: t.reason().into(),
                });
                ctx.schedule(
                    ctx.now + delay,
                    TimerClass::Pending,
                    Timer::Lambda(LambdaTimer::RetryEvent { event }),
                );
            }
            Ok(()) => {
                let (name, version, payload, request_id) = (
                    e.function.clone(),
                    e.version,
                    e.payload.clone(),
                    e.request_id.clone(),
                );
                let begun = self.begin(
                    ctx,
                    &name,
                    version,
                    payload,
                    request_id,
                    Kind::Event { event },
                );
                if begun.is_none() {
                    // Its function is gone (found above, so never): the event goes, as above.
                    self.events.remove(&event);
                }
            }
        }
    }

    pub(super) fn event_done(
        &mut self,
        ctx: &mut Ctx,
        event: u64,
        version: &str,
        ok: bool,
        response: Value,
        function_error: bool,
    ) {
        let config = match self.events.get(&event) {
            Some(e) => self.event_config(e),
            None => return,
        };
        let Some(e) = self.events.get_mut(&event) else {
            return;
        };
        e.attempts += 1;
        if ok {
            let destination = config.and_then(|c| c.on_success);
            let (payload, attempts) = (e.payload.clone(), e.attempts);
            if let Some(target) = destination {
                let record = self.invocation_record(
                    ctx, event, version, "Success", attempts, &payload, &response, false,
                );
                self.deliver_record(target, record, None);
            }
            self.events.remove(&event);
            return;
        }
        let retries = config
            .as_ref()
            .map_or(DEFAULT_RETRY_ATTEMPTS, EventInvokeConfig::retries);
        if e.attempts <= retries {
            // AWS waits one minute before the second attempt and two before the third.
            let delay = if e.attempts == 1 { MINUTE } else { 2 * MINUTE };
            ctx.schedule(
                ctx.now + delay,
                TimerClass::Pending,
                Timer::Lambda(LambdaTimer::RetryEvent { event }),
            );
            return;
        }
        let payload = e.payload.clone();
        let _ = function_error;
        self.event_failed(
            ctx,
            event,
            "RetriesExhausted",
            &payload,
            Some((version.to_string(), response)),
        );
    }

    fn event_failed(
        &mut self,
        ctx: &mut Ctx,
        event: u64,
        condition: &str,
        payload: &Value,
        response: Option<(String, Value)>,
    ) {
        let Some(e) = self.events.get(&event) else {
            return;
        };
        let f = self.functions.get(&e.function);
        let on_failure = self.event_config(e).and_then(|c| c.on_failure);
        let dead_letter = f.and_then(|f| f.dead_letter_target.clone());
        let attempts = e.attempts;
        ctx.emit(LambdaEvent::EventDiscarded {
            function: e.function.as_str().into(),
            request_id: e.request_id.as_str().into(),
            condition: condition.into(),
        });
        if let Some(target) = on_failure {
            let (version, body) = response.clone().unwrap_or(("$LATEST".into(), Value::Null));
            let record = self.invocation_record(
                ctx, event, &version, condition, attempts, payload, &body, true,
            );
            self.deliver_record(target, record, None);
        } else if let Some(target) = dead_letter {
            // The older dead-letter queue gets the event itself, with the error in message attributes.
            let error = response
                .as_ref()
                .map(|(_, b)| b.clone())
                .unwrap_or(Value::Null);
            let e = &self.events[&event];
            let body = e
                .payload_text
                .clone()
                .unwrap_or_else(|| payload.to_string());
            let error_code = if condition == "RetriesExhausted" {
                "200"
            } else {
                condition
            };
            let error_message = error
                .get("errorMessage")
                .and_then(Value::as_str)
                .unwrap_or(condition);
            let attributes = json!({
                "RequestID": {"DataType": "String", "StringValue": e.request_id},
                "ErrorCode": {"DataType": "Number", "StringValue": error_code},
                "ErrorMessage": {"DataType": "String", "StringValue": error_message},
            });
            self.deliver_record(target, Value::String(body), Some(attributes));
        }
        self.events.remove(&event);
    }

    /// Hands a record to the router for the destination or dead-letter queue `target` names
    /// (the router records whether it arrived).
    fn deliver_record(&mut self, target: String, body: Value, message_attributes: Option<Value>) {
        self.outgoing.push(Outbound::Deliver {
            target: target.into(),
            delivery: Delivery {
                body,
                message_attributes,
            },
        });
    }

    /// The invocation record Lambda sends to a destination.
    #[allow(clippy::too_many_arguments)]
    fn invocation_record(
        &self,
        ctx: &Ctx,
        event: u64,
        version: &str,
        condition: &str,
        attempts: u32,
        payload: &Value,
        response: &Value,
        failed: bool,
    ) -> Value {
        let e = &self.events[&event];
        let arn = self
            .functions
            .get(&e.function)
            .map(|f| f.arn.clone())
            .unwrap_or_default();
        let mut response_context = json!({ "statusCode": 200, "executedVersion": version });
        if failed && condition == "RetriesExhausted" {
            response_context["functionError"] = json!("Unhandled");
        }
        let mut record = json!({
            "version": "1.0",
            "timestamp": format_iso(ctx.now),
            "requestContext": {
                "requestId": e.request_id,
                "functionArn": format!("{arn}:{version}"),
                "condition": condition,
                "approximateInvokeCount": attempts,
            },
            "requestPayload": payload,
            "responseContext": response_context,
        });
        if !response.is_null() {
            record["responsePayload"] = response.clone();
        }
        record
    }
}
