//! CloudWatch Logs' registration with the world: its actions answer at once;
//! Lambda's log lines arrive typed (`PutLogLines`), never as JSON.

use super::Logs;
use crate::api::AwsError;
use crate::kernel::route::PutLogLines;
use crate::kernel::{Ctx, Outcome, Payload, Peers, Service, Timer};

impl Service for Logs {
    fn name(&self) -> &'static str {
        "logs"
    }

    fn call(
        &mut self,
        ctx: &mut Ctx,
        _peers: &dyn Peers,
        operation: &str,
        input: &mut Payload,
    ) -> Outcome {
        Outcome::Done(match input {
            Payload::Json(input) => Logs::call(self, ctx, operation, input),
            // The router turns text into a tree for services that do not read it.
            Payload::Text(_) => Err(AwsError::unknown_operation(&format!("logs:{operation}"))),
            Payload::Typed(typed) => match typed.downcast_mut::<PutLogLines>() {
                Some(put) if operation == "PutLogLines" => {
                    self.append(
                        &put.group,
                        &put.stream,
                        ctx.now,
                        std::mem::take(&mut put.lines),
                    );
                    Ok(serde_json::json!({}))
                }
                _ => Err(AwsError::unknown_operation(&format!("logs:{operation}"))),
            },
        })
    }

    fn on_timer(&mut self, _ctx: &mut Ctx, _peers: &dyn Peers, _timer: Timer) {}
}
