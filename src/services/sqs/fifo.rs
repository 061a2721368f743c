//! SQS FIFO queues: the FIFO queue attributes (ContentBasedDeduplication,
//! DeduplicationScope, FifoThroughputLimit), message groups (strict order in a
//! group; a group with a message in flight yields nothing more until it is
//! deleted or visible again), the 5-minute deduplication interval,
//! SequenceNumber, ReceiveRequestAttemptId, and the throughput quotas in
//! virtual time. Standard queues never reach this module.

use super::errors;
use super::model::{MessageState, Queue};
use super::shapes::ReceiveMessageResult;
use crate::api::AwsError;
use crate::sim::hash::FastMap;
use crate::sim::{Millis, SECOND};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::rc::Rc;

/// A deduplication id is remembered this long after the message that carried it was sent.
pub const DEDUPLICATION_INTERVAL: Millis = 5 * 60 * SECOND;
/// A ReceiveRequestAttemptId can be retried this long after its ReceiveMessage.
pub const RECEIVE_ATTEMPT_INTERVAL: Millis = 5 * 60 * SECOND;
/// MessageGroupId and MessageDeduplicationId: at most this many characters.
pub const MAX_ID_LEN: usize = 128;
/// Without high throughput: API calls per second per action (a batch of 10 is one call).
pub const QUEUE_CALLS_PER_SECOND: u32 = 300;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum DeduplicationScope {
    #[default]
    Queue,
    MessageGroup,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum FifoThroughputLimit {
    #[default]
    PerQueue,
    PerMessageGroupId,
}

/// The attributes only a FIFO queue has.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct FifoAttributes {
    pub content_based_deduplication: bool,
    pub deduplication_scope: DeduplicationScope,
    pub fifo_throughput_limit: FifoThroughputLimit,
}

impl DeduplicationScope {
    pub fn as_str(self) -> &'static str {
        match self {
            DeduplicationScope::Queue => "queue",
            DeduplicationScope::MessageGroup => "messageGroup",
        }
    }
}

impl FifoThroughputLimit {
    pub fn as_str(self) -> &'static str {
        match self {
            FifoThroughputLimit::PerQueue => "perQueue",
            FifoThroughputLimit::PerMessageGroupId => "perMessageGroupId",
        }
    }
}

impl FifoAttributes {
    /// High throughput mode: both settings per message group, as AWS requires.
    pub fn high_throughput(&self) -> bool {
        self.deduplication_scope == DeduplicationScope::MessageGroup
            && self.fifo_throughput_limit == FifoThroughputLimit::PerMessageGroupId
    }

    /// Sets one FIFO attribute from its request text; false for a name that is not one.
    pub fn set(&mut self, name: &str, value: &str) -> Result<bool, AwsError> {
        let bad =
            || errors::invalid_attribute_value(format!("Invalid value for the parameter {name}."));
        match name {
            "ContentBasedDeduplication" => {
                self.content_based_deduplication = super::attributes::parse_bool(name, value)?
            }
            "DeduplicationScope" => {
                self.deduplication_scope = match value {
                    "queue" => DeduplicationScope::Queue,
                    "messageGroup" => DeduplicationScope::MessageGroup,
                    _ => return Err(bad()),
                }
            }
            "FifoThroughputLimit" => {
                self.fifo_throughput_limit = match value {
                    "perQueue" => FifoThroughputLimit::PerQueue,
                    "perMessageGroupId" => FifoThroughputLimit::PerMessageGroupId,
                    _ => return Err(bad()),
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    /// AWS refuses perMessageGroupId throughput with queue-wide deduplication.
    pub fn check(&self) -> Result<(), AwsError> {
        if self.fifo_throughput_limit == FifoThroughputLimit::PerMessageGroupId
            && self.deduplication_scope == DeduplicationScope::Queue
        {
            return Err(errors::invalid_attribute_value(
                "Invalid value for the parameter FifoThroughputLimit. Reason: To set FifoThroughputLimit to perMessageGroupId, the DeduplicationScope must be messageGroup.",
            ));
        }
        Ok(())
    }
}

/// The API actions whose calls per second a FIFO queue limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Send = 0,
    Receive = 1,
    Delete = 2,
}

/// One message group: its messages in order, how many are in flight, its
/// place in the rotation between groups, and whether it is waiting in `FifoState::ready`.
#[derive(Clone, Debug, Default)]
pub(super) struct Group {
    seqs: BTreeSet<u64>,
    in_flight: u32,
    /// When the group was last served (or, never served, when it appeared): the
    /// least recently served ready group is served first.
    turn: u64,
    ready: bool,
}

#[derive(Clone, Debug)]
struct Deduplicated {
    until: Millis,
    message_id: Rc<str>,
    sequence_number: u128,
}

/// A ReceiveMessage that may be retried with the same ReceiveRequestAttemptId.
#[derive(Clone, Debug)]
struct Attempt {
    at: Millis,
    /// (seq, receive count) of each message it returned.
    taken: Vec<(u64, u32)>,
    response: ReceiveMessageResult,
}

/// A deduplication id seen within the interval, and the group it was sent in.
#[derive(Clone, Debug)]
struct Seen {
    group: Rc<str>,
    sent: Deduplicated,
}

#[derive(Clone, Debug, Default)]
pub struct FifoState {
    groups: FastMap<Rc<str>, Group>,
    /// The groups that can be received now, by turn: least recently served first.
    ready: BTreeMap<u64, Rc<str>>,
    next_turn: u64,
    /// Deduplication ids seen within the interval, each with the groups it was sent in.
    /// Kept whatever the DeduplicationScope, so changing the scope forgets nothing.
    dedup: FastMap<Rc<str>, Vec<Seen>>,
    dedup_order: VecDeque<(Millis, Rc<str>)>,
    attempts: FastMap<String, Attempt>,
    last_sequence_number: u128,
    /// (virtual second, calls in it) per throttled action family.
    calls: [(u64, u32); 3],
}

/// What a FIFO send does: a new message with this SequenceNumber, or a duplicate of an earlier one.
pub(super) enum SendOutcome {
    New {
        sequence_number: u128,
    },
    Duplicate {
        message_id: Rc<str>,
        sequence_number: u128,
    },
}

/// The MessageDeduplicationId ContentBasedDeduplication derives: the hex SHA-256 of the body.
pub fn content_deduplication_id(body: &str) -> String {
    let digest = Sha256::digest(body.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// MessageGroupId and MessageDeduplicationId: 1 to 128 alphanumerics and punctuation.
pub fn check_id(parameter: &str, value: &str) -> Result<(), AwsError> {
    let ok = (1..=MAX_ID_LEN).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b.is_ascii_punctuation());
    if ok {
        Ok(())
    } else {
        Err(errors::invalid_value(
            parameter,
            value,
            &format!("{parameter} can only include alphanumeric and punctuation characters. 1 to 128 in length."),
        ))
    }
}

/// API calls per second per action in high throughput mode, by region (the SQS quotas page).
fn high_throughput_calls_per_second(region: &str) -> u32 {
    match region {
        "us-east-1" | "us-west-2" | "eu-west-1" => 70_000,
        "us-east-2" | "eu-central-1" => 19_000,
        "ap-south-1" | "ap-southeast-1" | "ap-southeast-2" | "ap-northeast-1" => 9_000,
        "eu-west-2" | "sa-east-1" => 4_500,
        _ => 2_400,
    }
}

fn family(action: &str) -> Option<Family> {
    match action {
        "SendMessage" | "SendMessageBatch" => Some(Family::Send),
        "ReceiveMessage" => Some(Family::Receive),
        "DeleteMessage" | "DeleteMessageBatch" => Some(Family::Delete),
        _ => None,
    }
}

impl Queue {
    /// A new queue gets its FIFO state when its attributes say FIFO.
    pub(super) fn with_fifo_state(mut self) -> Self {
        if self.is_fifo() {
            self.fifo = Some(Box::default());
        }
        self
    }

    /// Counts one call of `action` against the queue's calls-per-second quota, or refuses it.
    pub(super) fn count_fifo_call(
        &mut self,
        action: &str,
        now: Millis,
        region: &str,
    ) -> Result<(), AwsError> {
        let (Some(attrs), Some(fifo), Some(family)) =
            (&self.attributes.fifo, self.fifo.as_mut(), family(action))
        else {
            return Ok(());
        };
        let limit = if attrs.high_throughput() {
            high_throughput_calls_per_second(region)
        } else {
            QUEUE_CALLS_PER_SECOND
        };
        let second = now / SECOND;
        let slot = &mut fifo.calls[family as usize];
        if slot.0 != second {
            *slot = (second, 0);
        }
        if slot.1 >= limit {
            return Err(errors::throttled());
        }
        slot.1 += 1;
        Ok(())
    }

    /// Deduplicates a send within the 5-minute interval, or gives the new message its SequenceNumber.
    pub(super) fn fifo_send(
        &mut self,
        now: Millis,
        group: &Rc<str>,
        dedup_id: &Rc<str>,
        message_id: &Rc<str>,
    ) -> SendOutcome {
        let scope = self
            .attributes
            .fifo
            .as_ref()
            .map_or(DeduplicationScope::Queue, |a| a.deduplication_scope);
        let fifo = self.fifo.get_or_insert_with(Box::default);
        fifo.forget_expired_deduplication_ids(now);
        // Queue scope: the id was seen in any group; message-group scope: in this group.
        let earlier = fifo.dedup.get(dedup_id).and_then(|seen| {
            seen.iter().find(|s| match scope {
                DeduplicationScope::Queue => true,
                DeduplicationScope::MessageGroup => s.group == *group,
            })
        });
        if let Some(earlier) = earlier {
            return SendOutcome::Duplicate {
                message_id: earlier.sent.message_id.clone(),
                sequence_number: earlier.sent.sequence_number,
            };
        }
        let sequence_number = fifo.next_sequence_number(now);
        let until = now + DEDUPLICATION_INTERVAL;
        fifo.dedup.entry(dedup_id.clone()).or_default().push(Seen {
            group: group.clone(),
            sent: Deduplicated {
                until,
                message_id: message_id.clone(),
                sequence_number,
            },
        });
        fifo.dedup_order.push_back((until, dedup_id.clone()));
        SendOutcome::New { sequence_number }
    }

    /// PurgeQueue on a FIFO queue also clears its deduplication history.
    pub(super) fn forget_deduplication_ids(&mut self) {
        if let Some(fifo) = self.fifo.as_mut() {
            fifo.dedup.clear();
            fifo.dedup_order.clear();
        }
    }

    /// A SequenceNumber for a message moved or redriven into this queue.
    pub(super) fn next_sequence_number(&mut self, now: Millis) -> Option<u128> {
        self.fifo.as_mut().map(|f| f.next_sequence_number(now))
    }

    /// The next message a FIFO receive takes: the one after `after` in the same group while
    /// the receive is filling up from one group, else the head of the ready group served least recently.
    pub(super) fn next_fifo_candidate(
        &mut self,
        after: Option<(&Rc<str>, u64)>,
    ) -> Option<(Rc<str>, u64)> {
        let fifo = self.fifo.as_mut()?;
        if let Some((group, last)) = after {
            let next = fifo
                .groups
                .get(group)
                .and_then(|g| g.seqs.range(last + 1..).next().copied());
            if let Some(seq) = next {
                if matches!(
                    self.messages.get(&seq).map(|m| &m.state),
                    Some(MessageState::Visible)
                ) {
                    return Some((group.clone(), seq));
                }
            }
        }
        // Taking from a group serves it: it goes to the back of the rotation.
        let (_, group) = fifo.ready.pop_first()?;
        let g = fifo.groups.get_mut(&group)?;
        g.ready = false;
        g.turn = fifo.next_turn;
        fifo.next_turn += 1;
        let head = g.seqs.first().copied()?;
        Some((group, head))
    }

    /// Messages of the group a message of which went in flight or came back.
    pub(super) fn group_in_flight(&mut self, group: &Rc<str>, delta: i32) {
        if let Some(g) = self.fifo.as_mut().and_then(|f| f.groups.get_mut(group)) {
            g.in_flight = g.in_flight.saturating_add_signed(delta);
        }
        self.refresh_group(group);
    }

    pub(super) fn group_gained(&mut self, group: &Rc<str>, seq: u64) {
        let Some(fifo) = self.fifo.as_mut() else {
            return;
        };
        let turn = &mut fifo.next_turn;
        fifo.groups
            .entry(group.clone())
            .or_insert_with(|| {
                *turn += 1;
                Group {
                    turn: *turn - 1,
                    ..Group::default()
                }
            })
            .seqs
            .insert(seq);
        self.refresh_group(group);
    }

    pub(super) fn group_lost(&mut self, group: &Rc<str>, seq: u64, was_in_flight: bool) {
        if let Some(g) = self.fifo.as_mut().and_then(|f| f.groups.get_mut(group)) {
            g.seqs.remove(&seq);
            if was_in_flight {
                g.in_flight = g.in_flight.saturating_sub(1);
            }
        }
        self.refresh_group(group);
    }

    /// A group is ready when nothing of it is in flight and its oldest message is visible.
    pub(super) fn refresh_group(&mut self, group: &Rc<str>) {
        let Some(fifo) = self.fifo.as_mut() else {
            return;
        };
        let Some(g) = fifo.groups.get_mut(group) else {
            return;
        };
        if std::mem::take(&mut g.ready) {
            fifo.ready.remove(&g.turn);
        }
        if g.in_flight == 0 {
            if let Some(&head) = g.seqs.first() {
                if matches!(
                    self.messages.get(&head).map(|m| &m.state),
                    Some(MessageState::Visible)
                ) {
                    g.ready = true;
                    fifo.ready.insert(g.turn, group.clone());
                }
            }
        }
        if g.seqs.is_empty() && g.in_flight == 0 {
            fifo.groups.remove(group);
        }
    }

    /// The messages of a group, oldest first (for the UI and tests).
    pub fn group_messages(&self, group: &str) -> Vec<u64> {
        self.fifo
            .as_ref()
            .and_then(|f| f.groups.get(group))
            .map(|g| g.seqs.iter().copied().collect())
            .unwrap_or_default()
    }

    /// Whether a group has a message in flight (and so yields nothing more for now).
    pub fn group_is_locked(&self, group: &str) -> bool {
        self.fifo
            .as_ref()
            .and_then(|f| f.groups.get(group))
            .is_some_and(|g| g.in_flight > 0)
    }

    /// A retry of a ReceiveMessage with the same ReceiveRequestAttemptId, within 5 minutes, while
    /// none of its messages was deleted or had its visibility changed: the same answer again.
    pub(super) fn repeated_attempt(
        &mut self,
        attempt_id: &str,
        now: Millis,
    ) -> Option<(ReceiveMessageResult, Vec<u64>)> {
        let fifo = self.fifo.as_mut()?;
        let attempt = fifo.attempts.get(attempt_id)?;
        if now >= attempt.at + RECEIVE_ATTEMPT_INTERVAL {
            fifo.attempts.remove(attempt_id);
            return None;
        }
        let unchanged = attempt.taken.iter().all(|&(seq, count)| {
            self.messages.get(&seq).is_some_and(|m| {
                m.receive_count == count && matches!(m.state, MessageState::InFlight { .. })
            })
        });
        if !unchanged {
            return None;
        }
        Some((
            attempt.response.clone(),
            attempt.taken.iter().map(|&(seq, _)| seq).collect(),
        ))
    }

    pub(super) fn record_attempt(
        &mut self,
        attempt_id: String,
        now: Millis,
        taken: Vec<(u64, u32)>,
        response: &ReceiveMessageResult,
    ) {
        if let Some(fifo) = self.fifo.as_mut() {
            fifo.attempts
                .retain(|_, a| now < a.at + RECEIVE_ATTEMPT_INTERVAL);
            fifo.attempts.insert(
                attempt_id,
                Attempt {
                    at: now,
                    taken,
                    response: response.clone(),
                },
            );
        }
    }
}

impl FifoState {
    fn forget_expired_deduplication_ids(&mut self, now: Millis) {
        while let Some((until, _)) = self.dedup_order.front() {
            if *until > now {
                break;
            }
            let Some((until, id)) = self.dedup_order.pop_front() else {
                break;
            };
            if let Some(seen) = self.dedup.get_mut(&id) {
                seen.retain(|s| s.sent.until != until);
                if seen.is_empty() {
                    self.dedup.remove(&id);
                }
            }
        }
    }

    /// Large, increasing, non-consecutive: derived from the virtual time, always above the last one.
    fn next_sequence_number(&mut self, now: Millis) -> u128 {
        const BASE: u128 = 18_000_000_000_000_000_000;
        let from_time = BASE + now as u128 * 10_000;
        self.last_sequence_number = from_time.max(self.last_sequence_number + 1);
        self.last_sequence_number
    }
}
