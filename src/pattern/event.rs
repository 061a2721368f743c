//! An event as the matcher sees it: the leaf values (strings, numbers,
//! booleans, null) under the field names some pattern asks about, each with
//! its dotted name and the array elements it sits in. Names are dotted paths,
//! and AWS treats a key with a dot in it like a nested key (`{"a.b": 1}` and
//! `{"a": {"b": 1}}` both have a field `a.b`). Subtrees no pattern names are
//! skipped without being visited.

use super::hash::{FxMap, FxSet};
use serde_json::Value;

/// The field names a pattern (or a set of patterns) asks about.
#[derive(Debug, Clone, Default)]
pub(crate) struct Names {
    ids: FxMap<String, u32>,
    /// Every dotted prefix of a name ("a" and "a.b" for "a.b.c").
    prefixes: FxSet<String>,
    pub(crate) list: Vec<String>,
}

impl Names {
    /// The id of a name, adding it if new.
    pub(crate) fn intern(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = self.list.len() as u32;
        self.ids.insert(name.to_string(), id);
        self.list.push(name.to_string());
        for (i, b) in name.bytes().enumerate() {
            if b == b'.' {
                self.prefixes.insert(name[..i].to_string());
            }
        }
        id
    }

    pub(crate) fn len(&self) -> usize {
        self.list.len()
    }
}

/// One leaf value of the event under a name of interest.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Leaf<'e> {
    pub name: u32,
    pub value: &'e Value,
    /// The leaf's array memberships: a range of [`Flat::members`].
    pub members: (u32, u32),
}

/// The event's leaves of interest, by name.
#[derive(Debug, Default)]
pub(crate) struct Flat<'e> {
    pub leaves: Vec<Leaf<'e>>,
    /// (array id, index) pairs, each leaf's run sorted by array id.
    pub members: Vec<(u32, u32)>,
    /// How many leaves each name has.
    pub counts: Vec<u32>,
    next_array: u32,
}

impl<'e> Flat<'e> {
    pub(crate) fn new() -> Self {
        Flat::default()
    }

    /// Clears and reads `event` for the names in `names`.
    pub(crate) fn read(&mut self, names: &Names, event: &'e Value) {
        self.leaves.clear();
        self.members.clear();
        self.counts.clear();
        self.counts.resize(names.len(), 0);
        self.next_array = 0;
        if let Value::Object(map) = event {
            let mut path = String::with_capacity(64);
            let mut stack = Vec::new();
            for (k, v) in map {
                self.child(names, &mut path, &mut stack, k, v);
            }
        }
    }

    fn child(
        &mut self,
        names: &Names,
        path: &mut String,
        stack: &mut Vec<(u32, u32)>,
        key: &str,
        v: &'e Value,
    ) {
        let len = path.len();
        if len > 0 {
            path.push('.');
        }
        path.push_str(key);
        let id = names.ids.get(path.as_str()).copied();
        if id.is_some() || names.prefixes.contains(path.as_str()) {
            self.visit(names, path, stack, id, v);
        }
        path.truncate(len);
    }

    fn visit(
        &mut self,
        names: &Names,
        path: &mut String,
        stack: &mut Vec<(u32, u32)>,
        id: Option<u32>,
        v: &'e Value,
    ) {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    self.child(names, path, stack, k, child);
                }
            }
            Value::Array(items) => {
                let array = self.next_array;
                self.next_array += 1;
                for (i, item) in items.iter().enumerate() {
                    stack.push((array, i as u32));
                    self.visit(names, path, stack, id, item);
                    stack.pop();
                }
            }
            _ => {
                if let Some(name) = id {
                    let start = self.members.len() as u32;
                    self.members.extend_from_slice(stack);
                    let end = self.members.len() as u32;
                    self.leaves.push(Leaf {
                        name,
                        value: v,
                        members: (start, end),
                    });
                    if let Some(c) = self.counts.get_mut(name as usize) {
                        *c += 1;
                    }
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
