//! The world's side of Lambda: a synchronous Invoke driven to its answer in
//! virtual time (other events go on meanwhile), Lambda's timers, and the work
//! Lambda hands out: its functions' SDK calls, their log lines for
//! CloudWatch Logs, and deliveries to destinations and dead-letter queues.

use super::internal::{Caller, Request};
use super::World;
use crate::api::AwsError;
use crate::services::lambda::{Begin, Outgoing};
use crate::sim::TraceKind;
use serde_json::{json, Value};

impl World {
    /// `lambda:Invoke`: answers at once (Event, DryRun, errors) or runs the invocation to its end.
    pub(super) fn invoke_lambda(&mut self, input: &Value) -> Result<Value, AwsError> {
        let begun = self.with_services(|ctx, lambda, _, _| lambda.invoke_action(ctx, input));
        self.drain_lambda();
        let id = match begun? {
            Begin::Answer(v) => return Ok(v),
            Begin::Running(id) => id,
        };
        loop {
            if let Some(answer) = self.lambda.take_answer(id) {
                return answer;
            }
            // Every invocation ends by its timeout, so a timer is always due until it answers.
            if self.step().is_none() {
                return Err(AwsError::new(
                    "com.amazonaws.lambda",
                    "ServiceException",
                    500,
                    "The invocation stopped without an answer (a Stratus fault).",
                ));
            }
        }
    }

    /// Hands out what Lambda asked for, until it asks for nothing more.
    pub(super) fn drain_lambda(&mut self) {
        loop {
            let work = self.lambda.take_outgoing();
            if work.is_empty() {
                return;
            }
            for item in work {
                match item {
                    Outgoing::Call {
                        invocation,
                        call,
                        target,
                        input,
                    } if target == "sqs:ReceiveMessage" => {
                        // A receive may wait (a long poll): it waits beside the other internal calls.
                        self.outgoing.push_back(Request::Call {
                            caller: Caller::Function { invocation, call },
                            operation: "ReceiveMessage",
                            input,
                        });
                    }
                    Outgoing::Call {
                        invocation,
                        call,
                        target,
                        input,
                    } if target == "lambda:Invoke" => {
                        // A synchronous invoke answers the calling handler when the callee finishes.
                        let begun = self
                            .with_services(|ctx, lambda, _, _| lambda.invoke_action(ctx, &input));
                        let result = match begun {
                            Ok(Begin::Running(callee)) => {
                                self.lambda.answer_into(callee, invocation, call);
                                continue;
                            }
                            Ok(Begin::Answer(v)) => Ok(v),
                            Err(e) => Err(e),
                        };
                        self.with_services(|ctx, lambda, _, _| {
                            lambda.deliver(ctx, invocation, call, result)
                        });
                    }
                    Outgoing::Call {
                        invocation,
                        call,
                        target,
                        input,
                    } => {
                        let result = self.function_call(&target, &input);
                        self.with_services(|ctx, lambda, _, _| {
                            lambda.deliver(ctx, invocation, call, result)
                        });
                    }
                    Outgoing::Logs {
                        group,
                        stream,
                        lines,
                    } => {
                        let now = self.now;
                        self.logs.append(&group, &stream, now, lines);
                    }
                    Outgoing::Deliver { target, record } => self.deliver_record(&target, record),
                    Outgoing::Poll {
                        poller,
                        action,
                        input,
                    } => self.outgoing.push_back(Request::Call {
                        caller: Caller::EventSource(poller),
                        operation: action,
                        input,
                    }),
                    Outgoing::CancelPoll(poller) => self
                        .outgoing
                        .push_back(Request::Cancel(Caller::EventSource(poller))),
                    Outgoing::DeadLetter {
                        target,
                        body,
                        request_id,
                        error_code,
                        error_message,
                    } => {
                        if let Some(url) = self.queue_url_of(&target) {
                            let attrs = json!({
                                "RequestID": {"DataType": "String", "StringValue": request_id},
                                "ErrorCode": {"DataType": "Number", "StringValue": error_code},
                                "ErrorMessage": {"DataType": "String", "StringValue": error_message},
                            });
                            let result = self.function_call("sqs:SendMessage", &json!({"QueueUrl": url, "MessageBody": body, "MessageAttributes": attrs}));
                            self.record_delivery(&target, result);
                        } else {
                            self.record_delivery(&target, Err(not_deliverable(&target)));
                        }
                    }
                }
            }
        }
    }

    /// An AWS call made from inside a function that answers at once (ReceiveMessage, which may
    /// wait, goes through the internal calls); Lambda's asynchronous Invoke and control plane
    /// work too.
    fn function_call(&mut self, target: &str, input: &Value) -> Result<Value, AwsError> {
        let (service, operation) = target.split_once(':').unwrap_or((target, ""));
        match service {
            "sqs" => {
                let (mut ctx, sqs) = self.parts();
                let result = sqs.call(&mut ctx, operation, input);
                self.billed("sqs", operation, input, result)
            }
            // An asynchronous Invoke (a destination); a synchronous one from a handler goes through `answer_into`.
            "lambda" if operation == "Invoke" => {
                let begun = self.with_services(|ctx, lambda, _, _| lambda.invoke_action(ctx, input));
                match begun {
                    Ok(Begin::Answer(v)) => Ok(v),
                    Ok(Begin::Running(_)) => Ok(json!({})),
                    Err(e) => Err(e),
                }
            }
            "lambda" => self.with_services(|ctx, lambda, _, queues| {
                lambda.call(ctx, queues, operation, input)
            }),
            "logs" => self.with_services(|ctx, _, logs, _| logs.call(ctx, operation, input)),
            _ => Err(AwsError::new(
                "",
                "UnknownOperationException",
                400,
                format!("{target} is not simulated by Stratus: the SDK client for this service has nothing to call."),
            )),
        }
    }

    /// An invocation record to a destination: an SQS queue gets it as the message body, a
    /// function as an asynchronous event. SNS and EventBridge are not simulated yet.
    fn deliver_record(&mut self, target: &str, record: Value) {
        let result = if let Some(url) = self.queue_url_of(target) {
            self.function_call(
                "sqs:SendMessage",
                &json!({"QueueUrl": url, "MessageBody": record.to_string()}),
            )
        } else if target.starts_with("arn:aws:lambda:") {
            self.function_call(
                "lambda:Invoke",
                &json!({"FunctionName": target, "InvocationType": "Event", "Payload": record}),
            )
        } else {
            Err(not_deliverable(target))
        };
        self.record_delivery(target, result);
    }

    /// Every delivery is a trace event, whether it arrived or not.
    fn record_delivery(&mut self, target: &str, result: Result<Value, AwsError>) {
        let kind = match result {
            Ok(_) => TraceKind::Delivered {
                target: target.into(),
            },
            Err(e) => TraceKind::DeliveryFailed {
                target: target.into(),
                reason: format!("{}: {}", e.code, e.message).into(),
            },
        };
        self.with_services(|ctx, _, _, _| ctx.emit(kind));
    }

    /// The URL of the queue an SQS ARN names, in this account and region.
    fn queue_url_of(&self, arn: &str) -> Option<String> {
        let rest = arn.strip_prefix("arn:aws:sqs:")?;
        let mut parts = rest.splitn(3, ':');
        let (region, account, name) = (parts.next()?, parts.next()?, parts.next()?);
        let id = &self.settings.identity;
        (region == id.region && account == id.account).then(|| id.queue_url(name))
    }
}

/// A destination Stratus cannot deliver to: SNS topics and EventBridge buses are not simulated yet,
/// and a queue of another account or region is out of reach.
fn not_deliverable(target: &str) -> AwsError {
    let what = if target.starts_with("arn:aws:sns:") {
        "SNS is not simulated by Stratus yet"
    } else if target.starts_with("arn:aws:events:") {
        "EventBridge is not simulated by Stratus yet"
    } else {
        "the target is not a queue or function in this account and region"
    };
    AwsError::new(
        "",
        "DestinationNotReachable",
        400,
        format!("{target} cannot receive this delivery: {what}."),
    )
}
