// End-to-end: the inspector in the right column (inspector.rs) — ARIA tabs that the
// keyboard moves between, the tab kept per resource kind, the hint with nothing
// selected, a Lambda-only example opening its function — and screenshots of every
// tab of the queue and function inspectors at 1440, 1024 and 390 px wide.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { ARTIFACTS, setUp } = require('./support.cjs');

const QUEUE_TABS = ['messages', 'send', 'consumers', 'configuration', 'monitoring', 'cost'];
const FUNCTION_TABS = ['code', 'test', 'triggers', 'configuration', 'monitoring', 'cost'];
const WIDTHS = [1440, 1024, 390];

const env = setUp({ before, after });

// Examples and shared links open as stories, at their start: run every step.
async function playToEnd(page) {
  await page.getByTestId('story-end').click();
  await page.getByTestId('story-position').filter({ hasText: 'the end' }).waitFor();
}
const consoleErrors = env.consoleErrors;
const openPage = (url, width = 1440) => env.openPage(url, { viewport: { width, height: 900 } });


const selected = (page, kind, id) => page.getByTestId(`${kind}-tab-${id}`).getAttribute('aria-selected');

// Every tab of the inspector `panel` at each width: the panel's own picture, and no sideways scroll in it.
async function screenshots(page, kind, tabs, panel) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    for (const id of tabs) {
      await page.getByTestId(`${kind}-tab-${id}`).click();
      await page.getByTestId(`${kind}-panel-${id}`).waitFor();
      const { scroll, client } = await page.getByTestId(panel).evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      assert.ok(scroll <= client + 1, `${kind} ${id} at ${width} px scrolls sideways (${scroll} > ${client})`);
      await page.getByTestId(panel).screenshot({ path: path.join(ARTIFACTS, `inspector-${kind}-${id}-${width}.png`) });
    }
    // The first screen, as a learner meets it: the live view.
    await page.getByTestId(`${kind}-tab-${tabs[0]}`).click();
    await page.getByTestId(panel).scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTIFACTS, `inspector-${kind}-screen-${width}.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('with nothing selected the inspector says what to select', async () => {
  const page = await openPage(env.base);
  assert.match(await page.getByTestId('inspector-hint').textContent(), /Create a queue or a function/);
  await page.getByTestId('new-function-name').fill('solo');
  await page.getByTestId('create-function').click();
  await page.getByTestId('function-panel').waitFor();
  await page.context().close();
});

test('the queue inspector opens on its messages; its tabs are ARIA tabs the keyboard moves, kept while switching queues', async () => {
  const page = await openPage(env.base);
  await page.getByTestId('examples').selectOption('dead-letter-queue');
  await playToEnd(page);
  await page.getByTestId('timeline').filter({ hasText: 'MessageRedriven' }).waitFor();
  await page.getByTestId('queue-item').filter({ hasNotText: 'dlq' }).click();
  // The first screen is the message list, its countdown included.
  const tablist = page.getByRole('tablist', { name: 'Queue inspector' });
  assert.equal(await tablist.count(), 1);
  assert.equal(await tablist.getByRole('tab').count(), QUEUE_TABS.length);
  assert.equal(await selected(page, 'queue', 'messages'), 'true');
  await page.getByTestId('message-row').first().waitFor();
  assert.equal(await page.getByTestId('queue-panel-send').isVisible(), false);
  const messages = page.getByTestId('queue-tab-messages');
  assert.equal(await messages.getAttribute('aria-controls'), 'queue-panel-messages');
  assert.equal(await page.getByTestId('queue-panel').getByRole('tabpanel').count(), 1, 'one panel shows');
  // Arrows move and select (wrapping), Home and End go to the ends, Enter and Space select.
  await messages.focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await selected(page, 'queue', 'send'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'queue-tab-send');
  await page.getByTestId('send-body').waitFor();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  assert.equal(await selected(page, 'queue', 'cost'), 'true');
  await page.keyboard.press('Home');
  assert.equal(await selected(page, 'queue', 'messages'), 'true');
  await page.keyboard.press('End');
  assert.equal(await selected(page, 'queue', 'cost'), 'true');
  assert.match(await page.getByTestId('queue-cost').textContent(), /\$0\.40 per million/);
  await page.getByTestId('queue-tab-monitoring').focus();
  await page.keyboard.press('Enter');
  assert.equal(await selected(page, 'queue', 'monitoring'), 'true');
  await page.getByTestId('queue-tab-configuration').focus();
  await page.keyboard.press(' ');
  assert.equal(await selected(page, 'queue', 'configuration'), 'true');
  await page.getByTestId('queue-redrive').waitFor();
  // The chart has axes: virtual time on x, a count of messages on y.
  await page.getByTestId('queue-tab-monitoring').click();
  const chart = page.locator('svg.metrics-chart');
  await chart.waitFor();
  assert.match(await chart.textContent(), /Virtual time \(UTC, HH:MM\)/);
  assert.match(await chart.textContent(), /Messages \(count\)/);
  assert.match(await chart.textContent(), /00:0\d/);
  // Another queue opens on the same tab.
  await page.getByTestId('queue-item').filter({ hasText: 'orders-dlq' }).click();
  await page.locator('.queue-title').filter({ hasText: 'orders-dlq' }).waitFor();
  assert.equal(await selected(page, 'queue', 'monitoring'), 'true');
  await page.getByTestId('queue-item').filter({ hasNotText: 'dlq' }).click();
  await screenshots(page, 'queue', QUEUE_TABS, 'queue-panel');
  await page.context().close();
});

test('a Lambda-only example opens on its function', async () => {
  const page = await openPage(env.base);
  await page.getByTestId('examples').selectOption('lambda-hello');
  await playToEnd(page);
  await page.getByTestId('function-panel').waitFor();
  assert.equal(await page.getByTestId('function-arn').textContent(), 'arn:aws:lambda:us-east-1:123456789012:function:hello');
  assert.equal(await page.getByTestId('inspector-hint').count(), 0);
  // At its end the story shows what its last step asked for: the function's invocations.
  assert.equal(await selected(page, 'function', 'monitoring'), 'true');
  await page.getByTestId('function-tab-code').click();
  await page.getByTestId('code-editor').waitFor();
  await page.getByTestId('function-tab-test').click();
  await page.getByTestId('invoke').click();
  assert.match(await page.getByTestId('invoke-log').textContent(), /REPORT RequestId/);
  await page.getByTestId('function-tab-monitoring').click();
  assert.ok(await page.getByTestId('invocation-row').count() >= 2);
  await screenshots(page, 'function', FUNCTION_TABS, 'function-panel');
  await page.context().close();
});

test('no console errors were logged during the run', () => {
  assert.deepEqual(consoleErrors, []);
});
