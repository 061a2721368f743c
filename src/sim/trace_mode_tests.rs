//! How much of the trace a run keeps: the same run under every mode records
//! the same events; `Last` keeps only the newest, `Counts` only how many.

use crate::sim::TraceMode;
use crate::{Settings, World};
use serde_json::json;

fn run(mode: TraceMode) -> World {
    let mut w = World::new(Settings {
        trace: mode,
        ..Settings::default()
    });
    let url = w
        .call("sqs:CreateQueue", json!({"QueueName": "q"}))
        .unwrap()["QueueUrl"]
        .clone();
    for i in 0..20 {
        w.call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": format!("m{i}")}),
        )
        .unwrap();
        w.call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "VisibilityTimeout": 1}),
        )
        .unwrap();
    }
    w.advance(2_000);
    w
}

#[test]
fn every_mode_counts_the_same_events_and_keeps_what_it_says() {
    let full = run(TraceMode::Full);
    let last = run(TraceMode::Last(5));
    let counts = run(TraceMode::Counts);
    assert_eq!(
        full.trace().len(),
        61,
        "a queue, 20 sends, 20 receives, 20 expiries"
    );
    for w in [&last, &counts] {
        assert_eq!(w.trace().len(), full.trace().len());
        assert_eq!(w.trace().counts(), full.trace().counts());
    }
    assert_eq!(full.trace().counts()["VisibilityTimeoutExpired"], 20);
    // The last mode keeps the newest events (between N and 2N of them), the same as the full trace's.
    let kept = last.trace().all();
    assert!((5..10).contains(&kept.len()), "{}", kept.len());
    assert_eq!(kept, &full.trace().all()[61 - kept.len()..]);
    assert_eq!(last.trace().since(58), &full.trace().all()[58..]);
    assert!(counts.trace().all().is_empty());
    // The answers do not depend on the mode.
    assert_eq!(full.now(), counts.now());
    assert_eq!(full.sqs().usage(), counts.sqs().usage());
}
