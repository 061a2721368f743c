//! The natives behind `crypto.createCipheriv` / `createDecipheriv`: AES
//! (128, 192, 256) in ECB, CBC (PKCS#7 padding), CTR and GCM modes, the
//! modes written here over the `aes` block cipher. Each call computes the
//! output for all input so far (the JavaScript side hands out what is new),
//! which keeps no cipher state in Rust between calls.

use aes::cipher::generic_array::GenericArray;
use aes::cipher::{BlockDecrypt, BlockEncrypt, KeyInit};
use boa_engine::object::builtins::JsArray;
use boa_engine::{Context, JsError, JsNativeError, JsResult, JsString, JsValue};

use super::bytes;
use crate::runtime::globals::arg;
use crate::runtime::host::charge_steps;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Ecb,
    Cbc,
    Ctr,
    Gcm,
}

/// `aes-256-gcm` → (32, Gcm); OpenSSL's aliases (`aes256` is CBC).
pub(crate) fn parse(name: &str) -> Option<(usize, Mode)> {
    let lower = name.to_ascii_lowercase();
    let lower = lower.strip_prefix("id-").unwrap_or(&lower);
    let (bits, mode) = match lower {
        "aes128" => ("128", "cbc"),
        "aes192" => ("192", "cbc"),
        "aes256" => ("256", "cbc"),
        _ => {
            let rest = lower.strip_prefix("aes-")?;
            rest.split_once('-')?
        }
    };
    let key = match bits {
        "128" => 16,
        "192" => 24,
        "256" => 32,
        _ => return None,
    };
    let mode = match mode {
        "ecb" => Mode::Ecb,
        "cbc" => Mode::Cbc,
        "ctr" => Mode::Ctr,
        "gcm" => Mode::Gcm,
        _ => return None,
    };
    Some((key, mode))
}

enum Aes {
    A128(Box<aes::Aes128>),
    A192(Box<aes::Aes192>),
    A256(Box<aes::Aes256>),
}

impl Aes {
    fn new(key: &[u8]) -> Option<Aes> {
        Some(match key.len() {
            16 => Aes::A128(Box::new(aes::Aes128::new_from_slice(key).ok()?)),
            24 => Aes::A192(Box::new(aes::Aes192::new_from_slice(key).ok()?)),
            32 => Aes::A256(Box::new(aes::Aes256::new_from_slice(key).ok()?)),
            _ => return None,
        })
    }

    fn encrypt(&self, block: &mut [u8; 16]) {
        let b = GenericArray::from_mut_slice(block);
        match self {
            Aes::A128(c) => c.encrypt_block(b),
            Aes::A192(c) => c.encrypt_block(b),
            Aes::A256(c) => c.encrypt_block(b),
        }
    }

    fn decrypt(&self, block: &mut [u8; 16]) {
        let b = GenericArray::from_mut_slice(block);
        match self {
            Aes::A128(c) => c.decrypt_block(b),
            Aes::A192(c) => c.decrypt_block(b),
            Aes::A256(c) => c.decrypt_block(b),
        }
    }
}

/// Why a cipher call failed: Node's code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CipherError {
    pub code: &'static str,
    pub message: &'static str,
}

const BAD_DECRYPT: CipherError = CipherError {
    code: "ERR_OSSL_BAD_DECRYPT",
    message: "error:1C800064:Provider routines::bad decrypt",
};
const WRONG_LENGTH: CipherError = CipherError {
    code: "ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH",
    message: "error:1C80006B:Provider routines::wrong final block length",
};
const NOT_MULTIPLE: CipherError = CipherError {
    code: "ERR_OSSL_DATA_NOT_MULTIPLE_OF_BLOCK_LENGTH",
    message: "error:1C80006B:Provider routines::data not multiple of block length",
};
const UNAUTHENTICATED: CipherError = CipherError {
    code: "",
    message: "Unsupported state or unable to authenticate data",
};

/// One request: all input so far, and whether this is `final()`.
pub(crate) struct Request<'a> {
    pub mode: Mode,
    pub key: &'a [u8],
    pub iv: &'a [u8],
    pub data: &'a [u8],
    pub decrypt: bool,
    pub finish: bool,
    pub padding: bool,
    pub aad: &'a [u8],
    /// GCM decryption: the expected tag.
    pub tag: &'a [u8],
}

fn block(chunk: &[u8]) -> [u8; 16] {
    let mut b = [0u8; 16];
    b[..chunk.len()].copy_from_slice(chunk);
    b
}

fn gf_mul(x: u128, y: u128) -> u128 {
    let mut z = 0u128;
    let mut v = y;
    for i in 0..128 {
        if (x >> (127 - i)) & 1 == 1 {
            z ^= v;
        }
        v = if v & 1 == 1 {
            (v >> 1) ^ (0xE1u128 << 120)
        } else {
            v >> 1
        };
    }
    z
}

fn ghash(h: u128, aad: &[u8], text: &[u8]) -> u128 {
    let mut y = 0u128;
    for part in [aad, text] {
        for chunk in part.chunks(16) {
            y = gf_mul(y ^ u128::from_be_bytes(block(chunk)), h);
        }
    }
    let lengths = ((aad.len() as u128 * 8) << 64) | (text.len() as u128 * 8);
    gf_mul(y ^ lengths, h)
}

/// XORs `data` with the key stream of counter blocks from `counter`,
/// incrementing the whole block (CTR) or its low 32 bits (GCM).
fn ctr(aes: &Aes, counter: [u8; 16], data: &[u8], low32: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len());
    let mut c = u128::from_be_bytes(counter);
    for chunk in data.chunks(16) {
        let mut ks = c.to_be_bytes();
        aes.encrypt(&mut ks);
        out.extend(chunk.iter().zip(ks).map(|(a, b)| a ^ b));
        c = if low32 {
            (c & !0xffff_ffffu128) | u128::from((c as u32).wrapping_add(1))
        } else {
            c.wrapping_add(1)
        };
    }
    out
}

/// The output for the request, and (GCM encryption at final) the tag.
pub(crate) fn run(r: &Request) -> Result<(Vec<u8>, Vec<u8>), CipherError> {
    let aes = Aes::new(r.key).ok_or(CipherError {
        code: "ERR_CRYPTO_INVALID_KEYLEN",
        message: "Invalid key length",
    })?;
    match r.mode {
        Mode::Ctr => Ok((
            ctr(&aes, block(&r.iv[..16.min(r.iv.len())]), r.data, false),
            Vec::new(),
        )),
        Mode::Gcm => {
            let mut h = [0u8; 16];
            aes.encrypt(&mut h);
            let h = u128::from_be_bytes(h);
            let j0 = if r.iv.len() == 12 {
                let mut j = block(r.iv);
                j[15] = 1;
                j
            } else {
                ghash(h, &[], r.iv).to_be_bytes()
            };
            let mut first = u128::from_be_bytes(j0);
            first = (first & !0xffff_ffffu128) | u128::from((first as u32).wrapping_add(1));
            let out = ctr(&aes, first.to_be_bytes(), r.data, true);
            if !r.finish {
                return Ok((out, Vec::new()));
            }
            let cipher_text = if r.decrypt { r.data } else { &out[..] };
            let mut tag = j0;
            aes.encrypt(&mut tag);
            let tag = (u128::from_be_bytes(tag) ^ ghash(h, r.aad, cipher_text)).to_be_bytes();
            if r.decrypt {
                let want = r.tag;
                if want.is_empty() || want.len() > 16 || tag[..want.len()] != *want {
                    return Err(UNAUTHENTICATED);
                }
                return Ok((out, Vec::new()));
            }
            Ok((out, tag.to_vec()))
        }
        Mode::Ecb | Mode::Cbc => {
            let cbc = r.mode == Mode::Cbc;
            let full = r.data.len() / 16 * 16;
            // Decrypting with padding keeps the last block back until final().
            let take = if r.decrypt && r.padding && !r.finish && full == r.data.len() && full > 0 {
                full - 16
            } else {
                full
            };
            let mut out = Vec::with_capacity(r.data.len() + 16);
            let mut chain = block(&r.iv[..16.min(r.iv.len())]);
            let mut blocks: Vec<[u8; 16]> = r.data[..take].chunks(16).map(block).collect();
            if r.finish && !r.decrypt {
                let rest = &r.data[full..];
                if r.padding {
                    let pad = (16 - rest.len()) as u8;
                    let mut last = [pad; 16];
                    last[..rest.len()].copy_from_slice(rest);
                    blocks.push(last);
                } else if !rest.is_empty() {
                    return Err(NOT_MULTIPLE);
                }
            }
            // OpenSSL wants at least the padded block when decrypting with padding.
            if r.finish && r.decrypt && (full != r.data.len() || (r.padding && full == 0)) {
                return Err(WRONG_LENGTH);
            }
            for mut b in blocks {
                if r.decrypt {
                    let saved = b;
                    aes.decrypt(&mut b);
                    if cbc {
                        b.iter_mut().zip(chain).for_each(|(x, c)| *x ^= c);
                        chain = saved;
                    }
                } else {
                    if cbc {
                        b.iter_mut().zip(chain).for_each(|(x, c)| *x ^= c);
                    }
                    aes.encrypt(&mut b);
                    chain = b;
                }
                out.extend_from_slice(&b);
            }
            if r.finish && r.decrypt && r.padding {
                let pad = *out.last().ok_or(BAD_DECRYPT)? as usize;
                if pad == 0 || pad > 16 || out[out.len() - pad..].iter().any(|b| *b as usize != pad)
                {
                    return Err(BAD_DECRYPT);
                }
                out.truncate(out.len() - pad);
            }
            Ok((out, Vec::new()))
        }
    }
}

fn cipher_error(e: &CipherError, ctx: &mut Context) -> JsError {
    let obj = if e.code == "ERR_CRYPTO_INVALID_KEYLEN" {
        JsNativeError::range()
    } else {
        JsNativeError::error()
    }
    .with_message(e.message)
    .into_opaque(ctx);
    if !e.code.is_empty() {
        let _ =
            obj.create_data_property_or_throw(JsString::from("code"), JsString::from(e.code), ctx);
    }
    JsError::from_opaque(obj.into())
}

fn view(value: &JsValue, ctx: &mut Context) -> JsResult<Vec<u8>> {
    Ok(bytes::view_bytes(value, ctx)?.unwrap_or_default())
}

/// `I.cipher(name, key, iv, data, decrypt, final, padding, aad, tag)` →
/// `[output for all input so far, tag]`.
pub(crate) fn native_cipher(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let name = arg(args, 0).to_string(ctx)?.to_std_string_escaped();
    let (_, mode) =
        parse(&name).ok_or_else(|| JsNativeError::typ().with_message("Unknown cipher"))?;
    let key = view(&arg(args, 1), ctx)?;
    let iv = view(&arg(args, 2), ctx)?;
    let data = view(&arg(args, 3), ctx)?;
    let aad = view(&arg(args, 7), ctx)?;
    let tag = view(&arg(args, 8), ctx)?;
    charge_steps(data.len() as u64 / 32)?;
    let request = Request {
        mode,
        key: &key,
        iv: &iv,
        data: &data,
        decrypt: arg(args, 4).to_boolean(),
        finish: arg(args, 5).to_boolean(),
        padding: arg(args, 6).to_boolean(),
        aad: &aad,
        tag: &tag,
    };
    let (out, tag) = run(&request).map_err(|e| cipher_error(&e, ctx))?;
    let out = bytes::uint8_array(&out, ctx)?;
    let tag = bytes::uint8_array(&tag, ctx)?;
    Ok(JsArray::from_iter([out, tag], ctx).into())
}
