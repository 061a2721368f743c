// Stratus io: `crypto` (and the global `crypto`, Node's webcrypto), compiled
// on first use. Digests, HMAC, PBKDF2, HKDF and AES run in Rust natives (`I`);
// random values come from the environment's seeded source, never real
// randomness. What Stratus does not compute throws saying so.
(function (N, G, I) {
  'use strict';
  const Buf = () => G.Buffer;
  const toBuf = (u8) => { const B = Buf(); return B.from(u8.buffer, u8.byteOffset, u8.length); };
  const HASHES = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];
  const ALIASES = { 'rsa-md5': 'md5', 'rsa-sha1': 'sha1', 'sha-1': 'sha1', 'rsa-sha224': 'sha224', 'sha-224': 'sha224', 'rsa-sha256': 'sha256', 'sha-256': 'sha256', 'rsa-sha384': 'sha384', 'sha-384': 'sha384', 'rsa-sha512': 'sha512', 'sha-512': 'sha512' };
  // Digests OpenSSL gives Node that Stratus does not compute: they say so.
  const KNOWN = /^(rsa-)?(sha3-(224|256|384|512)|shake(128|256)|blake2(b512|s256)|ripemd(160)?|rmd160|ripemd-160|sha512-(224|256)|sha-512\/(224|256)|sm3|md5-sha1)$/;
  function hashName(name) {
    const l = String(name).toLowerCase();
    const n = ALIASES[l] || l;
    if (HASHES.includes(n)) return n;
    if (KNOWN.test(l)) throw nodeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', 'The digest ' + name + ' is not supported in Stratus (md5, sha1, sha224, sha256, sha384 and sha512 are)');
    return undefined;
  }

  // ---- Node's error shapes ----
  function nodeError(Ctor, code, message) {
    const e = new Ctor(message);
    Object.defineProperty(e, 'code', { value: code, enumerable: true, writable: true, configurable: true });
    Object.defineProperty(e, 'toString', { value() { return this.name + ' [' + code + ']: ' + this.message; }, writable: true, configurable: true });
    return e;
  }
  function received(v) {
    if (v == null) return ' Received ' + v;
    if (typeof v === 'function') return ' Received function ' + (v.name || '<anonymous>');
    if (typeof v === 'object') return v.constructor && v.constructor.name ? ' Received an instance of ' + v.constructor.name : ' Received ' + N.extras().inspect(v, { depth: -1 });
    let shown = N.extras().inspect(v);
    if (shown.length > 28) shown = shown.slice(0, 25) + '...';
    return ' Received type ' + typeof v + ' (' + shown + ')';
  }
  const argType = (name, what, v) => nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "' + name + '" argument must be ' + what + '.' + received(v));
  const BYTES = 'of type string or an instance of Buffer, TypedArray, or DataView';
  const outOfRange = (name, range, v) => nodeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + (typeof v === 'number' ? String(v).replace(/\B(?=(\d{3})+(?!\d))/g, '_') : String(v)));
  function unsupported(name) {
    return function () {
      throw nodeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', 'crypto.' + name + ' is not supported in Stratus (it computes hashes, HMAC, PBKDF2, HKDF, scrypt, AES, RSA and ECDSA signatures and random values)');
    };
  }
  const isView = (v) => ArrayBuffer.isView(v);
  function bytesOf(name, v, enc) {
    if (typeof v === 'string') return I.toBytes(v, enc);
    if (isView(v)) return I.toBytes(v);
    throw argType(name, BYTES, v);
  }
  // Callbacks run after the current job, as Node's thread pool answers them.
  const later = (fn) => G.setImmediate(fn);
  function checkCallback(cb) { if (typeof cb !== 'function') throw argType('callback', 'of type function', cb); }

  // ---- Hash and Hmac ----
  const finalized = () => nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
  function finish(out, enc) { return enc === undefined || enc === 'buffer' ? toBuf(out) : out; }
  class Hash {
    constructor(algorithm, options) {
      if (typeof algorithm !== 'string') throw argType('algorithm', 'of type string', algorithm);
      const name = hashName(algorithm);
      if (name === undefined) throw new Error('Digest method not supported');
      this._alg = name;
      this._chunks = [];
      this._done = false;
    }
    update(data, encoding) {
      if (this._done) throw finalized();
      this._chunks.push(bytesOf('data', data, encoding));
      return this;
    }
    digest(encoding) {
      if (this._done) throw finalized();
      this._done = true;
      return finish(I.digest(this._alg, this._chunks, encoding === 'buffer' ? undefined : encoding), encoding);
    }
    copy() {
      if (this._done) throw finalized();
      const h = new Hash(this._alg);
      h._chunks = this._chunks.slice();
      return h;
    }
  }
  function keyBytes(key, encoding) {
    if (key && key._stratusSecret) return key._stratusSecret;
    if (typeof key === 'string') return I.toBytes(key, encoding);
    if (isView(key) || key instanceof ArrayBuffer) return I.toBytes(key);
    throw argType('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', key);
  }
  class Hmac {
    constructor(hmac, key, options) {
      if (typeof hmac !== 'string') throw argType('hmac', 'of type string', hmac);
      const name = hashName(hmac);
      if (name === undefined) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + hmac);
      this._alg = name;
      this._key = keyBytes(key, options && options.encoding);
      this._chunks = [];
      this._done = false;
    }
    update(data, encoding) {
      if (this._done) throw nodeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
      this._chunks.push(bytesOf('data', data, encoding));
      return this;
    }
    digest(encoding) {
      // A second digest() of an Hmac answers an empty result, as Node does.
      if (this._done) return encoding === undefined || encoding === 'buffer' ? Buf().alloc(0) : '';
      this._done = true;
      return finish(I.hmac(this._alg, this._key, this._chunks, encoding === 'buffer' ? undefined : encoding), encoding);
    }
  }
  const createHash = (algorithm, options) => new Hash(algorithm, options);
  const createHmac = (hmac, key, options) => new Hmac(hmac, key, options);
  function hash(algorithm, data, outputEncoding) {
    if (typeof data !== 'string' && !isView(data)) throw argType('data', BYTES, data);
    const name = hashName(algorithm);
    if (name === undefined) throw new Error('Digest method not supported');
    const enc = outputEncoding === undefined ? 'hex' : outputEncoding;
    return finish(I.digest(name, [bytesOf('data', data)], enc === 'buffer' ? undefined : enc), enc);
  }

  // ---- random values, from the seeded source ----
  const MAX_SIZE = 2147483647;
  function checkSize(size, name) {
    if (typeof size !== 'number') throw argType(name || 'size', 'of type number', size);
    if (!(size >= 0 && size <= MAX_SIZE) || !Number.isInteger(size)) throw outOfRange(name || 'size', '>= 0 && <= 2147483647', size);
  }
  function randomBytes(size, callback) {
    checkSize(size);
    if (callback !== undefined) checkCallback(callback);
    const b = Buf().alloc(size);
    I.randomFill(b);
    if (callback === undefined) return b;
    later(() => callback(null, b));
  }
  function randomFillSync(buf, offset, size) {
    if (!isView(buf) && !(buf instanceof ArrayBuffer)) throw argType('buf', 'an instance of ArrayBuffer or ArrayBufferView', buf);
    const bytes = buf instanceof ArrayBuffer ? new Uint8Array(buf) : new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    const from = offset === undefined ? 0 : offset;
    const n = size === undefined ? bytes.length - from : size;
    checkSize(from, 'offset');
    checkSize(n, 'size');
    if (from + n > bytes.length) throw outOfRange('size + offset', '<= ' + bytes.length, from + n);
    I.randomFill(bytes.subarray(from, from + n));
    return buf;
  }
  function randomFill(buf, offset, size, callback) {
    if (typeof offset === 'function') { callback = offset; offset = undefined; }
    else if (typeof size === 'function') { callback = size; size = undefined; }
    checkCallback(callback);
    randomFillSync(buf, offset, size);
    later(() => callback(null, buf));
  }
  const randomUUID = (options) => N.uuid();
  function randomInt(min, max, callback) {
    if (max === undefined || typeof max === 'function') { callback = max; max = min; min = 0; }
    if (!Number.isSafeInteger(min)) throw argType('min', 'a safe integer', min);
    if (!Number.isSafeInteger(max)) throw argType('max', 'a safe integer', max);
    if (max <= min) throw outOfRange('max', 'greater than the value of "min" (' + min + ')', max);
    const range = max - min;
    if (range > 2 ** 48 - 1) throw outOfRange('max - min', '<= 281474976710655', range);
    if (callback !== undefined) checkCallback(callback);
    const limit = 2 ** 48 - (2 ** 48 % range);
    const six = new Uint8Array(6);
    let x;
    do { I.randomFill(six); x = six.reduce((a, b) => a * 256 + b, 0); } while (x >= limit);
    const n = min + (x % range);
    if (callback === undefined) return n;
    later(() => callback(null, n));
  }
  const DOMException = G.DOMException || class DOMException extends Error {
    constructor(message, name) { super(message); Object.defineProperty(this, 'name', { value: name || 'Error', configurable: true, writable: true }); }
  };
  const INTEGER_ARRAYS = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array'];
  function getRandomValues(data) {
    const kind = isView(data) && !(data instanceof DataView) ? Object.prototype.toString.call(data).slice(8, -1) : '';
    if (!INTEGER_ARRAYS.includes(kind)) throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
    if (data.byteLength > 65536) throw new DOMException("The ArrayBufferView's byte length (" + data.byteLength + ') exceeds the number of bytes of entropy available via this API (65536)', 'QuotaExceededError');
    I.randomFill(data);
    return data;
  }
  function timingSafeEqual(a, b) {
    if (!isView(a) && !(a instanceof ArrayBuffer)) throw argType('buf1', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', a);
    if (!isView(b) && !(b instanceof ArrayBuffer)) throw argType('buf2', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', b);
    if (a.byteLength !== b.byteLength) throw nodeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
    return I.equal(a, b);
  }

  // ---- key derivation ----
  function checkDigest(digest) {
    if (typeof digest !== 'string') throw argType('digest', 'of type string', digest);
    const name = hashName(digest);
    if (name === undefined) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: ' + digest);
    return name;
  }
  function pbkdf2Args(password, salt, iterations, keylen, digest) {
    const p = keyMaterial('password', password);
    const s = keyMaterial('salt', salt);
    if (typeof iterations !== 'number') throw argType('iterations', 'of type number', iterations);
    if (!(iterations >= 1 && iterations <= MAX_SIZE) || !Number.isInteger(iterations)) throw outOfRange('iterations', '>= 1 && <= 2147483647', iterations);
    checkSize(keylen, 'keylen');
    return [p, s, iterations, keylen, checkDigest(digest)];
  }
  function keyMaterial(name, v) {
    if (typeof v === 'string') return I.toBytes(v);
    if (isView(v) || v instanceof ArrayBuffer) return I.toBytes(v);
    throw argType(name, 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', v);
  }
  const pbkdf2Sync = (password, salt, iterations, keylen, digest) => toBuf(I.pbkdf2(...pbkdf2Args(password, salt, iterations, keylen, digest)));
  function pbkdf2(password, salt, iterations, keylen, digest, callback) {
    checkCallback(callback);
    const out = pbkdf2Sync(password, salt, iterations, keylen, digest);
    later(() => callback(null, out));
  }
  function hkdfSync(digest, ikm, salt, info, keylen) {
    const name = checkDigest(digest);
    const k = keyBytes(ikm);
    const s = keyMaterial('salt', salt);
    const i = keyMaterial('info', info);
    if (i.length > 1024) throw outOfRange('info', '<= 1024', i.length);
    checkSize(keylen, 'length');
    const max = 255 * { md5: 16, sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 }[name];
    if (keylen > max) throw nodeError(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
    const out = I.hkdf(name, k, s, i, keylen);
    return out.buffer;
  }
  function hkdf(digest, ikm, salt, info, keylen, callback) {
    checkCallback(callback);
    const out = hkdfSync(digest, ikm, salt, info, keylen);
    later(() => callback(null, out));
  }

  // scrypt with Node's defaults (N 16384, r 8, p 1, maxmem 32 MiB) and checks.
  function scryptSync(password, salt, keylen, options) {
    const p = keyMaterial('password', password);
    const s = keyMaterial('salt', salt);
    checkSize(keylen, 'keylen');
    const o = options || {};
    const N = o.N !== undefined ? o.N : o.cost !== undefined ? o.cost : 16384;
    const r = o.r !== undefined ? o.r : o.blockSize !== undefined ? o.blockSize : 8;
    const par = o.p !== undefined ? o.p : o.parallelization !== undefined ? o.parallelization : 1;
    const maxmem = o.maxmem !== undefined ? o.maxmem : 32 * 1024 * 1024;
    const bad = (why) => nodeError(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', 'Invalid scrypt params: ' + why);
    if (!Number.isInteger(N) || N < 2 || (N & (N - 1)) !== 0) throw nodeError(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', 'Invalid scrypt params');
    // OpenSSL's bound: the p blocks of 128r bytes and the N + 2 of ROMix.
    if (128 * r * par + 128 * r * (N + 2) > maxmem) throw bad('error:030000AC:digital envelope routines::memory limit exceeded');
    return toBuf(I.scrypt(p, s, keylen, N, r, par));
  }
  function scrypt(password, salt, keylen, options, callback) {
    if (typeof options === 'function') { callback = options; options = undefined; }
    checkCallback(callback);
    const out = scryptSync(password, salt, keylen, options);
    later(() => callback(null, out));
  }

  // ---- secret keys (what HMAC and HKDF take) ----
  class KeyObject {
    constructor(type, bytes) { this.type = type; Object.defineProperty(this, '_stratusSecret', { value: bytes }); }
    get symmetricKeySize() { return this._stratusSecret.length; }
    export(options) { const b = toBuf(I.toBytes(this._stratusSecret)); return options && options.format === 'jwk' ? { kty: 'oct', k: b.toString('base64url') } : b; }
    equals(other) { return other instanceof KeyObject && I.equal(this._stratusSecret, other._stratusSecret); }
  }
  const createSecretKey = (key, encoding) => new KeyObject('secret', keyBytes(key, encoding));

  // ---- AES ciphers (the natives recompute all output so far; this hands out what is new) ----
  function parseCipher(name) {
    const l = String(name).toLowerCase().replace(/^id-/, '');
    const alias = { aes128: 'aes-128-cbc', aes192: 'aes-192-cbc', aes256: 'aes-256-cbc' }[l] || l;
    const m = /^aes-(128|192|256)-(ecb|cbc|ctr|gcm)$/.exec(alias);
    if (m) return { keyLen: Number(m[1]) / 8, mode: m[2], name: alias };
    if (/^(aes|aria|camellia|chacha20|des|bf|cast|rc2|rc4|seed|sm4)/.test(l)) throw nodeError(Error, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', 'The cipher ' + name + ' is not supported in Stratus (AES in ECB, CBC, CTR and GCM modes is)');
    throw nodeError(Error, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
  }
  const concatBytes = (list) => { const n = list.reduce((a, b) => a + b.length, 0); const out = new Uint8Array(n); let o = 0; for (const b of list) { out.set(b, o); o += b.length; } return out; };
  const invalidState = (op) => nodeError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation ' + op);
  class Cipheriv {
    constructor(decrypt, algorithm, key, iv, options) {
      const spec = parseCipher(algorithm);
      const k = keyBytes(key);
      if (k.length !== spec.keyLen) throw nodeError(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
      const v = iv == null ? new Uint8Array(0) : keyMaterial('iv', iv);
      const ivOk = spec.mode === 'ecb' ? v.length === 0 : spec.mode === 'gcm' ? v.length > 0 : v.length === 16;
      if (!ivOk) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector');
      Object.assign(this, { _spec: spec, _key: k, _iv: v, _decrypt: decrypt, _in: [], _emitted: 0, _padding: true, _aad: new Uint8Array(0), _tag: new Uint8Array(0), _done: false, _authTag: undefined });
      this._tagLength = options && options.authTagLength !== undefined ? options.authTagLength : 16;
    }
    _run(final) {
      return I.cipher(this._spec.name, this._key, this._iv, concatBytes(this._in), this._decrypt, final, this._padding, this._aad, this._tag);
    }
    // Text output goes through a decoder, as Node's StringDecoder: base64
    // waits for whole 3-byte groups and UTF-8 for whole characters.
    _out(out, enc, final) {
      const fresh = out.subarray(this._emitted);
      this._emitted = out.length;
      if (!enc || enc === 'buffer') return toBuf(I.toBytes(fresh));
      const all = concatBytes([this._held || new Uint8Array(0), fresh]);
      let cut = all.length;
      if (!final) {
        const e = String(enc).toLowerCase();
        if (e === 'base64' || e === 'base64url') cut -= all.length % 3;
        else if (e === 'utf8' || e === 'utf-8') {
          let i = all.length - 1, back = 0;
          while (i >= 0 && back < 3 && (all[i] & 0xc0) === 0x80) { i--; back++; }
          if (i >= 0 && all[i] >= 0xc0) { const need = all[i] >= 0xf0 ? 4 : all[i] >= 0xe0 ? 3 : 2; if (back + 1 < need) cut = i; }
        }
      }
      this._held = all.subarray(cut);
      return I.toText(all.subarray(0, cut), enc);
    }
    update(data, inputEncoding, outputEncoding) {
      if (this._done) throw invalidState('update');
      this._in.push(bytesOf('data', data, inputEncoding));
      return this._out(this._run(false)[0], outputEncoding, false);
    }
    final(outputEncoding) {
      if (this._done) throw invalidState('final');
      this._done = true;
      const [out, tag] = this._run(true);
      if (!this._decrypt && this._spec.mode === 'gcm') this._authTag = tag.subarray(0, this._tagLength);
      return this._out(out, outputEncoding, true);
    }
    setAutoPadding(autoPadding) { if (this._done) throw invalidState('setAutoPadding'); this._padding = autoPadding !== false; return this; }
    setAAD(buffer) { if (this._done || this._spec.mode !== 'gcm') throw invalidState('setAAD'); this._aad = keyMaterial('buffer', buffer); return this; }
    getAuthTag() { if (this._decrypt || this._authTag === undefined) throw invalidState('getAuthTag'); return toBuf(I.toBytes(this._authTag)); }
    setAuthTag(tag) {
      if (!this._decrypt || this._done || this._spec.mode !== 'gcm') throw invalidState('setAuthTag');
      const t = keyMaterial('buffer', tag);
      if (t.length < 4 || t.length > 16) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', 'Invalid authentication tag length: ' + t.length);
      this._tag = t;
      return this;
    }
  }
  const createCipheriv = (algorithm, key, iv, options) => new Cipheriv(false, algorithm, key, iv, options);
  const createDecipheriv = (algorithm, key, iv, options) => new Cipheriv(true, algorithm, key, iv, options);
  const CIPHERS = ['aes-128-cbc', 'aes-128-ctr', 'aes-128-ecb', 'aes-128-gcm', 'aes-192-cbc', 'aes-192-ctr', 'aes-192-ecb', 'aes-192-gcm', 'aes-256-cbc', 'aes-256-ctr', 'aes-256-ecb', 'aes-256-gcm', 'aes128', 'aes192', 'aes256'];

  // ---- webcrypto ----
  const SUBTLE_HASHES = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
  function subtleHash(algorithm) {
    const name = typeof algorithm === 'string' ? algorithm : algorithm && algorithm.name;
    const key = Object.keys(SUBTLE_HASHES).find((k) => k.toLowerCase() === String(name).toLowerCase());
    if (key === undefined) throw new DOMException('Unrecognized algorithm name', 'NotSupportedError');
    return key;
  }
  function bufferSource(data) {
    if (isView(data) || data instanceof ArrayBuffer) return I.toBytes(data);
    throw argType('data', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', data);
  }
  class CryptoKey {
    constructor(algorithm, extractable, usages, bytes) {
      this.type = 'secret'; this.extractable = extractable; this.algorithm = algorithm; this.usages = usages;
      Object.defineProperty(this, '_stratusSecret', { value: bytes });
    }
    get [Symbol.toStringTag]() { return 'CryptoKey'; }
  }
  // The secret-key algorithms Stratus computes; the others Node knows say so.
  const SECRET = { HMAC: 'HMAC', 'AES-GCM': 'AES-GCM', 'AES-CBC': 'AES-CBC', 'AES-CTR': 'AES-CTR', PBKDF2: 'PBKDF2', HKDF: 'HKDF', 'RSASSA-PKCS1-V1_5': 'RSASSA-PKCS1-v1_5', ECDSA: 'ECDSA' };
  const ASYMMETRIC = ['RSA-PSS', 'RSA-OAEP', 'ECDH', 'ED25519', 'X25519', 'ED448', 'X448', 'AES-KW'];
  const SIGNING = ['RSASSA-PKCS1-v1_5', 'ECDSA'];
  function subtleAlgorithm(algorithm, op) {
    const a = typeof algorithm === 'string' ? { name: algorithm } : Object.assign({}, algorithm);
    const upper = String(a.name).toUpperCase();
    const name = SECRET[upper];
    if (name) return Object.assign(a, { name });
    if (ASYMMETRIC.includes(upper)) throw new DOMException('crypto.subtle.' + op + ' with ' + a.name + ' is not supported in Stratus (HMAC, AES-GCM, AES-CBC, AES-CTR, PBKDF2, HKDF, RSASSA-PKCS1-v1_5 and ECDSA are)', 'NotSupportedError');
    throw new DOMException('Unrecognized algorithm name', 'NotSupportedError');
  }
  const invalidAccess = () => new DOMException('The requested operation is not valid for the provided key', 'InvalidAccessError');
  function usable(key, usage, name) {
    if (!(key instanceof CryptoKey)) throw argType('key', 'an instance of CryptoKey', key);
    if (!key.usages.includes(usage) || (name && key.algorithm.name !== name)) throw invalidAccess();
    return key._stratusSecret;
  }
  const BLOCK_BITS = { 'SHA-1': 512, 'SHA-256': 512, 'SHA-384': 1024, 'SHA-512': 1024 };
  function makeKey(alg, bytes, extractable, usages) {
    if (alg.name === 'HMAC') {
      const hash = subtleHash(alg.hash);
      return new CryptoKey({ name: 'HMAC', length: bytes.length * 8, hash: { name: hash } }, !!extractable, [...usages], bytes);
    }
    if (alg.name.startsWith('AES-')) {
      if (![16, 24, 32].includes(bytes.length)) throw new DOMException('Invalid key length', 'DataError');
      return new CryptoKey({ name: alg.name, length: bytes.length * 8 }, !!extractable, [...usages], bytes);
    }
    return new CryptoKey({ name: alg.name }, false, [...usages], bytes);
  }
  function aes(alg, key, data, decrypt) {
    const bits = key._stratusSecret.length * 8;
    const mode = alg.name.slice(4).toLowerCase();
    const iv = bufferSource(mode === 'ctr' ? alg.counter : alg.iv);
    let input = bufferSource(data), tag = new Uint8Array(0);
    const tagBytes = (alg.tagLength === undefined ? 128 : alg.tagLength) / 8;
    if (mode === 'gcm' && decrypt) {
      if (input.length < tagBytes) throw new DOMException('The provided data is too small.', 'OperationError');
      tag = input.subarray(input.length - tagBytes);
      input = input.subarray(0, input.length - tagBytes);
    }
    const aad = mode === 'gcm' && alg.additionalData !== undefined ? bufferSource(alg.additionalData) : new Uint8Array(0);
    let out;
    try {
      out = I.cipher('aes-' + bits + '-' + mode, key._stratusSecret, iv, input, decrypt, true, true, aad, tag);
    } catch (e) {
      throw new DOMException('The operation failed for an operation-specific reason', 'OperationError');
    }
    return mode === 'gcm' && !decrypt ? concatBytes([out[0], out[1].subarray(0, tagBytes)]).buffer : I.toBytes(out[0]).buffer;
  }
  function deriveBits(alg, key, length) {
    const base = usable(key, 'deriveBits', alg.name);
    const bytes = length / 8;
    if (alg.name === 'PBKDF2') return I.pbkdf2(base, bufferSource(alg.salt), alg.iterations, bytes, SUBTLE_HASHES[subtleHash(alg.hash)]).buffer;
    if (alg.name === 'HKDF') return I.hkdf(SUBTLE_HASHES[subtleHash(alg.hash)], base, bufferSource(alg.salt), bufferSource(alg.info), bytes).buffer;
    throw invalidAccess();
  }
  // RSASSA-PKCS1-v1_5 and ECDSA keys wrap a KeyObject from keys.js.
  const CURVE_NAMES = { 'P-256': 'prime256v1', 'P-384': 'secp384r1' };
  function importSigningKey(format, keyData, alg, extractable, usages) {
    const keys = I.part('keys');
    let ko;
    if (format === 'jwk') ko = (keyData && keyData.d !== undefined ? keys.createPrivateKey : keys.createPublicKey)({ key: keyData, format: 'jwk' });
    else if (format === 'spki') ko = keys.createPublicKey({ key: bufferSource(keyData), format: 'der', type: 'spki' });
    else if (format === 'pkcs8') ko = keys.createPrivateKey({ key: bufferSource(keyData), format: 'der', type: 'pkcs8' });
    else throw new DOMException('crypto.subtle.importKey of ' + alg.name + ' in ' + format + ' format is not supported in Stratus (jwk, spki and pkcs8 are)', 'NotSupportedError');
    const rsa = alg.name !== 'ECDSA';
    if (ko.asymmetricKeyType !== (rsa ? 'rsa' : 'ec')) throw new DOMException('Invalid key type', 'DataError');
    let algorithm;
    if (rsa) {
      const d = ko.asymmetricKeyDetails;
      algorithm = { name: alg.name, modulusLength: d.modulusLength, publicExponent: I.toBytes(d.publicExponent.toString(16).padStart(6, '0'), 'hex'), hash: { name: subtleHash(alg.hash) } };
    } else {
      if (CURVE_NAMES[alg.namedCurve] !== ko.asymmetricKeyDetails.namedCurve) throw new DOMException('Named curve mismatch', 'DataError');
      algorithm = { name: 'ECDSA', namedCurve: alg.namedCurve };
    }
    const key = new CryptoKey(algorithm, ko.type === 'private' ? !!extractable : true, [...usages], new Uint8Array(0));
    key.type = ko.type;
    Object.defineProperty(key, '_asymKey', { value: ko });
    return key;
  }
  function signingCall(alg, key, usage, call) {
    if (!(key instanceof CryptoKey) || !key._asymKey) throw argType('key', 'an instance of CryptoKey', key);
    if (!key.usages.includes(usage) || key.algorithm.name !== alg.name) throw invalidAccess();
    const hash = SUBTLE_HASHES[subtleHash(alg.name === 'ECDSA' ? alg.hash : key.algorithm.hash)];
    return call(key._asymKey, hash, alg.name === 'ECDSA' ? { key: key._asymKey, dsaEncoding: 'ieee-p1363' } : key._asymKey);
  }
  const subtle = {
    async digest(algorithm, data) {
      const name = SUBTLE_HASHES[subtleHash(algorithm)];
      return I.digest(name, [bufferSource(data)]).buffer;
    },
    async importKey(format, keyData, algorithm, extractable, usages) {
      const alg = subtleAlgorithm(algorithm, 'importKey');
      if (SIGNING.includes(alg.name)) return importSigningKey(format, keyData, alg, extractable, usages);
      let bytes;
      if (format === 'raw') bytes = bufferSource(keyData);
      else if (format === 'jwk' && keyData && keyData.kty === 'oct') bytes = I.toBytes(String(keyData.k), 'base64url');
      else throw new DOMException('crypto.subtle.importKey in ' + format + ' format is not supported in Stratus (raw and jwk secret keys are)', 'NotSupportedError');
      return makeKey(alg, bytes, extractable, usages);
    },
    async exportKey(format, key) {
      if (!(key instanceof CryptoKey)) throw argType('key', 'an instance of CryptoKey', key);
      if (!key.extractable) throw new DOMException('key is not extractable', 'InvalidAccessError');
      if (key._asymKey) {
        if (format !== 'jwk') throw new DOMException('crypto.subtle.exportKey of an asymmetric key in ' + format + ' format is not supported in Stratus (jwk is)', 'NotSupportedError');
        return Object.assign(key._asymKey.export({ format: 'jwk' }), { key_ops: key.usages.slice(), ext: true });
      }
      if (format === 'raw') return I.toBytes(key._stratusSecret).buffer;
      if (format === 'jwk') {
        const jwk = { key_ops: key.usages.slice(), ext: true, kty: 'oct', k: I.toText(key._stratusSecret, 'base64url') };
        const short = key.algorithm.hash ? 'HS' + key.algorithm.hash.name.slice(4) : 'A' + key.algorithm.length + key.algorithm.name.slice(4);
        return Object.assign(jwk, { alg: short });
      }
      throw new DOMException('crypto.subtle.exportKey in ' + format + ' format is not supported in Stratus', 'NotSupportedError');
    },
    async generateKey(algorithm, extractable, usages) {
      const alg = subtleAlgorithm(algorithm, 'generateKey');
      if (SIGNING.includes(alg.name)) throw new DOMException('crypto.subtle.generateKey with ' + alg.name + ' is not supported in Stratus (it does not generate key pairs)', 'NotSupportedError');
      const bits = alg.name === 'HMAC' ? alg.length || BLOCK_BITS[subtleHash(alg.hash)] : alg.length;
      if (alg.name !== 'HMAC' && ![128, 192, 256].includes(bits)) throw new DOMException('AES key length must be 128, 192, or 256 bits', 'OperationError');
      const bytes = new Uint8Array(bits / 8);
      I.randomFill(bytes);
      return makeKey(alg, bytes, extractable, usages);
    },
    async sign(algorithm, key, data) {
      const alg = subtleAlgorithm(algorithm, 'sign');
      if (SIGNING.includes(alg.name)) return signingCall(alg, key, 'sign', (k, hash, opts) => I.part('keys').sign(hash, bufferSource(data), opts)).buffer;
      const secret = usable(key, 'sign', 'HMAC');
      return I.hmac(SUBTLE_HASHES[key.algorithm.hash.name], secret, [bufferSource(data)]).buffer;
    },
    async verify(algorithm, key, signature, data) {
      const alg = subtleAlgorithm(algorithm, 'verify');
      if (SIGNING.includes(alg.name)) return signingCall(alg, key, 'verify', (k, hash, opts) => I.part('keys').verify(hash, bufferSource(data), opts, bufferSource(signature)));
      const secret = usable(key, 'verify', 'HMAC');
      const mac = I.hmac(SUBTLE_HASHES[key.algorithm.hash.name], secret, [bufferSource(data)]);
      return I.equal(mac, bufferSource(signature));
    },
    async encrypt(algorithm, key, data) {
      const alg = subtleAlgorithm(algorithm, 'encrypt');
      usable(key, 'encrypt', alg.name);
      return aes(alg, key, data, false);
    },
    async decrypt(algorithm, key, data) {
      const alg = subtleAlgorithm(algorithm, 'decrypt');
      usable(key, 'decrypt', alg.name);
      return aes(alg, key, data, true);
    },
    async deriveBits(algorithm, baseKey, length) {
      return deriveBits(subtleAlgorithm(algorithm, 'deriveBits'), baseKey, length);
    },
    async deriveKey(algorithm, baseKey, derivedKeyAlgorithm, extractable, usages) {
      const alg = subtleAlgorithm(algorithm, 'deriveKey');
      const target = subtleAlgorithm(derivedKeyAlgorithm, 'deriveKey');
      const length = target.name === 'HMAC' ? target.length || BLOCK_BITS[subtleHash(target.hash)] : target.length;
      if (!baseKey || !baseKey.usages || !baseKey.usages.includes('deriveKey')) throw invalidAccess();
      const bits = deriveBits(alg, new CryptoKey(baseKey.algorithm, false, ['deriveBits'], baseKey._stratusSecret), length);
      return makeKey(target, new Uint8Array(bits), extractable, usages);
    },
  };
  for (const name of ['wrapKey', 'unwrapKey']) {
    subtle[name] = async () => { throw new DOMException('crypto.subtle.' + name + ' is not supported in Stratus', 'NotSupportedError'); };
  }
  class Crypto {
    get subtle() { return subtle; }
    getRandomValues(data) { return getRandomValues(data); }
    randomUUID() { return N.uuid(); }
  }
  const webcrypto = new Crypto();

  const constants = { OPENSSL_VERSION_NUMBER: 0, RSA_PKCS1_PADDING: 1, RSA_NO_PADDING: 3, RSA_PKCS1_OAEP_PADDING: 4, RSA_PKCS1_PSS_PADDING: 6, POINT_CONVERSION_COMPRESSED: 2, POINT_CONVERSION_UNCOMPRESSED: 4 };
  const crypto = {
    createHash, createHmac, Hash, Hmac, hash, getHashes: () => HASHES.slice(),
    randomBytes, pseudoRandomBytes: randomBytes, randomFillSync, randomFill, randomUUID, randomInt, getRandomValues, timingSafeEqual,
    pbkdf2, pbkdf2Sync, hkdf, hkdfSync, scrypt, scryptSync, createSecretKey, KeyObject,
    webcrypto, subtle, CryptoKey, constants, getFips: () => 0, setFips: unsupported('setFips'),
    createCipheriv, createDecipheriv, getCiphers: () => CIPHERS.slice(), getCurves: () => [],
  };
  // RSA keys and signatures (keys.js) compile on first use.
  for (const name of ['createPublicKey', 'createPrivateKey', 'createSign', 'createVerify', 'sign', 'verify']) {
    crypto[name] = (...args) => I.part('keys')[name](...args);
  }
  for (const name of ['generateKeyPair', 'generateKeyPairSync', 'generateKey', 'generateKeySync', 'publicEncrypt', 'privateDecrypt', 'privateEncrypt', 'publicDecrypt', 'createECDH', 'createDiffieHellman', 'getDiffieHellman', 'diffieHellman', 'generatePrime', 'generatePrimeSync', 'checkPrime', 'checkPrimeSync', 'X509Certificate']) {
    crypto[name] = unsupported(name);
  }
  const internal = { nodeError, toBuf, hashName, argType, KeyObject, bytesOf };
  return { crypto, webcrypto, internal };
})
