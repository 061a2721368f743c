//! Lambda actions around a function: aliases, reserved concurrency and the
//! account's settings, and tags (on the function only, at most 50). Also how
//! a request names its target (`Lambda::target`), which the event invoke
//! configs and the policies share.

use super::errors::{
    constraint, function_not_found, invalid_parameter, resource_conflict, resource_not_found,
    validation,
};
use super::functions::{check_revision, page, page_size};
use super::model::*;
use super::Lambda;
use crate::api::AwsError;
use crate::kernel::Ctx;
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

/// What TagResource, UntagResource and ListTags act on.
enum Tagged {
    Function(String),
    Mapping(u64),
}

impl Lambda {
    /// The function `name` (already resolved in this call; were it gone, ResourceNotFound,
    /// never a panic that would take the page down).
    pub(super) fn function_mut(&mut self, name: &str) -> Result<&mut Function, AwsError> {
        self.functions
            .get_mut(name)
            .ok_or_else(|| super::errors::resource_not_found(format!("Function not found: {name}")))
    }

    /// The same, read-only.
    pub(super) fn function_ref(&self, name: &str) -> Result<&Function, AwsError> {
        self.functions
            .get(name)
            .ok_or_else(|| super::errors::resource_not_found(format!("Function not found: {name}")))
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
        self.function_mut(&name)?.aliases.insert(req.name, alias);
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
            .function_mut(&name)?
            .aliases
            .get_mut(&req.name)
            .ok_or_else(|| resource_not_found(format!("Alias not found: {}", req.name)))?;
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
        let f = self.function_mut(&name)?;
        if f.aliases.remove(&req.name).is_some() {
            // The alias's asynchronous-invocation settings and policy go with it.
            f.event_invoke_config.remove(&req.name);
            f.policy.remove(&req.name);
        }
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
        self.function_mut(&name)?.reserved_concurrency = Some(n as u32);
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
        self.function_mut(&name)?.reserved_concurrency = None;
        Ok(json!({}))
    }

    pub(super) fn get_account_settings(&mut self) -> Value {
        // $LATEST's code and every published version's: each version counts again.
        let code: u64 = self
            .functions
            .values()
            .flat_map(|f| std::iter::once(&f.latest).chain(f.versions.values()))
            .map(|c| c.code.size)
            .sum();
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

    /// A function's tags; a version's, an alias's or `:$LATEST`'s are refused, as AWS does,
    /// before it looks the function up.
    /// The resource a tagging call names: a function (unqualified) or an event source mapping.
    fn tagged(&self, ctx: &Ctx, resource: &str) -> Result<Tagged, AwsError> {
        if resource.contains(":event-source-mapping:") {
            return self
                .event_source_mappings()
                .find(|m| m.arn == resource)
                .map(|m| Tagged::Mapping(m.id))
                .ok_or_else(|| {
                    super::errors::resource_not_found("The resource you requested does not exist.")
                });
        }
        let t = self.target(ctx, resource, None)?;
        if t.qualifier.is_some() {
            return Err(invalid_parameter(
                "Tags on function aliases and versions are not supported. Please specify a function ARN.",
            ));
        }
        match t.function {
            Some(f) => Ok(Tagged::Function(f.name.clone())),
            None => Err(function_not_found(&t.arn)),
        }
    }

    fn tags_mut(&mut self, t: &Tagged) -> Option<&mut BTreeMap<String, String>> {
        match t {
            Tagged::Function(name) => self.functions.get_mut(name).map(|f| &mut f.tags),
            Tagged::Mapping(id) => self.mappings.get_mut(id).map(|m| &mut m.tags),
        }
    }

    pub(super) fn tag_resource(
        &mut self,
        ctx: &mut Ctx,
        req: TagsRequest,
    ) -> Result<Value, AwsError> {
        let target = self.tagged(ctx, &req.resource)?;
        let tags = req.tags.unwrap_or_default();
        super::validate::tags(&tags)?;
        if tags.is_empty() {
            return Err(invalid_parameter(
                "An error occurred and the request cannot be processed.",
            ));
        }
        let Some(existing) = self.tags_mut(&target) else {
            return Ok(json!({}));
        };
        let added = tags.keys().filter(|k| !existing.contains_key(*k)).count();
        if existing.len() + added > MAX_TAGS {
            return Err(invalid_parameter(
                "Number of tags exceeds resource tag limit.",
            ));
        }
        existing.extend(tags);
        Ok(json!({}))
    }

    pub(super) fn untag_resource(
        &mut self,
        ctx: &mut Ctx,
        req: TagsRequest,
    ) -> Result<Value, AwsError> {
        let target = self.tagged(ctx, &req.resource)?;
        let keys = req.tag_keys.unwrap_or_default();
        if keys.is_empty() {
            return Err(validation(
                "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null",
            ));
        }
        if let Some(tags) = self.tags_mut(&target) {
            for key in keys {
                tags.remove(&key);
            }
        }
        Ok(json!({}))
    }

    pub(super) fn list_tags(&mut self, ctx: &mut Ctx, req: TagsRequest) -> Result<Value, AwsError> {
        let target = self.tagged(ctx, &req.resource)?;
        let tags = self.tags_mut(&target).cloned().unwrap_or_default();
        Ok(json!({ "Tags": tags }))
    }

    /// What a FunctionName (with an optional Qualifier parameter) names, also when the function
    /// does not exist: the two qualifiers must agree, which AWS checks first.
    pub(super) fn target(
        &self,
        ctx: &Ctx,
        raw: &str,
        given: Option<String>,
    ) -> Result<Target<'_>, AwsError> {
        let (name, derived) = super::validate::function_name(&self.action, raw, ctx.identity)?;
        let function = self.functions.get(&name);
        let qualifier = super::validate::agree(derived, given)?;
        let arn = match function {
            Some(f) => f.arn.clone(),
            None => ctx.identity.arn("lambda", &format!("function:{name}")),
        };
        Ok(Target {
            function,
            arn,
            qualifier,
        })
    }
}

/// AWS's limit of tags on a function.
const MAX_TAGS: usize = 50;

/// A function as a request names it (`Lambda::target`).
pub struct Target<'a> {
    /// None when no function has the name.
    pub function: Option<&'a Function>,
    /// The function's unqualified ARN.
    pub arn: String,
    /// The qualifier of the name or the Qualifier parameter.
    pub qualifier: Option<String>,
}

/// Whether a qualifier names $LATEST, a published version or an alias of the function.
pub(super) fn has_qualifier(f: &Function, qualifier: &str) -> bool {
    qualifier == LATEST
        || qualifier
            .parse::<u32>()
            .is_ok_and(|v| f.versions.contains_key(&v))
        || f.aliases.contains_key(qualifier)
}
