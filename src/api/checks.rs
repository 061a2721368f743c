//! The checks of a request's modelled constraints (lengths, patterns, ranges,
//! enums) with the wording of AWS's validation layer, reported together as it
//! does: "N validation error(s) detected: Value '..' at '..' failed to satisfy
//! constraint: ..". Each service gives its error namespace and how it reads
//! its model's patterns.

use super::AwsError;

/// The constraint failures of one request.
pub struct Checks {
    failures: Vec<String>,
    namespace: &'static str,
    /// Whether a value satisfies one of the service's model patterns (as spelled in messages).
    matches: fn(&str, &str) -> bool,
}

impl Checks {
    pub fn new(namespace: &'static str, matches: fn(&str, &str) -> bool) -> Checks {
        Checks {
            failures: Vec::new(),
            namespace,
            matches,
        }
    }

    fn invalid(&self, message: String) -> AwsError {
        AwsError::new(self.namespace, "ValidationException", 400, message)
    }

    pub fn fail(&mut self, value: impl std::fmt::Display, member: &str, constraint: &str) {
        self.failures.push(format!(
            "Value '{value}' at '{member}' failed to satisfy constraint: {constraint}"
        ));
    }

    /// A string member's length and, when given, its pattern (one of the constants above).
    pub fn string(
        &mut self,
        value: Option<&str>,
        member: &str,
        (min, max): (usize, usize),
        pattern: Option<&str>,
    ) {
        let Some(value) = value else { return };
        let len = value.chars().count();
        if len < min {
            self.fail(
                value,
                member,
                &format!("Member must have length greater than or equal to {min}"),
            );
        }
        if len > max {
            self.fail(
                value,
                member,
                &format!("Member must have length less than or equal to {max}"),
            );
        }
        if let Some(pattern) = pattern {
            if !value.is_empty() && !(self.matches)(pattern, value) {
                self.fail(
                    value,
                    member,
                    &format!("Member must satisfy regular expression pattern: {pattern}"),
                );
            }
        }
    }

    pub fn range(&mut self, value: Option<i64>, member: &str, min: i64, max: i64) {
        let Some(value) = value else { return };
        if value < min {
            self.fail(
                value,
                member,
                &format!("Member must have value greater than or equal to {min}"),
            );
        } else if value > max {
            self.fail(
                value,
                member,
                &format!("Member must have value less than or equal to {max}"),
            );
        }
    }

    pub fn one_of(&mut self, value: Option<&str>, member: &str, allowed: &[&str]) {
        let Some(value) = value else { return };
        if !allowed.contains(&value) {
            self.fail(
                value,
                member,
                &format!(
                    "Member must satisfy enum value set: [{}]",
                    allowed.join(", ")
                ),
            );
        }
    }

    pub fn done(self) -> Result<(), AwsError> {
        match self.failures.len() {
            0 => Ok(()),
            1 => Err(self.invalid(format!("1 validation error detected: {}", self.failures[0]))),
            n => Err(self.invalid(format!(
                "{n} validation errors detected: {}",
                self.failures.join("; ")
            ))),
        }
    }
}
