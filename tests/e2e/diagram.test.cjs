// End-to-end: the diagram's graph layout (dagre, www/vendor/layout.js), zoom
// and pan, in Debian's Chromium through playwright-core, against the built app
// in STRATUS_DIST (set up by support.cjs).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { ARTIFACTS, setUp } = require('./support.cjs');

const env = setUp({ before, after });

// Examples and shared links open as stories, at their start: run every step.
async function playToEnd(page) {
  await page.getByTestId('story-end').click();
  await page.getByTestId('story-position').filter({ hasText: 'the end' }).waitFor();
}

async function openExample(name, width = 1400) {
  const seen = env.consoleErrors.length;
  const page = await env.openPage(env.base, { viewport: { width, height: 900 } });
  const errors = { get list() { return env.consoleErrors.slice(seen); } };
  await page.getByTestId('examples').selectOption(name);
  await playToEnd(page);
  await page.getByTestId('diagram-node').first().waitFor();
  return { page, errors };
}

const box = async (page, kind, name) => page.locator(`[data-testid="diagram-node"][data-kind="${kind}"][data-name="${name}"] rect`).boundingBox();

test('the diagram lays the flow out left to right: a dead-letter queue sits after its source', async () => {
  const { page, errors } = await openExample('dead-letter-queue');
  const edge = page.locator('[data-testid="diagram-edge"][data-kind="dlq"][data-from="orders"][data-to="orders-dlq"]');
  await edge.waitFor();
  const source = await box(page, 'queue', 'orders');
  const dlq = await box(page, 'queue', 'orders-dlq');
  assert.ok(dlq.x > source.x + source.width, `the DLQ (${dlq.x}) is right of its source (${source.x})`);
  // The label sits on its own edge, between the two nodes.
  const label = await edge.locator('.edge-label').boundingBox();
  assert.ok(label.x > source.x + source.width - 1 && label.x + label.width < dlq.x + 1, 'label between the nodes');
  assert.deepEqual(errors.list, []);
  await page.context().close();
});

test('the diagram zooms in and out, fits the panel and returns to its own size', async () => {
  const { page } = await openExample('sqs-lambda-batches');
  const svg = page.getByTestId('diagram-svg');
  const width = async () => (await svg.boundingBox()).width;
  // It opens fitted to the panel; 100% is its own size.
  assert.equal(await page.getByTestId('diagram-zoom-level').textContent(), 'fit');
  await page.getByTestId('diagram-zoom-reset').click();
  const own = await width();
  assert.equal(await page.getByTestId('diagram-zoom-level').textContent(), '100%');
  await page.getByTestId('diagram-zoom-in').click();
  assert.equal(await page.getByTestId('diagram-zoom-level').textContent(), '125%');
  assert.ok(Math.abs((await width()) - own * 1.25) < 2);
  await page.getByTestId('diagram-zoom-out').click();
  await page.getByTestId('diagram-zoom-out').click();
  assert.equal(await page.getByTestId('diagram-zoom-level').textContent(), '80%');
  await page.getByTestId('diagram-zoom-reset').click();
  assert.ok(Math.abs((await width()) - own) < 2);
  await page.getByTestId('diagram-zoom-fit').click();
  const viewport = await page.locator('.diagram-viewport').boundingBox();
  assert.ok((await width()) <= viewport.width, 'fits the panel');
  // A node still opens its resource.
  await page.locator('[data-testid="diagram-node"][data-kind="function"]').first().click();
  assert.match(await page.locator('[data-testid="diagram-node"][data-kind="function"]').first().getAttribute('class'), /\bselected\b/);
  await page.context().close();
});

test('at its own size no diagram text is smaller than 12 px, at 1440, 1024 and 390 px wide', async () => {
  for (const width of [1440, 1024, 390]) {
    const { page } = await openExample('consumer-fleet', width);
    await page.locator('[data-testid="diagram-node"][data-kind="fleet"]').first().waitFor();
    await page.getByTestId('diagram').screenshot({ path: path.join(ARTIFACTS, `diagram-consumer-fleet-fit-${width}.png`) });
    await page.getByTestId('diagram-zoom-reset').click();
    const smallest = await page.locator('[data-testid="diagram"] text').evaluateAll((texts) => {
      const svg = document.querySelector('[data-testid="diagram-svg"]');
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      return Math.min(...texts.map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
    });
    assert.ok(smallest >= 12 - 0.01, `smallest text ${smallest.toFixed(1)} px at ${width}`);
    await page.getByTestId('diagram').screenshot({ path: path.join(ARTIFACTS, `diagram-consumer-fleet-${width}.png`) });
    await page.context().close();
  }
});
