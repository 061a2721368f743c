//! EventBridge's errors as its JSON 1.1 API returns them, in AWS's words, and
//! the checks of its modelled constraints (lengths, patterns, ranges, enums)
//! with the wording of AWS's validation layer: "N validation error(s)
//! detected: Value '..' at '..' failed to satisfy constraint: ..".

use crate::api::AwsError;

const NS: &str = "com.amazonaws.eventbridge";

pub fn validation(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "ValidationException", 400, message)
}

pub fn not_found(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "ResourceNotFoundException", 400, message)
}

pub fn already_exists(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "ResourceAlreadyExistsException", 400, message)
}

pub fn limit_exceeded(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "LimitExceededException", 400, message)
}

pub fn invalid_pattern(reason: impl std::fmt::Display) -> AwsError {
    AwsError::new(
        NS,
        "InvalidEventPatternException",
        400,
        format!("Event pattern is not valid. Reason: {reason}"),
    )
}

pub fn managed_rule(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "ManagedRuleException", 400, message)
}

pub fn invalid_state(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "InvalidStateException", 400, message)
}

pub fn illegal_status(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "IllegalStatusException", 400, message)
}

pub fn access_denied(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "AccessDeniedException", 400, message)
}

pub fn rule_not_found(rule: &str, bus: &str) -> AwsError {
    not_found(format!("Rule {rule} does not exist on EventBus {bus}."))
}

pub fn bus_not_found(bus: &str) -> AwsError {
    not_found(format!("Event bus {bus} does not exist."))
}

/// The constraint failures of one request, reported together as AWS's validation layer does.
#[derive(Default)]
pub struct Checks {
    failures: Vec<String>,
}

/// The regular expressions of EventBridge's model, as the validation message spells them.
pub const NAME_PATTERN: &str = r"[\.\-_A-Za-z0-9]+";
pub const BUS_NAME_PATTERN: &str = r"[/\.\-_A-Za-z0-9]+";
pub const BUS_NAME_OR_ARN_PATTERN: &str =
    r"(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/\.\-_A-Za-z0-9]+";

impl Checks {
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
            if !value.is_empty() && !matches_pattern(pattern, value) {
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
            1 => Err(validation(format!(
                "1 validation error detected: {}",
                self.failures[0]
            ))),
            n => Err(validation(format!(
                "{n} validation errors detected: {}",
                self.failures.join("; ")
            ))),
        }
    }
}

/// Whether `value` satisfies one of the model's patterns above (each is a character class with
/// `+`, optionally after an event-bus ARN prefix): the whole value must match.
fn matches_pattern(pattern: &str, value: &str) -> bool {
    let name_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_');
    let bus_char = |c: char| name_char(c) || c == '/';
    match pattern {
        NAME_PATTERN => value.chars().all(name_char),
        BUS_NAME_PATTERN => value.chars().all(bus_char),
        BUS_NAME_OR_ARN_PATTERN => {
            let name = bus_arn_name(value).unwrap_or(value);
            !name.is_empty() && name.chars().all(bus_char)
        }
        _ => true,
    }
}

/// The bus name an event-bus ARN ends with (`arn:aws:events:us-east-1:123456789012:event-bus/orders`).
pub fn bus_arn_name(value: &str) -> Option<&str> {
    let rest = value.strip_prefix("arn:aws")?;
    let (_, resource) = rest.split_once(":events:")?;
    let (region, rest) = resource.split_once(':')?;
    let (account, name) = rest.split_once(":event-bus/")?;
    (!region.is_empty() && account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()))
        .then_some(name)
}
