//! An invocation: the handler called with the event, Lambda's context
//! object and a callback; the event loop turned in virtual time (promise
//! jobs, then timers, with host calls answered in between) until the
//! handler's promise or callback settles it; and the outcome as Lambda
//! reports it (result, `{"errorType","errorMessage","trace"}`, timeout,
//! out-of-memory, early exit). All of it is native: a warm invocation runs
//! no JavaScript but the handler's own.

use boa_engine::builtins::promise::PromiseState;
use boa_engine::object::builtins::{JsFunction, JsPromise};
use boa_engine::{
    js_string, Context, JsError, JsNativeError, JsObject, JsResult, JsSymbol, JsValue,
    NativeFunction,
};
use serde_json::Value;

use super::env::{Environment, Failure, Invocation};
use super::globals::arg;
use super::hooks::{self, Jobs};
use super::host::{with_state, Run, Running};
use super::json;
use super::outcome::Completion;
use super::{FunctionError, HostResult, InvokeInfo, Millis, Outcome, Step};

/// A thrown `undefined` or `null` is reported as `new Error(String(e))`.
fn error_value(e: JsValue, ctx: &mut Context) -> JsValue {
    if e.is_null_or_undefined() {
        let text = if e.is_null() { "null" } else { "undefined" };
        JsNativeError::error()
            .with_message(text)
            .into_opaque(ctx)
            .into()
    } else {
        e
    }
}

/// Settles the run `serial` (if it is still the running one and not yet
/// settled) with an error or a result.
fn settle_run(serial: u64, err: JsValue, res: JsValue) -> JsResult<()> {
    with_state(|s| {
        let mut run = s.run.borrow_mut();
        let Some(run) = run.as_mut().filter(|r| r.serial == serial && !r.done) else {
            return;
        };
        run.done = true;
        if err.is_null_or_undefined() {
            run.result = Some(res);
        } else {
            run.error = Some(err);
        }
    })
}

/// The reaction `then(on_ok, on_err)` would run for the handler's promise,
/// from the job queue.
pub(super) fn settle_reaction(
    serial: u64,
    value: JsValue,
    rejected: bool,
    ctx: &mut Context,
) -> JsResult<()> {
    if rejected {
        let e = error_value(value, ctx);
        settle_run(serial, e, JsValue::undefined())
    } else {
        settle_run(serial, JsValue::null(), value)
    }
}

/// When the handler returned a native promise that has already settled and
/// whose `then` is the realm's own (with `Promise` as its species), queues
/// the reaction `then` would queue, without calling it, and returns true.
/// `then`'s other effects are kept: the species lookups it makes, and a
/// rejection it handles no longer counts as unhandled.
fn settled_native(
    obj: &JsObject,
    then: &JsObject,
    serial: u64,
    jobs: &Jobs,
    ctx: &mut Context,
) -> JsResult<bool> {
    let Some([promise_ctor, intrinsic_then]) =
        with_state(|s| s.promise_intrinsics.borrow().clone())?
    else {
        return Ok(false);
    };
    if !JsObject::equals(then, &intrinsic_then) {
        return Ok(false);
    }
    let Ok(promise) = JsPromise::from_object(obj.clone()) else {
        return Ok(false);
    };
    let (value, rejected) = match promise.state() {
        PromiseState::Pending => return Ok(false),
        PromiseState::Fulfilled(v) => (v, false),
        PromiseState::Rejected(e) => (e, true),
    };
    // SpeciesConstructor(promise, %Promise%), as `then` does it.
    let c = obj.get(js_string!("constructor"), ctx)?;
    if !c.is_undefined() {
        let Some(c) = c.as_object().filter(|c| JsObject::equals(c, &promise_ctor)) else {
            return Ok(false);
        };
        let species = c.get(JsSymbol::species(), ctx)?;
        if !species.is_null_or_undefined()
            && !species
                .as_object()
                .is_some_and(|s| JsObject::equals(&s, &promise_ctor))
        {
            return Ok(false);
        }
    }
    if rejected {
        with_state(|s| {
            s.rejections
                .borrow_mut()
                .retain(|p| !JsObject::equals(p, obj))
        })?;
    }
    jobs.push_settle(serial, value, rejected);
    Ok(true)
}

/// The handler's `callback(err, res)` (also `context.done/succeed/fail`).
pub(super) fn callback(
    serial: u64,
    err: JsValue,
    res: JsValue,
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let context = with_state(|s| {
        let run = s.run.borrow();
        run.as_ref()
            .filter(|r| r.serial == serial && !r.done && r.callback_result.is_none())
            .and_then(|r| r.context.clone())
    })?;
    let Some(context) = context else {
        return Ok(JsValue::undefined());
    };
    let waits = context
        .get(js_string!("callbackWaitsForEmptyEventLoop"), ctx)?
        .to_boolean();
    if waits {
        with_state(|s| {
            if let Some(run) = s.run.borrow_mut().as_mut() {
                if run.serial == serial {
                    run.callback_result = Some((err, res));
                }
            }
        })?;
    } else {
        settle_run(serial, err, res)?;
    }
    Ok(JsValue::undefined())
}

/// A function of this invocation only (it captures the serial).
fn run_function(
    ctx: &mut Context,
    serial: u64,
    f: fn(u64, &[JsValue], &mut Context) -> JsResult<JsValue>,
) -> JsFunction {
    NativeFunction::from_copy_closure(move |_, args, ctx| f(serial, args, ctx))
        .to_js_function(ctx.realm())
}

impl Environment {
    /// Starts an invocation at virtual time `now`.
    pub fn invoke(&mut self, event: &Value, info: &InvokeInfo, now: Millis) -> Step {
        if self.dead || self.invocation.is_some() {
            let message = if self.dead {
                "this environment ended after a timeout or crash; start a new one"
            } else {
                "an invocation is already running in this environment"
            };
            return Step::Done(Outcome {
                result: Err(FunctionError::new("Runtime.InvalidState", message)),
                logs: Vec::new(),
                duration_ms: 0.0,
                init_duration_ms: None,
                environment_reusable: !self.dead,
                steps: 0,
            });
        }
        self.set_now(now);
        let deadline = now + self.config.timeout_ms;
        self.invocation = Some(Invocation {
            request_id: info.aws_request_id.clone(),
            start: now,
            steps_used: 0,
        });
        self.serial += 1;
        let serial = self.serial;
        self.run_slice(|env| env.start_handler(event, info, deadline, serial))
    }

    /// Calls the handler: `handler(event, context, callback)`.
    fn start_handler(
        &mut self,
        event: &Value,
        info: &InvokeInfo,
        deadline: Millis,
        serial: u64,
    ) -> JsResult<()> {
        let ctx = &mut self.context;
        let optional = |v: &Option<Value>, ctx: &mut Context| -> Option<JsValue> {
            v.as_ref().map(|v| json::to_js(v, ctx))
        };
        let client_context = optional(&info.client_context, ctx);
        let identity = optional(&info.identity, ctx);
        let event = json::to_js(event, ctx);
        *self.state.request_id.borrow_mut() = info.aws_request_id.clone();

        let cb = run_function(ctx, serial, |serial, a, ctx| {
            callback(serial, arg(a, 0), arg(a, 1), ctx)
        });
        let context =
            self.context_parts
                .build(info, serial, deadline, client_context, identity, ctx);
        *self.state.run.borrow_mut() = Some(Run {
            serial,
            deadline,
            context: Some(context.clone()),
            ..Run::default()
        });

        let ctx = &mut self.context;
        let handler = self.handler.clone();
        let called = handler
            .call(
                &JsValue::undefined(),
                &[event, context.into(), cb.into()],
                ctx,
            )
            .and_then(|r| {
                let Some(obj) = r.as_object().filter(|o| !o.is_callable()) else {
                    return Ok(());
                };
                let then = obj.get(js_string!("then"), ctx)?;
                let Some(then) = then.as_callable() else {
                    return Ok(());
                };
                with_state(|s| {
                    if let Some(run) = s.run.borrow_mut().as_mut() {
                        run.promise = true;
                    }
                })?;
                if settled_native(&obj, &then, serial, &self.jobs, ctx)? {
                    return Ok(());
                }
                let on_ok = run_function(ctx, serial, |serial, a, _| {
                    settle_run(serial, JsValue::null(), arg(a, 0))?;
                    Ok(JsValue::undefined())
                });
                let on_err = run_function(ctx, serial, |serial, a, ctx| {
                    let e = error_value(arg(a, 0), ctx);
                    settle_run(serial, e, JsValue::undefined())?;
                    Ok(JsValue::undefined())
                });
                then.call(&r, &[on_ok.into(), on_err.into()], ctx)?;
                Ok(())
            });
        match called {
            Ok(()) => Ok(()),
            // What `catch` would catch settles the run; limits go on up.
            Err(e) => {
                let thrown = e.into_opaque(ctx)?;
                let thrown = error_value(thrown, ctx);
                settle_run(serial, thrown, JsValue::undefined())
            }
        }
    }

    /// Continues a suspended invocation at virtual time `now`, with the
    /// answers to host calls that have come back (any subset, any order).
    pub fn resume(&mut self, now: Millis, results: Vec<HostResult>) -> Step {
        if self.invocation.is_none() {
            return Step::Done(Outcome {
                result: Err(FunctionError::new(
                    "Runtime.InvalidState",
                    "no invocation is running in this environment",
                )),
                logs: Vec::new(),
                duration_ms: 0.0,
                init_duration_ms: None,
                environment_reusable: !self.dead,
                steps: 0,
            });
        }
        let now = now.max(self.state.now.get());
        self.set_now(now);
        if now >= self.deadline() {
            return self.finish(Err(Failure::Timeout));
        }
        self.run_slice(move |env| {
            for r in results {
                let (ok, payload) = match r.result {
                    Ok(v) => (true, v),
                    Err(e) => (
                        false,
                        serde_json::json!({
                            "code": e.code,
                            "type": e.type_name,
                            "message": e.message,
                            "senderFault": e.sender_fault,
                            "httpStatus": e.http_status,
                        }),
                    ),
                };
                env.state
                    .outstanding_calls
                    .set(env.state.outstanding_calls.get().saturating_sub(1));
                let Some(resolvers) = env.state.pending.borrow_mut().remove(&r.id) else {
                    continue;
                };
                let payload = json::to_js(&payload, &mut env.context);
                let settle = if ok {
                    resolvers.resolve
                } else {
                    resolvers.reject
                };
                settle.call(&JsValue::undefined(), &[payload], &mut env.context)?;
            }
            Ok(())
        })
    }

    /// Virtual time at which the running invocation times out: the start
    /// plus the timeout, less the CPU time its steps model.
    fn deadline(&self) -> Millis {
        let Some(inv) = &self.invocation else {
            return Millis::MAX;
        };
        let cpu = inv.steps_used / self.config.limits.steps_per_ms;
        (inv.start + self.config.timeout_ms).saturating_sub(cpu)
    }

    fn run_slice(&mut self, start: impl FnOnce(&mut Self) -> Result<(), JsError>) -> Step {
        let limits = &self.config.limits;
        let now = self.state.now.get();
        let remaining_ms = self.deadline().saturating_sub(now);
        let used = self.invocation.as_ref().map_or(0, |i| i.steps_used);
        let budget = limits
            .max_steps
            .saturating_sub(used)
            .min(remaining_ms.saturating_mul(limits.steps_per_ms));
        self.state.steps_left.set(budget);
        self.state.exhausted.set(false);
        let state = self.state.clone();
        let running = Running::enter(&state);
        let result = start(self).and_then(|()| self.turn());
        drop(running);
        let spent = budget - self.state.steps_left.get();
        if let Some(inv) = &mut self.invocation {
            inv.steps_used += spent;
        }
        match result {
            Err(e) => {
                let _running = Running::enter(&state);
                let failure = self.classify(e);
                drop(_running);
                self.finish(Err(failure))
            }
            Ok(_) if self.state.out_of_memory.get() => self.finish(Err(Failure::OutOfMemory)),
            Ok(_) if self.state.exhausted.get() => self.finish(Err(Failure::Timeout)),
            Ok(Some(done)) => self.finish(Ok(done)),
            Ok(None) => {
                let deadline = self.deadline();
                let wake = match self.next_due() {
                    Some(next) => next.min(deadline),
                    None => deadline,
                };
                let host_calls = std::mem::take(&mut *self.state.calls.borrow_mut());
                Step::Suspended {
                    wake_at: Some(wake),
                    host_calls,
                }
            }
        }
    }

    /// Runs the event loop until it has nothing to do at the current time;
    /// returns the completion once the invocation is done.
    fn turn(&mut self) -> Result<Option<Completion>, JsError> {
        let now = self.state.now.get();
        loop {
            self.context.run_jobs()?;
            let unhandled = hooks::take_unhandled(&self.state);
            if let Some(reason) = unhandled.into_iter().next() {
                let error = self.aws_error(reason);
                let message = format!("{}: {}", error.error_type, error.error_message);
                let message = if error.error_type == "string" || error.error_type == "number" {
                    error.error_message.clone()
                } else {
                    message
                };
                let mut trace = vec![format!("Runtime.UnhandledPromiseRejection: {message}")];
                trace.extend(error.trace.iter().skip(1).cloned());
                self.dead = true;
                return Ok(Some(Completion::Error(FunctionError {
                    error_type: "Runtime.UnhandledPromiseRejection".to_string(),
                    error_message: message,
                    trace,
                })));
            }
            let stepped = match self.fire_due(now) {
                Ok(true) => continue,
                Ok(false) => {
                    let empty = self.state.timers.borrow().is_empty()
                        && self.state.outstanding_calls.get() == 0;
                    self.poll(empty)
                }
                Err(e) => Err(e),
            };
            return stepped.inspect_err(|e| {
                // An exception thrown by a timer callback is uncaught in
                // Node: the runtime reports it and the process ends.
                if e.as_engine().is_none() {
                    self.dead = true;
                }
            });
        }
    }

    /// The invocation's state after a turn; `loop_empty` says no timer or
    /// host call is pending. `None` while it still runs.
    fn poll(&mut self, loop_empty: bool) -> JsResult<Option<Completion>> {
        let run = {
            let mut slot = self.state.run.borrow_mut();
            let Some(run) = slot.as_mut() else {
                return Ok(None);
            };
            let mut exited_early = false;
            if !run.done && loop_empty {
                run.done = true;
                if let Some((err, res)) = run.callback_result.take() {
                    if err.is_null_or_undefined() {
                        run.result = Some(res);
                    } else {
                        run.error = Some(err);
                    }
                } else if run.promise {
                    exited_early = true;
                } else {
                    run.result = Some(JsValue::null());
                }
            }
            if !run.done {
                return Ok(None);
            }
            let run = slot.take().unwrap_or_default();
            if exited_early {
                drop(slot);
                *self.state.request_id.borrow_mut() = "undefined".to_string();
                return Ok(Some(Completion::ExitedEarly));
            }
            run
        };
        *self.state.request_id.borrow_mut() = "undefined".to_string();
        if let Some(error) = run.error {
            return Ok(Some(Completion::Error(self.aws_error(error))));
        }
        let result = run
            .result
            .filter(|r| !r.is_undefined())
            .unwrap_or(JsValue::null());
        let ctx = &mut self.context;
        let json = ctx.global_object().get(js_string!("JSON"), ctx)?;
        let stringify = match json.as_object() {
            Some(j) => j.get(js_string!("stringify"), ctx)?,
            None => JsValue::undefined(),
        };
        let original = self.state.json_stringify.borrow().clone();
        let intrinsic = match (stringify.as_object(), original) {
            (Some(f), Some(o)) => JsObject::equals(&f, &o),
            _ => false,
        };
        if intrinsic {
            if let Some(v) = json::plain(&result, ctx) {
                return Ok(Some(Completion::Ok(v)));
            }
        }
        let stringify = stringify.as_callable().ok_or_else(|| {
            JsError::from(JsNativeError::typ().with_message("JSON.stringify is not a function"))
        });
        let text = stringify.and_then(|f| f.call(&json, &[result], ctx));
        let text = match text {
            Ok(t) if t.is_undefined() => "null".to_string(),
            Ok(t) => match t.to_string(ctx) {
                Ok(t) => t.to_std_string_escaped(),
                Err(e) => return self.caught(e),
            },
            Err(e) => return self.caught(e),
        };
        Ok(Some(Completion::Ok(
            serde_json::from_str(&text).unwrap_or(Value::Null),
        )))
    }

    /// A catchable error while reporting a result becomes the reported
    /// error; a limit goes on up.
    fn caught(&mut self, e: JsError) -> JsResult<Option<Completion>> {
        let thrown = e.into_opaque(&mut self.context)?;
        Ok(Some(Completion::Error(self.aws_error(thrown))))
    }

    /// The earliest timer's due time.
    pub(super) fn next_due(&self) -> Option<Millis> {
        let timers = self.state.timers.borrow();
        timers
            .values()
            .map(|t| (t.due, t.seq))
            .min()
            .map(|(due, _)| due)
    }

    /// Fires the earliest timer due at or before `now`; true if one fired.
    pub(super) fn fire_due(&mut self, now: Millis) -> JsResult<bool> {
        let fired = {
            let mut timers = self.state.timers.borrow_mut();
            let best = timers
                .iter()
                .filter(|(_, t)| t.due <= now)
                .min_by_key(|(_, t)| (t.due, t.seq))
                .map(|(id, _)| *id);
            let Some(id) = best else {
                return Ok(false);
            };
            match timers.get_mut(&id) {
                Some(t) if t.repeat => {
                    let seq = self.state.timer_seq.get() + 1;
                    self.state.timer_seq.set(seq);
                    t.due += t.ms;
                    t.seq = seq;
                    (t.callback.clone(), t.args.clone(), t.frame.clone())
                }
                _ => match timers.remove(&id) {
                    Some(t) => (t.callback, t.args, t.frame),
                    None => return Ok(false),
                },
            }
        };
        let (callback, args, frame) = fired;
        let previous = super::host::swap_async_frame(frame);
        let result = callback.call(&JsValue::undefined(), &args, &mut self.context);
        super::host::swap_async_frame(previous);
        result?;
        Ok(true)
    }
}
