//! The globals AWS's Node.js runtime gives a handler, defined natively so a
//! cold start compiles no JavaScript of the runtime's own: `console` in
//! Lambda's text format, `Math.random` from the seeded source, the timers in
//! virtual time, `queueMicrotask`, `process`, a lazy `Buffer`, and the
//! allocation guard (single requests larger than the function's memory end
//! the invocation as `Runtime.OutOfMemory`, as a killed process would).
//!
//! The rarer parts stay JavaScript, compiled on first use: `extras.js`
//! (util.format/inspect, Buffer, events) and `modules.js` (`require`, the
//! built-in modules, the SDK clients).

use std::collections::BTreeMap;

use boa_engine::object::builtins::{JsArray, JsFunction, JsPromise, JsProxyBuilder};
use boa_engine::object::{FunctionObjectBuilder, ObjectInitializer};
use boa_engine::property::{Attribute, PropertyDescriptor};
use boa_engine::{
    js_string, Context, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue,
    NativeFunction, Source,
};

use super::host::{self, arg_string, with_state, HostState, Timer};
use super::instrument;

/// A native function as boa takes it.
type Native = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

fn function(ctx: &mut Context, f: NativeFunction, name: &str, len: usize) -> JsFunction {
    FunctionObjectBuilder::new(ctx.realm(), f)
        .name(JsString::from(name))
        .length(len)
        .build()
}

/// `{ value, writable: true, enumerable: false, configurable: true }`, as
/// `Object.defineProperty(G, name, { value, writable: true, configurable: true })`.
fn define_hidden(obj: &JsObject, name: &str, value: JsValue, ctx: &mut Context) -> JsResult<()> {
    obj.define_property_or_throw(
        JsString::from(name),
        PropertyDescriptor::builder()
            .value(value)
            .writable(true)
            .enumerable(false)
            .configurable(true),
        ctx,
    )?;
    Ok(())
}

/// Installs the globals and returns the native object (`N`) the lazily
/// compiled JavaScript parts receive.
pub(crate) fn install(
    ctx: &mut Context,
    env: &BTreeMap<String, String>,
    state: &HostState,
) -> JsResult<JsObject> {
    let global = ctx.global_object();
    let tick = NativeFunction::from_fn_ptr(host::tick).to_js_function(ctx.realm());
    ctx.register_global_property(
        js_string!(instrument::TICK_FUNCTION),
        tick,
        Attribute::empty(),
    )?;

    // ---- console ----
    let console = JsObject::with_object_proto(ctx.intrinsics());
    let levels: [(&str, Native); 6] = [
        ("log", |_, a, c| console_line("INFO", a, c)),
        ("info", |_, a, c| console_line("INFO", a, c)),
        ("warn", |_, a, c| console_line("WARN", a, c)),
        ("error", |_, a, c| console_line("ERROR", a, c)),
        ("debug", |_, a, c| console_line("DEBUG", a, c)),
        ("trace", |_, a, c| console_line("TRACE", a, c)),
    ];
    let mut log_fn = None;
    for (name, f) in levels {
        let f = function(ctx, NativeFunction::from_fn_ptr(f), name, 0);
        if name == "log" {
            log_fn = Some(f.clone());
        }
        console.create_data_property_or_throw(JsString::from(name), f, ctx)?;
    }
    let dir = function(ctx, NativeFunction::from_fn_ptr(console_dir), "dir", 1);
    console.create_data_property_or_throw(js_string!("dir"), dir, ctx)?;
    if let Some(log) = log_fn {
        console.create_data_property_or_throw(js_string!("table"), log, ctx)?;
    }
    define_hidden(&global, "console", console.into(), ctx)?;

    // ---- Math.random from the host's seeded source ----
    let math = global.get(js_string!("Math"), ctx)?;
    if let Some(math) = math.as_object() {
        let random = function(ctx, NativeFunction::from_fn_ptr(native_random), "random", 0);
        math.set(js_string!("random"), random, false, ctx)?;
    }

    install_guards(ctx, &global, state)?;

    // ---- timers in virtual time ----
    let timeout_proto = JsObject::with_object_proto(ctx.intrinsics());
    let this_fn: [(&str, Native); 3] = [
        ("ref", |this, _, _| Ok(this.clone())),
        ("unref", |this, _, _| Ok(this.clone())),
        ("refresh", timeout_refresh),
    ];
    for (name, f) in this_fn {
        let f = function(ctx, NativeFunction::from_fn_ptr(f), name, 0);
        timeout_proto.create_data_property_or_throw(JsString::from(name), f, ctx)?;
    }
    let has_ref = function(
        ctx,
        NativeFunction::from_fn_ptr(|_, _, _| Ok(JsValue::from(true))),
        "hasRef",
        0,
    );
    timeout_proto.create_data_property_or_throw(js_string!("hasRef"), has_ref, ctx)?;
    let to_primitive = function(
        ctx,
        NativeFunction::from_fn_ptr(|this, _, ctx| timer_id(this, ctx).map(|id| id.into())),
        "[Symbol.toPrimitive]",
        0,
    );
    let symbol = boa_engine::JsSymbol::to_primitive();
    timeout_proto.create_data_property_or_throw(symbol, to_primitive, ctx)?;
    *state.timeout_proto.borrow_mut() = Some(timeout_proto);
    let timers: [(&str, Native, usize); 7] = [
        ("setTimeout", |_, a, c| add_timer(a, c, false, false), 2),
        ("setInterval", |_, a, c| add_timer(a, c, true, false), 2),
        ("setImmediate", |_, a, c| add_timer(a, c, false, true), 1),
        ("clearTimeout", clear_timer, 1),
        ("clearInterval", clear_timer, 1),
        ("clearImmediate", clear_timer, 1),
        ("queueMicrotask", queue_microtask, 1),
    ];
    for (name, f, len) in timers {
        let f = function(ctx, NativeFunction::from_fn_ptr(f), name, len);
        global.set(JsString::from(name), f, false, ctx)?;
    }

    // ---- Buffer, compiled on first use ----
    let buffer_get = function(
        ctx,
        NativeFunction::from_fn_ptr(|_, _, ctx| {
            let extras = extras(ctx)?;
            let class = extras.get(js_string!("bufferClass"), ctx)?;
            call(&class, &extras.into(), &[], ctx)
        }),
        "get Buffer",
        0,
    );
    global.define_property_or_throw(
        js_string!("Buffer"),
        PropertyDescriptor::builder()
            .get(buffer_get)
            .enumerable(false)
            .configurable(true),
        ctx,
    )?;

    // ---- process ----
    let env_obj = JsObject::with_object_proto(ctx.intrinsics());
    for (k, v) in env {
        env_obj.set(
            JsString::from(k.as_str()),
            JsString::from(v.as_str()),
            false,
            ctx,
        )?;
    }
    let process = process_object(ctx, env_obj.clone())?;
    global.set(js_string!("process"), process, false, ctx)?;

    // ---- N, for the JavaScript parts ----
    let natives: [(&str, Native, usize); 12] = [
        ("extras", |_, _, c| extras(c).map(Into::into), 0),
        ("random", native_random, 0),
        ("uuid", host::native_uuid, 0),
        ("hostCall", host_call, 3),
        ("resolveFile", host::native_resolve_file, 2),
        ("fileText", host::native_file_text, 1),
        ("compileCjs", host::native_compile_cjs, 1),
        ("builtinFactory", host::native_builtin_factory, 1),
        ("mapStack", host::native_map_stack, 1),
        (
            "now",
            |_, _, _| Ok(with_state(|s| s.now.get() as f64)?.into()),
            0,
        ),
        ("outOfMemory", out_of_memory, 0),
        ("tick", host::tick, 0),
    ];
    let mut init = ObjectInitializer::new(ctx);
    for (name, f, len) in natives {
        init.function(NativeFunction::from_fn_ptr(f), JsString::from(name), len);
    }
    init.property(js_string!("env"), env_obj, Attribute::all());
    Ok(init.build())
}

/// Calls `f` if it is callable.
fn call(f: &JsValue, this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    match f.as_callable() {
        Some(f) => f.call(this, args, ctx),
        None => Err(JsNativeError::typ().with_message("not a function").into()),
    }
}

/// Compiles a lazily loaded part of the runtime: `(function (N, G) {...})`
/// applied to the natives and the global object.
fn compile_part(source: &str, ctx: &mut Context) -> JsResult<JsObject> {
    let natives = with_state(|s| s.natives.borrow().clone())?
        .ok_or_else(|| JsNativeError::error().with_message("runtime not ready"))?;
    let factory = ctx.eval(Source::from_bytes(source.as_bytes()))?;
    let global = ctx.global_object();
    call(
        &factory,
        &JsValue::undefined(),
        &[natives.into(), global.into()],
        ctx,
    )?
    .as_object()
    .ok_or_else(|| JsNativeError::typ().with_message("runtime part").into())
}

/// util.format/inspect, Buffer, events (`extras.js`), compiled on first use.
pub(crate) fn extras(ctx: &mut Context) -> JsResult<JsObject> {
    if let Some(x) = with_state(|s| s.extras.borrow().clone())? {
        return Ok(x);
    }
    let x = compile_part(include_str!("extras.js"), ctx)?;
    with_state(|s| *s.extras.borrow_mut() = Some(x.clone()))?;
    Ok(x)
}

/// `require` and the built-in modules (`modules.js`), compiled on first use.
pub(crate) fn modules(ctx: &mut Context) -> JsResult<JsObject> {
    if let Some(m) = with_state(|s| s.modules.borrow().clone())? {
        return Ok(m);
    }
    let m = compile_part(include_str!("modules.js"), ctx)?;
    with_state(|s| *s.modules.borrow_mut() = Some(m.clone()))?;
    Ok(m)
}

/// Calls a method of a lazily compiled part.
pub(crate) fn call_part(
    part: &JsObject,
    method: &str,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let f = part.get(JsString::from(method), ctx)?;
    call(&f, &part.clone().into(), args, ctx)
}

/// One console line: plain strings are joined as they are; anything else
/// goes through `util.format`, as Node's console does.
fn console_line(level: &str, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let plain = args.iter().all(|a| {
        a.as_string()
            .is_some_and(|s| !s.to_std_string_escaped().contains('%'))
    });
    let text = if plain {
        let parts: Vec<String> = args
            .iter()
            .filter_map(|a| a.as_string().map(|s| s.to_std_string_escaped()))
            .collect();
        parts.join(" ")
    } else {
        let x = extras(ctx)?;
        call_part(&x, "format", args, ctx)?
            .to_string(ctx)?
            .to_std_string_escaped()
    };
    with_state(|s| s.log_line(level, &text))?;
    Ok(JsValue::undefined())
}

fn console_dir(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let x = extras(ctx)?;
    let v = args.first().cloned().unwrap_or_default();
    let text = call_part(&x, "inspect", &[v], ctx)?
        .to_string(ctx)?
        .to_std_string_escaped();
    with_state(|s| s.log_line("INFO", &text))?;
    Ok(JsValue::undefined())
}

fn native_random(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Ok(JsValue::from(with_state(|s| s.random())?))
}

/// Ends the invocation as Lambda's out-of-memory kill (no `catch` stops it).
fn out_of_memory(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
    Err(out_of_memory_error())
}

fn out_of_memory_error() -> JsError {
    let _ = with_state(|s| s.out_of_memory.set(true));
    JsError::from(boa_engine::error::RuntimeLimitError::LoopIteration)
}

/// A finite number, else 0 (the guard's reading of a length argument).
fn len(v: &JsValue, ctx: &mut Context) -> JsResult<f64> {
    let n = v.to_number(ctx)?;
    Ok(if n.is_finite() { n } else { 0.0 })
}

fn charge(bytes: f64) -> JsResult<()> {
    let memory = with_state(|s| s.memory_bytes)? as f64;
    if bytes > memory {
        return Err(out_of_memory_error());
    }
    Ok(())
}

/// What a guarded built-in would allocate, in bytes.
type Cost = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<f64>;

fn arg(args: &[JsValue], i: usize) -> JsValue {
    args.get(i).cloned().unwrap_or_default()
}

/// Replaces `obj[name]` by a function that charges the cost at `COSTS[index]`
/// and then calls the original.
fn guard(obj: &JsObject, name: &str, index: usize, ctx: &mut Context) -> JsResult<()> {
    let original = obj.get(JsString::from(name), ctx)?;
    if !original.is_callable() {
        return Ok(());
    }
    // Captures must be traceable: the original and the cost's index.
    let captures = JsArray::from_iter([original, JsValue::from(index as u32)], ctx);
    let f = NativeFunction::from_copy_closure_with_captures(
        |this, args, captures: &JsArray, ctx| {
            let original = captures.get(0, ctx)?;
            let index = captures.get(1, ctx)?.to_u32(ctx)? as usize;
            let (_, cost) = COSTS[index];
            charge(cost(this, args, ctx)?)?;
            call(&original, this, args, ctx)
        },
        captures,
    );
    let f = function(ctx, f, name, 0);
    define_hidden(obj, name, f.into(), ctx)
}

const COSTS: [(&str, Cost); 6] = [
    ("repeat", |s, a, c| {
        let n = s.to_string(c)?.len() as f64;
        Ok(n * len(&arg(a, 0), c)? * 2.0)
    }),
    ("padStart", |_, a, c| Ok(len(&arg(a, 0), c)? * 2.0)),
    ("padEnd", |_, a, c| Ok(len(&arg(a, 0), c)? * 2.0)),
    ("fill", |arr, _, c| {
        let n = arr.to_object(c)?.get(js_string!("length"), c)?;
        Ok(len(&n, c)? * 8.0)
    }),
    ("join", |arr, a, c| {
        let n = arr.to_object(c)?.get(js_string!("length"), c)?;
        let sep = arg(a, 0);
        let w = if sep.is_undefined() {
            1.0
        } else {
            sep.to_string(c)?.len() as f64
        };
        Ok(len(&n, c)? * w * 2.0)
    }),
    ("from", |_, a, c| {
        let v = arg(a, 0);
        let Some(o) = v.as_object() else {
            return Ok(0.0);
        };
        if o.is_callable() {
            return Ok(0.0);
        }
        let iterator = boa_engine::JsSymbol::iterator();
        if o.has_property(iterator, c)? {
            return Ok(0.0);
        }
        let n = o.get(js_string!("length"), c)?;
        Ok(len(&n, c)? * 8.0)
    }),
];

fn install_guards(ctx: &mut Context, global: &JsObject, state: &HostState) -> JsResult<()> {
    let string_proto = ctx.intrinsics().constructors().string().prototype();
    let array_proto = ctx.intrinsics().constructors().array().prototype();
    let array = ctx.intrinsics().constructors().array().constructor();
    for (obj, name) in [
        (&string_proto, "repeat"),
        (&string_proto, "padStart"),
        (&string_proto, "padEnd"),
        (&array_proto, "fill"),
        (&array_proto, "join"),
        (&array, "from"),
    ] {
        if let Some(index) = COSTS.iter().position(|c| c.0 == name) {
            guard(obj, name, index, ctx)?;
        }
    }
    // `Array(n)` and `new Array(n)`.
    let proxy = JsProxyBuilder::new(array)
        .apply(|_, args, ctx| {
            let (target, this, list) = (arg(args, 0), arg(args, 1), arg(args, 2));
            let list = array_args(&list, ctx)?;
            charge_length(&list)?;
            call(&target, &this, &list, ctx)
        })
        .construct(|_, args, ctx| {
            let (target, list, new_target) = (arg(args, 0), arg(args, 1), arg(args, 2));
            let list = array_args(&list, ctx)?;
            charge_length(&list)?;
            let guard = with_state(|s| s.array_guard.borrow().clone())?;
            let new_target = match (&guard, new_target.as_object()) {
                (Some(g), Some(n)) if JsObject::equals(g, &n) => target.clone(),
                _ => new_target,
            };
            let target = target
                .as_constructor()
                .ok_or_else(|| JsNativeError::typ().with_message("not a constructor"))?;
            let new_target = new_target.as_constructor();
            Ok(target.construct(&list, new_target.as_ref(), ctx)?.into())
        })
        .build(ctx)?;
    let proxy: JsObject = proxy.into();
    *state.array_guard.borrow_mut() = Some(proxy.clone());
    define_hidden(global, "Array", proxy.into(), ctx)
}

fn array_args(list: &JsValue, ctx: &mut Context) -> JsResult<Vec<JsValue>> {
    let Some(list) = list.as_object() else {
        return Ok(Vec::new());
    };
    let n = list.get(js_string!("length"), ctx)?.to_length(ctx)?;
    (0..n).map(|i| list.get(i, ctx)).collect()
}

fn charge_length(args: &[JsValue]) -> JsResult<()> {
    if let [n] = args {
        if let Some(n) = n.as_number() {
            charge(n * 8.0)?;
        }
    }
    Ok(())
}

/// `process`, as a Node.js 22 Lambda function sees it.
fn process_object(ctx: &mut Context, env: JsObject) -> JsResult<JsValue> {
    let versions = ObjectInitializer::new(ctx)
        .property(js_string!("node"), js_string!("22.14.0"), Attribute::all())
        .build();
    let argv = JsArray::from_iter(
        [
            js_string!("/var/lang/bin/node").into(),
            js_string!("/var/runtime/index.mjs").into(),
        ],
        ctx,
    );
    let hrtime = function(ctx, NativeFunction::from_fn_ptr(hrtime), "hrtime", 1);
    let bigint = function(
        ctx,
        NativeFunction::from_fn_ptr(|_, _, _| {
            let ms = with_state(|s| s.now.get())?;
            let ns = i64::try_from(ms).unwrap_or(i64::MAX / 1_000_000) * 1_000_000;
            Ok(boa_engine::JsBigInt::new(ns).into())
        }),
        "bigint",
        0,
    );
    hrtime.set(js_string!("bigint"), bigint, false, ctx)?;
    let fns: [(&str, Native, usize); 7] = [
        ("cwd", |_, _, _| Ok(js_string!("/var/task").into()), 0),
        (
            "uptime",
            |_, _, _| {
                Ok(
                    with_state(|s| s.now.get().saturating_sub(s.started_at) as f64 / 1000.0)?
                        .into(),
                )
            },
            0,
        ),
        ("memoryUsage", memory_usage, 0),
        ("nextTick", next_tick, 1),
        (
            "on",
            |_, _, c| c.global_object().get(js_string!("process"), c),
            0,
        ),
        (
            "once",
            |_, _, c| c.global_object().get(js_string!("process"), c),
            0,
        ),
        ("exit", process_exit, 1),
    ];
    let mut init = ObjectInitializer::new(ctx);
    init.property(js_string!("env"), env, Attribute::all())
        .property(
            js_string!("version"),
            js_string!("v22.14.0"),
            Attribute::all(),
        )
        .property(js_string!("versions"), versions, Attribute::all())
        .property(
            js_string!("platform"),
            js_string!("linux"),
            Attribute::all(),
        )
        .property(js_string!("arch"), js_string!("x64"), Attribute::all())
        .property(js_string!("argv"), argv, Attribute::all());
    let obj = init.build();
    obj.create_data_property_or_throw(js_string!("hrtime"), hrtime, ctx)?;
    for (name, f, n) in fns {
        let f = function(ctx, NativeFunction::from_fn_ptr(f), name, n);
        obj.create_data_property_or_throw(JsString::from(name), f, ctx)?;
    }
    Ok(obj.into())
}

fn hrtime(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let ms = with_state(|s| s.now.get())? as f64;
    let t = [(ms / 1000.0).floor(), (ms % 1000.0) * 1e6];
    let prev = arg(args, 0);
    let out = if prev.to_boolean() {
        let p = prev.to_object(ctx)?;
        let p0 = p.get(0, ctx)?.to_number(ctx)?;
        let p1 = p.get(1, ctx)?.to_number(ctx)?;
        [t[0] - p0, t[1] - p1]
    } else {
        t
    };
    Ok(JsArray::from_iter([out[0].into(), out[1].into()], ctx).into())
}

fn memory_usage(_: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let mut init = ObjectInitializer::new(ctx);
    for k in ["rss", "heapTotal", "heapUsed", "external", "arrayBuffers"] {
        init.property(JsString::from(k), 0, Attribute::all());
    }
    Ok(init.build().into())
}

/// Runs `fn(...args)` as a promise job, as `Promise.resolve().then(...)`.
fn next_tick(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let captures = JsArray::from_iter(args.iter().cloned(), ctx);
    let job = NativeFunction::from_copy_closure_with_captures(
        |_, _, captures: &JsArray, ctx| {
            let n = captures.length(ctx)?;
            let f = captures.get(0, ctx)?;
            let rest: Vec<JsValue> = (1..n)
                .map(|i| captures.get(i, ctx))
                .collect::<JsResult<_>>()?;
            call(&f, &JsValue::undefined(), &rest, ctx)?;
            Ok(JsValue::undefined())
        },
        captures,
    )
    .to_js_function(ctx.realm());
    JsPromise::resolve(JsValue::undefined(), ctx)?.then(Some(job), None, ctx)?;
    Ok(JsValue::undefined())
}

/// `Promise.resolve().then(fn)`.
fn queue_microtask(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let f = arg(args, 0)
        .as_object()
        .and_then(|o| JsFunction::from_object(o.clone()));
    JsPromise::resolve(JsValue::undefined(), ctx)?.then(f, None, ctx)?;
    Ok(JsValue::undefined())
}

fn process_exit(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let code = arg(args, 0);
    let code = if code.is_undefined() {
        String::new()
    } else {
        code.to_string(ctx)?.to_std_string_escaped()
    };
    Err(JsNativeError::error()
        .with_message(format!("process.exit({code}) is not supported in Stratus"))
        .into())
}

fn timer_id(this: &JsValue, ctx: &mut Context) -> JsResult<f64> {
    match this.as_object() {
        Some(o) => o.get(js_string!("_id"), ctx)?.to_number(ctx),
        None => Ok(f64::NAN),
    }
}

fn add_timer(
    args: &[JsValue],
    ctx: &mut Context,
    repeat: bool,
    immediate: bool,
) -> JsResult<JsValue> {
    let callback = arg(args, 0);
    let Some(callback) = callback.as_callable() else {
        let shown = callback.to_string(ctx)?.to_std_string_escaped();
        return Err(JsNativeError::typ()
            .with_message(format!(
                "The \"callback\" argument must be of type function. Received {shown}"
            ))
            .into());
    };
    let (ms, rest) = if immediate {
        (0, args.get(1..).unwrap_or_default())
    } else {
        let delay = arg(args, 1).to_number(ctx)?;
        let delay = if delay.is_nan() { 0.0 } else { delay };
        (
            delay.floor().max(1.0) as u64,
            args.get(2..).unwrap_or_default(),
        )
    };
    let (id, proto) = with_state(|s| {
        let id = s.timer_seq.get() + 1;
        s.timer_seq.set(id);
        s.timers.borrow_mut().insert(
            id,
            Timer {
                callback,
                args: rest.to_vec(),
                due: s.now.get() + ms,
                ms,
                repeat,
                seq: id,
            },
        );
        (id, s.timeout_proto.borrow().clone())
    })?;
    let timeout = JsObject::with_object_proto(ctx.intrinsics());
    if proto.is_some() {
        timeout.set_prototype(proto);
    }
    timeout.create_data_property_or_throw(js_string!("_id"), id as f64, ctx)?;
    Ok(timeout.into())
}

fn timeout_refresh(this: &JsValue, _: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let id = timer_id(this, ctx)?;
    with_state(|s| {
        if let Some(t) = s.timers.borrow_mut().get_mut(&(id as u64)) {
            t.due = s.now.get() + t.ms;
        }
    })?;
    Ok(this.clone())
}

fn clear_timer(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let t = arg(args, 0);
    if t.is_null_or_undefined() {
        return Ok(JsValue::undefined());
    }
    let id = if t.is_object() {
        timer_id(&t, ctx)?
    } else {
        t.to_number(ctx)?
    };
    if id.is_finite() && id >= 0.0 && id.fract() == 0.0 {
        with_state(|s| s.timers.borrow_mut().remove(&(id as u64)))?;
    }
    Ok(JsValue::undefined())
}

/// The SDK shim's transport: a promise the host settles with the answer to
/// a [`super::HostCall`].
fn host_call(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let service = arg_string(args, 0, ctx)?;
    let action = arg_string(args, 1, ctx)?;
    let input = arg(args, 2);
    let input = if input.is_undefined() {
        JsObject::with_object_proto(ctx.intrinsics()).into()
    } else {
        input
    };
    let json = ctx.global_object().get(js_string!("JSON"), ctx)?;
    let stringify = json
        .as_object()
        .map(|j| j.get(js_string!("stringify"), ctx))
        .transpose()?
        .unwrap_or_default();
    let text = call(&stringify, &json, &[input], ctx)?
        .to_string(ctx)?
        .to_std_string_escaped();
    let input: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| JsNativeError::typ().with_message(format!("input is not JSON: {e}")))?;
    let (promise, resolvers) = JsPromise::new_pending(ctx);
    with_state(|s| {
        let id = s.next_call_id.get();
        s.next_call_id.set(id + 1);
        s.outstanding_calls.set(s.outstanding_calls.get() + 1);
        s.calls.borrow_mut().push(super::HostCall {
            id,
            service,
            action,
            input,
        });
        s.pending.borrow_mut().insert(id, resolvers);
    })?;
    Ok(promise.into())
}
