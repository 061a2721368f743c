//! Node.js's built-in modules written in JavaScript (`path`, `url`, `util`,
//! `events`, `buffer`, `stream`, `os`, `assert`, ...) and the web globals
//! (`URL`, `TextEncoder`, `AbortController`, `structuredClone`, `Blob`,
//! `ReadableStream`, `Intl`, ...): one source per module, compiled on the
//! first `require`/`import` of it or the first read of one of its globals,
//! so a cold start parses none of them.
//!
//! The byte codecs behind `Buffer`, `TextEncoder` and `TextDecoder` are
//! native ([`codec`]): a JavaScript loop per byte would spend the step budget
//! on a large payload.

pub(crate) mod codec;

use boa_engine::builtins::promise::PromiseState;
use boa_engine::object::builtins::{JsArray, JsPromise};
use boa_engine::{js_string, Context, JsResult, JsString, JsValue, NativeFunction, Source};

use super::assets::asset;
use super::globals::{self, arg, Native};
use super::host::{arg_string, with_state};

/// The sources of the public modules, by the name `require` takes (without
/// `node:`).
fn public_source(name: &str) -> Option<&'static str> {
    Some(match name {
        "path" | "path/posix" | "path/win32" => asset!("path.js"),
        "url" => asset!("url.js"),
        "util" | "util/types" => asset!("util.js"),
        "events" => asset!("events.js"),
        "buffer" => asset!("buffer.js"),
        "string_decoder" => asset!("string_decoder.js"),
        "querystring" => asset!("querystring.js"),
        "os" => asset!("os.js"),
        "stream" | "stream/promises" | "stream/web" | "stream/consumers" => {
            asset!("stream.js")
        }
        "timers/promises" => asset!("timers_promises.js"),
        "assert" | "assert/strict" => asset!("assert.js"),
        "perf_hooks" | "async_hooks" | "diagnostics_channel" | "tty" | "worker_threads" => {
            asset!("hooks.js")
        }
        _ => return None,
    })
}

/// Parts only the runtime's own modules and lazy globals load.
fn internal_source(name: &str) -> Option<&'static str> {
    Some(match name {
        "errors" => asset!("errors.js"),
        "compare" => asset!("compare.js"),
        "web" => asset!("web.js"),
        "webstreams" => asset!("webstreams.js"),
        "intl" => asset!("intl.js"),
        "stdio" => asset!("stdio.js"),
        "streaming" => asset!("../streaming.js"),
        _ => return None,
    })
}

/// Node's built-ins that Stratus does not run: requiring one fails with an
/// error that says so (rather than "Cannot find module").
const UNSUPPORTED: [&str; 13] = [
    "cluster",
    "dgram",
    "domain",
    "inspector",
    "readline",
    "readline/promises",
    "repl",
    "sqlite",
    "test",
    "trace_events",
    "v8",
    "vm",
    "wasi",
];

/// `N.nodeModule(name, internal)`: the module's factory
/// `(N, G, require, internal) => exports`, compiled now, or undefined.
fn native_node_module(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let name = arg_string(args, 0, ctx)?;
    let internal = arg(args, 1).to_boolean();
    let source = if internal {
        internal_source(&name)
    } else {
        public_source(&name)
    };
    // Named as Node names its own frames: `node:path`, `node:internal/web`.
    let path = if internal {
        format!("node:internal/{name}")
    } else {
        format!("node:{name}")
    };
    match source {
        Some(source) => {
            ctx.eval(Source::from_bytes(source.as_bytes()).with_path(std::path::Path::new(&path)))
        }
        None if !internal && UNSUPPORTED.contains(&name.as_str()) => {
            Ok(JsString::from(format!("Stratus does not support the node:{name} module")).into())
        }
        None => Ok(JsValue::undefined()),
    }
}

/// `N.promiseState(p)`: `['pending']`, `['fulfilled', value]` or
/// `['rejected', reason]`, for util.inspect.
fn promise_state(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let state = arg(args, 0)
        .as_object()
        .and_then(|o| JsPromise::from_object(o.clone()).ok())
        .map(|p| p.state());
    let items: Vec<JsValue> = match state {
        Some(PromiseState::Fulfilled(v)) => vec![js_string!("fulfilled").into(), v],
        Some(PromiseState::Rejected(v)) => vec![js_string!("rejected").into(), v],
        _ => vec![js_string!("pending").into()],
    };
    Ok(JsArray::from_iter(items, ctx).into())
}

/// The locale-sensitive methods of the built-in prototypes: (prototype,
/// method, length, the replacement in `intl.js`'s `methods`).
const LOCALE_METHODS: [(&str, &str, usize, &str); 7] = [
    ("Number", "toLocaleString", 0, "numberToLocaleString"),
    ("BigInt", "toLocaleString", 0, "bigintToLocaleString"),
    ("Date", "toLocaleString", 0, "dateToLocaleString"),
    ("Date", "toLocaleDateString", 0, "dateToLocaleDateString"),
    ("Date", "toLocaleTimeString", 0, "dateToLocaleTimeString"),
    ("String", "localeCompare", 1, "stringLocaleCompare"),
    ("Array", "toLocaleString", 0, "arrayToLocaleString"),
];

/// Replaces boa's locale-sensitive methods (without ICU they ignore the
/// locale and options) with natives that compile `intl.js` on first call.
pub(super) fn install_locale_methods(ctx: &mut Context) -> JsResult<()> {
    let global = ctx.global_object();
    for (i, (ctor, method, len, _)) in LOCALE_METHODS.iter().enumerate() {
        let f = NativeFunction::from_copy_closure(move |this, args, ctx| {
            let key = LOCALE_METHODS[i].3;
            let modules = globals::modules(ctx)?;
            let intl = globals::call_part(&modules, "internal", &[js_string!("intl").into()], ctx)?;
            let methods = intl
                .as_object()
                .map(|o| o.get(js_string!("methods"), ctx))
                .transpose()?
                .unwrap_or_default();
            let f = methods
                .as_object()
                .map(|o| o.get(JsString::from(key), ctx))
                .transpose()?
                .unwrap_or_default();
            globals::call(&f, this, args, ctx)
        });
        let f = globals::function(ctx, f, method, *len);
        let proto = global
            .get(JsString::from(*ctor), ctx)?
            .as_object()
            .map(|c| c.get(js_string!("prototype"), ctx))
            .transpose()?
            .and_then(|p| p.as_object());
        if let Some(proto) = proto {
            globals::define_hidden(&proto, method, f.into(), ctx)?;
        }
    }
    Ok(())
}

/// `N.rawLog(line)`: a line written to stdout or stderr, logged as written.
fn raw_log(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let line = arg_string(args, 0, ctx)?;
    with_state(|s| {
        let at = s.now.get();
        s.logs.borrow_mut().push(super::LogLine { at, line });
    })?;
    Ok(JsValue::undefined())
}

/// `process.stdout`, `process.stderr` and `console.Console`, compiled on
/// first read (`stdio.js`).
pub(super) fn install_stdio(ctx: &mut Context) -> JsResult<()> {
    let global = ctx.global_object();
    let targets = [
        ("process", "stdout"),
        ("process", "stderr"),
        ("console", "Console"),
    ];
    for (i, (owner, name)) in targets.into_iter().enumerate() {
        let Some(owner) = global.get(JsString::from(owner), ctx)?.as_object() else {
            continue;
        };
        let get = NativeFunction::from_copy_closure(move |_, _, ctx| {
            let natives =
                with_state(|s| s.natives.borrow().clone())?.unwrap_or_else(|| ctx.global_object());
            let key = js_string!("stdio");
            let stdio = if natives.has_own_property(key.clone(), ctx)? {
                natives.get(key, ctx)?
            } else {
                let modules = globals::modules(ctx)?;
                let stdio = globals::call_part(&modules, "internal", &[key.clone().into()], ctx)?;
                natives.set(key, stdio.clone(), false, ctx)?;
                stdio
            };
            let name = ["stdout", "stderr", "Console"][i];
            match stdio.as_object() {
                Some(o) => o.get(JsString::from(name), ctx),
                None => Ok(JsValue::undefined()),
            }
        });
        let get = globals::function(ctx, get, &format!("get {name}"), 0);
        owner.define_property_or_throw(
            JsString::from(name),
            boa_engine::property::PropertyDescriptor::builder()
                .get(get)
                .enumerable(false)
                .configurable(true),
            ctx,
        )?;
    }
    Ok(())
}

/// The natives the modules use, added to `N`.
pub(super) const NATIVES: [(&str, Native, usize); 9] = [
    ("rawLog", raw_log, 1),
    ("asyncFrame", |_, _, _| Ok(super::host::async_frame()), 0),
    (
        "setAsyncFrame",
        |_, args, _| Ok(super::host::swap_async_frame(arg(args, 0))),
        1,
    ),
    ("promiseState", promise_state, 1),
    (
        "startedAt",
        |_, _, _| Ok(with_state(|s| s.started_at as f64)?.into()),
        0,
    ),
    ("nodeModule", native_node_module, 2),
    ("encode", codec::encode, 2),
    ("decode", codec::decode, 4),
    ("byteLength", codec::byte_length, 2),
];

/// The globals compiled on first read: (global name, module, export), where
/// a module `internal/x` is an internal part.
pub(super) const LAZY_GLOBALS: [(&str, &str, &str); 28] = [
    ("awslambda", "internal/streaming", "awslambda"),
    ("Buffer", "buffer", "Buffer"),
    ("URL", "url", "URL"),
    ("URLSearchParams", "url", "URLSearchParams"),
    ("TextEncoder", "internal/web", "TextEncoder"),
    ("TextDecoder", "internal/web", "TextDecoder"),
    ("atob", "internal/web", "atob"),
    ("btoa", "internal/web", "btoa"),
    ("DOMException", "internal/web", "DOMException"),
    ("Event", "internal/web", "Event"),
    ("EventTarget", "internal/web", "EventTarget"),
    ("CustomEvent", "internal/web", "CustomEvent"),
    ("AbortController", "internal/web", "AbortController"),
    ("AbortSignal", "internal/web", "AbortSignal"),
    ("structuredClone", "internal/web", "structuredClone"),
    ("performance", "internal/web", "performance"),
    ("Blob", "buffer", "Blob"),
    ("File", "buffer", "File"),
    ("ReadableStream", "internal/webstreams", "ReadableStream"),
    ("WritableStream", "internal/webstreams", "WritableStream"),
    ("TransformStream", "internal/webstreams", "TransformStream"),
    (
        "ReadableStreamDefaultReader",
        "internal/webstreams",
        "ReadableStreamDefaultReader",
    ),
    (
        "ByteLengthQueuingStrategy",
        "internal/webstreams",
        "ByteLengthQueuingStrategy",
    ),
    (
        "CountQueuingStrategy",
        "internal/webstreams",
        "CountQueuingStrategy",
    ),
    (
        "TextEncoderStream",
        "internal/webstreams",
        "TextEncoderStream",
    ),
    (
        "TextDecoderStream",
        "internal/webstreams",
        "TextDecoderStream",
    ),
    ("navigator", "internal/web", "navigator"),
    ("Intl", "internal/intl", "Intl"),
];

#[cfg(test)]
mod testing;

#[cfg(test)]
mod assert_tests;
#[cfg(test)]
mod buffer_tests;
#[cfg(test)]
mod events_tests;
#[cfg(test)]
mod hooks_tests;
#[cfg(test)]
mod intl_tests;
#[cfg(test)]
mod path_tests;
#[cfg(test)]
mod stream_tests;
#[cfg(test)]
mod url_tests;
#[cfg(test)]
mod util_tests;
#[cfg(test)]
mod web_tests;
#[cfg(test)]
mod webstreams_tests;
