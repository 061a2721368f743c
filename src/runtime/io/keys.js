// Stratus io: RSA keys and PKCS#1 v1.5 signatures for `crypto`
// (createPublicKey, createPrivateKey, createSign, createVerify, sign,
// verify), compiled on first use of one of them. Keys come as PEM (SPKI,
// PKCS#1, PKCS#8), DER or JWK; the arithmetic is BigInt, the digests the
// natives'. RSA-PSS, OAEP, EC and Edwards keys say Stratus does not support them.
(function (N, G, I) {
  'use strict';
  const C = I.part('crypto').internal;
  const { nodeError, toBuf, hashName, argType, KeyObject } = C;
  const unsupported = (what) => nodeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', what + ' is not supported in Stratus (RSA keys with PKCS#1 v1.5 signatures are)');
  const decoderError = () => nodeError(Error, 'ERR_OSSL_UNSUPPORTED', 'error:1E08010C:DECODER routines::unsupported');

  // ---- numbers and bytes ----
  const big = (u8) => (u8.length ? BigInt('0x' + I.toText(u8, 'hex')) : 0n);
  const bytesOf = (n, k) => I.toBytes(n.toString(16).padStart(2 * k, '0'), 'hex');
  const b64url = (u8) => I.toText(u8, 'base64url');
  const fromB64url = (s) => I.toBytes(String(s), 'base64url');
  function modPow(b, e, m) {
    let r = 1n;
    b %= m;
    while (e > 0n) {
      if (e & 1n) r = (r * b) % m;
      b = (b * b) % m;
      e >>= 1n;
    }
    return r;
  }

  // ---- DER ----
  function der(u8) {
    let pos = 0;
    function next() {
      if (pos + 2 > u8.length) throw decoderError();
      const tag = u8[pos++];
      let len = u8[pos++];
      if (len & 0x80) {
        const n = len & 0x7f;
        len = 0;
        for (let i = 0; i < n; i++) len = len * 256 + u8[pos++];
      }
      const body = u8.subarray(pos, pos + len);
      if (body.length !== len) throw decoderError();
      pos += len;
      return { tag, body };
    }
    return { next, more: () => pos < u8.length };
  }
  const seq = (u8) => { const r = der(u8); const out = []; while (r.more()) out.push(r.next()); return out; };
  const RSA_OID = '2a864886f70d010101';
  function rsaPublic(body) { const [n, e] = seq(body); return { n: big(n.body), e: big(e.body) }; }
  function rsaPrivate(body) {
    const [, n, e, d, p, q, dp, dq, qi] = seq(body).map((x) => big(x.body));
    return { n, e, d, p, q, dp, dq, qi };
  }
  function spki(u8) {
    const [alg, bits] = seq(seq(u8)[0].body);
    const oid = I.toText(seq(alg.body)[0].body, 'hex');
    if (oid !== RSA_OID) throw unsupported(oid === '2a8648ce3d0201' ? 'An EC key' : 'A key other than RSA');
    return rsaPublic(seq(bits.body.subarray(1))[0].body);
  }
  function pkcs8(u8) {
    const [, alg, key] = seq(seq(u8)[0].body);
    const oid = I.toText(seq(alg.body)[0].body, 'hex');
    if (oid !== RSA_OID) throw unsupported(oid === '2a8648ce3d0201' ? 'An EC key' : 'A key other than RSA');
    return rsaPrivate(seq(key.body)[0].body);
  }
  function pem(text) {
    const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
    if (!m) throw decoderError();
    return { label: m[1], der: I.toBytes(m[2].replace(/\s+/g, ''), 'base64') };
  }
  function fromPem(text, wantPrivate) {
    const { label, der: body } = pem(text);
    if (label === 'PUBLIC KEY' && !wantPrivate) return spki(body);
    if (label === 'RSA PUBLIC KEY' && !wantPrivate) return rsaPublic(seq(body)[0].body);
    if (label === 'PRIVATE KEY') return pkcs8(body);
    if (label === 'RSA PRIVATE KEY') return rsaPrivate(seq(body)[0].body);
    if (label === 'ENCRYPTED PRIVATE KEY' || /ENCRYPTED/.test(text)) throw unsupported('An encrypted private key');
    if (label === 'EC PRIVATE KEY') throw unsupported('An EC private key');
    if (label === 'OPENSSH PRIVATE KEY') throw unsupported('An OpenSSH private key');
    if (label === 'CERTIFICATE') throw unsupported('A key from an X.509 certificate');
    throw decoderError();
  }
  function fromJwk(jwk, wantPrivate) {
    if (!jwk || typeof jwk !== 'object') throw argType('key.key', 'of type object', jwk);
    if (jwk.kty !== 'RSA') {
      if (jwk.kty === 'EC' || jwk.kty === 'OKP') throw unsupported('An ' + jwk.kty + ' JSON Web Key');
      throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_JWK', 'Invalid JWK data');
    }
    const k = { n: big(fromB64url(jwk.n)), e: big(fromB64url(jwk.e)) };
    if (jwk.d !== undefined) for (const f of ['d', 'p', 'q', 'dp', 'dq', 'qi']) if (jwk[f] !== undefined) k[f] = big(fromB64url(jwk[f]));
    if (wantPrivate && k.d === undefined) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_JWK', 'Invalid JWK RSA key');
    return k;
  }

  // ---- KeyObjects ----
  function asymmetric(type, rsa) {
    const key = new KeyObject(type, new Uint8Array(0));
    Object.defineProperty(key, '_rsa', { value: rsa });
    key.asymmetricKeyType = 'rsa';
    key.asymmetricKeyDetails = { modulusLength: rsa.n.toString(2).length, publicExponent: rsa.e };
    key.export = function (options) {
      const o = options || {};
      if (o.format !== 'jwk') throw unsupported('Exporting a key as ' + (o.format || 'pem'));
      const len = (v) => Math.ceil(v.toString(16).length / 2);
      const out = { kty: 'RSA', n: b64url(bytesOf(rsa.n, len(rsa.n))), e: b64url(bytesOf(rsa.e, len(rsa.e))) };
      if (type === 'private') for (const f of ['d', 'p', 'q', 'dp', 'dq', 'qi']) if (rsa[f] !== undefined) out[f] = b64url(bytesOf(rsa[f], len(rsa[f])));
      return out;
    };
    return key;
  }
  function parse(input, wantPrivate) {
    if (input instanceof KeyObject) {
      if (!input._rsa) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type secret, expected ' + (wantPrivate ? 'private.' : 'public.'));
      if (wantPrivate && input.type !== 'private') throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type public, expected private.');
      return input._rsa;
    }
    if (input && input.type === 'secret' && input._stratusSecret) throw unsupported('A CryptoKey here');
    if (typeof input === 'string') return fromPem(input, wantPrivate);
    if (ArrayBuffer.isView(input)) return fromPem(I.toText(input), wantPrivate);
    if (input && typeof input === 'object') {
      if (input.passphrase !== undefined) throw unsupported('An encrypted private key');
      if (input.padding !== undefined && input.padding !== 1) throw unsupported('RSA padding ' + input.padding);
      if (input.format === 'jwk') return fromJwk(input.key, wantPrivate);
      if (input.key instanceof KeyObject) return parse(input.key, wantPrivate);
      if (input.format === 'der') {
        const body = ArrayBuffer.isView(input.key) ? input.key : I.toBytes(input.key);
        if (input.type === 'pkcs1') return wantPrivate ? rsaPrivate(seq(body)[0].body) : rsaPublic(seq(body)[0].body);
        return input.type === 'pkcs8' ? pkcs8(body) : spki(body);
      }
      if (input.key !== undefined) return parse(input.key, wantPrivate);
    }
    throw argType('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', input);
  }
  const createPublicKey = (key) => { const rsa = parse(key, false); return asymmetric('public', { n: rsa.n, e: rsa.e }); };
  const createPrivateKey = (key) => asymmetric('private', parse(key, true));

  // ---- PKCS#1 v1.5 signatures ----
  const DIGEST_INFO = {
    md5: '3020300c06082a864886f70d020505000410', sha1: '3021300906052b0e03021a05000414',
    sha224: '302d300d06096086480165030402040500041c', sha256: '3031300d060960864801650304020105000420',
    sha384: '3041300d060960864801650304020205000430', sha512: '3051300d060960864801650304020305000440',
  };
  function encoded(alg, chunks, k) {
    const t = I.toText(I.digest(alg, chunks), 'hex');
    const info = DIGEST_INFO[alg] + t;
    const ps = k - info.length / 2 - 3;
    if (ps < 8) throw nodeError(Error, 'ERR_OSSL_RSA_DIGEST_TOO_BIG_FOR_RSA_KEY', 'error:02000070:rsa routines::digest too big for rsa key');
    return BigInt('0x0001' + 'ff'.repeat(ps) + '00' + info);
  }
  function digestOf(algorithm) {
    if (algorithm == null) return 'sha256';
    const name = hashName(algorithm);
    if (name === undefined) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + algorithm);
    return name;
  }
  function signWith(alg, chunks, key) {
    const rsa = parse(key, true);
    const k = Math.ceil(rsa.n.toString(16).length / 2);
    const m = encoded(alg, chunks, k);
    let s;
    if (rsa.p && rsa.q && rsa.dp && rsa.dq && rsa.qi) {
      // The Chinese remainder theorem: two half-size exponentiations.
      const m1 = modPow(m, rsa.dp, rsa.p), m2 = modPow(m, rsa.dq, rsa.q);
      const h = (rsa.qi * (((m1 - m2) % rsa.p) + rsa.p)) % rsa.p;
      s = m2 + h * rsa.q;
    } else s = modPow(m, rsa.d, rsa.n);
    return toBuf(bytesOf(s, k));
  }
  function verifyWith(alg, chunks, key, signature) {
    const rsa = parse(key, false);
    const k = Math.ceil(rsa.n.toString(16).length / 2);
    if (signature.length !== k) return false;
    const s = big(signature);
    if (s >= rsa.n) return false;
    return modPow(s, rsa.e, rsa.n) === encoded(alg, chunks, k);
  }
  const sigBytes = (signature, encoding) => (typeof signature === 'string' ? I.toBytes(signature, encoding || 'utf8') : I.toBytes(signature));
  class Sign {
    constructor(algorithm) { this._alg = digestOf(algorithm); this._chunks = []; }
    update(data, encoding) { this._chunks.push(C.bytesOf('data', data, encoding)); return this; }
    sign(privateKey, outputEncoding) {
      const out = signWith(this._alg, this._chunks, privateKey);
      return outputEncoding && outputEncoding !== 'buffer' ? out.toString(outputEncoding) : out;
    }
  }
  class Verify {
    constructor(algorithm) { this._alg = digestOf(algorithm); this._chunks = []; }
    update(data, encoding) { this._chunks.push(C.bytesOf('data', data, encoding)); return this; }
    verify(key, signature, signatureEncoding) { return verifyWith(this._alg, this._chunks, key, sigBytes(signature, signatureEncoding)); }
  }
  const createSign = (algorithm) => new Sign(algorithm);
  const createVerify = (algorithm) => new Verify(algorithm);
  function sign(algorithm, data, key, callback) {
    const out = signWith(digestOf(algorithm), [C.bytesOf('data', data)], key);
    if (typeof callback !== 'function') return out;
    G.setImmediate(() => callback(null, out));
  }
  function verify(algorithm, data, key, signature, callback) {
    const ok = verifyWith(digestOf(algorithm), [C.bytesOf('data', data)], key, sigBytes(signature));
    if (typeof callback !== 'function') return ok;
    G.setImmediate(() => callback(null, ok));
  }
  return { createPublicKey, createPrivateKey, createSign, createVerify, sign, verify, Sign, Verify };
})
