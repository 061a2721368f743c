//! When schedules fire, in virtual time: a one-time schedule once at its
//! wall-clock time (then deleted with ActionAfterCompletion DELETE), a rate at
//! once and then every period until its EndDate, a cron on its zone's clock,
//! a flexible window at a seeded time within the window, a disabled schedule
//! never.

use super::schedules_tests::schedule;
use crate::kernel::TraceKind;
use crate::services::scheduler::{Scheduler, SchedulerEvent};
use crate::sim::time::format_iso;
use crate::sim::{HOUR, MINUTE};
use crate::{Settings, World};
use serde_json::{json, Value};

fn world(seed: u64) -> (World, String) {
    let mut w = World::new(Settings {
        seed,
        ..Settings::default()
    });
    let url = w
        .call("sqs:CreateQueue", json!({"QueueName": "jobs"}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    (w, url)
}

/// (nominal time, time it fired) of each firing.
fn firings(w: &World) -> Vec<(String, String)> {
    w.trace()
        .all()
        .iter()
        .filter_map(|e| match &e.kind {
            TraceKind::Scheduler(SchedulerEvent::ScheduleFired { scheduled, .. }) => {
                Some((format_iso(*scheduled), format_iso(e.at)))
            }
            _ => None,
        })
        .collect()
}

fn messages(w: &mut World, url: &str) -> Vec<Value> {
    let mut all = Vec::new();
    loop {
        let got = w
            .call(
                "sqs:ReceiveMessage",
                json!({"QueueUrl": url, "MaxNumberOfMessages": 10, "VisibilityTimeout": 3600}),
            )
            .unwrap();
        match got.get("Messages").and_then(Value::as_array) {
            Some(m) if !m.is_empty() => all.extend(m.iter().cloned()),
            _ => return all,
        }
    }
}

#[test]
fn a_one_time_schedule_fires_once_at_its_time_in_its_zone_and_deletes_itself() {
    let (mut w, url) = world(1);
    let mut input = schedule("reminder", "at(2026-01-01T09:30:00)");
    input["ScheduleExpressionTimezone"] = json!("Asia/Tokyo");
    input["ActionAfterCompletion"] = json!("DELETE");
    w.call("scheduler:CreateSchedule", input).unwrap();
    w.advance(2 * HOUR);
    assert_eq!(
        firings(&w),
        [(
            "2026-01-01T00:30:00.000Z".to_string(),
            "2026-01-01T00:30:00.000Z".to_string()
        )]
    );
    assert_eq!(messages(&mut w, &url).len(), 1);
    let e = w
        .call("scheduler:GetSchedule", json!({"Name": "reminder"}))
        .unwrap_err();
    assert_eq!(e.code, "ResourceNotFoundException");
}

#[test]
fn a_one_time_schedule_with_none_stays_after_it_fired() {
    let (mut w, _) = world(1);
    w.call(
        "scheduler:CreateSchedule",
        schedule("reminder", "at(2026-01-01T00:10:00)"),
    )
    .unwrap();
    w.advance(HOUR);
    assert_eq!(firings(&w).len(), 1);
    let got = w
        .call("scheduler:GetSchedule", json!({"Name": "reminder"}))
        .unwrap();
    assert_eq!(got["ActionAfterCompletion"], "NONE");
    assert!(w.trace().all().iter().any(|e| matches!(
        e.kind,
        TraceKind::Scheduler(SchedulerEvent::ScheduleCompleted { .. })
    )));
}

#[test]
fn a_rate_fires_at_once_then_every_period_until_its_end_date() {
    let (mut w, url) = world(1);
    let mut input = schedule("poll", "rate(10 minutes)");
    input["EndDate"] = json!("2026-01-01T00:35:00Z");
    w.call("scheduler:CreateSchedule", input).unwrap();
    w.advance(2 * HOUR);
    let times: Vec<String> = firings(&w).into_iter().map(|(at, _)| at).collect();
    assert_eq!(
        times,
        [
            "2026-01-01T00:00:00.000Z",
            "2026-01-01T00:10:00.000Z",
            "2026-01-01T00:20:00.000Z",
            "2026-01-01T00:30:00.000Z"
        ]
    );
    assert_eq!(messages(&mut w, &url).len(), 4);
    // Each firing is one invocation billed to the account.
    let scheduler = w.services::<Scheduler>().next().unwrap();
    assert_eq!(scheduler.usage.total_invocations(), 4);
    assert_eq!(scheduler.usage.cost_usd(), 0.0);
}

#[test]
fn a_cron_fires_on_the_wall_clock_of_its_zone() {
    let (mut w, _) = world(1);
    let mut input = schedule("morning", "cron(0 9 * * ? *)");
    input["ScheduleExpressionTimezone"] = json!("Asia/Kolkata");
    w.call("scheduler:CreateSchedule", input).unwrap();
    w.advance(48 * HOUR);
    let times: Vec<String> = firings(&w).into_iter().map(|(at, _)| at).collect();
    assert_eq!(
        times,
        ["2026-01-01T03:30:00.000Z", "2026-01-02T03:30:00.000Z"]
    );
}

#[test]
fn a_flexible_window_fires_within_the_window_at_a_seeded_time() {
    let run = |seed: u64| {
        let (mut w, _) = world(seed);
        let mut input = schedule("hourly", "cron(0 * * * ? *)");
        input["FlexibleTimeWindow"] = json!({"Mode": "FLEXIBLE", "MaximumWindowInMinutes": 15});
        w.call("scheduler:CreateSchedule", input).unwrap();
        w.advance(5 * HOUR);
        firings(&w)
    };
    let a = run(7);
    assert_eq!(a.len(), 5, "{a:?}");
    for (nominal, fired) in &a {
        let (n, f) = (
            crate::sim::time::parse_iso(nominal).unwrap(),
            crate::sim::time::parse_iso(fired).unwrap(),
        );
        assert!(f >= n && f < n + 15 * MINUTE, "{nominal} {fired}");
    }
    // The same seed picks the same times; the window spreads them.
    assert_eq!(run(7), a);
    assert!(a.iter().any(|(n, f)| n != f));
}

#[test]
fn a_disabled_schedule_does_not_fire_until_it_is_enabled() {
    let (mut w, _) = world(1);
    let mut input = schedule("poll", "rate(5 minutes)");
    input["State"] = json!("DISABLED");
    w.call("scheduler:CreateSchedule", input.clone()).unwrap();
    w.advance(HOUR);
    assert!(firings(&w).is_empty());
    input["State"] = json!("ENABLED");
    w.call("scheduler:UpdateSchedule", input).unwrap();
    w.advance(11 * MINUTE);
    let times: Vec<String> = firings(&w).into_iter().map(|(at, _)| at).collect();
    assert_eq!(
        times,
        [
            "2026-01-01T01:00:00.000Z",
            "2026-01-01T01:05:00.000Z",
            "2026-01-01T01:10:00.000Z"
        ]
    );
}

#[test]
fn a_deleted_schedule_stops_firing() {
    let (mut w, _) = world(1);
    w.call(
        "scheduler:CreateSchedule",
        schedule("poll", "rate(5 minutes)"),
    )
    .unwrap();
    w.advance(6 * MINUTE);
    w.call("scheduler:DeleteSchedule", json!({"Name": "poll"}))
        .unwrap();
    w.advance(HOUR);
    assert_eq!(firings(&w).len(), 2);
}

#[test]
fn next_event_foresees_the_next_firing() {
    let (mut w, _) = world(1);
    w.call(
        "scheduler:CreateSchedule",
        schedule("reminder", "at(2026-01-01T09:00:00)"),
    )
    .unwrap();
    let (due, foreseen) = w.foresee_next().unwrap();
    assert_eq!(format_iso(due), "2026-01-01T09:00:00.000Z");
    assert_eq!(foreseen.event, "ScheduleFired");
    assert_eq!(
        foreseen.text,
        "schedule default/reminder fires for 2026-01-01T09:00:00.000Z: it invokes arn:aws:sqs:us-east-1:123456789012:jobs"
    );
}

#[test]
fn a_schedule_lists_its_next_firings_in_its_zone() {
    let (mut w, _) = world(1);
    let mut input = schedule("weekday", "cron(0 9 ? * MON-FRI *)");
    input["ScheduleExpressionTimezone"] = json!("Europe/London");
    w.call("scheduler:CreateSchedule", input).unwrap();
    let scheduler = w.services::<Scheduler>().next().unwrap();
    let s = scheduler.schedule("default", "weekday").unwrap();
    let next: Vec<String> = s.upcoming(w.now(), 3).into_iter().map(format_iso).collect();
    // 1 January 2026 is a Thursday.
    assert_eq!(
        next,
        [
            "2026-01-01T09:00:00.000Z",
            "2026-01-02T09:00:00.000Z",
            "2026-01-05T09:00:00.000Z"
        ]
    );
    assert_eq!(
        s.next,
        Some(crate::sim::time::parse_iso("2026-01-01T09:00:00Z").unwrap())
    );
}
