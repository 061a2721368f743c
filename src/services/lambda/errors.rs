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

/// `value` within `min..=max`, or the constraint error AWS's validation layer gives for `member`.
pub fn in_range(value: i64, member: &str, min: i64, max: i64) -> Result<i64, AwsError> {
    if value < min {
        Err(constraint(
            value,
            member,
            &format!("Member must have value greater than or equal to {min}"),
        ))
    } else if value > max {
        Err(constraint(
            value,
            member,
            &format!("Member must have value less than or equal to {max}"),
        ))
    } else {
        Ok(value)
    }
}

/// A function of another account, reached without a resource-based policy that allows it.
/// CreateFunction answers without a message.
pub fn access_denied(
    action: &str,
    identity: &crate::api::Identity,
    account: &str,
    name: &str,
) -> AwsError {
    let iam_action = match action {
        "Invoke" => "InvokeFunction",
        other => other,
    };
    let message = if action == "CreateFunction" {
        String::new()
    } else {
        format!(
            "User: arn:aws:iam::{}:root is not authorized to perform: lambda:{iam_action} on resource: arn:aws:lambda:{}:{account}:function:{name} because no resource-based policy allows the lambda:{iam_action} action",
            identity.account, identity.region
        )
    };
    AwsError::new(NS, "AccessDeniedException", 403, message)
}
