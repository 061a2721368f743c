// node:tty (no terminal), node:worker_threads (the main thread; no
// workers), node:perf_hooks (performance in virtual time, marks and measures,
// PerformanceObserver), node:async_hooks (AsyncLocalStorage and
// AsyncResource over the runtime's async context frame, which promise jobs
// and timers carry as Node 24's AsyncContextFrame does; createHook and the
// async ids are not modelled and throw), node:diagnostics_channel
// (channels, subscribe, publish, tracingChannel).
(function (N, G, require, internal, name) {
  'use strict';
  const errors = internal('errors');
  const unsupported = (what) => function () { const e = new Error('Stratus does not support ' + what); e.code = 'ERR_STRATUS_UNSUPPORTED'; throw e; };

  // Lambda's stdout and stderr are pipes, never terminals.
  if (name === 'tty') {
    return {
      isatty: () => false,
      ReadStream: unsupported('tty.ReadStream (Lambda has no terminal)'),
      WriteStream: unsupported('tty.WriteStream (Lambda has no terminal)'),
    };
  }

  // A handler runs on the main thread; starting workers is not modelled.
  if (name === 'worker_threads') {
    return {
      isMainThread: true, parentPort: null, workerData: null, threadId: 0, resourceLimits: {}, SHARE_ENV: Symbol('nodejs.worker_threads.SHARE_ENV'),
      Worker: unsupported('worker_threads.Worker (Stratus runs one JavaScript thread per environment)'),
      MessageChannel: unsupported('worker_threads.MessageChannel'),
      BroadcastChannel: unsupported('worker_threads.BroadcastChannel'),
      getEnvironmentData: () => undefined,
      setEnvironmentData: unsupported('worker_threads.setEnvironmentData'),
      markAsUntransferable: () => {},
      isMarkedAsUntransferable: () => false,
      receiveMessageOnPort: () => undefined,
    };
  }

  if (name === 'perf_hooks') {
    const web = internal('web');
    const observers = new Set();
    class PerformanceObserver {
      constructor(callback) { errors.validateFunction(callback, 'callback'); this._cb = callback; this._types = []; }
      observe(options = {}) { this._types = options.entryTypes || (options.type ? [options.type] : []); observers.add(this); }
      disconnect() { observers.delete(this); }
      static get supportedEntryTypes() { return ['mark', 'measure']; }
    }
    const notify = (entry) => {
      for (const o of observers) if (o._types.includes(entry.entryType)) {
        const list = { getEntries: () => [entry], getEntriesByName: (n) => (entry.name === n ? [entry] : []), getEntriesByType: (t) => (entry.entryType === t ? [entry] : []) };
        G.queueMicrotask(() => o._cb(list, o));
      }
      return entry;
    };
    const perf = web.performance;
    const performance = Object.create(perf);
    performance.mark = (...a) => notify(perf.mark(...a));
    performance.measure = (...a) => notify(perf.measure(...a));
    return {
      performance, PerformanceObserver, PerformanceEntry: web.PerformanceEntry,
      constants: { NODE_PERFORMANCE_GC_MAJOR: 4, NODE_PERFORMANCE_GC_MINOR: 1, NODE_PERFORMANCE_GC_INCREMENTAL: 8, NODE_PERFORMANCE_GC_WEAKCB: 16 },
      monitorEventLoopDelay: unsupported('perf_hooks.monitorEventLoopDelay'),
      createHistogram: unsupported('perf_hooks.createHistogram'),
    };
  }

  if (name === 'async_hooks') {
    const current = () => N.asyncFrame();
    const withFrame = (frame, fn, thisArg, args) => {
      const prev = N.setAsyncFrame(frame);
      try { return Reflect.apply(fn, thisArg, args); } finally { N.setAsyncFrame(prev); }
    };
    class AsyncLocalStorage {
      constructor() { this._enabled = true; }
      getStore() { const f = current(); return f instanceof Map ? f.get(this) : undefined; }
      run(store, callback, ...args) {
        const next = new Map(current() instanceof Map ? current() : []);
        next.set(this, store);
        return withFrame(next, callback, undefined, args);
      }
      exit(callback, ...args) {
        const next = new Map(current() instanceof Map ? current() : []);
        next.delete(this);
        return withFrame(next, callback, undefined, args);
      }
      enterWith(store) {
        const next = new Map(current() instanceof Map ? current() : []);
        next.set(this, store);
        N.setAsyncFrame(next);
      }
      disable() {
        const f = current();
        if (f instanceof Map && f.has(this)) { const next = new Map(f); next.delete(this); N.setAsyncFrame(next); }
      }
      static bind(fn) { const frame = current(); return function (...args) { return withFrame(frame, fn, this, args); }; }
      static snapshot() { const frame = current(); return (fn, ...args) => withFrame(frame, fn, undefined, args); }
    }
    class AsyncResource {
      constructor(type) { this.type = type; this._frame = current(); }
      runInAsyncScope(fn, thisArg, ...args) { return withFrame(this._frame, fn, thisArg, args); }
      bind(fn, thisArg) { const self = this; return function (...args) { return self.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...args); }; }
      emitDestroy() { return this; }
      asyncId() { return unsupported('AsyncResource.asyncId (async ids are not modelled)')(); }
      triggerAsyncId() { return unsupported('AsyncResource.triggerAsyncId (async ids are not modelled)')(); }
      static bind(fn, type, thisArg) { return new AsyncResource(type || 'bound-anonymous-fn').bind(fn, thisArg); }
    }
    return {
      AsyncLocalStorage, AsyncResource,
      createHook: unsupported('async_hooks.createHook (async resources are not tracked)'),
      executionAsyncId: unsupported('async_hooks.executionAsyncId (async ids are not modelled)'),
      triggerAsyncId: unsupported('async_hooks.triggerAsyncId (async ids are not modelled)'),
      executionAsyncResource: unsupported('async_hooks.executionAsyncResource'),
    };
  }

  // ---- diagnostics_channel ----
  const channels = new Map();
  class Channel {
    constructor(n) { this.name = n; this._subscribers = []; this._stores = new Map(); }
    get hasSubscribers() { return this._subscribers.length > 0 || this._stores.size > 0; }
    subscribe(fn) { errors.validateFunction(fn, 'subscription'); this._subscribers.push(fn); }
    unsubscribe(fn) { const i = this._subscribers.indexOf(fn); if (i < 0) return false; this._subscribers.splice(i, 1); return true; }
    publish(message) {
      for (const fn of this._subscribers.slice()) {
        try { fn(message, this.name); } catch (e) { G.process.nextTick(() => { throw e; }); }
      }
    }
    bindStore(store, transform) { this._stores.set(store, transform); }
    unbindStore(store) { return this._stores.delete(store); }
    runStores(data, fn, thisArg, ...args) {
      let run = () => Reflect.apply(fn, thisArg, args);
      for (const [store, transform] of this._stores) {
        const inner = run;
        run = () => store.run(transform ? transform(data) : data, inner);
      }
      this.publish(data);
      return run();
    }
  }
  function channel(n) {
    if (typeof n !== 'string' && typeof n !== 'symbol') throw errors.invalidArgType('channel', ['string', 'symbol'], n);
    if (!channels.has(n)) channels.set(n, new Channel(n));
    return channels.get(n);
  }
  function tracingChannel(nameOrChannels) {
    const make = (ev) => (typeof nameOrChannels === 'string' ? channel('tracing:' + nameOrChannels + ':' + ev) : nameOrChannels[ev]);
    const tc = { start: make('start'), end: make('end'), asyncStart: make('asyncStart'), asyncEnd: make('asyncEnd'), error: make('error') };
    tc.subscribe = (h) => { for (const k of Object.keys(h)) if (tc[k]) tc[k].subscribe(h[k]); };
    tc.unsubscribe = (h) => { let all = true; for (const k of Object.keys(h)) if (tc[k] && !tc[k].unsubscribe(h[k])) all = false; return all; };
    Object.defineProperty(tc, 'hasSubscribers', { get: () => ['start', 'end', 'asyncStart', 'asyncEnd', 'error'].some((k) => tc[k].hasSubscribers) });
    tc.traceSync = (fn, context = {}, thisArg, ...args) => {
      tc.start.publish(context);
      try { const r = Reflect.apply(fn, thisArg, args); context.result = r; return r; } catch (e) { context.error = e; tc.error.publish(context); throw e; } finally { tc.end.publish(context); }
    };
    tc.tracePromise = (fn, context = {}, thisArg, ...args) => {
      tc.start.publish(context);
      try {
        const p = Reflect.apply(fn, thisArg, args);
        return Promise.resolve(p).then((r) => { context.result = r; tc.asyncStart.publish(context); tc.asyncEnd.publish(context); return r; }, (e) => { context.error = e; tc.error.publish(context); tc.asyncStart.publish(context); tc.asyncEnd.publish(context); throw e; });
      } catch (e) { context.error = e; tc.error.publish(context); throw e; } finally { tc.end.publish(context); }
    };
    tc.traceCallback = (fn, position = -1, context = {}, thisArg, ...args) => {
      const i = position < 0 ? args.length + position : position;
      const cb = args[i];
      errors.validateFunction(cb, 'callback');
      args[i] = function (err, res) {
        if (err) { context.error = err; tc.error.publish(context); } else context.result = res;
        tc.asyncStart.publish(context);
        try { return Reflect.apply(cb, this, arguments); } finally { tc.asyncEnd.publish(context); }
      };
      return tc.traceSync(fn, context, thisArg, ...args);
    };
    return tc;
  }
  return {
    channel, tracingChannel, Channel,
    hasSubscribers: (n) => channels.has(n) && channels.get(n).hasSubscribers,
    subscribe: (n, fn) => channel(n).subscribe(fn),
    unsubscribe: (n, fn) => channel(n).unsubscribe(fn),
  };
})
