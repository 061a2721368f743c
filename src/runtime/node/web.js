// The web globals Node gives every module: TextEncoder/TextDecoder, atob/
// btoa, DOMException, Event/EventTarget/CustomEvent, AbortController/
// AbortSignal (timeouts in virtual time), structuredClone, performance
// (virtual time, origin at the environment's start) and navigator.
(function (N, G, require, internal) {
  'use strict';
  const errors = internal('errors');
  const INSPECT = Symbol.for('nodejs.util.inspect.custom');

  // ---- DOMException ----
  const CODES = { IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5, NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InUseAttributeError: 10, InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25 };
  class DOMException extends Error {
    constructor(message = '', options = 'Error') {
      super(String(message));
      let name = options;
      if (options !== null && typeof options === 'object') {
        name = 'name' in options ? options.name : 'Error';
        if ('cause' in options) Object.defineProperty(this, 'cause', { value: options.cause, writable: true, configurable: true });
      }
      Object.defineProperty(this, '_name', { value: String(name), enumerable: false });
      errors.setStack(this, 'DOMException [' + this._name + ']: ' + this.message);
    }
    get name() { return this._name; }
    get code() { return CODES[this._name] || 0; }
  }
  for (const [n, c] of Object.entries(CODES)) {
    const k = n.replace(/Error$/, '').replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase() + '_ERR';
    Object.defineProperty(DOMException, k, { value: c, enumerable: true });
    Object.defineProperty(DOMException.prototype, k, { value: c, enumerable: true });
  }
  Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: 'DOMException', configurable: true });

  // ---- TextEncoder / TextDecoder ----
  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(input = '') { return new Uint8Array(N.encode(String(input), 'utf8')); }
    encodeInto(src, dest) {
      if (!(dest instanceof Uint8Array)) throw errors.invalidArgType('dest', 'Uint8Array', dest);
      src = String(src);
      const all = new Uint8Array(N.encode(src, 'utf8'));
      if (all.length <= dest.length) { dest.set(all); return { read: src.length, written: all.length }; }
      let read = 0, written = 0;
      for (const ch of src) {
        const c = ch.codePointAt(0);
        const n = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        if (written + n > dest.length) break;
        written += n;
        read += ch.length;
      }
      dest.set(all.subarray(0, written));
      return { read, written };
    }
    [INSPECT]() { return "TextEncoder { encoding: 'utf-8' }"; }
  }
  const LABELS = {
    'utf-8': ['utf-8', 'utf8', 'unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'x-unicode20utf8'],
    'utf-16le': ['utf-16le', 'utf-16', 'ucs-2', 'unicode', 'csunicode', 'iso-10646-ucs-2', 'unicodefeff'],
    'windows-1252': ['windows-1252', 'latin1', 'iso-8859-1', 'ascii', 'us-ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-ir-100', 'iso8859-1', 'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'x-cp1252', 'ansi_x3.4-1968'],
  };
  const CP1252 = [0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178];
  function bytesOf(input) {
    if (input === undefined) return new Uint8Array(0);
    if (input instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && input instanceof SharedArrayBuffer)) return new Uint8Array(input);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    throw errors.invalidArgType('input', ['ArrayBuffer', 'ArrayBufferView'], input);
  }
  // How many bytes at the end of `b` start a utf-8 sequence that is not complete.
  function incompleteTail(b) {
    for (let back = 1; back <= Math.min(3, b.length); back++) {
      const c = b[b.length - back];
      if ((c & 0xc0) === 0x80) continue;
      const need = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 1;
      return need > back ? back : 0;
    }
    return 0;
  }
  class TextDecoder {
    constructor(encoding = 'utf-8', options = {}) {
      const label = String(encoding).trim().toLowerCase();
      const enc = Object.keys(LABELS).find((k) => LABELS[k].includes(label));
      if (!enc) throw errors.make(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', 'The "' + encoding + '" encoding is not supported');
      if (options !== null && typeof options !== 'object' && options !== undefined) throw errors.invalidArgType('options', 'object', options);
      this._enc = enc;
      this._fatal = Boolean(options && options.fatal);
      this._ignoreBOM = Boolean(options && options.ignoreBOM);
      this._pending = null;
      this._bomSeen = false;
    }
    get encoding() { return this._enc; }
    get fatal() { return this._fatal; }
    get ignoreBOM() { return this._ignoreBOM; }
    decode(input = undefined, options = {}) {
      let b = bytesOf(input);
      const stream = Boolean(options && options.stream);
      if (this._pending) { const j = new Uint8Array(this._pending.length + b.length); j.set(this._pending); j.set(b, this._pending.length); b = j; this._pending = null; }
      let out;
      if (this._enc === 'utf-8') {
        if (stream) { const t = incompleteTail(b); if (t) { this._pending = b.slice(b.length - t); b = b.subarray(0, b.length - t); } }
        out = N.decode(b, 'utf8', this._fatal);
        if (out === undefined) throw errors.make(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', 'The encoded data was not valid for encoding utf-8');
      } else if (this._enc === 'utf-16le') {
        if (b.length % 2) {
          if (stream) { this._pending = b.slice(b.length - 1); b = b.subarray(0, b.length - 1); }
          else if (this._fatal) throw errors.make(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', 'The encoded data was not valid for encoding utf-16le');
        }
        out = N.decode(b.subarray(0, b.length - (b.length % 2)), 'utf16le') + (b.length % 2 ? '\ufffd' : '');
      } else {
        out = N.decode(b, 'latin1');
        if (/[\x80-\x9f]/.test(out)) out = out.replace(/[\x80-\x9f]/g, (c) => String.fromCharCode(CP1252[c.charCodeAt(0) - 0x80]));
      }
      if (!this._ignoreBOM && !this._bomSeen && out.length > 0) {
        if (out.charCodeAt(0) === 0xfeff && this._enc !== 'windows-1252') out = out.slice(1);
        this._bomSeen = true;
      }
      if (!stream) { this._bomSeen = false; this._pending = null; }
      return out;
    }
    [INSPECT]() { return 'TextDecoder { encoding: ' + "'" + this._enc + "', fatal: " + this._fatal + ', ignoreBOM: ' + this._ignoreBOM + ' }'; }
  }

  // ---- atob / btoa ----
  function atob(input) {
    if (arguments.length === 0) throw errors.make(TypeError, 'ERR_MISSING_ARGS', 'The "input" argument must be specified');
    let s = String(input).replace(/[\t\n\f\r ]/g, '');
    if (s.length % 4 === 0) s = s.replace(/={1,2}$/, '');
    if (s.length % 4 === 1) throw new DOMException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
    if (/[^A-Za-z0-9+/]/.test(s)) throw new DOMException('Invalid character', 'InvalidCharacterError');
    return N.decode(new Uint8Array(N.encode(s, 'base64')), 'latin1');
  }
  function btoa(input) {
    if (arguments.length === 0) throw errors.make(TypeError, 'ERR_MISSING_ARGS', 'The "input" argument must be specified');
    const s = String(input);
    for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) throw new DOMException('Invalid character', 'InvalidCharacterError');
    return N.decode(new Uint8Array(N.encode(s, 'latin1')), 'base64');
  }

  // ---- Event / EventTarget ----
  const STOP = Symbol('stop');
  class Event {
    constructor(type, options = {}) {
      if (arguments.length === 0) throw errors.make(TypeError, 'ERR_MISSING_ARGS', 'The "type" argument must be specified');
      this._type = String(type);
      this._bubbles = Boolean(options && options.bubbles);
      this._cancelable = Boolean(options && options.cancelable);
      this._composed = Boolean(options && options.composed);
      this._defaultPrevented = false;
      this._timeStamp = performance.now();
      this._target = null;
      this._current = null;
      this[STOP] = false;
      this._propagationStopped = false;
    }
    get type() { return this._type; }
    get bubbles() { return this._bubbles; }
    get cancelable() { return this._cancelable; }
    get composed() { return this._composed; }
    get defaultPrevented() { return this._cancelable && this._defaultPrevented; }
    get returnValue() { return !this.defaultPrevented; }
    get timeStamp() { return this._timeStamp; }
    get target() { return this._target; }
    get currentTarget() { return this._current; }
    get srcElement() { return this._target; }
    get isTrusted() { return false; }
    get eventPhase() { return this._current ? 2 : 0; }
    get cancelBubble() { return this._propagationStopped; }
    composedPath() { return this._current ? [this._current] : []; }
    preventDefault() { this._defaultPrevented = true; }
    stopPropagation() { this._propagationStopped = true; }
    stopImmediatePropagation() { this[STOP] = true; this._propagationStopped = true; }
    get [Symbol.toStringTag]() { return 'Event'; }
  }
  Object.assign(Event, { NONE: 0, CAPTURING_PHASE: 1, AT_TARGET: 2, BUBBLING_PHASE: 3 });
  class CustomEvent extends Event {
    constructor(type, options = {}) { super(type, options); this._detail = options && options.detail !== undefined ? options.detail : null; }
    get detail() { return this._detail; }
  }
  const LISTENERS = Symbol('listeners');
  class EventTarget {
    constructor() { Object.defineProperty(this, LISTENERS, { value: new Map() }); }
    addEventListener(type, listener, options = {}) {
      if (arguments.length < 2) throw errors.make(TypeError, 'ERR_MISSING_ARGS', 'The "type" and "listener" arguments must be specified');
      if (listener == null) return;
      const opts = typeof options === 'boolean' ? { capture: options } : options || {};
      const signal = opts.signal;
      if (signal && signal.aborted) return;
      type = String(type);
      if (!this[LISTENERS].has(type)) this[LISTENERS].set(type, []);
      const list = this[LISTENERS].get(type);
      const capture = Boolean(opts.capture);
      if (list.some((l) => l.listener === listener && l.capture === capture)) return;
      list.push({ listener, capture, once: Boolean(opts.once), removed: false });
      if (signal) signal.addEventListener('abort', () => this.removeEventListener(type, listener, { capture }), { once: true });
    }
    removeEventListener(type, listener, options = {}) {
      const capture = Boolean(typeof options === 'boolean' ? options : options && options.capture);
      const list = this[LISTENERS].get(String(type));
      if (!list) return;
      const i = list.findIndex((l) => l.listener === listener && l.capture === capture);
      if (i >= 0) { list[i].removed = true; list.splice(i, 1); }
    }
    dispatchEvent(event) {
      if (!(event instanceof Event)) throw errors.invalidArgType('event', 'Event', event);
      event._target = this;
      event._current = this;
      const list = (this[LISTENERS].get(event.type) || []).slice();
      for (const l of list) {
        if (l.removed) continue;
        if (l.once) this.removeEventListener(event.type, l.listener, { capture: l.capture });
        try {
          const fn = typeof l.listener === 'function' ? l.listener : l.listener.handleEvent;
          const r = fn.call(typeof l.listener === 'function' ? this : l.listener, event);
          if (r && typeof r.then === 'function') r.then(undefined, (e) => G.process.nextTick(() => { throw e; }));
        } catch (e) {
          G.process.nextTick(() => { throw e; });
        }
        if (event[STOP]) break;
      }
      event._current = null;
      return !event.defaultPrevented;
    }
    get [Symbol.toStringTag]() { return 'EventTarget'; }
  }

  // ---- AbortController / AbortSignal ----
  const ABORT = Symbol('abort');
  class AbortSignal extends EventTarget {
    constructor(key) {
      if (key !== ABORT) throw new TypeError('Illegal constructor');
      super();
      this._aborted = false;
      this._reason = undefined;
      this.onabort = null;
    }
    get aborted() { return this._aborted; }
    get reason() { return this._reason; }
    throwIfAborted() { if (this._aborted) throw this._reason; }
    [ABORT](reason) {
      if (this._aborted) return;
      this._aborted = true;
      this._reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
      const e = new Event('abort');
      if (typeof this.onabort === 'function') this.onabort.call(this, e);
      this.dispatchEvent(e);
    }
    static abort(reason) { const s = new AbortSignal(ABORT); s[ABORT](reason); return s; }
    static timeout(delay) {
      errors.validateInteger(delay, 'delay', 0, Number.MAX_SAFE_INTEGER);
      const s = new AbortSignal(ABORT);
      G.setTimeout(() => s[ABORT](new DOMException('The operation was aborted due to timeout', 'TimeoutError')), delay);
      return s;
    }
    static any(signals) {
      if (signals == null || typeof signals[Symbol.iterator] !== 'function') throw errors.invalidArgType('signals', 'Array', signals);
      const list = [...signals];
      list.forEach((s, i) => { if (!(s instanceof AbortSignal)) throw errors.invalidArgType('signals[' + i + ']', 'AbortSignal', s); });
      const out = new AbortSignal(ABORT);
      const done = list.find((s) => s.aborted);
      if (done) { out[ABORT](done.reason); return out; }
      for (const s of list) s.addEventListener('abort', () => out[ABORT](s.reason), { once: true });
      return out;
    }
    [INSPECT]() { return 'AbortSignal { aborted: ' + this._aborted + ' }'; }
    get [Symbol.toStringTag]() { return 'AbortSignal'; }
  }
  class AbortController {
    constructor() { this._signal = new AbortSignal(ABORT); }
    get signal() { return this._signal; }
    abort(reason) { this._signal[ABORT](reason); }
    [INSPECT]() { return 'AbortController { signal: AbortSignal { aborted: ' + this._signal.aborted + ' } }'; }
    get [Symbol.toStringTag]() { return 'AbortController'; }
  }

  // ---- structuredClone ----
  const ERRORS = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
  function cloneError(v) { return new DOMException(describe(v) + ' could not be cloned.', 'DataCloneError'); }
  function describe(v) {
    if (typeof v === 'function') return Function.prototype.toString.call(v);
    if (typeof v === 'symbol') return v.toString();
    const tag = Object.prototype.toString.call(v).slice(8, -1);
    return '#<' + (v.constructor && v.constructor.name ? v.constructor.name : tag) + '>';
  }
  function structuredClone(value, options = undefined) {
    if (arguments.length === 0) throw errors.make(TypeError, 'ERR_MISSING_ARGS', 'The "value" argument must be specified');
    const transfer = options && options.transfer ? [...options.transfer] : [];
    const memory = new Map();
    const transferred = new Map();
    for (const t of transfer) {
      if (!(t instanceof ArrayBuffer)) throw new DOMException('Value not transferable', 'DataCloneError');
      transferred.set(t, typeof t.transfer === 'function' ? null : t.slice(0));
    }
    function clone(v) {
      if (v === null || (typeof v !== 'object' && typeof v !== 'function' && typeof v !== 'symbol')) return v;
      if (typeof v === 'function' || typeof v === 'symbol') throw cloneError(v);
      if (memory.has(v)) return memory.get(v);
      let out;
      if (v instanceof ArrayBuffer) {
        if (transferred.has(v)) {
          out = transferred.get(v) || v.transfer();
        } else out = v.slice(0);
        memory.set(v, out);
        return out;
      }
      if (ArrayBuffer.isView(v)) {
        const buf = clone(v.buffer);
        const Ctor = v instanceof DataView ? DataView : Object.getPrototypeOf(Object.getPrototypeOf(v)) === Uint8Array.prototype && v.constructor.name === 'Buffer' ? Uint8Array : G[Object.prototype.toString.call(v).slice(8, -1)];
        out = v instanceof DataView ? new DataView(buf, v.byteOffset, v.byteLength) : new Ctor(buf, v.byteOffset, v.length);
        memory.set(v, out);
        return out;
      }
      if (v instanceof Date) out = new Date(v.getTime());
      else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
      else if (v instanceof Boolean || v instanceof Number || v instanceof String || (typeof BigInt === 'function' && Object.prototype.toString.call(v) === '[object BigInt]')) out = Object(v.valueOf());
      else if (v instanceof Error) {
        const Ctor = ERRORS[v.name] || Error;
        out = Object.create(Ctor.prototype);
        memory.set(v, out);
        if ('message' in v) Object.defineProperty(out, 'message', { value: String(v.message), writable: true, configurable: true });
        if (typeof v.stack === 'string') Object.defineProperty(out, 'stack', { value: v.stack, writable: true, configurable: true });
        if ('cause' in v) Object.defineProperty(out, 'cause', { value: clone(v.cause), writable: true, configurable: true });
        return out;
      } else if (v instanceof Map) {
        out = new Map();
        memory.set(v, out);
        for (const [k, x] of v) out.set(clone(k), clone(x));
        return out;
      } else if (v instanceof Set) {
        out = new Set();
        memory.set(v, out);
        for (const x of v) out.add(clone(x));
        return out;
      } else if (Array.isArray(v)) {
        out = new Array(v.length);
        memory.set(v, out);
        for (const k of Object.keys(v)) out[k] = clone(v[k]);
        return out;
      } else if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet || (typeof WeakRef === 'function' && v instanceof WeakRef)) {
        throw cloneError(v);
      } else if (typeof Blob === 'function' && Object.prototype.toString.call(v) === '[object Blob]') {
        out = v.slice(0, v.size, v.type);
      } else {
        out = {};
        memory.set(v, out);
        for (const k of Object.keys(v)) out[k] = clone(v[k]);
        return out;
      }
      memory.set(v, out);
      return out;
    }
    const result = clone(value);
    return result;
  }

  // ---- performance, in virtual time ----
  const origin = N.startedAt();
  const entries = [];
  class PerformanceEntry {
    constructor(name, entryType, startTime, duration, detail) { this.name = name; this.entryType = entryType; this.startTime = startTime; this.duration = duration; if (detail !== undefined) this.detail = detail; }
    toJSON() { return { name: this.name, entryType: this.entryType, startTime: this.startTime, duration: this.duration, detail: this.detail }; }
  }
  const performance = {
    get timeOrigin() { return origin; },
    now() { return N.now() - origin; },
    mark(name, options = {}) {
      const e = new PerformanceEntry(String(name), 'mark', options.startTime !== undefined ? options.startTime : performance.now(), 0, options.detail === undefined ? null : options.detail);
      entries.push(e);
      return e;
    },
    measure(name, start, end) {
      const at = (m, dflt) => {
        if (m === undefined) return dflt;
        if (typeof m === 'number') return m;
        const e = entries.filter((x) => x.name === m && x.entryType === 'mark').pop();
        if (!e) throw new DOMException("The \"" + m + "\" performance mark has not been set", 'SyntaxError');
        return e.startTime;
      };
      let s, en, detail;
      if (start !== null && typeof start === 'object') { s = at(start.start, 0); en = start.end !== undefined ? at(start.end) : start.duration !== undefined ? s + start.duration : performance.now(); detail = start.detail; }
      else { s = at(start, 0); en = at(end, performance.now()); }
      const e = new PerformanceEntry(String(name), 'measure', s, en - s, detail === undefined ? null : detail);
      entries.push(e);
      return e;
    },
    clearMarks(name) { for (let i = entries.length - 1; i >= 0; i--) if (entries[i].entryType === 'mark' && (name === undefined || entries[i].name === name)) entries.splice(i, 1); },
    clearMeasures(name) { for (let i = entries.length - 1; i >= 0; i--) if (entries[i].entryType === 'measure' && (name === undefined || entries[i].name === name)) entries.splice(i, 1); },
    getEntries() { return entries.slice(); },
    getEntriesByName(name, type) { return entries.filter((e) => e.name === name && (type === undefined || e.entryType === type)); },
    getEntriesByType(type) { return entries.filter((e) => e.entryType === type); },
    toJSON() { return { timeOrigin: origin, nodeTiming: {}, eventLoopUtilization: {} }; },
    eventLoopUtilization() { return { idle: 0, active: 0, utilization: 0 }; },
    timerify(fn) { return fn; },
    get [Symbol.toStringTag]() { return 'Performance'; },
  };

  // ---- navigator ----
  const major = String(G.process.version).replace(/^v/, '').split('.')[0];
  const navigator = {
    get hardwareConcurrency() { return require('os').availableParallelism(); },
    language: 'en-US',
    languages: ['en-US'],
    platform: 'linux',
    userAgent: 'Node.js/' + major,
    get [Symbol.toStringTag]() { return 'Navigator'; },
  };

  return { DOMException, TextEncoder, TextDecoder, atob, btoa, Event, CustomEvent, EventTarget, AbortController, AbortSignal, structuredClone, performance, PerformanceEntry, navigator };
})
