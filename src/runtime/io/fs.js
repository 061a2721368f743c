// Stratus io: `fs` and `fs/promises`, compiled on first use, over the
// environment's file system in Rust (`I.fs`): `/var/task` read-only, `/tmp`
// writable for the environment's life. Callback and promise forms complete
// on a later turn of the event loop, as Node's thread pool answers them.
// File descriptors and streams are not available and say so.
(function (N, G, I) {
  'use strict';
  const Buf = () => N.extras().bufferClass();
  const toBuf = (u8) => { const B = Buf(); return new B(u8.buffer, u8.byteOffset, u8.length); };
  function typeError(code, message) { const e = new TypeError(message); e.code = code; return e; }
  function received(v) {
    if (v == null) return ' Received ' + v;
    if (typeof v === 'object') return ' Received an instance of ' + ((v.constructor && v.constructor.name) || 'Object');
    if (typeof v === 'function') return ' Received function ' + (v.name || '<anonymous>');
    return ' Received type ' + typeof v + ' (' + String(v) + ')';
  }
  // A path as Node takes it: a string, a Buffer or a file: URL.
  function pathOf(p, name) {
    if (typeof p === 'string') return p;
    if (ArrayBuffer.isView(p)) return I.toText(p);
    if (p && typeof p === 'object' && typeof p.href === 'string' && p.protocol !== undefined) {
      if (p.protocol !== 'file:') throw typeError('ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
      return decodeURIComponent(p.pathname);
    }
    throw typeError('ERR_INVALID_ARG_TYPE', 'The "' + (name || 'path') + '" argument must be of type string or an instance of Buffer or URL.' + received(p));
  }
  function encodingOf(options) {
    if (typeof options === 'string') return options;
    return options && options.encoding ? options.encoding : undefined;
  }
  function dataOf(data, options) {
    if (typeof data === 'string') return I.toBytes(data, encodingOf(options) || 'utf8');
    if (ArrayBuffer.isView(data)) return data;
    throw typeError('ERR_INVALID_ARG_TYPE', 'The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView.' + received(data));
  }
  const unsupported = (name) => () => {
    const e = new Error('fs.' + name + ' is not supported in Stratus (whole-file calls such as readFile, writeFile, appendFile, stat, readdir, mkdir and rm are)');
    e.code = 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM';
    throw e;
  };

  // ---- Stats and Dirent ----
  const UID = 993, GID = 990; // Lambda's sandbox user
  class Stats {
    constructor(s, path) {
      const [dir, size, mtime, ctime, birthtime, ino, mode] = s;
      const task = !(path === '/tmp' || String(path).startsWith('/tmp/'));
      Object.assign(this, {
        dev: task ? 2049 : 66, mode, nlink: dir ? 2 : 1, uid: task ? 0 : UID, gid: task ? 0 : GID, rdev: 0, blksize: 4096, ino, size,
        blocks: Math.ceil(size / 4096) * 8, atimeMs: mtime, mtimeMs: mtime, ctimeMs: ctime, birthtimeMs: birthtime,
        atime: new Date(mtime), mtime: new Date(mtime), ctime: new Date(ctime), birthtime: new Date(birthtime),
      });
    }
    isFile() { return (this.mode & 0o170000) === 0o100000; }
    isDirectory() { return (this.mode & 0o170000) === 0o40000; }
    isSymbolicLink() { return false; }
    isBlockDevice() { return false; }
    isCharacterDevice() { return false; }
    isFIFO() { return false; }
    isSocket() { return false; }
  }
  class Dirent {
    constructor(name, dir, parentPath) { this.name = name; this.parentPath = parentPath; Object.defineProperty(this, '_dir', { value: dir }); }
    isFile() { return !this._dir; }
    isDirectory() { return this._dir; }
    isSymbolicLink() { return false; }
    isBlockDevice() { return false; }
    isCharacterDevice() { return false; }
    isFIFO() { return false; }
    isSocket() { return false; }
  }
  const absolute = (p) => (p.startsWith('/') ? p : '/var/task/' + p).replace(/\/+$/, '') || '/';

  // ---- the synchronous calls ----
  function statSync(path, options, syscall) {
    const p = pathOf(path);
    try {
      return new Stats(I.fs('stat', p, syscall || 'stat'), absolute(p));
    } catch (e) {
      if (options && options.throwIfNoEntry === false && e.code === 'ENOENT') return undefined;
      throw e;
    }
  }
  const lstatSync = (path, options) => statSync(path, options, 'lstat');
  function existsSync(path) {
    try { I.fs('stat', pathOf(path)); return true; } catch (e) { return false; }
  }
  function readFileSync(path, options) {
    const bytes = I.fs('read', pathOf(path));
    const enc = encodingOf(options);
    return enc && enc !== 'buffer' ? I.toText(bytes, enc) : toBuf(bytes);
  }
  function writeFileSync(file, data, options) {
    const flag = (options && typeof options === 'object' && options.flag) || 'w';
    I.fs('write', pathOf(file, 'file'), dataOf(data, options), flag);
  }
  function appendFileSync(path, data, options) {
    const flag = (options && typeof options === 'object' && options.flag) || 'a';
    I.fs('write', pathOf(path), dataOf(data, options), flag);
  }
  function mkdirSync(path, options) {
    const recursive = typeof options === 'object' && options !== null && !!options.recursive;
    return I.fs('mkdir', pathOf(path), recursive);
  }
  function readdirSync(path, options) {
    const p = pathOf(path);
    const list = I.fs('readdir', p);
    if (options && typeof options === 'object' && options.recursive) {
      const out = [];
      const walk = (dir, rel) => {
        for (const [name, isDir] of I.fs('readdir', dir)) {
          out.push(options.withFileTypes ? new Dirent(name, isDir, dir) : rel + name);
          if (isDir) walk(dir + '/' + name, rel + name + '/');
        }
      };
      walk(p.replace(/\/+$/, ''), '');
      return out;
    }
    if (options && typeof options === 'object' && options.withFileTypes) return list.map(([name, dir]) => new Dirent(name, dir, p));
    const enc = encodingOf(options);
    return list.map(([name]) => (enc === 'buffer' ? Buf().from(name) : name));
  }
  const unlinkSync = (path) => { I.fs('unlink', pathOf(path)); };
  function rmdirSync(path, options) { I.fs('rmdir', pathOf(path), !!(options && options.recursive)); }
  function rmSync(path, options) {
    const p = pathOf(path);
    const recursive = !!(options && options.recursive);
    const force = !!(options && options.force);
    let st;
    try { st = lstatSync(p); } catch (e) { if (force && e.code === 'ENOENT') return; throw e; }
    if (st.isDirectory()) {
      if (!recursive) {
        const e = new Error('Path is a directory: rm returned EISDIR (is a directory) ' + p);
        e.name = 'SystemError';
        Object.assign(e, { code: 'ERR_FS_EISDIR', errno: 21, syscall: 'rm', path: p });
        throw e;
      }
      I.fs('rmdir', p, true);
    } else I.fs('unlink', p);
  }
  const renameSync = (oldPath, newPath) => { I.fs('rename', pathOf(oldPath, 'oldPath'), pathOf(newPath, 'newPath')); };
  const copyFileSync = (src, dest, mode) => { I.fs('copy', pathOf(src, 'src'), pathOf(dest, 'dest'), ((mode || 0) & 1) === 1); };
  const accessSync = (path, mode) => { I.fs('access', pathOf(path), mode === undefined ? 0 : mode); };
  function mkdtempSync(prefix) {
    const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
    let p;
    do {
      p = pathOf(prefix, 'prefix');
      for (let i = 0; i < 6; i++) p += chars[Math.floor(N.random() * chars.length)];
    } while (existsSync(p));
    I.fs('mkdir', p, false);
    return p;
  }
  function realpathSync(path) {
    const p = pathOf(path);
    I.fs('stat', p, 'lstat');
    return absolute(p).split('/').reduce((acc, part) => (part === '..' ? acc.slice(0, acc.lastIndexOf('/')) : part === '.' || part === '' ? acc : acc + '/' + part), '') || '/';
  }
  realpathSync.native = realpathSync;
  function truncateSync(path, len) {
    const bytes = I.fs('read', pathOf(path));
    const n = len === undefined ? 0 : len;
    const out = new Uint8Array(n);
    out.set(bytes.subarray(0, Math.min(n, bytes.length)));
    I.fs('write', pathOf(path), out, 'r+');
  }

  const sync = { statSync, lstatSync, readFileSync, writeFileSync, appendFileSync, mkdirSync, readdirSync, unlinkSync, rmdirSync, rmSync, renameSync, copyFileSync, accessSync, mkdtempSync, realpathSync, truncateSync };
  const fs = { existsSync, Stats, Dirent };
  const promises = {};
  for (const [name, f] of Object.entries(sync)) {
    const base = name.slice(0, -4);
    fs[name] = f;
    // The callback form: the last argument is the callback.
    fs[base] = function (...args) {
      const cb = args.pop();
      if (typeof cb !== 'function') throw typeError('ERR_INVALID_ARG_TYPE', 'The "cb" argument must be of type function.' + received(cb));
      let out, err = null;
      try { out = f(...args); } catch (e) { err = e; }
      G.setImmediate(() => (err ? cb(err) : cb(null, out)));
    };
    promises[base] = (...args) => new Promise((resolve, reject) => {
      let out, err = null, failed = false;
      try { out = f(...args); } catch (e) { err = e; failed = true; }
      G.setImmediate(() => (failed ? reject(err) : resolve(out)));
    });
  }
  fs.exists = (path, cb) => { const r = existsSync(path); G.setImmediate(() => cb(r)); };
  fs.constants = {
    UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2,
    S_IFMT: 61440, S_IFREG: 32768, S_IFDIR: 16384, S_IFCHR: 8192, S_IFBLK: 24576, S_IFIFO: 4096, S_IFLNK: 40960, S_IFSOCK: 49152,
    O_CREAT: 64, O_EXCL: 128, O_TRUNC: 512, O_APPEND: 1024, O_DIRECTORY: 65536, O_SYNC: 1052672,
    F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2, UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
  };
  Object.assign(fs, { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 });
  for (const name of ['openSync', 'closeSync', 'readSync', 'writeSync', 'fstatSync', 'fsyncSync', 'open', 'close', 'read', 'write', 'fstat', 'watch', 'watchFile', 'unwatchFile', 'symlinkSync', 'symlink', 'linkSync', 'link', 'readlinkSync', 'readlink', 'chmodSync', 'chmod', 'chownSync', 'chown', 'utimesSync', 'utimes', 'opendirSync', 'opendir', 'cpSync', 'cp']) {
    fs[name] = unsupported(name);
  }
  fs.createReadStream = unsupported('createReadStream (streams)');
  fs.createWriteStream = unsupported('createWriteStream (streams)');
  promises.open = unsupported('promises.open (file handles)');
  promises.constants = fs.constants;
  fs.promises = promises;
  return { fs, promises };
})
