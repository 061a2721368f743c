//! Rules, as the EventBridge API reference and AWS's recorded answers state them.

use crate::{Settings, World};
use serde_json::json;

const ACCOUNT: &str = "123456789012";

fn world() -> World {
    World::new(Settings::default())
}

#[test]
fn put_rule_answers_the_rule_arn_which_names_a_custom_bus() {
    let mut w = world();
    let r = w
        .call(
            "events:PutRule",
            json!({"Name": "r", "EventPattern": "{\"source\":[\"shop\"]}"}),
        )
        .unwrap();
    assert_eq!(
        r["RuleArn"],
        format!("arn:aws:events:us-east-1:{ACCOUNT}:rule/r")
    );
    w.call("events:CreateEventBus", json!({"Name": "orders"}))
        .unwrap();
    let r = w
        .call(
            "events:PutRule",
            json!({"Name": "r", "EventBusName": "orders", "EventPattern": "{\"source\":[\"shop\"]}"}),
        )
        .unwrap();
    assert_eq!(
        r["RuleArn"],
        format!("arn:aws:events:us-east-1:{ACCOUNT}:rule/orders/r")
    );
}

#[test]
fn a_rule_needs_a_pattern_or_a_schedule() {
    let e = world()
        .call("events:PutRule", json!({"Name": "r"}))
        .unwrap_err();
    assert_eq!(e.code, "ValidationException");
    assert_eq!(
        e.message,
        "Parameter(s) EventPattern or ScheduleExpression must be specified."
    );
}

#[test]
fn a_schedule_only_goes_on_the_default_bus() {
    let mut w = world();
    w.call("events:CreateEventBus", json!({"Name": "orders"}))
        .unwrap();
    let e = w
        .call(
            "events:PutRule",
            json!({"Name": "r", "EventBusName": "orders", "ScheduleExpression": "rate(5 minutes)"}),
        )
        .unwrap_err();
    assert_eq!(
        e.message,
        "ScheduleExpression is supported only on the default event bus."
    );
}

#[test]
fn a_bad_schedule_expression_is_not_valid() {
    for bad in [
        "rate(1 minutes)",
        "rate(10 seconds)",
        " rate(10 minutes)",
        "rate(10 MINUTES)",
        "cron(0 12 * * *)",
    ] {
        let e = world()
            .call(
                "events:PutRule",
                json!({"Name": "r", "ScheduleExpression": bad}),
            )
            .unwrap_err();
        assert_eq!(
            e.message, "Parameter ScheduleExpression is not valid.",
            "{bad}"
        );
    }
}

#[test]
fn describe_rule_shows_what_was_put_and_who_created_it() {
    let mut w = world();
    w.call(
        "events:PutRule",
        json!({"Name": "nightly", "ScheduleExpression": "cron(0 2 * * ? *)", "Description": "d"}),
    )
    .unwrap();
    let r = w
        .call("events:DescribeRule", json!({"Name": "nightly"}))
        .unwrap();
    assert_eq!(
        r,
        json!({"Name": "nightly", "Arn": format!("arn:aws:events:us-east-1:{ACCOUNT}:rule/nightly"), "ScheduleExpression": "cron(0 2 * * ? *)", "State": "ENABLED", "Description": "d", "EventBusName": "default", "CreatedBy": ACCOUNT})
    );
    let e = w
        .call("events:DescribeRule", json!({"Name": "nope"}))
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "ResourceNotFoundException",
            "Rule nope does not exist on EventBus default."
        )
    );
}

#[test]
fn enable_and_disable_set_the_state_and_a_missing_rule_is_not_found() {
    let mut w = world();
    w.call(
        "events:PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\":[\"a\"]}"}),
    )
    .unwrap();
    w.call("events:DisableRule", json!({"Name": "r"})).unwrap();
    assert_eq!(
        w.call("events:DescribeRule", json!({"Name": "r"})).unwrap()["State"],
        "DISABLED"
    );
    w.call("events:EnableRule", json!({"Name": "r"})).unwrap();
    assert_eq!(
        w.call("events:DescribeRule", json!({"Name": "r"})).unwrap()["State"],
        "ENABLED"
    );
    let e = w
        .call("events:EnableRule", json!({"Name": "x"}))
        .unwrap_err();
    assert_eq!(e.message, "Rule x does not exist on EventBus default.");
}

#[test]
fn a_rule_with_targets_cannot_be_deleted() {
    let mut w = world();
    w.call(
        "events:PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\":[\"a\"]}"}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "t", "Arn": format!("arn:aws:sqs:us-east-1:{ACCOUNT}:q")}]}),
    )
    .unwrap();
    let e = w
        .call("events:DeleteRule", json!({"Name": "r"}))
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "ValidationException",
            "Rule can't be deleted since it has targets."
        )
    );
    w.call("events:RemoveTargets", json!({"Rule": "r", "Ids": ["t"]}))
        .unwrap();
    w.call("events:DeleteRule", json!({"Name": "r"})).unwrap();
    assert_eq!(
        w.call("events:ListRules", json!({})).unwrap()["Rules"],
        json!([])
    );
}

#[test]
fn putting_a_rule_again_keeps_its_targets() {
    let mut w = world();
    w.call(
        "events:PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\":[\"a\"]}"}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "t", "Arn": format!("arn:aws:sqs:us-east-1:{ACCOUNT}:q")}]}),
    )
    .unwrap();
    w.call(
        "events:PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\":[\"b\"]}"}),
    )
    .unwrap();
    let t = w
        .call("events:ListTargetsByRule", json!({"Rule": "r"}))
        .unwrap();
    assert_eq!(t["Targets"].as_array().unwrap().len(), 1);
}

#[test]
fn list_rules_pages_and_list_rule_names_by_target_finds_them() {
    let mut w = world();
    let q = format!("arn:aws:sqs:us-east-1:{ACCOUNT}:q");
    for name in ["a", "b", "c"] {
        w.call(
            "events:PutRule",
            json!({"Name": name, "EventPattern": "{\"source\":[\"a\"]}"}),
        )
        .unwrap();
    }
    w.call(
        "events:PutTargets",
        json!({"Rule": "b", "Targets": [{"Id": "t", "Arn": q}]}),
    )
    .unwrap();
    let page = w.call("events:ListRules", json!({"Limit": 2})).unwrap();
    assert_eq!(page["Rules"].as_array().unwrap().len(), 2);
    assert!(page["NextToken"].is_string());
    let names = w
        .call("events:ListRuleNamesByTarget", json!({"TargetArn": q}))
        .unwrap();
    assert_eq!(names["RuleNames"], json!(["b"]));
}

#[test]
fn a_scheduled_rule_sends_aws_scheduled_event_to_its_targets_every_period() {
    let mut w = world();
    let q = w
        .call("sqs:CreateQueue", json!({"QueueName": "ticks"}))
        .unwrap();
    let url = q["QueueUrl"].as_str().unwrap().to_string();
    let rule = w
        .call(
            "events:PutRule",
            json!({"Name": "every5", "ScheduleExpression": "rate(5 minutes)"}),
        )
        .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "every5", "Targets": [{"Id": "q", "Arn": format!("arn:aws:sqs:us-east-1:{ACCOUNT}:ticks")}]}),
    )
    .unwrap();
    w.advance(16 * 60 * 1000);
    let got = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": 10}),
        )
        .unwrap();
    let messages = got["Messages"].as_array().unwrap();
    assert_eq!(messages.len(), 3);
    let event: serde_json::Value =
        serde_json::from_str(messages[0]["Body"].as_str().unwrap()).unwrap();
    assert_eq!(event["source"], "aws.events");
    assert_eq!(event["detail-type"], "Scheduled Event");
    assert_eq!(event["resources"], json!([rule["RuleArn"]]));
    assert_eq!(event["detail"], json!({}));
}

#[test]
fn a_disabled_scheduled_rule_does_not_fire() {
    let mut w = world();
    let q = w
        .call("sqs:CreateQueue", json!({"QueueName": "ticks"}))
        .unwrap();
    let url = q["QueueUrl"].as_str().unwrap().to_string();
    w.call(
        "events:PutRule",
        json!({"Name": "every1", "ScheduleExpression": "rate(1 minute)", "State": "DISABLED"}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "every1", "Targets": [{"Id": "q", "Arn": format!("arn:aws:sqs:us-east-1:{ACCOUNT}:ticks")}]}),
    )
    .unwrap();
    w.advance(5 * 60 * 1000);
    let got = w
        .call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
        .unwrap();
    assert!(got
        .get("Messages")
        .is_none_or(|m| m.as_array().unwrap().is_empty()));
}

#[test]
fn next_event_foresees_a_scheduled_rule_and_passes_over_a_disabled_one() {
    let mut w = world();
    w.call(
        "events:PutRule",
        json!({"Name": "every-5", "ScheduleExpression": "rate(5 minutes)"}),
    )
    .unwrap();
    let (due, foreseen) = w.foresee_next().unwrap();
    assert_eq!(crate::sim::format_iso(due), "2026-01-01T00:05:00.000Z");
    assert_eq!(foreseen.event, "ScheduledRuleFired");
    assert_eq!(
        foreseen.text,
        "scheduled rule every-5 (rate(5 minutes)) fires: 0 targets"
    );
    w.call("events:DisableRule", json!({"Name": "every-5"}))
        .unwrap();
    assert!(w.foresee_next().is_none());
}
