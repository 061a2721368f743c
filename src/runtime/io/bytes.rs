//! Bytes between JavaScript and the io natives: reading a string (in one of
//! Node's encodings), a TypedArray, a DataView or an ArrayBuffer into a
//! `Vec<u8>`, writing bytes back as a `Uint8Array` or as an encoded string.

use base64::Engine as _;
use boa_engine::object::builtins::{JsArrayBuffer, JsDataView, JsTypedArray, JsUint8Array};
use boa_engine::{Context, JsNativeError, JsObject, JsResult, JsString, JsValue};

/// Node's encoding names, lower-cased, with their aliases folded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Hex,
    Base64,
    Base64Url,
    Latin1,
    Ascii,
    Utf16Le,
}

impl Encoding {
    pub fn parse(name: &str) -> Option<Encoding> {
        Some(match name.to_ascii_lowercase().as_str() {
            "utf8" | "utf-8" => Encoding::Utf8,
            "hex" => Encoding::Hex,
            "base64" => Encoding::Base64,
            "base64url" => Encoding::Base64Url,
            "latin1" | "binary" => Encoding::Latin1,
            "ascii" => Encoding::Ascii,
            "utf16le" | "utf-16le" | "ucs2" | "ucs-2" => Encoding::Utf16Le,
            _ => return None,
        })
    }

    /// The encoding an argument names (`undefined` → `default`).
    pub fn of(value: &JsValue, default: Encoding, ctx: &mut Context) -> JsResult<Encoding> {
        if value.is_null_or_undefined() {
            return Ok(default);
        }
        let name = value.to_string(ctx)?.to_std_string_escaped();
        Encoding::parse(&name).ok_or_else(|| {
            JsNativeError::typ()
                .with_message(format!("Unknown encoding: {name}"))
                .into()
        })
    }
}

/// A string's bytes in `encoding`, as `Buffer.from(string, encoding)` makes them.
pub(crate) fn encode_string(s: &JsString, encoding: Encoding) -> Vec<u8> {
    let units = s.to_vec();
    match encoding {
        // Lone surrogates become U+FFFD, as Node's UTF-8 encoder does.
        Encoding::Utf8 => String::from_utf16_lossy(&units).into_bytes(),
        Encoding::Latin1 | Encoding::Ascii => units.iter().map(|u| *u as u8).collect(),
        Encoding::Utf16Le => units.iter().flat_map(|u| u.to_le_bytes()).collect(),
        Encoding::Hex => {
            // Node stops at the first pair that is not hex.
            let text = String::from_utf16_lossy(&units);
            let b = text.as_bytes();
            let mut out = Vec::with_capacity(b.len() / 2);
            for pair in b.chunks_exact(2) {
                let hi = (pair[0] as char).to_digit(16);
                let lo = (pair[1] as char).to_digit(16);
                match (hi, lo) {
                    (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
                    _ => break,
                }
            }
            out
        }
        Encoding::Base64 | Encoding::Base64Url => {
            // Node accepts both alphabets and ignores padding and whitespace.
            let text: String = String::from_utf16_lossy(&units)
                .chars()
                .filter_map(|c| match c {
                    '-' => Some('+'),
                    '_' => Some('/'),
                    c if c.is_ascii_alphanumeric() || c == '+' || c == '/' => Some(c),
                    _ => None,
                })
                .collect();
            let text = match text.len() % 4 {
                1 => &text[..text.len() - 1],
                _ => &text[..],
            };
            base64::engine::general_purpose::STANDARD_NO_PAD
                .decode(text)
                .or_else(|_| {
                    base64::engine::GeneralPurpose::new(
                        &base64::alphabet::STANDARD,
                        base64::engine::GeneralPurposeConfig::new()
                            .with_decode_allow_trailing_bits(true)
                            .with_decode_padding_mode(
                                base64::engine::DecodePaddingMode::Indifferent,
                            ),
                    )
                    .decode(text)
                })
                .unwrap_or_default()
        }
    }
}

/// Bytes as a string in `encoding`, as `buf.toString(encoding)` gives them.
pub(crate) fn decode_to_string(bytes: &[u8], encoding: Encoding) -> JsString {
    match encoding {
        Encoding::Utf8 => JsString::from(String::from_utf8_lossy(bytes).as_ref()),
        Encoding::Hex => {
            let mut s = String::with_capacity(bytes.len() * 2);
            for b in bytes {
                s.push_str(&format!("{b:02x}"));
            }
            JsString::from(s)
        }
        Encoding::Base64 => JsString::from(base64::engine::general_purpose::STANDARD.encode(bytes)),
        Encoding::Base64Url => {
            JsString::from(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
        }
        Encoding::Latin1 => {
            let units: Vec<u16> = bytes.iter().map(|b| u16::from(*b)).collect();
            JsString::from(&units[..])
        }
        Encoding::Ascii => {
            let units: Vec<u16> = bytes.iter().map(|b| u16::from(*b & 0x7f)).collect();
            JsString::from(&units[..])
        }
        Encoding::Utf16Le => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect();
            JsString::from(&units[..])
        }
    }
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
