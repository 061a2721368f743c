//! Event source mappings, the control plane: CreateEventSourceMapping,
//! GetEventSourceMapping, UpdateEventSourceMapping, DeleteEventSourceMapping
//! and ListEventSourceMappings for SQS queues, with AWS's defaults (BatchSize
//! 10, no batching window), limits (BatchSize 1–10,000, or 1–10 on a FIFO
//! queue; a window of 0–300 s, required above 10 records, refused on FIFO;
//! MaximumConcurrency 2–1,000) and checks (one mapping per queue and
//! function; the queue's visibility timeout at least the function's timeout).
//! `sqs_pollers` runs the mappings. Lambda cannot see SQS: the world lends it
//! a read-only lookup of queues by ARN ([`Queues`]).

use super::errors::{self, constraint, in_range, invalid_parameter};
use super::sqs_pollers::Poller;
use super::Lambda;
use crate::api::{paging, AwsError};
use crate::kernel::Ctx;
use crate::sim::{Millis, TimerId};
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub use crate::kernel::SourceQueue;

/// The world's read-only lookup of a queue by ARN.
pub type Queues<'a> = &'a dyn Fn(&str) -> Option<SourceQueue>;

/// At most this many batches of one mapping run at once (AWS's default ceiling).
pub const MAX_POLLERS: u32 = 1_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MappingState {
    Enabled,
    Disabled,
    /// Deleted: in-flight batches finish, then the mapping is gone.
    Deleting,
}

impl MappingState {
    pub fn as_str(self) -> &'static str {
        match self {
            MappingState::Enabled => "Enabled",
            MappingState::Disabled => "Disabled",
            MappingState::Deleting => "Deleting",
        }
    }
}

/// Counters for the UI: what a mapping has done so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MappingStats {
    pub batches: u64,
    pub records: u64,
    pub deleted: u64,
    pub failed_batches: u64,
    pub failed_records: u64,
    pub throttled: u64,
    /// Records FilterCriteria kept out (deleted without invoking).
    pub filtered: u64,
}

#[derive(Debug)]
pub struct EventSourceMapping {
    pub id: u64,
    pub uuid: String,
    pub arn: String,
    /// The function's name, and the version or alias FunctionName named (if any).
    pub function: String,
    pub qualifier: Option<String>,
    pub function_arn: String,
    pub queue_arn: String,
    pub queue_url: String,
    pub queue_name: String,
    pub fifo: bool,
    pub batch_size: u32,
    pub batching_window: u32,
    pub report_batch_item_failures: bool,
    pub maximum_concurrency: Option<u32>,
    pub state: MappingState,
    pub last_modified: Millis,
    pub pollers: BTreeMap<u32, Poller>,
    pub(super) next_poller: u32,
    pub(super) scale_timer: Option<TimerId>,
    pub stats: MappingStats,
    /// FilterCriteria: records none of them keeps are deleted without invoking.
    pub filters: Option<super::filters::Filters>,
    /// Tags (Tags at creation, TagResource with the mapping's ARN).
    pub tags: BTreeMap<String, String>,
}

impl EventSourceMapping {
    /// The most batches this mapping may have in flight at once.
    pub fn ceiling(&self) -> u32 {
        self.maximum_concurrency
            .unwrap_or(MAX_POLLERS)
            .min(MAX_POLLERS)
    }

    /// EventSourceMappingConfiguration, as AWS returns it, in `state`.
    pub fn describe_as(&self, state: &str) -> Value {
        let mut v = json!({
            "UUID": self.uuid,
            "BatchSize": self.batch_size,
            "MaximumBatchingWindowInSeconds": self.batching_window,
            "EventSourceArn": self.queue_arn,
            "FilterCriteria": self.filters.as_ref().map(|f| f.raw.clone()),
            "FunctionArn": self.function_arn,
            "LastModified": self.last_modified as f64 / 1000.0,
            "State": state,
            "StateTransitionReason": "USER_INITIATED",
            "FunctionResponseTypes": if self.report_batch_item_failures { json!(["ReportBatchItemFailures"]) } else { json!([]) },
            "EventSourceMappingArn": self.arn,
        });
        if let Some(max) = self.maximum_concurrency {
            v["ScalingConfig"] = json!({ "MaximumConcurrency": max });
        }
        if self.filters.is_none() {
            if let Some(fields) = v.as_object_mut() {
                fields.shift_remove("FilterCriteria");
            }
        }
        v
    }

    pub fn describe(&self) -> Value {
        self.describe_as(self.state.as_str())
    }
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ScalingConfig {
    maximum_concurrency: Option<i64>,
}

/// The members of Create and Update that SQS mappings use, and those Stratus refuses clearly.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct MappingRequest {
    #[serde(rename = "UUID")]
    uuid: Option<String>,
    event_source_arn: Option<String>,
    function_name: Option<String>,
    enabled: Option<bool>,
    batch_size: Option<i64>,
    maximum_batching_window_in_seconds: Option<i64>,
    function_response_types: Option<Vec<String>>,
    scaling_config: Option<ScalingConfig>,
    filter_criteria: Option<Value>,
    tags: Option<BTreeMap<String, String>>,
    // Stream, Kafka and MQ members: AWS refuses them for an SQS mapping.
    starting_position: Option<Value>,
    starting_position_timestamp: Option<Value>,
    parallelization_factor: Option<Value>,
    destination_config: Option<Value>,
    maximum_record_age_in_seconds: Option<Value>,
    bisect_batch_on_function_error: Option<Value>,
    maximum_retry_attempts: Option<Value>,
    tumbling_window_in_seconds: Option<Value>,
    topics: Option<Value>,
    queues: Option<Value>,
    source_access_configurations: Option<Value>,
    self_managed_event_source: Option<Value>,
    provisioned_poller_config: Option<Value>,
    metrics_config: Option<Value>,
    kms_key_arn: Option<Value>,
}

impl MappingRequest {
    /// Members that do not apply to an SQS queue, or that Stratus does not simulate.
    fn refuse_unsupported(&self) -> Result<(), AwsError> {
        let stream_only = [
            ("StartingPosition", self.starting_position.is_some()),
            (
                "StartingPositionTimestamp",
                self.starting_position_timestamp.is_some(),
            ),
            (
                "ParallelizationFactor",
                self.parallelization_factor.is_some(),
            ),
            ("DestinationConfig", self.destination_config.is_some()),
            (
                "MaximumRecordAgeInSeconds",
                self.maximum_record_age_in_seconds.is_some(),
            ),
            (
                "BisectBatchOnFunctionError",
                self.bisect_batch_on_function_error.is_some(),
            ),
            (
                "MaximumRetryAttempts",
                self.maximum_retry_attempts.is_some(),
            ),
            (
                "TumblingWindowInSeconds",
                self.tumbling_window_in_seconds.is_some(),
            ),
            ("Topics", self.topics.is_some()),
            ("Queues", self.queues.is_some()),
            (
                "SourceAccessConfigurations",
                self.source_access_configurations.is_some(),
            ),
            (
                "SelfManagedEventSource",
                self.self_managed_event_source.is_some(),
            ),
        ];
        if let Some((name, _)) = stream_only.iter().find(|(_, given)| *given) {
            return Err(invalid_parameter(format!(
                "Unsupported {name} parameter for given event source mapping type."
            )));
        }
        let not_simulated = [
            (
                "ProvisionedPollerConfig",
                self.provisioned_poller_config.is_some(),
            ),
            ("MetricsConfig", self.metrics_config.is_some()),
            ("KMSKeyArn", self.kms_key_arn.is_some()),
        ];
        if let Some((name, _)) = not_simulated.iter().find(|(_, given)| *given) {
            return Err(invalid_parameter(format!(
                "{name} on event source mappings is not simulated by Stratus yet."
            )));
        }
        Ok(())
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct UuidRequest {
    #[serde(rename = "UUID")]
    uuid: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ListRequest {
    event_source_arn: Option<String>,
    function_name: Option<String>,
    marker: Option<String>,
    max_items: Option<i64>,
}

/// A mapping's settings once checked against the request, the queue and the function.
struct Settings {
    batch_size: u32,
    batching_window: u32,
    report_batch_item_failures: bool,
    maximum_concurrency: Option<u32>,
}

/// A member the operation does not have, as the SDKs refuse it before sending.
fn unknown_member(name: &str, members: &str) -> AwsError {
    AwsError::param_validation(format!(
        "Unknown parameter in input: \"{name}\", must be one of: {members}"
    ))
}

fn not_found() -> AwsError {
    errors::resource_not_found("The resource you requested does not exist.")
}

impl Lambda {
    pub(super) fn create_event_source_mapping(
        &mut self,
        ctx: &mut Ctx,
        queues: Queues,
        req: MappingRequest,
    ) -> Result<Value, AwsError> {
        req.refuse_unsupported()?;
        if req.uuid.is_some() {
            return Err(unknown_member("UUID", "EventSourceArn, FunctionName, Enabled, BatchSize, FilterCriteria, MaximumBatchingWindowInSeconds, FunctionResponseTypes, ScalingConfig, Tags"));
        }
        let Some(raw_name) = req.function_name.as_deref() else {
            return Err(errors::validation(
                "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null",
            ));
        };
        let (f, qualifier) = self.resolve(ctx, raw_name)?;
        Self::version_of(f, qualifier.as_deref())?;
        let (function, function_arn, timeout) = (
            f.name.clone(),
            qualifier
                .as_ref()
                .map_or(f.arn.clone(), |q| format!("{}:{q}", f.arn)),
            f.latest.timeout,
        );
        let arn = req.event_source_arn.clone().ok_or_else(|| {
            invalid_parameter("Unrecognized event source, must be kafka or mq type.")
        })?;
        let queue = source_queue(queues, &arn)?;
        if let Some(other) = self.mappings.values().find(|m| {
            m.queue_arn == arn && m.function == function && m.state != MappingState::Deleting
        }) {
            return Err(errors::resource_conflict(format!(
                "An event source mapping with SQS arn (\" {arn} \") and function (\" {function} \") already exists. Please update or delete the existing mapping with UUID {}",
                other.uuid
            )));
        }
        check_visibility(&queue, timeout)?;
        let settings = settings(&req, &queue, None)?;
        let filters = req
            .filter_criteria
            .as_ref()
            .map(super::filters::Filters::parse)
            .transpose()?
            .flatten();
        let uuid = ctx.rng.uuid();
        let id = self.next_mapping;
        self.next_mapping += 1;
        let enabled = req.enabled.unwrap_or(true);
        let mapping = EventSourceMapping {
            id,
            arn: ctx
                .identity
                .arn("lambda", &format!("event-source-mapping:{uuid}")),
            uuid,
            function,
            qualifier,
            function_arn,
            queue_arn: queue.arn.clone(),
            queue_url: queue.url.clone(),
            queue_name: queue.name.clone(),
            fifo: queue.fifo,
            batch_size: settings.batch_size,
            batching_window: settings.batching_window,
            report_batch_item_failures: settings.report_batch_item_failures,
            maximum_concurrency: settings.maximum_concurrency,
            state: if enabled {
                MappingState::Enabled
            } else {
                MappingState::Disabled
            },
            last_modified: ctx.now,
            pollers: BTreeMap::new(),
            next_poller: 0,
            scale_timer: None,
            stats: MappingStats::default(),
            filters,
            tags: req.tags.clone().unwrap_or_default(),
        };
        let answer = mapping.describe_as(if enabled { "Creating" } else { "Disabled" });
        self.mappings.insert(id, mapping);
        if enabled {
            self.start_polling(ctx, id);
        }
        Ok(answer)
    }

    pub(super) fn get_event_source_mapping(&self, req: UuidRequest) -> Result<Value, AwsError> {
        self.mapping_by_uuid(&req.uuid)
            .map(|id| self.mappings[&id].describe())
    }

    pub(super) fn update_event_source_mapping(
        &mut self,
        ctx: &mut Ctx,
        queues: Queues,
        req: MappingRequest,
    ) -> Result<Value, AwsError> {
        req.refuse_unsupported()?;
        if req.event_source_arn.is_some() {
            return Err(unknown_member("EventSourceArn", "UUID, FunctionName, Enabled, BatchSize, FilterCriteria, MaximumBatchingWindowInSeconds, DestinationConfig, MaximumRecordAgeInSeconds, BisectBatchOnFunctionError, MaximumRetryAttempts, ParallelizationFactor, SourceAccessConfigurations, TumblingWindowInSeconds, FunctionResponseTypes, ScalingConfig, DocumentDBEventSourceConfig, KMSKeyArn, MetricsConfig, ProvisionedPollerConfig"));
        }
        let uuid = req.uuid.clone().ok_or_else(|| {
            errors::validation(
                "1 validation error detected: Value null at 'uUID' failed to satisfy constraint: Member must not be null",
            )
        })?;
        let id = self.mapping_by_uuid(&uuid)?;
        let current = &self.mappings[&id];
        if current.state == MappingState::Deleting {
            return Err(AwsError::new(
                "com.amazonaws.lambda",
                "ResourceInUseException",
                400,
                format!("Cannot update the event source mapping {uuid}: it is being deleted."),
            ));
        }
        // The function may change; the new one must exist and fit the queue's visibility timeout.
        let target = match req.function_name.as_deref() {
            Some(raw) => {
                let (f, q) = self.resolve(ctx, raw)?;
                Self::version_of(f, q.as_deref())?;
                Some((
                    f.name.clone(),
                    q.as_ref()
                        .map_or(f.arn.clone(), |q| format!("{}:{q}", f.arn)),
                    q,
                    f.latest.timeout,
                ))
            }
            None => None,
        };
        let queue = source_queue(queues, &current.queue_arn)?;
        if let Some((_, _, _, timeout)) = &target {
            check_visibility(&queue, *timeout)?;
        }
        let settings = settings(&req, &queue, Some(current))?;
        let filters = req
            .filter_criteria
            .as_ref()
            .map(super::filters::Filters::parse)
            .transpose()?;
        let m = self.mappings.get_mut(&id).ok_or_else(not_found)?;
        if let Some(filters) = filters {
            m.filters = filters;
        }
        if let Some((function, function_arn, qualifier, _)) = target {
            m.function = function;
            m.function_arn = function_arn;
            m.qualifier = qualifier;
        }
        m.batch_size = settings.batch_size;
        m.batching_window = settings.batching_window;
        m.report_batch_item_failures = settings.report_batch_item_failures;
        m.maximum_concurrency = settings.maximum_concurrency;
        m.last_modified = ctx.now;
        let was = m.state;
        let enabled = req.enabled.unwrap_or(was == MappingState::Enabled);
        m.state = if enabled {
            MappingState::Enabled
        } else {
            MappingState::Disabled
        };
        let answer = m.describe_as(match (was, enabled) {
            (MappingState::Disabled, true) => "Enabling",
            (MappingState::Enabled, false) => "Disabling",
            _ => "Updating",
        });
        match (was, enabled) {
            (MappingState::Disabled, true) => self.start_polling(ctx, id),
            (MappingState::Enabled, false) => self.stop_polling(ctx, id),
            // A lower ceiling takes effect as batches finish; pollers beyond it retire.
            _ => {}
        }
        Ok(answer)
    }

    pub(super) fn delete_event_source_mapping(
        &mut self,
        ctx: &mut Ctx,
        req: UuidRequest,
    ) -> Result<Value, AwsError> {
        let id = self.mapping_by_uuid(&req.uuid)?;
        let m = self.mappings.get_mut(&id).ok_or_else(not_found)?;
        if m.state == MappingState::Deleting {
            return Err(not_found());
        }
        let answer = m.describe_as("Deleting");
        m.state = MappingState::Deleting;
        self.stop_polling(ctx, id);
        Ok(answer)
    }

    pub(super) fn list_event_source_mappings(
        &self,
        ctx: &Ctx,
        req: ListRequest,
    ) -> Result<Value, AwsError> {
        let max = in_range(req.max_items.unwrap_or(100), "maxItems", 1, 10_000)? as usize;
        // A function that does not exist (or no longer does) simply has no mappings.
        let function = match req.function_name.as_deref() {
            Some(raw) => Some(super::validate::function_name(&self.action, raw, ctx.identity)?.0),
            None => None,
        };
        let items = self
            .mappings
            .values()
            .filter(|m| function.as_ref().is_none_or(|f| &m.function == f))
            .filter(|m| {
                req.event_source_arn
                    .as_ref()
                    .is_none_or(|a| &m.queue_arn == a)
            })
            .map(EventSourceMapping::describe)
            .collect();
        Ok(paging::by_index(
            "EventSourceMappings",
            "NextMarker",
            items,
            req.marker.as_deref(),
            max,
        ))
    }

    fn mapping_by_uuid(&self, uuid: &str) -> Result<u64, AwsError> {
        self.mappings
            .values()
            .find(|m| m.uuid == uuid)
            .map(|m| m.id)
            .ok_or_else(not_found)
    }

    /// Event source mappings (read-only view for the UI and tests).
    pub fn event_source_mappings(&self) -> impl Iterator<Item = &EventSourceMapping> {
        self.mappings.values()
    }
}

fn source_queue(queues: Queues, arn: &str) -> Result<SourceQueue, AwsError> {
    if let Some(service) = arn
        .strip_prefix("arn:aws:")
        .and_then(|r| r.split(':').next())
    {
        if service != "sqs" {
            return Err(invalid_parameter(format!(
                "Stratus simulates SQS event sources only; {service} event sources come with their own services."
            )));
        }
    }
    queues(arn).ok_or_else(|| {
        invalid_parameter(
            "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist.",
        )
    })
}

fn check_visibility(queue: &SourceQueue, function_timeout: u32) -> Result<(), AwsError> {
    if queue.visibility_timeout < function_timeout {
        return Err(invalid_parameter(format!(
            "Invalid request provided: Queue visibility timeout: {} seconds is less than Function timeout: {function_timeout} seconds",
            queue.visibility_timeout
        )));
    }
    Ok(())
}

/// The request's settings over the current ones (Update) or the defaults (Create), checked.
fn settings(
    req: &MappingRequest,
    queue: &SourceQueue,
    current: Option<&EventSourceMapping>,
) -> Result<Settings, AwsError> {
    let batch_size = match req.batch_size {
        Some(n) => in_range(n, "batchSize", 1, 10_000)? as u32,
        None => current.map_or(10, |m| m.batch_size),
    };
    let batching_window = match req.maximum_batching_window_in_seconds {
        Some(n) => in_range(n, "maximumBatchingWindowInSeconds", 0, 300)? as u32,
        None => current.map_or(0, |m| m.batching_window),
    };
    let report_batch_item_failures = match &req.function_response_types {
        Some(types) => {
            if let Some(bad) = types.iter().find(|t| *t != "ReportBatchItemFailures") {
                return Err(constraint(
                    format!("[{bad}]"),
                    "functionResponseTypes",
                    "Member must satisfy constraint: [Member must satisfy enum value set: [ReportBatchItemFailures]]",
                ));
            }
            !types.is_empty()
        }
        None => current.is_some_and(|m| m.report_batch_item_failures),
    };
    let maximum_concurrency = match &req.scaling_config {
        // An empty ScalingConfig removes the setting.
        Some(c) => match c.maximum_concurrency {
            Some(n) => Some(in_range(n, "scalingConfig.maximumConcurrency", 2, 1_000)? as u32),
            None => None,
        },
        None => current.and_then(|m| m.maximum_concurrency),
    };
    if queue.fifo {
        if batch_size > 10 {
            return Err(invalid_parameter(format!(
                "Invalid batch size {batch_size}: the maximum batch size for a FIFO queue is 10."
            )));
        }
        if batching_window > 0 {
            return Err(invalid_parameter(
                "Batching window is not supported for FIFO queues.",
            ));
        }
    } else if batch_size > 10 && batching_window == 0 {
        return Err(invalid_parameter(
            "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10",
        ));
    }
    Ok(Settings {
        batch_size,
        batching_window,
        report_batch_item_failures,
        maximum_concurrency,
    })
}
