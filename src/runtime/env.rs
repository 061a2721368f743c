//! One execution environment: a boa context with the prelude, the loaded
//! handler, and the invocation currently running (if any).

use std::collections::BTreeMap;
use std::rc::Rc;

use boa_engine::builtins::promise::PromiseState;
use boa_engine::error::{EngineError, RuntimeLimitError};
use boa_engine::{Context, JsError, JsObject, JsString, JsValue, Source};
use serde_json::Value;

use super::host::{self, Hooks, HostState, Jobs, Running, VirtualClock};
use super::loader::{LoadFailure, Loader};
use super::{
    FunctionConfig, FunctionError, HostResult, InitError, InvokeInfo, LogLine, Millis, Outcome,
    Step,
};
use crate::sim::time::format_iso;

const PRELUDE: &str = include_str!("prelude.js");

/// A running invocation's bookkeeping.
struct Invocation {
    request_id: String,
    start: Millis,
    steps_used: u64,
    slice_budget: u64,
}

/// A Lambda execution environment (see the module docs of [`super`]).
pub struct Environment {
    context: Context,
    rt: JsObject,
    handler: JsObject,
    state: Rc<HostState>,
    jobs: Rc<Jobs>,
    config: Rc<FunctionConfig>,
    clock: Rc<std::cell::Cell<Millis>>,
    invocation: Option<Invocation>,
    init_duration_ms: f64,
    cold: bool,
    dead: bool,
}

/// How a failed turn ended.
enum Failure {
    Error(FunctionError),
    Timeout,
}

/// The environment variables Lambda sets for a Node.js function, then the
/// function's own (reserved names cannot be overridden on AWS either).
fn process_env(config: &FunctionConfig) -> BTreeMap<String, String> {
    let mut env: BTreeMap<String, String> = config.environment.clone();
    let reserved = [
        ("_HANDLER", config.handler.clone()),
        ("AWS_REGION", config.region.clone()),
        ("AWS_DEFAULT_REGION", config.region.clone()),
        ("AWS_EXECUTION_ENV", "AWS_Lambda_nodejs22.x".to_string()),
        ("AWS_LAMBDA_FUNCTION_NAME", config.function_name.clone()),
        ("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", config.memory_mb.to_string()),
        ("AWS_LAMBDA_FUNCTION_VERSION", config.function_version.clone()),
        ("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand".to_string()),
        ("AWS_LAMBDA_LOG_GROUP_NAME", config.log_group_name()),
        ("AWS_LAMBDA_LOG_STREAM_NAME", config.log_stream_name.clone()),
        ("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001".to_string()),
        ("LAMBDA_TASK_ROOT", "/var/task".to_string()),
        ("LAMBDA_RUNTIME_DIR", "/var/runtime".to_string()),
        ("LANG", "en_US.UTF-8".to_string()),
        ("NODE_PATH", "/opt/nodejs/node22/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task".to_string()),
        ("PATH", "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin".to_string()),
        ("TZ", ":UTC".to_string()),
    ];
    for (k, v) in reserved {
        env.insert(k.to_string(), v);
    }
    env
}

fn init_error(error: FunctionError, logs: Vec<LogLine>, init_duration_ms: f64) -> InitError {
    InitError {
        error,
        logs,
        init_duration_ms,
    }
}

impl Environment {
    /// Starts an environment at virtual time `now`: builds the context, runs
    /// the handler's module scope once and finds the handler.
    pub fn init(config: FunctionConfig, now: Millis) -> Result<Environment, InitError> {
        let config = Rc::new(config);
        let base = config.limits.init_base_ms;
        // Handler string: `dir/module.path.to.fn`.
        let (dir, base_name) = match config.handler.rfind('/') {
            Some(i) => (&config.handler[..=i], &config.handler[i + 1..]),
            None => ("", config.handler.as_str()),
        };
        let Some((module_name, fn_path)) = base_name.split_once('.') else {
            return Err(init_error(
                FunctionError::new("Runtime.MalformedHandlerName", "Bad handler"),
                Vec::new(),
                base,
            ));
        };
        if module_name.is_empty() || fn_path.is_empty() {
            return Err(init_error(
                FunctionError::new("Runtime.MalformedHandlerName", "Bad handler"),
                Vec::new(),
                base,
            ));
        }
        let module_path = format!("{dir}{module_name}");
        let files = Rc::new(config.files.clone());
        let state = Rc::new(HostState::new(now, config.seed, files, config.memory_mb));
        let file = [".js", ".mjs", ".cjs"]
            .iter()
            .map(|ext| format!("{module_path}{ext}"))
            .find(|f| state.files.contains_key(f));
        let Some(file) = file else {
            return Err(init_error(
                FunctionError::new(
                    "Runtime.ImportModuleError",
                    &format!(
                        "Error: Cannot find module '{module_path}'\nRequire stack:\n- /var/runtime/index.mjs"
                    ),
                ),
                Vec::new(),
                base,
            ));
        };
        let esm = file.ends_with(".mjs") || (file.ends_with(".js") && state.esm_js);

        let clock = Rc::new(std::cell::Cell::new(now));
        let jobs = Rc::new(Jobs::default());
        let loader = Rc::new(Loader::new(state.clone()));
        let hooks = Rc::new(Hooks {
            state: state.clone(),
        });
        let internal = |message: String| {
            init_error(
                FunctionError::new("Runtime.Unknown", &message),
                Vec::new(),
                base,
            )
        };
        let mut context = Context::builder()
            .job_executor(jobs.clone())
            .module_loader(loader.clone())
            .host_hooks(hooks)
            .clock(Rc::new(VirtualClock(clock.clone())))
            .build()
            .map_err(|e| internal(e.to_string()))?;
        context
            .runtime_limits_mut()
            .set_recursion_limit(config.limits.max_call_depth);

        let init_budget = config
            .limits
            .max_steps
            .min(config.limits.init_timeout_ms * config.limits.steps_per_ms);
        state.steps_left.set(init_budget);
        let running = Running::enter(&state);

        let natives = host::install(&mut context, &process_env(&config))
            .map_err(|e| internal(e.to_string()))?;
        let prelude = context
            .eval(Source::from_bytes(PRELUDE.as_bytes()))
            .map_err(|e| internal(e.to_string()))?;
        let rt = prelude
            .as_callable()
            .ok_or_else(|| internal("prelude".to_string()))?
            .call(&JsValue::undefined(), &[natives.into()], &mut context)
            .map_err(|e| internal(e.to_string()))?
            .as_object()
            .ok_or_else(|| internal("prelude".to_string()))?
            .clone();
        *loader.rt.borrow_mut() = Some(rt.clone());

        let mut env = Environment {
            context,
            rt: rt.clone(),
            handler: rt.clone(),
            state: state.clone(),
            jobs,
            config: config.clone(),
            clock,
            invocation: None,
            init_duration_ms: base,
            cold: true,
            dead: false,
        };

        let loaded = if esm {
            env.load_esm(&loader, &file)
        } else {
            env.call_rt(
                "requireMain",
                &[JsString::from(format!("/var/task/{file}")).into()],
            )
        };
        let steps = init_budget - STEPS_LEFT_AFTER(&state, running);
        let init_ms = base + steps as f64 / config.limits.steps_per_ms as f64;
        env.init_duration_ms = init_ms;
        let logs = std::mem::take(&mut *state.logs.borrow_mut());
        let exports = match loaded {
            Ok(v) => v,
            Err(e) => {
                let failure = loader.failure.borrow().clone();
                let error = match (failure, env.classify(e)) {
                    (_, Failure::Timeout) => FunctionError::new(
                        "Runtime.Unknown",
                        &format!(
                            "INIT timed out after {:.2} seconds",
                            config.limits.init_timeout_ms as f64 / 1000.0
                        ),
                    ),
                    (Some(LoadFailure::NotFound(m)), _) => {
                        FunctionError::new("Runtime.ImportModuleError", &format!("Error: {m}"))
                    }
                    (Some(LoadFailure::Syntax(m)), _) => FunctionError::new(
                        "Runtime.UserCodeSyntaxError",
                        &format!("SyntaxError: {m}"),
                    ),
                    (None, Failure::Error(err)) => reclassify_cjs(err),
                };
                return Err(init_error(error, logs, init_ms));
            }
        };
        state.logs.borrow_mut().extend(logs);
        let _running = Running::enter(&state);
        let handler = env
            .call_rt("lookupHandler", &[exports, JsString::from(fn_path).into()])
            .ok()
            .and_then(|h| h.as_object().map(|o| o.clone()));
        let Some(handler) = handler else {
            let logs = std::mem::take(&mut *state.logs.borrow_mut());
            return Err(init_error(
                FunctionError::new(
                    "Runtime.HandlerNotFound",
                    &format!("{} is undefined or not exported", config.handler),
                ),
                logs,
                init_ms,
            ));
        };
        env.handler = handler;
        Ok(env)
    }

    fn load_esm(&mut self, loader: &Rc<Loader>, file: &str) -> Result<JsValue, JsError> {
        let module = loader.parse_esm(file, &mut self.context)?;
        let promise = module.load_link_evaluate(&mut self.context);
        // Module scope may await timers: run them in virtual time.
        for _ in 0..10_000 {
            self.context.run_jobs()?;
            match promise.state() {
                PromiseState::Pending => {
                    let next = self.call_rt("nextDue", &[])?.to_number(&mut self.context)?;
                    if next < 0.0 {
                        break;
                    }
                    let at = (next as Millis).max(self.state.now.get());
                    self.set_now(at);
                    self.call_rt("fireDue", &[JsValue::from(at as f64)])?;
                }
                _ => break,
            }
        }
        match promise.state() {
            PromiseState::Fulfilled(_) => Ok(module.namespace(&mut self.context).into()),
            PromiseState::Rejected(reason) => Err(JsError::from_opaque(reason)),
            PromiseState::Pending => Err(boa_engine::JsNativeError::error()
                .with_message("module scope awaits something that never settles (AWS calls cannot be awaited during init in Stratus yet)")
                .into()),
        }
    }

    fn set_now(&mut self, now: Millis) {
        self.state.now.set(now);
        self.clock.set(now);
    }

    fn call_rt(&mut self, method: &str, args: &[JsValue]) -> Result<JsValue, JsError> {
        let f = self.rt.get(JsString::from(method), &mut self.context)?;
        let f = f.as_callable().ok_or_else(|| {
            boa_engine::JsNativeError::typ().with_message(format!("runtime has no {method}"))
        })?;
        f.call(&self.rt.clone().into(), args, &mut self.context)
    }

    /// Modelled duration of the environment's INIT phase.
    pub fn init_duration_ms(&self) -> f64 {
        self.init_duration_ms
    }

    /// False once a timeout or crash has ended this environment.
    pub fn is_reusable(&self) -> bool {
        !self.dead
    }

    pub fn config(&self) -> &FunctionConfig {
        &self.config
    }

    /// Log lines written outside an invocation (module scope at init).
    pub fn take_init_logs(&mut self) -> Vec<LogLine> {
        if self.invocation.is_some() {
            return Vec::new();
        }
        std::mem::take(&mut *self.state.logs.borrow_mut())
    }

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
        let info_json = serde_json::json!({
            "awsRequestId": info.aws_request_id,
            "functionName": self.config.function_name,
            "functionVersion": self.config.function_version,
            "invokedFunctionArn": info.invoked_function_arn.clone().unwrap_or_else(|| self.config.function_arn()),
            "memoryLimitInMB": self.config.memory_mb.to_string(),
            "logGroupName": self.config.log_group_name(),
            "logStreamName": self.config.log_stream_name,
            "deadline": deadline,
            "clientContext": info.client_context,
            "identity": info.identity,
        });
        self.invocation = Some(Invocation {
            request_id: info.aws_request_id.clone(),
            start: now,
            steps_used: 0,
            slice_budget: 0,
        });
        let event_text = event.to_string();
        let handler = self.handler.clone();
        self.run_slice(|env| {
            env.call_rt(
                "invoke",
                &[
                    handler.into(),
                    JsString::from(event_text.as_str()).into(),
                    JsString::from(info_json.to_string()).into(),
                ],
            )
            .map(|_| ())
        })
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
                    Ok(v) => (true, v.to_string()),
                    Err(e) => (
                        false,
                        serde_json::json!({
                            "code": e.code,
                            "message": e.message,
                            "senderFault": e.sender_fault,
                            "httpStatus": e.http_status,
                        })
                        .to_string(),
                    ),
                };
                env.state
                    .outstanding_calls
                    .set(env.state.outstanding_calls.get().saturating_sub(1));
                env.call_rt(
                    "settle",
                    &[
                        JsValue::from(r.id as f64),
                        JsValue::from(ok),
                        JsString::from(payload).into(),
                    ],
                )?;
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
        if let Some(inv) = &mut self.invocation {
            inv.slice_budget = budget;
        }
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
                let failure = self.classify(e);
                self.finish(Err(failure))
            }
            Ok(_) if self.state.exhausted.get() => self.finish(Err(Failure::Timeout)),
            Ok(Some(done)) => self.finish(Ok(done)),
            Ok(None) => {
                if self.state.exhausted.get() {
                    return self.finish(Err(Failure::Timeout));
                }
                let deadline = self.deadline();
                let _running = Running::enter(&state);
                let next = self
                    .call_rt("nextDue", &[])
                    .ok()
                    .and_then(|v| v.as_number())
                    .unwrap_or(-1.0);
                let wake = if next >= 0.0 {
                    (next as Millis).min(deadline)
                } else {
                    deadline
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
    /// returns the outcome JSON once the invocation is done.
    fn turn(&mut self) -> Result<Option<Value>, JsError> {
        let now = self.state.now.get();
        loop {
            self.context.run_jobs()?;
            let unhandled = host::take_unhandled(&self.state);
            if let Some(reason) = unhandled.into_iter().next() {
                let error = self.js_error_shape(reason);
                let message = format!("{}: {}", error.error_type, error.error_message);
                let message = if error.error_type == "string" || error.error_type == "number" {
                    error.error_message.clone()
                } else {
                    message
                };
                let mut trace = vec![format!("Runtime.UnhandledPromiseRejection: {message}")];
                trace.extend(error.trace.iter().skip(1).cloned());
                self.dead = true;
                return Ok(Some(serde_json::json!({
                    "error": {
                        "errorType": "Runtime.UnhandledPromiseRejection",
                        "errorMessage": message,
                        "trace": trace,
                    }
                })));
            }
            let fired = self.call_rt("fireDue", &[JsValue::from(now as f64)])?;
            if !fired.to_boolean() {
                break;
            }
        }
        let timers = self.call_rt("timerCount", &[])?.as_number().unwrap_or(0.0);
        let loop_empty = timers == 0.0 && self.state.outstanding_calls.get() == 0;
        let polled = self.call_rt("poll", &[JsValue::from(loop_empty)])?;
        if polled.is_undefined() {
            return Ok(None);
        }
        let text = polled.to_string(&mut self.context)?.to_std_string_escaped();
        Ok(Some(serde_json::from_str(&text).unwrap_or(Value::Null)))
    }

    fn js_error_shape(&mut self, value: JsValue) -> FunctionError {
        let shaped = self
            .call_rt("awsError", &[value])
            .ok()
            .and_then(|v| {
                let ctx = &mut self.context;
                v.to_json(ctx).ok().flatten()
            })
            .and_then(|j| serde_json::from_value::<FunctionError>(j).ok());
        shaped.unwrap_or_else(|| FunctionError::new("Error", "unknown error"))
    }

    /// Maps an error that escaped to Rust: the step budget and boa's limits
    /// are engine errors no `catch` stops; others are the thrown value.
    fn classify(&mut self, e: JsError) -> Failure {
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
        Failure::Error(self.js_error_shape(opaque))
    }

    fn finish(&mut self, done: Result<Value, Failure>) -> Step {
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
            Ok(v) => {
                if let Some(err) = v.get("error") {
                    Err(serde_json::from_value::<FunctionError>(err.clone())
                        .unwrap_or_else(|_| FunctionError::new("Error", "unknown error")))
                } else if v.get("exitedEarly").is_some() {
                    self.dead = true;
                    Err(FunctionError::new(
                        "Runtime.ExitError",
                        &format!(
                            "RequestId: {} Error: Runtime exited without providing a reason",
                            inv.request_id
                        ),
                    ))
                } else {
                    Ok(v.get("ok").cloned().unwrap_or(Value::Null))
                }
            }
            Err(Failure::Error(e)) => Err(e),
            Err(Failure::Timeout) => {
                self.dead = true;
                let secs = self.config.timeout_ms as f64 / 1000.0;
                duration_ms = self.config.timeout_ms as f64;
                let at = inv.start + self.config.timeout_ms;
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

/// Steps left when the init slice ends (consumes the running guard).
#[allow(non_snake_case)]
fn STEPS_LEFT_AFTER(state: &HostState, running: Running) -> u64 {
    drop(running);
    state.steps_left.get()
}

/// A CommonJS `require` of a missing module or a file with a syntax error,
/// reported as the Lambda runtime does.
fn reclassify_cjs(err: FunctionError) -> FunctionError {
    if err.error_type == "SyntaxError" {
        return FunctionError {
            error_type: "Runtime.UserCodeSyntaxError".to_string(),
            error_message: format!("SyntaxError: {}", err.error_message),
            trace: err.trace,
        };
    }
    if err.error_message.starts_with("Cannot find module") {
        return FunctionError {
            error_type: "Runtime.ImportModuleError".to_string(),
            error_message: format!("Error: {}\n- /var/runtime/index.mjs", err.error_message),
            trace: err.trace,
        };
    }
    err
}
