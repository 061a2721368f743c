// Response streaming: the `awslambda` global Lambda's Node.js runtime provides
// (streamifyResponse, HttpResponseStream.from) and the response stream a
// streaming handler writes to, compiled the first time a handler reads
// `awslambda`. The runtime calls `N.streaming.prepare(handler)` at INIT: a
// handler marked as streaming becomes `(event, context)` whose answer is the
// streamed body, assembled once the stream has ended.
(function (N, G) {
  'use strict';
  const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
  const HIGH_WATER_MARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
  const HTTP_INTEGRATION = 'application/vnd.awslambda.http-integration-response';

  function bytesOf(chunk, encoding) {
    if (typeof chunk === 'string') return G.Buffer.from(chunk, encoding || 'utf8');
    if (chunk instanceof Uint8Array) return chunk;
    if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
    const e = new TypeError('The "chunk" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ' + (chunk === null ? 'null' : typeof chunk));
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }

  // The writable stream handed to a streaming handler. It keeps what was written,
  // in order; `end` finishes it. It has what `pipeline` and the examples AWS
  // publishes use of a Writable: write, end, setContentType, events.
  function makeStream(highWaterMark) {
    const chunks = [];
    let contentType = 'application/octet-stream';
    let ended = false;
    let onFinish = [];
    const listeners = new Map();
    const emit = (name, ...args) => {
      for (const f of (listeners.get(name) || []).slice()) f.apply(stream, args);
      return true;
    };
    const stream = {
      writable: true,
      writableEnded: false,
      writableFinished: false,
      writableHighWaterMark: highWaterMark || 16384,
      setContentType(type) {
        if (typeof type !== 'string') throw new TypeError('Content type must be a string');
        contentType = type;
      },
      write(chunk, encoding, cb) {
        if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
        if (ended) {
          const e = new Error('write after end');
          e.code = 'ERR_STREAM_WRITE_AFTER_END';
          G.queueMicrotask(() => emit('error', e));
          if (cb) G.queueMicrotask(() => cb(e));
          return false;
        }
        chunks.push(bytesOf(chunk, encoding));
        if (cb) G.queueMicrotask(() => cb(null));
        return true;
      },
      end(chunk, encoding, cb) {
        if (typeof chunk === 'function') { cb = chunk; chunk = undefined; }
        if (typeof encoding === 'function') { cb = encoding; encoding = undefined; }
        if (chunk != null) stream.write(chunk, encoding);
        if (!ended) {
          ended = true;
          stream.writable = false;
          stream.writableEnded = true;
          G.queueMicrotask(() => {
            stream.writableFinished = true;
            emit('finish');
            emit('close');
            for (const f of onFinish) f();
            onFinish = [];
          });
        }
        if (cb) G.queueMicrotask(cb);
        return stream;
      },
      destroy(err) {
        if (err) G.queueMicrotask(() => emit('error', err));
        stream.end();
        return stream;
      },
      on(name, f) { if (!listeners.has(name)) listeners.set(name, []); listeners.get(name).push(f); return stream; },
      once(name, f) { const g = function (...a) { stream.off(name, g); return f.apply(stream, a); }; return stream.on(name, g); },
      off(name, f) { const l = listeners.get(name); if (l) { const i = l.indexOf(f); if (i >= 0) l.splice(i, 1); } return stream; },
      removeListener(name, f) { return stream.off(name, f); },
      emit,
      cork() {},
      uncork() {},
      get contentType() { return contentType; },
      // Resolves when the stream has finished.
      finished() { return ended && stream.writableFinished ? Promise.resolve() : new Promise((r) => onFinish.push(r)); },
      body() {
        let size = 0;
        for (const c of chunks) size += c.length;
        const all = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) { all.set(c, at); at += c.length; }
        return all;
      },
    };
    stream.addListener = stream.on;
    stream.prependListener = stream.on;
    return stream;
  }

  const awslambda = {
    streamifyResponse(handler, options) {
      handler[STREAMING] = 'response';
      if (options && typeof options.highWaterMark === 'number') handler[HIGH_WATER_MARK] = options.highWaterMark;
      return handler;
    },
    HttpResponseStream: {
      // A function URL response: the metadata (statusCode, headers, cookies) as JSON,
      // eight NUL bytes, then the body the handler writes.
      from(stream, prelude) {
        stream.setContentType(HTTP_INTEGRATION);
        stream.write(JSON.stringify(prelude === undefined ? {} : prelude));
        stream.write(new Uint8Array(8));
        return stream;
      },
    },
  };

  function decode(bytes) {
    const text = G.Buffer.from(bytes).toString('utf8');
    try {
      return JSON.parse(text);
    } catch (e) {
      return text;
    }
  }

  N.streaming = {
    // The handler the runtime calls: a streaming handler behind `(event, context)`.
    prepare(handler) {
      if (handler[STREAMING] !== 'response') return handler;
      const streamed = function (event, context) {
        const stream = makeStream(handler[HIGH_WATER_MARK]);
        let result;
        try {
          result = handler(event, stream, context);
        } catch (e) {
          return Promise.reject(e);
        }
        // The invocation is over when the stream has ended; the answer is what was written.
        return Promise.resolve(result).then(() => stream.finished()).then(() => decode(stream.body()));
      };
      return streamed;
    },
  };
  return awslambda;
})
