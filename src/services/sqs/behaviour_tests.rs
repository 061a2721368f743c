//! The randomised "may" of standard queues, when a scenario turns it on:
//! short polls that sample servers, deletes that miss a copy, best-effort order.

use super::SqsBehaviour;
use crate::sim::SECOND;
use crate::{Settings, World};
use serde_json::{json, Value};

fn world(behaviour: SqsBehaviour) -> (World, String) {
    let mut w = World::new(Settings {
        sqs: behaviour,
        ..Settings::default()
    });
    let url = w
        .call("sqs:CreateQueue", json!({"QueueName": "q"}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    (w, url)
}

fn bodies(r: &Value) -> Vec<String> {
    r.get("Messages")
        .and_then(Value::as_array)
        .map_or(vec![], |m| {
            m.iter()
                .map(|m| m["Body"].as_str().unwrap().to_string())
                .collect()
        })
}

fn events(w: &World, name: &str) -> usize {
    w.trace()
        .all()
        .iter()
        .filter(|e| e.kind.name() == name)
        .count()
}

#[test]
fn with_short_poll_sampling_a_short_poll_can_answer_empty_while_messages_exist() {
    let (mut w, url) = world(SqsBehaviour {
        short_poll_sampling: true,
        ..Default::default()
    });
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": "only one"}),
    )
    .unwrap();
    let answers: Vec<usize> = (0..40)
        .map(|_| {
            bodies(
                &w.call(
                    "sqs:ReceiveMessage",
                    json!({"QueueUrl": url, "VisibilityTimeout": 0}),
                )
                .unwrap(),
            )
            .len()
        })
        .collect();
    assert!(answers.contains(&0), "some short polls miss the message");
    assert!(answers.contains(&1), "some short polls find it");
    assert_eq!(
        events(&w, "FalseEmptyReceive"),
        answers.iter().filter(|&&n| n == 0).count()
    );
}

#[test]
fn a_long_poll_queries_every_server_even_with_sampling() {
    let (mut w, url) = world(SqsBehaviour {
        short_poll_sampling: true,
        ..Default::default()
    });
    for i in 0..10 {
        w.call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": format!("m{i}")}),
        )
        .unwrap();
    }
    let r = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": 10, "WaitTimeSeconds": 1}),
        )
        .unwrap();
    assert_eq!(bodies(&r).len(), 10);
    assert_eq!(events(&w, "FalseEmptyReceive"), 0);
}

#[test]
fn with_a_duplicate_rate_a_deleted_message_can_be_delivered_again() {
    let (mut w, url) = world(SqsBehaviour {
        duplicate_rate: 1.0,
        ..Default::default()
    });
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": "twice"}),
    )
    .unwrap();
    let r = w
        .call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
        .unwrap();
    let handle = r["Messages"][0]["ReceiptHandle"].clone();
    w.call(
        "sqs:DeleteMessage",
        json!({"QueueUrl": url, "ReceiptHandle": handle}),
    )
    .unwrap();
    assert_eq!(events(&w, "DeleteMissedACopy"), 1);
    w.advance(30 * SECOND);
    let again = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MessageSystemAttributeNames": ["ApproximateReceiveCount"]}),
        )
        .unwrap();
    assert_eq!(bodies(&again), ["twice"]);
    assert_eq!(
        again["Messages"][0]["Attributes"]["ApproximateReceiveCount"],
        "2"
    );
}

#[test]
fn with_a_reorder_rate_receives_are_not_always_oldest_first_but_none_is_lost() {
    let (mut w, url) = world(SqsBehaviour {
        reorder_rate: 0.5,
        ..Default::default()
    });
    let sent: Vec<String> = (0..20).map(|i| format!("m{i:02}")).collect();
    for body in &sent {
        w.call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": body}),
        )
        .unwrap();
    }
    let mut received = Vec::new();
    for _ in 0..20 {
        received.extend(bodies(
            &w.call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
                .unwrap(),
        ));
    }
    assert_ne!(received, sent);
    received.sort();
    assert_eq!(received, sent);
}

#[test]
fn the_same_seed_gives_the_same_samples_and_duplicates() {
    let run = || {
        let (mut w, url) = world(SqsBehaviour {
            short_poll_sampling: true,
            duplicate_rate: 0.3,
            reorder_rate: 0.3,
        });
        for i in 0..10 {
            w.call(
                "sqs:SendMessage",
                json!({"QueueUrl": url, "MessageBody": format!("m{i}")}),
            )
            .unwrap();
        }
        for _ in 0..10 {
            let r = w
                .call(
                    "sqs:ReceiveMessage",
                    json!({"QueueUrl": url, "MaxNumberOfMessages": 3}),
                )
                .unwrap();
            for m in r
                .get("Messages")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
            {
                w.call(
                    "sqs:DeleteMessage",
                    json!({"QueueUrl": url, "ReceiptHandle": m["ReceiptHandle"]}),
                )
                .unwrap();
            }
            w.advance(31 * SECOND);
        }
        w.trace()
            .all()
            .iter()
            .map(|e| e.to_json_line())
            .collect::<Vec<_>>()
    };
    assert_eq!(run(), run());
}

#[test]
fn settings_sqs_is_validated_by_name() {
    use crate::scenario::Scenario;
    let bad = r#"{"name": "t", "settings": {"sqs": {"duplicateRate": 2}}, "steps": []}"#;
    let e = Scenario::from_json_str(bad).unwrap_err();
    assert_eq!(e.path, "settings.sqs.duplicateRate");
    let good = r#"{"name": "t", "settings": {"sqs": {"shortPollSampling": true, "reorderRate": 0.1}}, "steps": []}"#;
    let s = Scenario::from_json_str(good).unwrap();
    assert!(s.settings.world_settings().sqs.short_poll_sampling);
    assert_eq!(Scenario::from_value(&s.to_value()).unwrap(), s);
}
