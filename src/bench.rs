//! Benchmark workloads shared by the native benchmark (`benches/sqs.rs`) and
//! the same benchmark run in the browser (`tests/browser_bench.rs`): they do
//! the work and leave the timing to the caller's clock.

use crate::kernel::route::Delivery;
use crate::services::sqs::shapes::{
    DeleteMessageBatchRequest, DeleteMessageBatchRequestEntry, DeleteMessageRequest,
    ReceiveMessageRequest, SendMessageBatchRequest, SendMessageBatchRequestEntry,
    SendMessageRequest,
};
use crate::sim::TraceMode;
use crate::{Settings, World};
use serde::Deserialize;
use serde_json::{json, Value};
use std::borrow::Cow;
use std::fmt::Write;

/// The runtime benchmarks' handler: a trivial async handler (ESM).
pub const TRIVIAL_HANDLER: &str = "export const handler = async (event) => ({ ok: event.n });";

/// Handler bodies that never end on their own, for how long the runaway
/// guard holds the host (each goes inside an async ESM handler).
pub const RUNAWAY_BODIES: [&str; 6] = [
    "while (true) {}",
    "function f(){ for (let i = 0; i < 1000; i++) {} } while (true) f();",
    "for (;;) { [1, 2, 3].map(x => x); }",
    "async function f() { await null; return f(); } await f();",
    "const f = (n) => f(n + 1) + 1; return f(0);",
    "const f = () => [0].map(f); return f();",
];

fn world_with_queue() -> (World, String) {
    world_with(json!({"QueueName": "bench"}))
}

thread_local! {
    static TRACE: std::cell::Cell<TraceMode> = const { std::cell::Cell::new(TraceMode::Full) };
}

/// How much of the trace the SQS workloads' worlds keep (the whole trace unless set): a
/// benchmark reports the full trace, and counts only as a long run would set it.
pub fn set_sqs_trace(mode: TraceMode) {
    TRACE.with(|t| t.set(mode));
}

fn world_with(create: Value) -> (World, String) {
    let settings = Settings {
        trace: TRACE.with(|t| t.get()),
        ..Settings::default()
    };
    let mut world = World::new(settings);
    let url = world.call("sqs:CreateQueue", create).unwrap_or_default()["QueueUrl"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    (world, url)
}

/// Sends, receives and deletes `messages` messages one call at a time; returns how many were deleted.
pub fn sqs_single(messages: usize) -> usize {
    let (mut world, url) = world_with_queue();
    let mut deleted = 0;
    for i in 0..messages {
        let _ = world.call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": format!("message {i}")}),
        );
        let received = world
            .call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
            .unwrap_or_default();
        let handle = received["Messages"][0]["ReceiptHandle"].clone();
        if world
            .call(
                "sqs:DeleteMessage",
                json!({"QueueUrl": url, "ReceiptHandle": handle}),
            )
            .is_ok()
        {
            deleted += 1;
        }
    }
    deleted
}

/// The same in batches of 10 (SendMessageBatch, ReceiveMessage of 10, DeleteMessageBatch).
pub fn sqs_batches(messages: usize) -> usize {
    let (mut world, url) = world_with_queue();
    batches_through(
        &mut world,
        &url,
        messages,
        |batch, i| json!({"Id": format!("m{i}"), "MessageBody": format!("message {batch}-{i}")}),
    )
}

/// FIFO in batches of 10 over 100 message groups, on a high-throughput FIFO queue (a
/// per-queue one allows 300 calls a second, and the benchmark's virtual time stands still).
pub fn sqs_fifo_batches(messages: usize) -> usize {
    let (mut world, url) = world_with(json!({"QueueName": "bench.fifo", "Attributes": {
        "FifoQueue": "true",
        "DeduplicationScope": "messageGroup",
        "FifoThroughputLimit": "perMessageGroupId",
    }}));
    batches_through(&mut world, &url, messages, |batch, i| {
        json!({"Id": format!("m{i}"), "MessageBody": format!("message {batch}-{i}"),
               "MessageGroupId": format!("group-{}", batch % 100), "MessageDeduplicationId": format!("{batch}-{i}")})
    })
}

/// Sends `messages` in batches of 10 entries made by `entry(batch, i)`, receiving and deleting
/// each batch; returns how many were deleted.
fn batches_through(
    world: &mut World,
    url: &str,
    messages: usize,
    entry: impl Fn(usize, usize) -> Value,
) -> usize {
    let mut deleted = 0;
    for batch in 0..messages / 10 {
        let entries = (0..10).map(|i| entry(batch, i)).collect();
        let _ = world.call("sqs:SendMessageBatch", with_entries(url, entries));
        let received = world
            .call(
                "sqs:ReceiveMessage",
                json!({"QueueUrl": url, "MaxNumberOfMessages": 10}),
            )
            .unwrap_or_default();
        let entries: Vec<Value> = received["Messages"]
            .as_array()
            .map(|m| m.iter().enumerate().map(|(i, m)| json!({"Id": format!("d{i}"), "ReceiptHandle": m["ReceiptHandle"]})).collect())
            .unwrap_or_default();
        let result = world
            .call("sqs:DeleteMessageBatch", with_entries(url, entries))
            .unwrap_or_default();
        deleted += result["Successful"].as_array().map_or(0, Vec::len);
    }
    deleted
}

/// `{"QueueUrl", "Entries"}` with the entries moved in (`json!` would deep-copy them).
fn with_entries(url: &str, entries: Vec<Value>) -> Value {
    let mut input = json!({ "QueueUrl": url });
    input["Entries"] = Value::Array(entries);
    input
}

/// The typed path: send, receive and delete `messages` messages one call at a time through
/// `World::sqs_direct` and `Sqs`'s typed methods (no JSON at all); returns how many were deleted.
/// What a fan-out will do: `messages` typed SendMessage requests into one queue, each a
/// delivery that only needs to succeed (nothing is received); returns how many were accepted.
pub fn sqs_typed_deliveries(messages: usize) -> usize {
    let (mut world, url) = world_with_queue();
    let mut body = String::new();
    let mut accepted = 0;
    for i in 0..messages {
        body.clear();
        let _ = write!(body, "record {i}");
        let send = SendMessageRequest {
            queue_url: Cow::Borrowed(&url),
            message_body: Cow::Borrowed(&body),
            ..SendMessageRequest::default()
        };
        if world
            .sqs_direct(|sqs, ctx| sqs.send_message(ctx, &send))
            .is_ok()
        {
            accepted += 1;
        }
    }
    accepted
}

/// The same deliveries made through the router, as another service makes them: the queue's ARN
/// resolved, a typed SendMessage, billing and a `Delivered` event each.
pub fn sqs_routed_deliveries(messages: usize) -> usize {
    let (mut world, _) = world_with_queue();
    let arn = "arn:aws:sqs:us-east-1:123456789012:bench";
    for i in 0..messages {
        let delivery = Delivery {
            body: Value::String(format!("record {i}")),
            message_attributes: None,
        };
        world.deliver_from("bench", arn, delivery);
    }
    world
        .trace()
        .counts()
        .get("Delivered")
        .copied()
        .unwrap_or(0) as usize
}

pub fn sqs_typed_single(messages: usize) -> usize {
    let (mut world, url) = world_with_queue();
    let mut deleted = 0;
    let mut body = String::new();
    for i in 0..messages {
        body.clear();
        let _ = write!(body, "message {i}");
        let send = SendMessageRequest {
            queue_url: Cow::Borrowed(&url),
            message_body: Cow::Borrowed(&body),
            ..SendMessageRequest::default()
        };
        let _ = world.sqs_direct(|sqs, ctx| sqs.send_message(ctx, &send));
        let receive = ReceiveMessageRequest {
            queue_url: Cow::Borrowed(&url),
            ..ReceiveMessageRequest::default()
        };
        let handle = world
            .sqs_direct(|sqs, ctx| sqs.receive_message(ctx, &receive))
            .ok()
            .and_then(|r| r.messages?.first()?.receipt_handle)
            .map(|h| h.text())
            .unwrap_or_default();
        let delete = DeleteMessageRequest {
            queue_url: Cow::Borrowed(&url),
            receipt_handle: Cow::Owned(handle),
        };
        if world
            .sqs_direct(|sqs, ctx| sqs.delete_message(ctx, &delete))
            .is_ok()
        {
            deleted += 1;
        }
    }
    deleted
}

/// The typed path in batches of 10 (SendMessageBatch, ReceiveMessage of 10, DeleteMessageBatch).
pub fn sqs_typed_batches(messages: usize) -> usize {
    let (mut world, url) = world_with_queue();
    let mut deleted = 0;
    let ids: Vec<String> = (0..10).map(|i| format!("m{i}")).collect();
    for batch in 0..messages / 10 {
        let bodies: Vec<String> = (0..10).map(|i| format!("message {batch}-{i}")).collect();
        let send = SendMessageBatchRequest {
            queue_url: Cow::Borrowed(&url),
            entries: bodies
                .iter()
                .zip(&ids)
                .map(|(body, id)| SendMessageBatchRequestEntry {
                    id: Cow::Borrowed(id),
                    message_body: Cow::Borrowed(body),
                    ..SendMessageBatchRequestEntry::default()
                })
                .collect(),
        };
        let _ = world.sqs_direct(|sqs, ctx| sqs.send_message_batch(ctx, &send));
        let receive = ReceiveMessageRequest {
            queue_url: Cow::Borrowed(&url),
            max_number_of_messages: Some(10),
            ..ReceiveMessageRequest::default()
        };
        let received = world
            .sqs_direct(|sqs, ctx| sqs.receive_message(ctx, &receive))
            .ok()
            .and_then(|r| r.messages)
            .unwrap_or_default();
        let delete = DeleteMessageBatchRequest {
            queue_url: Cow::Borrowed(&url),
            entries: received
                .iter()
                .zip(&ids)
                .filter_map(|(m, id)| {
                    Some(DeleteMessageBatchRequestEntry {
                        id: Cow::Borrowed(id),
                        receipt_handle: Cow::Owned(m.receipt_handle?.text()),
                    })
                })
                .collect(),
        };
        deleted += world
            .sqs_direct(|sqs, ctx| sqs.delete_message_batch(ctx, &delete))
            .map_or(0, |r| r.successful.len());
    }
    deleted
}

/// What a text-path client reads from a ReceiveMessage answer: the receipt handles.
#[derive(Deserialize)]
struct Received<'a> {
    #[serde(rename = "Messages", borrow, default)]
    messages: Vec<ReceivedMessage<'a>>,
}

#[derive(Deserialize)]
struct ReceivedMessage<'a> {
    #[serde(rename = "ReceiptHandle", borrow)]
    receipt_handle: Cow<'a, str>,
}

/// The handles in a ReceiveMessage answer's text.
fn handles(text: &str) -> Vec<String> {
    serde_json::from_str::<Received>(text)
        .map(|r| {
            r.messages
                .into_iter()
                .map(|m| m.receipt_handle.into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The text path: JSON text in and out of `Sqs::call_text` (no `Value`), one message per call.
pub fn sqs_text_single(messages: usize) -> usize {
    let (mut world, url) = world_with_queue();
    let receive = format!("{{\"QueueUrl\":\"{url}\"}}");
    let mut input = String::new();
    let mut deleted = 0;
    for i in 0..messages {
        input.clear();
        let _ = write!(
            input,
            "{{\"QueueUrl\":\"{url}\",\"MessageBody\":\"message {i}\"}}"
        );
        let _ = world.sqs_direct(|sqs, ctx| sqs.call_text(ctx, "SendMessage", &input));
        let received = world
            .sqs_direct(|sqs, ctx| sqs.call_text(ctx, "ReceiveMessage", &receive))
            .unwrap_or_default();
        let handle = handles(&received).pop().unwrap_or_default();
        input.clear();
        let _ = write!(
            input,
            "{{\"QueueUrl\":\"{url}\",\"ReceiptHandle\":\"{handle}\"}}"
        );
        if world
            .sqs_direct(|sqs, ctx| sqs.call_text(ctx, "DeleteMessage", &input))
            .is_ok()
        {
            deleted += 1;
        }
    }
    deleted
}

/// What a text-path client reads from a DeleteMessageBatch answer: how many succeeded.
#[derive(Deserialize)]
struct BatchDone {
    #[serde(rename = "Successful", default)]
    successful: Vec<serde::de::IgnoredAny>,
}

/// The text path in batches of 10.
pub fn sqs_text_batches(messages: usize) -> usize {
    let (mut world, url) = world_with_queue();
    let receive = format!("{{\"QueueUrl\":\"{url}\",\"MaxNumberOfMessages\":10}}");
    let mut input = String::new();
    let mut deleted = 0;
    for batch in 0..messages / 10 {
        input.clear();
        let _ = write!(input, "{{\"QueueUrl\":\"{url}\",\"Entries\":[");
        for i in 0..10 {
            let comma = if i > 0 { "," } else { "" };
            let _ = write!(
                input,
                "{comma}{{\"Id\":\"m{i}\",\"MessageBody\":\"message {batch}-{i}\"}}"
            );
        }
        input.push_str("]}");
        let _ = world.sqs_direct(|sqs, ctx| sqs.call_text(ctx, "SendMessageBatch", &input));
        let received = world
            .sqs_direct(|sqs, ctx| sqs.call_text(ctx, "ReceiveMessage", &receive))
            .unwrap_or_default();
        input.clear();
        let _ = write!(input, "{{\"QueueUrl\":\"{url}\",\"Entries\":[");
        for (i, handle) in handles(&received).iter().enumerate() {
            let comma = if i > 0 { "," } else { "" };
            let _ = write!(
                input,
                "{comma}{{\"Id\":\"d{i}\",\"ReceiptHandle\":\"{handle}\"}}"
            );
        }
        input.push_str("]}");
        let done = world
            .sqs_direct(|sqs, ctx| sqs.call_text(ctx, "DeleteMessageBatch", &input))
            .unwrap_or_default();
        deleted += serde_json::from_str::<BatchDone>(&done).map_or(0, |d| d.successful.len());
    }
    deleted
}

/// A trivial async handler invoked synchronously `n` times through `World::call` (one cold
/// start, then warm); returns how many answered 200.
pub fn lambda_warm_invokes(n: usize) -> usize {
    let mut world = World::new(Settings::default());
    let _ = world.call(
        "lambda:CreateFunction",
        json!({
            "FunctionName": "bench",
            "Runtime": "nodejs22.x",
            "Role": "arn:aws:iam::123456789012:role/bench",
            "Handler": "index.handler",
            "Code": {"Files": {"index.mjs": "export const handler = async (event) => event.n;"}},
        }),
    );
    // A new function is Pending for a moment before Lambda invokes it.
    world.advance(crate::services::lambda::model::SETTLE_DELAY);
    (0..n)
        .filter(|&i| {
            world
                .call(
                    "lambda:Invoke",
                    json!({"FunctionName": "bench", "Payload": {"n": i}}),
                )
                .is_ok_and(|r| r["StatusCode"] == 200)
        })
        .count()
}

/// What the SQS → Lambda pipeline did: messages sent, records the function saw, and how far
/// virtual time moved until the queue was empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PipelineRun {
    pub sent: usize,
    pub processed: u64,
    pub deleted: u64,
    pub virtual_ms: u64,
}

/// `n` messages sent in batches of ten to a queue that an event source mapping (BatchSize 10)
/// feeds to a trivial function, run until Lambda has deleted every one.
pub fn sqs_lambda_pipeline(n: usize) -> PipelineRun {
    let mut world = World::new(Settings::default());
    let url = world
        .call("sqs:CreateQueue", json!({"QueueName": "pipeline"}))
        .expect("queue")["QueueUrl"]
        .as_str()
        .expect("url")
        .to_string();
    world
        .call(
            "lambda:CreateFunction",
            json!({
                "FunctionName": "sink",
                "Runtime": "nodejs22.x",
                "Role": "arn:aws:iam::123456789012:role/bench",
                "Handler": "index.handler",
                "Code": {"Files": {"index.mjs": "export const handler = async (event) => event.Records.length;"}},
            }),
        )
        .expect("function");
    world.advance(crate::services::lambda::model::SETTLE_DELAY);
    world
        .call(
            "lambda:CreateEventSourceMapping",
            json!({"FunctionName": "sink", "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:pipeline"}),
        )
        .expect("mapping");
    let start = world.now();
    for chunk in (0..n).collect::<Vec<_>>().chunks(10) {
        let entries: Vec<Value> = chunk
            .iter()
            .map(|i| json!({"Id": i.to_string(), "MessageBody": format!("message {i}")}))
            .collect();
        world
            .call(
                "sqs:SendMessageBatch",
                json!({"QueueUrl": url, "Entries": entries}),
            )
            .expect("send");
    }
    world.run_until_idle();
    let m = world
        .lambda()
        .event_source_mappings()
        .next()
        .expect("mapping");
    PipelineRun {
        sent: n,
        processed: m.stats.records,
        deleted: m.stats.deleted,
        virtual_ms: world.now() - start,
    }
}
