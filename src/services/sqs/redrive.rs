//! SQS dead-letter queues: the RedrivePolicy and RedriveAllowPolicy queue
//! attributes (parsed, validated, formatted as GetQueueAttributes returns
//! them), the rule that moves a message received maxReceiveCount times to its
//! dead-letter queue, and ListDeadLetterSourceQueues.

use super::errors::{self, invalid_value};
use super::events::SqsEvent;
use super::model::{Message, MessageState, Queue};
use super::shapes::{ListDeadLetterSourceQueuesRequest, ListDeadLetterSourceQueuesResult};
use super::{paging, Sqs};
use crate::api::AwsError;
use crate::services::Ctx;
use crate::sim::SECOND;
use serde_json::{json, Value};

pub const MAX_RECEIVE_COUNT: u32 = 1000;
/// A byQueue RedriveAllowPolicy names at most this many source queues.
pub const MAX_SOURCE_QUEUE_ARNS: usize = 10;

/// The RedrivePolicy attribute of a source queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RedrivePolicy {
    pub dead_letter_target_arn: String,
    pub max_receive_count: u32,
}

/// The RedriveAllowPolicy attribute of a dead-letter queue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RedriveAllowPolicy {
    AllowAll,
    DenyAll,
    ByQueue(Vec<String>),
}

impl RedrivePolicy {
    /// As GetQueueAttributes returns it: compact JSON, maxReceiveCount a number
    /// (AWS normalises a numeric string; this is why Terraform asks for a number).
    pub fn to_json(&self) -> String {
        json!({
            "deadLetterTargetArn": self.dead_letter_target_arn,
            "maxReceiveCount": self.max_receive_count,
        })
        .to_string()
    }
}

impl RedriveAllowPolicy {
    pub fn to_json(&self) -> String {
        match self {
            RedriveAllowPolicy::AllowAll => json!({"redrivePermission": "allowAll"}),
            RedriveAllowPolicy::DenyAll => json!({"redrivePermission": "denyAll"}),
            RedriveAllowPolicy::ByQueue(arns) => {
                json!({"redrivePermission": "byQueue", "sourceQueueArns": arns})
            }
        }
        .to_string()
    }

    fn allows(&self, source_arn: &str) -> bool {
        match self {
            RedriveAllowPolicy::AllowAll => true,
            RedriveAllowPolicy::DenyAll => false,
            RedriveAllowPolicy::ByQueue(arns) => arns.iter().any(|a| a == source_arn),
        }
    }
}

fn invalid_redrive_policy(raw: &str, reason: &str) -> AwsError {
    invalid_value("RedrivePolicy", raw, reason)
}

/// Parses a RedrivePolicy value; an empty string removes the policy.
/// Checks only the document itself; `check_target` checks the queue it names.
pub fn parse_redrive_policy(raw: &str) -> Result<Option<RedrivePolicy>, AwsError> {
    if raw.is_empty() {
        return Ok(None);
    }
    let Ok(Value::Object(doc)) = serde_json::from_str::<Value>(raw) else {
        return Err(errors::invalid_parameter_value(
            "Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON map.",
        ));
    };
    let Some(count) = doc.get("maxReceiveCount") else {
        return Err(invalid_redrive_policy(
            raw,
            "Redrive policy does not contain mandatory attribute: maxReceiveCount.",
        ));
    };
    let Some(target) = doc.get("deadLetterTargetArn") else {
        return Err(invalid_redrive_policy(
            raw,
            "Redrive policy does not contain mandatory attribute: deadLetterTargetArn.",
        ));
    };
    // AWS takes maxReceiveCount as a number or as a numeric string ("5").
    let parsed = match count {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse::<u64>().ok(),
        _ => None,
    };
    let max_receive_count = match parsed {
        Some(n) if (1..=MAX_RECEIVE_COUNT as u64).contains(&n) => n as u32,
        _ => {
            let shown = match count {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            return Err(invalid_redrive_policy(
                raw,
                &format!("Invalid value for maxReceiveCount: {shown}, valid values are from 1 to 1000 both inclusive."),
            ));
        }
    };
    let dead_letter_target_arn = match target {
        Value::String(arn) if parse_queue_arn(arn).is_some() => arn.clone(),
        _ => {
            return Err(invalid_redrive_policy(
                raw,
                "Invalid value for deadLetterTargetArn.",
            ))
        }
    };
    if doc.len() > 2 {
        return Err(invalid_redrive_policy(
            raw,
            "Only following attributes are supported: [deadLetterTargetArn, maxReceiveCount].",
        ));
    }
    Ok(Some(RedrivePolicy {
        dead_letter_target_arn,
        max_receive_count,
    }))
}

/// `arn:aws:sqs:<region>:<account>:<name>` → (region, account, name).
fn parse_queue_arn(arn: &str) -> Option<(&str, &str, &str)> {
    let rest = arn.strip_prefix("arn:aws:sqs:")?;
    let mut parts = rest.splitn(3, ':');
    let (region, account, name) = (parts.next()?, parts.next()?, parts.next()?);
    (!region.is_empty() && !account.is_empty() && !name.is_empty())
        .then_some((region, account, name))
}

fn cannot_create_allow_policy(raw: &str, reason: &str) -> AwsError {
    invalid_value(
        "RedriveAllowPolicy",
        raw,
        &format!("Amazon SQS can't create the redrive allow policy. {reason}"),
    )
}

/// Parses a RedriveAllowPolicy value; an empty string removes the policy.
pub fn parse_redrive_allow_policy(raw: &str) -> Result<Option<RedriveAllowPolicy>, AwsError> {
    if raw.is_empty() {
        return Ok(None);
    }
    let unsupported = || {
        errors::invalid_parameter_value(
            "Invalid value for the parameter RedriveAllowPolicy. Reason: Amazon SQS can't create the redrive allow policy, as it\u{2019}s in an unsupported format.",
        )
    };
    let Ok(Value::Object(doc)) = serde_json::from_str::<Value>(raw) else {
        return Err(unsupported());
    };
    if doc
        .keys()
        .any(|k| k != "redrivePermission" && k != "sourceQueueArns")
    {
        return Err(unsupported());
    }
    let permission = match doc.get("redrivePermission").and_then(Value::as_str) {
        Some(p @ ("allowAll" | "denyAll" | "byQueue")) => p,
        _ => return Err(unsupported()),
    };
    let arns = match doc.get("sourceQueueArns") {
        None => None,
        Some(Value::Array(items)) => Some(
            items
                .iter()
                .map(|v| v.as_str().map(str::to_string))
                .collect::<Option<Vec<String>>>()
                .ok_or_else(unsupported)?,
        ),
        Some(_) => return Err(unsupported()),
    };
    match (permission, arns) {
        ("allowAll", None) => Ok(Some(RedriveAllowPolicy::AllowAll)),
        ("denyAll", None) => Ok(Some(RedriveAllowPolicy::DenyAll)),
        ("byQueue", Some(arns)) if arns.is_empty() => Err(cannot_create_allow_policy(
            raw,
            "When you specify the byQueue permission type, you must also specify one or more sourceQueueArns values.",
        )),
        ("byQueue", None) => Err(cannot_create_allow_policy(
            raw,
            "When you specify the byQueue permission type, you must also specify one or more sourceQueueArns values.",
        )),
        ("byQueue", Some(arns)) if arns.len() > MAX_SOURCE_QUEUE_ARNS => Err(cannot_create_allow_policy(
            raw,
            "The maximum number of source queue ARNs you can specify is 10.",
        )),
        ("byQueue", Some(arns)) => Ok(Some(RedriveAllowPolicy::ByQueue(arns))),
        (_, Some(_)) => Err(cannot_create_allow_policy(
            raw,
            "To specify one or more source queue ARNs, you must set redrivePermission to byQueue.",
        )),
        _ => Err(unsupported()),
    }
}

impl Sqs {
    /// The live queue an ARN names in this account and region.
    pub(super) fn queue_id_by_arn(&self, arn: &str) -> Option<u32> {
        let (_, _, name) = parse_queue_arn(arn)?;
        let id = *self.by_name.get(name)?;
        (self.queues[&id].arn == arn).then_some(id)
    }
}

/// Checks the queue a new RedrivePolicy names: it must exist in this account
/// and region, be of the same type (FIFO or standard) as the source, and its
/// RedriveAllowPolicy must let `source_arn` use it.
pub fn check_target(
    sqs: &Sqs,
    source_arn: &str,
    source_is_fifo: bool,
    raw: &str,
    policy: &RedrivePolicy,
) -> Result<(), AwsError> {
    let Some(id) = sqs.queue_id_by_arn(&policy.dead_letter_target_arn) else {
        return Err(invalid_redrive_policy(
            raw,
            "Dead letter target does not exist.",
        ));
    };
    let target = &sqs.queues[&id];
    if target.is_fifo() != source_is_fifo {
        // AWS's exact reason text is not recorded; the rule is from the developer guide.
        let reason = if source_is_fifo {
            "The dead-letter queue of a FIFO queue must also be a FIFO queue."
        } else {
            "The dead-letter queue of a standard queue must also be a standard queue."
        };
        return Err(invalid_redrive_policy(raw, reason));
    }
    if let Some(allow) = &target.attributes.redrive_allow_policy {
        if !allow.allows(source_arn) {
            // The reason's wording is Stratus's own: AWS's exact text for this refusal is not recorded.
            return Err(invalid_redrive_policy(
                raw,
                &format!(
                    "The RedriveAllowPolicy of {} does not allow {source_arn} to use it as a dead-letter queue.",
                    policy.dead_letter_target_arn
                ),
            ));
        }
    }
    Ok(())
}

/// Where a queue's messages go past maxReceiveCount: (dead-letter queue id, maxReceiveCount).
#[derive(Clone, Copy, Debug)]
pub struct DeadLetterTarget {
    queue_id: u32,
    max_receive_count: u32,
}

/// The dead-letter queue a receive from `queue_id` moves messages to, if any.
pub fn dead_letter_target(sqs: &Sqs, queue_id: u32) -> Option<DeadLetterTarget> {
    let policy = sqs
        .queues
        .get(&queue_id)?
        .attributes
        .redrive_policy
        .as_ref()?;
    // A dead-letter queue deleted after the policy was set: what AWS does then is
    // not documented, so the message stays in its source queue and is received as usual.
    let target = sqs.queue_id_by_arn(&policy.dead_letter_target_arn)?;
    // A queue named as its own dead-letter queue would only move a message onto itself.
    (target != queue_id).then_some(DeadLetterTarget {
        queue_id: target,
        max_receive_count: policy.max_receive_count,
    })
}

/// The rule: a message already received maxReceiveCount times is not received
/// again; the receive that would exceed the count moves it to the dead-letter queue.
pub fn is_past_max_receive_count(
    target: Option<DeadLetterTarget>,
    queue: &Queue,
    seq: u64,
) -> bool {
    target.is_some_and(|t| {
        queue
            .messages
            .get(&seq)
            .is_some_and(|m| m.receive_count >= t.max_receive_count)
    })
}

/// Puts messages taken from `source_id` into its dead-letter queue. They stay boxed as the
/// store keeps them, so each move is a pointer's.
#[allow(clippy::vec_box)]
pub fn move_to_dead_letter_queue(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    source_id: u32,
    target: DeadLetterTarget,
    messages: Vec<Box<Message>>,
) {
    if messages.is_empty() {
        return;
    }
    // Both queues were found in this same call (`dead_letter_target`), so neither is gone.
    let Some((source_name, source_arn)) = sqs
        .queues
        .get(&source_id)
        .map(|source| (source.name.clone(), source.arn.clone()))
    else {
        return;
    };
    let Ok(dlq) = sqs.queue_mut(target.queue_id) else {
        return;
    };
    for mut message in messages {
        message.seq = dlq.next_seq;
        dlq.next_seq += 1;
        // The message keeps its id, body, attributes, SentTimestamp and its
        // ApproximateReceiveCount and first receive from the source queue.
        message.received_at = None;
        message.receipt = None;
        message.state = MessageState::Visible;
        message.dead_letter_queue_source_arn = Some(source_arn.clone());
        // Standard queues: expiry always counts from the original enqueue time, with the
        // dead-letter queue's retention period (one already past it expires at once: the
        // retention timer is due now). FIFO queues: the move resets the enqueue time.
        if dlq.is_fifo() {
            message.enqueued_at = ctx.now;
            message.sequence_number = dlq.next_sequence_number(ctx.now);
        }
        message.expires_at =
            message.enqueued_at + dlq.attributes.message_retention_period as u64 * SECOND;
        let message_id = message.message_id.clone();
        dlq.enqueue(ctx, message, 0);
        ctx.emit(SqsEvent::MovedToDeadLetterQueue {
            queue: source_name.clone(),
            message_id,
            dead_letter_queue: dlq.name.clone(),
        });
    }
}

/// ListDeadLetterSourceQueues: the queues whose RedrivePolicy names this one,
/// by name, paged like ListQueues. AWS's output member is the lowercase `queueUrls`.
pub fn list_dead_letter_source_queues(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: &ListDeadLetterSourceQueuesRequest,
) -> Result<ListDeadLetterSourceQueuesResult, AwsError> {
    let id = sqs.queue_id(ctx, &req.queue_url)?;
    let arn = sqs.queues[&id].arn.as_str();
    let sources = sqs
        .queues
        .values()
        .filter(|q| {
            q.attributes
                .redrive_policy
                .as_ref()
                .is_some_and(|p| p.dead_letter_target_arn == arn)
        })
        .collect();
    let (page, token) = paging::page_by_name(sources, req.max_results, req.next_token.as_deref())?;
    Ok(ListDeadLetterSourceQueuesResult {
        queue_urls: page.iter().map(|q| q.url.clone()).collect(),
        next_token: token,
    })
}
