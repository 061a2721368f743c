// @aws-sdk/util-dynamodb: JavaScript values to DynamoDB attribute values
// and back (marshall, unmarshall, convertToAttr, convertToNative, NumberValue),
// with the package's options and error messages. The body of a factory
// `function (hostCall, uuid, builtin)` (see sdk/mod.rs).
'use strict';
class NumberValue {
  constructor(value) {
    if (typeof value === 'object' && 'N' in value) this.value = String(value.N);
    else this.value = String(value);
    const valueOf = typeof value.valueOf() === 'number' ? value.valueOf() : 0;
    const imprecise = valueOf > Number.MAX_SAFE_INTEGER || valueOf < Number.MIN_SAFE_INTEGER || Math.abs(valueOf) === Infinity || Number.isNaN(valueOf);
    if (imprecise) throw new Error('NumberValue should not be initialized with an imprecise number=' + valueOf + '. Use a string instead.');
  }
  static from(value) { return new NumberValue(value); }
  toAttributeValue() { return { N: this.toString() }; }
  toBigInt() { return BigInt(this.toString()); }
  toString() { return String(this.value); }
  valueOf() { return this.toString(); }
}

const BINARY = ['ArrayBuffer', 'Blob', 'Buffer', 'DataView', 'File', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];
const isBinary = (data) => !!(data && data.constructor) && BINARY.includes(data.constructor.name);
const kind = (data) => data && data.constructor && data.constructor.name;
const UNDEFINED = 'Pass options.removeUndefinedValues=true to remove undefined values from map/array/set.';
const keep = (value, options) => typeof value !== 'function' && (value !== undefined || !(options && options.removeUndefinedValues));

const bigIntAdvice = (prefix) => { throw new Error(prefix + ' ' + (typeof BigInt === 'function' ? 'Use BigInt.' : 'Pass string value instead.') + ' '); };
const numberAttr = (num, options) => {
  if ([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY].map(String).includes(num.toString())) {
    throw new Error('Special numeric value ' + num.toString() + ' is not allowed');
  }
  if (!(options && options.allowImpreciseNumbers)) {
    if (Number(num) > Number.MAX_SAFE_INTEGER) bigIntAdvice('Number ' + num.toString() + ' is greater than Number.MAX_SAFE_INTEGER.');
    else if (Number(num) < Number.MIN_SAFE_INTEGER) bigIntAdvice('Number ' + num.toString() + ' is lesser than Number.MIN_SAFE_INTEGER.');
  }
  return { N: num.toString() };
};

const setAttr = (set, options) => {
  const removing = options && options.removeUndefinedValues;
  const values = removing ? [...set].filter((v) => v !== undefined) : [...set];
  if (!removing && set.has(undefined)) throw new Error(UNDEFINED);
  if (values.length === 0) {
    if (options && options.convertEmptyValues) return { NULL: true };
    throw new Error('Pass a non-empty set, or options.convertEmptyValues=true.');
  }
  const item = values[0];
  if (item instanceof NumberValue) return { NS: values.map((v) => v.toString()) };
  if (typeof item === 'number') return { NS: values.map((v) => numberAttr(v, options).N) };
  if (typeof item === 'bigint') return { NS: values.map((v) => v.toString()) };
  if (typeof item === 'string') return { SS: values.map((v) => v.toString()) };
  if (isBinary(item)) return { BS: values };
  throw new Error('Only Number Set (NS), Binary Set (BS) or String Set (SS) are allowed.');
};

const mapAttr = (entries, options) => {
  const map = {};
  for (const [key, value] of entries) if (keep(value, options)) map[key] = convertToAttr(value, options);
  return { M: map };
};
const ownEntries = function* (data) { for (const key in data) yield [key, data[key]]; };

function convertToAttr(data, options) {
  if (data === undefined) throw new Error(UNDEFINED);
  if (data === null && typeof data === 'object') return { NULL: true };
  if (Array.isArray(data)) return { L: data.filter((item) => keep(item, options)).map((item) => convertToAttr(item, options)) };
  if (kind(data) === 'Set') return setAttr(data, options);
  if (kind(data) === 'Map') return mapAttr(data, options);
  if (kind(data) === 'Object' || (!data.constructor && typeof data === 'object')) return mapAttr(ownEntries(data), options);
  if (isBinary(data)) {
    if (data.length === 0 && options && options.convertEmptyValues) return { NULL: true };
    return { B: data };
  }
  if (typeof data === 'boolean' || kind(data) === 'Boolean') return { BOOL: data.valueOf() };
  if (typeof data === 'number' || kind(data) === 'Number') return numberAttr(data, options);
  if (data instanceof NumberValue) return data.toAttributeValue();
  if (typeof data === 'bigint') return { N: data.toString() };
  if (typeof data === 'string' || kind(data) === 'String') {
    if (data.length === 0 && options && options.convertEmptyValues) return { NULL: true };
    return { S: data.toString() };
  }
  if (options && options.convertClassInstanceToMap && typeof data === 'object') return mapAttr(ownEntries(data), options);
  throw new Error('Unsupported type passed: ' + data + '. Pass options.convertClassInstanceToMap=true to marshall typeof object as map attribute.');
}

function marshall(data, options) {
  const attributeValue = convertToAttr(data, options);
  const [key, value] = Object.entries(attributeValue)[0];
  if (key === 'M' || key === 'L') return options && options.convertTopLevelContainer ? attributeValue : value;
  return attributeValue;
}

const nativeNumber = (text, options) => {
  if (options && typeof options.wrapNumbers === 'function') return options.wrapNumbers(text);
  if (options && options.wrapNumbers) return NumberValue.from(text);
  const num = Number(text);
  const large = (num > Number.MAX_SAFE_INTEGER || num < Number.MIN_SAFE_INTEGER) && num !== Infinity && num !== -Infinity;
  if (large) {
    if (typeof BigInt === 'function') {
      try { return BigInt(text); } catch (error) { throw new Error(text + " can't be converted to BigInt. Set options.wrapNumbers to get string value."); }
    }
    throw new Error(text + ' is outside SAFE_INTEGER bounds. Set options.wrapNumbers to get string value.');
  }
  return num;
};

function convertToNative(data, options) {
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    switch (key) {
      case 'NULL': return null;
      case 'BOOL': return Boolean(value);
      case 'N': return nativeNumber(value, options);
      case 'B': return value;
      case 'S': return value.toString();
      case 'L': return value.map((item) => convertToNative(item, options));
      case 'M': {
        const out = {};
        for (const [k, v] of Object.entries(value)) out[k] = convertToNative(v, options);
        return out;
      }
      case 'NS': return new Set(value.map((item) => nativeNumber(item, options)));
      case 'BS': return new Set(value);
      case 'SS': return new Set(value.map((item) => item.toString()));
      default: throw new Error('Unsupported type passed: ' + key);
    }
  }
  throw new Error('No value defined: ' + JSON.stringify(data));
}

function unmarshall(data, options) {
  if (options && options.convertWithoutMapWrapper) return convertToNative(data, options);
  return convertToNative({ M: data }, options);
}

return { NumberValue, convertToAttr, convertToNative, marshall, unmarshall };
