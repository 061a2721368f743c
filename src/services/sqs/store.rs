//! The messages of one queue, by arrival order (`seq`): found, added and
//! removed in O(1). A message never moves once stored (a slot in `entries`,
//! reused after it leaves); `slots` maps each seq from the oldest message
//! still in the queue to its slot, so walking it gives arrival order.

use super::model::Message;
use std::collections::VecDeque;

/// `slots` entry of a seq whose message has left the queue.
const GONE: u32 = u32::MAX;

#[derive(Clone, Debug, Default)]
pub struct Messages {
    /// The seq of `slots[0]`.
    base: u64,
    /// The slot in `entries` of each seq from `base`, or GONE.
    slots: VecDeque<u32>,
    /// Boxed, so a message is written once and moves as a pointer.
    entries: Vec<Option<Box<Message>>>,
    /// Free slots in `entries`.
    free: Vec<u32>,
    len: usize,
}

impl Messages {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn slot(&self, seq: u64) -> Option<usize> {
        let at = usize::try_from(seq.checked_sub(self.base)?).ok()?;
        match *self.slots.get(at)? {
            GONE => None,
            slot => Some(slot as usize),
        }
    }

    pub fn get(&self, seq: &u64) -> Option<&Message> {
        self.entries.get(self.slot(*seq)?)?.as_deref()
    }

    pub fn get_mut(&mut self, seq: &u64) -> Option<&mut Message> {
        let slot = self.slot(*seq)?;
        self.entries.get_mut(slot)?.as_deref_mut()
    }

    pub fn contains_key(&self, seq: &u64) -> bool {
        self.slot(*seq).is_some()
    }

    /// Stores a message under `seq` (a new, highest seq in the commonest case), replacing any there.
    pub fn insert(&mut self, seq: u64, message: Box<Message>) -> Option<Box<Message>> {
        let old = self.remove(&seq);
        let slot = match self.free.pop() {
            Some(slot) => {
                self.entries[slot as usize] = Some(message);
                slot
            }
            None => {
                self.entries.push(Some(message));
                (self.entries.len() - 1) as u32
            }
        };
        if self.slots.is_empty() {
            self.base = seq;
        }
        while seq < self.base {
            self.slots.push_front(GONE);
            self.base -= 1;
        }
        let at = (seq - self.base) as usize;
        if at >= self.slots.len() {
            self.slots.resize(at + 1, GONE);
        }
        self.slots[at] = slot;
        self.len += 1;
        old
    }

    pub fn remove(&mut self, seq: &u64) -> Option<Box<Message>> {
        let slot = self.slot(*seq)?;
        let at = (*seq - self.base) as usize;
        self.slots[at] = GONE;
        let message = self.entries[slot].take();
        self.free.push(slot as u32);
        self.len -= 1;
        // Only live seqs are kept at both ends, so the map spans the oldest to the newest message.
        while self.slots.front() == Some(&GONE) {
            self.slots.pop_front();
            self.base += 1;
        }
        while self.slots.back() == Some(&GONE) {
            self.slots.pop_back();
        }
        if self.len == 0 {
            self.entries.clear();
            self.free.clear();
        }
        message
    }

    /// Every message, oldest first.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Message> + '_ {
        self.slots
            .iter()
            .filter(|&&slot| slot != GONE)
            .filter_map(|&slot| self.entries.get(slot as usize)?.as_deref())
    }

    /// Every message, in no particular order.
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut Message> + '_ {
        self.entries.iter_mut().flatten().map(|m| &mut **m)
    }

    /// Every seq, oldest first.
    pub fn keys(&self) -> impl Iterator<Item = u64> + '_ {
        let base = self.base;
        self.slots
            .iter()
            .enumerate()
            .filter(|(_, &slot)| slot != GONE)
            .map(move |(at, _)| base + at as u64)
    }

    /// The oldest message's seq.
    pub fn first_key(&self) -> Option<u64> {
        (!self.is_empty()).then_some(self.base)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::services::sqs::model::MessageState;

    pub(in crate::services::sqs) fn message(seq: u64) -> Box<Message> {
        Box::new(Message {
            seq,
            message_id: seq.to_string().into(),
            body: crate::services::sqs::wire::Body::new(&format!("m{seq}")),
            sent_timestamp: 0,
            enqueued_at: 0,
            expires_at: 0,
            first_receive_timestamp: None,
            received_at: None,
            receive_count: 0,
            receipt: None,
            state: MessageState::Visible,
            message_attributes: Default::default(),
            aws_trace_header: None,
            dead_letter_queue_source_arn: None,
            group_id: None,
            deduplication_id: None,
            sequence_number: None,
        })
    }

    #[test]
    fn messages_keep_arrival_order_whatever_leaves() {
        let mut m = Messages::default();
        for seq in 5..12 {
            m.insert(seq, message(seq));
        }
        assert_eq!(m.remove(&5).map(|x| x.seq), Some(5));
        assert_eq!(m.remove(&8).map(|x| x.seq), Some(8));
        assert_eq!(m.remove(&11).map(|x| x.seq), Some(11));
        assert!(m.remove(&8).is_none());
        assert_eq!(m.keys().collect::<Vec<_>>(), [6, 7, 9, 10]);
        assert_eq!(m.first_key(), Some(6));
        m.insert(12, message(12));
        m.insert(3, message(3));
        let order: Vec<u64> = m.values().map(|x| x.seq).collect();
        assert_eq!(order, [3, 6, 7, 9, 10, 12]);
        assert_eq!(m.len(), 6);
        assert_eq!(m.get(&9).map(|x| &**x.body), Some("m9"));
        for seq in [3, 6, 7, 9, 10, 12] {
            m.remove(&seq);
        }
        assert!(m.is_empty() && m.first_key().is_none() && m.values().next().is_none());
    }
}
