//! The consumer fleet's rules, driven through the world as a scenario would.

use super::events::FleetEvent;
use crate::kernel::TraceKind;
use crate::sim::SECOND;
use crate::{Settings, World};
use serde_json::{json, Value};

/// A world with a queue "orders" (these attributes) and its URL.
fn world_with_queue(attributes: Value) -> (World, String) {
    let mut w = World::new(Settings::default());
    let r = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "orders", "Attributes": attributes}),
        )
        .unwrap();
    (w, r["QueueUrl"].as_str().unwrap().to_string())
}

/// Creates `dlq` and an "orders" queue (this visibility timeout) that moves a message there after
/// `max_receive` receives; returns the orders queue's URL.
fn orders_with_dlq(w: &mut World, dlq: &str, visibility: u32, max_receive: u32) -> String {
    let dlq_url = w
        .call("sqs:CreateQueue", json!({"QueueName": dlq}))
        .unwrap()["QueueUrl"]
        .clone();
    let arn = w
        .call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": dlq_url, "AttributeNames": ["QueueArn"]}),
        )
        .unwrap()["Attributes"]["QueueArn"]
        .clone();
    let policy =
        json!({"deadLetterTargetArn": arn, "maxReceiveCount": max_receive.to_string()}).to_string();
    let attributes = json!({"VisibilityTimeout": visibility.to_string(), "RedrivePolicy": policy});
    w.call(
        "sqs:CreateQueue",
        json!({"QueueName": "orders", "Attributes": attributes}),
    )
    .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string()
}

fn send(w: &mut World, url: &str, n: usize) {
    for i in 0..n {
        w.call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": format!("m{i}")}),
        )
        .unwrap();
    }
}

fn fleet(w: &mut World, url: &str, extra: Value) -> Value {
    let mut input = json!({"FleetName": "workers", "QueueUrl": url});
    for (k, v) in extra.as_object().unwrap() {
        input[k] = v.clone();
    }
    w.call("fleet:CreateConsumerFleet", input).unwrap()
}

fn count(w: &World, name: &str) -> usize {
    w.trace()
        .all()
        .iter()
        .filter(|e| e.kind.name() == name)
        .count()
}

fn visible_and_in_flight(w: &World) -> (usize, usize) {
    let q = w.sqs().queue("orders").unwrap();
    (
        q.approximate_number_of_messages(),
        q.approximate_number_of_messages_not_visible(),
    )
}

#[test]
fn a_fleet_processes_and_deletes_every_message() {
    let (mut w, url) = world_with_queue(json!({}));
    send(&mut w, &url, 5);
    fleet(
        &mut w,
        &url,
        json!({"Pollers": 2, "ProcessingTimeSeconds": 2}),
    );
    w.advance(60 * SECOND);
    assert_eq!(count(&w, "MessageProcessed"), 5);
    assert_eq!(count(&w, "MessageDeleted"), 5);
    assert_eq!(w.sqs().queue("orders").unwrap().messages.len(), 0);
    let f = w.fleets().fleet("workers").unwrap();
    assert_eq!((f.processed, f.failed), (5, 0));
}

#[test]
fn a_long_polling_poller_answers_as_soon_as_a_message_arrives() {
    let (mut w, url) = world_with_queue(json!({}));
    let before = w.sqs().usage().requests; // CreateQueue
    fleet(
        &mut w,
        &url,
        json!({"WaitTimeSeconds": 20, "ProcessingTimeSeconds": 1}),
    );
    w.advance(5 * SECOND);
    // Nothing yet: the poller's one long poll is still waiting, unbilled.
    assert_eq!(w.suspended_calls().len(), 1);
    assert_eq!(w.sqs().usage().requests, before);
    send(&mut w, &url, 1);
    let sent_at = w.now();
    let received = w
        .trace()
        .all()
        .iter()
        .find(|e| e.kind.name() == "MessageReceived")
        .unwrap();
    assert_eq!(received.at, sent_at);
    // The long poll that waited 5 s is billed once, beside the send.
    assert_eq!(
        (
            w.sqs().usage().requests - before,
            w.sqs().usage().empty_receives
        ),
        (2, 0)
    );
    w.advance(SECOND);
    assert_eq!(count(&w, "MessageDeleted"), 1);
}

#[test]
fn two_long_polls_wait_concurrently() {
    let (mut w, url) = world_with_queue(json!({}));
    let before = w.sqs().usage().requests;
    fleet(&mut w, &url, json!({"Pollers": 2, "WaitTimeSeconds": 20}));
    assert_eq!(w.suspended_calls().len(), 2);
    let start = w.now();
    assert!(w
        .suspended_calls()
        .iter()
        .all(|c| c.deadline == start + 20 * SECOND));
    w.advance(20 * SECOND);
    // Both ended empty at the same deadline; each is billed once, and both poll again.
    assert_eq!(count(&w, "EmptyReceive"), 2);
    assert_eq!(
        (
            w.sqs().usage().requests - before,
            w.sqs().usage().empty_receives
        ),
        (2, 2)
    );
    assert_eq!(w.suspended_calls().len(), 2);
    send(&mut w, &url, 2);
    // Each waiting poll takes one of the two messages, in arrival order.
    assert_eq!(count(&w, "MessageReceived"), 2);
    assert!(w.suspended_calls().is_empty());
}

#[test]
fn a_short_polling_fleet_polls_again_after_its_interval_and_pays_for_its_empty_receives() {
    let (mut w, url) = world_with_queue(json!({}));
    fleet(
        &mut w,
        &url,
        json!({"WaitTimeSeconds": 0, "ShortPollIntervalSeconds": 1}),
    );
    w.advance(10 * SECOND);
    // At 0 s, 1 s, ... 10 s: eleven empty receives, all billed.
    assert_eq!(count(&w, "EmptyReceive"), 11);
    assert_eq!(w.sqs().usage().empty_receives, 11);
}

#[test]
fn a_failed_message_is_not_deleted_and_returns_after_the_visibility_timeout() {
    let (mut w, url) = world_with_queue(json!({"VisibilityTimeout": "10"}));
    send(&mut w, &url, 1);
    fleet(
        &mut w,
        &url,
        json!({"FailureRate": 1.0, "ProcessingTimeSeconds": 1}),
    );
    w.advance(2 * SECOND);
    assert_eq!(count(&w, "MessageProcessingFailed"), 1);
    assert_eq!(count(&w, "MessageDeleted"), 0);
    assert_eq!(visible_and_in_flight(&w), (0, 1));
    w.advance(9 * SECOND);
    // The visibility timeout ended at 10 s and the waiting poller took it again.
    assert_eq!(count(&w, "VisibilityTimeoutExpired"), 1);
    assert_eq!(count(&w, "MessageReceived"), 2);
}

#[test]
fn a_message_that_always_fails_lands_in_the_dead_letter_queue() {
    let mut w = World::new(Settings::default());
    let url = orders_with_dlq(&mut w, "orders-dlq", 5, 3);
    send(&mut w, &url, 1);
    fleet(
        &mut w,
        &url,
        json!({"FailureRate": 1.0, "ProcessingTimeSeconds": 1}),
    );
    let out = w.run_until_idle();
    assert!(out.idle);
    assert_eq!(count(&w, "MessageProcessingFailed"), 3);
    assert_eq!(count(&w, "MovedToDeadLetterQueue"), 1);
    assert_eq!(
        w.sqs()
            .queue("orders-dlq")
            .unwrap()
            .approximate_number_of_messages(),
        1
    );
}

#[test]
fn the_fleet_scales_out_when_backlog_per_instance_exceeds_the_target() {
    let (mut w, url) = world_with_queue(json!({"VisibilityTimeout": "60"}));
    send(&mut w, &url, 50);
    fleet(
        &mut w,
        &url,
        json!({"MaxNumberOfMessages": 1, "ProcessingTimeSeconds": 5, "Scaling": {
            "MinSize": 1, "MaxSize": 4, "TargetBacklogPerInstance": 10,
            "EvaluationPeriodSeconds": 60, "InstanceWarmupSeconds": 30}}),
    );
    assert_eq!(w.fleets().fleet("workers").unwrap().running(), 1);
    w.advance(60 * SECOND);
    // 60 s: ~38 visible / 1 in service is above 10 per poller: ceil(38 / 10) = 4, capped at MaxSize 4.
    let f = w.fleets().fleet("workers").unwrap();
    assert_eq!((f.desired, f.running(), f.in_service()), (4, 4, 1));
    let scaled = w
        .trace()
        .all()
        .iter()
        .find_map(|e| match &e.kind {
            TraceKind::Fleet(FleetEvent::ConsumerFleetScaled { from, to, .. }) => {
                Some((*from, *to))
            }
            _ => None,
        })
        .unwrap();
    assert_eq!(scaled, (1, 4));
    // The new pollers warm up for 30 s before they poll.
    w.advance(30 * SECOND);
    assert_eq!(w.fleets().fleet("workers").unwrap().in_service(), 4);
    w.run_until_idle();
    assert_eq!(count(&w, "MessageProcessed"), 50);
}

#[test]
fn the_fleet_scales_in_after_the_cooldown_when_the_queue_is_drained() {
    let (mut w, url) = world_with_queue(json!({}));
    send(&mut w, &url, 30);
    fleet(
        &mut w,
        &url,
        json!({"ProcessingTimeSeconds": 1, "Scaling": {
            "MinSize": 1, "MaxSize": 5, "TargetBacklogPerInstance": 5,
            "EvaluationPeriodSeconds": 10, "InstanceWarmupSeconds": 0, "ScaleInCooldownSeconds": 60}}),
    );
    w.advance(10 * SECOND);
    assert_eq!(w.fleets().fleet("workers").unwrap().desired, 4);
    w.advance(10 * 60 * SECOND);
    let f = w.fleets().fleet("workers").unwrap();
    assert_eq!((f.desired, f.running()), (1, 1));
    assert!(count(&w, "PollerStopped") >= 3);
    // The stopped pollers' waiting calls are gone with them.
    assert_eq!(w.suspended_calls().len(), 1);
}

#[test]
fn the_same_scenario_gives_the_same_trace() {
    let run = || {
        let (mut w, url) = world_with_queue(json!({"VisibilityTimeout": "20"}));
        send(&mut w, &url, 40);
        fleet(
            &mut w,
            &url,
            json!({"ProcessingTimeSeconds": {"Min": 0.5, "Max": 4}, "FailureRate": 0.3,
                   "Scaling": {"MinSize": 1, "MaxSize": 6, "TargetBacklogPerInstance": 5, "EvaluationPeriodSeconds": 20}}),
        );
        w.advance(600 * SECOND);
        w.trace()
            .all()
            .iter()
            .map(|e| e.to_json_line())
            .collect::<Vec<_>>()
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b);
    assert!(a.iter().any(|l| l.contains("MessageProcessingFailed")));
}

#[test]
fn invalid_fleet_settings_are_refused_naming_the_field_and_change_nothing() {
    let (mut w, url) = world_with_queue(json!({}));
    let cases = [
        (json!({"Pollers": 101}), "Pollers"),
        (json!({"WaitTimeSeconds": 21}), "WaitTimeSeconds"),
        (json!({"MaxNumberOfMessages": 0}), "MaxNumberOfMessages"),
        (json!({"FailureRate": 1.5}), "FailureRate"),
        (
            json!({"ProcessingTimeSeconds": -1}),
            "ProcessingTimeSeconds",
        ),
        (
            json!({"ProcessingTimeSeconds": {"Min": 3, "Max": 1}}),
            "ProcessingTimeSeconds.Max",
        ),
        (
            json!({"Scaling": {"MinSize": 3, "MaxSize": 2, "TargetBacklogPerInstance": 1}}),
            "Scaling.MaxSize",
        ),
        (
            json!({"Pollers": 9, "Scaling": {"MinSize": 1, "MaxSize": 2, "TargetBacklogPerInstance": 1}}),
            "Pollers",
        ),
        (
            json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/nope"}),
            "QueueUrl",
        ),
    ];
    for (extra, field) in cases {
        let mut input = json!({"FleetName": "workers", "QueueUrl": url});
        for (k, v) in extra.as_object().unwrap() {
            input[k] = v.clone();
        }
        let e = w.call("fleet:CreateConsumerFleet", input).unwrap_err();
        assert_eq!(e.code, "ValidationException", "{field}");
        assert!(
            e.message.contains(&format!("at '{field}'")),
            "{}",
            e.message
        );
    }
    assert_eq!(w.fleets().fleets().count(), 0);
    assert!(w.trace().all().iter().all(|e| e.kind.service() == "sqs"));
    // An update with one bad member changes nothing either.
    fleet(&mut w, &url, json!({"Pollers": 2}));
    let e = w
        .call(
            "fleet:UpdateConsumerFleet",
            json!({"FleetName": "workers", "Pollers": 5, "FailureRate": -0.1}),
        )
        .unwrap_err();
    assert!(e.message.contains("at 'FailureRate'"));
    assert_eq!(w.fleets().fleet("workers").unwrap().running(), 2);
    let e = w
        .call(
            "fleet:CreateConsumerFleet",
            json!({"FleetName": "workers", "QueueUrl": url}),
        )
        .unwrap_err();
    assert_eq!(e.code, "AlreadyExistsException");
    let e = w
        .call("fleet:DeleteConsumerFleet", json!({"FleetName": "nope"}))
        .unwrap_err();
    assert_eq!(e.code, "ResourceNotFoundException");
    let e = w
        .call(
            "fleet:CreateConsumerFleet",
            json!({"FleetName": "x", "QueueUrl": url, "Polers": 1}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ParamValidationError");
}

#[test]
fn updating_and_deleting_a_fleet_starts_and_stops_its_pollers() {
    let (mut w, url) = world_with_queue(json!({}));
    let before = w.sqs().usage().requests;
    fleet(&mut w, &url, json!({"Pollers": 1}));
    w.call(
        "fleet:UpdateConsumerFleet",
        json!({"FleetName": "workers", "Pollers": 3}),
    )
    .unwrap();
    assert_eq!(w.suspended_calls().len(), 3);
    let list = w.call("fleet:ListConsumerFleets", json!({})).unwrap();
    assert_eq!(list["ConsumerFleets"][0]["RunningPollers"], 3);
    assert_eq!(
        list["ConsumerFleets"][0]["PollerStates"][2]["State"],
        "polling"
    );
    w.call("fleet:DeleteConsumerFleet", json!({"FleetName": "workers"}))
        .unwrap();
    assert!(w.suspended_calls().is_empty());
    assert_eq!(count(&w, "PollerStopped"), 3);
    // The three dropped long polls were requests all the same.
    assert_eq!(w.sqs().usage().requests - before, 3);
    w.advance(60 * SECOND);
    assert_eq!(count(&w, "EmptyReceive"), 0);
}

#[test]
fn a_poller_whose_queue_is_deleted_backs_off_and_records_the_error() {
    let (mut w, url) = world_with_queue(json!({}));
    fleet(&mut w, &url, json!({}));
    w.call("sqs:DeleteQueue", json!({"QueueUrl": url})).unwrap();
    let f = w.fleets().fleet("workers").unwrap();
    assert!(f
        .last_error
        .as_deref()
        .unwrap()
        .contains("NonExistentQueue"));
    assert_eq!(f.pollers.values().next().unwrap().state.label(), "idle");
}

#[test]
fn a_poller_slower_than_the_visibility_timeout_never_gets_its_delete_in() {
    let (mut w, url) = world_with_queue(json!({"VisibilityTimeout": "5"}));
    send(&mut w, &url, 1);
    fleet(
        &mut w,
        &url,
        json!({"Pollers": 2, "ProcessingTimeSeconds": 10}),
    );
    w.advance(31 * SECOND);
    // Received at 0, 5, 10, ... s: each time the visibility timeout ends first, another poller
    // takes it, and each delete at the end of 10 s of work carries an outdated receipt handle.
    assert_eq!(count(&w, "MessageReceived"), 7);
    assert_eq!(count(&w, "MessageProcessed"), 5);
    assert_eq!(count(&w, "StaleReceiptHandleIgnored"), 5);
    assert_eq!(count(&w, "MessageDeleted"), 0);
}

#[test]
fn a_scenario_long_poll_and_the_fleet_s_waiting_polls_share_the_queue() {
    let (mut w, url) = world_with_queue(json!({}));
    send(&mut w, &url, 0);
    fleet(&mut w, &url, json!({"Pollers": 1, "WaitTimeSeconds": 20}));
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": "for the fleet", "DelaySeconds": 3}),
    )
    .unwrap();
    // The scenario's own long poll moves time; the fleet's poller, waiting since earlier, gets the message first.
    let r = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "WaitTimeSeconds": 10}),
        )
        .unwrap();
    assert_eq!(r, json!({}));
    assert_eq!(count(&w, "MessageReceived"), 1);
    assert_eq!(w.now(), crate::world::DEFAULT_EPOCH + 10 * SECOND);
}

#[test]
fn no_message_is_lost_whatever_the_seed_every_one_is_deleted_or_in_the_dead_letter_queue() {
    for seed in 1..=8 {
        let mut w = World::new(Settings {
            seed,
            ..Settings::default()
        });
        let url = orders_with_dlq(&mut w, "dlq", 4, 2);
        send(&mut w, &url, 30);
        fleet(
            &mut w,
            &url,
            json!({"Pollers": 2, "WaitTimeSeconds": (seed % 2) * 20, "MaxNumberOfMessages": 3,
                   "ProcessingTimeSeconds": {"Min": 0.5, "Max": 5}, "FailureRate": 0.4,
                   "Scaling": {"MinSize": 1, "MaxSize": 4, "TargetBacklogPerInstance": 5, "EvaluationPeriodSeconds": 10, "InstanceWarmupSeconds": 5, "ScaleInCooldownSeconds": 20}}),
        );
        w.advance(3_600 * SECOND);
        let in_dlq = w.sqs().queue("dlq").unwrap().messages.len();
        let left = w.sqs().queue("orders").unwrap().messages.len();
        assert_eq!(
            count(&w, "MessageDeleted") + in_dlq + left,
            30,
            "seed {seed}"
        );
        assert_eq!(left, 0, "seed {seed}");
        assert_eq!(in_dlq, count(&w, "MovedToDeadLetterQueue"), "seed {seed}");
    }
}

#[test]
fn with_delete_in_batches_a_receive_s_successes_are_deleted_in_one_request() {
    let requests = |batches: bool| {
        let (mut w, url) = world_with_queue(json!({}));
        w.call(
            "sqs:SendMessageBatch",
            json!({"QueueUrl": url, "Entries": (0..10).map(|i| json!({"Id": format!("e{i}"), "MessageBody": "x"})).collect::<Vec<_>>()}),
        )
        .unwrap();
        let before = w.sqs().usage().requests;
        fleet(
            &mut w,
            &url,
            json!({"WaitTimeSeconds": 0, "DeleteInBatches": batches}),
        );
        w.advance(10 * SECOND);
        assert_eq!(count(&w, "MessageDeleted"), 10);
        // Count up to the end of the batch's work (10 s), leaving out later empty polls.
        w.sqs().usage().requests - before - w.sqs().usage().empty_receives
    };
    // One receive and ten deletes, against one receive and one batch.
    assert_eq!((requests(false), requests(true)), (11, 2));
}
