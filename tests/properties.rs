//! Properties of a standard queue under any sequence of sends, receives,
//! deletes, visibility changes and time moves (with duplicates and
//! reordering switched on too): no message is lost, a deleted message is
//! never delivered again, and no message is delivered while it is invisible.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use stratus::services::sqs::SqsBehaviour;
use stratus::sim::TraceKind;
use stratus::{Settings, World};

#[derive(Clone, Debug)]
enum Op {
    Send { delay: u8 },
    Receive { max: u8, visibility: Option<u8> },
    Delete { pick: usize },
    ChangeVisibility { pick: usize, seconds: u8 },
    Advance { ms: u32 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0u8..3).prop_map(|delay| Op::Send { delay }),
        (1u8..=10, proptest::option::of(0u8..40))
            .prop_map(|(max, visibility)| Op::Receive { max, visibility }),
        any::<usize>().prop_map(|pick| Op::Delete { pick }),
        (any::<usize>(), 0u8..40)
            .prop_map(|(pick, seconds)| Op::ChangeVisibility { pick, seconds }),
        (0u32..90_000).prop_map(|ms| Op::Advance { ms }),
    ]
}

fn run(ops: &[Op], behaviour: SqsBehaviour) -> (World, HashSet<String>) {
    let mut w = World::new(Settings {
        sqs: behaviour,
        ..Settings::default()
    });
    let attrs = json!({"VisibilityTimeout": "20", "MessageRetentionPeriod": "300"});
    let url = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "q", "Attributes": attrs}),
        )
        .unwrap()["QueueUrl"]
        .clone();
    let mut sent = HashSet::new();
    let mut handles: Vec<Value> = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        match *op {
            Op::Send { delay } => {
                let r = w.call("sqs:SendMessage", json!({"QueueUrl": url, "MessageBody": format!("m{i}"), "DelaySeconds": delay})).unwrap();
                sent.insert(r["MessageId"].as_str().unwrap().to_string());
            }
            Op::Receive { max, visibility } => {
                let mut input = json!({"QueueUrl": url, "MaxNumberOfMessages": max});
                if let Some(v) = visibility {
                    input["VisibilityTimeout"] = json!(v);
                }
                let r = w.call("sqs:ReceiveMessage", input).unwrap();
                for m in r
                    .get("Messages")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    handles.push(m["ReceiptHandle"].clone());
                }
            }
            Op::Delete { pick } if !handles.is_empty() => {
                let h = handles[pick % handles.len()].clone();
                w.call(
                    "sqs:DeleteMessage",
                    json!({"QueueUrl": url, "ReceiptHandle": h}),
                )
                .unwrap();
            }
            Op::ChangeVisibility { pick, seconds } if !handles.is_empty() => {
                let h = handles[pick % handles.len()].clone();
                // A stale handle is refused; that is fine here.
                let _ = w.call(
                    "sqs:ChangeMessageVisibility",
                    json!({"QueueUrl": url, "ReceiptHandle": h, "VisibilityTimeout": seconds}),
                );
            }
            Op::Advance { ms } => {
                w.advance(ms as u64);
            }
            _ => {}
        }
    }
    (w, sent)
}

fn check(w: &World, sent: &HashSet<String>) {
    let mut deleted = HashSet::new();
    let mut expired = HashSet::new();
    let mut invisible_until: HashMap<String, u64> = HashMap::new();
    for e in w.trace().all() {
        match &e.kind {
            TraceKind::MessageReceived {
                message_id,
                visible_at,
                ..
            } => {
                let id = message_id.to_string();
                assert!(
                    !deleted.contains(&id),
                    "a deleted message was delivered: {id}"
                );
                assert!(
                    !expired.contains(&id),
                    "an expired message was delivered: {id}"
                );
                let until = invisible_until.get(&id).copied().unwrap_or(0);
                assert!(
                    e.at >= until,
                    "{id} delivered at {} while invisible until {until}",
                    e.at
                );
                invisible_until.insert(id, *visible_at);
            }
            TraceKind::VisibilityChanged {
                message_id,
                visible_at,
                ..
            } => {
                invisible_until.insert(message_id.to_string(), *visible_at);
            }
            TraceKind::MessageDeleted { message_id, .. } => {
                assert!(deleted.insert(message_id.to_string()), "deleted twice");
            }
            TraceKind::MessageExpired { message_id, .. } => {
                expired.insert(message_id.to_string());
            }
            _ => {}
        }
    }
    let present: HashSet<String> = w
        .sqs()
        .queue("q")
        .unwrap()
        .messages
        .values()
        .map(|m| m.message_id.to_string())
        .collect();
    for id in sent {
        let fates = [
            deleted.contains(id),
            expired.contains(id),
            present.contains(id),
        ];
        assert_eq!(
            fates.iter().filter(|f| **f).count(),
            1,
            "message {id}: deleted/expired/present = {fates:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn no_message_is_lost_none_comes_back_after_delete_and_none_is_delivered_while_invisible(ops in proptest::collection::vec(op(), 1..80)) {
        let (w, sent) = run(&ops, SqsBehaviour::default());
        check(&w, &sent);
    }

    #[test]
    fn the_same_holds_with_duplicates_reordering_and_short_poll_sampling(ops in proptest::collection::vec(op(), 1..80)) {
        let behaviour = SqsBehaviour { short_poll_sampling: true, duplicate_rate: 0.3, reorder_rate: 0.3 };
        let (w, sent) = run(&ops, behaviour);
        check(&w, &sent);
    }
}
