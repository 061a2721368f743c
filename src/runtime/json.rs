//! JSON across the runtime's edge, without a round trip through text.
//!
//! In: an event (or an SDK answer) becomes the objects `JSON.parse` would
//! make, built on boa's shared shapes so that events of one shape reuse
//! one property layout instead of hashing every key of every event.
//!
//! Out: a handler's result, for the plain values most handlers return:
//! `JSON.stringify` followed by parsing its output gives exactly this for
//! them, at a fraction of the cost. Anything that could run user code or
//! format differently (`toJSON`, getters, class instances, dates, proxies,
//! fractional or huge numbers, strings with lone surrogates, deep nesting)
//! is left to `JSON.stringify`.

use boa_engine::builtins::object::OrdinaryObject;
use boa_engine::object::builtins::JsArray;
use boa_engine::object::ObjectInitializer;
use boa_engine::property::{Attribute, PropertyKey};
use boa_engine::{js_string, Context, JsObject, JsString, JsValue};
use serde_json::{Map, Value};

/// The value `JSON.parse` would make of `value`'s text.
pub(crate) fn to_js(value: &Value, ctx: &mut Context) -> JsValue {
    match value {
        Value::Null => JsValue::null(),
        Value::Bool(b) => JsValue::from(*b),
        Value::Number(n) => match n.as_i64().and_then(|i| i32::try_from(i).ok()) {
            Some(i) => JsValue::from(i),
            None => JsValue::from(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => JsValue::from(JsString::from(s.as_str())),
        Value::Array(items) => {
            let items: Vec<JsValue> = items.iter().map(|v| to_js(v, ctx)).collect();
            JsArray::from_iter(items, ctx).into()
        }
        Value::Object(map) => {
            let mut init = ObjectInitializer::with_native_data(OrdinaryObject, ctx);
            for (k, v) in map {
                let v = to_js(v, init.context());
                init.property(
                    PropertyKey::from(JsString::from(k.as_str())),
                    v,
                    Attribute::all(),
                );
            }
            init.build().into()
        }
    }
}

/// Nesting past which the value goes the slow way (cycles included).
const MAX_DEPTH: usize = 32;

/// `Some(json)` when the fast path applies; `Some(None)` inside means the
/// value serializes to nothing (`undefined`, a function, a symbol).
type Fast = Option<Option<Value>>;

/// `JSON.stringify(value)` parsed back, if the value is plain data.
pub(crate) fn plain(value: &JsValue, ctx: &mut Context) -> Option<Value> {
    let object_proto = ctx.intrinsics().constructors().object().prototype();
    let array_proto = ctx.intrinsics().constructors().array().prototype();
    // A `toJSON` on either prototype would apply to every value.
    let to_json = PropertyKey::from(js_string!("toJSON"));
    for proto in [&object_proto, &array_proto] {
        if proto.borrow().properties().get(&to_json).is_some() {
            return None;
        }
    }
    let protos = Protos {
        object: object_proto,
        array: array_proto,
    };
    Some(convert(value, &protos, 0, ctx)?.unwrap_or(Value::Null))
}

struct Protos {
    object: JsObject,
    array: JsObject,
}

fn number(n: f64) -> Fast {
    if !n.is_finite() {
        return Some(Some(Value::Null));
    }
    // Integers print exactly up to 2^53; fractions and larger numbers keep
    // JSON.stringify's own formatting.
    if n.fract() != 0.0 || n.abs() >= 9_007_199_254_740_992.0 {
        return None;
    }
    let i = n as i64;
    Some(Some(if i >= 0 {
        Value::from(i as u64)
    } else {
        Value::from(i)
    }))
}

/// The value of an own data property.
fn data(obj: &JsObject, key: &PropertyKey) -> Option<JsValue> {
    let d = obj.borrow().properties().get(key)?;
    if d.is_accessor_descriptor() {
        return None;
    }
    d.value().cloned()
}

fn convert(value: &JsValue, protos: &Protos, depth: usize, ctx: &mut Context) -> Fast {
    if value.is_undefined() || value.is_symbol() {
        return Some(None);
    }
    if value.is_null() {
        return Some(Some(Value::Null));
    }
    if let Some(b) = value.as_boolean() {
        return Some(Some(Value::Bool(b)));
    }
    if let Some(s) = value.as_string() {
        return s.to_std_string().ok().map(|s| Some(Value::String(s)));
    }
    if let Some(n) = value.as_number() {
        return number(n);
    }
    let obj = value.as_object()?;
    if depth >= MAX_DEPTH || obj.is_callable() {
        return None;
    }
    let proto = obj.prototype()?;
    if obj.is_array() {
        if !JsObject::equals(&proto, &protos.array) {
            return None;
        }
        let len = data(&obj, &PropertyKey::from(js_string!("length")))?.as_number()? as u32;
        let mut items = Vec::with_capacity(len as usize);
        for i in 0..len {
            let v = data(&obj, &PropertyKey::from(i))?;
            items.push(convert(&v, protos, depth + 1, ctx)?.unwrap_or(Value::Null));
        }
        return Some(Some(Value::Array(items)));
    }
    if !obj.is_ordinary() || !JsObject::equals(&proto, &protos.object) {
        return None;
    }
    // An ordinary object lists its keys without running any code.
    let keys = obj.own_property_keys(ctx).ok()?;
    let mut map = Map::new();
    for key in keys {
        let name = match &key {
            PropertyKey::String(s) => s.to_std_string().ok()?,
            PropertyKey::Index(i) => i.get().to_string(),
            PropertyKey::Symbol(_) => continue,
        };
        if name == "toJSON" {
            return None;
        }
        let d = obj.borrow().properties().get(&key)?;
        if d.is_accessor_descriptor() {
            return None;
        }
        if d.enumerable() != Some(true) {
            continue;
        }
        let v = d.value()?.clone();
        if let Some(json) = convert(&v, protos, depth + 1, ctx)? {
            map.insert(name, json);
        }
    }
    Some(Some(Value::Object(map)))
}
