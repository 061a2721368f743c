// Stratus io: `http`, `https`, `net`, `tls` and `dns`, compiled on first use.
// The simulated world has no internet and no endpoints of its own yet, so a
// request fails as one to a host that does not resolve does on Node: after a
// modelled lookup in virtual time, 'error' with `getaddrinfo ENOTFOUND <host>`
// (an IP literal: `connect ECONNREFUSED` on loopback, `ENETUNREACH` elsewhere).
//
// Routing to in-page endpoints (SNS HTTP subscriptions, API Gateway URLs)
// would go through the host like the SDK does: `N.hostCall('http', 'Request',
// { method, url, headers, body })` answered by the World's router with
// `{ statusCode, headers, body }`, emitted here as an IncomingMessage (and
// in fetch.js as a Response); `route()` below is where that choice belongs.
(function (N, G, I) {
  'use strict';
  /** Virtual milliseconds a failing DNS lookup takes, and a refused connect. */
  const LOOKUP_MS = 2, REFUSED_MS = 1;
  const EventEmitter = I.builtin('events');
  const isIPv4 = (s) => /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/.test(s);
  const isIPv6 = (s) => typeof s === 'string' && s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s) && s.split('::').length <= 2;
  const isIP = (s) => (isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0);
  function sysError(syscall, code, errno, detail, props) {
    const e = new Error(syscall + ' ' + code + ' ' + detail);
    return Object.assign(e, { errno, code, syscall }, props);
  }
  // What connecting to host:port does in a world without internet.
  function route(host, port) {
    const h = String(host).replace(/^\[|\]$/g, '');
    if (h === 'localhost' || /^127\./.test(h) || h === '::1') {
      const address = h === '::1' ? '::1' : '127.0.0.1';
      return { ms: REFUSED_MS, error: sysError('connect', 'ECONNREFUSED', -111, address + ':' + port, { address, port }) };
    }
    if (isIP(h)) return { ms: REFUSED_MS, error: sysError('connect', 'ENETUNREACH', -101, h + ':' + port, { address: h, port }) };
    return { ms: LOOKUP_MS, error: sysError('getaddrinfo', 'ENOTFOUND', -3008, h, { hostname: h }) };
  }
  function emitError(emitter, error) {
    if (emitter.listeners ? emitter.listeners('error').length === 0 : !(emitter._ev && emitter._ev.get('error') && emitter._ev.get('error').length)) throw error;
    emitter.emit('error', error);
  }

  // ---- http / https ----
  const STATUS_CODES = { 100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints', 200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content', 205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used', 300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified', 305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large', 414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed', 418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked', 424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required', 429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons', 500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates', 507: 'Insufficient Storage', 508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended', 511: 'Network Authentication Required' };
  const METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'];
  class Agent extends EventEmitter {
    constructor(options) { super(); this.options = Object.assign({}, options); this.keepAlive = !!this.options.keepAlive; this.maxSockets = this.options.maxSockets || Infinity; this.sockets = {}; this.freeSockets = {}; this.requests = {}; }
    destroy() {}
  }
  function parseUrl(u) {
    const m = /^([a-z][a-z0-9+.-]*:)\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)(?::(\d*))?([^?#]*)(\?[^#]*)?/i.exec(String(u));
    if (!m) { const e = new TypeError('Invalid URL'); e.code = 'ERR_INVALID_URL'; e.input = String(u); throw e; }
    return { protocol: m[1].toLowerCase(), hostname: m[2], port: m[3], path: (m[4] || '/') + (m[5] || '') };
  }
  function makeModule(defaultProtocol, defaultPort) {
    class ClientRequest extends EventEmitter {
      constructor(input, options, callback) {
        super();
        if (typeof options === 'function') { callback = options; options = undefined; }
        let opts = {};
        if (typeof input === 'string' || (input && typeof input.href === 'string')) opts = parseUrl(typeof input === 'string' ? input : input.href);
        else if (input && typeof input === 'object') { opts = input; callback = typeof options === 'function' ? options : callback; }
        if (options && typeof options === 'object') opts = Object.assign({}, opts, options);
        const protocol = opts.protocol || defaultProtocol;
        if (protocol !== defaultProtocol) {
          const e = new TypeError('Protocol "' + protocol + '" not supported. Expected "' + defaultProtocol + '"');
          e.code = 'ERR_INVALID_PROTOCOL';
          throw e;
        }
        this.method = String(opts.method || 'GET').toUpperCase();
        this.host = opts.hostname || (opts.host ? String(opts.host).replace(/:\d+$/, '') : 'localhost');
        this.port = Number(opts.port || defaultPort);
        this.path = opts.path || '/';
        this.protocol = protocol;
        this._headers = {};
        for (const [k, v] of Object.entries(opts.headers || {})) this._headers[k.toLowerCase()] = v;
        this.headersSent = false; this.finished = false; this.destroyed = false; this.aborted = false; this.writable = true; this.reusedSocket = false;
        if (callback) this.once('response', callback);
        const { ms, error } = route(this.host, this.port);
        this._timer = G.setTimeout(() => {
          this._timer = undefined;
          if (this.destroyed) return;
          this.destroyed = true;
          emitError(this, error);
          this.emit('close');
        }, ms);
        if (opts.signal) {
          const abort = () => this.destroy(opts.signal.reason);
          if (opts.signal.aborted) G.queueMicrotask(abort); else if (opts.signal.addEventListener) opts.signal.addEventListener('abort', abort, { once: true });
        }
      }
      setHeader(name, value) { this._headers[String(name).toLowerCase()] = value; return this; }
      getHeader(name) { return this._headers[String(name).toLowerCase()]; }
      getHeaders() { return Object.assign(Object.create(null), this._headers); }
      getHeaderNames() { return Object.keys(this._headers); }
      hasHeader(name) { return String(name).toLowerCase() in this._headers; }
      removeHeader(name) { delete this._headers[String(name).toLowerCase()]; }
      write(chunk, encoding, cb) { if (typeof encoding === 'function') cb = encoding; if (cb) G.queueMicrotask(cb); return true; }
      end(data, encoding, cb) {
        if (typeof data === 'function') cb = data; else if (typeof encoding === 'function') cb = encoding;
        this.finished = true; this.writable = false;
        if (cb) this.once('finish', cb);
        return this;
      }
      flushHeaders() {}
      setTimeout(ms, cb) { if (cb) this.once('timeout', cb); return this; }
      setNoDelay() {} setSocketKeepAlive() {}
      abort() { if (this.aborted) return; this.aborted = true; this.destroy(); this.emit('abort'); }
      destroy(error) {
        if (this.destroyed) return this;
        this.destroyed = true;
        if (this._timer !== undefined) G.clearTimeout(this._timer);
        G.setImmediate(() => {
          if (error) emitError(this, error);
          else emitError(this, Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
          this.emit('close');
        });
        return this;
      }
    }
    const request = (input, options, callback) => new ClientRequest(input, options, callback);
    const get = (input, options, callback) => { const r = request(input, options, callback); r.end(); return r; };
    const globalAgent = new Agent({ keepAlive: true });
    const createServer = () => {
      const e = new Error(defaultProtocol.slice(0, -1) + '.createServer is not supported in Stratus: a Lambda function cannot accept connections');
      e.code = 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM';
      throw e;
    };
    return { request, get, ClientRequest, Agent, globalAgent, STATUS_CODES, METHODS, createServer, Server: createServer, maxHeaderSize: 16384 };
  }
  const http = makeModule('http:', 80);
  const https = makeModule('https:', 443);

  // ---- net / tls ----
  class Socket extends EventEmitter {
    constructor() { super(); this.connecting = false; this.destroyed = false; this.readyState = 'closed'; this.bytesRead = 0; this.bytesWritten = 0; }
    connect(...args) {
      let port, host;
      if (args[0] && typeof args[0] === 'object') { port = args[0].port; host = args[0].host || 'localhost'; if (typeof args[1] === 'function') this.once('connect', args[1]); }
      else { port = args[0]; host = typeof args[1] === 'string' ? args[1] : 'localhost'; const cb = args.find((a) => typeof a === 'function'); if (cb) this.once('connect', cb); }
      this.connecting = true; this.readyState = 'opening';
      const { ms, error } = route(host, port);
      G.setTimeout(() => {
        if (this.destroyed) return;
        this.connecting = false; this.destroyed = true; this.readyState = 'closed';
        emitError(this, error);
        this.emit('close', true);
      }, ms);
      return this;
    }
    write() { return false; }
    end() { return this; }
    destroy() { this.destroyed = true; return this; }
    setEncoding() { return this; } setKeepAlive() { return this; } setNoDelay() { return this; } setTimeout() { return this; } ref() { return this; } unref() { return this; }
  }
  const connect = (...args) => new Socket().connect(...args);
  const noServer = (what) => () => { const e = new Error(what + ' is not supported in Stratus: a Lambda function cannot accept connections'); e.code = 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM'; throw e; };
  const net = { Socket, Stream: Socket, connect, createConnection: connect, isIP, isIPv4, isIPv6, createServer: noServer('net.createServer'), Server: noServer('net.Server') };
  const tls = { connect, TLSSocket: Socket, createServer: noServer('tls.createServer'), createSecureContext: () => ({}), DEFAULT_MIN_VERSION: 'TLSv1.2', DEFAULT_MAX_VERSION: 'TLSv1.3', rootCertificates: [] };

  // ---- dns ----
  function lookupNow(hostname, options) {
    const family = typeof options === 'number' ? options : (options && options.family) || 0;
    const all = options && typeof options === 'object' && options.all;
    let address;
    if (isIP(hostname)) address = [hostname, isIP(hostname)];
    else if (hostname === 'localhost') address = family === 6 ? ['::1', 6] : ['127.0.0.1', 4];
    if (!address) return { error: sysError('getaddrinfo', 'ENOTFOUND', -3008, hostname, { hostname }) };
    return { value: all ? [[{ address: address[0], family: address[1] }]] : address };
  }
  function lookup(hostname, options, callback) {
    if (typeof options === 'function') { callback = options; options = undefined; }
    const r = lookupNow(hostname, options);
    G.setTimeout(() => (r.error ? callback(r.error) : callback(null, ...r.value)), r.error ? LOOKUP_MS : 0);
    return {};
  }
  const dnsPromises = {
    lookup: (hostname, options) => new Promise((resolve, reject) => {
      const r = lookupNow(hostname, options);
      G.setTimeout(() => (r.error ? reject(r.error) : resolve(Array.isArray(r.value[0]) ? r.value[0] : { address: r.value[0], family: r.value[1] })), r.error ? LOOKUP_MS : 0);
    }),
  };
  const dns = { lookup, promises: dnsPromises, NOTFOUND: 'ENOTFOUND', ADDRCONFIG: 1024, V4MAPPED: 2048, ALL: 256 };
  const queries = { resolve: 'queryA', resolve4: 'queryA', resolve6: 'queryAaaa', resolveCname: 'queryCname', resolveMx: 'queryMx', resolveTxt: 'queryTxt', resolveSrv: 'querySrv', resolveNs: 'queryNs', resolveAny: 'queryAny', reverse: 'getHostByAddr' };
  for (const [name, syscall] of Object.entries(queries)) {
    const fail = (hostname) => sysError(syscall, 'ENOTFOUND', undefined, hostname, { hostname });
    dns[name] = (hostname, ...rest) => { const cb = rest.pop(); G.setTimeout(() => cb(fail(hostname)), LOOKUP_MS); };
    dnsPromises[name] = (hostname) => new Promise((_, reject) => G.setTimeout(() => reject(fail(hostname)), LOOKUP_MS));
  }
  dns.getServers = dnsPromises.getServers = () => [];
  dns.setServers = dnsPromises.setServers = () => {};
  dns.setDefaultResultOrder = dnsPromises.setDefaultResultOrder = () => {};
  dns.getDefaultResultOrder = () => 'verbatim';
  return { http, https, net, tls, dns, dnsPromises, route, LOOKUP_MS };
})
