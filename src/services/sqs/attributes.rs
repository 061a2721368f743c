//! SQS queue attributes as CreateQueue, SetQueueAttributes and
//! GetQueueAttributes speak them: every name AWS knows, each value's text
//! form and rule (ranges, case-insensitive booleans, the FIFO-only
//! attributes, server-side encryption, the access policy), and what
//! GetQueueAttributes returns for a queue, in AWS's order.

use super::errors;
use super::model::*;
use super::{policy, redrive};
use crate::api::AwsError;
use std::collections::BTreeMap;

/// Attribute names GetQueueAttributes returns for every queue, in the order it returns them.
const READABLE_ATTRIBUTES: &[&str] = &[
    "QueueArn",
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "ApproximateNumberOfMessagesDelayed",
    "CreatedTimestamp",
    "LastModifiedTimestamp",
    "VisibilityTimeout",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "DelaySeconds",
    "ReceiveMessageWaitTimeSeconds",
    "SqsManagedSseEnabled",
];

/// What a FIFO queue returns besides READABLE_ATTRIBUTES.
const FIFO_ATTRIBUTES: &[&str] = &[
    "FifoQueue",
    "ContentBasedDeduplication",
    "DeduplicationScope",
    "FifoThroughputLimit",
];

/// Every name GetQueueAttributes accepts; those a queue does not have are simply not returned.
const KNOWN_ATTRIBUTES: &[&str] = &[
    "All",
    "Policy",
    "VisibilityTimeout",
    "MaximumMessageSize",
    "MessageRetentionPeriod",
    "ApproximateNumberOfMessages",
    "ApproximateNumberOfMessagesNotVisible",
    "CreatedTimestamp",
    "LastModifiedTimestamp",
    "QueueArn",
    "ApproximateNumberOfMessagesDelayed",
    "DelaySeconds",
    "ReceiveMessageWaitTimeSeconds",
    "RedrivePolicy",
    "FifoQueue",
    "ContentBasedDeduplication",
    "KmsMasterKeyId",
    "KmsDataKeyReusePeriodSeconds",
    "DeduplicationScope",
    "FifoThroughputLimit",
    "RedriveAllowPolicy",
    "SqsManagedSseEnabled",
];

/// KmsDataKeyReusePeriodSeconds: how long SQS reuses a data key before asking KMS again.
pub const DEFAULT_KMS_DATA_KEY_REUSE_PERIOD: u32 = 300;
pub const MIN_KMS_DATA_KEY_REUSE_PERIOD: u32 = 60;
pub const MAX_KMS_DATA_KEY_REUSE_PERIOD: u32 = 86_400;

/// Server-side encryption of a queue. Nothing is encrypted in Stratus; the
/// settings and their rules are AWS's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Encryption {
    /// SSE-SQS, with keys SQS owns: on by default for a new queue.
    pub sqs_managed_sse_enabled: bool,
    /// SSE-KMS: a KMS key id, ARN or alias. Setting one turns SSE-SQS off.
    pub kms_master_key_id: Option<String>,
    pub kms_data_key_reuse_period_seconds: u32,
}

impl Default for Encryption {
    fn default() -> Self {
        Encryption {
            sqs_managed_sse_enabled: true,
            kms_master_key_id: None,
            kms_data_key_reuse_period_seconds: DEFAULT_KMS_DATA_KEY_REUSE_PERIOD,
        }
    }
}

impl Encryption {
    /// How a person would name the queue's encryption (for the UI).
    pub fn describe(&self) -> String {
        match (&self.kms_master_key_id, self.sqs_managed_sse_enabled) {
            (Some(key), _) => format!("SSE-KMS ({key})"),
            (None, true) => "SSE-SQS".into(),
            (None, false) => "Disabled".into(),
        }
    }
}

fn invalid_value_for(name: &str) -> AwsError {
    errors::invalid_attribute_value(format!("Invalid value for the parameter {name}."))
}

fn parse_range(name: &str, value: &str, min: u32, max: u32) -> Result<u32, AwsError> {
    match value.parse::<u32>() {
        Ok(v) if (min..=max).contains(&v) => Ok(v),
        _ => Err(invalid_value_for(name)),
    }
}

/// AWS reads a boolean attribute without regard to case: "True" and "TRUE" are true.
pub fn parse_bool(name: &str, value: &str) -> Result<bool, AwsError> {
    if value.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if value.eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(invalid_value_for(name))
    }
}

/// Whether a CreateQueue's attributes ask for a FIFO queue.
pub fn asks_for_fifo(requested: &BTreeMap<String, String>) -> bool {
    requested
        .get("FifoQueue")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
}

/// Applies requested attributes over `base`, validating each as AWS does.
/// `creating`: CreateQueue, where FifoQueue=true makes a FIFO queue (SetQueueAttributes cannot change the type).
pub fn apply(
    base: &QueueAttributes,
    requested: &BTreeMap<String, String>,
    creating: bool,
) -> Result<QueueAttributes, AwsError> {
    let mut attrs = base.clone();
    if creating && asks_for_fifo(requested) {
        attrs.fifo.get_or_insert_with(Default::default);
    }
    // SSE-SQS and SSE-KMS are one or the other: asking for both at once is refused.
    let wants_kms = requested
        .get("KmsMasterKeyId")
        .is_some_and(|k| !k.is_empty());
    let wants_sse = match requested.get("SqsManagedSseEnabled") {
        Some(v) => Some(parse_bool("SqsManagedSseEnabled", v)?),
        None => None,
    };
    if wants_kms && wants_sse == Some(true) {
        return Err(errors::invalid_attribute_name(
            "You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.",
        ));
    }
    for (name, value) in requested {
        match name.as_str() {
            "DelaySeconds" => attrs.delay_seconds = parse_range(name, value, 0, MAX_DELAY)?,
            "ReceiveMessageWaitTimeSeconds" => {
                attrs.receive_message_wait_time_seconds =
                    parse_range(name, value, 0, MAX_WAIT_TIME)?
            }
            "MessageRetentionPeriod" => {
                attrs.message_retention_period =
                    parse_range(name, value, MIN_RETENTION, MAX_RETENTION)?
            }
            "VisibilityTimeout" => {
                attrs.visibility_timeout = parse_range(name, value, 0, MAX_VISIBILITY_TIMEOUT)?
            }
            "MaximumMessageSize" => {
                attrs.maximum_message_size =
                    parse_range(name, value, MIN_MESSAGE_SIZE, MAX_MESSAGE_SIZE)?
            }
            "FifoQueue" => check_fifo_queue(&attrs, value)?,
            // The FIFO-only attributes are refused on a standard queue.
            "ContentBasedDeduplication" | "DeduplicationScope" | "FifoThroughputLimit" => {
                match attrs.fifo.as_mut() {
                    Some(fifo) => {
                        fifo.set(name, value)?;
                    }
                    None => return Err(errors::fifo_only_attribute(name)),
                }
            }
            // Whether the dead-letter queue exists is checked by the caller (`redrive::check_target`).
            "RedrivePolicy" => attrs.redrive_policy = redrive::parse_redrive_policy(value)?,
            "RedriveAllowPolicy" => {
                attrs.redrive_allow_policy = redrive::parse_redrive_allow_policy(value)?
            }
            "Policy" => attrs.policy = policy::parse_policy_attribute(value)?,
            "SqsManagedSseEnabled" => {
                let on = parse_bool(name, value)?;
                attrs.encryption.sqs_managed_sse_enabled = on;
                if on {
                    attrs.encryption.kms_master_key_id = None;
                }
            }
            "KmsMasterKeyId" => {
                if value.is_empty() {
                    attrs.encryption.kms_master_key_id = None;
                } else {
                    attrs.encryption.kms_master_key_id = Some(value.clone());
                    attrs.encryption.sqs_managed_sse_enabled = false;
                }
            }
            "KmsDataKeyReusePeriodSeconds" => {
                attrs.encryption.kms_data_key_reuse_period_seconds = parse_range(
                    name,
                    value,
                    MIN_KMS_DATA_KEY_REUSE_PERIOD,
                    MAX_KMS_DATA_KEY_REUSE_PERIOD,
                )?
            }
            other => {
                return Err(errors::invalid_attribute_name(format!(
                    "Unknown Attribute {other}."
                )))
            }
        }
    }
    if let Some(fifo) = &attrs.fifo {
        fifo.check()?;
    }
    Ok(attrs)
}

/// FifoQueue names the queue type, fixed at creation. A FIFO queue may say
/// `true` again (nothing changes) but not `false`; a standard queue knows no
/// such attribute.
fn check_fifo_queue(attrs: &QueueAttributes, value: &str) -> Result<(), AwsError> {
    if attrs.fifo.is_none() {
        // CreateQueue with FifoQueue=false, or SetQueueAttributes on a standard queue.
        return Err(errors::invalid_attribute_name(
            "Unknown Attribute FifoQueue.",
        ));
    }
    match parse_bool("FifoQueue", value)? {
        true => Ok(()),
        false => Err(errors::invalid_attribute_value(
            "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.",
        )),
    }
}

/// GetQueueAttributes: the attributes `names` asks for ("All" for every one).
pub fn read(queue: &Queue, names: &[String]) -> Result<BTreeMap<String, String>, AwsError> {
    for name in names {
        if !KNOWN_ATTRIBUTES.contains(&name.as_str()) {
            return Err(errors::invalid_attribute_name(format!(
                "Unknown Attribute {name}."
            )));
        }
    }
    let all = names.iter().any(|n| n == "All");
    let wants = |name: &str| all || names.iter().any(|n| n == name);
    let mut attrs = BTreeMap::new();
    let fifo_names = if queue.is_fifo() {
        FIFO_ATTRIBUTES
    } else {
        &[]
    };
    for &name in READABLE_ATTRIBUTES.iter().chain(fifo_names) {
        if wants(name) {
            attrs.insert(name.into(), queue_attribute(queue, name));
        }
    }
    // Returned only when set, as AWS does.
    let a = &queue.attributes;
    let optional = [
        ("Policy", a.policy.as_ref().map(|p| p.text().to_string())),
        (
            "RedrivePolicy",
            a.redrive_policy.as_ref().map(|p| p.to_json()),
        ),
        (
            "RedriveAllowPolicy",
            a.redrive_allow_policy.as_ref().map(|p| p.to_json()),
        ),
        ("KmsMasterKeyId", a.encryption.kms_master_key_id.clone()),
        (
            "KmsDataKeyReusePeriodSeconds",
            a.encryption
                .kms_master_key_id
                .as_ref()
                .map(|_| a.encryption.kms_data_key_reuse_period_seconds.to_string()),
        ),
    ];
    for (name, value) in optional {
        if let (true, Some(value)) = (wants(name), value) {
            attrs.insert(name.into(), value);
        }
    }
    Ok(attrs)
}

fn queue_attribute(queue: &Queue, name: &str) -> String {
    let a = &queue.attributes;
    match name {
        "QueueArn" => queue.arn.clone(),
        "ApproximateNumberOfMessages" => queue.approximate_number_of_messages().to_string(),
        "ApproximateNumberOfMessagesNotVisible" => queue
            .approximate_number_of_messages_not_visible()
            .to_string(),
        "CreatedTimestamp" => (queue.created / 1000).to_string(),
        "LastModifiedTimestamp" => (queue.last_modified / 1000).to_string(),
        "VisibilityTimeout" => a.visibility_timeout.to_string(),
        "MaximumMessageSize" => a.maximum_message_size.to_string(),
        "MessageRetentionPeriod" => a.message_retention_period.to_string(),
        "DelaySeconds" => a.delay_seconds.to_string(),
        "ApproximateNumberOfMessagesDelayed" => {
            queue.approximate_number_of_messages_delayed().to_string()
        }
        "SqsManagedSseEnabled" => a.encryption.sqs_managed_sse_enabled.to_string(),
        "ReceiveMessageWaitTimeSeconds" => a.receive_message_wait_time_seconds.to_string(),
        "FifoQueue" => a.fifo.is_some().to_string(),
        "ContentBasedDeduplication" => a
            .fifo
            .as_ref()
            .is_some_and(|f| f.content_based_deduplication)
            .to_string(),
        "DeduplicationScope" => a
            .fifo
            .as_ref()
            .map_or("", |f| f.deduplication_scope.as_str())
            .into(),
        "FifoThroughputLimit" => a
            .fifo
            .as_ref()
            .map_or("", |f| f.fifo_throughput_limit.as_str())
            .into(),
        _ => "0".into(),
    }
}

/// The first attribute in which a CreateQueue for an existing name asks for
/// something other than what the queue has (QueueNameExists names it).
pub fn differing_attribute(have: &QueueAttributes, want: &QueueAttributes) -> Option<&'static str> {
    let fifo = |a: &QueueAttributes| a.fifo.clone().unwrap_or_default();
    let (have_fifo, want_fifo) = (fifo(have), fifo(want));
    let checks: [(&'static str, bool); 14] = [
        (
            "VisibilityTimeout",
            have.visibility_timeout != want.visibility_timeout,
        ),
        (
            "MaximumMessageSize",
            have.maximum_message_size != want.maximum_message_size,
        ),
        (
            "MessageRetentionPeriod",
            have.message_retention_period != want.message_retention_period,
        ),
        ("DelaySeconds", have.delay_seconds != want.delay_seconds),
        (
            "ReceiveMessageWaitTimeSeconds",
            have.receive_message_wait_time_seconds != want.receive_message_wait_time_seconds,
        ),
        ("RedrivePolicy", have.redrive_policy != want.redrive_policy),
        (
            "RedriveAllowPolicy",
            have.redrive_allow_policy != want.redrive_allow_policy,
        ),
        ("Policy", have.policy != want.policy),
        (
            "ContentBasedDeduplication",
            have_fifo.content_based_deduplication != want_fifo.content_based_deduplication,
        ),
        (
            "DeduplicationScope",
            have_fifo.deduplication_scope != want_fifo.deduplication_scope,
        ),
        (
            "FifoThroughputLimit",
            have_fifo.fifo_throughput_limit != want_fifo.fifo_throughput_limit,
        ),
        (
            "KmsMasterKeyId",
            have.encryption.kms_master_key_id != want.encryption.kms_master_key_id,
        ),
        (
            "SqsManagedSseEnabled",
            have.encryption.sqs_managed_sse_enabled != want.encryption.sqs_managed_sse_enabled,
        ),
        (
            "KmsDataKeyReusePeriodSeconds",
            have.encryption.kms_data_key_reuse_period_seconds
                != want.encryption.kms_data_key_reuse_period_seconds,
        ),
    ];
    checks
        .into_iter()
        .find(|&(_, differs)| differs)
        .map(|(name, _)| name)
}
