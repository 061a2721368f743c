//! SQS message actions: SendMessage, DeleteMessage and ChangeMessageVisibility,
//! with the visibility timeout kept in virtual time (ReceiveMessage is in `receive`).

use super::errors::{self, invalid_value};
use super::message_attributes::{self, AttributesInput};
use super::model::*;
use super::receipt::{self, Receipt};
use super::{fifo, Sqs, SqsTimer};
use crate::api::AwsError;
use crate::services::{Ctx, Timer};
use crate::sim::{TimerClass, TraceKind, SECOND};
use md5::{Digest, Md5};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::rc::Rc;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct SendMessageRequest<'a> {
    pub(super) queue_url: &'a str,
    pub(super) message_body: String,
    pub(super) delay_seconds: Option<i64>,
    pub(super) message_attributes: Option<AttributesInput>,
    pub(super) message_system_attributes: Option<AttributesInput>,
    pub(super) message_deduplication_id: Option<String>,
    pub(super) message_group_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct DeleteMessageRequest<'a> {
    pub(super) queue_url: &'a str,
    pub(super) receipt_handle: &'a str,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ChangeMessageVisibilityRequest<'a> {
    pub(super) queue_url: &'a str,
    pub(super) receipt_handle: &'a str,
    pub(super) visibility_timeout: i64,
}

/// The hex MD5 digest of the body's UTF-8 bytes, as MD5OfMessageBody and MD5OfBody carry it.
pub fn md5_hex(text: &str) -> String {
    let digest = Md5::digest(text.as_bytes());
    let mut out = String::with_capacity(32);
    for byte in digest {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        out.push(HEX[(byte >> 4) as usize] as char);
        out.push(HEX[(byte & 15) as usize] as char);
    }
    out
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

pub fn send_message(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: SendMessageRequest,
) -> Result<Value, AwsError> {
    send(sqs, ctx, req, Sender::SendMessage)
}

/// Which action a send is part of: AWS words a few refusals differently in a batch entry.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Sender {
    SendMessage,
    BatchEntry,
}

pub(super) fn send(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: SendMessageRequest,
    sender: Sender,
) -> Result<Value, AwsError> {
    let id = sqs.queue_id(ctx, req.queue_url)?;
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
    let attributes_size = message_attributes::size(req.message_attributes.as_ref());
    let attributes = message_attributes::parse(req.message_attributes)?;
    let aws_trace_header = message_attributes::parse_system(req.message_system_attributes)?;
    let body = req.message_body;
    if body.is_empty() {
        return Err(errors::missing_parameter("MessageBody"));
    }
    let queue = sqs.queue_mut(id);
    let fifo = fifo_identity(
        queue,
        &req.message_deduplication_id,
        &req.message_group_id,
        delay,
        &body,
    )?;
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
    check_body_characters(&body)?;
    let message_id: Rc<str> = ctx.rng.uuid().into();
    // AWS answers these digests only when the attributes were sent.
    let digests = SendDigests {
        body: md5_hex(&body),
        attributes: (!attributes.is_empty()).then(|| {
            message_attributes::md5_of(attributes.iter().map(|(name, a)| (name.as_str(), a)))
        }),
        system_attributes: aws_trace_header
            .as_deref()
            .map(message_attributes::md5_of_trace_header),
    };
    // FIFO: a deduplication id sent within the last 5 minutes makes this send a duplicate.
    let (group_id, deduplication_id) = match fifo {
        Some((group, dedup)) => (Some(group), Some(dedup)),
        None => (req.message_group_id.map(Rc::from), None),
    };
    let mut sequence_number = None;
    if let (Some(group), Some(dedup)) = (&group_id, &deduplication_id) {
        match queue.fifo_send(ctx.now, group, dedup, &message_id) {
            fifo::SendOutcome::New { sequence_number: n } => sequence_number = Some(n),
            fifo::SendOutcome::Duplicate {
                message_id,
                sequence_number,
            } => {
                ctx.emit(TraceKind::MessageDeduplicated {
                    queue: queue.name.clone(),
                    message_id: message_id.clone(),
                    deduplication_id: dedup.clone(),
                });
                return Ok(digests.response(&message_id, Some(sequence_number)));
            }
        }
    }
    let seq = queue.next_seq;
    queue.next_seq += 1;
    let message = Message {
        seq,
        message_id: message_id.clone(),
        body,
        md5_of_body: digests.body.clone(),
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
    };
    // A per-message delay overrides the queue's; a FIFO queue only has the queue's.
    let delay = match delay {
        Some(d) if !queue.is_fifo() => d,
        _ => queue.attributes.delay_seconds,
    };
    queue.enqueue(ctx, message, delay);
    ctx.emit(TraceKind::MessageSent {
        queue: queue.name.clone(),
        message_id: message_id.clone(),
        delay_seconds: delay,
        message_group_id: group_id,
    });
    Ok(digests.response(&message_id, sequence_number))
}

/// The MD5 digests a SendMessage answers with (of the attributes only when some were sent).
struct SendDigests {
    body: String,
    attributes: Option<String>,
    system_attributes: Option<String>,
}

impl SendDigests {
    fn response(self, message_id: &str, sequence_number: Option<u128>) -> Value {
        let mut response = Map::new();
        if let Some(md5) = self.attributes {
            response.insert("MD5OfMessageAttributes".into(), Value::String(md5));
        }
        response.insert("MD5OfMessageBody".into(), Value::String(self.body));
        if let Some(md5) = self.system_attributes {
            response.insert("MD5OfMessageSystemAttributes".into(), Value::String(md5));
        }
        response.insert("MessageId".into(), Value::from(message_id));
        if let Some(n) = sequence_number {
            response.insert("SequenceNumber".into(), Value::from(n.to_string()));
        }
        Value::Object(response)
    }
}

/// A FIFO message's MessageGroupId and MessageDeduplicationId.
type GroupAndDeduplicationId = (Rc<str>, Rc<str>);

/// The group and deduplication id of a send to a FIFO queue (None for a standard queue),
/// checked as AWS checks them; a standard queue refuses a deduplication id.
fn fifo_identity(
    queue: &Queue,
    deduplication_id: &Option<String>,
    group_id: &Option<String>,
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
    let group = group_id
        .as_deref()
        .ok_or_else(|| errors::missing_parameter("MessageGroupId"))?;
    fifo::check_id("MessageGroupId", group)?;
    let dedup = match deduplication_id {
        Some(d) => {
            fifo::check_id("MessageDeduplicationId", d)?;
            d.clone()
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

pub fn delete_message(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: DeleteMessageRequest,
) -> Result<Value, AwsError> {
    let id = sqs.queue_id(ctx, req.queue_url)?;
    let r = resolve(id, req.receipt_handle)?;
    let behaviour = sqs.behaviour;
    let queue = sqs.queue_mut(id);
    let Some(message) = queue.messages.get(&r.seq) else {
        // Deleting a message that is already gone succeeds, as in AWS.
        return Ok(json!({}));
    };
    let current = message.receipt == Some(r);
    if queue.is_fifo() && !(current && matches!(message.state, MessageState::InFlight { .. })) {
        // FIFO: a handle whose visibility timeout has ended (the message may have been, or
        // may be, received again by someone else) no longer deletes anything.
        return Err(invalid_value(
            "ReceiptHandle",
            req.receipt_handle,
            "The receipt handle has expired.",
        ));
    }
    if !current {
        // A handle from an earlier receive: the request succeeds but the message is not deleted.
        let (queue_name, message_id) = (queue.name.clone(), message.message_id.clone());
        ctx.emit(TraceKind::StaleReceiptHandleIgnored {
            queue: queue_name,
            message_id,
        });
        return Ok(json!({}));
    }
    if !queue.is_fifo() && behaviour.delete_misses_a_copy(ctx.rng) {
        // A server holding a copy missed the delete: the message stays in flight and comes back.
        let (queue_name, message_id) = (queue.name.clone(), message.message_id.clone());
        ctx.emit(TraceKind::DeleteMissedACopy {
            queue: queue_name,
            message_id,
        });
        return Ok(json!({}));
    }
    let message = queue.remove(ctx, r.seq).expect("checked above");
    ctx.emit(TraceKind::MessageDeleted {
        queue: queue.name.clone(),
        message_id: message.message_id,
    });
    Ok(json!({}))
}

pub fn change_message_visibility(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: ChangeMessageVisibilityRequest,
) -> Result<Value, AwsError> {
    let id = sqs.queue_id(ctx, req.queue_url)?;
    let r = resolve(id, req.receipt_handle)?;
    let timeout = check_visibility_timeout(req.visibility_timeout)?;
    let queue = sqs.queue_mut(id);
    let is_fifo = queue.is_fifo();
    let Some(message) = queue.messages.get_mut(&r.seq) else {
        return Err(errors::not_available_for_visibility_change(
            req.receipt_handle,
        ));
    };
    // A standard queue also takes a handle from an earlier receive of the message and
    // changes the message's visibility; a FIFO queue only takes the latest one.
    let earlier_receive = r.receive_gen < message.receive_count && !is_fifo;
    if message.receipt != Some(r) && !earlier_receive {
        return Err(errors::not_available_for_visibility_change(
            req.receipt_handle,
        ));
    }
    let receive_gen = message.receive_count;
    // The latest handle of a message whose visibility timeout already ran out: AWS answers 200 and changes nothing.
    let MessageState::InFlight { timer, .. } = message.state else {
        return Ok(json!({}));
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
    ctx.emit(TraceKind::VisibilityChanged {
        queue: queue_name,
        message_id,
        visible_at: until,
    });
    Ok(json!({}))
}
