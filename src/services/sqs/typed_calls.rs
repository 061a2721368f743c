//! The typed requests other services hand SQS directly (`Payload::Typed`): a
//! delivery's SendMessage, a consumer's ReceiveMessage, DeleteMessage and
//! DeleteMessageBatch. They run the same typed core the JSON edges run, are
//! answered typed (`Outcome::DoneTyped`) and billed from the typed request and
//! answer, so a message that goes from one service to another never becomes JSON.

use super::message_attributes;
use super::shapes::{
    DeleteMessageBatchRequest, DeleteMessageRequest, ReceiveMessageRequest, ReceiveMessageResult,
    SendMessageBatchRequest, SendMessageRequest,
};
use super::Sqs;
use crate::api::AwsError;
use crate::kernel::{Ctx, TypedAnswer};
use std::any::Any;

/// The QueueUrl of a typed request SQS takes (None for anything else).
pub fn typed_queue_url(typed: &dyn Any) -> Option<&str> {
    if let Some(r) = typed.downcast_ref::<SendMessageRequest>() {
        return Some(&r.queue_url);
    }
    if let Some(r) = typed.downcast_ref::<ReceiveMessageRequest>() {
        return Some(&r.queue_url);
    }
    if let Some(r) = typed.downcast_ref::<DeleteMessageRequest>() {
        return Some(&r.queue_url);
    }
    if let Some(r) = typed.downcast_ref::<DeleteMessageBatchRequest>() {
        return Some(&r.queue_url);
    }
    if let Some(r) = typed.downcast_ref::<SendMessageBatchRequest>() {
        return Some(&r.queue_url);
    }
    None
}

/// Runs `run` on the typed request `typed` when it is a `T`.
fn answer<T: Any, R: TypedAnswer>(
    typed: &dyn Any,
    operation: &str,
    run: impl FnOnce(&T) -> Result<R, AwsError>,
) -> Result<Box<dyn TypedAnswer>, AwsError> {
    match typed.downcast_ref::<T>() {
        Some(req) => run(req).map(|r| Box::new(r) as Box<dyn TypedAnswer>),
        None => Err(AwsError::new(
            "",
            "ServiceException",
            500,
            format!(
                "sqs:{operation} was handed a typed request of another action (a Stratus fault)"
            ),
        )),
    }
}

impl Sqs {
    /// One typed action; the actions no other service sends typed are UnknownOperation.
    pub fn call_typed(
        &mut self,
        ctx: &mut Ctx,
        operation: &str,
        typed: &dyn Any,
    ) -> Result<Box<dyn TypedAnswer>, AwsError> {
        match operation {
            "SendMessage" => answer(typed, operation, |r| self.send_message(ctx, r)),
            "SendMessageBatch" => answer(typed, operation, |r| self.send_message_batch(ctx, r)),
            "ReceiveMessage" => answer(typed, operation, |r| self.receive_message(ctx, r)),
            "DeleteMessage" => answer(typed, operation, |r| self.delete_message(ctx, r)),
            "DeleteMessageBatch" => answer(typed, operation, |r| self.delete_message_batch(ctx, r)),
            _ => Err(AwsError::unknown_operation(&format!("sqs:{operation}"))),
        }
    }

    /// Bills a typed request: its messages' payload (body and attributes), in 64 KiB chunks.
    /// A long poll that ended empty is answered as JSON (`{}`) by the router: an empty receive.
    pub(super) fn bill_typed_call(&mut self, operation: &str, input: &dyn Any, output: &dyn Any) {
        let Some(url) = typed_queue_url(input) else {
            return;
        };
        let payload = match operation {
            "SendMessage" => input.downcast_ref::<SendMessageRequest>().map_or(0, |r| {
                r.message_body.len() + message_attributes::size(r.message_attributes.as_ref())
            }),
            "SendMessageBatch" => input
                .downcast_ref::<SendMessageBatchRequest>()
                .map_or(0, |r| {
                    r.entries
                        .iter()
                        .map(|e| {
                            e.message_body.len()
                                + message_attributes::size(e.message_attributes.as_ref())
                        })
                        .sum()
                }),
            "ReceiveMessage" => {
                let messages = output
                    .downcast_ref::<ReceiveMessageResult>()
                    .and_then(|r| r.messages.as_deref())
                    .unwrap_or_default();
                if messages.is_empty() {
                    self.usage.empty_receives += 1;
                }
                messages
                    .iter()
                    .map(|m| {
                        m.body.as_ref().map_or(0, |b| b.len())
                            + message_attributes::size(m.message_attributes.as_ref())
                    })
                    .sum()
            }
            _ => 0,
        };
        self.usage.record_payload(url, payload as u64);
    }
}
