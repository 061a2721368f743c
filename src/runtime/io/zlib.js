// Stratus io: `zlib`, compiled on first use. Deflate, zlib and gzip run in
// Rust (miniz_oxide): the bytes are valid streams any inflater reads, though
// not always the bytes Node's zlib would write. Brotli and the stream
// classes are not available and say so.
(function (N, G, I) {
  'use strict';
  const toBuf = (u8) => { const B = G.Buffer; return B.from(u8.buffer, u8.byteOffset, u8.length); };
  function argType(v) {
    const e = new TypeError('The "buffer" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer.' + (v == null ? ' Received ' + v : typeof v === 'object' ? ' Received an instance of ' + ((v.constructor && v.constructor.name) || 'Object') : ' Received type ' + typeof v + ' (' + String(v) + ')'));
    e.code = 'ERR_INVALID_ARG_TYPE';
    return e;
  }
  function input(buffer) {
    if (typeof buffer === 'string') return I.toBytes(buffer);
    if (ArrayBuffer.isView(buffer) || buffer instanceof ArrayBuffer) return buffer instanceof ArrayBuffer ? new Uint8Array(buffer) : buffer;
    throw argType(buffer);
  }
  function level(options) {
    if (!options || options.level === undefined) return -1;
    const l = options.level;
    if (typeof l !== 'number' || !Number.isInteger(l) || l < -1 || l > 9) {
      const e = new RangeError('The value of "options.level" is out of range. It must be >= -1 and <= 9. Received ' + l);
      e.code = 'ERR_OUT_OF_RANGE';
      throw e;
    }
    return l;
  }
  const unsupported = (what) => () => {
    const e = new Error('zlib.' + what + ' is not supported in Stratus (the synchronous and callback forms of deflate, inflate, gzip and gunzip are)');
    e.code = 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM';
    throw e;
  };
  const zlib = {};
  const ops = { deflate: 'deflate', inflate: 'inflate', deflateRaw: 'deflateRaw', inflateRaw: 'inflateRaw', gzip: 'gzip', gunzip: 'gunzip', unzip: 'unzip' };
  for (const name of Object.keys(ops)) {
    const sync = (buffer, options) => toBuf(I.zlib(ops[name], input(buffer), level(options)));
    zlib[name + 'Sync'] = sync;
    zlib[name] = function (buffer, options, callback) {
      if (typeof options === 'function') { callback = options; options = undefined; }
      if (typeof callback !== 'function') {
        const e = new TypeError('The "callback" argument must be of type function. Received ' + callback);
        e.code = 'ERR_INVALID_ARG_TYPE';
        throw e;
      }
      let out, err = null;
      try { out = sync(buffer, options); } catch (e) { err = e; }
      G.setImmediate(() => (err ? callback(err) : callback(null, out)));
    };
    const cls = name.charAt(0).toUpperCase() + name.slice(1);
    zlib['create' + cls] = unsupported('create' + cls + ' (streams)');
    zlib[cls] = unsupported(cls + ' (streams)');
  }
  for (const name of ['brotliCompress', 'brotliDecompress']) {
    zlib[name + 'Sync'] = unsupported(name + 'Sync (Brotli)');
    zlib[name] = unsupported(name + ' (Brotli)');
    const cls = name.charAt(0).toUpperCase() + name.slice(1);
    zlib['create' + cls] = unsupported('create' + cls + ' (Brotli)');
  }
  zlib.crc32 = (data, value) => {
    if (typeof data !== 'string' && !ArrayBuffer.isView(data)) throw argType(data);
    return I.crc32(data, value === undefined ? 0 : value);
  };
  const constants = {
    Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
    Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
    Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
    Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4865,
    DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7, BROTLI_DECODE: 8, BROTLI_ENCODE: 9,
    Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15, Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384,
    Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
  };
  zlib.constants = constants;
  zlib.codes = { Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, '0': 'Z_OK', '1': 'Z_STREAM_END', '2': 'Z_NEED_DICT', '-1': 'Z_ERRNO', '-2': 'Z_STREAM_ERROR', '-3': 'Z_DATA_ERROR', '-4': 'Z_MEM_ERROR', '-5': 'Z_BUF_ERROR', '-6': 'Z_VERSION_ERROR' };
  return { zlib };
})
