//! Timers in virtual time, fired in order of (due time, insertion order).
//! A cancelled timer never fires. Each timer is either `Pending` work (a
//! message becoming visible, a delivery, a retry) that keeps the world busy
//! for `run idle`, or `Background` (schedules, pollers, retention sweeps) that
//! does not.

use super::hash::FastMap;
use super::Millis;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimerId(u64);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerClass {
    Pending,
    Background,
}

#[derive(Debug)]
pub struct Scheduler<T> {
    heap: BinaryHeap<Reverse<(Millis, u64)>>,
    live: FastMap<u64, (T, TimerClass)>,
    next_seq: u64,
    pending: usize,
}

impl<T> Default for Scheduler<T> {
    fn default() -> Self {
        Scheduler {
            heap: BinaryHeap::new(),
            live: FastMap::default(),
            next_seq: 0,
            pending: 0,
        }
    }
}

impl<T> Scheduler<T> {
    pub fn schedule(&mut self, due: Millis, class: TimerClass, timer: T) -> TimerId {
        let seq = self.next_seq;
        self.next_seq += 1;
        self.heap.push(Reverse((due, seq)));
        self.live.insert(seq, (timer, class));
        if class == TimerClass::Pending {
            self.pending += 1;
        }
        TimerId(seq)
    }

    /// Cancels a timer; returns false when it had already fired or been cancelled.
    pub fn cancel(&mut self, id: TimerId) -> bool {
        match self.live.remove(&id.0) {
            Some((_, class)) => {
                if class == TimerClass::Pending {
                    self.pending -= 1;
                }
                true
            }
            None => false,
        }
    }

    /// When the next live timer is due.
    pub fn next_due(&mut self) -> Option<Millis> {
        while let Some(&Reverse((due, seq))) = self.heap.peek() {
            if self.live.contains_key(&seq) {
                return Some(due);
            }
            self.heap.pop();
        }
        None
    }

    /// Removes and returns the next live timer if it is due at or before `now`.
    pub fn pop_due(&mut self, now: Millis) -> Option<(Millis, T)> {
        let due = self.next_due()?;
        if due > now {
            return None;
        }
        let Reverse((due, seq)) = self.heap.pop()?;
        let (timer, class) = self.live.remove(&seq)?;
        if class == TimerClass::Pending {
            self.pending -= 1;
        }
        Some((due, timer))
    }

    /// The live timers in the order they will fire (due time, then insertion order), to
    /// foresee what comes next without firing anything.
    pub fn upcoming(&self) -> impl Iterator<Item = (Millis, &T)> {
        let mut order: Vec<(Millis, u64)> = self
            .heap
            .iter()
            .map(|Reverse(key)| *key)
            .filter(|(_, seq)| self.live.contains_key(seq))
            .collect();
        order.sort_unstable();
        order
            .into_iter()
            .filter_map(|(due, seq)| self.live.get(&seq).map(|(timer, _)| (due, timer)))
    }

    /// How many `Pending` timers are still to fire.
    pub fn pending(&self) -> usize {
        self.pending
    }

    pub fn len(&self) -> usize {
        self.live.len()
    }

    pub fn is_empty(&self) -> bool {
        self.live.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timers_fire_by_due_time_then_by_insertion_order() {
        let mut s = Scheduler::default();
        s.schedule(20, TimerClass::Pending, "c");
        s.schedule(10, TimerClass::Pending, "a");
        s.schedule(10, TimerClass::Background, "b");
        assert_eq!(s.pop_due(5), None);
        let order: Vec<_> = std::iter::from_fn(|| s.pop_due(100))
            .map(|(_, t)| t)
            .collect();
        assert_eq!(order, ["a", "b", "c"]);
    }

    #[test]
    fn upcoming_lists_live_timers_in_firing_order_without_firing_them() {
        let mut s = Scheduler::default();
        s.schedule(20, TimerClass::Pending, "c");
        let gone = s.schedule(5, TimerClass::Pending, "cancelled");
        s.schedule(10, TimerClass::Background, "a");
        s.schedule(10, TimerClass::Pending, "b");
        s.cancel(gone);
        let seen: Vec<_> = s.upcoming().collect();
        assert_eq!(seen, [(10, &"a"), (10, &"b"), (20, &"c")]);
        assert_eq!(s.len(), 3);
    }

    #[test]
    fn a_cancelled_timer_never_fires_and_is_not_pending() {
        let mut s = Scheduler::default();
        let id = s.schedule(10, TimerClass::Pending, 1);
        s.schedule(30, TimerClass::Background, 2);
        assert_eq!(s.pending(), 1);
        assert!(s.cancel(id));
        assert!(!s.cancel(id));
        assert_eq!(s.pending(), 0);
        assert_eq!(s.next_due(), Some(30));
    }
}
