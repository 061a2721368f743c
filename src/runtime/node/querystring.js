// node:querystring: parse/stringify (decode/encode), escape/unescape, with
// Node's rules: `+` is a space when parsing, repeated keys become arrays,
// `maxKeys` (1000) limits the pairs, values that are not strings, numbers,
// bigints or booleans stringify as empty.
(function (N, G, require, internal) {
  'use strict';
  const SAFE = /[A-Za-z0-9\-_.!~*'()]/;
  function escape(str) {
    if (typeof str !== 'string') str = typeof str === 'object' ? String(str) : str + '';
    let out = '';
    for (let i = 0; i < str.length; i++) {
      const c = str.charCodeAt(i);
      if (c < 0x80) { out += SAFE.test(str[i]) ? str[i] : '%' + c.toString(16).toUpperCase().padStart(2, '0'); continue; }
      if (c >= 0xd800 && c <= 0xdbff) {
        const next = str.charCodeAt(i + 1);
        if (!(next >= 0xdc00 && next <= 0xdfff)) { const e = new URIError('URI malformed'); e.code = 'ERR_INVALID_URI'; throw e; }
        out += encodeURIComponent(str[i] + str[i + 1]); i++; continue;
      }
      if (c >= 0xdc00 && c <= 0xdfff) { const e = new URIError('URI malformed'); e.code = 'ERR_INVALID_URI'; throw e; }
      out += encodeURIComponent(str[i]);
    }
    return out;
  }
  function unescape(s) {
    try { return decodeURIComponent(s); } catch (e) {
      const bytes = [];
      const b = new Uint8Array(N.encode(s, 'utf8'));
      for (let i = 0; i < b.length; i++) {
        if (b[i] === 0x25 && i + 2 < b.length && /^[0-9a-fA-F]{2}$/.test(String.fromCharCode(b[i + 1], b[i + 2]))) { bytes.push(parseInt(String.fromCharCode(b[i + 1], b[i + 2]), 16)); i += 2; }
        else bytes.push(b[i]);
      }
      return N.decode(new Uint8Array(bytes), 'utf8');
    }
  }
  const prim = (v) => (typeof v === 'string' ? v : (typeof v === 'number' && isFinite(v)) || typeof v === 'bigint' ? String(v) : typeof v === 'boolean' ? (v ? 'true' : 'false') : '');
  function stringify(obj, sep = '&', eq = '=', options) {
    const enc = (options && typeof options.encodeURIComponent === 'function') ? options.encodeURIComponent : qs.escape;
    if (obj === null || typeof obj !== 'object') return '';
    const out = [];
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      const ks = enc(prim(k)) + eq;
      if (Array.isArray(v)) for (const x of v) out.push(ks + enc(prim(x)));
      else out.push(ks + enc(prim(v)));
    }
    return out.join(sep || '&');
  }
  function parse(str, sep = '&', eq = '=', options) {
    const obj = Object.create(null);
    if (typeof str !== 'string' || str.length === 0) return obj;
    sep = sep || '&'; eq = eq || '=';
    const maxKeys = options && typeof options.maxKeys === 'number' ? options.maxKeys : 1000;
    const dec = (options && typeof options.decodeURIComponent === 'function') ? options.decodeURIComponent : qs.unescape;
    let parts = str.split(sep);
    if (maxKeys > 0) parts = parts.slice(0, maxKeys);
    for (const part of parts) {
      if (part === '') continue;
      const i = part.indexOf(eq);
      const rawK = i >= 0 ? part.slice(0, i) : part;
      const rawV = i >= 0 ? part.slice(i + eq.length) : '';
      const d = (s) => { s = s.replace(/\+/g, ' '); try { return dec(s); } catch (e) { return qs.unescape(s); } };
      const k = d(rawK), v = d(rawV);
      if (k in obj) { if (Array.isArray(obj[k])) obj[k].push(v); else obj[k] = [obj[k], v]; }
      else obj[k] = v;
    }
    return obj;
  }
  const qs = { parse, stringify, decode: parse, encode: stringify, escape, unescape, unescapeBuffer: (s) => require('buffer').Buffer.from(unescape(String(s))) };
  return qs;
})
