//! EventBridge Scheduler's errors as its REST-JSON API returns them (the
//! status codes of AWS's model: ValidationException 400, ConflictException
//! 409, ResourceNotFoundException 404, ServiceQuotaExceededException 402), in
//! AWS's words, and the checks of the model's constraints with the wording of
//! AWS's validation layer: "N validation error(s) detected: Value '..' at '..'
//! failed to satisfy constraint: ..".

use crate::api::AwsError;
pub use crate::api::Checks;

const NS: &str = "com.amazonaws.scheduler";

pub fn validation(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "ValidationException", 400, message)
}

pub fn not_found(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "ResourceNotFoundException", 404, message)
}

pub fn conflict(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "ConflictException", 409, message)
}

pub fn quota_exceeded(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "ServiceQuotaExceededException", 402, message)
}

/// AWS's answer to GetSchedule, UpdateSchedule and DeleteSchedule of a schedule it does not have.
pub fn schedule_not_found(name: &str) -> AwsError {
    not_found(format!("Schedule {name} does not exist."))
}

pub fn schedule_exists(name: &str) -> AwsError {
    conflict(format!("Schedule {name} already exists."))
}

pub fn group_not_found(name: &str) -> AwsError {
    not_found(format!("Schedule group {name} does not exist."))
}

pub fn group_exists(name: &str) -> AwsError {
    conflict(format!("Schedule group {name} already exists."))
}

/// The one answer AWS gives to any expression it cannot read, the expression quoted as sent.
pub fn invalid_expression(expression: &str) -> AwsError {
    validation(format!("Invalid Schedule Expression {expression}."))
}

/// The patterns of the model, as the validation message spells them.
pub const NAME_PATTERN: &str = "^[0-9a-zA-Z-_.]+$";
pub const CLIENT_TOKEN_PATTERN: &str = "^[a-zA-Z0-9-_]+$";
pub const ROLE_ARN_PATTERN: &str = r"^arn:aws(-[a-z]+)?:iam::\d{12}:role\/[\w+=,.@\/-]+$";
pub const DLQ_ARN_PATTERN: &str = r"^arn:aws(-[a-z]+)?:sqs:[a-z0-9\-]+:\d{12}:[a-zA-Z0-9\-_]+$";
pub const KMS_KEY_PATTERN: &str =
    r"^arn:aws(-[a-z]+)?:kms:[a-z0-9\-]+:\d{12}:(key|alias)\/[0-9a-zA-Z-_]*$";
pub const GROUP_ARN_PATTERN: &str =
    r"^arn:aws(-[a-z]+)?:scheduler:[a-z0-9\-]+:\d{12}:schedule-group\/[0-9a-zA-Z-_.]+$";

/// A request's constraint checks, failing with this service's ValidationException.
pub fn checks() -> Checks {
    Checks::new(NS, matches_pattern)
}

fn digits(text: &str, n: usize) -> bool {
    text.len() == n && text.bytes().all(|b| b.is_ascii_digit())
}

/// `arn:aws` or `arn:aws-<letters>`, then `:<service>:`; the rest of the ARN.
fn after_partition<'a>(value: &'a str, service: &str) -> Option<&'a str> {
    let rest = value.strip_prefix("arn:aws")?;
    let (partition, rest) = rest.split_once(':')?;
    if !(partition.is_empty()
        || partition
            .strip_prefix('-')
            .is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase())))
    {
        return None;
    }
    rest.strip_prefix(service)?.strip_prefix(':')
}

fn region_ok(region: &str) -> bool {
    !region.is_empty()
        && region
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Whether `value` satisfies one of the model's patterns above: the whole value must match.
fn matches_pattern(pattern: &str, value: &str) -> bool {
    let name_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    match pattern {
        NAME_PATTERN => value.chars().all(name_char),
        CLIENT_TOKEN_PATTERN => value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')),
        ROLE_ARN_PATTERN => (|| {
            let rest = after_partition(value, "iam")?;
            let (account, role) = rest.strip_prefix(':')?.split_once(":role/")?;
            Some(
                digits(account, 12)
                    && !role.is_empty()
                    && role.chars().all(|c| {
                        c.is_alphanumeric()
                            || matches!(c, '_' | '+' | '=' | ',' | '.' | '@' | '/' | '-')
                    }),
            )
        })()
        .unwrap_or(false),
        DLQ_ARN_PATTERN => (|| {
            let rest = after_partition(value, "sqs")?;
            let (region, rest) = rest.split_once(':')?;
            let (account, name) = rest.split_once(':')?;
            Some(
                region_ok(region)
                    && digits(account, 12)
                    && !name.is_empty()
                    && name
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')),
            )
        })()
        .unwrap_or(false),
        KMS_KEY_PATTERN => (|| {
            let rest = after_partition(value, "kms")?;
            let (region, rest) = rest.split_once(':')?;
            let (account, key) = rest.split_once(':')?;
            let id = key
                .strip_prefix("key/")
                .or_else(|| key.strip_prefix("alias/"))?;
            Some(
                region_ok(region)
                    && digits(account, 12)
                    && id
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')),
            )
        })()
        .unwrap_or(false),
        GROUP_ARN_PATTERN => group_arn_name(value).is_some(),
        _ => true,
    }
}

/// The group a schedule-group ARN names (`arn:aws:scheduler:us-east-1:123456789012:schedule-group/jobs`).
pub fn group_arn_name(value: &str) -> Option<&str> {
    let rest = after_partition(value, "scheduler")?;
    let (region, rest) = rest.split_once(':')?;
    let (account, name) = rest.split_once(":schedule-group/")?;
    (region_ok(region)
        && digits(account, 12)
        && !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    .then_some(name)
}
