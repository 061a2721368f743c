//! Bytes between JavaScript and the io natives: reading a string (in one of
//! Node's encodings), a TypedArray, a DataView or an ArrayBuffer into a
//! `Vec<u8>`, writing bytes back as a `Uint8Array` or as an encoded string.

use boa_engine::object::builtins::{JsArrayBuffer, JsDataView, JsTypedArray, JsUint8Array};
use boa_engine::{Context, JsObject, JsResult, JsString, JsValue};

/// Node's encodings: the one codec, `node::codec`, behind `Buffer` too.
pub(crate) use super::super::node::codec::Encoding;

/// A string's bytes in `encoding`, as `Buffer.from(string, encoding)` makes them.
pub(crate) fn encode_string(s: &JsString, encoding: Encoding) -> Vec<u8> {
    super::super::node::codec::encode_str(s, encoding)
}

/// Bytes as a string in `encoding`, as `buf.toString(encoding)` gives them.
pub(crate) fn decode_to_string(bytes: &[u8], encoding: Encoding) -> JsString {
    super::super::node::codec::decode_bytes(bytes, encoding, false).unwrap_or_default()
}

/// The bytes of a TypedArray, DataView or ArrayBuffer (None for anything else).
pub(crate) fn view_bytes(value: &JsValue, ctx: &mut Context) -> JsResult<Option<Vec<u8>>> {
    let Some(obj) = value.as_object() else {
        return Ok(None);
    };
    let (buffer, offset, len) = if let Ok(ta) = JsTypedArray::from_object(obj.clone()) {
        (ta.buffer(ctx)?, ta.byte_offset(ctx)?, ta.byte_length(ctx)?)
    } else if let Ok(dv) = JsDataView::from_object(obj.clone()) {
        (
            dv.buffer(ctx)?,
            dv.byte_offset(ctx)? as usize,
            dv.byte_length(ctx)? as usize,
        )
    } else if let Ok(ab) = JsArrayBuffer::from_object(obj.clone()) {
        let len = ab.byte_length();
        (ab.into(), 0, len)
    } else {
        return Ok(None);
    };
    let Some(buffer) = buffer.as_object() else {
        return Ok(None);
    };
    let Ok(ab) = JsArrayBuffer::from_object(buffer.clone()) else {
        return Ok(None);
    };
    let data = ab.data();
    Ok(data.and_then(|d| d.get(offset..offset + len).map(<[u8]>::to_vec)))
}

/// A string (in `encoding`) or a view's bytes; None for other values.
pub(crate) fn input(
    value: &JsValue,
    encoding: Encoding,
    ctx: &mut Context,
) -> JsResult<Option<Vec<u8>>> {
    if let Some(s) = value.as_string() {
        return Ok(Some(encode_string(&s, encoding)));
    }
    view_bytes(value, ctx)
}

/// A fresh `Uint8Array` holding `bytes`.
pub(crate) fn uint8_array(bytes: &[u8], ctx: &mut Context) -> JsResult<JsValue> {
    let buffer = JsArrayBuffer::new(bytes.len(), ctx)?;
    if let Some(mut data) = buffer.data_mut() {
        data.copy_from_slice(bytes);
    }
    Ok(JsUint8Array::from_array_buffer(buffer, ctx)?.into())
}

/// Writes `f`'s bytes into a view in place (`crypto.getRandomValues`,
/// `randomFillSync`): `f` receives the view's byte range.
pub(crate) fn fill_view(
    view: &JsObject,
    ctx: &mut Context,
    f: impl FnOnce(&mut [u8]),
) -> JsResult<bool> {
    let (buffer, offset, len) = if let Ok(ta) = JsTypedArray::from_object(view.clone()) {
        (ta.buffer(ctx)?, ta.byte_offset(ctx)?, ta.byte_length(ctx)?)
    } else if let Ok(dv) = JsDataView::from_object(view.clone()) {
        (
            dv.buffer(ctx)?,
            dv.byte_offset(ctx)? as usize,
            dv.byte_length(ctx)? as usize,
        )
    } else if let Ok(ab) = JsArrayBuffer::from_object(view.clone()) {
        let len = ab.byte_length();
        (ab.into(), 0, len)
    } else {
        return Ok(false);
    };
    let Some(ab) = buffer
        .as_object()
        .and_then(|b| JsArrayBuffer::from_object(b.clone()).ok())
    else {
        return Ok(false);
    };
    let Some(mut data) = ab.data_mut() else {
        return Ok(false);
    };
    match data.get_mut(offset..offset + len) {
        Some(range) => {
            f(range);
            Ok(true)
        }
        None => Ok(false),
    }
}
