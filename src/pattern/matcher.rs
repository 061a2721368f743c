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

use super::cond::{fold, Cond, Exact, Range};
use super::eval::{self, Branch, Req};
use super::event::{Flat, FlatBuf, Names};
use super::hash::{FxHasher, FxMap};
use super::ip::{self, IpRange};
use super::number;
use super::wildcard::Wildcard;
use super::Pattern;
use serde_json::Value;
use std::cell::RefCell;
use std::hash::Hasher;

/// The branch whose anchor a condition is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Posting {
    branch: u32,
}

type Postings = Vec<Posting>;

/// Values of one length class: a map from the value to postings, and the
/// sorted lengths present (so a string is probed once per length).
#[derive(Debug, Default)]
struct ByLength {
    map: FxMap<Box<str>, Postings>,
    lengths: Vec<usize>,
    length_counts: FxMap<usize, u32>,
}

impl ByLength {
    fn insert(&mut self, key: &str, p: Posting) {
        let list = self.map.entry(key.into()).or_default();
        list.push(p);
        let count = self.length_counts.entry(key.len()).or_insert(0);
        *count += 1;
        if *count == 1 {
            if let Err(at) = self.lengths.binary_search(&key.len()) {
                self.lengths.insert(at, key.len());
            }
        }
    }

    fn remove(&mut self, key: &str, p: Posting) {
        let mut removed = 0;
        if let Some(list) = self.map.get_mut(key) {
            let before = list.len();
            list.retain(|q| *q != p);
            removed = before - list.len();
            if list.is_empty() {
                self.map.remove(key);
            }
        }
        if removed > 0 {
            if let Some(count) = self.length_counts.get_mut(&key.len()) {
                *count = count.saturating_sub(removed as u32);
                if *count == 0 {
                    self.length_counts.remove(&key.len());
                    self.lengths.retain(|&l| l != key.len());
                }
            }
        }
    }

    fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// Everything filed under one field name.
#[derive(Debug, Default)]
struct FieldIndex {
    exact: FxMap<Box<str>, Postings>,
    exact_scaled: FxMap<i64, Postings>,
    exact_number_text: FxMap<Box<str>, Postings>,
    exact_true: Postings,
    exact_false: Postings,
    exact_null: Postings,
    exact_ip: FxMap<ip::IpBytes, Postings>,
    prefix: ByLength,
    suffix: ByLength,
    prefix_ic: ByLength,
    suffix_ic: ByLength,
    equals_ic: FxMap<Box<str>, Postings>,
    /// Wildcards by their literal head.
    wildcards: FxMap<Box<str>, Vec<(Wildcard, Posting)>>,
    wildcard_heads: ByLength,
    numeric: Vec<(Range, Posting)>,
    cidr: Vec<(IpRange, Posting)>,
}

impl FieldIndex {
    fn has_ignore_case(&self) -> bool {
        !self.equals_ic.is_empty() || !self.prefix_ic.is_empty() || !self.suffix_ic.is_empty()
    }

    fn has_ip(&self) -> bool {
        !self.exact_ip.is_empty() || !self.cidr.is_empty()
    }
}

fn list_op(list: &mut Postings, p: Posting, insert: bool) {
    if insert {
        list.push(p);
    } else {
        list.retain(|q| *q != p);
    }
}

fn map_op<Q>(map: &mut FxMap<Q, Postings>, key: Q, p: Posting, insert: bool)
where
    Q: std::hash::Hash + Eq,
{
    if insert {
        map.entry(key).or_default().push(p);
    } else if let Some(list) = map.get_mut(&key) {
        list.retain(|q| *q != p);
        if list.is_empty() {
            map.remove(&key);
        }
    }
}

fn by_len(b: &mut ByLength, key: &str, p: Posting, insert: bool) {
    if insert {
        b.insert(key, p)
    } else {
        b.remove(key, p)
    }
}

/// How a branch is filed: under one required field, under a pair of
/// fields that need exact values (their combination is far more selective,
/// like a `source` with a `detail-type`), or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    None,
    One(usize),
    Two(usize, usize),
}

#[derive(Debug)]
struct BranchSlot {
    rule: u32,
    branch: Branch,
    anchor: Anchor,
}

/// Up to three of a branch's exact-valued fields (up to two values each),
/// by value key, kept inline in a dense table: most candidates fail on one of
/// these, and checking them touches neither the branch nor its strings.
#[derive(Debug, Clone, Copy, Default)]
struct Quick {
    checks: [QuickCheck; 3],
    len: u8,
}

#[derive(Debug, Clone, Copy, Default)]
struct QuickCheck {
    name: u32,
    keys: [u64; 2],
    n: u8,
}

impl Quick {
    fn of(branch: &Branch) -> Quick {
        let mut q = Quick::default();
        for req in &branch.reqs {
            if usize::from(q.len) == q.checks.len() {
                break;
            }
            let Some(keys) = exact_keys(req) else {
                continue;
            };
            if keys.len() > 2 {
                continue;
            }
            let check = &mut q.checks[usize::from(q.len)];
            check.name = req.name;
            check.n = keys.len() as u8;
            check.keys[..keys.len()].copy_from_slice(&keys);
            q.len += 1;
        }
        q
    }

    /// False when some check surely fails (true is only "maybe").
    fn passes(&self, flat: &Flat<'_>) -> bool {
        self.checks[..usize::from(self.len)].iter().all(|c| {
            let keys = &c.keys[..usize::from(c.n)];
            flat.of(c.name)
                .any(|l| leaf_key(l).is_some_and(|k| keys.contains(&k)))
        })
    }
}

/// Branches filed under pairs of exact values, by a hash of the pair of
/// names and the two values (a collision only adds a candidate).
#[derive(Debug, Default)]
struct Pairs {
    /// (first name, second name, branches filed under the pair).
    names: Vec<(u32, u32, u32)>,
    map: FxMap<u64, Postings>,
}

fn hash_of(parts: impl FnOnce(&mut FxHasher)) -> u64 {
    let mut h = FxHasher::default();
    parts(&mut h);
    h.finish()
}

/// The key of an exact pattern value, as [`value_key`] keys event values.
fn exact_key(e: &Exact) -> Option<u64> {
    Some(match e {
        Exact::Str(s) => hash_of(|h| {
            h.write_u8(b's');
            h.write(s.as_bytes());
        }),
        Exact::Num(n) => match n.scaled {
            Some(x) => hash_of(|h| {
                h.write_u8(b'n');
                h.write_u64(x as u64);
            }),
            None => hash_of(|h| {
                h.write_u8(b'N');
                h.write(n.text.as_bytes());
            }),
        },
        Exact::True => hash_of(|h| h.write_u8(b't')),
        Exact::False => hash_of(|h| h.write_u8(b'f')),
        Exact::Null => hash_of(|h| h.write_u8(b'z')),
        Exact::Ip(..) => return None,
    })
}

/// The key of an event leaf (worked out once per leaf).
fn leaf_key(leaf: &super::event::Leaf<'_>) -> Option<u64> {
    if let Some(k) = leaf.key.get() {
        return (k != 0).then_some(k);
    }
    let k = match leaf.value {
        Value::Number(n) => Some(match leaf.scaled() {
            Some(x) => hash_of(|h| {
                h.write_u8(b'n');
                h.write_u64(x as u64);
            }),
            None => hash_of(|h| {
                h.write_u8(b'N');
                h.write(n.to_string().as_bytes());
            }),
        }),
        v => value_key(v),
    };
    leaf.key.set(Some(k.unwrap_or(0)));
    k
}

fn value_key(v: &Value) -> Option<u64> {
    Some(match v {
        Value::String(s) => hash_of(|h| {
            h.write_u8(b's');
            h.write(s.as_bytes());
        }),
        Value::Number(n) => match number::scaled_of(n) {
            Some(x) => hash_of(|h| {
                h.write_u8(b'n');
                h.write_u64(x as u64);
            }),
            None => hash_of(|h| {
                h.write_u8(b'N');
                h.write(n.to_string().as_bytes());
            }),
        },
        Value::Bool(true) => hash_of(|h| h.write_u8(b't')),
        Value::Bool(false) => hash_of(|h| h.write_u8(b'f')),
        Value::Null => hash_of(|h| h.write_u8(b'z')),
        _ => return None,
    })
}

fn pair_key(pair: u32, a: u64, b: u64) -> u64 {
    hash_of(|h| {
        h.write_u32(pair);
        h.write_u64(a);
        h.write_u64(b);
    })
}

/// The exact values of a field usable in a pair anchor (at most a few).
fn exact_keys(req: &Req) -> Option<Vec<u64>> {
    if req.or_absent || req.conds.len() > 4 {
        return None;
    }
    req.conds
        .iter()
        .map(|c| match c {
            Cond::Exact(e) => exact_key(e),
            _ => None,
        })
        .collect()
}

/// The anchor of a branch whose fields are sorted most selective first.
fn choose(branch: &Branch) -> Anchor {
    let exact: Vec<usize> = (0..branch.reqs.len())
        .filter(|&i| exact_keys(&branch.reqs[i]).is_some())
        .take(2)
        .collect();
    if let [a, b] = exact[..] {
        return Anchor::Two(a, b);
    }
    match choose_anchor(branch) {
        Some(i) => Anchor::One(i),
        None => Anchor::None,
    }
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

/// How selective a required field is as an anchor (lower is better), or
/// `None` when its conditions cannot be looked up.
fn anchor_rank(req: &Req) -> Option<u32> {
    if req.or_absent {
        return None;
    }
    let mut worst = 0;
    for c in &req.conds {
        let rank = match c {
            Cond::Exact(_) => 1,
            Cond::EqualsIgnoreCase(_) => 2,
            Cond::Prefix(p)
            | Cond::Suffix(p)
            | Cond::PrefixIgnoreCase(p)
            | Cond::SuffixIgnoreCase(p) => {
                if p.is_empty() {
                    8
                } else {
                    3
                }
            }
            Cond::Wildcard(w) => {
                if w.head().is_empty() {
                    7
                } else {
                    4
                }
            }
            Cond::Cidr(..) => 5,
            Cond::Numeric(_) => 6,
            Cond::AnythingBut(_) | Cond::Exists(_) => return None,
        };
        worst = worst.max(rank);
    }
    Some(worst * 64 + req.conds.len().min(63) as u32)
}

/// The most selective field of a branch that can be looked up.
fn choose_anchor(branch: &Branch) -> Option<usize> {
    let mut best: Option<(u32, usize)> = None;
    for (i, req) in branch.reqs.iter().enumerate() {
        if let Some(rank) = anchor_rank(req) {
            if best.is_none_or(|(b, _)| rank < b) {
                best = Some((rank, i));
            }
        }
    }
    best.map(|(_, i)| i)
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
                    self.file(req.name, cond, p, insert);
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

    /// Files (or unfiles) one anchor condition under its field.
    fn file(&mut self, name: u32, cond: &Cond, p: Posting, insert: bool) {
        let Some(f) = self.fields.get_mut(name as usize) else {
            return;
        };
        match cond {
            Cond::Exact(Exact::Str(s)) => map_op(&mut f.exact, s.as_str().into(), p, insert),
            Cond::Exact(Exact::Ip(_, bytes)) => map_op(&mut f.exact_ip, *bytes, p, insert),
            Cond::Exact(Exact::Num(n)) => match n.scaled {
                Some(v) => map_op(&mut f.exact_scaled, v, p, insert),
                None => map_op(&mut f.exact_number_text, n.text.as_str().into(), p, insert),
            },
            Cond::Exact(Exact::True) => list_op(&mut f.exact_true, p, insert),
            Cond::Exact(Exact::False) => list_op(&mut f.exact_false, p, insert),
            Cond::Exact(Exact::Null) => list_op(&mut f.exact_null, p, insert),
            Cond::Prefix(s) => by_len(&mut f.prefix, s, p, insert),
            Cond::Suffix(s) => by_len(&mut f.suffix, s, p, insert),
            Cond::PrefixIgnoreCase(s) => by_len(&mut f.prefix_ic, s, p, insert),
            Cond::SuffixIgnoreCase(s) => by_len(&mut f.suffix_ic, s, p, insert),
            Cond::EqualsIgnoreCase(s) => map_op(&mut f.equals_ic, s.as_str().into(), p, insert),
            Cond::Wildcard(w) => {
                let head = w.head();
                if insert {
                    f.wildcards
                        .entry(head.into())
                        .or_default()
                        .push((w.clone(), p));
                } else if let Some(list) = f.wildcards.get_mut(head) {
                    list.retain(|(_, q)| *q != p);
                    if list.is_empty() {
                        f.wildcards.remove(head);
                    }
                }
                by_len(&mut f.wildcard_heads, head, p, insert);
            }
            Cond::Numeric(r) => {
                if insert {
                    f.numeric.push((*r, p));
                } else {
                    f.numeric.retain(|(_, q)| *q != p);
                }
            }
            Cond::Cidr(_, r) => {
                if insert {
                    f.cidr.push((r.clone(), p));
                } else {
                    f.cidr.retain(|(_, q)| *q != p);
                }
            }
            // Never anchors.
            Cond::Exists(_) | Cond::AnythingBut(_) => {}
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

/// Marks every branch whose anchor one leaf value meets in one field's index.
fn probe(
    f: &FieldIndex,
    leaf: &super::event::Leaf<'_>,
    mark: &mut impl FnMut(Posting),
    lowered: &mut String,
) {
    let v = leaf.value;
    let mut all = |list: &Postings| list.iter().for_each(|&p| mark(p));
    match v {
        Value::String(s) => {
            if let Some(l) = f.exact.get(s.as_str()) {
                all(l);
            }
            probe_prefixes(&f.prefix, s, &mut all);
            probe_suffixes(&f.suffix, s, &mut all);
            if f.has_ignore_case() {
                lowered.clear();
                lowered.push_str(&fold(s));
                if let Some(l) = f.equals_ic.get(lowered.as_str()) {
                    all(l);
                }
                probe_prefixes(&f.prefix_ic, lowered, &mut all);
                probe_suffixes(&f.suffix_ic, lowered, &mut all);
            }
            for &len in &f.wildcard_heads.lengths {
                if len > s.len() {
                    break;
                }
                let Some(head) = s.get(..len) else { continue };
                if let Some(list) = f.wildcards.get(head) {
                    for (w, p) in list {
                        if w.matches(s) {
                            mark(*p);
                        }
                    }
                }
            }
            if f.has_ip() {
                if let Some(bytes) = leaf.ip() {
                    if let Some(l) = f.exact_ip.get(&bytes) {
                        l.iter().for_each(|&p| mark(p));
                    }
                    for (r, p) in &f.cidr {
                        if r.contains(&bytes) {
                            mark(*p);
                        }
                    }
                }
            }
        }
        Value::Number(_)
            if f.exact_scaled.is_empty()
                && f.numeric.is_empty()
                && f.exact_number_text.is_empty() => {}
        Value::Number(n) => match leaf.scaled() {
            Some(x) => {
                if let Some(l) = f.exact_scaled.get(&x) {
                    all(l);
                }
                for (r, p) in &f.numeric {
                    if r.contains(x) {
                        mark(*p);
                    }
                }
            }
            None => {
                if !f.exact_number_text.is_empty() {
                    if let Some(l) = f.exact_number_text.get(n.to_string().as_str()) {
                        all(l);
                    }
                }
            }
        },
        Value::Bool(true) => all(&f.exact_true),
        Value::Bool(false) => all(&f.exact_false),
        Value::Null => all(&f.exact_null),
        _ => {}
    }
}

fn probe_prefixes(b: &ByLength, s: &str, all: &mut impl FnMut(&Postings)) {
    for &len in &b.lengths {
        if len > s.len() {
            break;
        }
        if let Some(l) = s.get(..len).and_then(|k| b.map.get(k)) {
            all(l);
        }
    }
}

fn probe_suffixes(b: &ByLength, s: &str, all: &mut impl FnMut(&Postings)) {
    for &len in &b.lengths {
        if len > s.len() {
            break;
        }
        if let Some(l) = s.get(s.len() - len..).and_then(|k| b.map.get(k)) {
            all(l);
        }
    }
}
