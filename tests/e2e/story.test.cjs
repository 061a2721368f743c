// End-to-end: examples and shared links as stories (story.rs, playhead.rs) — an example
// opens at its start with its description; Step shows each step's note and effect; Back
// returns to exactly the earlier world (the same message ids and clock); any step can be
// jumped to; a step's `show` selects its resource and opens its tabs; a Lambda example
// opens on its function; acting part-way asks before dropping the later steps — and
// "Next event" (header.rs) saying what it jumps to, stopping on a retention expiry that
// the queue then lists as gone. Screenshots of the story panel at 1440 and 390 px.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const zlib = require('node:zlib');
const fs = require('node:fs');
const { ARTIFACTS, setUp } = require('./support.cjs');

const env = setUp({ before, after });
const openPage = (url, width = 1440) => env.openPage(url || env.base, { viewport: { width, height: 900 } });
const clock = (page) => page.getByTestId('clock').textContent();
const position = (page) => page.getByTestId('story-position').textContent();
const note = (page) => page.getByTestId('story-note').textContent();
const messageIds = (page) => page.locator('[data-testid=message-row]').evaluateAll((rows) => rows.map((r) => r.dataset.messageId));
const selected = (page, id) => page.getByTestId(id).getAttribute('aria-selected');

/** Opens an example from the header's picker. */
async function openExample(page, name) {
  await page.getByTestId('examples').selectOption(name);
  await page.getByTestId('story').waitFor();
}

/** Moves the story to `n` steps run and waits until it says so. */
async function goTo(page, n, total) {
  await page.getByTestId('story-step-item').nth(n - 1).click();
  await page.getByTestId('story-position').filter({ hasText: n === total ? `Step ${n} of ${total} · the end` : `Step ${n} of ${total}` }).waitFor();
}

test('an example opens at its start with its description; Step shows each note and its effect', async () => {
  const page = await openPage();
  await openExample(page, 'visibility-timeout');
  assert.match(await page.getByTestId('story-description').textContent(), /becomes visible again exactly when its visibility timeout ends/);
  assert.equal(await position(page), 'At the start · 17 steps');
  assert.equal(await clock(page), '2026-01-01T00:00:00.000Z');
  assert.equal(await page.getByTestId('queue-item').count(), 0);
  assert.equal(await page.getByTestId('story-step-item').count(), 17);
  // The queue the story is about is chosen already; the inspector says which step makes it.
  assert.match(await page.getByTestId('inspector-hint').textContent(), /orders does not exist yet: step 1 of the story makes it/);
  // The current note is announced.
  assert.equal(await page.getByTestId('story-current').getAttribute('aria-live'), 'polite');
  assert.equal(await page.getByTestId('story-start').isDisabled(), true);
  assert.equal(await page.getByTestId('story-back').isDisabled(), true);

  // Keyboard: Step is a button; Enter runs it.
  await page.getByTestId('story-forward').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('story-position').filter({ hasText: 'Step 1 of 17' }).waitFor();
  assert.match(await note(page), /VisibilityTimeout is 30 seconds/);
  await page.getByTestId('queue-item').filter({ hasText: 'orders' }).waitFor();
  assert.equal(await selected(page, 'queue-tab-messages'), 'true');
  assert.equal(await page.getByTestId('story-step-item').nth(0).getAttribute('aria-current'), 'step');

  await page.getByTestId('story-forward').click();
  await page.getByTestId('message-row').first().waitFor();
  assert.match(await note(page), /A producer sends one order/);
  await page.getByTestId('story-forward').click();
  await page.getByTestId('message-state').filter({ hasText: /^in flight · 30 s$/ }).waitFor();
  assert.match(await note(page), /now in flight/);
  assert.match(await page.getByTestId('story-next').textContent(), /Next, step 4: ReceiveMessage · orders/);
  await page.context().close();
});

test('Back returns to exactly the world it was: the same message ids, states and clock', async () => {
  const page = await openPage();
  await openExample(page, 'visibility-timeout');
  await goTo(page, 3, 17);
  const ids = await messageIds(page);
  const at3 = await clock(page);
  const events = await page.getByTestId('timeline-row').count();
  assert.equal(ids.length, 1);
  // On past the redelivery (step 9: received again, a new receipt handle) ...
  await goTo(page, 9, 17);
  assert.equal(await clock(page), '2026-01-01T00:00:30.000Z');
  assert.match((await page.getByTestId('receive-count').allTextContents())[0], /2/);
  // ... then back, one step at a time, to step 3.
  for (let n = 8; n >= 3; n--) {
    await page.getByTestId('story-back').click();
    await page.getByTestId('story-position').filter({ hasText: `Step ${n} of 17` }).waitFor();
  }
  assert.deepEqual(await messageIds(page), ids);
  assert.equal(await clock(page), at3);
  assert.equal(await page.getByTestId('timeline-row').count(), events);
  assert.match((await page.getByTestId('message-state').allTextContents())[0], /^in flight · 30 s$/);
  assert.match((await page.getByTestId('receive-count').allTextContents())[0], /1/);
  // To the start: nothing exists.
  await page.getByTestId('story-start').click();
  await page.getByTestId('story-position').filter({ hasText: 'At the start' }).waitFor();
  assert.equal(await page.getByTestId('queue-item').count(), 0);
  assert.equal(await clock(page), '2026-01-01T00:00:00.000Z');
  // Forward again: the same id as the first time (a deterministic replay).
  await goTo(page, 2, 17);
  assert.deepEqual(await messageIds(page), ids);
  await page.context().close();
});

test('a step can be jumped to, forward and back, and Play to end runs the rest', async () => {
  const page = await openPage();
  await openExample(page, 'visibility-timeout');
  await goTo(page, 8, 17);
  assert.equal(await clock(page), '2026-01-01T00:00:30.000Z');
  assert.equal(await page.getByTestId('story-step-item').nth(7).getAttribute('aria-current'), 'step');
  assert.equal(await page.getByTestId('story-step-item').nth(6).getAttribute('data-state'), 'done');
  assert.equal(await page.getByTestId('story-step-item').nth(8).getAttribute('data-state'), 'ahead');
  await page.getByTestId('timeline').filter({ hasText: 'VisibilityTimeoutExpired' }).waitFor();
  await goTo(page, 5, 17);
  assert.equal(await clock(page), '2026-01-01T00:00:00.000Z');
  assert.equal(await page.getByTestId('timeline').filter({ hasText: 'VisibilityTimeoutExpired' }).count(), 0);
  // A step that AWS refuses says so in the story.
  await goTo(page, 12, 17);
  assert.match(await page.getByTestId('story-error').textContent(), /InvalidParameterValue/);
  await page.getByTestId('story-end').click();
  await page.getByTestId('story-position').filter({ hasText: 'Step 17 of 17 · the end' }).waitFor();
  assert.equal(await page.getByTestId('story-forward').isDisabled(), true);
  await page.context().close();
});

test('a step with show selects its resource and opens its inspector and dock tabs', async () => {
  const page = await openPage();
  await openExample(page, 'sqs-lambda-batches');
  // The trigger step shows the function's Triggers tab.
  await goTo(page, 5, 13);
  await page.getByTestId('function-panel').waitFor();
  assert.equal(await selected(page, 'function-tab-triggers'), 'true');
  // The batch step shows its monitoring and the Logs.
  await goTo(page, 8, 13);
  assert.equal(await selected(page, 'function-tab-monitoring'), 'true');
  assert.equal(await selected(page, 'dock-tab-logs'), 'true');
  // The next step's show: the orders queue, its messages.
  await page.getByTestId('story-forward').click();
  await page.getByTestId('queue-panel').waitFor();
  assert.equal(await page.locator('.queue-title').textContent(), 'orders');
  assert.equal(await selected(page, 'queue-tab-messages'), 'true');
  // Jumping back shows what the story last asked for before there: the function's triggers.
  await goTo(page, 6, 13);
  await page.getByTestId('function-panel').waitFor();
  assert.equal(await selected(page, 'function-tab-triggers'), 'true');
  await page.context().close();
});

test('a Lambda example opens with its function chosen, and shows it once made', async () => {
  const page = await openPage();
  await openExample(page, 'lambda-hello');
  assert.equal(await position(page), 'At the start · 5 steps');
  assert.match(await page.getByTestId('inspector-hint').textContent(), /hello does not exist yet: step 1/);
  assert.doesNotMatch(await page.locator('.columns').textContent(), /Select or create a queue/);
  await page.getByTestId('story-forward').click();
  await page.getByTestId('function-panel').waitFor();
  assert.equal(await page.getByTestId('function-arn').textContent(), 'arn:aws:lambda:us-east-1:123456789012:function:hello');
  assert.equal(await selected(page, 'function-tab-code'), 'true');
  await page.context().close();
});

test('a shared link opens as a story at its start', async () => {
  const json = fs.readFileSync(path.join(__dirname, '../../www/examples/retention.json'), 'utf8');
  const compact = JSON.stringify(JSON.parse(json));
  const fragment = zlib.deflateRawSync(Buffer.from(compact), { level: 9 }).toString('base64url');
  const page = await openPage(`${env.base}#s=${fragment}`);
  await page.getByTestId('story').waitFor();
  assert.equal(await position(page), 'At the start · 10 steps');
  assert.match(await page.getByTestId('story-description').textContent(), /MessageRetentionPeriod/);
  assert.equal(await page.getByTestId('queue-item').count(), 0);
  await page.context().close();
});

test('acting part-way through a story asks first: Cancel keeps every step, OK drops the later ones', async () => {
  const page = await openPage();
  await openExample(page, 'visibility-timeout');
  await goTo(page, 2, 17);
  await page.getByTestId('queue-tab-send').click();
  await page.getByTestId('send-body').fill('by hand');
  let question = new Promise((resolve) => page.once('dialog', (d) => { resolve(d.message()); d.dismiss(); }));
  await page.getByTestId('send').click();
  assert.match(await question, /You are at step 2 of 17 of this story\. Acting here drops the 15 steps after it/);
  await page.getByTestId('notice').filter({ hasText: 'Nothing was done' }).waitFor();
  assert.equal(await position(page), 'Step 2 of 17');
  question = new Promise((resolve) => page.once('dialog', (d) => { resolve(d.message()); d.accept(); }));
  await page.getByTestId('send').click();
  await question;
  await page.getByTestId('story-position').filter({ hasText: 'Step 3 of 3 · the end' }).waitFor();
  await page.getByTestId('queue-tab-messages').click();
  assert.equal(await page.getByTestId('message-row').count(), 2);
  await page.context().close();
});

test('Next event says what it jumps to, and stops on a retention expiry the queue lists as gone', async () => {
  const page = await openPage();
  await page.getByTestId('new-queue-name').fill('orders');
  await page.getByTestId('create-queue').click();
  await page.getByTestId('queue-panel').waitFor();
  assert.equal(await page.getByTestId('next-event-label').textContent(), 'nothing scheduled changes what is shown');
  await page.getByTestId('queue-tab-send').click();
  await page.getByTestId('send-body').fill('report');
  await page.getByTestId('send').click();
  await page.getByTestId('receive').click();
  await page.getByTestId('receive-result').filter({ hasText: 'report' }).waitFor();
  const label = page.getByTestId('next-event-label');
  await label.filter({ hasText: /^in 30 s: [0-9a-f]{8}… becomes visible again in orders: its visibility timeout ends$/ }).waitFor();
  assert.match(await page.getByTestId('step-next').getAttribute('title'), /^Jump to 2026-01-01T00:00:30\.000Z: [0-9a-f-]{36} becomes visible again in orders/);

  await page.getByTestId('step-next').click();
  assert.equal(await clock(page), '2026-01-01T00:00:30.000Z');
  assert.match(await page.getByTestId('notice').textContent(), /^Moved 30 s to 2026-01-01T00:00:30\.000Z: .* visibility timeout expired, visible again\.$/);
  // Next: the expiry, 4 days after the send, not a silent jump.
  await label.filter({ hasText: /^in 3 d 23 h: [0-9a-f]{8}… expires from orders: older than its MessageRetentionPeriod \(4 d\), deleted unread or not$/ }).waitFor();
  await page.getByTestId('step-next').click();
  assert.equal(await clock(page), '2026-01-05T00:00:00.000Z');
  assert.match(await page.getByTestId('notice').textContent(), /removed from orders: older than the queue's MessageRetentionPeriod/);
  await page.getByTestId('queue-tab-messages').click();
  assert.equal(await page.getByTestId('message-row').count(), 0);
  const gone = page.getByTestId('departed-message');
  assert.equal(await gone.count(), 1);
  assert.equal(await gone.getAttribute('data-reason'), 'expired');
  assert.match(await gone.textContent(), /expired at 2026-01-05T00:00:00\.000Z: it was older than the queue's MessageRetentionPeriod/);
  await page.getByTestId('timeline-row').filter({ hasText: 'MessageExpired' }).waitFor();
  assert.equal(await label.textContent(), 'nothing scheduled changes what is shown');
  await page.screenshot({ path: path.join(ARTIFACTS, 'next-event-expiry.png'), fullPage: true });
  await page.context().close();
});

test('the story panel at 1440 and 390 px: readable, no sideways scroll', async () => {
  for (const width of [1440, 390]) {
    const page = await openPage(env.base, width);
    await openExample(page, 'dead-letter-queue');
    await goTo(page, 12, 18);
    const story = page.getByTestId('story');
    const { scroll, client } = await story.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(scroll <= client + 1, `the story panel scrolls sideways at ${width} px (${scroll} > ${client})`);
    // Text of at least 12 px everywhere in the panel.
    const smallest = await story.evaluate((el) => Math.min(...[...el.querySelectorAll('*')]
      .filter((e) => e.childNodes.length && [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
      .map((e) => parseFloat(getComputedStyle(e).fontSize))));
    assert.ok(smallest >= 12, `text of ${smallest} px at ${width} px`);
    await story.screenshot({ path: path.join(ARTIFACTS, `story-${width}.png`) });
    await page.screenshot({ path: path.join(ARTIFACTS, `story-screen-${width}.png`) });
    await page.context().close();
  }
});

test('no console errors were logged during the run', () => {
  assert.deepEqual(env.consoleErrors, []);
});
