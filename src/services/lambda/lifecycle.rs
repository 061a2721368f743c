//! A function's lifecycle: Pending after CreateFunction and Active once Lambda
//! has prepared it; an update InProgress until it is applied. Each change
//! settles on a timer after `SETTLE_DELAY` of virtual time.

use super::errors::resource_conflict;
use super::events::LambdaEvent;
use super::model::*;
use super::Lambda;
use crate::api::AwsError;
use crate::kernel::Ctx;

/// What Lambda answers a request that needs an Active function while it is still Pending.
pub(super) fn not_active(f: &Function) -> AwsError {
    resource_conflict(format!(
        "The operation cannot be performed at this time. The function is currently in the following state: {}",
        f.lifecycle.state()
    ))
}

impl Lambda {
    /// A change Lambda applies in the background: the function is Pending (created) or
    /// Updating until the settle timer, and the change gets a new RevisionId now and another then.
    pub(super) fn begin_change(&mut self, ctx: &mut Ctx, name: &str, lifecycle: Lifecycle) {
        let Some(f) = self.functions.get_mut(name) else {
            return;
        };
        f.lifecycle = lifecycle;
        f.lifecycle_serial += 1;
        ctx.schedule(
            ctx.now + SETTLE_DELAY,
            crate::sim::TimerClass::Pending,
            crate::kernel::Timer::Lambda(super::LambdaTimer::Settle {
                function: name.to_string(),
                serial: f.lifecycle_serial,
            }),
        );
    }

    /// The settle timer: the function is Active and its last update Successful.
    pub(super) fn settle(&mut self, ctx: &mut Ctx, name: &str, serial: u64) {
        let Some(f) = self.functions.get_mut(name) else {
            return;
        };
        if f.lifecycle_serial != serial || f.lifecycle == Lifecycle::Active {
            return;
        }
        f.lifecycle = Lifecycle::Active;
        f.latest.revision_id = ctx.rng.uuid();
        ctx.emit(LambdaEvent::FunctionStateChanged {
            function: name.into(),
            state: "Active",
            last_update_status: "Successful",
        });
    }

    /// Code and configuration can only change once the function is Active and no update is in progress.
    pub(super) fn check_changeable(f: &Function) -> Result<(), AwsError> {
        match f.lifecycle {
            Lifecycle::Active => Ok(()),
            Lifecycle::Pending => Err(not_active(f)),
            Lifecycle::Updating => Err(resource_conflict(format!(
                "The operation cannot be performed at this time. An update is in progress for resource: {}",
                f.arn
            ))),
        }
    }
}
