// Stratus io: `fs` and `fs/promises`, compiled on first use, over the
// environment's file system in Rust (`I.fs`): `/var/task` read-only, `/tmp`
// writable for the environment's life. Callback and promise forms complete
// on a later turn of the event loop, as Node's thread pool answers them.
// File descriptors work over whole-file calls; streams are not available
// and say so.
(function (N, G, I) {
  'use strict';
  const Buf = () => G.Buffer;
  const toBuf = (u8) => { const B = Buf(); return B.from(u8.buffer, u8.byteOffset, u8.length); };
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
      // Breadth first, as Node reads a queue of directories.
      const out = [];
      const queue = [[p.replace(/\/+$/, ''), '']];
      for (let i = 0; i < queue.length; i++) {
        const [dir, rel] = queue[i];
        for (const [name, isDir] of I.fs('readdir', dir)) {
          out.push(options.withFileTypes ? new Dirent(name, isDir, dir) : rel + name);
          if (isDir) queue.push([dir + '/' + name, rel + name + '/']);
        }
      }
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

  // ---- file descriptors, over whole-file calls (numbered from 3; 1 and 2 are the log) ----
  const fds = new Map();
  let nextFd = 3;
  function badFd(syscall) { return Object.assign(new Error('EBADF: bad file descriptor, ' + syscall), { errno: -9, code: 'EBADF', syscall }); }
  function entry(fd, syscall) {
    const e = fds.get(fd);
    if (!e) throw badFd(syscall);
    return e;
  }
  function openSync(path, flags, mode) {
    const p = pathOf(path);
    const f = flags === undefined || flags === null ? 'r' : String(flags);
    if (!/^(r|rs|sr|r\+|rs\+|sr\+|w|wx|xw|w\+|wx\+|xw\+|a|ax|xa|as|sa|a\+|ax\+|xa\+|as\+|sa\+)$/.test(f)) {
      throw typeError('ERR_INVALID_ARG_VALUE', "The argument 'flags' is invalid. Received " + N.extras().inspect(flags));
    }
    if (f.includes('r')) I.fs('read', p);
    else I.fs('write', p, new Uint8Array(0), (f.includes('a') ? 'a' : 'w') + (f.includes('x') ? 'x' : ''));
    const fd = nextFd++;
    fds.set(fd, { path: p, pos: 0, append: f.includes('a'), read: f.includes('r') || f.includes('+'), write: !f.startsWith('r') || f.includes('+') });
    return fd;
  }
  function closeSync(fd) { entry(fd, 'close'); fds.delete(fd); }
  const fstatSync = (fd) => statSync(entry(fd, 'fstat').path);
  function readSync(fd, buffer, offset, length, position) {
    const e = entry(fd, 'read');
    if (offset && typeof offset === 'object') ({ offset, length, position } = offset);
    if (!e.read) throw badFd('read');
    const from = offset || 0;
    const n = length === undefined ? buffer.byteLength - from : length;
    const data = I.fs('read', e.path);
    const at = typeof position === 'number' && position >= 0 ? position : e.pos;
    const chunk = data.subarray(at, at + n);
    new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength).set(chunk, from);
    if (!(typeof position === 'number' && position >= 0)) e.pos += chunk.length;
    return chunk.length;
  }
  function writeSync(fd, data, a, b, c) {
    let bytes, position;
    if (typeof data === 'string') { bytes = I.toBytes(data, typeof b === 'string' ? b : 'utf8'); position = a; }
    else if (ArrayBuffer.isView(data)) {
      const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      const off = a && typeof a === 'object' ? a.offset || 0 : a || 0;
      const len = a && typeof a === 'object' ? a.length : b;
      bytes = view.subarray(off, len === undefined ? undefined : off + len);
      position = a && typeof a === 'object' ? a.position : c;
    } else throw typeError('ERR_INVALID_ARG_TYPE', 'The "buffer" argument must be of type string or an instance of Buffer, TypedArray, or DataView.' + received(data));
    if (fd === 1 || fd === 2) { I.stdout(I.toText(bytes)); return bytes.length; }
    const e = entry(fd, 'write');
    if (!e.write) throw badFd('write');
    const current = I.fs('read', e.path);
    const at = e.append ? current.length : typeof position === 'number' && position >= 0 ? position : e.pos;
    const out = new Uint8Array(Math.max(current.length, at + bytes.length));
    out.set(current);
    out.set(bytes, at);
    I.fs('write', e.path, out, 'w');
    if (!(typeof position === 'number' && position >= 0) || e.append) e.pos = at + bytes.length;
    return bytes.length;
  }
  function ftruncateSync(fd, len) { truncateSync(entry(fd, 'ftruncate').path, len); }
  const fsyncSync = (fd) => { entry(fd, 'fsync'); };
  const fdatasyncSync = (fd) => { entry(fd, 'fdatasync'); };

  const sync = { statSync, lstatSync, readFileSync, writeFileSync, appendFileSync, mkdirSync, readdirSync, unlinkSync, rmdirSync, rmSync, renameSync, copyFileSync, accessSync, mkdtempSync, realpathSync, truncateSync, openSync, closeSync, fstatSync, ftruncateSync, fsyncSync, fdatasyncSync };
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
    if (['open', 'close', 'fstat', 'ftruncate', 'fsync', 'fdatasync'].includes(base)) continue;
    promises[base] = (...args) => new Promise((resolve, reject) => {
      let out, err = null, failed = false;
      try { out = f(...args); } catch (e) { err = e; failed = true; }
      G.setImmediate(() => (failed ? reject(err) : resolve(out)));
    });
  }
  // read and write answer two values to their callbacks, and an object to promises.
  for (const [name, f] of [['read', readSync], ['write', writeSync]]) {
    fs[name + 'Sync'] = f;
    fs[name] = function (fd, buffer, ...args) {
      const cb = args.pop();
      if (typeof cb !== 'function') throw typeError('ERR_INVALID_ARG_TYPE', 'The "cb" argument must be of type function.' + received(cb));
      let n, err = null;
      try { n = f(fd, buffer, ...args); } catch (e) { err = e; }
      G.setImmediate(() => (err ? cb(err) : cb(null, n, buffer)));
    };
  }
  // FileHandle: what fs.promises.open answers.
  class FileHandle {
    constructor(fd) { this.fd = fd; }
    _later(f) { return new Promise((resolve, reject) => { let out, err, failed = false; try { out = f(); } catch (e) { err = e; failed = true; } G.setImmediate(() => (failed ? reject(err) : resolve(out))); }); }
    readFile(options) { return this._later(() => readFileSync(entry(this.fd, 'read').path, options)); }
    writeFile(data, options) { return this._later(() => { const e = entry(this.fd, 'write'); writeFileSync(e.path, data, options); e.pos = 0; }); }
    appendFile(data, options) { return this._later(() => { appendFileSync(entry(this.fd, 'write').path, data, options); }); }
    read(buffer, offset, length, position) { return this._later(() => ({ bytesRead: readSync(this.fd, buffer, offset, length, position), buffer })); }
    write(data, ...args) { return this._later(() => ({ bytesWritten: writeSync(this.fd, data, ...args), buffer: data })); }
    stat() { return this._later(() => fstatSync(this.fd)); }
    truncate(len) { return this._later(() => ftruncateSync(this.fd, len)); }
    sync() { return this._later(() => fsyncSync(this.fd)); }
    datasync() { return this._later(() => fdatasyncSync(this.fd)); }
    close() { return this._later(() => { if (fds.has(this.fd)) closeSync(this.fd); }); }
  }
  promises.open = (path, flags, mode) => new Promise((resolve, reject) => {
    let fd, err, failed = false;
    try { fd = openSync(path, flags, mode); } catch (e) { err = e; failed = true; }
    G.setImmediate(() => (failed ? reject(err) : resolve(new FileHandle(fd))));
  });
  fs.exists = (path, cb) => { const r = existsSync(path); G.setImmediate(() => cb(r)); };
  fs.constants = {
    UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2,
    S_IFMT: 61440, S_IFREG: 32768, S_IFDIR: 16384, S_IFCHR: 8192, S_IFBLK: 24576, S_IFIFO: 4096, S_IFLNK: 40960, S_IFSOCK: 49152,
    O_CREAT: 64, O_EXCL: 128, O_TRUNC: 512, O_APPEND: 1024, O_DIRECTORY: 65536, O_SYNC: 1052672,
    F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1, UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2, UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
  };
  Object.assign(fs, { F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1 });
  for (const name of ['watch', 'watchFile', 'unwatchFile', 'symlinkSync', 'symlink', 'linkSync', 'link', 'readlinkSync', 'readlink', 'chmodSync', 'chmod', 'chownSync', 'chown', 'utimesSync', 'utimes', 'opendirSync', 'opendir', 'cpSync', 'cp']) {
    fs[name] = unsupported(name);
  }
  fs.createReadStream = unsupported('createReadStream (streams)');
  fs.createWriteStream = unsupported('createWriteStream (streams)');
  promises.constants = fs.constants;
  fs.promises = promises;
  return { fs, promises };
})
