//! When a queue's messages reach the end of their retention period, soonest
//! first. Messages mostly expire in the order they arrived (one retention
//! period for the whole queue), so the oldest message is the next to expire
//! and no index is kept for it; only a message that arrives expiring before an
//! older one (a dead-letter move keeps its first enqueue time) is indexed.

use super::store::Messages;
use crate::sim::Millis;
use std::collections::BTreeSet;

#[derive(Clone, Debug, Default)]
pub struct Expiries {
    /// The latest expiry and seq of the messages that arrived in expiry order.
    tail: (Millis, u64),
    /// (expiry, seq) of the messages that arrived expiring before an older message.
    out_of_order: BTreeSet<(Millis, u64)>,
}

impl Expiries {
    /// A message entered the queue.
    pub fn added(&mut self, expires_at: Millis, seq: u64) {
        if (expires_at, seq) >= self.tail {
            self.tail = (expires_at, seq);
        } else {
            self.out_of_order.insert((expires_at, seq));
        }
    }

    /// A message left the queue (`left` is what remains in it).
    pub fn removed(&mut self, expires_at: Millis, seq: u64, left: &Messages) {
        if !self.out_of_order.is_empty() {
            self.out_of_order.remove(&(expires_at, seq));
        }
        if left.is_empty() {
            self.tail = (0, 0);
        }
    }

    /// (expiry, seq) of the message that expires first.
    pub fn soonest(&self, messages: &Messages) -> Option<(Millis, u64)> {
        let in_order = messages
            .values()
            .map(|m| (m.expires_at, m.seq))
            .find(|key| self.out_of_order.is_empty() || !self.out_of_order.contains(key));
        match (in_order, self.out_of_order.first().copied()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Every message's expiry changed: sorts them again.
    pub fn rebuild(&mut self, messages: &Messages) {
        *self = Self::default();
        for m in messages.values() {
            self.added(m.expires_at, m.seq);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::rng::Rng;

    /// Whatever order messages arrive and leave in, the soonest is the smallest expiry.
    #[test]
    fn the_soonest_expiry_is_the_smallest_whatever_the_arrival_order() {
        let mut rng = Rng::new(3);
        let mut messages = Messages::default();
        let mut expiries = Expiries::default();
        let mut next_seq = 100;
        for _ in 0..5_000 {
            let r = rng.next_u64();
            if r.is_multiple_of(3) && !messages.is_empty() {
                let seqs: Vec<u64> = messages.keys().collect();
                let seq = seqs[(r >> 8) as usize % seqs.len()];
                let m = messages.remove(&seq).expect("present");
                expiries.removed(m.expires_at, seq, &messages);
            } else {
                // Mostly later than everything so far; sometimes (a dead-letter move) earlier,
                // sometimes with an older seq.
                let seq = if r.is_multiple_of(11) {
                    next_seq - 50 - r % 40
                } else {
                    next_seq
                };
                next_seq += 1;
                if messages.contains_key(&seq) {
                    continue;
                }
                let expires_at = if r.is_multiple_of(7) {
                    (r >> 16) % 1_000
                } else {
                    1_000 + next_seq * 10
                };
                let mut m = crate::services::sqs::store::tests::message(seq);
                m.expires_at = expires_at;
                messages.insert(seq, m);
                expiries.added(expires_at, seq);
            }
            let smallest = messages.values().map(|m| (m.expires_at, m.seq)).min();
            assert_eq!(
                expiries.soonest(&messages).map(|k| k.0),
                smallest.map(|k| k.0)
            );
        }
    }
}
