//! SQS actions that change a queue in place: SetQueueAttributes, PurgeQueue,
//! and the tags (TagQueue, UntagQueue, ListQueueTags).

use super::attributes;
use super::errors;
use super::events::SqsEvent;
use super::redrive;
use super::shapes::{
    Empty, ListQueueTagsRequest, ListQueueTagsResult, PurgeQueueRequest, SetQueueAttributesRequest,
    TagQueueRequest, UntagQueueRequest,
};
use super::Sqs;
use crate::api::AwsError;
use crate::services::Ctx;
use crate::sim::{Millis, SECOND};

/// PurgeQueue may run once per queue in this window.
const PURGE_INTERVAL: Millis = 60 * SECOND;

pub fn set_queue_attributes(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: &SetQueueAttributesRequest,
) -> Result<Empty, AwsError> {
    let id = sqs.queue_id(ctx, &req.queue_url)?;
    // Validate everything first: a refused request changes nothing.
    let wanted = attributes::apply(&sqs.queues[&id].attributes, &req.attributes, false)?;
    if let (Some(policy), Some(raw)) = (&wanted.redrive_policy, req.attributes.get("RedrivePolicy"))
    {
        let source = &sqs.queues[&id];
        redrive::check_target(sqs, &source.arn, source.is_fifo(), raw, policy)?;
    }
    let queue = sqs.queue_mut(id)?;
    let retention = wanted.message_retention_period;
    let retention_changed = retention != queue.attributes.message_retention_period;
    // A new DelaySeconds applies to messages sent from now on; messages already delayed keep theirs.
    queue.attributes = wanted;
    if retention_changed {
        queue.set_retention(ctx, retention);
    }
    queue.last_modified = ctx.now;
    Ok(Empty {})
}

pub fn purge_queue(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: &PurgeQueueRequest,
) -> Result<Empty, AwsError> {
    let id = sqs.queue_id(ctx, &req.queue_url)?;
    let queue = sqs.queue_mut(id)?;
    if queue
        .last_purge
        .is_some_and(|at| ctx.now < at + PURGE_INTERVAL)
    {
        return Err(errors::purge_queue_in_progress(&queue.name));
    }
    queue.last_purge = Some(ctx.now);
    let messages = queue.purge(ctx);
    queue.forget_deduplication_ids();
    ctx.emit(SqsEvent::QueuePurged {
        queue: queue.name.clone(),
        messages,
    });
    Ok(Empty {})
}

pub fn tag_queue(sqs: &mut Sqs, ctx: &mut Ctx, req: &TagQueueRequest) -> Result<Empty, AwsError> {
    let id = sqs.queue_id(ctx, &req.queue_url)?;
    // A tag with an existing key replaces it.
    sqs.queue_mut(id)?
        .tags
        .extend(req.tags.iter().map(|(k, v)| (k.clone(), v.clone())));
    Ok(Empty {})
}

pub fn untag_queue(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: &UntagQueueRequest,
) -> Result<Empty, AwsError> {
    let id = sqs.queue_id(ctx, &req.queue_url)?;
    let tags = &mut sqs.queue_mut(id)?.tags;
    for key in &req.tag_keys {
        tags.remove(key);
    }
    Ok(Empty {})
}

pub fn list_queue_tags(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: &ListQueueTagsRequest,
) -> Result<ListQueueTagsResult, AwsError> {
    let id = sqs.queue_id(ctx, &req.queue_url)?;
    let tags = &sqs.queue_mut(id)?.tags;
    Ok(ListQueueTagsResult {
        tags: (!tags.is_empty()).then(|| tags.clone()),
    })
}
