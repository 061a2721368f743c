//! Event buses: CreateEventBus, DescribeEventBus, ListEventBuses,
//! UpdateEventBus, DeleteEventBus, the bus's resource-based policy
//! (PutPermission, RemovePermission: which other accounts may put events on
//! it) and tags.

use super::errors::{self, BUS_NAME_OR_ARN_PATTERN, BUS_NAME_PATTERN, NAME_PATTERN};
use super::model::{Bus, DEFAULT_BUS};
use super::{bus_name, Events, EventsEvent};
use crate::api::{paging, params::parse, AwsError, Identity};
use crate::kernel::Ctx;
use crate::sim::Millis;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct CreateEventBusRequest {
    name: String,
    event_source_name: Option<String>,
    description: Option<String>,
    kms_key_identifier: Option<String>,
    dead_letter_config: Option<DeadLetterConfig>,
    log_config: Option<Value>,
    tags: Option<Vec<Tag>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct DeadLetterConfig {
    pub arn: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Tag {
    pub key: String,
    pub value: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct NameRequest {
    name: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct UpdateEventBusRequest {
    name: Option<String>,
    description: Option<String>,
    kms_key_identifier: Option<String>,
    dead_letter_config: Option<DeadLetterConfig>,
    log_config: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ListRequest {
    name_prefix: Option<String>,
    next_token: Option<String>,
    limit: Option<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct PutPermissionRequest {
    event_bus_name: Option<String>,
    action: Option<String>,
    principal: Option<String>,
    statement_id: Option<String>,
    condition: Option<Condition>,
    policy: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct Condition {
    r#type: String,
    key: String,
    value: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct RemovePermissionRequest {
    statement_id: Option<String>,
    remove_all_permissions: Option<bool>,
    event_bus_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct TagResourceRequest {
    #[serde(rename = "ResourceARN")]
    resource_arn: String,
    tags: Option<Vec<Tag>>,
    tag_keys: Option<Vec<String>>,
}

/// JSON timestamps are epoch seconds.
pub fn seconds(t: Millis) -> Value {
    if t.is_multiple_of(1000) {
        json!(t / 1000)
    } else {
        json!(t as f64 / 1000.0)
    }
}

impl Bus {
    /// The bus's policy document, as DescribeEventBus shows it.
    pub fn policy_text(&self) -> Option<String> {
        (!self.policy.is_empty())
            .then(|| json!({"Version": "2012-10-17", "Statement": self.policy}).to_string())
    }

    /// Whether the policy lets `caller` (another account) put events on the bus.
    pub fn allows_put_from(&self, caller: &Identity) -> bool {
        self.policy.iter().any(|statement| {
            let effect = statement.get("Effect").and_then(Value::as_str) == Some("Allow");
            let action = match statement.get("Action") {
                Some(Value::String(a)) => a == "events:PutEvents" || a == "events:*",
                Some(Value::Array(list)) => list
                    .iter()
                    .any(|a| a == "events:PutEvents" || a == "events:*"),
                _ => false,
            };
            let principal = match statement.get("Principal") {
                Some(Value::String(p)) => p == "*",
                Some(p) => {
                    let root = format!("arn:aws:iam::{}:root", caller.account);
                    match p.get("AWS") {
                        Some(Value::String(a)) => *a == root || a == &caller.account || a == "*",
                        Some(Value::Array(list)) => list.iter().any(|a| {
                            a.as_str() == Some(&root) || a.as_str() == Some(&caller.account)
                        }),
                        _ => false,
                    }
                }
                None => false,
            };
            effect && action && principal
        })
    }

    fn summary(&self) -> Value {
        let mut out = Map::new();
        out.insert("Name".into(), json!(self.name));
        out.insert("Arn".into(), json!(self.arn));
        if let Some(d) = &self.description {
            out.insert("Description".into(), json!(d));
        }
        if let Some(p) = self.policy_text() {
            out.insert("Policy".into(), json!(p));
        }
        out.insert("CreationTime".into(), seconds(self.created));
        out.insert("LastModifiedTime".into(), seconds(self.modified));
        Value::Object(out)
    }
}

impl Events {
    pub(super) fn create_event_bus(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: CreateEventBusRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(Some(&r.name), "name", (1, 256), Some(BUS_NAME_PATTERN));
        checks.string(r.description.as_deref(), "description", (0, 512), None);
        checks.done()?;
        if r.kms_key_identifier.is_some() || r.log_config.is_some() {
            return Err(errors::validation(
                "KmsKeyIdentifier and LogConfig are not simulated by Stratus yet.",
            ));
        }
        if self.buses.contains_key(r.name.as_str()) || r.name == DEFAULT_BUS {
            return Err(errors::already_exists(format!(
                "Event bus {} already exists.",
                r.name
            )));
        }
        match &r.event_source_name {
            Some(source) if *source != r.name => {
                return Err(errors::validation(
                    "Event source name must match event bus name.",
                ))
            }
            Some(source) => self.associate_event_source(ctx, source)?,
            None if r.name.contains('/') => {
                return Err(errors::validation("Event bus name must not contain '/'."))
            }
            None => {}
        }
        let arn = ctx.identity.arn("events", &format!("event-bus/{}", r.name));
        let mut bus = Bus::new(&r.name, arn.clone(), ctx.now);
        bus.description = r.description.clone();
        bus.event_source = r.event_source_name.clone();
        bus.dead_letter_arn = r.dead_letter_config.and_then(|d| d.arn);
        self.buses.insert(bus.name.clone(), bus);
        if let Some(tags) = r.tags {
            self.set_tags(&arn, tags);
        }
        ctx.emit(EventsEvent::EventBusCreated {
            bus: r.name.as_str().into(),
        });
        let mut out = Map::new();
        out.insert("EventBusArn".into(), json!(arn));
        if let Some(d) = r.description {
            out.insert("Description".into(), json!(d));
        }
        Ok(Value::Object(out))
    }

    pub(super) fn describe_event_bus(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: NameRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(
            r.name.as_deref(),
            "name",
            (1, 1600),
            Some(BUS_NAME_OR_ARN_PATTERN),
        );
        checks.done()?;
        Ok(self.bus_mut(ctx, r.name.as_deref())?.summary())
    }

    pub(super) fn list_event_buses(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: ListRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(
            r.name_prefix.as_deref(),
            "namePrefix",
            (1, 256),
            Some(BUS_NAME_PATTERN),
        );
        checks.range(r.limit, "limit", 1, 100);
        checks.done()?;
        self.default_bus(ctx);
        let items = self
            .buses
            .values()
            .filter(|b| {
                r.name_prefix
                    .as_deref()
                    .is_none_or(|p| b.name.starts_with(p))
            })
            .map(Bus::summary)
            .collect();
        let max = r.limit.unwrap_or(100) as usize;
        Ok(paging::by_index(
            "EventBuses",
            "NextToken",
            items,
            r.next_token.as_deref(),
            max,
        ))
    }

    pub(super) fn update_event_bus(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: UpdateEventBusRequest = parse(input)?;
        if r.kms_key_identifier.is_some() || r.log_config.is_some() {
            return Err(errors::validation(
                "KmsKeyIdentifier and LogConfig are not simulated by Stratus yet.",
            ));
        }
        let now = ctx.now;
        let bus = self.bus_mut(ctx, r.name.as_deref())?;
        if let Some(d) = r.description {
            bus.description = Some(d);
        }
        if let Some(dlq) = r.dead_letter_config {
            bus.dead_letter_arn = dlq.arn;
        }
        bus.modified = now;
        let mut out = Map::new();
        out.insert("Arn".into(), json!(bus.arn));
        out.insert("Name".into(), json!(bus.name));
        if let Some(d) = &bus.description {
            out.insert("Description".into(), json!(d));
        }
        Ok(Value::Object(out))
    }

    pub(super) fn delete_event_bus(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: NameRequest = parse(input)?;
        let name = r.name.ok_or_else(|| {
            AwsError::param_validation(
                "Parameter validation failed:\nMissing required parameter in input: \"Name\"",
            )
        })?;
        let mut checks = errors::checks();
        checks.string(Some(&name), "name", (1, 256), Some(BUS_NAME_PATTERN));
        checks.done()?;
        if name == DEFAULT_BUS {
            return Err(errors::validation("Cannot delete event bus default."));
        }
        // Deleting a bus that does not exist succeeds, as on AWS.
        if let Some(bus) = self.buses.remove(name.as_str()) {
            for rule in bus.rules.values() {
                if let Some(timer) = rule.schedule_timer {
                    ctx.timers.cancel(timer);
                }
            }
            self.tags.remove(&*bus.arn);
            if let Some(source) = &bus.event_source {
                self.dissociate_event_source(ctx, source);
            }
            ctx.emit(EventsEvent::EventBusDeleted { bus: bus.name });
        }
        Ok(json!({}))
    }

    pub(super) fn put_permission(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: PutPermissionRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(
            r.event_bus_name.as_deref(),
            "eventBusName",
            (1, 256),
            Some(NAME_PATTERN),
        );
        checks.string(r.action.as_deref(), "action", (1, 64), None);
        checks.string(r.principal.as_deref(), "principal", (1, 12), None);
        checks.string(r.statement_id.as_deref(), "statementId", (1, 64), None);
        checks.done()?;
        let now = ctx.now;
        let bus = self.bus_mut(ctx, r.event_bus_name.as_deref())?;
        if let Some(policy) = r.policy {
            let doc: Value = serde_json::from_str(&policy)
                .map_err(|_| errors::validation("Policy is not a valid JSON document."))?;
            let statements = doc
                .get("Statement")
                .and_then(Value::as_array)
                .cloned()
                .ok_or_else(|| errors::validation("Policy must have a Statement list."))?;
            bus.policy = statements;
            bus.modified = now;
            return Ok(json!({}));
        }
        let (Some(action), Some(principal), Some(sid)) = (r.action, r.principal, r.statement_id)
        else {
            return Err(errors::validation(
                "Parameter(s) Action, Principal and StatementId must be specified unless Policy is specified.",
            ));
        };
        if action != "events:PutEvents" {
            return Err(errors::validation(format!(
                "Provided value in parameter 'action' is not supported: {action}."
            )));
        }
        if principal != "*"
            && !(principal.len() == 12 && principal.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(errors::validation(format!(
                "Value '{principal}' at 'principal' failed to satisfy constraint: Member must satisfy regular expression pattern: (\\d{{12}}|\\*)"
            )));
        }
        if bus
            .policy
            .iter()
            .any(|s| s.get("Sid").and_then(Value::as_str) == Some(&sid))
        {
            return Err(errors::already_exists(
                "Statement with the provided id already exists.",
            ));
        }
        let mut statement = Map::new();
        statement.insert("Sid".into(), json!(sid));
        statement.insert("Effect".into(), json!("Allow"));
        statement.insert(
            "Principal".into(),
            if principal == "*" {
                json!("*")
            } else {
                json!({"AWS": format!("arn:aws:iam::{principal}:root")})
            },
        );
        statement.insert("Action".into(), json!(action));
        statement.insert("Resource".into(), json!(bus.arn));
        if let Some(c) = r.condition {
            statement.insert("Condition".into(), json!({ c.r#type: { c.key: c.value } }));
        }
        bus.policy.push(Value::Object(statement));
        bus.modified = now;
        Ok(json!({}))
    }

    pub(super) fn remove_permission(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: RemovePermissionRequest = parse(input)?;
        let now = ctx.now;
        let bus = self.bus_mut(ctx, r.event_bus_name.as_deref())?;
        if r.remove_all_permissions == Some(true) {
            bus.policy.clear();
            bus.modified = now;
            return Ok(json!({}));
        }
        let Some(sid) = r.statement_id else {
            return Err(errors::validation(
                "Parameter StatementId must be specified unless RemoveAllPermissions is true.",
            ));
        };
        let before = bus.policy.len();
        bus.policy
            .retain(|s| s.get("Sid").and_then(Value::as_str) != Some(&sid));
        if bus.policy.len() == before {
            return Err(errors::not_found(
                "Statement with the provided id does not exist.",
            ));
        }
        bus.modified = now;
        Ok(json!({}))
    }

    pub(super) fn set_tags(&mut self, arn: &str, tags: Vec<Tag>) {
        let entry = self.tags.entry(arn.to_string()).or_default();
        for t in tags {
            entry.insert(t.key, t.value);
        }
    }

    /// The bus or rule an ARN names, or AWS's error for the one that does not exist.
    fn taggable(&self, arn: &str) -> Result<(), AwsError> {
        let resource = crate::api::Arn::parse(arn).map_or(arn, |a| a.resource);
        if let Some(bus) = resource.strip_prefix("event-bus/") {
            return match self.buses.get(bus) {
                Some(b) if *b.arn == *arn => Ok(()),
                _ => Err(errors::bus_not_found(bus)),
            };
        }
        if let Some(path) = resource.strip_prefix("rule/") {
            let (bus, rule) = path.rsplit_once('/').unwrap_or((DEFAULT_BUS, path));
            return match self.buses.get(bus).and_then(|b| b.rules.get(rule)) {
                Some(r) if *r.arn == *arn => Ok(()),
                _ => Err(errors::rule_not_found(rule, bus)),
            };
        }
        Err(errors::not_found(format!("Resource {arn} does not exist.")))
    }

    pub(super) fn tag_resource(&mut self, ctx: &mut Ctx, input: &Value) -> Result<Value, AwsError> {
        let r: TagResourceRequest = parse(input)?;
        self.default_bus(ctx);
        self.taggable(&r.resource_arn)?;
        self.set_tags(&r.resource_arn, r.tags.unwrap_or_default());
        Ok(json!({}))
    }

    pub(super) fn untag_resource(&mut self, input: &Value) -> Result<Value, AwsError> {
        let r: TagResourceRequest = parse(input)?;
        self.taggable(&r.resource_arn)?;
        if let Some(tags) = self.tags.get_mut(&r.resource_arn) {
            for key in r.tag_keys.unwrap_or_default() {
                tags.remove(&key);
            }
        }
        Ok(json!({}))
    }

    pub(super) fn list_tags(&mut self, ctx: &mut Ctx, input: &Value) -> Result<Value, AwsError> {
        let r: TagResourceRequest = parse(input)?;
        self.default_bus(ctx);
        self.taggable(&r.resource_arn)?;
        let empty = BTreeMap::new();
        let tags: Vec<Value> = self
            .tags
            .get(&r.resource_arn)
            .unwrap_or(&empty)
            .iter()
            .map(|(k, v)| json!({"Key": k, "Value": v}))
            .collect();
        Ok(json!({ "Tags": tags }))
    }

    /// The bus a PutEvents entry names, for a caller of this or another account.
    pub(super) fn bus_for_put(
        &mut self,
        ctx: &Ctx,
        name: Option<&str>,
    ) -> Result<&mut Bus, (String, String)> {
        let name = bus_name(name).to_string();
        let foreign = ctx.caller.account != ctx.identity.account;
        let bus = match self.bus_mut(ctx, Some(&name)) {
            Ok(bus) => bus,
            Err(e) => return Err((e.code, e.message)),
        };
        if foreign && !bus.allows_put_from(ctx.caller) {
            return Err((
                "AccessDeniedException".into(),
                format!(
                    "User: arn:aws:iam::{}:root is not authorized to perform: events:PutEvents on resource: {} because no resource-based policy allows the events:PutEvents action",
                    ctx.caller.account, bus.arn
                ),
            ));
        }
        Ok(bus)
    }
}
