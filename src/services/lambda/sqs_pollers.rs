//! Lambda's SQS pollers: what an enabled event source mapping does. Each
//! poller long-polls the queue (20 s, up to 10 messages a call), gathers a
//! batch (up to BatchSize, until the batching window closes or the payload
//! nears 6 MB), invokes the function synchronously with the SQS event, and
//! then deletes what succeeded (all of it, or all but the
//! `batchItemFailures` when ReportBatchItemFailures is on). What is not
//! deleted stays in flight and returns after the queue's visibility timeout,
//! so the queue's redrive policy and dead-letter queue take over.
//!
//! Scaling follows AWS's description: five batches at once when messages
//! arrive, up to 300 more per minute while messages remain (Stratus adds them
//! as 50 every 10 s), at most 1,000 or ScalingConfig.MaximumConcurrency; an
//! empty long poll retires a poller down to two (five with
//! MaximumConcurrency set, where AWS does not make that optimisation). A
//! throttled invocation leaves its batch in flight (it returns after the
//! visibility timeout, counting a receive) and the mapping backs off.

use super::event_sources::{EventSourceMapping, MappingState, Queues};
use super::events::LambdaEvent;
use super::invoke::Kind;
use super::{Lambda, LambdaTimer};
use crate::kernel::{Ctx, Timer};
use crate::kernel::{Outbound, Payload, Token};
use crate::sim::{Millis, TimerClass, TimerId, SECOND};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// A poller's long poll (the most SQS allows).
pub const RECEIVE_WAIT_SECONDS: u64 = 20;
/// Batches a mapping processes at once as soon as messages are available.
pub const START_BATCHES: u32 = 5;
/// How few pollers an idle mapping keeps (without MaximumConcurrency).
pub const IDLE_POLLERS: u32 = 2;
/// Scaling up: `SCALE_STEP` more pollers every `SCALE_INTERVAL` (300 a minute).
pub const SCALE_INTERVAL: Millis = 10 * SECOND;
pub const SCALE_STEP: u32 = 50;
/// A poller waits this long after a throttled invocation, or after an SQS error.
pub const THROTTLE_BACKOFF: Millis = SECOND;
pub const ERROR_BACKOFF: Millis = 10 * SECOND;
/// The synchronous invocation payload limit a batch must stay under.
const MAX_BATCH_BYTES: usize = 6_291_456;

/// Names one poller of one mapping (the world hands its SQS results back by it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct PollerRef {
    pub mapping: u64,
    pub poller: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PollerState {
    /// A ReceiveMessage is out (or waiting as a long poll).
    Receiving,
    /// The function is running with this poller's batch.
    Invoking { invocation: u64 },
    /// Waiting after a throttle or an error, until `until`.
    BackingOff { until: Millis },
}

#[derive(Debug)]
pub struct Poller {
    pub id: u32,
    pub state: PollerState,
    /// Records gathered for the next invocation (the SQS event's `Records`).
    pub batch: Vec<Value>,
    bytes: usize,
    /// When the batching window closes, once the first record is in.
    pub window_ends: Option<Millis>,
    timer: Option<TimerId>,
    /// (messageId, receiptHandle) of the batch being invoked, to delete afterwards.
    invoking: Vec<(String, String)>,
}

impl Poller {
    fn new(id: u32) -> Self {
        Poller {
            id,
            state: PollerState::Receiving,
            batch: Vec::new(),
            bytes: 0,
            window_ends: None,
            timer: None,
            invoking: Vec::new(),
        }
    }
}

/// The system attributes in the order Lambda's SQS records list them; any others follow.
const RECORD_ATTRIBUTE_ORDER: [&str; 8] = [
    "ApproximateReceiveCount",
    "AWSTraceHeader",
    "SentTimestamp",
    "SequenceNumber",
    "MessageGroupId",
    "SenderId",
    "MessageDeduplicationId",
    "ApproximateFirstReceiveTimestamp",
];

/// The SQS event's record for one received message, as Lambda builds it, keys in the order
/// AWS's records carry them (handlers see that order in `Object.keys` and in their logs).
fn record(message: &Value, queue_arn: &str, region: &str) -> Value {
    let attributes = message
        .get("MessageAttributes")
        .and_then(Value::as_object)
        .map(|attrs| {
            attrs
                .iter()
                .map(|(name, a)| {
                    let mut v = serde_json::Map::new();
                    if let Some(s) = a.get("StringValue") {
                        v.insert("stringValue".into(), s.clone());
                    }
                    if let Some(b) = a.get("BinaryValue") {
                        v.insert("binaryValue".into(), b.clone());
                    }
                    v.insert("stringListValues".into(), json!([]));
                    v.insert("binaryListValues".into(), json!([]));
                    v.insert(
                        "dataType".into(),
                        a.get("DataType").cloned().unwrap_or(Value::Null),
                    );
                    (name.clone(), Value::Object(v))
                })
                .collect::<serde_json::Map<_, _>>()
        })
        .unwrap_or_default();
    let system = message.get("Attributes").and_then(Value::as_object);
    let mut ordered = serde_json::Map::new();
    if let Some(system) = system {
        for name in RECORD_ATTRIBUTE_ORDER {
            if let Some(v) = system.get(name) {
                ordered.insert(name.to_string(), v.clone());
            }
        }
        for (name, v) in system {
            if !ordered.contains_key(name) {
                ordered.insert(name.clone(), v.clone());
            }
        }
    }
    let mut record = serde_json::Map::new();
    record.insert("messageId".into(), message["MessageId"].clone());
    record.insert("receiptHandle".into(), message["ReceiptHandle"].clone());
    record.insert("body".into(), message["Body"].clone());
    record.insert("attributes".into(), Value::Object(ordered));
    record.insert("messageAttributes".into(), Value::Object(attributes));
    // The digest of the message attributes comes with them, as in ReceiveMessage.
    if let Some(md5) = message.get("MD5OfMessageAttributes") {
        record.insert("md5OfMessageAttributes".into(), md5.clone());
    }
    record.insert("md5OfBody".into(), message["MD5OfBody"].clone());
    record.insert("eventSource".into(), json!("aws:sqs"));
    record.insert("eventSourceARN".into(), json!(queue_arn));
    record.insert("awsRegion".into(), json!(region));
    Value::Object(record)
}

/// The messages a function reported as failed, or None when the whole batch failed: an error,
/// or (with ReportBatchItemFailures) a response AWS cannot read as a partial batch response.
fn failures(
    result: Option<&Value>,
    report: bool,
    ids: &[(String, String)],
) -> Option<BTreeSet<String>> {
    let response = result?;
    if !report {
        return Some(BTreeSet::new());
    }
    let list = match response {
        Value::Null => return Some(BTreeSet::new()),
        Value::Object(o) => match o.get("batchItemFailures") {
            None | Some(Value::Null) => return Some(BTreeSet::new()),
            Some(Value::Array(list)) => list,
            Some(_) => return None,
        },
        _ => return None,
    };
    let known: BTreeSet<&str> = ids.iter().map(|(id, _)| id.as_str()).collect();
    list.iter()
        .map(
            |item| match item.get("itemIdentifier").and_then(Value::as_str) {
                Some(id) if known.contains(id) => Some(id.to_string()),
                _ => None,
            },
        )
        .collect()
}

impl Lambda {
    /// An enabled mapping starts its first pollers and its scaling clock.
    pub(super) fn start_polling(&mut self, ctx: &mut Ctx, id: u64) {
        let Some(m) = self.mappings.get_mut(&id) else {
            return;
        };
        let from = m.pollers.len() as u32;
        let to = START_BATCHES.min(m.ceiling()).max(from);
        for _ in from..to {
            self.add_poller(id);
        }
        // A missing mapping (deleted meanwhile) has nothing left to schedule.
        let Some(m) = self.mappings.get_mut(&id) else {
            return;
        };
        m.scale_timer = Some(ctx.schedule(
            ctx.now + SCALE_INTERVAL,
            TimerClass::Background,
            Timer::Lambda(LambdaTimer::ScalePollers { mapping: id }),
        ));
        scaled(ctx, m, from);
    }

    /// A disabled or deleted mapping stops polling; batches being invoked finish first.
    pub(super) fn stop_polling(&mut self, ctx: &mut Ctx, id: u64) {
        let Some(m) = self.mappings.get_mut(&id) else {
            return;
        };
        if let Some(t) = m.scale_timer.take() {
            ctx.timers.cancel(t);
        }
        let from = m.pollers.len() as u32;
        let idle: Vec<u32> = m
            .pollers
            .values()
            .filter(|p| !matches!(p.state, PollerState::Invoking { .. }))
            .map(|p| p.id)
            .collect();
        for poller in idle {
            let Some(p) = m.pollers.remove(&poller) else {
                continue;
            };
            if let Some(t) = p.timer {
                ctx.timers.cancel(t);
            }
            if p.state == PollerState::Receiving {
                self.outgoing
                    .push(Outbound::Cancel(Token::Poller { owner: id, poller }));
            }
        }
        scaled(ctx, m, from);
        self.forget_if_deleted(id);
    }

    fn forget_if_deleted(&mut self, id: u64) {
        if self
            .mappings
            .get(&id)
            .is_some_and(|m| m.state == MappingState::Deleting && m.pollers.is_empty())
        {
            self.mappings.remove(&id);
        }
    }

    fn add_poller(&mut self, id: u64) {
        let Some(m) = self.mappings.get_mut(&id) else {
            return;
        };
        let poller = m.next_poller;
        m.next_poller += 1;
        m.pollers.insert(poller, Poller::new(poller));
        self.receive(id, poller);
    }

    /// Sends the poller's next ReceiveMessage: a 20 s long poll for what the batch still lacks
    /// (a closing batching window cancels it, see `batch_window_closed`).
    fn receive(&mut self, id: u64, poller: u32) {
        let m = &self.mappings[&id];
        let p = &m.pollers[&poller];
        let wanted = (m.batch_size as usize - p.batch.len()).clamp(1, 10);
        self.outgoing.push(Outbound::Call {
            token: Some(Token::Poller { owner: id, poller }),
            action: Cow::Borrowed("sqs:ReceiveMessage"),
            input: Payload::Json(json!({
                "QueueUrl": m.queue_url,
                "MaxNumberOfMessages": wanted,
                "WaitTimeSeconds": RECEIVE_WAIT_SECONDS,
                "MessageSystemAttributeNames": ["All"],
                "MessageAttributeNames": ["All"],
            })),
        });
        if let Some(p) = self.poller_mut(id, poller) {
            p.state = PollerState::Receiving;
        }
    }

    /// An SQS call a poller made has answered.
    pub fn on_poll_result(
        &mut self,
        ctx: &mut Ctx,
        who: PollerRef,
        action: &str,
        result: Result<Value, crate::api::AwsError>,
    ) {
        if action != "ReceiveMessage" {
            // DeleteMessageBatch: what it could not delete returns after the visibility timeout.
            return;
        }
        let PollerRef {
            mapping: id,
            poller,
        } = who;
        let region = ctx.identity.region.clone();
        let Some(m) = self.mappings.get_mut(&id) else {
            return;
        };
        let floor = if m.maximum_concurrency.is_some() {
            START_BATCHES.min(m.ceiling())
        } else {
            IDLE_POLLERS
        };
        let (count, ceiling, batch_size, window) = (
            m.pollers.len() as u32,
            m.ceiling(),
            m.batch_size as usize,
            m.batching_window as Millis * SECOND,
        );
        let queue_arn = m.queue_arn.clone();
        let Some(p) = m.pollers.get_mut(&poller) else {
            return;
        };
        if p.state != PollerState::Receiving {
            // A late answer for a poller that moved on: its messages return after the visibility timeout.
            return;
        }
        let messages = match result {
            Ok(v) => v
                .get("Messages")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
            Err(_) => {
                self.back_off(ctx, id, poller, ERROR_BACKOFF);
                return;
            }
        };
        if messages.is_empty() && p.batch.is_empty() {
            // An empty long poll: the queue is quiet, so the mapping scales in.
            if count > floor {
                m.pollers.remove(&poller);
                scaled(ctx, m, count);
            } else {
                self.receive(id, poller);
            }
            return;
        }
        let mut filtered_out = Vec::new();
        for message in &messages {
            let r = record(message, &queue_arn, &region);
            // FilterCriteria: a record no filter keeps is deleted without invoking.
            if m.filters.as_ref().is_some_and(|f| !f.keeps(&r)) {
                if let Some(handle) = message["ReceiptHandle"].as_str() {
                    filtered_out.push(handle.to_string());
                }
                continue;
            }
            p.bytes += message["Body"].as_str().map_or(0, str::len) + 512;
            p.batch.push(r);
        }
        if !filtered_out.is_empty() {
            m.stats.filtered += filtered_out.len() as u64;
            m.stats.deleted += filtered_out.len() as u64;
            ctx.emit(LambdaEvent::RecordsFilteredOut {
                function: m.function.as_str().into(),
                queue: m.queue_name.as_str().into(),
                records: filtered_out.len() as u32,
            });
            for chunk in filtered_out.chunks(10) {
                let entries: Vec<Value> = chunk
                    .iter()
                    .enumerate()
                    .map(|(i, handle)| json!({ "Id": i.to_string(), "ReceiptHandle": handle }))
                    .collect();
                self.outgoing.push(Outbound::Call {
                    token: Some(Token::Poller { owner: id, poller }),
                    action: Cow::Borrowed("sqs:DeleteMessageBatch"),
                    input: Payload::Json(json!({ "QueueUrl": m.queue_url, "Entries": entries })),
                });
            }
        }
        let Some(p) = m.pollers.get_mut(&poller) else {
            return;
        };
        if p.batch.is_empty() && p.window_ends.is_none() {
            // Everything received was filtered out: poll again.
            self.receive(id, poller);
            return;
        }
        if p.window_ends.is_none() && window > 0 && !p.batch.is_empty() {
            let ends = ctx.now + window;
            p.window_ends = Some(ends);
            p.timer = Some(ctx.schedule(
                ends,
                TimerClass::Pending,
                Timer::Lambda(LambdaTimer::BatchWindow {
                    mapping: id,
                    poller,
                }),
            ));
        }
        let ready = p.batch.len() >= batch_size
            || p.bytes >= MAX_BATCH_BYTES
            || p.window_ends.is_none_or(|end| end <= ctx.now);
        // Messages are flowing: at least five batches at once.
        let wanted = START_BATCHES.min(ceiling);
        if !messages.is_empty() && count < wanted {
            for _ in count..wanted {
                self.add_poller(id);
            }
            if let Some(m) = self.mappings.get_mut(&id) {
                scaled(ctx, m, count);
            }
        }
        if ready {
            self.invoke_batch(ctx, id, poller);
        } else {
            self.receive(id, poller);
        }
    }

    fn poller_mut(&mut self, id: u64, poller: u32) -> Option<&mut Poller> {
        self.mappings.get_mut(&id)?.pollers.get_mut(&poller)
    }

    fn back_off(&mut self, ctx: &mut Ctx, id: u64, poller: u32, delay: Millis) {
        let Some(p) = self.poller_mut(id, poller) else {
            return;
        };
        let until = ctx.now + delay;
        p.state = PollerState::BackingOff { until };
        p.timer = Some(ctx.schedule(
            until,
            TimerClass::Background,
            Timer::Lambda(LambdaTimer::PollerResume {
                mapping: id,
                poller,
            }),
        ));
    }

    /// The batching window closed: invoke with what was gathered.
    pub(super) fn batch_window_closed(&mut self, ctx: &mut Ctx, id: u64, poller: u32) {
        let Some(p) = self.poller_mut(id, poller) else {
            return;
        };
        p.timer = None;
        if p.state != PollerState::Receiving || p.batch.is_empty() {
            return;
        }
        self.outgoing
            .push(Outbound::Cancel(Token::Poller { owner: id, poller }));
        self.invoke_batch(ctx, id, poller);
    }

    pub(super) fn poller_resume(&mut self, id: u64, poller: u32) {
        let Some(p) = self.poller_mut(id, poller) else {
            return;
        };
        p.timer = None;
        if matches!(p.state, PollerState::BackingOff { .. }) {
            self.receive(id, poller);
        }
    }

    /// Invokes the function synchronously with the poller's batch.
    fn invoke_batch(&mut self, ctx: &mut Ctx, id: u64, poller: u32) {
        let Some(m) = self.mappings.get_mut(&id) else {
            return;
        };
        let Some(p) = m.pollers.get_mut(&poller) else {
            return;
        };
        if let Some(t) = p.timer.take() {
            ctx.timers.cancel(t);
        }
        p.window_ends = None;
        p.bytes = 0;
        let records = std::mem::take(&mut p.batch);
        p.invoking = records
            .iter()
            .map(|r| {
                (
                    r["messageId"].as_str().unwrap_or_default().to_string(),
                    r["receiptHandle"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect();
        m.stats.batches += 1;
        m.stats.records += records.len() as u64;
        let (function, qualifier) = (m.function.clone(), m.qualifier.clone());
        let target = self
            .functions
            .get(&function)
            .and_then(|f| Some((f, Self::version_of(f, qualifier.as_deref()).ok()?)));
        let Some((f, version)) = target else {
            // The function (or its alias) is gone: the batch returns after the visibility timeout.
            self.batch_done(ctx, id, poller, None);
            self.back_off(ctx, id, poller, ERROR_BACKOFF);
            return;
        };
        let terminates_loops = f.recursive_loop == "Terminate";
        if let Err(t) = self.environments.admit(f, &self.functions) {
            ctx.emit(LambdaEvent::InvocationThrottled {
                function: function.as_str().into(),
                reason: t.reason().into(),
            });
            if let Some(m) = self.mappings.get_mut(&id) {
                m.stats.throttled += 1;
            }
            self.batch_done(ctx, id, poller, None);
            self.back_off(ctx, id, poller, THROTTLE_BACKOFF);
            return;
        }
        // Past ~16 invocations in one chain of requests, Lambda stops the next one: the batch
        // fails with RecursiveInvocationException, so SQS's redrive policy ends the loop.
        let chain = self.chain_of_records(&function, &records);
        if chain > super::recursion::MAX_CHAIN && terminates_loops {
            ctx.emit(LambdaEvent::RecursiveInvocationDropped {
                function: function.as_str().into(),
                chain,
            });
            self.batch_done(ctx, id, poller, None);
            self.back_off(ctx, id, poller, ERROR_BACKOFF);
            return;
        }
        self.count_request(&function);
        let request_id = ctx.rng.uuid();
        let Some(invocation) = self.begin(
            ctx,
            &function,
            version,
            json!({ "Records": records }),
            request_id,
            Kind::Poll {
                mapping: id,
                poller,
            },
        ) else {
            // Found above, so never: the batch would return after the visibility timeout.
            self.batch_done(ctx, id, poller, None);
            self.back_off(ctx, id, poller, ERROR_BACKOFF);
            return;
        };
        if let Some(inv) = self.invocations.get_mut(&invocation) {
            inv.chain = chain;
        }
        if let Some(p) = self.poller_mut(id, poller) {
            p.state = PollerState::Invoking { invocation };
        }
    }

    /// The batch's invocation ended (`response` is None when it failed as a whole): delete what
    /// succeeded, then poll again, or retire when the mapping stopped or shrank.
    pub(super) fn batch_done(
        &mut self,
        ctx: &mut Ctx,
        id: u64,
        poller: u32,
        response: Option<&Value>,
    ) {
        let Some(m) = self.mappings.get_mut(&id) else {
            return;
        };
        let Some(p) = m.pollers.get_mut(&poller) else {
            return;
        };
        let batch = std::mem::take(&mut p.invoking);
        let failed = failures(response, m.report_batch_item_failures, &batch);
        let delete: Vec<&(String, String)> = match &failed {
            Some(failed) => batch
                .iter()
                .filter(|(id, _)| !failed.contains(id))
                .collect(),
            None => Vec::new(),
        };
        let failed_count = (batch.len() - delete.len()) as u32;
        m.stats.deleted += delete.len() as u64;
        m.stats.failed_records += failed_count as u64;
        if failed.is_none() {
            m.stats.failed_batches += 1;
        }
        ctx.emit(LambdaEvent::BatchProcessed {
            function: m.function.as_str().into(),
            queue: m.queue_name.as_str().into(),
            records: batch.len() as u32,
            failed: failed_count,
        });
        for chunk in delete.chunks(10) {
            let entries: Vec<Value> = chunk
                .iter()
                .enumerate()
                .map(|(i, (_, handle))| json!({ "Id": i.to_string(), "ReceiptHandle": handle }))
                .collect();
            self.outgoing.push(Outbound::Call {
                token: Some(Token::Poller { owner: id, poller }),
                action: Cow::Borrowed("sqs:DeleteMessageBatch"),
                input: Payload::Json(json!({ "QueueUrl": m.queue_url, "Entries": entries })),
            });
        }
        if !matches!(p.state, PollerState::Invoking { .. }) {
            // Not invoked (throttled, or the function is gone): the caller decides what follows.
            return;
        }
        let count = m.pollers.len() as u32;
        if m.state != MappingState::Enabled || count > m.ceiling() {
            m.pollers.remove(&poller);
            scaled(ctx, m, count);
            self.forget_if_deleted(id);
        } else {
            self.receive(id, poller);
        }
    }

    /// Every `SCALE_INTERVAL`: while messages wait, add pollers (up to the ceiling).
    pub(super) fn scale_pollers(&mut self, ctx: &mut Ctx, queues: Queues, id: u64) {
        let Some(m) = self.mappings.get_mut(&id) else {
            return;
        };
        m.scale_timer = None;
        if m.state != MappingState::Enabled {
            return;
        }
        let backlog = queues(&m.queue_arn).map_or(0, |q| q.visible);
        let count = m.pollers.len() as u32;
        let per_receive = m.batch_size.min(10) as usize;
        let useful = backlog.div_ceil(per_receive) as u32;
        let add = SCALE_STEP
            .min(m.ceiling().saturating_sub(count))
            .min(useful);
        for _ in 0..add {
            self.add_poller(id);
        }
        let Some(m) = self.mappings.get_mut(&id) else {
            return;
        };
        scaled(ctx, m, count);
        m.scale_timer = Some(ctx.schedule(
            ctx.now + SCALE_INTERVAL,
            TimerClass::Background,
            Timer::Lambda(LambdaTimer::ScalePollers { mapping: id }),
        ));
    }
}

/// Records a change in a mapping's number of pollers.
fn scaled(ctx: &mut Ctx, m: &EventSourceMapping, from: u32) {
    let to = m.pollers.len() as u32;
    if to != from {
        ctx.emit(LambdaEvent::PollersScaled {
            function: m.function.as_str().into(),
            queue: m.queue_name.as_str().into(),
            from,
            to,
        });
    }
}
