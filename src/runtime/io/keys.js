// Stratus io: RSA and EC (P-256, P-384) keys with PKCS#1 v1.5 and ECDSA
// signatures for `crypto` (createPublicKey, createPrivateKey, createSign,
// createVerify, sign, verify), compiled on first use of one of them. Keys
// come as PEM (SPKI, PKCS#1, SEC1, PKCS#8), DER or JWK; the arithmetic is
// BigInt, the digests the natives'. RSA-PSS, OAEP and Edwards keys say
// Stratus does not support them.
(function (N, G, I) {
  'use strict';
  const C = I.part('crypto').internal;
  const { nodeError, toBuf, hashName, argType, KeyObject } = C;
  const unsupported = (what) => nodeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', what + ' is not supported in Stratus (RSA keys with PKCS#1 v1.5 signatures and P-256/P-384 ECDSA are)');
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

  // ---- elliptic curves (a = -3), Jacobian coordinates ----
  const CURVES = {
    '2a8648ce3d030107': {
      name: 'prime256v1', jwk: 'P-256', size: 32,
      p: 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn,
      b: 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn,
      n: 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n,
      g: [0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n, 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n],
    },
    '2b81040022': {
      name: 'secp384r1', jwk: 'P-384', size: 48,
      p: 0xfffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffffn,
      b: 0xb3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aefn,
      n: 0xffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973n,
      g: [0xaa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7n, 0x3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5fn],
    },
  };
  const curveByJwk = (crv) => Object.values(CURVES).find((c) => c.jwk === crv);
  const mod = (a, m) => ((a % m) + m) % m;
  function double(c, P) {
    const [X, Y, Z] = P, p = c.p;
    if (Y === 0n) return [0n, 1n, 0n];
    const delta = Z * Z % p, gamma = Y * Y % p, beta = X * gamma % p;
    const alpha = 3n * mod(X - delta, p) * (X + delta) % p;
    const X3 = mod(alpha * alpha - 8n * beta, p);
    const Z3 = mod((Y + Z) * (Y + Z) - gamma - delta, p);
    const Y3 = mod(alpha * (4n * beta - X3) - 8n * gamma * gamma, p);
    return [X3, Y3, Z3];
  }
  function add(c, P, Q) {
    if (P[2] === 0n) return Q;
    if (Q[2] === 0n) return P;
    const p = c.p;
    const z1 = P[2] * P[2] % p, z2 = Q[2] * Q[2] % p;
    const u1 = P[0] * z2 % p, u2 = Q[0] * z1 % p;
    const s1 = P[1] * Q[2] % p * z2 % p, s2 = Q[1] * P[2] % p * z1 % p;
    const h = mod(u2 - u1, p), r = mod(2n * (s2 - s1), p);
    if (h === 0n) return r === 0n ? double(c, P) : [0n, 1n, 0n];
    const i = 4n * h * h % p, j = h * i % p, v = u1 * i % p;
    const X3 = mod(r * r - j - 2n * v, p);
    const Y3 = mod(r * (v - X3) - 2n * s1 * j, p);
    const Z3 = mod(((P[2] + Q[2]) ** 2n - z1 - z2) * h, p);
    return [X3, Y3, Z3];
  }
  function multiply(c, k, point) {
    let r = [0n, 1n, 0n];
    const P = [point[0], point[1], 1n];
    for (const bit of k.toString(2)) {
      r = double(c, r);
      if (bit === '1') r = add(c, r, P);
    }
    return r;
  }
  function affine(c, P) {
    if (P[2] === 0n) return null;
    const zi = modPow(P[2], c.p - 2n, c.p), zi2 = zi * zi % c.p;
    return [P[0] * zi2 % c.p, P[1] * zi2 % c.p * zi % c.p];
  }
  function point(c, u8) {
    const x = big(u8.subarray(1, 1 + c.size));
    if (u8[0] === 4) return [x, big(u8.subarray(1 + c.size))];
    if (u8[0] !== 2 && u8[0] !== 3) throw decoderError();
    // Compressed: y = sqrt(x^3 - 3x + b), p = 3 mod 4 for both curves.
    let y = modPow(mod(x ** 3n - 3n * x + c.b, c.p), (c.p + 1n) / 4n, c.p);
    if ((y & 1n) !== BigInt(u8[0] & 1)) y = c.p - y;
    return [x, y];
  }
  function ecKey(c, d, pub) {
    const q = pub || affine(c, multiply(c, d, c.g));
    return d === undefined ? { kind: 'ec', curve: c, q } : { kind: 'ec', curve: c, q, d };
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
  function rsaPublic(body) { const [n, e] = seq(body); return { kind: 'rsa', n: big(n.body), e: big(e.body) }; }
  function rsaPrivate(body) {
    const [, n, e, d, p, q, dp, dq, qi] = seq(body).map((x) => big(x.body));
    return { kind: 'rsa', n, e, d, p, q, dp, dq, qi };
  }
  const EC_OID = '2a8648ce3d0201';
  function algorithmOf(alg) {
    const [oid, param] = seq(alg.body);
    const id = I.toText(oid.body, 'hex');
    if (id === RSA_OID) return { kind: 'rsa' };
    if (id === EC_OID) {
      const curve = param && CURVES[I.toText(param.body, 'hex')];
      if (!curve) throw unsupported('An EC key on this curve');
      return { kind: 'ec', curve };
    }
    throw unsupported('A key of this type (OID ' + id + ')');
  }
  function spki(u8) {
    const [alg, bits] = seq(seq(u8)[0].body);
    const a = algorithmOf(alg);
    if (a.kind === 'ec') return ecKey(a.curve, undefined, point(a.curve, bits.body.subarray(1)));
    return rsaPublic(seq(bits.body.subarray(1))[0].body);
  }
  // SEC1 ECPrivateKey: version, d, [0] curve, [1] public point.
  function sec1(body, curve) {
    const parts = seq(body);
    let c = curve, pub;
    for (const x of parts.slice(2)) {
      if (x.tag === 0xa0) c = CURVES[I.toText(seq(x.body)[0].body, 'hex')] || c;
      if (x.tag === 0xa1) pub = seq(x.body)[0].body.subarray(1);
    }
    if (!c) throw unsupported('An EC key on this curve');
    return ecKey(c, big(parts[1].body), pub ? point(c, pub) : undefined);
  }
  function pkcs8(u8) {
    const [, alg, key] = seq(seq(u8)[0].body);
    const a = algorithmOf(alg);
    if (a.kind === 'ec') return sec1(seq(key.body)[0].body, a.curve);
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
    if (label === 'EC PRIVATE KEY') return sec1(seq(body)[0].body);
    if (label === 'OPENSSH PRIVATE KEY') throw unsupported('An OpenSSH private key');
    if (label === 'CERTIFICATE') throw unsupported('A key from an X.509 certificate');
    throw decoderError();
  }
  function fromJwk(jwk, wantPrivate) {
    if (!jwk || typeof jwk !== 'object') throw argType('key.key', 'of type object', jwk);
    if (jwk.kty === 'EC') {
      const c = curveByJwk(jwk.crv);
      if (!c) throw unsupported('An EC JSON Web Key on ' + jwk.crv);
      const d = jwk.d !== undefined ? big(fromB64url(jwk.d)) : undefined;
      if (wantPrivate && d === undefined) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_JWK', 'Invalid JWK EC key');
      return ecKey(c, d, [big(fromB64url(jwk.x)), big(fromB64url(jwk.y))]);
    }
    if (jwk.kty !== 'RSA') {
      if (jwk.kty === 'OKP') throw unsupported('An OKP JSON Web Key');
      throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_JWK', 'Invalid JWK data');
    }
    const k = { kind: 'rsa', n: big(fromB64url(jwk.n)), e: big(fromB64url(jwk.e)) };
    if (jwk.d !== undefined) for (const f of ['d', 'p', 'q', 'dp', 'dq', 'qi']) if (jwk[f] !== undefined) k[f] = big(fromB64url(jwk[f]));
    if (wantPrivate && k.d === undefined) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_JWK', 'Invalid JWK RSA key');
    return k;
  }

  // ---- KeyObjects ----
  function asymmetric(type, k) {
    const key = new KeyObject(type, new Uint8Array(0));
    Object.defineProperty(key, '_asym', { value: k });
    key.asymmetricKeyType = k.kind;
    key.asymmetricKeyDetails = k.kind === 'rsa' ? { modulusLength: k.n.toString(2).length, publicExponent: k.e } : { namedCurve: k.curve.name };
    key.export = function (options) {
      const o = options || {};
      if (o.format !== 'jwk') throw unsupported('Exporting a key as ' + (o.format || 'pem'));
      const len = (v) => Math.ceil(v.toString(16).length / 2);
      if (k.kind === 'ec') {
        const sz = k.curve.size;
        const out = { kty: 'EC', crv: k.curve.jwk, x: b64url(bytesOf(k.q[0], sz)), y: b64url(bytesOf(k.q[1], sz)) };
        if (type === 'private') out.d = b64url(bytesOf(k.d, sz));
        return out;
      }
      const out = { kty: 'RSA', n: b64url(bytesOf(k.n, len(k.n))), e: b64url(bytesOf(k.e, len(k.e))) };
      if (type === 'private') for (const f of ['d', 'p', 'q', 'dp', 'dq', 'qi']) if (k[f] !== undefined) out[f] = b64url(bytesOf(k[f], len(k[f])));
      return out;
    };
    return key;
  }
  function parse(input, wantPrivate) {
    if (input instanceof KeyObject) {
      if (!input._asym) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type secret, expected ' + (wantPrivate ? 'private.' : 'public.'));
      if (wantPrivate && input.type !== 'private') throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', 'Invalid key object type public, expected private.');
      return input._asym;
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
        if (input.type === 'sec1') return sec1(seq(body)[0].body);
        return input.type === 'pkcs8' ? pkcs8(body) : spki(body);
      }
      if (input.key !== undefined) return parse(input.key, wantPrivate);
    }
    throw argType('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', input);
  }
  function createPublicKey(key) {
    const k = parse(key, false);
    return asymmetric('public', k.kind === 'rsa' ? { kind: 'rsa', n: k.n, e: k.e } : { kind: 'ec', curve: k.curve, q: k.q });
  }
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
  // ---- ECDSA ----
  function hashInt(alg, chunks, c) {
    const h = I.digest(alg, chunks);
    const e = big(h);
    const excess = h.length * 8 - c.n.toString(2).length;
    return excess > 0 ? e >> BigInt(excess) : e;
  }
  function ecdsaSign(k, alg, chunks, p1363) {
    const c = k.curve, e = hashInt(alg, chunks, c);
    for (;;) {
      const kb = new Uint8Array(c.size);
      I.randomFill(kb);
      const nonce = big(kb) % c.n;
      if (nonce === 0n) continue;
      const R = affine(c, multiply(c, nonce, c.g));
      const r = R[0] % c.n;
      const s = modPow(nonce, c.n - 2n, c.n) * (e + r * k.d) % c.n;
      if (r === 0n || s === 0n) continue;
      if (p1363) return toBuf(concat([bytesOf(r, c.size), bytesOf(s, c.size)]));
      const int = (v) => { let b = bytesOf(v, Math.ceil(v.toString(16).length / 2)); if (b[0] & 0x80) b = concat([new Uint8Array([0]), b]); return concat([new Uint8Array([2, b.length]), b]); };
      const body = concat([int(r), int(s)]);
      const head = body.length < 128 ? [0x30, body.length] : [0x30, 0x81, body.length];
      return toBuf(concat([new Uint8Array(head), body]));
    }
  }
  function ecdsaVerify(k, alg, chunks, signature, p1363) {
    const c = k.curve;
    let r, s;
    try {
      if (p1363) {
        if (signature.length !== 2 * c.size) return false;
        r = big(signature.subarray(0, c.size)); s = big(signature.subarray(c.size));
      } else {
        const [a, b] = seq(seq(signature)[0].body);
        r = big(a.body); s = big(b.body);
      }
    } catch (e) { return false; }
    if (r <= 0n || r >= c.n || s <= 0n || s >= c.n) return false;
    const w = modPow(s, c.n - 2n, c.n);
    const u1 = hashInt(alg, chunks, c) * w % c.n, u2 = r * w % c.n;
    const X = affine(c, add(c, multiply(c, u1, c.g), multiply(c, u2, k.q)));
    return X !== null && X[0] % c.n === r;
  }
  const concat = (list) => { const n = list.reduce((a, b) => a + b.length, 0); const out = new Uint8Array(n); let o = 0; for (const b of list) { out.set(b, o); o += b.length; } return out; };
  const p1363Of = (key) => !!(key && typeof key === 'object' && !(key instanceof KeyObject) && !ArrayBuffer.isView(key) && key.dsaEncoding === 'ieee-p1363');

  function signWith(alg, chunks, key) {
    const k = parse(key, true);
    if (k.kind === 'ec') return ecdsaSign(k, alg, chunks, p1363Of(key));
    const rsa = k;
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
    const k = parse(key, false);
    if (k.kind === 'ec') return ecdsaVerify(k, alg, chunks, signature, p1363Of(key));
    const rsa = k;
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
