//! `process` as a Node.js Lambda function sees it (its environment,
//! versions, `hrtime` and `uptime` in virtual time, `nextTick`), and
//! `queueMicrotask`.

use boa_engine::object::builtins::{JsArray, JsFunction, JsPromise};
use boa_engine::object::ObjectInitializer;
use boa_engine::property::Attribute;
use boa_engine::{
    js_string, Context, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction,
};

use super::globals::{arg, call, function, Native};
use super::host::with_state;

/// What `process` says of the machine: the Node.js release (`24.11.1`) and architecture
/// (`x64`, `arm64`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Platform {
    pub node_version: &'static str,
    pub arch: &'static str,
}

/// `process`, as a Lambda function on `platform` sees it.
pub(super) fn process_object(
    ctx: &mut Context,
    env: JsObject,
    platform: Platform,
) -> JsResult<JsValue> {
    let node_version = platform.node_version;
    let versions = ObjectInitializer::new(ctx)
        .property(
            js_string!("node"),
            JsString::from(node_version),
            Attribute::all(),
        )
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
            JsString::from(format!("v{node_version}")),
            Attribute::all(),
        )
        .property(js_string!("versions"), versions, Attribute::all())
        .property(
            js_string!("platform"),
            js_string!("linux"),
            Attribute::all(),
        )
        .property(
            js_string!("arch"),
            JsString::from(platform.arch),
            Attribute::all(),
        )
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
pub(super) fn queue_microtask(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
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
