// End-to-end: the function code editor. CodeMirror is loaded only when a Code
// tab is first shown; it undoes whole edits, searches, matches and dedents
// brackets, marks the runtime's syntax error as the person types, and lets
// Tab indent while Escape, Tab leaves it. Edits not yet deployed are shown as
// such, survive moving to a queue and back and a reload, and go with Deploy.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { ARTIFACTS, setUp } = require('./support.cjs');

const env = setUp({ before, after });
const tab = (page, kind, id) => page.getByTestId(`${kind}-tab-${id}`).click();
const editor = (page) => page.locator('[data-testid=code-editor][data-editor=codemirror]');
const content = (page) => editor(page).locator('.cm-content');
const line = (page, n) => editor(page).locator('.cm-line').nth(n - 1);
const focusInEditor = (page) => page.evaluate(() => !!document.activeElement.closest('.cm-editor'));

/** Replaces the open file's text in CodeMirror, as one edit. */
async function setCode(page, text) {
  await content(page).fill(text);
}

async function newFunction(page, name) {
  await page.getByTestId('new-function-name').fill(name);
  await page.getByTestId('create-function').click();
  await page.getByTestId('function-panel').waitFor();
  await editor(page).waitFor();
}

const CODE = 'export const handler = async () => {\n  if (true) {\n    return 1;\n  }\n};\n';

test('CodeMirror loads with the first Code tab and edits with history, search, brackets and a keyboard way out', async () => {
  const page = await env.openPage();
  // Not part of the first load.
  assert.equal(await page.evaluate(() => typeof globalThis.stratusEditor), 'undefined');
  assert.equal(await page.locator('#stratus-editor-script').count(), 0);
  await newFunction(page, 'hello');
  assert.equal(await page.evaluate(() => typeof globalThis.stratusEditor), 'object');
  assert.match(await content(page).getAttribute('aria-describedby'), /code-editor-keys/);
  assert.match(await page.locator('#code-editor-keys').textContent(), /Escape, then Tab/);

  // Typing, then Ctrl+Z, takes back the whole edit at once.
  await setCode(page, CODE);
  await page.getByTestId('deploy').click();
  await page.getByTestId('undeployed').waitFor({ state: 'detached' });
  await line(page, 1).click();
  await page.keyboard.press('End');
  await page.keyboard.type(' // one edit');
  assert.equal(await line(page, 1).textContent(), 'export const handler = async () => { // one edit');
  await page.getByTestId('undeployed').waitFor();
  await page.keyboard.press('Control+z');
  assert.equal(await line(page, 1).textContent(), 'export const handler = async () => {');
  await page.getByTestId('undeployed').waitFor({ state: 'detached' });

  // The cursor after a bracket highlights it and its partner.
  await line(page, 2).click();
  await page.keyboard.press('End');
  assert.equal(await editor(page).locator('.cm-matchingBracket').count(), 2);

  // A `}` typed on an indented line goes back to its block's indentation.
  await line(page, 3).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  assert.equal(await line(page, 4).textContent(), '    ');
  await page.keyboard.type('}');
  assert.equal(await line(page, 4).textContent(), '  }');
  await page.keyboard.press('Control+z');

  // Ctrl+F opens the search panel, which finds every match.
  await page.keyboard.press('Control+f');
  const search = editor(page).locator('.cm-search');
  await search.waitFor();
  // The query goes in as typed (the panel reads it on each key).
  assert.equal(await page.evaluate(() => document.activeElement.name), 'search');
  await page.keyboard.type('return');
  await editor(page).locator('.cm-searchMatch').first().waitFor();
  await page.keyboard.press('Escape');
  await search.waitFor({ state: 'detached' });

  // Tab indents; Escape then Tab moves focus out of the editor.
  await line(page, 3).click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  assert.match(await line(page, 3).textContent(), /^ {6}return 1;$/);
  assert.equal(await focusInEditor(page), true);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.equal(await focusInEditor(page), false);
  await page.context().close();
});

test('a syntax error is marked with the runtime\'s message while typing, before any Invoke', async () => {
  const page = await env.openPage();
  await newFunction(page, 'broken');
  await setCode(page, 'export const handler = async () => {\n  return 1 +;\n};\n');
  const marker = editor(page).locator('.cm-lint-marker-error');
  await marker.waitFor();
  assert.equal(await editor(page).locator('.cm-lintRange-error').count(), 1);
  assert.equal(
    await page.getByTestId('syntax-issue').textContent(),
    "SyntaxError at line 2, column 13: unexpected token ';', primary expression",
  );
  await marker.hover();
  await editor(page).locator('.cm-tooltip-lint').filter({ hasText: "unexpected token ';'" }).waitFor();
  // Fixing it clears the marker; nothing was invoked.
  await setCode(page, 'export const handler = async () => {\n  return 1 + 2;\n};\n');
  await marker.waitFor({ state: 'detached' });
  assert.equal(await page.getByTestId('syntax-issue').count(), 0);
  await tab(page, 'function', 'monitoring');
  assert.equal(await page.getByTestId('invocation-row').count(), 0);
  await page.context().close();
});

test('undeployed changes are shown, kept across a queue and a reload, and cleared by Deploy', async () => {
  const page = await env.openPage();
  await page.getByTestId('new-queue-name').fill('orders');
  await page.getByTestId('create-queue').click();
  await newFunction(page, 'drafty');
  await setCode(page, "export const handler = async () => 'draft one';\n");
  await page.getByTestId('undeployed').waitFor();
  const active = page.locator('[data-testid=file-tab][aria-selected=true]');
  assert.equal(await active.locator('.file-dot').count(), 1);
  assert.match(await active.textContent(), /index\.mjs.*undeployed changes/);
  // The Test tab says Invoke runs the deployed code.
  await tab(page, 'function', 'test');
  assert.match(await page.getByTestId('invoke-undeployed').textContent(), /runs the deployed code/);
  await page.getByTestId('invoke').click();
  assert.match(await page.getByTestId('invoke-result').textContent(), /Hello from Lambda!/);
  await tab(page, 'function', 'code');

  // To a queue and back.
  await page.getByTestId('queue-item').filter({ hasText: 'orders' }).click();
  await page.getByTestId('function-panel').waitFor({ state: 'detached' });
  await page.getByTestId('function-item').filter({ hasText: 'drafty' }).click();
  await editor(page).waitFor();
  await page.getByTestId('undeployed').waitFor();
  assert.match(await content(page).textContent(), /draft one/);

  // A reload.
  await page.reload();
  await page.getByTestId('clock').waitFor({ timeout: 30000 });
  await page.getByTestId('function-item').filter({ hasText: 'drafty' }).click();
  await editor(page).waitFor();
  await page.getByTestId('undeployed').waitFor();
  assert.match(await content(page).textContent(), /draft one/);

  // Deploy: the draft is the code now.
  await page.getByTestId('deploy').click();
  await page.getByTestId('undeployed').waitFor({ state: 'detached' });
  await tab(page, 'function', 'test');
  assert.equal(await page.getByTestId('invoke-undeployed').count(), 0);
  await page.getByTestId('invoke').click();
  await page.getByTestId('invoke-result').filter({ hasText: 'draft one' }).waitFor();
  await page.reload();
  await page.getByTestId('clock').waitFor({ timeout: 30000 });
  await page.getByTestId('function-item').filter({ hasText: 'drafty' }).click();
  await editor(page).waitFor();
  assert.match(await content(page).textContent(), /draft one/);
  assert.equal(await page.getByTestId('undeployed').count(), 0);
  assert.equal(await page.evaluate(() => localStorage.getItem('stratus.drafts')), null);
  await page.context().close();
});

test('files are tabs: a new file is selected, arrow keys move between files, each keeps its text', async () => {
  const page = await env.openPage();
  await newFunction(page, 'files');
  await page.getByPlaceholder('new-file.mjs').fill('lib.mjs');
  await page.getByRole('button', { name: '+ file' }).click();
  const lib = page.getByRole('tab', { name: /lib\.mjs/ });
  const index = page.getByRole('tab', { name: /index\.mjs/ });
  assert.equal(await lib.getAttribute('aria-selected'), 'true');
  assert.equal(await index.getAttribute('aria-selected'), 'false');
  // A new file is an undeployed change.
  await page.getByTestId('undeployed').waitFor();
  assert.equal(await lib.locator('.file-dot').count(), 1);
  assert.equal(await index.locator('.file-dot').count(), 0);
  await setCode(page, 'export const one = 1;\n');
  await lib.focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal(await index.getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'index.mjs');
  assert.match(await content(page).textContent(), /Hello from Lambda!/);
  await page.keyboard.press('End');
  assert.equal(await lib.getAttribute('aria-selected'), 'true');
  assert.match(await content(page).textContent(), /export const one = 1;/);
  // Discard goes back to the deployed files.
  await page.getByTestId('discard').click();
  await page.getByTestId('undeployed').waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('tab', { name: /lib\.mjs/ }).count(), 0);
  await page.context().close();
});

test('without the CodeMirror bundle the textarea editor stands in, with the same checks', async () => {
  const page = await env.newPage({}, 'no-bundle');
  await page.route('**/vendor/editor.js', (route) => route.abort());
  await page.goto(env.base);
  await page.getByTestId('clock').waitFor({ timeout: 30000 });
  await page.getByTestId('new-function-name').fill('plain');
  await page.getByTestId('create-function').click();
  await page.locator('#stratus-editor-script[data-failed]').waitFor({ state: 'attached' });
  const area = page.locator('[data-testid=code-editor][data-editor=textarea] textarea');
  await area.fill('export const handler = async () => {\n  return 1 +;\n};\n');
  await page.getByTestId('undeployed').waitFor();
  await page.getByTestId('syntax-issue').filter({ hasText: 'line 2, column 13' }).waitFor();
  // Tab indents here too, and Escape, Tab leaves.
  await area.press('Control+Home');
  await area.press('Tab');
  assert.match(await area.inputValue(), /^ {2}export const/);
  await area.press('Escape');
  await area.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'deploy');
  await page.context().close();
});

for (const width of [1440, 390]) {
  test(`the Code tab at ${width} px: editor, syntax error and undeployed changes (screenshot)`, async () => {
    const page = await env.openPage(env.base, { viewport: { width, height: 900 } });
    await newFunction(page, `at-${width}`);
    await setCode(page, "export const handler = async (event) => {\n  console.log('event', event);\n  return { statusCode: 200 +, body: 'ok' };\n};\n");
    await editor(page).locator('.cm-lint-marker-error').waitFor();
    await page.getByTestId('undeployed').waitFor();
    const panel = page.getByTestId('function-panel');
    await panel.scrollIntoViewIfNeeded();
    // Nothing in the panel is wider than the screen.
    const box = await panel.boundingBox();
    assert.ok(box.x + box.width <= width, `the panel ends at ${box.x + box.width} px`);
    await panel.screenshot({ path: path.join(ARTIFACTS, `editor-${width}.png`) });
    await page.context().close();
  });
}

test('no console errors were logged during the run', () => {
  // The refused bundle of the stand-in test is the one error expected.
  const unexpected = env.consoleErrors.filter((e) => !(e.startsWith('no-bundle:') && /ERR_FAILED/.test(e)));
  assert.deepEqual(unexpected, []);
});
