//! The natives behind `zlib`: DEFLATE through miniz_oxide, with the zlib
//! (RFC 1950) and gzip (RFC 1952) wrappers written here so their checks
//! fail with zlib's own messages and codes (`incorrect header check`,
//! `Z_DATA_ERROR`; `unexpected end of file`, `Z_BUF_ERROR`).

use boa_engine::{js_string, Context, JsError, JsNativeError, JsResult, JsValue};
use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

use super::bytes;
use crate::runtime::globals::arg;
use crate::runtime::host::charge_steps;

/// A zlib failure: its message and code (`Z_DATA_ERROR` is errno -3,
/// `Z_BUF_ERROR` -5, as Node reports them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ZlibError {
    pub message: &'static str,
    pub code: &'static str,
}

const fn data_error(message: &'static str) -> ZlibError {
    ZlibError {
        message,
        code: "Z_DATA_ERROR",
    }
}

const TRUNCATED: ZlibError = ZlibError {
    message: "unexpected end of file",
    code: "Z_BUF_ERROR",
};

/// The wrappers zlib knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Raw,
    Zlib,
    Gzip,
    /// Decompression only: gzip or zlib, told by the header (`zlib.unzip`).
    Auto,
}

fn crc32(data: &[u8]) -> u32 {
    crc32_from(0, data)
}

/// CRC-32 continued from the CRC of what came before (`zlib.crc32(data, value)`).
fn crc32_from(start: u32, data: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (i, slot) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    !data.iter().fold(!start, |c, b| {
        table[((c ^ u32::from(*b)) & 0xff) as usize] ^ (c >> 8)
    })
}

fn adler32(data: &[u8]) -> u32 {
    let (mut a, mut b) = (1u32, 0u32);
    for chunk in data.chunks(5552) {
        for x in chunk {
            a += u32::from(*x);
            b += a;
        }
        a %= 65521;
        b %= 65521;
    }
    (b << 16) | a
}

/// Compresses at `level` (0 to 9; -1 is zlib's default, 6).
pub(crate) fn compress(data: &[u8], format: Format, level: i32) -> Vec<u8> {
    let level = if level < 0 { 6 } else { level.min(9) } as u8;
    let body = miniz_oxide::deflate::compress_to_vec(data, level);
    match format {
        Format::Raw | Format::Auto => body,
        Format::Zlib => {
            // CMF 0x78 (deflate, 32K window); FLG's level bits as zlib sets them.
            let flevel: u8 = match level {
                0 | 1 => 0,
                2..=5 => 1,
                6 => 2,
                _ => 3,
            };
            let cmf = 0x78u8;
            let mut flg = flevel << 6;
            flg += 31 - ((u16::from(cmf) * 256 + u16::from(flg)) % 31) as u8;
            let mut out = vec![cmf, flg];
            out.extend_from_slice(&body);
            out.extend_from_slice(&adler32(data).to_be_bytes());
            out
        }
        Format::Gzip => {
            // No name, no mtime; XFL as zlib sets it; OS 3 (Unix), as Node on Lambda writes.
            let xfl = match level {
                9 => 2,
                1 => 4,
                _ => 0,
            };
            let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 3];
            out.extend_from_slice(&body);
            out.extend_from_slice(&crc32(data).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out
        }
    }
}

/// Inflates one raw DEFLATE stream; returns the bytes and how much input it used.
fn inflate_raw(input: &[u8]) -> Result<(Vec<u8>, usize), ZlibError> {
    let mut state = InflateState::new_boxed(DataFormat::Raw);
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut pos = 0;
    loop {
        let r = inflate(&mut state, &input[pos..], &mut buf, MZFlush::None);
        pos += r.bytes_consumed;
        out.extend_from_slice(&buf[..r.bytes_written]);
        match r.status {
            Ok(MZStatus::StreamEnd) => return Ok((out, pos)),
            Ok(_) if r.bytes_consumed == 0 && r.bytes_written == 0 => return Err(TRUNCATED),
            Ok(_) => {}
            Err(MZError::Buf) => return Err(TRUNCATED),
            // miniz does not say which rule the stream broke.
            Err(_) => return Err(data_error("invalid deflate data")),
        }
    }
}

fn gunzip_member(input: &[u8]) -> Result<(Vec<u8>, usize), ZlibError> {
    // zlib reads the header byte by byte: a wrong magic fails before a short one.
    if input.first().is_some_and(|b| *b != 0x1f) || input.get(1).is_some_and(|b| *b != 0x8b) {
        return Err(data_error("incorrect header check"));
    }
    if input.len() < 10 {
        return Err(TRUNCATED);
    }
    if input[2] != 8 {
        return Err(data_error("unknown compression method"));
    }
    let flags = input[3];
    if flags & 0xe0 != 0 {
        return Err(data_error("unknown header flags set"));
    }
    let mut pos = 10;
    let need = |pos: usize| {
        if pos > input.len() {
            Err(TRUNCATED)
        } else {
            Ok(())
        }
    };
    if flags & 4 != 0 {
        need(pos + 2)?;
        pos += 2 + usize::from(u16::from_le_bytes([input[pos], input[pos + 1]]));
    }
    for bit in [8u8, 16] {
        if flags & bit != 0 {
            let end = input[pos.min(input.len())..]
                .iter()
                .position(|b| *b == 0)
                .ok_or(TRUNCATED)?;
            pos += end + 1;
        }
    }
    if flags & 2 != 0 {
        pos += 2;
    }
    need(pos)?;
    let (out, used) = inflate_raw(&input[pos..])?;
    pos += used;
    need(pos + 8)?;
    let crc = u32::from_le_bytes([input[pos], input[pos + 1], input[pos + 2], input[pos + 3]]);
    let size = u32::from_le_bytes([
        input[pos + 4],
        input[pos + 5],
        input[pos + 6],
        input[pos + 7],
    ]);
    if crc != crc32(&out) {
        return Err(data_error("incorrect data check"));
    }
    if size != out.len() as u32 {
        return Err(data_error("incorrect length check"));
    }
    Ok((out, pos + 8))
}

/// Decompresses; gzip input may hold several members (read one after another,
/// as Node does), and what follows the last one is ignored.
pub(crate) fn decompress(input: &[u8], format: Format) -> Result<Vec<u8>, ZlibError> {
    let format = match format {
        Format::Auto if input.first() == Some(&0x1f) => Format::Gzip,
        Format::Auto => Format::Zlib,
        f => f,
    };
    match format {
        Format::Raw | Format::Auto => inflate_raw(input).map(|(out, _)| out),
        Format::Zlib => {
            if input.len() < 2 {
                return Err(TRUNCATED);
            }
            let (cmf, flg) = (input[0], input[1]);
            if (u16::from(cmf) * 256 + u16::from(flg)) % 31 != 0 {
                return Err(data_error("incorrect header check"));
            }
            if cmf & 0x0f != 8 {
                return Err(data_error("unknown compression method"));
            }
            if cmf >> 4 > 7 {
                return Err(data_error("invalid window size"));
            }
            if flg & 0x20 != 0 {
                return Err(ZlibError {
                    message: "Missing dictionary",
                    code: "Z_NEED_DICT",
                });
            }
            let (out, used) = inflate_raw(&input[2..])?;
            let tail = input.get(2 + used..2 + used + 4).ok_or(TRUNCATED)?;
            if u32::from_be_bytes([tail[0], tail[1], tail[2], tail[3]]) != adler32(&out) {
                return Err(data_error("incorrect data check"));
            }
            Ok(out)
        }
        Format::Gzip => {
            let (mut out, mut pos) = gunzip_member(input)?;
            while input.len() >= pos + 2 && input[pos] == 0x1f && input[pos + 1] == 0x8b {
                let (more, used) = gunzip_member(&input[pos..])?;
                out.extend_from_slice(&more);
                pos += used;
            }
            Ok(out)
        }
    }
}

fn errno(code: &str) -> i32 {
    match code {
        "Z_NEED_DICT" => 2,
        "Z_DATA_ERROR" => -3,
        _ => -5,
    }
}

/// The Error Node's zlib throws: message, `errno` and `code`.
fn zlib_error(e: &ZlibError, ctx: &mut Context) -> JsError {
    let obj = JsNativeError::error()
        .with_message(e.message)
        .into_opaque(ctx);
    let _ = obj.create_data_property_or_throw(js_string!("errno"), errno(e.code), ctx);
    let _ = obj.create_data_property_or_throw(
        js_string!("code"),
        JsValue::from(boa_engine::JsString::from(e.code)),
        ctx,
    );
    JsError::from_opaque(obj.into())
}

/// `I.zlib(op, data, level)`: op is `deflate`, `inflate`, `deflateRaw`,
/// `inflateRaw`, `gzip`, `gunzip` or `unzip`; data a view.
pub(crate) fn native_zlib(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let op = arg(args, 0).to_string(ctx)?.to_std_string_escaped();
    let data = bytes::view_bytes(&arg(args, 1), ctx)?.unwrap_or_default();
    let level = arg(args, 2);
    let level = if level.is_undefined() {
        -1
    } else {
        level.to_i32(ctx)?
    };
    charge_steps(data.len() as u64 / 128)?;
    let (compressing, format) = match op.as_str() {
        "deflate" => (true, Format::Zlib),
        "deflateRaw" => (true, Format::Raw),
        "gzip" => (true, Format::Gzip),
        "inflate" => (false, Format::Zlib),
        "inflateRaw" => (false, Format::Raw),
        "gunzip" => (false, Format::Gzip),
        _ => (false, Format::Auto),
    };
    let out = if compressing {
        compress(&data, format, level)
    } else {
        decompress(&data, format).map_err(|e| zlib_error(&e, ctx))?
    };
    bytes::uint8_array(&out, ctx)
}

/// `I.crc32(data, value)`: zlib's CRC-32, continuing from `value`.
pub(crate) fn native_crc32(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let data = bytes::input(&arg(args, 0), bytes::Encoding::Utf8, ctx)?.unwrap_or_default();
    let start = arg(args, 1);
    let start = if start.is_undefined() {
        0
    } else {
        start.to_u32(ctx)?
    };
    let crc = crc32_from(start, &data);
    Ok(JsValue::from(crc))
}
