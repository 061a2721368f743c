// Stratus runtime extras, compiled on first use: util.format and
// util.inspect (what console prints), so a cold start parses none of it.
// inspect follows Node's layout rules: single quotes unless the string has
// them, `compact: 3` with a break length of 80, numeric arrays of more than
// six items grouped in columns, `[Circular *1]` / `<ref *1>`, class names,
// `[Getter]`, `inspect.custom`, typed arrays, ArrayBuffers and promises.
(function (N, G) {
  'use strict';
  const customSymbol = Symbol.for('nodejs.util.inspect.custom');
  const defaultOptions = { showHidden: false, depth: 2, colors: false, customInspect: true, showProxy: false, maxArrayLength: 100, maxStringLength: 10000, breakLength: 80, compact: 3, sorted: false, getters: false, numericSeparator: false };
  const isPlainKey = (k) => /^[A-Za-z_$][\w$]*$/.test(k);
  const ESC = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\\': '\\\\' };
  function quote(s) {
    let q = "'";
    if (s.includes("'")) { if (!s.includes('"')) q = '"'; else if (!s.includes('`') && !s.includes('${')) q = '`'; }
    const body = s.replace(/[\\\n\t\r\b\f\v]|[\x00-\x1f\x7f]/g, (c) => ESC[c] || '\\x' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
    return q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
  }
  const keyString = (k) => (typeof k === 'symbol' ? '[' + k.toString() + ']' : isPlainKey(k) ? k : quote(k));
  const tagOf = (v) => Object.prototype.toString.call(v).slice(8, -1);
  function ctorName(v) {
    let o = v;
    while (o) {
      const d = Object.getOwnPropertyDescriptor(o, 'constructor');
      if (d && typeof d.value === 'function' && d.value.name) return d.value.name;
      o = Object.getPrototypeOf(o);
    }
    return null;
  }
  function prefixOf(v, fallback, size) {
    const ctor = ctorName(v);
    const tag = v[Symbol.toStringTag];
    let p;
    if (ctor === null) p = '[' + fallback + (size !== undefined ? size : '') + ': null prototype]';
    else p = ctor + (size !== undefined ? size : '');
    if (typeof tag === 'string' && tag !== '' && tag !== ctor && ctor !== null) p += ' [' + tag + ']';
    return p;
  }
  function groupArrayElements(ctx, output, value) {
    let totalLength = 0, maxLength = 0;
    let outputLength = output.length;
    if (ctx.extraItems) outputLength--;
    const sep = 2;
    const dataLen = [];
    for (let i = 0; i < outputLength; i++) {
      const len = output[i].length;
      dataLen.push(len);
      totalLength += len + sep;
      if (maxLength < len) maxLength = len;
    }
    const actualMax = maxLength + sep;
    if (actualMax * 3 + ctx.indentationLvl < ctx.breakLength && (totalLength / actualMax > 5 || maxLength <= 6)) {
      const averageBias = Math.sqrt(actualMax - totalLength / output.length);
      const biasedMax = Math.max(actualMax - 3 - averageBias, 1);
      const columns = Math.min(Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax), Math.floor((ctx.breakLength - ctx.indentationLvl) / actualMax), ctx.compact * 4, 15);
      if (columns <= 1) return output;
      const tmp = [];
      const maxLineLength = [];
      for (let i = 0; i < columns; i++) {
        let lineLength = 0;
        for (let j = i; j < output.length; j += columns) if (dataLen[j] > lineLength) lineLength = dataLen[j];
        maxLineLength.push(lineLength + sep);
      }
      let padStart = true;
      if (value !== undefined) {
        for (let i = 0; i < output.length; i++) if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') { padStart = false; break; }
      }
      for (let i = 0; i < outputLength; i += columns) {
        const max = Math.min(i + columns, outputLength);
        let str = '';
        let j = i;
        for (; j < max - 1; j++) {
          const s = output[j] + ', ';
          str += padStart ? s.padStart(maxLineLength[j - i], ' ') : s.padEnd(maxLineLength[j - i], ' ');
        }
        str += padStart ? output[j].padStart(maxLineLength[j - i] - sep, ' ') : output[j];
        tmp.push(str);
      }
      if (ctx.extraItems) tmp.push(output[outputLength]);
      return tmp;
    }
    return output;
  }
  function reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes, value) {
    if (ctx.compact !== true) {
      if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
        const entries = output.length;
        if (isArrayLike && entries > 6) output = groupArrayElements(ctx, output, value);
        if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
          const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
          let total = output.length + start;
          let below = total + output.length <= ctx.breakLength;
          for (let i = 0; below && i < output.length; i++) { total += output[i].length; if (total > ctx.breakLength) below = false; }
          if (below && (base === '' || !base.includes('\n'))) {
            const joined = output.join(', ');
            if (!joined.includes('\n')) return (base ? base + ' ' : '') + braces[0] + ' ' + joined + ' ' + braces[1];
          }
        }
      }
      const ind = '\n' + ' '.repeat(ctx.indentationLvl);
      return (base ? base + ' ' : '') + braces[0] + ind + '  ' + output.join(',' + ind + '  ') + ind + braces[1];
    }
    const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
    const joined = output.join(', ');
    if (start + joined.length <= ctx.breakLength && !joined.includes('\n')) return (base ? base + ' ' : '') + braces[0] + ' ' + joined + ' ' + braces[1];
    const ind = '\n' + ' '.repeat(ctx.indentationLvl);
    return (base ? base + ' ' : '') + braces[0] + ind + '  ' + output.join(',' + ind + '  ') + ind + braces[1];
  }
  function formatNumber(n, sep) {
    if (Object.is(n, -0)) return '-0';
    if (!sep || !Number.isInteger(n)) return String(n);
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '_');
  }
  function formatPrimitive(v, ctx) {
    switch (typeof v) {
      case 'string': {
        let s = v, extra = '';
        if (s.length > ctx.maxStringLength) { extra = "... " + (s.length - ctx.maxStringLength) + ' more character' + (s.length - ctx.maxStringLength > 1 ? 's' : ''); s = s.slice(0, ctx.maxStringLength); }
        return quote(s) + extra;
      }
      case 'number': return formatNumber(v, ctx.numericSeparator);
      case 'bigint': return v + 'n';
      case 'boolean': return String(v);
      case 'undefined': return 'undefined';
      case 'symbol': return v.toString();
    }
    return String(v);
  }
  // The stack with Node's header: boa's `stack` holds only the frames, so
  // the header is built as Node's improveStack does (`MyError: msg` for a
  // subclass, `DOMException [AbortError]: msg` when the names differ).
  function formatError(err) {
    let stack = typeof err.stack === 'string' && err.stack ? N.mapStack(err.stack) : '';
    stack = stack.replace(/\n+$/, '');
    const name = err.name === undefined ? 'Error' : String(err.name);
    const message = err.message === undefined ? '' : String(err.message);
    if (!stack || /^\s+at /.test(stack)) {
      let header = name + (message ? ': ' + message : '');
      const ctor = ctorName(err);
      if (ctor === null) header = '[' + header + ']';
      else if (ctor !== name && name.endsWith('Error')) header = (ctor.includes(name) ? ctor : ctor + ' [' + name + ']') + (message ? ': ' + message : '');
      stack = stack ? header + '\n' + stack : '[' + header + ']';
    }
    return stack;
  }
  function formatValue(ctx, v, recurseTimes, typedArray) {
    if (v === null) return 'null';
    if (typeof v !== 'object' && typeof v !== 'function') return formatPrimitive(v, ctx);
    if (ctx.customInspect) {
      const custom = v[customSymbol];
      if (typeof custom === 'function' && custom !== inspect && !(Object.getOwnPropertyDescriptor(v, 'constructor') && Object.getOwnPropertyDescriptor(v, 'constructor').value && Object.getOwnPropertyDescriptor(v, 'constructor').value.prototype === v)) {
        const depth = ctx.depth === null ? null : ctx.depth - recurseTimes;
        const opts = Object.assign({}, ctx.userOptions, { depth, indentationLvl: ctx.indentationLvl });
        const ret = custom.call(v, depth, opts, inspect);
        if (ret !== v) {
          if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
          return ret.replace(/\n/g, '\n' + ' '.repeat(ctx.indentationLvl));
        }
      }
    }
    if (ctx.seen.includes(v)) {
      let index = ctx.circular.get(v);
      if (index === undefined) { index = ctx.circular.size + 1; ctx.circular.set(v, index); }
      return '[Circular *' + index + ']';
    }
    return formatRaw(ctx, v, recurseTimes, typedArray);
  }
  function ownKeys(v, ctx) {
    const keys = Object.keys(v);
    const syms = Object.getOwnPropertySymbols(v).filter((s) => ctx.showHidden || Object.prototype.propertyIsEnumerable.call(v, s));
    if (ctx.showHidden) for (const k of Object.getOwnPropertyNames(v)) if (!keys.includes(k)) keys.push(k);
    return keys.concat(syms);
  }
  function formatProperty(ctx, v, recurseTimes, key, arrayLike) {
    const desc = Object.getOwnPropertyDescriptor(v, key) || { value: v[key], enumerable: true };
    let str;
    if (desc.value !== undefined || !('get' in desc)) {
      const diff = ctx.compact !== true ? 2 : 3;
      ctx.indentationLvl += diff;
      str = formatValue(ctx, desc.value, recurseTimes);
      ctx.indentationLvl -= diff;
    } else if (desc.get !== undefined) {
      str = desc.set !== undefined ? '[Getter/Setter]' : '[Getter]';
      if (ctx.getters) { try { str = '[Getter: ' + formatValue(ctx, desc.get.call(v), recurseTimes) + ']'; } catch (e) { /* keep [Getter] */ } }
    } else str = desc.set !== undefined ? '[Setter]' : 'undefined';
    if (arrayLike) return str;
    const name = desc.enumerable === false ? '[' + keyString(key) + ']' : keyString(key);
    return name + ': ' + str;
  }
  function formatRaw(ctx, v, recurseTimes, typedArray) {
    let keys = ownKeys(v, ctx);
    let base = '', braces = ['{', '}'], output = [], isArrayLike = false;
    let formatter = null;
    const tag = tagOf(v);
    if (Array.isArray(v)) {
      const p = prefixOf(v, 'Array', '(' + v.length + ')');
      braces = [(p === 'Array(' + v.length + ')' ? '' : p + ' ') + '[', ']'];
      keys = keys.filter((k) => typeof k === 'symbol' || !/^(0|[1-9]\d*)$/.test(k) || +k >= v.length);
      isArrayLike = true;
      formatter = () => formatArray(ctx, v, recurseTimes);
      if (v.length === 0 && keys.length === 0) return braces[0] + ']';
    } else if (typeof v === 'function') {
      base = functionBase(v);
      keys = keys.filter((k) => k !== 'prototype');
      if (keys.length === 0) return base;
    } else if (v instanceof Error) {
      base = formatError(v);
      keys = keys.filter((k) => k !== 'stack' && k !== 'message');
      if (Object.prototype.hasOwnProperty.call(v, 'cause') && !keys.includes('cause')) keys.push('cause');
      if (keys.length === 0) return ctx.indentationLvl ? base.replace(/\n/g, '\n' + ' '.repeat(ctx.indentationLvl)) : base;
      if (ctx.indentationLvl) base = base.replace(/\n/g, '\n' + ' '.repeat(ctx.indentationLvl));
    } else if (v instanceof Map) {
      braces = [prefixOf(v, 'Map', '(' + v.size + ')') + ' {', '}'];
      formatter = () => { const out = []; ctx.indentationLvl += 2; for (const [k, x] of v) out.push(formatValue(ctx, k, recurseTimes) + ' => ' + formatValue(ctx, x, recurseTimes)); ctx.indentationLvl -= 2; return out; };
      if (v.size === 0 && keys.length === 0) return braces[0] + '}';
    } else if (v instanceof Set) {
      braces = [prefixOf(v, 'Set', '(' + v.size + ')') + ' {', '}'];
      isArrayLike = false;
      formatter = () => { const out = []; ctx.indentationLvl += 2; for (const x of v) out.push(formatValue(ctx, x, recurseTimes)); ctx.indentationLvl -= 2; return out; };
      if (v.size === 0 && keys.length === 0) return braces[0] + '}';
    } else if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const isBuffer = ctorName(v) === 'Buffer';
      if (isBuffer) {
        const hex = [];
        for (let i = 0; i < Math.min(v.length, 50); i++) hex.push((v[i] < 16 ? '0' : '') + v[i].toString(16));
        let s = '<Buffer' + (hex.length ? ' ' + hex.join(' ') : '') + (v.length > 50 ? ' ... ' + (v.length - 50) + ' more byte' + (v.length - 50 > 1 ? 's' : '') : '');
        const extra = keys.filter((k) => typeof k === 'symbol' || !/^\d+$/.test(k));
        if (extra.length) s += ', ' + extra.map((k) => formatProperty(ctx, v, recurseTimes + 1, k, false)).join(', ');
        return s + '>';
      }
      braces = [prefixOf(v, tag, '(' + v.length + ')') + ' [', ']'];
      keys = keys.filter((k) => typeof k === 'symbol' || !/^\d+$/.test(k));
      isArrayLike = true;
      formatter = () => {
        const out = [];
        const n = Math.min(v.length, ctx.maxArrayLength);
        for (let i = 0; i < n; i++) out.push(typeof v[i] === 'bigint' ? v[i] + 'n' : formatNumber(v[i], ctx.numericSeparator));
        if (v.length > n) { out.push('... ' + (v.length - n) + ' more item' + (v.length - n > 1 ? 's' : '')); ctx.extraItems = true; }
        return out;
      };
      if (v.length === 0 && keys.length === 0) return braces[0] + ']';
    } else if (v instanceof ArrayBuffer || tag === 'SharedArrayBuffer') {
      const bytes = new Uint8Array(v);
      const hex = [];
      for (let i = 0; i < Math.min(bytes.length, 50); i++) hex.push((bytes[i] < 16 ? '0' : '') + bytes[i].toString(16));
      braces = [prefixOf(v, tag) + ' {', '}'];
      formatter = () => ['[Uint8Contents]: <' + hex.join(' ') + (bytes.length > 50 ? ' ... ' + (bytes.length - 50) + ' more byte' + (bytes.length - 50 > 1 ? 's' : '') : '') + '>', 'byteLength: ' + formatNumber(v.byteLength, false)];
    } else if (v instanceof Date) {
      base = isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
      const p = prefixOf(v, 'Date');
      if (p !== 'Date') base = p + ' ' + base;
      if (keys.length === 0) return base;
    } else if (v instanceof RegExp) {
      base = RegExp.prototype.toString.call(v);
      const p = prefixOf(v, 'RegExp');
      if (p !== 'RegExp') base = p + ' ' + base;
      if (keys.length === 0) return base;
    } else if (v instanceof Promise) {
      const [state, result] = N.promiseState(v);
      braces = [prefixOf(v, 'Promise') + ' {', '}'];
      formatter = () => {
        if (state === 'pending') return ['<pending>'];
        ctx.indentationLvl += 2;
        const s = formatValue(ctx, result, recurseTimes);
        ctx.indentationLvl -= 2;
        return [state === 'rejected' ? '<rejected> ' + s : s];
      };
    } else if (v instanceof WeakMap || v instanceof WeakSet) {
      return prefixOf(v, tag) + ' { <items unknown> }';
    } else if (v instanceof Number || v instanceof String || v instanceof Boolean || tag === 'BigInt' || tag === 'Symbol') {
      const prim = v.valueOf();
      const type = tag;
      base = '[' + type + ': ' + formatPrimitive(prim, ctx) + ']';
      if (v instanceof String) keys = keys.filter((k) => typeof k === 'symbol' || !/^\d+$/.test(k) || +k >= prim.length);
      if (keys.length === 0) return base;
    } else if (tag === 'Map Iterator' || tag === 'Set Iterator') {
      braces = ['[' + tag + '] {', '}'];
      formatter = () => ['...'];
    } else if (tag === 'Module') {
      braces = ['[Module: null prototype] {', '}'];
    } else if (tag === 'Arguments') {
      braces = ['[Arguments] [', ']'];
      isArrayLike = true;
    } else {
      const p = prefixOf(v, 'Object');
      if (p === 'Object') {
        const t = v[Symbol.toStringTag];
        if (typeof t === 'string' && t !== '') braces[0] = 'Object [' + t + '] {';
      } else braces[0] = p + ' {';
      if (keys.length === 0 && !formatter) return braces[0] + '}';
    }
    if (recurseTimes > ctx.depth && ctx.depth !== null) {
      const name = (Array.isArray(v) ? 'Array' : ctorName(v)) || tag;
      return '[' + name + ']';
    }
    recurseTimes++;
    ctx.seen.push(v);
    ctx.currentDepth = recurseTimes;
    ctx.extraItems = false;
    if (formatter) output = formatter();
    const extraItems = ctx.extraItems;
    if (ctx.sorted && !isArrayLike) keys.sort();
    for (const k of keys) output.push(formatProperty(ctx, v, recurseTimes, k, false));
    ctx.seen.pop();
    ctx.extraItems = extraItems;
    let res = reduceToSingleString(ctx, output, base, braces, isArrayLike, recurseTimes, v);
    ctx.extraItems = false;
    const index = ctx.circular.get(v);
    if (index !== undefined) res = '<ref *' + index + '> ' + res;
    return res;
  }
  function formatArray(ctx, v, recurseTimes) {
    const out = [];
    const n = Math.min(v.length, ctx.maxArrayLength);
    let holes = 0;
    for (let i = 0; i < n; i++) {
      if (!Object.prototype.hasOwnProperty.call(v, i)) { holes++; continue; }
      if (holes) { out.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>'); holes = 0; }
      out.push(formatProperty(ctx, v, recurseTimes, String(i), true));
    }
    if (holes) out.push('<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
    if (v.length > n) { out.push('... ' + (v.length - n) + ' more item' + (v.length - n > 1 ? 's' : '')); ctx.extraItems = true; }
    return out;
  }
  function functionBase(v) {
    const src = Function.prototype.toString.call(v);
    const name = v.name;
    const protoDesc = Object.getOwnPropertyDescriptor(v, 'prototype');
    // boa prints a class's source as native code: a class is a function whose
    // prototype is read-only and that is not one of the built-in constructors.
    if (/^class\b/.test(src) || (src.endsWith('{ [native code] }') && protoDesc && !protoDesc.writable && G[name] !== v)) {
      const sup = Object.getPrototypeOf(v);
      return '[class ' + (name || '(anonymous)') + (sup && sup.name ? ' extends ' + sup.name : '') + ']';
    }
    const tag = tagOf(v);
    let type = 'Function';
    if (tag === 'AsyncFunction') type = 'AsyncFunction';
    else if (tag === 'GeneratorFunction') type = 'GeneratorFunction';
    else if (tag === 'AsyncGeneratorFunction') type = 'AsyncGeneratorFunction';
    let base = '[' + type + (name ? ': ' + name : ' (anonymous)') + ']';
    if (Object.getPrototypeOf(v) === null) base = '[' + type + ' (null prototype)' + (name ? ': ' + name : '') + ']';
    return base;
  }
  function inspect(value, opts) {
    const ctx = Object.assign({}, defaultOptions, inspect.defaultOptions, { seen: [], circular: new Map(), indentationLvl: 0, currentDepth: 0, extraItems: false });
    if (typeof opts === 'boolean') ctx.showHidden = opts;
    else if (opts && typeof opts === 'object') {
      for (const k of Object.keys(opts)) if (k in defaultOptions || k === 'indentationLvl') ctx[k] = opts[k];
      ctx.userOptions = opts;
    }
    if (arguments.length > 2 && arguments[2] !== undefined) ctx.depth = arguments[2];
    if (ctx.depth === Infinity) ctx.depth = null;
    if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
    if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
    if (!ctx.userOptions) ctx.userOptions = {};
    return formatValue(ctx, value, 0);
  }
  inspect.custom = customSymbol;
  inspect.defaultOptions = Object.assign({}, defaultOptions);
  inspect.colors = Object.assign(Object.create(null), { bold: [1, 22], italic: [3, 23], underline: [4, 24], inverse: [7, 27], white: [37, 39], grey: [90, 39], black: [30, 39], blue: [34, 39], cyan: [36, 39], green: [32, 39], magenta: [35, 39], red: [31, 39], yellow: [33, 39] });
  inspect.styles = Object.assign(Object.create(null), { special: 'cyan', number: 'yellow', bigint: 'yellow', boolean: 'yellow', undefined: 'grey', null: 'bold', string: 'green', symbol: 'green', date: 'magenta', regexp: 'red', module: 'underline' });

  function formatWithOptions(inspectOptions, ...args) {
    const first = args[0];
    let out = '';
    let i = 0;
    const insp = (v, extra) => inspect(v, Object.assign({}, inspectOptions, extra));
    if (typeof first === 'string') {
      if (args.length === 1) return first;
      i = 1;
      let last = 0;
      for (let p = 0; p < first.length - 1; p++) {
        if (first[p] !== '%') continue;
        const c = first[p + 1];
        let rep;
        if (c === '%') { out += first.slice(last, p) + '%'; last = p + 2; p++; continue; }
        if (i >= args.length || !'sdifjoOc'.includes(c)) continue;
        const a = args[i++];
        if (c === 's') {
          if (typeof a === 'number') rep = formatNumber(a, false);
          else if (typeof a === 'bigint') rep = a + 'n';
          else if (typeof a === 'object' && a !== null && !(a instanceof Error && false)) {
            const hasToString = a instanceof Error || (typeof a.toString === 'function' && a.toString !== Object.prototype.toString && a.toString !== Array.prototype.toString && !(a instanceof Date) && Object.prototype.hasOwnProperty.call(Object.getPrototypeOf(a) || {}, 'toString'));
            rep = hasToString && !(a instanceof Error) ? String(a) : insp(a, { depth: 0, colors: false, compact: 3 });
          } else rep = String(a);
        } else if (c === 'd') rep = typeof a === 'bigint' ? a + 'n' : typeof a === 'symbol' ? 'NaN' : formatNumber(Number(a), false);
        else if (c === 'i') rep = typeof a === 'bigint' ? a + 'n' : typeof a === 'symbol' ? 'NaN' : String(parseInt(a));
        else if (c === 'f') rep = typeof a === 'symbol' ? 'NaN' : String(parseFloat(a));
        else if (c === 'j') { try { rep = JSON.stringify(a); } catch (e) { rep = '[Circular]'; } }
        else if (c === 'o') rep = insp(a, { showHidden: true, showProxy: true, depth: 4 });
        else if (c === 'O') rep = insp(a);
        else rep = '';
        out += first.slice(last, p) + rep;
        last = p + 2;
        p++;
      }
      out += first.slice(last);
    }
    for (; i < args.length; i++) {
      const a = args[i];
      if (out !== '' || (i > 0 && typeof first === 'string')) out += ' ';
      out += typeof a === 'string' ? a : insp(a);
    }
    return out;
  }
  const format = (...args) => formatWithOptions(undefined, ...args);

  return { format, formatWithOptions, inspect };
})
