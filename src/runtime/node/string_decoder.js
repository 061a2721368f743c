// node:string_decoder: decodes a stream of Buffers without splitting
// multi-byte utf8 / utf16le characters or base64 groups across writes.
(function (N, G, require, internal) {
  'use strict';
  const errors = internal('errors');
  const { Buffer } = require('buffer');
  const ENC = { utf8: 'utf8', 'utf-8': 'utf8', ucs2: 'utf16le', 'ucs-2': 'utf16le', utf16le: 'utf16le', 'utf-16le': 'utf16le', latin1: 'latin1', binary: 'latin1', ascii: 'ascii', hex: 'hex', base64: 'base64', base64url: 'base64url' };
  function utf8Tail(b) {
    for (let back = 1; back <= Math.min(3, b.length); back++) {
      const c = b[b.length - back];
      if ((c & 0xc0) === 0x80) continue;
      const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
      return need > back ? back : 0;
    }
    return 0;
  }
  class StringDecoder {
    constructor(encoding) {
      const e = encoding === undefined || encoding === null ? 'utf8' : ENC[String(encoding).toLowerCase()];
      if (!e) throw errors.make(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + encoding);
      this.encoding = e;
      this._rest = Buffer.alloc(0);
    }
    _cut(b) {
      if (this.encoding === 'utf8') return utf8Tail(b);
      if (this.encoding === 'utf16le') {
        let cut = b.length % 2;
        if (!cut && b.length >= 2) { const hi = b[b.length - 1]; if (hi >= 0xd8 && hi <= 0xdb) cut = 2; }
        return cut;
      }
      if (this.encoding === 'base64' || this.encoding === 'base64url') return b.length % 3;
      return 0;
    }
    write(buf) {
      if (typeof buf === 'string') return buf;
      if (!ArrayBuffer.isView(buf)) throw errors.invalidArgType('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
      let b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
      if (this._rest.length) b = Buffer.concat([this._rest, b]);
      const cut = this._cut(b);
      this._rest = Buffer.from(b.subarray(b.length - cut));
      return b.toString(this.encoding, 0, b.length - cut);
    }
    end(buf) {
      let out = buf === undefined ? '' : this.write(buf);
      if (this._rest.length) {
        out += this.encoding === 'utf8' ? '\ufffd' : this._rest.toString(this.encoding);
        this._rest = Buffer.alloc(0);
      }
      return out;
    }
    text(buf, offset) { return this.write(buf.subarray(offset)); }
    get lastNeed() { return this._rest.length ? 1 : 0; }
    get lastTotal() { return this._rest.length; }
  }
  return { StringDecoder };
})
