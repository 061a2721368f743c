// Stratus io: the global `fetch`, `Headers`, `Request` and `Response` (Node's
// undici), compiled on first touch of one of them. `data:` URLs are fetched;
// http(s) fails as undici does for a host that does not resolve (the
// simulated world has no internet): `TypeError: fetch failed` whose `cause`
// is the `getaddrinfo ENOTFOUND` error, after the modelled lookup in virtual
// time, unless the request's AbortSignal aborts first. See net.js for where
// routing to in-page endpoints would go.
(function (N, G, I) {
  'use strict';
  const net = I.part('net');
  const utf8 = (s) => I.toBytes(String(s));
  const text = (b) => I.toText(b, 'utf8').replace(/^\uFEFF/, '');
  const DOMException = G.DOMException || class DOMException extends Error {
    constructor(message, name) { super(message); Object.defineProperty(this, 'name', { value: name || 'Error', configurable: true, writable: true }); }
  };

  // ---- Headers ----
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const normalizeValue = (v) => String(v).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
  class Headers {
    constructor(init) {
      Object.defineProperty(this, '_list', { value: new Map(), writable: true });
      Object.defineProperty(this, '_cookies', { value: [], writable: true });
      if (init == null) return;
      if (init instanceof Headers) { for (const [k, v] of init._entries()) this.append(k, v); return; }
      if (typeof init !== 'object') throw new TypeError("Headers constructor: Expected init to be an object.");
      if (typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          const p = [...pair];
          if (p.length !== 2) throw new TypeError('Headers constructor: expected name/value pair to be length 2, found ' + p.length + '.');
          this.append(p[0], p[1]);
        }
      } else for (const k of Object.keys(init)) this.append(k, init[k]);
    }
    _check(name, method) {
      const n = String(name);
      if (!TOKEN.test(n)) throw new TypeError('Headers.' + method + ': "' + n + '" is an invalid header name.');
      return n.toLowerCase();
    }
    append(name, value) {
      const n = this._check(name, 'append');
      const v = normalizeValue(value);
      if (n === 'set-cookie') this._cookies.push(v);
      this._list.set(n, this._list.has(n) ? this._list.get(n) + ', ' + v : v);
    }
    set(name, value) {
      const n = this._check(name, 'set');
      const v = normalizeValue(value);
      if (n === 'set-cookie') this._cookies = [v];
      this._list.set(n, v);
    }
    get(name) { const n = this._check(name, 'get'); return this._list.has(n) ? this._list.get(n) : null; }
    has(name) { return this._list.has(this._check(name, 'has')); }
    delete(name) { const n = this._check(name, 'delete'); if (n === 'set-cookie') this._cookies = []; this._list.delete(n); }
    getSetCookie() { return this._cookies.slice(); }
    _entries() {
      const out = [];
      for (const k of [...this._list.keys()].sort()) {
        if (k === 'set-cookie') for (const c of this._cookies) out.push([k, c]);
        else out.push([k, this._list.get(k)]);
      }
      return out;
    }
    entries() { return this._entries()[Symbol.iterator](); }
    keys() { return this._entries().map((e) => e[0])[Symbol.iterator](); }
    values() { return this._entries().map((e) => e[1])[Symbol.iterator](); }
    forEach(fn, thisArg) { for (const [k, v] of this._entries()) fn.call(thisArg, v, k, this); }
    [Symbol.iterator]() { return this.entries(); }
    get [Symbol.toStringTag]() { return 'Headers'; }
  }

  // ---- bodies ----
  function extractBody(body) {
    if (body == null) return { bytes: null, type: null };
    if (typeof body === 'string') return { bytes: utf8(body), type: 'text/plain;charset=UTF-8' };
    if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return { bytes: I.toBytes(body), type: null };
    if (G.URLSearchParams && body instanceof G.URLSearchParams) return { bytes: utf8(body.toString()), type: 'application/x-www-form-urlencoded;charset=UTF-8' };
    if (G.Blob && body instanceof G.Blob && typeof body._stratusBytes === 'function') return { bytes: body._stratusBytes(), type: body.type || null };
    if (typeof body === 'object' && (typeof body.getReader === 'function' || typeof body[Symbol.asyncIterator] === 'function')) {
      const e = new TypeError('a streamed request or response body is not supported in Stratus (strings, ArrayBuffers, typed arrays and URLSearchParams are)');
      e.code = 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM';
      throw e;
    }
    return { bytes: utf8(String(body)), type: 'text/plain;charset=UTF-8' };
  }
  const unusable = () => new TypeError('Body is unusable: Body has already been read');
  class Body {
    get bodyUsed() { return this._used; }
    get body() {
      if (this._bytes === null) return null;
      if (!G.ReadableStream) return null;
      const bytes = this._bytes;
      return new G.ReadableStream({ start(c) { c.enqueue(new Uint8Array(bytes)); c.close(); } });
    }
    _consume() {
      if (this._used) return Promise.reject(unusable());
      this._used = true;
      return Promise.resolve(this._bytes === null ? new Uint8Array(0) : this._bytes);
    }
    arrayBuffer() { return this._consume().then((b) => I.toBytes(b).buffer); }
    bytes() { return this._consume().then((b) => I.toBytes(b)); }
    text() { return this._consume().then(text); }
    json() { return this._consume().then((b) => JSON.parse(text(b))); }
    blob() {
      return this._consume().then((b) => {
        if (!G.Blob) throw new TypeError('Blob is not available in Stratus');
        return new G.Blob([b], { type: this.headers.get('content-type') || '' });
      });
    }
    formData() { return Promise.reject(new TypeError('Body.formData() is not supported in Stratus')); }
  }
  function initBody(target, body, headers) {
    const { bytes, type } = extractBody(body);
    target._bytes = bytes;
    target._used = false;
    if (type && !headers.has('content-type')) headers.set('content-type', type);
  }

  // ---- URLs ----
  function parseUrl(input, prefix) {
    const s = String(input);
    if (G.URL) {
      try { return new G.URL(s).href; } catch (cause) { throw new TypeError(prefix + s, { cause }); }
    }
    if (!/^[a-z][a-z0-9+.-]*:/i.test(s)) {
      const cause = new TypeError('Invalid URL');
      cause.code = 'ERR_INVALID_URL';
      cause.input = s;
      throw new TypeError(prefix + s, { cause });
    }
    return s;
  }

  // ---- Request ----
  const FORBIDDEN = ['CONNECT', 'TRACE', 'TRACK'];
  const NORMAL = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH'];
  class Request extends Body {
    constructor(input, init) {
      super();
      init = init || {};
      const from = input instanceof Request ? input : null;
      this.url = from ? from.url : parseUrl(input, 'Failed to parse URL from ');
      let method = init.method !== undefined ? String(init.method) : from ? from.method : 'GET';
      if (!TOKEN.test(method)) throw new TypeError("'" + method + "' is not a valid HTTP method.");
      if (FORBIDDEN.includes(method.toUpperCase())) throw new TypeError("'" + method + "' HTTP method is unsupported.");
      if (NORMAL.includes(method.toUpperCase())) method = method.toUpperCase();
      this.method = method;
      this.headers = new Headers(init.headers !== undefined ? init.headers : from ? from.headers : undefined);
      // A request always has a signal; one that never aborts when none is given.
      this.signal = init.signal != null ? init.signal : from ? from.signal : G.AbortController ? new G.AbortController().signal : null;
      this.redirect = init.redirect || (from ? from.redirect : 'follow');
      this.credentials = init.credentials || 'same-origin';
      this.mode = init.mode || 'cors';
      this.cache = init.cache || 'default';
      this.keepalive = !!init.keepalive;
      this.referrer = 'about:client';
      this.integrity = init.integrity || '';
      const body = init.body !== undefined ? init.body : null;
      if (body != null && (method === 'GET' || method === 'HEAD')) throw new TypeError('Request with GET/HEAD method cannot have body.');
      initBody(this, body, this.headers);
      if (from && init.body === undefined && from._bytes !== null) { this._bytes = from._bytes; }
    }
    clone() { if (this._used) throw new TypeError('Request.clone: Body has already been consumed.'); return new Request(this, { body: this._bytes }); }
    get [Symbol.toStringTag]() { return 'Request'; }
  }

  // ---- Response ----
  const NULL_BODY = [101, 103, 204, 205, 304];
  class Response extends Body {
    constructor(body, init) {
      super();
      init = init || {};
      const status = init.status !== undefined ? Number(init.status) : 200;
      if (!(status >= 200 && status <= 599)) throw new RangeError('init["status"] must be in the range of 200 to 599, inclusive.');
      this.status = status;
      this.statusText = init.statusText !== undefined ? String(init.statusText) : '';
      this.headers = new Headers(init.headers);
      if (body != null && NULL_BODY.includes(status)) throw new TypeError('Response constructor: Invalid response status code ' + status);
      initBody(this, body === undefined ? null : body, this.headers);
      this.type = 'default';
      this.url = '';
      this.redirected = false;
    }
    get ok() { return this.status >= 200 && this.status <= 299; }
    clone() { if (this._used) throw new TypeError('Response.clone: Body has already been consumed.'); const r = new Response(this._bytes, { status: this.status, statusText: this.statusText, headers: this.headers }); r.type = this.type; r.url = this.url; return r; }
    static json(data, init) {
      const body = JSON.stringify(data);
      if (body === undefined) throw new TypeError('Value is not JSON serializable');
      const r = new Response(body, init);
      r.headers.set('content-type', 'application/json');
      return r;
    }
    static error() { const r = new Response(null, { status: 200 }); r.status = 0; r.type = 'error'; return r; }
    static redirect(url, status) {
      const s = status === undefined ? 302 : status;
      if (![301, 302, 303, 307, 308].includes(s)) throw new RangeError('Invalid status code ' + s);
      const r = new Response(null, { status: s });
      r.headers.set('location', parseUrl(url, 'Failed to parse URL from '));
      return r;
    }
    get [Symbol.toStringTag]() { return 'Response'; }
  }

  // ---- fetch ----
  function dataUrl(url) {
    const m = /^data:([^,]*),(.*)$/is.exec(url);
    if (!m) return null;
    let meta = m[1].trim();
    const base64 = /;\s*base64$/i.test(meta);
    if (base64) meta = meta.replace(/;\s*base64$/i, '');
    const payload = decodeURIComponent(m[2].replace(/%(?![0-9a-fA-F]{2})/g, '%25'));
    const bytes = base64 ? I.toBytes(payload.replace(/\s/g, ''), 'base64') : I.toBytes(payload, 'latin1');
    const type = meta === '' || meta.startsWith(';') ? 'text/plain;charset=US-ASCII' + (meta.startsWith(';') ? '' : '') : meta;
    return { bytes, type };
  }
  const abortReason = (signal) => (signal.reason !== undefined ? signal.reason : new DOMException('This operation was aborted', 'AbortError'));
  function fetch(input, init) {
    return new Promise((resolve, reject) => {
      const request = new Request(input, init);
      const signal = request.signal;
      if (signal && signal.aborted) { reject(abortReason(signal)); return; }
      const url = request.url;
      const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
      const networkError = (cause) => new TypeError('fetch failed', { cause });
      if (scheme === 'data:') {
        const d = dataUrl(url);
        if (!d) { reject(networkError(new TypeError('invalid data: URL'))); return; }
        const r = new Response(d.bytes, { status: 200, statusText: 'OK', headers: { 'content-type': d.type } });
        r.type = 'basic'; r.url = url;
        resolve(r);
        return;
      }
      if (scheme !== 'http:' && scheme !== 'https:') {
        reject(networkError(new Error('not implemented... yet...')));
        return;
      }
      const hostPort = url.slice(scheme.length + 2).split(/[/?#]/)[0].replace(/^[^@]*@/, '');
      const bracket = hostPort.startsWith('[') ? hostPort.indexOf(']') + 1 : -1;
      const host = bracket > 0 ? hostPort.slice(0, bracket) : hostPort.split(':')[0];
      const port = (bracket > 0 ? hostPort.slice(bracket + 1) : hostPort.slice(host.length)).replace(/^:/, '') || (scheme === 'https:' ? 443 : 80);
      const { ms, error } = net.route(host, Number(port));
      let onAbort;
      const timer = G.setTimeout(() => {
        if (onAbort && signal.removeEventListener) signal.removeEventListener('abort', onAbort);
        reject(networkError(error));
      }, ms);
      if (signal && signal.addEventListener) {
        onAbort = () => { G.clearTimeout(timer); reject(abortReason(signal)); };
        signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  }
  return { fetch, Headers, Request, Response };
})
