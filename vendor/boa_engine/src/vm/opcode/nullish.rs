//! Stratus patch 5: V8's words for reading or writing a property of `null` or
//! `undefined` ("Cannot read properties of undefined (reading 'x')"), the
//! TypeError Node.js users see in their logs every day.

use crate::{Context, JsError, JsNativeError, JsResult, JsValue, property::PropertyKey};

/// How V8 names a property key in these messages.
fn key_text(key: &PropertyKey) -> String {
    match key {
        PropertyKey::String(s) => s.to_std_string_escaped(),
        PropertyKey::Index(i) => i.get().to_string(),
        PropertyKey::Symbol(s) => s.descriptive_string().to_std_string_escaped(),
    }
}

/// The TypeError for a property access on `base`, which is `null` or `undefined`.
pub(crate) fn error(base: &JsValue, key: &PropertyKey, write: bool) -> JsError {
    let what = if base.is_null() { "null" } else { "undefined" };
    let key = key_text(key);
    let message = if write {
        format!("Cannot set properties of {what} (setting '{key}')")
    } else {
        format!("Cannot read properties of {what} (reading '{key}')")
    };
    JsNativeError::typ().with_message(message).into()
}

/// The same error for a computed key: the key is converted as V8 does for the message
/// (a primitive key only; an object key would run user code, and is named by its type).
pub(crate) fn error_by_value(base: &JsValue, key: &JsValue, write: bool, context: &mut Context) -> JsResult<()> {
    let key = if key.is_object() {
        PropertyKey::from(crate::js_string!("[object Object]"))
    } else {
        key.to_property_key(context)?
    };
    Err(error(base, &key, write))
}

/// Stratus patch 9: V8's "event.handler is not a function" / "Thing is not a constructor" for
/// the call or `new` being run, naming its callee as written when the compiler kept it
/// (`CodeBlock::callee_names`), else boa's words.
pub(crate) fn not_callable(context: &Context, constructor: bool) -> JsError {
    let frame = context.vm.frame();
    let message = match frame.code_block().callee_name(frame.pc) {
        Some(name) if constructor => format!("{} is not a constructor", name.to_std_string_escaped()),
        Some(name) => format!("{} is not a function", name.to_std_string_escaped()),
        None if constructor => "not a constructor".to_string(),
        None => "not a callable function".to_string(),
    };
    JsNativeError::typ().with_message(message).into()
}
