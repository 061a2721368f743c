// Stratus runtime modules: CommonJS `require` and Node's built-in modules,
// compiled on first use (a CommonJS handler, or an ES import of a built-in
// or a CommonJS file), so an ES module handler's cold start parses none of it.
// `N` holds the host's native functions; it returns the object Rust drives.
(function (N, G) {
  'use strict';
  const builtinCache = new Map();
  const cjsCache = new Map();
  function builtin(name) {
    if (builtinCache.has(name)) return builtinCache.get(name);
    let exports;
    if (name === 'timers') exports = { setTimeout: G.setTimeout, setInterval: G.setInterval, setImmediate: G.setImmediate, clearTimeout: G.clearTimeout, clearInterval: G.clearInterval, clearImmediate: G.clearImmediate, promises: builtin('timers/promises') };
    else if (name === 'process') exports = G.process;
    else if (name === 'module') exports = moduleModule();
    else if (name === 'console') exports = G.console;
    else if (name === 'sys') exports = builtin('util');
    else {
      const node = N.nodeModule(name, false);
      if (typeof node === 'string') throw unsupported(node);
      if (node !== undefined) exports = node(N, G, builtin, internal, name);
      else if ((exports = N.io(name)) !== undefined) { /* crypto, fs, zlib, http, ... (io/) */ }
      else {
        const factory = N.builtinFactory(name);
        if (factory === undefined) return undefined;
        exports = factory(N.hostCall);
      }
    }
    builtinCache.set(name, exports);
    return exports;
  }
  // The runtime's own parts (web globals, Intl), by name.
  const internalCache = new Map();
  function internal(name) {
    if (!internalCache.has(name)) internalCache.set(name, N.nodeModule(name, true)(N, G, builtin, internal, name));
    return internalCache.get(name);
  }
  function unsupported(message) {
    const e = new Error(message);
    e.code = 'ERR_STRATUS_UNSUPPORTED';
    return e;
  }
  // node:module: createRequire (what ES module bundles use to require) and
  // the list of built-ins.
  function moduleModule() {
    const builtinModules = ['assert', 'assert/strict', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto', 'dgram', 'diagnostics_channel', 'dns', 'dns/promises', 'domain', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https', 'inspector', 'inspector/promises', 'module', 'net', 'os', 'path', 'path/posix', 'path/win32', 'perf_hooks', 'process', 'punycode', 'querystring', 'readline', 'readline/promises', 'repl', 'stream', 'stream/consumers', 'stream/promises', 'stream/web', 'string_decoder', 'sys', 'timers', 'timers/promises', 'tls', 'trace_events', 'tty', 'url', 'util', 'util/types', 'v8', 'vm', 'wasi', 'worker_threads', 'zlib'];
    const createRequire = (filename) => {
      let path = typeof filename === 'object' && filename !== null && filename.href ? filename.href : String(filename);
      if (path.startsWith('file://')) path = decodeURIComponent(path.slice(7));
      if (!path.startsWith('/')) {
        const e = new TypeError('The argument \'filename\' must be a file URL object, file URL string, or absolute path string. Received ' + JSON.stringify(String(filename)));
        e.code = 'ERR_INVALID_ARG_VALUE';
        throw e;
      }
      return makeRequire(path);
    };
    const isBuiltin = (s) => { s = String(s); const n = s.startsWith('node:') ? s.slice(5) : s; return builtinModules.includes(n); };
    function Module() { throw new Error('Stratus does not support constructing Module'); }
    Object.assign(Module, { createRequire, builtinModules, isBuiltin, Module });
    return Module;
  }
  function notFound(spec, from) {
    const e = new Error("Cannot find module '" + spec + "'\nRequire stack:\n- " + from);
    e.code = 'MODULE_NOT_FOUND';
    return e;
  }
  function makeRequire(fromFile) {
    const dir = fromFile.slice(0, fromFile.lastIndexOf('/') + 1);
    const req = (spec) => {
      spec = String(spec);
      const bare = spec.startsWith('node:') ? spec.slice(5) : spec;
      if (!spec.startsWith('.') && !spec.startsWith('/')) {
        const b = builtin(bare);
        if (b !== undefined) return b;
        throw notFound(spec, fromFile);
      }
      const path = N.resolveFile(spec.startsWith('/') ? spec : dir + spec, 'require');
      if (path === undefined) throw notFound(spec, fromFile);
      return loadCjs(path);
    };
    req.resolve = (spec) => spec;
    req.cache = {};
    return req;
  }
  function loadCjs(path) {
    const cached = cjsCache.get(path);
    if (cached) return cached.exports;
    if (path.endsWith('.json')) {
      const m = { exports: JSON.parse(N.fileText(path)) };
      cjsCache.set(path, m);
      return m.exports;
    }
    const module = { exports: {}, id: path, filename: path, loaded: false, children: [], paths: [] };
    cjsCache.set(path, module);
    const wrapper = N.compileCjs(path);
    try {
      wrapper.call(module.exports, module.exports, makeRequire(path), module, path, path.slice(0, path.lastIndexOf('/')));
    } catch (e) {
      cjsCache.delete(path);
      throw e;
    }
    module.loaded = true;
    return module.exports;
  }
  return { requireMain: (path) => loadCjs(path), builtin, internal };
})
