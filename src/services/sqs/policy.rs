//! SQS queue access policies: the `Policy` attribute (validated as SQS
//! validates it and returned as it was written), AddPermission and
//! RemovePermission (which write statements into that policy the way SQS
//! does), and the evaluation of a policy for a request from another account
//! or a service (explicit deny wins, then any allow; the queue owner needs
//! none).

use super::errors::{self, invalid_value};
use super::shapes::{AddPermissionRequest, Empty, RemovePermissionRequest};
use super::Sqs;
use crate::api::AwsError;
use crate::services::Ctx;
use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{json, Value};

/// A queue policy holds at most this many bytes (SQS's policy quota).
pub const MAX_POLICY_BYTES: usize = 8_192;
/// ... this many statements,
pub const MAX_STATEMENTS: usize = 20;
/// ... and this many principals.
pub const MAX_PRINCIPALS: usize = 50;
/// AddPermission grants at most this many actions in one call.
pub const MAX_ACTIONS_PER_PERMISSION: usize = 7;
/// A permission's Label: at most 80 alphanumerics, hyphens and underscores.
pub const MAX_LABEL_LEN: usize = 80;

/// The actions AddPermission may grant another account: the message actions
/// and the read-only queue actions (the batch actions come with their single ones).
/// The others only the queue's owner may call.
pub const GRANTABLE_ACTIONS: &[&str] = &[
    "*",
    "ChangeMessageVisibility",
    "DeleteMessage",
    "GetQueueAttributes",
    "GetQueueUrl",
    "ListDeadLetterSourceQueues",
    "PurgeQueue",
    "ReceiveMessage",
    "SendMessage",
];

/// SQS actions only the queue's owner may call: AddPermission refuses to grant them.
const OWNER_ONLY_ACTIONS: &[&str] = &[
    "AddPermission",
    "CancelMessageMoveTask",
    "CreateQueue",
    "DeleteQueue",
    "ListMessageMoveTasks",
    "ListQueueTags",
    "ListQueues",
    "RemovePermission",
    "SetQueueAttributes",
    "StartMessageMoveTask",
    "TagQueue",
    "UntagQueue",
];

/// An action AddPermission can grant, or AWS's reason why not.
fn check_grantable(action: &str) -> Result<(), AwsError> {
    if GRANTABLE_ACTIONS.contains(&action) {
        return Ok(());
    }
    let reason = if OWNER_ONLY_ACTIONS.contains(&action) {
        "Only the queue owner is allowed to invoke this action."
    } else {
        "Please refer to the appropriate WSDL for a list of valid actions."
    };
    Err(invalid_value("ActionName", format!("SQS:{action}"), reason))
}

/// A queue's access policy: the document as written, and its statements read for evaluation.
#[derive(Clone, Debug)]
pub struct QueuePolicy {
    text: String,
    /// Version and Id as written; a statement AddPermission adds keeps them.
    version: Option<Value>,
    id: Option<Value>,
    statements: Vec<Statement>,
}

impl PartialEq for QueuePolicy {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}
impl Eq for QueuePolicy {}

#[derive(Clone, Debug)]
struct Statement {
    sid: Option<String>,
    /// The statement exactly as written, so a rewritten policy keeps its form.
    raw: String,
    allow: bool,
    principal: Option<Value>,
    not_principal: Option<Value>,
    action: Option<Value>,
    not_action: Option<Value>,
    resource: Option<Value>,
    condition: Option<Value>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Document<'a> {
    version: Option<Value>,
    id: Option<Value>,
    #[serde(borrow)]
    statement: Option<&'a RawValue>,
}

/// Who is asking, for a policy's evaluation.
#[derive(Clone, Copy, Debug)]
pub enum Requester<'a> {
    /// An IAM identity in this account.
    Account(&'a str),
    /// An AWS service principal (`sns.amazonaws.com`) acting for a resource.
    Service(&'a str),
}

/// What a policy says of a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Allow,
    /// An explicit Deny matched.
    Deny,
    /// No statement matched: denied unless the requester owns the queue.
    NotAllowed,
}

/// What SQS answers for a policy it cannot read or that breaks the policy
/// grammar; AWS gives no reason beyond naming the parameter. `_why` is for the reader.
fn invalid_policy(_why: &str) -> AwsError {
    errors::invalid_attribute_value("Invalid value for the parameter Policy.")
}

/// The Policy attribute: an empty string removes the policy.
pub fn parse_policy_attribute(raw: &str) -> Result<Option<QueuePolicy>, AwsError> {
    if raw.is_empty() {
        return Ok(None);
    }
    QueuePolicy::parse(raw).map(Some)
}

impl QueuePolicy {
    pub fn parse(raw: &str) -> Result<QueuePolicy, AwsError> {
        if raw.len() > MAX_POLICY_BYTES {
            return Err(invalid_policy("larger than the policy quota"));
        }
        let doc: Document =
            serde_json::from_str(raw).map_err(|_| invalid_policy("not a JSON object"))?;
        if let Some(version) = &doc.version {
            if !matches!(version.as_str(), Some("2012-10-17" | "2008-10-17")) {
                return Err(invalid_policy(
                    "Version is neither 2012-10-17 nor 2008-10-17",
                ));
            }
        }
        let raws: Vec<&RawValue> = match doc.statement {
            None => return Err(invalid_policy("no Statement")),
            Some(s) if s.get().trim_start().starts_with('[') => {
                serde_json::from_str(s.get()).map_err(|_| invalid_policy("Statement unreadable"))?
            }
            Some(s) => vec![s],
        };
        if raws.is_empty() {
            return Err(invalid_policy("an empty Statement list"));
        }
        if raws.len() > MAX_STATEMENTS {
            return Err(errors::over_limit(format!(
                "{} statements were found in the submitted policy, max allowed is {MAX_STATEMENTS}",
                raws.len()
            )));
        }
        let mut statements = Vec::with_capacity(raws.len());
        let mut principals = 0;
        for raw_statement in raws {
            let statement = Statement::parse(raw_statement.get())?;
            principals += statement.principal_count();
            statements.push(statement);
        }
        if principals > MAX_PRINCIPALS {
            return Err(invalid_policy("more principals than the policy quota"));
        }
        Ok(QueuePolicy {
            text: raw.to_string(),
            version: doc.version,
            id: doc.id,
            statements,
        })
    }

    /// The document as GetQueueAttributes returns it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The statement ids (Sid) in order (for the UI and RemovePermission).
    pub fn sids(&self) -> impl Iterator<Item = Option<&str>> {
        self.statements.iter().map(|s| s.sid.as_deref())
    }

    pub fn statement_count(&self) -> usize {
        self.statements.len()
    }

    /// Evaluates the policy for `action` (`SendMessage`) on `resource` (the queue ARN),
    /// with the request's `aws:SourceArn` / `aws:SourceAccount` when a service asks for a resource.
    pub fn evaluate(
        &self,
        requester: Requester,
        action: &str,
        resource: &str,
        source_arn: Option<&str>,
    ) -> Decision {
        let mut allowed = false;
        for s in &self.statements {
            if !s.matches(requester, action, resource, source_arn) {
                continue;
            }
            if !s.allow {
                return Decision::Deny;
            }
            allowed = true;
        }
        if allowed {
            Decision::Allow
        } else {
            Decision::NotAllowed
        }
    }

    /// The policy AddPermission makes or extends: statements in the order they were added.
    fn with_statement(
        existing: Option<&QueuePolicy>,
        queue_arn: &str,
        statement: String,
    ) -> String {
        let mut statements: Vec<&str> = existing
            .map(|p| p.statements.iter().map(|s| s.raw.as_str()).collect())
            .unwrap_or_default();
        statements.push(&statement);
        render(existing, queue_arn, &statements)
    }

    /// The policy without the statements whose Sid is `label`; None when none is left.
    fn without(&self, label: &str, queue_arn: &str) -> Option<String> {
        let kept: Vec<&str> = self
            .statements
            .iter()
            .filter(|s| s.sid.as_deref() != Some(label))
            .map(|s| s.raw.as_str())
            .collect();
        (!kept.is_empty()).then(|| render(Some(self), queue_arn, &kept))
    }
}

/// A policy document as SQS writes one: the existing Version and Id, or
/// those of the default policy AddPermission starts (`<queue ARN>/SQSDefaultPolicy`),
/// and the statements, always as a list. Serialised by hand: serde_json would sort the keys.
fn render(existing: Option<&QueuePolicy>, queue_arn: &str, statements: &[&str]) -> String {
    let version = existing
        .and_then(|p| p.version.clone())
        .unwrap_or_else(|| json!("2008-10-17"));
    let id = existing
        .and_then(|p| p.id.clone())
        .unwrap_or_else(|| json!(format!("{queue_arn}/SQSDefaultPolicy")));
    format!(
        "{{\"Version\":{version},\"Id\":{id},\"Statement\":[{}]}}",
        statements.join(",")
    )
}

impl Statement {
    fn parse(raw: &str) -> Result<Statement, AwsError> {
        let Ok(Value::Object(map)) = serde_json::from_str::<Value>(raw) else {
            return Err(invalid_policy("a statement that is not an object"));
        };
        let allow = match map.get("Effect").and_then(Value::as_str) {
            Some("Allow") => true,
            Some("Deny") => false,
            _ => return Err(invalid_policy("Effect is neither Allow nor Deny")),
        };
        let get = |k: &str| map.get(k).cloned();
        let statement = Statement {
            sid: map.get("Sid").and_then(Value::as_str).map(String::from),
            raw: raw.trim().to_string(),
            allow,
            principal: get("Principal"),
            not_principal: get("NotPrincipal"),
            action: get("Action"),
            not_action: get("NotAction"),
            resource: get("Resource"),
            condition: get("Condition"),
        };
        if statement.principal.is_none() && statement.not_principal.is_none() {
            return Err(invalid_policy("a statement without Principal"));
        }
        if statement.action.is_none() && statement.not_action.is_none() {
            return Err(invalid_policy("a statement without Action"));
        }
        for action in strings(statement.action.as_ref().or(statement.not_action.as_ref())) {
            let in_scope = action == "*"
                || action
                    .split_once(':')
                    .is_some_and(|(service, _)| service.eq_ignore_ascii_case("sqs"));
            if !in_scope {
                return Err(invalid_policy("an action of another service"));
            }
        }
        Ok(statement)
    }

    fn principal_count(&self) -> usize {
        match self.principal.as_ref().or(self.not_principal.as_ref()) {
            Some(Value::Object(map)) => map.values().map(|v| strings(Some(v)).len()).sum(),
            Some(_) => 1,
            None => 0,
        }
    }

    fn matches(
        &self,
        requester: Requester,
        action: &str,
        resource: &str,
        source_arn: Option<&str>,
    ) -> bool {
        let principal_ok = match (&self.principal, &self.not_principal) {
            (Some(p), _) => principal_matches(p, requester),
            (None, Some(np)) => !principal_matches(np, requester),
            (None, None) => false,
        };
        let wanted = format!("sqs:{action}");
        let action_ok = match (&self.action, &self.not_action) {
            (Some(a), _) => strings(Some(a)).iter().any(|p| glob(p, &wanted, true)),
            (None, Some(na)) => !strings(Some(na)).iter().any(|p| glob(p, &wanted, true)),
            (None, None) => false,
        };
        let resource_ok = match &self.resource {
            None => true,
            Some(r) => strings(Some(r)).iter().any(|p| glob(p, resource, false)),
        };
        principal_ok && action_ok && resource_ok && self.conditions_hold(requester, source_arn)
    }

    /// The condition operators services' deliveries are written against
    /// (aws:SourceArn, aws:SourceAccount); an operator not understood never matches.
    fn conditions_hold(&self, requester: Requester, source_arn: Option<&str>) -> bool {
        let Some(Value::Object(ops)) = &self.condition else {
            return self.condition.is_none();
        };
        let source_account = source_arn
            .and_then(|arn| arn.split(':').nth(4))
            .or(match requester {
                Requester::Account(a) => Some(a),
                Requester::Service(_) => None,
            });
        ops.iter().all(|(op, keys)| {
            let Value::Object(keys) = keys else {
                return false;
            };
            keys.iter().all(|(key, expected)| {
                let actual = match key.to_ascii_lowercase().as_str() {
                    "aws:sourcearn" => source_arn,
                    "aws:sourceaccount" => source_account,
                    _ => None,
                };
                let Some(actual) = actual else {
                    // A missing key matches only an ...IfExists operator.
                    return op.ends_with("IfExists");
                };
                let expected = strings(Some(expected));
                match op.trim_end_matches("IfExists") {
                    "ArnEquals" | "StringEquals" => expected.contains(&actual),
                    "StringEqualsIgnoreCase" => {
                        expected.iter().any(|e| e.eq_ignore_ascii_case(actual))
                    }
                    "ArnLike" | "StringLike" => expected.iter().any(|e| glob(e, actual, false)),
                    "ArnNotEquals" | "StringNotEquals" => expected.iter().all(|e| *e != actual),
                    "ArnNotLike" | "StringNotLike" => {
                        expected.iter().all(|e| !glob(e, actual, false))
                    }
                    _ => false,
                }
            })
        })
    }
}

/// A string or a list of strings, as policy elements are written.
fn strings(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn principal_matches(principal: &Value, requester: Requester) -> bool {
    if principal.as_str() == Some("*") {
        return true;
    }
    let Value::Object(kinds) = principal else {
        return false;
    };
    kinds.iter().any(|(kind, ids)| {
        let ids = strings(Some(ids));
        match (kind.as_str(), requester) {
            ("AWS", Requester::Account(account)) => ids.iter().any(|id| {
                *id == "*"
                    || *id == account
                    || id
                        .strip_prefix("arn:aws:iam::")
                        .and_then(|rest| rest.split_once(':'))
                        .is_some_and(|(acct, _)| acct == account)
            }),
            ("AWS", Requester::Service(_)) => ids.contains(&"*"),
            ("Service", Requester::Service(service)) => ids.contains(&service),
            _ => false,
        }
    })
}

/// IAM's wildcard match: `*` any run of characters, `?` one; actions ignore case.
fn glob(pattern: &str, text: &str, ignore_case: bool) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = if ignore_case {
        (
            pattern.to_ascii_lowercase().chars().collect(),
            text.to_ascii_lowercase().chars().collect(),
        )
    } else {
        (pattern.chars().collect(), text.chars().collect())
    };
    let (mut pi, mut ti, mut star, mut mark) = (0, 0, None, 0);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// A list written as AWS writes it in a generated statement: one value alone, more as a list.
fn one_or_many(values: Vec<String>) -> Value {
    if values.len() == 1 {
        Value::from(values.into_iter().next())
    } else {
        Value::from(values)
    }
}

fn check_label(label: &str) -> Result<(), AwsError> {
    let ok = (1..=MAX_LABEL_LEN).contains(&label.len())
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(invalid_value(
            "Label",
            label,
            "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
        ))
    }
}

/// AddPermission: a statement allowing the accounts the actions, with the label as its Sid.
pub fn add_permission(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: &AddPermissionRequest,
) -> Result<Empty, AwsError> {
    let id = sqs.queue_id(ctx, &req.queue_url)?;
    if req.label.is_empty() {
        return Err(errors::missing_parameter("Label"));
    }
    check_label(&req.label)?;
    if req.actions.is_empty() {
        return Err(errors::missing_parameter("Actions"));
    }
    if req.actions.len() > MAX_ACTIONS_PER_PERMISSION {
        return Err(errors::over_limit(format!(
            "{} Actions were found, maximum allowed is {MAX_ACTIONS_PER_PERMISSION}.",
            req.actions.len()
        )));
    }
    for action in &req.actions {
        check_grantable(action)?;
    }
    if req.aws_account_ids.is_empty() {
        return Err(invalid_value("PrincipalId", "[]", "Unable to verify."));
    }
    if let Some(account) = req
        .aws_account_ids
        .iter()
        .find(|a| !crate::api::ids::valid_account(a))
    {
        return Err(invalid_value("PrincipalId", account, "Unable to verify."));
    }
    let queue = sqs.queue_mut(id)?;
    let existing = queue.attributes.policy.as_ref();
    if existing.is_some_and(|p| p.sids().any(|sid| sid == Some(&*req.label))) {
        return Err(invalid_value("Label", &req.label, "Already exists."));
    }
    if existing.is_some_and(|p| p.statement_count() >= MAX_STATEMENTS) {
        return Err(errors::over_limit(format!(
            "{} Statements were found, maximum allowed is {MAX_STATEMENTS}.",
            MAX_STATEMENTS + 1
        )));
    }
    let principals: Vec<String> = req
        .aws_account_ids
        .iter()
        .map(|a| format!("arn:aws:iam::{a}:root"))
        .collect();
    let actions: Vec<String> = req.actions.iter().map(|a| format!("SQS:{a}")).collect();
    // Serialised by hand to keep AWS's member order (serde_json sorts keys).
    let statement = format!(
        "{{\"Sid\":{},\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":{}}},\"Action\":{},\"Resource\":{}}}",
        json!(req.label),
        one_or_many(principals),
        one_or_many(actions),
        json!(queue.arn),
    );
    let text = QueuePolicy::with_statement(existing, &queue.arn, statement);
    queue.attributes.policy = Some(QueuePolicy::parse(&text)?);
    queue.last_modified = ctx.now;
    Ok(Empty {})
}

/// RemovePermission: drops the statement AddPermission wrote under the label.
pub fn remove_permission(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: &RemovePermissionRequest,
) -> Result<Empty, AwsError> {
    let id = sqs.queue_id(ctx, &req.queue_url)?;
    if req.label.is_empty() {
        return Err(errors::missing_parameter("Label"));
    }
    let queue = sqs.queue_mut(id)?;
    // AWS's reason names the existing policy when there is one.
    let Some(policy) = queue.attributes.policy.as_ref() else {
        return Err(invalid_value("Label", &req.label, "can't find label."));
    };
    if !policy.sids().any(|sid| sid == Some(&*req.label)) {
        return Err(invalid_value(
            "Label",
            &req.label,
            "can't find label on existing policy.",
        ));
    }
    let rest = policy.without(&req.label, &queue.arn);
    queue.attributes.policy = match rest {
        Some(text) => Some(QueuePolicy::parse(&text)?),
        None => None,
    };
    queue.last_modified = ctx.now;
    Ok(Empty {})
}
