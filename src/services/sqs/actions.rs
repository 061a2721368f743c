//! SQS queue actions (CreateQueue, GetQueueUrl, ListQueues, DeleteQueue,
//! GetQueueAttributes) and the dispatch of every SQS action. Message actions
//! are in `messages`, dead-letter queues in `redrive`.

use super::attributes;
use super::errors;
use super::messages;
use super::model::*;
use super::paging;
use super::queue_settings;
use super::redrive;
use super::Sqs;
use crate::api::{params::parse, AwsError};
use crate::services::Ctx;
use crate::sim::{Millis, TraceKind, SECOND};
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// A deleted queue's name can be taken again this long after the delete.
const NAME_REUSE_DELAY: Millis = 60 * SECOND;

pub fn dispatch(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    action: &str,
    input: &Value,
) -> Result<Value, AwsError> {
    // A long poll's repeats inside the world are one call, counted when it arrived.
    if ctx.waiting_since.is_none() {
        sqs.count_fifo_call(ctx, action, input)?;
    }
    match action {
        "CreateQueue" => sqs.create_queue(ctx, parse(input)?),
        "GetQueueUrl" => sqs.get_queue_url(ctx, parse(input)?),
        "ListQueues" => sqs.list_queues(ctx, parse(input)?),
        "DeleteQueue" => sqs.delete_queue(ctx, parse(input)?),
        "GetQueueAttributes" => sqs.get_queue_attributes(ctx, parse(input)?),
        "SendMessage" => messages::send_message(sqs, ctx, parse(input)?),
        "ReceiveMessage" => super::receive::receive_message(sqs, ctx, parse(input)?),
        "DeleteMessage" => messages::delete_message(sqs, ctx, parse(input)?),
        "ChangeMessageVisibility" => messages::change_message_visibility(sqs, ctx, parse(input)?),
        "SendMessageBatch" => super::batch::send_message_batch(sqs, ctx, parse(input)?),
        "DeleteMessageBatch" => super::batch::delete_message_batch(sqs, ctx, parse(input)?),
        "ChangeMessageVisibilityBatch" => {
            super::batch::change_message_visibility_batch(sqs, ctx, parse(input)?)
        }
        "SetQueueAttributes" => queue_settings::set_queue_attributes(sqs, ctx, parse(input)?),
        "PurgeQueue" => queue_settings::purge_queue(sqs, ctx, parse(input)?),
        "AddPermission" => super::policy::add_permission(sqs, ctx, parse(input)?),
        "RemovePermission" => super::policy::remove_permission(sqs, ctx, parse(input)?),
        "TagQueue" => queue_settings::tag_queue(sqs, ctx, parse(input)?),
        "UntagQueue" => queue_settings::untag_queue(sqs, ctx, parse(input)?),
        "ListQueueTags" => queue_settings::list_queue_tags(sqs, ctx, parse(input)?),
        "ListDeadLetterSourceQueues" => {
            redrive::list_dead_letter_source_queues(sqs, ctx, parse(input)?)
        }
        "StartMessageMoveTask" => {
            super::move_tasks::start_message_move_task(sqs, ctx, parse(input)?)
        }
        "ListMessageMoveTasks" => {
            super::move_tasks::list_message_move_tasks(sqs, ctx, parse(input)?)
        }
        "CancelMessageMoveTask" => {
            super::move_tasks::cancel_message_move_task(sqs, ctx, parse(input)?)
        }
        _ => Err(AwsError::unknown_operation(&format!("sqs:{action}"))),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct CreateQueueRequest {
    queue_name: String,
    attributes: Option<BTreeMap<String, String>>,
    #[serde(rename = "tags")]
    tags: Option<BTreeMap<String, String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct GetQueueUrlRequest {
    queue_name: String,
    #[serde(rename = "QueueOwnerAWSAccountId")]
    queue_owner_aws_account_id: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ListQueuesRequest {
    queue_name_prefix: Option<String>,
    max_results: Option<i64>,
    next_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct QueueUrlRequest {
    pub queue_url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct GetQueueAttributesRequest {
    queue_url: String,
    attribute_names: Option<Vec<String>>,
}

fn valid_queue_name(name: &str) -> bool {
    (1..=80).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

impl Sqs {
    /// The queue a QueueUrl names, or QueueDoesNotExist.
    pub(super) fn queue_id(&self, ctx: &Ctx, url: &str) -> Result<u32, AwsError> {
        // The URL CreateQueue returned is by far the commonest form: one lookup.
        if let Some(&id) = self.by_url.get(url) {
            return Ok(id);
        }
        // AWS also takes the bare queue name, resolved in the caller's account and region.
        let name = if url.contains('/') {
            ctx.identity
                .queue_name_from_url(url)
                .ok_or_else(errors::queue_does_not_exist)?
        } else {
            url
        };
        self.by_name
            .get(name)
            .copied()
            .ok_or_else(errors::queue_does_not_exist)
    }

    /// Counts a call against its FIFO queue's calls-per-second quota (standard queues have none).
    fn count_fifo_call(
        &mut self,
        ctx: &mut Ctx,
        action: &str,
        input: &Value,
    ) -> Result<(), AwsError> {
        // Standard queues have no such quota: skip the lookup while no FIFO queue exists.
        if self.fifo_queues == 0 {
            return Ok(());
        }
        let Some(url) = input.get("QueueUrl").and_then(Value::as_str) else {
            return Ok(());
        };
        let Ok(id) = self.queue_id(ctx, url) else {
            return Ok(());
        };
        let queue = self.queue_mut(id);
        let counted = queue.count_fifo_call(action, ctx.now, &ctx.identity.region);
        if counted.is_err() {
            ctx.emit(TraceKind::RequestThrottled {
                queue: queue.name.clone(),
                action: action.into(),
            });
        }
        counted
    }

    pub(super) fn queue_mut(&mut self, id: u32) -> &mut Queue {
        self.queues
            .get_mut(&id)
            .expect("queue ids come from by_name")
    }

    fn create_queue(&mut self, ctx: &mut Ctx, req: CreateQueueRequest) -> Result<Value, AwsError> {
        let name = req.queue_name;
        let requested = req.attributes.unwrap_or_default();
        if attributes::asks_for_fifo(&requested) {
            let stem = name.strip_suffix(".fifo").unwrap_or("");
            if name.len() > 80 || !valid_queue_name(stem) {
                return Err(errors::invalid_parameter_value(
                    "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.",
                ));
            }
        } else if !valid_queue_name(&name) {
            return Err(errors::invalid_parameter_value(
                "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length",
            ));
        }
        if let Some(&id) = self.by_name.get(&name) {
            let queue = &self.queues[&id];
            let wanted = attributes::apply(&queue.attributes, &requested, true)?;
            if let Some(name) = attributes::differing_attribute(&queue.attributes, &wanted) {
                return Err(errors::queue_name_exists(name));
            }
            return Ok(json!({ "QueueUrl": queue.url }));
        }
        let attributes = attributes::apply(&QueueAttributes::default(), &requested, true)?;
        if let (Some(policy), Some(raw)) =
            (&attributes.redrive_policy, requested.get("RedrivePolicy"))
        {
            let arn = ctx.identity.arn("sqs", &name);
            redrive::check_target(self, &arn, attributes.fifo.is_some(), raw, policy)?;
        }
        if let Some(&deleted) = self.deleted_at.get(&name) {
            if ctx.now < deleted + NAME_REUSE_DELAY {
                return Err(errors::queue_deleted_recently());
            }
            self.deleted_at.remove(&name);
        }
        let id = self.next_queue_id;
        self.next_queue_id += 1;
        let url = ctx.identity.queue_url(&name);
        let label: std::rc::Rc<str> = name.as_str().into();
        let mut queue = Queue::new(
            id,
            label.clone(),
            url.clone(),
            ctx.identity.arn("sqs", &name),
            ctx.now,
            attributes,
        );
        queue.tags = req.tags.unwrap_or_default();
        self.fifo_queues += usize::from(queue.is_fifo());
        self.queues.insert(id, queue);
        self.by_name.insert(name, id);
        self.by_url.insert(url.clone(), id);
        ctx.emit(TraceKind::QueueCreated { queue: label });
        Ok(json!({ "QueueUrl": url }))
    }

    fn get_queue_url(&mut self, ctx: &mut Ctx, req: GetQueueUrlRequest) -> Result<Value, AwsError> {
        if req
            .queue_owner_aws_account_id
            .as_deref()
            .is_some_and(|a| a != ctx.identity.account)
        {
            return Err(errors::queue_does_not_exist());
        }
        let queue = self
            .queue(&req.queue_name)
            .ok_or_else(errors::queue_does_not_exist)?;
        Ok(json!({ "QueueUrl": queue.url }))
    }

    fn list_queues(&mut self, _ctx: &mut Ctx, req: ListQueuesRequest) -> Result<Value, AwsError> {
        let prefix = req.queue_name_prefix.unwrap_or_default();
        let matching = self
            .queues
            .values()
            .filter(|q| q.name.starts_with(&prefix))
            .collect();
        let (page, token) =
            paging::page_by_name(matching, req.max_results, req.next_token.as_deref())?;
        let mut out = Map::new();
        if !page.is_empty() {
            let urls = page.iter().map(|q| Value::from(q.url.clone())).collect();
            out.insert("QueueUrls".into(), Value::Array(urls));
        }
        if let Some(token) = token {
            out.insert("NextToken".into(), Value::from(token));
        }
        Ok(Value::Object(out))
    }

    fn delete_queue(&mut self, ctx: &mut Ctx, req: QueueUrlRequest) -> Result<Value, AwsError> {
        let id = self.queue_id(ctx, &req.queue_url)?;
        let queue = self
            .queues
            .remove(&id)
            .expect("queue ids come from by_name");
        let mut queue = queue;
        self.fifo_queues -= usize::from(queue.is_fifo());
        queue.purge(ctx);
        self.by_name.remove(&*queue.name);
        self.by_url.remove(&queue.url);
        self.deleted_at.insert(queue.name.to_string(), ctx.now);
        ctx.emit(TraceKind::QueueDeleted { queue: queue.name });
        Ok(json!({}))
    }

    fn get_queue_attributes(
        &mut self,
        ctx: &mut Ctx,
        req: GetQueueAttributesRequest,
    ) -> Result<Value, AwsError> {
        let id = self.queue_id(ctx, &req.queue_url)?;
        let names = req.attribute_names.unwrap_or_default();
        let attrs = attributes::read(&self.queues[&id], &names)?;
        if names.is_empty() {
            return Ok(json!({}));
        }
        let mut response = Map::new();
        response.insert("Attributes".into(), Value::Object(attrs));
        Ok(Value::Object(response))
    }
}
