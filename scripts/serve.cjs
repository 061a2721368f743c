#!/usr/bin/env node
// Serves the built app (dist/) on localhost the way a static host should:
// each file's precompressed FILE.br or FILE.gz (scripts/compress.cjs) when
// the browser's Accept-Encoding takes it, with Content-Encoding, the right
// Content-Type (application/wasm for WebAssembly's streaming compile) and
// Vary: Accept-Encoding. No dependencies: node's http and fs.
//   node scripts/serve.cjs [--dir dist] [--port 8080] [--host 127.0.0.1]
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/** The encodings the request accepts (q > 0), by name. */
function accepted(header) {
  const names = new Set();
  for (const part of String(header || '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) names.add(name);
  }
  return names;
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * A request handler serving `root`; an unknown path gets index.html (the app
 * reads only its fragment). `compressed: false` ignores the .br/.gz copies
 * (to measure what they save).
 */
function handler(root, { compressed = true } = {}) {
  root = path.resolve(root);
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = path.join(root, pathname);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    if (!isFile(file)) file = path.join(root, 'index.html');
    const ext = path.extname(file);
    const headers = {
      'Content-Type': TYPES[ext] || 'application/octet-stream',
      Vary: 'Accept-Encoding',
      // Trunk names assets by content hash; index.html must be asked for again.
      'Cache-Control': ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
    };
    const encodings = compressed ? accepted(req.headers['accept-encoding']) : new Set();
    let body = file;
    for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
      if (encodings.has(encoding) && isFile(file + suffix)) {
        body = file + suffix;
        headers['Content-Encoding'] = encoding;
        break;
      }
    }
    headers['Content-Length'] = fs.statSync(body).size;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(body).pipe(res);
  };
}

module.exports = { handler, accepted };

if (require.main === module) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const dir = option('dir', 'dist');
  const host = option('host', '127.0.0.1');
  const port = Number(option('port', process.env.PORT || 8080));
  if (!isFile(path.join(dir, 'index.html'))) {
    console.error(`serve: ${path.resolve(dir)}/index.html is missing; build first (make build-web)`);
    process.exit(1);
  }
  http.createServer(handler(dir)).listen(port, host, () => {
    console.log(`Stratus on http://${host}:${port}/ (serving ${path.resolve(dir)}, br/gzip when accepted; Ctrl+C stops)`);
  });
}
