//! Asynchronous-invocation settings, per qualifier ($LATEST, a version or an
//! alias): Put (replaces the whole config), Get, Update (merges), Delete and
//! ListFunctionEventInvokeConfigs, with the errors AWS answers. The config of
//! the qualifier an event was invoked with governs its retries, its maximum
//! age and its destinations (`async_events`).

use super::errors::{in_range, invalid_parameter, resource_not_found};
use super::functions::{page, page_size};
use super::model::{EventInvokeConfig, Function, LATEST};
use super::settings::has_qualifier;
use super::Lambda;
use crate::api::AwsError;
use crate::kernel::Ctx;
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct EventInvokeConfigRequest {
    function_name: String,
    qualifier: Option<String>,
    maximum_retry_attempts: Option<i64>,
    maximum_event_age_in_seconds: Option<i64>,
    destination_config: Option<DestinationConfig>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ListEventInvokeConfigsRequest {
    function_name: String,
    marker: Option<String>,
    max_items: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct DestinationConfig {
    on_success: Option<Destination>,
    on_failure: Option<Destination>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Destination {
    destination: Option<String>,
}

/// A destination must be a queue, topic, function or event bus ARN.
fn destination(d: Option<Destination>) -> Result<Option<String>, AwsError> {
    let Some(arn) = d.and_then(|d| d.destination) else {
        return Ok(None);
    };
    let kinds = [
        "arn:aws:sqs:",
        "arn:aws:sns:",
        "arn:aws:lambda:",
        "arn:aws:events:",
    ];
    if kinds.iter().any(|k| arn.starts_with(k)) {
        Ok(Some(arn))
    } else {
        Err(invalid_parameter(format!(
            "The destination ARN {arn} is invalid: a destination is an SQS queue, an SNS topic, a Lambda function or an EventBridge event bus."
        )))
    }
}

/// `The function arn:…:NAME:QUALIFIER doesn't have an EventInvokeConfig` (404).
fn no_config(arn: &str, qualifier: &str) -> AwsError {
    resource_not_found(format!(
        "The function {arn}:{qualifier} doesn't have an EventInvokeConfig"
    ))
}

/// Put, Update and List on a function (or, for Put, a qualifier) that does not exist.
fn no_function() -> AwsError {
    resource_not_found("The function doesn't exist.")
}

/// MaximumRetryAttempts 0–2 and MaximumEventAgeInSeconds 60–21,600, as AWS's model constrains them.
fn limits(req: &EventInvokeConfigRequest) -> Result<(Option<u32>, Option<u32>), AwsError> {
    let retries = req
        .maximum_retry_attempts
        .map(|n| in_range(n, "maximumRetryAttempts", 0, 2))
        .transpose()?;
    let age = req
        .maximum_event_age_in_seconds
        .map(|n| in_range(n, "maximumEventAgeInSeconds", 60, 21_600))
        .transpose()?;
    Ok((retries.map(|n| n as u32), age.map(|n| n as u32)))
}

impl Lambda {
    /// The function and qualifier a request names ($LATEST when unqualified), or the error
    /// AWS gives a missing function for this action.
    fn config_target(
        &self,
        ctx: &Ctx,
        raw: &str,
        given: Option<String>,
        missing: impl Fn(&str, &str) -> AwsError,
    ) -> Result<(&Function, String), AwsError> {
        let t = self.target(ctx, raw, given)?;
        let qualifier = t.qualifier.unwrap_or_else(|| LATEST.to_string());
        match t.function {
            Some(f) => Ok((f, qualifier)),
            None => Err(missing(&t.arn, &qualifier)),
        }
    }

    pub(super) fn put_function_event_invoke_config(
        &mut self,
        ctx: &mut Ctx,
        req: EventInvokeConfigRequest,
    ) -> Result<Value, AwsError> {
        let (retries, age) = limits(&req)?;
        let (f, qualifier) =
            self.config_target(ctx, &req.function_name, req.qualifier, |_, _| no_function())?;
        if !has_qualifier(f, &qualifier) {
            return Err(no_function());
        }
        if retries.is_none() && age.is_none() && req.destination_config.is_none() {
            return Err(invalid_parameter(
                "You must specify at least one of error handling or destination setting.",
            ));
        }
        let (on_success, on_failure) = match req.destination_config {
            Some(d) => (destination(d.on_success)?, destination(d.on_failure)?),
            None => (None, None),
        };
        let config = EventInvokeConfig {
            maximum_retry_attempts: retries,
            maximum_event_age_in_seconds: age,
            on_success,
            on_failure,
            last_modified: ctx.now,
        };
        let name = f.name.clone();
        self.store_config(&name, qualifier, config)
    }

    pub(super) fn get_function_event_invoke_config(
        &mut self,
        ctx: &mut Ctx,
        req: EventInvokeConfigRequest,
    ) -> Result<Value, AwsError> {
        let (f, qualifier) =
            self.config_target(ctx, &req.function_name, req.qualifier, no_config)?;
        match f.event_invoke_config.get(&qualifier) {
            Some(c) if has_qualifier(f, &qualifier) => {
                Ok(c.to_json(&format!("{}:{qualifier}", f.arn)))
            }
            _ => Err(no_config(&f.arn, &qualifier)),
        }
    }

    /// UpdateFunctionEventInvokeConfig: the members given replace those of the existing config.
    pub(super) fn update_function_event_invoke_config(
        &mut self,
        ctx: &mut Ctx,
        req: EventInvokeConfigRequest,
    ) -> Result<Value, AwsError> {
        let (retries, age) = limits(&req)?;
        let (f, qualifier) =
            self.config_target(ctx, &req.function_name, req.qualifier, |_, _| no_function())?;
        let Some(current) = f
            .event_invoke_config
            .get(&qualifier)
            .filter(|_| has_qualifier(f, &qualifier))
        else {
            return Err(no_config(&f.arn, &qualifier));
        };
        let mut config = current.clone();
        if let Some(d) = req.destination_config {
            if d.on_success.is_some() {
                config.on_success = destination(d.on_success)?;
            }
            if d.on_failure.is_some() {
                config.on_failure = destination(d.on_failure)?;
            }
        }
        config.maximum_retry_attempts = retries.or(config.maximum_retry_attempts);
        config.maximum_event_age_in_seconds = age.or(config.maximum_event_age_in_seconds);
        config.last_modified = ctx.now;
        let name = f.name.clone();
        self.store_config(&name, qualifier, config)
    }

    pub(super) fn delete_function_event_invoke_config(
        &mut self,
        ctx: &mut Ctx,
        req: EventInvokeConfigRequest,
    ) -> Result<Value, AwsError> {
        let (f, qualifier) =
            self.config_target(ctx, &req.function_name, req.qualifier, no_config)?;
        if !has_qualifier(f, &qualifier) || !f.event_invoke_config.contains_key(&qualifier) {
            return Err(no_config(&f.arn, &qualifier));
        }
        let name = f.name.clone();
        self.function_mut(&name)?
            .event_invoke_config
            .remove(&qualifier);
        Ok(json!({}))
    }

    /// ListFunctionEventInvokeConfigs: $LATEST's, then the versions' in order, then the aliases'.
    pub(super) fn list_function_event_invoke_configs(
        &mut self,
        ctx: &mut Ctx,
        req: ListEventInvokeConfigsRequest,
    ) -> Result<Value, AwsError> {
        let max = page_size(req.max_items)?;
        let t = self.target(ctx, &req.function_name, None)?;
        let f = t.function.ok_or_else(no_function)?;
        let qualifiers = std::iter::once(LATEST.to_string())
            .chain(f.versions.keys().map(u32::to_string))
            .chain(f.aliases.keys().cloned());
        let items = qualifiers
            .filter_map(|q| {
                let c = f.event_invoke_config.get(&q)?;
                Some(c.to_json(&format!("{}:{q}", f.arn)))
            })
            .collect();
        Ok(page(
            "FunctionEventInvokeConfigs",
            items,
            req.marker.as_deref(),
            max,
        ))
    }
}

impl Lambda {
    /// Keeps a qualifier's config and answers it as Put and Update do.
    fn store_config(
        &mut self,
        name: &str,
        qualifier: String,
        config: EventInvokeConfig,
    ) -> Result<Value, AwsError> {
        let f = self.function_mut(name)?;
        let out = config.to_json(&format!("{}:{qualifier}", f.arn));
        f.event_invoke_config.insert(qualifier, config);
        Ok(out)
    }
}
