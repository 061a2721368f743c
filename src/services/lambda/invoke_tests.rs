//! Lambda invocations on the JavaScript runtime, as the Lambda developer
//! guide describes them.

use crate::sim::{MINUTE, SECOND};
use crate::{Settings, World};
use base64::Engine;
use serde_json::{json, Value};

pub(super) fn world_with(code: &str, extra: Value) -> World {
    let mut w = World::new(Settings::default());
    let mut input = json!({
        "FunctionName": "fn",
        "Runtime": "nodejs22.x",
        "Role": "arn:aws:iam::123456789012:role/r",
        "Handler": "index.handler",
        "Code": {"Files": {"index.mjs": code}},
    });
    if let (Some(input), Some(extra)) = (input.as_object_mut(), extra.as_object()) {
        input.extend(extra.clone());
    }
    w.call("lambda:CreateFunction", input).unwrap();
    // A new function is Pending for a moment before it can be invoked.
    w.advance(super::model::SETTLE_DELAY);
    w
}

fn invoke(w: &mut World, payload: Value) -> Value {
    w.call(
        "lambda:Invoke",
        json!({"FunctionName": "fn", "Payload": payload}),
    )
    .unwrap()
}

pub(super) fn log_messages(w: &World) -> Vec<String> {
    w.logs()
        .group("/aws/lambda/fn")
        .map(|g| {
            g.streams
                .values()
                .flat_map(|s| s.events.iter().map(|e| e.message.clone()))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_synchronous_invoke_answers_the_handlers_result_and_logs_start_end_and_report() {
    let mut w = world_with(
        "export const handler = async (event) => { console.log('got', event.name); return { hello: event.name }; };",
        json!({}),
    );
    let r = invoke(&mut w, json!({"name": "ada"}));
    assert_eq!(r["StatusCode"], 200);
    assert_eq!(r["ExecutedVersion"], "$LATEST");
    assert_eq!(r["Payload"], json!({"hello": "ada"}));
    assert!(r.get("FunctionError").is_none());
    let logs = log_messages(&w);
    assert!(logs[0].starts_with("START RequestId: "), "{logs:?}");
    assert!(
        logs.iter().any(|l| l.contains("\tINFO\tgot ada")),
        "{logs:?}"
    );
    assert!(logs.iter().any(|l| l.starts_with("END RequestId: ")));
    let report = logs.iter().find(|l| l.starts_with("REPORT")).unwrap();
    assert!(
        report.contains("Init Duration:"),
        "a first invocation is a cold start"
    );
    assert_eq!(w.lambda().usage().requests, 1);
}

#[test]
fn a_warm_invocation_reuses_the_environment_and_its_module_scope() {
    let mut w = world_with(
        "let count = 0; export const handler = async () => ++count;",
        json!({}),
    );
    assert_eq!(invoke(&mut w, json!({}))["Payload"], 1);
    assert_eq!(invoke(&mut w, json!({}))["Payload"], 2);
    let reports: Vec<String> = log_messages(&w)
        .into_iter()
        .filter(|l| l.starts_with("REPORT"))
        .collect();
    assert!(reports[0].contains("Init Duration"));
    assert!(!reports[1].contains("Init Duration"), "warm: no INIT");
    assert_eq!(w.lambda().environments().count(), 1);
}

#[test]
fn a_thrown_error_is_an_unhandled_function_error_with_its_type_and_message() {
    let mut w = world_with(
        "export const handler = async () => { throw new TypeError('bad input'); };",
        json!({}),
    );
    let r = invoke(&mut w, json!({}));
    assert_eq!(r["StatusCode"], 200);
    assert_eq!(r["FunctionError"], "Unhandled");
    assert_eq!(r["Payload"]["errorType"], "TypeError");
    assert_eq!(r["Payload"]["errorMessage"], "bad input");
}

#[test]
fn a_handler_that_outlives_its_timeout_ends_as_a_timeout_and_the_next_start_is_cold() {
    let mut w = world_with(
        "export const handler = async () => { await new Promise(r => setTimeout(r, 5000)); return 'late'; };",
        json!({"Timeout": 2}),
    );
    let start = w.now();
    let r = invoke(&mut w, json!({}));
    assert_eq!(r["FunctionError"], "Unhandled");
    assert!(
        r["Payload"]["errorMessage"]
            .as_str()
            .unwrap()
            .contains("Task timed out after 2.00 seconds"),
        "{r}"
    );
    assert!(
        w.now() >= start + 2 * SECOND,
        "the caller waited, in virtual time"
    );
    invoke(&mut w, json!({}));
    let reports = log_messages(&w)
        .into_iter()
        .filter(|l| l.starts_with("REPORT") && l.contains("Init Duration"))
        .count();
    assert_eq!(reports, 2, "the timed-out environment was discarded");
}

#[test]
fn set_timeout_moves_virtual_time_and_counts_in_the_duration() {
    let mut w = world_with(
        "export const handler = async () => { await new Promise(r => setTimeout(r, 1500)); return Date.now(); };",
        json!({}),
    );
    let before = w.now();
    let r = invoke(&mut w, json!({}));
    let returned = r["Payload"].as_u64().unwrap();
    assert!(
        returned >= before + 1500,
        "Date.now() reads the virtual clock"
    );
    let report = log_messages(&w)
        .into_iter()
        .find(|l| l.starts_with("REPORT"))
        .unwrap();
    let duration: f64 = report
        .split("Duration: ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(duration >= 1500.0, "{report}");
}

#[test]
fn over_reserved_concurrency_a_synchronous_invoke_is_throttled_with_429() {
    let mut w = world_with("export const handler = async () => 1;", json!({}));
    w.call(
        "lambda:PutFunctionConcurrency",
        json!({"FunctionName": "fn", "ReservedConcurrentExecutions": 0}),
    )
    .unwrap();
    let e = w
        .call("lambda:Invoke", json!({"FunctionName": "fn"}))
        .unwrap_err();
    assert_eq!(e.code, "TooManyRequestsException");
    assert_eq!(e.status, 429);
    assert!(e
        .message
        .contains("ReservedFunctionConcurrentInvocationLimitExceeded"));
}

#[test]
fn a_handler_sends_to_sqs_with_the_sdk_v3_client() {
    let mut w = world_with(
        "import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';\n\
         const client = new SQSClient({});\n\
         export const handler = async (event) => {\n\
           const out = await client.send(new SendMessageCommand({ QueueUrl: event.url, MessageBody: 'from lambda' }));\n\
           return out.MessageId;\n\
         };",
        json!({}),
    );
    let url = w
        .call("sqs:CreateQueue", json!({"QueueName": "out"}))
        .unwrap()["QueueUrl"]
        .clone();
    let r = invoke(&mut w, json!({"url": url}));
    let q = w.sqs().queue("out").unwrap();
    let m = q
        .messages
        .values()
        .next()
        .expect("the function sent a message");
    assert_eq!(&*m.body, "from lambda");
    assert_eq!(r["Payload"], json!(&*m.message_id));
}

#[test]
fn log_type_tail_returns_the_end_of_the_log_in_base64() {
    let mut w = world_with(
        "export const handler = async () => { console.log('tail me'); return 1; };",
        json!({}),
    );
    let r = w
        .call(
            "lambda:Invoke",
            json!({"FunctionName": "fn", "LogType": "Tail"}),
        )
        .unwrap();
    let text = base64::engine::general_purpose::STANDARD
        .decode(r["LogResult"].as_str().unwrap())
        .unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("tail me") && text.contains("REPORT RequestId"));
}

#[test]
fn an_event_invocation_is_accepted_with_202_and_runs_in_virtual_time() {
    let mut w = world_with(
        "export const handler = async () => { console.log('async ran'); };",
        json!({}),
    );
    let r = w
        .call(
            "lambda:Invoke",
            json!({"FunctionName": "fn", "InvocationType": "Event"}),
        )
        .unwrap();
    assert_eq!(r, json!({"StatusCode": 202}));
    assert!(log_messages(&w).is_empty(), "not run yet");
    w.run_until_idle();
    assert!(log_messages(&w).iter().any(|l| l.contains("async ran")));
}

#[test]
fn a_failing_event_is_retried_twice_then_its_record_goes_to_the_on_failure_destination() {
    let mut w = world_with(
        "export const handler = async () => { throw new Error('boom'); };",
        json!({}),
    );
    w.call("sqs:CreateQueue", json!({"QueueName": "failed"}))
        .unwrap();
    w.call(
        "lambda:PutFunctionEventInvokeConfig",
        json!({"FunctionName": "fn", "DestinationConfig": {"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:failed"}}}),
    )
    .unwrap();
    let start = w.now();
    w.call(
        "lambda:Invoke",
        json!({"FunctionName": "fn", "InvocationType": "Event", "Payload": {"order": 7}}),
    )
    .unwrap();
    w.run_until_idle();
    let starts: Vec<u64> = w
        .trace()
        .all()
        .iter()
        .filter(|e| e.kind.name() == "InvocationStarted")
        .map(|e| e.at - start)
        .collect();
    assert_eq!(starts.len(), 3, "the first attempt and two retries");
    assert!(
        starts[1] >= MINUTE && starts[2] >= starts[1] + 2 * MINUTE,
        "{starts:?}"
    );
    let q = w.sqs().queue("failed").unwrap();
    let record: Value = serde_json::from_str(&q.messages.values().next().unwrap().body).unwrap();
    assert_eq!(record["requestContext"]["condition"], "RetriesExhausted");
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 3);
    assert_eq!(record["requestPayload"], json!({"order": 7}));
    assert_eq!(record["responseContext"]["functionError"], "Unhandled");
    assert_eq!(record["responsePayload"]["errorMessage"], "boom");
}

#[test]
fn an_event_waiting_for_a_retry_is_discarded_when_its_function_is_deleted() {
    let mut w = world_with(
        "export const handler = async () => { throw new Error('boom'); };",
        json!({}),
    );
    w.call(
        "lambda:Invoke",
        json!({"FunctionName": "fn", "InvocationType": "Event"}),
    )
    .unwrap();
    // The first attempt fails; the retry waits a minute.
    w.advance(30 * SECOND);
    w.call("lambda:DeleteFunction", json!({"FunctionName": "fn"}))
        .unwrap();
    w.run_until_idle();
    let names: Vec<&str> = w.trace().all().iter().map(|e| e.kind.name()).collect();
    assert_eq!(
        names.iter().filter(|n| **n == "InvocationStarted").count(),
        1
    );
    let discarded = w
        .trace()
        .all()
        .iter()
        .find(|e| e.kind.name() == "EventDiscarded")
        .map(|e| e.kind.describe());
    assert!(
        discarded
            .as_deref()
            .is_some_and(|d| d.ends_with("discarded: FunctionDeleted")),
        "{discarded:?}"
    );
}

#[test]
fn dry_run_checks_and_runs_nothing() {
    let mut w = world_with("export const handler = async () => 1;", json!({}));
    let r = w
        .call(
            "lambda:Invoke",
            json!({"FunctionName": "fn", "InvocationType": "DryRun"}),
        )
        .unwrap();
    assert_eq!(r, json!({"StatusCode": 204}));
    assert_eq!(w.lambda().environments().count(), 0);
}

#[test]
fn a_long_poll_from_a_handler_waits_in_virtual_time_until_a_message_arrives() {
    let mut w = world_with(
        "import { SQSClient, ReceiveMessageCommand } from '@aws-sdk/client-sqs';\n\
         const client = new SQSClient({});\n\
         export const handler = async (event) => {\n\
           const started = Date.now();\n\
           const out = await client.send(new ReceiveMessageCommand({ QueueUrl: event.url, WaitTimeSeconds: 10 }));\n\
           console.log('got', (out.Messages || []).map(m => m.Body).join(','), 'after', Date.now() - started, 'ms');\n\
         };",
        json!({"Timeout": 30}),
    );
    let url = w
        .call("sqs:CreateQueue", json!({"QueueName": "in"}))
        .unwrap()["QueueUrl"]
        .clone();
    w.call(
        "lambda:Invoke",
        json!({"FunctionName": "fn", "InvocationType": "Event", "Payload": {"url": url}}),
    )
    .unwrap();
    w.advance(3 * SECOND);
    assert!(
        !log_messages(&w).iter().any(|l| l.contains("got")),
        "still waiting"
    );
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": "late"}),
    )
    .unwrap();
    w.advance(SECOND);
    let logs = log_messages(&w);
    let waited = |line: &str| -> u64 {
        line.split("after ")
            .nth(1)
            .unwrap()
            .trim_end_matches(" ms")
            .parse()
            .unwrap()
    };
    let line = logs.iter().find(|l| l.contains("got")).expect("answered");
    assert!(line.contains("got late after"), "{line}");
    // Sent 3 s after the invoke (the cold start took part of that), back after the SDK latency.
    assert!((2_800..3_011).contains(&waited(line)), "{line}");
    // With nothing to receive, the poll answers empty when its wait ends.
    w.call(
        "lambda:Invoke",
        json!({"FunctionName": "fn", "InvocationType": "Event", "Payload": {"url": url}}),
    )
    .unwrap();
    w.advance(11 * SECOND);
    let logs = log_messages(&w);
    let empty = logs
        .iter()
        .find(|l| l.contains("got  after"))
        .expect("an empty answer");
    assert_eq!(
        waited(empty),
        10_000 + super::invoke::SDK_LATENCY,
        "{empty}"
    );
}

#[test]
fn a_handler_invokes_another_function_synchronously_with_the_sdk_and_waits_for_its_answer() {
    let mut w = world_with(
        "import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';\n\
         const lambda = new LambdaClient({});\n\
         export const handler = async (event) => {\n\
           const started = Date.now();\n\
           const out = await lambda.send(new InvokeCommand({ FunctionName: 'callee', Payload: JSON.stringify({ n: event.n }) }));\n\
           const answer = JSON.parse(out.Payload.transformToString());\n\
           return { status: out.StatusCode, error: out.FunctionError || null, answer, waited: Date.now() - started };\n\
         };",
        json!({"Timeout": 10}),
    );
    w.call(
        "lambda:CreateFunction",
        json!({
            "FunctionName": "callee",
            "Runtime": "nodejs22.x",
            "Role": "arn:aws:iam::123456789012:role/r",
            "Handler": "index.handler",
            "Code": {"Files": {"index.mjs": "export const handler = async (e) => { if (e.n < 0) throw new Error('negative'); await new Promise(r => setTimeout(r, 500)); return e.n * 2; };"}},
        }),
    )
    .unwrap();
    w.advance(super::model::SETTLE_DELAY);
    let r = invoke(&mut w, json!({"n": 21}));
    let out = &r["Payload"];
    assert_eq!(out["status"], 200);
    assert_eq!(out["answer"], 42);
    assert!(
        out["waited"].as_u64().unwrap() >= 500,
        "the caller waited for the callee: {out}"
    );
    let r = invoke(&mut w, json!({"n": -1}));
    assert_eq!(r["Payload"]["error"], "Unhandled");
    assert_eq!(r["Payload"]["answer"]["errorMessage"], "negative");
    assert!(
        r.get("FunctionError").is_none(),
        "the caller itself succeeded"
    );
}

#[test]
fn a_dead_letter_queue_gets_the_event_exactly_as_it_was_sent() {
    let mut w = world_with(
        "export const handler = async () => { throw new Error('boom'); };",
        json!({"DeadLetterConfig": {"TargetArn": "arn:aws:sqs:us-east-1:123456789012:dead"}}),
    );
    w.call("sqs:CreateQueue", json!({"QueueName": "dead"}))
        .unwrap();
    w.call(
        "lambda:PutFunctionEventInvokeConfig",
        json!({"FunctionName": "fn", "MaximumRetryAttempts": 0}),
    )
    .unwrap();
    // The payload as the SDK sends it: text, keys in the caller's order, spaces kept.
    let sent = "{ \"order\": 7,  \"customer\": \"ada\" }";
    w.call(
        "lambda:Invoke",
        json!({"FunctionName": "fn", "InvocationType": "Event", "Payload": sent}),
    )
    .unwrap();
    w.run_until_idle();
    let got = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": "dead", "MessageAttributeNames": ["All"]}),
        )
        .unwrap();
    let m = &got["Messages"][0];
    assert_eq!(m["Body"], sent);
    use md5::{Digest, Md5};
    assert_eq!(
        m["MD5OfBody"],
        format!("{:x}", Md5::digest(sent.as_bytes()))
    );
    assert_eq!(
        m["MessageAttributes"]["ErrorMessage"]["StringValue"],
        "boom"
    );
}

#[test]
fn every_destination_delivery_is_a_trace_event_even_to_a_service_not_simulated_yet() {
    let mut w = world_with(
        "export const handler = async (e) => { if (e.fail) throw new Error('boom'); return 'ok'; };",
        json!({}),
    );
    w.call("sqs:CreateQueue", json!({"QueueName": "done"}))
        .unwrap();
    w.call(
        "lambda:PutFunctionEventInvokeConfig",
        json!({"FunctionName": "fn", "MaximumRetryAttempts": 0, "DestinationConfig": {
            "OnSuccess": {"Destination": "arn:aws:sqs:us-east-1:123456789012:done"},
            "OnFailure": {"Destination": "arn:aws:sns:us-east-1:123456789012:alerts"}}}),
    )
    .unwrap();
    for fail in [false, true] {
        w.call(
            "lambda:Invoke",
            json!({"FunctionName": "fn", "InvocationType": "Event", "Payload": {"fail": fail}}),
        )
        .unwrap();
    }
    w.run_until_idle();
    let lines: Vec<String> = w
        .trace()
        .all()
        .iter()
        .filter(|e| e.kind.name().starts_with("Deliver"))
        .map(|e| e.to_json_line())
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].contains("\"event\":\"Delivered\"") && lines[0].contains(":done"));
    assert!(lines[1].contains("\"event\":\"DeliveryFailed\""));
    assert!(
        lines[1].contains("SNS is not simulated by Stratus yet"),
        "{}",
        lines[1]
    );
}
