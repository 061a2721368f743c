//! One match condition of a field (one element of a field's array in a
//! pattern) and how it judges one value of the event. A field matches when any
//! of its conditions matches any of its values.

use super::event::Leaf;
use super::ip::{IpBytes, IpRange};
use super::number;
use super::wildcard::Wildcard;
use serde_json::Value;

/// A number as a pattern holds it: comparable (scaled by 10^6) when it can be,
/// and always its canonical text, compared exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Num {
    pub scaled: Option<i64>,
    pub text: String,
}

impl Num {
    pub(crate) fn from_text(text: &str) -> Num {
        Num {
            scaled: number::scaled(text).ok(),
            text: number::canonical_text(text),
        }
    }

    /// Whether an event number (and its scaled value) is this number.
    fn matches(&self, n: &serde_json::Number, scaled: Option<i64>) -> bool {
        match (self.scaled, scaled) {
            (Some(a), Some(b)) => a == b,
            (Some(_), None) => false,
            _ => self.text == n.to_string(),
        }
    }
}

/// One end of a numeric range: the scaled bound and whether it is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Bound {
    pub value: i64,
    pub open: bool,
}

/// A numeric range; `numeric: ["=", x]` is the closed range `[x, x]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Range {
    pub low: Option<Bound>,
    pub high: Option<Bound>,
}

impl Range {
    pub(crate) fn contains(&self, v: i64) -> bool {
        let above = match self.low {
            None => true,
            Some(b) if b.open => v > b.value,
            Some(b) => v >= b.value,
        };
        let below = match self.high {
            None => true,
            Some(b) if b.open => v < b.value,
            Some(b) => v <= b.value,
        };
        above && below
    }
}

/// An exact value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Exact {
    Str(String),
    /// A string that is an IP address: matches the address in any spelling.
    Ip(String, IpBytes),
    Num(Num),
    True,
    False,
    Null,
}

/// What `anything-but` excludes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum But {
    Strings(Vec<String>),
    Numbers(Vec<Num>),
    Prefixes(Vec<String>),
    Suffixes(Vec<String>),
    /// Lower-cased values.
    IgnoreCase(Vec<String>),
    Wildcards(Vec<Wildcard>),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cond {
    Exact(Exact),
    Prefix(String),
    Suffix(String),
    /// Lower-cased.
    PrefixIgnoreCase(String),
    /// Lower-cased.
    SuffixIgnoreCase(String),
    /// Lower-cased.
    EqualsIgnoreCase(String),
    Wildcard(Wildcard),
    AnythingBut(But),
    Numeric(Range),
    Cidr(String, IpRange),
    Exists(bool),
}

/// Lower-cases for case-insensitive comparison.
pub(crate) fn fold(s: &str) -> String {
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

/// `fold(s) == lower`, without allocating for ASCII text.
fn equals_fold(s: &str, lower: &str) -> bool {
    if s.is_ascii() && lower.is_ascii() {
        s.eq_ignore_ascii_case(lower)
    } else {
        fold(s) == lower
    }
}

/// `fold(s).starts_with(lower)`, without allocating for ASCII text.
fn starts_with_fold(s: &str, lower: &str) -> bool {
    if s.is_ascii() && lower.is_ascii() {
        s.len() >= lower.len() && s.as_bytes()[..lower.len()].eq_ignore_ascii_case(lower.as_bytes())
    } else {
        fold(s).starts_with(lower)
    }
}

/// `fold(s).ends_with(lower)`, without allocating for ASCII text.
fn ends_with_fold(s: &str, lower: &str) -> bool {
    if s.is_ascii() && lower.is_ascii() {
        s.len() >= lower.len()
            && s.as_bytes()[s.len() - lower.len()..].eq_ignore_ascii_case(lower.as_bytes())
    } else {
        fold(s).ends_with(lower)
    }
}

impl Cond {
    /// Whether this condition accepts a leaf of a flattened event (whose
    /// number is scaled once, however many conditions read it).
    pub(crate) fn matches_leaf(&self, leaf: &Leaf<'_>) -> bool {
        let v = leaf.value;
        let scaled = || leaf.scaled();
        match self {
            Cond::Exact(e) => match (e, v) {
                (Exact::Str(s), Value::String(t)) => s == t,
                (Exact::Ip(_, ip), Value::String(_)) => leaf.ip() == Some(*ip),
                (Exact::Num(n), Value::Number(m)) => n.matches(m, scaled()),
                (Exact::True, Value::Bool(true)) => true,
                (Exact::False, Value::Bool(false)) => true,
                (Exact::Null, Value::Null) => true,
                _ => false,
            },
            Cond::Prefix(p) => matches!(v, Value::String(s) if s.starts_with(p.as_str())),
            Cond::Suffix(p) => matches!(v, Value::String(s) if s.ends_with(p.as_str())),
            Cond::PrefixIgnoreCase(p) => matches!(v, Value::String(s) if starts_with_fold(s, p)),
            Cond::SuffixIgnoreCase(p) => matches!(v, Value::String(s) if ends_with_fold(s, p)),
            Cond::EqualsIgnoreCase(p) => matches!(v, Value::String(s) if equals_fold(s, p)),
            Cond::Wildcard(w) => matches!(v, Value::String(s) if w.matches(s)),
            Cond::AnythingBut(b) => match b {
                But::Strings(list) => match v {
                    Value::String(s) => !list.iter().any(|x| x == s),
                    _ => true,
                },
                But::Numbers(list) => match v {
                    Value::Number(n) => {
                        let x = scaled();
                        !list.iter().any(|y| y.matches(n, x))
                    }
                    _ => true,
                },
                But::Prefixes(list) => match v {
                    Value::String(s) => !list.iter().any(|p| s.starts_with(p.as_str())),
                    _ => true,
                },
                But::Suffixes(list) => match v {
                    Value::String(s) => !list.iter().any(|p| s.ends_with(p.as_str())),
                    _ => true,
                },
                But::IgnoreCase(list) => match v {
                    Value::String(s) => !list.iter().any(|x| equals_fold(s, x)),
                    _ => true,
                },
                But::Wildcards(list) => match v {
                    Value::String(s) => !list.iter().any(|w| w.matches(s)),
                    _ => true,
                },
            },
            Cond::Numeric(r) => {
                matches!(v, Value::Number(_)) && scaled().is_some_and(|x| r.contains(x))
            }
            Cond::Cidr(_, r) => leaf.ip().is_some_and(|b| r.contains(&b)),
            Cond::Exists(e) => *e,
        }
    }

    /// The condition in plain words ("a string starting with \"us-\"").
    pub(crate) fn describe(&self) -> String {
        fn q(s: &str) -> String {
            Value::String(s.to_string()).to_string()
        }
        fn list(items: Vec<String>) -> String {
            items.join(", ")
        }
        fn bound(r: &Range) -> String {
            let mut parts = Vec::new();
            if let Some(b) = r.low {
                if r.high == Some(b) && !b.open {
                    return format!("= {}", number::format_scaled(b.value));
                }
                parts.push(format!(
                    "{} {}",
                    if b.open { ">" } else { ">=" },
                    number::format_scaled(b.value)
                ));
            }
            if let Some(b) = r.high {
                parts.push(format!(
                    "{} {}",
                    if b.open { "<" } else { "<=" },
                    number::format_scaled(b.value)
                ));
            }
            parts.join(" and ")
        }
        match self {
            Cond::Exact(Exact::Str(s)) => q(s),
            Cond::Exact(Exact::Ip(s, _)) => format!("the IP address {s}"),
            Cond::Exact(Exact::Num(n)) => n.text.clone(),
            Cond::Exact(Exact::True) => "true".into(),
            Cond::Exact(Exact::False) => "false".into(),
            Cond::Exact(Exact::Null) => "null".into(),
            Cond::Prefix(p) => format!("a string starting with {}", q(p)),
            Cond::Suffix(p) => format!("a string ending with {}", q(p)),
            Cond::PrefixIgnoreCase(p) => format!("a string starting with {} (any case)", q(p)),
            Cond::SuffixIgnoreCase(p) => format!("a string ending with {} (any case)", q(p)),
            Cond::EqualsIgnoreCase(p) => format!("{} in any case", q(p)),
            Cond::Wildcard(w) => format!("a string like {}", q(&w.source)),
            Cond::AnythingBut(b) => match b {
                But::Strings(l) => {
                    format!("anything but {}", list(l.iter().map(|s| q(s)).collect()))
                }
                But::Numbers(l) => format!(
                    "anything but {}",
                    list(l.iter().map(|n| n.text.clone()).collect())
                ),
                But::Prefixes(l) => format!(
                    "anything but a string starting with {}",
                    list(l.iter().map(|s| q(s)).collect())
                ),
                But::Suffixes(l) => format!(
                    "anything but a string ending with {}",
                    list(l.iter().map(|s| q(s)).collect())
                ),
                But::IgnoreCase(l) => format!(
                    "anything but {} in any case",
                    list(l.iter().map(|s| q(s)).collect())
                ),
                But::Wildcards(l) => format!(
                    "anything but a string like {}",
                    list(l.iter().map(|w| q(&w.source)).collect())
                ),
            },
            Cond::Numeric(r) => format!("a number {}", bound(r)),
            Cond::Cidr(s, _) => format!("an IP address in {s}"),
            Cond::Exists(true) => "present".into(),
            Cond::Exists(false) => "absent".into(),
        }
    }
}
