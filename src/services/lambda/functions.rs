//! Lambda function actions: CreateFunction, GetFunction,
//! GetFunctionConfiguration, ListFunctions, UpdateFunctionCode,
//! UpdateFunctionConfiguration and DeleteFunction (versions are in `versions`).

use super::errors::{self, invalid_parameter, resource_conflict};
use super::events::LambdaEvent;
use super::function_config::{
    architecture, check_dead_letter_config, check_defaults, ephemeral_storage, logging,
    NotSimulated,
};
use super::model::*;
use super::shapes::{DeleteFunctionRequest, GetFunctionConfigurationRequest, GetFunctionRequest};
use super::validate::{self, CodeInput};
use super::Lambda;
use crate::api::AwsError;
use crate::kernel::Ctx;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct EnvironmentInput {
    pub variables: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct CreateFunctionRequest {
    function_name: String,
    runtime: Option<String>,
    role: String,
    handler: Option<String>,
    code: CodeInput,
    description: Option<String>,
    timeout: Option<i64>,
    memory_size: Option<i64>,
    publish: Option<bool>,
    environment: Option<EnvironmentInput>,
    tags: Option<BTreeMap<String, String>>,
    package_type: Option<String>,
    architectures: Option<Vec<String>>,
    /// Kept for asynchronous invocation's older dead-letter queue.
    dead_letter_config: Option<Value>,
    tracing_config: Option<Value>,
    ephemeral_storage: Option<Value>,
    logging_config: Option<Value>,
    #[serde(flatten)]
    not_simulated: NotSimulated,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ListFunctionsRequest {
    marker: Option<String>,
    max_items: Option<i64>,
    function_version: Option<String>,
    master_region: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct UpdateFunctionCodeRequest {
    function_name: String,
    zip_file: Option<String>,
    #[serde(rename = "S3Bucket")]
    s3_bucket: Option<String>,
    #[serde(rename = "S3Key")]
    s3_key: Option<String>,
    #[serde(rename = "S3ObjectVersion")]
    s3_object_version: Option<String>,
    image_uri: Option<String>,
    /// Stratus extension: the package's text files by path.
    files: Option<BTreeMap<String, String>>,
    publish: Option<bool>,
    dry_run: Option<bool>,
    revision_id: Option<String>,
    architectures: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UpdateFunctionConfigurationRequest {
    function_name: String,
    role: Option<String>,
    handler: Option<String>,
    description: Option<String>,
    timeout: Option<i64>,
    memory_size: Option<i64>,
    environment: Option<EnvironmentInput>,
    runtime: Option<String>,
    revision_id: Option<String>,
    dead_letter_config: Option<Value>,
    tracing_config: Option<Value>,
    ephemeral_storage: Option<Value>,
    logging_config: Option<Value>,
    #[serde(flatten)]
    not_simulated: NotSimulated,
}

impl Lambda {
    pub(super) fn create_function(
        &mut self,
        ctx: &mut Ctx,
        req: CreateFunctionRequest,
    ) -> Result<Value, AwsError> {
        req.not_simulated.check()?;
        let (name, qualifier) =
            validate::function_name("CreateFunction", &req.function_name, ctx.identity)?;
        if qualifier.is_some() {
            return Err(invalid_parameter(
                "A function name for CreateFunction cannot have a version or alias qualifier.",
            ));
        }
        check_defaults(
            req.package_type.as_deref(),
            req.architectures.as_deref(),
            req.tracing_config.as_ref(),
            req.ephemeral_storage.as_ref(),
        )?;
        let runtime = match req.runtime.as_deref() {
            Some(r) => validate::runtime(r)?,
            None => {
                return Err(invalid_parameter(
                    "Runtime and Handler are mandatory parameters for functions created with deployment packages.",
                ))
            }
        };
        let handler = match req.handler.as_deref() {
            Some(h) => validate::handler(h)?,
            None => {
                return Err(invalid_parameter(
                    "Runtime and Handler are mandatory parameters for functions created with deployment packages.",
                ))
            }
        };
        let role = validate::role(&req.role)?;
        let memory_size = req.memory_size.map(validate::memory_size).transpose()?;
        let timeout = req.timeout.map(validate::timeout).transpose()?;
        let environment_given = req.environment.is_some();
        let environment = validate::environment(
            req.environment
                .and_then(|e| e.variables)
                .unwrap_or_default(),
        )?;
        let dead_letter = check_dead_letter_config(req.dead_letter_config.as_ref())?;
        let code = validate::code(req.code)?;
        if let Some(tags) = &req.tags {
            validate::tags(tags)?;
        }
        if self.functions.contains_key(&name) {
            return Err(resource_conflict(format!("Function already exist: {name}")));
        }
        let arn = ctx.identity.arn("lambda", &format!("function:{name}"));
        let function = Function {
            name: name.clone(),
            arn,
            latest: Config {
                runtime,
                role,
                handler,
                description: req.description.unwrap_or_default(),
                memory_size: memory_size.unwrap_or(DEFAULT_MEMORY_MB),
                timeout: timeout.unwrap_or(DEFAULT_TIMEOUT_S),
                environment,
                environment_given,
                code,
                logging: match &req.logging_config {
                    Some(v) => logging(&Logging::default(), v)?,
                    None => Logging::default(),
                },
                architecture: match req.architectures.as_deref() {
                    Some(list) => architecture(list)?,
                    None => "x86_64",
                },
                ephemeral_storage: match &req.ephemeral_storage {
                    Some(v) => ephemeral_storage(v)?,
                    None => 512,
                },
                last_modified: ctx.now,
                revision_id: ctx.rng.uuid(),
            },
            versions: BTreeMap::new(),
            next_version: 1,
            aliases: BTreeMap::new(),
            reserved_concurrency: None,
            event_invoke_config: BTreeMap::new(),
            dead_letter_target: dead_letter,
            policy: BTreeMap::new(),
            tags: req.tags.unwrap_or_default(),
            recursive_loop: "Terminate",
            lifecycle: Lifecycle::Active,
            lifecycle_serial: 0,
            published_from: None,
        };
        self.functions.insert(name.clone(), function);
        ctx.emit(LambdaEvent::FunctionCreated {
            function: name.as_str().into(),
        });
        let answer = self.latest_or_published(ctx, &name, req.publish)?;
        // The function answers Pending and becomes Active a moment later.
        self.begin_change(ctx, &name, Lifecycle::Pending);
        Ok(match answer {
            Value::Object(a) if a.get("Version").is_some_and(|v| v == "$LATEST") => {
                self.function_ref(&name)?.configuration(None)
            }
            other => other,
        })
    }

    /// $LATEST's configuration, or with `Publish` the version it was published as.
    fn latest_or_published(
        &mut self,
        ctx: &mut Ctx,
        name: &str,
        publish: Option<bool>,
    ) -> Result<Value, AwsError> {
        if publish == Some(true) {
            return self.publish(ctx, name, None);
        }
        Ok(self.function_ref(name)?.configuration(None))
    }

    /// The function a FunctionName names, or ResourceNotFoundException with its ARN
    /// (Invoke and PutFunctionConcurrency name `:$LATEST` or the qualifier, as AWS does).
    pub(super) fn resolve(
        &self,
        ctx: &Ctx,
        raw: &str,
    ) -> Result<(&Function, Option<String>), AwsError> {
        let (name, qualifier) = validate::function_name(&self.action, raw, ctx.identity)?;
        match self.functions.get(&name) {
            Some(f) => Ok((f, qualifier)),
            None => {
                let arn = ctx.identity.arn("lambda", &format!("function:{name}"));
                let arn = match (self.action.as_str(), &qualifier) {
                    ("Invoke" | "PutFunctionConcurrency", Some(q)) => format!("{arn}:{q}"),
                    ("Invoke" | "PutFunctionConcurrency", None) => format!("{arn}:$LATEST"),
                    ("GetFunction" | "GetFunctionConfiguration", Some(q)) => format!("{arn}:{q}"),
                    _ => arn,
                };
                Err(errors::function_not_found(&arn))
            }
        }
    }

    /// A qualifier as a published version number (None for $LATEST), following an alias.
    pub(super) fn version_of(
        function: &Function,
        qualifier: Option<&str>,
    ) -> Result<Option<u32>, AwsError> {
        let not_found = |q: &str| {
            errors::resource_not_found(format!("Function not found: {}:{q}", function.arn))
        };
        match qualifier {
            None | Some("$LATEST") => Ok(None),
            Some(q) => match q.parse::<u32>() {
                Ok(v) if function.versions.contains_key(&v) => Ok(Some(v)),
                Ok(_) => Err(not_found(q)),
                Err(_) => match function.aliases.get(q) {
                    Some(alias) => Self::version_of(function, Some(&alias.function_version)),
                    None => Err(not_found(q)),
                },
            },
        }
    }

    pub(super) fn get_function(
        &mut self,
        ctx: &mut Ctx,
        req: GetFunctionRequest<'_>,
    ) -> Result<Value, AwsError> {
        let (f, q) = self.resolve(ctx, &req.function_name)?;
        let qualifier = validate::merge_qualifier(q, req.qualifier.map(Cow::into_owned))?;
        let version = Self::version_of(f, qualifier.as_deref())?;
        let mut out = Map::new();
        out.insert(
            "Configuration".into(),
            qualified_latest(f.configuration(version), f, qualifier.as_deref()),
        );
        out.insert(
            "Code".into(),
            json!({
                "RepositoryType": "S3",
                "Location": format!("https://awslambda-{}-tasks.s3.{}.amazonaws.com/snapshots/{}/{}", ctx.identity.region, ctx.identity.region, ctx.identity.account, f.name),
            }),
        );
        if !f.tags.is_empty() {
            out.insert("Tags".into(), json!(f.tags));
        }
        if let Some(n) = f.reserved_concurrency {
            out.insert(
                "Concurrency".into(),
                json!({ "ReservedConcurrentExecutions": n }),
            );
        }
        Ok(Value::Object(out))
    }

    pub(super) fn get_function_configuration(
        &mut self,
        ctx: &mut Ctx,
        req: GetFunctionConfigurationRequest<'_>,
    ) -> Result<Value, AwsError> {
        let (f, q) = self.resolve(ctx, &req.function_name)?;
        let qualifier = validate::merge_qualifier(q, req.qualifier.map(Cow::into_owned))?;
        let version = Self::version_of(f, qualifier.as_deref())?;
        Ok(qualified_latest(
            f.configuration(version),
            f,
            qualifier.as_deref(),
        ))
    }

    pub(super) fn list_functions(
        &mut self,
        _ctx: &mut Ctx,
        req: ListFunctionsRequest,
    ) -> Result<Value, AwsError> {
        let max = page_size(req.max_items)?;
        if req.master_region.is_some() {
            return Err(invalid_parameter(
                "MasterRegion (Lambda@Edge) is not simulated by Stratus.",
            ));
        }
        let all = match req.function_version.as_deref() {
            None => false,
            Some("ALL") => true,
            Some(other) => {
                return Err(errors::constraint(
                    other,
                    "functionVersion",
                    "Member must satisfy enum value set: [ALL]",
                ))
            }
        };
        let mut configs = Vec::new();
        for f in self.functions.values() {
            if all {
                configs.extend(f.all_configurations());
            } else {
                configs.push(f.list_entry(None, false));
            }
        }
        Ok(page("Functions", configs, req.marker.as_deref(), max))
    }

    pub(super) fn update_function_code(
        &mut self,
        ctx: &mut Ctx,
        req: UpdateFunctionCodeRequest,
    ) -> Result<Value, AwsError> {
        check_defaults(None, req.architectures.as_deref(), None, None)?;
        let (f, _) = self.resolve(ctx, &req.function_name)?;
        let name = f.name.clone();
        check_revision(&f.latest.revision_id, req.revision_id.as_deref())?;
        Self::check_changeable(f)?;
        let code = validate::code(CodeInput {
            zip_file: req.zip_file,
            s3_bucket: req.s3_bucket,
            s3_key: req.s3_key,
            s3_object_version: req.s3_object_version,
            image_uri: req.image_uri,
            files: req.files,
        })?;
        let arch = req.architectures.as_deref().map(architecture).transpose()?;
        if req.dry_run == Some(true) {
            let mut preview = self.function_ref(&name)?.clone();
            preview.latest.code = code;
            return Ok(preview.configuration(None));
        }
        let revision = ctx.rng.uuid();
        let f = self.function_mut(&name)?;
        f.latest.code = code;
        if let Some(arch) = arch {
            f.latest.architecture = arch;
        }
        f.latest.last_modified = ctx.now;
        f.latest.revision_id = revision;
        ctx.emit(LambdaEvent::FunctionUpdated {
            function: name.as_str().into(),
        });
        let answer = self.latest_or_published(ctx, &name, req.publish)?;
        self.begin_change(ctx, &name, Lifecycle::Updating);
        Ok(match answer {
            Value::Object(a) if a.get("Version").is_some_and(|v| v == "$LATEST") => {
                self.function_ref(&name)?.configuration(None)
            }
            other => other,
        })
    }

    pub(super) fn update_function_configuration(
        &mut self,
        ctx: &mut Ctx,
        req: UpdateFunctionConfigurationRequest,
    ) -> Result<Value, AwsError> {
        req.not_simulated.check()?;
        check_defaults(
            None,
            None,
            req.tracing_config.as_ref(),
            req.ephemeral_storage.as_ref(),
        )?;
        let (f, _) = self.resolve(ctx, &req.function_name)?;
        let name = f.name.clone();
        check_revision(&f.latest.revision_id, req.revision_id.as_deref())?;
        Self::check_changeable(f)?;
        // Everything is checked before anything changes.
        let mut next = f.latest.clone();
        if let Some(r) = &req.runtime {
            next.runtime = validate::runtime(r)?;
        }
        if let Some(h) = &req.handler {
            next.handler = validate::handler(h)?;
        }
        if let Some(r) = &req.role {
            next.role = validate::role(r)?;
        }
        if let Some(m) = req.memory_size {
            next.memory_size = validate::memory_size(m)?;
        }
        if let Some(v) = &req.ephemeral_storage {
            next.ephemeral_storage = ephemeral_storage(v)?;
        }
        if let Some(t) = req.timeout {
            next.timeout = validate::timeout(t)?;
        }
        if let Some(d) = req.description {
            next.description = d;
        }
        if let Some(v) = &req.logging_config {
            next.logging = logging(&next.logging, v)?;
        }
        if let Some(env) = req.environment {
            next.environment = validate::environment(env.variables.unwrap_or_default())?;
            next.environment_given = true;
        }
        let dead_letter = match &req.dead_letter_config {
            Some(c) => Some(check_dead_letter_config(Some(c))?),
            None => None,
        };
        next.last_modified = ctx.now;
        next.revision_id = ctx.rng.uuid();
        let f = self.function_mut(&name)?;
        f.latest = next;
        if let Some(target) = dead_letter {
            f.dead_letter_target = target;
        }
        ctx.emit(LambdaEvent::FunctionUpdated {
            function: name.as_str().into(),
        });
        self.begin_change(ctx, &name, Lifecycle::Updating);
        Ok(self.function_ref(&name)?.configuration(None))
    }

    pub(super) fn delete_function(
        &mut self,
        ctx: &mut Ctx,
        req: DeleteFunctionRequest<'_>,
    ) -> Result<Value, AwsError> {
        let (f, q) = self.resolve(ctx, &req.function_name)?;
        let name = f.name.clone();
        match validate::merge_qualifier(q, req.qualifier.map(Cow::into_owned))?.as_deref() {
            None => {
                self.functions.remove(&name);
                ctx.emit(LambdaEvent::FunctionDeleted {
                    function: name.as_str().into(),
                });
            }
            Some("$LATEST") => {
                return Err(invalid_parameter(
                    "$LATEST version cannot be deleted without deleting the function.",
                ))
            }
            Some(q) => {
                let version = match q.parse::<u32>() {
                    Ok(v) if f.versions.contains_key(&v) => v,
                    // A version number that is not (or no longer) published: AWS answers success.
                    Ok(_) => return Ok(json!({})),
                    Err(_) => {
                        return Err(errors::resource_not_found(format!(
                            "Function not found: {}:{q}",
                            f.arn
                        )))
                    }
                };
                if let Some(alias) = f.aliases.values().find(|a| a.function_version == q) {
                    return Err(resource_conflict(format!(
                        "Unable to delete version because the following aliases reference it: [{}]",
                        alias.name
                    )));
                }
                self.function_mut(&name)?.versions.remove(&version);
            }
        }
        Ok(json!({}))
    }
}

/// GetFunction and GetFunctionConfiguration asked for `$LATEST` by name answer its qualified ARN.
fn qualified_latest(mut config: Value, f: &Function, qualifier: Option<&str>) -> Value {
    if qualifier == Some("$LATEST") {
        config["FunctionArn"] = json!(format!("{}:$LATEST", f.arn));
    }
    config
}

pub(super) fn check_revision(current: &str, given: Option<&str>) -> Result<(), AwsError> {
    match given {
        Some(r) if r != current => Err(errors::precondition_failed(
            "The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id",
        )),
        _ => Ok(()),
    }
}

/// MaxItems: 1 to 10,000, default 50.
pub(super) fn page_size(max_items: Option<i64>) -> Result<usize, AwsError> {
    match max_items {
        None => Ok(50),
        Some(n) => Ok(errors::in_range(n, "maxItems", 1, 10_000)? as usize),
    }
}

/// One page of `items` under `key`, from the opaque `marker`, with NextMarker.
pub(super) fn page(key: &str, items: Vec<Value>, marker: Option<&str>, max: usize) -> Value {
    crate::api::paging::by_index(key, "NextMarker", items, marker, max)
}
