//! Invoking targets: the Input's context attributes, an event bus target
//! (PutEvents with EventBridgeParameters), a universal target, what a failed
//! invocation leaves in the dead-letter queue, and which errors are retried.

use super::deliver::retried;
use crate::api::AwsError;
use crate::{Settings, World};
use serde_json::{json, Value};

const ROLE: &str = "arn:aws:iam::123456789012:role/scheduler-role";

fn queue(w: &mut World, name: &str) -> String {
    w.call("sqs:CreateQueue", json!({"QueueName": name}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string()
}

fn arn(name: &str) -> String {
    format!("arn:aws:sqs:us-east-1:123456789012:{name}")
}

fn receive(w: &mut World, url: &str) -> Vec<Value> {
    w.call(
        "sqs:ReceiveMessage",
        json!({"QueueUrl": url, "MaxNumberOfMessages": 10, "MessageAttributeNames": ["All"]}),
    )
    .unwrap()
    .get("Messages")
    .and_then(Value::as_array)
    .cloned()
    .unwrap_or_default()
}

fn create(w: &mut World, name: &str, expression: &str, target: Value) {
    w.call(
        "scheduler:CreateSchedule",
        json!({"Name": name, "ScheduleExpression": expression, "FlexibleTimeWindow": {"Mode": "OFF"}, "Target": target}),
    )
    .unwrap();
}

#[test]
fn the_input_gets_the_context_attributes_of_its_invocation() {
    let mut w = World::new(Settings::default());
    let url = queue(&mut w, "out");
    create(
        &mut w,
        "tick",
        "at(2026-01-01T00:05:00)",
        json!({"Arn": arn("out"), "RoleArn": ROLE, "Input": "{\"schedule\": \"<aws.scheduler.schedule-arn>\", \"at\": \"<aws.scheduler.scheduled-time>\", \"try\": <aws.scheduler.attempt-number>}"}),
    );
    w.advance(10 * 60_000);
    let got = receive(&mut w, &url);
    let body: Value = serde_json::from_str(got[0]["Body"].as_str().unwrap()).unwrap();
    assert_eq!(
        body,
        json!({
            "schedule": "arn:aws:scheduler:us-east-1:123456789012:schedule/default/tick",
            "at": "2026-01-01T00:05:00Z",
            "try": 1,
        })
    );
}

#[test]
fn an_event_bus_target_puts_an_event_with_the_detail_type_and_source_given() {
    let mut w = World::new(Settings::default());
    let url = queue(&mut w, "seen");
    w.call(
        "events:PutRule",
        json!({"Name": "all", "EventPattern": "{\"source\":[\"billing.jobs\"]}"}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "all", "Targets": [{"Id": "q", "Arn": arn("seen")}]}),
    )
    .unwrap();
    create(
        &mut w,
        "invoice-run",
        "at(2026-01-01T00:01:00)",
        json!({
            "Arn": "arn:aws:events:us-east-1:123456789012:event-bus/default",
            "RoleArn": ROLE,
            "Input": "{\"run\": 7}",
            "EventBridgeParameters": {"DetailType": "Invoice Run", "Source": "billing.jobs"},
        }),
    );
    w.advance(2 * 60_000);
    let got = receive(&mut w, &url);
    assert_eq!(got.len(), 1);
    let event: Value = serde_json::from_str(got[0]["Body"].as_str().unwrap()).unwrap();
    assert_eq!(event["detail-type"], "Invoice Run");
    assert_eq!(event["source"], "billing.jobs");
    assert_eq!(event["detail"], json!({"run": 7}));
    assert_eq!(
        event["resources"],
        json!(["arn:aws:scheduler:us-east-1:123456789012:schedule/default/invoice-run"])
    );
}

#[test]
fn a_target_missing_what_it_needs_fails_when_invoked() {
    let mut w = World::new(Settings::default());
    let dlq = queue(&mut w, "dlq");
    w.call(
        "sqs:CreateQueue",
        json!({"QueueName": "jobs.fifo", "Attributes": {"FifoQueue": "true"}}),
    )
    .unwrap();
    let dead_letter = json!({"Arn": arn("dlq")});
    // A bus without EventBridgeParameters, a FIFO queue without SqsParameters.
    create(
        &mut w,
        "no-params",
        "at(2026-01-01T00:01:00)",
        json!({"Arn": "arn:aws:events:us-east-1:123456789012:event-bus/default", "RoleArn": ROLE, "Input": "{}", "DeadLetterConfig": dead_letter}),
    );
    create(
        &mut w,
        "no-group",
        "at(2026-01-01T00:01:00)",
        json!({"Arn": arn("jobs.fifo"), "RoleArn": ROLE, "Input": "{}", "DeadLetterConfig": dead_letter}),
    );
    w.advance(2 * 60_000);
    let got = receive(&mut w, &dlq);
    let mut codes: Vec<&str> = got
        .iter()
        .map(|m| {
            m["MessageAttributes"]["ERROR_CODE"]["StringValue"]
                .as_str()
                .unwrap()
        })
        .collect();
    codes.sort();
    assert_eq!(codes, ["InvalidArgument", "MissingParameter"]);
}

#[test]
fn a_universal_target_calls_the_api_action_with_the_input_as_its_request() {
    let mut w = World::new(Settings::default());
    let url = queue(&mut w, "out");
    create(
        &mut w,
        "raw",
        "at(2026-01-01T00:01:00)",
        json!({
            "Arn": "arn:aws:scheduler:::aws-sdk:sqs:sendMessage",
            "RoleArn": ROLE,
            "Input": json!({"QueueUrl": url, "MessageBody": "hello from a universal target"}).to_string(),
        }),
    );
    w.advance(2 * 60_000);
    let got = receive(&mut w, &url);
    assert_eq!(got[0]["Body"], "hello from a universal target");
}

#[test]
fn a_target_that_does_not_exist_goes_to_the_dead_letter_queue_with_aws_attributes() {
    let mut w = World::new(Settings::default());
    let dlq = queue(&mut w, "dlq");
    create(
        &mut w,
        "broken",
        "at(2026-01-01T00:01:00)",
        json!({
            "Arn": arn("gone"),
            "RoleArn": ROLE,
            "Input": "{\"job\": 1}",
            "DeadLetterConfig": {"Arn": arn("dlq")},
        }),
    );
    w.advance(2 * 60_000);
    let got = receive(&mut w, &dlq);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["Body"], "{\"job\": 1}");
    let attributes = &got[0]["MessageAttributes"];
    assert_eq!(
        attributes["SCHEDULE_ARN"]["StringValue"],
        "arn:aws:scheduler:us-east-1:123456789012:schedule/default/broken"
    );
    assert_eq!(attributes["TARGET_ARN"]["StringValue"], arn("gone"));
    assert_eq!(
        attributes["ERROR_CODE"]["StringValue"],
        "AWS.SimpleQueueService.NonExistentQueue"
    );
    assert_eq!(attributes["RETRY_ATTEMPTS"]["StringValue"], "0");
    assert!(attributes.get("EXHAUSTED_RETRY_CONDITION").is_none());
    let names: Vec<&str> = w.trace().all().iter().map(|e| e.kind.name()).collect();
    assert!(names.contains(&"SentToDeadLetterQueue"), "{names:?}");
}

#[test]
fn a_failed_invocation_without_a_dead_letter_queue_is_dropped() {
    let mut w = World::new(Settings::default());
    create(
        &mut w,
        "broken",
        "at(2026-01-01T00:01:00)",
        json!({"Arn": arn("gone"), "RoleArn": ROLE}),
    );
    w.advance(2 * 60_000);
    let names: Vec<&str> = w.trace().all().iter().map(|e| e.kind.name()).collect();
    assert!(names.contains(&"InvocationDropped"), "{names:?}");
}

#[test]
fn throttling_and_service_faults_are_retried_and_client_errors_are_not() {
    let e = |code: &str, status: u16| AwsError::new("", code, status, "x");
    assert!(retried(&e("ThrottlingException", 400)));
    assert!(retried(&e("TooManyRequestsException", 429)));
    assert!(retried(&e("ServiceException", 500)));
    assert!(!retried(&e("ResourceNotFoundException", 404)));
    assert!(!retried(&e("AccessDeniedException", 403)));
}

#[test]
fn a_throttled_target_is_retried_until_the_retry_policy_runs_out_then_dead_lettered() {
    let mut w = World::new(Settings::default());
    let dlq = queue(&mut w, "dlq");
    w.call(
        "lambda:CreateFunction",
        json!({"FunctionName": "fn", "Runtime": "nodejs22.x", "Role": "arn:aws:iam::123456789012:role/r",
               "Handler": "index.handler", "Code": {"Files": {"index.mjs": "export const handler = async () => ({ ok: true });"}}}),
    )
    .unwrap();
    w.call(
        "lambda:PutFunctionConcurrency",
        json!({"FunctionName": "fn", "ReservedConcurrentExecutions": 0}),
    )
    .unwrap();
    create(
        &mut w,
        "sync-call",
        "at(2026-01-01T00:01:00)",
        json!({
            "Arn": "arn:aws:scheduler:::aws-sdk:lambda:invoke",
            "RoleArn": ROLE,
            "Input": "{\"FunctionName\": \"fn\", \"InvocationType\": \"RequestResponse\"}",
            "RetryPolicy": {"MaximumRetryAttempts": 2},
            "DeadLetterConfig": {"Arn": arn("dlq")},
        }),
    );
    w.advance(10 * 60_000);
    let tries = w
        .trace()
        .all()
        .iter()
        .filter(|e| e.kind.name() == "TargetInvoked")
        .count();
    assert_eq!(tries, 3);
    let got = receive(&mut w, &dlq);
    assert_eq!(got.len(), 1);
    let attributes = &got[0]["MessageAttributes"];
    assert_eq!(
        attributes["ERROR_CODE"]["StringValue"],
        "TooManyRequestsException"
    );
    assert_eq!(
        attributes["EXHAUSTED_RETRY_CONDITION"]["StringValue"],
        "MaximumRetryAttemptsExhausted"
    );
    assert_eq!(attributes["RETRY_ATTEMPTS"]["StringValue"], "2");
}

#[test]
fn a_lambda_target_is_invoked_asynchronously_with_the_input_as_its_event() {
    let mut w = World::new(Settings::default());
    let dlq = queue(&mut w, "dlq");
    w.call(
        "lambda:CreateFunction",
        json!({"FunctionName": "fn", "Runtime": "nodejs22.x", "Role": "arn:aws:iam::123456789012:role/r",
               "Handler": "index.handler", "Code": {"Files": {"index.mjs": "export const handler = async (event) => { console.log('got', event.job); };"}}}),
    )
    .unwrap();
    w.advance(60_000);
    let function = "arn:aws:lambda:us-east-1:123456789012:function:fn";
    create(
        &mut w,
        "json",
        "at(2026-01-01T00:05:00)",
        json!({"Arn": function, "RoleArn": ROLE, "Input": "{\"job\": 7}"}),
    );
    // A templated Lambda target's Input must be well-formed JSON: this one fails and is dead-lettered.
    create(
        &mut w,
        "text",
        "at(2026-01-01T00:05:00)",
        json!({"Arn": function, "RoleArn": ROLE, "Input": "not json", "DeadLetterConfig": {"Arn": arn("dlq")}}),
    );
    w.advance(10 * 60_000);
    let names: Vec<&str> = w.trace().all().iter().map(|e| e.kind.name()).collect();
    assert!(names.contains(&"InvocationFinished"), "{names:?}");
    let got = receive(&mut w, &dlq);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0]["Body"], "not json");
    assert_eq!(
        got[0]["MessageAttributes"]["ERROR_CODE"]["StringValue"],
        "InvalidRequestContentException"
    );
}
