//! SQS state: a queue, its attributes, and its messages with their delay,
//! visibility and retention. The rules that only touch one queue live here.

use super::SqsTimer;
use crate::services::{Ctx, Timer};
use crate::sim::{Millis, TimerClass, TimerId, SECOND};
use std::collections::BTreeMap;
use std::rc::Rc;

/// Attributes a queue keeps, in the units AWS uses (seconds, bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueAttributes {
    pub visibility_timeout: u32,
    pub maximum_message_size: u32,
    pub message_retention_period: u32,
    pub delay_seconds: u32,
    /// The long-poll wait a ReceiveMessage gets when it names none.
    pub receive_message_wait_time_seconds: u32,
    /// Where messages go after maxReceiveCount receives (the RedrivePolicy attribute).
    pub redrive_policy: Option<super::redrive::RedrivePolicy>,
    /// Which source queues may name this queue as their dead-letter queue.
    pub redrive_allow_policy: Option<super::redrive::RedriveAllowPolicy>,
    /// FIFO queues only: ordering, deduplication and throughput settings (None: a standard queue).
    pub fifo: Option<super::fifo::FifoAttributes>,
    /// The access policy (the Policy attribute, or what AddPermission wrote).
    pub policy: Option<super::policy::QueuePolicy>,
    /// Server-side encryption: SSE-SQS (the default) or SSE-KMS.
    pub encryption: super::attributes::Encryption,
}

pub const DEFAULT_VISIBILITY_TIMEOUT: u32 = 30;
pub const MAX_VISIBILITY_TIMEOUT: u32 = 43_200;
pub const MAX_MESSAGE_SIZE: u32 = 1_048_576;
pub const MIN_MESSAGE_SIZE: u32 = 1_024;
pub const DEFAULT_RETENTION: u32 = 345_600;
pub const MIN_RETENTION: u32 = 60;
pub const MAX_RETENTION: u32 = 1_209_600;
pub const MAX_DELAY: u32 = 900;
pub const MAX_WAIT_TIME: u32 = 20;
/// The approximate quota of in-flight messages in a queue. AWS raised the FIFO
/// quota from 20,000 to 120,000 in 2024; at it a standard queue answers OverLimit,
/// a FIFO queue returns nothing more without an error.
pub const MAX_IN_FLIGHT: usize = 120_000;

impl Default for QueueAttributes {
    fn default() -> Self {
        QueueAttributes {
            visibility_timeout: DEFAULT_VISIBILITY_TIMEOUT,
            maximum_message_size: MAX_MESSAGE_SIZE,
            message_retention_period: DEFAULT_RETENTION,
            delay_seconds: 0,
            receive_message_wait_time_seconds: 0,
            redrive_policy: None,
            redrive_allow_policy: None,
            fifo: None,
            policy: None,
            encryption: Default::default(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessageState {
    /// Sent with a delay; becomes visible at `until`.
    Delayed {
        until: Millis,
        timer: TimerId,
    },
    Visible,
    /// Received and not yet deleted; visible again at `until` unless deleted first.
    InFlight {
        until: Millis,
        timer: TimerId,
    },
}

#[derive(Clone, Debug)]
pub struct Message {
    /// Order of arrival in this queue.
    pub seq: u64,
    pub message_id: Rc<str>,
    /// Shared with the ReceiveMessage answers that carry it (its MD5 is taken from it when shown).
    pub body: Rc<super::wire::Body>,
    pub sent_timestamp: Millis,
    /// When it entered this queue: its send, except that a move into a FIFO
    /// dead-letter queue (or a redrive) starts it again. Retention counts from here.
    pub enqueued_at: Millis,
    /// When the queue's retention period removes it (from its enqueue time).
    pub expires_at: Millis,
    pub first_receive_timestamp: Option<Millis>,
    /// When the current receive happened (for the 12-hour visibility ceiling).
    pub received_at: Option<Millis>,
    pub receive_count: u32,
    /// The receipt of the latest receive; only its handle deletes the message.
    pub(super) receipt: Option<super::receipt::Receipt>,
    pub state: MessageState,
    /// The message attributes it was sent with, by name.
    pub(super) message_attributes: super::message_attributes::MessageAttributes,
    /// The AWSTraceHeader message system attribute, if it was sent with one.
    pub(super) aws_trace_header: Option<String>,
    /// The ARN of the queue a dead-letter move took it from (DeadLetterQueueSourceArn).
    pub(super) dead_letter_queue_source_arn: Option<String>,
    /// FIFO queues (and fair standard queues): the message group it was sent in.
    pub group_id: Option<std::rc::Rc<str>>,
    /// FIFO queues: its MessageDeduplicationId (given, or the SHA-256 of the body).
    pub deduplication_id: Option<std::rc::Rc<str>>,
    /// FIFO queues: the SequenceNumber SQS gave it.
    pub sequence_number: Option<u128>,
}

#[derive(Clone, Debug)]
pub struct Queue {
    pub id: u32,
    /// Shared with the trace events that name this queue.
    pub name: Rc<str>,
    pub url: String,
    pub arn: String,
    pub created: Millis,
    pub last_modified: Millis,
    pub attributes: QueueAttributes,
    pub tags: BTreeMap<String, String>,
    /// Every message still in the queue, by arrival order.
    pub messages: super::store::Messages,
    /// Visible messages, oldest first: the order receives take them in.
    pub(super) visible: super::visible::VisibleSet,
    pub(super) delayed: usize,
    /// When each message's retention ends, and the one timer armed for the soonest.
    pub(super) expiry: super::expiry::Expiries,
    pub(super) retention_timer: Option<(Millis, TimerId)>,
    pub(super) last_purge: Option<Millis>,
    pub(super) next_seq: u64,
    /// FIFO queues: message groups, the deduplication window and the throughput counters.
    pub(super) fifo: Option<Box<super::fifo::FifoState>>,
}

impl Queue {
    pub fn new(
        id: u32,
        name: Rc<str>,
        url: String,
        arn: String,
        now: Millis,
        attributes: QueueAttributes,
    ) -> Self {
        Queue {
            id,
            name,
            url,
            arn,
            created: now,
            last_modified: now,
            attributes,
            tags: BTreeMap::new(),
            messages: Default::default(),
            visible: Default::default(),
            delayed: 0,
            expiry: Default::default(),
            retention_timer: None,
            last_purge: None,
            next_seq: 0,
            fifo: None,
        }
        .with_fifo_state()
    }

    pub fn is_fifo(&self) -> bool {
        self.attributes.fifo.is_some()
    }

    pub fn approximate_number_of_messages(&self) -> usize {
        self.visible.len()
    }

    pub fn approximate_number_of_messages_not_visible(&self) -> usize {
        self.messages.len() - self.visible.len() - self.delayed
    }

    pub fn approximate_number_of_messages_delayed(&self) -> usize {
        self.delayed
    }

    /// Adds a message, delayed for `delay` seconds or visible at once, and arms its retention.
    pub(super) fn enqueue(&mut self, ctx: &mut Ctx, mut message: Box<Message>, delay: u32) {
        let seq = message.seq;
        if delay > 0 {
            let until = ctx.now + delay as u64 * SECOND;
            let timer = ctx.schedule(
                until,
                TimerClass::Pending,
                Timer::Sqs(SqsTimer::DelayEnded {
                    queue_id: self.id,
                    seq,
                }),
            );
            message.state = MessageState::Delayed { until, timer };
            self.delayed += 1;
        } else {
            message.state = MessageState::Visible;
            self.visible.insert(seq);
        }
        self.expiry.added(message.expires_at, seq);
        let expires_at = message.expires_at;
        let group = message.group_id.clone();
        self.messages.insert(seq, message);
        // A timer armed no later than this expiry is already armed for the soonest.
        if self
            .retention_timer
            .is_none_or(|(armed, _)| armed > expires_at)
        {
            self.arm_retention(ctx);
        }
        if let Some(group) = group {
            self.group_gained(&group, seq);
        }
    }

    /// Removes a message in any state, cancelling its timers.
    pub(super) fn remove(&mut self, ctx: &mut Ctx, seq: u64) -> Option<Box<Message>> {
        let message = self.messages.remove(&seq)?;
        let was_in_flight = match message.state {
            MessageState::Visible => {
                self.visible.remove(seq);
                false
            }
            MessageState::Delayed { timer, .. } => {
                self.delayed -= 1;
                ctx.timers.cancel(timer);
                false
            }
            MessageState::InFlight { timer, .. } => {
                ctx.timers.cancel(timer);
                true
            }
        };
        self.expiry.removed(message.expires_at, seq, &self.messages);
        if let Some(group) = &message.group_id {
            self.group_lost(group, seq, was_in_flight);
        }
        Some(message)
    }

    /// A received message goes in flight until `until` (its timer already armed).
    pub(super) fn set_in_flight(&mut self, seq: u64, until: Millis, timer: TimerId) {
        let Some(message) = self.messages.get_mut(&seq) else {
            return;
        };
        let was_in_flight = matches!(message.state, MessageState::InFlight { .. });
        if matches!(message.state, MessageState::Visible) {
            self.visible.remove(seq);
        }
        message.state = MessageState::InFlight { until, timer };
        if !was_in_flight {
            if let Some(group) = message.group_id.clone() {
                self.group_in_flight(&group, 1);
            }
        }
    }

    /// A message in flight (or just taken from `visible` by a receive) is visible again.
    pub(super) fn set_visible(&mut self, seq: u64) {
        let Some(message) = self.messages.get_mut(&seq) else {
            return;
        };
        let was_in_flight = matches!(message.state, MessageState::InFlight { .. });
        message.state = MessageState::Visible;
        self.visible.insert(seq);
        if let Some(group) = message.group_id.clone() {
            if was_in_flight {
                self.group_in_flight(&group, -1);
            } else {
                self.refresh_group(&group);
            }
        }
    }

    /// Keeps one background timer armed for the soonest retention expiry.
    pub(super) fn arm_retention(&mut self, ctx: &mut Ctx) {
        let soonest = self.expiry.soonest(&self.messages).map(|(at, _)| at);
        match (soonest, self.retention_timer) {
            (Some(at), Some((armed, _))) if armed <= at => {}
            (Some(at), armed) => {
                if let Some((_, timer)) = armed {
                    ctx.timers.cancel(timer);
                }
                let timer = ctx.schedule(
                    at,
                    TimerClass::Background,
                    Timer::Sqs(SqsTimer::RetentionExpiry { queue_id: self.id }),
                );
                self.retention_timer = Some((at, timer));
            }
            (None, _) => {}
        }
    }

    /// Removes every message whose retention period has ended; returns their ids.
    pub(super) fn expire_retention(&mut self, ctx: &mut Ctx) -> Vec<Rc<str>> {
        self.retention_timer = None;
        let mut expired = Vec::new();
        while let Some((at, seq)) = self.expiry.soonest(&self.messages) {
            if at > ctx.now {
                break;
            }
            if let Some(m) = self.remove(ctx, seq) {
                expired.push(m.message_id);
            }
        }
        self.arm_retention(ctx);
        expired
    }

    /// Applies a new retention period to the messages already in the queue.
    pub(super) fn set_retention(&mut self, ctx: &mut Ctx, seconds: u32) {
        self.attributes.message_retention_period = seconds;
        for m in self.messages.values_mut() {
            m.expires_at = m.enqueued_at + seconds as u64 * SECOND;
        }
        self.expiry.rebuild(&self.messages);
        if let Some((_, timer)) = self.retention_timer.take() {
            ctx.timers.cancel(timer);
        }
        self.arm_retention(ctx);
    }

    /// Deletes every message and disarms the retention timer; returns how many there were.
    pub(super) fn purge(&mut self, ctx: &mut Ctx) -> usize {
        let seqs: Vec<u64> = self.messages.keys().collect();
        for &seq in &seqs {
            self.remove(ctx, seq);
        }
        if let Some((_, timer)) = self.retention_timer.take() {
            ctx.timers.cancel(timer);
        }
        seqs.len()
    }

    /// Ends a message's delay; returns its id.
    pub(super) fn end_delay(&mut self, seq: u64) -> Option<Rc<str>> {
        let message = self.messages.get(&seq)?;
        if !matches!(message.state, MessageState::Delayed { .. }) {
            return None;
        }
        let message_id = message.message_id.clone();
        self.delayed -= 1;
        self.set_visible(seq);
        Some(message_id)
    }

    /// Ends the visibility timeout of a message if it is still the receive named; returns its id.
    pub(super) fn expire_visibility(&mut self, seq: u64, receive_gen: u32) -> Option<Rc<str>> {
        let message = self.messages.get(&seq)?;
        if message.receive_count != receive_gen
            || !matches!(message.state, MessageState::InFlight { .. })
        {
            return None;
        }
        let message_id = message.message_id.clone();
        self.set_visible(seq);
        Some(message_id)
    }
}
