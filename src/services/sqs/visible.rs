//! The visible messages of one queue, by seq: a two-level bit set over the seqs
//! from the oldest visible message to the newest. A receive takes the oldest in
//! O(1), a send (always the newest seq) or a message visible again sets one bit,
//! and nothing is allocated per message. Memory follows the span of seqs, not
//! the count: 520 bytes per 4,096 seqs.

use std::collections::VecDeque;

/// Seqs per block: one summary word over 64 words of 64 bits.
const BLOCK: u64 = 64 * 64;

#[derive(Clone, Debug, Default)]
pub struct VisibleSet {
    /// The seq of bit 0 of `words[0]`, a multiple of BLOCK.
    base: u64,
    /// One bit per seq from `base`; always 64 words per block.
    words: VecDeque<u64>,
    /// Bit i of `summary[b]` is set when `words[b * 64 + i]` is not zero. While the set is not
    /// empty, its first and last words are not zero.
    summary: VecDeque<u64>,
    len: usize,
}

impl VisibleSet {
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Adds a seq; false when it was already there.
    pub fn insert(&mut self, seq: u64) -> bool {
        if self.len == 0 {
            self.words.clear();
            self.summary.clear();
            self.base = seq - seq % BLOCK;
        }
        while seq < self.base {
            self.summary.push_front(0);
            for _ in 0..64 {
                self.words.push_front(0);
            }
            self.base -= BLOCK;
        }
        let at = seq - self.base;
        let block = (at / BLOCK) as usize;
        while self.summary.len() <= block {
            self.summary.push_back(0);
            self.words.extend([0; 64]);
        }
        let word = (at / 64) as usize;
        let bit = 1u64 << (at % 64);
        if self.words[word] & bit != 0 {
            return false;
        }
        self.words[word] |= bit;
        self.summary[block] |= 1 << (word % 64);
        self.len += 1;
        true
    }

    /// Takes a seq out; false when it was not there.
    pub fn remove(&mut self, seq: u64) -> bool {
        let Some(at) = seq.checked_sub(self.base) else {
            return false;
        };
        let word = usize::try_from(at / 64).unwrap_or(usize::MAX);
        let bit = 1u64 << (at % 64);
        match self.words.get_mut(word) {
            Some(w) if *w & bit != 0 => *w &= !bit,
            _ => return false,
        }
        self.len -= 1;
        if self.words[word] == 0 {
            self.summary[word / 64] &= !(1 << (word % 64));
        }
        if self.len == 0 {
            self.words.clear();
            self.summary.clear();
            return true;
        }
        // Keep only blocks that hold a seq at both ends.
        while self.summary.front() == Some(&0) {
            self.summary.pop_front();
            self.words.drain(..64);
            self.base += BLOCK;
        }
        while self.summary.back() == Some(&0) {
            self.summary.pop_back();
            self.words.truncate(self.words.len() - 64);
        }
        true
    }

    /// The oldest seq.
    pub fn first(&self) -> Option<u64> {
        let summary = *self.summary.front()?;
        let word = summary.trailing_zeros() as u64;
        let bits = self.words[word as usize];
        Some(self.base + word * 64 + bits.trailing_zeros() as u64)
    }

    /// Takes the oldest seq out.
    pub fn pop_first(&mut self) -> Option<u64> {
        let seq = self.first()?;
        self.remove(seq);
        Some(seq)
    }

    /// Every seq, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = u64> + '_ {
        self.summary
            .iter()
            .enumerate()
            .flat_map(move |(b, &summary)| {
                bits(summary).flat_map(move |i| {
                    let word = b * 64 + i as usize;
                    let first = self.base + word as u64 * 64;
                    bits(self.words[word]).map(move |j| first + j)
                })
            })
    }
}

impl Extend<u64> for VisibleSet {
    fn extend<I: IntoIterator<Item = u64>>(&mut self, seqs: I) {
        for seq in seqs {
            self.insert(seq);
        }
    }
}

/// The positions of the set bits of a word, lowest first.
fn bits(mut word: u64) -> impl Iterator<Item = u64> {
    std::iter::from_fn(move || {
        (word != 0).then(|| {
            let at = word.trailing_zeros() as u64;
            word &= word - 1;
            at
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// The same operations on a BTreeSet and a VisibleSet give the same answers.
    #[test]
    fn a_visible_set_behaves_as_an_ordered_set() {
        let mut rng = crate::sim::rng::Rng::new(7);
        let mut model = BTreeSet::new();
        let mut set = VisibleSet::default();
        for step in 0..20_000u64 {
            let r = rng.next_u64();
            // Mostly near the newest seqs, sometimes far back or far ahead.
            let seq = match r % 10 {
                0 => r % 50_000,
                1 => 40_000 + step * 3,
                _ => step + (r >> 8) % 200,
            };
            match (r >> 4) % 4 {
                0 | 1 => assert_eq!(set.insert(seq), model.insert(seq)),
                2 => assert_eq!(set.remove(seq), model.remove(&seq)),
                _ => assert_eq!(set.pop_first(), model.pop_first()),
            }
            assert_eq!(set.len(), model.len());
            assert_eq!(set.first(), model.first().copied());
            if step % 997 == 0 {
                assert!(set.iter().eq(model.iter().copied()));
            }
        }
        while let Some(seq) = model.pop_first() {
            assert_eq!(set.pop_first(), Some(seq));
        }
        assert!(set.is_empty() && set.first().is_none() && set.words.is_empty());
    }
}
