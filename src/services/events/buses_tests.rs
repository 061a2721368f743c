//! Event buses, as the EventBridge API reference and AWS's recorded answers state them.

use crate::api::Identity;
use crate::{Settings, World};
use serde_json::json;
use std::rc::Rc;

const ACCOUNT: &str = "123456789012";

#[test]
fn every_account_has_a_default_bus() {
    let mut w = World::new(Settings::default());
    let bus = w.call("events:DescribeEventBus", json!({})).unwrap();
    assert_eq!(bus["Name"], "default");
    assert_eq!(
        bus["Arn"],
        format!("arn:aws:events:us-east-1:{ACCOUNT}:event-bus/default")
    );
    let list = w.call("events:ListEventBuses", json!({})).unwrap();
    assert_eq!(list["EventBuses"][0]["Name"], "default");
}

#[test]
fn a_custom_bus_is_created_once_and_described_by_name_or_arn() {
    let mut w = World::new(Settings::default());
    let made = w
        .call("events:CreateEventBus", json!({"Name": "orders"}))
        .unwrap();
    let arn = format!("arn:aws:events:us-east-1:{ACCOUNT}:event-bus/orders");
    assert_eq!(made["EventBusArn"], arn);
    let again = w
        .call("events:CreateEventBus", json!({"Name": "orders"}))
        .unwrap_err();
    assert_eq!(again.code, "ResourceAlreadyExistsException");
    assert_eq!(again.message, "Event bus orders already exists.");
    let by_arn = w
        .call("events:DescribeEventBus", json!({"Name": arn}))
        .unwrap();
    assert_eq!(by_arn["Name"], "orders");
    let missing = w
        .call("events:DescribeEventBus", json!({"Name": "nope"}))
        .unwrap_err();
    assert_eq!(
        (missing.code.as_str(), missing.message.as_str()),
        (
            "ResourceNotFoundException",
            "Event bus nope does not exist."
        )
    );
}

#[test]
fn a_bus_name_outside_the_model_pattern_is_a_validation_error() {
    let mut w = World::new(Settings::default());
    let e = w
        .call("events:CreateEventBus", json!({"Name": "bad name!"}))
        .unwrap_err();
    assert_eq!(e.code, "ValidationException");
    assert_eq!(
        e.message,
        r"1 validation error detected: Value 'bad name!' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [/\.\-_A-Za-z0-9]+"
    );
}

#[test]
fn the_default_bus_cannot_be_deleted_and_an_unknown_bus_deletes_quietly() {
    let mut w = World::new(Settings::default());
    let e = w
        .call("events:DeleteEventBus", json!({"Name": "default"}))
        .unwrap_err();
    assert_eq!(e.message, "Cannot delete event bus default.");
    w.call("events:DeleteEventBus", json!({"Name": "never-made"}))
        .unwrap();
}

#[test]
fn list_event_buses_filters_by_prefix_and_pages() {
    let mut w = World::new(Settings::default());
    for name in ["a-1", "a-2", "a-3", "b-1"] {
        w.call("events:CreateEventBus", json!({"Name": name}))
            .unwrap();
    }
    let page = w
        .call(
            "events:ListEventBuses",
            json!({"NamePrefix": "a-", "Limit": 2}),
        )
        .unwrap();
    assert_eq!(page["EventBuses"].as_array().unwrap().len(), 2);
    let token = page["NextToken"].as_str().unwrap().to_string();
    let rest = w
        .call(
            "events:ListEventBuses",
            json!({"NamePrefix": "a-", "Limit": 2, "NextToken": token}),
        )
        .unwrap();
    assert_eq!(rest["EventBuses"][0]["Name"], "a-3");
    assert!(rest.get("NextToken").is_none());
}

#[test]
fn put_permission_writes_a_policy_statement_and_remove_permission_takes_it_out() {
    let mut w = World::new(Settings::default());
    w.call("events:CreateEventBus", json!({"Name": "shared"}))
        .unwrap();
    w.call(
        "events:PutPermission",
        json!({"EventBusName": "shared", "Action": "events:PutEvents", "Principal": "111122223333", "StatementId": "partner"}),
    )
    .unwrap();
    let bus = w
        .call("events:DescribeEventBus", json!({"Name": "shared"}))
        .unwrap();
    let policy: serde_json::Value = serde_json::from_str(bus["Policy"].as_str().unwrap()).unwrap();
    assert_eq!(
        policy["Statement"][0],
        json!({"Sid": "partner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "events:PutEvents", "Resource": format!("arn:aws:events:us-east-1:{ACCOUNT}:event-bus/shared")})
    );
    let e = w
        .call(
            "events:RemovePermission",
            json!({"EventBusName": "shared", "StatementId": "other"}),
        )
        .unwrap_err();
    assert_eq!(e.message, "Statement with the provided id does not exist.");
    w.call(
        "events:RemovePermission",
        json!({"EventBusName": "shared", "StatementId": "partner"}),
    )
    .unwrap();
    let bus = w
        .call("events:DescribeEventBus", json!({"Name": "shared"}))
        .unwrap();
    assert!(bus.get("Policy").is_none());
}

#[test]
fn another_account_puts_events_on_a_bus_only_as_its_policy_allows() {
    let mut w = World::new(Settings::default());
    w.call("events:CreateEventBus", json!({"Name": "shared"}))
        .unwrap();
    let bus_arn = format!("arn:aws:events:us-east-1:{ACCOUNT}:event-bus/shared");
    let other = Rc::new(Identity {
        account: "111122223333".into(),
        region: "us-east-1".into(),
    });
    let entry = json!({"Entries": [{"Source": "partner.app", "DetailType": "t", "Detail": "{}", "EventBusName": bus_arn}]});
    let denied = w
        .call_as(other.clone(), "events:PutEvents", entry.clone())
        .unwrap();
    assert_eq!(denied["FailedEntryCount"], 1);
    assert_eq!(denied["Entries"][0]["ErrorCode"], "AccessDeniedException");
    w.call(
        "events:PutPermission",
        json!({"EventBusName": "shared", "Action": "events:PutEvents", "Principal": "111122223333", "StatementId": "p"}),
    )
    .unwrap();
    let allowed = w.call_as(other, "events:PutEvents", entry).unwrap();
    assert_eq!(allowed["FailedEntryCount"], 0);
}

#[test]
fn tags_on_an_unknown_bus_or_rule_name_it() {
    let mut w = World::new(Settings::default());
    let e = w
        .call(
            "events:TagResource",
            json!({"ResourceARN": format!("arn:aws:events:us-east-1:{ACCOUNT}:event-bus/nope"), "Tags": [{"Key": "k", "Value": "v"}]}),
        )
        .unwrap_err();
    assert_eq!(e.message, "Event bus nope does not exist.");
    let e = w
        .call(
            "events:ListTagsForResource",
            json!({"ResourceARN": format!("arn:aws:events:us-east-1:{ACCOUNT}:rule/nope")}),
        )
        .unwrap_err();
    assert_eq!(e.message, "Rule nope does not exist on EventBus default.");
    w.call(
        "events:CreateEventBus",
        json!({"Name": "tagged", "Tags": [{"Key": "team", "Value": "orders"}]}),
    )
    .unwrap();
    let tags = w
        .call(
            "events:ListTagsForResource",
            json!({"ResourceARN": format!("arn:aws:events:us-east-1:{ACCOUNT}:event-bus/tagged")}),
        )
        .unwrap();
    assert_eq!(tags["Tags"], json!([{"Key": "team", "Value": "orders"}]));
}
