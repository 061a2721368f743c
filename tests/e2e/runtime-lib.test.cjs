// End-to-end: the runtime's library (its JavaScript and the SDK's models,
// runtime/lib.json) is not part of the first load: the page fetches it after
// its first paint, and a scenario with functions, reopened from the autosave,
// waits for it before it runs. Serves STRATUS_DIST and drives Debian's
// Chromium through playwright-core, as app.test.cjs does.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { setUp } = require('./support.cjs');

const env = setUp({ before, after });

test('runtime/lib.json is fetched after the wasm, and a function using the SDK runs once it is there, also straight after a reload', async () => {
  const page = await env.newPage({}, 'runtime-lib');
  const requests = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  const libArrived = page.waitForResponse((r) => r.url().endsWith('/runtime/lib.json'));
  await page.goto(env.base);
  await page.getByTestId('clock').waitFor({ timeout: 30000 });
  await libArrived;
  const wasm = requests.findIndex((p) => p.endsWith('.wasm'));
  const lib = requests.indexOf('/runtime/lib.json');
  assert.ok(wasm >= 0 && lib > wasm, `requests in order: ${requests.join(' ')}`);

  // The handler imports SQSClient from @aws-sdk/client-sqs and sends to shipping-queue.
  await page.getByTestId('examples').selectOption('lambda-sdk-send');
  await page.getByTestId('story-end').click();
  await page.getByTestId('story-position').filter({ hasText: 'the end' }).waitFor();
  const shipping = page.getByTestId('queue-item').filter({ hasText: /^shipping-queue/ });
  await shipping.filter({ hasText: '1 in flight' }).waitFor();

  // A reload replays the autosaved scenario: it waits for the library, so the SDK import works.
  await page.reload();
  await page.getByTestId('clock').waitFor({ timeout: 30000 });
  await page.getByTestId('queue-item').filter({ hasText: /^shipping-queue/ }).filter({ hasText: '1 in flight' })
    .waitFor({ timeout: 30000 });
  await page.getByTestId('timeline').filter({ hasText: 'InvocationFinished' }).waitFor();
  assert.equal(await page.getByTestId('timeline').filter({ hasText: 'still loading' }).count(), 0);
  assert.deepEqual(env.consoleErrors, []);
  await page.context().close();
});
