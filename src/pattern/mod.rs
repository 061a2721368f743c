//! The content-filtering language AWS shares between EventBridge event
//! patterns, SNS subscription filter policies and Lambda event-source-mapping
//! filter criteria: parsing and validating a pattern with AWS's reasons
//! ([`Pattern::parse`]), matching one event ([`Pattern::matches`]) and saying
//! why it does not ([`Pattern::explain`]), and many patterns compiled into one
//! index ([`Matcher`]) whose cost per event does not grow with rules that
//! cannot match. A [`Dialect`] chooses what each service accepts and how it
//! words a rejection; nothing here knows any service beyond that.
//!
//! Files: `json` (a Jackson-like reader: AWS's error positions), `compile`
//! (the pattern compiler and its reasons), `cond` (one condition against one
//! value), `number`, `ip`, `wildcard` (operator details), `event` (an event's
//! leaves by dotted name), `eval` (one pattern, exactly, and explanations),
//! `matcher` (the index), `limits` (sizes and SNS's limits), `workload` (seeded
//! rules and events for benchmarks).

mod anchor;
mod compile;
mod complexity;
mod cond;
mod eval;
mod event;
mod hash;
mod index;
mod ip;
mod json;
mod limits;
mod matcher;
pub(crate) mod number;
mod operators;
mod wildcard;
pub mod workload;

#[cfg(test)]
mod tests;

pub use limits::{
    EVENT_PATTERN_MAX_CHARS, LAMBDA_FILTER_PATTERN_MAX_CHARS, SNS_FILTER_POLICY_MAX_BYTES,
    SNS_MAX_COMBINATIONS, SNS_MAX_KEYS,
};
pub use matcher::Matcher;

use eval::{Branch, Req};
use event::Names;
use serde_json::Value;
use std::fmt;

/// Which service's rules a pattern is read by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// EventBridge event patterns (rules, archives, pipes' event buses).
    EventBridge,
    /// SNS subscription filter policies.
    SnsFilterPolicy,
    /// Lambda event source mapping `FilterCriteria` patterns.
    LambdaFilter,
}

/// What kind of rejection: a pattern AWS's compiler refuses, or one past the
/// service's size limit (which some callers answer with a validation error).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvalidKind {
    Invalid,
    TooLong { max: usize },
}

/// A rejected pattern. `reason` is what AWS says after its prefix, word for
/// word (for EventBridge and SNS it usually ends with Jackson's location,
/// `\n at [Source: (String)"..."; line: 1, column: 11]`); [`Self::message`]
/// gives the whole message as the service answers it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidPattern {
    pub reason: String,
    pub dialect: Dialect,
    pub kind: InvalidKind,
}

impl InvalidPattern {
    /// The reason without its location: the first line.
    pub fn headline(&self) -> &str {
        self.reason.split('\n').next().unwrap_or("")
    }

    /// AWS's error code for the rejection.
    pub fn code(&self) -> &'static str {
        match self.dialect {
            Dialect::EventBridge => "InvalidEventPatternException",
            Dialect::SnsFilterPolicy => "InvalidParameter",
            Dialect::LambdaFilter => "InvalidParameterValueException",
        }
    }

    /// The whole message as the service answers it. SNS's `Subscribe` says
    /// "Invalid parameter: Attributes Reason: FilterPolicy: ..." instead;
    /// this is `SetSubscriptionAttributes`'s form. Lambda gives no reason.
    pub fn message(&self) -> String {
        match self.dialect {
            Dialect::EventBridge => format!("Event pattern is not valid. Reason: {}", self.reason),
            Dialect::SnsFilterPolicy => format!("Invalid parameter: FilterPolicy: {}", self.reason),
            Dialect::LambdaFilter => "Invalid filter pattern definition.".to_string(),
        }
    }
}

impl fmt::Display for InvalidPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for InvalidPattern {}

/// Why an event does not match: the dotted path of the first field that
/// failed, and why, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    pub path: String,
    pub reason: String,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.reason)
        } else {
            write!(f, "{}: {}", self.path, self.reason)
        }
    }
}

/// A parsed, validated pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    dialect: Dialect,
    text: String,
    names: Names,
    branches: Vec<Branch>,
    nested: bool,
}

impl Pattern {
    /// Parses and validates `text` as `dialect` reads it.
    pub fn parse(text: &str, dialect: Dialect) -> Result<Pattern, InvalidPattern> {
        let invalid = |reason: String| InvalidPattern {
            reason,
            dialect,
            kind: InvalidKind::Invalid,
        };
        if let Some(max) = limits::too_long(text, dialect) {
            return Err(InvalidPattern {
                reason: match dialect {
                    Dialect::EventBridge => {
                        format!("Event pattern is longer than the maximum of {max} characters")
                    }
                    Dialect::SnsFilterPolicy => {
                        format!("Filter policy is larger than the maximum of {max} bytes")
                    }
                    Dialect::LambdaFilter => {
                        format!("Filter pattern is longer than the maximum of {max} characters")
                    }
                },
                dialect,
                kind: InvalidKind::TooLong { max },
            });
        }
        if dialect == Dialect::SnsFilterPolicy {
            if let Some(reason) = limits::sns_precheck(text) {
                return Err(invalid(reason));
            }
        }
        let compiled = compile::compile(text, dialect).map_err(|e| invalid(e.message))?;
        if dialect == Dialect::SnsFilterPolicy {
            if let Some(reason) = limits::sns_postcheck(&compiled) {
                return Err(invalid(reason));
            }
        }
        let compiled = compiled.branches;
        if dialect == Dialect::EventBridge && complexity::too_complex(&compiled) {
            return Err(invalid(complexity::REASON.to_string()));
        }
        let mut names = Names::default();
        let mut branches = Vec::with_capacity(compiled.len());
        let mut nested = false;
        for fields in compiled {
            let mut branch = Branch::default();
            for (name, conds) in fields {
                nested |= name.contains('.');
                let id = names.intern(&name);
                let or_absent = conds.contains(&cond::Cond::Exists(false));
                let rest: Vec<cond::Cond> = conds
                    .into_iter()
                    .filter(|c| *c != cond::Cond::Exists(false))
                    .collect();
                if rest.is_empty() {
                    branch.absent.push(id);
                } else {
                    branch.reqs.push(Req {
                        name: id,
                        conds: rest,
                        or_absent,
                    });
                }
            }
            branches.push(branch);
        }
        Ok(Pattern {
            dialect,
            text: text.to_string(),
            names,
            branches,
            nested,
        })
    }

    /// The dialect the pattern was read with.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The pattern's text as given.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Whether any field is nested (SNS refuses nested policies when the
    /// subscription filters on message attributes).
    pub fn is_nested(&self) -> bool {
        self.nested
    }

    /// The dotted names of the fields the pattern looks at.
    pub fn field_names(&self) -> &[String] {
        &self.names.list
    }

    /// Whether the event matches.
    pub fn matches(&self, event: &Value) -> bool {
        if !event.is_object() {
            return false;
        }
        let mut flat = event::Flat::new();
        flat.read(&self.names, event);
        self.branches.iter().any(|b| eval::branch_matches(b, &flat))
    }

    /// Why an event does not match: the first field (dotted path) that failed
    /// and why, in plain words ("detail.amount: 42 is not a number >= 100").
    pub fn explain(&self, event: &Value) -> Result<(), Mismatch> {
        eval::explain(&self.branches, &self.names, event)
    }
}
