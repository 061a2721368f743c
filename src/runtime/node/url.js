// node:url and the WHATWG `URL` / `URLSearchParams` globals: the URL
// Standard's parser (special schemes and their default ports, backslashes
// as slashes, dot segments, IPv4 numbers, the percent-encode sets,
// relative references against a base), `searchParams` bound to its URL,
// Node's ERR_INVALID_URL, and the legacy `url.parse`/`format`/`resolve`.
// Host names with non-ASCII letters become punycode (`xn--`) after NFC and
// lowercasing, a simplification of UTS #46's mapping table. Not modelled:
// blob: URLs (`URL.createObjectURL`).
(function (N, G, require, internal) {
  'use strict';
  const errors = internal('errors');
  const SPECIAL = { 'ftp:': '21', 'file:': '', 'http:': '80', 'https:': '443', 'ws:': '80', 'wss:': '443' };
  const isSpecial = (p) => Object.prototype.hasOwnProperty.call(SPECIAL, p);
  const hex = (b) => '%' + (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
  const utf8 = (s) => new Uint8Array(N.encode(s, 'utf8'));
  const C0 = (c) => c < 0x20 || c > 0x7e;
  const FRAGMENT = (c) => C0(c) || ' "<>`'.includes(String.fromCharCode(c));
  const QUERY = (c) => C0(c) || ' "#<>'.includes(String.fromCharCode(c));
  const SPECIAL_QUERY = (c) => QUERY(c) || c === 0x27;
  const PATH = (c) => QUERY(c) || '?^`{}'.includes(String.fromCharCode(c));
  const USERINFO = (c) => PATH(c) || '/:;=@[\\]|'.includes(String.fromCharCode(c));
  function encodeSet(s, inSet) {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) { out += inSet(c) ? hex(c) : s[i]; continue; }
      let j = i + 1;
      while (j < s.length && s.charCodeAt(j) >= 0x80) j++;
      for (const b of utf8(s.slice(i, j))) out += hex(b);
      i = j - 1;
    }
    return out;
  }
  function percentDecodeBytes(s) {
    const bytes = utf8(s);
    const out = [];
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 0x25 && i + 2 < bytes.length + 0 && /^[0-9a-fA-F]{2}$/.test(String.fromCharCode(bytes[i + 1] || 0, bytes[i + 2] || 0))) {
        out.push(parseInt(String.fromCharCode(bytes[i + 1], bytes[i + 2]), 16));
        i += 2;
      } else out.push(b);
    }
    return new Uint8Array(out);
  }
  const percentDecode = (s) => (s.includes('%') ? N.decode(percentDecodeBytes(s), 'utf8') : s);

  function invalidUrl(input, base) {
    const e = errors.make(TypeError, 'ERR_INVALID_URL', 'Invalid URL');
    e.input = input;
    if (base !== undefined) e.base = base;
    return e;
  }

  // ---- hosts ----
  function parseIPv4Number(s) {
    if (s === '') return NaN;
    let radix = 10;
    if (/^0[xX]/.test(s)) { s = s.slice(2); radix = 16; }
    else if (s.length > 1 && s[0] === '0') { s = s.slice(1); radix = 8; }
    if (s === '') return 0;
    const ok = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
    return ok.test(s) ? parseInt(s, radix) : NaN;
  }
  function endsInNumber(host) {
    const parts = host.split('.');
    if (parts[parts.length - 1] === '') { if (parts.length === 1) return false; parts.pop(); }
    const last = parts[parts.length - 1];
    return /^[0-9]+$/.test(last) || !Number.isNaN(parseIPv4Number(last)) && /^0[xX]/.test(last);
  }
  function parseIPv4(host) {
    const parts = host.split('.');
    if (parts[parts.length - 1] === '' && parts.length > 1) parts.pop();
    if (parts.length > 4) return null;
    const nums = parts.map(parseIPv4Number);
    if (nums.some(Number.isNaN)) return null;
    for (let i = 0; i < nums.length - 1; i++) if (nums[i] > 255) return null;
    if (nums[nums.length - 1] >= 256 ** (5 - nums.length)) return null;
    let ipv4 = nums[nums.length - 1];
    for (let i = 0; i < nums.length - 1; i++) ipv4 += nums[i] * 256 ** (3 - i);
    const out = [];
    for (let i = 0; i < 4; i++) { out.unshift(ipv4 % 256); ipv4 = Math.floor(ipv4 / 256); }
    return out.join('.');
  }
  function parseIPv6(s) {
    // Parse into eight pieces, then serialize with the longest run of zeros compressed.
    const pieces = [0, 0, 0, 0, 0, 0, 0, 0];
    let idx = 0, compress = null, i = 0;
    if (s[0] === ':') { if (s[1] !== ':') return null; i = 2; idx = 1; compress = 1; }
    while (i < s.length) {
      if (idx === 8) return null;
      if (s[i] === ':') { if (compress !== null) return null; i++; idx++; compress = idx; continue; }
      let value = 0, len = 0;
      while (len < 4 && i < s.length && /[0-9a-fA-F]/.test(s[i])) { value = value * 16 + parseInt(s[i], 16); i++; len++; }
      if (s[i] === '.') {
        if (len === 0 || idx > 6) return null;
        const v4 = parseIPv4Strict(s.slice(i - len));
        if (!v4) return null;
        pieces[idx++] = v4[0] * 256 + v4[1];
        pieces[idx++] = v4[2] * 256 + v4[3];
        i = s.length;
        break;
      }
      if (s[i] === ':') { i++; if (i >= s.length) return null; }
      else if (i < s.length) return null;
      pieces[idx++] = value;
    }
    if (compress !== null) {
      let swaps = idx - compress;
      idx = 7;
      while (idx !== 0 && swaps > 0) { const t = pieces[compress + swaps - 1]; pieces[compress + swaps - 1] = pieces[idx]; pieces[idx] = t; idx--; swaps--; }
    } else if (idx !== 8) return null;
    let best = -1, bestLen = 1;
    for (let a = 0; a < 8;) {
      if (pieces[a] !== 0) { a++; continue; }
      let b = a;
      while (b < 8 && pieces[b] === 0) b++;
      if (b - a > bestLen) { best = a; bestLen = b - a; }
      a = b;
    }
    let out = '';
    for (let a = 0; a < 8; a++) {
      if (a === best) { out += a === 0 ? '::' : ':'; a += bestLen - 1; continue; }
      out += pieces[a].toString(16) + (a < 7 ? ':' : '');
    }
    return '[' + out + ']';
  }
  function parseIPv4Strict(s) {
    const parts = s.split('.');
    if (parts.length !== 4 || parts.some((p) => !/^(0|[1-9][0-9]{0,2})$/.test(p) || +p > 255)) return null;
    return parts.map(Number);
  }
  // ---- punycode (RFC 3492), for host names ----
  const BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700, INITIAL_BIAS = 72, INITIAL_N = 128;
  function adapt(delta, numPoints, first) {
    delta = first ? Math.floor(delta / DAMP) : delta >> 1;
    delta += Math.floor(delta / numPoints);
    let k = 0;
    while (delta > ((BASE - TMIN) * TMAX) >> 1) { delta = Math.floor(delta / (BASE - TMIN)); k += BASE; }
    return k + Math.floor(((BASE - TMIN + 1) * delta) / (delta + SKEW));
  }
  const digit = (d) => String.fromCharCode(d < 26 ? d + 97 : d + 22);
  function punyEncode(label) {
    const cps = Array.from(label, (c) => c.codePointAt(0));
    let out = cps.filter((c) => c < 0x80).map((c) => String.fromCharCode(c)).join('');
    const basic = out.length;
    let h = basic;
    if (basic) out += '-';
    let n = INITIAL_N, delta = 0, bias = INITIAL_BIAS;
    while (h < cps.length) {
      const m = Math.min(...cps.filter((c) => c >= n));
      delta += (m - n) * (h + 1);
      n = m;
      for (const c of cps) {
        if (c < n) delta++;
        if (c === n) {
          let q = delta;
          for (let k = BASE; ; k += BASE) {
            const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
            if (q < t) break;
            out += digit(t + ((q - t) % (BASE - t)));
            q = Math.floor((q - t) / (BASE - t));
          }
          out += digit(q);
          bias = adapt(delta, h + 1, h === basic);
          delta = 0;
          h++;
        }
      }
      delta++;
      n++;
    }
    return out;
  }
  function punyDecode(input) {
    const out = [];
    const b = input.lastIndexOf('-');
    for (let j = 0; j < Math.max(b, 0); j++) out.push(input.charCodeAt(j));
    let n = INITIAL_N, bias = INITIAL_BIAS, i = 0;
    for (let idx = b > 0 ? b + 1 : 0; idx < input.length;) {
      const oldi = i;
      for (let w = 1, k = BASE; ; k += BASE) {
        const c = input.charCodeAt(idx++);
        const d = c - 48 < 10 ? c - 22 : c - 65 < 26 ? c - 65 : c - 97 < 26 ? c - 97 : BASE;
        i += d * w;
        const t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
        if (d < t) break;
        w *= BASE - t;
      }
      bias = adapt(i - oldi, out.length + 1, oldi === 0);
      n += Math.floor(i / (out.length + 1));
      i %= out.length + 1;
      out.splice(i++, 0, n);
    }
    return String.fromCodePoint(...out);
  }
  function toASCII(domain) {
    return domain.normalize('NFC').toLowerCase().split('.').map((l) => (/[^\0-\x7f]/.test(l) ? 'xn--' + punyEncode(l) : l)).join('.');
  }
  function toUnicode(domain) {
    return domain.split('.').map((l) => (/^xn--/i.test(l) ? punyDecode(l.slice(4).toLowerCase()) : l)).join('.');
  }
  function parseHost(input, special) {
    if (input[0] === '[') {
      if (input[input.length - 1] !== ']') return null;
      return parseIPv6(input.slice(1, -1));
    }
    if (!special) {
      if (/[\0\t\n\r #/:<>?@[\\\]^|]/.test(input)) return null;
      return encodeSet(input, C0);
    }
    let domain = percentDecode(input).toLowerCase();
    if (/[^\0-\x7f]/.test(domain)) domain = toASCII(domain);
    if (domain === '' || /[\0-\x20#%/:<>?@[\\\]^|\x7f]/.test(domain)) return null;
    if (endsInNumber(domain)) return parseIPv4(domain);
    return domain;
  }

  // ---- the parser ----
  function trimControl(s) { return s.replace(/^[\0-\x20]+|[\0-\x20]+$/g, '').replace(/[\t\n\r]/g, ''); }
  function shorten(path, protocol) {
    if (protocol === 'file:' && path.length === 1 && /^[A-Za-z]:$/.test(path[0])) return;
    path.pop();
  }
  function isDot(s) { return s === '.' || s.toLowerCase() === '%2e'; }
  function isDoubleDot(s) { return ['..', '.%2e', '%2e.', '%2e%2e'].includes(s.toLowerCase()); }
  // Resolves the path segments of `input` onto `segments` (a copy of the base's).
  function parsePath(input, special, segments, protocol) {
    const parts = input.split(special ? /[/\\]/ : '/');
    for (let i = 0; i < parts.length; i++) {
      const seg = parts[i];
      const last = i === parts.length - 1;
      if (isDoubleDot(seg)) { shorten(segments, protocol); if (last) segments.push(''); }
      else if (isDot(seg)) { if (last) segments.push(''); }
      else segments.push(encodeSet(seg, PATH));
    }
    return segments;
  }
  function parse(input, base) {
    input = trimControl(String(input));
    const r = { protocol: '', username: '', password: '', host: null, port: '', path: [], opaque: null, query: null, fragment: null };
    const m = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(input);
    let rest;
    if (m) {
      r.protocol = m[1].toLowerCase() + ':';
      rest = input.slice(m[0].length);
    } else {
      if (!base) return null;
      if (base.opaque !== null) {
        if (input[0] !== '#') return null;
        return Object.assign({}, base, { fragment: encodeSet(input.slice(1), FRAGMENT) });
      }
      r.protocol = base.protocol;
      rest = input;
    }
    const special = isSpecial(r.protocol);
    let h = rest.indexOf('#');
    if (h >= 0) { r.fragment = encodeSet(rest.slice(h + 1), FRAGMENT); rest = rest.slice(0, h); }
    const q = rest.indexOf('?');
    let query = null;
    if (q >= 0) { query = rest.slice(q + 1); rest = rest.slice(0, q); }
    const slash = special ? /^[/\\]/ : /^\//;
    const sameSchemeRelative = m && base && special && base.protocol === r.protocol && r.protocol !== 'file:' && !slash.test(rest);
    if (m && !sameSchemeRelative) {
      if (r.protocol === 'file:') return parseFile(rest, query, r, base && base.protocol === 'file:' ? base : null);
      if (special || /^\/\//.test(rest)) {
        if (special) rest = rest.replace(/^[/\\]*/, '');
        else rest = rest.slice(2);
        if (!parseAuthority(r, rest, special)) return null;
        rest = rest.slice(authorityEnd(rest, special));
        if (special && r.host === '') return null;
        r.path = parsePath(rest === '' ? (special ? '/' : '') : rest, special, [], r.protocol).slice(rest === '' && !special ? 0 : 1);
        if (rest === '' && !special) r.path = [];
        else if (special && rest === '') r.path = [''];
      } else if (rest[0] === '/') {
        r.path = parsePath(rest, false, [], r.protocol).slice(1);
      } else {
        r.opaque = encodeSet(rest, C0);
      }
    } else {
      // A relative reference: take what the base has up to where the input starts.
      if (!base) return null;
      if (r.protocol === 'file:') return parseFile(rest, query, r, base);
      if (slash.test(rest) && (special ? /^[/\\]{2}/ : /^\/\//).test(rest)) {
        rest = special ? rest.replace(/^[/\\]*/, '') : rest.slice(2);
        if (!parseAuthority(r, rest, special)) return null;
        rest = rest.slice(authorityEnd(rest, special));
        if (special && r.host === '') return null;
        r.path = rest === '' ? (special ? [''] : []) : parsePath(rest, special, [], r.protocol).slice(1);
      } else {
        r.username = base.username; r.password = base.password; r.host = base.host; r.port = base.port;
        if (rest === '') {
          r.path = base.path.slice();
          if (query === null) query = base.query;
        } else if (slash.test(rest)) {
          r.path = parsePath(rest, special, [], r.protocol).slice(1);
        } else {
          const segs = base.path.slice();
          segs.pop();
          r.path = parsePath(rest, special, segs, r.protocol);
        }
      }
    }
    if (query !== null) r.query = encodeSet(query, special ? SPECIAL_QUERY : QUERY);
    else if (r.query === undefined) r.query = null;
    return r;
  }
  function authorityEnd(rest, special) {
    const m = (special ? /[/\\?#]/ : /[/?#]/).exec(rest);
    return m ? m.index : rest.length;
  }
  function parseAuthority(r, rest, special) {
    let auth = rest.slice(0, authorityEnd(rest, special));
    const at = auth.lastIndexOf('@');
    if (at >= 0) {
      const info = auth.slice(0, at);
      const colon = info.indexOf(':');
      r.username = encodeSet(colon >= 0 ? info.slice(0, colon) : info, USERINFO);
      r.password = colon >= 0 ? encodeSet(info.slice(colon + 1), USERINFO) : '';
      auth = auth.slice(at + 1);
      if (auth === '') return false;
    }
    let hostPart = auth, port = '';
    const pm = /:([^\]]*)$/.exec(auth);
    if (pm && !(auth[0] === '[' && !auth.includes(']:'))) {
      hostPart = auth.slice(0, pm.index);
      port = pm[1];
      if (!/^[0-9]*$/.test(port)) return false;
      if (port !== '') {
        const n = parseInt(port, 10);
        if (n > 65535) return false;
        port = String(n);
        if (SPECIAL[r.protocol] === port) port = '';
      }
    }
    if (hostPart === '' && (special || port !== '' || at >= 0)) { if (special) return false; }
    const host = hostPart === '' ? '' : parseHost(hostPart, special);
    if (host === null) return false;
    r.host = host;
    r.port = port;
    return true;
  }
  function parseFile(rest, query, r, base) {
    r.host = '';
    if (/^[/\\]{2}/.test(rest)) {
      rest = rest.slice(2);
      const end = authorityEnd(rest, true);
      let host = rest.slice(0, end);
      rest = rest.slice(end);
      if (host !== '') {
        host = parseHost(host, true);
        if (host === null) return null;
        r.host = host === 'localhost' ? '' : host;
      }
      r.path = parsePath(rest === '' ? '/' : rest, true, [], 'file:').slice(1);
    } else if (/^[/\\]/.test(rest)) {
      if (base) r.host = base.host;
      r.path = parsePath(rest, true, [], 'file:').slice(1);
    } else if (base) {
      r.host = base.host;
      if (rest === '') { r.path = base.path.slice(); if (query === null) query = base.query; }
      else { const segs = base.path.slice(); segs.pop(); r.path = parsePath(rest, true, segs, 'file:'); }
    } else {
      r.path = parsePath(rest, true, [], 'file:');
    }
    r.query = query === null ? null : encodeSet(query, SPECIAL_QUERY);
    return r;
  }
  function pathname(r) { return r.opaque !== null ? r.opaque : r.path.length || isSpecial(r.protocol) ? '/' + r.path.join('/') : ''; }
  function hostString(r) { return r.host === null ? '' : r.host + (r.port !== '' ? ':' + r.port : ''); }
  function serialize(r, excludeFragment) {
    let out = r.protocol;
    if (r.host !== null) {
      out += '//';
      if (r.username !== '' || r.password !== '') out += r.username + (r.password !== '' ? ':' + r.password : '') + '@';
      out += hostString(r);
    } else if (r.opaque === null && r.path.length > 1 && r.path[0] === '') out += '/.';
    out += pathname(r);
    if (r.query !== null) out += '?' + r.query;
    if (!excludeFragment && r.fragment !== null) out += '#' + r.fragment;
    return out;
  }

  // ---- URLSearchParams ----
  const FORM_SAFE = /[A-Za-z0-9*\-._]/;
  function formEncode(s) {
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (ch === ' ') out += '+';
      else if (s.charCodeAt(i) < 0x80) out += FORM_SAFE.test(ch) ? ch : hex(s.charCodeAt(i));
      else {
        let j = i + 1;
        while (j < s.length && s.charCodeAt(j) >= 0x80) j++;
        for (const b of utf8(s.slice(i, j))) out += hex(b);
        i = j - 1;
      }
    }
    return out;
  }
  function formParse(s) {
    const list = [];
    for (const part of s.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const name = eq >= 0 ? part.slice(0, eq) : part;
      const value = eq >= 0 ? part.slice(eq + 1) : '';
      list.push([percentDecode(name.replace(/\+/g, ' ')), percentDecode(value.replace(/\+/g, ' '))]);
    }
    return list;
  }
  const toUSV = (v) => { const s = String(v); return typeof s.toWellFormed === 'function' ? s.toWellFormed() : s; };
  function missing(...names) {
    return errors.make(TypeError, 'ERR_MISSING_ARGS', names.length === 1 ? 'The "' + names[0] + '" argument must be specified' : 'The "' + names[0] + '" and "' + names[1] + '" arguments must be specified');
  }
  const LIST = Symbol('list');
  const OWNER = Symbol('url');
  class URLSearchParams {
    constructor(init = undefined) {
      this[LIST] = [];
      this[OWNER] = null;
      if (init === undefined || init === null) return;
      if (typeof init === 'object' || typeof init === 'function') {
        if (typeof init[Symbol.iterator] === 'function') {
          for (const pair of init) {
            if ((typeof pair !== 'object' && typeof pair !== 'function') || pair === null || typeof pair[Symbol.iterator] !== 'function') throw errors.make(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
            const kv = [...pair];
            if (kv.length !== 2) throw errors.make(TypeError, 'ERR_INVALID_TUPLE', 'Each query pair must be an iterable [name, value] tuple');
            this[LIST].push([toUSV(kv[0]), toUSV(kv[1])]);
          }
        } else {
          for (const k of Reflect.ownKeys(init)) {
            if (typeof k !== 'string' || !Object.prototype.propertyIsEnumerable.call(init, k)) continue;
            this[LIST].push([toUSV(k), toUSV(init[k])]);
          }
        }
      } else {
        const s = toUSV(init);
        this[LIST] = formParse(s[0] === '?' ? s.slice(1) : s);
      }
    }
    get size() { return this[LIST].length; }
    _update() {
      const url = this[OWNER];
      if (!url) return;
      const s = this.toString();
      url[REC].query = s === '' ? null : s;
    }
    append(name, value) {
      if (arguments.length < 2) throw missing('name', 'value');
      this[LIST].push([toUSV(name), toUSV(value)]);
      this._update();
    }
    delete(name, value) {
      if (arguments.length < 1) throw missing('name');
      name = toUSV(name);
      if (value !== undefined) { value = toUSV(value); this[LIST] = this[LIST].filter(([k, v]) => k !== name || v !== value); }
      else this[LIST] = this[LIST].filter(([k]) => k !== name);
      this._update();
    }
    get(name) {
      if (arguments.length < 1) throw missing('name');
      name = toUSV(name);
      const e = this[LIST].find(([k]) => k === name);
      return e ? e[1] : null;
    }
    getAll(name) {
      if (arguments.length < 1) throw missing('name');
      name = toUSV(name);
      return this[LIST].filter(([k]) => k === name).map(([, v]) => v);
    }
    has(name, value) {
      if (arguments.length < 1) throw missing('name');
      name = toUSV(name);
      if (value !== undefined) { value = toUSV(value); return this[LIST].some(([k, v]) => k === name && v === value); }
      return this[LIST].some(([k]) => k === name);
    }
    set(name, value) {
      if (arguments.length < 2) throw missing('name', 'value');
      name = toUSV(name); value = toUSV(value);
      const i = this[LIST].findIndex(([k]) => k === name);
      if (i < 0) this[LIST].push([name, value]);
      else {
        this[LIST][i][1] = value;
        this[LIST] = this[LIST].filter(([k], j) => j <= i || k !== name);
      }
      this._update();
    }
    sort() {
      const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
      this[LIST] = this[LIST].map((e, i) => [e, i]).sort((x, y) => cmp(x[0][0], y[0][0]) || x[1] - y[1]).map(([e]) => e);
      this._update();
    }
    forEach(callback, thisArg = undefined) {
      errors.validateFunction(callback, 'callback');
      for (let i = 0; i < this[LIST].length; i++) { const [k, v] = this[LIST][i]; callback.call(thisArg, v, k, this); }
    }
    *entries() { for (let i = 0; i < this[LIST].length; i++) yield [this[LIST][i][0], this[LIST][i][1]]; }
    *keys() { for (const [k] of this.entries()) yield k; }
    *values() { for (const [, v] of this.entries()) yield v; }
    toString() { return this[LIST].map(([k, v]) => formEncode(k) + '=' + formEncode(v)).join('&'); }
    get [Symbol.toStringTag]() { return 'URLSearchParams'; }
    [Symbol.for('nodejs.util.inspect.custom')](depth, opts, inspect) {
      if (this[LIST].length === 0) return 'URLSearchParams {}';
      return 'URLSearchParams { ' + this[LIST].map(([k, v]) => inspect(k) + ' => ' + inspect(v)).join(', ') + ' }';
    }
  }
  URLSearchParams.prototype[Symbol.iterator] = URLSearchParams.prototype.entries;
  Object.defineProperty(URLSearchParams.prototype, '_update', { enumerable: false });

  // ---- URL ----
  const REC = Symbol('record');
  const PARAMS = Symbol('searchParams');
  function syncParams(url) { if (url[PARAMS]) url[PARAMS][LIST] = url[REC].query ? formParse(url[REC].query) : []; }
  class URL {
    constructor(input, base = undefined) {
      if (arguments.length === 0) throw missing('url');
      input = toUSV(input);
      let baseRec;
      if (base !== undefined) {
        baseRec = parse(toUSV(base));
        if (!baseRec) throw invalidUrl(input, String(base));
      }
      const r = parse(input, baseRec);
      if (!r) throw invalidUrl(input, base === undefined ? undefined : String(base));
      this[REC] = r;
      this[PARAMS] = null;
    }
    static canParse(input, base = undefined) {
      try { new URL(input, base); return true; } catch (e) { return false; }
    }
    static parse(input, base = undefined) {
      try { return new URL(input, base); } catch (e) { return null; }
    }
    static createObjectURL() { throw new Error('Stratus does not support URL.createObjectURL (blob: URLs)'); }
    static revokeObjectURL() {}
    get href() { return serialize(this[REC]); }
    set href(v) {
      const r = parse(toUSV(v));
      if (!r) throw invalidUrl(String(v));
      this[REC] = r;
      syncParams(this);
    }
    get origin() {
      const r = this[REC];
      if (r.protocol === 'blob:') { try { return new URL(pathname(r)).origin; } catch (e) { return 'null'; } }
      if (!isSpecial(r.protocol) || r.protocol === 'file:') return 'null';
      return r.protocol + '//' + hostString(r);
    }
    get protocol() { return this[REC].protocol; }
    set protocol(v) {
      const m = /^([A-Za-z][A-Za-z0-9+.-]*)/.exec(toUSV(v));
      if (!m) return;
      const p = m[1].toLowerCase() + ':';
      const r = this[REC];
      if (isSpecial(p) !== isSpecial(r.protocol)) return;
      if (p === 'file:' && (r.username || r.password || r.port)) return;
      if (r.protocol === 'file:' && r.host === '') return;
      r.protocol = p;
      if (SPECIAL[p] === r.port) r.port = '';
    }
    get username() { return this[REC].username; }
    set username(v) { const r = this[REC]; if (r.host === null || r.host === '' || r.protocol === 'file:') return; r.username = encodeSet(toUSV(v), USERINFO); }
    get password() { return this[REC].password; }
    set password(v) { const r = this[REC]; if (r.host === null || r.host === '' || r.protocol === 'file:') return; r.password = encodeSet(toUSV(v), USERINFO); }
    get host() { return hostString(this[REC]); }
    set host(v) {
      const r = this[REC];
      if (r.opaque !== null) return;
      const probe = parse(r.protocol + '//' + toUSV(v).replace(/[/?#].*$/, ''));
      if (!probe || (probe.host === '' && isSpecial(r.protocol))) return;
      r.host = probe.host;
      if (probe.port !== '' || /:$/.test(String(v)) === false) r.port = probe.port || (String(v).includes(':') ? '' : r.port);
    }
    get hostname() { return this[REC].host === null ? '' : this[REC].host; }
    set hostname(v) {
      const r = this[REC];
      if (r.opaque !== null) return;
      const probe = parse(r.protocol + '//' + toUSV(v).replace(/[:/?#].*$/, ''));
      if (!probe || (probe.host === '' && isSpecial(r.protocol))) return;
      r.host = probe.host;
    }
    get port() { return this[REC].port; }
    set port(v) {
      const r = this[REC];
      if (r.host === null || r.host === '' || r.protocol === 'file:') return;
      const s = toUSV(v);
      if (s === '') { r.port = ''; return; }
      const m = /^[0-9]+/.exec(s);
      if (!m) return;
      const n = parseInt(m[0], 10);
      if (n > 65535) return;
      r.port = SPECIAL[r.protocol] === String(n) ? '' : String(n);
    }
    get pathname() { return pathname(this[REC]); }
    set pathname(v) {
      const r = this[REC];
      if (r.opaque !== null) return;
      const special = isSpecial(r.protocol);
      let s = toUSV(v);
      if (special || s[0] === '/') { if (!(special ? /^[/\\]/ : /^\//).test(s)) s = '/' + s; r.path = parsePath(s, special, [], r.protocol).slice(1); }
      else r.path = s === '' ? [] : parsePath('/' + s, special, [], r.protocol).slice(1);
    }
    get search() { const q = this[REC].query; return q === null || q === '' ? '' : '?' + q; }
    set search(v) {
      let s = toUSV(v);
      const r = this[REC];
      if (s === '') r.query = null;
      else { if (s[0] === '?') s = s.slice(1); r.query = encodeSet(s, isSpecial(r.protocol) ? SPECIAL_QUERY : QUERY); }
      syncParams(this);
    }
    get searchParams() {
      if (!this[PARAMS]) {
        const p = new URLSearchParams(this[REC].query || '');
        p[OWNER] = this;
        this[PARAMS] = p;
      }
      return this[PARAMS];
    }
    get hash() { const f = this[REC].fragment; return f === null || f === '' ? '' : '#' + f; }
    set hash(v) {
      let s = toUSV(v);
      if (s === '') { this[REC].fragment = null; return; }
      if (s[0] === '#') s = s.slice(1);
      this[REC].fragment = encodeSet(s, FRAGMENT);
    }
    toString() { return this.href; }
    toJSON() { return this.href; }
    get [Symbol.toStringTag]() { return 'URL'; }
    [Symbol.for('nodejs.util.inspect.custom')](depth, opts, inspect) {
      const o = {};
      for (const k of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash']) o[k] = this[k];
      return 'URL ' + inspect(o, opts).replace(/^\{/, '{');
    }
  }
  for (const k of ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'searchParams', 'hash', 'toString', 'toJSON']) {
    const d = Object.getOwnPropertyDescriptor(URL.prototype, k);
    d.enumerable = true;
    Object.defineProperty(URL.prototype, k, d);
  }

  // ---- node:url helpers ----
  function fileURLToPath(path) {
    let url = path;
    if (typeof url === 'string') url = new URL(url);
    else if (!(url instanceof URL)) throw errors.invalidArgType('path', ['string', 'URL'], path);
    if (url.protocol !== 'file:') throw errors.make(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
    if (url.hostname !== '') throw errors.make(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
    const p = url.pathname;
    if (/%2f/i.test(p)) throw errors.make(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
    return percentDecode(p);
  }
  function pathToFileURL(filepath) {
    errors.validateString(filepath, 'path');
    let resolved = require('path').resolve(filepath);
    if (filepath.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
    const encoded = resolved.replace(/%/g, '%25').replace(/\\/g, '%5C').replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/\t/g, '%09').replace(/\?/g, '%3F').replace(/#/g, '%23');
    return new URL('file://' + encoded);
  }
  function urlToHttpOptions(url) {
    const o = {
      protocol: url.protocol,
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      hash: url.hash,
      search: url.search,
      pathname: url.pathname,
      path: url.pathname + url.search,
      href: url.href,
    };
    if (url.port !== '') o.port = Number(url.port);
    if (url.username || url.password) o.auth = decodeURIComponent(url.username) + ':' + decodeURIComponent(url.password);
    return o;
  }

  // ---- the legacy API (url.parse / url.format / url.resolve) ----
  function Url() {
    this.protocol = null; this.slashes = null; this.auth = null; this.host = null; this.port = null; this.hostname = null;
    this.hash = null; this.search = null; this.query = null; this.pathname = null; this.path = null; this.href = null;
  }
  const SLASHED = new Set(['http:', 'https:', 'ftp:', 'gopher:', 'file:', 'ws:', 'wss:']);
  function legacyParse(url, parseQueryString, slashesDenoteHost) {
    if (url instanceof Url) return url;
    errors.validateString(url, 'url');
    const u = new Url();
    let rest = url.trim();
    const hash = rest.indexOf('#');
    if (hash >= 0) { u.hash = rest.slice(hash); rest = rest.slice(0, hash); }
    const qm = rest.indexOf('?');
    if (qm >= 0) { u.search = rest.slice(qm); u.query = rest.slice(qm + 1); rest = rest.slice(0, qm); }
    else if (parseQueryString) { u.search = ''; u.query = {}; }
    if (parseQueryString && typeof u.query === 'string') u.query = require('querystring').parse(u.query);
    rest = rest.replace(/\\/g, '/');
    const pm = /^([a-zA-Z0-9.+-]+:)/.exec(rest);
    if (pm) { u.protocol = pm[1].toLowerCase(); rest = rest.slice(pm[1].length); }
    if ((slashesDenoteHost || pm) && rest.startsWith('//') && !(u.protocol === 'javascript:')) {
      u.slashes = true;
      rest = rest.slice(2);
      const end = rest.search(/[/]/);
      let auth = end >= 0 ? rest.slice(0, end) : rest;
      rest = end >= 0 ? rest.slice(end) : '';
      const at = auth.lastIndexOf('@');
      if (at >= 0) { u.auth = decodeURIComponent(auth.slice(0, at)); auth = auth.slice(at + 1); }
      const portm = /:([0-9]*)$/.exec(auth);
      if (portm) { if (portm[1]) u.port = portm[1]; auth = auth.slice(0, portm.index); }
      u.hostname = auth.toLowerCase().replace(/^\[|\]$/g, '');
      u.host = (auth.startsWith('[') ? '[' + u.hostname + ']' : u.hostname) + (u.port ? ':' + u.port : '');
      if (SLASHED.has(u.protocol) && rest === '') rest = '/';
    }
    if (rest !== '') u.pathname = rest;
    else if (SLASHED.has(u.protocol) && u.hostname) u.pathname = '/';
    if (u.pathname !== null || u.search !== null) u.path = (u.pathname || '') + (u.search || '');
    u.href = legacyFormat(u);
    return u;
  }
  function legacyFormat(obj, options) {
    if (typeof obj === 'string') obj = legacyParse(obj);
    else if (obj instanceof URL) {
      const o = Object.assign({ auth: true, fragment: true, search: true, unicode: false }, options);
      const r = obj[REC];
      let out = r.protocol;
      if (r.host !== null) {
        out += '//';
        if (o.auth && (r.username || r.password)) out += r.username + (r.password ? ':' + r.password : '') + '@';
        out += hostString(r);
      }
      out += pathname(r);
      if (o.search && r.query) out += '?' + r.query;
      if (o.fragment && r.fragment) out += '#' + r.fragment;
      return out;
    } else if (obj === null || typeof obj !== 'object') throw errors.invalidArgType('urlObject', ['Object', 'string'], obj);
    let auth = obj.auth || '';
    if (auth) auth = encodeURIComponent(auth).replace(/%3A/i, ':') + '@';
    let protocol = obj.protocol || '';
    if (protocol && !protocol.endsWith(':')) protocol += ':';
    let pathname = obj.pathname || '';
    let hash = obj.hash || '';
    let host = '';
    if (obj.host) host = auth + obj.host;
    else if (obj.hostname) host = auth + (obj.hostname.includes(':') && obj.hostname[0] !== '[' ? '[' + obj.hostname + ']' : obj.hostname) + (obj.port ? ':' + obj.port : '');
    let search = obj.search || '';
    if (!search && obj.query && typeof obj.query === 'object') { const q = require('querystring').stringify(obj.query); if (q) search = '?' + q; }
    else if (!search && typeof obj.query === 'string' && obj.query) search = '?' + obj.query;
    if (search && search[0] !== '?') search = '?' + search;
    if (obj.slashes || ((!protocol || SLASHED.has(protocol)) && host)) {
      host = '//' + host;
      if (pathname && pathname[0] !== '/') pathname = '/' + pathname;
    }
    if (hash && hash[0] !== '#') hash = '#' + hash;
    pathname = pathname.replace(/[?#]/g, encodeURIComponent);
    search = search.replace(/#/g, '%23');
    return protocol + host + pathname + search + hash;
  }
  function legacyResolve(from, to) {
    return new URL(to, new URL(from, 'resolve://')).href.replace(/^resolve:\/\/\/?/, from.startsWith('/') ? '/' : '');
  }
  Url.prototype.format = function () { return legacyFormat(this); };
  Url.prototype.resolve = function (to) { return legacyResolve(this.href, to); };

  return {
    URL, URLSearchParams, Url,
    fileURLToPath, pathToFileURL, urlToHttpOptions,
    parse: legacyParse, format: legacyFormat, resolve: legacyResolve,
    domainToASCII: (d) => { const h = parseHost(String(d), true); return h === null ? '' : h; },
    domainToUnicode: (d) => { const h = parseHost(String(d), true); return h === null ? '' : toUnicode(h); },
  };
})
