//! Lambda's errors as its REST-JSON API returns them: the JSON type is the
//! code the CLI and SDKs show (no legacy query codes).

use crate::api::AwsError;

const NS: &str = "com.amazonaws.lambda";

pub fn resource_not_found(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "ResourceNotFoundException", 404, message)
}

pub fn function_not_found(arn: &str) -> AwsError {
    resource_not_found(format!("Function not found: {arn}"))
}

pub fn resource_conflict(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "ResourceConflictException", 409, message)
}

pub fn invalid_parameter(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "InvalidParameterValueException", 400, message)
}

/// A request member outside its modelled constraint, in the wording of AWS's validation layer.
pub fn validation(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "ValidationException", 400, message)
}

/// `1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: ...`
pub fn constraint(value: impl std::fmt::Display, member: &str, constraint: &str) -> AwsError {
    validation(format!(
        "1 validation error detected: Value '{value}' at '{member}' failed to satisfy constraint: {constraint}"
    ))
}

pub fn precondition_failed(message: impl Into<String>) -> AwsError {
    AwsError::new(NS, "PreconditionFailedException", 412, message)
}
