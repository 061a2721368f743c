// node:util (and util/types): format/inspect (shared with console), promisify
// with `util.promisify.custom`, callbackify, deprecate, inherits,
// isDeepStrictEqual, types.*, TextEncoder/TextDecoder, parseArgs, styleText
// (plain: Lambda's stdout is not a TTY), debuglog (NODE_DEBUG), aborted,
// stripVTControlCharacters, toUSVString, parseEnv. Deprecation warnings are
// not printed.
(function (N, G, require, internal, name) {
  'use strict';
  const errors = internal('errors');
  const x = N.extras();
  const web = internal('web');
  const tag = (v) => Object.prototype.toString.call(v).slice(8, -1);
  const isTyped = (v) => ArrayBuffer.isView(v) && !(v instanceof DataView);
  const typedIs = (t) => (v) => isTyped(v) && tag(v) === t;
  const fnTag = (t) => (v) => typeof v === 'function' && tag(v) === t;
  const types = {
    isAnyArrayBuffer: (v) => v instanceof ArrayBuffer || tag(v) === 'SharedArrayBuffer',
    isArrayBuffer: (v) => v instanceof ArrayBuffer,
    isSharedArrayBuffer: (v) => tag(v) === 'SharedArrayBuffer',
    isArrayBufferView: (v) => ArrayBuffer.isView(v),
    isArgumentsObject: (v) => tag(v) === 'Arguments',
    isAsyncFunction: (v) => fnTag('AsyncFunction')(v) || fnTag('AsyncGeneratorFunction')(v),
    isGeneratorFunction: (v) => fnTag('GeneratorFunction')(v) || fnTag('AsyncGeneratorFunction')(v),
    isGeneratorObject: (v) => tag(v) === 'Generator' || tag(v) === 'AsyncGenerator',
    isBigIntObject: (v) => typeof v === 'object' && v !== null && tag(v) === 'BigInt',
    isBooleanObject: (v) => typeof v === 'object' && v instanceof Boolean,
    isNumberObject: (v) => typeof v === 'object' && v instanceof Number,
    isStringObject: (v) => typeof v === 'object' && v instanceof String,
    isSymbolObject: (v) => typeof v === 'object' && v !== null && tag(v) === 'Symbol',
    isBoxedPrimitive: (v) => typeof v === 'object' && v !== null && ['Number', 'String', 'Boolean', 'BigInt', 'Symbol'].includes(tag(v)) && !(v instanceof Error),
    isDataView: (v) => v instanceof DataView,
    isDate: (v) => v instanceof Date,
    isExternal: () => false,
    isMap: (v) => v instanceof Map,
    isSet: (v) => v instanceof Set,
    isWeakMap: (v) => v instanceof WeakMap,
    isWeakSet: (v) => v instanceof WeakSet,
    isMapIterator: (v) => tag(v) === 'Map Iterator',
    isSetIterator: (v) => tag(v) === 'Set Iterator',
    isModuleNamespaceObject: (v) => tag(v) === 'Module',
    isNativeError: (v) => v instanceof Error,
    isPromise: (v) => v instanceof Promise,
    isProxy: () => false,
    isRegExp: (v) => v instanceof RegExp,
    isTypedArray: isTyped,
    isUint8Array: typedIs('Uint8Array'),
    isUint8ClampedArray: typedIs('Uint8ClampedArray'),
    isUint16Array: typedIs('Uint16Array'),
    isUint32Array: typedIs('Uint32Array'),
    isInt8Array: typedIs('Int8Array'),
    isInt16Array: typedIs('Int16Array'),
    isInt32Array: typedIs('Int32Array'),
    isFloat16Array: typedIs('Float16Array'),
    isFloat32Array: typedIs('Float32Array'),
    isFloat64Array: typedIs('Float64Array'),
    isBigInt64Array: typedIs('BigInt64Array'),
    isBigUint64Array: typedIs('BigUint64Array'),
    isKeyObject: () => false,
    isCryptoKey: () => false,
  };
  if (name === 'util/types') return types;

  const customPromisify = Symbol.for('nodejs.util.promisify.custom');
  function promisify(original) {
    errors.validateFunction(original, 'original');
    // Node's timers carry util.promisify.custom: the timers/promises versions.
    if (original === G.setTimeout) return require('timers/promises').setTimeout;
    if (original === G.setImmediate) return require('timers/promises').setImmediate;
    if (original[customPromisify]) {
      const fn = original[customPromisify];
      errors.validateFunction(fn, 'util.promisify.custom');
      return Object.defineProperty(fn, customPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    }
    function fn(...args) {
      return new Promise((resolve, reject) => {
        Reflect.apply(original, this, [...args, (err, ...values) => {
          if (err) return reject(err);
          resolve(values[0]);
        }]);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, customPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
    Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
    return fn;
  }
  promisify.custom = customPromisify;
  function callbackify(original) {
    errors.validateFunction(original, 'original');
    function callbackified(...args) {
      const cb = args.pop();
      errors.validateFunction(cb, 'last argument');
      Reflect.apply(original, this, args).then(
        (ret) => G.process.nextTick(cb, null, ret),
        (rej) => {
          if (!rej) {
            const e = errors.make(Error, 'ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value');
            e.reason = rej;
            rej = e;
          }
          G.process.nextTick(cb, rej);
        });
    }
    Object.defineProperties(callbackified, { length: { value: original.length + 1, configurable: true }, name: { value: original.name + 'Callbackified', configurable: true } });
    return callbackified;
  }
  function deprecate(fn, msg, code) {
    errors.validateFunction(fn, 'fn');
    function deprecated(...args) {
      return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
    }
    Object.setPrototypeOf(deprecated, fn);
    if (fn.prototype) deprecated.prototype = fn.prototype;
    void msg; void code;
    return deprecated;
  }
  function inherits(ctor, superCtor) {
    if (ctor === undefined || ctor === null) throw errors.invalidArgType('ctor', 'Function', ctor);
    if (superCtor === undefined || superCtor === null) throw errors.invalidArgType('superCtor', 'Function', superCtor);
    if (superCtor.prototype === undefined) throw errors.invalidArgType('superCtor.prototype', 'Object', superCtor.prototype);
    Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }
  function parseArgs(config = {}) {
    const args = config.args !== undefined ? config.args : G.process.argv.slice(2);
    const options = config.options || {};
    const strict = config.strict !== undefined ? config.strict : true;
    const allowPositionals = config.allowPositionals !== undefined ? config.allowPositionals : !strict;
    const allowNegative = Boolean(config.allowNegative);
    const values = Object.create(null);
    const positionals = [];
    const tokens = [];
    const shortToLong = {};
    for (const [long, o] of Object.entries(options)) {
      if (o.type !== 'string' && o.type !== 'boolean') throw errors.invalidArgValue('options.' + long + '.type', o.type, "must be one of: 'string', 'boolean'");
      if (o.short !== undefined) shortToLong[o.short] = long;
    }
    const store = (long, value, raw, index, inlineValue) => {
      const o = options[long];
      if (o === undefined) {
        if (strict) {
          const shown = raw.startsWith('--') ? raw : '-' + raw.replace(/^-/, '');
          throw errors.make(TypeError, 'ERR_PARSE_ARGS_UNKNOWN_OPTION', "Unknown option '" + shown + "'" + (allowPositionals ? ". To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- \"" + shown + '"' : ''));
        }
      } else if (strict) {
        if (o.type === 'string' && typeof value !== 'string') throw errors.make(TypeError, 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', "Option '" + (o.short ? '-' + o.short + ', ' : '') + '--' + long + " <value>' argument missing");
        if (o.type === 'boolean' && typeof value === 'string' && inlineValue) throw errors.make(TypeError, 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', "Option '" + (o.short ? '-' + o.short + ', ' : '') + '--' + long + "' does not take an argument");
      }
      const v = value === undefined ? true : value;
      tokens.push({ kind: 'option', name: long, rawName: raw, index, value: value, inlineValue });
      if (o && o.multiple) (values[long] = values[long] || []).push(v);
      else values[long] = v;
    };
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--') { tokens.push({ kind: 'option-terminator', index: i }); for (const p of args.slice(i + 1)) positionals.push(p); break; }
      if (a.startsWith('--')) {
        const eq = a.indexOf('=');
        let long = eq >= 0 ? a.slice(2, eq) : a.slice(2);
        if (eq >= 0) { store(long, a.slice(eq + 1), '--' + long, i, true); continue; }
        if (allowNegative && long.startsWith('no-') && options[long.slice(3)] && options[long.slice(3)].type === 'boolean') { values[long.slice(3)] = false; continue; }
        const o = options[long];
        if (o && o.type === 'string' && i + 1 < args.length) { store(long, args[++i], a, i - 1, false); continue; }
        store(long, undefined, a, i, false);
        continue;
      }
      if (a.startsWith('-') && a.length > 1) {
        const letters = a.slice(1);
        for (let j = 0; j < letters.length; j++) {
          const long = shortToLong[letters[j]] || letters[j];
          const o = options[long];
          if (o && o.type === 'string') {
            const rest = letters.slice(j + 1);
            if (rest) store(long, rest, '-' + letters[j], i, true);
            else if (i + 1 < args.length) store(long, args[++i], '-' + letters[j], i - 1, false);
            else store(long, undefined, '-' + letters[j], i, false);
            break;
          }
          store(long, undefined, '-' + letters[j], i, false);
        }
        continue;
      }
      if (!allowPositionals && strict) throw errors.make(TypeError, 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL', "Unexpected argument '" + a + "'. This command does not take positional arguments");
      positionals.push(a);
      tokens.push({ kind: 'positional', index: i, value: a });
    }
    for (const [long, o] of Object.entries(options)) if (o.default !== undefined && values[long] === undefined) values[long] = o.default;
    const result = { values, positionals };
    if (config.tokens) result.tokens = tokens;
    return result;
  }
  const STYLES = new Set(['reset', 'bold', 'dim', 'italic', 'underline', 'blink', 'inverse', 'hidden', 'strikethrough', 'doubleunderline', 'black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray', 'grey', 'redBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright', 'whiteBright', 'blackBright', 'bgBlack', 'bgRed', 'bgGreen', 'bgYellow', 'bgBlue', 'bgMagenta', 'bgCyan', 'bgWhite', 'bgGray', 'bgRedBright', 'bgGreenBright', 'bgYellowBright', 'bgBlueBright', 'bgMagentaBright', 'bgCyanBright', 'bgWhiteBright', 'bgBlackBright', 'framed', 'overlined', 'none']);
  function styleText(format, text) {
    errors.validateString(text, 'text');
    for (const f of Array.isArray(format) ? format : [format]) {
      if (!STYLES.has(f)) throw errors.invalidArgValue('format', f, 'must be one of: ' + [...STYLES].join(', '));
    }
    return text;
  }
  const debugSections = String((G.process.env && G.process.env.NODE_DEBUG) || '').split(/[\s,]+/).filter(Boolean).map((s) => new RegExp('^' + s.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*') + '$', 'i'));
  function debuglog(section, cb) {
    const enabled = debugSections.some((re) => re.test(section));
    const fn = (...args) => { if (enabled) console.error('%s %d: %s', section.toUpperCase(), 1, x.format(...args)); };
    Object.defineProperty(fn, 'enabled', { get: () => enabled });
    if (cb && enabled) cb(fn);
    return fn;
  }
  function aborted(signal, resource) {
    if (signal === undefined) throw errors.invalidArgType('signal', 'AbortSignal', signal);
    errors.validateAbortSignal(signal, 'signal');
    if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) throw errors.invalidArgType('resource', 'object', resource);
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }
  function parseEnv(content) {
    errors.validateString(content, 'content');
    const out = {};
    const re = /^\s*(?:export\s+)?([\w.-]+)\s*=\s*("(?:\\.|[^"])*"|'[^']*'|`[^`]*`|[^#\n]*)?/gm;
    let m;
    while ((m = re.exec(content)) !== null) {
      let v = (m[2] || '').trim();
      if (v[0] === '"') v = v.slice(1, -1).replace(/\\n/g, '\n');
      else if (v[0] === "'" || v[0] === '`') v = v.slice(1, -1);
      out[m[1]] = v;
    }
    return out;
  }
  const compare = internal('compare');
  const util = {
    format: x.format,
    formatWithOptions: (opts, ...args) => {
      if (opts === null || typeof opts !== 'object') throw errors.invalidArgType('inspectOptions', 'object', opts);
      return x.formatWithOptions(opts, ...args);
    },
    inspect: x.inspect,
    promisify, callbackify, deprecate, inherits,
    isDeepStrictEqual: compare.isDeepStrictEqual,
    isArray: Array.isArray,
    types,
    TextEncoder: web.TextEncoder,
    TextDecoder: web.TextDecoder,
    parseArgs, styleText, debuglog, debug: debuglog, aborted, parseEnv,
    stripVTControlCharacters: (s) => { errors.validateString(s, 'str'); return s.replace(/[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g, ''); },
    toUSVString: (s) => String(s).replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'),
    transferableAbortController: () => new web.AbortController(),
    transferableAbortSignal: (s) => s,
  };
  return util;
})
