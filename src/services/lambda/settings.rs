//! Lambda actions around a function: aliases, reserved concurrency and the
//! account's settings, asynchronous-invocation settings
//! (PutFunctionEventInvokeConfig), the resource-based policy
//! (AddPermission / RemovePermission / GetPolicy) and tags.

use super::errors::{constraint, invalid_parameter, resource_conflict, resource_not_found};
use super::functions::{check_revision, page, page_size};
use super::model::*;
use super::Lambda;
use crate::api::AwsError;
use crate::services::Ctx;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct AliasRequest {
    function_name: String,
    name: String,
    function_version: Option<String>,
    description: Option<String>,
    revision_id: Option<String>,
    routing_config: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ListAliasesRequest {
    function_name: String,
    function_version: Option<String>,
    marker: Option<String>,
    max_items: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ConcurrencyRequest {
    function_name: String,
    reserved_concurrent_executions: Option<i64>,
}

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
pub struct DestinationConfig {
    on_success: Option<Destination>,
    on_failure: Option<Destination>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Destination {
    destination: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct AddPermissionRequest {
    function_name: String,
    statement_id: String,
    action: String,
    principal: String,
    source_arn: Option<String>,
    source_account: Option<String>,
    event_source_token: Option<String>,
    qualifier: Option<String>,
    revision_id: Option<String>,
    #[serde(rename = "PrincipalOrgID")]
    principal_org_id: Option<String>,
    function_url_auth_type: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct RemovePermissionRequest {
    function_name: String,
    statement_id: String,
    qualifier: Option<String>,
    revision_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct TagsRequest {
    resource: String,
    tags: Option<BTreeMap<String, String>>,
    tag_keys: Option<Vec<String>>,
}

fn alias_name(name: &str) -> Result<(), AwsError> {
    let ok = (1..=128).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !name.bytes().all(|b| b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(constraint(
            name,
            "name",
            "Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)",
        ))
    }
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

impl Lambda {
    fn function_mut(&mut self, name: &str) -> &mut Function {
        self.functions.get_mut(name).expect("resolved before")
    }

    pub(super) fn create_alias(
        &mut self,
        ctx: &mut Ctx,
        req: AliasRequest,
    ) -> Result<Value, AwsError> {
        let (f, _) = self.resolve(ctx, &req.function_name)?;
        alias_name(&req.name)?;
        if req.routing_config.is_some() {
            return Err(invalid_parameter(
                "RoutingConfig (weighted aliases) is not simulated by Stratus yet.",
            ));
        }
        let version = req
            .function_version
            .ok_or_else(|| AwsError::param_validation("Parameter validation failed:\nMissing required parameter in input: \"FunctionVersion\""))?;
        Self::version_of(f, Some(&version))?;
        if f.aliases.contains_key(&req.name) {
            return Err(resource_conflict(format!(
                "Alias already exists: {}:{}",
                f.arn, req.name
            )));
        }
        let (name, arn) = (f.name.clone(), f.arn.clone());
        let alias = Alias {
            name: req.name.clone(),
            function_version: version,
            description: req.description.unwrap_or_default(),
            revision_id: ctx.rng.uuid(),
        };
        let out = alias.to_json(&arn);
        self.function_mut(&name).aliases.insert(req.name, alias);
        Ok(out)
    }

    fn alias<'a>(f: &'a Function, name: &str) -> Result<&'a Alias, AwsError> {
        f.aliases
            .get(name)
            .ok_or_else(|| resource_not_found(format!("Alias not found: {}:{name}", f.arn)))
    }

    pub(super) fn get_alias(
        &mut self,
        ctx: &mut Ctx,
        req: AliasRequest,
    ) -> Result<Value, AwsError> {
        let (f, _) = self.resolve(ctx, &req.function_name)?;
        Ok(Self::alias(f, &req.name)?.to_json(&f.arn))
    }

    pub(super) fn update_alias(
        &mut self,
        ctx: &mut Ctx,
        req: AliasRequest,
    ) -> Result<Value, AwsError> {
        let (f, _) = self.resolve(ctx, &req.function_name)?;
        let current = Self::alias(f, &req.name)?;
        check_revision(&current.revision_id, req.revision_id.as_deref())?;
        if let Some(v) = &req.function_version {
            Self::version_of(f, Some(v))?;
        }
        let (name, arn) = (f.name.clone(), f.arn.clone());
        let revision = ctx.rng.uuid();
        let alias = self
            .function_mut(&name)
            .aliases
            .get_mut(&req.name)
            .expect("found above");
        if let Some(v) = req.function_version {
            alias.function_version = v;
        }
        if let Some(d) = req.description {
            alias.description = d;
        }
        alias.revision_id = revision;
        Ok(alias.to_json(&arn))
    }

    pub(super) fn delete_alias(
        &mut self,
        ctx: &mut Ctx,
        req: AliasRequest,
    ) -> Result<Value, AwsError> {
        let (f, _) = self.resolve(ctx, &req.function_name)?;
        let name = f.name.clone();
        self.function_mut(&name).aliases.remove(&req.name);
        Ok(json!({}))
    }

    pub(super) fn list_aliases(
        &mut self,
        ctx: &mut Ctx,
        req: ListAliasesRequest,
    ) -> Result<Value, AwsError> {
        let max = page_size(req.max_items)?;
        let (f, _) = self.resolve(ctx, &req.function_name)?;
        let aliases = f
            .aliases
            .values()
            .filter(|a| {
                req.function_version
                    .as_ref()
                    .is_none_or(|v| *v == a.function_version)
            })
            .map(|a| a.to_json(&f.arn))
            .collect();
        Ok(page("Aliases", aliases, req.marker.as_deref(), max))
    }

    /// Concurrency reserved by every function but `except`.
    fn reserved_elsewhere(&self, except: &str) -> u32 {
        self.functions
            .values()
            .filter(|f| f.name != except)
            .map(Function::reserved)
            .sum()
    }

    pub(super) fn put_function_concurrency(
        &mut self,
        ctx: &mut Ctx,
        req: ConcurrencyRequest,
    ) -> Result<Value, AwsError> {
        let (f, _) = self.resolve(ctx, &req.function_name)?;
        let name = f.name.clone();
        let n = req.reserved_concurrent_executions.ok_or_else(|| {
            AwsError::param_validation("Parameter validation failed:\nMissing required parameter in input: \"ReservedConcurrentExecutions\"")
        })?;
        if n < 0 {
            return Err(constraint(
                n,
                "reservedConcurrentExecutions",
                "Member must have value greater than or equal to 0",
            ));
        }
        let unreserved = ACCOUNT_CONCURRENCY as i64 - self.reserved_elsewhere(&name) as i64 - n;
        if unreserved < MIN_UNRESERVED_CONCURRENCY as i64 {
            return Err(invalid_parameter(format!(
                "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [{MIN_UNRESERVED_CONCURRENCY}]."
            )));
        }
        self.function_mut(&name).reserved_concurrency = Some(n as u32);
        Ok(json!({ "ReservedConcurrentExecutions": n }))
    }

    pub(super) fn get_function_concurrency(
        &mut self,
        ctx: &mut Ctx,
        req: ConcurrencyRequest,
    ) -> Result<Value, AwsError> {
        let (f, _) = self.resolve(ctx, &req.function_name)?;
        Ok(match f.reserved_concurrency {
            Some(n) => json!({ "ReservedConcurrentExecutions": n }),
            None => json!({}),
        })
    }

    pub(super) fn delete_function_concurrency(
        &mut self,
        ctx: &mut Ctx,
        req: ConcurrencyRequest,
    ) -> Result<Value, AwsError> {
        let (f, _) = self.resolve(ctx, &req.function_name)?;
        let name = f.name.clone();
        self.function_mut(&name).reserved_concurrency = None;
        Ok(json!({}))
    }

    pub(super) fn get_account_settings(&mut self) -> Value {
        let code: u64 = self.functions.values().map(|f| f.latest.code.size).sum();
        json!({
            "AccountLimit": {
                "TotalCodeSize": 80_530_636_800u64,
                "CodeSizeUnzipped": super::zip::MAX_UNZIPPED_BYTES,
                "CodeSizeZipped": 52_428_800,
                "ConcurrentExecutions": ACCOUNT_CONCURRENCY,
                "UnreservedConcurrentExecutions": ACCOUNT_CONCURRENCY - self.reserved_elsewhere(""),
            },
            "AccountUsage": { "TotalCodeSize": code, "FunctionCount": self.functions.len() },
        })
    }

    pub(super) fn put_function_event_invoke_config(
        &mut self,
        ctx: &mut Ctx,
        req: EventInvokeConfigRequest,
    ) -> Result<Value, AwsError> {
        let (f, q) = self.resolve(ctx, &req.function_name)?;
        if req.qualifier.or(q).is_some_and(|q| q != "$LATEST") {
            return Err(invalid_parameter("Event invoke configuration for versions and aliases is not simulated by Stratus yet: configure $LATEST."));
        }
        let retries = match req.maximum_retry_attempts {
            None => 2,
            Some(n) if n < 0 => {
                return Err(constraint(
                    n,
                    "maximumRetryAttempts",
                    "Member must have value greater than or equal to 0",
                ))
            }
            Some(n) if n > 2 => {
                return Err(constraint(
                    n,
                    "maximumRetryAttempts",
                    "Member must have value less than or equal to 2",
                ))
            }
            Some(n) => n as u32,
        };
        let age = match req.maximum_event_age_in_seconds {
            None => 21_600,
            Some(n) if n < 60 => {
                return Err(constraint(
                    n,
                    "maximumEventAgeInSeconds",
                    "Member must have value greater than or equal to 60",
                ))
            }
            Some(n) if n > 21_600 => {
                return Err(constraint(
                    n,
                    "maximumEventAgeInSeconds",
                    "Member must have value less than or equal to 21600",
                ))
            }
            Some(n) => n as u32,
        };
        let (on_success, on_failure) = match req.destination_config {
            Some(d) => (destination(d.on_success)?, destination(d.on_failure)?),
            None => (None, None),
        };
        let (name, arn) = (f.name.clone(), f.arn.clone());
        let config = EventInvokeConfig {
            maximum_retry_attempts: retries,
            maximum_event_age_in_seconds: age,
            on_success,
            on_failure,
            last_modified: ctx.now,
        };
        let out = config.to_json(&arn);
        self.function_mut(&name).event_invoke_config = Some(config);
        Ok(out)
    }

    pub(super) fn get_function_event_invoke_config(
        &mut self,
        ctx: &mut Ctx,
        req: EventInvokeConfigRequest,
    ) -> Result<Value, AwsError> {
        let (f, _) = self.resolve(ctx, &req.function_name)?;
        match &f.event_invoke_config {
            Some(c) => Ok(c.to_json(&f.arn)),
            None => Err(resource_not_found(format!(
                "The function {}:$LATEST doesn't have an EventInvokeConfig",
                f.arn
            ))),
        }
    }

    pub(super) fn add_permission(
        &mut self,
        ctx: &mut Ctx,
        req: AddPermissionRequest,
    ) -> Result<Value, AwsError> {
        let (f, q) = self.resolve(ctx, &req.function_name)?;
        if let Some(rev) = &req.revision_id {
            check_revision(&f.latest.revision_id, Some(rev))?;
        }
        let ok_sid = (1..=100).contains(&req.statement_id.len())
            && req
                .statement_id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !ok_sid {
            return Err(constraint(
                &req.statement_id,
                "statementId",
                "Member must satisfy regular expression pattern: ([a-zA-Z0-9-_]+)",
            ));
        }
        if f.policy.contains_key(&req.statement_id) {
            return Err(resource_conflict("The statement id (sid) provided already exists. Please specify a new statement id, or remove the existing statement."));
        }
        if req.event_source_token.is_some()
            || req.principal_org_id.is_some()
            || req.function_url_auth_type.is_some()
        {
            return Err(invalid_parameter("EventSourceToken, PrincipalOrgID and FunctionUrlAuthType are not simulated by Stratus yet."));
        }
        let resource = match req.qualifier.or(q) {
            Some(q) => format!("{}:{q}", f.arn),
            None => f.arn.clone(),
        };
        let principal = if req.principal.ends_with(".amazonaws.com") {
            json!({ "Service": req.principal })
        } else {
            json!({ "AWS": req.principal })
        };
        let mut statement = json!({
            "Sid": req.statement_id,
            "Effect": "Allow",
            "Principal": principal,
            "Action": req.action,
            "Resource": resource,
        });
        let mut condition = serde_json::Map::new();
        if let Some(arn) = req.source_arn {
            condition.insert("ArnLike".into(), json!({ "AWS:SourceArn": arn }));
        }
        if let Some(account) = req.source_account {
            condition.insert(
                "StringEquals".into(),
                json!({ "AWS:SourceAccount": account }),
            );
        }
        if !condition.is_empty() {
            statement["Condition"] = Value::Object(condition);
        }
        let name = f.name.clone();
        let text = statement.to_string();
        self.function_mut(&name)
            .policy
            .insert(req.statement_id, statement);
        // IAM is not simulated yet: the policy is kept and shown, not enforced.
        Ok(json!({ "Statement": text }))
    }

    pub(super) fn remove_permission(
        &mut self,
        ctx: &mut Ctx,
        req: RemovePermissionRequest,
    ) -> Result<Value, AwsError> {
        let (f, _) = self.resolve(ctx, &req.function_name)?;
        let _ = req.qualifier;
        if let Some(rev) = &req.revision_id {
            check_revision(&f.latest.revision_id, Some(rev))?;
        }
        if !f.policy.contains_key(&req.statement_id) {
            return Err(resource_not_found(format!(
                "Statement {} is not found in resource policy.",
                req.statement_id
            )));
        }
        let name = f.name.clone();
        self.function_mut(&name).policy.remove(&req.statement_id);
        Ok(json!({}))
    }

    pub(super) fn get_policy(
        &mut self,
        ctx: &mut Ctx,
        req: super::functions::FunctionRequest,
    ) -> Result<Value, AwsError> {
        let f = self.resolve(ctx, req.function_name())?.0;
        if f.policy.is_empty() {
            return Err(resource_not_found(
                "The resource you requested does not exist.",
            ));
        }
        let policy = json!({
            "Version": "2012-10-17",
            "Id": "default",
            "Statement": f.policy.values().collect::<Vec<_>>(),
        });
        Ok(json!({ "Policy": policy.to_string(), "RevisionId": f.latest.revision_id }))
    }

    fn function_by_arn(&self, ctx: &Ctx, arn: &str) -> Result<String, AwsError> {
        let (f, _) = self.resolve(ctx, arn)?;
        Ok(f.name.clone())
    }

    pub(super) fn tag_resource(
        &mut self,
        ctx: &mut Ctx,
        req: TagsRequest,
    ) -> Result<Value, AwsError> {
        let name = self.function_by_arn(ctx, &req.resource)?;
        let tags = req.tags.unwrap_or_default();
        self.function_mut(&name).tags.extend(tags);
        Ok(json!({}))
    }

    pub(super) fn untag_resource(
        &mut self,
        ctx: &mut Ctx,
        req: TagsRequest,
    ) -> Result<Value, AwsError> {
        let name = self.function_by_arn(ctx, &req.resource)?;
        let f = self.function_mut(&name);
        for key in req.tag_keys.unwrap_or_default() {
            f.tags.remove(&key);
        }
        Ok(json!({}))
    }

    pub(super) fn list_tags(&mut self, ctx: &mut Ctx, req: TagsRequest) -> Result<Value, AwsError> {
        let name = self.function_by_arn(ctx, &req.resource)?;
        Ok(json!({ "Tags": self.functions[&name].tags }))
    }
}
