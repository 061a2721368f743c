//! The natives behind `fs` (`I.fs(op, path, ...)`): each call on the
//! environment's file system (`fs.rs`), its failures as Node's errors:
//! `ENOENT: no such file or directory, open '/tmp/x'` with `errno`, `code`,
//! `syscall` and `path` (and `dest` for two-path calls).

use boa_engine::object::builtins::JsArray;
use boa_engine::{Context, JsError, JsNativeError, JsResult, JsString, JsValue};

use super::bytes;
use super::fs::{describe, err, in_tmp, resolve, FsError, Stat, Tmp, View};
use crate::runtime::globals::arg;
use crate::runtime::host::{with_state, HostState};

fn with_view<T>(f: impl FnOnce(&mut View) -> T) -> JsResult<T> {
    with_state(|s: &HostState| {
        let mut tmp = s.io.tmp.borrow_mut();
        let tmp = tmp.get_or_insert_with(|| Tmp::new(s.started_at, s.io.tmp_limit.get()));
        let mut view = View {
            tmp,
            files: &s.files,
            started: s.started_at,
            now: s.now.get(),
        };
        f(&mut view)
    })
}

/// Node's Error for a failed call on `path` (and `dest`, for two-path calls).
fn fs_error(e: &FsError, path: &str, dest: Option<&str>, ctx: &mut Context) -> JsError {
    let (errno, text) = describe(e.code);
    let mut message = format!("{}: {text}, {}", e.code, e.syscall);
    if e.with_path {
        message.push_str(&format!(" '{path}'"));
        if let Some(d) = dest {
            message.push_str(&format!(" -> '{d}'"));
        }
    }
    let obj = JsNativeError::error()
        .with_message(message)
        .into_opaque(ctx);
    let mut props: Vec<(&str, JsValue)> = vec![
        ("errno", errno.into()),
        ("code", JsString::from(e.code).into()),
        ("syscall", JsString::from(e.syscall).into()),
    ];
    if e.with_path {
        props.push(("path", JsString::from(path).into()));
        if let Some(d) = dest {
            props.push(("dest", JsString::from(d).into()));
        }
    }
    for (k, v) in props {
        let _ = obj.create_data_property_or_throw(JsString::from(k), v, ctx);
    }
    JsError::from_opaque(obj.into())
}

fn stat_value(s: &Stat, ctx: &mut Context) -> JsValue {
    let items: Vec<JsValue> = vec![
        s.dir.into(),
        (s.size as f64).into(),
        (s.mtime as f64).into(),
        (s.ctime as f64).into(),
        (s.birthtime as f64).into(),
        (s.ino as f64).into(),
        s.mode.into(),
    ];
    JsArray::from_iter(items, ctx).into()
}

/// `I.fs(op, path, a, b)`: one call on the environment's file system. Paths
/// are as the handler gave them (messages repeat them); relative paths
/// resolve against `/var/task`.
pub(crate) fn native_fs(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let op = arg(args, 0).to_string(ctx)?.to_std_string_escaped();
    let given = arg(args, 1).to_string(ctx)?.to_std_string_escaped();
    let path = resolve(&given);
    let a = arg(args, 2);
    let b = arg(args, 3);
    let fail = |e: FsError, ctx: &mut Context| Err(fs_error(&e, &given, None, ctx));
    match op.as_str() {
        "stat" => match with_view(|v| v.stat(&path))? {
            Some(s) => Ok(stat_value(&s, ctx)),
            None => {
                let syscall = a.to_string(ctx)?.to_std_string_escaped();
                let syscall = if syscall == "lstat" { "lstat" } else { "stat" };
                fail(err("ENOENT", syscall), ctx)
            }
        },
        "read" => match with_view(|v| v.read(&path))? {
            Ok(data) => bytes::uint8_array(&data, ctx),
            Err(e) => fail(e, ctx),
        },
        "write" => {
            let data = bytes::view_bytes(&a, ctx)?.unwrap_or_default();
            let flag = if b.is_undefined() {
                "w".to_string()
            } else {
                b.to_string(ctx)?.to_std_string_escaped()
            };
            match with_view(|v| v.write(&path, &data, &flag))? {
                Ok(()) => Ok(JsValue::undefined()),
                Err(e) => fail(e, ctx),
            }
        }
        "mkdir" => match with_view(|v| v.mkdir(&path, a.to_boolean()))? {
            Ok(Some(first)) if a.to_boolean() => Ok(JsString::from(first).into()),
            Ok(_) => Ok(JsValue::undefined()),
            Err(e) => fail(e, ctx),
        },
        "readdir" => match with_view(|v| v.readdir(&path))? {
            Ok(list) => {
                let items: Vec<JsValue> = list
                    .into_iter()
                    .map(|(name, dir)| {
                        let pair = [JsString::from(name).into(), dir.into()];
                        JsArray::from_iter(pair, ctx).into()
                    })
                    .collect();
                Ok(JsArray::from_iter(items, ctx).into())
            }
            Err(e) => fail(e, ctx),
        },
        "unlink" => match with_view(|v| v.unlink(&path))? {
            Ok(()) => Ok(JsValue::undefined()),
            Err(e) => fail(e, ctx),
        },
        "rmdir" => match with_view(|v| v.rmdir(&path, a.to_boolean()))? {
            Ok(()) => Ok(JsValue::undefined()),
            Err(e) => fail(e, ctx),
        },
        "rename" | "copy" => {
            let given_to = a.to_string(ctx)?.to_std_string_escaped();
            let to = resolve(&given_to);
            let result = with_view(|v| {
                if op == "rename" {
                    return v.rename(&path, &to);
                }
                let exclusive = b.to_boolean();
                let data = v.read(&path).map_err(|e| FsError {
                    syscall: "copyfile",
                    ..e
                })?;
                v.write(&to, &data, if exclusive { "wx" } else { "w" })
                    .map_err(|e| FsError {
                        syscall: "copyfile",
                        ..e
                    })
            })?;
            match result {
                Ok(()) => Ok(JsValue::undefined()),
                Err(e) => Err(fs_error(&e, &given, Some(&given_to), ctx)),
            }
        }
        "access" => {
            let mode = a.to_u32(ctx)?;
            match with_view(|v| v.stat(&path))? {
                None => fail(err("ENOENT", "access"), ctx),
                // W_OK outside /tmp: the file system is read-only.
                Some(_) if mode & 2 != 0 && !in_tmp(&path) => fail(err("EROFS", "access"), ctx),
                // Only directories can be searched; no file is executable.
                Some(s) if mode & 1 != 0 && !s.dir => fail(err("EACCES", "access"), ctx),
                Some(_) => Ok(JsValue::undefined()),
            }
        }
        "used" => Ok(with_view(|v| v.tmp.used as f64)?.into()),
        _ => Err(JsNativeError::typ()
            .with_message(format!("unknown fs operation {op}"))
            .into()),
    }
}
