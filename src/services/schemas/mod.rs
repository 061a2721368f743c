//! Amazon EventBridge Schemas: registries (the `discovered-schemas` registry
//! of every account and Region, and custom ones), schemas with their
//! versions (CreateSchema by hand, or discovered), and discoverers. A
//! discoverer on a bus works as on AWS: CreateDiscoverer asks EventBridge
//! for a managed rule on the bus whose target is the discoverer, so each
//! event put there arrives here (`DiscoverEvent`, the router's internal
//! delivery), its schema is inferred (`infer`: OpenAPI 3, exported as JSON
//! Schema draft 4) and versioned when its shape changes.

pub mod infer;
#[cfg(test)]
mod tests;

use crate::api::{paging, params::parse, AwsError};
use crate::kernel::{Ctx, Outbound, Outcome, Payload, Peers, Service, Timer};
use crate::sim::Millis;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::rc::Rc;

pub const DISCOVERED: &str = "discovered-schemas";
const NS: &str = "com.amazonaws.schemas";

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all_fields = "camelCase")]
pub enum SchemasEvent {
    /// A discoverer saw an event whose shape is new: a schema or a new version of one.
    SchemaDiscovered {
        registry: Rc<str>,
        schema: Rc<str>,
        version: u32,
    },
}

impl SchemasEvent {
    pub fn name(&self) -> &'static str {
        match self {
            SchemasEvent::SchemaDiscovered { .. } => "SchemaDiscovered",
        }
    }

    pub fn describe(&self) -> String {
        match self {
            SchemasEvent::SchemaDiscovered {
                registry,
                schema,
                version,
            } => {
                format!("schema {schema} version {version} discovered in {registry}")
            }
        }
    }
}

#[derive(Debug)]
pub struct SchemaVersion {
    pub version: u32,
    pub content: String,
    pub created: Millis,
}

#[derive(Debug)]
pub struct Schema {
    pub name: String,
    pub arn: String,
    pub kind: String,
    pub description: Option<String>,
    pub versions: Vec<SchemaVersion>,
}

#[derive(Debug)]
pub struct Registry {
    pub name: String,
    pub arn: String,
    pub description: Option<String>,
    pub schemas: BTreeMap<String, Schema>,
}

#[derive(Debug)]
pub struct Discoverer {
    pub id: String,
    pub arn: String,
    pub source_arn: String,
    pub description: Option<String>,
    pub state: &'static str,
    pub cross_account: bool,
    /// The managed rule EventBridge runs for it: (rule name, bus).
    rule: (String, String),
}

#[derive(Debug, Default)]
pub struct Schemas {
    registries: BTreeMap<String, Registry>,
    discoverers: BTreeMap<String, Discoverer>,
}

fn not_found(message: String) -> AwsError {
    AwsError::new(NS, "NotFoundException", 404, message)
}

fn conflict(message: String) -> AwsError {
    AwsError::new(NS, "ConflictException", 409, message)
}

fn bad_request(message: String) -> AwsError {
    AwsError::new(NS, "BadRequestException", 400, message)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct DiscovererRequest {
    source_arn: Option<String>,
    discoverer_id: Option<String>,
    description: Option<String>,
    cross_account: Option<bool>,
    tags: Option<Value>,
    next_token: Option<String>,
    limit: Option<i64>,
    discoverer_id_prefix: Option<String>,
    source_arn_prefix: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct RegistryRequest {
    registry_name: Option<String>,
    description: Option<String>,
    tags: Option<Value>,
    schema_name: Option<String>,
    schema_version: Option<String>,
    schema_name_prefix: Option<String>,
    registry_name_prefix: Option<String>,
    scope: Option<String>,
    content: Option<String>,
    r#type: Option<String>,
    next_token: Option<String>,
    limit: Option<i64>,
}

fn required<'a>(value: &'a Option<String>, name: &str) -> Result<&'a str, AwsError> {
    value.as_deref().ok_or_else(|| {
        AwsError::param_validation(format!(
            "Parameter validation failed:\nMissing required parameter in input: \"{name}\""
        ))
    })
}

fn seconds(t: Millis) -> String {
    crate::sim::time::format_iso(t)
}

impl Schema {
    fn version(&self, wanted: Option<&str>) -> Result<&SchemaVersion, AwsError> {
        let found = match wanted {
            None => self.versions.last(),
            Some(v) => self.versions.iter().find(|s| s.version.to_string() == v),
        };
        found.ok_or_else(|| {
            not_found(format!(
                "Schema version {} of {} does not exist.",
                wanted.unwrap_or("latest"),
                self.name
            ))
        })
    }

    fn describe(&self, wanted: Option<&str>) -> Result<Value, AwsError> {
        let v = self.version(wanted)?;
        let mut out = Map::new();
        out.insert("Content".into(), json!(v.content));
        if let Some(d) = &self.description {
            out.insert("Description".into(), json!(d));
        }
        out.insert(
            "LastModified".into(),
            json!(seconds(
                self.versions.last().map_or(v.created, |l| l.created)
            )),
        );
        out.insert("SchemaArn".into(), json!(self.arn));
        out.insert("SchemaName".into(), json!(self.name));
        out.insert("SchemaVersion".into(), json!(v.version.to_string()));
        out.insert("Type".into(), json!(self.kind));
        out.insert("VersionCreatedDate".into(), json!(seconds(v.created)));
        Ok(Value::Object(out))
    }
}

impl Discoverer {
    fn describe(&self) -> Value {
        let mut out = Map::new();
        if let Some(d) = &self.description {
            out.insert("Description".into(), json!(d));
        }
        out.insert("DiscovererArn".into(), json!(self.arn));
        out.insert("DiscovererId".into(), json!(self.id));
        out.insert("SourceArn".into(), json!(self.source_arn));
        out.insert("State".into(), json!(self.state));
        out.insert("CrossAccount".into(), json!(self.cross_account));
        Value::Object(out)
    }
}

impl Schemas {
    pub fn registries(&self) -> impl Iterator<Item = &Registry> {
        self.registries.values()
    }

    pub fn discoverers(&self) -> impl Iterator<Item = &Discoverer> {
        self.discoverers.values()
    }

    fn ensure_discovered(&mut self, ctx: &Ctx) {
        self.registries
            .entry(DISCOVERED.into())
            .or_insert_with(|| Registry {
                name: DISCOVERED.into(),
                arn: ctx
                    .identity
                    .arn("schemas", &format!("registry/{DISCOVERED}")),
                description: Some("discovered schemas".into()),
                schemas: BTreeMap::new(),
            });
    }

    fn registry_mut(&mut self, ctx: &Ctx, name: &str) -> Result<&mut Registry, AwsError> {
        self.ensure_discovered(ctx);
        self.registries
            .get_mut(name)
            .ok_or_else(|| not_found(format!("Registry with name {name} does not exist.")))
    }

    pub fn call(&mut self, ctx: &mut Ctx, action: &str, input: &Value) -> Result<Value, AwsError> {
        match action {
            "CreateDiscoverer" | "DescribeDiscoverer" | "ListDiscoverers" | "DeleteDiscoverer"
            | "StartDiscoverer" | "StopDiscoverer" => {
                self.discoverer_action(ctx, action, parse(input)?)
            }
            "DiscoverEvent" => self.discover(ctx, input),
            _ => self.registry_action(ctx, action, parse(input)?),
        }
    }

    fn discoverer_action(
        &mut self,
        ctx: &mut Ctx,
        action: &str,
        r: DiscovererRequest,
    ) -> Result<Value, AwsError> {
        let _ = &r.tags;
        match action {
            "CreateDiscoverer" => {
                let source = required(&r.source_arn, "SourceArn")?.to_string();
                let bus = source
                    .split_once(":event-bus/")
                    .map(|(_, b)| b.to_string())
                    .ok_or_else(|| {
                        bad_request(format!("SourceArn {source} is not an event bus ARN."))
                    })?;
                let id = format!("events-event-bus-{bus}");
                if self.discoverers.contains_key(&id) {
                    return Err(conflict(format!(
                        "Discoverer for source {source} already exists."
                    )));
                }
                let arn = ctx.identity.arn("schemas", &format!("discoverer/{id}"));
                let rule = format!("Schemas-{id}");
                // EventBridge runs a managed rule on the bus that sends its events here.
                ctx.send(Outbound::Call {
                    token: None,
                    action: "events:PutManagedRule".into(),
                    input: Payload::Json(json!({
                        "Name": rule, "EventBusName": source, "ManagedBy": "schemas.amazonaws.com",
                        "EventPattern": json!({"account": [ctx.identity.account]}).to_string(),
                        "Targets": [{"Id": "Schemas", "Arn": arn}]
                    })),
                });
                let d = Discoverer {
                    id: id.clone(),
                    arn,
                    source_arn: source,
                    description: r.description,
                    state: "STARTED",
                    cross_account: r.cross_account.unwrap_or(true),
                    rule: (rule, bus),
                };
                let out = d.describe();
                self.discoverers.insert(id, d);
                self.ensure_discovered(ctx);
                Ok(out)
            }
            "DescribeDiscoverer" => {
                let id = required(&r.discoverer_id, "DiscovererId")?;
                self.discoverers
                    .get(id)
                    .map(Discoverer::describe)
                    .ok_or_else(|| not_found(format!("Discoverer with id {id} does not exist.")))
            }
            "ListDiscoverers" => {
                let items = self
                    .discoverers
                    .values()
                    .filter(|d| {
                        r.discoverer_id_prefix
                            .as_deref()
                            .is_none_or(|p| d.id.starts_with(p))
                    })
                    .filter(|d| {
                        r.source_arn_prefix
                            .as_deref()
                            .is_none_or(|p| d.source_arn.starts_with(p))
                    })
                    .map(Discoverer::describe)
                    .collect();
                Ok(paging::by_index(
                    "Discoverers",
                    "NextToken",
                    items,
                    r.next_token.as_deref(),
                    r.limit.unwrap_or(100).max(1) as usize,
                ))
            }
            "DeleteDiscoverer" => {
                let id = required(&r.discoverer_id, "DiscovererId")?;
                let d = self
                    .discoverers
                    .remove(id)
                    .ok_or_else(|| not_found(format!("Discoverer with id {id} does not exist.")))?;
                ctx.send(Outbound::Call {
                    token: None,
                    action: "events:DeleteManagedRule".into(),
                    input: Payload::Json(json!({"Name": d.rule.0, "EventBusName": d.rule.1})),
                });
                Ok(json!({}))
            }
            _ => {
                let id = required(&r.discoverer_id, "DiscovererId")?;
                let d = self
                    .discoverers
                    .get_mut(id)
                    .ok_or_else(|| not_found(format!("Discoverer with id {id} does not exist.")))?;
                d.state = if action == "StartDiscoverer" {
                    "STARTED"
                } else {
                    "STOPPED"
                };
                Ok(json!({"DiscovererId": d.id, "State": d.state}))
            }
        }
    }

    /// An event a discoverer's managed rule delivered: its schema, versioned when new.
    fn discover(&mut self, ctx: &mut Ctx, input: &Value) -> Result<Value, AwsError> {
        let arn = input
            .get("DiscovererArn")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let Some(d) = self.discoverers.values().find(|d| d.arn == arn) else {
            return Err(not_found(format!("Discoverer {arn} does not exist.")));
        };
        if d.state != "STARTED" {
            return Ok(json!({}));
        }
        let event = input.get("Event").cloned().unwrap_or(Value::Null);
        let name = infer::schema_name(&event);
        let content = serde_json::to_string_pretty(&infer::openapi(&event)).unwrap_or_default();
        let now = ctx.now;
        let arn = ctx
            .identity
            .arn("schemas", &format!("schema/{DISCOVERED}/{name}"));
        let registry = self.registry_mut(ctx, DISCOVERED)?;
        let schema = registry
            .schemas
            .entry(name.clone())
            .or_insert_with(|| Schema {
                name: name.clone(),
                arn,
                kind: "OpenApi3".into(),
                description: None,
                versions: Vec::new(),
            });
        if schema.versions.last().is_some_and(|v| v.content == content) {
            return Ok(json!({}));
        }
        let version = schema.versions.len() as u32 + 1;
        schema.versions.push(SchemaVersion {
            version,
            content,
            created: now,
        });
        ctx.emit(SchemasEvent::SchemaDiscovered {
            registry: DISCOVERED.into(),
            schema: name.as_str().into(),
            version,
        });
        Ok(json!({}))
    }

    fn registry_action(
        &mut self,
        ctx: &mut Ctx,
        action: &str,
        r: RegistryRequest,
    ) -> Result<Value, AwsError> {
        let _ = &r.tags;
        match action {
            "CreateRegistry" => {
                let name = required(&r.registry_name, "RegistryName")?.to_string();
                self.ensure_discovered(ctx);
                if self.registries.contains_key(&name) {
                    return Err(conflict(format!(
                        "Registry with name {name} already exists."
                    )));
                }
                let arn = ctx.identity.arn("schemas", &format!("registry/{name}"));
                self.registries.insert(
                    name.clone(),
                    Registry {
                        name: name.clone(),
                        arn: arn.clone(),
                        description: r.description.clone(),
                        schemas: BTreeMap::new(),
                    },
                );
                let mut out = Map::new();
                if let Some(d) = r.description {
                    out.insert("Description".into(), json!(d));
                }
                out.insert("RegistryArn".into(), json!(arn));
                out.insert("RegistryName".into(), json!(name));
                Ok(Value::Object(out))
            }
            "DescribeRegistry" => {
                let name = required(&r.registry_name, "RegistryName")?;
                let reg = self.registry_mut(ctx, name)?;
                let mut out = Map::new();
                if let Some(d) = &reg.description {
                    out.insert("Description".into(), json!(d));
                }
                out.insert("RegistryArn".into(), json!(reg.arn));
                out.insert("RegistryName".into(), json!(reg.name));
                Ok(Value::Object(out))
            }
            "ListRegistries" => {
                self.ensure_discovered(ctx);
                let _ = &r.scope;
                let items = self
                    .registries
                    .values()
                    .filter(|g| {
                        r.registry_name_prefix
                            .as_deref()
                            .is_none_or(|p| g.name.starts_with(p))
                    })
                    .map(|g| json!({"RegistryArn": g.arn, "RegistryName": g.name}))
                    .collect();
                Ok(paging::by_index(
                    "Registries",
                    "NextToken",
                    items,
                    r.next_token.as_deref(),
                    r.limit.unwrap_or(100).max(1) as usize,
                ))
            }
            "DeleteRegistry" => {
                let name = required(&r.registry_name, "RegistryName")?.to_string();
                if name == DISCOVERED {
                    return Err(bad_request(format!("Registry {name} cannot be deleted.")));
                }
                self.registry_mut(ctx, &name)?;
                self.registries.remove(&name);
                Ok(json!({}))
            }
            "CreateSchema" => {
                let registry = required(&r.registry_name, "RegistryName")?.to_string();
                let name = required(&r.schema_name, "SchemaName")?.to_string();
                let kind = required(&r.r#type, "Type")?.to_string();
                let content = required(&r.content, "Content")?.to_string();
                if !matches!(kind.as_str(), "OpenApi3" | "JSONSchemaDraft4") {
                    return Err(bad_request(format!(
                        "Type {kind} is not supported: OpenApi3 or JSONSchemaDraft4."
                    )));
                }
                if serde_json::from_str::<Value>(&content).is_err() {
                    return Err(bad_request("Content is not a valid JSON document.".into()));
                }
                let arn = ctx
                    .identity
                    .arn("schemas", &format!("schema/{registry}/{name}"));
                let now = ctx.now;
                let reg = self.registry_mut(ctx, &registry)?;
                if reg.schemas.contains_key(&name) {
                    return Err(conflict(format!("Schema with name {name} already exists.")));
                }
                let schema = Schema {
                    name: name.clone(),
                    arn,
                    kind,
                    description: r.description,
                    versions: vec![SchemaVersion {
                        version: 1,
                        content,
                        created: now,
                    }],
                };
                let mut out = schema.describe(None)?;
                if let Some(fields) = out.as_object_mut() {
                    fields.shift_remove("Content");
                }
                reg.schemas.insert(name, schema);
                Ok(out)
            }
            "UpdateSchema" => {
                let registry = required(&r.registry_name, "RegistryName")?.to_string();
                let name = required(&r.schema_name, "SchemaName")?.to_string();
                let now = ctx.now;
                let reg = self.registry_mut(ctx, &registry)?;
                let schema = reg
                    .schemas
                    .get_mut(&name)
                    .ok_or_else(|| not_found(format!("Schema with name {name} does not exist.")))?;
                if let Some(d) = r.description {
                    schema.description = Some(d);
                }
                if let Some(content) = r.content {
                    let version = schema.versions.len() as u32 + 1;
                    schema.versions.push(SchemaVersion {
                        version,
                        content,
                        created: now,
                    });
                }
                let mut out = schema.describe(None)?;
                if let Some(fields) = out.as_object_mut() {
                    fields.shift_remove("Content");
                }
                Ok(out)
            }
            "DescribeSchema" | "ExportSchema" | "DeleteSchema" | "ListSchemaVersions" => {
                let registry = required(&r.registry_name, "RegistryName")?.to_string();
                let name = required(&r.schema_name, "SchemaName")?.to_string();
                let reg = self.registry_mut(ctx, &registry)?;
                let missing = || not_found(format!("Schema with name {name} does not exist."));
                match action {
                    "DeleteSchema" => {
                        reg.schemas.remove(&name).ok_or_else(missing)?;
                        Ok(json!({}))
                    }
                    "DescribeSchema" => reg
                        .schemas
                        .get(&name)
                        .ok_or_else(missing)?
                        .describe(r.schema_version.as_deref()),
                    "ListSchemaVersions" => {
                        let schema = reg.schemas.get(&name).ok_or_else(missing)?;
                        let items = schema
                            .versions
                            .iter()
                            .map(|v| json!({"SchemaArn": schema.arn, "SchemaName": schema.name, "SchemaVersion": v.version.to_string(), "Type": schema.kind}))
                            .collect();
                        Ok(paging::by_index(
                            "SchemaVersions",
                            "NextToken",
                            items,
                            r.next_token.as_deref(),
                            r.limit.unwrap_or(100).max(1) as usize,
                        ))
                    }
                    _ => {
                        let schema = reg.schemas.get(&name).ok_or_else(missing)?;
                        let kind = required(&r.r#type, "Type")?;
                        if kind != "OpenApi3" && kind != "JSONSchemaDraft4" {
                            return Err(bad_request(format!(
                                "Type {kind} is not supported for export."
                            )));
                        }
                        let v = schema.version(r.schema_version.as_deref())?;
                        let content = if kind == "JSONSchemaDraft4" && schema.kind == "OpenApi3" {
                            let doc: Value =
                                serde_json::from_str(&v.content).unwrap_or(Value::Null);
                            infer::json_schema(&doc).to_string()
                        } else {
                            v.content.clone()
                        };
                        Ok(
                            json!({"Content": content, "SchemaArn": schema.arn, "SchemaName": schema.name, "SchemaVersion": v.version.to_string(), "Type": kind}),
                        )
                    }
                }
            }
            "ListSchemas" => {
                let registry = required(&r.registry_name, "RegistryName")?.to_string();
                let reg = self.registry_mut(ctx, &registry)?;
                let items = reg
                    .schemas
                    .values()
                    .filter(|s| r.schema_name_prefix.as_deref().is_none_or(|p| s.name.starts_with(p)))
                    .map(|s| json!({"LastModified": seconds(s.versions.last().map_or(0, |v| v.created)), "SchemaArn": s.arn, "SchemaName": s.name, "VersionCount": s.versions.len()}))
                    .collect();
                Ok(paging::by_index(
                    "Schemas",
                    "NextToken",
                    items,
                    r.next_token.as_deref(),
                    r.limit.unwrap_or(100).max(1) as usize,
                ))
            }
            other => Err(AwsError::unknown_operation(&format!("schemas:{other}"))),
        }
    }
}

impl Service for Schemas {
    fn name(&self) -> &'static str {
        "schemas"
    }

    fn call(
        &mut self,
        ctx: &mut Ctx,
        _peers: &dyn Peers,
        operation: &str,
        input: &mut Payload,
    ) -> Outcome {
        let Payload::Json(input) = input else {
            return Outcome::Done(Err(AwsError::unknown_operation(&format!(
                "schemas:{operation}"
            ))));
        };
        Outcome::Done(Schemas::call(self, ctx, operation, input))
    }

    fn on_timer(&mut self, _ctx: &mut Ctx, _peers: &dyn Peers, _timer: Timer) {}
}
