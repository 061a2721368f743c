//! "Next event" as a scenario step: the runner moves virtual time to the next
//! event a person would see (`World::foresee_next`), timer by timer, and stops
//! early if something shown happens on the way (a poller receiving a message,
//! say). Receives that return nothing change nothing shown and are passed
//! over. The move is one `advance` step, so a replay reaches the same world.

use super::Runner;
use crate::kernel::{Foreseen, TraceEvent};
use crate::sim::Millis;

/// Where "Next event" went.
#[derive(Clone, Debug, PartialEq)]
pub struct Jump {
    /// What was foreseen, and when it was due.
    pub foreseen: Foreseen,
    pub due: Millis,
    /// How far virtual time moved.
    pub advanced: Millis,
    /// The trace recorded on the way (`Trace::between` indices).
    pub trace_from: usize,
    pub trace_to: usize,
}

impl Runner {
    /// Advances to the next event that changes what is shown, as one advance step (folded into
    /// the previous one when that is a plain advance). None, moving nothing, when no such event
    /// is foreseen.
    pub fn advance_to_next_event(&mut self) -> Option<Jump> {
        while self.run_next().is_some() {}
        let (due, foreseen) = self.world().foresee_next()?;
        let start = self.world().now();
        let trace_from = self.world().trace().len();
        while let Some(next) = self.world_mut().next_event_at() {
            if next > due {
                break;
            }
            let now = self.world().now();
            self.advance(next.saturating_sub(now));
            if self.shown_since(trace_from).is_some() {
                break;
            }
        }
        Some(Jump {
            foreseen,
            due,
            advanced: self.world().now() - start,
            trace_from,
            trace_to: self.world().trace().len(),
        })
    }

    /// The first event since trace index `from` that changes what is shown.
    pub fn shown_since(&self, from: usize) -> Option<&TraceEvent> {
        let trace = self.world().trace();
        trace
            .between(from, trace.len())
            .iter()
            .find(|e| !e.kind.is_quiet())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Scenario, Step, StepKind};
    use crate::sim::{DAY, SECOND};
    use serde_json::json;

    fn runner(steps: serde_json::Value) -> Runner {
        let doc = json!({ "name": "next", "steps": steps });
        let mut r = Runner::new(Scenario::from_value(&doc).unwrap());
        r.run_all();
        r
    }

    #[test]
    fn next_event_stops_on_the_retention_expiry_and_records_one_advance() {
        let mut r = runner(json!([
            { "call": "sqs:CreateQueue", "input": { "QueueName": "reports" }, "as": "q" },
            { "call": "sqs:SendMessage", "input": { "QueueUrl": "${q.QueueUrl}", "MessageBody": "monday" } },
        ]));
        let jump = r.advance_to_next_event().unwrap();
        assert_eq!(jump.foreseen.event, "MessageExpired");
        assert_eq!(jump.advanced, 4 * DAY);
        let shown = r.shown_since(jump.trace_from).unwrap();
        assert_eq!(shown.kind.name(), "MessageExpired");
        assert_eq!(r.world().sqs().queue("reports").unwrap().messages.len(), 0);
        // One advance step, which replays to the same world.
        let last = r.scenario().steps.last().unwrap();
        assert_eq!(last.kind, StepKind::Advance { duration: 4 * DAY });
        let mut replay = Runner::new(r.scenario().clone());
        replay.run_all();
        assert_eq!(replay.world().now(), r.world().now());
        assert_eq!(replay.world().trace().len(), r.world().trace().len());
        // Then nothing is left to foresee, and nothing moves.
        assert_eq!(r.advance_to_next_event(), None);
        assert_eq!(r.scenario().steps.len(), 3);
    }

    #[test]
    fn next_event_passes_over_empty_long_polls_to_the_delay_ending() {
        let mut r = runner(json!([
            { "call": "sqs:CreateQueue", "input": { "QueueName": "jobs" }, "as": "q" },
            { "call": "fleet:CreateConsumerFleet", "input": { "FleetName": "workers", "QueueUrl": "${q.QueueUrl}", "WaitTimeSeconds": 20 } },
            { "advance": "2m" },
            { "call": "sqs:SendMessage", "input": { "QueueUrl": "${q.QueueUrl}", "MessageBody": "job", "DelaySeconds": 90 } },
        ]));
        let before = r.world().now();
        let jump = r.advance_to_next_event().unwrap();
        assert_eq!(jump.foreseen.event, "DelayEnded");
        assert_eq!(jump.advanced, 90 * SECOND);
        // On the way, long polls ended empty every 20 s: passed over, not stopped at.
        let names: Vec<&str> = r
            .world()
            .trace()
            .between(jump.trace_from, jump.trace_to)
            .iter()
            .map(|e| e.kind.name())
            .collect();
        assert!(names.contains(&"EmptyReceive"), "{names:?}");
        assert_eq!(
            r.shown_since(jump.trace_from).unwrap().kind.name(),
            "DelayEnded"
        );
        assert_eq!(r.world().now(), before + 90 * SECOND);
    }

    #[test]
    fn a_story_step_is_not_folded_into_by_next_event() {
        let mut s = Scenario::new("story");
        s.steps
            .push(Step::call("sqs:CreateQueue", json!({ "QueueName": "q" })));
        s.steps.push(Step::advance(SECOND).with_note("a second"));
        let mut r = Runner::new(s);
        r.run_all();
        let url = r.world().sqs().queue("q").unwrap().url.clone();
        r.push(Step::call(
            "sqs:SendMessage",
            json!({ "QueueUrl": url, "MessageBody": "m", "DelaySeconds": 5 }),
        ));
        r.advance(SECOND);
        r.advance_to_next_event().unwrap();
        let steps = &r.scenario().steps;
        assert_eq!(steps[1].kind, StepKind::Advance { duration: SECOND });
        assert_eq!(
            steps.last().unwrap().kind,
            StepKind::Advance {
                duration: 5 * SECOND
            }
        );
    }
}
