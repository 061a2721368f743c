//! EventBridge's errors as its JSON 1.1 API returns them, in AWS's words, and
//! the checks of its modelled constraints (lengths, patterns, ranges, enums)
//! with the wording of AWS's validation layer: "N validation error(s)
//! detected: Value '..' at '..' failed to satisfy constraint: ..".

use crate::api::AwsError;
pub use crate::api::Checks;

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

/// The regular expressions of EventBridge's model, as the validation message spells them.
pub const NAME_PATTERN: &str = r"[\.\-_A-Za-z0-9]+";
pub const BUS_NAME_PATTERN: &str = r"[/\.\-_A-Za-z0-9]+";
pub const BUS_NAME_OR_ARN_PATTERN: &str =
    r"(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/\.\-_A-Za-z0-9]+";

/// A request's constraint checks, failing with this service's ValidationException.
pub fn checks() -> Checks {
    Checks::new(NS, matches_pattern)
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
