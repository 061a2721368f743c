// node:events: EventEmitter as Node 24 has it (a plain function, so the
// `EventEmitter.call(this)` of older libraries works), 'error' semantics
// with `errorMonitor` and ERR_UNHANDLED_ERROR, `newListener`/
// `removeListener`, `captureRejections`, and the helpers `once`, `on`
// (async iterator), `getEventListeners`, `setMaxListeners`,
// `addAbortListener`. The MaxListenersExceededWarning is not printed.
(function (N, G, require, internal) {
  'use strict';
  const errors = internal('errors');
  const kCapture = Symbol('kCapture');
  const kRejection = Symbol.for('nodejs.rejection');
  const errorMonitor = Symbol('events.errorMonitor');
  let defaultMaxListeners = 10;

  function EventEmitter(opts) {
    EventEmitter.init.call(this, opts);
  }
  EventEmitter.init = function (opts) {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    }
    this._maxListeners = this._maxListeners || undefined;
    if (opts && opts.captureRejections !== undefined) {
      if (typeof opts.captureRejections !== 'boolean') throw errors.invalidArgType('options.captureRejections', 'boolean', opts.captureRejections);
      this[kCapture] = opts.captureRejections;
    } else this[kCapture] = EventEmitter.captureRejections;
  };
  const proto = EventEmitter.prototype;
  proto._events = undefined;
  proto._eventsCount = 0;
  proto._maxListeners = undefined;

  function checkListener(listener) { errors.validateFunction(listener, 'listener'); }
  function events(self) {
    if (self._events === undefined) EventEmitter.init.call(self);
    return self._events;
  }
  proto.setMaxListeners = function setMaxListeners(n) {
    if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) throw errors.outOfRange('n', 'a non-negative number', n);
    this._maxListeners = n;
    return this;
  };
  proto.getMaxListeners = function getMaxListeners() {
    return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners;
  };
  function addListener(target, type, listener, prepend) {
    checkListener(listener);
    const ev = events(target);
    if (ev.newListener !== undefined) target.emit('newListener', type, listener.listener ? listener.listener : listener);
    const list = target._events[type];
    if (list === undefined) { target._events[type] = [listener]; target._eventsCount++; }
    else if (prepend) list.unshift(listener);
    else list.push(listener);
    return target;
  }
  proto.addListener = function addListener_(type, listener) { return addListener(this, type, listener, false); };
  proto.on = proto.addListener;
  proto.prependListener = function prependListener(type, listener) { return addListener(this, type, listener, true); };
  function onceWrapper(target, type, listener) {
    const state = { fired: false, target, type, listener };
    const wrapped = function (...args) {
      if (state.fired) return undefined;
      state.target.removeListener(state.type, wrapped);
      state.fired = true;
      return state.listener.apply(state.target, args);
    };
    wrapped.listener = listener;
    return wrapped;
  }
  proto.once = function once(type, listener) { checkListener(listener); return this.on(type, onceWrapper(this, type, listener)); };
  proto.prependOnceListener = function prependOnceListener(type, listener) { checkListener(listener); return this.prependListener(type, onceWrapper(this, type, listener)); };
  proto.removeListener = function removeListener(type, listener) {
    checkListener(listener);
    const ev = events(this);
    const list = ev[type];
    if (list === undefined) return this;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        const removed = list[i];
        list.splice(i, 1);
        if (list.length === 0) { delete ev[type]; this._eventsCount--; }
        if (ev.removeListener !== undefined) this.emit('removeListener', type, removed.listener || removed);
        break;
      }
    }
    return this;
  };
  proto.off = proto.removeListener;
  proto.removeAllListeners = function removeAllListeners(type) {
    const ev = events(this);
    if (ev.removeListener === undefined) {
      if (arguments.length === 0) { this._events = Object.create(null); this._eventsCount = 0; }
      else if (ev[type] !== undefined) { delete ev[type]; this._eventsCount--; }
      return this;
    }
    if (arguments.length === 0) {
      for (const key of Reflect.ownKeys(ev)) if (key !== 'removeListener') this.removeAllListeners(key);
      this.removeAllListeners('removeListener');
      this._events = Object.create(null);
      this._eventsCount = 0;
      return this;
    }
    const list = ev[type];
    if (list) for (let i = list.length - 1; i >= 0; i--) this.removeListener(type, list[i]);
    return this;
  };
  proto.emit = function emit(type, ...args) {
    const ev = events(this);
    if (type === 'error' && ev[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
    const list = ev[type];
    if (list === undefined) {
      if (type !== 'error') return false;
      const er = args[0];
      if (er instanceof Error) throw er;
      let shown;
      try { shown = require('util').inspect(er); } catch (_) { shown = String(er); }
      const e = errors.make(Error, 'ERR_UNHANDLED_ERROR', 'Unhandled error. (' + shown + ')');
      e.context = er;
      throw e;
    }
    for (const listener of list.slice()) {
      const result = listener.apply(this, args);
      if (result !== undefined && result !== null && this[kCapture] && typeof result.then === 'function') {
        result.then(undefined, (err) => G.process.nextTick(() => {
          if (typeof this[kRejection] === 'function') this[kRejection](err, type, ...args);
          else {
            const prev = this[kCapture];
            try { this[kCapture] = false; this.emit('error', err); } finally { this[kCapture] = prev; }
          }
        }));
      }
    }
    return true;
  };
  proto.listeners = function listeners(type) { const l = events(this)[type]; return l ? l.map((f) => f.listener || f) : []; };
  proto.rawListeners = function rawListeners(type) { const l = events(this)[type]; return l ? l.slice() : []; };
  proto.listenerCount = function listenerCount(type, listener) {
    const l = events(this)[type];
    if (!l) return 0;
    return listener === undefined ? l.length : l.filter((f) => f === listener || f.listener === listener).length;
  };
  proto.eventNames = function eventNames() { return this._eventsCount > 0 ? Reflect.ownKeys(events(this)) : []; };

  Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
    enumerable: true,
    get() { return defaultMaxListeners; },
    set(n) {
      if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) throw errors.outOfRange('defaultMaxListeners', 'a non-negative number', n);
      defaultMaxListeners = n;
    },
  });
  let captureDefault = false;
  Object.defineProperty(EventEmitter, 'captureRejections', {
    enumerable: true,
    get() { return captureDefault; },
    set(v) { if (typeof v !== 'boolean') throw errors.invalidArgType('EventEmitter.captureRejections', 'boolean', v); captureDefault = v; },
  });
  EventEmitter.errorMonitor = errorMonitor;
  EventEmitter.captureRejectionSymbol = kRejection;
  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.usingDomains = false;

  const isEventTarget = (t) => t && typeof t.addEventListener === 'function' && typeof t.on !== 'function';
  function once(emitter, name, options = {}) {
    const signal = options ? options.signal : undefined;
    errors.validateAbortSignal(signal, 'options.signal');
    if (signal && signal.aborted) return Promise.reject(errors.abortError(signal.reason));
    return new Promise((resolve, reject) => {
      if (isEventTarget(emitter)) {
        const listener = (...args) => { if (signal) signal.removeEventListener('abort', onAbort); resolve(args); };
        const onAbort = () => { emitter.removeEventListener(name, listener); reject(errors.abortError(signal.reason)); };
        emitter.addEventListener(name, listener, { once: true });
        if (signal) signal.addEventListener('abort', onAbort, { once: true });
        return;
      }
      const onError = (err) => { emitter.removeListener(name, resolver); if (signal) signal.removeEventListener('abort', onAbort); reject(err); };
      const resolver = (...args) => { if (name !== 'error') emitter.removeListener('error', onError); if (signal) signal.removeEventListener('abort', onAbort); resolve(args); };
      const onAbort = () => { emitter.removeListener(name, resolver); emitter.removeListener('error', onError); reject(errors.abortError(signal.reason)); };
      emitter.once(name, resolver);
      if (name !== 'error') emitter.once('error', onError);
      if (signal) signal.addEventListener('abort', onAbort, { once: true });
    });
  }
  function on(emitter, event, options = {}) {
    const signal = options ? options.signal : undefined;
    errors.validateAbortSignal(signal, 'options.signal');
    if (signal && signal.aborted) throw errors.abortError(signal.reason);
    const closeEvents = (options && options.close) || [];
    const queue = [];
    const waiting = [];
    let error = null;
    let finished = false;
    const push = (...args) => { const w = waiting.shift(); if (w) w.resolve({ value: args, done: false }); else queue.push(args); };
    const onError = (err) => { finished = true; const w = waiting.shift(); if (w) w.reject(err); else error = err; iterator.return(); };
    const close = () => { finished = true; for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true }); cleanup(); };
    const onAbort = () => onError(errors.abortError(signal.reason));
    const add = (n, f) => (isEventTarget(emitter) ? emitter.addEventListener(n, f) : emitter.on(n, f));
    const remove = (n, f) => (isEventTarget(emitter) ? emitter.removeEventListener(n, f) : emitter.removeListener(n, f));
    function cleanup() {
      remove(event, push);
      if (event !== 'error') remove('error', onError);
      for (const c of closeEvents) remove(c, close);
      if (signal) signal.removeEventListener('abort', onAbort);
    }
    add(event, push);
    if (event !== 'error' && !isEventTarget(emitter)) add('error', onError);
    for (const c of closeEvents) add(c, close);
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
    const iterator = {
      next() {
        if (queue.length) return Promise.resolve({ value: queue.shift(), done: false });
        if (error) { const e = error; error = null; return Promise.reject(e); }
        if (finished) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return() { cleanup(); finished = true; for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true }); return Promise.resolve({ value: undefined, done: true }); },
      throw(err) { onError(err); return Promise.reject(err); },
      [Symbol.asyncIterator]() { return this; },
    };
    return iterator;
  }
  function getEventListeners(emitter, type) {
    if (typeof emitter.listeners === 'function') return emitter.listeners(type);
    const m = Object.getOwnPropertySymbols(emitter).map((s) => emitter[s]).find((v) => v instanceof Map);
    return m && m.get(type) ? m.get(type).map((l) => l.listener) : [];
  }
  function setMaxListeners(n = defaultMaxListeners, ...targets) {
    if (typeof n !== 'number' || n < 0 || Number.isNaN(n)) throw errors.outOfRange('n', 'a non-negative number', n);
    if (targets.length === 0) defaultMaxListeners = n;
    for (const t of targets) if (typeof t.setMaxListeners === 'function') t.setMaxListeners(n);
  }
  function addAbortListener(signal, listener) {
    errors.validateAbortSignal(signal, 'signal');
    errors.validateFunction(listener, 'listener');
    let removed = false;
    const wrapped = (e) => { if (!removed) listener(e); };
    if (signal.aborted) G.queueMicrotask(() => wrapped());
    else signal.addEventListener('abort', wrapped, { once: true });
    const dispose = () => { removed = true; signal.removeEventListener('abort', wrapped); };
    const d = { [Symbol.dispose || Symbol.for('nodejs.dispose')]: dispose };
    return d;
  }
  Object.assign(EventEmitter, {
    once, on, getEventListeners, setMaxListeners, addAbortListener,
    getMaxListeners: (t) => (typeof t.getMaxListeners === 'function' ? t.getMaxListeners() : defaultMaxListeners),
    listenerCount: (emitter, type) => emitter.listenerCount(type),
  });
  Object.defineProperty(EventEmitter, 'EventTarget', { get: () => G.EventTarget, enumerable: false, configurable: true });
  Object.defineProperty(EventEmitter, 'Event', { get: () => G.Event, enumerable: false, configurable: true });
  return EventEmitter;
})
