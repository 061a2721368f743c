//! Node's I/O built-ins as a Lambda handler meets them in Stratus: `crypto`
//! (hashes, HMAC, key derivation, AES ciphers, seeded randomness, `crypto.subtle`),
//! `zlib`, `fs` over `/var/task` and `/tmp`, the network (`http`, `https`,
//! `net`, `tls`, `dns`, global `fetch` with `Headers`/`Request`/`Response`),
//! which fails as a call to an unreachable host does because the simulated
//! world has no internet, and the process-level modules Lambda cannot use
//! here (`child_process`, `worker_threads`, ...), which load and throw on use.
//!
//! Each module is JavaScript (`*.js` beside this file) over Rust natives,
//! compiled on first `require`/`import` (or first touch of a lazy global),
//! so a cold start parses none of it.

pub(crate) mod bytes;
pub(crate) mod cipher;
pub(crate) mod crypto;
pub(crate) mod fs;
mod fs_calls;
pub(crate) mod zlib;

use super::assets::asset;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::path::Path;

use boa_engine::object::ObjectInitializer;
use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction, Source,
};

use super::globals::{self, arg, Native};
use super::host::with_state;

/// What the io modules keep per execution environment.
#[derive(Default)]
pub(crate) struct IoState {
    /// `/tmp`, made on first use.
    pub tmp: RefCell<Option<fs::Tmp>>,
    /// The function's ephemeral storage in bytes.
    pub tmp_limit: Cell<u64>,
    /// The io natives (`I`) and the compiled parts, by name.
    natives: RefCell<Option<JsObject>>,
    parts: RefCell<HashMap<&'static str, JsObject>>,
}

impl IoState {
    pub fn new(ephemeral_storage_mb: u32) -> IoState {
        let state = IoState::default();
        state
            .tmp_limit
            .set(u64::from(ephemeral_storage_mb) * 1024 * 1024);
        state
    }

    /// Drops the JS values held from Rust (GC roots while held).
    pub fn release(&self) {
        self.natives.borrow_mut().take();
        self.parts.borrow_mut().clear();
    }
}

/// The modules this folder answers for: the part that defines each and the
/// export of that part that is the module.
fn module_part(name: &str) -> Option<(&'static str, &'static str)> {
    Some(match name {
        "crypto" => ("crypto", "crypto"),
        "fs" => ("fs", "fs"),
        "fs/promises" => ("fs", "promises"),
        "zlib" => ("zlib", "zlib"),
        "http" => ("net", "http"),
        "https" => ("net", "https"),
        "net" => ("net", "net"),
        "tls" => ("net", "tls"),
        "dns" => ("net", "dns"),
        "dns/promises" => ("net", "dnsPromises"),
        "child_process" => ("unsupported", "child_process"),
        "worker_threads" => ("unsupported", "worker_threads"),
        "cluster" => ("unsupported", "cluster"),
        "vm" => ("unsupported", "vm"),
        "dgram" => ("unsupported", "dgram"),
        "http2" => ("unsupported", "http2"),
        "inspector" => ("unsupported", "inspector"),
        _ => return None,
    })
}

fn part_source(part: &str) -> &'static str {
    match part {
        "crypto" => asset!("crypto.js"),
        "fs" => asset!("fs.js"),
        "zlib" => asset!("zlib.js"),
        "net" => asset!("net.js"),
        "fetch" => asset!("fetch.js"),
        "keys" => asset!("keys.js"),
        _ => asset!("unsupported.js"),
    }
}

fn static_part(part: &str) -> &'static str {
    match part {
        "crypto" => "crypto",
        "fs" => "fs",
        "zlib" => "zlib",
        "net" => "net",
        "fetch" => "fetch",
        "keys" => "keys",
        _ => "unsupported",
    }
}

/// The io natives the parts take as `I`.
fn natives(ctx: &mut Context) -> JsResult<JsObject> {
    if let Some(n) = with_state(|s| s.io.natives.borrow().clone())? {
        return Ok(n);
    }
    let list: [(&str, Native, usize); 17] = [
        ("toBytes", crypto::native_to_bytes, 2),
        ("toText", crypto::native_to_text, 2),
        ("digest", crypto::native_digest, 3),
        ("hmac", crypto::native_hmac, 4),
        ("pbkdf2", crypto::native_pbkdf2, 5),
        ("hkdf", crypto::native_hkdf, 5),
        ("cipher", cipher::native_cipher, 9),
        ("scrypt", crypto::native_scrypt, 6),
        ("randomFill", crypto::native_random_fill, 1),
        ("equal", crypto::native_equal, 2),
        ("zlib", zlib::native_zlib, 3),
        ("crc32", zlib::native_crc32, 2),
        ("fs", fs_calls::native_fs, 4),
        ("part", native_part, 1),
        ("isView", native_is_view, 1),
        ("builtin", native_builtin, 1),
        ("stdout", native_stdout, 1),
    ];
    let mut init = ObjectInitializer::new(ctx);
    for (name, f, len) in list {
        init.function(NativeFunction::from_fn_ptr(f), JsString::from(name), len);
    }
    let n = init.build();
    with_state(|s| *s.io.natives.borrow_mut() = Some(n.clone()))?;
    Ok(n)
}

/// A part compiled on first use: `(function (N, G, I) {...})` applied to the
/// runtime's natives, the global object and the io natives.
pub(crate) fn part(name: &str, ctx: &mut Context) -> JsResult<JsObject> {
    let name = static_part(name);
    if let Some(p) = with_state(|s| s.io.parts.borrow().get(name).cloned())? {
        return Ok(p);
    }
    let runtime = with_state(|s| s.natives.borrow().clone())?
        .ok_or_else(|| JsNativeError::error().with_message("runtime not ready"))?;
    let io = natives(ctx)?;
    // Named as Node names its own sources, so stack traces say where a frame is.
    let path = format!("node:internal/stratus/{name}");
    let source = Source::from_bytes(part_source(name).as_bytes()).with_path(Path::new(&path));
    let factory = ctx.eval(source)?;
    let global = ctx.global_object();
    let exports = globals::call(
        &factory,
        &JsValue::undefined(),
        &[runtime.into(), global.into(), io.into()],
        ctx,
    )?
    .as_object()
    .ok_or_else(|| JsNativeError::typ().with_message("io part"))?;
    with_state(|s| s.io.parts.borrow_mut().insert(name, exports.clone()))?;
    Ok(exports)
}

fn native_part(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let name = arg(args, 0).to_string(ctx)?.to_std_string_escaped();
    Ok(part(&name, ctx)?.into())
}

/// `I.stdout(text)`: bytes written to file descriptor 1 or 2 (`fs.writeSync(1, ...)`,
/// as loggers such as pino do): each line becomes a log line as written, as
/// Lambda captures the process's output.
fn native_stdout(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let text = arg(args, 0).to_string(ctx)?.to_std_string_escaped();
    with_state(|s| {
        let at = s.now.get();
        let mut logs = s.logs.borrow_mut();
        for line in text.strip_suffix('\n').unwrap_or(&text).split('\n') {
            logs.push(super::LogLine {
                at,
                line: line.to_string(),
            });
        }
    })?;
    Ok(JsValue::undefined())
}

/// `I.builtin(name)`: another built-in module, as `require` gives it.
fn native_builtin(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let modules = globals::modules(ctx)?;
    globals::call_part(&modules, "builtin", &[arg(args, 0)], ctx)
}

fn native_is_view(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    Ok(bytes::view_bytes(&arg(args, 0), ctx)?.is_some().into())
}

/// `N.io(name)`: the exports of a built-in module this folder defines, or
/// undefined (`modules.js` asks before its own table).
pub(crate) fn native_module(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let name = arg(args, 0).to_string(ctx)?.to_std_string_escaped();
    let Some((part_name, key)) = module_part(&name) else {
        return Ok(JsValue::undefined());
    };
    let p = part(part_name, ctx)?;
    p.get(JsString::from(key), ctx)
}

/// The web globals Node defines that live here, as lazy accessors (the part
/// compiles on first read; assigning replaces the accessor with the value,
/// as assigning Node's writable globals does).
pub(crate) fn install_globals(ctx: &mut Context, global: &JsObject) -> JsResult<()> {
    let names: [(&str, &str, &str); 5] = [
        ("fetch", "fetch", "fetch"),
        ("Headers", "fetch", "Headers"),
        ("Request", "fetch", "Request"),
        ("Response", "fetch", "Response"),
        ("crypto", "crypto", "webcrypto"),
    ];
    for (name, part_name, key) in names {
        let get = NativeFunction::from_copy_closure(move |_, _, ctx| {
            part(part_name, ctx)?.get(JsString::from(key), ctx)
        });
        let set = NativeFunction::from_copy_closure(move |_, args, ctx| {
            globals::define_hidden(&ctx.global_object(), name, arg(args, 0), ctx)?;
            Ok(JsValue::undefined())
        });
        globals::define_lazy(global, name, get, set, ctx)?;
    }
    Ok(())
}

#[cfg(test)]
mod crypto_tests;
#[cfg(test)]
mod fs_tests;
#[cfg(test)]
mod keys_tests;
#[cfg(test)]
mod net_tests;
#[cfg(test)]
mod zlib_tests;
