//! SQS batch actions: SendMessageBatch, DeleteMessageBatch and
//! ChangeMessageVisibilityBatch. The request as a whole is checked first (the
//! queue, 1 to 10 entries, well-formed and distinct entry ids, the total
//! payload); any failure there refuses the whole call. Then each entry runs
//! through the single-message action, and its outcome lands in `Successful`
//! or, with the error the single call would have given, in `Failed`.

use super::message_attributes;
use super::messages::{self, Outgoing, Sender};
use super::shapes::{
    BatchResultErrorEntry, ChangeMessageVisibilityBatchRequest, ChangeMessageVisibilityBatchResult,
    ChangeMessageVisibilityBatchResultEntry, DeleteMessageBatchRequest, DeleteMessageBatchResult,
    DeleteMessageBatchResultEntry, SendMessageBatchRequest, SendMessageBatchRequestEntry,
    SendMessageBatchResult, SendMessageBatchResultEntry,
};
use super::Sqs;
use crate::api::AwsError;
use crate::services::Ctx;

/// At most this many entries per batch call.
const MAX_ENTRIES: usize = 10;
/// An entry id: 1 to 80 alphanumerics, hyphens and underscores.
const MAX_ENTRY_ID_LEN: usize = 80;
/// The sum of the bodies (and message attributes) of a SendMessageBatch. AWS
/// applies this fixed service limit, not the queue's MaximumMessageSize.
const MAX_BATCH_PAYLOAD: usize = 1_048_576;

const NS: &str = "com.amazonaws.sqs";

impl Sqs {
    /// SendMessageBatch.
    pub fn send_message_batch(
        &mut self,
        ctx: &mut Ctx,
        req: &SendMessageBatchRequest,
    ) -> Result<SendMessageBatchResult, AwsError> {
        self.count_call(ctx, "SendMessageBatch", &req.queue_url)?;
        let queue_id = self.queue_id(ctx, &req.queue_url)?;
        check_entries(
            "SendMessageBatchRequestEntry",
            req.entries.iter().map(|e| &*e.id),
        )?;
        if let Some(fifo) = &self.queues[&queue_id].attributes.fifo {
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
        let mut out = SendMessageBatchResult::default();
        for entry in &req.entries {
            let single = Outgoing {
                body: &entry.message_body,
                delay_seconds: entry.delay_seconds,
                attributes: entry.message_attributes.as_ref(),
                system_attributes: entry.message_system_attributes.as_ref(),
                deduplication_id: entry.message_deduplication_id.as_deref(),
                group_id: entry.message_group_id.as_deref(),
            };
            // The single response (MessageId, MD5OfMessageBody, ...) is the result entry's shape too.
            match messages::send(self, ctx, queue_id, &single, Sender::BatchEntry) {
                Ok(sent) => out.successful.push(SendMessageBatchResultEntry {
                    id: entry.id.to_string(),
                    md5_of_message_attributes: sent.md5_of_message_attributes,
                    md5_of_message_body: sent.md5_of_message_body.unwrap_or_default(),
                    md5_of_message_system_attributes: sent.md5_of_message_system_attributes,
                    message_id: sent.message_id.unwrap_or_default(),
                    sequence_number: sent.sequence_number,
                }),
                Err(error) => out.failed.push(failed(&entry.id, error)),
            }
        }
        Ok(out)
    }

    /// DeleteMessageBatch.
    pub fn delete_message_batch(
        &mut self,
        ctx: &mut Ctx,
        req: &DeleteMessageBatchRequest,
    ) -> Result<DeleteMessageBatchResult, AwsError> {
        self.count_call(ctx, "DeleteMessageBatch", &req.queue_url)?;
        let queue_id = self.queue_id(ctx, &req.queue_url)?;
        check_entries(
            "DeleteMessageBatchRequestEntry",
            req.entries.iter().map(|e| &*e.id),
        )?;
        let mut out = DeleteMessageBatchResult::default();
        for entry in &req.entries {
            match messages::delete(self, ctx, queue_id, &entry.receipt_handle) {
                Ok(()) => out.successful.push(DeleteMessageBatchResultEntry {
                    id: entry.id.to_string(),
                }),
                Err(error) => out.failed.push(failed(&entry.id, error)),
            }
        }
        Ok(out)
    }

    /// ChangeMessageVisibilityBatch.
    pub fn change_message_visibility_batch(
        &mut self,
        ctx: &mut Ctx,
        req: &ChangeMessageVisibilityBatchRequest,
    ) -> Result<ChangeMessageVisibilityBatchResult, AwsError> {
        let queue_id = self.queue_id(ctx, &req.queue_url)?;
        check_entries(
            "ChangeMessageVisibilityBatchRequestEntry",
            req.entries.iter().map(|e| &*e.id),
        )?;
        let mut out = ChangeMessageVisibilityBatchResult::default();
        for entry in &req.entries {
            let result = match entry.visibility_timeout {
                // The single action requires VisibilityTimeout; an entry without one changes nothing.
                None => Err(super::errors::missing_parameter("VisibilityTimeout")),
                Some(timeout) => {
                    messages::change_visibility(self, ctx, queue_id, &entry.receipt_handle, timeout)
                }
            };
            match result {
                Ok(()) => out
                    .successful
                    .push(ChangeMessageVisibilityBatchResultEntry {
                        id: entry.id.to_string(),
                    }),
                Err(error) => out.failed.push(failed(&entry.id, error)),
            }
        }
        Ok(out)
    }
}

/// A failed entry of a batch response: the error the single call would have given.
fn failed(id: &str, error: AwsError) -> BatchResultErrorEntry {
    BatchResultErrorEntry {
        id: id.to_string(),
        sender_fault: error.sender_fault,
        code: error.code,
        message: Some(error.message),
    }
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
    entries: &[SendMessageBatchRequestEntry<'_>],
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
