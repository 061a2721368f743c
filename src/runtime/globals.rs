//! The globals AWS's Node.js runtime gives a handler, defined natively so a
//! cold start compiles no JavaScript of the runtime's own: `console` in
//! Lambda's text format, `Math.random` from the seeded source, the timers in
//! virtual time, a lazy `Buffer`, the SDK's host-call transport, and (from
//! [`super::process`] and [`super::guards`]) `process`, `queueMicrotask` and
//! the allocation guard.
//!
//! The rarer parts stay JavaScript, compiled on first use: `extras.js`
//! (util.format/inspect, Buffer, events) and `modules.js` (`require`, the
//! built-in modules, the SDK clients).

use super::assets::asset;
use std::collections::BTreeMap;

use boa_engine::object::builtins::{JsFunction, JsPromise};
use boa_engine::object::{FunctionObjectBuilder, ObjectInitializer};
use boa_engine::property::{Attribute, PropertyDescriptor};
use boa_engine::{
    js_string, Context, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
    Source,
};

use super::host::{self, arg_string, with_state, HostState, Timer};
use super::{guards, process};

/// A native function as boa takes it.
pub(super) type Native = fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>;

/// A global the runtime compiles on first use: a non-enumerable accessor named `name`
/// (`get name` and `set name`, as Node's own lazy globals are).
pub(super) fn define_lazy(
    global: &JsObject,
    name: &str,
    get: NativeFunction,
    set: NativeFunction,
    ctx: &mut Context,
) -> JsResult<()> {
    let get = function(ctx, get, &format!("get {name}"), 0);
    let set = function(ctx, set, &format!("set {name}"), 1);
    global.define_property_or_throw(
        JsString::from(name),
        PropertyDescriptor::builder()
            .get(get)
            .set(set)
            .enumerable(false)
            .configurable(true),
        ctx,
    )?;
    Ok(())
}

pub(super) fn function(ctx: &mut Context, f: NativeFunction, name: &str, len: usize) -> JsFunction {
    FunctionObjectBuilder::new(ctx.realm(), f)
        .name(JsString::from(name))
        .length(len)
        .build()
}

/// `{ value, writable: true, enumerable: false, configurable: true }`, as
/// `Object.defineProperty(G, name, { value, writable: true, configurable: true })`.
pub(super) fn define_hidden(
    obj: &JsObject,
    name: &str,
    value: JsValue,
    ctx: &mut Context,
) -> JsResult<()> {
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
    platform: process::Platform,
) -> JsResult<JsObject> {
    let global = ctx.global_object();

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

    guards::install(ctx, &global, state)?;

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
        NativeFunction::from_fn_ptr(|this, _, ctx| timer_id(this, ctx).map(JsValue::from)),
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
        ("queueMicrotask", process::queue_microtask, 1),
    ];
    for (name, f, len) in timers {
        let f = function(ctx, NativeFunction::from_fn_ptr(f), name, len);
        global.set(JsString::from(name), f, false, ctx)?;
    }

    super::node::install_locale_methods(ctx)?;

    // ---- the web globals, compiled on first use ----
    for (i, (name, _, _)) in super::node::LAZY_GLOBALS.iter().enumerate() {
        let get = NativeFunction::from_copy_closure(move |_, _, ctx| lazy_global(i, None, ctx));
        let set = NativeFunction::from_copy_closure(move |_, args, ctx| {
            lazy_global(i, Some(arg(args, 0)), ctx)
        });
        define_lazy(&global, name, get, set, ctx)?;
    }

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
    let process = process::process_object(ctx, env_obj.clone(), platform)?;
    global.set(js_string!("process"), process, false, ctx)?;

    let json = global.get(js_string!("JSON"), ctx)?;
    if let Some(json) = json.as_object() {
        let stringify = json.get(js_string!("stringify"), ctx)?;
        *state.json_stringify.borrow_mut() = stringify.as_object();
    }
    let promise_ctor = ctx.intrinsics().constructors().promise().constructor();
    let promise_proto = ctx.intrinsics().constructors().promise().prototype();
    if let Some(then) = promise_proto.get(js_string!("then"), ctx)?.as_object() {
        *state.promise_intrinsics.borrow_mut() = Some([promise_ctor, then]);
    }

    super::io::install_globals(ctx, &global)?;
    super::node::install_stdio(ctx)?;

    // Node's alias of the global object.
    define_hidden(&global, "global", global.clone().into(), ctx)?;

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
        ("outOfMemory", guards::out_of_memory, 0),
        ("io", super::io::native_module, 1),
    ];
    let mut init = ObjectInitializer::new(ctx);
    for (name, f, len) in natives.into_iter().chain(super::node::NATIVES) {
        init.function(NativeFunction::from_fn_ptr(f), JsString::from(name), len);
    }
    init.property(js_string!("env"), env_obj, Attribute::all());
    Ok(init.build())
}

/// The `i`th of [`super::node::LAZY_GLOBALS`]: its module is compiled on
/// the first read, and the value (or what the handler assigned) is kept on
/// the natives object. The global stays an accessor: boa's inline caches
/// keep reading a global through its old accessor when it is redefined as a
/// data property in place (and misread it once after a delete and define).
fn lazy_global(i: usize, assigned: Option<JsValue>, ctx: &mut Context) -> JsResult<JsValue> {
    let (name, module, export) = super::node::LAZY_GLOBALS[i];
    let natives = with_state(|s| s.natives.borrow().clone())?
        .ok_or_else(|| JsNativeError::error().with_message("runtime not ready"))?;
    let key = JsString::from(format!("global {name}"));
    if let Some(v) = assigned {
        natives.set(key, v, false, ctx)?;
        return Ok(JsValue::undefined());
    }
    if natives.has_own_property(key.clone(), ctx)? {
        return natives.get(key, ctx);
    }
    let m = modules(ctx)?;
    let (method, module) = match module.strip_prefix("internal/") {
        Some(inner) => ("internal", inner),
        None => ("builtin", module),
    };
    let exports = call_part(&m, method, &[JsString::from(module).into()], ctx)?;
    let value = match exports.as_object() {
        Some(o) => o.get(JsString::from(export), ctx)?,
        None => JsValue::undefined(),
    };
    natives.set(key, value.clone(), false, ctx)?;
    Ok(value)
}

/// Calls `f` if it is callable.
pub(super) fn call(
    f: &JsValue,
    this: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    match f.as_callable() {
        Some(f) => f.call(this, args, ctx),
        None => Err(JsNativeError::typ().with_message("not a function").into()),
    }
}

/// Compiles a lazily loaded part of the runtime: `(function (N, G) {...})`
/// applied to the natives and the global object.
fn compile_part(source: &str, path: &str, ctx: &mut Context) -> JsResult<JsObject> {
    let natives = with_state(|s| s.natives.borrow().clone())?
        .ok_or_else(|| JsNativeError::error().with_message("runtime not ready"))?;
    let source = Source::from_bytes(source.as_bytes()).with_path(std::path::Path::new(path));
    let factory = ctx.eval(source)?;
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

/// A handler marked by `awslambda.streamifyResponse` becomes `(event, context)` answering the
/// streamed body (`streaming.js`); any other handler is returned as it is. Nothing is compiled
/// unless the code has read `awslambda`.
pub(crate) fn streaming_handler(
    handler: JsObject,
    ctx: &mut Context,
) -> JsResult<(JsObject, bool)> {
    let Some(natives) = with_state(|s| s.natives.borrow().clone())? else {
        return Ok((handler, false));
    };
    let part = natives.get(js_string!("streaming"), ctx)?;
    let Some(part) = part.as_object() else {
        return Ok((handler, false));
    };
    let prepared = call_part(&part, "prepare", &[handler.clone().into()], ctx)?;
    match prepared.as_object() {
        Some(p) if p != handler => Ok((p, true)),
        _ => Ok((handler, false)),
    }
}

/// util.format/inspect, Buffer, events (`extras.js`), compiled on first use.
pub(crate) fn extras(ctx: &mut Context) -> JsResult<JsObject> {
    if let Some(x) = with_state(|s| s.extras.borrow().clone())? {
        return Ok(x);
    }
    let x = compile_part(asset!("extras.js"), "node:internal/util/inspect", ctx)?;
    with_state(|s| *s.extras.borrow_mut() = Some(x.clone()))?;
    Ok(x)
}

/// `require` and the built-in modules (`modules.js`), compiled on first use.
pub(crate) fn modules(ctx: &mut Context) -> JsResult<JsObject> {
    if let Some(m) = with_state(|s| s.modules.borrow().clone())? {
        return Ok(m);
    }
    let m = compile_part(
        asset!("modules.js"),
        "node:internal/modules/cjs/loader",
        ctx,
    )?;
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
    // With the JSON log format a single logged object stays an object in the record.
    let value = match args {
        [one] if !one.is_string() && with_state(|s| s.json_log_level.is_some())? => {
            super::json::plain(one, ctx)
        }
        _ => None,
    };
    with_state(|s| s.log_value(level, &text, value))?;
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

pub(super) fn timer_id(this: &JsValue, ctx: &mut Context) -> JsResult<f64> {
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
                frame: s.async_frame.borrow().clone(),
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

pub(super) fn arg(args: &[JsValue], i: usize) -> JsValue {
    args.get(i).cloned().unwrap_or_default()
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
