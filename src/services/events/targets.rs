//! Targets of a rule: PutTargets (up to five per rule, replacing a target of
//! the same Id), RemoveTargets, ListTargetsByRule, with AWS's checks of
//! Input, InputPath, InputTransformer, SqsParameters, RetryPolicy and
//! DeadLetterConfig.

use super::errors::{self, BUS_NAME_OR_ARN_PATTERN, NAME_PATTERN};
use super::model::{Target, DEFAULT_EVENT_AGE_SECONDS, DEFAULT_RETRY_ATTEMPTS, MAX_TARGETS};
use super::transform::{undefined_placeholders, valid_path, Transformer};
use super::Events;
use crate::api::{paging, params::parse, Arn, AwsError};
use crate::kernel::Ctx;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct PutTargetsRequest {
    rule: String,
    event_bus_name: Option<String>,
    targets: Vec<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct TargetShape {
    id: String,
    arn: String,
    role_arn: Option<String>,
    input: Option<String>,
    input_path: Option<String>,
    input_transformer: Option<InputTransformerShape>,
    kinesis_parameters: Option<Value>,
    run_command_parameters: Option<Value>,
    ecs_parameters: Option<Value>,
    batch_parameters: Option<Value>,
    sqs_parameters: Option<SqsParameters>,
    http_parameters: Option<Value>,
    redshift_data_parameters: Option<Value>,
    sage_maker_pipeline_parameters: Option<Value>,
    dead_letter_config: Option<DeadLetter>,
    retry_policy: Option<RetryPolicy>,
    app_sync_parameters: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct InputTransformerShape {
    input_paths_map: Option<serde_json::Map<String, Value>>,
    input_template: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct SqsParameters {
    message_group_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct HttpParametersShape {
    path_parameter_values: Option<Vec<String>>,
    header_parameters: Option<serde_json::Map<String, Value>>,
    query_string_parameters: Option<serde_json::Map<String, Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct DeadLetter {
    arn: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct RetryPolicy {
    maximum_retry_attempts: Option<i64>,
    maximum_event_age_in_seconds: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct RemoveTargetsRequest {
    rule: String,
    event_bus_name: Option<String>,
    ids: Vec<String>,
    force: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ListTargetsRequest {
    rule: String,
    event_bus_name: Option<String>,
    next_token: Option<String>,
    limit: Option<i64>,
}

/// A target as PutTargets gives it, checked; `Err` with AWS's error for the request.
pub(super) fn read_target(raw: &Value, index: usize) -> Result<Target, AwsError> {
    let shape: TargetShape = serde_json::from_value(raw.clone()).map_err(|e| {
        AwsError::param_validation(format!(
            "Parameter validation failed:\nInvalid target Targets[{index}]: {e}"
        ))
    })?;
    let _ = (
        &shape.role_arn,
        &shape.kinesis_parameters,
        &shape.run_command_parameters,
        &shape.ecs_parameters,
        &shape.batch_parameters,
        &shape.redshift_data_parameters,
        &shape.sage_maker_pipeline_parameters,
        &shape.app_sync_parameters,
    );
    let member = |m: &str| format!("targets.{}.member.{m}", index + 1);
    let mut checks = errors::checks();
    checks.string(Some(&shape.id), &member("id"), (1, 64), Some(NAME_PATTERN));
    checks.string(Some(&shape.arn), &member("arn"), (1, 1600), None);
    checks.string(shape.input.as_deref(), &member("input"), (0, 8192), None);
    checks.string(
        shape.input_path.as_deref(),
        &member("inputPath"),
        (0, 256),
        None,
    );
    if let Some(t) = &shape.input_transformer {
        checks.string(
            Some(&t.input_template),
            &member("inputTransformer.inputTemplate"),
            (1, 8192),
            None,
        );
    }
    if let Some(r) = &shape.retry_policy {
        checks.range(
            r.maximum_retry_attempts,
            &member("retryPolicy.maximumRetryAttempts"),
            0,
            185,
        );
        checks.range(
            r.maximum_event_age_in_seconds,
            &member("retryPolicy.maximumEventAgeInSeconds"),
            60,
            86_400,
        );
    }
    if let Some(s) = &shape.sqs_parameters {
        checks.string(
            s.message_group_id.as_deref(),
            &member("sqsParameters.messageGroupId"),
            (0, 100),
            None,
        );
    }
    let http_parameters = match &shape.http_parameters {
        None => None,
        Some(raw) => {
            let h: HttpParametersShape = serde_json::from_value(raw.clone()).map_err(|e| {
                AwsError::param_validation(format!(
                    "Parameter validation failed:\nInvalid target Targets[{index}].HttpParameters: {e}"
                ))
            })?;
            for (i, v) in h.path_parameter_values.iter().flatten().enumerate() {
                if v.trim().is_empty() {
                    checks.fail(
                        v,
                        &member(&format!(
                            "httpParameters.pathParameterValues.{}.member",
                            i + 1
                        )),
                        r"Member must satisfy regular expression pattern: ^(?!\s*$).+",
                    );
                }
            }
            for (k, v) in h.header_parameters.iter().flatten() {
                checks.string(
                    Some(k),
                    &member("httpParameters.headerParameters.key"),
                    (0, 512),
                    None,
                );
                let text = v.as_str().unwrap_or_default();
                checks.string(
                    Some(text),
                    &member("httpParameters.headerParameters.value"),
                    (0, 512),
                    None,
                );
            }
            for (k, v) in h.query_string_parameters.iter().flatten() {
                checks.string(
                    Some(k),
                    &member("httpParameters.queryStringParameters.key"),
                    (0, 512),
                    None,
                );
                let text = v.as_str().unwrap_or_default();
                checks.string(
                    Some(text),
                    &member("httpParameters.queryStringParameters.value"),
                    (0, 512),
                    None,
                );
            }
            Some(raw.clone())
        }
    };
    checks.done()?;
    let given = [
        shape.input.is_some(),
        shape.input_path.is_some(),
        shape.input_transformer.is_some(),
    ];
    if given.iter().filter(|g| **g).count() > 1 {
        return Err(errors::validation(format!(
            "Only one of Input, InputPath, or InputTransformer must be provided for target {}.",
            shape.id
        )));
    }
    let input = shape
        .input
        .as_deref()
        .map(|text| {
            serde_json::from_str::<Value>(text).map_err(|_| {
                errors::validation(format!(
                    "Input for target {} is not a valid JSON text.",
                    shape.id
                ))
            })
        })
        .transpose()?;
    if let Some(path) = &shape.input_path {
        if !valid_path(path) {
            return Err(errors::validation(format!(
                "Invalid InputPath for target {}: {path}",
                shape.id
            )));
        }
    }
    let transformer = match shape.input_transformer {
        None => None,
        Some(t) => {
            let map = t.input_paths_map.unwrap_or_default();
            if map.len() > 100 {
                return Err(errors::validation(format!(
                    "InputPathsMap of target {} has more than 100 entries.",
                    shape.id
                )));
            }
            let mut paths = Vec::with_capacity(map.len());
            for (key, value) in map {
                let path = value.as_str().unwrap_or_default().to_string();
                if key.starts_with("aws.") || !valid_path(&path) {
                    return Err(errors::validation(format!(
                        "InputTransformer for target {} has an invalid InputPathsMap entry: {key}",
                        shape.id
                    )));
                }
                paths.push((key, path));
            }
            if let Some(name) = undefined_placeholders(&t.input_template, &paths).first() {
                return Err(errors::validation(format!(
                    "InputTemplate for target {} contains invalid placeholder {name}.",
                    shape.id
                )));
            }
            Some(Transformer {
                paths,
                template: t.input_template,
            })
        }
    };
    // AWS's words (recorded from PutTargets): an API destination is invoked with a role.
    if shape.arn.contains(":api-destination/") && shape.role_arn.is_none() {
        return Err(errors::validation(format!(
            "RoleArn is required for target {}.",
            shape.arn
        )));
    }
    let arn = Arn::parse(&shape.arn);
    let fifo_queue = arn
        .as_ref()
        .is_some_and(|a| a.service == "sqs" && a.resource.ends_with(".fifo"));
    let group = shape.sqs_parameters.and_then(|s| s.message_group_id);
    if fifo_queue && group.is_none() {
        return Err(errors::validation(format!(
            "Parameter(s) SqsParameters must be specified for target: {}.",
            shape.id
        )));
    }
    let dead_letter = shape.dead_letter_config.and_then(|d| d.arn);
    if let Some(dlq) = &dead_letter {
        if Arn::parse(dlq).is_none_or(|a| a.service != "sqs") {
            return Err(errors::validation(format!(
                "DeadLetterConfig Arn of target {} must be an Amazon SQS queue ARN.",
                shape.id
            )));
        }
    }
    let retry = shape.retry_policy;
    Ok(Target {
        id: shape.id.as_str().into(),
        arn: shape.arn.as_str().into(),
        raw: raw.clone(),
        input,
        input_path: shape.input_path,
        transformer,
        message_group_id: group,
        http_parameters,
        dead_letter_arn: dead_letter.map(|d| d.as_str().into()),
        max_attempts: retry
            .as_ref()
            .and_then(|r| r.maximum_retry_attempts)
            .map_or(DEFAULT_RETRY_ATTEMPTS, |n| n as u32),
        max_age_seconds: retry
            .as_ref()
            .and_then(|r| r.maximum_event_age_in_seconds)
            .map_or(DEFAULT_EVENT_AGE_SECONDS, |n| n as u32),
    })
}

impl Events {
    pub(super) fn put_targets(&mut self, ctx: &mut Ctx, input: &Value) -> Result<Value, AwsError> {
        let r: PutTargetsRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(Some(&r.rule), "rule", (1, 64), Some(NAME_PATTERN));
        checks.string(
            r.event_bus_name.as_deref(),
            "eventBusName",
            (1, 1600),
            Some(BUS_NAME_OR_ARN_PATTERN),
        );
        if r.targets.is_empty() || r.targets.len() > 100 {
            checks.fail(
                format!("{:?}", r.targets.len()),
                "targets",
                if r.targets.is_empty() {
                    "Member must have length greater than or equal to 1"
                } else {
                    "Member must have length less than or equal to 100"
                },
            );
        }
        checks.done()?;
        let targets = r
            .targets
            .iter()
            .enumerate()
            .map(|(i, t)| read_target(t, i))
            .collect::<Result<Vec<_>, _>>()?;
        let bus = self.bus_mut(ctx, r.event_bus_name.as_deref())?;
        let rule = bus.rule_mut(&r.rule)?;
        if rule.managed_by.is_some() {
            return Err(errors::managed_rule(format!(
                "Cannot modify managed rule {}.",
                r.rule
            )));
        }
        let mut after = rule.targets.clone();
        for target in targets {
            match after.iter_mut().find(|t| t.id == target.id) {
                Some(existing) => *existing = target,
                None => after.push(target),
            }
        }
        if after.len() > MAX_TARGETS {
            return Err(errors::limit_exceeded(
                "The requested resource exceeds the maximum number allowed.",
            ));
        }
        rule.targets = after;
        Ok(json!({"FailedEntryCount": 0, "FailedEntries": []}))
    }

    pub(super) fn remove_targets(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: RemoveTargetsRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(Some(&r.rule), "rule", (1, 64), Some(NAME_PATTERN));
        checks.string(
            r.event_bus_name.as_deref(),
            "eventBusName",
            (1, 1600),
            Some(BUS_NAME_OR_ARN_PATTERN),
        );
        if r.ids.is_empty() || r.ids.len() > 100 {
            checks.fail(
                format!("{:?}", r.ids),
                "ids",
                if r.ids.is_empty() {
                    "Member must have length greater than or equal to 1"
                } else {
                    "Member must have length less than or equal to 100"
                },
            );
        }
        checks.done()?;
        let bus = self.bus_mut(ctx, r.event_bus_name.as_deref())?;
        let rule = bus.rule_mut(&r.rule)?;
        if rule.managed_by.is_some() && r.force != Some(true) {
            return Err(errors::managed_rule(format!(
                "Cannot modify managed rule {} without Force.",
                r.rule
            )));
        }
        rule.targets
            .retain(|t| !r.ids.iter().any(|id| *id == *t.id));
        Ok(json!({"FailedEntryCount": 0, "FailedEntries": []}))
    }

    pub(super) fn list_targets_by_rule(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: ListTargetsRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(Some(&r.rule), "rule", (1, 64), Some(NAME_PATTERN));
        checks.string(
            r.event_bus_name.as_deref(),
            "eventBusName",
            (1, 1600),
            Some(BUS_NAME_OR_ARN_PATTERN),
        );
        checks.range(r.limit, "limit", 1, 100);
        checks.done()?;
        let bus = self.bus_mut(ctx, r.event_bus_name.as_deref())?;
        let rule = bus.rule(&r.rule)?;
        let items = rule.targets.iter().map(|t| t.raw.clone()).collect();
        let max = r.limit.unwrap_or(100) as usize;
        Ok(paging::by_index(
            "Targets",
            "NextToken",
            items,
            r.next_token.as_deref(),
            max,
        ))
    }
}
