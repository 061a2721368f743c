// Stratus runtime extras, compiled on first use (util.format/inspect for
// console, Buffer, events), so a cold start parses none of it.
(function (N, G) {
  'use strict';
  // ---- util.format / util.inspect (the subset console output needs) ----
  const isPlainKey = (k) => /^[A-Za-z_$][\w$]*$/.test(k);
  function inspectString(s, quote) {
    const q = quote || (s.includes("'") && !s.includes('"') ? '"' : "'");
    return q + s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').split(q).join('\\' + q) + q;
  }
  function inspect(value, opts) {
    const depthLimit = opts && opts.depth !== undefined ? (opts.depth === null ? Infinity : opts.depth) : 2;
    const seen = [];
    function fmt(v, depth, top) {
      switch (typeof v) {
        case 'string': return top ? v : inspectString(v);
        case 'number': return Object.is(v, -0) ? '-0' : String(v);
        case 'bigint': return v + 'n';
        case 'boolean': return String(v);
        case 'undefined': return 'undefined';
        case 'symbol': return v.toString();
        case 'function': {
          const n = v.name ? ': ' + v.name : ' (anonymous)';
          const kind = /^class\b/.test(Function.prototype.toString.call(v)) ? 'class' : 'Function';
          return kind === 'class' ? '[class ' + (v.name || '(anonymous)') + ']' : '[' + kind + n + ']';
        }
      }
      if (v === null) return 'null';
      if (v instanceof Error) return (typeof v.stack === 'string' && v.stack ? N.mapStack(v.stack) : '') || (v.name + ': ' + v.message);
      if (v instanceof Date) return isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
      if (v instanceof RegExp) return String(v);
      if (seen.includes(v)) return '[Circular *1]';
      if (BufferClass && v instanceof BufferClass) {
        const hex = v.toString('hex').match(/../g) || [];
        return '<Buffer ' + hex.slice(0, 50).join(' ') + (hex.length > 50 ? ' ... ' + (hex.length - 50) + ' more bytes' : '') + '>';
      }
      if (depth > depthLimit) return Array.isArray(v) ? '[Array]' : '[Object]';
      seen.push(v);
      let parts, open, close, prefix = '';
      if (Array.isArray(v)) {
        parts = v.slice(0, 100).map((x) => fmt(x, depth + 1));
        if (v.length > 100) parts.push('... ' + (v.length - 100) + ' more items');
        open = '['; close = ']';
      } else if (v instanceof Map) {
        prefix = 'Map(' + v.size + ') ';
        parts = [...v].map(([k, x]) => fmt(k, depth + 1) + ' => ' + fmt(x, depth + 1));
        open = '{'; close = '}';
      } else if (v instanceof Set) {
        prefix = 'Set(' + v.size + ') ';
        parts = [...v].map((x) => fmt(x, depth + 1));
        open = '{'; close = '}';
      } else if (typeof v.then === 'function' && v instanceof Promise) {
        seen.pop();
        return 'Promise { <pending> }';
      } else {
        const proto = Object.getPrototypeOf(v);
        const ctor = proto && proto.constructor && proto.constructor.name;
        if (proto === null) prefix = '[Object: null prototype] ';
        else if (ctor && ctor !== 'Object') prefix = ctor + ' ';
        parts = Object.keys(v).map((k) => (isPlainKey(k) ? k : inspectString(k)) + ': ' + fmt(v[k], depth + 1));
        open = '{'; close = '}';
      }
      seen.pop();
      if (parts.length === 0) return prefix + open + close;
      const oneLine = prefix + open + ' ' + parts.join(', ') + ' ' + close;
      if (oneLine.length <= 72 && !oneLine.includes('\n')) return oneLine;
      const pad = '  '.repeat(depth + 1);
      return prefix + open + '\n' + pad + parts.join(',\n' + pad) + '\n' + '  '.repeat(depth) + close;
    }
    return fmt(value, 0, false);
  }
  function format(...args) {
    let out = '';
    let i = 0;
    if (typeof args[0] === 'string') {
      const f = args[0];
      i = 1;
      let last = 0;
      for (let p = 0; p < f.length - 1; p++) {
        if (f[p] !== '%') continue;
        const c = f[p + 1];
        let rep;
        if (c === '%') { rep = '%'; }
        else if (i < args.length && 'sdifjoOc'.includes(c)) {
          const a = args[i++];
          if (c === 's') rep = typeof a === 'string' ? a : (typeof a === 'object' && a !== null ? inspect(a, { depth: 1 }) : String(a));
          else if (c === 'd' || c === 'i') rep = typeof a === 'object' ? 'NaN' : String(c === 'i' ? parseInt(a) : Number(a));
          else if (c === 'f') rep = String(parseFloat(a));
          else if (c === 'j') { try { rep = JSON.stringify(a); } catch (e) { rep = '[Circular]'; } }
          else if (c === 'c') rep = '';
          else rep = inspect(a, { depth: c === 'o' ? 4 : 2 });
        } else continue;
        out += f.slice(last, p) + rep;
        last = p + 2;
        p++;
      }
      out += f.slice(last);
      if (i < args.length) out += ' ';
    }
    out += args.slice(i).map((a) => (typeof a === 'string' ? a : inspect(a))).join(' ');
    return out;
  }
  const util = { format, inspect, promisify: (fn) => (...a) => new Promise((res, rej) => fn(...a, (e, v) => (e ? rej(e) : res(v)))), isDeepStrictEqual: (a, b) => JSON.stringify(a) === JSON.stringify(b), types: { isPromise: (p) => p instanceof Promise } };


  // ---- Buffer basics (utf8 / base64 / hex), built on first use ----
  let BufferClass;
  function bufferClass() {
    if (BufferClass) return BufferClass;
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const utf8Encode = (s) => {
      const out = [];
      for (const ch of s) {
        let c = ch.codePointAt(0);
        if (c < 0x80) out.push(c);
        else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
        else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
        else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      }
      return out;
    };
    const utf8Decode = (b) => {
      let s = '';
      for (let i = 0; i < b.length;) {
        const c = b[i++];
        let cp;
        if (c < 0x80) cp = c;
        else if (c < 0xe0) cp = ((c & 31) << 6) | (b[i++] & 63);
        else if (c < 0xf0) { cp = ((c & 15) << 12) | ((b[i] & 63) << 6) | (b[i + 1] & 63); i += 2; }
        else { cp = ((c & 7) << 18) | ((b[i] & 63) << 12) | ((b[i + 1] & 63) << 6) | (b[i + 2] & 63); i += 3; }
        s += String.fromCodePoint(cp);
      }
      return s;
    };
    class Buffer extends Uint8Array {
      static from(v, enc) {
        if (typeof v === 'string') {
          enc = (enc || 'utf8').toLowerCase();
          let bytes;
          if (enc === 'hex') { bytes = []; for (let i = 0; i + 1 < v.length; i += 2) bytes.push(parseInt(v.substr(i, 2), 16)); }
          else if (enc === 'base64' || enc === 'base64url') {
            const clean = v.replace(/-/g, '+').replace(/_/g, '/').replace(/[^A-Za-z0-9+/]/g, '');
            bytes = []; let bits = 0, acc = 0;
            for (const ch of clean) { acc = (acc << 6) | B64.indexOf(ch); bits += 6; if (bits >= 8) { bits -= 8; bytes.push((acc >> bits) & 255); } }
          } else if (enc === 'latin1' || enc === 'binary' || enc === 'ascii') { bytes = [...v].map((c) => c.charCodeAt(0) & 255); }
          else bytes = utf8Encode(v);
          const b = new Buffer(bytes.length); b.set(bytes); return b;
        }
        const arr = v instanceof ArrayBuffer ? new Uint8Array(v) : v;
        const b = new Buffer(arr.length); for (let i = 0; i < arr.length; i++) b[i] = arr[i] & 255; return b;
      }
      static alloc(n, fill) { const b = new Buffer(n); if (fill !== undefined) b.fill(typeof fill === 'number' ? fill : Buffer.from(String(fill))[0]); return b; }
      static isBuffer(b) { return b instanceof Buffer; }
      static byteLength(s, enc) { return typeof s === 'string' ? Buffer.from(s, enc).length : s.byteLength; }
      static concat(list) { const n = list.reduce((a, b) => a + b.length, 0); const out = new Buffer(n); let o = 0; for (const b of list) { out.set(b, o); o += b.length; } return out; }
      toString(enc, start, end) {
        const b = this.subarray(start || 0, end === undefined ? this.length : end);
        enc = (enc || 'utf8').toLowerCase();
        if (enc === 'hex') return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
        if (enc === 'base64' || enc === 'base64url') {
          let s = '';
          for (let i = 0; i < b.length; i += 3) {
            const n = (b[i] << 16) | ((b[i + 1] || 0) << 8) | (b[i + 2] || 0);
            s += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < b.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < b.length ? B64[n & 63] : '=');
          }
          return enc === 'base64url' ? s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '') : s;
        }
        if (enc === 'latin1' || enc === 'binary' || enc === 'ascii') return String.fromCharCode(...b);
        return utf8Decode(b);
      }
      toJSON() { return { type: 'Buffer', data: Array.from(this) }; }
      equals(o) { return this.length === o.length && this.every((x, i) => x === o[i]); }
    }
    BufferClass = Buffer;
    return Buffer;
  }

  function eventsModule() {
    class EventEmitter {
      constructor() { this._ev = new Map(); }
      on(n, f) { if (!this._ev.has(n)) this._ev.set(n, []); this._ev.get(n).push(f); return this; }
      once(n, f) { const w = (...a) => { this.off(n, w); f(...a); }; return this.on(n, w); }
      off(n, f) { const l = this._ev.get(n); if (l) this._ev.set(n, l.filter((x) => x !== f)); return this; }
      emit(n, ...a) { const l = this._ev.get(n); if (!l || !l.length) return false; for (const f of [...l]) f.apply(this, a); return true; }
    }
    EventEmitter.prototype.addListener = EventEmitter.prototype.on;
    EventEmitter.prototype.removeListener = EventEmitter.prototype.off;
    EventEmitter.EventEmitter = EventEmitter;
    return EventEmitter;
  }


  return { format, inspect, util, bufferClass, eventsModule };
})
