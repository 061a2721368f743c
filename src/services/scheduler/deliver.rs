//! Invoking a schedule's target through the router: the templated targets
//! Stratus simulates (Lambda Invoke, asynchronous; SQS SendMessage, with the
//! FIFO group; EventBridge PutEvents, with EventBridgeParameters), universal
//! targets (`arn:aws:scheduler:::aws-sdk:<service>:<apiAction>`, the Input as
//! the request) for the services the world has, and the context attributes
//! AWS fills in the Input (`<aws.scheduler.schedule-arn>`,
//! `<aws.scheduler.scheduled-time>`, `<aws.scheduler.execution-id>`,
//! `<aws.scheduler.attempt-number>`). A failure Scheduler retries (throttling,
//! a service fault) is tried again with exponential backoff and jitter while
//! the RetryPolicy allows (185 retries and 24 hours by default); the others,
//! and retries exhausted, go to the dead-letter queue (the Input as the body,
//! AWS's message attributes), or are dropped.

use super::model::{SchedulerTimer, Target};
use super::{Scheduler, SchedulerEvent};
use crate::api::{Arn, AwsError};
use crate::kernel::route::Delivery;
use crate::kernel::{Ctx, Outbound, Payload, Timer, Token};
use crate::sim::time::format_iso;
use crate::sim::{Millis, TimerClass, SECOND};
use serde_json::{json, Value};
use std::rc::Rc;

/// Backoff between tries: from 1 s, doubling, at most 5 minutes, with jitter.
const FIRST_BACKOFF: Millis = SECOND;
const MAX_BACKOFF: Millis = 300 * SECOND;
const UNIVERSAL_PREFIX: &str = "arn:aws:scheduler:::aws-sdk:";

/// One firing's invocation of a target, across its tries.
#[derive(Debug)]
pub struct Attempt {
    pub schedule: Rc<str>,
    pub schedule_arn: Rc<str>,
    pub target: Target,
    /// The firing's nominal time (`<aws.scheduler.scheduled-time>`).
    pub scheduled: Millis,
    pub execution_id: Rc<str>,
    /// When the first try went out: MaximumEventAgeInSeconds counts from here.
    pub first_at: Millis,
    pub tries: u32,
}

/// Whether Scheduler tries again after this error: throttling and service faults are
/// retried; a missing resource, a refusal or a bad request are not.
pub fn retried(error: &AwsError) -> bool {
    error.status >= 500
        || error.status == 429
        || error.code.contains("Throttl")
        || error.code.contains("TooManyRequests")
        || error.code == "ServiceUnavailable"
}

fn string_attribute(value: &str) -> Value {
    json!({"DataType": "String", "StringValue": value})
}

impl Attempt {
    /// The Input with AWS's context attributes filled in for this try.
    fn input(&self) -> Option<String> {
        self.target.input.as_ref().map(|text| {
            text.replace("<aws.scheduler.schedule-arn>", &self.schedule_arn)
                .replace(
                    "<aws.scheduler.scheduled-time>",
                    &iso_seconds(self.scheduled),
                )
                .replace("<aws.scheduler.execution-id>", &self.execution_id)
                .replace("<aws.scheduler.attempt-number>", &self.tries.to_string())
        })
    }
}

/// `2026-01-01T09:00:00Z`: how Scheduler writes a time in a context attribute.
fn iso_seconds(t: Millis) -> String {
    let text = format_iso(t);
    match text.split_once('.') {
        Some((seconds, _)) => format!("{seconds}Z"),
        None => text,
    }
}

/// The input as JSON when it is JSON, else as a string.
fn as_json(input: &str) -> Value {
    serde_json::from_str(input).unwrap_or_else(|_| Value::String(input.to_string()))
}

/// The call that hands the input to the target its ARN names, or why Stratus cannot.
fn request_for(attempt: &Attempt, input: Option<&str>) -> Result<(String, Value), AwsError> {
    let target = &attempt.target;
    let unreachable = |why: String| {
        AwsError::new(
            "",
            "TargetNotReachable",
            400,
            format!("{} cannot be invoked: {why}.", target.arn),
        )
    };
    if let Some(api) = target.arn.strip_prefix(UNIVERSAL_PREFIX) {
        let (service, action) = api
            .split_once(':')
            .ok_or_else(|| unreachable("a universal target names <service>:<apiAction>".into()))?;
        let mut chars = action.chars();
        let action = match chars.next() {
            Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
            None => return Err(unreachable("it names no API action".into())),
        };
        let request = match input.map(as_json) {
            Some(v @ Value::Object(_)) => v,
            None => json!({}),
            Some(_) => {
                return Err(unreachable(
                    "the Input of a universal target must be a JSON object".into(),
                ))
            }
        };
        return Ok((format!("{service}:{action}"), request));
    }
    let arn = Arn::parse(&target.arn).ok_or_else(|| unreachable("it is not an ARN".into()))?;
    let text = input.unwrap_or("{}");
    match arn.service {
        // A templated Lambda target's Input must be well-formed JSON.
        "lambda" => match serde_json::from_str::<Value>(text) {
            Ok(payload) => Ok((
                "lambda:Invoke".into(),
                json!({"FunctionName": &*target.arn, "InvocationType": "Event", "Payload": payload}),
            )),
            Err(_) => Err(AwsError::new(
                "",
                "InvalidRequestContentException",
                400,
                "Could not parse request body into json",
            )),
        },
        "sqs" => {
            let url = arn
                .queue_url()
                .ok_or_else(|| unreachable("it names no queue".into()))?;
            let mut request = json!({"QueueUrl": url, "MessageBody": text});
            if let Some(group) = &target.message_group_id {
                request["MessageGroupId"] = json!(group);
                request["MessageDeduplicationId"] = json!(&*attempt.execution_id);
            }
            Ok(("sqs:SendMessage".into(), request))
        }
        "events" if arn.resource.starts_with("event-bus/") => {
            let (detail_type, source) = target.event_bridge.clone().unwrap_or_default();
            Ok((
                "events:PutEvents".into(),
                json!({"Entries": [{
                    "EventBusName": &*target.arn,
                    "Source": source,
                    "DetailType": detail_type,
                    "Detail": text,
                    "Resources": [&*attempt.schedule_arn],
                }]}),
            ))
        }
        "sns" => Err(unreachable("SNS is not simulated by Stratus yet".into())),
        "states" => Err(unreachable(
            "Step Functions is not simulated by Stratus yet".into(),
        )),
        "kinesis" | "firehose" => Err(unreachable(
            "Kinesis is not simulated by Stratus yet".into(),
        )),
        other => Err(unreachable(format!(
            "Stratus does not invoke {other} targets"
        ))),
    }
}

/// A PutEvents answer whose entry failed is a failed invocation.
pub fn entry_failure(operation: &str, answer: &Value) -> Option<AwsError> {
    if operation != "PutEvents" && operation != "events:PutEvents" {
        return None;
    }
    if answer.get("FailedEntryCount").and_then(Value::as_u64) == Some(0) {
        return None;
    }
    let entry = answer.get("Entries")?.get(0)?;
    let text = |key: &str| entry.get(key).and_then(Value::as_str).unwrap_or_default();
    Some(AwsError::new(
        "",
        text("ErrorCode"),
        400,
        text("ErrorMessage"),
    ))
}

impl Scheduler {
    /// Sends one firing to its target, now.
    pub(super) fn start_delivery(
        &mut self,
        ctx: &mut Ctx,
        schedule: Rc<str>,
        schedule_arn: Rc<str>,
        target: Target,
        scheduled: Millis,
        execution_id: Rc<str>,
    ) {
        self.next_attempt += 1;
        let id = self.next_attempt;
        self.attempts.insert(
            id,
            Attempt {
                schedule,
                schedule_arn,
                target,
                scheduled,
                execution_id,
                first_at: ctx.now,
                tries: 0,
            },
        );
        self.try_delivery(ctx, id);
    }

    /// One try: the call goes out, its answer comes to `on_target_reply`.
    pub(super) fn try_delivery(&mut self, ctx: &mut Ctx, id: u64) {
        let Some(attempt) = self.attempts.get_mut(&id) else {
            return;
        };
        attempt.tries += 1;
        ctx.emit(SchedulerEvent::TargetInvoked {
            schedule: attempt.schedule.clone(),
            arn: attempt.target.arn.clone(),
            execution_id: attempt.execution_id.clone(),
            attempt: attempt.tries,
        });
        let input = attempt.input();
        match request_for(attempt, input.as_deref()) {
            Ok((action, request)) => ctx.send(Outbound::Call {
                token: Some(Token::Target { delivery: id }),
                action: action.into(),
                input: Payload::Json(request),
            }),
            Err(e) => self.on_target_reply(ctx, id, Err(e)),
        }
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
                ctx.emit(SchedulerEvent::TargetSucceeded {
                    schedule: attempt.schedule.clone(),
                    execution_id: attempt.execution_id.clone(),
                });
                self.attempts.remove(&id);
                return;
            }
            Err(e) => e,
        };
        let retries_left = attempt.tries <= attempt.target.max_attempts;
        let age_limit = attempt.first_at + attempt.target.max_age_seconds as Millis * SECOND;
        let backoff = if retried(&error) && retries_left {
            let base = FIRST_BACKOFF
                .saturating_mul(1 << attempt.tries.saturating_sub(1).min(20))
                .min(MAX_BACKOFF);
            // Jitter: somewhere in the second half of the backoff, from the seeded source.
            let delay = base / 2 + ctx.rng.next_u64() % (base / 2 + 1);
            (ctx.now + delay <= age_limit).then_some(delay)
        } else {
            None
        };
        ctx.emit(SchedulerEvent::TargetFailed {
            schedule: attempt.schedule.clone(),
            execution_id: attempt.execution_id.clone(),
            error_code: error.code.as_str().into(),
            error_message: error.message.as_str().into(),
            retry_in_ms: backoff,
        });
        if let Some(delay) = backoff {
            ctx.schedule(
                ctx.now + delay,
                TimerClass::Pending,
                Timer::Scheduler(SchedulerTimer::Retry { attempt: id }),
            );
            return;
        }
        let Some(attempt) = self.attempts.remove(&id) else {
            return;
        };
        let exhausted = if !retried(&error) {
            None
        } else if retries_left {
            Some("MaximumEventAgeExhausted")
        } else {
            Some("MaximumRetryAttemptsExhausted")
        };
        let Some(dlq) = attempt.target.dead_letter_arn.clone() else {
            ctx.emit(SchedulerEvent::InvocationDropped {
                schedule: attempt.schedule.clone(),
                execution_id: attempt.execution_id.clone(),
                reason: match exhausted {
                    Some(condition) => {
                        format!("{condition}, and the schedule has no dead-letter queue")
                    }
                    None => format!(
                        "{} is not retried, and the schedule has no dead-letter queue",
                        error.code
                    ),
                }
                .into(),
            });
            return;
        };
        let mut attributes = serde_json::Map::new();
        attributes.insert("ERROR_CODE".into(), string_attribute(&error.code));
        attributes.insert("ERROR_MESSAGE".into(), string_attribute(&error.message));
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
        attributes.insert(
            "SCHEDULE_ARN".into(),
            string_attribute(&attempt.schedule_arn),
        );
        attributes.insert("TARGET_ARN".into(), string_attribute(&attempt.target.arn));
        ctx.emit(SchedulerEvent::SentToDeadLetterQueue {
            schedule: attempt.schedule.clone(),
            execution_id: attempt.execution_id.clone(),
            dead_letter_queue: dlq.clone(),
        });
        ctx.send(Outbound::Deliver {
            target: dlq,
            delivery: Delivery {
                body: Value::String(attempt.input().unwrap_or_else(|| "{}".into())),
                message_attributes: Some(Value::Object(attributes)),
            },
        });
    }
}
