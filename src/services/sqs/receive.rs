//! SQS ReceiveMessage: which messages a receive takes (oldest first, FIFO
//! groups in turn, the seeded sampling of standard queues), the visibility
//! timeout each starts, the attributes each answers with, the move of a
//! message past maxReceiveCount to its dead-letter queue, long polls that
//! wait in virtual time, and a FIFO receive retried with its ReceiveRequestAttemptId.

use super::errors::{self, invalid_value};
use super::events::SqsEvent;
use super::message_attributes;
use super::messages::check_visibility_timeout;
use super::model::*;
use super::receipt;
use super::redrive;
use super::shapes::{self, ReceiveMessageRequest, ReceiveMessageResult};
use super::wire::{Handle, Md5};
use super::{Sqs, SqsTimer};
use crate::api::AwsError;
use crate::services::{Ctx, Timer};
use crate::sim::{TimerClass, SECOND};
use std::collections::BTreeMap;
use std::rc::Rc;

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

impl Sqs {
    /// ReceiveMessage. With nothing to return and a wait left, it sets `ctx.wait_until`
    /// and answers empty; the world repeats the call (with `ctx.waiting_since`) until it can answer.
    pub fn receive_message(
        &mut self,
        ctx: &mut Ctx,
        req: &ReceiveMessageRequest,
    ) -> Result<ReceiveMessageResult, AwsError> {
        self.count_call(ctx, "ReceiveMessage", &req.queue_url)?;
        receive_message(self, ctx, req)
    }
}

fn receive_message(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: &ReceiveMessageRequest,
) -> Result<ReceiveMessageResult, AwsError> {
    let id = sqs.queue_id(ctx, &req.queue_url)?;
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
    let queue = sqs.queue_mut(id)?;
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
    let no_names = Vec::new();
    let attribute_names = req.message_attribute_names.as_ref().unwrap_or(&no_names);
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
    let mut out = Vec::with_capacity(max.min(10));
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
                    queue.visible.remove(*seq);
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
        let receipt = receipt::draw(id, seq, message.receive_count, ctx.rng);
        message.receipt = Some(receipt);
        let until = ctx.now + timeout as u64 * SECOND;
        out.push(received_entry(
            message,
            Handle(receipt),
            ctx,
            &wanted,
            attribute_names,
        ));
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
        ctx.emit(SqsEvent::MessageReceived {
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
        ctx.emit(SqsEvent::FalseEmptyReceive {
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
            let queue = sqs.queue_mut(id)?.name.clone();
            ctx.emit(SqsEvent::EmptyReceive { queue });
        }
        return Ok(ReceiveMessageResult::default());
    }
    let response = ReceiveMessageResult {
        messages: Some(out),
    };
    if let (true, Some(attempt_id)) = (is_fifo, &req.receive_request_attempt_id) {
        sqs.queue_mut(id)?
            .record_attempt(attempt_id.to_string(), ctx.now, taken, &response);
    }
    Ok(response)
}

/// One message as ReceiveMessage returns it, with the system attributes `wanted` names
/// and the message attributes `attribute_names` names.
fn received_entry(
    message: &Message,
    handle: Handle,
    ctx: &Ctx,
    wanted: &[&str],
    attribute_names: &[String],
) -> shapes::Message {
    let wants = |name: &str| wanted.iter().any(|&n| n == name || n == "All");
    let mut entry = shapes::Message {
        message_id: Some(message.message_id.clone()),
        receipt_handle: Some(handle),
        md5_of_body: Some(Md5::of_body(message.body.clone())),
        body: Some(message.body.clone()),
        ..shapes::Message::default()
    };
    if !wanted.is_empty() {
        let mut attrs = BTreeMap::new();
        let mut put = |name: &str, value: String| {
            if wants(name) {
                attrs.insert(name.to_string(), value);
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
            entry.attributes = Some(attrs);
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
) -> Option<ReceiveMessageResult> {
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
