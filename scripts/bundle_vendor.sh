#!/usr/bin/env bash
# Rebuilds the page's JavaScript bundles in www/vendor/ from the npm packages
# pinned in scripts/vendor/package.json. The bundles are committed, so the
# build needs nothing new; run this only to change a library or its version.
#   layout.js  the diagram's layout (dagre), loaded with the page
#   editor.js  the function code editor (CodeMirror 6), loaded when a Code tab is first shown
set -euo pipefail
cd "$(dirname "$0")/vendor"
npm install --no-audit --no-fund --ignore-scripts=false >/dev/null
mkdir -p ../../www/vendor
./node_modules/.bin/esbuild layout.js --bundle --minify --format=iife \
  --legal-comments=none --outfile=../../www/vendor/layout.js \
  --banner:js='/*! Stratus diagram layout. Bundles @dagrejs/dagre 3.1.3 and @dagrejs/graphlib 4.0.6: MIT License, Copyright (c) 2012-2014 Chris Pettitt (https://github.com/dagrejs/dagre). */'
echo "www/vendor/layout.js: $(wc -c < ../../www/vendor/layout.js) bytes"

# The editor's banner names every package in the bundle with its installed version.
version() { node -p "require('./node_modules/$1/package.json').version"; }
bundled=""
for p in @codemirror/state @codemirror/view @codemirror/commands @codemirror/language \
  @codemirror/lang-javascript @codemirror/search @codemirror/lint @codemirror/autocomplete \
  @lezer/common @lezer/lr @lezer/highlight @lezer/javascript style-mod w3c-keyname crelt \
  @marijn/find-cluster-break; do
  bundled="$bundled${bundled:+, }$p $(version "$p")"
done
./node_modules/.bin/esbuild editor.js --bundle --minify --format=iife \
  --legal-comments=none --outfile=../../www/vendor/editor.js \
  --banner:js="/*! Stratus code editor. Bundles CodeMirror 6 and Lezer: $bundled. MIT License, Copyright (C) 2018-2021 by Marijn Haverbeke <marijn@haverbeke.berlin> and others (https://codemirror.net). */"
echo "www/vendor/editor.js: $(wc -c < ../../www/vendor/editor.js) bytes"
