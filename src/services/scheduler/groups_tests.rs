//! Schedule groups as AWS answers for them: the default group, conflicts,
//! deletion with the group's schedules, and tags (on groups only).

use super::schedules_tests::schedule;
use crate::{Settings, World};
use serde_json::{json, Value};

const GROUP_ARN: &str = "arn:aws:scheduler:us-east-1:123456789012:schedule-group/reports";

fn error(w: &mut World, action: &str, input: Value) -> (String, u16) {
    let e = w.call(action, input).unwrap_err();
    (e.code, e.status)
}

#[test]
fn every_account_has_a_default_group_that_cannot_be_deleted() {
    let mut w = World::new(Settings::default());
    let list = w.call("scheduler:ListScheduleGroups", json!({})).unwrap();
    assert_eq!(
        list,
        json!({"ScheduleGroups": [{
            "Arn": "arn:aws:scheduler:us-east-1:123456789012:schedule-group/default",
            "CreationDate": 1_767_225_600,
            "LastModificationDate": 1_767_225_600,
            "Name": "default",
            "State": "ACTIVE",
        }]})
    );
    let e = w
        .call("scheduler:DeleteScheduleGroup", json!({"Name": "default"}))
        .unwrap_err();
    assert_eq!(e.code, "ValidationException");
    w.call("scheduler:GetScheduleGroup", json!({"Name": "default"}))
        .unwrap();
}

#[test]
fn a_group_is_created_once_and_found_by_name() {
    let mut w = World::new(Settings::default());
    let out = w
        .call(
            "scheduler:CreateScheduleGroup",
            json!({"Name": "reports", "Tags": [{"Key": "team", "Value": "finance"}]}),
        )
        .unwrap();
    assert_eq!(out, json!({"ScheduleGroupArn": GROUP_ARN}));
    assert_eq!(
        error(
            &mut w,
            "scheduler:CreateScheduleGroup",
            json!({"Name": "reports"})
        ),
        ("ConflictException".into(), 409)
    );
    let got = w
        .call("scheduler:GetScheduleGroup", json!({"Name": "reports"}))
        .unwrap();
    assert_eq!(got["Arn"], GROUP_ARN);
    assert_eq!(got["State"], "ACTIVE");
    assert_eq!(
        error(
            &mut w,
            "scheduler:GetScheduleGroup",
            json!({"Name": "nope"})
        ),
        ("ResourceNotFoundException".into(), 404)
    );
    let prefixed = w
        .call("scheduler:ListScheduleGroups", json!({"NamePrefix": "rep"}))
        .unwrap();
    assert_eq!(prefixed["ScheduleGroups"].as_array().unwrap().len(), 1);
}

#[test]
fn deleting_a_group_deletes_its_schedules() {
    let mut w = World::new(Settings::default());
    w.call("sqs:CreateQueue", json!({"QueueName": "jobs"}))
        .unwrap();
    w.call("scheduler:CreateScheduleGroup", json!({"Name": "reports"}))
        .unwrap();
    let mut input = schedule("monthly", "cron(0 0 1 * ? *)");
    input["GroupName"] = json!("reports");
    w.call("scheduler:CreateSchedule", input).unwrap();
    w.call("scheduler:DeleteScheduleGroup", json!({"Name": "reports"}))
        .unwrap();
    let e = w
        .call(
            "scheduler:GetSchedule",
            json!({"Name": "monthly", "GroupName": "reports"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ResourceNotFoundException");
    let all = w.call("scheduler:ListSchedules", json!({})).unwrap();
    assert_eq!(all, json!({"Schedules": []}));
    let names: Vec<&str> = w
        .trace()
        .all()
        .iter()
        .map(|e| e.kind.name())
        .filter(|n| n.starts_with("Schedule"))
        .collect();
    assert_eq!(
        names,
        [
            "ScheduleGroupCreated",
            "ScheduleCreated",
            "ScheduleDeleted",
            "ScheduleGroupDeleted"
        ]
    );
}

#[test]
fn tags_belong_to_schedule_groups_by_arn() {
    let mut w = World::new(Settings::default());
    w.call(
        "scheduler:CreateScheduleGroup",
        json!({"Name": "reports", "Tags": [{"Key": "team", "Value": "finance"}]}),
    )
    .unwrap();
    w.call(
        "scheduler:TagResource",
        json!({"ResourceArn": GROUP_ARN, "Tags": [{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "ops"}]}),
    )
    .unwrap();
    let tags = w
        .call(
            "scheduler:ListTagsForResource",
            json!({"ResourceArn": GROUP_ARN}),
        )
        .unwrap();
    assert_eq!(
        tags,
        json!({"Tags": [{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": "ops"}]})
    );
    w.call(
        "scheduler:UntagResource",
        json!({"ResourceArn": GROUP_ARN, "TagKeys": ["env"]}),
    )
    .unwrap();
    let tags = w
        .call(
            "scheduler:ListTagsForResource",
            json!({"ResourceArn": GROUP_ARN}),
        )
        .unwrap();
    assert_eq!(tags, json!({"Tags": [{"Key": "team", "Value": "ops"}]}));
    // A schedule's ARN is not taggable: the model's pattern names groups only.
    let e = w
        .call(
            "scheduler:ListTagsForResource",
            json!({"ResourceArn": "arn:aws:scheduler:us-east-1:123456789012:schedule/default/s"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ValidationException");
    let e = w
        .call(
            "scheduler:ListTagsForResource",
            json!({"ResourceArn": "arn:aws:scheduler:us-east-1:123456789012:schedule-group/nope"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ResourceNotFoundException");
}
