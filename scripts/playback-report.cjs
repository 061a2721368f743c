#!/usr/bin/env node
// Measures playback in Chromium: opens an example (played to its end), then
// plays at ×1000 for 10 s of wall time and reports long tasks (> 50 ms, the
// Long Tasks API), their total and the longest, and frames per second
// (requestAnimationFrame). Serves dist/ with scripts/serve.cjs.
//   NODE_PATH=~/.cache/stratus-tools/node_modules node scripts/playback-report.cjs [--examples a,b] [--seconds 10]
'use strict';
const path = require('node:path');
const { option, serve, launch } = require('./report-support.cjs');

const DIST = path.resolve(option('dir', 'dist'));
const EXAMPLES = option('examples', 'sqs-lambda-batches,consumer-fleet').split(',');
const SECONDS = Number(option('seconds', 10));
const PORT = Number(option('port', 8103));

(async () => {
  const server = await serve(DIST, PORT);
  const browser = await launch();
  const rows = [];
  for (const example of EXAMPLES) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`http://127.0.0.1:${PORT}/`);
    await page.getByTestId('clock').waitFor();
    await page.getByTestId('examples').selectOption(example);
    await page.getByTestId('story-end').click();
    await page.getByTestId('story-position').filter({ hasText: 'the end' }).waitFor();
    await page.getByTestId('speed').selectOption('1000');
    await page.evaluate(() => {
      window.__perf = { long: [], frames: 0 };
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__perf.long.push(e.duration);
      }).observe({ type: 'longtask', buffered: false });
      const tick = () => { window.__perf.frames++; requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    await page.getByTestId('play').click();
    await page.waitForTimeout(SECONDS * 1000);
    const perf = await page.evaluate(() => window.__perf);
    await page.getByTestId('play').click();
    rows.push({
      example,
      'long tasks': perf.long.length,
      'long total ms': Math.round(perf.long.reduce((a, b) => a + b, 0)),
      'longest ms': Math.round(Math.max(0, ...perf.long)),
      fps: Math.round(perf.frames / SECONDS),
    });
    await page.close();
  }
  console.table(rows);
  await browser.close();
  server.close();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
