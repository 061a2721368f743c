//! The natives behind `crypto`: message digests (MD5, SHA-1, SHA-2) and
//! their HMACs, PBKDF2, HKDF and scrypt over those HMACs, and random bytes from the
//! environment's seeded source (never real randomness). Work is charged to
//! the invocation's step budget as modelled CPU time.

use boa_engine::object::builtins::JsArray;
use boa_engine::{Context, JsNativeError, JsResult, JsValue};
use hmac::{Mac, SimpleHmac};
use sha2::Digest;

use super::bytes::{self, Encoding};
use crate::runtime::globals::arg;
use crate::runtime::host::{charge_steps, with_state};

/// The digests Stratus computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Algorithm {
    Md5,
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Algorithm {
    /// OpenSSL's names as Node takes them (`sha256`, `SHA256`, `sha-256`,
    /// `RSA-SHA256`), case-insensitively.
    pub fn parse(name: &str) -> Option<Algorithm> {
        let lower = name.to_ascii_lowercase();
        let lower = lower.strip_prefix("rsa-").unwrap_or(&lower);
        Some(match lower {
            "md5" => Algorithm::Md5,
            "sha1" | "sha-1" => Algorithm::Sha1,
            "sha224" | "sha-224" => Algorithm::Sha224,
            "sha256" | "sha-256" => Algorithm::Sha256,
            "sha384" | "sha-384" => Algorithm::Sha384,
            "sha512" | "sha-512" => Algorithm::Sha512,
            _ => return None,
        })
    }

    pub fn output_len(self) -> usize {
        match self {
            Algorithm::Md5 => 16,
            Algorithm::Sha1 => 20,
            Algorithm::Sha224 => 28,
            Algorithm::Sha256 => 32,
            Algorithm::Sha384 => 48,
            Algorithm::Sha512 => 64,
        }
    }
}

/// One modelled CPU step per this many bytes run through a compression
/// function (a step models 0.5 µs; SHA-256 runs at roughly 400 MB/s).
const BYTES_PER_STEP: u64 = 256;

fn charge_bytes(n: usize) -> JsResult<()> {
    charge_steps(n as u64 / BYTES_PER_STEP)
}

fn digest_with<D: Digest>(chunks: &[Vec<u8>]) -> Vec<u8> {
    let mut d = D::new();
    for c in chunks {
        d.update(c);
    }
    d.finalize().to_vec()
}

pub(crate) fn digest(alg: Algorithm, chunks: &[Vec<u8>]) -> Vec<u8> {
    match alg {
        Algorithm::Md5 => digest_with::<md5::Md5>(chunks),
        Algorithm::Sha1 => digest_with::<sha1::Sha1>(chunks),
        Algorithm::Sha224 => digest_with::<sha2::Sha224>(chunks),
        Algorithm::Sha256 => digest_with::<sha2::Sha256>(chunks),
        Algorithm::Sha384 => digest_with::<sha2::Sha384>(chunks),
        Algorithm::Sha512 => digest_with::<sha2::Sha512>(chunks),
    }
}

/// A keyed HMAC, cloned for each use (PBKDF2 and HKDF key it once).
trait Keyed {
    fn mac(&self, chunks: &[&[u8]]) -> Vec<u8>;
}

impl<D> Keyed for SimpleHmac<D>
where
    D: Digest + sha2::digest::core_api::BlockSizeUser + Clone,
{
    fn mac(&self, chunks: &[&[u8]]) -> Vec<u8> {
        let mut m = self.clone();
        for c in chunks {
            Mac::update(&mut m, c);
        }
        m.finalize().into_bytes().to_vec()
    }
}

fn keyed(alg: Algorithm, key: &[u8]) -> Box<dyn Keyed> {
    // Any key length is valid for HMAC.
    fn make<D>(key: &[u8]) -> Box<dyn Keyed>
    where
        D: Digest + sha2::digest::core_api::BlockSizeUser + Clone + 'static,
    {
        match <SimpleHmac<D> as Mac>::new_from_slice(key) {
            Ok(m) => Box::new(m),
            Err(_) => unreachable!("HMAC takes keys of any length"),
        }
    }
    match alg {
        Algorithm::Md5 => make::<md5::Md5>(key),
        Algorithm::Sha1 => make::<sha1::Sha1>(key),
        Algorithm::Sha224 => make::<sha2::Sha224>(key),
        Algorithm::Sha256 => make::<sha2::Sha256>(key),
        Algorithm::Sha384 => make::<sha2::Sha384>(key),
        Algorithm::Sha512 => make::<sha2::Sha512>(key),
    }
}

pub(crate) fn hmac(alg: Algorithm, key: &[u8], chunks: &[Vec<u8>]) -> Vec<u8> {
    let refs: Vec<&[u8]> = chunks.iter().map(Vec::as_slice).collect();
    keyed(alg, key).mac(&refs)
}

/// PBKDF2 (RFC 8018) with an HMAC as its PRF.
pub(crate) fn pbkdf2(
    alg: Algorithm,
    password: &[u8],
    salt: &[u8],
    iterations: u32,
    len: usize,
) -> Vec<u8> {
    let prf = keyed(alg, password);
    let mut out = Vec::with_capacity(len);
    let mut block = 1u32;
    while out.len() < len {
        let mut u = prf.mac(&[salt, &block.to_be_bytes()]);
        let mut t = u.clone();
        for _ in 1..iterations {
            u = prf.mac(&[&u]);
            t.iter_mut().zip(&u).for_each(|(a, b)| *a ^= b);
        }
        let take = (len - out.len()).min(t.len());
        out.extend_from_slice(&t[..take]);
        block += 1;
    }
    out
}

/// HKDF (RFC 5869): extract, then expand to `len` bytes.
pub(crate) fn hkdf(alg: Algorithm, ikm: &[u8], salt: &[u8], info: &[u8], len: usize) -> Vec<u8> {
    let zeros = vec![0u8; alg.output_len()];
    let salt = if salt.is_empty() { &zeros[..] } else { salt };
    let prk = keyed(alg, salt).mac(&[ikm]);
    let expand = keyed(alg, &prk);
    let mut out = Vec::with_capacity(len);
    let mut t: Vec<u8> = Vec::new();
    let mut n = 1u8;
    while out.len() < len {
        t = expand.mac(&[&t, info, &[n]]);
        let take = (len - out.len()).min(t.len());
        out.extend_from_slice(&t[..take]);
        n = n.wrapping_add(1);
    }
    out
}

/// Salsa20/8's core over a 64-byte block (RFC 7914, section 3).
fn salsa20_8(b: &mut [u32; 16]) {
    let mut x = *b;
    for _ in 0..4 {
        let mut quarter = |a: usize, b: usize, c: usize, d: usize| {
            x[b] ^= x[a].wrapping_add(x[d]).rotate_left(7);
            x[c] ^= x[b].wrapping_add(x[a]).rotate_left(9);
            x[d] ^= x[c].wrapping_add(x[b]).rotate_left(13);
            x[a] ^= x[d].wrapping_add(x[c]).rotate_left(18);
        };
        quarter(0, 4, 8, 12);
        quarter(5, 9, 13, 1);
        quarter(10, 14, 2, 6);
        quarter(15, 3, 7, 11);
        quarter(0, 1, 2, 3);
        quarter(5, 6, 7, 4);
        quarter(10, 11, 8, 9);
        quarter(15, 12, 13, 14);
    }
    for (o, v) in b.iter_mut().zip(x) {
        *o = o.wrapping_add(v);
    }
}

/// scryptBlockMix over `2r` 64-byte blocks (as words).
fn block_mix(input: &[u32], out: &mut [u32], r: usize) {
    let mut x = [0u32; 16];
    x.copy_from_slice(&input[(2 * r - 1) * 16..]);
    for i in 0..2 * r {
        for (a, b) in x.iter_mut().zip(&input[i * 16..i * 16 + 16]) {
            *a ^= b;
        }
        salsa20_8(&mut x);
        // Even blocks first, then odd ones.
        let at = if i % 2 == 0 { i / 2 } else { r + i / 2 };
        out[at * 16..at * 16 + 16].copy_from_slice(&x);
    }
}

/// scrypt (RFC 7914): PBKDF2-HMAC-SHA256 around `p` runs of ROMix.
pub(crate) fn scrypt(
    password: &[u8],
    salt: &[u8],
    n: usize,
    r: usize,
    p: usize,
    len: usize,
) -> Vec<u8> {
    let words = 32 * r;
    let mut b = pbkdf2(Algorithm::Sha256, password, salt, 1, p * 128 * r);
    let mut v = vec![0u32; words * n];
    let mut x = vec![0u32; words];
    let mut y = vec![0u32; words];
    for chunk in b.chunks_mut(128 * r) {
        for (w, c) in x.iter_mut().zip(chunk.chunks(4)) {
            *w = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        }
        for i in 0..n {
            v[i * words..(i + 1) * words].copy_from_slice(&x);
            block_mix(&x, &mut y, r);
            std::mem::swap(&mut x, &mut y);
        }
        for _ in 0..n {
            let j = x[(2 * r - 1) * 16] as usize % n;
            for (a, b) in x.iter_mut().zip(&v[j * words..(j + 1) * words]) {
                *a ^= b;
            }
            block_mix(&x, &mut y, r);
            std::mem::swap(&mut x, &mut y);
        }
        for (c, w) in chunk.chunks_mut(4).zip(&x) {
            c.copy_from_slice(&w.to_le_bytes());
        }
    }
    pbkdf2(Algorithm::Sha256, password, &b, 1, len)
}

fn algorithm(value: &JsValue, ctx: &mut Context) -> JsResult<Algorithm> {
    let name = value.to_string(ctx)?.to_std_string_escaped();
    Algorithm::parse(&name).ok_or_else(|| {
        JsNativeError::typ()
            .with_message(format!("Invalid digest: {name}"))
            .into()
    })
}

/// The byte chunks of a JS array of views.
fn chunks(value: &JsValue, ctx: &mut Context) -> JsResult<Vec<Vec<u8>>> {
    let Some(obj) = value.as_object() else {
        return Ok(Vec::new());
    };
    let list = JsArray::from_object(obj.clone())?;
    let len = list.length(ctx)?;
    let mut out = Vec::with_capacity(len as usize);
    for i in 0..len {
        let v = list.get(i, ctx)?;
        out.push(bytes::view_bytes(&v, ctx)?.unwrap_or_default());
    }
    Ok(out)
}

fn data(value: &JsValue, ctx: &mut Context) -> JsResult<Vec<u8>> {
    Ok(bytes::input(value, Encoding::Utf8, ctx)?.unwrap_or_default())
}

/// The result as a Uint8Array, or encoded when an encoding is given.
fn output(out: &[u8], encoding: &JsValue, ctx: &mut Context) -> JsResult<JsValue> {
    if encoding.is_null_or_undefined() || encoding.as_string().is_some_and(|s| s.is_empty()) {
        return bytes::uint8_array(out, ctx);
    }
    // Node's digest() with an unknown encoding answers a Buffer's UTF-8 text.
    let name = encoding.to_string(ctx)?.to_std_string_escaped();
    let enc = Encoding::parse(&name).unwrap_or(Encoding::Utf8);
    Ok(bytes::decode_to_string(out, enc).into())
}

/// `I.digest(algorithm, chunks, encoding?)`.
pub(crate) fn native_digest(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let alg = algorithm(&arg(args, 0), ctx)?;
    let chunks = chunks(&arg(args, 1), ctx)?;
    charge_bytes(chunks.iter().map(Vec::len).sum())?;
    output(&digest(alg, &chunks), &arg(args, 2), ctx)
}

/// `I.hmac(algorithm, key, chunks, encoding?)`.
pub(crate) fn native_hmac(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let alg = algorithm(&arg(args, 0), ctx)?;
    let key = data(&arg(args, 1), ctx)?;
    let chunks = chunks(&arg(args, 2), ctx)?;
    charge_bytes(chunks.iter().map(Vec::len).sum::<usize>() + 128)?;
    output(&hmac(alg, &key, &chunks), &arg(args, 3), ctx)
}

fn count(value: &JsValue, ctx: &mut Context) -> JsResult<usize> {
    Ok(value.to_number(ctx)?.max(0.0) as usize)
}

/// `I.pbkdf2(password, salt, iterations, keylen, digest)`.
pub(crate) fn native_pbkdf2(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let password = data(&arg(args, 0), ctx)?;
    let salt = data(&arg(args, 1), ctx)?;
    let iterations = count(&arg(args, 2), ctx)?.max(1) as u32;
    let len = count(&arg(args, 3), ctx)?;
    let alg = algorithm(&arg(args, 4), ctx)?;
    let blocks = len.div_ceil(alg.output_len()) as u64;
    // Two compressions an iteration, four to a step.
    charge_steps(u64::from(iterations) * blocks / 2)?;
    let out = pbkdf2(alg, &password, &salt, iterations, len);
    bytes::uint8_array(&out, ctx)
}

/// `I.scrypt(password, salt, keylen, N, r, p)` (parameters checked by the caller).
pub(crate) fn native_scrypt(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let password = data(&arg(args, 0), ctx)?;
    let salt = data(&arg(args, 1), ctx)?;
    let len = count(&arg(args, 2), ctx)?;
    let n = count(&arg(args, 3), ctx)?.max(2);
    let r = count(&arg(args, 4), ctx)?.max(1);
    let p = count(&arg(args, 5), ctx)?.max(1);
    // Each ROMix runs 2N BlockMixes of 2r Salsa20/8 cores; eight cores to a step.
    charge_steps((2 * n * 2 * r * p / 8) as u64)?;
    let out = scrypt(&password, &salt, n, r, p, len);
    bytes::uint8_array(&out, ctx)
}

/// `I.hkdf(digest, ikm, salt, info, keylen)`.
pub(crate) fn native_hkdf(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let alg = algorithm(&arg(args, 0), ctx)?;
    let ikm = data(&arg(args, 1), ctx)?;
    let salt = data(&arg(args, 2), ctx)?;
    let info = data(&arg(args, 3), ctx)?;
    let len = count(&arg(args, 4), ctx)?;
    let out = hkdf(alg, &ikm, &salt, &info, len);
    bytes::uint8_array(&out, ctx)
}

/// `I.randomFill(view)`: fills a view's bytes from the seeded source; false
/// if it is not a view.
pub(crate) fn native_random_fill(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let Some(view) = arg(args, 0).as_object() else {
        return Ok(false.into());
    };
    let mut filled = Vec::new();
    let ok = bytes::fill_view(&view, ctx, |range| {
        filled.resize(range.len(), 0);
        let _ = with_state(|s| s.rng.borrow_mut().fill(&mut filled));
        range.copy_from_slice(&filled);
    })?;
    Ok(ok.into())
}

/// `I.equal(a, b)`: whether two views hold the same bytes.
pub(crate) fn native_equal(_: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let a = bytes::view_bytes(&arg(args, 0), ctx)?;
    let b = bytes::view_bytes(&arg(args, 1), ctx)?;
    Ok((a.is_some() && a == b).into())
}

/// `I.toBytes(value, encoding)`: a string's bytes (or a view's copy) as a Uint8Array.
pub(crate) fn native_to_bytes(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let enc = Encoding::of(&arg(args, 1), Encoding::Utf8, ctx)?;
    match bytes::input(&arg(args, 0), enc, ctx)? {
        Some(b) => bytes::uint8_array(&b, ctx),
        None => Ok(JsValue::undefined()),
    }
}

/// `I.toText(view, encoding)`: a view's bytes as a string.
pub(crate) fn native_to_text(
    _: &JsValue,
    args: &[JsValue],
    ctx: &mut Context,
) -> JsResult<JsValue> {
    let enc = Encoding::of(&arg(args, 1), Encoding::Utf8, ctx)?;
    let b = bytes::view_bytes(&arg(args, 0), ctx)?.unwrap_or_default();
    Ok(bytes::decode_to_string(&b, enc).into())
}
