//! The JSON edges of SQS: a request as a `serde_json::Value` (`Sqs::call`)
//! or as JSON text (`Sqs::call_text`) is decoded once into its typed request
//! (`shapes`), answered by the typed core, and the typed response serialised
//! back. Both edges share the core, so they give the same answers and the
//! same trace. A request the typed decode refuses is explained in the SDK's
//! words by `api::params::parse`, the text edge going through a `Value` only then.

use super::shapes::*;
use super::{move_tasks, policy, queue_settings, redrive, Sqs};
use crate::api::{params::parse, AwsError};
use crate::services::Ctx;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One arm per simulated action: its name, typed request and the function answering it.
macro_rules! sqs_actions {
    ($arm:ident, $sqs:ident, $ctx:ident, $action:ident, $input:ident) => {
        match $action {
            "CreateQueue" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                CreateQueueRequest,
                Sqs::create_queue
            ),
            "GetQueueUrl" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                GetQueueUrlRequest,
                Sqs::get_queue_url
            ),
            "ListQueues" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                ListQueuesRequest,
                Sqs::list_queues
            ),
            "DeleteQueue" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                DeleteQueueRequest,
                Sqs::delete_queue
            ),
            "GetQueueAttributes" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                GetQueueAttributesRequest,
                Sqs::get_queue_attributes
            ),
            "SendMessage" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                SendMessageRequest,
                Sqs::send_message
            ),
            "ReceiveMessage" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                ReceiveMessageRequest,
                Sqs::receive_message
            ),
            "DeleteMessage" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                DeleteMessageRequest,
                Sqs::delete_message
            ),
            "ChangeMessageVisibility" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                ChangeMessageVisibilityRequest,
                Sqs::change_message_visibility
            ),
            "SendMessageBatch" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                SendMessageBatchRequest,
                Sqs::send_message_batch
            ),
            "DeleteMessageBatch" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                DeleteMessageBatchRequest,
                Sqs::delete_message_batch
            ),
            "ChangeMessageVisibilityBatch" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                ChangeMessageVisibilityBatchRequest,
                Sqs::change_message_visibility_batch
            ),
            "SetQueueAttributes" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                SetQueueAttributesRequest,
                queue_settings::set_queue_attributes
            ),
            "PurgeQueue" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                PurgeQueueRequest,
                queue_settings::purge_queue
            ),
            "AddPermission" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                AddPermissionRequest,
                policy::add_permission
            ),
            "RemovePermission" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                RemovePermissionRequest,
                policy::remove_permission
            ),
            "TagQueue" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                TagQueueRequest,
                queue_settings::tag_queue
            ),
            "UntagQueue" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                UntagQueueRequest,
                queue_settings::untag_queue
            ),
            "ListQueueTags" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                ListQueueTagsRequest,
                queue_settings::list_queue_tags
            ),
            "ListDeadLetterSourceQueues" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                ListDeadLetterSourceQueuesRequest,
                redrive::list_dead_letter_source_queues
            ),
            "StartMessageMoveTask" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                StartMessageMoveTaskRequest,
                move_tasks::start_message_move_task
            ),
            "ListMessageMoveTasks" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                ListMessageMoveTasksRequest,
                move_tasks::list_message_move_tasks
            ),
            "CancelMessageMoveTask" => $arm!(
                $sqs,
                $ctx,
                $action,
                $input,
                CancelMessageMoveTaskRequest,
                move_tasks::cancel_message_move_task
            ),
            _ => Err(AwsError::unknown_operation(&format!("sqs:{}", $action))),
        }
    };
}

/// A `Value` request: decoded, answered, the response serialised to a `Value`.
macro_rules! value_arm {
    ($sqs:ident, $ctx:ident, $action:ident, $input:ident, $ty:ident, $run:path) => {{
        let req: $ty = decode($sqs, $ctx, $action, $input)?;
        to_value(&$run($sqs, $ctx, &req)?)
    }};
}

/// A text request: decoded straight from the text, answered, the response written as text.
macro_rules! text_arm {
    ($sqs:ident, $ctx:ident, $action:ident, $input:ident, $ty:ident, $run:path) => {{
        match serde_json::from_str::<$ty>($input) {
            Ok(req) => to_text(&$run($sqs, $ctx, &req)?),
            Err(_) => {
                // Not a well-formed request: read it as a `Value` to explain why in the SDK's
                // words (and to take what a `Value` takes, such as a repeated member).
                let value: Value = serde_json::from_str($input).map_err(malformed)?;
                let req: $ty = decode($sqs, $ctx, $action, &value)?;
                to_text(&$run($sqs, $ctx, &req)?)
            }
        }
    }};
}

pub fn call_value(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    action: &str,
    input: &Value,
) -> Result<Value, AwsError> {
    sqs_actions!(value_arm, sqs, ctx, action, input)
}

pub fn call_text(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    action: &str,
    input: &str,
) -> Result<String, AwsError> {
    sqs_actions!(text_arm, sqs, ctx, action, input)
}

/// The typed request of `input`. A request refused here still counts against its FIFO
/// queue's calls-per-second quota, as the typed core counts the ones it takes.
fn decode<'v, T: Deserialize<'v>>(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    action: &str,
    input: &'v Value,
) -> Result<T, AwsError> {
    parse(input).or_else(|refused| {
        if let Some(url) = input.get("QueueUrl").and_then(Value::as_str) {
            sqs.count_call(ctx, action, url)?;
        }
        Err(refused)
    })
}

fn to_value(response: &impl Serialize) -> Result<Value, AwsError> {
    serde_json::to_value(response).map_err(|e| unserialisable(&e))
}

fn to_text(response: &impl Serialize) -> Result<String, AwsError> {
    serde_json::to_string(response).map_err(|e| unserialisable(&e))
}

/// Request text that is not JSON: the JSON protocol's SerializationException.
fn malformed(e: serde_json::Error) -> AwsError {
    AwsError::new(
        "com.amazon.coral.service",
        "SerializationException",
        400,
        format!("The request body is not valid JSON: {e}"),
    )
}

/// Never happens with the shapes' types (every map key is a string); an error rather than a panic.
fn unserialisable(e: &serde_json::Error) -> AwsError {
    AwsError::new(
        "com.amazonaws.sqs",
        "InternalError",
        500,
        format!("Stratus could not serialise the response: {e}"),
    )
}
