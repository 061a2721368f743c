//! Partner event sources as AWS runs them: a partner offers a source to an
//! account, the account sees it PENDING until it creates the matching partner
//! bus, the partner's events then reach that bus and its rules, and
//! deactivating, deleting the bus or the partner deleting the source stop
//! them.

use crate::api::Identity;
use crate::{Settings, World};
use serde_json::{json, Value};
use std::rc::Rc;

const CUSTOMER: &str = "123456789012";
const PARTNER: &str = "111122223333";
const SOURCE: &str = "aws.partner/acme.com/123/orders";

fn partner() -> Rc<Identity> {
    Rc::new(Identity {
        account: PARTNER.into(),
        region: "us-east-1".into(),
    })
}

fn as_partner(w: &mut World, action: &str, input: Value) -> Value {
    w.call_as(partner(), action, input).unwrap()
}

fn put(w: &mut World, detail: Value) -> Value {
    as_partner(
        w,
        "events:PutPartnerEvents",
        json!({"Entries": [{"Source": SOURCE, "DetailType": "Order Shipped", "Detail": detail.to_string()}]}),
    )
}

/// A world where the partner offered SOURCE to the customer, and a queue `seen` for a rule.
fn offered() -> (World, String) {
    let mut w = World::new(Settings::default());
    let url = w
        .call("sqs:CreateQueue", json!({"QueueName": "seen"}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    let out = as_partner(
        &mut w,
        "events:CreatePartnerEventSource",
        json!({"Name": SOURCE, "Account": CUSTOMER}),
    );
    assert_eq!(
        out,
        json!({"EventSourceArn": format!("arn:aws:events:us-east-1::event-source/{SOURCE}")})
    );
    (w, url)
}

fn associate(w: &mut World) {
    let out = w
        .call(
            "events:CreateEventBus",
            json!({"Name": SOURCE, "EventSourceName": SOURCE}),
        )
        .unwrap();
    assert_eq!(
        out["EventBusArn"],
        format!("arn:aws:events:us-east-1:{CUSTOMER}:event-bus/{SOURCE}")
    );
    w.call(
        "events:PutRule",
        json!({"Name": "shipped", "EventBusName": SOURCE, "EventPattern": "{\"detail-type\":[\"Order Shipped\"]}"}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "shipped", "EventBusName": SOURCE, "Targets": [{"Id": "q", "Arn": format!("arn:aws:sqs:us-east-1:{CUSTOMER}:seen")}]}),
    )
    .unwrap();
}

fn receive(w: &mut World, url: &str) -> Vec<Value> {
    w.call(
        "sqs:ReceiveMessage",
        json!({"QueueUrl": url, "MaxNumberOfMessages": 10}),
    )
    .unwrap()
    .get("Messages")
    .and_then(Value::as_array)
    .cloned()
    .unwrap_or_default()
}

fn state(w: &mut World) -> Value {
    w.call("events:DescribeEventSource", json!({"Name": SOURCE}))
        .unwrap()["State"]
        .clone()
}

#[test]
fn an_offered_source_is_pending_for_the_customer_until_its_bus_exists() {
    let (mut w, _) = offered();
    let described = w
        .call("events:DescribeEventSource", json!({"Name": SOURCE}))
        .unwrap();
    assert_eq!(
        described,
        json!({
            "Arn": format!("arn:aws:events:us-east-1::event-source/{SOURCE}"),
            "CreatedBy": "acme.com",
            "CreationTime": 1_767_225_600,
            "ExpirationTime": 1_767_225_600 + 14 * 86_400,
            "Name": SOURCE,
            "State": "PENDING",
        })
    );
    let listed = w.call("events:ListEventSources", json!({})).unwrap();
    assert_eq!(listed["EventSources"][0]["Name"], SOURCE);
    associate(&mut w);
    assert_eq!(state(&mut w), "ACTIVE");
    // The partner sees each account's state.
    let accounts = as_partner(
        &mut w,
        "events:ListPartnerEventSourceAccounts",
        json!({"EventSourceName": SOURCE}),
    );
    assert_eq!(
        accounts,
        json!({"PartnerEventSourceAccounts": [{"Account": CUSTOMER, "CreationTime": 1_767_225_600, "State": "ACTIVE"}]})
    );
    let own = as_partner(
        &mut w,
        "events:ListPartnerEventSources",
        json!({"NamePrefix": "aws.partner/acme.com/"}),
    );
    assert_eq!(own["PartnerEventSources"][0]["Name"], SOURCE);
}

#[test]
fn partner_events_reach_the_partner_bus_and_its_rules_once_it_is_active() {
    let (mut w, url) = offered();
    // Before the bus exists, the partner's events are accepted and go nowhere.
    let out = put(&mut w, json!({"order": "o-0"}));
    assert_eq!(out["FailedEntryCount"], 0);
    associate(&mut w);
    put(&mut w, json!({"order": "o-1"}));
    let got = receive(&mut w, &url);
    assert_eq!(got.len(), 1);
    let event: Value = serde_json::from_str(got[0]["Body"].as_str().unwrap()).unwrap();
    assert_eq!(event["source"], SOURCE);
    assert_eq!(event["detail-type"], "Order Shipped");
    assert_eq!(event["account"], CUSTOMER);
    assert_eq!(event["detail"], json!({"order": "o-1"}));
}

#[test]
fn a_deactivated_source_delivers_nothing_until_it_is_activated_again() {
    let (mut w, url) = offered();
    associate(&mut w);
    w.call("events:DeactivateEventSource", json!({"Name": SOURCE}))
        .unwrap();
    assert_eq!(state(&mut w), "PENDING");
    put(&mut w, json!({"order": "o-1"}));
    assert!(receive(&mut w, &url).is_empty());
    w.call("events:ActivateEventSource", json!({"Name": SOURCE}))
        .unwrap();
    put(&mut w, json!({"order": "o-2"}));
    assert_eq!(receive(&mut w, &url).len(), 1);
}

#[test]
fn a_source_the_partner_deletes_after_the_bus_exists_is_deleted_for_the_customer() {
    let (mut w, url) = offered();
    associate(&mut w);
    as_partner(
        &mut w,
        "events:DeletePartnerEventSource",
        json!({"Name": SOURCE, "Account": CUSTOMER}),
    );
    assert_eq!(state(&mut w), "DELETED");
    let e = w
        .call("events:ActivateEventSource", json!({"Name": SOURCE}))
        .unwrap_err();
    assert_eq!(e.code, "InvalidStateException");
    let e = w
        .call_as(
            partner(),
            "events:PutPartnerEvents",
            json!({"Entries": [{"Source": SOURCE, "DetailType": "t", "Detail": "{}"}]}),
        )
        .unwrap();
    assert_eq!(
        e["Entries"][0]["ErrorCode"],
        "NotAuthorizedForSourceException"
    );
    assert!(receive(&mut w, &url).is_empty());
}

#[test]
fn a_partner_bus_needs_an_offered_source_of_the_same_name() {
    let mut w = World::new(Settings::default());
    let e = w
        .call(
            "events:CreateEventBus",
            json!({"Name": SOURCE, "EventSourceName": SOURCE}),
        )
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "ResourceNotFoundException",
            "Event source aws.partner/acme.com/123/orders does not exist."
        )
    );
    let e = w
        .call(
            "events:CreateEventBus",
            json!({"Name": "orders", "EventSourceName": SOURCE}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ValidationException");
}

#[test]
fn a_pending_source_expires_after_two_weeks() {
    let (mut w, _) = offered();
    w.advance(14 * 86_400_000);
    let e = w
        .call("events:DescribeEventSource", json!({"Name": SOURCE}))
        .unwrap_err();
    assert_eq!(e.code, "ResourceNotFoundException");
    // The partner no longer lists the account.
    let accounts = as_partner(
        &mut w,
        "events:ListPartnerEventSourceAccounts",
        json!({"EventSourceName": SOURCE}),
    );
    assert_eq!(accounts, json!({"PartnerEventSourceAccounts": []}));
}

#[test]
fn put_partner_events_checks_each_entry_as_put_events_does() {
    let (mut w, _) = offered();
    let out = as_partner(
        &mut w,
        "events:PutPartnerEvents",
        json!({"Entries": [
            {"Source": SOURCE, "DetailType": "ok", "Detail": "{}"},
            {"Source": SOURCE, "DetailType": "bad", "Detail": "[1]"},
            {"Source": SOURCE, "Detail": "{}"},
            {"Source": "aws.partner/other.com/1/x", "DetailType": "t", "Detail": "{}"},
        ]}),
    );
    assert_eq!(out["FailedEntryCount"], 3);
    let codes: Vec<&str> = out["Entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["ErrorCode"].as_str().unwrap_or("ok"))
        .collect();
    assert_eq!(
        codes,
        [
            "ok",
            "MalformedDetail",
            "InvalidArgument",
            "NotAuthorizedForSourceException"
        ]
    );
    let e = w
        .call_as(
            partner(),
            "events:PutPartnerEvents",
            json!({"Entries": [{"Source": "not-a-partner-source", "DetailType": "t", "Detail": "{}"}]}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ValidationException");
    assert!(
        e.message.contains(r"aws\.partner(/[\.\-_A-Za-z0-9]+){2,}"),
        "{}",
        e.message
    );
    let too_many: Vec<Value> = (0..21)
        .map(|_| json!({"Source": SOURCE, "DetailType": "t", "Detail": "{}"}))
        .collect();
    let e = w
        .call_as(
            partner(),
            "events:PutPartnerEvents",
            json!({"Entries": too_many}),
        )
        .unwrap_err();
    assert!(e
        .message
        .contains("Member must have length less than or equal to 20"));
}

#[test]
fn the_same_source_cannot_be_offered_twice_to_an_account() {
    let (mut w, _) = offered();
    let e = w
        .call_as(
            partner(),
            "events:CreatePartnerEventSource",
            json!({"Name": SOURCE, "Account": CUSTOMER}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ResourceAlreadyExistsException");
    let e = w
        .call_as(
            partner(),
            "events:DescribePartnerEventSource",
            json!({"Name": "aws.partner/acme.com/123/missing"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ResourceNotFoundException");
}

#[test]
fn deleting_the_partner_bus_leaves_the_source_pending_to_associate_again() {
    let (mut w, url) = offered();
    associate(&mut w);
    w.call("events:DeleteEventBus", json!({"Name": SOURCE}))
        .unwrap();
    assert_eq!(state(&mut w), "PENDING");
    let accounts = as_partner(
        &mut w,
        "events:ListPartnerEventSourceAccounts",
        json!({"EventSourceName": SOURCE}),
    );
    assert_eq!(
        accounts["PartnerEventSourceAccounts"][0]["State"],
        "PENDING"
    );
    put(&mut w, json!({"order": "o-1"}));
    assert!(receive(&mut w, &url).is_empty());
    associate(&mut w);
    assert_eq!(state(&mut w), "ACTIVE");
    put(&mut w, json!({"order": "o-2"}));
    assert_eq!(receive(&mut w, &url).len(), 1);
}

#[test]
fn a_source_deactivated_for_two_weeks_is_deleted() {
    let (mut w, _) = offered();
    w.advance(10 * 86_400_000);
    associate(&mut w);
    w.call("events:DeactivateEventSource", json!({"Name": SOURCE}))
        .unwrap();
    let described = w
        .call("events:DescribeEventSource", json!({"Name": SOURCE}))
        .unwrap();
    // The two weeks count from the deactivation, not from the offer.
    assert_eq!(
        described["ExpirationTime"],
        json!(1_767_225_600 + 24 * 86_400)
    );
    w.advance(14 * 86_400_000);
    let e = w
        .call("events:DescribeEventSource", json!({"Name": SOURCE}))
        .unwrap_err();
    assert_eq!(e.code, "ResourceNotFoundException");
}

#[test]
fn a_partner_may_offer_a_source_to_its_own_account() {
    let mut w = World::new(Settings::default());
    let url = w
        .call("sqs:CreateQueue", json!({"QueueName": "seen"}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    w.call(
        "events:CreatePartnerEventSource",
        json!({"Name": SOURCE, "Account": CUSTOMER}),
    )
    .unwrap();
    assert_eq!(state(&mut w), "PENDING");
    associate(&mut w);
    w.call(
        "events:PutPartnerEvents",
        json!({"Entries": [{"Source": SOURCE, "DetailType": "Order Shipped", "Detail": "{}"}]}),
    )
    .unwrap();
    assert_eq!(receive(&mut w, &url).len(), 1);
}
