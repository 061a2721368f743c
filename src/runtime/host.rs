//! The host side of an environment: the state the native functions share
//! (virtual clock, seeded random source, logs, timers, pending host calls,
//! the running invocation, the step budget and its tick), the GC ballast,
//! and the natives behind modules (file lookup, CommonJS compilation, the
//! SDK factories). What boa itself asks of the host (its clock, hooks and
//! job queue) is in `hooks`.
//!
//! Native functions reach the state of the environment currently running
//! through a thread-local set for the duration of each entry (init, invoke,
//! resume); only one environment runs at a time on a thread.

use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use boa_engine::builtins::promise::ResolvingFunctions;
use boa_engine::{
    Context, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction, Source,
};

use super::{prepare, sdk, HostCall, LogLine, Millis};
use crate::sim::rng::Rng;
use crate::sim::time::format_iso;

/// State shared by an environment and its native functions.
pub(crate) struct HostState {
    pub now: Cell<Millis>,
    pub started_at: Millis,
    pub rng: RefCell<Rng>,
    pub logs: RefCell<Vec<LogLine>>,
    pub calls: RefCell<Vec<HostCall>>,
    pub next_call_id: Cell<u64>,
    pub outstanding_calls: Cell<usize>,
    /// Steps left in the running slice's budget, and whether it ran out.
    pub steps_left: Cell<u64>,
    pub exhausted: Cell<bool>,
    /// Set when an allocation larger than the function's memory was asked.
    pub out_of_memory: Cell<bool>,
    pub rejections: RefCell<Vec<JsObject>>,
    pub files: Rc<BTreeMap<String, String>>,
    pub esm_js: bool,
    /// Whether a `.js` file whose package.json gives no `"type"` is loaded as
    /// an ES module when it has ES module syntax (Node's syntax detection:
    /// on from Node.js 24, or with `--experimental-detect-module`).
    pub detect_esm: Cell<bool>,
    /// The package.json (if any) names no `"type"`.
    pub typeless: bool,
    /// With the JSON log format: the rank of the ApplicationLogLevel (lower lines are dropped).
    pub json_log_level: Option<u8>,
    pub memory_bytes: u64,
    /// The prepared code of each loaded file (by `/var/task/...` path),
    /// to map stack traces back to the files as written.
    pub code: RefCell<HashMap<String, Rc<prepare::Prepared>>>,
    /// `awsRequestId` of the running invocation, for console lines.
    pub request_id: RefCell<String>,
    /// Timers in virtual time, by id.
    pub timers: RefCell<BTreeMap<u64, Timer>>,
    pub timer_seq: Cell<u64>,
    /// Promises of host calls waiting for their answer, by call id.
    pub pending: RefCell<HashMap<u64, ResolvingFunctions>>,
    /// The invocation running now (see `invocation.rs`).
    pub run: RefCell<Option<Run>>,
    /// The natives object the JavaScript parts take, and those parts once
    /// compiled.
    pub natives: RefCell<Option<JsObject>>,
    pub extras: RefCell<Option<JsObject>>,
    pub modules: RefCell<Option<JsObject>>,
    pub timeout_proto: RefCell<Option<JsObject>>,
    pub array_guard: RefCell<Option<JsObject>>,
    /// `JSON.stringify` as the realm made it (results of plain data skip it
    /// only while the global is still that function).
    pub json_stringify: RefCell<Option<JsObject>>,
    /// `Promise`, `Promise.prototype.then` and `Promise[Symbol.species]`
    /// as the realm made them: a handler's settled native promise is read
    /// directly only while `then` would behave as they do.
    pub promise_intrinsics: RefCell<Option<[JsObject; 2]>>,
    /// `/tmp` and the compiled io modules (`io/`).
    pub io: super::io::IoState,
    /// The async context frame running now (AsyncLocalStorage's stores):
    /// promise jobs and timers capture it when queued and restore it when
    /// they run, as Node 24's AsyncContextFrame does.
    pub async_frame: RefCell<JsValue>,
}

/// A `setTimeout` / `setInterval` / `setImmediate` timer.
pub(crate) struct Timer {
    pub callback: JsObject,
    pub args: Vec<JsValue>,
    pub due: Millis,
    pub ms: Millis,
    pub repeat: bool,
    /// Order among timers due at the same time.
    pub seq: u64,
    /// The async context frame when it was set.
    pub frame: JsValue,
}

/// The state of an invocation as the handler drives it: its promise or
/// callback settles it; the host polls it after each turn of the loop.
#[derive(Default)]
pub(crate) struct Run {
    /// Which invocation of the environment this is: a callback or context
    /// of an earlier one has no effect on it.
    pub serial: u64,
    /// When it times out (for a context function called detached).
    pub deadline: Millis,
    pub context: Option<JsObject>,
    pub done: bool,
    pub error: Option<JsValue>,
    pub result: Option<JsValue>,
    /// A callback called while `callbackWaitsForEmptyEventLoop`: the result
    /// once the loop is empty.
    pub callback_result: Option<(JsValue, JsValue)>,
    pub promise: bool,
}

impl HostState {
    pub fn new(
        now: Millis,
        seed: u64,
        files: Rc<BTreeMap<String, String>>,
        memory_mb: u32,
    ) -> Self {
        let package_type = super::syntax::package_type(&files);
        let esm_js = package_type.as_ref().and_then(|t| t.as_str()) == Some("module");
        let typeless = package_type.is_none();
        HostState {
            now: Cell::new(now),
            started_at: now,
            rng: RefCell::new(Rng::new(seed)),
            logs: RefCell::new(Vec::new()),
            calls: RefCell::new(Vec::new()),
            next_call_id: Cell::new(1),
            outstanding_calls: Cell::new(0),
            steps_left: Cell::new(0),
            exhausted: Cell::new(false),
            out_of_memory: Cell::new(false),
            rejections: RefCell::new(Vec::new()),
            files,
            esm_js,
            detect_esm: Cell::new(false),
            typeless,
            json_log_level: None,
            memory_bytes: u64::from(memory_mb) * 1024 * 1024,
            code: RefCell::new(HashMap::new()),
            request_id: RefCell::new("undefined".to_string()),
            timers: RefCell::new(BTreeMap::new()),
            timer_seq: Cell::new(0),
            pending: RefCell::new(HashMap::new()),
            run: RefCell::new(None),
            natives: RefCell::new(None),
            extras: RefCell::new(None),
            modules: RefCell::new(None),
            timeout_proto: RefCell::new(None),
            array_guard: RefCell::new(None),
            json_stringify: RefCell::new(None),
            promise_intrinsics: RefCell::new(None),
            io: super::io::IoState::new(512),
            async_frame: RefCell::new(JsValue::undefined()),
        }
    }

    /// Releases every JS value the state holds (they are GC roots while
    /// held from Rust).
    pub fn release(&self) {
        self.timers.borrow_mut().clear();
        self.pending.borrow_mut().clear();
        self.run.borrow_mut().take();
        self.natives.borrow_mut().take();
        self.extras.borrow_mut().take();
        self.modules.borrow_mut().take();
        self.timeout_proto.borrow_mut().take();
        self.array_guard.borrow_mut().take();
        self.json_stringify.borrow_mut().take();
        self.promise_intrinsics.borrow_mut().take();
        self.io.release();
        self.async_frame.replace(JsValue::undefined());
        self.rejections.borrow_mut().clear();
        self.calls.borrow_mut().clear();
    }

    /// A console line of the running invocation.
    pub fn log_line(&self, level: &str, text: &str) {
        let request_id = self.request_id.borrow();
        self.log(level, &request_id, text);
    }

    /// A console line of one logged value, kept as a value in a JSON record.
    pub fn log_value(&self, level: &str, text: &str, value: Option<serde_json::Value>) {
        let request_id = self.request_id.borrow();
        self.log_message(level, &request_id, text, value);
    }

    pub fn remember_code(&self, path: &str, code: Rc<prepare::Prepared>) {
        self.code.borrow_mut().insert(path.to_string(), code);
    }

    /// A stack trace with positions in the files as written.
    pub fn map_stack(&self, stack: &str) -> String {
        let code = self.code.borrow();
        prepare::map_stack(stack, |path| code.get(path).cloned())
    }

    pub fn random(&self) -> f64 {
        (self.rng.borrow_mut().next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn uuid(&self) -> String {
        let mut b = [0u8; 16];
        self.rng.borrow_mut().fill(&mut b);
        b[6] = (b[6] & 0x0f) | 0x40;
        b[8] = (b[8] & 0x3f) | 0x80;
        let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
        format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        )
    }

    pub fn log(&self, level: &str, request_id: &str, text: &str) {
        self.log_message(level, request_id, text, None);
    }

    /// One console line: tab-separated text, or with the JSON log format a JSON
    /// record (`message` is the logged value itself when one value was logged).
    pub fn log_message(
        &self,
        level: &str,
        request_id: &str,
        text: &str,
        value: Option<serde_json::Value>,
    ) {
        let at = self.now.get();
        let line = match self.json_log_level {
            None => format!("{}\t{request_id}\t{level}\t{text}", format_iso(at)),
            Some(min) => {
                if super::env::log_level_rank(level) < min {
                    return;
                }
                let message = value.unwrap_or_else(|| serde_json::Value::from(text));
                // Written by hand to keep the runtime's key order (serde_json sorts keys).
                format!(
                    "{{\"timestamp\":{},\"level\":{},\"requestId\":{},\"message\":{}}}",
                    serde_json::Value::from(format_iso(at)),
                    serde_json::Value::from(level),
                    serde_json::Value::from(request_id),
                    message
                )
            }
        };
        self.logs.borrow_mut().push(LogLine { at, line });
    }

    /// The file a module path names, trying Node's extensions for
    /// `require` (`.js`, `.json`, `/index.js`) and exact names for `import`.
    pub fn resolve_file(&self, path: &str, for_require: bool) -> Option<String> {
        let key = normalize(path)?;
        if self.files.contains_key(&key) {
            return Some(key);
        }
        if for_require {
            for ext in [".js", ".json", ".cjs", "/index.js", "/index.json"] {
                let candidate = format!("{key}{ext}");
                if self.files.contains_key(&candidate) {
                    return Some(candidate);
                }
            }
        }
        None
    }
}

/// `/var/task/a/../b.js` → `b.js`; `None` if it leaves the task root.
pub(crate) fn normalize(path: &str) -> Option<String> {
    let rel = path.strip_prefix("/var/task/").unwrap_or(path);
    let mut parts: Vec<&str> = Vec::new();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// boa collects garbage once allocations pass a threshold (1 MiB at first),
/// raising the threshold to live / 0.7 when the live heap fills more than
/// 70% of it; every collection marks the whole live heap (a realm's
/// intrinsics are a few megabytes of small objects). So the garbage
/// allowed between collections is about 0.43 × the live heap, and with the
/// ~20 KB of garbage a warm invocation leaves, marking was half of its
/// cost. boa does not expose its GC settings, so each thread keeps inert
/// ballast in the GC heap: it counts as live (collections become several
/// times rarer) but takes no time to mark. Smaller in the browser, where
/// it is linear memory the page keeps.
#[cfg(not(target_arch = "wasm32"))]
const GC_BALLAST_BYTES: usize = 32 << 20;
#[cfg(target_arch = "wasm32")]
const GC_BALLAST_BYTES: usize = 16 << 20;
const GC_BALLAST_CHUNK: usize = 64 << 10;

/// Bytes the GC counts and never reads.
struct Ballast(#[allow(dead_code)] [u8; GC_BALLAST_CHUNK]);

impl boa_engine::gc::Finalize for Ballast {}

// SAFETY: the ballast holds no GC pointers.
unsafe impl boa_engine::gc::Trace for Ballast {
    boa_engine::gc::empty_trace!();
}

thread_local! {
    static BALLAST: Cell<bool> = const { Cell::new(false) };
}

/// Puts the GC ballast in place on this thread (once). The handles are
/// forgotten, not kept: they stay rooted for the thread's life, and the GC
/// frees the memory when the thread ends (a handle dropped after the GC's
/// own thread-local would touch freed memory).
pub(crate) fn ensure_gc_ballast() {
    if BALLAST.with(|b| b.replace(true)) {
        return;
    }
    for _ in 0..GC_BALLAST_BYTES / GC_BALLAST_CHUNK {
        std::mem::forget(boa_engine::gc::Gc::new(Ballast([0; GC_BALLAST_CHUNK])));
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Rc<HostState>>> = const { RefCell::new(None) };
    static STEPS_LEFT: Cell<u64> = const { Cell::new(0) };
    static EXHAUSTED: Cell<bool> = const { Cell::new(false) };
}

/// Makes `state` the running environment until dropped; the step budget
/// lives in a thread-local cell while running (the tick is the hot path).
pub(crate) struct Running {
    state: Rc<HostState>,
    previous: Option<Rc<HostState>>,
    previous_steps: u64,
    previous_exhausted: bool,
}

impl Running {
    pub fn enter(state: &Rc<HostState>) -> Self {
        let previous = CURRENT.with(|c| c.replace(Some(state.clone())));
        let previous_steps = STEPS_LEFT.with(|s| s.replace(state.steps_left.get()));
        let previous_exhausted = EXHAUSTED.with(|e| e.replace(state.exhausted.get()));
        Running {
            state: state.clone(),
            previous,
            previous_steps,
            previous_exhausted,
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.state.steps_left.set(STEPS_LEFT.with(|s| s.get()));
        self.state.exhausted.set(EXHAUSTED.with(|e| e.get()));
        CURRENT.with(|c| *c.borrow_mut() = self.previous.take());
        STEPS_LEFT.with(|s| s.set(self.previous_steps));
        EXHAUSTED.with(|e| e.set(self.previous_exhausted));
    }
}

/// Makes `frame` the running async context frame; returns the previous one.
pub(crate) fn swap_async_frame(frame: JsValue) -> JsValue {
    with_state(|s| s.async_frame.replace(frame)).unwrap_or_default()
}

/// The running async context frame.
pub(crate) fn async_frame() -> JsValue {
    with_state(|s| s.async_frame.borrow().clone()).unwrap_or_default()
}

pub(crate) fn with_state<T>(f: impl FnOnce(&HostState) -> T) -> JsResult<T> {
    CURRENT.with(|c| match &*c.borrow() {
        Some(s) => Ok(f(s)),
        None => Err(JsNativeError::error()
            .with_message("Stratus runtime used outside an invocation")
            .into()),
    })
}

/// boa's step hook (vendor/boa_engine/STRATUS.md, patch 4), called at every
/// loop iteration and JavaScript function call: charges one step; `false`
/// once the budget is spent, which ends the execution with an error no
/// `catch` can stop.
pub(crate) fn step() -> bool {
    STEPS_LEFT.with(|s| {
        let left = s.get();
        if left == 0 {
            EXHAUSTED.with(|e| e.set(true));
            false
        } else {
            s.set(left - 1);
            true
        }
    })
}

/// Charges `steps` to the running invocation's budget; past it, the same
/// error as the step hook's.
pub(crate) fn charge_steps(steps: u64) -> JsResult<()> {
    STEPS_LEFT.with(|s| {
        let left = s.get();
        if left < steps {
            s.set(0);
            EXHAUSTED.with(|e| e.set(true));
            Err(JsError::from(
                boa_engine::error::RuntimeLimitError::LoopIteration,
            ))
        } else {
            s.set(left - steps);
            Ok(())
        }
    })
}

pub(crate) fn arg_string(args: &[JsValue], i: usize, ctx: &mut Context) -> JsResult<String> {
    Ok(args
        .get(i)
        .cloned()
        .unwrap_or_default()
        .to_string(ctx)?
        .to_std_string_escaped())
}

pub(crate) fn native_resolve_file(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let path = arg_string(args, 0, ctx)?;
    Ok(match with_state(|s| s.resolve_file(&path, true))? {
        Some(p) => JsValue::from(JsString::from(format!("/var/task/{p}"))),
        None => JsValue::undefined(),
    })
}

pub(crate) fn native_file_text(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let path = arg_string(args, 0, ctx)?;
    let text = with_state(|s| normalize(&path).and_then(|k| s.files.get(&k).cloned()))?;
    Ok(JsValue::from(JsString::from(text.unwrap_or_default())))
}

/// Compiles a CommonJS file into its module wrapper function.
pub(crate) fn native_compile_cjs(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let path = arg_string(args, 0, ctx)?;
    let code = with_state(|s| {
        let source = normalize(&path).and_then(|k| s.files.get(&k).map(String::as_str));
        let source = source.unwrap_or("");
        let code = prepare::cached(prepare::Kind::CommonJs, source);
        if let Ok(code) = &code {
            s.remember_code(&path, code.clone());
        }
        code.map_err(|e| cjs_syntax_message(source).unwrap_or(e.0))
    })?
    .map_err(|m| JsNativeError::syntax().with_message(m))?;
    let src = Source::from_bytes(code.text.as_bytes()).with_path(std::path::Path::new(&path));
    ctx.eval(src)
}

/// Node's message for a CommonJS file that fails to parse because of ES
/// module syntax (the first `import` or `export` statement decides), if that
/// is why it fails: the text parses as an ES module.
pub(crate) fn cjs_syntax_message(source: &str) -> Option<String> {
    if !prepare::has_module_syntax(source) {
        return None;
    }
    let first = source.lines().map(str::trim_start).find_map(|l| {
        let is = |kw: &str| {
            l.strip_prefix(kw)
                .is_some_and(|r| r.starts_with([' ', '{', '*', '"', '\'', '\t']) || r.is_empty())
        };
        if is("import") {
            Some("Cannot use import statement outside a module")
        } else if is("export") {
            Some("Unexpected token 'export'")
        } else {
            None
        }
    });
    let message = match first {
        Some(m) => m,
        None if source.contains("import.meta") => "Cannot use 'import.meta' outside a module",
        None => return None,
    };
    Some(message.to_string())
}

pub(crate) fn native_map_stack(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let stack = arg_string(args, 0, ctx)?;
    // Outside an invocation (an init failure being classified) the trace
    // stays as it is.
    let mapped = with_state(|s| s.map_stack(&stack)).unwrap_or(stack);
    Ok(JsValue::from(JsString::from(mapped)))
}

pub(crate) fn native_uuid(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::from(JsString::from(with_state(|s| s.uuid())?)))
}

/// A built-in module's factory (the AWS SDK packages), or undefined.
pub(crate) fn native_builtin_factory(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let name = arg_string(args, 0, ctx)?;
    let Some(source) = sdk::factory_source(&name) else {
        return Ok(JsValue::undefined());
    };
    let factory = ctx.eval(Source::from_bytes(source.as_bytes()))?;
    let uuid = NativeFunction::from_fn_ptr(native_uuid).to_js_function(ctx.realm());
    // A package may import another (lib-dynamodb imports client-dynamodb).
    let builtin = super::globals::modules(ctx)?.get(boa_engine::js_string!("builtin"), ctx)?;
    // Partially apply: the factory takes (hostCall, uuid, builtin).
    let binder = ctx.eval(Source::from_bytes(
        "(function (f, uuid, builtin) { return (hostCall) => f(hostCall, uuid, builtin); })",
    ))?;
    let binder = binder
        .as_callable()
        .ok_or_else(|| JsNativeError::typ().with_message("binder"))?;
    binder.call(&JsValue::undefined(), &[factory, uuid.into(), builtin], ctx)
}
