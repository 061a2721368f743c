//! The scaling rule: EC2 Auto Scaling target tracking on SQS backlog per
//! instance, as AWS documents it
//! (https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-using-sqs-queue.html).
//! Every EvaluationPeriodSeconds the rule reads the queue's
//! ApproximateNumberOfMessagesVisible, divides it by the in-service pollers
//! (backlog per instance) and sets the desired size that brings the backlog
//! per instance back to the target: ceil(visible / target), within
//! [MinSize, MaxSize]. Scale-out happens at once; new pollers warm up for
//! InstanceWarmupSeconds before they poll. Scale-in, as in target tracking,
//! is more cautious: only once ScaleInCooldownSeconds have passed since the
//! last scaling activity, and never when DisableScaleIn is set.

use super::events::FleetEvent;
use super::{poller, Fleet, FleetTimer};
use crate::kernel::Outbound;
use crate::kernel::{Ctx, Timer};
use crate::sim::TimerClass;

pub(super) fn schedule_evaluation(fleet: &mut Fleet, ctx: &mut Ctx) {
    if let Some(s) = &fleet.config.scaling {
        let timer = Timer::Fleet(FleetTimer::Evaluate { fleet: fleet.id });
        // A recurring policy, like a schedule: it does not keep `run idle` going.
        fleet.evaluation_timer =
            Some(ctx.schedule(ctx.now + s.evaluation_period, TimerClass::Background, timer));
    }
}

/// The desired size the rule asks for with `visible` messages in the queue.
pub(super) fn desired_for(s: &super::Scaling, visible: usize) -> u32 {
    let wanted = (visible as f64 / s.target_backlog_per_instance).ceil() as u32;
    wanted.clamp(s.min_size, s.max_size)
}

pub(super) fn evaluate(fleet: &mut Fleet, ctx: &mut Ctx, out: &mut Vec<Outbound>, visible: usize) {
    let Some(s) = fleet.config.scaling.clone() else {
        return;
    };
    let in_service = fleet.in_service();
    fleet.last_evaluation = Some((visible, in_service));
    let wanted = desired_for(&s, visible);
    let from = fleet.desired;
    let scale_in_allowed =
        !s.disable_scale_in && ctx.now >= fleet.last_scaling_at + s.scale_in_cooldown;
    if wanted > from || (wanted < from && scale_in_allowed) {
        fleet.desired = wanted;
        fleet.last_scaling_at = ctx.now;
        ctx.emit(FleetEvent::ConsumerFleetScaled {
            fleet: fleet.config.name.as_str().into(),
            queue: fleet.queue.clone(),
            from,
            to: wanted,
            visible,
            in_service,
            target_backlog_per_instance: s.target_backlog_per_instance,
        });
        poller::resize(fleet, ctx, out, s.instance_warmup);
    }
}
