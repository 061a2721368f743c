// The WHATWG streams Node exposes as globals and in node:stream/web:
// ReadableStream (default readers, async iteration, tee, pipeTo,
// pipeThrough, ReadableStream.from), WritableStream (default writers),
// TransformStream, the queuing strategies, TextEncoderStream and
// TextDecoderStream. Not modelled: BYOB readers (a 'bytes' stream reads as
// a default stream) and transferring streams.
(function (N, G, require, internal) {
  'use strict';
  const errors = internal('errors');
  const web = internal('web');
  const invalidState = (msg) => errors.make(TypeError, 'ERR_INVALID_STATE', 'Invalid state: ' + msg);
  const deferred = () => { let resolve, reject; const promise = new Promise((a, b) => { resolve = a; reject = b; }); return { promise, resolve, reject }; };
  const noop = () => {};
  function sizeOf(strategy) { return strategy && typeof strategy.size === 'function' ? strategy.size : () => 1; }
  function hwmOf(strategy, dflt) {
    const h = strategy && strategy.highWaterMark !== undefined ? Number(strategy.highWaterMark) : dflt;
    if (Number.isNaN(h) || h < 0) throw errors.make(RangeError, 'ERR_INVALID_ARG_VALUE', "The argument 'strategy.highWaterMark' is invalid. Received " + N.extras().inspect(strategy.highWaterMark));
    return h;
  }

  class CountQueuingStrategy {
    constructor(init) { errors.validateObject(init, 'init'); this._hwm = Number(init.highWaterMark); }
    get highWaterMark() { return this._hwm; }
    get size() { return () => 1; }
  }
  class ByteLengthQueuingStrategy {
    constructor(init) { errors.validateObject(init, 'init'); this._hwm = Number(init.highWaterMark); }
    get highWaterMark() { return this._hwm; }
    get size() { return (chunk) => chunk.byteLength; }
  }

  // ---- ReadableStream ----
  const S = Symbol('state');
  class ReadableStreamDefaultController {
    constructor(key) { if (key !== S) throw new TypeError('Illegal constructor'); }
    get desiredSize() { const s = this[S]; return s.state === 'errored' ? null : s.state === 'closed' ? 0 : s.hwm - s.queueSize; }
    enqueue(chunk) {
      const s = this[S];
      if (s.closeRequested || s.state !== 'readable') throw invalidState('Controller is already closed');
      if (s.readRequests.length) s.readRequests.shift().resolve({ value: chunk, done: false });
      else {
        let size;
        try { size = s.size(chunk); } catch (e) { this.error(e); throw e; }
        s.queue.push({ chunk, size });
        s.queueSize += size;
      }
      pullIfNeeded(s);
    }
    close() {
      const s = this[S];
      if (s.closeRequested || s.state !== 'readable') throw invalidState('Controller is already closed');
      s.closeRequested = true;
      if (s.queue.length === 0) closeStream(s);
    }
    error(e) { errorStream(this[S], e); }
  }
  function closeStream(s) {
    if (s.state !== 'readable') return;
    s.state = 'closed';
    for (const r of s.readRequests.splice(0)) r.resolve({ value: undefined, done: true });
    if (s.reader) s.reader._closed.resolve();
  }
  function errorStream(s, e) {
    if (s.state !== 'readable') return;
    s.state = 'errored';
    s.storedError = e;
    s.queue = [];
    s.queueSize = 0;
    for (const r of s.readRequests.splice(0)) r.reject(e);
    if (s.reader) { s.reader._closed.reject(e); s.reader._closed.promise.catch(noop); }
  }
  function pullIfNeeded(s) {
    if (!s.started || s.state !== 'readable' || s.closeRequested || !s.pull) return;
    const want = s.readRequests.length > 0 || s.hwm - s.queueSize > 0;
    if (!want) return;
    if (s.pulling) { s.pullAgain = true; return; }
    s.pulling = true;
    Promise.resolve().then(() => s.pull(s.controller)).then(() => {
      s.pulling = false;
      if (s.pullAgain) { s.pullAgain = false; pullIfNeeded(s); }
    }, (e) => errorStream(s, e));
  }
  class ReadableStream {
    constructor(source = {}, strategy = {}) {
      if (source === null || typeof source !== 'object') source = {};
      const isBytes = source.type === 'bytes';
      if (source.type !== undefined && !isBytes) throw errors.invalidArgValue('source.type', source.type);
      const controller = new ReadableStreamDefaultController(S);
      const s = {
        state: 'readable', queue: [], queueSize: 0, readRequests: [], reader: null, started: false, pulling: false, pullAgain: false, closeRequested: false, storedError: undefined,
        hwm: hwmOf(strategy, isBytes ? 0 : 1), size: isBytes ? (c) => c.byteLength : sizeOf(strategy), controller, disturbed: false,
        pull: typeof source.pull === 'function' ? (c) => source.pull.call(source, c) : null,
        cancel: typeof source.cancel === 'function' ? (r) => source.cancel.call(source, r) : () => undefined,
      };
      controller[S] = s;
      this[S] = s;
      const started = typeof source.start === 'function' ? source.start.call(source, controller) : undefined;
      Promise.resolve(started).then(() => { s.started = true; pullIfNeeded(s); }, (e) => errorStream(s, e));
    }
    get locked() { return this[S].reader !== null; }
    getReader(options = {}) {
      if (options && options.mode === 'byob') throw new Error('Stratus does not support BYOB readers (ReadableStreamBYOBReader)');
      return new ReadableStreamDefaultReader(this);
    }
    cancel(reason) {
      if (this.locked) return Promise.reject(invalidState('ReadableStream is locked'));
      return cancelStream(this[S], reason);
    }
    tee() {
      const reader = this.getReader();
      let pullingTee = false;
      let cancelled = 0;
      const branches = [];
      const pull = () => {
        if (pullingTee) return Promise.resolve();
        pullingTee = true;
        return reader.read().then(({ value, done }) => {
          pullingTee = false;
          for (const b of branches) {
            if (b.cancelled) continue;
            if (done) b.controller.close(); else b.controller.enqueue(value);
          }
        }, (e) => { for (const b of branches) b.controller.error(e); });
      };
      for (let i = 0; i < 2; i++) {
        const b = { cancelled: false, controller: null };
        branches.push(b);
        b.stream = new ReadableStream({
          start(c) { b.controller = c; },
          pull,
          cancel(reason) { b.cancelled = true; if (++cancelled === 2) return reader.cancel(reason); return undefined; },
        });
      }
      return [branches[0].stream, branches[1].stream];
    }
    async pipeTo(dest, options = {}) {
      if (!(dest instanceof WritableStream)) throw errors.invalidArgType('transform.writable', 'WritableStream', dest);
      const { preventClose, preventAbort, preventCancel, signal } = options || {};
      if (this.locked) throw invalidState('ReadableStream is locked');
      if (dest.locked) throw invalidState('WritableStream is locked');
      const reader = this.getReader();
      const writer = dest.getWriter();
      let aborted = null;
      const onAbort = () => { aborted = signal.reason === undefined ? new web.DOMException('This operation was aborted', 'AbortError') : signal.reason; };
      if (signal) { if (signal.aborted) onAbort(); else signal.addEventListener('abort', onAbort, { once: true }); }
      try {
        for (;;) {
          if (aborted) throw aborted;
          await writer.ready;
          const { value, done } = await reader.read();
          if (done) break;
          await writer.write(value);
        }
        if (!preventClose) await writer.close();
      } catch (e) {
        if (!preventAbort && dest[W].state === 'writable') await writer.abort(e).catch(noop);
        if (!preventCancel && this[S].state === 'readable') await reader.cancel(e).catch(noop);
        throw e;
      } finally {
        if (signal) signal.removeEventListener('abort', onAbort);
        reader.releaseLock();
        writer.releaseLock();
      }
    }
    pipeThrough(transform, options) {
      if (!transform || !(transform.writable instanceof WritableStream)) throw errors.invalidArgType('transform.writable', 'WritableStream', transform && transform.writable);
      if (!(transform.readable instanceof ReadableStream)) throw errors.invalidArgType('transform.readable', 'ReadableStream', transform.readable);
      this.pipeTo(transform.writable, options).catch(noop);
      return transform.readable;
    }
    values(options = {}) {
      const reader = this.getReader();
      const preventCancel = Boolean(options && options.preventCancel);
      return {
        next: () => reader.read().then((r) => { if (r.done) reader.releaseLock(); return r; }),
        return: async (value) => {
          if (!preventCancel) await reader.cancel(value);
          reader.releaseLock();
          return { value, done: true };
        },
        [Symbol.asyncIterator]() { return this; },
      };
    }
    static from(iterable) {
      if (iterable instanceof ReadableStream) return iterable;
      let it;
      if (iterable && typeof iterable[Symbol.asyncIterator] === 'function') it = iterable[Symbol.asyncIterator]();
      else if (iterable && typeof iterable[Symbol.iterator] === 'function') it = iterable[Symbol.iterator]();
      else throw errors.invalidArgType('iterable', ['Iterable', 'AsyncIterable'], iterable);
      return new ReadableStream({
        async pull(c) { const { value, done } = await it.next(); if (done) c.close(); else c.enqueue(await value); },
        async cancel(reason) { if (typeof it.return === 'function') await it.return(reason); },
      }, { highWaterMark: 0 });
    }
    get [Symbol.toStringTag]() { return 'ReadableStream'; }
  }
  ReadableStream.prototype[Symbol.asyncIterator] = ReadableStream.prototype.values;
  function cancelStream(s, reason) {
    s.disturbed = true;
    if (s.state === 'closed') return Promise.resolve();
    if (s.state === 'errored') return Promise.reject(s.storedError);
    s.queue = [];
    s.queueSize = 0;
    closeStream(s);
    return Promise.resolve(s.cancel(reason)).then(() => undefined);
  }
  class ReadableStreamDefaultReader {
    constructor(stream) {
      if (!(stream instanceof ReadableStream)) throw errors.invalidArgType('stream', 'ReadableStream', stream);
      const s = stream[S];
      if (s.reader) throw invalidState('ReadableStream is locked');
      this._s = s;
      s.reader = this;
      this._closed = deferred();
      if (s.state === 'closed') this._closed.resolve();
      else if (s.state === 'errored') { this._closed.reject(s.storedError); this._closed.promise.catch(noop); }
    }
    get closed() { return this._closed.promise; }
    read() {
      const s = this._s;
      if (!s) return Promise.reject(invalidState('The reader is not attached to a stream'));
      s.disturbed = true;
      if (s.queue.length) {
        const { chunk, size } = s.queue.shift();
        s.queueSize -= size;
        if (s.closeRequested && s.queue.length === 0) closeStream(s);
        else pullIfNeeded(s);
        return Promise.resolve({ value: chunk, done: false });
      }
      if (s.state === 'closed') return Promise.resolve({ value: undefined, done: true });
      if (s.state === 'errored') return Promise.reject(s.storedError);
      const d = deferred();
      s.readRequests.push(d);
      pullIfNeeded(s);
      return d.promise;
    }
    releaseLock() {
      const s = this._s;
      if (!s) return;
      for (const r of s.readRequests.splice(0)) r.reject(invalidState('Releasing reader'));
      if (s.state === 'readable') { this._closed.reject(invalidState('Reader released')); this._closed.promise.catch(noop); }
      s.reader = null;
      this._s = null;
    }
    cancel(reason) { return this._s ? cancelStream(this._s, reason) : Promise.reject(invalidState('The reader is not attached to a stream')); }
  }

  // ---- WritableStream ----
  const W = Symbol('writable');
  class WritableStreamDefaultController {
    constructor(key) { if (key !== W) throw new TypeError('Illegal constructor'); this._ac = new web.AbortController(); }
    get signal() { return this._ac.signal; }
    error(e) { const s = this[W]; if (s.state === 'writable') errorWritable(s, e); }
  }
  function errorWritable(s, e) {
    if (s.state === 'errored') return;
    s.state = 'errored';
    s.storedError = e;
    for (const w of s.queue.splice(0)) w.reject(e);
    if (s.writer) { s.writer._closed.reject(e); s.writer._closed.promise.catch(noop); s.writer._ready.reject(e); s.writer._ready.promise.catch(noop); }
  }
  function processWrites(s) {
    if (s.busy || !s.started) return;
    const item = s.queue[0];
    if (!item) return;
    s.busy = true;
    const run = item.close ? () => s.sink.close() : () => s.sink.write(item.chunk, s.controller);
    Promise.resolve().then(run).then(() => {
      s.busy = false;
      s.queue.shift();
      s.queueSize -= item.size || 0;
      item.resolve();
      if (item.close) {
        s.state = 'closed';
        if (s.writer) s.writer._closed.resolve();
      }
      updateReady(s);
      processWrites(s);
    }, (e) => { s.busy = false; errorWritable(s, e); item.reject(e); });
  }
  function updateReady(s) {
    if (!s.writer || s.state !== 'writable') return;
    const desired = s.hwm - s.queueSize;
    if (desired > 0 && s.writer._readyPending) { s.writer._readyPending = false; s.writer._ready.resolve(); }
    else if (desired <= 0 && !s.writer._readyPending) { s.writer._readyPending = true; s.writer._ready = deferred(); }
  }
  class WritableStream {
    constructor(sink = {}, strategy = {}) {
      if (sink === null || typeof sink !== 'object') sink = {};
      const controller = new WritableStreamDefaultController(W);
      const s = {
        state: 'writable', queue: [], queueSize: 0, busy: false, started: false, writer: null, storedError: undefined, closeRequested: false,
        hwm: hwmOf(strategy, 1), size: sizeOf(strategy), controller,
        sink: {
          write: typeof sink.write === 'function' ? (c, ctl) => sink.write.call(sink, c, ctl) : () => undefined,
          close: typeof sink.close === 'function' ? () => sink.close.call(sink) : () => undefined,
          abort: typeof sink.abort === 'function' ? (r) => sink.abort.call(sink, r) : () => undefined,
        },
      };
      controller[W] = s;
      this[W] = s;
      const started = typeof sink.start === 'function' ? sink.start.call(sink, controller) : undefined;
      Promise.resolve(started).then(() => { s.started = true; processWrites(s); }, (e) => errorWritable(s, e));
    }
    get locked() { return this[W].writer !== null; }
    getWriter() { return new WritableStreamDefaultWriter(this); }
    abort(reason) { if (this.locked) return Promise.reject(invalidState('WritableStream is locked')); return abortWritable(this[W], reason); }
    close() { if (this.locked) return Promise.reject(invalidState('WritableStream is locked')); return closeWritable(this[W]); }
    get [Symbol.toStringTag]() { return 'WritableStream'; }
  }
  function abortWritable(s, reason) {
    if (s.state === 'closed' || s.state === 'errored') return Promise.resolve();
    s.controller._ac.abort(reason);
    errorWritable(s, reason);
    return Promise.resolve(s.sink.abort(reason)).then(() => undefined);
  }
  function closeWritable(s) {
    if (s.state !== 'writable' || s.closeRequested) return Promise.reject(invalidState('WritableStream is closed'));
    s.closeRequested = true;
    const d = deferred();
    s.queue.push({ close: true, resolve: d.resolve, reject: d.reject });
    processWrites(s);
    return d.promise;
  }
  class WritableStreamDefaultWriter {
    constructor(stream) {
      if (!(stream instanceof WritableStream)) throw errors.invalidArgType('stream', 'WritableStream', stream);
      const s = stream[W];
      if (s.writer) throw invalidState('WritableStream is locked');
      this._s = s;
      s.writer = this;
      this._closed = deferred();
      this._ready = deferred();
      this._readyPending = false;
      if (s.state === 'writable') this._ready.resolve();
      else if (s.state === 'closed') { this._ready.resolve(); this._closed.resolve(); }
      else { this._ready.reject(s.storedError); this._closed.reject(s.storedError); this._ready.promise.catch(noop); this._closed.promise.catch(noop); }
      updateReady(s);
    }
    get closed() { return this._closed.promise; }
    get ready() { return this._ready.promise; }
    get desiredSize() { const s = this._s; if (!s) throw invalidState('Writer is not bound to a WritableStream'); return s.state === 'errored' ? null : s.state === 'closed' ? 0 : s.hwm - s.queueSize; }
    write(chunk) {
      const s = this._s;
      if (!s) return Promise.reject(invalidState('Writer is not bound to a WritableStream'));
      if (s.state === 'errored') return Promise.reject(s.storedError);
      if (s.state !== 'writable' || s.closeRequested) return Promise.reject(invalidState('WritableStream is closed'));
      let size;
      try { size = s.size(chunk); } catch (e) { return Promise.reject(e); }
      const d = deferred();
      s.queue.push({ chunk, size, resolve: d.resolve, reject: d.reject });
      s.queueSize += size;
      updateReady(s);
      processWrites(s);
      return d.promise;
    }
    close() { return this._s ? closeWritable(this._s) : Promise.reject(invalidState('Writer is not bound to a WritableStream')); }
    abort(reason) { return this._s ? abortWritable(this._s, reason) : Promise.reject(invalidState('Writer is not bound to a WritableStream')); }
    releaseLock() {
      const s = this._s;
      if (!s) return;
      s.writer = null;
      this._s = null;
    }
  }

  // ---- TransformStream ----
  class TransformStreamDefaultController {
    constructor(key) { if (key !== S) throw new TypeError('Illegal constructor'); }
    get desiredSize() { return this._rc.desiredSize; }
    enqueue(chunk) { this._rc.enqueue(chunk); }
    error(e) { this._rc.error(e); this._ws.controller.error(e); }
    terminate() { try { this._rc.close(); } catch (_) { /* already closed */ } errorWritable(this._ws, new TypeError('The transform stream has been terminated')); }
  }
  class TransformStream {
    constructor(transformer = {}, writableStrategy = {}, readableStrategy = {}) {
      if (transformer === null || typeof transformer !== 'object') transformer = {};
      const controller = new TransformStreamDefaultController(S);
      let rc;
      this._readable = new ReadableStream({ start(c) { rc = c; } }, readableStrategy.highWaterMark === undefined ? { highWaterMark: 0 } : readableStrategy);
      controller._rc = rc;
      const transform = typeof transformer.transform === 'function' ? (c) => transformer.transform.call(transformer, c, controller) : (c) => controller.enqueue(c);
      const flush = typeof transformer.flush === 'function' ? () => transformer.flush.call(transformer, controller) : () => undefined;
      let startPromise;
      this._writable = new WritableStream({
        start: () => startPromise,
        write: (chunk) => transform(chunk),
        close: () => Promise.resolve(flush()).then(() => { try { rc.close(); } catch (_) { /* closed by terminate */ } }),
        abort: (reason) => { rc.error(reason); },
      }, writableStrategy);
      controller._ws = this._writable[W];
      startPromise = Promise.resolve(typeof transformer.start === 'function' ? transformer.start.call(transformer, controller) : undefined);
    }
    get readable() { return this._readable; }
    get writable() { return this._writable; }
    get [Symbol.toStringTag]() { return 'TransformStream'; }
  }
  class TextEncoderStream extends TransformStream {
    constructor() { const enc = new web.TextEncoder(); super({ transform(chunk, c) { const b = enc.encode(String(chunk)); if (b.length) c.enqueue(b); } }); }
    get encoding() { return 'utf-8'; }
  }
  class TextDecoderStream extends TransformStream {
    constructor(encoding = 'utf-8', options = {}) {
      const dec = new web.TextDecoder(encoding, options);
      super({ transform(chunk, c) { const s = dec.decode(chunk, { stream: true }); if (s) c.enqueue(s); }, flush(c) { const s = dec.decode(); if (s) c.enqueue(s); } });
      this._dec = dec;
    }
    get encoding() { return this._dec.encoding; }
    get fatal() { return this._dec.fatal; }
    get ignoreBOM() { return this._dec.ignoreBOM; }
  }
  return {
    ReadableStream, ReadableStreamDefaultReader, ReadableStreamDefaultController,
    WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController,
    TransformStream, TransformStreamDefaultController,
    CountQueuingStrategy, ByteLengthQueuingStrategy, TextEncoderStream, TextDecoderStream,
  };
})
