//! Archives and replays, as the EventBridge API reference and AWS's recorded answers state them.

use crate::{Settings, World};
use serde_json::{json, Value};

const ACCOUNT: &str = "123456789012";

fn bus_arn() -> String {
    format!("arn:aws:events:us-east-1:{ACCOUNT}:event-bus/default")
}

fn world_with_archive() -> (World, String, String) {
    let mut w = World::new(Settings::default());
    let url = w
        .call("sqs:CreateQueue", json!({"QueueName": "q"}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    w.call("events:DescribeEventBus", json!({})).unwrap();
    let made = w
        .call(
            "events:CreateArchive",
            json!({"ArchiveName": "all", "EventSourceArn": bus_arn(), "RetentionDays": 1}),
        )
        .unwrap();
    assert_eq!(made["State"], "ENABLED");
    w.call(
        "events:PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\":[\"shop\"]}"}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "r", "Targets": [{"Id": "t", "Arn": format!("arn:aws:sqs:us-east-1:{ACCOUNT}:q")}]}),
    )
    .unwrap();
    (w, url, made["ArchiveArn"].as_str().unwrap().to_string())
}

fn bodies(w: &mut World, url: &str) -> Vec<Value> {
    let got = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": 10}),
        )
        .unwrap();
    let out: Vec<Value> = got
        .get("Messages")
        .and_then(Value::as_array)
        .map(|m| {
            m.iter()
                .map(|m| serde_json::from_str(m["Body"].as_str().unwrap()).unwrap())
                .collect()
        })
        .unwrap_or_default();
    for m in got
        .get("Messages")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        w.call(
            "sqs:DeleteMessage",
            json!({"QueueUrl": url, "ReceiptHandle": m["ReceiptHandle"]}),
        )
        .unwrap();
    }
    out
}

#[test]
fn an_archive_keeps_the_events_put_on_its_bus() {
    let (mut w, _, _) = world_with_archive();
    w.call(
        "events:PutEvents",
        json!({"Entries": [{"Source": "shop", "DetailType": "d", "Detail": "{}"}]}),
    )
    .unwrap();
    let a = w
        .call("events:DescribeArchive", json!({"ArchiveName": "all"}))
        .unwrap();
    assert_eq!(a["EventCount"], 1);
    assert!(a["SizeBytes"].as_u64().unwrap() > 0);
    let e = w
        .call(
            "events:CreateArchive",
            json!({"ArchiveName": "all", "EventSourceArn": bus_arn()}),
        )
        .unwrap_err();
    assert_eq!(e.message, "Archive all already exists.");
    let e = w
        .call("events:DescribeArchive", json!({"ArchiveName": "nope"}))
        .unwrap_err();
    assert_eq!(e.message, "Archive nope does not exist.");
}

#[test]
fn a_replay_puts_archived_events_back_with_their_replay_name() {
    let (mut w, url, archive) = world_with_archive();
    w.advance(1000);
    let start = 0.0;
    w.call(
        "events:PutEvents",
        json!({"Entries": [{"Source": "shop", "DetailType": "d", "Detail": "{\"n\":1}"}]}),
    )
    .unwrap();
    assert_eq!(bodies(&mut w, &url).len(), 1);
    w.advance(60_000);
    let end = (w.now() / 1000) as f64;
    let r = w
        .call(
            "events:StartReplay",
            json!({"ReplayName": "again", "EventSourceArn": archive, "EventStartTime": start, "EventEndTime": end, "Destination": {"Arn": bus_arn()}}),
        )
        .unwrap();
    assert_eq!(r["State"], "STARTING");
    w.advance(2000);
    let got = bodies(&mut w, &url);
    assert_eq!(got.len(), 1);
    let keys: Vec<&str> = got[0]
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
            "replay-name",
            "resources",
            "detail"
        ]
    );
    assert_eq!(got[0]["replay-name"], "again");
    let archived = w
        .services::<super::Events>()
        .next()
        .unwrap()
        .archives()
        .next()
        .unwrap()
        .events[0]
        .1["id"]
        .clone();
    assert_ne!(got[0]["id"], archived, "a replayed event has a new id");
    let d = w
        .call("events:DescribeReplay", json!({"ReplayName": "again"}))
        .unwrap();
    assert_eq!(d["State"], "COMPLETED");
}

#[test]
fn start_replay_checks_its_times_archive_and_destination() {
    let (mut w, _, archive) = world_with_archive();
    w.advance(60_000);
    let call = |w: &mut World, source: &str, start: f64, end: f64, dest: String| {
        w.call(
            "events:StartReplay",
            json!({"ReplayName": "x", "EventSourceArn": source, "EventStartTime": start, "EventEndTime": end, "Destination": {"Arn": dest}}),
        )
        .unwrap_err()
        .message
    };
    assert_eq!(
        call(&mut w, &archive, 10.0, 10.0, bus_arn()),
        "Parameter EventEndTime is not valid. Reason: EventStartTime must be before EventEndTime."
    );
    let missing = format!("arn:aws:events:us-east-1:{ACCOUNT}:archive/nope");
    assert_eq!(
        call(&mut w, &missing, 1.0, 10.0, bus_arn()),
        "Parameter EventSourceArn is not valid. Reason: Archive nope does not exist."
    );
    w.call("events:CreateEventBus", json!({"Name": "other"}))
        .unwrap();
    assert_eq!(
        call(
            &mut w,
            &archive,
            1.0,
            10.0,
            format!("arn:aws:events:us-east-1:{ACCOUNT}:event-bus/other")
        ),
        "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted."
    );
}
