//! Judging one pattern against one event, exactly: a branch matches when every
//! required field has a value its conditions accept, all chosen values sitting
//! in the same element of any array they share (AWS matches fields of one
//! array element together), and every field that must be absent has no value
//! anywhere. Also the plain-words explanation of why an event does not match.

use super::cond::Cond;
use super::event::{consistent_merge, Flat, Leaf, Names};
use super::Mismatch;
use serde_json::Value;

/// A field a branch requires.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Req {
    pub name: u32,
    /// Conditions other than `exists: false`; any may match.
    pub conds: Vec<Cond>,
    /// The field also matches when it has no value at all (`exists: false`
    /// listed beside other conditions).
    pub or_absent: bool,
}

/// One way for a pattern to match.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Branch {
    pub reqs: Vec<Req>,
    /// Fields that must have no value (`exists: false` alone).
    pub absent: Vec<u32>,
}

impl Req {
    pub(crate) fn accepts(&self, leaf: &Leaf<'_>) -> bool {
        self.conds.iter().any(|c| c.matches_leaf(leaf))
    }
}

/// Whether the branch matches the flattened event (whose names are the
/// branch's).
pub(crate) fn branch_matches(branch: &Branch, flat: &Flat<'_>) -> bool {
    for &a in &branch.absent {
        if flat.count(a) > 0 {
            return false;
        }
    }
    // Each field on its own first: most branches fail here, cheaply.
    for req in &branch.reqs {
        if req.or_absent && flat.count(req.name) == 0 {
            continue;
        }
        if !flat.of(req.name).any(|l| req.accepts(l)) {
            return false;
        }
    }
    if !flat.has_arrays() || branch.reqs.len() < 2 {
        return true;
    }
    // Then the fields whose values all sit in arrays must agree on the
    // elements (a value outside any array constrains nothing).
    let constrained = |req: &Req| {
        let skipped = req.or_absent && flat.count(req.name) == 0;
        let free = flat
            .of(req.name)
            .any(|l| l.members.0 == l.members.1 && req.accepts(l));
        !skipped && !free
    };
    if branch.reqs.iter().filter(|r| constrained(r)).count() < 2 {
        return true;
    }
    let mut lists: Vec<Vec<&Leaf<'_>>> = Vec::with_capacity(branch.reqs.len());
    for req in branch.reqs.iter().filter(|r| constrained(r)) {
        lists.push(flat.of(req.name).filter(|l| req.accepts(l)).collect());
    }
    if lists.len() < 2 {
        return true;
    }
    lists.sort_by_key(|l| l.len());
    let mut acc = Vec::new();
    search(&lists, 0, flat, &mut acc)
}

fn search(lists: &[Vec<&Leaf<'_>>], at: usize, flat: &Flat<'_>, acc: &mut Vec<(u32, u32)>) -> bool {
    let Some(list) = lists.get(at) else {
        return true;
    };
    for leaf in list {
        let members = flat.members_of(leaf);
        if members.is_empty() {
            if search(lists, at + 1, flat, acc) {
                return true;
            }
            continue;
        }
        let saved = acc.clone();
        if consistent_merge(acc, members) && search(lists, at + 1, flat, acc) {
            return true;
        }
        *acc = saved;
    }
    false
}

fn show(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        let head: String = s.chars().take(57).collect();
        format!("{head}...")
    } else {
        s
    }
}

fn describe(req: &Req) -> String {
    let mut parts: Vec<String> = req.conds.iter().map(Cond::describe).collect();
    if req.or_absent {
        parts.push("absent".into());
    }
    parts.join(" or ")
}

/// How far a branch got: the mismatch of its first failing field, and how
/// many fields matched before it.
fn branch_mismatch(branch: &Branch, names: &Names, flat: &Flat<'_>) -> Option<(usize, Mismatch)> {
    let name_of = |id: u32| names.list.get(id as usize).cloned().unwrap_or_default();
    let mut matched = 0;
    for req in &branch.reqs {
        let mut leaves: Vec<&Leaf<'_>> = flat.of(req.name).collect();
        leaves.reverse();
        if leaves.is_empty() {
            if req.or_absent {
                matched += 1;
                continue;
            }
            let reason = if req.conds.iter().all(|c| matches!(c, Cond::Exists(true))) {
                "the field is required but the event does not have it".to_string()
            } else {
                format!(
                    "the event does not have this field (the pattern wants {})",
                    describe(req)
                )
            };
            return Some((
                matched,
                Mismatch {
                    path: name_of(req.name),
                    reason,
                },
            ));
        }
        if !leaves.iter().any(|l| req.accepts(l)) {
            let got = if leaves.len() == 1 {
                show(leaves[0].value)
            } else {
                let all: Vec<String> = leaves.iter().map(|l| show(l.value)).collect();
                format!("none of [{}]", all.join(", "))
            };
            let verb = if leaves.len() == 1 { "is not" } else { "is" };
            return Some((
                matched,
                Mismatch {
                    path: name_of(req.name),
                    reason: format!("{got} {verb} {}", describe(req)),
                },
            ));
        }
        matched += 1;
    }
    for &a in &branch.absent {
        if let Some(l) = flat.of(a).last() {
            return Some((
                matched,
                Mismatch {
                    path: name_of(a),
                    reason: format!(
                        "the pattern wants this field absent but the event has {}",
                        show(l.value)
                    ),
                },
            ));
        }
        matched += 1;
    }
    if branch_matches(branch, flat) {
        return None;
    }
    let fields: Vec<String> = branch.reqs.iter().map(|r| name_of(r.name)).collect();
    Some((
        matched,
        Mismatch {
            path: fields.first().cloned().unwrap_or_default(),
            reason: format!(
                "each of {} matches some element, but no single element of the event's array matches them all together",
                fields.join(", ")
            ),
        },
    ))
}

/// Why the event does not match any branch: the branch that came closest.
pub(crate) fn explain(branches: &[Branch], names: &Names, event: &Value) -> Result<(), Mismatch> {
    if !event.is_object() {
        return Err(Mismatch {
            path: String::new(),
            reason: "the event is not a JSON object".into(),
        });
    }
    let mut flat = Flat::new();
    flat.read(names, event);
    let mut best: Option<(usize, Mismatch)> = None;
    for b in branches {
        match branch_mismatch(b, names, &flat) {
            None => return Ok(()),
            Some((n, m)) => {
                if best.as_ref().is_none_or(|(bn, _)| n > *bn) {
                    best = Some((n, m));
                }
            }
        }
    }
    Err(best.map(|(_, m)| m).unwrap_or(Mismatch {
        path: String::new(),
        reason: "the pattern has no branch".into(),
    }))
}
