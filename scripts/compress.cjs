#!/usr/bin/env node
// Trunk's post_build hook (Trunk.toml). First it corrects the wasm size that
// Trunk writes into index.html for the loading shell's progress (taken before
// wasm-opt shrank the file: "N of M KB" must name the file actually served).
// Then it precompresses the built app for servers that send a file's .br or
// .gz as is (scripts/serve.cjs, or nginx's gzip_static / brotli_static): next
// to every .wasm, .js, .css, .html, .json and .txt it writes FILE.br (brotli,
// quality 11) and FILE.gz (gzip, level 9). Node's own zlib, nothing to install.
//   node scripts/compress.cjs [DIR]
// DIR defaults to $TRUNK_STAGING_DIR (run as Trunk's post_build hook, see
// Trunk.toml), else dist/.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const EXTENSIONS = new Set(['.wasm', '.js', '.css', '.html', '.json', '.txt']);
const dir = path.resolve(process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist');

// The runtime's library first, so it is compressed too.
require('./runtime_assets.cjs');

function* files(root) {
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (EXTENSIONS.has(path.extname(entry.name))) yield full;
  }
}

// `__trunkInitializer(init, '/stratus-HASH_bg.wasm', SIZE, ...)` in index.html.
const index = path.join(dir, 'index.html');
if (fs.existsSync(index)) {
  const html = fs.readFileSync(index, 'utf8');
  const fixed = html.replace(/(__trunkInitializer\(init, '[^']*?([^'/]+\.wasm)', )(\d+)/, (all, head, wasm) => {
    const file = path.join(dir, wasm);
    return fs.existsSync(file) ? `${head}${fs.statSync(file).size}` : all;
  });
  if (fixed !== html) fs.writeFileSync(index, fixed);
}

let raw = 0;
let br = 0;
let gz = 0;
for (const file of files(dir)) {
  const data = fs.readFileSync(file);
  const brotli = zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      [zlib.constants.BROTLI_PARAM_MODE]: path.extname(file) === '.wasm' ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
    },
  });
  const gzip = zlib.gzipSync(data, { level: 9 });
  fs.writeFileSync(`${file}.br`, brotli);
  fs.writeFileSync(`${file}.gz`, gzip);
  raw += data.length;
  br += brotli.length;
  gz += gzip.length;
}
const kb = (n) => `${Math.round(n / 1024).toLocaleString('en-US')} KB`;
console.log(`[compress] ${path.relative(process.cwd(), dir) || dir}: ${kb(raw)} -> ${kb(br)} brotli, ${kb(gz)} gzip`);
