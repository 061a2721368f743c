//! `crypto` as Node computes it: known digests of test vectors (FIPS 180,
//! RFC 2202/4231 HMAC, RFC 6070 PBKDF2, RFC 5869 HKDF), Node's errors, and
//! random values drawn from the environment's seed.

use serde_json::{json, Value};

use crate::runtime::tests::{config, run_through_waits, T0};
use crate::runtime::Environment;

/// The value an ES module handler with this body returns (virtual time runs
/// through its waits). `crypto`, `fs`, `zlib` are imported.
pub(super) fn answer(body: &str) -> Value {
    answer_in(&mut env_for(body), "r1")
}

pub(super) fn env_for(body: &str) -> Environment {
    let source = format!(
        "import crypto from 'node:crypto'; import fs from 'node:fs'; import zlib from 'node:zlib';\nexport const handler = async (event) => {{ {body} }};"
    );
    let mut c = config("index.handler", &[("index.mjs", &source)]);
    c.limits.max_steps = 2_000_000;
    Environment::init(c, T0).expect("init")
}

pub(super) fn answer_in(env: &mut Environment, id: &str) -> Value {
    match run_through_waits(env, id, T0 + 1_000).result {
        Ok(v) => v,
        Err(e) => panic!("{e:?}"),
    }
}

#[test]
fn createhash_hex_digests_match_node_for_the_fips_test_vectors() {
    let v = answer(
        "return ['md5', 'sha1', 'sha256', 'sha384', 'sha512'].map((a) => crypto.createHash(a).update('abc').digest('hex'));",
    );
    assert_eq!(
        v,
        json!([
            "900150983cd24fb0d6963f7d28e17f72",
            "a9993e364706816aba3e25717850c26c9cd0d89d",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
        ])
    );
}

#[test]
fn digest_encodings_updates_and_copy_behave_as_in_node() {
    let v = answer(
        "const h = crypto.createHash('SHA256').update('a').update(Buffer.from('b')); const c = h.copy(); c.update(new Uint8Array([99]));
         const buf = crypto.createHash('sha256').update('616263', 'hex').digest();
         return [c.digest('base64'), crypto.createHash('sha256').update('abc').digest('base64url'), Buffer.isBuffer(buf), buf.length, buf.toString('hex').slice(0, 8),
                 h.digest('hex').slice(0, 8), crypto.hash('md5', ''), crypto.createHash('sha1').update('é').digest('hex')];",
    );
    assert_eq!(
        v,
        json!([
            "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=",
            "ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0",
            true,
            32,
            "ba7816bf",
            "fb8e20fc",
            "d41d8cd98f00b204e9800998ecf8427e",
            "bf15be717ac1b080b4f1c456692825891ff5073d"
        ])
    );
}

#[test]
fn a_finished_hash_and_an_unknown_algorithm_throw_nodes_errors() {
    let v = answer(
        "const h = crypto.createHash('md5'); h.digest();
         const errs = [];
         for (const f of [() => h.update('x'), () => h.digest(), () => crypto.createHash('sha3-999'), () => crypto.createHmac('nope', 'k'), () => crypto.createHash('md5').update(12), () => crypto.createHash('sha3-256')]) {
           try { f(); errs.push('no error'); } catch (e) { errs.push(e.name + '|' + e.code + '|' + e.message); }
         }
         return errs;",
    );
    assert_eq!(
        v,
        json!([
            "Error|ERR_CRYPTO_HASH_FINALIZED|Digest already called",
            "Error|ERR_CRYPTO_HASH_FINALIZED|Digest already called",
            "Error|undefined|Digest method not supported",
            "TypeError|ERR_CRYPTO_INVALID_DIGEST|Invalid digest: nope",
            "TypeError|ERR_INVALID_ARG_TYPE|The \"data\" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (12)",
            "Error|ERR_FEATURE_UNAVAILABLE_ON_PLATFORM|The digest sha3-256 is not supported in Stratus (md5, sha1, sha224, sha256, sha384 and sha512 are)"
        ])
    );
}

#[test]
fn createhmac_matches_the_rfc_2202_and_4231_vectors() {
    let v = answer(
        "const d = 'what do ya want for nothing?';
         return [crypto.createHmac('md5', 'Jefe').update(d).digest('hex'), crypto.createHmac('sha1', 'Jefe').update(d).digest('hex'),
                 crypto.createHmac('sha256', Buffer.from('Jefe')).update(d).digest('hex'),
                 crypto.createHmac('sha512', 'Jefe').update(d).digest('hex').slice(0, 32),
                 crypto.createHmac('sha256', crypto.createSecretKey(Buffer.from('Jefe'))).update(d).digest('base64')];",
    );
    assert_eq!(
        v,
        json!([
            "750c783e6ab0b503eaa86e310a5db738",
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
            "164b7a7bfcf819e2e395fbe73b56e0a3",
            "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM="
        ])
    );
}

#[test]
fn pbkdf2_and_hkdf_match_rfc_6070_and_rfc_5869() {
    let v = answer(
        "const out = [1, 2, 4096].map((c) => crypto.pbkdf2Sync('password', 'salt', c, 20, 'sha1').toString('hex'));
         out.push(crypto.pbkdf2Sync('password', 'salt', 1, 32, 'sha256').toString('hex'));
         out.push(await new Promise((res, rej) => crypto.pbkdf2('password', 'salt', 2, 20, 'sha1', (e, k) => (e ? rej(e) : res(k.toString('hex'))))));
         const ikm = Buffer.alloc(22, 0x0b), salt = Buffer.from('000102030405060708090a0b0c', 'hex'), info = Buffer.from('f0f1f2f3f4f5f6f7f8f9', 'hex');
         const okm = crypto.hkdfSync('sha256', ikm, salt, info, 42);
         out.push(okm instanceof ArrayBuffer, Buffer.from(okm).toString('hex'));
         try { crypto.pbkdf2Sync('p', 's', 1, 10, 'md4'); } catch (e) { out.push(e.message); }
         return out;",
    );
    assert_eq!(
        v,
        json!([
            "0c60c80f961f0e71f3a9b524af6012062fe037a6",
            "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957",
            "4b007901b765489abead49d926f721d065a429c1",
            "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b",
            "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957",
            true,
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
            "Invalid digest: md4"
        ])
    );
}

#[test]
fn random_values_are_well_formed_and_drawn_from_the_seed() {
    let body = "const b = crypto.randomBytes(16); const cb = await new Promise((r) => crypto.randomBytes(4, (e, x) => r(x.length)));
         const u = crypto.randomUUID(); const g = crypto.getRandomValues(new Uint32Array(4));
         const ints = Array.from({ length: 50 }, () => crypto.randomInt(10, 20));
         return [b.length, cb, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u), g.length,
                 ints.every((n) => n >= 10 && n < 20 && Number.isInteger(n)), b.toString('hex') + u];";
    let first = answer(body);
    let again = answer(body);
    assert_eq!(
        first.as_array().unwrap()[..5],
        [json!(16), json!(4), json!(true), json!(4), json!(true)]
    );
    // Same seed, same values: nothing reads real randomness.
    assert_eq!(first[5], again[5]);
}

#[test]
fn random_argument_errors_and_timing_safe_equal_are_nodes() {
    let v = answer(
        "const errs = [];
         for (const f of [() => crypto.randomBytes(-1), () => crypto.randomBytes('4'), () => crypto.randomInt(5, 5),
                          () => crypto.getRandomValues(new Float64Array(2)), () => crypto.getRandomValues(new Uint8Array(65537)),
                          () => crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('ab'))]) {
           try { f(); errs.push('no error'); } catch (e) { errs.push(e.name + '|' + (e.code || '') + '|' + e.message); }
         }
         errs.push(crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), crypto.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')));
         return errs;",
    );
    assert_eq!(
        v,
        json!([
            "RangeError|ERR_OUT_OF_RANGE|The value of \"size\" is out of range. It must be >= 0 && <= 2147483647. Received -1",
            "TypeError|ERR_INVALID_ARG_TYPE|The \"size\" argument must be of type number. Received type string ('4')",
            "RangeError|ERR_OUT_OF_RANGE|The value of \"max\" is out of range. It must be greater than the value of \"min\" (5). Received 5",
            "TypeMismatchError|17|The data argument must be an integer-type TypedArray",
            "QuotaExceededError|22|The ArrayBufferView's byte length (65537) exceeds the number of bytes of entropy available via this API (65536)",
            "RangeError|ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH|Input buffers must have the same byte length",
            true,
            false
        ])
    );
}

#[test]
fn global_crypto_is_webcrypto_with_subtle_digest_and_hmac_sign() {
    let v = answer(
        "const d = await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array([97, 98, 99]));
         const key = await crypto.subtle.importKey('raw', Buffer.from('Jefe'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
         const sig = await crypto.subtle.sign('HMAC', key, Buffer.from('what do ya want for nothing?'));
         const ok = await crypto.subtle.verify('HMAC', key, sig, Buffer.from('what do ya want for nothing?'));
         let bad; try { await crypto.subtle.digest('MD5', new Uint8Array(1)); } catch (e) { bad = e.name + ': ' + e.message; }
         return [d instanceof ArrayBuffer, Buffer.from(d).toString('hex').slice(0, 16), Buffer.from(sig).toString('hex').slice(0, 16), ok, bad,
                 globalThis.crypto === crypto.webcrypto, typeof globalThis.crypto.randomUUID()];",
    );
    assert_eq!(
        v,
        json!([
            true,
            "ba7816bf8f01cfea",
            "5bdcc146bf60754e",
            true,
            "NotSupportedError: Unrecognized algorithm name",
            true,
            "string"
        ])
    );
}

#[test]
fn what_stratus_does_not_compute_throws_saying_so() {
    let v = answer(
        "try { crypto.generateKeyPairSync('rsa', { modulusLength: 2048 }); return 'no error'; } catch (e) { return [e.code, e.message]; }",
    );
    assert_eq!(
        v,
        json!([
            "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM",
            "crypto.generateKeyPairSync is not supported in Stratus (it computes hashes, HMAC, PBKDF2, HKDF, scrypt, AES, RSA and ECDSA signatures and random values)"
        ])
    );
}

#[test]
fn aes_cbc_ctr_and_gcm_match_the_nist_and_gcm_spec_vectors() {
    let v = answer(
        "const hex = (s) => Buffer.from(s, 'hex');
         const cbc = crypto.createCipheriv('aes-256-cbc', hex('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4'), hex('000102030405060708090a0b0c0d0e0f')).setAutoPadding(false);
         const c1 = Buffer.concat([cbc.update(hex('6bc1bee22e409f96e93d7e117393172a')), cbc.final()]).toString('hex');
         const ctr = crypto.createCipheriv('aes-128-ctr', hex('2b7e151628aed2a6abf7158809cf4f3c'), hex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff'));
         const c2 = ctr.update('6bc1bee22e409f96e93d7e117393172a', 'hex', 'hex') + ctr.final('hex');
         const key = hex('feffe9928665731c6d6a8f9467308308'), iv = hex('cafebabefacedbaddecaf888');
         const pt = hex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39');
         const gcm = crypto.createCipheriv('aes-128-gcm', key, iv).setAAD(hex('feedfacedeadbeeffeedfacedeadbeefabaddad2'));
         const ct = Buffer.concat([gcm.update(pt.subarray(0, 20)), gcm.update(pt.subarray(20)), gcm.final()]);
         const tag = gcm.getAuthTag();
         const d = crypto.createDecipheriv('aes-128-gcm', key, iv).setAAD(hex('feedfacedeadbeeffeedfacedeadbeefabaddad2')).setAuthTag(tag);
         const back = Buffer.concat([d.update(ct), d.final()]).equals(pt);
         return [c1, c2, ct.toString('hex').slice(-16), tag.toString('hex'), back];",
    );
    assert_eq!(
        v,
        json!([
            "f58c4c04d6e5f1ba779eabfb5f7bfbd6",
            "874d6191b620e3261bef6864990db6ce",
            "6a0aac973d58e091",
            "5bc94fbc3221a5db94fae95ae7121a47",
            true
        ])
    );
}

#[test]
fn aes_round_trips_and_fails_as_openssl_does_on_bad_input() {
    let v = answer(
        "const k = Buffer.alloc(32, 7), iv = Buffer.alloc(16, 1);
         const c = crypto.createCipheriv('aes-256-cbc', k, iv);
         const enc = c.update('attack at dawn, and then some more text', 'utf8', 'base64') + c.final('base64');
         const d = crypto.createDecipheriv('aes-256-cbc', k, iv);
         const out = [d.update(enc, 'base64', 'utf8') + d.final('utf8'), Buffer.from(enc, 'base64').length];
         const errs = [() => crypto.createDecipheriv('aes-256-cbc', k, iv).final(),
                       () => { const x = crypto.createDecipheriv('aes-256-cbc', Buffer.alloc(32, 8), iv); x.update(Buffer.from(enc, 'base64')); x.final(); },
                       () => crypto.createCipheriv('aes-256-cbc', Buffer.alloc(16), iv), () => crypto.createCipheriv('aes-256-cbc', k, Buffer.alloc(8)),
                       () => crypto.createCipheriv('rot13', k, iv), () => crypto.createCipheriv('chacha20-poly1305', k, Buffer.alloc(12)),
                       () => { const g = crypto.createDecipheriv('aes-256-gcm', k, Buffer.alloc(12)); g.setAuthTag(Buffer.alloc(16)); g.update(Buffer.from('abc')); g.final(); }];
         for (const f of errs) { try { f(); out.push('no error'); } catch (e) { out.push(e.name + '|' + e.code + '|' + e.message); } }
         return out;",
    );
    assert_eq!(
        v,
        json!([
            "attack at dawn, and then some more text",
            48,
            "Error|ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH|error:1C80006B:Provider routines::wrong final block length",
            "Error|ERR_OSSL_BAD_DECRYPT|error:1C800064:Provider routines::bad decrypt",
            "RangeError|ERR_CRYPTO_INVALID_KEYLEN|Invalid key length",
            "TypeError|ERR_CRYPTO_INVALID_IV|Invalid initialization vector",
            "Error|ERR_CRYPTO_UNKNOWN_CIPHER|Unknown cipher",
            "Error|ERR_FEATURE_UNAVAILABLE_ON_PLATFORM|The cipher chacha20-poly1305 is not supported in Stratus (AES in ECB, CBC, CTR and GCM modes is)",
            "Error|undefined|Unsupported state or unable to authenticate data"
        ])
    );
}

#[test]
fn scrypt_matches_rfc_7914_and_checks_nodes_memory_bound() {
    let v = answer(
        "const a = crypto.scryptSync('', '', 64, { N: 16, r: 1, p: 1 }).toString('hex');
         const b = crypto.scryptSync('password', 'NaCl', 64, { cost: 1024, blockSize: 8, parallelization: 16 }).toString('hex');
         const c = await new Promise((r) => crypto.scrypt('pw', 'salt', 16, (e, k) => r(k.length)));
         let d; try { crypto.scryptSync('pw', 'salt', 32, { N: 32768 }); } catch (e) { d = e.name + '|' + e.code + '|' + e.message; }
         return [a, b, c, d];",
    );
    assert_eq!(
        v,
        json!([
            "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906",
            "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640",
            16,
            "RangeError|ERR_CRYPTO_INVALID_SCRYPT_PARAMS|Invalid scrypt params: error:030000AC:digital envelope routines::memory limit exceeded"
        ])
    );
}

#[test]
fn subtle_aes_gcm_pbkdf2_hkdf_and_generated_keys_work_as_webcrypto_does() {
    let v = answer(
        "const s = crypto.webcrypto.subtle, hex = (h) => Buffer.from(h, 'hex'), show = (b) => Buffer.from(b).toString('hex');
         const key = await s.importKey('raw', hex('feffe9928665731c6d6a8f9467308308'), 'AES-GCM', true, ['encrypt', 'decrypt']);
         const pt = hex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39');
         const params = { name: 'AES-GCM', iv: hex('cafebabefacedbaddecaf888'), additionalData: hex('feedfacedeadbeeffeedfacedeadbeefabaddad2') };
         const sealed = await s.encrypt(params, key, pt);
         const opened = await s.decrypt(params, key, sealed);
         const bad = new Uint8Array(sealed); bad[0] ^= 1;
         const failed = await s.decrypt(params, key, bad).catch((e) => e.name);
         const pw = await s.importKey('raw', Buffer.from('password'), 'PBKDF2', false, ['deriveBits', 'deriveKey']);
         const bits = await s.deriveBits({ name: 'PBKDF2', salt: Buffer.from('salt'), iterations: 2, hash: 'SHA-1' }, pw, 160);
         const ikm = await s.importKey('raw', Buffer.alloc(22, 0x0b), 'HKDF', false, ['deriveBits']);
         const okm = await s.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: hex('000102030405060708090a0b0c'), info: hex('f0f1f2f3f4f5f6f7f8f9') }, ikm, 336);
         const derived = await s.deriveKey({ name: 'PBKDF2', salt: Buffer.from('s'), iterations: 10, hash: 'SHA-256' }, pw, { name: 'AES-CBC', length: 256 }, true, ['encrypt', 'decrypt']);
         const cbc = { name: 'AES-CBC', iv: new Uint8Array(16) };
         const round = Buffer.from(await s.decrypt(cbc, derived, await s.encrypt(cbc, derived, Buffer.from('round trip')))).toString();
         const hmac = await s.generateKey({ name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
         const jwk = await s.exportKey('jwk', hmac);
         const rsa = await s.generateKey({ name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, true, ['sign']).catch((e) => e.name + ': ' + e.message);
         const misuse = await s.sign('HMAC', key, pt).catch((e) => e.name);
         return [show(sealed).slice(-32), opened.byteLength, failed, show(bits), show(okm), round, hmac.algorithm.length, jwk.alg, jwk.kty, rsa, misuse];",
    );
    assert_eq!(
        v,
        json!([
            "5bc94fbc3221a5db94fae95ae7121a47",
            60,
            "OperationError",
            "ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957",
            "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
            "round trip",
            512,
            "HS256",
            "oct",
            "NotSupportedError: crypto.subtle.generateKey with RSASSA-PKCS1-v1_5 is not supported in Stratus (it does not generate key pairs)",
            "InvalidAccessError"
        ])
    );
}

#[test]
fn crypto_loads_by_bare_and_node_names_through_require_too() {
    let files = [(
        "index.js",
        "const c = require('crypto'); const n = require('node:crypto'); exports.handler = async () => [c === n, c.createHash('sha256').update('').digest('hex').slice(0, 8), typeof require('crypto').webcrypto.subtle.digest];",
    )];
    let mut env = Environment::init(config("index.handler", &files), T0).unwrap();
    assert_eq!(
        answer_in(&mut env, "r"),
        json!([true, "e3b0c442", "function"])
    );
}

#[test]
fn a_thrown_crypto_error_is_reported_with_frames_in_nodes_internal_sources() {
    let mut env = env_for("crypto.createHash('md5').update(42);");
    let out = run_through_waits(&mut env, "r", T0 + 1_000);
    let err = out.result.expect_err("a TypeError");
    assert_eq!(err.error_type, "TypeError");
    assert!(
        err.trace
            .iter()
            .any(|l| l.contains("node:internal/stratus/crypto")),
        "{:?}",
        err.trace
    );
}
