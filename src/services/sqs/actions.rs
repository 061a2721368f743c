//! SQS queue actions (CreateQueue, GetQueueUrl, ListQueues, DeleteQueue,
//! GetQueueAttributes), the queue lookup every action starts with, and the
//! FIFO calls-per-second count. Message actions are in `messages`, `receive`
//! and `batch`, dead-letter queues in `redrive`; the JSON edges in `edge`.

use super::attributes;
use super::errors;
use super::events::SqsEvent;
use super::model::*;
use super::paging;
use super::redrive;
use super::shapes::{
    CreateQueueRequest, CreateQueueResult, DeleteQueueRequest, Empty, GetQueueAttributesRequest,
    GetQueueAttributesResult, GetQueueUrlRequest, GetQueueUrlResult, ListQueuesRequest,
    ListQueuesResult,
};
use super::Sqs;
use crate::api::AwsError;
use crate::services::Ctx;
use crate::sim::{Millis, SECOND};
use std::collections::BTreeMap;

/// A deleted queue's name can be taken again this long after the delete.
const NAME_REUSE_DELAY: Millis = 60 * SECOND;

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

    /// Counts a call against its FIFO queue's calls-per-second quota (standard queues have
    /// none). A long poll's repeats inside the world are one call, counted when it arrived.
    /// Runs before the request is validated: a refused request still counts.
    pub(super) fn count_call(
        &mut self,
        ctx: &mut Ctx,
        action: &str,
        url: &str,
    ) -> Result<(), AwsError> {
        // Standard queues have no such quota: skip the lookup while no FIFO queue exists.
        if self.fifo_queues == 0 || ctx.waiting_since.is_some() {
            return Ok(());
        }
        let Ok(id) = self.queue_id(ctx, url) else {
            return Ok(());
        };
        let queue = self.queue_mut(id)?;
        let counted = queue.count_fifo_call(action, ctx.now, &ctx.identity.region);
        if counted.is_err() {
            ctx.emit(SqsEvent::RequestThrottled {
                queue: queue.name.clone(),
                action: action.into(),
            });
        }
        counted
    }

    /// The queue `id` names (ids come from `queue_id`; a queue deleted since is
    /// NonExistentQueue, never a panic that would take the page down).
    pub(super) fn queue_mut(&mut self, id: u32) -> Result<&mut Queue, AwsError> {
        self.queues
            .get_mut(&id)
            .ok_or_else(errors::queue_does_not_exist)
    }

    /// CreateQueue.
    pub fn create_queue(
        &mut self,
        ctx: &mut Ctx,
        req: &CreateQueueRequest,
    ) -> Result<CreateQueueResult, AwsError> {
        let name = req.queue_name.to_string();
        let none = BTreeMap::new();
        let requested = req.attributes.as_ref().unwrap_or(&none);
        if attributes::asks_for_fifo(requested) {
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
            let wanted = attributes::apply(&queue.attributes, requested, true)?;
            if let Some(name) = attributes::differing_attribute(&queue.attributes, &wanted) {
                return Err(errors::queue_name_exists(name));
            }
            return Ok(CreateQueueResult {
                queue_url: Some(queue.url.clone()),
            });
        }
        let attributes = attributes::apply(&QueueAttributes::default(), requested, true)?;
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
        queue.tags = req.tags.clone().unwrap_or_default();
        self.fifo_queues += usize::from(queue.is_fifo());
        self.queues.insert(id, queue);
        self.by_name.insert(name, id);
        self.by_url.insert(url.clone(), id);
        ctx.emit(SqsEvent::QueueCreated { queue: label });
        Ok(CreateQueueResult {
            queue_url: Some(url),
        })
    }

    /// GetQueueUrl.
    pub fn get_queue_url(
        &mut self,
        ctx: &mut Ctx,
        req: &GetQueueUrlRequest,
    ) -> Result<GetQueueUrlResult, AwsError> {
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
        Ok(GetQueueUrlResult {
            queue_url: Some(queue.url.clone()),
        })
    }

    /// ListQueues.
    pub fn list_queues(
        &mut self,
        _ctx: &mut Ctx,
        req: &ListQueuesRequest,
    ) -> Result<ListQueuesResult, AwsError> {
        let prefix = req.queue_name_prefix.as_deref().unwrap_or_default();
        let matching = self
            .queues
            .values()
            .filter(|q| q.name.starts_with(prefix))
            .collect();
        let (page, token) =
            paging::page_by_name(matching, req.max_results, req.next_token.as_deref())?;
        Ok(ListQueuesResult {
            queue_urls: (!page.is_empty()).then(|| page.iter().map(|q| q.url.clone()).collect()),
            next_token: token,
        })
    }

    /// DeleteQueue.
    pub fn delete_queue(
        &mut self,
        ctx: &mut Ctx,
        req: &DeleteQueueRequest,
    ) -> Result<Empty, AwsError> {
        let id = self.queue_id(ctx, &req.queue_url)?;
        let Some(mut queue) = self.queues.remove(&id) else {
            return Err(errors::queue_does_not_exist());
        };
        self.fifo_queues -= usize::from(queue.is_fifo());
        queue.purge(ctx);
        self.by_name.remove(&*queue.name);
        self.by_url.remove(&queue.url);
        self.deleted_at.insert(queue.name.to_string(), ctx.now);
        ctx.emit(SqsEvent::QueueDeleted { queue: queue.name });
        Ok(Empty {})
    }

    /// GetQueueAttributes.
    pub fn get_queue_attributes(
        &mut self,
        ctx: &mut Ctx,
        req: &GetQueueAttributesRequest,
    ) -> Result<GetQueueAttributesResult, AwsError> {
        let id = self.queue_id(ctx, &req.queue_url)?;
        let none = Vec::new();
        let names = req.attribute_names.as_ref().unwrap_or(&none);
        let attrs = attributes::read(&self.queues[&id], names)?;
        Ok(GetQueueAttributesResult {
            attributes: (!names.is_empty()).then_some(attrs),
        })
    }
}
