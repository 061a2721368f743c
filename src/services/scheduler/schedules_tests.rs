//! Schedules as AWS answers for them: defaults, conflicts, missing schedules,
//! expressions and time zones it refuses, the model's constraints, dates,
//! UpdateSchedule as a full replacement, and ListSchedules' filters.

use crate::{Settings, World};
use serde_json::{json, Value};

const ROLE: &str = "arn:aws:iam::123456789012:role/scheduler-role";
const QUEUE: &str = "arn:aws:sqs:us-east-1:123456789012:jobs";

pub fn schedule(name: &str, expression: &str) -> Value {
    json!({
        "Name": name,
        "ScheduleExpression": expression,
        "FlexibleTimeWindow": {"Mode": "OFF"},
        "Target": {"Arn": QUEUE, "RoleArn": ROLE, "Input": "{\"job\": 1}"},
    })
}

fn world() -> World {
    let mut w = World::new(Settings::default());
    w.call("sqs:CreateQueue", json!({"QueueName": "jobs"}))
        .unwrap();
    w
}

fn error(w: &mut World, action: &str, input: Value) -> (String, String, u16) {
    let e = w.call(action, input).unwrap_err();
    (e.code, e.message, e.status)
}

#[test]
fn a_new_schedule_answers_get_schedule_with_aws_defaults() {
    let mut w = world();
    let out = w
        .call(
            "scheduler:CreateSchedule",
            schedule("nightly", "cron(0 2 * * ? *)"),
        )
        .unwrap();
    assert_eq!(
        out,
        json!({"ScheduleArn": "arn:aws:scheduler:us-east-1:123456789012:schedule/default/nightly"})
    );
    let got = w
        .call("scheduler:GetSchedule", json!({"Name": "nightly"}))
        .unwrap();
    let created = got["CreationDate"].clone();
    assert_eq!(
        got,
        json!({
            "ActionAfterCompletion": "NONE",
            "Arn": "arn:aws:scheduler:us-east-1:123456789012:schedule/default/nightly",
            "CreationDate": created,
            "FlexibleTimeWindow": {"Mode": "OFF"},
            "GroupName": "default",
            "LastModificationDate": created,
            "Name": "nightly",
            "ScheduleExpression": "cron(0 2 * * ? *)",
            "ScheduleExpressionTimezone": "UTC",
            "State": "ENABLED",
            "Target": {
                "Arn": QUEUE,
                "Input": "{\"job\": 1}",
                "RetryPolicy": {"MaximumEventAgeInSeconds": 86400, "MaximumRetryAttempts": 185},
                "RoleArn": ROLE,
            },
        })
    );
    assert_eq!(created, json!(1_767_225_600));
}

#[test]
fn a_second_schedule_of_the_same_name_in_the_group_is_a_conflict() {
    let mut w = world();
    w.call("scheduler:CreateSchedule", schedule("s", "rate(1 hour)"))
        .unwrap();
    assert_eq!(
        error(
            &mut w,
            "scheduler:CreateSchedule",
            schedule("s", "rate(1 hour)")
        ),
        (
            "ConflictException".into(),
            "Schedule s already exists.".into(),
            409
        )
    );
    // The same name in another group is another schedule.
    w.call("scheduler:CreateScheduleGroup", json!({"Name": "other"}))
        .unwrap();
    let mut input = schedule("s", "rate(1 hour)");
    input["GroupName"] = json!("other");
    let out = w.call("scheduler:CreateSchedule", input).unwrap();
    assert_eq!(
        out["ScheduleArn"],
        "arn:aws:scheduler:us-east-1:123456789012:schedule/other/s"
    );
}

#[test]
fn a_schedule_that_does_not_exist_is_not_found_by_get_update_and_delete() {
    let mut w = world();
    let missing = (
        "ResourceNotFoundException".to_string(),
        "Schedule not-existing-schedule-name does not exist.".to_string(),
        404,
    );
    let name = json!({"Name": "not-existing-schedule-name"});
    assert_eq!(
        error(&mut w, "scheduler:GetSchedule", name.clone()),
        missing
    );
    assert_eq!(error(&mut w, "scheduler:DeleteSchedule", name), missing);
    assert_eq!(
        error(
            &mut w,
            "scheduler:UpdateSchedule",
            schedule("not-existing-schedule-name", "rate(1 hour)")
        ),
        missing
    );
}

#[test]
fn an_expression_scheduler_cannot_read_is_refused_quoting_it() {
    let mut w = world();
    for bad in [
        "cron(0 1 * * * *)",
        "cron(7 20 * * NOT *)",
        "rate(10 seconds)",
        "rate(10 minutess)",
        " rate(10 minutes)",
        "at(2021-12-31T23:59:59Z)",
        "at(2021-12-31)",
    ] {
        assert_eq!(
            error(&mut w, "scheduler:CreateSchedule", schedule("s", bad)),
            (
                "ValidationException".into(),
                format!("Invalid Schedule Expression {bad}."),
                400
            ),
            "{bad}"
        );
    }
    // Scheduler takes a rate's unit in the singular whatever the value.
    w.call("scheduler:CreateSchedule", schedule("s", "rate(2 minute)"))
        .unwrap();
}

#[test]
fn a_time_zone_must_be_one_scheduler_knows() {
    let mut w = world();
    let mut input = schedule("s", "cron(0 9 * * ? *)");
    input["ScheduleExpressionTimezone"] = json!("Mars/Olympus_Mons");
    let (code, message, _) = error(&mut w, "scheduler:CreateSchedule", input.clone());
    assert_eq!(code, "ValidationException");
    assert!(message.contains("Mars/Olympus_Mons"), "{message}");
    input["ScheduleExpressionTimezone"] = json!("Europe/Paris");
    w.call("scheduler:CreateSchedule", input).unwrap();
    let got = w
        .call("scheduler:GetSchedule", json!({"Name": "s"}))
        .unwrap();
    assert_eq!(got["ScheduleExpressionTimezone"], "Europe/Paris");
}

#[test]
fn the_models_constraints_are_reported_together_in_aws_words() {
    let mut w = world();
    let mut input = schedule("bad name", "rate(1 hour)");
    input["Target"]["RetryPolicy"] =
        json!({"MaximumRetryAttempts": 186, "MaximumEventAgeInSeconds": 59});
    input["FlexibleTimeWindow"] = json!({"Mode": "FLEXIBLE", "MaximumWindowInMinutes": 1441});
    let (code, message, status) = error(&mut w, "scheduler:CreateSchedule", input);
    assert_eq!((code.as_str(), status), ("ValidationException", 400));
    assert_eq!(
        message,
        "4 validation errors detected: \
         Value 'bad name' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$; \
         Value '1441' at 'flexibleTimeWindow.maximumWindowInMinutes' failed to satisfy constraint: Member must have value less than or equal to 1440; \
         Value '59' at 'target.retryPolicy.maximumEventAgeInSeconds' failed to satisfy constraint: Member must have value greater than or equal to 60; \
         Value '186' at 'target.retryPolicy.maximumRetryAttempts' failed to satisfy constraint: Member must have value less than or equal to 185"
    );
    let mut input = schedule("s", "rate(1 hour)");
    input["Target"]["RoleArn"] = json!("not-a-role");
    let (_, message, _) = error(&mut w, "scheduler:CreateSchedule", input);
    assert!(message.contains("at 'target.roleArn'"), "{message}");
    let mut input = schedule("s", "rate(1 hour)");
    input["Target"]["DeadLetterConfig"] =
        json!({"Arn": "arn:aws:sqs:us-east-1:123456789012:dlq.fifo"});
    let (_, message, _) = error(&mut w, "scheduler:CreateSchedule", input);
    assert!(
        message.contains("at 'target.deadLetterConfig.arn'"),
        "{message}"
    );
}

#[test]
fn the_sdk_refuses_a_request_missing_a_required_member() {
    let mut w = world();
    let mut input = schedule("s", "rate(1 hour)");
    input.as_object_mut().unwrap().remove("FlexibleTimeWindow");
    let (code, message, _) = error(&mut w, "scheduler:CreateSchedule", input);
    assert_eq!(code, "ParamValidationError");
    assert!(message.contains("FlexibleTimeWindow"), "{message}");
    let mut input = schedule("s", "rate(1 hour)");
    input["Target"].as_object_mut().unwrap().remove("RoleArn");
    let (_, message, _) = error(&mut w, "scheduler:CreateSchedule", input);
    assert_eq!(
        message,
        "Parameter validation failed:\nMissing required parameter in input: \"Target.RoleArn\""
    );
}

#[test]
fn a_flexible_window_needs_its_maximum() {
    let mut w = world();
    let mut input = schedule("s", "rate(1 hour)");
    input["FlexibleTimeWindow"] = json!({"Mode": "FLEXIBLE"});
    let (code, _, _) = error(&mut w, "scheduler:CreateSchedule", input);
    assert_eq!(code, "ValidationException");
}

#[test]
fn a_start_date_more_than_five_minutes_past_is_refused() {
    let mut w = world();
    let mut input = schedule("s", "rate(1 hour)");
    input["StartDate"] = json!(1_767_225_600 - 301);
    assert_eq!(
        error(&mut w, "scheduler:CreateSchedule", input.clone()),
        (
            "ValidationException".into(),
            "The StartDate you specify cannot be earlier than 5 minutes ago.".into(),
            400
        )
    );
    input["StartDate"] = json!(1_767_225_600 - 300);
    input["EndDate"] = json!("2026-02-01T00:00:00Z");
    w.call("scheduler:CreateSchedule", input).unwrap();
    let got = w
        .call("scheduler:GetSchedule", json!({"Name": "s"}))
        .unwrap();
    assert_eq!(got["StartDate"], json!(1_767_225_300));
    assert_eq!(got["EndDate"], json!(1_769_904_000));
}

#[test]
fn update_schedule_replaces_the_whole_schedule() {
    let mut w = world();
    let mut input = schedule("s", "rate(1 hour)");
    input["Description"] = json!("hourly");
    input["Target"]["RetryPolicy"] = json!({"MaximumRetryAttempts": 3});
    w.call("scheduler:CreateSchedule", input).unwrap();
    w.advance(60_000);
    let mut update = schedule("s", "rate(2 hours)");
    update["State"] = json!("DISABLED");
    w.call("scheduler:UpdateSchedule", update).unwrap();
    let got = w
        .call("scheduler:GetSchedule", json!({"Name": "s"}))
        .unwrap();
    assert!(got.get("Description").is_none());
    assert_eq!(got["State"], "DISABLED");
    assert_eq!(got["ScheduleExpression"], "rate(2 hours)");
    assert_eq!(
        got["Target"]["RetryPolicy"],
        json!({"MaximumEventAgeInSeconds": 86400, "MaximumRetryAttempts": 185})
    );
    assert_eq!(got["LastModificationDate"], json!(1_767_225_660));
    assert_eq!(got["CreationDate"], json!(1_767_225_600));
}

#[test]
fn list_schedules_filters_by_group_prefix_and_state_and_pages() {
    let mut w = world();
    w.call("scheduler:CreateScheduleGroup", json!({"Name": "reports"}))
        .unwrap();
    for (name, group, state) in [
        ("daily-a", "default", "ENABLED"),
        ("daily-b", "default", "DISABLED"),
        ("weekly", "default", "ENABLED"),
        ("daily-c", "reports", "ENABLED"),
    ] {
        let mut input = schedule(name, "rate(1 day)");
        input["GroupName"] = json!(group);
        input["State"] = json!(state);
        w.call("scheduler:CreateSchedule", input).unwrap();
    }
    let names = |out: &Value| -> Vec<String> {
        out["Schedules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["Name"].as_str().unwrap().to_string())
            .collect()
    };
    let all = w.call("scheduler:ListSchedules", json!({})).unwrap();
    assert_eq!(names(&all), ["daily-a", "daily-b", "weekly", "daily-c"]);
    assert_eq!(
        all["Schedules"][0],
        json!({
            "Arn": "arn:aws:scheduler:us-east-1:123456789012:schedule/default/daily-a",
            "CreationDate": 1_767_225_600,
            "GroupName": "default",
            "LastModificationDate": 1_767_225_600,
            "Name": "daily-a",
            "State": "ENABLED",
            "Target": {"Arn": QUEUE},
        })
    );
    let out = w
        .call(
            "scheduler:ListSchedules",
            json!({"GroupName": "default", "NamePrefix": "daily", "State": "ENABLED"}),
        )
        .unwrap();
    assert_eq!(names(&out), ["daily-a"]);
    let page = w
        .call("scheduler:ListSchedules", json!({"MaxResults": 3}))
        .unwrap();
    assert_eq!(names(&page).len(), 3);
    let token = page["NextToken"].as_str().unwrap().to_string();
    let rest = w
        .call(
            "scheduler:ListSchedules",
            json!({"MaxResults": 3, "NextToken": token}),
        )
        .unwrap();
    assert_eq!(names(&rest), ["daily-c"]);
    assert!(rest.get("NextToken").is_none());
    let (code, _, status) = error(
        &mut w,
        "scheduler:ListSchedules",
        json!({"GroupName": "nope"}),
    );
    assert_eq!((code.as_str(), status), ("ResourceNotFoundException", 404));
}

#[test]
fn a_schedule_cannot_be_created_in_a_group_that_does_not_exist() {
    let mut w = world();
    let mut input = schedule("s", "rate(1 hour)");
    input["GroupName"] = json!("nope");
    let (code, _, status) = error(&mut w, "scheduler:CreateSchedule", input);
    assert_eq!((code.as_str(), status), ("ResourceNotFoundException", 404));
}
