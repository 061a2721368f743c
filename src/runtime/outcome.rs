//! How an invocation ends, as Lambda reports it: the handler's result, an
//! error as `{"errorType", "errorMessage", "trace"}` (read from the thrown
//! value the way AWS's Node.js runtime does), a timeout, an out-of-memory
//! kill or an early exit, with the modelled duration and the log lines.

use boa_engine::error::{EngineError, RuntimeLimitError};
use boa_engine::{js_string, JsError, JsNativeError, JsResult, JsValue};
use serde_json::Value;

use super::env::{Environment, Failure};
use super::{FunctionError, LogLine, Outcome, Step};
use crate::sim::time::format_iso;

/// How the handler's run ended, once it has.
pub(super) enum Completion {
    Ok(Value),
    Error(FunctionError),
    /// The handler's promise never settled and nothing was left to wait for.
    ExitedEarly,
}

/// What Lambda's Node.js runtime reports when it cannot read an error.
fn unreadable_error() -> FunctionError {
    FunctionError::new(
        "handled",
        "callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack",
    )
}

impl Environment {
    /// An error value as Lambda's Node.js runtime reports it.
    pub(super) fn aws_error(&mut self, e: JsValue) -> FunctionError {
        self.read_error(&e).unwrap_or_else(|_| unreadable_error())
    }

    fn read_error(&mut self, e: &JsValue) -> JsResult<FunctionError> {
        let ctx = &mut self.context;
        let error_class: JsValue = ctx.intrinsics().constructors().error().constructor().into();
        let obj = e.as_object().filter(|o| !o.is_callable());
        let error_like = e.instance_of(&error_class, ctx)?
            || match &obj {
                Some(o) => {
                    o.get(js_string!("message"), ctx)?.is_string()
                        && o.get(js_string!("name"), ctx)?.is_string()
                }
                None => false,
            };
        if let (true, Some(o)) = (error_like, e.as_object()) {
            let stack = o.get(js_string!("stack"), ctx)?;
            let name = o.get(js_string!("name"), ctx)?.to_string(ctx)?;
            let name = name.to_std_string_escaped();
            let message = o.get(js_string!("message"), ctx)?.to_string(ctx)?;
            let message = message.to_std_string_escaped();
            let stack = match stack.as_string() {
                Some(s) if !s.is_empty() => self.state.map_stack(&s.to_std_string_escaped()),
                _ => format!("{name}: {message}"),
            };
            let mut trace: Vec<String> = stack.split('\n').map(str::to_string).collect();
            if !trace[0].starts_with(&name) {
                trace.insert(0, format!("{name}: {message}"));
            }
            return Ok(FunctionError {
                error_type: name,
                error_message: message,
                trace,
            });
        }
        let type_of = e.type_of();
        let to_string = e.to_object(ctx)?.get(js_string!("toString"), ctx)?;
        let text = match to_string.as_callable() {
            Some(f) => f.call(e, &[], ctx)?,
            None => return Err(JsNativeError::typ().with_message("toString").into()),
        };
        let text = text.to_string(ctx)?.to_std_string_escaped();
        Ok(FunctionError::new(type_of, &text))
    }

    /// Maps an error that escaped to Rust: the step budget and boa's limits
    /// are engine errors no `catch` stops; others are the thrown value.
    pub(super) fn classify(&mut self, e: JsError) -> Failure {
        if self.state.out_of_memory.get() {
            return Failure::OutOfMemory;
        }
        if let Some(engine) = e.as_engine() {
            return match engine {
                EngineError::RuntimeLimit(RuntimeLimitError::LoopIteration) => Failure::Timeout,
                EngineError::RuntimeLimit(_) => Failure::Error(FunctionError {
                    error_type: "RangeError".to_string(),
                    error_message: "Maximum call stack size exceeded".to_string(),
                    trace: vec!["RangeError: Maximum call stack size exceeded".to_string()],
                }),
                EngineError::Panic(p) => Failure::Error(FunctionError::new(
                    "Runtime.Unknown",
                    &format!("internal error in the JavaScript engine: {}", p.message()),
                )),
                #[allow(unreachable_patterns)]
                _ => Failure::Timeout,
            };
        }
        if self.state.exhausted.get() {
            return Failure::Timeout;
        }
        let opaque = match e.into_opaque(&mut self.context) {
            Ok(v) => v,
            Err(_) => return Failure::Timeout,
        };
        Failure::Error(self.aws_error(opaque))
    }

    pub(super) fn finish(&mut self, done: Result<Completion, Failure>) -> Step {
        let Some(inv) = self.invocation.take() else {
            return Step::Suspended {
                wake_at: None,
                host_calls: Vec::new(),
            };
        };
        let limits = &self.config.limits;
        let now = self.state.now.get();
        let cpu_ms = inv.steps_used as f64 / limits.steps_per_ms as f64;
        let mut duration_ms = (now - inv.start) as f64 + cpu_ms + limits.invoke_overhead_ms;
        let result = match done {
            Ok(Completion::Ok(v)) => Ok(v),
            Ok(Completion::Error(e)) => Err(e),
            Ok(Completion::ExitedEarly) => {
                self.dead = true;
                Err(FunctionError::new(
                    "Runtime.ExitError",
                    &format!(
                        "RequestId: {} Error: Runtime exited without providing a reason",
                        inv.request_id
                    ),
                ))
            }
            Err(Failure::Error(e)) => Err(e),
            Err(Failure::OutOfMemory) => {
                self.dead = true;
                Err(FunctionError::new(
                    "Runtime.OutOfMemory",
                    &format!(
                        "RequestId: {} Error: Runtime exited with error: signal: killed",
                        inv.request_id
                    ),
                ))
            }
            Err(Failure::Timeout) => {
                self.dead = true;
                let secs = self.config.timeout_ms as f64 / 1000.0;
                duration_ms = self.config.timeout_ms as f64;
                let at = inv.start + self.config.timeout_ms;
                if inv.steps_used >= limits.max_steps {
                    // Stratus's own limit, not AWS's: say so where the user looks.
                    self.state.logs.borrow_mut().push(LogLine {
                        at,
                        line: format!(
                            "[Stratus] This invocation ran {} steps (loop iterations and calls, about {} ms of modelled CPU) without finishing. Stratus stops such code so the page stays responsive and reports it as AWS reports a timeout; on AWS, code that only needs more CPU would run on until its timeout.",
                            limits.max_steps,
                            limits.max_steps / limits.steps_per_ms
                        ),
                    });
                }
                self.state.logs.borrow_mut().push(LogLine {
                    at,
                    line: format!(
                        "{} {} Task timed out after {secs:.2} seconds",
                        format_iso(at),
                        inv.request_id
                    ),
                });
                Err(FunctionError::new(
                    "Sandbox.Timedout",
                    &format!(
                        "RequestId: {} Error: Task timed out after {secs:.2} seconds",
                        inv.request_id
                    ),
                ))
            }
        };
        if self.dead {
            self.jobs.clear();
        }
        // Whatever ended the invocation, its run is over.
        self.state.run.borrow_mut().take();
        *self.state.request_id.borrow_mut() = "undefined".to_string();
        let init_duration_ms = if self.cold {
            self.cold = false;
            Some(self.init_duration_ms)
        } else {
            None
        };
        let logs = std::mem::take(&mut *self.state.logs.borrow_mut());
        Step::Done(Outcome {
            result,
            logs,
            duration_ms: (duration_ms * 100.0).round() / 100.0,
            init_duration_ms,
            environment_reusable: !self.dead,
            steps: inv.steps_used,
        })
    }
}
