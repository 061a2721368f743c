//! The match expressions of a pattern (`{"prefix": ...}`, `{"numeric": [...]}`,
//! `{"anything-but": ...}` and the rest), read and checked with AWS's reasons
//! and positions. Which operators a dialect accepts is decided here too.

use super::compile::{Compiler, R};
use super::cond::{fold, Bound, But, Cond, Num, Range};
use super::json::{JsonError, Tok};
use super::wildcard;
use super::{ip, number, Dialect};

impl Compiler<'_> {
    fn end_object_or(&mut self, message: &str) -> R<()> {
        if self.next_tok()? != Tok::EndObject {
            return self.barf(message);
        }
        Ok(())
    }

    const ONE_KEY: &'static str = "Only one key allowed in match expression";
    const TOO_MANY: &'static str = "Too many elements in numeric expression";

    fn unsupported(&self, op: &str) -> bool {
        match self.dialect {
            Dialect::EventBridge => false,
            // SNS does not document wildcard matching.
            Dialect::SnsFilterPolicy => op == "wildcard",
            // Lambda documents neither wildcards nor IP address matching.
            Dialect::LambdaFilter => op == "wildcard" || op == "cidr",
        }
    }

    pub(crate) fn match_expression(&mut self) -> R<Cond> {
        let Tok::FieldName(op) = self.next_tok()? else {
            return self.barf("Match expression name not found");
        };
        if self.unsupported(&op) {
            return self.barf(&format!("Unrecognized match type {op}"));
        }
        match op.as_str() {
            "prefix" | "suffix" => {
                let is_prefix = op == "prefix";
                let tok = self.next_tok()?;
                if tok == Tok::StartObject {
                    return self.ignore_case_affix(is_prefix);
                }
                if tok != Tok::Str {
                    return self.barf(&format!("{op} match pattern must be a string"));
                }
                let s = self.lx.text()?;
                self.end_object_or(Self::ONE_KEY)?;
                Ok(if is_prefix {
                    Cond::Prefix(s)
                } else {
                    Cond::Suffix(s)
                })
            }
            "numeric" => {
                if self.next_tok()? != Tok::StartArray {
                    return self.barf("Value of numeric must be an array.");
                }
                let range = self.numeric()?;
                self.end_object_or(Self::TOO_MANY)?;
                Ok(Cond::Numeric(range))
            }
            "anything-but" => self.anything_but(),
            "exists" => {
                let cond = match self.next_tok()? {
                    Tok::True => Cond::Exists(true),
                    Tok::False => Cond::Exists(false),
                    _ => return self.barf("exists match pattern must be either true or false."),
                };
                self.end_object_or(Self::ONE_KEY)?;
                Ok(cond)
            }
            "cidr" => {
                if self.next_tok()? != Tok::Str {
                    // AWS's own wording for a cidr that is not a string.
                    return self.barf("prefix match pattern must be a string");
                }
                let s = self.lx.text()?;
                // A malformed block is reported without a location, as AWS does.
                let range = ip::cidr(&s).map_err(|message| JsonError { message })?;
                self.end_object_or(Self::ONE_KEY)?;
                Ok(Cond::Cidr(s, range))
            }
            "equals-ignore-case" => {
                if self.next_tok()? != Tok::Str {
                    return self.barf("equals-ignore-case match pattern must be a string");
                }
                let s = self.lx.text()?;
                self.end_object_or(Self::ONE_KEY)?;
                Ok(Cond::EqualsIgnoreCase(fold(&s)))
            }
            "wildcard" => {
                if self.next_tok()? != Tok::Str {
                    return self.barf("wildcard match pattern must be a string");
                }
                let s = self.lx.text()?;
                let w = match wildcard::parse(&s) {
                    Ok(w) => w,
                    Err(reason) => return self.barf(&reason),
                };
                self.end_object_or(Self::ONE_KEY)?;
                Ok(Cond::Wildcard(w))
            }
            _ => self.barf(&format!("Unrecognized match type {op}")),
        }
    }

    fn ignore_case_affix(&mut self, is_prefix: bool) -> R<Cond> {
        let (label, lower) = if is_prefix {
            ("Prefix", "prefix")
        } else {
            ("Suffix", "suffix")
        };
        let Tok::FieldName(op) = self.next_tok()? else {
            return self.barf(&format!("{label} expression name not found"));
        };
        if op != "equals-ignore-case" {
            return self.barf(&format!("Unsupported {lower} pattern: {op}"));
        }
        if self.next_tok()? != Tok::Str {
            return self.barf("equals-ignore-case match pattern must be a string");
        }
        let s = fold(&self.lx.text()?);
        self.end_object_or(Self::ONE_KEY)?;
        self.end_object_or(Self::ONE_KEY)?;
        Ok(if is_prefix {
            Cond::PrefixIgnoreCase(s)
        } else {
            Cond::SuffixIgnoreCase(s)
        })
    }

    /// Numbers in `anything-but` and `numeric` must be comparable.
    fn comparable(&self, text: &str) -> Result<i64, String> {
        number::scaled(text).map_err(|_| number::OUT_OF_RANGE_MESSAGE.to_string())
    }

    fn anything_but(&mut self) -> R<Cond> {
        let mut kind = ButKind::Plain;
        let mut tok = self.next_tok()?;
        if tok == Tok::StartObject {
            let Tok::FieldName(op) = self.next_tok()? else {
                return self.barf("Anything-But expression name not found");
            };
            let allowed: &[&str] = match self.dialect {
                Dialect::EventBridge => &["equals-ignore-case", "prefix", "suffix", "wildcard"],
                // SNS documents anything-but with prefix only.
                Dialect::SnsFilterPolicy => &["prefix"],
                // Lambda documents plain anything-but only.
                Dialect::LambdaFilter => &[],
            };
            if !allowed.contains(&op.as_str()) {
                return self.barf(&format!("Unsupported anything-but pattern: {op}"));
            }
            if self.dialect == Dialect::SnsFilterPolicy {
                // SNS's compiler takes one prefix string, not a list.
                if self.next_tok()? != Tok::Str {
                    return self.barf("prefix match pattern must be a string");
                }
                let text = self.lx.text()?;
                if text.is_empty() {
                    return self.barf("Null prefix not allowed");
                }
                self.end_object_or(Self::TOO_MANY)?;
                self.end_object_or(Self::TOO_MANY)?;
                return Ok(Cond::AnythingBut(But::Prefixes(vec![text])));
            }
            kind = match op.as_str() {
                "equals-ignore-case" => ButKind::IgnoreCase,
                "prefix" => ButKind::Prefix,
                "suffix" => ButKind::Suffix,
                _ => ButKind::Wildcard,
            };
            tok = self.next_tok()?;
        }
        if !matches!(tok, Tok::StartArray | Tok::Str | Tok::Number(_)) {
            return self
                .barf("Value of anything-but must be an array or single string/number value.");
        }
        // The message AWS gives for a non-string inside anything-but's object.
        let type_message = match (kind, self.dialect) {
            (ButKind::IgnoreCase, _) => {
                "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
            }
            (ButKind::Wildcard, _) => "wildcard match pattern must be a string",
            (_, Dialect::SnsFilterPolicy) => "prefix match pattern must be a string",
            _ => "prefix/suffix match pattern must be a string",
        };
        let but = if tok == Tok::StartArray {
            // Errors inside a list are reported twice over, location and all,
            // as AWS reports them (its list reader rethrows what it caught).
            let (values, numbers) = match self.anything_but_list(kind, type_message) {
                Ok(read) => read,
                Err(inner) => return self.barf(&inner),
            };
            if numbers {
                But::Numbers(values.iter().map(|t| Num::from_text(t)).collect())
            } else {
                self.build_but(kind, values)?
            }
        } else if kind == ButKind::Plain {
            match tok {
                Tok::Str => But::Strings(vec![self.lx.text()?]),
                Tok::Number(text) => {
                    // Out of range here escapes AWS's reader: no location.
                    if let Err(message) = self.comparable(&text) {
                        return Err(JsonError { message });
                    }
                    But::Numbers(vec![Num::from_text(&text)])
                }
                _ => {
                    return self
                        .barf("Inside anything-but list, start|null|boolean is not supported.")
                }
            }
        } else {
            if tok != Tok::Str {
                return self.barf(type_message);
            }
            let text = self.lx.text()?;
            if text.is_empty() && matches!(kind, ButKind::Prefix | ButKind::Suffix) {
                return self.barf("Null prefix/suffix not allowed");
            }
            self.build_but(kind, vec![text])?
        };
        self.end_object_or(Self::TOO_MANY)?;
        if kind != ButKind::Plain {
            self.end_object_or(Self::TOO_MANY)?;
        }
        Ok(Cond::AnythingBut(but))
    }

    /// Reads anything-but's list; an error comes back as the full inner
    /// message (with its location), to be reported again.
    fn anything_but_list(
        &mut self,
        kind: ButKind,
        type_message: &str,
    ) -> Result<(Vec<String>, bool), String> {
        let plain = kind == ButKind::Plain;
        let mut values = Vec::new();
        let (mut numbers, mut strings) = (false, false);
        loop {
            let tok = self.next_tok().map_err(|e| e.message)?;
            match tok {
                Tok::EndArray => break,
                Tok::Str => {
                    let text = self.lx.text().map_err(|e| e.message)?;
                    if text.is_empty() && matches!(kind, ButKind::Prefix | ButKind::Suffix) {
                        return Err(self.lx.error("Null prefix/suffix not allowed").message);
                    }
                    values.push(text);
                    strings = true;
                }
                Tok::Number(text) if plain => {
                    self.comparable(&text)?;
                    values.push(text);
                    numbers = true;
                }
                _ if plain => {
                    return Err(self
                        .lx
                        .error("Inside anything but list, start|null|boolean is not supported.")
                        .message)
                }
                _ => return Err(self.lx.error(type_message).message),
            }
        }
        if plain && numbers == strings {
            return Err(self
                .lx
                .error("Inside anything but list, either all values are number or string, mixed type is not supported")
                .message);
        }
        Ok((values, numbers))
    }

    fn build_but(&self, kind: ButKind, values: Vec<String>) -> R<But> {
        Ok(match kind {
            ButKind::Plain => But::Strings(values),
            ButKind::IgnoreCase => But::IgnoreCase(values.iter().map(|s| fold(s)).collect()),
            ButKind::Prefix => But::Prefixes(values),
            ButKind::Suffix => But::Suffixes(values),
            ButKind::Wildcard => {
                let mut ws = Vec::new();
                for s in values {
                    match wildcard::parse(&s) {
                        Ok(w) => ws.push(w),
                        Err(m) => return self.barf(&m),
                    }
                }
                But::Wildcards(ws)
            }
        })
    }

    fn numeric(&mut self) -> R<Range> {
        let tok = self.next_tok()?;
        if tok != Tok::Str {
            let text = self.lx.text()?;
            return self.barf(&format!("Invalid member in numeric match: {text}"));
        }
        let operator = self.lx.text()?;
        let tok = self.next_tok()?;
        let must_be_numeric = |this: &Self, label: &str| -> R<Range> {
            this.barf(&format!("Value of {label} must be numeric"))
        };
        let scaled = |this: &Self, text: &str| -> R<i64> {
            this.comparable(text).or_else(|m| this.barf(&m))
        };
        match operator.as_str() {
            "=" => {
                let Tok::Number(text) = tok else {
                    return must_be_numeric(self, "equals");
                };
                if self.next_tok()? != Tok::EndArray {
                    return self.barf(Self::TOO_MANY);
                }
                let v = scaled(self, &text)?;
                let b = Some(Bound {
                    value: v,
                    open: false,
                });
                Ok(Range { low: b, high: b })
            }
            ">=" | ">" => {
                let Tok::Number(text) = tok else {
                    return must_be_numeric(self, &operator);
                };
                let open = operator == ">";
                let tok = self.next_tok()?;
                if tok == Tok::EndArray {
                    let v = scaled(self, &text)?;
                    return Ok(Range {
                        low: Some(Bound { value: v, open }),
                        high: None,
                    });
                }
                self.complete_range(tok, &text, open)
            }
            "<=" | "<" => {
                let Tok::Number(text) = tok else {
                    return must_be_numeric(self, &operator);
                };
                if self.next_tok()? != Tok::EndArray {
                    return self.barf(Self::TOO_MANY);
                }
                let v = scaled(self, &text)?;
                Ok(Range {
                    low: None,
                    high: Some(Bound {
                        value: v,
                        open: operator == "<",
                    }),
                })
            }
            _ => self.barf(&format!("Unrecognized numeric range operator: {operator}")),
        }
    }

    fn complete_range(&mut self, tok: Tok, bottom: &str, open_bottom: bool) -> R<Range> {
        if tok != Tok::Str {
            let text = self.lx.text()?;
            return self.barf(&format!("Bad value in numeric range: {text}"));
        }
        let operator = self.lx.text()?;
        if operator != "<" && operator != "<=" {
            return self.barf(&format!("Bad numeric range operator: {operator}"));
        }
        let Tok::Number(top) = self.next_tok()? else {
            return self.barf(&format!("Value of {operator} must be numeric"));
        };
        if self.next_tok()? != Tok::EndArray {
            return self.barf("Too many terms in numeric range expression");
        }
        let low = self.comparable(bottom).or_else(|m| self.barf(&m))?;
        let high = self.comparable(&top).or_else(|m| self.barf(&m))?;
        if low >= high {
            return self.barf("Bottom must be less than top");
        }
        Ok(Range {
            low: Some(Bound {
                value: low,
                open: open_bottom,
            }),
            high: Some(Bound {
                value: high,
                open: operator == "<",
            }),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ButKind {
    Plain,
    IgnoreCase,
    Prefix,
    Suffix,
    Wildcard,
}
