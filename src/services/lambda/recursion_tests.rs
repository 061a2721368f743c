//! Recursive loop detection: a function that feeds the queue that invokes it
//! is stopped after about 16 invocations in one chain of requests, unless its
//! recursion config says Allow.

use super::model::SETTLE_DELAY;
use crate::{Settings, World};
use serde_json::{json, Value};

/// Each invocation sends one message back to the queue that invoked it.
const LOOP: &str = "import { SQSClient, SendMessageCommand } from '@aws-sdk/client-sqs';\n\
    const sqs = new SQSClient({});\n\
    export const handler = async (event) => {\n\
      for (const r of event.Records) {\n\
        const n = Number(r.body) + 1;\n\
        console.log('hop', n);\n\
        if (n <= 40) await sqs.send(new SendMessageCommand({ QueueUrl: 'loop', MessageBody: String(n) }));\n\
      }\n\
    };";

fn world() -> World {
    let mut w = World::new(Settings::default());
    w.call("sqs:CreateQueue", json!({"QueueName": "loop-dlq"}))
        .unwrap();
    let policy = json!({"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:loop-dlq", "maxReceiveCount": 2}).to_string();
    w.call(
        "sqs:CreateQueue",
        json!({"QueueName": "loop", "Attributes": {"VisibilityTimeout": "10", "RedrivePolicy": policy}}),
    )
    .unwrap();
    w.call(
        "lambda:CreateFunction",
        json!({
            "FunctionName": "looper",
            "Runtime": "nodejs22.x",
            "Role": "arn:aws:iam::123456789012:role/r",
            "Handler": "index.handler",
            "Code": {"Files": {"index.mjs": LOOP}},
        }),
    )
    .unwrap();
    w.advance(SETTLE_DELAY);
    w.call(
        "lambda:CreateEventSourceMapping",
        json!({"FunctionName": "looper", "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:loop", "BatchSize": 1}),
    )
    .unwrap();
    w
}

fn count(w: &World, event: &str) -> usize {
    w.trace()
        .all()
        .iter()
        .filter(|e| e.kind.name() == event)
        .count()
}

#[test]
fn a_function_feeding_its_own_queue_is_stopped_after_sixteen_invocations() {
    let mut w = world();
    assert_eq!(
        w.call(
            "lambda:GetFunctionRecursionConfig",
            json!({"FunctionName": "looper"})
        )
        .unwrap(),
        json!({"RecursiveLoop": "Terminate"})
    );
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": "loop", "MessageBody": "0"}),
    )
    .unwrap();
    w.run_until_idle();
    assert_eq!(count(&w, "InvocationStarted"), 16);
    assert!(count(&w, "RecursiveInvocationDropped") >= 1);
    // The stopped message fails its receives until the queue's redrive policy moves it.
    let dlq = w.sqs().queue("loop-dlq").unwrap();
    assert_eq!(dlq.messages.len(), 1);
    let moved = dlq.messages.values().next().unwrap();
    assert_eq!(&*moved.body, "16");
    // What the function sent carries its chain in the X-Ray trace header.
    let got = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": "loop-dlq", "MessageSystemAttributeNames": ["AWSTraceHeader"]}),
        )
        .unwrap();
    let header = got["Messages"][0]["Attributes"]["AWSTraceHeader"]
        .as_str()
        .unwrap();
    assert!(
        header.contains(";Lineage=") && header.ends_with(":16"),
        "{header}"
    );
}

#[test]
fn with_recursion_allowed_the_loop_runs_on() {
    let mut w = world();
    let r = w
        .call(
            "lambda:PutFunctionRecursionConfig",
            json!({"FunctionName": "looper", "RecursiveLoop": "Allow"}),
        )
        .unwrap();
    assert_eq!(r, json!({"RecursiveLoop": "Allow"}));
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": "loop", "MessageBody": "0"}),
    )
    .unwrap();
    w.run_until_idle();
    assert_eq!(count(&w, "InvocationStarted"), 41);
    assert_eq!(count(&w, "RecursiveInvocationDropped"), 0);
}

#[test]
fn the_recursion_config_takes_allow_or_terminate_for_an_unqualified_function() {
    let mut w = world();
    let e = w
        .call(
            "lambda:PutFunctionRecursionConfig",
            json!({"FunctionName": "looper", "RecursiveLoop": "Sometimes"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ValidationException");
    assert_eq!(e.message, "1 validation error detected: Value 'Sometimes' at 'recursiveLoop' failed to satisfy constraint: Member must satisfy enum value set: [Allow, Terminate]");
    let e: Value = json!(
        w.call(
            "lambda:GetFunctionRecursionConfig",
            json!({"FunctionName": "looper:1"}),
        )
        .unwrap_err()
        .code
    );
    assert_eq!(e, "ValidationException");
}
