//! SQS's trace events: what happens to its queues and messages, each with the
//! queue it happened in. `name` and `describe` label them in the trace and the
//! timeline; `woken_queue` says which events can give a waiting receive an answer.

use crate::sim::trace::{is_zero, iso};
use crate::sim::{format_iso, Millis};
use serde::Serialize;
use std::rc::Rc;

/// Something that happened in SQS (labelled `"service":"sqs"` in the trace).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "event", rename_all_fields = "camelCase")]
pub enum SqsEvent {
    QueueCreated {
        queue: Rc<str>,
    },
    QueueDeleted {
        queue: Rc<str>,
    },
    MessageSent {
        queue: Rc<str>,
        message_id: Rc<str>,
        #[serde(skip_serializing_if = "is_zero")]
        delay_seconds: u32,
        /// FIFO queues (and fair standard queues): the message group.
        #[serde(skip_serializing_if = "Option::is_none")]
        message_group_id: Option<Rc<str>>,
    },
    EmptyReceive {
        queue: Rc<str>,
    },
    MessageReceived {
        queue: Rc<str>,
        message_id: Rc<str>,
        receive_count: u32,
        #[serde(serialize_with = "iso")]
        visible_at: Millis,
    },
    MessageDeleted {
        queue: Rc<str>,
        message_id: Rc<str>,
    },
    VisibilityChanged {
        queue: Rc<str>,
        message_id: Rc<str>,
        #[serde(serialize_with = "iso")]
        visible_at: Millis,
    },
    VisibilityTimeoutExpired {
        queue: Rc<str>,
        message_id: Rc<str>,
    },
    DelayEnded {
        queue: Rc<str>,
        message_id: Rc<str>,
    },
    MessageExpired {
        queue: Rc<str>,
        message_id: Rc<str>,
    },
    QueuePurged {
        queue: Rc<str>,
        messages: usize,
    },
    FalseEmptyReceive {
        queue: Rc<str>,
        visible: usize,
    },
    DeleteMissedACopy {
        queue: Rc<str>,
        message_id: Rc<str>,
    },
    StaleReceiptHandleIgnored {
        queue: Rc<str>,
        message_id: Rc<str>,
    },
    /// A receive found the message already received maxReceiveCount times and moved it to the DLQ.
    MovedToDeadLetterQueue {
        queue: Rc<str>,
        message_id: Rc<str>,
        dead_letter_queue: Rc<str>,
    },
    /// A message move task took a message out of a dead-letter queue into `destination`
    /// (as a new message: `message_id` is its new id there).
    MessageRedriven {
        queue: Rc<str>,
        message_id: Rc<str>,
        destination: Rc<str>,
        /// A redriven message is a new message with a new id.
        new_message_id: Rc<str>,
    },
    /// A FIFO send whose deduplication id was already sent within 5 minutes: accepted, not enqueued.
    MessageDeduplicated {
        queue: Rc<str>,
        /// The earlier message the send duplicated.
        message_id: Rc<str>,
        deduplication_id: Rc<str>,
    },
    /// A call over a FIFO queue's calls-per-second quota was refused.
    RequestThrottled {
        queue: Rc<str>,
        action: Rc<str>,
    },
}

impl SqsEvent {
    /// The queue the event happened in (for a move to a dead-letter queue, the source).
    pub fn queue(&self) -> &Rc<str> {
        match self {
            SqsEvent::QueueCreated { queue, .. }
            | SqsEvent::QueueDeleted { queue, .. }
            | SqsEvent::MessageSent { queue, .. }
            | SqsEvent::EmptyReceive { queue, .. }
            | SqsEvent::MessageReceived { queue, .. }
            | SqsEvent::MessageDeleted { queue, .. }
            | SqsEvent::VisibilityChanged { queue, .. }
            | SqsEvent::VisibilityTimeoutExpired { queue, .. }
            | SqsEvent::DelayEnded { queue, .. }
            | SqsEvent::MessageExpired { queue, .. }
            | SqsEvent::QueuePurged { queue, .. }
            | SqsEvent::FalseEmptyReceive { queue, .. }
            | SqsEvent::DeleteMissedACopy { queue, .. }
            | SqsEvent::StaleReceiptHandleIgnored { queue, .. }
            | SqsEvent::MovedToDeadLetterQueue { queue, .. }
            | SqsEvent::MessageRedriven { queue, .. }
            | SqsEvent::MessageDeduplicated { queue, .. }
            | SqsEvent::RequestThrottled { queue, .. } => queue,
        }
    }

    /// The queue where the event may give a waiting call an answer: a queue gets a message
    /// (sent, visible again, its delay over, its group unlocked by a delete), or goes away.
    /// Receives never wake: they only take messages.
    pub fn woken_queue(&self) -> Option<&Rc<str>> {
        match self {
            SqsEvent::MessageSent { queue, .. }
            | SqsEvent::MessageDeleted { queue, .. }
            | SqsEvent::VisibilityChanged { queue, .. }
            | SqsEvent::VisibilityTimeoutExpired { queue, .. }
            | SqsEvent::DelayEnded { queue, .. }
            | SqsEvent::MessageExpired { queue, .. }
            | SqsEvent::QueueDeleted { queue }
            | SqsEvent::QueuePurged { queue, .. } => Some(queue),
            SqsEvent::MessageRedriven { destination, .. } => Some(destination),
            SqsEvent::MovedToDeadLetterQueue {
                dead_letter_queue, ..
            } => Some(dead_letter_queue),
            _ => None,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            SqsEvent::QueueCreated { .. } => "QueueCreated",
            SqsEvent::QueueDeleted { .. } => "QueueDeleted",
            SqsEvent::MessageSent { .. } => "MessageSent",
            SqsEvent::EmptyReceive { .. } => "EmptyReceive",
            SqsEvent::MessageReceived { .. } => "MessageReceived",
            SqsEvent::MessageDeleted { .. } => "MessageDeleted",
            SqsEvent::VisibilityChanged { .. } => "VisibilityChanged",
            SqsEvent::VisibilityTimeoutExpired { .. } => "VisibilityTimeoutExpired",
            SqsEvent::DelayEnded { .. } => "DelayEnded",
            SqsEvent::MessageExpired { .. } => "MessageExpired",
            SqsEvent::QueuePurged { .. } => "QueuePurged",
            SqsEvent::FalseEmptyReceive { .. } => "FalseEmptyReceive",
            SqsEvent::DeleteMissedACopy { .. } => "DeleteMissedACopy",
            SqsEvent::StaleReceiptHandleIgnored { .. } => "StaleReceiptHandleIgnored",
            SqsEvent::MovedToDeadLetterQueue { .. } => "MovedToDeadLetterQueue",
            SqsEvent::MessageRedriven { .. } => "MessageRedriven",
            SqsEvent::MessageDeduplicated { .. } => "MessageDeduplicated",
            SqsEvent::RequestThrottled { .. } => "RequestThrottled",
        }
    }

    /// One line a person reads in the timeline.
    pub fn describe(&self) -> String {
        match self {
            SqsEvent::QueueCreated { queue } => format!("queue {queue} created"),
            SqsEvent::QueueDeleted { queue } => format!("queue {queue} deleted"),
            SqsEvent::MessageSent {
                queue,
                message_id,
                delay_seconds,
                message_group_id,
            } => {
                let mut line = format!("{message_id} sent to {queue}");
                if let Some(group) = message_group_id {
                    line.push_str(&format!(" in group {group}"));
                }
                if *delay_seconds > 0 {
                    line.push_str(&format!(", delayed {delay_seconds} s"));
                }
                line
            }
            SqsEvent::MessageReceived {
                queue,
                message_id,
                receive_count,
                visible_at,
            } => {
                format!("{message_id} received from {queue} (receive #{receive_count}), invisible until {}", format_iso(*visible_at))
            }
            SqsEvent::MessageDeleted { queue, message_id } => {
                format!("{message_id} deleted from {queue}")
            }
            SqsEvent::VisibilityChanged {
                queue,
                message_id,
                visible_at,
            } => {
                format!(
                    "{message_id} in {queue}: visibility changed, visible at {}",
                    format_iso(*visible_at)
                )
            }
            SqsEvent::VisibilityTimeoutExpired { queue, message_id } => {
                format!("{message_id} in {queue}: visibility timeout expired, visible again")
            }
            SqsEvent::StaleReceiptHandleIgnored { queue, message_id } => {
                format!("{message_id} in {queue}: DeleteMessage with a receipt handle from an earlier receive; not deleted")
            }
            SqsEvent::EmptyReceive { queue } => format!("ReceiveMessage on {queue} returned no message"),
            SqsEvent::FalseEmptyReceive { queue, visible } => format!(
                "short poll of {queue} answered empty although {visible} messages were visible: it sampled only some servers"
            ),
            SqsEvent::DeleteMissedACopy { queue, message_id } => format!(
                "{message_id} in {queue}: the delete missed a server holding a copy; the message will be delivered again"
            ),
            SqsEvent::DelayEnded { queue, message_id } => {
                format!("{message_id} in {queue}: delay over, now visible")
            }
            SqsEvent::MessageExpired { queue, message_id } => {
                format!("{message_id} removed from {queue}: older than the queue's MessageRetentionPeriod")
            }
            SqsEvent::QueuePurged { queue, messages } => {
                format!("{queue} purged: {messages} messages deleted")
            }
            SqsEvent::MovedToDeadLetterQueue {
                queue,
                message_id,
                dead_letter_queue,
            } => {
                format!("{message_id} moved from {queue} to its dead-letter queue {dead_letter_queue}: received maxReceiveCount times")
            }
            SqsEvent::MessageRedriven {
                queue,
                message_id,
                destination,
                new_message_id,
            } => {
                format!("redrive: {message_id} moved from the dead-letter queue {queue} to {destination} as the new message {new_message_id}")
            }
            SqsEvent::MessageDeduplicated {
                queue,
                message_id,
                deduplication_id,
            } => format!(
                "send to {queue} accepted but not enqueued: deduplication id {deduplication_id} was sent within 5 minutes (as {message_id})"
            ),
            SqsEvent::RequestThrottled { queue, action } => format!(
                "{action} on {queue} throttled: over the FIFO queue's API calls per second"
            ),
        }
    }
}
