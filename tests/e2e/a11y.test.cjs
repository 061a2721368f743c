// End-to-end: the page's layout and accessibility. axe-core (pinned in
// scripts/setup.sh, injected into the page) finds no serious or critical
// violation in each state a person meets — the empty app; an example with a
// queue selected on each of its tabs, a function on each of its tabs, the
// dock's Timeline, Logs and Cost — at 1440, 1024 and 390 px; no computed text
// size is under 12 px; the page never scrolls sideways; there is one h1; at
// 390 px the panels stack in reading order; the resource tree answers the
// keyboard. It also writes a screenshot of each panel at 1440, 1024 and
// 390 px (tests/e2e/artifacts/layout-*.png).
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { ARTIFACTS, setUp } = require('./support.cjs');

const AXE = require.resolve('axe-core/axe.min.js');
const QUEUE_TABS = ['messages', 'send', 'consumers', 'configuration', 'monitoring', 'cost'];
const FUNCTION_TABS = ['code', 'test', 'triggers', 'configuration', 'monitoring', 'cost'];
const DOCK_TABS = ['timeline', 'logs', 'cost'];
const EXAMPLE = 'sqs-lambda-batches';

const env = setUp({ before, after });
const consoleErrors = env.consoleErrors;
const openPage = (url, width) => env.openPage(url, { viewport: { width, height: 900 } });

/** axe's serious and critical violations on the page, each with up to three of its elements. */
async function axeViolations(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`).join('\n    ')}`);
  });
}

/** Rendered text whose computed size is under 12 px. (The diagram's SVG text is 12 px or more at
 *  its own size, which diagram.test.cjs checks; its automatic fit may draw it smaller, and the
 *  100% button shows it at its own size.) */
function smallText(page) {
  return page.evaluate(() => {
    const found = new Map();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent.trim() || el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || el.closest('.visually-hidden')) continue;
      const size = parseFloat(style.fontSize);
      if (size < 11.95) {
        const where = `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${size.toFixed(1)}px`;
        found.set(where, `${where}: "${node.textContent.trim().slice(0, 30)}"`);
      }
    }
    return [...found.values()];
  });
}

/** How far the page scrolls sideways (0 when it does not). */
const sidewaysScroll = (page) => page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);

/** What one state shows wrong — axe's findings, text under 12 px, sideways scroll — each
 *  problem with the states it was seen in (problem → [state at width]). */
class Problems {
  constructor() { this.seen = new Map(); }
  add(problem, where) {
    if (!this.seen.has(problem)) this.seen.set(problem, []);
    this.seen.get(problem).push(where);
  }
  async check(page, state) {
    const where = `${state} at ${page.viewportSize().width} px`;
    for (const v of await axeViolations(page)) this.add(v, where);
    for (const t of await smallText(page)) this.add(`text under 12 px: ${t}`, where);
    const scroll = await sidewaysScroll(page);
    if (scroll > 0) this.add(`the page scrolls sideways (by up to ${scroll} px)`, where);
  }
  /** One line per problem, with where it was seen (the first few states). */
  list() {
    return [...this.seen].map(([problem, states]) =>
      `${problem}\n    seen in: ${states.slice(0, 4).join('; ')}${states.length > 4 ? ` and ${states.length - 4} more` : ''}`);
  }
}

const shot = (locator, name) => locator.screenshot({ path: path.join(ARTIFACTS, `layout-${name}.png`) });

// Examples open as stories, at their start: run every step.
async function playToEnd(page) {
  await page.getByTestId('story-end').click();
  await page.getByTestId('story-position').filter({ hasText: 'the end' }).waitFor();
}

test('the empty app: one h1, no serious axe violation, no small text, no sideways scroll', async () => {
  const problems = new Problems();
  for (const width of [1440, 1024, 390]) {
    const page = await openPage(env.base, width);
    assert.equal(await page.locator('h1').count(), 1, 'one h1');
    await problems.check(page, 'the empty app');
    await page.screenshot({ path: path.join(ARTIFACTS, `layout-empty-${width}.png`), fullPage: true });
    await page.context().close();
  }
  assert.deepEqual(problems.list(), []);
});

test('an example: every queue tab, function tab and dock tab passes axe at 1440, 1024 and 390 px', async () => {
  const page = await openPage(env.base, 1440);
  await page.getByTestId('examples').selectOption(EXAMPLE);
  await playToEnd(page);
  await page.getByTestId('timeline').filter({ hasText: 'MovedToDeadLetterQueue' }).waitFor();
  const problems = new Problems();
  for (const width of [1440, 1024, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByTestId('queue-item').filter({ hasText: /^orders\b/ }).first().click();
    await page.getByTestId('queue-panel').waitFor();
    for (const id of QUEUE_TABS) {
      await page.getByTestId(`queue-tab-${id}`).click();
      await problems.check(page, `queue ${id} tab`);
    }
    await page.getByTestId('queue-tab-messages').click();
    await shot(page.getByTestId('inspector'), `inspector-queue-${width}`);
    await page.getByTestId('function-item').first().click();
    await page.getByTestId('function-panel').waitFor();
    for (const id of FUNCTION_TABS) {
      await page.getByTestId(`function-tab-${id}`).click();
      await problems.check(page, `function ${id} tab`);
    }
    await page.getByTestId('function-tab-code').click();
    await shot(page.getByTestId('inspector'), `inspector-function-${width}`);
    for (const id of DOCK_TABS) {
      await page.getByTestId(`dock-tab-${id}`).click();
      await page.getByTestId('dock-panel').waitFor();
      await problems.check(page, `dock ${id} tab`);
      await shot(page.getByTestId('dock'), `dock-${id}-${width}`);
    }
    await page.getByTestId('dock-tab-timeline').click();
    await shot(page.getByTestId('resource-tree'), `tree-${width}`);
    await shot(page.getByTestId('diagram'), `diagram-${width}`);
    await shot(page.locator('.app-header'), `header-${width}`);
    await page.screenshot({ path: path.join(ARTIFACTS, `layout-page-${width}.png`), fullPage: true });
  }
  assert.deepEqual(problems.list(), []);
  await page.context().close();
});

test('at 390 px the panels stack in reading order: tree, inspector, diagram, dock', async () => {
  const page = await openPage(env.base, 390);
  await page.getByTestId('examples').selectOption(EXAMPLE);
  await playToEnd(page);
  await page.getByTestId('queue-panel').waitFor();
  const tops = await Promise.all(['resource-tree', 'inspector', 'diagram', 'dock'].map(
    (id) => page.getByTestId(id).evaluate((el) => el.getBoundingClientRect().top),
  ));
  assert.deepEqual([...tops].sort((a, b) => a - b), tops, `tops ${tops}`);
  // The diagram opens at its own size: its text is drawn at 12 px or more, and it scrolls in its box.
  const drawn = await page.getByTestId('diagram-svg').evaluate((svg) => {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return Math.min(...[...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
  });
  assert.ok(drawn >= 11.99, `diagram text drawn at ${drawn.toFixed(1)} px`);
  // Opening a resource from the tree brings the inspector, under the tree, into view.
  await page.getByTestId('function-item').click();
  await page.getByTestId('function-panel').waitFor();
  await page.waitForFunction(() => {
    const top = document.querySelector('[data-testid=inspector]').getBoundingClientRect().top;
    return top >= 0 && top < window.innerHeight * 0.6;
  }, null, { timeout: 5000 });
  // Wide tables scroll in their own box, not the page.
  await page.getByTestId('queue-item').first().click();
  await page.getByTestId('queue-tab-configuration').click();
  assert.ok((await sidewaysScroll(page)) <= 0);
  await page.context().close();
});

test('the resource tree: groups by service with counts, reached and operated from the keyboard', async () => {
  const page = await openPage(env.base, 1440);
  await page.getByTestId('examples').selectOption(EXAMPLE);
  await playToEnd(page);
  await page.getByTestId('queue-panel').waitFor();
  assert.match(await page.getByTestId('tree-count-sqs').textContent(), /^2\s*queues$/);
  assert.match(await page.getByTestId('tree-count-lambda').textContent(), /^1\s*function$/);
  const names = await page.locator('[data-testid=tree-group-sqs] .tree-item-name').allTextContents();
  assert.deepEqual(names, ['orders-dlq', 'orders'], 'in the order ListQueues gives');
  // Every item is a button in the Tab order; the one open in the inspector is marked.
  const items = page.locator('.tree-item');
  for (const el of await items.all()) {
    assert.deepEqual(await el.evaluate((b) => [b.tagName, b.tabIndex]), ['BUTTON', 0]);
  }
  const current = page.locator('.tree-item[aria-current=true]');
  assert.equal(await current.count(), 1);
  assert.equal(await current.locator('.tree-item-name').textContent(), 'orders-dlq', 'a loaded example opens its first queue');

  // Tab goes from the group header into its items; arrows move; Enter and Space open.
  await page.getByTestId('tree-toggle-sqs').focus();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), await page.getByTestId('queue-item').first().textContent());
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.locator('.queue-title').filter({ hasText: /^orders$/ }).waitFor();
  assert.equal(await current.locator('.tree-item-name').textContent(), 'orders');
  // End reaches the last button, the empty HTTP endpoints group's header; Up climbs back
  // through the empty Scheduler group and EventBridge's default bus to the function.
  await page.keyboard.press('End');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'tree-toggle-endpoints');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'tree-toggle-scheduler');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'events-item');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'tree-toggle-events');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'function-item');
  await page.keyboard.press(' ');
  await page.getByTestId('function-panel').waitFor();
  assert.equal(await current.locator('.tree-item-name').textContent(), 'λ pack-orders');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'tree-toggle-lambda');
  await page.keyboard.press('Home');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'tree-toggle-sqs');

  // A group folds and unfolds; folded, its count still shows and the arrows skip its items.
  await page.keyboard.press('Enter');
  assert.equal(await page.getByTestId('tree-toggle-sqs').getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByTestId('queue-item').first().isVisible(), false);
  assert.match(await page.getByTestId('tree-count-sqs').textContent(), /^2/);
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'tree-toggle-lambda');
  await page.getByTestId('tree-toggle-sqs').click();
  assert.equal(await page.getByTestId('queue-item').first().isVisible(), true);
  await page.context().close();
});

test('an AWS error shows once: in its section when it has a box, else above the inspector; a notice under the header', async () => {
  const page = await openPage(env.base, 1440);
  await page.getByTestId('step-next').click();
  const notice = page.getByTestId('notice');
  await notice.waitFor();
  const noticeBox = await notice.boundingBox();
  assert.ok(noticeBox.y + noticeBox.height <= (await page.getByTestId('resource-tree').boundingBox()).y, 'above the workspace');

  await page.getByTestId('new-queue-name').fill('jobs');
  await page.getByTestId('create-queue').click();
  await page.getByTestId('new-function-name').fill('slow');
  await page.getByTestId('create-function').click();
  await page.getByTestId('function-tab-triggers').click();
  await page.getByTestId('trigger-batch-size').fill('50');
  await page.getByTestId('trigger-window').fill('0');
  await page.getByTestId('add-trigger').click();
  await page.getByTestId('trigger-error').waitFor();
  assert.equal(await page.locator('.error-box').filter({ hasText: 'InvalidParameterValueException' }).count(), 1, 'once, in the Triggers section');
  assert.equal(await page.getByTestId('last-error').count(), 0);

  // Save configuration has no box of its own: its error shows above the inspector.
  await page.getByTestId('function-tab-configuration').click();
  await page.getByTestId('set-MemorySize').fill('64');
  await page.getByTestId('save-config').click();
  const error = page.getByTestId('inspector').getByTestId('last-error');
  await error.waitFor();
  assert.match(await error.textContent(), /ValidationException/);
  assert.equal(await page.locator('.error-box').filter({ hasText: 'ValidationException' }).count(), 1);
  await page.screenshot({ path: path.join(ARTIFACTS, 'layout-error-1440.png') });
  const problems = new Problems();
  await problems.check(page, 'an error above the inspector');
  await page.context().close();
  assert.deepEqual(problems.list(), []);
});

test('no console errors', () => {
  assert.deepEqual(consoleErrors, []);
});
