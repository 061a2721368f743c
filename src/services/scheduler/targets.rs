//! A schedule's Target as CreateSchedule and UpdateSchedule send it: the
//! model's constraints (RoleArn, DeadLetterConfig, RetryPolicy ranges,
//! SqsParameters, EventBridgeParameters), the RetryPolicy defaults (185
//! retries, 86,400 seconds) and the target as GetSchedule answers with it.
//! ECS, Kinesis and SageMaker parameters are stored and echoed; invoking
//! those targets is not simulated (the invocation fails and is dead-lettered).

use super::errors::{Checks, DLQ_ARN_PATTERN, ROLE_ARN_PATTERN};
use super::model::{Target, DEFAULT_EVENT_AGE_SECONDS, DEFAULT_RETRY_ATTEMPTS};
use crate::api::AwsError;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct TargetShape {
    arn: String,
    role_arn: String,
    input: Option<String>,
    retry_policy: Option<RetryPolicy>,
    dead_letter_config: Option<DeadLetter>,
    sqs_parameters: Option<SqsParameters>,
    event_bridge_parameters: Option<EventBridgeParameters>,
    ecs_parameters: Option<Value>,
    kinesis_parameters: Option<Value>,
    sage_maker_pipeline_parameters: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct RetryPolicy {
    maximum_event_age_in_seconds: Option<i64>,
    maximum_retry_attempts: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct DeadLetter {
    arn: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct SqsParameters {
    message_group_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct EventBridgeParameters {
    detail_type: String,
    source: String,
}

/// The model's constraints on the target, added to the request's checks.
pub fn check(shape: &TargetShape, checks: &mut Checks) {
    checks.string(Some(&shape.arn), "target.arn", (1, 1600), None);
    checks.string(
        Some(&shape.role_arn),
        "target.roleArn",
        (1, 1600),
        Some(ROLE_ARN_PATTERN),
    );
    checks.string(
        shape.input.as_deref(),
        "target.input",
        (1, usize::MAX),
        None,
    );
    if let Some(r) = &shape.retry_policy {
        checks.range(
            r.maximum_event_age_in_seconds,
            "target.retryPolicy.maximumEventAgeInSeconds",
            60,
            86_400,
        );
        checks.range(
            r.maximum_retry_attempts,
            "target.retryPolicy.maximumRetryAttempts",
            0,
            185,
        );
    }
    if let Some(d) = &shape.dead_letter_config {
        checks.string(
            d.arn.as_deref(),
            "target.deadLetterConfig.arn",
            (1, 1600),
            Some(DLQ_ARN_PATTERN),
        );
    }
    if let Some(s) = &shape.sqs_parameters {
        checks.string(
            s.message_group_id.as_deref(),
            "target.sqsParameters.messageGroupId",
            (1, 128),
            None,
        );
    }
    if let Some(e) = &shape.event_bridge_parameters {
        checks.string(
            Some(&e.detail_type),
            "target.eventBridgeParameters.detailType",
            (1, 128),
            None,
        );
        checks.string(
            Some(&e.source),
            "target.eventBridgeParameters.source",
            (1, 256),
            None,
        );
        // The model's pattern refuses a source starting with `aws.` (AWS's own sources).
        if e.source.starts_with("aws.") {
            checks.fail(
                &e.source,
                "target.eventBridgeParameters.source",
                r"Member must satisfy regular expression pattern: ^(?=[/\.\-_A-Za-z0-9]+)((?!aws\.).*)|(\$(\.[\w_-]+(\[(\d+|\*)\])*)*)$",
            );
        }
    }
}

/// The target as the schedule keeps it, with its RetryPolicy defaults.
pub fn read(shape: TargetShape, raw: &Value) -> Result<Target, AwsError> {
    // Stored and echoed (from `raw`), not simulated.
    let _ = (
        &shape.ecs_parameters,
        &shape.kinesis_parameters,
        &shape.sage_maker_pipeline_parameters,
    );
    // What a target needs to be invoked (SqsParameters for a FIFO queue, EventBridgeParameters
    // for a bus) is not checked here: without it the invocation fails, as the target refuses it.
    let group = shape.sqs_parameters.and_then(|s| s.message_group_id);
    let retry = shape.retry_policy;
    let max_attempts = retry
        .as_ref()
        .and_then(|r| r.maximum_retry_attempts)
        .map_or(DEFAULT_RETRY_ATTEMPTS, |n| n as u32);
    let max_age_seconds = retry
        .as_ref()
        .and_then(|r| r.maximum_event_age_in_seconds)
        .map_or(DEFAULT_EVENT_AGE_SECONDS, |n| n as u32);
    Ok(Target {
        arn: shape.arn.as_str().into(),
        role_arn: shape.role_arn,
        input: shape.input,
        dead_letter_arn: shape
            .dead_letter_config
            .and_then(|d| d.arn)
            .map(|a| a.as_str().into()),
        max_attempts,
        max_age_seconds,
        message_group_id: group,
        event_bridge: shape
            .event_bridge_parameters
            .map(|e| (e.detail_type, e.source)),
        echo: echo(raw, max_age_seconds, max_attempts),
    })
}

/// The target as sent, members in AWS's (alphabetical) order, with the RetryPolicy AWS fills in.
fn echo(raw: &Value, max_age_seconds: u32, max_attempts: u32) -> Value {
    let mut sorted: BTreeMap<String, Value> = raw
        .as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    sorted.insert(
        "RetryPolicy".into(),
        json!({"MaximumEventAgeInSeconds": max_age_seconds, "MaximumRetryAttempts": max_attempts}),
    );
    Value::Object(sorted.into_iter().collect::<Map<String, Value>>())
}
