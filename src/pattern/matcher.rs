//! Many patterns compiled into one index. Each branch of each rule picks an
//! anchor: its most selective required field whose conditions can be looked
//! up (exact values, ignore-case values, prefixes and suffixes by length,
//! wildcards by their literal head, IP addresses and blocks, numeric ranges).
//! Only anchors are filed, by field name and value. An event's leaf values
//! look their anchors up; each branch whose anchor is met is then checked
//! exactly, field by field. Branches with no anchor (only `anything-but`,
//! `exists` or absent fields) are checked for every event: they can match
//! most events. So the work per event follows the rules the event's values
//! can reach, not the number of rules.

use super::anchor::{anchor_rank, choose, exact_keys, leaf_key, pair_key, Anchor, Pairs, Quick};
use super::eval::{self, Branch, Req};
use super::event::{Flat, FlatBuf, Names};
use super::index::{map_op, probe, FieldIndex, Posting};
use super::Pattern;
use serde_json::Value;
use std::cell::RefCell;

#[derive(Debug)]
struct BranchSlot {
    rule: u32,
    branch: Branch,
    anchor: Anchor,
}

#[derive(Debug)]
struct Entry<K> {
    key: K,
    branches: Vec<u32>,
}

#[derive(Debug, Default)]
struct Scratch {
    epoch: u32,
    stamp: Vec<u32>,
    candidates: Vec<u32>,
    rule_stamp: Vec<u32>,
    rules: Vec<u32>,
    lowered: String,
    flat: FlatBuf,
}

/// Many patterns compiled into one matcher: the cost per event does not grow
/// with rules that cannot match.
#[derive(Debug)]
pub struct Matcher<K> {
    names: Names,
    fields: Vec<FieldIndex>,
    entries: Vec<Option<Entry<K>>>,
    branches: Vec<Option<BranchSlot>>,
    free: Vec<u32>,
    /// Branches with no anchor, checked for every event.
    always: Vec<u32>,
    pairs: Pairs,
    /// Each branch's quick checks, by branch id.
    quick: Vec<Quick>,
    live: usize,
    scratch: RefCell<Scratch>,
}

impl<K: Clone + PartialEq> Default for Matcher<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Clone + PartialEq> Matcher<K> {
    pub fn new() -> Self {
        Matcher {
            names: Names::default(),
            fields: Vec::new(),
            entries: Vec::new(),
            branches: Vec::new(),
            free: Vec::new(),
            always: Vec::new(),
            pairs: Pairs::default(),
            quick: Vec::new(),
            live: 0,
            scratch: RefCell::new(Scratch::default()),
        }
    }

    /// The number of rules (patterns added and not removed).
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Adds a rule. A key added twice matches when either pattern does.
    pub fn add(&mut self, key: K, pattern: &Pattern) {
        let rule = self.entries.len() as u32;
        let mut ids = Vec::with_capacity(pattern.branches.len());
        for b in &pattern.branches {
            // Re-home the branch's names into the matcher's.
            let mut remap = |id: u32| -> u32 {
                let name = pattern
                    .names
                    .list
                    .get(id as usize)
                    .map(String::as_str)
                    .unwrap_or("");
                self.names.intern(name)
            };
            let branch = Branch {
                reqs: b
                    .reqs
                    .iter()
                    .map(|r| Req {
                        name: remap(r.name),
                        conds: r.conds.clone(),
                        or_absent: r.or_absent,
                    })
                    .collect(),
                absent: b.absent.iter().map(|&a| remap(a)).collect(),
            };
            while self.fields.len() < self.names.len() {
                self.fields.push(FieldIndex::default());
            }
            let id = match self.free.pop() {
                Some(id) => id,
                None => {
                    self.branches.push(None);
                    (self.branches.len() - 1) as u32
                }
            };
            // Check the most selective fields first.
            let mut branch = branch;
            branch
                .reqs
                .sort_by_key(|r| anchor_rank(r).unwrap_or(u32::MAX));
            let anchor = choose(&branch);
            self.file_branch(&branch, anchor, id, true);
            if self.quick.len() < self.branches.len() {
                self.quick.resize(self.branches.len(), Quick::default());
            }
            self.quick[id as usize] = Quick::of(&branch);
            self.branches[id as usize] = Some(BranchSlot {
                rule,
                branch,
                anchor,
            });
            ids.push(id);
        }
        self.entries.push(Some(Entry { key, branches: ids }));
        self.live += 1;
        let scratch = self.scratch.get_mut();
        scratch.stamp.resize(self.branches.len(), 0);
        scratch.rule_stamp.resize(self.entries.len(), 0);
    }

    /// Removes every rule added under `key`.
    pub fn remove(&mut self, key: &K) {
        for at in 0..self.entries.len() {
            if !matches!(&self.entries[at], Some(e) if e.key == *key) {
                continue;
            }
            let Some(entry) = self.entries[at].take() else {
                continue;
            };
            self.live -= 1;
            for id in entry.branches {
                let Some(slot) = self.branches[id as usize].take() else {
                    continue;
                };
                self.file_branch(&slot.branch, slot.anchor, id, false);
                self.free.push(id);
            }
        }
        // Drop trailing removed entries so positions stay compact.
        while matches!(self.entries.last(), Some(None)) {
            self.entries.pop();
        }
    }

    /// Files (or unfiles) a branch under its anchor.
    fn file_branch(&mut self, branch: &Branch, anchor: Anchor, id: u32, insert: bool) {
        let p = Posting { branch: id };
        match anchor {
            Anchor::None => {
                if insert {
                    self.always.push(id);
                } else {
                    self.always.retain(|&b| b != id);
                }
            }
            Anchor::One(i) => {
                let req = &branch.reqs[i];
                for cond in &req.conds {
                    if let Some(f) = self.fields.get_mut(req.name as usize) {
                        f.file(cond, p, insert);
                    }
                }
            }
            Anchor::Two(i, j) => {
                let (a, b) = (&branch.reqs[i], &branch.reqs[j]);
                let pair = match self
                    .pairs
                    .names
                    .iter()
                    .position(|&(x, y, _)| x == a.name && y == b.name)
                {
                    Some(at) => at,
                    None => {
                        self.pairs.names.push((a.name, b.name, 0));
                        self.pairs.names.len() - 1
                    }
                };
                let refs = &mut self.pairs.names[pair].2;
                *refs = if insert {
                    *refs + 1
                } else {
                    refs.saturating_sub(1)
                };
                let (ka, kb) = (
                    exact_keys(a).unwrap_or_default(),
                    exact_keys(b).unwrap_or_default(),
                );
                for &x in &ka {
                    for &y in &kb {
                        map_op(&mut self.pairs.map, pair_key(pair as u32, x, y), p, insert);
                    }
                }
            }
        }
    }

    /// The keys of the rules the event matches, in the order they were added
    /// (a key added more than once appears once).
    pub fn matching(&self, event: &Value) -> Vec<K> {
        if !event.is_object() || self.live == 0 {
            return Vec::new();
        }
        let mut guard = self.scratch.borrow_mut();
        let s = &mut *guard;
        let mut flat = Flat::with(std::mem::take(&mut s.flat));
        flat.read(&self.names, event);
        s.epoch = s.epoch.wrapping_add(1);
        if s.epoch == 0 {
            s.stamp.iter_mut().for_each(|x| *x = 0);
            s.rule_stamp.iter_mut().for_each(|x| *x = 0);
            s.epoch = 1;
        }
        let epoch = s.epoch;
        s.candidates.clear();
        s.rules.clear();
        {
            let Scratch {
                stamp,
                candidates,
                lowered,
                ..
            } = s;
            let mut mark = |p: Posting| {
                let b = p.branch as usize;
                if stamp[b] != epoch {
                    stamp[b] = epoch;
                    candidates.push(p.branch);
                }
            };
            for leaf in &flat.leaves {
                if let Some(f) = self.fields.get(leaf.name as usize) {
                    probe(f, leaf, &mut mark, lowered);
                }
            }
            for (pair, &(a, b, refs)) in self.pairs.names.iter().enumerate() {
                if refs == 0 || flat.count(a) == 0 || flat.count(b) == 0 {
                    continue;
                }
                for la in flat.of(a) {
                    let Some(ka) = leaf_key(la) else {
                        continue;
                    };
                    for lb in flat.of(b) {
                        let Some(kb) = leaf_key(lb) else {
                            continue;
                        };
                        if let Some(list) = self.pairs.map.get(&pair_key(pair as u32, ka, kb)) {
                            list.iter().for_each(|&p| mark(p));
                        }
                    }
                }
            }
        }
        let candidates = std::mem::take(&mut s.candidates);
        for &id in candidates.iter().chain(self.always.iter()) {
            if !self.quick.get(id as usize).is_some_and(|q| q.passes(&flat)) {
                continue;
            }
            let Some(slot) = self.branches.get(id as usize).and_then(Option::as_ref) else {
                continue;
            };
            let rule = slot.rule as usize;
            if s.rule_stamp[rule] == epoch || !eval::branch_matches(&slot.branch, &flat) {
                continue;
            }
            s.rule_stamp[rule] = epoch;
            s.rules.push(slot.rule);
        }
        s.candidates = candidates;
        s.flat = flat.into_buf();
        s.rules.sort_unstable();
        let mut out: Vec<K> = Vec::with_capacity(s.rules.len());
        for &r in &s.rules {
            if let Some(Some(e)) = self.entries.get(r as usize) {
                if !out.contains(&e.key) {
                    out.push(e.key.clone());
                }
            }
        }
        out
    }
}
