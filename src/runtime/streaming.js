// Response streaming: the `awslambda` global Lambda's Node.js runtime provides
// (streamifyResponse, HttpResponseStream.from) and the response stream a
// streaming handler writes to, compiled the first time a handler reads
// `awslambda` (a lazy global, node/mod.rs). The runtime calls
// `N.streaming.prepare(handler)` at INIT: a handler marked as streaming
// becomes `(event, context)` whose answer is the streamed body, assembled once
// the stream has ended.
(function (N, G, builtin) {
  'use strict';
  const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
  const HIGH_WATER_MARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
  const HTTP_INTEGRATION = 'application/vnd.awslambda.http-integration-response';

  // The writable stream handed to a streaming handler: Node's stream.Writable
  // (so `pipeline` and the examples AWS publishes work), keeping what was
  // written, in order, plus setContentType.
  function makeStream(highWaterMark) {
    const { Writable } = builtin('stream');
    const chunks = [];
    let contentType = 'application/octet-stream';
    const stream = new Writable({
      highWaterMark: highWaterMark || 16384,
      write(chunk, encoding, callback) {
        chunks.push(typeof chunk === 'string' ? G.Buffer.from(chunk, encoding) : chunk);
        callback();
      },
    });
    stream.setContentType = (type) => {
      if (typeof type !== 'string') throw new TypeError('Content type must be a string');
      contentType = type;
    };
    Object.defineProperty(stream, 'contentType', { get: () => contentType });
    return {
      stream,
      // Resolves when the stream has finished (or failed).
      finished: () => new Promise((resolve, reject) => {
        if (stream.writableFinished) return resolve();
        stream.once('finish', resolve);
        stream.once('error', reject);
      }),
      body: () => G.Buffer.concat(chunks),
    };
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
        const response = makeStream(handler[HIGH_WATER_MARK]);
        let result;
        try {
          result = handler(event, response.stream, context);
        } catch (e) {
          return Promise.reject(e);
        }
        // The invocation is over when the stream has ended; the answer is what was written.
        return Promise.resolve(result).then(response.finished).then(() => decode(response.body()));
      };
      return streamed;
    },
  };
  return { awslambda };
})
