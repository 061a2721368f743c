//! CloudWatch Logs' filter patterns for unstructured events, parsed once per
//! request: every plain or "quoted" term must appear (case-sensitive), a
//! `-term` must not, and of the `?term`s at least one must. JSON
//! (`{ $.field = value }`), space-delimited (`[a, b]`) and regular-expression
//! (`%regex%`) patterns are refused as not simulated yet.

use super::invalid;
use crate::api::AwsError;

/// A parsed filter pattern (the empty pattern matches every event).
#[derive(Debug, Default)]
pub struct FilterPattern {
    all: Vec<String>,
    none: Vec<String>,
    any: Vec<String>,
}

impl FilterPattern {
    pub fn parse(pattern: &str) -> Result<FilterPattern, AwsError> {
        let pattern = pattern.trim();
        if pattern.starts_with('{') || pattern.starts_with('[') || pattern.starts_with('%') {
            return Err(invalid(
                "JSON, space-delimited and regular-expression filter patterns are not simulated by Stratus yet: use terms, \"quoted phrases\", ?any and -exclude.",
            ));
        }
        let mut parsed = FilterPattern::default();
        let mut rest = pattern;
        loop {
            rest = rest.trim_start();
            let Some(first) = rest.chars().next() else {
                break;
            };
            let (prefix, body) = match first {
                '?' | '-' => (Some(first), &rest[1..]),
                _ => (None, rest),
            };
            let (term, after) = if let Some(quoted) = body.strip_prefix('"') {
                let end = quoted.find('"').ok_or_else(invalid_pattern)?;
                (&quoted[..end], &quoted[end + 1..])
            } else {
                let end = body.find(char::is_whitespace).unwrap_or(body.len());
                (&body[..end], &body[end..])
            };
            if term.is_empty() && prefix.is_some() {
                return Err(invalid_pattern());
            }
            let term = term.to_string();
            match prefix {
                Some('?') => parsed.any.push(term),
                Some(_) => parsed.none.push(term),
                None if !term.is_empty() => parsed.all.push(term),
                // `""` matches every event, as the empty pattern does.
                None => {}
            }
            rest = after;
        }
        Ok(parsed)
    }

    pub fn matches(&self, message: &str) -> bool {
        self.all.iter().all(|t| message.contains(t.as_str()))
            && !self.none.iter().any(|t| message.contains(t.as_str()))
            && (self.any.is_empty() || self.any.iter().any(|t| message.contains(t.as_str())))
    }
}

/// AWS's answer to a pattern it cannot parse.
fn invalid_pattern() -> AwsError {
    invalid("Invalid filter pattern")
}
