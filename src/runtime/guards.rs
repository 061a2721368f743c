//! The allocation guard: a single request larger than the function's
//! memory (`'x'.repeat(1e9)`, `new Array(1e9)`, `Array.from({length})`,
//! `fill`, `join`, `padStart`/`padEnd`) ends the invocation as
//! `Runtime.OutOfMemory`, as the kill of a real process would, before the
//! host allocates anything.

use boa_engine::object::builtins::{JsArray, JsProxyBuilder};
use boa_engine::{
    js_string, Context, JsError, JsNativeError, JsObject, JsResult, JsString, JsValue,
    NativeFunction,
};

use super::globals::{arg, call, define_hidden, function};
use super::host::{with_state, HostState};

/// Ends the invocation as Lambda's out-of-memory kill (no `catch` stops it).
pub(super) fn out_of_memory(_: &JsValue, _: &[JsValue], _: &mut Context) -> JsResult<JsValue> {
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

pub(super) fn install(ctx: &mut Context, global: &JsObject, state: &HostState) -> JsResult<()> {
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
