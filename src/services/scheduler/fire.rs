//! A schedule's timer: arming its next firing (in a flexible window, at a
//! time the world's seeded random source picks within the window after the
//! nominal time), firing it (one invocation of the target, billed), and what
//! follows the last firing: ActionAfterCompletion DELETE deletes the
//! schedule, NONE leaves it in place with nothing left to do.

use super::expression::Bounds;
use super::model::SchedulerTimer;
use super::{Scheduler, SchedulerEvent};
use crate::kernel::{Ctx, Timer};
use crate::sim::{Millis, TimerClass, SECOND};
use std::rc::Rc;

impl Scheduler {
    /// Arms the schedule's first firing strictly after `after` (replacing any armed); its
    /// nominal time, or None when it is disabled or has none left.
    pub(super) fn arm(
        &mut self,
        ctx: &mut Ctx,
        group: &Rc<str>,
        name: &Rc<str>,
        after: Millis,
    ) -> Option<Millis> {
        let schedule = self.schedules.get_mut(&(group.clone(), name.clone()))?;
        if let Some(timer) = schedule.timer.take() {
            ctx.timers.cancel(timer);
        }
        schedule.next = None;
        if !schedule.enabled {
            return None;
        }
        let bounds = Bounds {
            anchor: schedule.anchor,
            start: schedule.start,
            end: schedule.end,
        };
        let next = schedule
            .expression
            .next_after(&schedule.timezone, bounds, after)?;
        let jitter = match schedule.window_minutes {
            Some(minutes) => (ctx.rng.next_u64() % (minutes as u64 * 60)) * SECOND,
            None => 0,
        };
        schedule.timer = Some(ctx.schedule(
            next.saturating_add(jitter).max(ctx.now),
            TimerClass::Background,
            Timer::Scheduler(SchedulerTimer::Fire {
                group: group.clone(),
                schedule: name.clone(),
                generation: schedule.generation,
                scheduled: next,
            }),
        ));
        schedule.next = Some(next);
        Some(next)
    }

    /// A schedule comes due: its target is invoked, and its next firing armed.
    pub(super) fn fire(
        &mut self,
        ctx: &mut Ctx,
        group: &Rc<str>,
        name: &Rc<str>,
        generation: u64,
        scheduled: Millis,
    ) {
        let Some(schedule) = self.schedules.get_mut(&(group.clone(), name.clone())) else {
            return;
        };
        if schedule.generation != generation || !schedule.enabled {
            return;
        }
        schedule.timer = None;
        let execution_id: Rc<str> = ctx.rng.uuid().into();
        let (arn, target) = (schedule.arn.clone(), schedule.target.clone());
        let delete_after = schedule.delete_after_completion;
        ctx.emit(SchedulerEvent::ScheduleFired {
            group: group.clone(),
            schedule: name.clone(),
            scheduled,
            execution_id: execution_id.clone(),
        });
        self.usage.record_invocation(ctx.now);
        self.start_delivery(ctx, name.clone(), arn, target, scheduled, execution_id);
        if self.arm(ctx, group, name, scheduled).is_none() {
            if delete_after {
                self.remove_schedule(ctx, group, name, "ActionAfterCompletion is DELETE");
            } else {
                ctx.emit(SchedulerEvent::ScheduleCompleted {
                    group: group.clone(),
                    schedule: name.clone(),
                });
            }
        }
    }
}
