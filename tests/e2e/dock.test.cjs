// End-to-end: the bottom dock under the diagram — its Timeline, Logs and Cost
// tabs, the CloudWatch Logs view read through FilterLogEvents, the timeline's
// filters, the cost by service and resource. Serves STRATUS_DIST and drives Debian's Chromium through
// playwright-core, as app.test.cjs does.
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
const consoleErrors = env.consoleErrors;
const openPage = (url, width = 1400) => env.openPage(url, { viewport: { width, height: 900 } });
const clock = (page) => page.getByTestId('clock').textContent();

test('the Logs tab shows a function\'s log group, filters it with FilterLogEvents\' syntax and links a request id to the timeline', async () => {
  const page = await openPage(env.base);
  await page.getByTestId('examples').selectOption('lambda-hello');
  await playToEnd(page);
  // The story's last step opened the Logs tab (its show.dock); the timeline first.
  assert.equal(await page.getByTestId('dock-tab-logs').getAttribute('aria-selected'), 'true');
  await page.getByTestId('dock-tab-timeline').click();
  await page.getByTestId('timeline').filter({ hasText: 'InvocationFinished' }).waitFor();
  const before = await clock(page);
  assert.equal(await page.getByTestId('dock-tab-timeline').getAttribute('aria-selected'), 'true');
  assert.equal(await page.getByTestId('dock-tab-logs').getAttribute('aria-selected'), 'false');

  await page.getByTestId('dock-tab-logs').click();
  assert.equal(await page.getByTestId('dock-tab-logs').getAttribute('aria-selected'), 'true');
  await page.getByTestId('log-event').filter({ hasText: 'START RequestId' }).waitFor();
  assert.equal(await page.getByTestId('log-group').inputValue(), '/aws/lambda/hello');
  await page.getByTestId('log-event').filter({ hasText: 'Hello, Ada' }).waitFor();
  const all = await page.getByTestId('log-event').count();
  assert.ok(all >= 5, `START, two console lines, END, REPORT: ${all}`);

  // The filter goes through the engine's FilterLogEvents: a term, then an exclusion.
  await page.getByTestId('log-filter').fill('RequestId');
  await page.getByTestId('logs-summary').filter({ hasText: /^3 of \d+ events match/ }).waitFor();
  await page.getByTestId('log-filter').fill('RequestId -REPORT');
  await page.getByTestId('logs-summary').filter({ hasText: /^2 of \d+ events match/ }).waitFor();
  const lines = await page.getByTestId('log-event').allTextContents();
  assert.ok(lines.length < all);
  assert.ok(lines.every((l) => /RequestId/.test(l) && !/REPORT/.test(l)));
  // A JSON pattern is refused, saying it is not simulated.
  await page.getByTestId('log-filter').fill('{ $.level = "ERROR" }');
  assert.match(await page.getByTestId('log-filter-error').textContent(), /InvalidParameterException[\s\S]*not simulated/);
  await page.getByTestId('log-filter').fill('"Hello, Ada"');
  await page.getByTestId('logs-summary').filter({ hasText: /^1 of/ }).waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'dock-logs-filtered.png'), fullPage: true });

  // A line's request id opens its invocation in the timeline and selects the function.
  const id = (await page.getByTestId('log-request-id').first().textContent()).trim();
  await page.getByTestId('log-request-id').first().click();
  assert.equal(await page.getByTestId('dock-tab-timeline').getAttribute('aria-selected'), 'true');
  await page.getByTestId('timeline-filter-request').filter({ hasText: id }).waitFor();
  const rows = await page.getByTestId('timeline-row').allTextContents();
  assert.ok(rows.length >= 2, 'InvocationStarted and InvocationFinished');
  assert.ok(rows.every((r) => r.includes(id)));
  await page.getByTestId('function-panel').waitFor();
  // Reading and filtering added no step: virtual time did not move.
  assert.equal(await clock(page), before);
  await page.context().close();
});

test('the timeline filters by service, resource and event kind, and a row opens its resource', async () => {
  const page = await openPage(env.base);
  await page.getByTestId('examples').selectOption('lambda-sdk-send');
  await playToEnd(page);
  await page.getByTestId('timeline').filter({ hasText: 'InvocationFinished' }).waitFor();
  const all = await page.getByTestId('timeline-row').count();

  await page.getByTestId('timeline-filter-service').selectOption('sqs');
  const services = await page.locator('[data-testid="timeline-row"] .t-service').allTextContents();
  assert.ok(services.length > 0 && services.length < all);
  assert.ok(services.every((s) => s === 'sqs'));

  await page.getByTestId('timeline-filter-service').selectOption('');
  await page.getByTestId('timeline-filter-kind').selectOption('InvocationStarted');
  const kinds = await page.getByTestId('timeline-row').evaluateAll((rows) => rows.map((r) => r.dataset.event));
  assert.ok(kinds.length > 0 && kinds.every((k) => k === 'InvocationStarted'));
  await page.getByTestId('timeline-filter-kind').selectOption('');

  await page.getByTestId('timeline-filter-resource').selectOption('shipping-queue');
  const texts = await page.getByTestId('timeline-row').allTextContents();
  assert.ok(texts.length > 0 && texts.every((t) => t.includes('shipping-queue')));
  await page.screenshot({ path: path.join(ARTIFACTS, 'dock-timeline-filtered.png'), fullPage: true });
  await page.getByTestId('timeline-filter-clear').click();
  assert.equal(await page.getByTestId('timeline-row').count(), all);

  // A row's resource link selects its function (then its queue).
  await page.getByTestId('timeline-filter-kind').selectOption('InvocationStarted');
  await page.getByTestId('timeline-resource').filter({ hasText: 'ship-order' }).first().click();
  await page.getByTestId('function-panel').waitFor();
  await page.getByTestId('timeline-filter-kind').selectOption('MessageSent');
  await page.getByTestId('timeline-resource').filter({ hasText: 'shipping-queue' }).first().click();
  await page.getByTestId('function-panel').waitFor({ state: 'detached' });
  await page.locator('[data-testid="queue-item"].selected').filter({ hasText: 'shipping-queue' }).waitFor();

  await page.getByTestId('timeline-filter-clear').click();
  assert.equal(await page.getByTestId('timeline-row').count(), all);

  // The tabs answer the keyboard: arrows move between them.
  await page.getByTestId('dock-tab-timeline').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.getByTestId('dock-tab-logs').getAttribute('aria-selected'), 'true');
  await page.getByTestId('log-event').filter({ hasText: 'queued for shipping' }).waitFor();
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getByTestId('dock-tab-timeline').getAttribute('aria-selected'), 'true');
  await page.context().close();
});

test('the Cost tab bills the world by service and resource, as the inspector\'s Cost tabs count it', async () => {
  const page = await openPage(env.base);
  await page.getByTestId('examples').selectOption('sqs-lambda-batches');
  await playToEnd(page);
  await page.getByTestId('timeline').filter({ hasText: 'MovedToDeadLetterQueue' }).waitFor();
  const before = await clock(page);
  const number = (text, re) => Number(text.match(re)[1]);

  // What the inspector says: the function's own usage, and SQS's in this account and Region.
  await page.getByTestId('function-item').filter({ hasText: 'pack-orders' }).click();
  await page.getByTestId('function-tab-cost').click();
  const fn = await page.getByTestId('function-cost').textContent();
  await page.getByTestId('queue-item').filter({ hasText: /^orders\b/ }).first().click();
  await page.getByTestId('queue-tab-cost').click();
  const sqs = await page.getByTestId('queue-cost-usage').textContent();

  await page.getByTestId('dock-tab-cost').click();
  assert.equal(await page.getByTestId('dock-tab-cost').getAttribute('aria-selected'), 'true');
  const lambdaRow = page.getByTestId('cost-lambda').getByTestId('cost-row').filter({ hasText: 'pack-orders' });
  const lambdaText = await lambdaRow.textContent();
  assert.equal(number(lambdaText, /(\d+) requests/), number(fn, /(\d+) requests/));
  assert.equal(number(lambdaText, /([\d.]+) GB-seconds/), number(fn, /([\d.]+) GB-seconds/));
  assert.ok(Math.abs(number(lambdaText, /\$([\d.]+)\s*$/) - number(fn, /\$([\d.]+) at list price/)) < 1e-6);
  const sqsRow = await page.getByTestId('cost-sqs').getByTestId('cost-row').textContent();
  assert.match(sqsRow, /All queues/);
  assert.equal(number(sqsRow, /(\d+) requests/), number(sqs, /(\d+) billable SQS requests/));
  assert.equal(number(sqsRow, /(\d+) empty receives/), number(sqs, /(\d+) empty receives/));
  // The prices it is counted at are stated, with AWS's pricing pages.
  assert.match(await page.getByTestId('cost-sqs').textContent(), /\$0\.40 per million requests to standard queues/);
  assert.match(await page.getByTestId('cost-lambda').textContent(), /\$0\.20 per million requests/);
  assert.equal(await page.getByTestId('cost').getByRole('link', { name: 'Lambda pricing' }).getAttribute('href'), 'https://aws.amazon.com/lambda/pricing/');
  assert.match(await page.getByTestId('cost-total').textContent(), /^\$0\.00 so far after the free tier/);
  // Reading the bill adds no step.
  assert.equal(await clock(page), before);
  await page.context().close();
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
