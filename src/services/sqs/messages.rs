//! SQS message actions: SendMessage, DeleteMessage and ChangeMessageVisibility,
//! with the visibility timeout kept in virtual time (ReceiveMessage is in `receive`).

use super::errors::{self, invalid_value};
use super::events::SqsEvent;
use super::message_attributes;
use super::model::*;
use super::receipt::{self, Receipt};
use super::shapes::{
    ChangeMessageVisibilityRequest, DeleteMessageRequest, Empty, MessageAttributeValue,
    SendMessageRequest, SendMessageResult,
};
use super::wire::{self, Body, Md5};
use super::{fifo, Sqs, SqsTimer};
use crate::api::AwsError;
use crate::services::{Ctx, Timer};
use crate::sim::{TimerClass, SECOND};
use std::collections::BTreeMap;
use std::rc::Rc;

/// One message to send, as SendMessage and a SendMessageBatch entry both carry it.
pub(super) struct Outgoing<'r> {
    pub body: &'r str,
    pub delay_seconds: Option<i64>,
    pub attributes: Option<&'r BTreeMap<String, MessageAttributeValue>>,
    pub system_attributes: Option<&'r BTreeMap<String, MessageAttributeValue>>,
    pub deduplication_id: Option<&'r str>,
    pub group_id: Option<&'r str>,
}

impl<'r> Outgoing<'r> {
    fn of(req: &'r SendMessageRequest) -> Self {
        Outgoing {
            body: &req.message_body,
            delay_seconds: req.delay_seconds,
            attributes: req.message_attributes.as_ref(),
            system_attributes: req.message_system_attributes.as_ref(),
            deduplication_id: req.message_deduplication_id.as_deref(),
            group_id: req.message_group_id.as_deref(),
        }
    }
}

/// SQS accepts only these characters in a body: #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.
fn check_body_characters(body: &str) -> Result<(), AwsError> {
    match body.chars().find(|&c| !matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')) {
        None => Ok(()),
        Some(c) => Err(errors::invalid_message_contents(format!(
            "Invalid binary character '#x{:X}' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].",
            c as u32
        ))),
    }
}

pub(super) fn check_visibility_timeout(value: i64) -> Result<u32, AwsError> {
    if (0..=MAX_VISIBILITY_TIMEOUT as i64).contains(&value) {
        Ok(value as u32)
    } else {
        Err(invalid_value(
            "VisibilityTimeout",
            value,
            "Must be >= 0 and <= 43200, if provided.",
        ))
    }
}

impl Sqs {
    /// SendMessage.
    pub fn send_message(
        &mut self,
        ctx: &mut Ctx,
        req: &SendMessageRequest,
    ) -> Result<SendMessageResult, AwsError> {
        self.count_call(ctx, "SendMessage", &req.queue_url)?;
        let id = self.queue_id(ctx, &req.queue_url)?;
        send(self, ctx, id, &Outgoing::of(req), Sender::SendMessage)
    }

    /// DeleteMessage.
    pub fn delete_message(
        &mut self,
        ctx: &mut Ctx,
        req: &DeleteMessageRequest,
    ) -> Result<Empty, AwsError> {
        self.count_call(ctx, "DeleteMessage", &req.queue_url)?;
        let id = self.queue_id(ctx, &req.queue_url)?;
        delete(self, ctx, id, &req.receipt_handle)?;
        Ok(Empty {})
    }

    /// ChangeMessageVisibility.
    pub fn change_message_visibility(
        &mut self,
        ctx: &mut Ctx,
        req: &ChangeMessageVisibilityRequest,
    ) -> Result<Empty, AwsError> {
        let id = self.queue_id(ctx, &req.queue_url)?;
        change_visibility(self, ctx, id, &req.receipt_handle, req.visibility_timeout)?;
        Ok(Empty {})
    }
}

/// Which action a send is part of: AWS words a few refusals differently in a batch entry.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Sender {
    SendMessage,
    BatchEntry,
}

/// Sends one message to the queue `id` (already resolved).
pub(super) fn send(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    id: u32,
    req: &Outgoing,
    sender: Sender,
) -> Result<SendMessageResult, AwsError> {
    // A per-message delay overrides the queue's DelaySeconds.
    let delay = match req.delay_seconds {
        None => None,
        Some(d) if (0..=MAX_DELAY as i64).contains(&d) => Some(d as u32),
        Some(d) => {
            return Err(invalid_value(
                "DelaySeconds",
                d,
                "DelaySeconds must be >= 0 and <= 900.",
            ))
        }
    };
    // Attribute names, data types and values count toward the message size; system attributes do not.
    let attributes_size = message_attributes::size(req.attributes);
    let attributes = message_attributes::parse(req.attributes)?;
    let aws_trace_header = message_attributes::parse_system(req.system_attributes)?;
    let body = req.body;
    if body.is_empty() {
        return Err(errors::missing_parameter("MessageBody"));
    }
    let queue = sqs.queue_mut(id)?;
    let fifo = fifo_identity(queue, req.deduplication_id, req.group_id, delay, body)?;
    let limit = queue.attributes.maximum_message_size as usize;
    if body.len() + attributes_size > limit {
        let verdict = match sender {
            Sender::SendMessage => "are invalid",
            Sender::BatchEntry => "cannot be validated",
        };
        return Err(errors::invalid_parameter_value(format!(
            "One or more parameters {verdict}. Reason: Message must be shorter than {limit} bytes."
        )));
    }
    check_body_characters(body)?;
    let message_id = wire::message_id(ctx.rng);
    let body = Body::new(body);
    // AWS answers these digests only when the attributes were sent.
    let mut result = SendMessageResult {
        md5_of_message_body: Some(Md5::of_body(body.clone())),
        md5_of_message_attributes: (!attributes.is_empty()).then(|| {
            message_attributes::md5_of(attributes.iter().map(|(name, a)| (name.as_str(), a)))
        }),
        md5_of_message_system_attributes: aws_trace_header
            .as_deref()
            .map(message_attributes::md5_of_trace_header),
        message_id: None,
        sequence_number: None,
    };
    // FIFO: a deduplication id sent within the last 5 minutes makes this send a duplicate.
    let (group_id, deduplication_id) = match fifo {
        Some((group, dedup)) => (Some(group), Some(dedup)),
        None => (req.group_id.map(Rc::from), None),
    };
    let mut sequence_number = None;
    if let (Some(group), Some(dedup)) = (&group_id, &deduplication_id) {
        match queue.fifo_send(ctx.now, group, dedup, &message_id) {
            fifo::SendOutcome::New { sequence_number: n } => sequence_number = Some(n),
            fifo::SendOutcome::Duplicate {
                message_id,
                sequence_number,
            } => {
                ctx.emit(SqsEvent::MessageDeduplicated {
                    queue: queue.name.clone(),
                    message_id: message_id.clone(),
                    deduplication_id: dedup.clone(),
                });
                result.message_id = Some(message_id);
                result.sequence_number = Some(sequence_number.to_string());
                return Ok(result);
            }
        }
    }
    let seq = queue.next_seq;
    queue.next_seq += 1;
    let message = Box::new(Message {
        seq,
        message_id: message_id.clone(),
        body,
        sent_timestamp: ctx.now,
        expires_at: ctx.now + queue.attributes.message_retention_period as u64 * SECOND,
        first_receive_timestamp: None,
        received_at: None,
        receive_count: 0,
        receipt: None,
        state: MessageState::Visible,
        message_attributes: attributes,
        aws_trace_header,
        dead_letter_queue_source_arn: None,
        group_id: group_id.clone(),
        deduplication_id,
        sequence_number,
        enqueued_at: ctx.now,
    });
    // A per-message delay overrides the queue's; a FIFO queue only has the queue's.
    let delay = match delay {
        Some(d) if !queue.is_fifo() => d,
        _ => queue.attributes.delay_seconds,
    };
    queue.enqueue(ctx, message, delay);
    ctx.emit(SqsEvent::MessageSent {
        queue: queue.name.clone(),
        message_id: message_id.clone(),
        delay_seconds: delay,
        message_group_id: group_id,
    });
    result.message_id = Some(message_id);
    result.sequence_number = sequence_number.map(|n| n.to_string());
    Ok(result)
}

/// A FIFO message's MessageGroupId and MessageDeduplicationId.
type GroupAndDeduplicationId = (Rc<str>, Rc<str>);

/// The group and deduplication id of a send to a FIFO queue (None for a standard queue),
/// checked as AWS checks them; a standard queue refuses a deduplication id.
fn fifo_identity(
    queue: &Queue,
    deduplication_id: Option<&str>,
    group_id: Option<&str>,
    delay: Option<u32>,
    body: &str,
) -> Result<Option<GroupAndDeduplicationId>, AwsError> {
    let Some(attrs) = &queue.attributes.fifo else {
        if let Some(dedup) = deduplication_id {
            return Err(invalid_value(
                "MessageDeduplicationId",
                dedup,
                "The request include parameter that is not valid for this queue type.",
            ));
        }
        // A group id on a standard queue makes it a fair queue: the id is kept and returned.
        if let Some(group) = group_id {
            fifo::check_id("MessageGroupId", group)?;
        }
        return Ok(None);
    };
    // FIFO queues have no per-message delay; a DelaySeconds of 0 asks for none and is accepted.
    if let Some(d) = delay.filter(|&d| d != 0) {
        return Err(invalid_value(
            "DelaySeconds",
            d,
            "The request include parameter that is not valid for this queue type.",
        ));
    }
    let group = group_id.ok_or_else(|| errors::missing_parameter("MessageGroupId"))?;
    fifo::check_id("MessageGroupId", group)?;
    let dedup = match deduplication_id {
        Some(d) => {
            fifo::check_id("MessageDeduplicationId", d)?;
            d.to_owned()
        }
        None if attrs.content_based_deduplication => fifo::content_deduplication_id(body),
        None => {
            return Err(errors::invalid_parameter_value(
                "The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly",
            ))
        }
    };
    Ok(Some((group.into(), dedup.into())))
}

/// The message a receipt handle names in this queue, or ReceiptHandleIsInvalid.
fn resolve(queue_id: u32, handle: &str) -> Result<Receipt, AwsError> {
    match receipt::decode(handle) {
        Some(r) if r.queue_id == queue_id => Ok(r),
        _ => Err(errors::receipt_handle_is_invalid(handle)),
    }
}

/// Deletes the message `handle` names from the queue `id` (already resolved).
pub(super) fn delete(sqs: &mut Sqs, ctx: &mut Ctx, id: u32, handle: &str) -> Result<(), AwsError> {
    let r = resolve(id, handle)?;
    let behaviour = sqs.behaviour;
    let queue = sqs.queue_mut(id)?;
    let Some(message) = queue.messages.get(&r.seq) else {
        // Deleting a message that is already gone succeeds, as in AWS.
        return Ok(());
    };
    let current = message.receipt == Some(r);
    if queue.is_fifo() && !(current && matches!(message.state, MessageState::InFlight { .. })) {
        // FIFO: a handle whose visibility timeout has ended (the message may have been, or
        // may be, received again by someone else) no longer deletes anything.
        return Err(invalid_value(
            "ReceiptHandle",
            handle,
            "The receipt handle has expired.",
        ));
    }
    if !current {
        // A handle from an earlier receive: the request succeeds but the message is not deleted.
        let (queue_name, message_id) = (queue.name.clone(), message.message_id.clone());
        ctx.emit(SqsEvent::StaleReceiptHandleIgnored {
            queue: queue_name,
            message_id,
        });
        return Ok(());
    }
    if !queue.is_fifo() && behaviour.delete_misses_a_copy(ctx.rng) {
        // A server holding a copy missed the delete: the message stays in flight and comes back.
        let (queue_name, message_id) = (queue.name.clone(), message.message_id.clone());
        ctx.emit(SqsEvent::DeleteMissedACopy {
            queue: queue_name,
            message_id,
        });
        return Ok(());
    }
    if let Some(message) = queue.remove(ctx, r.seq) {
        ctx.emit(SqsEvent::MessageDeleted {
            queue: queue.name.clone(),
            message_id: message.message_id,
        });
    }
    Ok(())
}

/// Changes the visibility timeout of the message `handle` names in the queue `id` (already resolved).
pub(super) fn change_visibility(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    id: u32,
    handle: &str,
    visibility_timeout: i64,
) -> Result<(), AwsError> {
    let r = resolve(id, handle)?;
    let timeout = check_visibility_timeout(visibility_timeout)?;
    let queue = sqs.queue_mut(id)?;
    let is_fifo = queue.is_fifo();
    let Some(message) = queue.messages.get_mut(&r.seq) else {
        return Err(errors::not_available_for_visibility_change(handle));
    };
    // A standard queue also takes a handle from an earlier receive of the message and
    // changes the message's visibility; a FIFO queue only takes the latest one.
    let earlier_receive = r.receive_gen < message.receive_count && !is_fifo;
    if message.receipt != Some(r) && !earlier_receive {
        return Err(errors::not_available_for_visibility_change(handle));
    }
    let receive_gen = message.receive_count;
    // The latest handle of a message whose visibility timeout already ran out: AWS answers 200 and changes nothing.
    let MessageState::InFlight { timer, .. } = message.state else {
        return Ok(());
    };
    // The visibility timeout of a message can never reach past 12 hours from the receive that started it.
    let received_at = message.received_at.unwrap_or(ctx.now);
    let elapsed = (ctx.now - received_at) / SECOND;
    if elapsed + timeout as u64 > MAX_VISIBILITY_TIMEOUT as u64 {
        return Err(invalid_value(
            "VisibilityTimeout",
            timeout,
            "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]",
        ));
    }
    ctx.timers.cancel(timer);
    let until = ctx.now + timeout as u64 * SECOND;
    let message_id = message.message_id.clone();
    if timeout == 0 {
        queue.set_visible(r.seq);
    } else {
        let timer = ctx.schedule(
            until,
            TimerClass::Pending,
            Timer::Sqs(SqsTimer::VisibilityTimeout {
                queue_id: id,
                seq: r.seq,
                receive_gen,
            }),
        );
        queue.set_in_flight(r.seq, until, timer);
    }
    let queue_name = queue.name.clone();
    ctx.emit(SqsEvent::VisibilityChanged {
        queue: queue_name,
        message_id,
        visible_at: until,
    });
    Ok(())
}
