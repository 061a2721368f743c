// node:path, the POSIX flavour Lambda's Linux uses. `path.win32` is the same
// object here: Stratus runs on Linux only, so Windows path rules (drive
// letters, backslashes) are not modelled.
(function (N, G, require, internal) {
  'use strict';
  const { validateString } = internal('errors');
  function normalizeString(path, allowAboveRoot) {
    const out = [];
    for (const seg of path.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') {
        if (out.length && out[out.length - 1] !== '..') out.pop();
        else if (allowAboveRoot) out.push('..');
      } else out.push(seg);
    }
    return out.join('/');
  }
  const path = {
    sep: '/',
    delimiter: ':',
    resolve(...args) {
      let resolved = '';
      let absolute = false;
      for (let i = args.length - 1; i >= -1 && !absolute; i--) {
        const p = i >= 0 ? args[i] : G.process.cwd();
        validateString(p, 'paths[' + i + ']');
        if (p.length === 0) continue;
        resolved = p + '/' + resolved;
        absolute = p[0] === '/';
      }
      resolved = normalizeString(resolved, !absolute);
      if (absolute) return '/' + resolved;
      return resolved.length > 0 ? resolved : '.';
    },
    normalize(p) {
      validateString(p, 'path');
      if (p.length === 0) return '.';
      const absolute = p[0] === '/';
      const trailing = p[p.length - 1] === '/';
      let out = normalizeString(p, !absolute);
      if (out.length === 0) {
        if (absolute) return '/';
        return trailing ? './' : '.';
      }
      if (trailing) out += '/';
      return absolute ? '/' + out : out;
    },
    isAbsolute(p) { validateString(p, 'path'); return p.length > 0 && p[0] === '/'; },
    join(...args) {
      if (args.length === 0) return '.';
      const parts = [];
      for (const a of args) { validateString(a, 'path'); if (a.length > 0) parts.push(a); }
      if (parts.length === 0) return '.';
      return path.normalize(parts.join('/'));
    },
    relative(from, to) {
      validateString(from, 'from');
      validateString(to, 'to');
      if (from === to) return '';
      from = path.resolve(from);
      to = path.resolve(to);
      if (from === to) return '';
      const f = from === '/' ? [] : from.slice(1).split('/');
      const t = to === '/' ? [] : to.slice(1).split('/');
      let i = 0;
      while (i < f.length && i < t.length && f[i] === t[i]) i++;
      return [...f.slice(i).map(() => '..'), ...t.slice(i)].join('/');
    },
    toNamespacedPath(p) { return p; },
    dirname(p) {
      validateString(p, 'path');
      if (p.length === 0) return '.';
      const hasRoot = p[0] === '/';
      let end = -1;
      let matchedSlash = true;
      for (let i = p.length - 1; i >= 1; --i) {
        if (p[i] === '/') { if (!matchedSlash) { end = i; break; } }
        else matchedSlash = false;
      }
      if (end === -1) return hasRoot ? '/' : '.';
      if (hasRoot && end === 1) return '//';
      return p.slice(0, end);
    },
    basename(p, suffix) {
      if (suffix !== undefined) validateString(suffix, 'suffix');
      validateString(p, 'path');
      let end = p.length;
      while (end > 0 && p[end - 1] === '/') end--;
      if (end === 0) return '';
      const start = p.lastIndexOf('/', end - 1) + 1;
      let base = p.slice(start, end);
      if (suffix !== undefined && suffix.length > 0) {
        if (suffix === p) return '';
        if (base !== suffix && base.endsWith(suffix)) base = base.slice(0, base.length - suffix.length);
      }
      return base;
    },
    extname(p) {
      validateString(p, 'path');
      const base = path.basename(p);
      const dot = base.lastIndexOf('.');
      if (dot <= 0 || base === '..') return '';
      return base.slice(dot);
    },
    format(o) {
      if (o === null || typeof o !== 'object') throw internal('errors').invalidArgType('pathObject', 'Object', o);
      const dir = o.dir || o.root;
      const base = o.base || ((o.name || '') + (o.ext ? (o.ext[0] === '.' ? '' : '.') + o.ext : ''));
      if (!dir) return base;
      return dir === o.root ? dir + base : dir + '/' + base;
    },
    parse(p) {
      validateString(p, 'path');
      const ret = { root: '', dir: '', base: '', ext: '', name: '' };
      if (p.length === 0) return ret;
      if (p[0] === '/') ret.root = '/';
      let end = p.length;
      while (end > 1 && p[end - 1] === '/') end--;
      const trimmed = p.slice(0, end);
      if (trimmed === '/') { ret.dir = '/'; return ret; }
      ret.base = path.basename(trimmed);
      ret.ext = path.extname(ret.base);
      ret.name = ret.ext ? ret.base.slice(0, ret.base.length - ret.ext.length) : ret.base;
      const dir = path.dirname(trimmed);
      ret.dir = dir === '.' && ret.root === '' && !trimmed.startsWith('./') ? '' : dir;
      return ret;
    },
    matchesGlob(p, pattern) {
      validateString(p, 'path');
      validateString(pattern, 'pattern');
      let re = '';
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern[i];
        if (c === '*') {
          if (pattern[i + 1] === '*') { re += '.*'; i++; if (pattern[i + 1] === '/') i++; }
          else re += '[^/]*';
        } else if (c === '?') re += '[^/]';
        else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      }
      return new RegExp('^' + re + '$').test(p);
    },
  };
  path.posix = path;
  path.win32 = path;
  path.default = undefined;
  delete path.default;
  return path;
})
