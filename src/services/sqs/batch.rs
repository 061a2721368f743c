//! SQS batch actions: SendMessageBatch, DeleteMessageBatch and
//! ChangeMessageVisibilityBatch. The request as a whole is checked first (the
//! queue, 1 to 10 entries, well-formed and distinct entry ids, the total
//! payload); any failure there refuses the whole call. Then each entry runs
//! through the single-message action, and its outcome lands in `Successful`
//! or, with the error the single call would have given, in `Failed`.

use super::message_attributes::{self, AttributesInput};
use super::messages::{
    self, ChangeMessageVisibilityRequest, DeleteMessageRequest, SendMessageRequest, Sender,
};
use super::Sqs;
use crate::api::AwsError;
use crate::services::Ctx;
use serde::Deserialize;
use serde_json::{Map, Value};

/// At most this many entries per batch call.
const MAX_ENTRIES: usize = 10;
/// An entry id: 1 to 80 alphanumerics, hyphens and underscores.
const MAX_ENTRY_ID_LEN: usize = 80;
/// The sum of the bodies (and message attributes) of a SendMessageBatch. AWS
/// applies this fixed service limit, not the queue's MaximumMessageSize.
const MAX_BATCH_PAYLOAD: usize = 1_048_576;

const NS: &str = "com.amazonaws.sqs";

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct SendMessageBatchRequest<'a> {
    queue_url: &'a str,
    entries: Vec<SendMessageBatchRequestEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct SendMessageBatchRequestEntry {
    id: String,
    message_body: String,
    delay_seconds: Option<i64>,
    message_attributes: Option<AttributesInput>,
    message_system_attributes: Option<AttributesInput>,
    message_deduplication_id: Option<String>,
    message_group_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct DeleteMessageBatchRequest<'a> {
    queue_url: &'a str,
    entries: Vec<DeleteMessageBatchRequestEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct DeleteMessageBatchRequestEntry {
    id: String,
    receipt_handle: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ChangeMessageVisibilityBatchRequest<'a> {
    queue_url: &'a str,
    entries: Vec<ChangeMessageVisibilityBatchRequestEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ChangeMessageVisibilityBatchRequestEntry {
    id: String,
    receipt_handle: String,
    /// Optional in the batch entry's model, unlike in ChangeMessageVisibility.
    visibility_timeout: Option<i64>,
}

pub fn send_message_batch(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: SendMessageBatchRequest,
) -> Result<Value, AwsError> {
    let queue_id = sqs.queue_id(ctx, req.queue_url)?;
    check_entries(
        "SendMessageBatchRequestEntry",
        req.entries.iter().map(|e| e.id.as_str()),
    )?;
    if let Some(fifo) = &sqs.queues[&queue_id].attributes.fifo {
        check_fifo_entries(&req.entries, fifo.content_based_deduplication)?;
    }
    let payload: usize = req
        .entries
        .iter()
        .map(|e| e.message_body.len() + message_attributes::size(e.message_attributes.as_ref()))
        .sum();
    if payload > MAX_BATCH_PAYLOAD {
        return Err(batch_request_too_long(MAX_BATCH_PAYLOAD, payload));
    }
    let mut outcome = Outcome::default();
    for entry in req.entries {
        let single = SendMessageRequest {
            queue_url: req.queue_url,
            message_body: entry.message_body,
            delay_seconds: entry.delay_seconds,
            message_attributes: entry.message_attributes,
            message_system_attributes: entry.message_system_attributes,
            message_deduplication_id: entry.message_deduplication_id,
            message_group_id: entry.message_group_id,
        };
        // The single response (MessageId, MD5OfMessageBody, ...) is the result entry's shape too.
        outcome.record(
            entry.id,
            messages::send(sqs, ctx, single, Sender::BatchEntry),
        );
    }
    Ok(outcome.into_response())
}

pub fn delete_message_batch(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: DeleteMessageBatchRequest,
) -> Result<Value, AwsError> {
    sqs.queue_id(ctx, req.queue_url)?;
    check_entries(
        "DeleteMessageBatchRequestEntry",
        req.entries.iter().map(|e| e.id.as_str()),
    )?;
    let mut outcome = Outcome::default();
    for entry in req.entries {
        let single = DeleteMessageRequest {
            queue_url: req.queue_url,
            receipt_handle: &entry.receipt_handle,
        };
        let result = messages::delete_message(sqs, ctx, single).map(|_| Value::Object(Map::new()));
        outcome.record(entry.id, result);
    }
    Ok(outcome.into_response())
}

pub fn change_message_visibility_batch(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: ChangeMessageVisibilityBatchRequest,
) -> Result<Value, AwsError> {
    sqs.queue_id(ctx, req.queue_url)?;
    check_entries(
        "ChangeMessageVisibilityBatchRequestEntry",
        req.entries.iter().map(|e| e.id.as_str()),
    )?;
    let mut outcome = Outcome::default();
    for entry in req.entries {
        let result = match entry.visibility_timeout {
            // The single action requires VisibilityTimeout; an entry without one changes nothing.
            None => Err(super::errors::missing_parameter("VisibilityTimeout")),
            Some(visibility_timeout) => {
                let single = ChangeMessageVisibilityRequest {
                    queue_url: req.queue_url,
                    receipt_handle: &entry.receipt_handle,
                    visibility_timeout,
                };
                messages::change_message_visibility(sqs, ctx, single)
                    .map(|_| Value::Object(Map::new()))
            }
        };
        outcome.record(entry.id, result);
    }
    Ok(outcome.into_response())
}

/// The request-level rules, in AWS's order: at least one entry, at most ten,
/// then each id in turn must be well formed and not seen before.
fn check_entries<'a>(
    entry_type: &str,
    ids: impl ExactSizeIterator<Item = &'a str>,
) -> Result<(), AwsError> {
    match ids.len() {
        0 => return Err(empty_batch_request(entry_type)),
        n if n > MAX_ENTRIES => return Err(too_many_entries_in_batch_request(MAX_ENTRIES, n)),
        _ => {}
    }
    let mut seen: Vec<&str> = Vec::with_capacity(MAX_ENTRIES);
    for id in ids {
        let well_formed = (1..=MAX_ENTRY_ID_LEN).contains(&id.len())
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !well_formed {
            return Err(invalid_batch_entry_id());
        }
        if seen.contains(&id) {
            return Err(batch_entry_ids_not_distinct(id));
        }
        seen.push(id);
    }
    Ok(())
}

/// A FIFO SendMessageBatch in which an entry has no MessageGroupId, or no
/// deduplication id where the queue derives none, is refused as a whole (a
/// single SendMessage would fail only itself).
fn check_fifo_entries(
    entries: &[SendMessageBatchRequestEntry],
    content_based_deduplication: bool,
) -> Result<(), AwsError> {
    if entries.iter().any(|e| e.message_group_id.is_none()) {
        return Err(super::errors::invalid_parameter_value(
            "The request must contain the parameter MessageGroupId.",
        ));
    }
    if !content_based_deduplication && entries.iter().any(|e| e.message_deduplication_id.is_none())
    {
        return Err(super::errors::invalid_parameter_value(
            "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
        ));
    }
    Ok(())
}

/// The `Successful` and `Failed` lists of a batch response, in entry order.
#[derive(Default)]
struct Outcome {
    successful: Vec<Value>,
    failed: Vec<Value>,
}

impl Outcome {
    /// Files one entry's result; a success keeps the fields of the single response after its `Id`.
    fn record(&mut self, id: String, result: Result<Value, AwsError>) {
        match result {
            Ok(response) => {
                let mut entry = Map::new();
                entry.insert("Id".into(), Value::String(id));
                if let Value::Object(fields) = response {
                    entry.extend(fields);
                }
                self.successful.push(Value::Object(entry));
            }
            Err(error) => {
                let mut entry = Map::new();
                entry.insert("Id".into(), Value::String(id));
                entry.insert("SenderFault".into(), Value::Bool(error.sender_fault));
                entry.insert("Code".into(), Value::String(error.code));
                entry.insert("Message".into(), Value::String(error.message));
                self.failed.push(Value::Object(entry));
            }
        }
    }

    /// AWS leaves an empty list out of the response rather than sending `[]`.
    fn into_response(self) -> Value {
        let mut response = Map::new();
        if !self.successful.is_empty() {
            response.insert("Successful".into(), Value::Array(self.successful));
        }
        if !self.failed.is_empty() {
            response.insert("Failed".into(), Value::Array(self.failed));
        }
        Value::Object(response)
    }
}

fn batch_error(type_name: &str, message: impl Into<String>) -> AwsError {
    AwsError::query_compatible(
        NS,
        type_name,
        &format!("AWS.SimpleQueueService.{type_name}"),
        400,
        message,
    )
}

/// `entry_type` names the entry shape, e.g. `SendMessageBatchRequestEntry`.
fn empty_batch_request(entry_type: &str) -> AwsError {
    batch_error(
        "EmptyBatchRequest",
        format!("There should be at least one {entry_type} in the request."),
    )
}

fn too_many_entries_in_batch_request(limit: usize, sent: usize) -> AwsError {
    batch_error(
        "TooManyEntriesInBatchRequest",
        format!("Maximum number of entries per request are {limit}. You have sent {sent}."),
    )
}

fn batch_entry_ids_not_distinct(id: &str) -> AwsError {
    batch_error("BatchEntryIdsNotDistinct", format!("Id {id} repeated."))
}

fn invalid_batch_entry_id() -> AwsError {
    batch_error(
        "InvalidBatchEntryId",
        "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
    )
}

fn batch_request_too_long(limit: usize, sent: usize) -> AwsError {
    batch_error(
        "BatchRequestTooLong",
        format!("Batch requests cannot be longer than {limit} bytes. You have sent {sent} bytes."),
    )
}
