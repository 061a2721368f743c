// Deep equality as node:assert and util.isDeepStrictEqual define it: strict
// (Object.is for primitives, same prototypes and tags, own enumerable
// symbols too) and loose (== for primitives, prototypes ignored); Maps and
// Sets compared regardless of order, typed arrays by their bytes, cycles
// followed once.
(function (N, G, require, internal) {
  'use strict';
  const tag = (v) => Object.prototype.toString.call(v);
  function keysOf(v, strict) {
    const keys = Object.keys(v);
    if (strict) for (const s of Object.getOwnPropertySymbols(v)) if (Object.prototype.propertyIsEnumerable.call(v, s)) keys.push(s);
    return keys;
  }
  function primitiveEqual(a, b, strict) {
    return strict ? Object.is(a, b) : a == b || (a !== a && b !== b); // eslint-disable-line eqeqeq
  }
  function deepEqual(a, b, strict, memo) {
    if (a === b) return a !== 0 || !strict || Object.is(a, b);
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
      if (typeof a === 'object' && a !== null || typeof b === 'object' && b !== null) return false;
      if (typeof a === 'function' || typeof b === 'function') return false;
      return primitiveEqual(a, b, strict);
    }
    if (strict && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    const ta = tag(a);
    if (ta !== tag(b)) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    memo = memo || { a: [], b: [] };
    const seenA = memo.a.indexOf(a);
    if (seenA !== -1 && memo.b[seenA] === b) return true;
    memo.a.push(a); memo.b.push(b);
    try {
      return compareObjects(a, b, strict, memo, ta);
    } finally { memo.a.pop(); memo.b.pop(); }
  }
  function compareObjects(a, b, strict, memo, ta) {
    if (a instanceof Date) { if (a.getTime() !== b.getTime()) return false; }
    else if (a instanceof RegExp) { if (a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false; }
    else if (a instanceof Error) { if (a.message !== b.message || a.name !== b.name) return false; }
    else if (ArrayBuffer.isView(a)) {
      if (a.byteLength !== b.byteLength) return false;
      if (!strict && (a instanceof Float32Array || a instanceof Float64Array)) {
        for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
      } else {
        const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength), y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
      }
      const ka = keysOf(a, strict).filter((k) => typeof k === 'symbol' || !/^\d+$/.test(k));
      const kb = keysOf(b, strict).filter((k) => typeof k === 'symbol' || !/^\d+$/.test(k));
      return sameKeys(a, b, ka, kb, strict, memo);
    } else if (a instanceof ArrayBuffer || ta === '[object SharedArrayBuffer]') {
      if (a.byteLength !== b.byteLength) return false;
      const x = new Uint8Array(a), y = new Uint8Array(b);
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
      return true;
    } else if (ta === '[object Number]' || ta === '[object String]' || ta === '[object Boolean]' || ta === '[object BigInt]' || ta === '[object Symbol]') {
      if (!Object.is(a.valueOf(), b.valueOf())) return false;
    } else if (a instanceof WeakMap || a instanceof WeakSet || a instanceof Promise) {
      return false;
    }
    if (Array.isArray(a) && a.length !== b.length) return false;
    if (a instanceof Map) {
      if (a.size !== b.size) return false;
      outer: for (const [k, v] of a) {
        if (b.has(k)) { if (!deepEqual(v, b.get(k), strict, memo)) return false; continue; }
        if (typeof k !== 'object' || k === null) {
          if (strict) return false;
        }
        for (const [k2, v2] of b) if (deepEqual(k, k2, strict, memo) && deepEqual(v, v2, strict, memo)) continue outer;
        return false;
      }
    } else if (a instanceof Set) {
      if (a.size !== b.size) return false;
      outer: for (const v of a) {
        if (b.has(v)) continue;
        if ((typeof v !== 'object' || v === null) && strict) return false;
        for (const v2 of b) if (deepEqual(v, v2, strict, memo)) continue outer;
        return false;
      }
    }
    return sameKeys(a, b, keysOf(a, strict), keysOf(b, strict), strict, memo);
  }
  function sameKeys(a, b, ka, kb, strict, memo) {
    if (ka.length !== kb.length) return false;
    for (const k of ka) if (!Object.prototype.propertyIsEnumerable.call(b, k)) return false;
    for (const k of ka) if (!deepEqual(a[k], b[k], strict, memo)) return false;
    return true;
  }
  return { isDeepStrictEqual: (a, b) => deepEqual(a, b, true), isDeepEqual: (a, b) => deepEqual(a, b, false) };
})
