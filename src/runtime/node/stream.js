// node:stream (and stream/promises, stream/web, stream/consumers): Readable, Writable, Duplex,
// Transform, PassThrough with Node's events ('data', 'readable', 'end',
// 'finish', 'drain', 'close', 'error'), flowing and paused modes,
// backpressure by highWaterMark, objectMode, setEncoding, pipe, async
// iteration, Readable.from and the iterator helpers (map, filter, toArray,
// ...); pipeline and finished (callback and promise forms), addAbortSignal.
// Callbacks run on process.nextTick as in Node; Node's exact tick ordering
// is approximated, not reproduced.
(function (N, G, require, internal, name) {
  'use strict';
  if (name === 'stream/promises') return require('stream').promises;
  if (name === 'stream/web') return internal('webstreams');
  if (name === 'stream/consumers') {
    // Reads a Node stream, a web ReadableStream or any async iterable to its end.
    const { Buffer: B } = require('buffer');
    const chunks = async (stream) => {
      const out = [];
      for await (const c of stream) out.push(typeof c === 'string' ? B.from(c) : c instanceof Uint8Array ? c : B.from(c));
      return B.concat(out);
    };
    return {
      buffer: chunks,
      arrayBuffer: async (s) => { const b = await chunks(s); return b.buffer.slice(b.byteOffset, b.byteOffset + b.length); },
      bytes: async (s) => new Uint8Array(await chunks(s)),
      text: async (s) => (await chunks(s)).toString('utf8'),
      json: async (s) => JSON.parse((await chunks(s)).toString('utf8')),
      blob: async (s) => new (require('buffer').Blob)([await chunks(s)]),
    };
  }
  const errors = internal('errors');
  const EE = require('events');
  const { Buffer } = require('buffer');
  const tick = (f, ...a) => G.process.nextTick(f, ...a);
  const err = (Base, code, msg) => errors.make(Base, code, msg);
  let defaultHwm = 65536;
  let defaultObjectHwm = 16;

  function Stream(opts) { EE.call(this, opts); }
  Object.setPrototypeOf(Stream.prototype, EE.prototype);
  Object.setPrototypeOf(Stream, EE);
  Stream.prototype.pipe = function (dest, options) { return Readable.prototype.pipe.call(this, dest, options); };

  // ---- destroy, shared by both sides ----
  function destroy(error, cb) {
    const r = this._readableState, w = this._writableState;
    const s = r || w;
    if (s.destroyed) { if (typeof cb === 'function') tick(cb, s.errored || null); return this; }
    if (r) { r.destroyed = true; if (error && !r.errored) r.errored = error; }
    if (w) { w.destroyed = true; if (error && !w.errored) w.errored = error; }
    const done = (e) => {
      if (e) { if (r && !r.errored) r.errored = e; if (w && !w.errored) w.errored = e; }
      if (typeof cb === 'function') cb(e || null);
      tick(() => {
        const failure = e || error;
        if (failure && !s.errorEmitted) { s.errorEmitted = true; if (r) r.errorEmitted = true; if (w) w.errorEmitted = true; this.emit('error', failure); }
        if (r) r.closed = true;
        if (w) w.closed = true;
        if (s.emitClose) this.emit('close');
      });
    };
    try { this._destroy(error || null, done); } catch (e) { done(e); }
    return this;
  }

  // ---- Readable ----
  function ReadableState(options, isDuplex) {
    options = options || {};
    this.objectMode = Boolean(options.objectMode || (isDuplex && options.readableObjectMode));
    const hwm = options.readableHighWaterMark !== undefined && isDuplex ? options.readableHighWaterMark : options.highWaterMark;
    if (hwm !== undefined) errors.validateInteger(hwm, 'options.highWaterMark', 0);
    this.highWaterMark = hwm !== undefined ? hwm : this.objectMode ? defaultObjectHwm : defaultHwm;
    this.buffer = [];
    this.length = 0;
    this.flowing = null;
    this.ended = false;
    this.endEmitted = false;
    this.reading = false;
    this.sync = false;
    this.destroyed = false;
    this.errored = null;
    this.closed = false;
    this.errorEmitted = false;
    this.emitClose = options.emitClose !== false;
    this.autoDestroy = options.autoDestroy !== false;
    this.encoding = null;
    this.decoder = null;
    this.dataEmitted = false;
    this.pipes = [];
    this.flowScheduled = false;
    if (options.encoding) this.setEncoding(options.encoding);
  }
  ReadableState.prototype.setEncoding = function (enc) {
    const { StringDecoder } = require('string_decoder');
    this.decoder = new StringDecoder(enc);
    this.encoding = this.decoder.encoding;
  };
  function Readable(options) {
    if (!(this instanceof Readable)) return new Readable(options);
    const isDuplex = this instanceof Duplex;
    this._readableState = new ReadableState(options, isDuplex);
    if (options) {
      if (typeof options.read === 'function') this._read = options.read;
      if (typeof options.destroy === 'function') this._destroy = options.destroy;
      if (typeof options.construct === 'function') this._construct = options.construct;
      if (options.signal) addAbortSignal(options.signal, this);
    }
    Stream.call(this, options);
  }
  Object.setPrototypeOf(Readable.prototype, Stream.prototype);
  Object.setPrototypeOf(Readable, Stream);
  const RP = Readable.prototype;
  RP._read = function () { throw err(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _read() method is not implemented'); };
  RP._destroy = function (e, cb) { cb(e); };
  RP.destroy = destroy;
  function chunkLength(state, chunk) { return state.objectMode ? 1 : chunk.length; }
  function addChunk(stream, chunk, front) {
    const state = stream._readableState;
    if (state.decoder && !state.objectMode && typeof chunk !== 'string') {
      chunk = state.decoder.write(chunk);
      if (chunk === '') return;
    }
    if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0 && !front) {
      state.dataEmitted = true;
      stream.emit('data', chunk);
    } else {
      state.length += chunkLength(state, chunk);
      if (front) state.buffer.unshift(chunk); else state.buffer.push(chunk);
      if (state.flowing) scheduleFlow(stream);
      else emitReadableSoon(stream);
    }
  }
  function readableAddChunk(stream, chunk, encoding, front) {
    const state = stream._readableState;
    if (chunk === null) {
      state.reading = false;
      if (state.ended) return false;
      if (state.decoder) { const rest = state.decoder.end(); if (rest) { state.buffer.push(rest); state.length += rest.length; } }
      state.ended = true;
      if (state.flowing) scheduleFlow(stream);
      else emitReadableSoon(stream);
      return false;
    }
    if (!state.objectMode) {
      if (typeof chunk === 'string') {
        encoding = encoding || 'utf8';
        if (state.encoding !== encoding || !state.decoder) chunk = Buffer.from(chunk, encoding);
      } else if (chunk instanceof Uint8Array && !(chunk instanceof Buffer)) chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      else if (!(chunk instanceof Buffer)) {
        const e = errors.invalidArgType('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
        destroy.call(stream, e);
        return false;
      }
    }
    if (state.ended && !front) {
      destroy.call(stream, err(Error, 'ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF'));
      return false;
    }
    if (state.destroyed) return false;
    state.reading = false;
    if (state.objectMode || chunk.length > 0) addChunk(stream, chunk, front);
    else if (!state.ended) maybeReadMore(stream);
    return state.length < state.highWaterMark && !state.ended;
  }
  RP.push = function (chunk, encoding) { return readableAddChunk(this, chunk, encoding, false); };
  RP.unshift = function (chunk, encoding) { return readableAddChunk(this, chunk, encoding, true); };
  RP.setEncoding = function (enc) {
    const state = this._readableState;
    state.setEncoding(enc);
    if (state.buffer.length) {
      const all = state.buffer.map((c) => (typeof c === 'string' ? c : state.decoder.write(c))).join('');
      state.buffer = all ? [all] : [];
      state.length = all.length;
    }
    return this;
  };
  function takeChunks(state, n) {
    if (state.length === 0) return null;
    let out;
    if (state.objectMode) { out = state.buffer.shift(); state.length -= 1; return out; }
    if (n === undefined || n >= state.length) {
      out = state.decoder || typeof state.buffer[0] === 'string' ? state.buffer.join('') : state.buffer.length === 1 ? state.buffer[0] : Buffer.concat(state.buffer);
      state.buffer = [];
      state.length = 0;
      return out;
    }
    const first = state.buffer[0];
    if (n < first.length) {
      out = first.slice(0, n);
      state.buffer[0] = first.slice(n);
    } else {
      const parts = [];
      let need = n;
      while (need > 0) {
        const c = state.buffer[0];
        if (c.length <= need) { parts.push(c); state.buffer.shift(); need -= c.length; }
        else { parts.push(c.slice(0, need)); state.buffer[0] = c.slice(need); need = 0; }
      }
      out = typeof parts[0] === 'string' ? parts.join('') : Buffer.concat(parts);
    }
    state.length -= n;
    return out;
  }
  RP.read = function (n) {
    const state = this._readableState;
    if (n !== undefined) n = Number(n);
    if (n === 0) { maybeReadMore(this); return null; }
    if (state.length === 0 || (n !== undefined && !state.objectMode && n > state.length && !state.ended)) {
      if (state.ended) endReadable(this);
      else callRead(this);
      return null;
    }
    const chunk = takeChunks(state, state.objectMode ? undefined : n);
    if (chunk !== null) { state.dataEmitted = true; this.emit('data', chunk); }
    if (state.length === 0 && state.ended) endReadable(this);
    else maybeReadMore(this);
    return chunk;
  };
  function callRead(stream) {
    const state = stream._readableState;
    if (state.reading || state.ended || state.destroyed) return;
    state.reading = true;
    state.sync = true;
    try { stream._read(state.highWaterMark); } catch (e) { destroy.call(stream, e); }
    state.sync = false;
  }
  function maybeReadMore(stream) {
    const state = stream._readableState;
    if (state.readMoreScheduled) return;
    state.readMoreScheduled = true;
    tick(() => {
      state.readMoreScheduled = false;
      let guard = 0;
      while (!state.reading && !state.ended && !state.destroyed && state.length < state.highWaterMark && guard++ < 1000) {
        const before = state.length;
        callRead(stream);
        if (state.length === before) break;
      }
    });
  }
  function emitReadableSoon(stream) {
    const state = stream._readableState;
    if (state.readableScheduled) return;
    state.readableScheduled = true;
    tick(() => {
      state.readableScheduled = false;
      if (!state.destroyed && (state.length > 0 || state.ended)) stream.emit('readable');
      if (state.flowing) flow(stream);
      else if (state.length === 0 && state.ended) endReadable(stream);
      else maybeReadMore(stream);
    });
  }
  function scheduleFlow(stream) {
    const state = stream._readableState;
    if (state.flowScheduled) return;
    state.flowScheduled = true;
    tick(() => { state.flowScheduled = false; flow(stream); });
  }
  function flow(stream) {
    const state = stream._readableState;
    while (state.flowing && state.length > 0 && !state.destroyed) {
      const chunk = takeChunks(state, state.objectMode ? undefined : state.buffer[0].length);
      state.dataEmitted = true;
      stream.emit('data', chunk);
    }
    if (state.length === 0 && state.ended) endReadable(stream);
    else if (state.flowing) { maybeReadMore(stream); if (!state.reading && state.length === 0) callRead(stream); }
  }
  function endReadable(stream) {
    const state = stream._readableState;
    if (state.endEmitted || state.endScheduled) return;
    state.endScheduled = true;
    tick(() => {
      if (state.endEmitted || state.destroyed || state.length > 0) { state.endScheduled = false; return; }
      state.endEmitted = true;
      stream.emit('end');
      const w = stream._writableState;
      if (state.autoDestroy && (!w || (w.finished && w.autoDestroy !== false) || stream.allowHalfOpen === false || w.ended && w.finished)) stream.destroy();
      else if (w && stream.allowHalfOpen === false && !w.ending) stream.end();
    });
  }
  RP.on = function (ev, fn) {
    const res = Stream.prototype.on.call(this, ev, fn);
    const state = this._readableState;
    if (ev === 'data') {
      if (state.flowing !== false) this.resume();
    } else if (ev === 'readable') {
      if (!state.endEmitted) { state.flowing = false; if (state.length) emitReadableSoon(this); else callRead(this); }
    }
    return res;
  };
  RP.addListener = RP.on;
  RP.resume = function () {
    const state = this._readableState;
    if (!state.flowing) {
      state.flowing = this.listenerCount('readable') === 0;
      if (state.flowing) { scheduleFlow(this); this.emit('resume'); }
    }
    return this;
  };
  RP.pause = function () {
    const state = this._readableState;
    if (state.flowing !== false) { state.flowing = false; this.emit('pause'); }
    return this;
  };
  RP.isPaused = function () { return this._readableState.flowing === false; };
  RP.pipe = function (dest, options) {
    const src = this;
    const state = src._readableState;
    const doEnd = !options || options.end !== false;
    state.pipes.push(dest);
    const ondata = (chunk) => { if (dest.write(chunk) === false) src.pause(); };
    const ondrain = () => src.resume();
    const onend = () => { if (doEnd) dest.end(); };
    src.on('data', ondata);
    dest.on('drain', ondrain);
    src.once('end', onend);
    const cleanup = () => { src.removeListener('data', ondata); dest.removeListener('drain', ondrain); src.removeListener('end', onend); };
    dest.once('close', cleanup);
    dest.once('finish', cleanup);
    src._unpipe = src._unpipe || new Map();
    src._unpipe.set(dest, cleanup);
    dest.emit('pipe', src);
    if (!state.flowing) src.resume();
    return dest;
  };
  RP.unpipe = function (dest) {
    const state = this._readableState;
    const targets = dest ? [dest] : state.pipes.slice();
    for (const d of targets) {
      const c = this._unpipe && this._unpipe.get(d);
      if (c) { c(); this._unpipe.delete(d); }
      state.pipes = state.pipes.filter((x) => x !== d);
      d.emit('unpipe', this);
    }
    if (state.pipes.length === 0) this.pause();
    return this;
  };
  RP[Symbol.asyncIterator] = function () {
    const stream = this;
    const state = stream._readableState;
    let error = null, done = false, wake = null;
    const signal = () => { if (wake) { const w = wake; wake = null; w(); } };
    stream.on('readable', signal);
    stream.on('end', () => { done = true; signal(); });
    stream.on('error', (e) => { error = e; signal(); });
    stream.on('close', () => { done = true; signal(); });
    const it = {
      async next() {
        for (;;) {
          if (error) { const e = error; error = null; done = true; throw e; }
          const chunk = state.destroyed ? null : stream.read();
          if (chunk !== null) return { value: chunk, done: false };
          if (done || state.endEmitted || state.destroyed) {
            if (state.errored && !error && !it.thrown) { it.thrown = true; throw state.errored; }
            if (!state.endEmitted && state.destroyed && !state.errored && !it.returned) throw err(Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close');
            return { value: undefined, done: true };
          }
          await new Promise((r) => { wake = r; });
        }
      },
      async return() { it.returned = true; if (!state.endEmitted) stream.destroy(); return { value: undefined, done: true }; },
      [Symbol.asyncIterator]() { return this; },
    };
    return it;
  };
  RP.wrap = function () { throw new Error('Stratus does not support readable.wrap() (old-style streams)'); };
  const rprop = (n, get) => Object.defineProperty(RP, n, { get, enumerable: false, configurable: true });
  rprop('readable', function () { const s = this._readableState; return Boolean(s) && !s.destroyed && !s.errored && !s.endEmitted; });
  rprop('readableEnded', function () { return this._readableState.endEmitted; });
  rprop('readableFlowing', function () { return this._readableState.flowing; });
  rprop('readableLength', function () { return this._readableState.length; });
  rprop('readableHighWaterMark', function () { return this._readableState.highWaterMark; });
  rprop('readableObjectMode', function () { return this._readableState.objectMode; });
  rprop('readableEncoding', function () { return this._readableState.encoding; });
  rprop('readableAborted', function () { const s = this._readableState; return s.destroyed && !s.endEmitted; });
  rprop('readableDidRead', function () { return this._readableState.dataEmitted; });
  rprop('destroyed', function () { return (this._readableState || this._writableState).destroyed; });
  rprop('closed', function () { return (this._readableState || this._writableState).closed; });
  rprop('errored', function () { return (this._readableState || this._writableState).errored; });

  Readable.from = function from(iterable, options) {
    if (typeof iterable === 'string' || iterable instanceof Uint8Array) {
      return new Readable(Object.assign({ objectMode: true }, options, { read() { this.push(iterable); this.push(null); } }));
    }
    let it;
    if (iterable && typeof iterable[Symbol.asyncIterator] === 'function') it = iterable[Symbol.asyncIterator]();
    else if (iterable && typeof iterable[Symbol.iterator] === 'function') it = iterable[Symbol.iterator]();
    else throw errors.invalidArgType('iterable', ['Iterable'], iterable);
    let pulling = false;
    const r = new Readable(Object.assign({ objectMode: true, highWaterMark: 1 }, options, {
      read() {
        if (pulling) return;
        pulling = true;
        (async () => {
          try {
            for (;;) {
              const { value, done } = await it.next();
              if (done) { this.push(null); break; }
              const v = await value;
              if (v === null) throw err(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
              if (!this.push(v)) break;
            }
          } catch (e) { this.destroy(e); }
          pulling = false;
        })();
      },
      destroy(e, cb) {
        if (typeof it.return === 'function' && e === null) Promise.resolve(it.return()).then(() => cb(e), cb);
        else cb(e);
      },
    }));
    return r;
  };
  // Conversions to and from the web streams.
  Readable.fromWeb = function fromWeb(rs, options) {
    const web = internal('webstreams');
    if (!(rs instanceof web.ReadableStream)) throw errors.invalidArgType('readableStream', 'ReadableStream', rs);
    const reader = rs.getReader();
    return new Readable(Object.assign({ objectMode: false }, options, {
      read() {
        reader.read().then(({ value, done }) => {
          if (done) this.push(null);
          else this.push(typeof value === 'string' || this._readableState.objectMode ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength));
        }, (e) => this.destroy(e));
      },
      destroy(e, cb) { reader.cancel(e).then(() => cb(e), () => cb(e)); },
    }));
  };
  Readable.toWeb = function toWeb(readable) {
    const web = internal('webstreams');
    const it = readable[Symbol.asyncIterator]();
    return new web.ReadableStream({
      async pull(c) {
        const { value, done } = await it.next();
        if (done) c.close();
        else c.enqueue(typeof value === 'string' ? new Uint8Array(Buffer.from(value)) : value instanceof Buffer ? new Uint8Array(value.buffer, value.byteOffset, value.length) : value);
      },
      cancel(reason) { readable.destroy(reason instanceof Error ? reason : undefined); },
    }, { highWaterMark: 0 });
  };
  Readable.isDisturbed = (s) => Boolean(s && s._readableState && (s._readableState.dataEmitted || s._readableState.destroyed));

  // The iterator helpers: each returns a new stream over an async generator.
  const helper = (fn) => function (...args) { return Readable.from(fn(this, ...args), { objectMode: true }); };
  RP.map = helper(async function* (src, f) { for await (const c of src) yield await f(c); });
  RP.filter = helper(async function* (src, f) { for await (const c of src) if (await f(c)) yield c; });
  RP.flatMap = helper(async function* (src, f) { for await (const c of src) yield* await f(c); });
  RP.take = helper(async function* (src, n) { if (n <= 0) return; let i = 0; for await (const c of src) { yield c; if (++i >= n) return; } });
  RP.drop = helper(async function* (src, n) { let i = 0; for await (const c of src) if (i++ >= n) yield c; });
  RP.toArray = async function () { const out = []; for await (const c of this) out.push(c); return out; };
  RP.forEach = async function (f) { for await (const c of this) await f(c); };
  RP.some = async function (f) { for await (const c of this) if (await f(c)) return true; return false; };
  RP.every = async function (f) { for await (const c of this) if (!(await f(c))) return false; return true; };
  RP.find = async function (f) { for await (const c of this) if (await f(c)) return c; return undefined; };
  RP.reduce = async function (f, ...init) {
    let acc = init[0], first = init.length === 0;
    for await (const c of this) { if (first) { acc = c; first = false; } else acc = await f(acc, c); }
    if (first) throw err(TypeError, 'ERR_INVALID_ARGS', 'Reduce of an empty stream requires an initial value');
    return acc;
  };

  // ---- Writable ----
  function WritableState(options, isDuplex) {
    options = options || {};
    this.objectMode = Boolean(options.objectMode || (isDuplex && options.writableObjectMode));
    const hwm = options.writableHighWaterMark !== undefined && isDuplex ? options.writableHighWaterMark : options.highWaterMark;
    if (hwm !== undefined) errors.validateInteger(hwm, 'options.highWaterMark', 0);
    this.highWaterMark = hwm !== undefined ? hwm : this.objectMode ? defaultObjectHwm : defaultHwm;
    this.decodeStrings = options.decodeStrings !== false;
    this.defaultEncoding = options.defaultEncoding || 'utf8';
    this.length = 0;
    this.writing = false;
    this.buffered = [];
    this.corked = 0;
    this.needDrain = false;
    this.ending = false;
    this.ended = false;
    this.finished = false;
    this.prefinished = false;
    this.destroyed = false;
    this.errored = null;
    this.closed = false;
    this.errorEmitted = false;
    this.emitClose = options.emitClose !== false;
    this.autoDestroy = options.autoDestroy !== false;
    this.pendingcb = 0;
  }
  function Writable(options) {
    const isDuplex = this instanceof Duplex;
    if (!isDuplex && !Function.prototype[Symbol.hasInstance].call(Writable, this)) return new Writable(options);
    this._writableState = new WritableState(options, isDuplex);
    if (options) {
      if (typeof options.write === 'function') this._write = options.write;
      if (typeof options.writev === 'function') this._writev = options.writev;
      if (typeof options.final === 'function') this._final = options.final;
      if (typeof options.destroy === 'function') this._destroy = options.destroy;
      if (options.signal && !isDuplex) addAbortSignal(options.signal, this);
    }
    if (!isDuplex) Stream.call(this, options);
  }
  Object.setPrototypeOf(Writable.prototype, Stream.prototype);
  Object.setPrototypeOf(Writable, Stream);
  Object.defineProperty(Writable, Symbol.hasInstance, {
    value(obj) {
      if (Function.prototype[Symbol.hasInstance].call(this, obj)) return true;
      if (this !== Writable) return false;
      return Boolean(obj && obj._writableState instanceof WritableState);
    },
  });
  const WP = Writable.prototype;
  WP._write = function (chunk, encoding, cb) {
    if (this._writev) this._writev([{ chunk, encoding }], cb);
    else throw err(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _write() method is not implemented');
  };
  WP._destroy = function (e, cb) { cb(e); };
  WP.destroy = destroy;
  WP.write = function (chunk, encoding, cb) {
    const state = this._writableState;
    if (typeof encoding === 'function') { cb = encoding; encoding = null; }
    if (!encoding) encoding = state.defaultEncoding;
    if (typeof cb !== 'function') cb = () => {};
    if (chunk === null) throw err(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream');
    if (!state.objectMode) {
      if (typeof chunk === 'string') { if (state.decodeStrings !== false) { chunk = Buffer.from(chunk, encoding); encoding = 'buffer'; } }
      else if (chunk instanceof Uint8Array) { if (!(chunk instanceof Buffer)) chunk = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength); encoding = 'buffer'; }
      else throw errors.invalidArgType('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
    }
    let e;
    if (state.ending) e = err(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end');
    else if (state.destroyed) e = err(Error, 'ERR_STREAM_DESTROYED', 'Cannot call write after a stream was destroyed');
    if (e) { tick(cb, e); destroy.call(this, e); return false; }
    const len = state.objectMode ? 1 : chunk.length;
    state.length += len;
    const ret = state.length < state.highWaterMark;
    if (!ret) state.needDrain = true;
    state.pendingcb++;
    if (state.writing || state.corked || state.errored) state.buffered.push({ chunk, encoding, cb, len });
    else doWrite(this, chunk, encoding, cb, len);
    return ret && !state.errored && !state.destroyed;
  };
  function doWrite(stream, chunk, encoding, cb, len) {
    const state = stream._writableState;
    state.writing = true;
    let called = false;
    const onwrite = (e) => {
      if (called) { destroy.call(stream, err(Error, 'ERR_MULTIPLE_CALLBACK', 'Callback called multiple times')); return; }
      called = true;
      state.writing = false;
      state.length -= len;
      state.pendingcb--;
      if (e) {
        tick(cb, e);
        destroy.call(stream, e);
        return;
      }
      tick(() => {
        cb(null);
        if (state.needDrain && state.length === 0 && !state.ending && !state.destroyed) { state.needDrain = false; stream.emit('drain'); }
      });
      if (state.buffered.length && !state.corked) clearBuffer(stream);
      else finishMaybe(stream);
    };
    try {
      if (Array.isArray(chunk) && stream._writev && chunk.writev) stream._writev(chunk, onwrite);
      else stream._write(chunk, encoding, onwrite);
    } catch (e) { onwrite(e); }
  }
  function clearBuffer(stream) {
    const state = stream._writableState;
    if (state.writing || state.destroyed) return;
    if (stream._writev && state.buffered.length > 1) {
      const items = state.buffered.splice(0);
      const list = items.map((b) => ({ chunk: b.chunk, encoding: b.encoding }));
      list.writev = true;
      const len = items.reduce((n, b) => n + b.len, 0);
      state.pendingcb -= items.length - 1;
      doWrite(stream, list, 'buffer', (e) => { for (const b of items) b.cb(e); }, len);
      return;
    }
    const b = state.buffered.shift();
    if (b) doWrite(stream, b.chunk, b.encoding, b.cb, b.len);
  }
  function finishMaybe(stream) {
    const state = stream._writableState;
    if (!state.ending || state.length !== 0 || state.writing || state.buffered.length || state.finished || state.errored || state.destroyed) return;
    const finish = () => {
      state.finished = true;
      tick(() => {
        if (state.destroyed || state.errored) return;
        stream.emit('finish');
        const r = stream._readableState;
        if (state.autoDestroy && (!r || (r.endEmitted && r.autoDestroy !== false))) stream.destroy();
      });
    };
    if (!state.prefinished) {
      state.prefinished = true;
      if (typeof stream._final === 'function') {
        state.pendingcb++;
        let called = false;
        tick(() => {
          try {
            stream._final((e) => {
              if (called) return;
              called = true;
              state.pendingcb--;
              if (e) { destroy.call(stream, e); return; }
              stream.emit('prefinish');
              finish();
            });
          } catch (e) { destroy.call(stream, e); }
        });
        return;
      }
      stream.emit('prefinish');
    }
    finish();
  }
  WP.end = function (chunk, encoding, cb) {
    const state = this._writableState;
    if (typeof chunk === 'function') { cb = chunk; chunk = null; encoding = null; }
    else if (typeof encoding === 'function') { cb = encoding; encoding = null; }
    if (chunk !== null && chunk !== undefined) this.write(chunk, encoding);
    if (state.corked) { state.corked = 1; this.uncork(); }
    if (typeof cb === 'function') {
      if (state.finished) tick(cb, err(Error, 'ERR_STREAM_ALREADY_FINISHED', 'Cannot call end after a stream was finished'));
      else { const onDone = (e) => cb(e); this.once('finish', () => onDone()); this.once('error', onDone); }
    }
    if (!state.ending) {
      state.ending = true;
      finishMaybe(this);
      state.ended = true;
    }
    return this;
  };
  WP.cork = function () { this._writableState.corked++; };
  WP.uncork = function () {
    const state = this._writableState;
    if (state.corked) { state.corked--; if (!state.corked && !state.writing) clearBuffer(this); }
  };
  WP.setDefaultEncoding = function (enc) {
    const e = String(enc).toLowerCase();
    if (!Buffer.isEncoding(e)) throw err(TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: ' + enc);
    this._writableState.defaultEncoding = e;
    return this;
  };
  const wprop = (n, get) => Object.defineProperty(WP, n, { get, enumerable: false, configurable: true });
  wprop('writable', function () { const s = this._writableState; return Boolean(s) && !s.destroyed && !s.errored && !s.ending; });
  wprop('writableEnded', function () { return this._writableState.ending; });
  wprop('writableFinished', function () { return this._writableState.finished; });
  wprop('writableLength', function () { return this._writableState.length; });
  wprop('writableHighWaterMark', function () { return this._writableState.highWaterMark; });
  wprop('writableObjectMode', function () { return this._writableState.objectMode; });
  wprop('writableCorked', function () { return this._writableState.corked; });
  wprop('writableNeedDrain', function () { const s = this._writableState; return !s.destroyed && !s.ending && s.needDrain; });
  wprop('destroyed', function () { return this._writableState.destroyed; });
  wprop('closed', function () { return this._writableState.closed; });
  wprop('errored', function () { return this._writableState.errored; });

  Writable.fromWeb = function fromWeb(ws, options) {
    const web = internal('webstreams');
    if (!(ws instanceof web.WritableStream)) throw errors.invalidArgType('writableStream', 'WritableStream', ws);
    const writer = ws.getWriter();
    return new Writable(Object.assign({}, options, {
      write(chunk, enc, cb) { writer.write(chunk).then(() => cb(), cb); },
      final(cb) { writer.close().then(() => cb(), cb); },
      destroy(e, cb) { (e ? writer.abort(e) : Promise.resolve()).then(() => cb(e), () => cb(e)); },
    }));
  };
  Writable.toWeb = function toWeb(writable) {
    const web = internal('webstreams');
    return new web.WritableStream({
      write(chunk) { return new Promise((resolve, reject) => writable.write(chunk, (e) => (e ? reject(e) : resolve()))); },
      close() { return new Promise((resolve) => writable.end(resolve)); },
      abort(reason) { writable.destroy(reason instanceof Error ? reason : undefined); },
    });
  };

  // ---- Duplex / Transform / PassThrough ----
  function Duplex(options) {
    if (!(this instanceof Duplex)) return new Duplex(options);
    Readable.call(this, options);
    Writable.call(this, options);
    this.allowHalfOpen = !(options && options.allowHalfOpen === false);
    if (options && options.signal) addAbortSignal(options.signal, this);
  }
  Object.setPrototypeOf(Duplex.prototype, Readable.prototype);
  Object.setPrototypeOf(Duplex, Readable);
  for (const k of Object.getOwnPropertyNames(WP)) {
    if (k === 'constructor' || k === 'destroy' || k === 'destroyed' || k === 'closed' || k === 'errored' || k === '_destroy') continue;
    if (!Object.prototype.hasOwnProperty.call(Duplex.prototype, k)) Object.defineProperty(Duplex.prototype, k, Object.getOwnPropertyDescriptor(WP, k));
  }
  Duplex.from = function from(body) {
    if (body instanceof Duplex) return body;
    if (body instanceof Readable) return body;
    return Readable.from(body);
  };

  function Transform(options) {
    if (!(this instanceof Transform)) return new Transform(options);
    Duplex.call(this, options);
    this._readableState.sync = false;
    this._pendingCallback = null;
    if (options) {
      if (typeof options.transform === 'function') this._transform = options.transform;
      if (typeof options.flush === 'function') this._flush = options.flush;
    }
  }
  Object.setPrototypeOf(Transform.prototype, Duplex.prototype);
  Object.setPrototypeOf(Transform, Duplex);
  Transform.prototype._transform = function () { throw err(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'The _transform() method is not implemented'); };
  Transform.prototype._write = function (chunk, encoding, cb) {
    const rstate = this._readableState;
    this._transform(chunk, encoding, (e, data) => {
      if (e) { cb(e); return; }
      if (data !== undefined && data !== null) this.push(data);
      if (rstate.ended || rstate.length < rstate.highWaterMark) cb();
      else this._pendingCallback = cb;
    });
  };
  Transform.prototype._read = function () {
    const cb = this._pendingCallback;
    if (cb) { this._pendingCallback = null; cb(); }
  };
  Transform.prototype._final = function (cb) {
    const done = (e, data) => {
      if (e) { cb(e); return; }
      if (data !== undefined && data !== null) this.push(data);
      this.push(null);
      cb();
    };
    if (typeof this._flush === 'function') this._flush(done);
    else done();
  };
  function PassThrough(options) {
    if (!(this instanceof PassThrough)) return new PassThrough(options);
    Transform.call(this, options);
  }
  Object.setPrototypeOf(PassThrough.prototype, Transform.prototype);
  Object.setPrototypeOf(PassThrough, Transform);
  PassThrough.prototype._transform = function (chunk, enc, cb) { cb(null, chunk); };

  // ---- finished / pipeline / addAbortSignal ----
  const isStream = (s) => s && typeof s.on === 'function' && (s._readableState || s._writableState || typeof s.pipe === 'function');
  function finished(stream, options, callback) {
    if (typeof options === 'function') { callback = options; options = {}; }
    options = options || {};
    errors.validateFunction(callback, 'callback');
    const r = stream._readableState, w = stream._writableState;
    const wantRead = options.readable !== false && Boolean(r) && (!w || options.readable === true || stream.readable !== false || !r.endEmitted);
    const wantWrite = options.writable !== false && Boolean(w);
    let readDone = !wantRead || (r && r.endEmitted), writeDone = !wantWrite || (w && w.finished);
    let called = false;
    const done = (e) => { if (called) return; called = true; cleanup(); callback.call(stream, e); };
    const onend = () => { readDone = true; if (writeDone) done(); };
    const onfinish = () => { writeDone = true; if (readDone) done(); };
    const onerror = (e) => done(e);
    const onclose = () => {
      const e = (r && r.errored) || (w && w.errored);
      if (e) return done(e);
      if (!readDone || !writeDone) return done(err(Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close'));
      done();
    };
    stream.on('end', onend);
    stream.on('finish', onfinish);
    if (options.error !== false) stream.on('error', onerror);
    stream.on('close', onclose);
    function cleanup() {
      stream.removeListener('end', onend);
      stream.removeListener('finish', onfinish);
      stream.removeListener('error', onerror);
      stream.removeListener('close', onclose);
    }
    const errored = (r && r.errored) || (w && w.errored);
    if (errored) tick(() => done(errored));
    else if (readDone && writeDone) tick(() => done());
    else if ((r || w) && (r || w).closed) tick(onclose);
    if (options.signal) {
      const onAbort = () => { done(errors.abortError(options.signal.reason)); };
      if (options.signal.aborted) tick(onAbort);
      else options.signal.addEventListener('abort', onAbort, { once: true });
    }
    return cleanup;
  }
  function pipeline(...streams) {
    const callback = typeof streams[streams.length - 1] === 'function' && !(streams.length > 1 && streams.length === 2 && false) ? streams.pop() : null;
    if (Array.isArray(streams[0]) && streams.length === 1) streams = streams[0];
    if (typeof callback !== 'function') throw errors.invalidArgType('streams[' + streams.length + ']', 'function', callback);
    if (streams.length < 2) throw err(TypeError, 'ERR_MISSING_ARGS', 'The "streams" argument must be specified');
    return runPipeline(streams, {}, callback);
  }
  function runPipeline(items, options, callback) {
    const ac = new (internal('web').AbortController)();
    const all = [];
    let called = false;
    const done = (e) => {
      if (called) return;
      called = true;
      if (e) for (const s of all) if (!s.destroyed) s.destroy(e);
      tick(callback, e || undefined, ...(lastValue !== undefined ? [lastValue] : []));
    };
    let lastValue;
    let prev = null;
    items.forEach((item, i) => {
      const last = i === items.length - 1;
      if (typeof item === 'function') {
        const out = item(i === 0 ? { signal: ac.signal } : toIterable(prev), { signal: ac.signal });
        if (last && out && typeof out.then === 'function') {
          out.then((v) => { lastValue = v; done(); }, done);
          prev = null;
          return;
        }
        if (!out || (typeof out[Symbol.asyncIterator] !== 'function' && typeof out[Symbol.iterator] !== 'function' && !isStream(out))) {
          throw err(TypeError, 'ERR_INVALID_RETURN_VALUE', 'Expected an AsyncIterable or Iterable or Promise to be returned from the "' + (item.name || 'anonymous') + '" function');
        }
        prev = isStream(out) ? out : Readable.from(out);
        if (prev !== out || true) all.push(prev);
        prev.on('error', done);
        if (last) finished(prev, done);
        return;
      }
      if (!isStream(item)) {
        if (i === 0 && item && (typeof item[Symbol.asyncIterator] === 'function' || typeof item[Symbol.iterator] === 'function')) {
          prev = Readable.from(item);
          all.push(prev);
          prev.on('error', done);
          return;
        }
        throw errors.invalidArgType('streams[' + i + ']', ['Readable', 'Writable', 'Duplex', 'Iterable', 'AsyncIterable', 'Function'], item);
      }
      all.push(item);
      item.on('error', done);
      if (prev) prev.pipe(item);
      if (last) finished(item, { readable: false }, (e) => done(e));
      else if (i > 0 && item._writableState) finished(item, { readable: false, writable: true }, (e) => { if (e) done(e); });
      prev = item;
    });
    if (options.signal) {
      const onAbort = () => done(errors.abortError(options.signal.reason));
      if (options.signal.aborted) onAbort();
      else options.signal.addEventListener('abort', onAbort, { once: true });
    }
    return prev;
  }
  function toIterable(s) { return s && typeof s[Symbol.asyncIterator] === 'function' ? s : Readable.from(s); }
  function addAbortSignal(signal, stream) {
    errors.validateAbortSignal(signal, 'signal');
    if (!isStream(stream)) throw errors.invalidArgType('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
    const onAbort = () => stream.destroy(errors.abortError(signal.reason));
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
    return stream;
  }
  const promises = {
    pipeline(...streams) {
      let options = {};
      const lastArg = streams[streams.length - 1];
      if (lastArg && typeof lastArg === 'object' && !isStream(lastArg) && typeof lastArg[Symbol.asyncIterator] !== 'function' && typeof lastArg[Symbol.iterator] !== 'function') options = streams.pop();
      return new Promise((resolve, reject) => runPipeline(streams, options, (e, v) => (e ? reject(e) : resolve(v))));
    },
    finished(stream, options) {
      return new Promise((resolve, reject) => finished(stream, options || {}, (e) => (e ? reject(e) : resolve())));
    },
  };
  Object.assign(Stream, {
    Stream, Readable, Writable, Duplex, Transform, PassThrough,
    pipeline, finished, addAbortSignal, promises,
    isReadable: (s) => Boolean(s && s._readableState && !s._readableState.destroyed && !s._readableState.endEmitted),
    isWritable: (s) => Boolean(s && s._writableState && !s._writableState.destroyed && !s._writableState.ending),
    isErrored: (s) => Boolean(s && ((s._readableState && s._readableState.errored) || (s._writableState && s._writableState.errored))),
    isDisturbed: (s) => Boolean(s && s._readableState && (s._readableState.dataEmitted || s._readableState.destroyed)),
    getDefaultHighWaterMark: (objectMode) => (objectMode ? defaultObjectHwm : defaultHwm),
    setDefaultHighWaterMark: (objectMode, value) => { errors.validateInteger(value, 'value', 0); if (objectMode) defaultObjectHwm = value; else defaultHwm = value; },
    compose() { throw new Error('Stratus does not support stream.compose'); },
    duplexPair() { throw new Error('Stratus does not support stream.duplexPair'); },
  });
  Object.defineProperty(pipeline, Symbol.for('nodejs.util.promisify.custom'), { value: promises.pipeline });
  Object.defineProperty(finished, Symbol.for('nodejs.util.promisify.custom'), { value: promises.finished });
  return Stream;
})
