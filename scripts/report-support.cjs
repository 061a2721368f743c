// What the measuring scripts (load-report.cjs, playback-report.cjs) share:
// their `--name value` options, the built app served by serve.cjs, and
// Chromium launched as this machine runs it.
'use strict';
const http = require('node:http');
const { chromium } = require('playwright-core');
const { handler } = require('./serve.cjs');

const args = process.argv.slice(2);

/** The value after `--name` on the command line, else `fallback`. */
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};

/** Serves `dir` (compressed as the browser accepts unless told not to) on 127.0.0.1:`port`. */
const serve = (dir, port, opts) => new Promise((resolve) => {
  const s = http.createServer(handler(dir, opts));
  s.listen(port, '127.0.0.1', () => resolve(s));
});

/** Debian's Chromium, headless, without the services that would reach the network. */
const launch = () => chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

module.exports = { option, serve, launch };
