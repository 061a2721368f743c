#!/usr/bin/env bash
# Rebuilds the page's JavaScript bundles in www/vendor/ from the npm packages
# pinned in scripts/vendor/package.json. The bundles are committed, so the
# build needs nothing new; run this only to change a library or its version.
set -euo pipefail
cd "$(dirname "$0")/vendor"
npm install --no-audit --no-fund --ignore-scripts=false >/dev/null
mkdir -p ../../www/vendor
./node_modules/.bin/esbuild layout.js --bundle --minify --format=iife \
  --legal-comments=none --outfile=../../www/vendor/layout.js \
  --banner:js='/*! Stratus diagram layout. Bundles @dagrejs/dagre 3.1.3 and @dagrejs/graphlib 4.0.6: MIT License, Copyright (c) 2012-2014 Chris Pettitt (https://github.com/dagrejs/dagre). */'
echo "www/vendor/layout.js: $(wc -c < ../../www/vendor/layout.js) bytes"
