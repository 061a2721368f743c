//! What EventBridge's timers will change, foreseen without firing them, for
//! "Next event": a scheduled rule firing (while it is enabled and unchanged),
//! a target tried again, a replay sending its events. A stale timer (the rule
//! changed, the attempt or replay ended) foresees nothing, so it is passed over.

use super::model::EventsTimer;
use super::Events;
use crate::kernel::Foreseen;

impl Events {
    pub(super) fn foresee(&self, timer: &EventsTimer) -> Option<Foreseen> {
        match timer {
            EventsTimer::Schedule {
                bus,
                rule,
                generation,
            } => {
                let r = self.buses.get(bus)?.rules.get(rule)?;
                (r.generation == *generation && r.enabled()).then(|| Foreseen {
                    event: "ScheduledRuleFired",
                    resource: Some(rule.clone()),
                    text: format!(
                        "scheduled rule {rule} ({}) fires: {} target{}",
                        r.schedule_expression.as_deref().unwrap_or(""),
                        r.targets.len(),
                        if r.targets.len() == 1 { "" } else { "s" }
                    ),
                })
            }
            EventsTimer::Retry { attempt } => {
                let a = self.attempts.get(attempt)?;
                Some(Foreseen {
                    event: "TargetInvoked",
                    resource: Some(a.rule.clone()),
                    text: format!(
                        "rule {} sends to target {} (attempt {})",
                        a.rule,
                        a.target.id,
                        a.tries + 1
                    ),
                })
            }
            EventsTimer::Replay { replay } => {
                let r = self.replays.get(replay)?;
                r.ended.is_none().then(|| Foreseen {
                    event: "ReplayStarted",
                    resource: Some(replay.clone()),
                    text: format!("replay {replay} sends its events"),
                })
            }
        }
    }
}
