//! How the matcher files a branch: its anchor (the most selective field that
//! can be looked up, or a pair of exact-valued fields), the keys exact values
//! are hashed to, and the quick checks that turn most candidates away
//! before their conditions are read.

use super::cond::{Cond, Exact};
use super::eval::{Branch, Req};
use super::event::{Flat, Leaf};
use super::hash::{FxHasher, FxMap};
use super::index::Postings;
use super::number;
use serde_json::Value;
use std::hash::Hasher;

/// How a branch is filed: under one required field, under a pair of
/// fields that need exact values (their combination is far more selective,
/// like a `source` with a `detail-type`), or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchor {
    None,
    One(usize),
    Two(usize, usize),
}

/// Up to three of a branch's exact-valued fields (up to two values each),
/// by value key, kept inline in a dense table: most candidates fail on one of
/// these, and checking them touches neither the branch nor its strings.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Quick {
    checks: [QuickCheck; 3],
    len: u8,
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct QuickCheck {
    name: u32,
    keys: [u64; 2],
    n: u8,
}

impl Quick {
    pub(crate) fn of(branch: &Branch) -> Quick {
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
    pub(crate) fn passes(&self, flat: &Flat<'_>) -> bool {
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
pub(crate) struct Pairs {
    /// (first name, second name, branches filed under the pair).
    pub(crate) names: Vec<(u32, u32, u32)>,
    pub(crate) map: FxMap<u64, Postings>,
}

pub(crate) fn hash_of(parts: impl FnOnce(&mut FxHasher)) -> u64 {
    let mut h = FxHasher::default();
    parts(&mut h);
    h.finish()
}

/// The key of an exact pattern value, as [`value_key`] keys event values.
pub(crate) fn exact_key(e: &Exact) -> Option<u64> {
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
pub(crate) fn leaf_key(leaf: &Leaf<'_>) -> Option<u64> {
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

pub(crate) fn value_key(v: &Value) -> Option<u64> {
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

pub(crate) fn pair_key(pair: u32, a: u64, b: u64) -> u64 {
    hash_of(|h| {
        h.write_u32(pair);
        h.write_u64(a);
        h.write_u64(b);
    })
}

/// The exact values of a field usable in a pair anchor (at most a few).
pub(crate) fn exact_keys(req: &Req) -> Option<Vec<u64>> {
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
pub(crate) fn choose(branch: &Branch) -> Anchor {
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

/// How selective a required field is as an anchor (lower is better), or
/// `None` when its conditions cannot be looked up.
pub(crate) fn anchor_rank(req: &Req) -> Option<u32> {
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
pub(crate) fn choose_anchor(branch: &Branch) -> Option<usize> {
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
