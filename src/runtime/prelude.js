// Stratus runtime prelude: what AWS's Node.js runtime puts around a handler.
// Evaluated once per environment with the host's native functions (`N`); it
// returns the object Rust drives (`R`). Nothing here reads wall-clock time or
// real randomness: `Date` reads the virtual clock (a boa Clock the host sets),
// `Math.random` and `crypto.randomUUID` come from the host's seeded source.
(function (N) {
  'use strict';
  const G = globalThis;

  // util, Buffer, events and the error shape live in extras.js, compiled
  // on first use.
  let X;
  const extras = () => X || (X = N.extras()(N, G));

  // ---- console: Lambda's Node.js text format ----
  let requestId = 'undefined';
  const levelOf = { log: 'INFO', info: 'INFO', warn: 'WARN', error: 'ERROR', debug: 'DEBUG', trace: 'TRACE' };
  const console = {};
  for (const m of Object.keys(levelOf)) {
    console[m] = (...args) => N.log(levelOf[m], requestId, args.every((a) => typeof a === 'string' && !a.includes('%')) ? args.join(' ') : extras().format(...args));
  }
  console.dir = (v) => N.log('INFO', requestId, extras().inspect(v));
  console.table = console.log;
  Object.defineProperty(G, 'console', { value: console, writable: true, configurable: true });

  // ---- Math.random from the host's seeded source ----
  Math.random = () => N.random();

  // ---- allocation guard: single requests larger than the function's memory ----
  // A V8 isolate would die with the process; here the invocation ends as
  // Runtime.OutOfMemory before the host allocates the memory at all.
  const MEMORY = N.memoryBytes;
  const charge = (bytes) => { if (bytes > MEMORY) N.outOfMemory(); };
  const wrap = (obj, name, cost) => {
    const original = obj[name];
    Object.defineProperty(obj, name, { value: { [name](...args) { charge(cost(this, args)); return original.apply(this, args); } }[name], writable: true, configurable: true });
  };
  const len = (x) => { const n = Number(x); return Number.isFinite(n) ? n : 0; };
  wrap(String.prototype, 'repeat', (s, a) => String(s).length * len(a[0]) * 2);
  wrap(String.prototype, 'padStart', (s, a) => len(a[0]) * 2);
  wrap(String.prototype, 'padEnd', (s, a) => len(a[0]) * 2);
  wrap(Array.prototype, 'fill', (arr) => len(arr.length) * 8);
  wrap(Array.prototype, 'join', (arr, a) => len(arr.length) * (a[0] === undefined ? 1 : String(a[0]).length) * 2);
  wrap(Array, 'from', (_, a) => (a[0] && typeof a[0] === 'object' && !(Symbol.iterator in a[0]) ? len(a[0].length) * 8 : 0));
  {
    const OriginalArray = Array;
    const ArrayGuard = new Proxy(OriginalArray, {
      apply(target, self, args) { if (args.length === 1 && typeof args[0] === 'number') charge(args[0] * 8); return Reflect.apply(target, self, args); },
      construct(target, args, newTarget) { if (args.length === 1 && typeof args[0] === 'number') charge(args[0] * 8); return Reflect.construct(target, args, newTarget === ArrayGuard ? target : newTarget); },
    });
    Object.defineProperty(G, 'Array', { value: ArrayGuard, writable: true, configurable: true });
  }

  // ---- timers in virtual time ----
  const timers = new Map();
  let timerSeq = 0;
  function addTimer(fn, delay, args, repeat, immediate) {
    if (typeof fn !== 'function') throw new TypeError('The "callback" argument must be of type function. Received ' + String(fn));
    const ms = immediate ? 0 : Math.max(1, Math.floor(Number(delay) || 0));
    const id = ++timerSeq;
    timers.set(id, { fn, args, due: N.now() + ms, ms, repeat, seq: id });
    return new Timeout(id);
  }
  class Timeout {
    constructor(id) { this._id = id; }
    ref() { return this; }
    unref() { return this; }
    hasRef() { return true; }
    refresh() { const t = timers.get(this._id); if (t) t.due = N.now() + t.ms; return this; }
    [Symbol.toPrimitive]() { return this._id; }
  }
  const clear = (t) => { if (t != null) timers.delete(typeof t === 'object' ? t._id : Number(t)); };
  G.setTimeout = (fn, delay, ...args) => addTimer(fn, delay, args, false);
  G.setInterval = (fn, delay, ...args) => addTimer(fn, delay, args, true);
  G.setImmediate = (fn, ...args) => addTimer(fn, 0, args, false, true);
  G.clearTimeout = clear;
  G.clearInterval = clear;
  G.clearImmediate = clear;
  G.queueMicrotask = (fn) => { Promise.resolve().then(fn); };

  // ---- host calls (the SDK shim's transport) ----
  const pendingCalls = new Map();
  function hostCall(service, action, input) {
    return new Promise((resolve, reject) => {
      const id = N.hostCall(service, action, JSON.stringify(input === undefined ? {} : input));
      pendingCalls.set(id, { resolve, reject });
    });
  }

  // ---- modules: CommonJS require, built-ins, and the ESM bridge ----
  const builtinCache = new Map();
  const cjsCache = new Map();
  const TASK = '/var/task/';
  function builtin(name) {
    if (builtinCache.has(name)) return builtinCache.get(name);
    let exports;
    if (name === 'util') exports = extras().util;
    else if (name === 'crypto') exports = { randomUUID: () => N.uuid(), getRandomValues: (a) => { for (let i = 0; i < a.length; i++) a[i] = Math.floor(N.random() * 256); return a; } };
    else if (name === 'buffer') exports = { Buffer: extras().bufferClass() };
    else if (name === 'timers') exports = { setTimeout: G.setTimeout, setInterval: G.setInterval, setImmediate: G.setImmediate, clearTimeout: clear, clearInterval: clear, clearImmediate: clear };
    else if (name === 'timers/promises') exports = { setTimeout: (ms, v) => new Promise((r) => G.setTimeout(() => r(v), ms)), setImmediate: (v) => new Promise((r) => G.setImmediate(() => r(v))) };
    else if (name === 'process') exports = G.process;
    else if (name === 'events') exports = extras().eventsModule();
    else {
      const factory = N.builtinFactory(name);
      if (factory === undefined) return undefined;
      exports = factory(hostCall);
    }
    builtinCache.set(name, exports);
    return exports;
  }
  function notFound(spec, from) {
    const e = new Error("Cannot find module '" + spec + "'\nRequire stack:\n- " + from);
    e.code = 'MODULE_NOT_FOUND';
    return e;
  }
  function makeRequire(fromFile) {
    const dir = fromFile.slice(0, fromFile.lastIndexOf('/') + 1);
    const req = (spec) => {
      spec = String(spec);
      const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
      if (!spec.startsWith('.') && !spec.startsWith('/')) {
        const b = builtin(bare);
        if (b !== undefined) return b;
        throw notFound(spec, fromFile);
      }
      const path = N.resolveFile(spec.startsWith('/') ? spec : dir + spec, 'require');
      if (path === undefined) throw notFound(spec, fromFile);
      return loadCjs(path);
    };
    req.resolve = (spec) => spec;
    req.cache = {};
    return req;
  }
  function loadCjs(path) {
    const cached = cjsCache.get(path);
    if (cached) return cached.exports;
    if (path.endsWith('.json')) {
      const m = { exports: JSON.parse(N.fileText(path)) };
      cjsCache.set(path, m);
      return m.exports;
    }
    const module = { exports: {}, id: path, filename: path, loaded: false, children: [], paths: [] };
    cjsCache.set(path, module);
    const wrapper = N.compileCjs(path);
    try {
      wrapper.call(module.exports, module.exports, makeRequire(path), module, path, path.slice(0, path.lastIndexOf('/')));
    } catch (e) {
      cjsCache.delete(path);
      throw e;
    }
    module.loaded = true;
    return module.exports;
  }

  Object.defineProperty(G, 'Buffer', { get: () => extras().bufferClass(), configurable: true });

  // ---- process ----
  G.process = {
    env: N.env,
    version: 'v22.14.0',
    versions: { node: '22.14.0' },
    platform: 'linux',
    arch: 'x64',
    argv: ['/var/lang/bin/node', '/var/runtime/index.mjs'],
    cwd: () => '/var/task',
    hrtime: Object.assign((prev) => { const ms = N.now(); const t = [Math.floor(ms / 1000), (ms % 1000) * 1e6]; return prev ? [t[0] - prev[0], t[1] - prev[1]] : t; }, { bigint: () => BigInt(N.now()) * 1000000n }),
    uptime: () => N.uptime(),
    memoryUsage: () => ({ rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }),
    nextTick: (fn, ...args) => { Promise.resolve().then(() => fn(...args)); },
    on() { return G.process; },
    once() { return G.process; },
    exit(code) { throw new Error('process.exit(' + (code === undefined ? '' : code) + ') is not supported in Stratus'); },
  };

  const awsError = (e) => extras().awsError(e);

  // ---- the invocation ----
  let current = null;
  function lookupHandler(exportsObj, path) {
    let v = exportsObj;
    for (const part of path.split('.')) {
      if (v === null || v === undefined) return undefined;
      v = v[part];
    }
    return typeof v === 'function' ? v : undefined;
  }
  // Per-environment facts, set once by the host; per-invocation ones come
  // with each call.
  let fn = {};
  function configure(infoText) { fn = JSON.parse(infoText); }
  function invoke(handler, event, id, deadline, arn, clientContext, identity) {
    requestId = id;
    const context = {
      callbackWaitsForEmptyEventLoop: true,
      functionName: fn.functionName,
      functionVersion: fn.functionVersion,
      invokedFunctionArn: arn === undefined ? fn.invokedFunctionArn : arn,
      memoryLimitInMB: fn.memoryLimitInMB,
      awsRequestId: id,
      logGroupName: fn.logGroupName,
      logStreamName: fn.logStreamName,
      getRemainingTimeInMillis: () => Math.max(0, deadline - N.now()),
      done: (err, res) => callback(err, res),
      succeed: (res) => callback(null, res),
      fail: (err) => callback(err),
    };
    if (clientContext != null) context.clientContext = clientContext;
    if (identity != null) context.identity = identity;
    const run = { done: false, error: undefined, result: undefined, callbackResult: undefined };
    current = run;
    const finish = (err, res) => {
      if (run.done) return;
      run.done = true;
      if (err !== null && err !== undefined) run.error = err;
      else run.result = res;
    };
    function callback(err, res) {
      if (run.done || run.callbackResult) return;
      if (context.callbackWaitsForEmptyEventLoop) run.callbackResult = { err, res };
      else finish(err, res);
    }
    try {
      const r = handler(event, context, callback);
      if (r !== null && typeof r === 'object' && typeof r.then === 'function') {
        run.promise = true;
        r.then((v) => finish(null, v), (e) => finish(e === undefined || e === null ? new Error(String(e)) : e));
      }
    } catch (e) {
      finish(e === undefined || e === null ? new Error(String(e)) : e);
    }
  }
  // Called by the host after each turn; `loopEmpty` says no timer or host call
  // is pending. Returns undefined while the invocation is still running.
  function poll(loopEmpty) {
    const run = current;
    if (!run) return undefined;
    if (!run.done && loopEmpty) {
      if (run.callbackResult) { const c = run.callbackResult; run.done = true; if (c.err !== null && c.err !== undefined) run.error = c.err; else run.result = c.res; }
      else if (run.promise) { run.done = true; run.exitedEarly = true; }
      else { run.done = true; run.result = null; }
    }
    if (!run.done) return undefined;
    current = null;
    requestId = 'undefined';
    if (run.exitedEarly) return '{"exitedEarly":true}';
    if (run.error !== undefined) return JSON.stringify({ error: awsError(run.error) });
    let text;
    try { text = JSON.stringify(run.result === undefined ? null : run.result); } catch (e) { return JSON.stringify({ error: awsError(e) }); }
    return '{"ok":' + (text === undefined ? 'null' : text) + '}';
  }
  function nextDue() {
    let best = null;
    for (const t of timers.values()) if (best === null || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    return best === null ? -1 : best.due;
  }
  // Fires the earliest timer due at or before `now`; true if one fired.
  function fireDue(now) {
    let best = null, id = 0;
    for (const [k, t] of timers) if (t.due <= now && (best === null || t.due < best.due || (t.due === best.due && t.seq < best.seq))) { best = t; id = k; }
    if (best === null) return false;
    if (best.repeat) { best.due += best.ms; best.seq = ++timerSeq; } else timers.delete(id);
    best.fn(...best.args);
    return true;
  }
  // One turn of the loop at `now`: fires the earliest due timer (true), or
  // reports the invocation's state (undefined while it runs, else JSON).
  function step(now, outstandingCalls) {
    if (fireDue(now)) return true;
    return poll(timers.size === 0 && outstandingCalls === 0);
  }
  function settle(id, ok, payloadText) {
    const p = pendingCalls.get(id);
    if (!p) return;
    pendingCalls.delete(id);
    const payload = JSON.parse(payloadText);
    if (ok) p.resolve(payload);
    else p.reject(payload);
  }
  return {
    configure, invoke, poll, step, nextDue, fireDue, settle, awsError, lookupHandler,
    requireMain: (path) => loadCjs(path),
    requireFrom: (path) => makeRequire(path),
    builtin,
    timerCount: () => timers.size,
    setRequestId: (id) => { requestId = id; },
  };
})
