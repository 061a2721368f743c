//! SQS event source mappings, as the Lambda developer guide's "Using Lambda
//! with Amazon SQS" describes them.

use super::events::LambdaEvent;
use crate::kernel::TraceKind;
use crate::sim::SECOND;
use crate::{Settings, World};
use serde_json::{json, Value};

const QUEUE_ARN: &str = "arn:aws:sqs:us-east-1:123456789012:jobs";

fn world(code: &str, queue_attributes: Value) -> (World, String) {
    let mut w = World::new(Settings::default());
    let url = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "jobs", "Attributes": queue_attributes}),
        )
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    w.call(
        "lambda:CreateFunction",
        json!({
            "FunctionName": "worker",
            "Runtime": "nodejs22.x",
            "Role": "arn:aws:iam::123456789012:role/r",
            "Handler": "index.handler",
            "Code": {"Files": {"index.mjs": code}},
        }),
    )
    .unwrap();
    w.advance(super::model::SETTLE_DELAY);
    (w, url)
}

fn map(w: &mut World, extra: Value) -> Result<Value, crate::api::AwsError> {
    let mut input = json!({"FunctionName": "worker", "EventSourceArn": QUEUE_ARN});
    input
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    w.call("lambda:CreateEventSourceMapping", input)
}

fn send(w: &mut World, url: &str, bodies: impl IntoIterator<Item = String>) {
    for body in bodies {
        w.call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": body}),
        )
        .unwrap();
    }
}

/// Sends up to ten messages in one SendMessageBatch, so one poller's receive takes them all.
fn send_batch(w: &mut World, url: &str, bodies: &[&str]) {
    let entries: Vec<Value> = bodies
        .iter()
        .enumerate()
        .map(|(i, b)| json!({"Id": i.to_string(), "MessageBody": b}))
        .collect();
    w.call(
        "sqs:SendMessageBatch",
        json!({"QueueUrl": url, "Entries": entries}),
    )
    .unwrap();
}

fn counts(w: &mut World, url: &str) -> (u64, u64) {
    let a = &w
        .call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]}),
        )
        .unwrap()["Attributes"];
    let n = |k: &str| a[k].as_str().unwrap().parse().unwrap();
    (
        n("ApproximateNumberOfMessages"),
        n("ApproximateNumberOfMessagesNotVisible"),
    )
}

/// The function's own log lines (what it console.logged), oldest first.
fn printed(w: &World) -> Vec<String> {
    let mut lines: Vec<(u64, String)> = w
        .logs()
        .group("/aws/lambda/worker")
        .map(|g| {
            g.streams
                .values()
                .flat_map(|s| s.events.iter().map(|e| (e.timestamp, e.message.clone())))
                .collect()
        })
        .unwrap_or_default();
    lines.sort_by_key(|(t, _)| *t);
    lines
        .into_iter()
        .filter_map(|(_, l)| l.split("\tINFO\t").nth(1).map(|s| s.trim_end().to_string()))
        .collect()
}

fn batches(w: &World) -> Vec<(u32, u32)> {
    w.trace()
        .all()
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::Lambda(LambdaEvent::BatchProcessed {
                records, failed, ..
            }) => Some((*records, *failed)),
            _ => None,
        })
        .collect()
}

const PRINT_EVENT: &str =
    "export const handler = async (event) => { console.log(JSON.stringify(event)); };";

#[test]
fn a_new_mapping_has_sqs_defaults_and_is_creating_then_enabled() {
    let (mut w, _) = world(PRINT_EVENT, json!({}));
    let m = map(&mut w, json!({})).unwrap();
    assert_eq!(m["State"], "Creating");
    assert_eq!(m["BatchSize"], 10);
    assert_eq!(m["MaximumBatchingWindowInSeconds"], 0);
    assert_eq!(m["EventSourceArn"], QUEUE_ARN);
    assert_eq!(
        m["FunctionArn"],
        "arn:aws:lambda:us-east-1:123456789012:function:worker"
    );
    assert_eq!(m["FunctionResponseTypes"], json!([]));
    assert_eq!(m["StateTransitionReason"], "USER_INITIATED");
    let uuid = m["UUID"].as_str().unwrap();
    assert_eq!(
        m["EventSourceMappingArn"],
        format!("arn:aws:lambda:us-east-1:123456789012:event-source-mapping:{uuid}")
    );
    let got = w
        .call("lambda:GetEventSourceMapping", json!({"UUID": uuid}))
        .unwrap();
    assert_eq!(got["State"], "Enabled");
    let listed = w
        .call(
            "lambda:ListEventSourceMappings",
            json!({"FunctionName": "worker"}),
        )
        .unwrap();
    assert_eq!(listed["EventSourceMappings"][0]["UUID"], uuid);
    let other = w
        .call(
            "lambda:ListEventSourceMappings",
            json!({"EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:other"}),
        )
        .unwrap();
    assert_eq!(other["EventSourceMappings"], json!([]));
    // A function that does not exist has no mappings: an empty list, not an error.
    let none = w
        .call(
            "lambda:ListEventSourceMappings",
            json!({"FunctionName": "no-such-function"}),
        )
        .unwrap();
    assert_eq!(none["EventSourceMappings"], json!([]));
}

#[test]
fn bad_mappings_are_refused_with_awss_errors_and_create_nothing() {
    let (mut w, _) = world(PRINT_EVENT, json!({}));
    w.call(
        "sqs:CreateQueue",
        json!({"QueueName": "jobs.fifo", "Attributes": {"FifoQueue": "true"}}),
    )
    .unwrap();
    let fifo = json!({"EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:jobs.fifo"});
    let with = |extra: Value, over: &Value| {
        let mut v = over.clone();
        v.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        v
    };
    let cases: Vec<(Value, &str, &str)> = vec![
        (json!({"EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:missing"}), "InvalidParameterValueException", "NonExistentQueue"),
        (json!({"BatchSize": 11}), "InvalidParameterValueException", "Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10"),
        (json!({"BatchSize": 0}), "ValidationException", "Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1"),
        (json!({"BatchSize": 10001, "MaximumBatchingWindowInSeconds": 1}), "ValidationException", "less than or equal to 10000"),
        (json!({"MaximumBatchingWindowInSeconds": 301}), "ValidationException", "'maximumBatchingWindowInSeconds'"),
        (json!({"ScalingConfig": {"MaximumConcurrency": 1}}), "ValidationException", "'scalingConfig.maximumConcurrency'"),
        (json!({"FunctionResponseTypes": ["Partial"]}), "ValidationException", "[ReportBatchItemFailures]"),
        (json!({"StartingPosition": "LATEST"}), "InvalidParameterValueException", "Unsupported StartingPosition parameter"),
        (json!({"FunctionName": "nobody"}), "ResourceNotFoundException", "Function not found"),
        (with(json!({"BatchSize": 11, "MaximumBatchingWindowInSeconds": 1}), &fifo), "InvalidParameterValueException", "FIFO"),
        (with(json!({"MaximumBatchingWindowInSeconds": 1}), &fifo), "InvalidParameterValueException", "Batching window is not supported for FIFO queues"),
    ];
    for (extra, code, message) in cases {
        let e = map(&mut w, extra.clone()).unwrap_err();
        assert_eq!(e.code, code, "{extra}: {e:?}");
        assert!(e.message.contains(message), "{extra}: {}", e.message);
    }
    let listed = w.call("lambda:ListEventSourceMappings", json!({})).unwrap();
    assert_eq!(listed["EventSourceMappings"], json!([]));
}

#[test]
fn the_queue_visibility_timeout_must_cover_the_function_timeout() {
    let (mut w, _) = world(PRINT_EVENT, json!({"VisibilityTimeout": "30"}));
    w.call(
        "lambda:UpdateFunctionConfiguration",
        json!({"FunctionName": "worker", "Timeout": 60}),
    )
    .unwrap();
    let e = map(&mut w, json!({})).unwrap_err();
    assert_eq!(e.code, "InvalidParameterValueException");
    assert_eq!(
        e.message,
        "Invalid request provided: Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds"
    );
}

#[test]
fn one_queue_maps_to_a_function_once() {
    let (mut w, _) = world(PRINT_EVENT, json!({}));
    let first = map(&mut w, json!({})).unwrap();
    let e = map(&mut w, json!({"BatchSize": 5})).unwrap_err();
    assert_eq!(e.code, "ResourceConflictException");
    assert!(e.message.ends_with(&format!(
        "existing mapping with UUID {}",
        first["UUID"].as_str().unwrap()
    )));
}

#[test]
fn the_function_gets_the_sqs_event_shape_and_processed_messages_are_deleted() {
    let (mut w, url) = world(PRINT_EVENT, json!({}));
    map(&mut w, json!({})).unwrap();
    let sent = w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": "hello", "MessageAttributes": {"kind": {"DataType": "String", "StringValue": "greeting"}}}),
    )
    .unwrap();
    w.run_until_idle();
    let events = printed(&w);
    assert_eq!(events.len(), 1, "{events:?}");
    let event: Value = serde_json::from_str(&events[0]).unwrap();
    let r = &event["Records"][0];
    assert_eq!(event["Records"].as_array().unwrap().len(), 1);
    assert_eq!(r["body"], "hello");
    assert_eq!(r["eventSource"], "aws:sqs");
    assert_eq!(r["eventSourceARN"], QUEUE_ARN);
    assert_eq!(r["awsRegion"], "us-east-1");
    assert_eq!(r["md5OfBody"], "5d41402abc4b2a76b9719d911017c592");
    assert_eq!(r["attributes"]["ApproximateReceiveCount"], "1");
    assert!(r["attributes"]["SentTimestamp"].is_string());
    assert!(r["receiptHandle"].as_str().unwrap().starts_with("AQEB"));
    assert_eq!(
        r["messageAttributes"]["kind"],
        json!({"stringValue": "greeting", "stringListValues": [], "binaryListValues": [], "dataType": "String"})
    );
    // The attributes' digest, as SendMessage answered it.
    assert_eq!(r["md5OfMessageAttributes"], sent["MD5OfMessageAttributes"]);
    assert!(r["md5OfMessageAttributes"].is_string());
    assert_eq!(counts(&mut w, &url), (0, 0), "deleted after success");
    assert_eq!(batches(&w), vec![(1, 0)]);
}

#[test]
fn a_failed_batch_returns_after_the_visibility_timeout_and_ends_in_the_dead_letter_queue() {
    let (mut w, url) = world(
        "export const handler = async (event) => { for (const r of event.Records) console.log(r.body + ' x' + r.attributes.ApproximateReceiveCount); throw new Error('boom'); };",
        json!({}),
    );
    let dlq = w
        .call("sqs:CreateQueue", json!({"QueueName": "jobs-dlq"}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    w.call(
        "sqs:SetQueueAttributes",
        json!({"QueueUrl": url, "Attributes": {"VisibilityTimeout": "10", "RedrivePolicy": "{\"deadLetterTargetArn\":\"arn:aws:sqs:us-east-1:123456789012:jobs-dlq\",\"maxReceiveCount\":\"2\"}"}}),
    )
    .unwrap();
    map(&mut w, json!({})).unwrap();
    send_batch(&mut w, &url, &["m0", "m1", "m2"]);
    w.advance(SECOND);
    assert_eq!(counts(&mut w, &url), (0, 3), "in flight, not deleted");
    w.advance(10 * SECOND);
    w.run_until_idle();
    let mut tries = printed(&w);
    assert_eq!(
        tries[..3],
        ["m0 x1", "m1 x1", "m2 x1"],
        "one batch of three"
    );
    tries.sort();
    assert_eq!(
        tries,
        ["m0 x1", "m0 x2", "m1 x1", "m1 x2", "m2 x1", "m2 x2"],
        "every message tried twice"
    );
    assert_eq!(counts(&mut w, &url), (0, 0));
    assert_eq!(counts(&mut w, &dlq).0, 3, "then the queue's DLQ took them");
}

#[test]
fn report_batch_item_failures_deletes_all_but_the_failed_messages() {
    let (mut w, url) = world(
        "export const handler = async (event) => ({ batchItemFailures: event.Records.filter(r => r.body.startsWith('bad')).map(r => ({ itemIdentifier: r.messageId })) });",
        json!({"VisibilityTimeout": "30"}),
    );
    map(
        &mut w,
        json!({"FunctionResponseTypes": ["ReportBatchItemFailures"], "BatchSize": 10, "MaximumBatchingWindowInSeconds": 1}),
    )
    .unwrap();
    send_batch(&mut w, &url, &["ok1", "bad1", "ok2", "ok3"]);
    w.advance(5 * SECOND);
    assert_eq!(batches(&w), vec![(4, 1)]);
    assert_eq!(counts(&mut w, &url), (0, 1), "only the failed one is left");
}

#[test]
fn an_unreadable_partial_batch_response_fails_the_whole_batch() {
    // What is left of a batch of two after the handler answers `response`.
    let left_after = |response: &str| {
        let (mut w, url) = world(
            &format!("export const handler = async (event) => {response};"),
            json!({}),
        );
        map(
            &mut w,
            json!({"FunctionResponseTypes": ["ReportBatchItemFailures"]}),
        )
        .unwrap();
        send_batch(&mut w, &url, &["a", "b"]);
        w.advance(5 * SECOND);
        counts(&mut w, &url)
    };
    for response in [
        "({ batchItemFailures: [{ itemIdentifier: '' }] })",
        "({ batchItemFailures: [{ itemIdentifier: 'no-such-id' }] })",
        "({ batchItemFailures: [{ id: event.Records[0].messageId }] })",
        "({ batchItemFailures: [{ itemIdentifier: null }] })",
    ] {
        assert_eq!(left_after(response), (0, 2), "{response}: nothing deleted");
    }
    // An empty or null list, or no response at all, is a success.
    for response in [
        "({ batchItemFailures: [] })",
        "({ batchItemFailures: null })",
        "({})",
        "undefined",
    ] {
        assert_eq!(left_after(response), (0, 0), "{response}: all deleted");
    }
}

#[test]
fn the_batching_window_gathers_up_to_the_batch_size() {
    let (mut w, url) = world(PRINT_EVENT, json!({}));
    map(
        &mut w,
        json!({"BatchSize": 100, "MaximumBatchingWindowInSeconds": 5}),
    )
    .unwrap();
    let start = w.now();
    send(&mut w, &url, (0..30).map(|i| format!("m{i}")));
    w.advance(4 * SECOND);
    assert!(batches(&w).is_empty(), "the window is still open");
    w.run_until_idle();
    let sizes: Vec<u32> = batches(&w).iter().map(|b| b.0).collect();
    assert_eq!(sizes.iter().sum::<u32>(), 30);
    assert!(sizes.len() <= 5, "gathered into few batches: {sizes:?}");
    assert!(w.now() >= start + 5 * SECOND);
    // A full batch does not wait for the window.
    let (mut w, url) = world(PRINT_EVENT, json!({}));
    map(
        &mut w,
        json!({"BatchSize": 10, "MaximumBatchingWindowInSeconds": 300}),
    )
    .unwrap();
    send_batch(&mut w, &url, &["a"; 10]);
    w.advance(2 * SECOND);
    assert_eq!(batches(&w), vec![(10, 0)]);
}

#[test]
fn a_fifo_queue_delivers_each_group_in_order() {
    let (mut w, _) = world(
        "export const handler = async (event) => { for (const r of event.Records) console.log(r.attributes.MessageGroupId + ':' + r.body); };",
        json!({}),
    );
    let url = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "jobs.fifo", "Attributes": {"FifoQueue": "true", "ContentBasedDeduplication": "true"}}),
        )
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    map(
        &mut w,
        json!({"EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:jobs.fifo", "BatchSize": 3}),
    )
    .unwrap();
    for i in 0..12 {
        let group = ["a", "b", "c"][i % 3];
        w.call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": format!("{i}"), "MessageGroupId": group}),
        )
        .unwrap();
    }
    w.run_until_idle();
    let lines = printed(&w);
    assert_eq!(lines.len(), 12, "{lines:?}");
    for group in ["a", "b", "c"] {
        let order: Vec<u32> = lines
            .iter()
            .filter_map(|l| l.strip_prefix(&format!("{group}:")))
            .map(|n| n.parse().unwrap())
            .collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted, "group {group} in send order");
    }
}

#[test]
fn pollers_scale_up_with_the_backlog_within_maximum_concurrency() {
    let slow =
        "export const handler = async () => { await new Promise(r => setTimeout(r, 2000)); };";
    let peak = |max: Option<u32>| {
        let (mut w, url) = world(slow, json!({}));
        let extra = match max {
            Some(n) => json!({"ScalingConfig": {"MaximumConcurrency": n}}),
            None => json!({}),
        };
        w.call(
            "lambda:UpdateFunctionConfiguration",
            json!({"FunctionName": "worker", "Timeout": 3}),
        )
        .unwrap();
        map(&mut w, extra).unwrap();
        send(&mut w, &url, (0..2_000).map(|i| format!("m{i}")));
        let mut peak = 0;
        for _ in 0..60 {
            w.advance(SECOND);
            let busy = w
                .lambda()
                .environments()
                .filter(|s| s.busy.is_some())
                .count();
            peak = peak.max(busy);
        }
        peak
    };
    let free = peak(None);
    assert!(free > 5, "more than the first five batches: {free}");
    assert_eq!(peak(Some(2)), 2, "MaximumConcurrency caps the batches");
}

#[test]
fn disabling_stops_polling_and_deleting_removes_the_mapping() {
    let (mut w, url) = world(PRINT_EVENT, json!({}));
    let uuid = map(&mut w, json!({})).unwrap()["UUID"]
        .as_str()
        .unwrap()
        .to_string();
    let off = w
        .call(
            "lambda:UpdateEventSourceMapping",
            json!({"UUID": uuid, "Enabled": false}),
        )
        .unwrap();
    assert_eq!(off["State"], "Disabling");
    send(&mut w, &url, ["a".to_string()]);
    w.advance(30 * SECOND);
    assert_eq!(
        counts(&mut w, &url),
        (1, 0),
        "nobody polls a disabled mapping"
    );
    let on = w
        .call(
            "lambda:UpdateEventSourceMapping",
            json!({"UUID": uuid, "Enabled": true, "BatchSize": 5}),
        )
        .unwrap();
    assert_eq!(
        (on["State"].as_str(), on["BatchSize"].as_u64()),
        (Some("Enabling"), Some(5))
    );
    w.advance(5 * SECOND);
    assert_eq!(counts(&mut w, &url), (0, 0));
    let gone = w
        .call("lambda:DeleteEventSourceMapping", json!({"UUID": uuid}))
        .unwrap();
    assert_eq!(gone["State"], "Deleting");
    w.advance(SECOND);
    let e = w
        .call("lambda:GetEventSourceMapping", json!({"UUID": uuid}))
        .unwrap_err();
    assert_eq!(e.code, "ResourceNotFoundException");
    send(&mut w, &url, ["b".to_string()]);
    w.advance(30 * SECOND);
    assert_eq!(counts(&mut w, &url), (1, 0));
}

#[test]
fn a_throttled_batch_returns_to_the_queue_and_is_processed_later() {
    let (mut w, url) = world(
        "export const handler = async () => { await new Promise(r => setTimeout(r, 1000)); };",
        json!({"VisibilityTimeout": "5"}),
    );
    w.call(
        "lambda:PutFunctionConcurrency",
        json!({"FunctionName": "worker", "ReservedConcurrentExecutions": 1}),
    )
    .unwrap();
    map(&mut w, json!({"BatchSize": 1})).unwrap();
    send(&mut w, &url, (0..10).map(|i| format!("m{i}")));
    w.advance(2 * 60 * SECOND);
    let throttled = w
        .trace()
        .all()
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                TraceKind::Lambda(LambdaEvent::InvocationThrottled { .. })
            )
        })
        .count();
    assert!(throttled > 0, "five pollers, one reserved execution");
    assert_eq!(counts(&mut w, &url), (0, 0), "all processed in the end");
}

#[test]
fn records_no_filter_keeps_are_deleted_without_invoking_the_function() {
    let (mut w, url) = world(
        "export const handler = async (event) => { console.log(JSON.stringify(event.Records.map(r => r.body))); };",
        json!({}),
    );
    let m = map(
        &mut w,
        json!({"FilterCriteria": {"Filters": [{"Pattern": "{\"body\": {\"amount\": [{\"numeric\": [\">=\", 100]}]}}"}]}}),
    )
    .unwrap();
    assert_eq!(
        m["FilterCriteria"],
        json!({"Filters": [{"Pattern": "{\"body\": {\"amount\": [{\"numeric\": [\">=\", 100]}]}}"}]})
    );
    send_batch(
        &mut w,
        &url,
        &["{\"amount\": 250}", "{\"amount\": 5}", "not json"],
    );
    w.advance(30 * SECOND);
    let trace = w.trace().all();
    let invoked: u32 = trace
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::Lambda(LambdaEvent::BatchProcessed { records, .. }) => Some(*records),
            _ => None,
        })
        .sum();
    let filtered: u32 = trace
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::Lambda(LambdaEvent::RecordsFilteredOut { records, .. }) => Some(*records),
            _ => None,
        })
        .sum();
    assert_eq!((invoked, filtered), (1, 2));
    let attrs = w
        .call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]}),
        )
        .unwrap();
    assert_eq!(attrs["Attributes"]["ApproximateNumberOfMessages"], "0");
    assert_eq!(
        attrs["Attributes"]["ApproximateNumberOfMessagesNotVisible"],
        "0"
    );
}

#[test]
fn an_invalid_filter_pattern_is_refused() {
    let (mut w, _) = world("export const handler = async () => {};", json!({}));
    let e = map(
        &mut w,
        json!({"FilterCriteria": {"Filters": [{"Pattern": "{\"body\": 1}"}]}}),
    )
    .unwrap_err();
    assert_eq!(e.message, "Invalid filter pattern definition.");
}
