//! An event as the matcher sees it: the leaf values (strings, numbers,
//! booleans, null) under the field names some pattern asks about, each with
//! its dotted name and the array elements it sits in. Names are dotted paths,
//! and AWS treats a key with a dot in it like a nested key (`{"a.b": 1}` and
//! `{"a": {"b": 1}}` both have a field `a.b`), so names are kept as a trie of
//! dot-separated segments that an event's keys walk. Subtrees no pattern
//! names are skipped without being visited.

use super::hash::FxMap;
use super::ip::{self, IpBytes};
use super::number;
use serde_json::Value;
use std::cell::Cell;

const NONE: u32 = u32::MAX;

/// A trie node: its children by segment (a short list scanned, or a map once
/// there are many), and the name that ends here.
#[derive(Debug, Clone, Default)]
struct Node {
    few: Vec<(Box<str>, u32)>,
    many: FxMap<Box<str>, u32>,
    /// Bit `len % 64` is set for the length of every child segment, and bit
    /// `byte % 64` for its first byte: most keys of an event are turned away
    /// by these alone.
    lengths: u64,
    firsts: u64,
    name: Option<u32>,
}

const FEW: usize = 8;

impl Node {
    #[inline]
    fn may_have(&self, seg: &str) -> bool {
        let first = seg.as_bytes().first().copied().unwrap_or(0);
        self.lengths & (1u64 << (seg.len() % 64)) != 0 && self.firsts & (1u64 << (first % 64)) != 0
    }

    #[inline]
    fn child(&self, seg: &str) -> Option<u32> {
        if !self.may_have(seg) {
            return None;
        }
        if self.many.is_empty() {
            self.few
                .iter()
                .find(|(k, _)| k.len() == seg.len() && **k == *seg)
                .map(|&(_, c)| c)
        } else {
            self.many.get(seg).copied()
        }
    }

    fn add(&mut self, seg: &str, child: u32) {
        self.lengths |= 1u64 << (seg.len() % 64);
        self.firsts |= 1u64 << (seg.as_bytes().first().copied().unwrap_or(0) % 64);
        if self.many.is_empty() && self.few.len() < FEW {
            self.few.push((seg.into(), child));
        } else {
            if self.many.is_empty() {
                self.many.extend(self.few.drain(..));
            }
            self.many.insert(seg.into(), child);
        }
    }

    fn is_leaf(&self) -> bool {
        self.few.is_empty() && self.many.is_empty()
    }
}

/// The field names a pattern (or a set of patterns) asks about.
#[derive(Debug, Clone)]
pub(crate) struct Names {
    nodes: Vec<Node>,
    pub(crate) list: Vec<String>,
}

impl Default for Names {
    fn default() -> Self {
        Names {
            nodes: vec![Node::default()],
            list: Vec::new(),
        }
    }
}

impl Names {
    /// The id of a name, adding it if new.
    pub(crate) fn intern(&mut self, name: &str) -> u32 {
        let mut at = 0usize;
        for seg in name.split('.') {
            at = match self.nodes[at].child(seg) {
                Some(child) => child as usize,
                None => {
                    let child = self.nodes.len();
                    self.nodes.push(Node::default());
                    self.nodes[at].add(seg, child as u32);
                    child
                }
            };
        }
        if let Some(id) = self.nodes[at].name {
            return id;
        }
        let id = self.list.len() as u32;
        self.nodes[at].name = Some(id);
        self.list.push(name.to_string());
        id
    }

    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }

    /// The trie node an event key leads to from `from`, if any name lies there.
    #[inline]
    fn step(&self, from: usize, key: &str) -> Option<usize> {
        let node = self.nodes.get(from)?;
        if node.may_have(key) {
            if let Some(c) = node.child(key) {
                return Some(c as usize);
            }
        }
        if node.is_leaf() || !key.as_bytes().contains(&b'.') {
            return None;
        }
        self.step_dotted(from, key)
    }

    /// A key with dots walks one trie level per segment.
    #[cold]
    fn step_dotted(&self, from: usize, key: &str) -> Option<usize> {
        let mut at = from;
        for seg in key.split('.') {
            at = self.nodes.get(at)?.child(seg)? as usize;
        }
        Some(at)
    }
}

/// One leaf value of the event under a name of interest.
#[derive(Debug, Clone)]
pub(crate) struct Leaf<'e> {
    pub name: u32,
    pub value: &'e Value,
    /// The leaf's array memberships: a range of [`Flat::members`].
    pub members: (u32, u32),
    /// The next leaf with the same name.
    next: u32,
    /// The number scaled for comparison, once worked out.
    scaled: Cell<Option<Option<i64>>>,
    /// The matcher's key of the value, once worked out.
    pub key: Cell<Option<u64>>,
    /// The value read as an IP address, once worked out.
    ip: Cell<Option<Option<IpBytes>>>,
}

impl Leaf<'_> {
    /// The value as an IP address, if it is a string that reads as one.
    pub(crate) fn ip(&self) -> Option<IpBytes> {
        if let Some(known) = self.ip.get() {
            return known;
        }
        let v = match self.value {
            Value::String(s) if ip::looks_like_ip(s) => ip::parse(s).ok(),
            _ => None,
        };
        self.ip.set(Some(v));
        v
    }

    /// The value as a comparable number (scaled by 10^6), if it is one.
    pub(crate) fn scaled(&self) -> Option<i64> {
        if let Some(known) = self.scaled.get() {
            return known;
        }
        let v = match self.value {
            Value::Number(n) => number::scaled_of(n),
            _ => None,
        };
        self.scaled.set(Some(v));
        v
    }
}

/// The buffers of a [`Flat`] that do not borrow the event, kept between
/// events by the matcher so reading an event allocates little.
#[derive(Debug, Default)]
pub(crate) struct FlatBuf {
    members: Vec<(u32, u32)>,
    head: Vec<u32>,
    counts: Vec<u32>,
    stack: Vec<(u32, u32)>,
}

/// The event's leaves of interest, by name.
#[derive(Debug, Default)]
pub(crate) struct Flat<'e> {
    pub leaves: Vec<Leaf<'e>>,
    /// (array id, index) pairs, each leaf's run sorted by array id.
    pub members: Vec<(u32, u32)>,
    head: Vec<u32>,
    counts: Vec<u32>,
    stack: Vec<(u32, u32)>,
    next_array: u32,
}

/// The leaves of one name.
pub(crate) struct ByName<'a, 'e> {
    flat: &'a Flat<'e>,
    at: u32,
}

impl<'a, 'e> Iterator for ByName<'a, 'e> {
    type Item = &'a Leaf<'e>;
    fn next(&mut self) -> Option<Self::Item> {
        let leaf = self.flat.leaves.get(self.at as usize)?;
        self.at = leaf.next;
        Some(leaf)
    }
}

impl<'e> Flat<'e> {
    pub(crate) fn new() -> Self {
        Flat::default()
    }

    /// A flat that reuses a buffer's allocations.
    pub(crate) fn with(buf: FlatBuf) -> Self {
        Flat {
            leaves: Vec::with_capacity(32),
            members: buf.members,
            head: buf.head,
            counts: buf.counts,
            stack: buf.stack,
            next_array: 0,
        }
    }

    /// Gives the reusable buffers back.
    pub(crate) fn into_buf(self) -> FlatBuf {
        FlatBuf {
            members: self.members,
            head: self.head,
            counts: self.counts,
            stack: self.stack,
        }
    }

    /// Clears and reads `event` for the names in `names`.
    pub(crate) fn read(&mut self, names: &Names, event: &'e Value) {
        self.leaves.clear();
        self.members.clear();
        self.head.clear();
        self.head.resize(names.len(), NONE);
        self.counts.clear();
        self.counts.resize(names.len(), 0);
        self.next_array = 0;
        if let Value::Object(map) = event {
            let mut stack = std::mem::take(&mut self.stack);
            stack.clear();
            for (k, v) in map {
                if let Some(node) = names.step(0, k) {
                    self.visit(names, &mut stack, node, v);
                }
            }
            self.stack = stack;
        }
    }

    fn visit(&mut self, names: &Names, stack: &mut Vec<(u32, u32)>, node: usize, v: &'e Value) {
        match v {
            Value::Object(map) => {
                if names.nodes[node].is_leaf() {
                    return;
                }
                for (k, child) in map {
                    if let Some(next) = names.step(node, k) {
                        self.visit(names, stack, next, child);
                    }
                }
            }
            Value::Array(items) => {
                let array = self.next_array;
                self.next_array += 1;
                for (i, item) in items.iter().enumerate() {
                    stack.push((array, i as u32));
                    self.visit(names, stack, node, item);
                    stack.pop();
                }
            }
            _ => {
                if let Some(name) = names.nodes[node].name {
                    let start = self.members.len() as u32;
                    self.members.extend_from_slice(stack);
                    let end = self.members.len() as u32;
                    let at = self.leaves.len() as u32;
                    let slot = name as usize;
                    self.leaves.push(Leaf {
                        name,
                        value: v,
                        members: (start, end),
                        next: self.head[slot],
                        scaled: Cell::new(None),
                        key: Cell::new(None),
                        ip: Cell::new(None),
                    });
                    self.head[slot] = at;
                    self.counts[slot] += 1;
                }
            }
        }
    }

    pub(crate) fn members_of(&self, leaf: &Leaf<'_>) -> &[(u32, u32)] {
        self.members
            .get(leaf.members.0 as usize..leaf.members.1 as usize)
            .unwrap_or(&[])
    }

    pub(crate) fn count(&self, name: u32) -> u32 {
        self.counts.get(name as usize).copied().unwrap_or(0)
    }

    /// The leaves under one name (latest first).
    pub(crate) fn of(&self, name: u32) -> ByName<'_, 'e> {
        ByName {
            flat: self,
            at: self.head.get(name as usize).copied().unwrap_or(NONE),
        }
    }

    /// Whether any leaf sits in an array.
    pub(crate) fn has_arrays(&self) -> bool {
        !self.members.is_empty()
    }
}

/// Merges `add` into `acc` (both sorted by array id); false when the two sit
/// in different elements of the same array.
pub(crate) fn consistent_merge(acc: &mut Vec<(u32, u32)>, add: &[(u32, u32)]) -> bool {
    for &(array, index) in add {
        match acc.binary_search_by_key(&array, |&(a, _)| a) {
            Ok(at) => {
                if acc[at].1 != index {
                    return false;
                }
            }
            Err(at) => acc.insert(at, (array, index)),
        }
    }
    true
}
