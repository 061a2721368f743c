//! The index of one field name: where each anchor condition is filed (exact
//! values, IP addresses, prefixes and suffixes by length, ignore-case
//! values, wildcards by their literal head, numeric ranges, CIDR blocks), and
//! how an event's leaf value finds the branches whose anchors it meets.

use super::cond::{fold, Cond, Exact, Range};
use super::event::Leaf;
use super::hash::FxMap;
use super::ip::{self, IpRange};
use super::wildcard::Wildcard;
use serde_json::Value;

/// The branch whose anchor a condition is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Posting {
    pub(crate) branch: u32,
}

pub(crate) type Postings = Vec<Posting>;

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
pub(crate) struct FieldIndex {
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

pub(crate) fn map_op<Q>(map: &mut FxMap<Q, Postings>, key: Q, p: Posting, insert: bool)
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

impl FieldIndex {
    /// Files (or unfiles) one anchor condition.
    pub(crate) fn file(&mut self, cond: &Cond, p: Posting, insert: bool) {
        let f = self;
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
}

/// Marks every branch whose anchor one leaf value meets in one field's index.
pub(crate) fn probe(
    f: &FieldIndex,
    leaf: &Leaf<'_>,
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
