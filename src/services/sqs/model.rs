//! SQS state: a queue, its attributes, and its messages with their
//! visibility. The rules that only touch one queue live here.

use crate::sim::{Millis, TimerId};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

/// Attributes a queue keeps, in the units AWS uses (seconds, bytes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueueAttributes {
    pub visibility_timeout: u32,
    pub maximum_message_size: u32,
    pub message_retention_period: u32,
}

pub const DEFAULT_VISIBILITY_TIMEOUT: u32 = 30;
pub const MAX_VISIBILITY_TIMEOUT: u32 = 43_200;
pub const MAX_MESSAGE_SIZE: u32 = 1_048_576;
pub const MIN_MESSAGE_SIZE: u32 = 1_024;
pub const DEFAULT_RETENTION: u32 = 345_600;

impl Default for QueueAttributes {
    fn default() -> Self {
        QueueAttributes {
            visibility_timeout: DEFAULT_VISIBILITY_TIMEOUT,
            maximum_message_size: MAX_MESSAGE_SIZE,
            message_retention_period: DEFAULT_RETENTION,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessageState {
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
    pub body: String,
    pub md5_of_body: String,
    pub sent_timestamp: Millis,
    pub first_receive_timestamp: Option<Millis>,
    /// When the current receive happened (for the 12-hour visibility ceiling).
    pub received_at: Option<Millis>,
    pub receive_count: u32,
    /// The receipt of the latest receive; only its handle deletes the message.
    pub(super) receipt: Option<super::receipt::Receipt>,
    pub state: MessageState,
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
    pub messages: BTreeMap<u64, Message>,
    /// Visible messages, oldest first: the order receives take them in.
    pub(super) visible: BTreeSet<u64>,
    pub(super) next_seq: u64,
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
            messages: BTreeMap::new(),
            visible: BTreeSet::new(),
            next_seq: 0,
        }
    }

    pub fn approximate_number_of_messages(&self) -> usize {
        self.visible.len()
    }

    pub fn approximate_number_of_messages_not_visible(&self) -> usize {
        self.messages.len() - self.visible.len()
    }

    /// Ends the visibility timeout of a message if it is still the receive named; returns its id.
    pub(super) fn expire_visibility(&mut self, seq: u64, receive_gen: u32) -> Option<Rc<str>> {
        let message = self.messages.get_mut(&seq)?;
        if message.receive_count != receive_gen || message.state == MessageState::Visible {
            return None;
        }
        message.state = MessageState::Visible;
        self.visible.insert(seq);
        Some(message.message_id.clone())
    }
}
