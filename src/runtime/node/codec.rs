//! The byte codecs of `Buffer`, `TextEncoder`/`TextDecoder` and
//! `string_decoder`, as Node implements them: utf8 (lone surrogates and
//! invalid sequences become U+FFFD), utf16le, latin1, ascii, hex (stops at
//! the first pair that is not hex), base64 and base64url (either alphabet
//! accepted, whitespace and other characters skipped, `=` ends the data).
//! They cost the step budget one step per 64 bytes, as a JavaScript loop
//! over the bytes would cost far more.

use base64::Engine;
use boa_engine::object::builtins::{JsArrayBuffer, JsUint8Array};
use boa_engine::{Context, JsNativeError, JsResult, JsString, JsValue};

use super::super::globals::arg;
use super::super::host::{arg_string, charge_steps};

/// A Node encoding name, normalized (`'UTF-8'` → `Utf8`), or None.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16Le,
    Latin1,
    Ascii,
    Hex,
    Base64,
    Base64Url,
}

pub(crate) fn encoding(name: &str) -> Option<Encoding> {
    Some(match name.to_ascii_lowercase().as_str() {
        "utf8" | "utf-8" => Encoding::Utf8,
        "ucs2" | "ucs-2" | "utf16le" | "utf-16le" => Encoding::Utf16Le,
        "latin1" | "binary" => Encoding::Latin1,
        "ascii" => Encoding::Ascii,
        "hex" => Encoding::Hex,
        "base64" => Encoding::Base64,
        "base64url" => Encoding::Base64Url,
        _ => return None,
    })
}

impl Encoding {
    /// The encoding a name means, or None.
    pub(crate) fn parse(name: &str) -> Option<Encoding> {
        encoding(name)
    }

    /// The encoding an argument names (`undefined` → `default`).
    pub(crate) fn of(value: &JsValue, default: Encoding, ctx: &mut Context) -> JsResult<Encoding> {
        if value.is_null_or_undefined() {
            return Ok(default);
        }
        let name = value.to_string(ctx)?.to_std_string_escaped();
        encoding(&name).ok_or_else(|| unknown_encoding(&name))
    }
}

fn unknown_encoding(name: &str) -> boa_engine::JsError {
    let e = JsNativeError::typ().with_message(format!("Unknown encoding: {name}"));
    e.into()
}

fn code_units(value: &JsValue, ctx: &mut Context) -> JsResult<JsString> {
    value.to_string(ctx)
}

/// The bytes `string` encodes to.
pub(crate) fn encode_str(s: &JsString, enc: Encoding) -> Vec<u8> {
    match enc {
        Encoding::Utf8 => s.to_std_string_lossy().into_bytes(),
        Encoding::Utf16Le => s.iter().flat_map(u16::to_le_bytes).collect(),
        Encoding::Latin1 | Encoding::Ascii => s.iter().map(|u| u as u8).collect(),
        Encoding::Hex => {
            let units: Vec<u16> = s.iter().collect();
            let mut out = Vec::with_capacity(units.len() / 2);
            for pair in units.chunks_exact(2) {
                let digit = |u: u16| char::from_u32(u32::from(u)).and_then(|c| c.to_digit(16));
                match (digit(pair[0]), digit(pair[1])) {
                    (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
                    _ => break,
                }
            }
            out
        }
        Encoding::Base64 | Encoding::Base64Url => {
            let mut out = Vec::with_capacity(s.len() * 3 / 4);
            let (mut acc, mut bits) = (0u32, 0u32);
            for u in s.iter() {
                let v = match u {
                    0x41..=0x5a => u - 0x41,
                    0x61..=0x7a => u - 0x61 + 26,
                    0x30..=0x39 => u - 0x30 + 52,
                    0x2b | 0x2d => 62,
                    0x2f | 0x5f => 63,
                    0x3d => break,
                    _ => continue,
                };
                acc = (acc << 6) | u32::from(v);
                bits += 6;
                if bits >= 8 {
                    bits -= 8;
                    out.push((acc >> bits) as u8);
                }
            }
            out
        }
    }
}

/// The string `bytes` decode to (`None`: invalid utf8 when `fatal`).
pub(crate) fn decode_bytes(bytes: &[u8], enc: Encoding, fatal: bool) -> Option<JsString> {
    Some(match enc {
        Encoding::Utf8 => {
            if fatal {
                JsString::from(std::str::from_utf8(bytes).ok()?)
            } else {
                JsString::from(String::from_utf8_lossy(bytes).as_ref())
            }
        }
        Encoding::Utf16Le => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|p| u16::from_le_bytes([p[0], p[1]]))
                .collect();
            JsString::from(units.as_slice())
        }
        Encoding::Latin1 => {
            let units: Vec<u16> = bytes.iter().map(|&b| u16::from(b)).collect();
            JsString::from(units.as_slice())
        }
        Encoding::Ascii => {
            let units: Vec<u16> = bytes.iter().map(|&b| u16::from(b & 0x7f)).collect();
            JsString::from(units.as_slice())
        }
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
    })
}

fn charge(len: usize) -> JsResult<()> {
    charge_steps((len / 64) as u64)
}

fn encoding_arg(args: &[JsValue], i: usize, ctx: &mut Context) -> JsResult<Encoding> {
    let v = arg(args, i);
    if v.is_null_or_undefined() {
        return Ok(Encoding::Utf8);
    }
    let name = arg_string(args, i, ctx)?;
    encoding(&name).ok_or_else(|| unknown_encoding(&name))
}

/// `N.encode(string, encoding)`: an ArrayBuffer of the encoded bytes.
pub(super) fn encode(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let s = code_units(&arg(args, 0), ctx)?;
    let enc = encoding_arg(args, 1, ctx)?;
    charge(s.len())?;
    let bytes = encode_str(&s, enc);
    let buffer = JsArrayBuffer::new(bytes.len(), ctx)?;
    if let Some(mut data) = buffer.data_mut() {
        data.copy_from_slice(&bytes);
    }
    Ok(buffer.into())
}

/// `N.decode(uint8array, encoding, fatal)`: the decoded string, or
/// undefined for invalid utf8 when `fatal`.
pub(super) fn decode(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let array = arg(args, 0);
    let Some(obj) = array.as_object() else {
        return Err(JsNativeError::typ()
            .with_message("decode expects a Uint8Array")
            .into());
    };
    let bytes = JsUint8Array::from_object(obj.clone())?.to_vec(ctx)?;
    let enc = encoding_arg(args, 1, ctx)?;
    let fatal = arg(args, 2).to_boolean();
    charge(bytes.len())?;
    Ok(match decode_bytes(&bytes, enc, fatal) {
        Some(s) => s.into(),
        None => JsValue::undefined(),
    })
}

/// `N.byteLength(string, encoding)`: how many bytes `encode` would give.
pub(super) fn byte_length(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let s = code_units(&arg(args, 0), ctx)?;
    let enc = encoding_arg(args, 1, ctx)?;
    charge(s.len())?;
    let n = match enc {
        Encoding::Utf8 => {
            let units: Vec<u16> = s.iter().collect();
            let mut n = 0usize;
            for c in char::decode_utf16(units) {
                n += c.map_or(3, char::len_utf8);
            }
            n
        }
        Encoding::Utf16Le => s.len() * 2,
        Encoding::Latin1 | Encoding::Ascii => s.len(),
        _ => encode_str(&s, enc).len(),
    };
    Ok(JsValue::from(n as f64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_decoding_stops_at_the_first_pair_that_is_not_hex() {
        let s = JsString::from("abzz12");
        assert_eq!(encode_str(&s, Encoding::Hex), vec![0xab]);
    }

    #[test]
    fn base64_decoding_takes_either_alphabet_and_skips_whitespace() {
        let s = JsString::from("-_8 =\n");
        assert_eq!(encode_str(&s, Encoding::Base64), vec![0xfb, 0xff]);
    }
}
