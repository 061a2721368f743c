//! PutEvents and TestEventPattern, as the EventBridge API reference and AWS's recorded
//! answers state them.

use crate::{Settings, World};
use serde_json::{json, Value};

fn world_with_queue_rule(pattern: &str) -> (World, String) {
    let mut w = World::new(Settings::default());
    let q = w
        .call("sqs:CreateQueue", json!({"QueueName": "q"}))
        .unwrap();
    w.call(
        "events:PutRule",
        json!({"Name": "r", "EventPattern": pattern}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "t", "Arn": "arn:aws:sqs:us-east-1:123456789012:q"}]}),
    )
    .unwrap();
    (w, q["QueueUrl"].as_str().unwrap().to_string())
}

fn bodies(w: &mut World, url: &str) -> Vec<Value> {
    let got = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": 10}),
        )
        .unwrap();
    got.get("Messages")
        .and_then(Value::as_array)
        .map(|m| {
            m.iter()
                .map(|m| serde_json::from_str(m["Body"].as_str().unwrap()).unwrap())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn each_entry_is_answered_in_order_and_a_bad_one_does_not_stop_the_others() {
    let mut w = World::new(Settings::default());
    let r = w
        .call(
            "events:PutEvents",
            json!({"Entries": [
                {"Source": "shop", "DetailType": "Order", "Detail": "{}"},
                {"DetailType": "Order", "Detail": "{}"},
                {"Source": "shop", "Detail": "{}"},
                {"Source": "shop", "DetailType": "Order"},
                {"Source": "shop", "DetailType": "Order", "Detail": "[1]"},
                {"Source": "aws.s3", "DetailType": "Order", "Detail": "{}"}
            ]}),
        )
        .unwrap();
    assert_eq!(r["FailedEntryCount"], 5);
    let e = &r["Entries"];
    assert!(e[0]["EventId"].is_string());
    assert_eq!(
        e[1],
        json!({"ErrorCode": "InvalidArgument", "ErrorMessage": "Parameter Source is not valid. Reason: Source is a required argument."})
    );
    assert_eq!(
        e[2]["ErrorMessage"],
        "Parameter DetailType is not valid. Reason: DetailType is a required argument."
    );
    assert_eq!(
        e[3]["ErrorMessage"],
        "Parameter Detail is not valid. Reason: Detail is a required argument."
    );
    assert_eq!(
        e[4],
        json!({"ErrorCode": "MalformedDetail", "ErrorMessage": "Detail is malformed."})
    );
    assert_eq!(e[5]["ErrorCode"], "NotAuthorizedForSourceException");
}

#[test]
fn more_than_ten_entries_or_256_kb_is_refused_whole() {
    let mut w = World::new(Settings::default());
    let entry = json!({"Source": "s", "DetailType": "d", "Detail": "{}"});
    let e = w
        .call("events:PutEvents", json!({"Entries": vec![entry; 11]}))
        .unwrap_err();
    assert!(e.message.ends_with("at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10"));
    let big = format!("{{\"a\":\"{}\"}}", "x".repeat(263_000));
    let e = w
        .call(
            "events:PutEvents",
            json!({"Entries": [{"Source": "s", "DetailType": "d", "Detail": big}]}),
        )
        .unwrap_err();
    assert_eq!(
        e.message,
        "Total size of the entries in the request is over the limit."
    );
}

#[test]
fn an_entry_for_a_bus_that_does_not_exist_is_accepted_and_dropped() {
    let mut w = World::new(Settings::default());
    let r = w
        .call(
            "events:PutEvents",
            json!({"Entries": [{"Source": "s", "DetailType": "d", "Detail": "{}", "EventBusName": "nope"}]}),
        )
        .unwrap();
    assert_eq!(r["FailedEntryCount"], 0);
    assert!(r["Entries"][0]["EventId"].is_string());
}

#[test]
fn a_matching_event_reaches_the_target_in_aws_envelope() {
    let (mut w, url) = world_with_queue_rule("{\"source\":[\"shop\"]}");
    let r = w
        .call(
            "events:PutEvents",
            json!({"Entries": [
                {"Source": "shop", "DetailType": "Order Placed", "Detail": "{\"amount\": 42}", "Resources": ["arn:x"]},
                {"Source": "other", "DetailType": "Order Placed", "Detail": "{}"}
            ]}),
        )
        .unwrap();
    let got = bodies(&mut w, &url);
    assert_eq!(got.len(), 1);
    let event = &got[0];
    let keys: Vec<&str> = event
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "version",
            "id",
            "detail-type",
            "source",
            "account",
            "time",
            "region",
            "resources",
            "detail"
        ]
    );
    assert_eq!(event["id"], r["Entries"][0]["EventId"]);
    assert_eq!(event["version"], "0");
    assert_eq!(event["account"], "123456789012");
    assert_eq!(event["region"], "us-east-1");
    assert_eq!(event["resources"], json!(["arn:x"]));
    assert_eq!(event["detail"], json!({"amount": 42}));
    assert!(event["time"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn a_disabled_rule_matches_nothing() {
    let (mut w, url) = world_with_queue_rule("{\"source\":[\"shop\"]}");
    w.call("events:DisableRule", json!({"Name": "r"})).unwrap();
    w.call(
        "events:PutEvents",
        json!({"Entries": [{"Source": "shop", "DetailType": "d", "Detail": "{}"}]}),
    )
    .unwrap();
    assert!(bodies(&mut w, &url).is_empty());
}

#[test]
fn entry_time_sets_the_envelope_time_to_the_second() {
    let (mut w, url) = world_with_queue_rule("{\"source\":[\"shop\"]}");
    w.call(
        "events:PutEvents",
        json!({"Entries": [{"Source": "shop", "DetailType": "d", "Detail": "{}", "Time": 1767225600.5}]}),
    )
    .unwrap();
    assert_eq!(bodies(&mut w, &url)[0]["time"], "2026-01-01T00:00:00Z");
}

#[test]
fn test_event_pattern_needs_an_event_with_the_required_fields() {
    let mut w = World::new(Settings::default());
    let event = json!({"id": "1", "account": "123456789012", "source": "shop", "time": "2026-01-01T00:00:00Z", "region": "us-east-1", "detail-type": "d", "resources": [], "detail": {"n": 1}});
    let yes = w
        .call(
            "events:TestEventPattern",
            json!({"EventPattern": "{\"source\":[\"shop\"]}", "Event": event.to_string()}),
        )
        .unwrap();
    assert_eq!(yes, json!({"Result": true}));
    let no = w
        .call(
            "events:TestEventPattern",
            json!({"EventPattern": "{\"source\":[\"x\"]}", "Event": event.to_string()}),
        )
        .unwrap();
    assert_eq!(no, json!({"Result": false}));
    let e = w
        .call(
            "events:TestEventPattern",
            json!({"EventPattern": "{\"source\":[\"shop\"]}", "Event": "\"text\""}),
        )
        .unwrap_err();
    assert_eq!(e.message, "Parameter Event is not valid.");
    let e = w
        .call(
            "events:TestEventPattern",
            json!({"EventPattern": "[1]", "Event": event.to_string()}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidEventPatternException");
    assert!(
        e.message
            .starts_with("Event pattern is not valid. Reason: Filter is not an object"),
        "{}",
        e.message
    );
}

#[test]
fn put_events_is_billed_per_64_kb_chunk_of_each_accepted_entry() {
    let mut w = World::new(Settings::default());
    w.call(
        "events:PutEvents",
        json!({"Entries": [{"Source": "s", "DetailType": "d", "Detail": "{}"}, {"Source": "s", "DetailType": "d", "Detail": "[]"}]}),
    )
    .unwrap();
    let usage: Vec<_> = w
        .services::<super::Events>()
        .map(|e| e.usage.clone())
        .collect();
    assert_eq!(usage[0].custom_events, 1);
}
