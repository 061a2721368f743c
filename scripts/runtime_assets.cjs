#!/usr/bin/env node
// Run by compress.cjs (Trunk's post-build hook) before it compresses: writes
// runtime/lib.json into the built app, every *.js under src/runtime/ and the
// SDK's data (src/runtime/sdk/models.txt and enums.txt), keyed by its path
// relative to src/runtime/.
// The page fetches it after its first paint (src/runtime/assets.rs says why).
//   node scripts/runtime_assets.cjs [DIR]
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '../src/runtime');
const dir = path.resolve(process.argv[2] || process.env.TRUNK_STAGING_DIR || 'dist');

const DATA = ['models.txt', 'enums.txt'].map((name) => path.join(ROOT, 'sdk', name));

function* files(at) {
  for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
    const full = path.join(at, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.name.endsWith('.js') || DATA.includes(full)) yield full;
  }
}

const assets = {};
for (const file of [...files(ROOT)].sort()) {
  assets[path.relative(ROOT, file).split(path.sep).join('/')] = fs.readFileSync(file, 'utf8');
}
fs.mkdirSync(path.join(dir, 'runtime'), { recursive: true });
const out = path.join(dir, 'runtime', 'lib.json');
fs.writeFileSync(out, JSON.stringify(assets));
console.log(`runtime/lib.json: ${Object.keys(assets).length} files, ${fs.statSync(out).size} bytes`);
