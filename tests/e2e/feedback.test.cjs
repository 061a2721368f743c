// End-to-end: the page's loading and feedback — the loading shell, the
// precompressed build and its server (scripts/serve.cjs), Share's
// confirmation, the question before a scenario is replaced, and AWS errors
// shown beside the control that caused them. Run by `make test` like
// app.test.cjs (STRATUS_DIST names the built app).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const fs = require('node:fs');
const path = require('node:path');
const { DIST, ARTIFACTS, setUp } = require('./support.cjs');

const env = setUp({ before, after });

// Examples and shared links open as stories, at their start: run every step.
async function playToEnd(page) {
  await page.getByTestId('story-end').click();
  await page.getByTestId('story-position').filter({ hasText: 'the end' }).waitFor();
}
const consoleErrors = env.consoleErrors;
const newPage = (options) => env.newPage(options);
const openPage = (options) => env.openPage(env.base, options);

async function createQueue(page, name) {
  await page.getByTestId('new-queue-name').fill(name);
  await page.getByTestId('create-queue').click();
  await page.getByTestId('queue-item').filter({ hasText: name }).click();
}

/** Answers the next dialog (accept or dismiss) and returns its message. */
function answerNext(page, accept) {
  return new Promise((resolve) => {
    page.once('dialog', async (dialog) => {
      const message = dialog.message();
      if (accept) await dialog.accept();
      else await dialog.dismiss();
      resolve(message);
    });
  });
}

test('the build holds a brotli and a gzip copy of every asset, and the server sends the one accepted', async () => {
  const files = fs.readdirSync(DIST);
  const wasm = files.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `one .wasm in ${DIST}`);
  for (const f of files.filter((f) => /\.(wasm|js|css|html)$/.test(f))) {
    assert.ok(files.includes(`${f}.br`), `${f}.br`);
    assert.ok(files.includes(`${f}.gz`), `${f}.gz`);
  }
  const get = (file, encoding) => new Promise((resolve, reject) => {
    http.get(`${env.base}${file}`, { headers: { 'accept-encoding': encoding } }, (res) => {
      let bytes = 0;
      res.on('data', (c) => { bytes += c.length; });
      res.on('end', () => resolve({ headers: res.headers, bytes }));
    }).on('error', reject);
  });
  const raw = fs.statSync(path.join(DIST, wasm[0])).size;
  const br = await get(wasm[0], 'gzip, deflate, br');
  assert.equal(br.headers['content-encoding'], 'br');
  assert.equal(br.headers['content-type'], 'application/wasm');
  assert.equal(br.headers.vary, 'Accept-Encoding');
  assert.equal(br.bytes, fs.statSync(path.join(DIST, `${wasm[0]}.br`)).size);
  assert.ok(br.bytes < raw / 2, `brotli ${br.bytes} of ${raw} bytes`);
  const gz = await get(wasm[0], 'gzip');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  const plain = await get(wasm[0], 'identity');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.bytes, raw);
});

test('the loading shell paints before the simulator arrives, then gives way to the app', async () => {
  const page = await newPage();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route(/\.wasm$/, async (route) => { await held; await route.continue(); });
  await page.goto(env.base);
  const shell = page.locator('#boot');
  await shell.waitFor();
  assert.match(await shell.locator('.logo').textContent(), /Stratus/);
  assert.match(await page.locator('#boot-text').textContent(), /Loading the simulator/);
  assert.equal(await shell.locator('.boot-panel').count(), 3);
  release();
  await page.getByTestId('clock').waitFor({ timeout: 30000 });
  assert.equal(await page.locator('#boot').count(), 0);
  await page.context().close();
});

test('Share says the link was copied, in a polite live region beside the button', async () => {
  const page = await openPage({ permissions: ['clipboard-read', 'clipboard-write'] });
  await createQueue(page, 'orders');
  const status = page.getByTestId('share-status');
  assert.equal(await status.getAttribute('aria-live'), 'polite');
  await page.getByTestId('share').click();
  await status.filter({ hasText: 'Link copied to clipboard' }).waitFor();
  const link = await page.getByTestId('share-url').inputValue();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  // The confirmation goes once the world changes (the link is stale then).
  await page.getByTestId('jump-1s').click();
  await page.waitForFunction(() => document.querySelector('[data-testid=share-status]').textContent === '');
  await page.context().close();
});

test('where the clipboard is refused, Share selects the link and says how to copy it', async () => {
  const page = await newPage();
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, 'clipboard', {
      get: () => ({ writeText: () => Promise.reject(new DOMException('Write permission denied.', 'NotAllowedError')) }),
    });
  });
  await page.goto(env.base);
  await page.getByTestId('clock').waitFor({ timeout: 30000 });
  await page.getByTestId('share').click();
  await page.getByTestId('share-status').filter({ hasText: /press Ctrl\+C/ }).waitFor();
  const selected = await page.getByTestId('share-url').evaluate((input) => [
    document.activeElement === input, input.selectionStart, input.selectionEnd, input.value.length,
  ]);
  assert.deepEqual(selected.slice(0, 2), [true, 0]);
  assert.equal(selected[2], selected[3]);
  await page.context().close();
});

test('New and an example ask before replacing a scenario with steps; Cancel changes nothing', async () => {
  const page = await openPage();
  // Nothing to lose yet: no question.
  let asked = null;
  const fail = (d) => { asked = d.message(); d.dismiss(); };
  page.on('dialog', fail);
  await page.getByTestId('reset').click();
  assert.equal(asked, null);
  page.off('dialog', fail);

  await createQueue(page, 'orders');
  const steps = await page.getByTestId('timeline-row').count();
  const clockBefore = await page.getByTestId('clock').textContent();
  let question = answerNext(page, false);
  await page.getByTestId('reset').click();
  assert.match(await question, /^Replace the current scenario "Untitled scenario" \(1 step\) with a new, empty scenario\?/);
  assert.equal(await page.getByTestId('queue-item').count(), 1);
  assert.equal(await page.getByTestId('timeline-row').count(), steps);
  assert.equal(await page.getByTestId('clock').textContent(), clockBefore);

  question = answerNext(page, false);
  await page.getByTestId('examples').selectOption('retention');
  assert.match(await question, /with the example "[^"]+"\?/);
  assert.deepEqual(await page.locator('[data-testid=queue-item] .tree-item-name').allTextContents(), ['orders']);

  question = answerNext(page, true);
  await page.getByTestId('reset').click();
  await question;
  await page.getByTestId('queue-item').first().waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('queue-item').count(), 0);

  // An example over an empty scenario, then the same example again: identical, no question.
  await page.getByTestId('examples').selectOption('delay-queue');
  await playToEnd(page);
  await page.getByTestId('queue-item').filter({ hasText: 'emails' }).waitFor();
  asked = null;
  page.on('dialog', fail);
  await page.getByTestId('examples').selectOption('delay-queue');
  await page.getByTestId('story-position').filter({ hasText: 'At the start' }).waitFor();
  assert.equal(asked, null);
  await page.context().close();
});

test('a shared link over different autosaved work asks first; Cancel keeps the work', async () => {
  const page = await openPage();
  await createQueue(page, 'shared-one');
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-url').inputValue();
  await page.context().close();

  const other = await openPage();
  await createQueue(other, 'mine');
  const names = () => other.locator('[data-testid=queue-item] .tree-item-name').allTextContents();
  // The link opened in the same tab (a fragment change) ...
  let question = answerNext(other, false);
  await other.goto(link);
  assert.match(await question, /^Replace the current scenario "Untitled scenario" \(1 step\) with the shared scenario "Untitled scenario" \(1 step\)\?/);
  assert.deepEqual(await names(), ['mine']);
  assert.doesNotMatch(other.url(), /#s=/);
  // ... and in a new page load over the autosave.
  await other.goto('about:blank');
  question = answerNext(other, false);
  await other.goto(link);
  assert.match(await question, /with the shared scenario/);
  await other.getByTestId('clock').waitFor({ timeout: 30000 });
  assert.deepEqual(await names(), ['mine']);
  assert.doesNotMatch(other.url(), /#s=/);
  // Accepted, the link opens.
  await other.goto('about:blank');
  question = answerNext(other, true);
  await other.goto(link);
  await question;
  await other.getByTestId('story').waitFor({ timeout: 30000 });
  await playToEnd(other);
  await other.getByTestId('queue-item').filter({ hasText: 'shared-one' }).waitFor({ timeout: 30000 });
  assert.deepEqual(await names(), ['shared-one']);
  await other.context().close();
});

test('an empty create-queue form shows AWS\'s error under the name field and creates nothing', async () => {
  const page = await openPage();
  await page.getByTestId('create-queue').click();
  const error = page.getByTestId('create-queue-error');
  await error.waitFor();
  assert.equal(await error.getAttribute('role'), 'alert');
  assert.match(await error.textContent(), /CreateQueue returned an error/);
  const field = await page.getByTestId('new-queue-name').boundingBox();
  const box = await error.boundingBox();
  const button = await page.getByTestId('create-queue').boundingBox();
  assert.ok(box.y >= field.y + field.height && box.y < button.y, 'between the name field and the button');
  assert.equal(await page.getByTestId('new-queue-name').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByTestId('queue-item').count(), 0);
  assert.equal(await page.getByTestId('last-error').count(), 0, 'shown once, beside its field');
  // The same for a function.
  await page.getByTestId('create-function').click();
  await page.getByTestId('create-function-error').waitFor();
  assert.equal(await page.getByTestId('function-item').count(), 0);
  await page.context().close();
});

test('a refused send shows its error right under the Send button, inside the viewport', async () => {
  for (const [width, height] of [[1400, 900], [390, 844]]) {
    const page = await openPage({ viewport: { width, height } });
    await createQueue(page, 'orders');
    await page.getByTestId('queue-tab-send').click();
    await page.getByTestId('send-delay').fill('901');
    await page.getByTestId('send').click();
    const error = page.getByTestId('send-error');
    await error.waitFor();
    assert.match(await error.textContent(), /SendMessage returned an error/);
    assert.equal(await error.getAttribute('role'), 'alert');
    await page.waitForTimeout(300);
    const send = await page.getByTestId('send').boundingBox();
    const box = await error.boundingBox();
    assert.ok(box.y >= send.y + send.height - 1 && box.y - (send.y + send.height) < 40, `under Send at ${width} px`);
    assert.ok(box.y >= 0 && box.y + box.height <= height, `in the viewport at ${width} px (${box.y}..${box.y + box.height} of ${height})`);
    assert.equal(await page.getByTestId('message-row').count(), 0);
    assert.equal(await page.getByTestId('last-error').count(), 0, 'shown once, beside its button');
    // A good send clears it.
    await page.getByTestId('send-delay').fill('');
    await page.getByTestId('send').click();
    await error.waitFor({ state: 'detached' });
    await page.context().close();
  }
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors.filter((e) => !/Write permission denied/.test(e)), []);
});
