//! Dead-letter-queue redrive as AWS documents it: StartMessageMoveTask,
//! ListMessageMoveTasks and CancelMessageMoveTask, in virtual time.

use super::test_support::counts;
use crate::sim::SECOND;
use crate::{AwsError, Settings, World};
use serde_json::{json, Value};

fn create(w: &mut World, name: &str, attributes: Value) -> String {
    let r = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": name, "Attributes": attributes}),
        )
        .unwrap();
    r["QueueUrl"].as_str().unwrap().to_string()
}

fn arn(w: &mut World, url: &str) -> String {
    let r = w
        .call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": ["QueueArn"]}),
        )
        .unwrap();
    r["Attributes"]["QueueArn"].as_str().unwrap().to_string()
}

/// "orders" (maxReceiveCount 1, visibility 1 s) with its dead-letter queue "orders-dlq" holding
/// `n` messages moved there by receives; returns (world, source url, dlq url, dlq arn).
fn world_with_dead_letters(n: usize) -> (World, String, String, String) {
    let mut w = World::new(Settings::default());
    let dlq = create(&mut w, "orders-dlq", json!({}));
    let dlq_arn = arn(&mut w, &dlq);
    let policy = json!({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 1}).to_string();
    let source = create(
        &mut w,
        "orders",
        json!({"VisibilityTimeout": "1", "RedrivePolicy": policy}),
    );
    for i in 0..n {
        w.call(
            "sqs:SendMessage",
            json!({"QueueUrl": source, "MessageBody": format!("m{i}")}),
        )
        .unwrap();
    }
    while counts(&mut w, &dlq).0 != n.to_string() {
        w.call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": source, "MaxNumberOfMessages": 10}),
        )
        .unwrap();
        w.advance(2 * SECOND);
    }
    (w, source, dlq, dlq_arn)
}

fn list(w: &mut World, source_arn: &str, max: u32) -> Vec<Value> {
    w.call(
        "sqs:ListMessageMoveTasks",
        json!({"SourceArn": source_arn, "MaxResults": max}),
    )
    .unwrap()["Results"]
        .as_array()
        .unwrap()
        .clone()
}

fn error(r: Result<Value, AwsError>) -> (String, String) {
    let e = r.unwrap_err();
    (e.code, e.message)
}

#[test]
fn a_move_task_returns_dlq_messages_to_their_source_at_the_given_rate() {
    let (mut w, source, dlq, dlq_arn) = world_with_dead_letters(5);
    let r = w
        .call(
            "sqs:StartMessageMoveTask",
            json!({"SourceArn": dlq_arn, "MaxNumberOfMessagesPerSecond": 2}),
        )
        .unwrap();
    assert!(r["TaskHandle"].as_str().is_some_and(|h| !h.is_empty()));
    w.advance(SECOND);
    assert_eq!(counts(&mut w, &source).0, "2");
    assert_eq!(counts(&mut w, &dlq).0, "3");
    let task = &list(&mut w, &dlq_arn, 1)[0];
    assert_eq!(task["Status"], "RUNNING");
    assert_eq!(task["ApproximateNumberOfMessagesMoved"], 2);
    assert_eq!(task["ApproximateNumberOfMessagesToMove"], 5);
    assert_eq!(task["MaxNumberOfMessagesPerSecond"], 2);
    assert!(task.get("DestinationArn").is_none());
    w.advance(2 * SECOND);
    assert_eq!(counts(&mut w, &source).0, "5");
    assert_eq!(counts(&mut w, &dlq).0, "0");
    let task = &list(&mut w, &dlq_arn, 1)[0];
    assert_eq!(task["Status"], "COMPLETED");
    assert_eq!(task["ApproximateNumberOfMessagesMoved"], 5);
    assert!(task.get("TaskHandle").is_none());
    let moved = w
        .trace()
        .all()
        .iter()
        .filter(|e| e.kind.name() == "MessageRedriven")
        .count();
    assert_eq!(moved, 5);
}

#[test]
fn a_redriven_message_is_a_new_message_with_its_body_and_a_fresh_receive_count() {
    let (mut w, source, _dlq, dlq_arn) = world_with_dead_letters(1);
    w.call("sqs:StartMessageMoveTask", json!({"SourceArn": dlq_arn}))
        .unwrap();
    w.run_until_idle();
    let r = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": source, "MessageSystemAttributeNames": ["All"]}),
        )
        .unwrap();
    let m = &r["Messages"][0];
    assert_eq!(m["Body"], "m0");
    assert_eq!(m["Attributes"]["ApproximateReceiveCount"], "1");
    assert!(m["Attributes"].get("DeadLetterQueueSourceArn").is_none());
}

#[test]
fn a_task_moves_only_the_messages_there_when_it_started() {
    let (mut w, source, dlq, dlq_arn) = world_with_dead_letters(3);
    w.call(
        "sqs:StartMessageMoveTask",
        json!({"SourceArn": dlq_arn, "MaxNumberOfMessagesPerSecond": 1}),
    )
    .unwrap();
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": dlq, "MessageBody": "late"}),
    )
    .unwrap();
    w.advance(10 * SECOND);
    assert_eq!(counts(&mut w, &source).0, "3");
    assert_eq!(counts(&mut w, &dlq).0, "1");
    let task = &list(&mut w, &dlq_arn, 1)[0];
    assert_eq!(task["Status"], "COMPLETED");
    assert_eq!(task["ApproximateNumberOfMessagesToMove"], 3);
}

#[test]
fn a_task_with_a_destination_moves_the_messages_there() {
    let (mut w, source, _dlq, dlq_arn) = world_with_dead_letters(2);
    let other = create(&mut w, "replay", json!({}));
    let other_arn = arn(&mut w, &other);
    w.call(
        "sqs:StartMessageMoveTask",
        json!({"SourceArn": dlq_arn, "DestinationArn": other_arn}),
    )
    .unwrap();
    w.run_until_idle();
    assert_eq!(counts(&mut w, &other).0, "2");
    assert_eq!(counts(&mut w, &source).0, "0");
    assert_eq!(list(&mut w, &dlq_arn, 1)[0]["DestinationArn"], other_arn);
}

#[test]
fn cancel_stops_a_running_task_and_reports_how_many_moved() {
    let (mut w, source, dlq, dlq_arn) = world_with_dead_letters(5);
    let handle = w
        .call(
            "sqs:StartMessageMoveTask",
            json!({"SourceArn": dlq_arn, "MaxNumberOfMessagesPerSecond": 2}),
        )
        .unwrap()["TaskHandle"]
        .clone();
    w.advance(SECOND);
    let r = w
        .call("sqs:CancelMessageMoveTask", json!({"TaskHandle": handle}))
        .unwrap();
    assert_eq!(r["ApproximateNumberOfMessagesMoved"], 2);
    w.advance(10 * SECOND);
    assert_eq!(counts(&mut w, &source).0, "2");
    assert_eq!(counts(&mut w, &dlq).0, "3");
    assert_eq!(list(&mut w, &dlq_arn, 1)[0]["Status"], "CANCELLED");
    let (code, _) = error(w.call("sqs:CancelMessageMoveTask", json!({"TaskHandle": handle})));
    assert_eq!(code, "ResourceNotFoundException");
}

#[test]
fn only_one_task_may_run_per_source() {
    let (mut w, _source, _dlq, dlq_arn) = world_with_dead_letters(3);
    w.call(
        "sqs:StartMessageMoveTask",
        json!({"SourceArn": dlq_arn, "MaxNumberOfMessagesPerSecond": 1}),
    )
    .unwrap();
    let (code, _) = error(w.call("sqs:StartMessageMoveTask", json!({"SourceArn": dlq_arn})));
    assert_eq!(code, "InvalidParameterValue");
    w.run_until_idle();
    w.call("sqs:StartMessageMoveTask", json!({"SourceArn": dlq_arn}))
        .unwrap();
    w.run_until_idle();
    let tasks = list(&mut w, &dlq_arn, 10);
    assert_eq!(tasks.len(), 2);
    assert_eq!(tasks[0]["ApproximateNumberOfMessagesToMove"], 0);
    assert_eq!(tasks[1]["ApproximateNumberOfMessagesToMove"], 3);
    assert_eq!(list(&mut w, &dlq_arn, 1).len(), 1);
}

#[test]
fn a_queue_that_is_no_dlq_cannot_be_a_move_source() {
    let (mut w, source, _dlq, _dlq_arn) = world_with_dead_letters(0);
    let source_arn = arn(&mut w, &source);
    let (code, message) =
        error(w.call("sqs:StartMessageMoveTask", json!({"SourceArn": source_arn})));
    assert_eq!(code, "InvalidParameterValue");
    assert_eq!(
        message,
        "Source queue must be configured as a Dead Letter Queue."
    );
}

#[test]
fn an_unknown_source_queue_is_a_resource_not_found() {
    let mut w = World::new(Settings::default());
    let e = w
        .call(
            "sqs:StartMessageMoveTask",
            json!({"SourceArn": "arn:aws:sqs:us-east-1:123456789012:nope"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ResourceNotFoundException");
}

#[test]
fn cancel_reads_the_task_handle_before_looking_for_its_task() {
    let (mut w, _source, _dlq, dlq_arn) = world_with_dead_letters(1);
    let cancel = |w: &mut World, handle: &str| {
        error(w.call("sqs:CancelMessageMoveTask", json!({ "TaskHandle": handle })))
    };
    // Not a handle at all ("not-a-task" in base64, and plain text).
    for garbage in ["bm90LWEtdGFzaw==", "nonsense"] {
        assert_eq!(
            cancel(&mut w, garbage),
            (
                "InvalidParameterValue".to_string(),
                "Value for parameter TaskHandle is invalid.".to_string()
            )
        );
    }
    use base64::Engine;
    let handle = |source: &str| {
        base64::engine::general_purpose::STANDARD
            .encode(json!({"taskId": "0f6f5a4e", "sourceArn": source}).to_string())
    };
    let gone = handle("arn:aws:sqs:us-east-1:123456789012:gone");
    assert_eq!(
        cancel(&mut w, &gone),
        (
            "ResourceNotFoundException".to_string(),
            "The resource that you specified for the SourceArn parameter doesn't exist."
                .to_string()
        )
    );
    assert_eq!(
        cancel(&mut w, &handle(&dlq_arn)),
        (
            "ResourceNotFoundException".to_string(),
            "Task does not exist.".to_string()
        )
    );
}

#[test]
fn a_task_whose_destination_is_deleted_fails_with_the_missing_queue_code() {
    let (mut w, _source, dlq, dlq_arn) = world_with_dead_letters(3);
    let elsewhere = create(&mut w, "elsewhere", json!({}));
    let elsewhere_arn = arn(&mut w, &elsewhere);
    w.call(
        "sqs:StartMessageMoveTask",
        json!({"SourceArn": dlq_arn, "DestinationArn": elsewhere_arn, "MaxNumberOfMessagesPerSecond": 1}),
    )
    .unwrap();
    w.advance(SECOND);
    w.call("sqs:DeleteQueue", json!({"QueueUrl": elsewhere}))
        .unwrap();
    w.run_until_idle();
    let task = &list(&mut w, &dlq_arn, 1)[0];
    assert_eq!(task["Status"], "FAILED");
    assert_eq!(
        task["FailureReason"],
        "AWS.SimpleQueueService.NonExistentQueue"
    );
    assert_eq!(task["ApproximateNumberOfMessagesMoved"], 1);
    assert_eq!(counts(&mut w, &dlq).0, "2");
}

#[test]
fn the_rate_must_be_between_1_and_500() {
    let (mut w, _source, _dlq, dlq_arn) = world_with_dead_letters(0);
    for rate in [0, 501] {
        let (code, _) = error(w.call(
            "sqs:StartMessageMoveTask",
            json!({"SourceArn": dlq_arn, "MaxNumberOfMessagesPerSecond": rate}),
        ));
        assert_eq!(code, "InvalidParameterValue");
    }
}

#[test]
fn a_message_whose_source_queue_is_gone_fails_the_task() {
    let (mut w, source, dlq, dlq_arn) = world_with_dead_letters(2);
    w.call("sqs:DeleteQueue", json!({"QueueUrl": source}))
        .unwrap();
    // Another queue still names the DLQ, so it remains a dead-letter queue.
    let policy = json!({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 1}).to_string();
    create(&mut w, "billing", json!({"RedrivePolicy": policy}));
    w.call("sqs:StartMessageMoveTask", json!({"SourceArn": dlq_arn}))
        .unwrap();
    w.run_until_idle();
    let task = &list(&mut w, &dlq_arn, 1)[0];
    assert_eq!(task["Status"], "FAILED");
    assert_eq!(
        task["FailureReason"],
        "AWS.SimpleQueueService.NonExistentQueue"
    );
    assert_eq!(counts(&mut w, &dlq).0, "2");
}
