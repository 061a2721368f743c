// Node's internal errors, as handlers see them: `code` on the error, the
// code in the name shown by the stack (`TypeError [ERR_X]: ...`), and the
// messages of ERR_INVALID_ARG_TYPE / ERR_INVALID_ARG_VALUE / ERR_OUT_OF_RANGE
// word for word.
(function (N, G, require, internal) {
  'use strict';
  // A stack as Node shows it: `header` then the frames, without the
  // frames of the code that built the error.
  function setStack(e, header) {
    const frames = typeof e.stack === 'string' ? e.stack.split('\n').filter((l) => l.trim() !== '' && !l.includes('(node:internal/errors:')) : [];
    try { e.stack = [header, ...frames].join('\n'); } catch (_) { /* frozen */ }
  }
  function make(Base, code, message) {
    const e = new Base(message);
    Object.defineProperty(e, 'code', { value: code, enumerable: true, writable: true, configurable: true });
    // Node's stack header names the code: "TypeError [ERR_X]: message".
    setStack(e, e.name + ' [' + code + ']: ' + message);
    Object.defineProperty(e, 'toString', { value() { return this.name + ' [' + code + ']: ' + this.message; }, writable: true, configurable: true });
    return e;
  }
  const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];
  function describeReceived(v) {
    if (v == null) return ' Received ' + v;
    if (typeof v === 'function') return ' Received function ' + (v.name || '<anonymous>');
    if (typeof v === 'object') {
      if (v.constructor && v.constructor.name) return ' Received an instance of ' + v.constructor.name;
      return ' Received ' + N.extras().inspect(v, { depth: -1 });
    }
    let shown = N.extras().inspect(v, { colors: false });
    if (shown.length > 28) shown = shown.slice(0, 25) + '...';
    return ' Received type ' + typeof v + ' (' + shown + ')';
  }
  function joinOr(list, last) {
    if (list.length <= 2) return list.join(' ' + last + ' ');
    return list.slice(0, -1).join(', ') + ', ' + last + ' ' + list[list.length - 1];
  }
  function argName(name) {
    if (name.endsWith(' argument')) return 'The ' + name;
    return 'The "' + name + '" ' + (name.includes('.') ? 'property' : 'argument');
  }
  function invalidArgType(name, expected, actual) {
    if (!Array.isArray(expected)) expected = [expected];
    const types = [], instances = [], other = [];
    for (const e of expected) {
      if (kTypes.includes(e)) types.push(e.toLowerCase());
      else if (/^([A-Z][a-z0-9]*)+$/.test(e)) instances.push(e);
      else other.push(e);
    }
    // Node names `object` among the classes when classes are allowed too.
    if (instances.length > 0 && types.includes('object')) { types.splice(types.indexOf('object'), 1); instances.push('Object'); }
    let msg = argName(name) + ' must be ';
    if (types.length) { msg += (types.length > 1 ? 'one of type ' : 'of type ') + joinOr(types, 'or'); if (instances.length || other.length) msg += ' or '; }
    if (instances.length) { msg += 'an instance of ' + joinOr(instances, 'or'); if (other.length) msg += ' or '; }
    if (other.length) {
      if (other.length > 1) msg += 'one of ' + joinOr(other, 'or');
      else msg += (other[0].toLowerCase() !== other[0] ? 'an ' : '') + other[0];
    }
    msg += '.' + describeReceived(actual);
    return make(TypeError, 'ERR_INVALID_ARG_TYPE', msg);
  }
  function invalidArgValue(name, value, reason) {
    let shown = N.extras().inspect(value);
    if (shown.length > 128) shown = shown.slice(0, 128) + '...';
    const kind = name.includes('.') ? 'property' : 'argument';
    return make(TypeError, 'ERR_INVALID_ARG_VALUE', "The " + kind + " '" + name + "' " + (reason || 'is invalid') + '. Received ' + shown);
  }
  function addNumericalSeparator(s) {
    let res = '', i = s.length;
    const start = s[0] === '-' ? 1 : 0;
    for (; i >= start + 4; i -= 3) res = '_' + s.slice(i - 3, i) + res;
    return s.slice(0, i) + res;
  }
  function outOfRange(name, range, value) {
    let received;
    if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) received = addNumericalSeparator(String(value));
    else if (typeof value === 'bigint') received = addNumericalSeparator(String(value)) + 'n';
    else received = N.extras().inspect(value);
    return make(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + received);
  }
  function validateString(v, name) { if (typeof v !== 'string') throw invalidArgType(name, 'string', v); }
  function validateFunction(v, name) { if (typeof v !== 'function') throw invalidArgType(name, 'Function', v); }
  function validateNumber(v, name, min, max) {
    if (typeof v !== 'number') throw invalidArgType(name, 'number', v);
    if ((min != null && v < min) || (max != null && v > max) || ((min != null || max != null) && Number.isNaN(v))) {
      throw outOfRange(name, (min != null ? '>= ' + min : '') + (min != null && max != null ? ' && ' : '') + (max != null ? '<= ' + max : ''), v);
    }
  }
  function validateInteger(v, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
    if (typeof v !== 'number') throw invalidArgType(name, 'number', v);
    if (!Number.isInteger(v)) throw outOfRange(name, 'an integer', v);
    if (v < min || v > max) throw outOfRange(name, '>= ' + min + ' && <= ' + max, v);
  }
  function validateObject(v, name) { if (v === null || typeof v !== 'object' || Array.isArray(v)) throw invalidArgType(name, 'object', v); }
  function validateAbortSignal(v, name) {
    if (v !== undefined && (v === null || typeof v !== 'object' || !('aborted' in v))) throw invalidArgType(name, 'AbortSignal', v);
  }
  function abortError(reason) {
    const e = new Error('The operation was aborted', reason !== undefined ? { cause: reason } : undefined);
    e.name = 'AbortError';
    e.code = 'ABORT_ERR';
    return e;
  }
  return { make, setStack, invalidArgType, invalidArgValue, outOfRange, validateString, validateFunction, validateNumber, validateInteger, validateObject, validateAbortSignal, abortError, describeReceived };
})
