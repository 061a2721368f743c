// node:buffer: Buffer (a Uint8Array subclass, callable as a function like
// Node's), the encodings utf8/utf16le/latin1/ascii/hex/base64/base64url (the
// byte work is native: `N.encode`/`N.decode`), the read/write methods for
// every integer and float width, search, compare, fill, swap; Blob and File;
// constants. allocUnsafe returns zeroed memory (Stratus is deterministic).
(function (N, G, require, internal) {
  'use strict';
  const errors = internal('errors');
  const kMaxLength = 2 ** 53 - 1;
  const kStringMaxLength = 2 ** 29 - 24;
  const ENCODINGS = { utf8: 'utf8', 'utf-8': 'utf8', ucs2: 'utf16le', 'ucs-2': 'utf16le', utf16le: 'utf16le', 'utf-16le': 'utf16le', latin1: 'latin1', binary: 'latin1', ascii: 'ascii', hex: 'hex', base64: 'base64', base64url: 'base64url' };
  function normEncoding(enc) {
    if (enc === undefined || enc === null || enc === '') return 'utf8';
    const e = ENCODINGS[enc] || ENCODINGS[String(enc).toLowerCase()];
    if (!e) throw errors.make(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + enc);
    return e;
  }

  class FastBuffer extends Uint8Array {}
  function Buffer(arg, encodingOrOffset, length) {
    if (typeof arg === 'number') {
      if (typeof encodingOrOffset === 'string') throw errors.invalidArgType('string', 'string', arg);
      return Buffer.alloc(arg);
    }
    return Buffer.from(arg, encodingOrOffset, length);
  }
  Buffer.prototype = FastBuffer.prototype;
  Object.defineProperty(FastBuffer.prototype, 'constructor', { value: Buffer, writable: true, configurable: true });
  Object.setPrototypeOf(Buffer, Uint8Array);
  Object.defineProperty(Buffer, Symbol.species, { get() { return FastBuffer; }, configurable: true });
  Buffer.poolSize = 8192;

  const wrap = (ab, off, len) => new FastBuffer(ab, off, len);
  function fromString(s, enc) { return wrap(N.encode(s, normEncoding(enc))); }
  function fromArrayLike(a) {
    const b = new FastBuffer(a.length);
    for (let i = 0; i < a.length; i++) b[i] = a[i];
    return b;
  }
  function fromArrayBuffer(ab, byteOffset, length) {
    const off = byteOffset === undefined ? 0 : +byteOffset || 0;
    const max = ab.byteLength - off;
    if (max < 0) throw errors.make(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"offset" is outside of buffer bounds');
    let len = max;
    if (length !== undefined) { len = +length || 0; if (len > max) throw errors.make(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"length" is outside of buffer bounds'); }
    return wrap(ab, off, len);
  }
  const isAB = (v) => v instanceof ArrayBuffer || Object.prototype.toString.call(v) === '[object SharedArrayBuffer]';
  Buffer.from = function from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return fromString(value, encodingOrOffset);
    if (typeof value === 'object' && value !== null) {
      if (isAB(value)) return fromArrayBuffer(value, encodingOrOffset, length);
      if (ArrayBuffer.isView(value)) {
        if (value instanceof Uint8Array) { const b = new FastBuffer(value.length); b.set(value); return b; }
        if (value instanceof DataView) return fromArrayLike(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        return fromArrayLike(value);
      }
      const prim = value.valueOf && value.valueOf();
      if (prim != null && prim !== value && (typeof prim === 'string' || typeof prim === 'object')) return Buffer.from(prim, encodingOrOffset, length);
      if (typeof value.length === 'number' || Array.isArray(value)) return fromArrayLike(value);
      if (value.type === 'Buffer' && Array.isArray(value.data)) return fromArrayLike(value.data);
      if (typeof value[Symbol.toPrimitive] === 'function') {
        const p = value[Symbol.toPrimitive]('string');
        if (typeof p === 'string') return fromString(p, encodingOrOffset);
      }
    }
    throw errors.invalidArgType('first argument', ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
  };
  Buffer.of = (...items) => fromArrayLike(items);
  function validateSize(size) {
    if (typeof size !== 'number') throw errors.invalidArgType('size', 'number', size);
    if (!(size >= 0 && size <= kMaxLength)) throw errors.outOfRange('size', '>= 0 && <= ' + kMaxLength, size);
  }
  Buffer.alloc = function alloc(size, fill, encoding) {
    validateSize(size);
    const b = new FastBuffer(size);
    if (fill !== undefined && fill !== 0 && size > 0) b.fill(fill, 0, b.length, encoding);
    return b;
  };
  Buffer.allocUnsafe = function allocUnsafe(size) { validateSize(size); return new FastBuffer(size); };
  Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) { validateSize(size); return new FastBuffer(size); };
  Buffer.isBuffer = (b) => b instanceof Buffer;
  Buffer.isEncoding = (e) => typeof e === 'string' && e.length !== 0 && ENCODINGS[e.toLowerCase()] !== undefined;
  Buffer.byteLength = function byteLength(s, enc) {
    if (typeof s !== 'string') {
      if (ArrayBuffer.isView(s) || isAB(s)) return s.byteLength;
      throw errors.invalidArgType('string', ['string', 'Buffer', 'ArrayBuffer'], s);
    }
    return N.byteLength(s, ENCODINGS[String(enc).toLowerCase()] || 'utf8');
  };
  Buffer.compare = function compare(a, b) {
    if (!(a instanceof Uint8Array)) throw errors.invalidArgType('buf1', ['Buffer', 'Uint8Array'], a);
    if (!(b instanceof Uint8Array)) throw errors.invalidArgType('buf2', ['Buffer', 'Uint8Array'], b);
    return compareBytes(a, 0, a.length, b, 0, b.length);
  };
  function compareBytes(a, as, ae, b, bs, be) {
    const n = Math.min(ae - as, be - bs);
    for (let i = 0; i < n; i++) if (a[as + i] !== b[bs + i]) return a[as + i] < b[bs + i] ? -1 : 1;
    return ae - as < be - bs ? -1 : ae - as > be - bs ? 1 : 0;
  }
  Buffer.concat = function concat(list, totalLength) {
    if (!Array.isArray(list)) throw errors.invalidArgType('list', 'Array', list);
    if (list.length === 0) return new FastBuffer(0);
    list.forEach((b, i) => { if (!(b instanceof Uint8Array)) throw errors.invalidArgType('list[' + i + ']', ['Buffer', 'Uint8Array'], b); });
    if (totalLength === undefined) totalLength = list.reduce((n, b) => n + b.length, 0);
    else errors.validateInteger(totalLength, 'length', 0);
    const out = new FastBuffer(totalLength);
    let pos = 0;
    for (const b of list) {
      if (pos + b.length > totalLength) { out.set(b.subarray(0, totalLength - pos), pos); pos = totalLength; break; }
      out.set(b, pos);
      pos += b.length;
    }
    return out;
  };
  Buffer.copyBytesFrom = function copyBytesFrom(view, offset = 0, length) {
    if (!ArrayBuffer.isView(view) || view instanceof DataView) throw errors.invalidArgType('view', 'TypedArray', view);
    const size = view.BYTES_PER_ELEMENT;
    const end = length === undefined ? view.length : Math.min(view.length, offset + length);
    if (offset >= view.length || end <= offset) return new FastBuffer(0);
    return Buffer.from(new Uint8Array(view.buffer, view.byteOffset + offset * size, (end - offset) * size));
  };

  const P = Buffer.prototype;
  P.toString = function toString(encoding, start, end) {
    if (arguments.length === 0) return N.decode(this, 'utf8');
    const len = this.length;
    start = start === undefined || start < 0 ? 0 : Math.trunc(start) || 0;
    end = end === undefined || end > len ? len : Math.trunc(end) || 0;
    if (start >= len || end <= start) return '';
    return N.decode(start === 0 && end === len ? this : this.subarray(start, end), normEncoding(encoding));
  };
  P.toLocaleString = P.toString;
  P.toJSON = function toJSON() { return { type: 'Buffer', data: Array.from(this) }; };
  P.equals = function equals(other) {
    if (!(other instanceof Uint8Array)) throw errors.invalidArgType('otherBuffer', ['Buffer', 'Uint8Array'], other);
    if (this === other) return true;
    return this.length === other.length && compareBytes(this, 0, this.length, other, 0, other.length) === 0;
  };
  P.compare = function compare(target, targetStart = 0, targetEnd = target && target.length, sourceStart = 0, sourceEnd = this.length) {
    if (!(target instanceof Uint8Array)) throw errors.invalidArgType('target', ['Buffer', 'Uint8Array'], target);
    for (const [n, v, max] of [['targetStart', targetStart, target.length], ['targetEnd', targetEnd, target.length], ['sourceStart', sourceStart, this.length], ['sourceEnd', sourceEnd, this.length]]) {
      errors.validateInteger(v, n, 0, max);
    }
    if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
    if (targetStart >= targetEnd) return 1;
    return compareBytes(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
  };
  P.copy = function copy(target, targetStart = 0, sourceStart = 0, sourceEnd = this.length) {
    if (!(target instanceof Uint8Array)) throw errors.invalidArgType('target', ['Buffer', 'Uint8Array'], target);
    targetStart = Math.trunc(targetStart) || 0; sourceStart = Math.trunc(sourceStart) || 0; sourceEnd = Math.min(Math.trunc(sourceEnd) || 0, this.length);
    if (targetStart < 0) throw errors.outOfRange('targetStart', '>= 0', targetStart);
    if (sourceStart < 0 || sourceStart > this.length) throw errors.outOfRange('sourceStart', '>= 0 && <= ' + this.length, sourceStart);
    if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
    const n = Math.min(sourceEnd - sourceStart, target.length - targetStart);
    target.set(this.subarray(sourceStart, sourceStart + n), targetStart);
    return n;
  };
  P.slice = function slice(start, end) { return this.subarray(start, end); };
  P.write = function write(string, offset, length, encoding) {
    errors.validateString(string, 'string');
    if (offset === undefined) { encoding = 'utf8'; length = this.length; offset = 0; }
    else if (length === undefined && typeof offset === 'string') { encoding = offset; length = this.length; offset = 0; }
    else {
      errors.validateInteger(offset, 'offset', 0, this.length);
      const remaining = this.length - offset;
      if (length === undefined) length = remaining;
      else if (typeof length === 'string') { encoding = length; length = remaining; }
      else { errors.validateInteger(length, 'length', 0, this.length); if (length > remaining) length = remaining; }
    }
    const enc = normEncoding(encoding);
    let bytes = new Uint8Array(N.encode(string, enc));
    if (bytes.length > length) {
      let cut = length;
      if (enc === 'utf8') while (cut > 0 && (bytes[cut] & 0xc0) === 0x80) cut--; // never part of a character
      else if (enc === 'utf16le') cut -= cut % 2;
      bytes = bytes.subarray(0, cut);
    }
    this.set(bytes, offset);
    return bytes.length;
  };
  P.fill = function fill(value, offset = 0, end = this.length, encoding) {
    if (typeof offset === 'string') { encoding = offset; offset = 0; end = this.length; }
    else if (typeof end === 'string') { encoding = end; end = this.length; }
    errors.validateInteger(offset, 'offset', 0);
    errors.validateInteger(end, 'end', 0, this.length);
    if (offset >= end) return this;
    let bytes;
    if (typeof value === 'number') { Uint8Array.prototype.fill.call(this, value & 255, offset, end); return this; }
    if (typeof value === 'boolean') { Uint8Array.prototype.fill.call(this, +value, offset, end); return this; }
    if (typeof value === 'string') {
      const enc = normEncoding(encoding);
      if (value.length === 1 && enc === 'utf8' && value.charCodeAt(0) < 128) { Uint8Array.prototype.fill.call(this, value.charCodeAt(0), offset, end); return this; }
      bytes = new Uint8Array(N.encode(value, enc));
      if (bytes.length === 0) { if (value.length === 0) { Uint8Array.prototype.fill.call(this, 0, offset, end); return this; } throw errors.invalidArgValue('value', value); }
    } else if (value instanceof Uint8Array) bytes = value;
    else if (ArrayBuffer.isView(value)) bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    else { Uint8Array.prototype.fill.call(this, Number(value) & 255, offset, end); return this; }
    if (bytes.length === 0) throw errors.invalidArgValue('value', value);
    let pos = offset;
    while (pos < end) {
      const n = Math.min(bytes.length, end - pos);
      this.set(n === bytes.length ? bytes : bytes.subarray(0, n), pos);
      pos += n;
    }
    return this;
  };
  function searchBytes(buf, value, byteOffset, encoding, dir) {
    if (typeof byteOffset === 'string') { encoding = byteOffset; byteOffset = undefined; }
    let off = byteOffset === undefined || byteOffset === null ? (dir ? 0 : buf.length) : +byteOffset;
    if (Number.isNaN(off)) off = dir ? 0 : buf.length;
    if (off < 0) off = buf.length + off;
    let needle;
    if (typeof value === 'number') needle = [value & 255];
    else if (typeof value === 'string') needle = new Uint8Array(N.encode(value, normEncoding(encoding)));
    else if (value instanceof Uint8Array) needle = value;
    else throw errors.invalidArgType('value', ['number', 'string', 'Buffer', 'Uint8Array'], value);
    const n = needle.length;
    if (n === 0) return dir ? Math.min(Math.max(off, 0), buf.length) : Math.min(off, buf.length);
    if (dir) {
      for (let i = Math.max(off, 0); i <= buf.length - n; i++) {
        let j = 0;
        while (j < n && buf[i + j] === needle[j]) j++;
        if (j === n) return i;
      }
    } else {
      for (let i = Math.min(off, buf.length - n); i >= 0; i--) {
        let j = 0;
        while (j < n && buf[i + j] === needle[j]) j++;
        if (j === n) return i;
      }
    }
    return -1;
  }
  P.indexOf = function indexOf(value, byteOffset, encoding) { return searchBytes(this, value, byteOffset, encoding, true); };
  P.lastIndexOf = function lastIndexOf(value, byteOffset, encoding) { return searchBytes(this, value, byteOffset, encoding, false); };
  P.includes = function includes(value, byteOffset, encoding) { return searchBytes(this, value, byteOffset, encoding, true) !== -1; };
  for (const [name, size] of [['swap16', 2], ['swap32', 4], ['swap64', 8]]) {
    P[name] = function () {
      if (this.length % size !== 0) throw errors.make(RangeError, 'ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of ' + size * 8 + '-bits');
      for (let i = 0; i < this.length; i += size) for (let a = i, b = i + size - 1; a < b; a++, b--) { const t = this[a]; this[a] = this[b]; this[b] = t; }
      return this;
    };
  }
  Object.defineProperty(P, 'parent', { get() { return this instanceof Buffer ? this.buffer : undefined; }, enumerable: true, configurable: true });
  Object.defineProperty(P, 'offset', { get() { return this instanceof Buffer ? this.byteOffset : undefined; }, enumerable: true, configurable: true });

  // ---- read / write numbers ----
  function checkOffset(buf, offset, size) {
    if (offset === undefined) offset = 0;
    if (typeof offset !== 'number') throw errors.invalidArgType('offset', 'number', offset);
    const max = buf.length - size;
    if (!Number.isInteger(offset)) throw errors.outOfRange('offset', 'an integer', offset);
    if (max < 0) throw errors.make(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', 'Attempt to access memory outside buffer bounds');
    if (offset < 0 || offset > max) throw errors.outOfRange('offset', '>= 0 and <= ' + max, offset);
    return offset;
  }
  const view = (buf) => new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const kinds = [
    ['UInt8', 1, 'getUint8', 'setUint8', 0, 255], ['Int8', 1, 'getInt8', 'setInt8', -128, 127],
    ['UInt16', 2, 'getUint16', 'setUint16', 0, 65535], ['Int16', 2, 'getInt16', 'setInt16', -32768, 32767],
    ['UInt32', 4, 'getUint32', 'setUint32', 0, 4294967295], ['Int32', 4, 'getInt32', 'setInt32', -2147483648, 2147483647],
    ['Float', 4, 'getFloat32', 'setFloat32'], ['Double', 8, 'getFloat64', 'setFloat64'],
    ['BigInt64', 8, 'getBigInt64', 'setBigInt64', -(2n ** 63n), 2n ** 63n - 1n], ['BigUInt64', 8, 'getBigUint64', 'setBigUint64', 0n, 2n ** 64n - 1n],
  ];
  function rangeText(min, max, size) {
    const n = typeof min === 'bigint' ? 'n' : '';
    if (size > 4 || typeof min === 'bigint') {
      const bits = size * 8;
      if (min === 0 || min === 0n) return '>= 0' + n + ' and < 2' + n + ' ** ' + bits + n;
      return '>= -(2' + n + ' ** ' + (bits - 1) + n + ') and < 2' + n + ' ** ' + (bits - 1) + n;
    }
    return '>= ' + min + ' and <= ' + max;
  }
  for (const [name, size, get, set, min, max] of kinds) {
    const ends = size === 1 ? [''] : ['LE', 'BE'];
    for (const end of ends) {
      const little = end === 'LE';
      const read = function (offset = 0) { offset = checkOffset(this, offset, size); return view(this)[get](offset, little); };
      const write = function (value, offset = 0) {
        if (min !== undefined) {
          if (typeof min === 'bigint') { if (typeof value !== 'bigint') throw errors.invalidArgType('value', 'bigint', value); }
          else value = +value;
          if (value < min || value > max) { offset = checkOffset(this, offset, size); throw errors.outOfRange('value', rangeText(min, max, size), value); }
        } else value = +value;
        offset = checkOffset(this, offset, size);
        view(this)[set](offset, typeof min === 'bigint' ? value : min !== undefined ? Math.trunc(value) : value, little);
        return offset + size;
      };
      for (const n of new Set([name, name.replace('UInt', 'Uint')])) {
        P['read' + n + end] = read;
        P['write' + n + end] = write;
      }
    }
  }
  function checkByteLength(byteLength) {
    if (typeof byteLength !== 'number') throw errors.invalidArgType('byteLength', 'number', byteLength);
    if (!Number.isInteger(byteLength) || byteLength < 1 || byteLength > 6) throw errors.outOfRange('byteLength', Number.isInteger(byteLength) ? '>= 1 and <= 6' : 'an integer', byteLength);
  }
  function readVar(buf, offset, byteLength, little, signed) {
    checkByteLength(byteLength);
    offset = checkOffset(buf, offset, byteLength);
    let v = 0;
    for (let i = 0; i < byteLength; i++) v = v * 256 + buf[offset + (little ? byteLength - 1 - i : i)];
    if (signed && v >= 2 ** (byteLength * 8 - 1)) v -= 2 ** (byteLength * 8);
    return v;
  }
  function writeVar(buf, value, offset, byteLength, little, signed) {
    checkByteLength(byteLength);
    value = +value;
    const bits = byteLength * 8;
    const min = signed ? -(2 ** (bits - 1)) : 0, max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
    if (value < min || value > max) {
      checkOffset(buf, offset, byteLength);
      throw errors.outOfRange('value', byteLength > 4 ? (signed ? '>= -(2 ** ' + (bits - 1) + ') and < 2 ** ' + (bits - 1) : '>= 0 and < 2 ** ' + bits) : '>= ' + min + ' and <= ' + max, value);
    }
    offset = checkOffset(buf, offset, byteLength);
    let v = Math.trunc(value);
    if (v < 0) v += 2 ** bits;
    for (let i = 0; i < byteLength; i++) {
      buf[offset + (little ? i : byteLength - 1 - i)] = v % 256;
      v = Math.floor(v / 256);
    }
    return offset + byteLength;
  }
  for (const [n, signed] of [['UInt', false], ['Uint', false], ['Int', true]]) {
    P['read' + n + 'LE'] = function (offset, byteLength) { return readVar(this, offset, byteLength, true, signed); };
    P['read' + n + 'BE'] = function (offset, byteLength) { return readVar(this, offset, byteLength, false, signed); };
    P['write' + n + 'LE'] = function (value, offset, byteLength) { return writeVar(this, value, offset, byteLength, true, signed); };
    P['write' + n + 'BE'] = function (value, offset, byteLength) { return writeVar(this, value, offset, byteLength, false, signed); };
  }
  for (const k of Object.keys(P)) Object.defineProperty(P, k, { enumerable: false });
  for (const k of ['parent', 'offset']) Object.defineProperty(P, k, { enumerable: true });

  // ---- Blob / File ----
  const BYTES = Symbol('bytes');
  class Blob {
    constructor(sources = [], options = {}) {
      if (sources === null || typeof sources !== 'object' || typeof sources[Symbol.iterator] !== 'function') throw errors.invalidArgType('sources', 'a sequence', sources);
      if (options !== undefined && options !== null && typeof options !== 'object') throw errors.invalidArgType('options', 'object', options);
      const parts = [];
      let len = 0;
      for (const s of sources) {
        let b;
        if (s instanceof Blob) b = s[BYTES];
        else if (isAB(s)) b = new Uint8Array(s.slice(0));
        else if (ArrayBuffer.isView(s)) b = new Uint8Array(s.buffer.slice(s.byteOffset, s.byteOffset + s.byteLength));
        else {
          let str = String(s);
          if (options && options.endings === 'native') str = str.replace(/\r\n/g, '\n');
          b = new Uint8Array(N.encode(str, 'utf8'));
        }
        parts.push(b);
        len += b.length;
      }
      const all = new Uint8Array(len);
      let pos = 0;
      for (const p of parts) { all.set(p, pos); pos += p.length; }
      this[BYTES] = all;
      const type = options && options.type !== undefined ? String(options.type) : '';
      this._type = /^[\x20-\x7e]*$/.test(type) ? type.toLowerCase() : '';
    }
    get size() { return this[BYTES].length; }
    get type() { return this._type; }
    text() { return Promise.resolve(N.decode(this[BYTES], 'utf8')); }
    arrayBuffer() { return Promise.resolve(this[BYTES].slice().buffer); }
    bytes() { return Promise.resolve(this[BYTES].slice()); }
    slice(start = 0, end = this.size, type = '') {
      const n = this.size;
      const rel = (v) => (v < 0 ? Math.max(n + v, 0) : Math.min(v, n));
      const s = rel(Math.trunc(start) || 0), e = rel(Math.trunc(end) || 0);
      const b = new Blob([], { type });
      b[BYTES] = this[BYTES].slice(s, Math.max(s, e));
      return b;
    }
    stream() {
      const bytes = this[BYTES].slice();
      return new (internal('webstreams').ReadableStream)({ type: 'bytes', start(c) { if (bytes.length) c.enqueue(bytes); c.close(); } });
    }
    get [Symbol.toStringTag]() { return 'Blob'; }
    [Symbol.for('nodejs.util.inspect.custom')]() { return 'Blob { size: ' + this.size + ", type: '" + this._type + "' }"; }
  }
  Object.defineProperty(Blob.prototype, '_type', { writable: true, enumerable: false, value: '' });
  class File extends Blob {
    constructor(bits, name, options = {}) {
      if (arguments.length < 2) throw errors.make(TypeError, 'ERR_MISSING_ARGS', 'The "fileBits" and "fileName" arguments must be specified');
      super(bits, options);
      this._name = String(name);
      this._lastModified = options && options.lastModified !== undefined ? Number(options.lastModified) : Date.now();
    }
    get name() { return this._name; }
    get lastModified() { return this._lastModified; }
    get [Symbol.toStringTag]() { return 'File'; }
  }

  function isUtf8(input) {
    const b = ArrayBuffer.isView(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : isAB(input) ? new Uint8Array(input) : null;
    if (!b) throw errors.invalidArgType('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
    return N.decode(b, 'utf8', true) !== undefined;
  }
  function isAscii(input) {
    const b = ArrayBuffer.isView(input) ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength) : isAB(input) ? new Uint8Array(input) : null;
    if (!b) throw errors.invalidArgType('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
    return !/[^\x00-\x7f]/.test(N.decode(b, 'latin1'));
  }
  function transcode(source, fromEnc, toEnc) {
    if (!(source instanceof Uint8Array)) throw errors.invalidArgType('source', ['Buffer', 'Uint8Array'], source);
    const from = normEncoding(fromEnc), to = normEncoding(toEnc);
    return fromString(N.decode(source, from), to);
  }
  function SlowBuffer(size) { return Buffer.allocUnsafeSlow(size); }
  const web = () => internal('web');
  return {
    Buffer, SlowBuffer, Blob, File, isUtf8, isAscii, transcode,
    kMaxLength, kStringMaxLength, INSPECT_MAX_BYTES: 50,
    constants: { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength },
    get atob() { return web().atob; },
    get btoa() { return web().btoa; },
    resolveObjectURL: () => undefined,
  };
})
