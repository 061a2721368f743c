//! Many patterns compiled into one index. Each rule's branches are broken into
//! required fields ("slots"); every condition is filed under its field name
//! and, where it has one, the value it needs (exact values, prefixes and
//! suffixes by length, ignore-case values, wildcard heads, IP addresses).
//! An event's leaf values look their conditions up and mark the slots they
//! satisfy; a branch whose slots are all marked is a candidate, checked
//! exactly only when arrays or absent fields could make the count wrong. The
//! work per event follows the event's values and the conditions they meet,
//! not the number of rules.

use super::cond::{fold, Cond, Exact, Range};
use super::eval::{self, Branch, Req};
use super::event::{Flat, Names};
use super::hash::FxMap;
use super::ip::{self, IpRange};
use super::number;
use super::wildcard::Wildcard;
use super::Pattern;
use serde_json::Value;
use std::cell::RefCell;

/// A slot of a branch a condition satisfies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Posting {
    branch: u32,
    slot: u8,
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
    exact_ip: FxMap<Vec<u8>, Postings>,
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
    exists: Postings,
    /// Conditions judged one by one (anything-but): they match most values.
    scan: Vec<(Cond, Posting)>,
}

impl FieldIndex {
    fn has_ignore_case(&self) -> bool {
        !self.equals_ic.is_empty() || !self.prefix_ic.is_empty() || !self.suffix_ic.is_empty()
    }

    fn has_ip(&self) -> bool {
        !self.exact_ip.is_empty() || !self.cidr.is_empty()
    }
}

fn drop_posting(map: &mut FxMap<Box<str>, Postings>, key: &str, p: Posting) {
    if let Some(list) = map.get_mut(key) {
        list.retain(|q| *q != p);
        if list.is_empty() {
            map.remove(key);
        }
    }
}

#[derive(Debug)]
struct BranchSlot {
    rule: u32,
    branch: Branch,
    /// Number of slots that must all be marked.
    required: u32,
    /// Whether a marked-out candidate needs the exact check even without arrays.
    verify: bool,
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
    mask: Vec<u64>,
    touched: Vec<u32>,
    rule_stamp: Vec<u32>,
    rules: Vec<u32>,
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
    /// Branches with no slot (only absent fields, or too many fields).
    always: Vec<u32>,
    live: usize,
    scratch: RefCell<Scratch>,
}

impl<K: Clone + PartialEq> Default for Matcher<K> {
    fn default() -> Self {
        Self::new()
    }
}

const MAX_SLOTS: usize = 64;

impl<K: Clone + PartialEq> Matcher<K> {
    pub fn new() -> Self {
        Matcher {
            names: Names::default(),
            fields: Vec::new(),
            entries: Vec::new(),
            branches: Vec::new(),
            free: Vec::new(),
            always: Vec::new(),
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
            let remap = |id: u32| -> u32 {
                let name = pattern
                    .names
                    .list
                    .get(id as usize)
                    .map(String::as_str)
                    .unwrap_or("");
                self.names.intern(name)
            };
            let mut remap = remap;
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
            let required_reqs: Vec<&Req> = branch.reqs.iter().filter(|r| !r.or_absent).collect();
            let too_many = required_reqs.len() > MAX_SLOTS;
            let required = if too_many {
                0
            } else {
                required_reqs.len() as u32
            };
            let verify =
                !branch.absent.is_empty() || branch.reqs.iter().any(|r| r.or_absent) || too_many;
            if !too_many {
                for (slot, req) in required_reqs.iter().enumerate() {
                    let p = Posting {
                        branch: id,
                        slot: slot as u8,
                    };
                    for cond in &req.conds {
                        self.file(req.name, cond, p, true);
                    }
                }
            }
            if required == 0 {
                self.always.push(id);
            }
            self.branches[id as usize] = Some(BranchSlot {
                rule,
                branch,
                required,
                verify,
            });
            ids.push(id);
        }
        self.entries.push(Some(Entry { key, branches: ids }));
        self.live += 1;
        let scratch = self.scratch.get_mut();
        scratch.stamp.resize(self.branches.len(), 0);
        scratch.mask.resize(self.branches.len(), 0);
        scratch.rule_stamp.resize(self.entries.len(), 0);
    }

    /// Removes every rule added under `key`.
    pub fn remove(&mut self, key: &K) {
        for at in 0..self.entries.len() {
            let matches = matches!(&self.entries[at], Some(e) if e.key == *key);
            if !matches {
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
                let required_reqs: Vec<&Req> =
                    slot.branch.reqs.iter().filter(|r| !r.or_absent).collect();
                if required_reqs.len() <= MAX_SLOTS {
                    for (s, req) in required_reqs.iter().enumerate() {
                        let p = Posting {
                            branch: id,
                            slot: s as u8,
                        };
                        for cond in &req.conds {
                            self.file(req.name, cond, p, false);
                        }
                    }
                }
                self.always.retain(|&b| b != id);
                self.free.push(id);
            }
        }
        // Drop trailing removed entries so positions stay compact.
        while matches!(self.entries.last(), Some(None)) {
            self.entries.pop();
        }
    }

    /// Files (or unfiles) one condition of a slot under its field.
    fn file(&mut self, name: u32, cond: &Cond, p: Posting, insert: bool) {
        let Some(f) = self.fields.get_mut(name as usize) else {
            return;
        };
        fn list_op(list: &mut Postings, p: Posting, insert: bool) {
            if insert {
                list.push(p);
            } else {
                list.retain(|q| *q != p);
            }
        }
        fn map_op(map: &mut FxMap<Box<str>, Postings>, key: &str, p: Posting, insert: bool) {
            if insert {
                map.entry(key.into()).or_default().push(p);
            } else {
                drop_posting(map, key, p);
            }
        }
        fn by_len(b: &mut ByLength, key: &str, p: Posting, insert: bool) {
            if insert {
                b.insert(key, p)
            } else {
                b.remove(key, p)
            }
        }
        match cond {
            Cond::Exact(Exact::Str(s)) => map_op(&mut f.exact, s, p, insert),
            Cond::Exact(Exact::Ip(_, bytes)) => {
                if insert {
                    f.exact_ip.entry(bytes.clone()).or_default().push(p);
                } else if let Some(list) = f.exact_ip.get_mut(bytes) {
                    list.retain(|q| *q != p);
                    if list.is_empty() {
                        f.exact_ip.remove(bytes);
                    }
                }
            }
            Cond::Exact(Exact::Num(n)) => {
                if let Some(v) = n.scaled {
                    if insert {
                        f.exact_scaled.entry(v).or_default().push(p);
                    } else if let Some(list) = f.exact_scaled.get_mut(&v) {
                        list.retain(|q| *q != p);
                        if list.is_empty() {
                            f.exact_scaled.remove(&v);
                        }
                    }
                }
                map_op(&mut f.exact_number_text, &n.text, p, insert);
            }
            Cond::Exact(Exact::True) => list_op(&mut f.exact_true, p, insert),
            Cond::Exact(Exact::False) => list_op(&mut f.exact_false, p, insert),
            Cond::Exact(Exact::Null) => list_op(&mut f.exact_null, p, insert),
            Cond::Prefix(s) => by_len(&mut f.prefix, s, p, insert),
            Cond::Suffix(s) => by_len(&mut f.suffix, s, p, insert),
            Cond::PrefixIgnoreCase(s) => by_len(&mut f.prefix_ic, s, p, insert),
            Cond::SuffixIgnoreCase(s) => by_len(&mut f.suffix_ic, s, p, insert),
            Cond::EqualsIgnoreCase(s) => map_op(&mut f.equals_ic, s, p, insert),
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
            Cond::Exists(true) => list_op(&mut f.exists, p, insert),
            Cond::Exists(false) | Cond::AnythingBut(_) => {
                if insert {
                    f.scan.push((cond.clone(), p));
                } else {
                    f.scan.retain(|(_, q)| *q != p);
                }
            }
        }
    }

    /// The keys of the rules the event matches, in the order they were added
    /// (a key added more than once appears once).
    pub fn matching(&self, event: &Value) -> Vec<K> {
        if !event.is_object() {
            return Vec::new();
        }
        let mut flat = Flat::new();
        flat.read(&self.names, event);
        let mut guard = self.scratch.borrow_mut();
        let s = &mut *guard;
        s.epoch = s.epoch.wrapping_add(1);
        if s.epoch == 0 {
            s.stamp.iter_mut().for_each(|x| *x = 0);
            s.rule_stamp.iter_mut().for_each(|x| *x = 0);
            s.epoch = 1;
        }
        s.touched.clear();
        s.rules.clear();
        let epoch = s.epoch;
        {
            let mut mark = |p: Posting| {
                let b = p.branch as usize;
                if s.stamp[b] != epoch {
                    s.stamp[b] = epoch;
                    s.mask[b] = 0;
                    s.touched.push(p.branch);
                }
                s.mask[b] |= 1u64 << p.slot;
            };
            let mut lowered = String::new();
            for leaf in &flat.leaves {
                let Some(f) = self.fields.get(leaf.name as usize) else {
                    continue;
                };
                probe(f, leaf.value, &mut mark, &mut lowered);
            }
            for (name, f) in self.fields.iter().enumerate() {
                if !f.exists.is_empty() && flat.count(name as u32) > 0 {
                    f.exists.iter().for_each(|&p| mark(p));
                }
            }
        }
        let arrays = !flat.members.is_empty();
        let accept = |id: u32, s: &mut Scratch| {
            let Some(slot) = self.branches.get(id as usize).and_then(Option::as_ref) else {
                return;
            };
            if s.rule_stamp[slot.rule as usize] == epoch {
                return;
            }
            let exact = slot.verify || (arrays && slot.branch.reqs.len() > 1);
            if exact && !eval::branch_matches(&slot.branch, &flat, &|n| n) {
                return;
            }
            s.rule_stamp[slot.rule as usize] = epoch;
            s.rules.push(slot.rule);
        };
        for i in 0..s.touched.len() {
            let id = s.touched[i];
            let Some(slot) = self.branches.get(id as usize).and_then(Option::as_ref) else {
                continue;
            };
            if slot.required > 0 && s.mask[id as usize].count_ones() == slot.required {
                accept(id, s);
            }
        }
        for &id in &self.always {
            accept(id, s);
        }
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

/// Marks every slot one leaf value satisfies in one field's index.
fn probe(f: &FieldIndex, v: &Value, mark: &mut impl FnMut(Posting), lowered: &mut String) {
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
            if f.has_ip() && ip::looks_like_ip(s) {
                if let Ok(bytes) = ip::parse(s) {
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
        Value::Number(n) => {
            let scaled = number::scaled_of(n);
            match scaled {
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
            }
        }
        Value::Bool(true) => all(&f.exact_true),
        Value::Bool(false) => all(&f.exact_false),
        Value::Null => all(&f.exact_null),
        _ => {}
    }
    for (c, p) in &f.scan {
        if c.matches(v) {
            mark(*p);
        }
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
