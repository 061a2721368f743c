//! A function's resource-based policies (AddPermission / RemovePermission /
//! GetPolicy), one per qualifier: the function itself (unqualified), each
//! published version and each alias; never $LATEST. Statements keep the order
//! they were added in and AWS's key order (Sid, Effect, Principal, Action,
//! Resource, Condition), so they are written by hand: serde_json sorts keys.
//! IAM is not simulated yet: the policies are kept and shown, not enforced.

use super::errors::{constraint, function_not_found, invalid_parameter, resource_conflict};
use super::errors::{precondition_failed, resource_not_found};
use super::model::{Function, Policy, LATEST};
use super::settings::has_qualifier;
use super::shapes::GetPolicyRequest;
use super::Lambda;
use crate::api::AwsError;
use crate::kernel::Ctx;
use serde::Deserialize;
use serde_json::{json, Value};
use std::borrow::Cow;

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

const REVISION_MISMATCH: &str = "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id";

fn no_resource() -> AwsError {
    resource_not_found("The resource you requested does not exist.")
}

/// A JSON string literal.
fn quoted(s: &str) -> String {
    Value::String(s.to_string()).to_string()
}

/// `"*"`, an account (`{"AWS":"arn:aws:iam::ACCOUNT:root"}`), an IAM ARN (`{"AWS":…}`) or a
/// service (`{"Service":"s3.amazonaws.com"}`); anything else is not a principal.
fn principal(p: &str) -> Result<String, AwsError> {
    let account = p.len() == 12 && p.bytes().all(|b| b.is_ascii_digit());
    let service = (p.ends_with(".amazonaws.com") || p.ends_with(".amazon.com"))
        && p.split('.').next().is_some_and(|s| !s.is_empty());
    if p == "*" {
        Ok(quoted(p))
    } else if account {
        Ok(format!(
            r#"{{"AWS":{}}}"#,
            quoted(&format!("arn:aws:iam::{p}:root"))
        ))
    } else if p.starts_with("arn:aws:iam::") || p.starts_with("arn:aws:sts::") {
        Ok(format!(r#"{{"AWS":{}}}"#, quoted(p)))
    } else if service {
        Ok(format!(r#"{{"Service":{}}}"#, quoted(p)))
    } else {
        Err(invalid_parameter(
            "The provided principal was invalid. Please check the principal and try again.",
        ))
    }
}

/// `{"k":"v",...}` in the given order.
fn object(entries: &[(&str, &str)]) -> String {
    let parts: Vec<String> = entries
        .iter()
        .map(|(k, v)| format!("{}:{}", quoted(k), quoted(v)))
        .collect();
    format!("{{{}}}", parts.join(","))
}

/// The statement AddPermission answers and GetPolicy lists.
fn statement(req: &AddPermissionRequest, principal: &str, resource: &str) -> String {
    let mut equals: Vec<(&str, &str)> = Vec::new();
    if let Some(t) = &req.function_url_auth_type {
        equals.push(("lambda:FunctionUrlAuthType", t));
    }
    if let Some(org) = &req.principal_org_id {
        equals.push(("aws:PrincipalOrgID", org));
    }
    if let Some(account) = &req.source_account {
        equals.push(("AWS:SourceAccount", account));
    }
    if let Some(token) = &req.event_source_token {
        equals.push(("lambda:EventSourceToken", token));
    }
    let mut conditions = Vec::new();
    if !equals.is_empty() {
        conditions.push(format!(r#""StringEquals":{}"#, object(&equals)));
    }
    if let Some(arn) = &req.source_arn {
        conditions.push(format!(
            r#""ArnLike":{}"#,
            object(&[("AWS:SourceArn", arn)])
        ));
    }
    let condition = if conditions.is_empty() {
        String::new()
    } else {
        format!(r#","Condition":{{{}}}"#, conditions.join(","))
    };
    format!(
        r#"{{"Sid":{},"Effect":"Allow","Principal":{principal},"Action":{},"Resource":{}{condition}}}"#,
        quoted(&req.statement_id),
        quoted(&req.action),
        quoted(resource),
    )
}

/// A version or alias qualifier that does not exist, as Add/RemovePermission report it.
fn missing_qualifier(f: &Function, q: &str) -> AwsError {
    let is_alias_name = !q.bytes().all(|b| b.is_ascii_digit())
        && q.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if is_alias_name {
        resource_not_found(format!("Cannot find alias arn: {}:{q}", f.arn))
    } else {
        function_not_found(&format!("{}:{q}", f.arn))
    }
}

/// The RevisionId a caller must give to change this policy: the policy's, or (before it has
/// one) the function's, version's or alias's.
fn current_revision(f: &Function, key: &str) -> String {
    if let Some(p) = f.policy.get(key) {
        return p.revision_id.clone();
    }
    if let Some(alias) = f.aliases.get(key) {
        return alias.revision_id.clone();
    }
    match key.parse::<u32>().ok().and_then(|v| f.versions.get(&v)) {
        Some(version) => version.revision_id.clone(),
        None => f.latest.revision_id.clone(),
    }
}

fn check_revision(f: &Function, key: &str, given: Option<&str>) -> Result<(), AwsError> {
    match given {
        Some(r) if r != current_revision(f, key) => Err(precondition_failed(REVISION_MISMATCH)),
        _ => Ok(()),
    }
}

impl Lambda {
    pub(super) fn add_permission(
        &mut self,
        ctx: &mut Ctx,
        req: AddPermissionRequest,
    ) -> Result<Value, AwsError> {
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
        if let Some(t) = req.function_url_auth_type.as_deref() {
            if t != "NONE" && t != "AWS_IAM" {
                return Err(constraint(
                    t,
                    "functionUrlAuthType",
                    "Member must satisfy enum value set: [AWS_IAM, NONE]",
                ));
            }
        }
        let t = self.target(ctx, &req.function_name, req.qualifier.clone())?;
        if t.qualifier.as_deref() == Some(LATEST) {
            return Err(invalid_parameter(
                "We currently do not support adding policies for $LATEST.",
            ));
        }
        let f = t.function.ok_or_else(|| function_not_found(&t.arn))?;
        if let Some(q) = t.qualifier.as_deref().filter(|q| !has_qualifier(f, q)) {
            return Err(missing_qualifier(f, q));
        }
        let principal = principal(&req.principal)?;
        let key = t.qualifier.clone().unwrap_or_else(|| LATEST.to_string());
        check_revision(f, &key, req.revision_id.as_deref())?;
        let taken = f
            .policy
            .get(&key)
            .is_some_and(|p| p.statements.iter().any(|(sid, _)| *sid == req.statement_id));
        if taken {
            return Err(resource_conflict(format!(
                "The statement id ({}) provided already exists. Please provide a new statement id, or remove the existing statement.",
                req.statement_id
            )));
        }
        let resource = match &t.qualifier {
            Some(q) => format!("{}:{q}", f.arn),
            None => f.arn.clone(),
        };
        let text = statement(&req, &principal, &resource);
        let name = f.name.clone();
        let revision_id = ctx.rng.uuid();
        let policy = self
            .function_mut(&name)?
            .policy
            .entry(key)
            .or_insert_with(|| Policy {
                statements: Vec::new(),
                revision_id: String::new(),
            });
        policy.statements.push((req.statement_id, text.clone()));
        policy.revision_id = revision_id;
        Ok(json!({ "Statement": text }))
    }

    pub(super) fn remove_permission(
        &mut self,
        ctx: &mut Ctx,
        req: RemovePermissionRequest,
    ) -> Result<Value, AwsError> {
        let t = self.target(ctx, &req.function_name, req.qualifier)?;
        let Some(f) = t.function else {
            return Err(resource_not_found(format!(
                "No policy found for: {}",
                t.arn
            )));
        };
        if let Some(q) = t.qualifier.as_deref().filter(|q| !has_qualifier(f, q)) {
            return Err(missing_qualifier(f, q));
        }
        let key = t.qualifier.unwrap_or_else(|| LATEST.to_string());
        let Some(policy) = f.policy.get(&key) else {
            return Err(resource_not_found(
                "No policy is associated with the given resource.",
            ));
        };
        check_revision(f, &key, req.revision_id.as_deref())?;
        let Some(at) = policy
            .statements
            .iter()
            .position(|(sid, _)| *sid == req.statement_id)
        else {
            return Err(resource_not_found(format!(
                "Statement {} is not found in resource policy.",
                req.statement_id
            )));
        };
        let name = f.name.clone();
        let revision_id = ctx.rng.uuid();
        let policies = &mut self.function_mut(&name)?.policy;
        let Some(policy) = policies.get_mut(&key) else {
            return Err(resource_not_found(format!(
                "Statement {} is not found in resource policy.",
                req.statement_id
            )));
        };
        policy.statements.remove(at);
        policy.revision_id = revision_id;
        if policy.statements.is_empty() {
            policies.remove(&key);
        }
        Ok(json!({}))
    }

    /// GetPolicy: the policy of the function, or of the version or alias the Qualifier names.
    pub(super) fn get_policy(
        &mut self,
        ctx: &mut Ctx,
        req: GetPolicyRequest<'_>,
    ) -> Result<Value, AwsError> {
        let t = self.target(ctx, &req.function_name, req.qualifier.map(Cow::into_owned))?;
        let f = t.function.ok_or_else(|| function_not_found(&t.arn))?;
        let key = t.qualifier.unwrap_or_else(|| LATEST.to_string());
        match f.policy.get(&key) {
            Some(p) if has_qualifier(f, &key) => {
                Ok(json!({ "Policy": p.document(), "RevisionId": p.revision_id }))
            }
            _ => Err(no_resource()),
        }
    }
}
