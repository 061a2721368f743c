//! SQS message actions: SendMessage, ReceiveMessage, DeleteMessage and
//! ChangeMessageVisibility, with the visibility timeout kept in virtual time.

use super::errors::{self, invalid_value};
use super::message_attributes::{self, AttributesInput};
use super::model::*;
use super::receipt::{self, Receipt};
use super::redrive;
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
pub struct ReceiveMessageRequest<'a> {
    queue_url: &'a str,
    attribute_names: Option<Vec<String>>,
    message_system_attribute_names: Option<Vec<String>>,
    message_attribute_names: Option<Vec<String>>,
    max_number_of_messages: Option<i64>,
    visibility_timeout: Option<i64>,
    wait_time_seconds: Option<i64>,
    receive_request_attempt_id: Option<String>,
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

/// System attribute names ReceiveMessage accepts; the last four only ever apply to FIFO queues or traced or moved messages.
const SYSTEM_ATTRIBUTES: &[&str] = &[
    "All",
    "SenderId",
    "SentTimestamp",
    "ApproximateReceiveCount",
    "ApproximateFirstReceiveTimestamp",
    "SequenceNumber",
    "MessageDeduplicationId",
    "MessageGroupId",
    "AWSTraceHeader",
    "DeadLetterQueueSourceArn",
];

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

fn check_visibility_timeout(value: i64) -> Result<u32, AwsError> {
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

pub fn receive_message(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: ReceiveMessageRequest,
) -> Result<Value, AwsError> {
    let id = sqs.queue_id(ctx, req.queue_url)?;
    let max = match req.max_number_of_messages {
        None => 1,
        Some(n) if (1..=10).contains(&n) => n as usize,
        Some(n) => {
            return Err(invalid_value(
                "MaxNumberOfMessages",
                n,
                "Must be between 1 and 10, if provided.",
            ))
        }
    };
    // Where a message received maxReceiveCount times goes instead of being returned.
    let dead_letter = redrive::dead_letter_target(sqs, id);
    let behaviour = sqs.behaviour;
    let queue = sqs.queue_mut(id);
    let timeout = match req.visibility_timeout {
        None => queue.attributes.visibility_timeout,
        Some(v) => check_visibility_timeout(v)?,
    };
    // Long polling: the request's WaitTimeSeconds, else the queue's ReceiveMessageWaitTimeSeconds.
    let wait = match req.wait_time_seconds {
        None => queue.attributes.receive_message_wait_time_seconds,
        Some(w) if (0..=MAX_WAIT_TIME as i64).contains(&w) => w as u32,
        Some(w) => {
            return Err(invalid_value(
                "WaitTimeSeconds",
                w,
                "Must be >= 0 and <= 20, if provided.",
            ))
        }
    };
    let attribute_names = req.message_attribute_names.unwrap_or_default();
    let wanted: Vec<&str> = req
        .attribute_names
        .iter()
        .chain(req.message_system_attribute_names.iter())
        .flatten()
        .map(String::as_str)
        .collect();
    if let Some(bad) = wanted.iter().find(|n| !SYSTEM_ATTRIBUTES.contains(n)) {
        return Err(errors::invalid_attribute_name(format!(
            "Unknown Attribute {bad}."
        )));
    }
    let is_fifo = queue.is_fifo();
    if is_fifo {
        if let Some(attempt_id) = &req.receive_request_attempt_id {
            if let Some(response) = repeat_attempt(queue, ctx, id, attempt_id, timeout) {
                return Ok(response);
            }
        }
    }
    let mut out = Vec::new();
    let mut still_visible = Vec::new();
    let mut moved = Vec::new();
    let mut taken = Vec::new();
    // At the in-flight quota a standard queue refuses the receive (OverLimit); a FIFO queue
    // returns nothing more, without an error. Near it, a receive takes only what still fits.
    let in_flight = queue.approximate_number_of_messages_not_visible();
    if in_flight >= MAX_IN_FLIGHT && !queue.visible.is_empty() && !is_fifo {
        return Err(errors::over_limit_in_flight());
    }
    let room = MAX_IN_FLIGHT - in_flight.min(MAX_IN_FLIGHT);
    let max = if is_fifo {
        max.min(room)
    } else {
        max.min(room).max(1)
    };
    // Sampling, duplicates and reordering are standard-queue behaviours.
    let mut picks = if is_fifo {
        None
    } else {
        behaviour.picks(queue, ctx.rng, wait == 0)
    };
    let visible_before = queue.visible.len();
    // FIFO: the group a receive is filling up from (as many of one group as possible), and every group it took from.
    let mut filling: Option<(Rc<str>, u64)> = None;
    let mut touched_groups: Vec<Rc<str>> = Vec::new();
    while out.len() < max {
        let next = if is_fifo {
            let candidate = queue.next_fifo_candidate(filling.as_ref().map(|(g, s)| (g, *s)));
            if let Some((group, _)) = &candidate {
                if filling.as_ref().is_none_or(|(g, _)| g != group) {
                    touched_groups.push(group.clone());
                }
            }
            filling = candidate;
            filling.as_ref().map(|&(_, seq)| seq)
        } else {
            match &mut picks {
                None => queue.visible.pop_first(),
                Some(picks) => picks.pop_front().inspect(|seq| {
                    queue.visible.remove(seq);
                }),
            }
        };
        let Some(seq) = next else {
            break;
        };
        if redrive::is_past_max_receive_count(dead_letter, queue, seq) {
            moved.extend(queue.remove(ctx, seq));
            continue;
        }
        let Some(message) = queue.messages.get_mut(&seq) else {
            continue;
        };
        message.receive_count += 1;
        message.first_receive_timestamp.get_or_insert(ctx.now);
        message.received_at = Some(ctx.now);
        let (receipt, handle) = receipt::issue(id, seq, message.receive_count, ctx.rng);
        message.receipt = Some(receipt);
        let until = ctx.now + timeout as u64 * SECOND;
        let entry = received_entry(message, handle, ctx, &wanted, &attribute_names);
        out.push(Value::Object(entry));
        taken.push((seq, message.receive_count));
        let (queue_name, message_id, receive_count) = (
            queue.name.clone(),
            message.message_id.clone(),
            message.receive_count,
        );
        if timeout == 0 {
            still_visible.push(seq);
        } else {
            let timer = ctx.schedule(
                until,
                TimerClass::Pending,
                Timer::Sqs(SqsTimer::VisibilityTimeout {
                    queue_id: id,
                    seq,
                    receive_gen: receive_count,
                }),
            );
            queue.set_in_flight(seq, until, timer);
        }
        ctx.emit(TraceKind::MessageReceived {
            queue: queue_name,
            message_id,
            receive_count,
            visible_at: until,
        });
    }
    queue.visible.extend(still_visible);
    for group in &touched_groups {
        queue.refresh_group(group);
    }
    if out.is_empty() && visible_before > 0 && moved.is_empty() && !is_fifo {
        // The sampled servers held none of the visible messages: an empty answer although messages exist.
        let queue = queue.name.clone();
        ctx.emit(TraceKind::FalseEmptyReceive {
            queue,
            visible: visible_before,
        });
    }
    if let Some(target) = dead_letter {
        redrive::move_to_dead_letter_queue(sqs, ctx, id, target, moved);
    }
    if out.is_empty() {
        // A long poll with nothing to return waits, in virtual time, for a message or the end of its wait.
        let deadline = ctx.waiting_since.unwrap_or(ctx.now) + wait as u64 * SECOND;
        if ctx.now < deadline {
            ctx.wait_until = Some(deadline);
        } else {
            let queue = sqs.queue_mut(id).name.clone();
            ctx.emit(TraceKind::EmptyReceive { queue });
        }
        return Ok(json!({}));
    }
    // Built directly: `json!` would serialise (deep-copy) the messages again.
    let mut response = Map::new();
    response.insert("Messages".into(), Value::Array(out));
    let response = Value::Object(response);
    if let (true, Some(attempt_id)) = (is_fifo, req.receive_request_attempt_id) {
        sqs.queue_mut(id)
            .record_attempt(attempt_id, ctx.now, taken, &response);
    }
    Ok(response)
}

/// One message as ReceiveMessage returns it, with the system attributes `wanted` names
/// and the message attributes `attribute_names` names.
fn received_entry(
    message: &Message,
    handle: String,
    ctx: &Ctx,
    wanted: &[&str],
    attribute_names: &[String],
) -> Map<String, Value> {
    let wants = |name: &str| wanted.iter().any(|&n| n == name || n == "All");
    let mut entry = Map::new();
    entry.insert("MessageId".into(), Value::from(&*message.message_id));
    entry.insert("ReceiptHandle".into(), Value::from(handle));
    entry.insert("MD5OfBody".into(), Value::from(message.md5_of_body.clone()));
    entry.insert("Body".into(), Value::from(message.body.clone()));
    if !wanted.is_empty() {
        let mut attrs = Map::new();
        let mut put = |name: &str, value: String| {
            if wants(name) {
                attrs.insert(name.into(), Value::from(value));
            }
        };
        put("SenderId", ctx.identity.account.clone());
        let first = message.first_receive_timestamp.unwrap_or(ctx.now);
        put("ApproximateFirstReceiveTimestamp", first.to_string());
        put("ApproximateReceiveCount", message.receive_count.to_string());
        put("SentTimestamp", message.sent_timestamp.to_string());
        if let Some(source_arn) = &message.dead_letter_queue_source_arn {
            put("DeadLetterQueueSourceArn", source_arn.clone());
        }
        if let Some(trace_header) = &message.aws_trace_header {
            put(message_attributes::AWS_TRACE_HEADER, trace_header.clone());
        }
        if let Some(group) = &message.group_id {
            put("MessageGroupId", group.to_string());
        }
        if let Some(dedup) = &message.deduplication_id {
            put("MessageDeduplicationId", dedup.to_string());
        }
        if let Some(n) = message.sequence_number {
            put("SequenceNumber", n.to_string());
        }
        if !attrs.is_empty() {
            entry.insert("Attributes".into(), Value::Object(attrs));
        }
    }
    message_attributes::add_to_received(&mut entry, &message.message_attributes, attribute_names);
    entry
}

/// ReceiveRequestAttemptId on a FIFO queue: a retry within 5 minutes, while none of the
/// messages was deleted or had its visibility changed, gets the same messages and receipt
/// handles, and their visibility timeout starts again.
fn repeat_attempt(
    queue: &mut Queue,
    ctx: &mut Ctx,
    queue_id: u32,
    attempt_id: &str,
    timeout: u32,
) -> Option<Value> {
    let (response, seqs) = queue.repeated_attempt(attempt_id, ctx.now)?;
    let until = ctx.now + timeout as u64 * SECOND;
    for seq in seqs {
        let Some(message) = queue.messages.get(&seq) else {
            continue;
        };
        if let MessageState::InFlight { timer, .. } = message.state {
            ctx.timers.cancel(timer);
        }
        let receive_gen = message.receive_count;
        let timer = ctx.schedule(
            until,
            TimerClass::Pending,
            Timer::Sqs(SqsTimer::VisibilityTimeout {
                queue_id,
                seq,
                receive_gen,
            }),
        );
        queue.set_in_flight(seq, until, timer);
    }
    Some(response)
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
