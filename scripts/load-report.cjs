#!/usr/bin/env node
// Measures a cold load of the built app (dist/) served by scripts/serve.cjs,
// with and without its .br/.gz copies, on localhost and at 10 Mbps
// (Chromium's network emulation): bytes transferred, first paint, and the
// time until the app is interactive (the header clock present). Also takes
// screenshots of the loading shell mid-load, Share's confirmation and a
// refused send's error at 1440, 1024 and 390 px into tests/e2e/artifacts/.
//   NODE_PATH=~/.cache/stratus-tools/node_modules node scripts/load-report.cjs [--runs 3] [--port 8102] [--only measure|screenshots]
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { option, serve, launch } = require('./report-support.cjs');

const DIST = path.resolve(option('dir', 'dist'));
const RUNS = Number(option('runs', 3));
const PORT = Number(option('port', 8102));
const ARTIFACTS = path.resolve(__dirname, '../tests/e2e/artifacts');
const TEN_MBPS = { offline: false, latency: 0, downloadThroughput: 10e6 / 8, uploadThroughput: 10e6 / 8 };
// The loading screenshots download at 2 Mbps, so the shell is still there when the picture is taken.
const TWO_MBPS = { offline: false, latency: 0, downloadThroughput: 2e6 / 8, uploadThroughput: 2e6 / 8 };

// Marks, in page time, when the app's header clock first appears.
const MARK_INTERACTIVE = () => {
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid="clock"]')) {
      window.__interactive = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

async function coldLoad(browser, url, throttle) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttle) await cdp.send('Network.emulateNetworkConditions', throttle);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.addInitScript(MARK_INTERACTIVE);
  await page.goto(url);
  await page.waitForFunction(() => window.__interactive !== undefined, null, { timeout: 120000 });
  await page.waitForTimeout(200);
  const times = await page.evaluate(() => {
    const paint = performance.getEntriesByName('first-contentful-paint')[0] || performance.getEntriesByName('first-paint')[0];
    return { paint: paint ? paint.startTime : NaN, interactive: window.__interactive };
  });
  await context.close();
  return { bytes, ...times };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function measure(browser, urls) {
  const rows = [];
  for (const [network, throttle] of [['localhost', null], ['10 Mbps', TEN_MBPS]]) {
    for (const [serving, url] of Object.entries(urls)) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(browser, url, throttle));
      rows.push({
        network,
        serving,
        'transferred KB': Math.round(median(runs.map((r) => r.bytes)) / 1024),
        'first paint ms': Math.round(median(runs.map((r) => r.paint))),
        'interactive ms': Math.round(median(runs.map((r) => r.interactive))),
      });
    }
  }
  return rows;
}

async function screenshots(browser, url) {
  for (const [width, height] of [[1440, 900], [1024, 768], [390, 844]]) {
    // The loading shell at 2 Mbps, part way through the wasm.
    let context = await browser.newContext({ viewport: { width, height } });
    let page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', TWO_MBPS);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => {
      const bar = document.getElementById('boot-bar');
      return bar && bar.max > 1 && bar.value / bar.max > 0.4;
    }, null, { timeout: 120000, polling: 20 });
    await page.screenshot({ path: path.join(ARTIFACTS, `loading-${width}.png`) });
    await context.close();

    // Share's confirmation, then a refused send's error beside its button.
    context = await browser.newContext({ viewport: { width, height }, permissions: ['clipboard-read', 'clipboard-write'] });
    page = await context.newPage();
    await page.goto(url);
    await page.getByTestId('clock').waitFor({ timeout: 60000 });
    await page.getByTestId('new-queue-name').fill('orders');
    await page.getByTestId('create-queue').click();
    await page.getByTestId('share').click();
    await page.getByTestId('share-status').filter({ hasText: 'copied' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, `share-copied-${width}.png`) });
    await page.getByTestId('send-delay').fill('901');
    await page.getByTestId('send').click();
    await page.getByTestId('send-error').waitFor();
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(ARTIFACTS, `send-error-${width}.png`) });
    await page.getByTestId('new-queue-name').fill('');
    await page.getByTestId('create-queue').click();
    await page.getByTestId('create-queue-error').waitFor();
    await page.getByTestId('create-queue-error').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, `create-queue-error-${width}.png`) });
    await context.close();
  }
}

(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const compressed = await serve(DIST, PORT);
  const plain = await serve(DIST, PORT + 1, { compressed: false });
  const browser = await launch();
  try {
    const only = option('only', 'all');
    if (only !== 'screenshots') {
      console.table(await measure(browser, {
        'br (serve.cjs)': `http://127.0.0.1:${PORT}/`,
        uncompressed: `http://127.0.0.1:${PORT + 1}/`,
      }));
    }
    if (only !== 'measure') await screenshots(browser, `http://127.0.0.1:${PORT}/`);
  } finally {
    await browser.close();
    compressed.close();
    plain.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
