// Shared set-up of the end-to-end tests: the built app (STRATUS_DIST) served
// on a free local port by the project's own server (scripts/serve.cjs, which
// sends the precompressed copies), Debian's Chromium driven through
// playwright-core, and pages whose console errors are recorded.
'use strict';
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { chromium } = require('playwright-core');
const { handler } = require('../../scripts/serve.cjs');

const DIST = path.resolve(process.env.STRATUS_DIST || 'dist');
const ARTIFACTS = path.resolve(__dirname, 'artifacts');

/** Registers the server and browser with node:test's `before` and `after`; returns what the tests use. */
function setUp({ before, after }) {
  const env = { base: '', browser: null, server: null, consoleErrors: [] };
  before(async () => {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    env.server = await new Promise((resolve) => {
      const s = http.createServer(handler(DIST));
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
    env.base = `http://127.0.0.1:${env.server.address().port}/`;
    env.browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });
  after(async () => {
    if (env.browser) await env.browser.close();
    if (env.server) env.server.close();
  });
  /** A page in a context of its own (1400 × 900 unless `options` say otherwise), its errors recorded. */
  env.newPage = async (options = {}, label = 'page') => {
    const context = await env.browser.newContext({ viewport: { width: 1400, height: 900 }, ...options });
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') env.consoleErrors.push(`${label}: ${m.text()}`); });
    page.on('pageerror', (e) => env.consoleErrors.push(`${label}: ${e.message}`));
    return page;
  };
  /** A page at `url` (the app's own address by default) once the app is up: its clock shows. */
  env.openPage = async (url, options = {}) => {
    const page = await env.newPage(options, url || env.base);
    await page.goto(url || env.base);
    await page.getByTestId('clock').waitFor({ timeout: 30000 });
    return page;
  };
  return env;
}

module.exports = { DIST, ARTIFACTS, setUp };
