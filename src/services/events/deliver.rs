//! Sending an event to a target through the router: the input the target
//! gets (`transform`), the call its ARN implies (SQS SendMessage with the
//! FIFO group, Lambda's asynchronous Invoke, another bus), and what happens
//! when it fails: errors EventBridge retries (throttling, service faults)
//! are tried again with exponential backoff and jitter while the target's
//! RetryPolicy allows (185 attempts and 24 hours by default); the others,
//! and retries exhausted, go to the target's dead-letter queue with AWS's
//! message attributes, or are dropped.

use super::model::{EventsTimer, Target};
use super::transform::TargetInput;
use super::{Events, EventsEvent};
use crate::api::{Arn, AwsError};
use crate::kernel::route::Delivery;
use crate::kernel::{Ctx, Outbound, Payload, Timer, Token};
use crate::sim::{Millis, TimerClass, SECOND};
use serde_json::{json, Value};
use std::rc::Rc;

/// Backoff between tries: from 1 s, doubling, at most 5 minutes, with jitter.
const FIRST_BACKOFF: Millis = SECOND;
const MAX_BACKOFF: Millis = 300 * SECOND;

/// One event on its way to one target.
#[derive(Debug)]
pub struct Attempt {
    pub rule: Rc<str>,
    pub rule_arn: Rc<str>,
    pub target: Target,
    pub event: Rc<Value>,
    pub event_id: Rc<str>,
    pub input: TargetInput,
    /// When the event was first sent: MaximumEventAgeInSeconds counts from here.
    pub first_at: Millis,
    /// Tries made so far.
    pub tries: u32,
    /// An API destination's invocation slot is reserved for the next try (rate limit).
    pub slot_reserved: bool,
    /// The Retry-After (seconds) of an API destination's last answer.
    pub retry_after: Option<i64>,
}

/// Whether EventBridge tries a target again after this error: throttling and service
/// faults are retried; a missing resource, a refusal or a bad request are not.
pub fn retried(error: &AwsError) -> bool {
    error.code == super::api_delivery::TOKEN_REFRESH
        || error.status >= 500
        || error.status == 429
        || error.code.contains("Throttl")
        || error.code.contains("TooManyRequests")
        || error.code == "ServiceUnavailable"
}

/// The ERROR_CODE attribute of a dead-lettered event, from the target's error.
fn error_kind(error: &AwsError) -> &'static str {
    if error.code.contains("NotFound") || error.code.contains("NonExistent") {
        "RESOURCE_NOT_FOUND"
    } else if error.code.contains("AccessDenied") || error.status == 403 {
        "NO_PERMISSIONS"
    } else if error.code == super::api_delivery::HTTP_ERROR {
        if error.status == 429 {
            "THROTTLING"
        } else {
            "SDK_CLIENT_ERROR"
        }
    } else if retried(error) && error.status != 500 {
        "THROTTLING"
    } else {
        "SDK_CLIENT_ERROR"
    }
}

fn string_attribute(value: &str) -> Value {
    json!({"DataType": "String", "StringValue": value})
}

/// The request that hands `input` to the target its ARN names, or why Stratus cannot.
fn request_for(
    target: &Target,
    input: &TargetInput,
    event_id: &str,
) -> Result<(&'static str, Value), AwsError> {
    let unreachable = |why: String| {
        AwsError::new(
            "",
            "TargetNotReachable",
            400,
            format!("{} cannot receive events: {why}.", target.arn),
        )
    };
    let arn = Arn::parse(&target.arn).ok_or_else(|| unreachable("it is not an ARN".into()))?;
    match arn.service {
        "sqs" => {
            let url = arn
                .queue_url()
                .ok_or_else(|| unreachable("it names no queue".into()))?;
            let mut request = json!({"QueueUrl": url, "MessageBody": input.text()});
            if let Some(group) = &target.message_group_id {
                request["MessageGroupId"] = json!(group);
                request["MessageDeduplicationId"] = json!(event_id);
            }
            Ok(("sqs:SendMessage", request))
        }
        "lambda" => Ok((
            "lambda:Invoke",
            json!({"FunctionName": &*target.arn, "InvocationType": "Event", "Payload": input.value()}),
        )),
        "events" if arn.resource.starts_with("event-bus/") => Ok((
            "events:ForwardEvent",
            json!({"EventBusName": &*target.arn, "Event": input.value()}),
        )),
        "schemas" if arn.resource.starts_with("discoverer/") => Ok((
            "schemas:DiscoverEvent",
            json!({"DiscovererArn": &*target.arn, "Event": input.value()}),
        )),
        "sns" => Err(unreachable("SNS is not simulated by Stratus yet".into())),
        "states" => Err(unreachable(
            "Step Functions is not simulated by Stratus yet".into(),
        )),
        "kinesis" | "firehose" => Err(unreachable(
            "Kinesis is not simulated by Stratus yet".into(),
        )),
        other => Err(unreachable(format!(
            "Stratus does not deliver to {other} targets"
        ))),
    }
}

impl Events {
    /// Sends `event` to one target of a rule, now.
    pub(super) fn start_delivery(
        &mut self,
        ctx: &mut Ctx,
        rule: Rc<str>,
        rule_arn: Rc<str>,
        target: Target,
        event: Rc<Value>,
    ) {
        let input = target.input_for(&event, &rule, &rule_arn);
        let event_id: Rc<str> = event
            .get("id")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .into();
        self.next_attempt += 1;
        let id = self.next_attempt;
        self.attempts.insert(
            id,
            Attempt {
                rule,
                rule_arn,
                target,
                event,
                event_id,
                input,
                first_at: ctx.now,
                tries: 0,
                slot_reserved: false,
                retry_after: None,
            },
        );
        self.try_delivery(ctx, id);
    }

    /// One try of a delivery: the call goes out, its answer comes to `on_target_reply`.
    pub(super) fn try_delivery(&mut self, ctx: &mut Ctx, id: u64) {
        let Some(attempt) = self.attempts.get(&id) else {
            return;
        };
        let api_destination = attempt.target.arn.contains(":api-destination/");
        if api_destination && !attempt.slot_reserved {
            let arn = attempt.target.arn.clone();
            if let Some((name, at)) = self.rate_limited_until(ctx.now, &arn) {
                let Some(attempt) = self.attempts.get_mut(&id) else {
                    return;
                };
                attempt.slot_reserved = true;
                ctx.emit(EventsEvent::InvocationDelayed {
                    rule: attempt.rule.clone(),
                    target: attempt.target.id.clone(),
                    event_id: attempt.event_id.clone(),
                    api_destination: name,
                    delay_ms: at - ctx.now,
                });
                ctx.schedule(
                    at,
                    TimerClass::Pending,
                    Timer::Events(EventsTimer::Retry { attempt: id }),
                );
                return;
            }
        }
        let Some(attempt) = self.attempts.get_mut(&id) else {
            return;
        };
        attempt.slot_reserved = false;
        attempt.tries += 1;
        ctx.emit(EventsEvent::TargetInvoked {
            rule: attempt.rule.clone(),
            target: attempt.target.id.clone(),
            arn: attempt.target.arn.clone(),
            event_id: attempt.event_id.clone(),
            attempt: attempt.tries,
        });
        let Some(attempt) = self.attempts.get(&id) else {
            return;
        };
        let request = if api_destination {
            let request = self.api_destination_request(&attempt.target, &attempt.input);
            if let Ok(r) = &request {
                let bytes = r["Body"].as_str().map_or(0, str::len);
                self.usage.record_api_destination_invocation(bytes);
            }
            request.map(|r| ("endpoints:SendRequest", r))
        } else {
            request_for(&attempt.target, &attempt.input, &attempt.event_id)
        };
        match request {
            Ok((action, request)) => ctx.send(Outbound::Call {
                token: Some(Token::Target { delivery: id }),
                action: action.into(),
                input: Payload::Json(request),
            }),
            Err(e) => self.on_target_reply(ctx, id, Err(e)),
        }
    }

    /// An API destination's answer to one try, read as EventBridge reads HTTP statuses.
    pub(super) fn on_http_reply(
        &mut self,
        ctx: &mut Ctx,
        id: u64,
        result: Result<Value, AwsError>,
    ) {
        let Some(attempt) = self.attempts.get_mut(&id) else {
            return;
        };
        let arn = attempt.target.arn.clone();
        // EventBridge reads the standard Retry-After header of the answer (in seconds).
        attempt.retry_after = result.as_ref().ok().and_then(|answer| {
            let headers = answer.get("Headers")?.as_object()?;
            let (_, value) = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("Retry-After"))?;
            value.as_str()?.trim().parse::<i64>().ok()
        });
        let result = self.http_outcome(ctx, &arn, result);
        self.on_target_reply(ctx, id, result);
    }

    /// The target's answer to one try.
    pub(super) fn on_target_reply(
        &mut self,
        ctx: &mut Ctx,
        id: u64,
        result: Result<Value, AwsError>,
    ) {
        let Some(attempt) = self.attempts.get(&id) else {
            return;
        };
        let error = match result {
            Ok(_) => {
                ctx.emit(EventsEvent::TargetSucceeded {
                    rule: attempt.rule.clone(),
                    target: attempt.target.id.clone(),
                    event_id: attempt.event_id.clone(),
                });
                self.attempts.remove(&id);
                return;
            }
            Err(e) => e,
        };
        let retries_left = attempt.tries <= attempt.target.max_attempts;
        let age_limit = attempt.first_at + attempt.target.max_age_seconds as Millis * SECOND;
        // A negative Retry-After stops the retries of the event.
        let stop = attempt.retry_after.is_some_and(|s| s < 0);
        let backoff = if retried(&error) && retries_left && !stop {
            let base = FIRST_BACKOFF
                .saturating_mul(1 << attempt.tries.saturating_sub(1).min(20))
                .min(MAX_BACKOFF);
            // Jitter: somewhere in the second half of the backoff, from the seeded random source.
            let delay = base / 2 + ctx.rng.next_u64() % (base / 2 + 1);
            // The more conservative of the retry policy's backoff and Retry-After.
            let after = attempt
                .retry_after
                .map_or(0, |s| (s as Millis).saturating_mul(SECOND));
            let delay = delay.max(after);
            (ctx.now.saturating_add(delay) <= age_limit).then_some(delay)
        } else {
            None
        };
        ctx.emit(EventsEvent::TargetFailed {
            rule: attempt.rule.clone(),
            target: attempt.target.id.clone(),
            event_id: attempt.event_id.clone(),
            error_code: error.code.as_str().into(),
            error_message: error.message.as_str().into(),
            retry_in_ms: backoff,
        });
        if let Some(delay) = backoff {
            ctx.schedule(
                ctx.now + delay,
                TimerClass::Pending,
                Timer::Events(EventsTimer::Retry { attempt: id }),
            );
            return;
        }
        let Some(attempt) = self.attempts.remove(&id) else {
            return;
        };
        let exhausted = if !retried(&error) || attempt.retry_after.is_some_and(|s| s < 0) {
            None
        } else if retries_left {
            Some("MaximumEventAgeExhausted")
        } else {
            Some("MaximumRetryAttemptsExhausted")
        };
        match &attempt.target.dead_letter_arn {
            Some(dlq) => {
                let mut attributes = serde_json::Map::new();
                attributes.insert("RULE_ARN".into(), string_attribute(&attempt.rule_arn));
                attributes.insert("TARGET_ARN".into(), string_attribute(&attempt.target.arn));
                attributes.insert("ERROR_CODE".into(), string_attribute(error_kind(&error)));
                attributes.insert(
                    "ERROR_MESSAGE".into(),
                    string_attribute(&format!("{}: {}", error.code, error.message)),
                );
                if let Some(condition) = exhausted {
                    attributes.insert(
                        "EXHAUSTED_RETRY_CONDITION".into(),
                        string_attribute(condition),
                    );
                }
                attributes.insert(
                    "RETRY_ATTEMPTS".into(),
                    json!({"DataType": "Number", "StringValue": (attempt.tries - 1).to_string()}),
                );
                ctx.emit(EventsEvent::SentToDeadLetterQueue {
                    rule: attempt.rule.clone(),
                    target: attempt.target.id.clone(),
                    event_id: attempt.event_id.clone(),
                    dead_letter_queue: dlq.clone(),
                });
                ctx.send(Outbound::Deliver {
                    target: dlq.clone(),
                    delivery: Delivery {
                        body: (*attempt.event).clone(),
                        message_attributes: Some(Value::Object(attributes)),
                    },
                });
            }
            None => ctx.emit(EventsEvent::EventDropped {
                rule: attempt.rule.clone(),
                target: attempt.target.id.clone(),
                event_id: attempt.event_id.clone(),
                reason: match exhausted {
                    Some(condition) => {
                        format!("{condition}, and the target has no dead-letter queue")
                    }
                    None => format!(
                        "{} is not retried, and the target has no dead-letter queue",
                        error.code
                    ),
                }
                .into(),
            }),
        }
    }
}
