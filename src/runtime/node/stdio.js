// process.stdout and process.stderr as a Lambda function has them (pipes
// whose lines reach the log as written, without the console's timestamp,
// request id and level), and console.Console, which loggers such as
// Powertools build over them.
(function (N, G, require, internal) {
  'use strict';
  const { Writable } = require('stream');
  const { format, formatWithOptions } = N.extras();
  function stream(fd) {
    let partial = '';
    const w = new Writable({
      decodeStrings: false,
      write(chunk, encoding, cb) {
        partial += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        const lines = partial.split('\n');
        partial = lines.pop();
        for (const line of lines) N.rawLog(line);
        cb();
      },
      final(cb) { if (partial) N.rawLog(partial); partial = ''; cb(); },
    });
    Object.assign(w, { fd, isTTY: false, columns: undefined, rows: undefined, _type: 'pipe', _isStdio: true });
    w.destroySoon = w.destroy;
    w.end = function () { return this; };
    w.destroy = function () { return this; };
    return w;
  }
  const stdout = stream(1);
  const stderr = stream(2);
  const kCounts = Symbol('counts');
  const kTimers = Symbol('timers');
  const kIndent = Symbol('indent');
  function Console(options, stderrArg, ignoreErrors) {
    if (!new.target) return new Console(options, stderrArg, ignoreErrors);
    if (!options || typeof options.write === 'function') options = { stdout: options, stderr: stderrArg, ignoreErrors };
    const out = options.stdout;
    if (!out || typeof out.write !== 'function') throw internal('errors').invalidArgType('stdout', 'object', out);
    const err = options.stderr || out;
    const inspectOptions = options.inspectOptions;
    const fmt = (args) => (inspectOptions ? formatWithOptions(inspectOptions, ...args) : format(...args));
    const write = (stream, text) => {
      if (this[kIndent]) text = text.replace(/^/gm, this[kIndent]);
      try { stream.write(text + '\n'); } catch (e) { if (options.ignoreErrors === false) throw e; }
    };
    this[kCounts] = new Map();
    this[kTimers] = new Map();
    this[kIndent] = '';
    const methods = {
      log: (...a) => write(out, fmt(a)),
      warn: (...a) => write(err, fmt(a)),
      dir: (v, o) => write(out, N.extras().inspect(v, Object.assign({ customInspect: false }, inspectOptions, o))),
      time: (label = 'default') => { this[kTimers].set(String(label), Date.now()); },
      timeEnd: (label = 'default') => { const t = this[kTimers].get(String(label)); if (t !== undefined) { write(out, label + ': ' + (Date.now() - t) + 'ms'); this[kTimers].delete(String(label)); } },
      timeLog: (label = 'default', ...data) => { const t = this[kTimers].get(String(label)); if (t !== undefined) write(out, fmt([label + ': ' + (Date.now() - t) + 'ms', ...data])); },
      count: (label = 'default') => { const n = (this[kCounts].get(String(label)) || 0) + 1; this[kCounts].set(String(label), n); write(out, label + ': ' + n); },
      countReset: (label = 'default') => { this[kCounts].delete(String(label)); },
      group: (...a) => { if (a.length) write(out, fmt(a)); this[kIndent] += '  '; },
      groupEnd: () => { this[kIndent] = this[kIndent].slice(2); },
      assert: (cond, ...a) => { if (!cond) write(err, a.length ? fmt(['Assertion failed:', ...a]) : 'Assertion failed'); },
      trace: (...a) => write(err, 'Trace' + (a.length ? ': ' + fmt(a) : '') + '\n' + String(new Error().stack || '').split('\n').slice(1).filter(Boolean).join('\n')),
      table: (...a) => write(out, fmt(a)),
    };
    Object.assign(methods, { info: methods.log, debug: methods.log, dirxml: methods.log, error: methods.warn, groupCollapsed: methods.group });
    for (const [k, f] of Object.entries(methods)) Object.defineProperty(this, k, { value: f, writable: true, enumerable: true, configurable: true });
  }
  return { stdout, stderr, Console };
})
