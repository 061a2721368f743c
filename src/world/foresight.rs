//! Foreseeing what comes next without firing anything: the world walks its
//! timers in firing order and asks each one's service what it will change that
//! a person sees (`Service::foresee`), passing over what changes nothing shown
//! (pollers waking to an empty queue, a handler's own timers, waiting calls'
//! deadlines, timers gone stale). "Next event" names and jumps to the first.

use super::registry::PeerView;
use super::World;
use crate::kernel::Foreseen;
use crate::sim::Millis;

/// How many upcoming timers `foresee_next` looks through (many pollers make many timers).
const FORESEE_LIMIT: usize = 10_000;

impl World {
    /// The next timer a service foresees to change what is shown, with when it is due.
    pub fn foresee_next(&self) -> Option<(Millis, Foreseen)> {
        let peers = PeerView(&self.instances);
        self.timers
            .upcoming()
            .take(FORESEE_LIMIT)
            .find_map(|(due, scheduled)| {
                if scheduled.timer.is_router() {
                    return None;
                }
                let service = self
                    .instances
                    .get(scheduled.instance as usize)?
                    .service
                    .as_deref()?;
                service
                    .foresee(&peers, &scheduled.timer, due)
                    .map(|f| (due, f))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::{DAY, SECOND};
    use crate::world::Settings;
    use serde_json::json;

    fn queue(w: &mut World, name: &str) -> String {
        w.call("sqs:CreateQueue", json!({ "QueueName": name }))
            .unwrap()["QueueUrl"]
            .as_str()
            .unwrap()
            .to_string()
    }

    #[test]
    fn a_received_message_foresees_its_visibility_timeout_ending() {
        let mut w = World::new(Settings::default());
        let url = queue(&mut w, "orders");
        w.call(
            "sqs:SendMessage",
            json!({ "QueueUrl": url, "MessageBody": "a" }),
        )
        .unwrap();
        let got = w
            .call("sqs:ReceiveMessage", json!({ "QueueUrl": url }))
            .unwrap();
        let id = got["Messages"][0]["MessageId"]
            .as_str()
            .unwrap()
            .to_string();
        let (due, seen) = w.foresee_next().unwrap();
        assert_eq!(due, w.now() + 30 * SECOND);
        assert_eq!(seen.event, "VisibilityTimeoutExpired");
        assert_eq!(seen.resource.as_deref(), Some("orders"));
        assert_eq!(
            seen.text,
            format!("{id} becomes visible again in orders: its visibility timeout ends")
        );
        // Foreseeing fires nothing.
        assert_eq!(w.foresee_next().unwrap().0, due);
    }

    #[test]
    fn a_deleted_message_s_timer_is_stale_and_the_retention_expiry_comes_next() {
        let mut w = World::new(Settings::default());
        let url = queue(&mut w, "orders");
        for body in ["kept", "done"] {
            w.call(
                "sqs:SendMessage",
                json!({ "QueueUrl": url, "MessageBody": body }),
            )
            .unwrap();
        }
        let start = w.now();
        let got = w
            .call(
                "sqs:ReceiveMessage",
                json!({ "QueueUrl": url, "MaxNumberOfMessages": 10 }),
            )
            .unwrap();
        for m in got["Messages"].as_array().unwrap() {
            let handle = m["ReceiptHandle"].clone();
            w.call(
                "sqs:DeleteMessage",
                json!({ "QueueUrl": url, "ReceiptHandle": handle }),
            )
            .unwrap();
        }
        w.call(
            "sqs:SendMessage",
            json!({ "QueueUrl": url, "MessageBody": "old" }),
        )
        .unwrap();
        let (due, seen) = w.foresee_next().unwrap();
        assert_eq!(seen.event, "MessageExpired");
        assert_eq!(due, start + 4 * DAY);
        assert!(
            seen.text.ends_with(
                "from orders: older than its MessageRetentionPeriod (4 d), deleted unread or not"
            ),
            "{}",
            seen.text
        );
    }

    #[test]
    fn pollers_waiting_on_an_empty_queue_are_passed_over() {
        let mut w = World::new(Settings::default());
        let jobs = queue(&mut w, "jobs");
        w.call(
            "fleet:CreateConsumerFleet",
            json!({ "FleetName": "workers", "QueueUrl": jobs, "Pollers": 2, "WaitTimeSeconds": 0 }),
        )
        .unwrap();
        let orders = queue(&mut w, "orders");
        w.call(
            "sqs:SendMessage",
            json!({ "QueueUrl": orders, "MessageBody": "later", "DelaySeconds": 600 }),
        )
        .unwrap();
        assert!(w.next_event_at().unwrap() < w.now() + 600 * SECOND);
        let (due, seen) = w.foresee_next().unwrap();
        assert_eq!(seen.event, "DelayEnded");
        assert_eq!(due, w.now() + 600 * SECOND);
    }

    #[test]
    fn a_poller_foresees_receiving_once_its_queue_has_messages() {
        let mut w = World::new(Settings::default());
        let jobs = queue(&mut w, "jobs");
        w.call(
            "fleet:CreateConsumerFleet",
            json!({ "FleetName": "workers", "QueueUrl": jobs, "WaitTimeSeconds": 0, "ShortPollIntervalSeconds": 1 }),
        )
        .unwrap();
        w.advance(1500);
        w.call(
            "sqs:SendMessage",
            json!({ "QueueUrl": jobs, "MessageBody": "job" }),
        )
        .unwrap();
        let (_, seen) = w.foresee_next().unwrap();
        assert_eq!(seen.event, "MessageReceived");
        assert!(seen
            .text
            .contains("of fleet workers receives from jobs (1 visible)"));
    }

    #[test]
    fn nothing_is_foreseen_in_an_idle_world() {
        let mut w = World::new(Settings::default());
        queue(&mut w, "orders");
        assert_eq!(w.foresee_next(), None);
    }
}
