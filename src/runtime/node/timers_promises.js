// node:timers/promises: setTimeout, setImmediate and the setInterval async
// iterator in virtual time, cancelled by an AbortSignal with Node's
// AbortError; `scheduler.wait` and `scheduler.yield`.
(function (N, G, require, internal) {
  'use strict';
  const errors = internal('errors');
  function options(opts) {
    if (opts === undefined) return {};
    errors.validateObject(opts, 'options');
    errors.validateAbortSignal(opts.signal, 'options.signal');
    if (opts.ref !== undefined && typeof opts.ref !== 'boolean') throw errors.invalidArgType('options.ref', 'boolean', opts.ref);
    return opts;
  }
  function delayed(schedule, value, opts) {
    const { signal } = options(opts);
    if (signal && signal.aborted) return Promise.reject(errors.abortError(signal.reason));
    return new Promise((resolve, reject) => {
      let onAbort;
      const t = schedule(() => { if (signal) signal.removeEventListener('abort', onAbort); resolve(value); });
      if (signal) {
        onAbort = () => { G.clearTimeout(t); reject(errors.abortError(signal.reason)); };
        signal.addEventListener('abort', onAbort, { once: true });
      }
    });
  }
  function setTimeout(delay, value, opts) {
    if (delay !== undefined) errors.validateNumber(delay, 'delay');
    return delayed((f) => G.setTimeout(f, delay), value, opts);
  }
  function setImmediate(value, opts) { return delayed((f) => G.setImmediate(f), value, opts); }
  function setInterval(delay, value, opts) {
    if (delay !== undefined) errors.validateNumber(delay, 'delay');
    const { signal } = options(opts);
    let pending = 0;
    let waiter = null;
    let done = false;
    let timer = null;
    const onAbort = () => {
      done = true;
      G.clearInterval(timer);
      if (waiter) { const w = waiter; waiter = null; w.reject(errors.abortError(signal.reason)); }
    };
    return {
      [Symbol.asyncIterator]() { return this; },
      next() {
        if (signal && signal.aborted) { done = true; return Promise.reject(errors.abortError(signal.reason)); }
        if (done) return Promise.resolve({ value: undefined, done: true });
        if (timer === null) {
          timer = G.setInterval(() => {
            pending++;
            if (waiter) { const w = waiter; waiter = null; pending--; w.resolve({ value, done: false }); }
          }, delay);
          if (signal) signal.addEventListener('abort', onAbort, { once: true });
        }
        if (pending > 0) { pending--; return Promise.resolve({ value, done: false }); }
        return new Promise((resolve, reject) => { waiter = { resolve, reject }; });
      },
      return() {
        done = true;
        if (timer !== null) G.clearInterval(timer);
        if (signal) signal.removeEventListener('abort', onAbort);
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }
  const scheduler = {
    wait: (delay, opts) => setTimeout(delay, undefined, opts),
    yield: () => setImmediate(),
  };
  return { setTimeout, setImmediate, setInterval, scheduler };
})
