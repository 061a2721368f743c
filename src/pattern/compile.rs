//! The pattern compiler: reads pattern JSON token by token, the way AWS's
//! compiler does, into branches (one per combination of `$or` choices), each a
//! list of dotted field names with their conditions. Every rejection carries
//! AWS's reason, worded and positioned as AWS words and positions it.

use super::cond::{Cond, Exact, Num};
use super::json::{JsonError, Lexer, Tok};
use super::{ip, Dialect};

/// A field of a branch: its dotted name and its conditions (any may match).
pub(crate) type Field = (String, Vec<Cond>);
/// One way for the pattern to match: every field must.
pub(crate) type Branch = Vec<Field>;

/// The most combinations of `$or` choices a pattern may make.
pub(crate) const MAX_BRANCHES: usize = 1024;

/// Field names AWS reserves inside `$or`.
const RESERVED_IN_OR: &[&str] = &[
    "exactly",
    "equals-ignore-case",
    "prefix",
    "suffix",
    "anything-but",
    "exists",
    "wildcard",
    "numeric",
    "cidr",
    "html",
    "=",
    "<",
    "<=",
    ">",
    ">=",
    "regex",
    "not-wildcard",
    "not-equals-ignore-case",
    "date-after",
    "date-on-or-after",
    "date-before",
    "date-on-or-before",
    "in-date-range",
    "ip-address-in-range",
    "ip-address-not-in-range",
];

pub(crate) struct Compiler<'a> {
    pub(crate) lx: Lexer<'a>,
    pub(crate) dialect: Dialect,
    /// The nesting depth each field was last written at (1 at the top).
    pub(crate) depths: Vec<(String, usize)>,
    /// The distinct keys of the pattern's top-level object.
    pub(crate) top_keys: Vec<String>,
}

/// A compiled pattern: its branches, and what SNS's limits count.
pub(crate) struct Compiled {
    pub branches: Vec<Branch>,
    pub depths: Vec<(String, usize)>,
    pub top_keys: usize,
}

pub(crate) type R<T> = Result<T, JsonError>;

/// Compiles pattern text into branches.
pub(crate) fn compile(text: &str, dialect: Dialect) -> Result<Compiled, JsonError> {
    let mut c = Compiler {
        lx: Lexer::new(text),
        dialect,
        depths: Vec::new(),
        top_keys: Vec::new(),
    };
    let branches = c.run()?;
    Ok(Compiled {
        branches,
        depths: c.depths,
        top_keys: c.top_keys.len(),
    })
}

fn put(rule: &mut Branch, name: &str, values: Vec<Cond>) {
    if let Some(slot) = rule.iter_mut().find(|(n, _)| n == name) {
        slot.1 = values;
    } else {
        rule.push((name.to_string(), values));
    }
}

impl Compiler<'_> {
    pub(crate) fn barf<T>(&self, message: &str) -> R<T> {
        Err(self.lx.error(message))
    }

    fn next(&mut self) -> R<Option<Tok>> {
        self.lx.next_token()
    }

    /// The next token, treating the end of the input as Jackson does (a
    /// missing token is never the one the compiler wants).
    pub(crate) fn next_tok(&mut self) -> R<Tok> {
        match self.next()? {
            Some(t) => Ok(t),
            None => self.barf("Unexpected end-of-input"),
        }
    }

    fn run(&mut self) -> R<Vec<Branch>> {
        let mut rules: Vec<Branch> = Vec::new();
        if self.next()? != Some(Tok::StartObject) {
            return self.barf("Filter is not an object");
        }
        let mut path = Vec::new();
        self.parse_object(&mut rules, &mut path, false)?;
        Ok(rules)
    }

    fn extended(path: &[String], step: &str) -> String {
        let mut s = String::new();
        for p in path {
            s.push_str(p);
            s.push('.');
        }
        s.push_str(step);
        s
    }

    fn parse_object(
        &mut self,
        rules: &mut Vec<Branch>,
        path: &mut Vec<String>,
        in_or: bool,
    ) -> R<()> {
        let mut fields_present = false;
        loop {
            let tok = self.next_tok()?;
            let step = match tok {
                Tok::EndObject => break,
                Tok::FieldName(n) => n,
                _ => return self.barf("Unexpected token"),
            };
            fields_present = true;
            if path.is_empty() && !in_or && !self.top_keys.contains(&step) {
                self.top_keys.push(step.clone());
            }
            if step == "$or" {
                self.parse_or(rules, path)?;
                continue;
            }
            if in_or && RESERVED_IN_OR.contains(&step.as_str()) {
                return self.barf(&format!(
                    "{step} is Ruler reserved fieldName which cannot be used inside $or."
                ));
            }
            match self.next_tok()? {
                Tok::StartObject => {
                    path.push(step);
                    self.parse_object(rules, path, in_or)?;
                    path.pop();
                }
                Tok::StartArray => {
                    let name = Self::extended(path, &step);
                    let depth = path.len() + 1;
                    match self.depths.iter_mut().find(|(n, _)| *n == name) {
                        Some(slot) => slot.1 = depth,
                        None => self.depths.push((name.clone(), depth)),
                    }
                    self.write_rules(rules, &name)?;
                }
                _ => return self.barf(&format!("\"{step}\" must be an object or an array")),
            }
        }
        if !fields_present {
            return self.barf("Empty objects are not allowed");
        }
        Ok(())
    }

    fn parse_or(&mut self, rules: &mut Vec<Branch>, path: &mut Vec<String>) -> R<()> {
        let current: Vec<Branch> = std::mem::take(rules);
        if self.next_tok()? != Tok::StartArray {
            return self.barf("It must be an Array followed with $or.");
        }
        let mut count = 0;
        loop {
            let tok = self.next_tok()?;
            if tok == Tok::EndArray {
                break;
            }
            count += 1;
            if tok == Tok::StartObject {
                let mut new_rules = current.clone();
                if new_rules.is_empty() {
                    new_rules.push(Vec::new());
                }
                self.parse_object(&mut new_rules, path, true)?;
                rules.extend(new_rules);
                if rules.len() > MAX_BRANCHES {
                    // Stratus's guard: AWS documents no limit here.
                    return Err(JsonError {
                        message: "Rule is too complex".to_string(),
                    });
                }
            } else {
                return self.barf("Only JSON object is allowed in array of $or relationship.");
            }
        }
        if count < 2 {
            return self.barf("There must have at least 2 Objects in $or relationship.");
        }
        Ok(())
    }

    fn write_rules(&mut self, rules: &mut Vec<Branch>, name: &str) -> R<()> {
        let mut values = Vec::new();
        loop {
            let tok = self.next_tok()?;
            match tok {
                Tok::EndArray => break,
                Tok::StartObject => values.push(self.match_expression()?),
                Tok::Str => {
                    let s = self.lx.text()?;
                    if ip::looks_like_ip(&s) {
                        if let Ok(bytes) = ip::parse(&s) {
                            values.push(Cond::Exact(Exact::Ip(s, bytes)));
                            continue;
                        }
                    }
                    values.push(Cond::Exact(Exact::Str(s)));
                }
                Tok::Number(text) => values.push(Cond::Exact(Exact::Num(Num::from_text(&text)))),
                Tok::Null => values.push(Cond::Exact(Exact::Null)),
                Tok::True => values.push(Cond::Exact(Exact::True)),
                Tok::False => values.push(Cond::Exact(Exact::False)),
                _ => return self.barf("Match value must be String, number, true, false, or null"),
            }
        }
        if values.is_empty() {
            return self.barf("Empty arrays are not allowed");
        }
        if rules.is_empty() {
            rules.push(Vec::new());
        }
        for rule in rules.iter_mut() {
            put(rule, name, values.clone());
        }
        Ok(())
    }
}
