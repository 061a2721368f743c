//! One execution environment: a boa context with the runtime's globals and
//! the loaded handler, from its INIT phase (module scope, handler lookup) to
//! its end. Invocations are in `invocation.rs`.

use std::collections::BTreeMap;
use std::rc::Rc;

use boa_engine::builtins::promise::PromiseState;
use boa_engine::{Context, JsError, JsObject, JsString, JsValue};

use super::context::ContextParts;
use super::globals;
use super::hooks::{Hooks, Jobs, VirtualClock};
use super::host::{self, HostState, Running};
use super::loader::{LoadFailure, Loader};
use super::{FunctionConfig, FunctionError, InitError, LogLine, Millis};

/// A running invocation's bookkeeping.
pub(super) struct Invocation {
    pub request_id: String,
    pub start: Millis,
    pub steps_used: u64,
}

/// A Lambda execution environment (see the module docs of [`super`]).
pub struct Environment {
    pub(super) context: Context,
    pub(super) handler: JsObject,
    pub(super) state: Rc<HostState>,
    pub(super) jobs: Rc<Jobs>,
    pub(super) loader: Rc<Loader>,
    pub(super) config: Rc<FunctionConfig>,
    pub(super) clock: Rc<std::cell::Cell<Millis>>,
    pub(super) invocation: Option<Invocation>,
    /// Invocations started so far (the serial of the next one).
    pub(super) serial: u64,
    pub(super) init_duration_ms: f64,
    pub(super) cold: bool,
    pub(super) dead: bool,
    /// What every invocation's `context` shares.
    pub(super) context_parts: ContextParts,
}

/// How a failed turn ended.
pub(super) enum Failure {
    Error(FunctionError),
    Timeout,
    OutOfMemory,
}

/// The order of the application log levels: a line below the function's level is dropped.
pub(crate) fn log_level_rank(level: &str) -> u8 {
    match level {
        "TRACE" => 0,
        "DEBUG" => 1,
        "INFO" => 2,
        "WARN" => 3,
        "ERROR" => 4,
        _ => 5, // FATAL
    }
}

/// The environment variables Lambda sets for a Node.js function, then the
/// function's own (reserved names cannot be overridden on AWS either).
fn process_env(config: &FunctionConfig) -> BTreeMap<String, String> {
    let mut env: BTreeMap<String, String> = config.environment.clone();
    let reserved = [
        ("_HANDLER", config.handler.clone()),
        ("AWS_REGION", config.region.clone()),
        ("AWS_DEFAULT_REGION", config.region.clone()),
        ("AWS_EXECUTION_ENV", format!("AWS_Lambda_{}", config.runtime)),
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
        ("NODE_PATH", format!("/opt/nodejs/node{}/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task", config.node_major())),
        ("PATH", "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin".to_string()),
        ("TZ", ":UTC".to_string()),
    ];
    for (k, v) in reserved {
        env.insert(k.to_string(), v);
    }
    // With the JSON log format Lambda tells the runtime the format and the level.
    if let Some(level) = &config.json_log_level {
        env.insert("AWS_LAMBDA_LOG_FORMAT".into(), "JSON".into());
        env.insert("AWS_LAMBDA_LOG_LEVEL".into(), level.clone());
    }
    env
}

/// What the Node.js 24 runtime answers at INIT for a handler declared with a
/// callback parameter (aws-lambda-nodejs-runtime-interface-client,
/// `CALLBACK_ERROR_NODEJS24_ABOVE`).
pub(super) const CALLBACK_HANDLER_DEPRECATED: &str = "ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.";

/// Whether Node loads a typeless `.js` file with ES module syntax as an ES
/// module: from Node.js 24 by default; Lambda starts Node.js 20 and 22 with
/// `--no-experimental-detect-module` unless `NODE_OPTIONS` asks for
/// `--experimental-detect-module`.
fn detects_module_syntax(config: &FunctionConfig) -> bool {
    let options = config
        .environment
        .get("NODE_OPTIONS")
        .map_or("", String::as_str);
    super::syntax::detects_module_syntax(config.node_major(), options)
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
        let mut host = HostState::new(now, config.seed, files, config.memory_mb);
        host.json_log_level = config.json_log_level.as_deref().map(log_level_rank);
        host.io = super::io::IoState::new(config.ephemeral_storage_mb);
        let state = Rc::new(host);
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
        state
            .detect_esm
            .set(state.typeless && detects_module_syntax(&config));

        let clock = Rc::new(std::cell::Cell::new(now));
        let jobs = Rc::new(Jobs::default());
        let loader = Rc::new(Loader::new(state.clone()));
        let esm = loader.is_esm(&file);
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
        host::ensure_gc_ballast();
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
        context.runtime_limits_mut().set_step_hook(Some(host::step));

        let init_budget = config
            .limits
            .max_steps
            .min(config.limits.init_timeout_ms * config.limits.steps_per_ms);
        state.steps_left.set(init_budget);
        let running = Running::enter(&state);

        let natives = globals::install(
            &mut context,
            &process_env(&config),
            &state,
            super::process::Platform {
                node_version: config.node_version(),
                arch: config.node_arch(),
            },
        )
        .map_err(|e| internal(e.to_string()))?;
        *state.natives.borrow_mut() = Some(natives);

        let placeholder = context.global_object();
        let context_parts = ContextParts::new(&config, &mut context);
        let mut env = Environment {
            context,
            handler: placeholder,
            state: state.clone(),
            jobs,
            loader: loader.clone(),
            config: config.clone(),
            clock,
            invocation: None,
            serial: 0,
            init_duration_ms: base,
            cold: true,
            dead: false,
            context_parts,
        };

        let loaded = if esm {
            env.load_esm(&loader, &file)
        } else {
            let path = JsString::from(format!("/var/task/{file}"));
            globals::modules(&mut env.context).and_then(|m| {
                globals::call_part(&m, "requireMain", &[path.into()], &mut env.context)
            })
        };
        let steps = init_budget - steps_left_after(&state, running);
        let init_ms = base + steps as f64 / config.limits.steps_per_ms as f64;
        env.init_duration_ms = init_ms;
        let logs = std::mem::take(&mut *state.logs.borrow_mut());
        let exports = match loaded {
            Ok(v) => v,
            Err(e) => {
                let failure = loader.failure.borrow().clone();
                let error = match (failure, env.classify(e)) {
                    (_, Failure::OutOfMemory) => FunctionError::new(
                        "Runtime.OutOfMemory",
                        "Runtime exited with error: signal: killed",
                    ),
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
        let handler = env.lookup_handler(exports, fn_path);
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
        // A streaming handler (`awslambda.streamifyResponse`) takes (event, responseStream, context).
        let (handler, streaming) =
            match super::globals::streaming_handler(handler, &mut env.context) {
                Ok(h) => h,
                Err(e) => {
                    let error = match env.classify(e) {
                        Failure::Error(error) => error,
                        _ => FunctionError::new("Runtime.Unknown", "streamifyResponse failed"),
                    };
                    let logs = std::mem::take(&mut *state.logs.borrow_mut());
                    return Err(init_error(error, logs, init_ms));
                }
            };
        // Node.js 24's runtime refuses a handler that declares a callback.
        if config.node_major() >= 24 && !streaming {
            let declared = handler
                .get(boa_engine::js_string!("length"), &mut env.context)
                .ok()
                .and_then(|n| n.as_number())
                .unwrap_or(0.0);
            if declared >= 3.0 {
                let logs = std::mem::take(&mut *state.logs.borrow_mut());
                return Err(init_error(
                    FunctionError::new(
                        "Runtime.CallbackHandlerDeprecated",
                        CALLBACK_HANDLER_DEPRECATED,
                    ),
                    logs,
                    init_ms,
                ));
            }
        }
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
                    let Some(next) = self.next_due() else {
                        break;
                    };
                    let at = next.max(self.state.now.get());
                    self.set_now(at);
                    self.fire_due(at)?;
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

    pub(super) fn set_now(&mut self, now: Millis) {
        self.state.now.set(now);
        self.clock.set(now);
    }

    /// `exports.a.b` for a handler `file.a.b`, if it is a function.
    fn lookup_handler(&mut self, exports: JsValue, path: &str) -> Option<JsObject> {
        let mut v = exports;
        for part in path.split('.') {
            if v.is_null_or_undefined() {
                return None;
            }
            let obj = v.to_object(&mut self.context).ok()?;
            v = obj.get(JsString::from(part), &mut self.context).ok()?;
        }
        v.as_callable()
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
}

impl Drop for Environment {
    /// The loader, the hooks and the job queue hold rooted JS values from
    /// outside the GC heap; release them so the context can be collected
    /// (boa's heap is per thread and shared by every environment on it).
    fn drop(&mut self) {
        self.loader.cache.borrow_mut().clear();
        self.jobs.clear();
        self.state.release();
    }
}

/// Steps left when the init slice ends (consumes the running guard).
fn steps_left_after(state: &HostState, running: Running) -> u64 {
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
