//! Targets, as the EventBridge API reference and AWS's recorded answers state them.

use crate::{Settings, World};
use serde_json::json;

const Q: &str = "arn:aws:sqs:us-east-1:123456789012:q";

fn world_with_rule() -> World {
    let mut w = World::new(Settings::default());
    w.call(
        "events:PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\":[\"shop\"]}"}),
    )
    .unwrap();
    w
}

#[test]
fn a_rule_takes_at_most_five_targets() {
    let mut w = world_with_rule();
    let targets: Vec<_> = (0..7)
        .map(|i| json!({"Id": format!("t{i}"), "Arn": Q}))
        .collect();
    let e = w
        .call(
            "events:PutTargets",
            json!({"Rule": "r", "Targets": targets}),
        )
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "LimitExceededException",
            "The requested resource exceeds the maximum number allowed."
        )
    );
    assert_eq!(
        w.call("events:ListTargetsByRule", json!({"Rule": "r"}))
            .unwrap()["Targets"],
        json!([])
    );
}

#[test]
fn a_target_id_outside_the_model_pattern_names_its_list_member() {
    let e = world_with_rule()
        .call(
            "events:PutTargets",
            json!({"Rule": "r", "Targets": [{"Id": "!@#$@!#$", "Arn": Q}]}),
        )
        .unwrap_err();
    assert_eq!(
        e.message,
        r"1 validation error detected: Value '!@#$@!#$' at 'targets.1.member.id' failed to satisfy constraint: Member must satisfy regular expression pattern: [\.\-_A-Za-z0-9]+"
    );
}

#[test]
fn only_one_of_input_input_path_and_input_transformer() {
    let e = world_with_rule()
        .call(
            "events:PutTargets",
            json!({"Rule": "r", "Targets": [{"Id": "t", "Arn": Q, "Input": "{}", "InputPath": "$.detail"}]}),
        )
        .unwrap_err();
    assert_eq!(
        e.message,
        "Only one of Input, InputPath, or InputTransformer must be provided for target t."
    );
}

#[test]
fn an_input_template_placeholder_must_be_in_the_paths_map() {
    let e = world_with_rule()
        .call(
            "events:PutTargets",
            json!({"Rule": "r", "Targets": [{"Id": "t", "Arn": Q, "InputTransformer": {"InputPathsMap": {"id": "$.id"}, "InputTemplate": "\"<id> <notdefinedkey>\""}}]}),
        )
        .unwrap_err();
    assert_eq!(
        e.message,
        "InputTemplate for target t contains invalid placeholder notdefinedkey."
    );
}

#[test]
fn a_fifo_queue_target_needs_a_message_group() {
    let e = world_with_rule()
        .call(
            "events:PutTargets",
            json!({"Rule": "r", "Targets": [{"Id": "t", "Arn": "arn:aws:sqs:us-east-1:123456789012:q.fifo"}]}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ValidationException");
}

#[test]
fn retry_policy_limits_are_the_models() {
    let e = world_with_rule()
        .call(
            "events:PutTargets",
            json!({"Rule": "r", "Targets": [{"Id": "t", "Arn": Q, "RetryPolicy": {"MaximumRetryAttempts": 186, "MaximumEventAgeInSeconds": 30}}]}),
        )
        .unwrap_err();
    assert!(
        e.message.starts_with("2 validation errors detected: "),
        "{}",
        e.message
    );
}

#[test]
fn list_targets_by_rule_echoes_targets_as_put_and_a_put_with_the_same_id_replaces() {
    let mut w = world_with_rule();
    w.call(
        "events:PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "t", "Arn": Q, "Input": "{\"a\":1}"}]}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "t", "Arn": Q, "InputPath": "$.detail"}]}),
    )
    .unwrap();
    let t = w
        .call("events:ListTargetsByRule", json!({"Rule": "r"}))
        .unwrap();
    assert_eq!(
        t["Targets"],
        json!([{"Id": "t", "Arn": Q, "InputPath": "$.detail"}])
    );
}
