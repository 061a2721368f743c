//! SQS dead-letter-queue redrive: StartMessageMoveTask, ListMessageMoveTasks
//! and CancelMessageMoveTask. A task moves the messages that were in a
//! dead-letter queue when it started, oldest first, at its rate per second of
//! virtual time, to its destination or back to each message's source queue.

use super::errors::{self, invalid_value};
use super::events::SqsEvent;
use super::model::{Message, MessageState};
use super::shapes::{
    CancelMessageMoveTaskRequest, CancelMessageMoveTaskResult, ListMessageMoveTasksRequest,
    ListMessageMoveTasksResult, ListMessageMoveTasksResultEntry, StartMessageMoveTaskRequest,
    StartMessageMoveTaskResult,
};
use super::{Sqs, SqsTimer};
use crate::api::AwsError;
use crate::services::{Ctx, Timer};
use crate::sim::{Millis, TimerClass, TimerId, SECOND};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Value};

/// AWS's upper limit for MaxNumberOfMessagesPerSecond.
pub const MAX_RATE: u32 = 500;
/// With no MaxNumberOfMessagesPerSecond AWS says "the system will optimize the rate based on
/// the queue message backlog size"; Stratus then moves at the documented maximum, 500 per second.
const SYSTEM_OPTIMIZED_RATE: u32 = MAX_RATE;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Running,
    Completed,
    Cancelled,
    Failed,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Running => "RUNNING",
            Status::Completed => "COMPLETED",
            Status::Cancelled => "CANCELLED",
            Status::Failed => "FAILED",
        }
    }
}

#[derive(Clone, Debug)]
pub struct MoveTask {
    handle: String,
    source_arn: String,
    source_id: u32,
    destination_arn: Option<String>,
    rate: Option<u32>,
    moved: u64,
    to_move: u64,
    started: Millis,
    status: Status,
    failure_reason: Option<String>,
    /// Messages with a seq below this were in the dead-letter queue when the task started.
    boundary_seq: u64,
    timer: Option<TimerId>,
}

/// Every message move task, in start order (the index is the task's number in its timer).
#[derive(Debug, Default)]
pub struct MoveTasks {
    tasks: Vec<MoveTask>,
}

fn resource_not_found(message: &str) -> AwsError {
    AwsError::query_compatible(
        "com.amazonaws.sqs",
        "ResourceNotFoundException",
        "ResourceNotFoundException",
        404,
        message,
    )
}

fn source_not_found() -> AwsError {
    resource_not_found("The resource that you specified for the SourceArn parameter doesn't exist.")
}

pub fn start_message_move_task(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: &StartMessageMoveTaskRequest,
) -> Result<StartMessageMoveTaskResult, AwsError> {
    let rate = match req.max_number_of_messages_per_second {
        None => None,
        Some(r) if (1..=MAX_RATE as i64).contains(&r) => Some(r as u32),
        Some(r) => {
            return Err(invalid_value(
                "MaxNumberOfMessagesPerSecond",
                r,
                "Must be between 1 and 500, if provided.",
            ))
        }
    };
    let source_id = sqs
        .queue_id_by_arn(&req.source_arn)
        .ok_or_else(source_not_found)?;
    let is_dlq = sqs.queues.values().any(|q| {
        q.attributes
            .redrive_policy
            .as_ref()
            .is_some_and(|p| *p.dead_letter_target_arn == *req.source_arn)
    });
    if !is_dlq {
        return Err(errors::invalid_parameter_value(
            "Source queue must be configured as a Dead Letter Queue.",
        ));
    }
    if let Some(dest) = &req.destination_arn {
        if sqs.queue_id_by_arn(dest).is_none() {
            return Err(resource_not_found(
                "The resource that you specified for the DestinationArn parameter doesn't exist.",
            ));
        }
        if *dest == req.source_arn {
            return Err(errors::invalid_parameter_value(
                "Source queue arn and destination queue arn cannot be the same.",
            ));
        }
    }
    if sqs
        .move_tasks
        .tasks
        .iter()
        .any(|t| t.status == Status::Running && t.source_id == source_id)
    {
        return Err(errors::invalid_parameter_value(
            "There is already a task running. Only one active task is allowed for a source queue arn at a given time.",
        ));
    }
    let source = &sqs.queues[&source_id];
    let number = sqs.move_tasks.tasks.len() as u32;
    let task_id = ctx.rng.uuid();
    let handle = STANDARD.encode(
        json!({"taskId": task_id, "sourceArn": req.source_arn})
            .to_string()
            .as_bytes(),
    );
    let timer = ctx.schedule(
        ctx.now + SECOND,
        TimerClass::Pending,
        Timer::Sqs(SqsTimer::MoveTaskTick { task: number }),
    );
    sqs.move_tasks.tasks.push(MoveTask {
        handle: handle.clone(),
        source_arn: req.source_arn.to_string(),
        source_id,
        destination_arn: req.destination_arn.as_deref().map(str::to_string),
        rate,
        moved: 0,
        to_move: source.messages.len() as u64,
        started: ctx.now,
        status: Status::Running,
        failure_reason: None,
        boundary_seq: source.next_seq,
        timer: Some(timer),
    });
    Ok(StartMessageMoveTaskResult {
        task_handle: Some(handle),
    })
}

pub fn list_message_move_tasks(
    sqs: &mut Sqs,
    _ctx: &mut Ctx,
    req: &ListMessageMoveTasksRequest,
) -> Result<ListMessageMoveTasksResult, AwsError> {
    let max = match req.max_results {
        None => 1,
        Some(m) if (1..=10).contains(&m) => m as usize,
        Some(m) => {
            return Err(invalid_value(
                "MaxResults",
                m,
                "Must be between 1 and 10, if provided.",
            ))
        }
    };
    let source_id = sqs
        .queue_id_by_arn(&req.source_arn)
        .ok_or_else(source_not_found)?;
    let results: Vec<ListMessageMoveTasksResultEntry> = sqs
        .move_tasks
        .tasks
        .iter()
        .rev()
        .filter(|t| t.source_id == source_id)
        .take(max)
        .map(entry)
        .collect();
    Ok(ListMessageMoveTasksResult {
        results: Some(results),
    })
}

fn entry(task: &MoveTask) -> ListMessageMoveTasksResultEntry {
    ListMessageMoveTasksResultEntry {
        task_handle: (task.status == Status::Running).then(|| task.handle.clone()),
        status: Some(task.status.as_str().to_string()),
        source_arn: Some(task.source_arn.clone()),
        destination_arn: task.destination_arn.clone(),
        max_number_of_messages_per_second: task.rate.map(i64::from),
        approximate_number_of_messages_moved: Some(task.moved as i64),
        approximate_number_of_messages_to_move: Some(task.to_move as i64),
        failure_reason: task.failure_reason.clone(),
        started_timestamp: Some(task.started as i64),
    }
}

pub fn cancel_message_move_task(
    sqs: &mut Sqs,
    ctx: &mut Ctx,
    req: &CancelMessageMoveTaskRequest,
) -> Result<CancelMessageMoveTaskResult, AwsError> {
    // A handle is the base64 of the task id and its source ARN: AWS reads it before looking.
    let Some(source_arn) = handle_source_arn(&req.task_handle) else {
        return Err(errors::invalid_parameter_value(
            "Value for parameter TaskHandle is invalid.",
        ));
    };
    if sqs.queue_id_by_arn(&source_arn).is_none() {
        return Err(source_not_found());
    }
    let Some(task) = sqs
        .move_tasks
        .tasks
        .iter_mut()
        .find(|t| *t.handle == *req.task_handle && t.status == Status::Running)
    else {
        return Err(resource_not_found("Task does not exist."));
    };
    task.status = Status::Cancelled;
    if let Some(timer) = task.timer.take() {
        ctx.timers.cancel(timer);
    }
    Ok(CancelMessageMoveTaskResult {
        approximate_number_of_messages_moved: Some(task.moved as i64),
    })
}

/// The source ARN a TaskHandle carries, if it is one.
fn handle_source_arn(handle: &str) -> Option<String> {
    let bytes = STANDARD.decode(handle).ok()?;
    let doc: Value = serde_json::from_slice(&bytes).ok()?;
    doc.get("taskId")?.as_str()?;
    Some(doc.get("sourceArn")?.as_str()?.to_string())
}

/// A task that fails because a queue it moves from or to no longer exists
/// reports AWS's error code for a missing queue as its FailureReason.
const NON_EXISTENT_QUEUE: &str = "AWS.SimpleQueueService.NonExistentQueue";

impl MoveTasks {
    /// The dead-letter queue (its id) a task's next tick moves messages out of, while it runs.
    pub(super) fn running_source(&self, number: u32) -> Option<u32> {
        let task = self.tasks.get(number as usize)?;
        (task.status == Status::Running).then_some(task.source_id)
    }
}

/// One second of a running task: moves up to its rate of the visible messages that were in
/// the dead-letter queue at its start, oldest first, then finishes or arms the next second.
pub fn on_tick(sqs: &mut Sqs, ctx: &mut Ctx, number: u32) {
    let Some(task) = sqs.move_tasks.tasks.get_mut(number as usize) else {
        return;
    };
    if task.status != Status::Running {
        return;
    }
    task.timer = None;
    let task = task.clone();
    let outcome = move_batch(sqs, ctx, &task);
    let t = &mut sqs.move_tasks.tasks[number as usize];
    t.moved += outcome.moved;
    match outcome.end {
        Some(Ok(())) => t.status = Status::Completed,
        Some(Err(reason)) => {
            t.status = Status::Failed;
            t.failure_reason = Some(reason);
        }
        None => {
            t.timer = Some(ctx.schedule(
                ctx.now + SECOND,
                TimerClass::Pending,
                Timer::Sqs(SqsTimer::MoveTaskTick { task: number }),
            ));
        }
    }
}

struct Batch {
    moved: u64,
    /// Some(Ok) when the task completed, Some(Err(reason)) when it failed.
    end: Option<Result<(), String>>,
}

fn move_batch(sqs: &mut Sqs, ctx: &mut Ctx, task: &MoveTask) -> Batch {
    let mut moved = 0;
    let Some(source) = sqs.queues.get(&task.source_id) else {
        return Batch {
            moved,
            end: Some(Err(NON_EXISTENT_QUEUE.into())),
        };
    };
    let source_name = source.name.clone();
    let rate = task.rate.unwrap_or(SYSTEM_OPTIMIZED_RATE) as usize;
    let fixed_destination = match &task.destination_arn {
        None => None,
        Some(arn) => match sqs.queue_id_by_arn(arn) {
            Some(id) => Some(id),
            None => {
                return Batch {
                    moved,
                    end: Some(Err(NON_EXISTENT_QUEUE.into())),
                }
            }
        },
    };
    let seqs: Vec<u64> = source
        .visible
        .iter()
        .take_while(|&s| s < task.boundary_seq)
        .take(rate)
        .collect();
    for seq in seqs {
        let dest_id = match fixed_destination {
            Some(id) => Some(id),
            None => sqs.queues[&task.source_id]
                .messages
                .get(&seq)
                .and_then(|m| m.dead_letter_queue_source_arn.as_deref())
                .and_then(|arn| sqs.queue_id_by_arn(arn)),
        };
        // The message's own source queue is gone: the task stops there, the message stays.
        let Some(dest_id) = dest_id.filter(|&id| id != task.source_id) else {
            return Batch {
                moved,
                end: Some(Err(NON_EXISTENT_QUEUE.into())),
            };
        };
        let Some(message) = sqs
            .queue_mut(task.source_id)
            .ok()
            .and_then(|source| source.remove(ctx, seq))
        else {
            continue;
        };
        let dead_letter_id = message.message_id.clone();
        // Found above; were it gone, the message would stay out of both queues, so stop here.
        let Ok(dest) = sqs.queue_mut(dest_id) else {
            return Batch {
                moved,
                end: Some(Err(NON_EXISTENT_QUEUE.into())),
            };
        };
        // AWS: "The redrive task resets the retention period. All redriven messages are treated
        // as new messages, and the system assigns them new messageID and enqueueTime." The body
        // and message attributes stay.
        let message_id: std::rc::Rc<str> = ctx.rng.uuid().into();
        let new = Box::new(Message {
            seq: dest.next_seq,
            message_id: message_id.clone(),
            sent_timestamp: ctx.now,
            enqueued_at: ctx.now,
            expires_at: ctx.now + dest.attributes.message_retention_period as u64 * SECOND,
            sequence_number: dest.next_sequence_number(ctx.now),
            first_receive_timestamp: None,
            received_at: None,
            receive_count: 0,
            receipt: None,
            state: MessageState::Visible,
            dead_letter_queue_source_arn: None,
            ..*message
        });
        dest.next_seq += 1;
        // A redriven message is not delayed by the destination's DelaySeconds (Stratus's choice).
        dest.enqueue(ctx, new, 0);
        let destination = dest.name.clone();
        ctx.emit(SqsEvent::MessageRedriven {
            queue: source_name.clone(),
            message_id: dead_letter_id,
            destination,
            new_message_id: message_id,
        });
        moved += 1;
    }
    let source = &sqs.queues[&task.source_id];
    let left = source
        .messages
        .first_key()
        .is_some_and(|seq| seq < task.boundary_seq);
    let done = !left || task.moved + moved >= task.to_move;
    Batch {
        moved,
        end: done.then_some(Ok(())),
    }
}
