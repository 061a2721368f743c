//! SQS's errors as the JSON protocol returns them: the `__type` in the
//! `com.amazonaws.sqs` namespace, and the legacy query code the AWS CLI and
//! SDKs show (from the `x-amzn-query-error` header).

use crate::api::AwsError;

const NS: &str = "com.amazonaws.sqs";

pub fn queue_does_not_exist() -> AwsError {
    AwsError::query_compatible(
        NS,
        "QueueDoesNotExist",
        "AWS.SimpleQueueService.NonExistentQueue",
        400,
        "The specified queue does not exist.",
    )
}

pub fn invalid_parameter_value(message: impl Into<String>) -> AwsError {
    AwsError::query_compatible(
        NS,
        "InvalidParameterValueException",
        "InvalidParameterValue",
        400,
        message,
    )
}

/// `Value 11 for parameter MaxNumberOfMessages is invalid. Reason: ...`
pub fn invalid_value(parameter: &str, value: impl std::fmt::Display, reason: &str) -> AwsError {
    invalid_parameter_value(format!(
        "Value {value} for parameter {parameter} is invalid. Reason: {reason}"
    ))
}

pub fn invalid_attribute_value(message: impl Into<String>) -> AwsError {
    AwsError::query_compatible(
        NS,
        "InvalidAttributeValue",
        "InvalidAttributeValue",
        400,
        message,
    )
}

pub fn invalid_attribute_name(message: impl Into<String>) -> AwsError {
    AwsError::query_compatible(
        NS,
        "InvalidAttributeName",
        "InvalidAttributeName",
        400,
        message,
    )
}

pub fn receipt_handle_is_invalid(handle: &str) -> AwsError {
    // AWS's model gives this error HTTP 404.
    AwsError::query_compatible(
        NS,
        "ReceiptHandleIsInvalid",
        "ReceiptHandleIsInvalid",
        404,
        format!("The input receipt handle \"{handle}\" is not a valid receipt handle."),
    )
}

/// What ChangeMessageVisibility answers for a deleted message or a handle a newer receive replaced
/// (AWS models MessageNotInflight for this but answers InvalidParameterValue).
pub fn not_available_for_visibility_change(handle: &str) -> AwsError {
    invalid_value(
        "ReceiptHandle",
        handle,
        "Message does not exist or is not available for visibility timeout change.",
    )
}

pub fn missing_parameter(name: &str) -> AwsError {
    AwsError::query_compatible(
        NS,
        "MissingParameter",
        "MissingParameter",
        400,
        format!("The request must contain the parameter {name}."),
    )
}

pub fn queue_name_exists(attribute: &str) -> AwsError {
    AwsError::query_compatible(
        NS,
        "QueueNameExists",
        "QueueAlreadyExists",
        400,
        format!("A queue already exists with the same name and a different value for attribute {attribute}"),
    )
}

pub fn queue_deleted_recently() -> AwsError {
    AwsError::query_compatible(
        NS,
        "QueueDeletedRecently",
        "AWS.SimpleQueueService.QueueDeletedRecently",
        400,
        "You must wait 60 seconds after deleting a queue before you can create another with the same name.",
    )
}

pub fn invalid_message_contents(message: impl Into<String>) -> AwsError {
    AwsError::query_compatible(
        NS,
        "InvalidMessageContents",
        "InvalidMessageContents",
        400,
        message,
    )
}

/// A feature AWS has that this version of Stratus does not simulate yet: said plainly, never faked.
pub fn not_simulated_yet(what: &str) -> AwsError {
    AwsError::query_compatible(
        NS,
        "UnsupportedOperation",
        "AWS.SimpleQueueService.UnsupportedOperation",
        400,
        format!(
            "{what} is not simulated by Stratus yet; it arrives with the complete SQS service."
        ),
    )
}

pub fn purge_queue_in_progress(queue_name: &str) -> AwsError {
    AwsError::query_compatible(
        NS,
        "PurgeQueueInProgress",
        "AWS.SimpleQueueService.PurgeQueueInProgress",
        403,
        format!("Only one PurgeQueue operation on {queue_name} is allowed every 60 seconds."),
    )
}

/// ReceiveMessage on a queue with the maximum number of messages in flight (wording as AWS returned it).
pub fn over_limit_in_flight() -> AwsError {
    over_limit(
        "Too many messages have been received without being deleted.\nPlease delete your received messages or let them timeout before receiving more.",
    )
}

/// A FIFO queue's calls-per-second quota is used up for this second. The
/// troubleshooting guide names the error ThrottlingException; the message is Stratus's.
pub fn throttled() -> AwsError {
    AwsError::query_compatible(
        NS,
        "ThrottlingException",
        "ThrottlingException",
        400,
        "Rate exceeded",
    )
}

/// A FIFO-only attribute (ContentBasedDeduplication, DeduplicationScope,
/// FifoThroughputLimit) asked of a standard queue. AWS words the two
/// high-throughput settings differently from ContentBasedDeduplication.
pub fn fifo_only_attribute(name: &str) -> AwsError {
    match name {
        "DeduplicationScope" | "FifoThroughputLimit" => invalid_attribute_name(format!(
            "You can specify the {name} only when FifoQueue is set to true."
        )),
        _ => invalid_attribute_name(format!("Unknown Attribute {name}.")),
    }
}

/// A request over one of SQS's counted quotas (in-flight messages, policy statements, actions).
pub fn over_limit(message: impl Into<String>) -> AwsError {
    AwsError::query_compatible(NS, "OverLimit", "OverLimit", 403, message)
}
