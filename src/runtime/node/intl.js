// Intl for en-US, the locale Lambda's Node.js runs in (LANG=en_US.UTF-8):
// boa is built without ICU (its data is megabytes), so Stratus formats in
// JavaScript. NumberFormat (decimal, percent, currency, unit, compact,
// fraction/significant digits, grouping, sign display, formatToParts),
// DateTimeFormat (UTC and fixed offsets; dateStyle/timeStyle and the
// component options; formatToParts), PluralRules, Collator (an
// approximation of the root collation: punctuation < digits < letters,
// then accents, then lower before upper case), ListFormat and
// RelativeTimeFormat. Every other locale formats as en-US and says so in
// resolvedOptions().locale; time zones other than UTC and fixed offsets
// throw (Stratus carries no time-zone data).
(function (N, G, require, internal) {
  'use strict';
  const LOCALE = 'en-US';
  function canonLocales(locales) {
    if (locales === undefined) return [];
    const list = typeof locales === 'string' ? [locales] : Array.from(locales);
    return list.map((l) => {
      if (typeof l !== 'string' && (typeof l !== 'object' || l === null)) throw new TypeError('Language ID should be string or object.');
      const s = String(l);
      if (!/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(s)) throw new RangeError('Incorrect locale information provided');
      return s.split('-').map((p, i) => (i === 0 ? p.toLowerCase() : p.length === 2 ? p.toUpperCase() : p.length === 4 ? p[0].toUpperCase() + p.slice(1).toLowerCase() : p.toLowerCase())).join('-');
    });
  }
  const opt = (o, k, allowed, dflt) => {
    const v = o[k];
    if (v === undefined) return dflt;
    const s = typeof dflt === 'boolean' ? Boolean(v) : String(v);
    if (allowed && !allowed.includes(s)) throw new RangeError('Value ' + s + ' out of range for Intl.' + opt.ctor + ' options property ' + k);
    return s;
  };
  const numOpt = (o, k, min, max, dflt) => {
    const v = o[k];
    if (v === undefined) return dflt;
    const n = Number(v);
    if (Number.isNaN(n) || n < min || n > max) throw new RangeError(k + ' value is out of range.');
    return Math.floor(n);
  };
  const options = (o) => (o === undefined ? {} : o === null ? (() => { throw new TypeError('Cannot convert undefined or null to object'); })() : Object(o));

  // ---- numbers ----
  // The decimal digits of |x| as [digits, exponent]: x = 0.digits × 10^exponent.
  function decimalOf(x) {
    if (typeof x === 'bigint') { const s = (x < 0n ? -x : x).toString(); return [s.replace(/0+$/, '') || '0', s === '0' ? 1 : s.length]; }
    let s = Math.abs(x).toString();
    let exp = 0;
    const e = s.indexOf('e');
    if (e >= 0) { exp = Number(s.slice(e + 1)); s = s.slice(0, e); }
    const dot = s.indexOf('.');
    let intPart = dot >= 0 ? s.slice(0, dot) : s;
    const frac = dot >= 0 ? s.slice(dot + 1) : '';
    let digits = intPart + frac;
    let pointPos = intPart.length + exp;
    const lead = digits.match(/^0*/)[0].length;
    digits = digits.slice(lead);
    pointPos -= lead;
    if (digits === '') return ['0', 1];
    return [digits.replace(/0+$/, '') || '0', pointPos];
  }
  // Rounds digits (0.d1d2... × 10^exp) to `keep` digits, half away from zero (halfExpand).
  function roundDigits(digits, exp, keep, mode) {
    if (keep < 0) return ['0', exp + 1, true];
    if (digits.length <= keep) return [digits, exp, false];
    const rest = digits.slice(keep);
    let head = digits.slice(0, keep);
    const first = Number(rest[0]);
    let up;
    const nonzeroRest = /[1-9]/.test(rest);
    if (mode === 'trunc' || mode === 'floor') up = false;
    else if (mode === 'ceil' || mode === 'expand') up = nonzeroRest;
    else if (mode === 'halfTrunc') up = first > 5 || (first === 5 && /[1-9]/.test(rest.slice(1)));
    else if (mode === 'halfEven') up = first > 5 || (first === 5 && (/[1-9]/.test(rest.slice(1)) || Number(head[head.length - 1] || 0) % 2 === 1));
    else up = first >= 5;
    if (up) {
      const arr = (head || '0').split('').map(Number);
      let i = arr.length - 1;
      if (head === '') { return ['1', exp + 1, false]; }
      while (i >= 0) { if (arr[i] === 9) { arr[i] = 0; i--; } else { arr[i]++; break; } }
      if (i < 0) { arr.unshift(1); exp++; }
      head = arr.join('');
    }
    head = head.replace(/0+$/, '');
    return [head === '' ? '0' : head, head === '' ? 1 : exp, false];
  }
  function formatDecimal(x, o) {
    let [digits, exp] = decimalOf(x);
    let intStr, fracStr;
    if (o.minSig !== undefined) {
      [digits, exp] = roundDigits(digits, exp, o.maxSig, o.roundingMode);
      if (digits === '0') exp = 1;
      const all = digits.padEnd(Math.max(o.minSig, digits.length), '0');
      if (exp <= 0) { intStr = '0'; fracStr = '0'.repeat(-exp) + all; }
      else if (exp >= all.length) { intStr = all + '0'.repeat(exp - all.length); fracStr = ''; }
      else { intStr = all.slice(0, exp); fracStr = all.slice(exp); }
    } else {
      [digits, exp] = roundDigits(digits, exp, exp + o.maxFrac, o.roundingMode);
      if (digits === '0') { intStr = '0'; fracStr = ''; }
      else if (exp <= 0) { intStr = '0'; fracStr = '0'.repeat(-exp) + digits; }
      else if (exp >= digits.length) { intStr = digits + '0'.repeat(exp - digits.length); fracStr = ''; }
      else { intStr = digits.slice(0, exp); fracStr = digits.slice(exp); }
      fracStr = fracStr.replace(/0+$/, '');
      if (fracStr.length < o.minFrac) fracStr = fracStr.padEnd(o.minFrac, '0');
      if (o.trailingZeroDisplay === 'stripIfInteger' && /^0*$/.test(fracStr)) fracStr = '';
    }
    intStr = intStr.replace(/^0+(?=\d)/, '');
    if (intStr.length < o.minInt) intStr = intStr.padStart(o.minInt, '0');
    return [intStr, fracStr];
  }
  function group(intStr, useGrouping) {
    if (useGrouping === false || useGrouping === 'false') return [intStr];
    if (useGrouping === 'min2' && intStr.length < 5) return [intStr];
    const out = [];
    let i = intStr.length;
    while (i > 3) { out.unshift(intStr.slice(i - 3, i)); i -= 3; }
    out.unshift(intStr.slice(0, i));
    return out;
  }
  const CURRENCY = { USD: ['$', 'US dollars', 'US dollar'], EUR: ['€', 'euros', 'euro'], GBP: ['£', 'British pounds', 'British pound'], JPY: ['¥', 'Japanese yen', 'Japanese yen'], CAD: ['CA$', 'Canadian dollars', 'Canadian dollar'], AUD: ['A$', 'Australian dollars', 'Australian dollar'], CNY: ['CN¥', 'Chinese yuan', 'Chinese yuan'], INR: ['₹', 'Indian rupees', 'Indian rupee'], MXN: ['MX$', 'Mexican pesos', 'Mexican peso'], BRL: ['R$', 'Brazilian reals', 'Brazilian real'], KRW: ['₩', 'South Korean won', 'South Korean won'], HKD: ['HK$', 'Hong Kong dollars', 'Hong Kong dollar'], NZD: ['NZ$', 'New Zealand dollars', 'New Zealand dollar'], ILS: ['₪', 'Israeli new shekels', 'Israeli new shekel'], TWD: ['NT$', 'New Taiwan dollars', 'New Taiwan dollar'], VND: ['₫', 'Vietnamese dong', 'Vietnamese dong'], CHF: ['CHF', 'Swiss francs', 'Swiss franc'], SEK: ['SEK', 'Swedish kronor', 'Swedish krona'] };
  const CURRENCY_DIGITS = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3 };
  const NARROW = { USD: '$', CAD: '$', AUD: '$', MXN: '$', HKD: '$', NZD: '$', TWD: '$', CNY: '¥', JPY: '¥' };
  const UNITS = {
    byte: ['byte', 'B', 'bytes', 'byte'], kilobyte: ['kB', 'kB', 'kilobytes', 'kilobyte'], megabyte: ['MB', 'MB', 'megabytes', 'megabyte'], gigabyte: ['GB', 'GB', 'gigabytes', 'gigabyte'], terabyte: ['TB', 'TB', 'terabytes', 'terabyte'],
    bit: ['bit', 'bit', 'bits', 'bit'], kilobit: ['kb', 'kb', 'kilobits', 'kilobit'], megabit: ['Mb', 'Mb', 'megabits', 'megabit'],
    millisecond: ['ms', 'ms', 'milliseconds', 'millisecond'], second: ['sec', 's', 'seconds', 'second'], minute: ['min', 'm', 'minutes', 'minute'], hour: ['hr', 'h', 'hours', 'hour'], day: ['day', 'd', 'days', 'day'], week: ['wk', 'w', 'weeks', 'week'], month: ['mth', 'm', 'months', 'month'], year: ['yr', 'y', 'years', 'year'],
    meter: ['m', 'm', 'meters', 'meter'], kilometer: ['km', 'km', 'kilometers', 'kilometer'], centimeter: ['cm', 'cm', 'centimeters', 'centimeter'], mile: ['mi', 'mi', 'miles', 'mile'], foot: ['ft', '′', 'feet', 'foot'], inch: ['in', '″', 'inches', 'inch'],
    kilogram: ['kg', 'kg', 'kilograms', 'kilogram'], gram: ['g', 'g', 'grams', 'gram'], pound: ['lb', 'lb', 'pounds', 'pound'], liter: ['L', 'L', 'liters', 'liter'], percent: ['%', '%', 'percent', 'percent'],
    celsius: ['°C', '°C', 'degrees Celsius', 'degree Celsius'], fahrenheit: ['°F', '°', 'degrees Fahrenheit', 'degree Fahrenheit'], 'kilometer-per-hour': ['km/h', 'km/h', 'kilometers per hour', 'kilometer per hour'], 'mile-per-hour': ['mph', 'mph', 'miles per hour', 'mile per hour'],
  };
  class NumberFormat {
    constructor(locales, o) {
      const requested = canonLocales(locales);
      o = options(o);
      opt.ctor = 'NumberFormat';
      const style = opt(o, 'style', ['decimal', 'percent', 'currency', 'unit'], 'decimal');
      let currency = o.currency === undefined ? undefined : String(o.currency).toUpperCase();
      if (style === 'currency' && currency === undefined) throw new TypeError('Currency code is required with currency style.');
      if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) throw new RangeError('Invalid currency code : ' + o.currency);
      const unit = o.unit === undefined ? undefined : String(o.unit);
      if (style === 'unit') {
        if (unit === undefined) throw new TypeError('Unit is required with unit style.');
        if (!UNITS[unit]) throw new RangeError('Stratus formats a subset of Intl units; "' + unit + '" is not among them');
      }
      const notation = opt(o, 'notation', ['standard', 'scientific', 'engineering', 'compact'], 'standard');
      const cDigits = style === 'currency' ? (CURRENCY_DIGITS[currency] !== undefined ? CURRENCY_DIGITS[currency] : 2) : 0;
      const dMin = style === 'currency' && notation !== 'compact' ? cDigits : 0;
      const dMax = style === 'currency' && notation !== 'compact' ? cDigits : style === 'percent' ? 0 : notation === 'compact' ? 0 : 3;
      this._o = {
        locale: LOCALE, requested, numberingSystem: 'latn', style, currency, unit,
        currencyDisplay: opt(o, 'currencyDisplay', ['code', 'symbol', 'narrowSymbol', 'name'], 'symbol'),
        currencySign: opt(o, 'currencySign', ['standard', 'accounting'], 'standard'),
        unitDisplay: opt(o, 'unitDisplay', ['short', 'narrow', 'long'], 'short'),
        minInt: numOpt(o, 'minimumIntegerDigits', 1, 21, 1),
        notation, compactDisplay: opt(o, 'compactDisplay', ['short', 'long'], 'short'),
        signDisplay: opt(o, 'signDisplay', ['auto', 'never', 'always', 'exceptZero', 'negative'], 'auto'),
        roundingMode: opt(o, 'roundingMode', ['ceil', 'floor', 'expand', 'trunc', 'halfCeil', 'halfFloor', 'halfExpand', 'halfTrunc', 'halfEven'], 'halfExpand'),
        trailingZeroDisplay: opt(o, 'trailingZeroDisplay', ['auto', 'stripIfInteger'], 'auto'),
      };
      const g = o.useGrouping;
      this._o.useGrouping = g === undefined ? (notation === 'compact' ? 'min2' : 'auto') : g === true || g === 'always' ? 'always' : g === false || g === 'false' ? false : String(g);
      if (o.minimumSignificantDigits !== undefined || o.maximumSignificantDigits !== undefined) {
        this._o.minSig = numOpt(o, 'minimumSignificantDigits', 1, 21, 1);
        this._o.maxSig = numOpt(o, 'maximumSignificantDigits', this._o.minSig, 21, 21);
      } else {
        let minF = numOpt(o, 'minimumFractionDigits', 0, 100, undefined);
        let maxF = numOpt(o, 'maximumFractionDigits', 0, 100, undefined);
        if (minF === undefined) minF = Math.min(dMin, maxF === undefined ? dMin : maxF);
        if (maxF === undefined) maxF = Math.max(minF, dMax);
        else if (minF > maxF) throw new RangeError('maximumFractionDigits value is out of range.');
        this._o.minFrac = minF;
        this._o.maxFrac = maxF;
      }
      this.format = this.format.bind(this);
    }
    format(x) { return this.formatToParts(x).map((p) => p.value).join(''); }
    formatToParts(x) {
      const o = this._o;
      if (typeof x === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(x)) x = Number(x);
      else if (typeof x !== 'bigint') x = Number(x);
      const negative = typeof x === 'bigint' ? x < 0n : x < 0 || Object.is(x, -0);
      const parts = [];
      let num = [];
      let compactSuffix = '';
      if (typeof x === 'number' && Number.isNaN(x)) num.push({ type: 'nan', value: 'NaN' });
      else if (typeof x === 'number' && !Number.isFinite(x)) num.push({ type: 'infinity', value: '∞' });
      else {
        let v = x;
        if (o.style === 'percent') v = typeof v === 'bigint' ? v * 100n : v * 100;
        let exponent = null;
        let rounded = null;
        if (o.notation === 'compact' && typeof v === 'number' && Math.abs(v) >= 1000) {
          const names = o.compactDisplay === 'long' ? ['', ' thousand', ' million', ' billion', ' trillion'] : ['', 'K', 'M', 'B', 'T'];
          let k = Math.min(4, Math.floor(Math.log10(Math.abs(v)) / 3));
          let scaled = Math.abs(v) / 10 ** (3 * k);
          const fmt = (s) => formatDecimal(s, Object.assign({}, o, o.minSig === undefined && o.maxFrac === 0 && o.minFrac === 0 ? { minSig: 1, maxSig: s < 100 ? 2 : 3 } : {}));
          let [i, f] = fmt(scaled);
          if (i.length > 3 && k < 4) { k++; scaled /= 1000; [i, f] = fmt(scaled); }
          compactSuffix = names[k];
          rounded = [i, f];
        } else if (o.notation === 'compact' && typeof v === 'number' && o.minSig === undefined && o.maxFrac === 0 && o.minFrac === 0) {
          rounded = formatDecimal(Math.abs(v), Object.assign({}, o, { minSig: 1, maxSig: 2 }));
        } else if ((o.notation === 'scientific' || o.notation === 'engineering') && typeof v === 'number' && v !== 0) {
          exponent = Math.floor(Math.log10(Math.abs(v)));
          if (o.notation === 'engineering') exponent -= ((exponent % 3) + 3) % 3;
          v = Math.abs(v) / 10 ** exponent;
        }
        const [intStr, fracStr] = rounded || formatDecimal(typeof v === 'bigint' ? (v < 0n ? -v : v) : Math.abs(v), o);
        const groups = group(intStr, o.useGrouping);
        groups.forEach((g, i) => { if (i) num.push({ type: 'group', value: ',' }); num.push({ type: 'integer', value: g }); });
        if (fracStr) { num.push({ type: 'decimal', value: '.' }); num.push({ type: 'fraction', value: fracStr }); }
        if (exponent !== null) { num.push({ type: 'exponentSeparator', value: 'E' }); if (exponent < 0) num.push({ type: 'exponentMinusSign', value: '-' }); num.push({ type: 'exponentInteger', value: String(Math.abs(exponent)) }); }
        if (compactSuffix) num.push(compactSuffix.startsWith(' ') ? { type: 'literal', value: ' ' } : null, { type: 'compact', value: compactSuffix.trim() });
        num = num.filter(Boolean);
      }
      const isZero = num.every((p) => p.type !== 'integer' && p.type !== 'fraction' || /^[0]*$/.test(p.value));
      let sign = '';
      const sd = o.signDisplay;
      if (negative && sd !== 'never' && !(isZero && (sd === 'exceptZero' || sd === 'negative' || sd === 'auto' && Object.is(x, -0) === false && isZero && typeof x === 'number' && x > -0.5 && false))) sign = '-';
      if (negative && isZero && (sd === 'exceptZero' || sd === 'negative')) sign = '';
      if (!negative && (sd === 'always' || (sd === 'exceptZero' && !isZero))) sign = '+';
      const accounting = o.style === 'currency' && o.currencySign === 'accounting' && sign === '-';
      const signPart = sign ? [{ type: sign === '-' ? 'minusSign' : 'plusSign', value: sign }] : [];
      if (o.style === 'currency') {
        const c = o.currency;
        const info = CURRENCY[c];
        let sym;
        if (o.currencyDisplay === 'code') sym = c;
        else if (o.currencyDisplay === 'name') {
          const one = num.length === 1 && num[0].value === '1';
          const name = info ? info[one ? 2 : 1] : c;
          return [...signPart, ...num, { type: 'literal', value: ' ' }, { type: 'currency', value: name }];
        } else if (o.currencyDisplay === 'narrowSymbol') sym = NARROW[c] || (info ? info[0] : c);
        else sym = info ? info[0] : c;
        const spaced = /[A-Za-z]$/.test(sym);
        const cur = [{ type: 'currency', value: sym }, ...(spaced ? [{ type: 'literal', value: '\u00a0' }] : [])];
        if (accounting) return [{ type: 'literal', value: '(' }, ...cur, ...num, { type: 'literal', value: ')' }];
        return [...signPart, ...cur, ...num];
      }
      if (o.style === 'percent') return [...signPart, ...num, { type: 'percentSign', value: '%' }];
      if (o.style === 'unit') {
        const u = UNITS[o.unit];
        const one = num.length === 1 && num[0].value === '1';
        if (o.unitDisplay === 'long') return [...signPart, ...num, { type: 'literal', value: ' ' }, { type: 'unit', value: one ? u[3] : u[2] }];
        if (o.unitDisplay === 'narrow') return [...signPart, ...num, ...(/^[A-Za-z]/.test(u[1]) && !['m', 'h', 'd', 'w', 'y', 's'].includes(u[1]) ? [{ type: 'literal', value: ' ' }] : []), { type: 'unit', value: u[1] }];
        return [...signPart, ...num, ...(u[0] === '%' || u[0].startsWith('°') ? [] : [{ type: 'literal', value: ' ' }]), { type: 'unit', value: u[0] }];
      }
      return [...signPart, ...num];
    }
    formatRange(a, b) { return this.format(a) + '–' + this.format(b); }
    resolvedOptions() {
      const o = this._o;
      const r = { locale: o.locale, numberingSystem: 'latn', style: o.style };
      if (o.currency) { r.currency = o.currency; r.currencyDisplay = o.currencyDisplay; r.currencySign = o.currencySign; }
      if (o.unit) { r.unit = o.unit; r.unitDisplay = o.unitDisplay; }
      r.minimumIntegerDigits = o.minInt;
      if (o.minSig !== undefined) { r.minimumSignificantDigits = o.minSig; r.maximumSignificantDigits = o.maxSig; }
      else { r.minimumFractionDigits = o.minFrac; r.maximumFractionDigits = o.maxFrac; }
      Object.assign(r, { useGrouping: o.useGrouping, notation: o.notation, signDisplay: o.signDisplay, roundingIncrement: 1, roundingMode: o.roundingMode, roundingPriority: 'auto', trailingZeroDisplay: o.trailingZeroDisplay });
      if (o.notation === 'compact') r.compactDisplay = o.compactDisplay;
      return r;
    }
    static supportedLocalesOf(locales) { return canonLocales(locales).filter((l) => l === 'en-US' || l === 'en'); }
    get [Symbol.toStringTag]() { return 'Intl.NumberFormat'; }
  }

  // ---- dates ----
  const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  function timeZoneOffset(tz) {
    if (tz === undefined) return [0, 'UTC'];
    const s = String(tz);
    const up = s.toUpperCase();
    if (['UTC', 'ETC/UTC', 'GMT', 'ETC/GMT', 'ETC/UCT', 'UCT', 'ETC/ZULU', 'ZULU', 'ETC/UNIVERSAL', 'UNIVERSAL'].includes(up)) return [0, 'UTC'];
    const m = /^([+-])(\d{2}):?(\d{2})$/.exec(s);
    if (m) return [(m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])), m[1] + m[2] + ':' + m[3]];
    if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(s)) throw new RangeError('Invalid time zone specified: ' + s);
    throw new RangeError('Stratus has no time-zone data: timeZone "' + s + '" is not supported (UTC, as Lambda runs, and fixed offsets like "+02:00" are)');
  }
  const STYLE_VALUES = ['full', 'long', 'medium', 'short'];
  class DateTimeFormat {
    constructor(locales, o, required = 'any', defaults = 'date') {
      const requested = canonLocales(locales);
      o = options(o);
      opt.ctor = 'DateTimeFormat';
      const [offset, tzName] = timeZoneOffset(o.timeZone);
      const r = { locale: LOCALE, requested, calendar: 'gregory', numberingSystem: 'latn', timeZone: tzName, offset };
      const comps = { weekday: ['narrow', 'short', 'long'], era: ['narrow', 'short', 'long'], year: ['2-digit', 'numeric'], month: ['2-digit', 'numeric', 'narrow', 'short', 'long'], day: ['2-digit', 'numeric'], dayPeriod: ['narrow', 'short', 'long'], hour: ['2-digit', 'numeric'], minute: ['2-digit', 'numeric'], second: ['2-digit', 'numeric'], timeZoneName: ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric'] };
      for (const k of Object.keys(comps)) r[k] = opt(o, k, comps[k], undefined);
      r.fractionalSecondDigits = o.fractionalSecondDigits === undefined ? undefined : numOpt(o, 'fractionalSecondDigits', 1, 3, undefined);
      r.dateStyle = opt(o, 'dateStyle', STYLE_VALUES, undefined);
      r.timeStyle = opt(o, 'timeStyle', STYLE_VALUES, undefined);
      const hour12 = o.hour12 === undefined ? undefined : Boolean(o.hour12);
      const hc = opt(o, 'hourCycle', ['h11', 'h12', 'h23', 'h24'], undefined);
      r.hourCycle = hour12 !== undefined ? (hour12 ? 'h12' : 'h23') : hc || 'h12';
      const anyComp = Object.keys(comps).some((k) => r[k] !== undefined && k !== 'timeZoneName') || r.fractionalSecondDigits !== undefined;
      if ((r.dateStyle || r.timeStyle) && anyComp) throw new TypeError("Can't set option " + Object.keys(comps).find((k) => r[k] !== undefined) + ' when ' + (r.dateStyle ? 'dateStyle' : 'timeStyle') + ' is used');
      if (!r.dateStyle && !r.timeStyle) {
        const needDate = required === 'date' || required === 'any';
        const needTime = required === 'time' || required === 'any';
        const hasDate = ['weekday', 'year', 'month', 'day'].some((k) => r[k] !== undefined);
        const hasTime = ['dayPeriod', 'hour', 'minute', 'second'].some((k) => r[k] !== undefined) || r.fractionalSecondDigits !== undefined;
        let fill = !(needDate && hasDate) && !(needTime && hasTime);
        if (required === 'any') fill = !hasDate && !hasTime;
        if (fill && (defaults === 'date' || defaults === 'all')) { r.year = 'numeric'; r.month = 'numeric'; r.day = 'numeric'; }
        if (fill && (defaults === 'time' || defaults === 'all')) { r.hour = 'numeric'; r.minute = 'numeric'; r.second = 'numeric'; }
      }
      if (r.hour === undefined && !r.timeStyle) delete r.hourCycle;
      this._o = r;
      this.format = this.format.bind(this);
    }
    format(d) { return this.formatToParts(d).map((p) => p.value).join(''); }
    formatToParts(d) {
      const t = d === undefined ? Date.now() : typeof d === 'number' ? d : Number(d instanceof Date ? d.getTime() : d);
      if (!Number.isFinite(t)) throw new RangeError('Invalid time value');
      const o = this._o;
      const u = new Date(t + o.offset * 60000);
      const f = { Y: u.getUTCFullYear(), M: u.getUTCMonth(), D: u.getUTCDate(), W: u.getUTCDay(), h: u.getUTCHours(), m: u.getUTCMinutes(), s: u.getUTCSeconds(), ms: u.getUTCMilliseconds() };
      const tzShort = o.offset === 0 ? 'UTC' : 'GMT' + o.timeZone.replace(/:00$/, '').replace(/^([+-])0/, '$1');
      const tzLong = o.offset === 0 ? 'Coordinated Universal Time' : 'GMT' + o.timeZone;
      let spec = o;
      if (o.dateStyle || o.timeStyle) {
        spec = {};
        const ds = o.dateStyle, ts = o.timeStyle;
        if (ds === 'full') Object.assign(spec, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
        else if (ds === 'long') Object.assign(spec, { year: 'numeric', month: 'long', day: 'numeric' });
        else if (ds === 'medium') Object.assign(spec, { year: 'numeric', month: 'short', day: 'numeric' });
        else if (ds === 'short') Object.assign(spec, { year: '2-digit', month: 'numeric', day: 'numeric' });
        if (ts) Object.assign(spec, { hour: 'numeric', minute: '2-digit', hourCycle: o.hourCycle }, ts !== 'short' ? { second: '2-digit' } : {}, ts === 'full' ? { timeZoneName: 'long' } : ts === 'long' ? { timeZoneName: 'short' } : {});
        spec.joinAt = ds === 'full' || ds === 'long';
      }
      const two = (n) => String(n).padStart(2, '0');
      const date = [];
      const lit = (v) => ({ type: 'literal', value: v });
      const textual = spec.month === 'long' || spec.month === 'short' || spec.month === 'narrow';
      const monthName = spec.month === 'long' ? MONTHS[f.M] : spec.month === 'short' ? MONTHS[f.M].slice(0, 3) : MONTHS[f.M][0];
      const dayName = spec.weekday === 'long' ? DAYS[f.W] : spec.weekday === 'short' ? DAYS[f.W].slice(0, 3) : spec.weekday ? DAYS[f.W][0] : '';
      const yearStr = spec.year === '2-digit' ? two(f.Y % 100) : String(f.Y);
      const dayStr = spec.day === '2-digit' ? two(f.D) : String(f.D);
      if (textual) {
        if (spec.weekday) date.push({ type: 'weekday', value: dayName }, lit(', '));
        date.push({ type: 'month', value: monthName });
        if (spec.day) date.push(lit(' '), { type: 'day', value: dayStr });
        if (spec.year) date.push(lit(spec.day ? ', ' : ' '), { type: 'year', value: yearStr });
      } else if (spec.month || spec.day || spec.year) {
        if (spec.weekday) date.push({ type: 'weekday', value: dayName }, lit(', '));
        const seq = [];
        if (spec.month) seq.push({ type: 'month', value: spec.month === '2-digit' ? two(f.M + 1) : String(f.M + 1) });
        if (spec.day) seq.push({ type: 'day', value: dayStr });
        if (spec.year) seq.push({ type: 'year', value: yearStr });
        seq.forEach((p, i) => { if (i) date.push(lit('/')); date.push(p); });
      } else if (spec.weekday) date.push({ type: 'weekday', value: dayName });
      if (spec.era) { date.push(lit(' '), { type: 'era', value: spec.era === 'long' ? 'Anno Domini' : spec.era === 'short' ? 'AD' : 'A' }); }
      const time = [];
      const cycle = spec.hourCycle || o.hourCycle || 'h12';
      if (spec.hour || spec.minute || spec.second) {
        const h12 = cycle === 'h12' || cycle === 'h11';
        let hour = f.h;
        if (cycle === 'h12') hour = hour % 12 === 0 ? 12 : hour % 12;
        else if (cycle === 'h11') hour = hour % 12;
        else if (cycle === 'h24') hour = hour === 0 ? 24 : hour;
        const seq = [];
        if (spec.hour) seq.push({ type: 'hour', value: spec.hour === '2-digit' || (!h12 && (spec.minute || spec.second)) ? two(hour) : String(hour) });
        if (spec.minute) seq.push({ type: 'minute', value: spec.hour || spec.second ? two(f.m) : String(f.m) });
        if (spec.second) seq.push({ type: 'second', value: spec.minute ? two(f.s) : String(f.s) });
        seq.forEach((p, i) => { if (i) time.push(lit(':')); time.push(p); });
        if (spec.fractionalSecondDigits) time.push(lit('.'), { type: 'fractionalSecond', value: String(f.ms).padStart(3, '0').slice(0, spec.fractionalSecondDigits) });
        if (spec.hour && h12) time.push(lit('\u202f'), { type: 'dayPeriod', value: f.h < 12 ? 'AM' : 'PM' });
      }
      const parts = [...date];
      if (time.length) { if (parts.length) parts.push(lit(spec.joinAt || (textual && spec.day && spec.year && spec.month === 'long') ? ' at ' : ', ')); parts.push(...time); }
      if (spec.timeZoneName) {
        const name = spec.timeZoneName === 'long' ? tzLong : spec.timeZoneName.endsWith('Offset') ? (o.offset === 0 ? 'GMT' : 'GMT' + o.timeZone.replace(/:00$/, '').replace(/^([+-])0/, '$1')) : tzShort;
        parts.push(lit(time.length ? ' ' : ', '), { type: 'timeZoneName', value: name });
      }
      return parts;
    }
    formatRange(a, b) { return this.format(a) + ' – ' + this.format(b); }
    resolvedOptions() {
      const o = this._o;
      const r = { locale: o.locale, calendar: 'gregory', numberingSystem: 'latn', timeZone: o.timeZone };
      if (o.hourCycle) { r.hourCycle = o.hourCycle; r.hour12 = o.hourCycle === 'h12' || o.hourCycle === 'h11'; }
      for (const k of ['weekday', 'era', 'year', 'month', 'day', 'dayPeriod', 'hour', 'minute', 'second', 'fractionalSecondDigits', 'timeZoneName', 'dateStyle', 'timeStyle']) if (o[k] !== undefined) r[k] = o[k];
      if (r.minute !== undefined && r.hour !== undefined) r.minute = '2-digit';
      if (r.second !== undefined && r.minute !== undefined) r.second = '2-digit';
      return r;
    }
    static supportedLocalesOf(locales) { return NumberFormat.supportedLocalesOf(locales); }
    get [Symbol.toStringTag]() { return 'Intl.DateTimeFormat'; }
  }

  // ---- plural rules, collation, lists, relative time ----
  class PluralRules {
    constructor(locales, o) {
      o = options(o);
      opt.ctor = 'PluralRules';
      this._type = opt(o, 'type', ['cardinal', 'ordinal'], 'cardinal');
      this._nf = new NumberFormat(locales, Object.assign({}, o, { style: 'decimal', useGrouping: false }));
    }
    select(n) {
      n = Number(n);
      if (!Number.isFinite(n)) return 'other';
      if (this._type === 'ordinal') {
        const i = Math.abs(Math.trunc(n));
        if (i !== Math.abs(n)) return 'other';
        const m10 = i % 10, m100 = i % 100;
        if (m10 === 1 && m100 !== 11) return 'one';
        if (m10 === 2 && m100 !== 12) return 'two';
        if (m10 === 3 && m100 !== 13) return 'few';
        return 'other';
      }
      const shown = this._nf.format(Math.abs(n));
      return shown === '1' ? 'one' : 'other';
    }
    selectRange(a, b) { void a; return this.select(b); }
    resolvedOptions() { return Object.assign({ locale: LOCALE, type: this._type }, (({ minimumIntegerDigits, minimumFractionDigits, maximumFractionDigits, minimumSignificantDigits, maximumSignificantDigits }) => ({ minimumIntegerDigits, minimumFractionDigits, maximumFractionDigits, minimumSignificantDigits, maximumSignificantDigits }))(this._nf.resolvedOptions()), { pluralCategories: this._type === 'ordinal' ? ['few', 'one', 'two', 'other'] : ['one', 'other'], roundingIncrement: 1, roundingMode: 'halfExpand', roundingPriority: 'auto', trailingZeroDisplay: 'auto' }); }
    static supportedLocalesOf(locales) { return NumberFormat.supportedLocalesOf(locales); }
    get [Symbol.toStringTag]() { return 'Intl.PluralRules'; }
  }
  function collationKey(s, ignorePunctuation) {
    const base = [], accents = [], cases = [];
    for (const ch of String(s).normalize('NFD')) {
      const c = ch.codePointAt(0);
      if (c >= 0x300 && c <= 0x36f) { accents[accents.length - 1] = (accents[accents.length - 1] || '') + ch; continue; }
      const lower = ch.toLowerCase();
      let group;
      if (/\s/.test(ch)) group = 1;
      else if (/[\p{P}\p{S}]/u.test(ch)) group = 2;
      else if (/\p{Nd}/u.test(ch)) group = 3;
      else if (/\p{L}/u.test(ch)) group = 4;
      else group = 5;
      if (ignorePunctuation && group <= 2) continue;
      base.push([group, lower]);
      accents.push('');
      cases.push(lower === ch ? 0 : 1);
    }
    return { base, accents, cases };
  }
  class Collator {
    constructor(locales, o) {
      canonLocales(locales);
      o = options(o);
      opt.ctor = 'Collator';
      this._usage = opt(o, 'usage', ['sort', 'search'], 'sort');
      this._sensitivity = opt(o, 'sensitivity', ['base', 'accent', 'case', 'variant'], 'variant');
      this._ignorePunctuation = opt(o, 'ignorePunctuation', null, false);
      this._numeric = opt(o, 'numeric', null, false);
      this._caseFirst = opt(o, 'caseFirst', ['upper', 'lower', 'false'], 'false');
      this.compare = this.compare.bind(this);
    }
    compare(a, b) {
      a = String(a); b = String(b);
      const ka = collationKey(a, this._ignorePunctuation), kb = collationKey(b, this._ignorePunctuation);
      const n = Math.min(ka.base.length, kb.base.length);
      for (let i = 0; i < n; i++) {
        const [ga, ca] = ka.base[i], [gb, cb] = kb.base[i];
        if (ga !== gb) return ga < gb ? -1 : 1;
        if (this._numeric && ga === 3) {
          let ea = i, eb = i;
          let na = '', nb = '';
          while (ea < ka.base.length && ka.base[ea][0] === 3) na += ka.base[ea++][1];
          while (eb < kb.base.length && kb.base[eb][0] === 3) nb += kb.base[eb++][1];
          const da = na.replace(/^0+/, ''), db = nb.replace(/^0+/, '');
          if (da.length !== db.length) return da.length < db.length ? -1 : 1;
          if (da !== db) return da < db ? -1 : 1;
          if (ea - i !== eb - i) return ea - i < eb - i ? -1 : 1;
          i = Math.min(ea, eb) - 1;
          continue;
        }
        if (ca !== cb) return ca < cb ? -1 : 1;
      }
      if (ka.base.length !== kb.base.length) return ka.base.length < kb.base.length ? -1 : 1;
      if (this._sensitivity === 'base') return 0;
      if (this._sensitivity !== 'case') {
        for (let i = 0; i < n; i++) if (ka.accents[i] !== kb.accents[i]) return ka.accents[i] < kb.accents[i] ? -1 : 1;
      }
      if (this._sensitivity === 'accent') return 0;
      const upperFirst = this._caseFirst === 'upper';
      for (let i = 0; i < n; i++) if (ka.cases[i] !== kb.cases[i]) return (ka.cases[i] < kb.cases[i]) !== upperFirst ? -1 : 1;
      if (this._sensitivity === 'variant' && a !== b) return a < b ? -1 : 1;
      return 0;
    }
    resolvedOptions() { return { locale: LOCALE, usage: this._usage, sensitivity: this._sensitivity, ignorePunctuation: this._ignorePunctuation, collation: 'default', numeric: this._numeric, caseFirst: this._caseFirst }; }
    static supportedLocalesOf(locales) { return NumberFormat.supportedLocalesOf(locales); }
    get [Symbol.toStringTag]() { return 'Intl.Collator'; }
  }
  class ListFormat {
    constructor(locales, o) {
      canonLocales(locales);
      o = options(o);
      opt.ctor = 'ListFormat';
      this._type = opt(o, 'type', ['conjunction', 'disjunction', 'unit'], 'conjunction');
      this._style = opt(o, 'style', ['long', 'short', 'narrow'], 'long');
    }
    formatToParts(list) {
      const items = Array.from(list, (x) => { if (typeof x !== 'string') throw new TypeError('Iterable yielded ' + x + ' which is not a string'); return x; });
      const word = this._type === 'disjunction' ? 'or' : this._type === 'unit' ? '' : this._style === 'long' ? 'and' : this._style === 'short' ? '&' : '';
      const out = [];
      items.forEach((x, i) => {
        if (i > 0) {
          let sep;
          const last = i === items.length - 1;
          if (this._type === 'unit') sep = this._style === 'narrow' ? ' ' : ', ';
          else if (!last) sep = ', ';
          else if (!word) sep = ', ';
          else sep = items.length === 2 ? ' ' + word + ' ' : ', ' + word + ' ';
          out.push({ type: 'literal', value: sep });
        }
        out.push({ type: 'element', value: x });
      });
      return out;
    }
    format(list) { return this.formatToParts(list).map((p) => p.value).join(''); }
    resolvedOptions() { return { locale: LOCALE, type: this._type, style: this._style }; }
    static supportedLocalesOf(locales) { return NumberFormat.supportedLocalesOf(locales); }
  }
  const RT_UNITS = ['year', 'quarter', 'month', 'week', 'day', 'hour', 'minute', 'second'];
  const RT_SHORT = { year: 'yr.', quarter: 'qtr.', month: 'mo.', week: 'wk.', day: 'day', hour: 'hr.', minute: 'min.', second: 'sec.' };
  const RT_AUTO = { day: { '-1': 'yesterday', 0: 'today', 1: 'tomorrow' }, year: { '-1': 'last year', 0: 'this year', 1: 'next year' }, month: { '-1': 'last month', 0: 'this month', 1: 'next month' }, week: { '-1': 'last week', 0: 'this week', 1: 'next week' }, quarter: { '-1': 'last quarter', 0: 'this quarter', 1: 'next quarter' }, hour: { 0: 'this hour' }, minute: { 0: 'this minute' }, second: { 0: 'now' } };
  class RelativeTimeFormat {
    constructor(locales, o) {
      canonLocales(locales);
      o = options(o);
      opt.ctor = 'RelativeTimeFormat';
      this._style = opt(o, 'style', ['long', 'short', 'narrow'], 'long');
      this._numeric = opt(o, 'numeric', ['always', 'auto'], 'always');
      this._nf = new NumberFormat(LOCALE);
    }
    format(value, unit) {
      value = Number(value);
      if (!Number.isFinite(value)) throw new RangeError('Invalid value');
      const u = String(unit).replace(/s$/, '');
      if (!RT_UNITS.includes(u)) throw new RangeError('Invalid unit argument for format() \'' + unit + '\'');
      if (this._numeric === 'auto' && RT_AUTO[u] && RT_AUTO[u][String(value)] !== undefined && !Object.is(value, -0)) return RT_AUTO[u][String(value)];
      const n = this._nf.format(Math.abs(value));
      const name = this._style === 'long' ? u + (n === '1' ? '' : 's') : RT_SHORT[u];
      const past = value < 0 || Object.is(value, -0);
      return past ? n + ' ' + name + ' ago' : 'in ' + n + ' ' + name;
    }
    formatToParts(value, unit) { return [{ type: 'literal', value: this.format(value, unit) }]; }
    resolvedOptions() { return { locale: LOCALE, style: this._style, numeric: this._numeric, numberingSystem: 'latn' }; }
    static supportedLocalesOf(locales) { return NumberFormat.supportedLocalesOf(locales); }
  }
  class Locale {
    constructor(tag) {
      const [c] = canonLocales(typeof tag === 'string' ? tag : String(tag));
      const parts = c.split('-');
      this.baseName = c;
      this.language = parts[0];
      this.region = parts.find((p, i) => i > 0 && /^[A-Z]{2}$/.test(p));
      this.script = parts.find((p, i) => i > 0 && /^[A-Z][a-z]{3}$/.test(p));
    }
    toString() { return this.baseName; }
    maximize() { return this; }
    minimize() { return this; }
  }
  const Intl = {
    NumberFormat, DateTimeFormat, PluralRules, Collator, ListFormat, RelativeTimeFormat, Locale,
    getCanonicalLocales: (l) => [...new Set(canonLocales(l))],
    supportedValuesOf(key) {
      const table = { calendar: ['gregory'], collation: ['default'], currency: Object.keys(CURRENCY).sort(), numberingSystem: ['latn'], timeZone: ['UTC'], unit: Object.keys(UNITS).sort() };
      if (!table[key]) throw new RangeError('Invalid key : ' + key);
      return table[key].slice();
    },
  };
  Object.defineProperty(Intl, Symbol.toStringTag, { value: 'Intl', configurable: true });
  for (const C of [NumberFormat, DateTimeFormat, PluralRules, Collator, ListFormat, RelativeTimeFormat, Locale]) Object.defineProperty(Intl, C.name, { enumerable: false });
  for (const k of ['getCanonicalLocales', 'supportedValuesOf']) Object.defineProperty(Intl, k, { enumerable: false });

  // The locale-sensitive methods of the built-in prototypes, as ECMA-402 defines them.
  const methods = {
    numberToLocaleString(locales, o) { return new NumberFormat(locales, o).format(this); },
    bigintToLocaleString(locales, o) { return new NumberFormat(locales, o).format(this); },
    dateToLocaleString(locales, o) { return Number.isNaN(this.getTime()) ? 'Invalid Date' : new DateTimeFormat(locales, o, 'any', 'all').format(this); },
    dateToLocaleDateString(locales, o) { return Number.isNaN(this.getTime()) ? 'Invalid Date' : new DateTimeFormat(locales, o, 'date', 'date').format(this); },
    dateToLocaleTimeString(locales, o) { return Number.isNaN(this.getTime()) ? 'Invalid Date' : new DateTimeFormat(locales, o, 'time', 'time').format(this); },
    stringLocaleCompare(that, locales, o) { return new Collator(locales, o).compare(this, that); },
    arrayToLocaleString(locales, o) { return Array.from(this, (x) => (x === null || x === undefined ? '' : x.toLocaleString(locales, o))).join(','); },
  };
  return { Intl, methods };
})
