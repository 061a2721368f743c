//! Properties of a standard or FIFO queue under any sequence of sends,
//! receives, deletes, visibility changes and time moves (with duplicates and
//! reordering switched on too for standard queues): no message is lost, a
//! deleted message is never delivered again, no message is delivered while it
//! is invisible, and a FIFO queue keeps the order of each message group.
#![cfg(not(target_arch = "wasm32"))]

use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::{HashMap, HashSet};
use stratus::kernel::TraceKind;
use stratus::services::sqs::SqsBehaviour;
use stratus::services::sqs::SqsEvent;
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

/// The queue the properties run against: a standard one, or a FIFO one whose
/// sends spread over three message groups.
const STANDARD: &str = "q";
const FIFO: &str = "q.fifo";

fn run(ops: &[Op], behaviour: SqsBehaviour, queue: &str) -> (World, HashSet<String>) {
    let mut w = World::new(Settings {
        sqs: behaviour,
        ..Settings::default()
    });
    let fifo = queue == FIFO;
    let mut attrs = json!({"VisibilityTimeout": "20", "MessageRetentionPeriod": "300"});
    if fifo {
        attrs["FifoQueue"] = json!("true");
    }
    let url = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": queue, "Attributes": attrs}),
        )
        .unwrap()["QueueUrl"]
        .clone();
    // FIFO: each message's group and place in it, by message id.
    let mut place: HashMap<String, (u8, usize)> = HashMap::new();
    let mut sent = HashSet::new();
    let mut handles: Vec<Value> = Vec::new();
    for (i, op) in ops.iter().enumerate() {
        match *op {
            Op::Send { delay } if fifo => {
                // `delay` picks the group: FIFO queues refuse a per-message delay.
                let r = w.call("sqs:SendMessage", json!({"QueueUrl": url, "MessageBody": format!("m{i}"), "MessageGroupId": format!("g{delay}"), "MessageDeduplicationId": format!("m{i}")})).unwrap();
                let id = r["MessageId"].as_str().unwrap().to_string();
                place.insert(id.clone(), (delay, i));
                sent.insert(id);
            }
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
                let received: Vec<&Value> = r
                    .get("Messages")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .collect();
                if fifo {
                    check_group_order(&w, &place, &received);
                }
                for m in received {
                    handles.push(m["ReceiptHandle"].clone());
                }
            }
            Op::Delete { pick } if !handles.is_empty() => {
                let h = handles[pick % handles.len()].clone();
                let r = w.call(
                    "sqs:DeleteMessage",
                    json!({"QueueUrl": url, "ReceiptHandle": h}),
                );
                // Only a FIFO queue refuses a handle, once its visibility timeout has ended.
                if let Err(e) = r {
                    assert!(
                        fifo && e.message.ends_with("The receipt handle has expired."),
                        "{e:?}"
                    );
                }
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

/// A FIFO receive delivers a message only when every earlier message of its group has
/// left the queue (deleted or expired) or comes before it in this same answer.
fn check_group_order(w: &World, place: &HashMap<String, (u8, usize)>, received: &[&Value]) {
    let queue = w.sqs().queue(FIFO).unwrap();
    for (n, m) in received.iter().enumerate() {
        let (group, at) = place[m["MessageId"].as_str().unwrap()];
        let earlier_in_answer: HashSet<&str> = received[..n]
            .iter()
            .map(|e| e["MessageId"].as_str().unwrap())
            .collect();
        for other in queue.messages.values() {
            let (g, other_at) = place[&*other.message_id];
            assert!(
                g != group || other_at >= at || earlier_in_answer.contains(&*other.message_id),
                "group g{group}: m{at} delivered while the earlier m{other_at} is still queued"
            );
        }
    }
}

fn check(w: &World, sent: &HashSet<String>, queue: &str) {
    let mut deleted = HashSet::new();
    let mut expired = HashSet::new();
    let mut invisible_until: HashMap<String, u64> = HashMap::new();
    for e in w.trace().all() {
        match &e.kind {
            TraceKind::Sqs(SqsEvent::MessageReceived {
                message_id,
                visible_at,
                ..
            }) => {
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
            TraceKind::Sqs(SqsEvent::VisibilityChanged {
                message_id,
                visible_at,
                ..
            }) => {
                invisible_until.insert(message_id.to_string(), *visible_at);
            }
            TraceKind::Sqs(SqsEvent::MessageDeleted { message_id, .. }) => {
                assert!(deleted.insert(message_id.to_string()), "deleted twice");
            }
            TraceKind::Sqs(SqsEvent::MessageExpired { message_id, .. }) => {
                expired.insert(message_id.to_string());
            }
            _ => {}
        }
    }
    let present: HashSet<String> = w
        .sqs()
        .queue(queue)
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
        let (w, sent) = run(&ops, SqsBehaviour::default(), STANDARD);
        check(&w, &sent, STANDARD);
    }

    #[test]
    fn the_same_holds_with_duplicates_reordering_and_short_poll_sampling(ops in proptest::collection::vec(op(), 1..80)) {
        let behaviour = SqsBehaviour { short_poll_sampling: true, duplicate_rate: 0.3, reorder_rate: 0.3 };
        let (w, sent) = run(&ops, behaviour, STANDARD);
        check(&w, &sent, STANDARD);
    }

    #[test]
    fn a_fifo_queue_loses_nothing_and_keeps_each_group_in_order(ops in proptest::collection::vec(op(), 1..80)) {
        let (w, sent) = run(&ops, SqsBehaviour::default(), FIFO);
        check(&w, &sent, FIFO);
    }
}
