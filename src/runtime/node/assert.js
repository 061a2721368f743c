// node:assert and assert/strict: ok, equal, strictEqual, deepEqual,
// deepStrictEqual, their negations, throws/doesNotThrow, rejects/
// doesNotReject, match/doesNotMatch, fail, ifError, and AssertionError
// (code ERR_ASSERTION, actual/expected/operator, generatedMessage) with
// Node's message shapes. `assert(value)` quotes the failing call from the
// handler's source when the call site can be read, as Node does; the diff
// of two values is line by line (Node aligns longer diffs more cleverly).
(function (N, G, require, internal, name) {
  'use strict';
  if (name === 'assert/strict') return require('assert').strict;
  const errors = internal('errors');
  const { isDeepStrictEqual, isDeepEqual } = internal('compare');
  const inspect = (v) => N.extras().inspect(v, { depth: 1000, compact: false, customInspect: false, sorted: true, getters: true });
  const short = (v) => N.extras().inspect(v);
  const READABLE = {
    deepStrictEqual: 'Expected values to be strictly deep-equal:',
    strictEqual: 'Expected values to be strictly equal:',
    strictEqualObject: 'Expected "actual" to be reference-equal to "expected":',
    deepEqual: 'Expected values to be loosely deep-equal:',
    notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
    notStrictEqual: 'Expected "actual" to be strictly unequal to:',
    notStrictEqualObject: 'Expected "actual" not to be reference-equal to "expected":',
    notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
    notIdentical: 'Values identical but not reference-equal:',
    notDeepEqualUnequal: 'Expected values not to be loosely deep-equal:',
  };
  function diff(actual, expected) {
    const a = inspect(actual).split('\n'), e = inspect(expected).split('\n');
    // Longest common subsequence of lines, then + for actual and - for expected.
    const n = a.length, m = e.length;
    const L = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
    for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i][j] = a[i] === e[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
    const out = [];
    let i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === e[j]) { out.push('  ' + a[i]); i++; j++; }
      else if (i < n && (j >= m || L[i + 1][j] >= L[i][j + 1])) { out.push('+ ' + a[i]); i++; }
      else { out.push('- ' + e[j]); j++; }
    }
    return out.join('\n');
  }
  class AssertionError extends Error {
    constructor(options) {
      errors.validateObject(options, 'options');
      const { message, operator, stackStartFn } = options;
      let { actual, expected } = options;
      let text;
      if (message != null) text = String(message);
      else if (operator === 'deepStrictEqual' || operator === 'strictEqual') {
        const a = inspect(actual), e = inspect(expected);
        if (!a.includes('\n') && !e.includes('\n') && (typeof actual !== 'object' || actual === null) && (typeof expected !== 'object' || expected === null) && a !== e) {
          text = READABLE[operator] + '\n\n' + a + ' !== ' + e + '\n';
        } else if (a === e) {
          text = READABLE[operator === 'strictEqual' ? 'strictEqualObject' : 'notIdentical'] + '\n\n' + a + '\n';
        } else {
          text = READABLE[operator] + '\n+ actual - expected\n\n' + diff(actual, expected) + '\n';
        }
      } else if (operator === 'notDeepStrictEqual' || operator === 'notStrictEqual') {
        let base = READABLE[operator];
        const a = inspect(actual);
        if (operator === 'notStrictEqual' && typeof actual === 'object' && actual !== null) base = READABLE.notStrictEqualObject;
        text = a.includes('\n') ? base + '\n\n' + a + '\n' : base + ' ' + a;
      } else if (operator === 'deepEqual' || operator === 'notDeepEqual') {
        const a = inspect(actual), e = inspect(expected);
        text = (operator === 'deepEqual' ? READABLE.deepEqual : READABLE.notDeepEqualUnequal) + '\n\n' + a + '\n\nshould ' + (operator === 'deepEqual' ? '' : 'not ') + 'loosely deep-equal\n\n' + e;
      } else {
        text = short(actual) + ' ' + operator + ' ' + short(expected);
      }
      super(text);
      this.generatedMessage = message == null;
      Object.defineProperty(this, 'name', { value: 'AssertionError [ERR_ASSERTION]', enumerable: false, writable: true, configurable: true });
      this.code = 'ERR_ASSERTION';
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
      errors.setStack(this, 'AssertionError [ERR_ASSERTION]: ' + text);
      this.name = 'AssertionError';
      void stackStartFn;
    }
    toString() { return this.name + ' [' + this.code + ']: ' + this.message; }
  }
  function fail(obj) {
    if (obj.message instanceof Error) throw obj.message;
    throw new AssertionError(obj);
  }
  // The source of the failing `assert(...)` call, read from the handler's
  // file at the call site in the stack.
  function callSource(stack) {
    const lines = String(stack || '').split('\n').slice(1);
    for (const l of lines) {
      const m = /\((\/var\/task\/[^:)]+):(\d+):(\d+)\)|at (\/var\/task\/[^:)]+):(\d+):(\d+)/.exec(l);
      if (!m) continue;
      const file = m[1] || m[4], line = +(m[2] || m[5]), col = +(m[3] || m[6]);
      const text = N.fileText(file).split('\n')[line - 1];
      if (!text) return undefined;
      let start = text.lastIndexOf('assert', col + 5);
      if (start < 0) start = col - 1;
      const open = text.indexOf('(', start);
      if (open < 0) return undefined;
      let depth = 0;
      for (let k = open; k < text.length; k++) {
        if (text[k] === '(') depth++;
        else if (text[k] === ')' && --depth === 0) return text.slice(start, k + 1);
      }
      return undefined;
    }
    return undefined;
  }
  function innerOk(fn, argLen, value, message) {
    if (value) return;
    let generated = false;
    if (argLen === 0) { generated = true; message = 'No value argument passed to `assert.ok()`'; }
    else if (message == null) {
      generated = true;
      const src = callSource(new Error().stack);
      message = src ? 'The expression evaluated to a falsy value:\n\n  ' + src + '\n' : undefined;
    } else if (message instanceof Error) throw message;
    const e = new AssertionError({ actual: value, expected: true, message, operator: '==', stackStartFn: fn });
    e.generatedMessage = generated;
    throw e;
  }
  function ok(...args) { innerOk(ok, args.length, ...args); }
  const assert = function assert(...args) { innerOk(assert, args.length, ...args); };
  const need = (n, names) => { if (n < names.length) throw errors.make(TypeError, 'ERR_MISSING_ARGS', 'The ' + names.map((x) => '"' + x + '"').join(' and ') + ' arguments must be specified'); };
  assert.ok = ok;
  assert.fail = function failFn(message = 'Failed') {
    if (message instanceof Error) throw message;
    const e = new AssertionError({ message, operator: 'fail', stackStartFn: failFn });
    e.generatedMessage = message === 'Failed';
    throw e;
  };
  assert.equal = function equal(actual, expected, message) {
    need(arguments.length, ['actual', 'expected']);
    if (!(actual == expected || (actual !== actual && expected !== expected))) fail({ actual, expected, message, operator: '==' }); // eslint-disable-line eqeqeq
  };
  assert.notEqual = function notEqual(actual, expected, message) {
    need(arguments.length, ['actual', 'expected']);
    if (actual == expected || (actual !== actual && expected !== expected)) fail({ actual, expected, message, operator: '!=' }); // eslint-disable-line eqeqeq
  };
  assert.strictEqual = function strictEqual(actual, expected, message) {
    need(arguments.length, ['actual', 'expected']);
    if (!Object.is(actual, expected)) fail({ actual, expected, message, operator: 'strictEqual' });
  };
  assert.notStrictEqual = function notStrictEqual(actual, expected, message) {
    need(arguments.length, ['actual', 'expected']);
    if (Object.is(actual, expected)) fail({ actual, expected, message, operator: 'notStrictEqual' });
  };
  assert.deepEqual = function deepEqual(actual, expected, message) {
    need(arguments.length, ['actual', 'expected']);
    if (!isDeepEqual(actual, expected)) fail({ actual, expected, message, operator: 'deepEqual' });
  };
  assert.notDeepEqual = function notDeepEqual(actual, expected, message) {
    need(arguments.length, ['actual', 'expected']);
    if (isDeepEqual(actual, expected)) fail({ actual, expected, message, operator: 'notDeepEqual' });
  };
  assert.deepStrictEqual = function deepStrictEqual(actual, expected, message) {
    need(arguments.length, ['actual', 'expected']);
    if (!isDeepStrictEqual(actual, expected)) fail({ actual, expected, message, operator: 'deepStrictEqual' });
  };
  assert.notDeepStrictEqual = function notDeepStrictEqual(actual, expected, message) {
    need(arguments.length, ['actual', 'expected']);
    if (isDeepStrictEqual(actual, expected)) fail({ actual, expected, message, operator: 'notDeepStrictEqual' });
  };
  function matches(string, regexp, message, fn, should) {
    if (!(regexp instanceof RegExp)) throw errors.invalidArgType('regexp', 'RegExp', regexp);
    if (typeof string !== 'string' || regexp.test(string) !== should) {
      if (message instanceof Error) throw message;
      const generated = !message;
      const text = message || (typeof string !== 'string'
        ? 'The "string" argument must be of type string. Received type ' + typeof string + ' (' + short(string) + ')'
        : (should ? 'The input did not match the regular expression ' : 'The input was expected to not match the regular expression ') + String(regexp) + '. Input:\n\n' + short(string) + '\n');
      const e = new AssertionError({ actual: string, expected: regexp, message: text, operator: fn.name, stackStartFn: fn });
      e.generatedMessage = generated;
      throw e;
    }
  }
  assert.match = function match(string, regexp, message) { matches(string, regexp, message, match, true); };
  assert.doesNotMatch = function doesNotMatch(string, regexp, message) { matches(string, regexp, message, doesNotMatch, false); };
  function expectedName(expected) {
    if (typeof expected === 'function' && expected.prototype !== undefined && expected.name) return ' (' + expected.name + ')';
    return '';
  }
  function checkError(actual, expected, message, fn) {
    if (expected === undefined) return;
    if (expected instanceof RegExp) {
      const s = String(actual);
      if (expected.test(s)) return;
      throw new AssertionError({ actual, expected, message: message || 'The input did not match the regular expression ' + String(expected) + '. Input:\n\n' + short(s) + '\n', operator: fn.name, stackStartFn: fn });
    }
    if (typeof expected === 'function') {
      if (expected.prototype !== undefined && actual instanceof expected) return;
      if (Error.isPrototypeOf(expected) || expected === Error) throw actual;
      const res = expected.call({}, actual);
      if (res !== true) {
        throw new AssertionError({ actual, expected, message: message || 'The ' + (expected.name ? '"' + expected.name + '" ' : '') + 'validation function is expected to return "true". Received ' + short(res) + '\n\nCaught error:\n\n' + short(actual), operator: fn.name, stackStartFn: fn });
      }
      return;
    }
    if (typeof expected === 'object' && expected !== null) {
      const keys = Object.keys(expected);
      if (expected instanceof Error) keys.push('name', 'message');
      else if (keys.length === 0) throw errors.invalidArgValue('error', expected, 'may not be an empty object');
      for (const k of keys) {
        const want = expected[k];
        const got = actual == null ? undefined : actual[k];
        if (want instanceof RegExp && typeof got === 'string' ? want.test(got) : isDeepStrictEqual(got, want)) continue;
        const a = {}, e = {};
        for (const kk of keys) { a[kk] = actual == null ? undefined : actual[kk]; e[kk] = expected[kk]; }
        throw new AssertionError({ actual: a, expected: e, message, operator: 'deepStrictEqual', stackStartFn: fn });
      }
      return;
    }
    throw errors.invalidArgType('expected', ['Function', 'RegExp', 'Object', 'Error'], expected);
  }
  const NO_EXCEPTION = Symbol('no exception');
  function getActual(fn) {
    if (typeof fn !== 'function') throw errors.invalidArgType('fn', 'Function', fn);
    try { fn(); } catch (e) { return e; }
    return NO_EXCEPTION;
  }
  async function waitActual(p) {
    let promise;
    if (typeof p === 'function') {
      promise = p();
      if (!promise || typeof promise.then !== 'function') throw errors.make(TypeError, 'ERR_INVALID_RETURN_VALUE', 'Expected instance of Promise to be returned from the "promiseFn" function but got ' + (promise === undefined ? 'undefined.' : 'type ' + typeof promise + '.'));
    } else if (p && typeof p.then === 'function') promise = p;
    else throw errors.invalidArgType('promiseFn', ['Function', 'Promise'], p);
    try { await promise; } catch (e) { return e; }
    return NO_EXCEPTION;
  }
  function expectsError(fn, actual, error, message, kind) {
    if (typeof error === 'string') { message = error; error = undefined; }
    if (actual === NO_EXCEPTION) {
      let details = '';
      if (error && error.name) details += ' (' + error.name + ')';
      else details += expectedName(error);
      details += message ? ': ' + message : '.';
      const e = new AssertionError({ actual: undefined, expected: error, operator: fn.name, message: 'Missing expected ' + kind + details, stackStartFn: fn });
      e.generatedMessage = !message;
      throw e;
    }
    checkError(actual, error, message, fn);
  }
  function expectsNoError(fn, actual, error, message, kind) {
    if (actual === NO_EXCEPTION) return;
    if (typeof error === 'string') { message = error; error = undefined; }
    if (!error || (typeof error === 'function' && actual instanceof error)) {
      const details = message ? ': ' + message : '.';
      const what = kind === 'rejection' ? 'rejection' : 'exception';
      throw new AssertionError({ actual, expected: error, operator: fn.name, message: 'Got unwanted ' + what + details + '\nActual message: "' + (actual && actual.message) + '"', stackStartFn: fn });
    }
    throw actual;
  }
  assert.throws = function throws(fn, error, message) { expectsError(throws, getActual(fn), error, message, 'exception'); };
  assert.rejects = async function rejects(p, error, message) { expectsError(rejects, await waitActual(p), error, message, 'rejection'); };
  assert.doesNotThrow = function doesNotThrow(fn, error, message) { expectsNoError(doesNotThrow, getActual(fn), error, message, 'exception'); };
  assert.doesNotReject = async function doesNotReject(p, error, message) { expectsNoError(doesNotReject, await waitActual(p), error, message, 'rejection'); };
  assert.ifError = function ifError(err) {
    if (err === null || err === undefined) return;
    let message = 'ifError got unwanted exception: ';
    message += typeof err === 'object' && typeof err.message === 'string' ? (err.message.length === 0 && err.constructor ? err.constructor.name : err.message) : short(err);
    const e = new AssertionError({ actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError });
    e.generatedMessage = true;
    throw e;
  };
  assert.AssertionError = AssertionError;
  const strict = function strict(...args) { innerOk(strict, args.length, ...args); };
  Object.assign(strict, assert, { equal: assert.strictEqual, notEqual: assert.notStrictEqual, deepEqual: assert.deepStrictEqual, notDeepEqual: assert.notDeepStrictEqual });
  strict.strict = strict;
  assert.strict = strict;
  return assert;
})
