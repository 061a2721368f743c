//! EventBridge Scheduler's registration with the world: its actions answer at
//! once; its timers fire schedules and retry invocations; its targets'
//! answers come back through `on_reply`; "Next event" foresees a firing or a
//! retry (`foresee`).

use super::deliver::entry_failure;
use super::model::SchedulerTimer;
use super::Scheduler;
use crate::api::AwsError;
use crate::kernel::{Ctx, Foreseen, Outcome, Payload, Peers, Service, Timer, Token};
use crate::sim::time::format_iso;
use crate::sim::Millis;
use serde_json::Value;

impl Service for Scheduler {
    fn name(&self) -> &'static str {
        "scheduler"
    }

    fn call(
        &mut self,
        ctx: &mut Ctx,
        _peers: &dyn Peers,
        operation: &str,
        input: &mut Payload,
    ) -> Outcome {
        let Payload::Json(input) = input else {
            return Outcome::Done(Err(AwsError::unknown_operation(&format!(
                "scheduler:{operation}"
            ))));
        };
        Outcome::Done(Scheduler::call(self, ctx, operation, input))
    }

    fn on_timer(&mut self, ctx: &mut Ctx, _peers: &dyn Peers, timer: Timer) {
        let Timer::Scheduler(timer) = timer else {
            return;
        };
        match timer {
            SchedulerTimer::Fire {
                group,
                schedule,
                generation,
                scheduled,
            } => self.fire(ctx, &group, &schedule, generation, scheduled),
            SchedulerTimer::Retry { attempt } => self.try_delivery(ctx, attempt),
        }
    }

    fn foresee(&self, _peers: &dyn Peers, timer: &Timer, _due: Millis) -> Option<Foreseen> {
        let Timer::Scheduler(timer) = timer else {
            return None;
        };
        match timer {
            SchedulerTimer::Fire {
                group,
                schedule,
                generation,
                scheduled,
            } => {
                let s = self.schedule(group, schedule)?;
                (s.generation == *generation && s.enabled).then(|| Foreseen {
                    event: "ScheduleFired",
                    resource: Some(schedule.clone()),
                    text: format!(
                        "schedule {group}/{schedule} fires for {}: it invokes {}",
                        format_iso(*scheduled),
                        s.target.arn
                    ),
                })
            }
            SchedulerTimer::Retry { attempt } => {
                let a = self.attempts.get(attempt)?;
                Some(Foreseen {
                    event: "TargetInvoked",
                    resource: Some(a.schedule.clone()),
                    text: format!(
                        "schedule {} tries {} again (attempt {})",
                        a.schedule,
                        a.target.arn,
                        a.tries + 1
                    ),
                })
            }
        }
    }

    fn on_reply(
        &mut self,
        ctx: &mut Ctx,
        _peers: &dyn Peers,
        token: Token,
        operation: &str,
        result: Result<Value, AwsError>,
    ) {
        let Token::Target { delivery } = token else {
            return;
        };
        let result = match result {
            Ok(answer) => match entry_failure(operation, &answer) {
                Some(error) => Err(error),
                None => Ok(answer),
            },
            Err(e) => Err(e),
        };
        self.on_target_reply(ctx, delivery, result);
    }
}
