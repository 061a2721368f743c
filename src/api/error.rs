//! `AwsError`: an error code, a message and who is at fault, serialised the
//! way the AWS JSON protocol returns it.

use serde_json::{json, Value};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AwsError {
    /// The code a user of the AWS CLI or an SDK sees, e.g. `AWS.SimpleQueueService.NonExistentQueue`
    /// for a service with a query-compatible legacy code, else the JSON type (`ResourceNotFoundException`).
    pub code: String,
    /// The JSON-protocol error type, e.g. `QueueDoesNotExist`; `__type` is `namespace#type`.
    pub type_name: String,
    /// The service's Smithy namespace, e.g. `com.amazonaws.sqs`; empty for client-side errors.
    pub namespace: &'static str,
    pub message: String,
    /// True when the caller is at fault (HTTP 4xx), false for a service fault (5xx).
    pub sender_fault: bool,
    pub status: u16,
}

impl AwsError {
    /// An error whose code is its JSON type.
    pub fn new(
        namespace: &'static str,
        type_name: &str,
        status: u16,
        message: impl Into<String>,
    ) -> Self {
        AwsError {
            code: type_name.to_string(),
            type_name: type_name.to_string(),
            namespace,
            message: message.into(),
            sender_fault: status < 500,
            status,
        }
    }

    /// An error of a query-compatible service (SQS), whose CLI code differs from its JSON type.
    pub fn query_compatible(
        namespace: &'static str,
        type_name: &str,
        code: &str,
        status: u16,
        message: impl Into<String>,
    ) -> Self {
        AwsError {
            code: code.to_string(),
            ..AwsError::new(namespace, type_name, status, message)
        }
    }

    /// A request the AWS SDKs and CLI refuse before sending: a missing required
    /// member, a member of the wrong type, an unknown member.
    pub fn param_validation(message: impl Into<String>) -> Self {
        AwsError::new("", "ParamValidationError", 400, message)
    }

    /// The action does not exist on the service (or the service does not exist).
    pub fn unknown_operation(action: &str) -> Self {
        AwsError::new(
            "",
            "UnknownOperationException",
            400,
            format!("Unknown operation {action}: Stratus does not implement it."),
        )
    }

    /// The body the JSON protocol returns: `{"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "..."}`.
    pub fn to_json_body(&self) -> Value {
        let ty = if self.namespace.is_empty() {
            self.type_name.clone()
        } else {
            format!("{}#{}", self.namespace, self.type_name)
        };
        json!({ "__type": ty, "message": self.message })
    }

    /// The `x-amzn-query-error` header value a query-compatible service sends: `Code;Sender`.
    pub fn query_error_header(&self) -> String {
        format!(
            "{};{}",
            self.code,
            if self.sender_fault {
                "Sender"
            } else {
                "Receiver"
            }
        )
    }

    /// The form scenarios and the CLI print: `{"code": ..., "message": ...}`.
    pub fn to_result_json(&self) -> Value {
        json!({ "code": self.code, "message": self.message })
    }
}

impl fmt::Display for AwsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for AwsError {}
