// End-to-end: the release build served locally, driven in Debian's Chromium
// through playwright-core. Run by `make test` (STRATUS_DIST names the built
// app; NODE_PATH finds playwright-core in the tools cache).
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
const openPage = (url) => env.openPage(url);
const clock = (page) => page.getByTestId('clock').textContent();
const states = (page) => page.getByTestId('message-state').allTextContents();
const tab = (page, kind, id) => page.getByTestId(`${kind}-tab-${id}`).click();

let shareUrl;

test('a received message becomes visible again when its 30 s visibility timeout ends', async () => {
  const page = await openPage(env.base);
  assert.equal(await clock(page), '2026-01-01T00:00:00.000Z');
  await page.getByTestId('new-queue-name').fill('orders');
  await page.getByTestId('create-queue').click();
  await page.getByTestId('queue-item').filter({ hasText: 'orders' }).click();
  await tab(page, 'queue', 'send');
  await page.getByTestId('send-body').fill('hello from e2e');
  await page.getByTestId('send').click();
  await tab(page, 'queue', 'messages');
  await page.getByTestId('message-row').first().waitFor();
  assert.equal((await states(page)).length, 1);
  assert.match((await states(page))[0], /visible/);
  await tab(page, 'queue', 'send');
  await page.getByTestId('receive').click();
  await page.getByTestId('receive-result').filter({ hasText: 'hello from e2e' }).waitFor();
  assert.match((await states(page))[0], /in flight/);
  await tab(page, 'queue', 'messages');
  for (let i = 0; i < 30; i++) await page.getByTestId('jump-1s').click();
  assert.equal(await clock(page), '2026-01-01T00:00:30.000Z');
  assert.match((await states(page))[0], /^visible/);
  await page.getByTestId('timeline').filter({ hasText: 'VisibilityTimeoutExpired' }).waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'visibility-expired.png'), fullPage: true });

  await page.getByTestId('share').click();
  shareUrl = await page.getByTestId('share-url').inputValue();
  assert.match(shareUrl, /#s=[A-Za-z0-9_-]+$/);
  await page.context().close();
});

test('the share URL rebuilds the same world in a fresh page', async () => {
  assert.ok(shareUrl, 'the previous test made a share URL');
  const page = await openPage(shareUrl);
  await playToEnd(page);
  assert.equal(await clock(page), '2026-01-01T00:00:30.000Z');
  await page.getByTestId('queue-item').filter({ hasText: 'orders' }).click();
  const rows = await page.getByTestId('message-row').allTextContents();
  assert.equal(rows.length, 1);
  assert.match(rows[0], /hello from e2e/);
  assert.match((await states(page))[0], /^visible/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'shared.png'), fullPage: true });
  await page.context().close();
});

test('a corrupt share fragment shows a clear message and an empty world', async () => {
  const page = await openPage(`${env.base}#s=this-is-not-a-scenario`);
  const banner = page.getByTestId('load-error');
  await banner.waitFor();
  assert.match(await banner.textContent(), /damaged|not|invalid/i);
  assert.equal(await page.getByTestId('queue-item').count(), 0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'corrupt-link.png'), fullPage: true });
  await page.context().close();
});

test('an example scenario loads from the header and plays to its end', async () => {
  const page = await openPage(env.base);
  await page.getByTestId('examples').selectOption('delay-queue');
  await playToEnd(page);
  await page.getByTestId('queue-item').filter({ hasText: 'emails' }).waitFor();
  assert.equal(await clock(page), '2026-01-01T00:15:00.000Z');
  await page.getByTestId('timeline').filter({ hasText: 'DelayEnded' }).waitFor();
  // Send one more with the queue's 60 s delay: it shows as delayed, counting down.
  await tab(page, 'queue', 'send');
  await page.getByTestId('send-body').fill('one more');
  await page.getByTestId('send').click();
  await tab(page, 'queue', 'messages');
  await page.getByTestId('message-state').filter({ hasText: /^delayed · 60 s$/ }).waitFor();
  await page.getByTestId('jump-1m').click();
  await page.screenshot({ path: path.join(ARTIFACTS, 'example-delay-queue.png'), fullPage: true });
  assert.equal(await page.getByTestId('message-state').filter({ hasText: /^delayed/ }).count(), 0);
  assert.equal(await page.getByTestId('message-state').filter({ hasText: /^visible$/ }).count(), 2);
  assert.match(await page.getByTestId('metrics-summary').textContent(), /4 sent, 3 received, 2 deleted/);
  await page.getByTestId('dock-tab-cost').click();
  assert.match(await page.getByTestId('cost-sqs').textContent(), /SQS: \d+ requests/);
  await page.context().close();
});

test('a poison message lands in the dead-letter queue after maxReceiveCount receives and is redriven back', async () => {
  const page = await openPage(env.base);
  await page.getByTestId('examples').selectOption('dead-letter-queue');
  await playToEnd(page);
  await page.getByTestId('timeline').filter({ hasText: 'MovedToDeadLetterQueue' }).waitFor();
  await page.getByTestId('timeline').filter({ hasText: 'MessageRedriven' }).waitFor();
  await page.getByTestId('queue-item').filter({ hasText: 'orders-dlq' }).click();
  assert.equal(await page.getByTestId('message-row').count(), 0);
  await page.getByTestId('queue-item').filter({ hasNotText: 'dlq' }).click();
  assert.equal(await page.getByTestId('message-row').count(), 1);
  assert.match(await page.getByTestId('queue-redrive').textContent(), /to orders-dlq after 3 receives/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'example-dead-letter-queue.png'), fullPage: true });
  await page.context().close();
});

test('a consumer fleet scales out under a burst, and its pollers show in the queue panel', async () => {
  const page = await openPage(env.base);
  await page.getByTestId('examples').selectOption('consumer-fleet');
  await playToEnd(page);
  await page.getByTestId('timeline').filter({ hasText: 'ConsumerFleetScaled' }).waitFor();
  await page.getByTestId('queue-item').filter({ hasNotText: 'dlq' }).click();
  const fleet = page.getByTestId('fleet').filter({ hasText: 'resizers' });
  await tab(page, 'queue', 'consumers');
  await fleet.waitFor();
  assert.match(await page.getByTestId('fleet-section').textContent(), /not an AWS service/);
  assert.match(await fleet.getByTestId('fleet-summary').textContent(), /\d+ processed · \d+ failed/);
  // Scaled back in once the burst was drained: one poller, long polling.
  assert.equal(await fleet.getByTestId('poller').count(), 1);
  assert.match((await fleet.getByTestId('poller-state').allTextContents())[0], /^polling/);
  // An UpdateConsumerFleet step from the form: three pollers, then a few messages for them.
  await page.getByTestId('fleet-name').fill('resizers');
  await page.getByTestId('fleet-pollers').fill('3');
  await page.getByTestId('update-fleet').click();
  await fleet.getByTestId('poller').nth(2).waitFor();
  assert.match(await fleet.getByTestId('fleet-size').textContent(), /3 desired · 3 running/);
  assert.match(await page.getByTestId('queue-fleet').textContent(), /fleet resizers: 3 pollers/);
  await tab(page, 'queue', 'send');
  for (let i = 0; i < 3; i++) {
    await page.getByTestId('send-body').fill(`job ${i}`);
    await page.getByTestId('send').click();
  }
  await tab(page, 'queue', 'consumers');
  await fleet.getByTestId('poller-state').filter({ hasText: /^processing/ }).first().waitFor();
  // Each message a poller holds says so in the message list.
  await tab(page, 'queue', 'messages');
  await page.getByTestId('message-state').filter({ hasText: /^in flight · \d+ s\nresizers-\d+$/ }).first().waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'example-consumer-fleet.png'), fullPage: true });
  await page.context().close();
});

test('a FIFO queue made in the page keeps its group in order, locks it while a message is in flight, and deduplicates', async () => {
  const page = await openPage(env.base);
  await page.getByTestId('new-queue-name').fill('jobs.fifo');
  await page.getByTestId('new-queue-fifo').check();
  await page.getByTestId('new-queue-content-dedup').check();
  await page.getByTestId('create-queue').click();
  await page.getByTestId('queue-item').filter({ hasText: 'jobs.fifo' }).waitFor();
  assert.equal(await page.getByTestId('attr-ContentBasedDeduplication').textContent(), 'true');
  await tab(page, 'queue', 'send');
  await page.getByTestId('send-group').fill('customer-1');
  for (const body of ['first', 'second', 'first']) {
    await page.getByTestId('send-body').fill(body);
    await page.getByTestId('send').click();
  }
  // The third send repeats the first body within 5 minutes: accepted, not enqueued.
  await page.getByTestId('timeline').filter({ hasText: 'MessageDeduplicated' }).waitFor();
  assert.equal(await page.getByTestId('message-row').count(), 2);
  await page.getByTestId('receive').click();
  await tab(page, 'queue', 'messages');
  await page.getByTestId('message-state').filter({ hasText: /^in flight/ }).waitFor();
  assert.equal(await page.getByTestId('message-state').filter({ hasText: 'waiting behind its group' }).count(), 1);
  await tab(page, 'queue', 'send');
  await page.getByTestId('receive').click();
  assert.match(await page.getByTestId('receive-note').textContent(), /message group with a message in flight/);
  assert.equal(await page.getByTestId('message-group').first().textContent(), 'customer-1');
  assert.match(await page.getByTestId('message-group').first().getAttribute('title'), /^SequenceNumber \d{20}$/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'fifo-queue.png'), fullPage: true });
  await page.context().close();
});

test('a Lambda function is created with starter code in the highlighting editor and configured within AWS ranges', async () => {
  const page = await openPage(env.base);
  await page.getByTestId('new-function-name').fill('hello');
  await page.getByTestId('create-function').click();
  await page.getByTestId('function-panel').waitFor();
  assert.equal(await page.getByTestId('function-arn').textContent(), 'arn:aws:lambda:us-east-1:123456789012:function:hello');
  // The source opens in CodeMirror (loaded with this first Code tab), highlighted: its tokens are styled spans.
  const code = page.locator('[data-testid=code-editor][data-editor=codemirror]');
  await code.waitFor();
  assert.ok(await code.locator('.cm-line').count() > 3);
  assert.ok(await code.locator('.cm-line span').count() > 3);
  await tab(page, 'function', 'configuration');
  await page.getByTestId('set-MemorySize').fill('64');
  await page.getByTestId('save-config').click();
  assert.match(await page.getByTestId('last-error').textContent(), /ValidationException/);
  assert.equal(await page.getByTestId('attr-MemorySize').textContent(), '128');
  await page.getByTestId('set-Timeout').fill('10');
  await page.getByTestId('save-config').click();
  assert.equal(await page.getByTestId('attr-Timeout').textContent(), '10');
  await page.getByTestId('timeline').filter({ hasText: 'FunctionUpdated' }).waitFor();
  // Invoke runs the handler on the runtime in the page: a cold start, the response, the log tail.
  await tab(page, 'function', 'test');
  await page.getByTestId('invoke').click();
  assert.match(await page.getByTestId('invoke-result').textContent(), /Hello from Lambda!/);
  assert.match(await page.getByTestId('invoke-log').textContent(), /REPORT RequestId: .*Init Duration/);
  assert.equal(await page.getByTestId('invocation-row').count(), 1);
  await page.screenshot({ path: path.join(ARTIFACTS, 'lambda-function.png'), fullPage: true });
  // Runaway code ends its own invocation as a timeout; the page stays responsive.
  await tab(page, 'function', 'code');
  await page.locator('[data-testid=code-editor] .cm-content').fill('export const handler = async () => { while (true) {} };');
  await page.getByTestId('deploy').click();
  await tab(page, 'function', 'test');
  const started = Date.now();
  await page.getByTestId('invoke').click();
  await page.getByTestId('invoke-result').filter({ hasText: 'Task timed out after 10.00 seconds' }).waitFor({ timeout: 20000 });
  const took = Date.now() - started;
  assert.ok(took < 5000, `the runaway invocation took ${took} ms of wall time`);
  assert.equal(await page.getByTestId('clock').isVisible(), true);
  await page.context().close();
});

let triggerShareUrl;

test('an SQS trigger added in the function panel polls the queue, invokes the function with a batch and deletes it', async () => {
  const page = await openPage(env.base);
  await page.getByTestId('new-queue-name').fill('orders');
  await page.getByTestId('create-queue').click();
  await page.getByTestId('new-function-name').fill('worker');
  await page.getByTestId('create-function').click();
  await page.getByTestId('function-panel').waitFor();
  assert.match(await page.getByTestId('triggers').textContent(), /No triggers/);
  assert.equal(await page.locator('.triggers a[href="https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html"]').count(), 1);
  await tab(page, 'function', 'triggers');
  await page.getByTestId('trigger-queue').selectOption({ label: 'orders' });
  await page.getByTestId('trigger-batch-size').fill('5');
  await page.getByTestId('trigger-report-failures').check();
  await page.getByTestId('add-trigger').click();
  const trigger = page.getByTestId('trigger').filter({ hasText: 'orders' });
  await trigger.waitFor();
  assert.equal(await page.getByTestId('trigger-error').count(), 0);
  assert.equal(await trigger.getByTestId('trigger-state').textContent(), 'Enabled');
  assert.match(await trigger.getByTestId('trigger-settings').textContent(), /BatchSize 5 · window 0 s · ReportBatchItemFailures · MaximumConcurrency none/);
  assert.match(await trigger.getByTestId('trigger-pollers').textContent(), /\d+ pollers: \d+ receiving · 0 invoking · 0 backing off/);
  // The diagram draws the trigger: queue → function, labelled with the batch size.
  const edge = page.locator('[data-testid="diagram-edge"][data-kind="trigger"][data-from="orders"][data-to="worker"]');
  await edge.waitFor();
  assert.match(await edge.textContent(), /batch 5/);
  assert.equal(await page.locator('[data-testid="diagram-node"][data-kind="queue"][data-name="orders"]').count(), 1);
  assert.equal(await page.locator('[data-testid="diagram-node"][data-kind="function"][data-name="worker"]').count(), 1);

  // Three messages: the pollers' long polls take them, the function runs, the batches are deleted.
  await page.getByTestId('queue-item').filter({ hasText: 'orders' }).click();
  await tab(page, 'queue', 'send');
  for (let i = 0; i < 3; i++) {
    await page.getByTestId('send-body').fill(`order ${i}`);
    await page.getByTestId('send').click();
  }
  await page.getByTestId('jump-1s').click();
  await page.getByTestId('timeline').filter({ hasText: 'BatchProcessed' }).waitFor();
  assert.equal(await page.getByTestId('message-row').count(), 0);
  assert.match(await page.getByTestId('queue-item').filter({ hasText: 'orders' }).textContent(), /0 visible · 0 in flight/);
  // The edge lit up: a batch went through it during the last step (virtual time).
  assert.match(await edge.getAttribute('class'), /\bactive\b/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'sqs-trigger-diagram.png'), fullPage: true });

  // Clicking the function's node opens its panel: invocations, the trigger's counters, its cost.
  await page.locator('[data-testid="diagram-node"][data-name="worker"]').click();
  await page.getByTestId('function-panel').waitFor();
  assert.ok(await page.getByTestId('invocation-row').count() >= 1);
  assert.match(await trigger.getByTestId('trigger-stats').textContent(), /\d+ batches · 3 records · 3 deleted · 0 failed batches/);
  assert.match(await page.getByTestId('function-cost').textContent(), /^[1-9]\d* requests · [\d.]+ GB-seconds · \$[\d.]+ at list price$/);
  assert.match(await page.getByTestId('function-usage').textContent(), /free tier .* per account/);

  // Disable and enable again (UpdateEventSourceMapping), as scenario steps that the share link carries.
  await trigger.getByTestId('toggle-trigger').click();
  await trigger.getByTestId('trigger-state').filter({ hasText: 'Disabled' }).waitFor();
  assert.match(await edge.getAttribute('class'), /\binactive\b/);
  await trigger.getByTestId('toggle-trigger').click();
  await trigger.getByTestId('trigger-state').filter({ hasText: 'Enabled' }).waitFor();
  // Change settings in place: MaximumConcurrency 1 is below AWS's minimum of 2, then 2 is taken.
  await trigger.locator('.trigger-edit summary').click();
  await trigger.getByTestId('edit-max-concurrency').fill('1');
  await trigger.getByTestId('update-trigger').click();
  assert.match(await page.getByTestId('trigger-error').textContent(), /ValidationException.*scalingConfig.maximumConcurrency.*greater than or equal to 2/s);
  await trigger.getByTestId('edit-max-concurrency').fill('2');
  await trigger.getByTestId('update-trigger').click();
  await trigger.getByTestId('trigger-settings').filter({ hasText: 'MaximumConcurrency 2' }).waitFor();
  assert.equal(await page.getByTestId('trigger-error').count(), 0);
  await page.getByTestId('share').click();
  triggerShareUrl = await page.getByTestId('share-url').inputValue();

  await trigger.getByTestId('delete-trigger').click();
  await page.getByTestId('jump-1s').click();
  await page.getByTestId('trigger').waitFor({ state: 'detached' });
  assert.equal(await edge.count(), 0);
  await page.context().close();
});

test('a shared link replays the trigger and its processed batches', async () => {
  assert.ok(triggerShareUrl, 'the previous test made a share URL');
  const page = await openPage(triggerShareUrl);
  await playToEnd(page);
  await page.locator('[data-testid="diagram-edge"][data-kind="trigger"][data-from="orders"][data-to="worker"]').waitFor();
  await page.locator('[data-testid="diagram-node"][data-name="worker"]').click();
  const trigger = page.getByTestId('trigger').filter({ hasText: 'orders' });
  assert.equal(await trigger.getByTestId('trigger-state').textContent(), 'Enabled');
  assert.match(await trigger.getByTestId('trigger-settings').textContent(), /BatchSize 5 · window 0 s · ReportBatchItemFailures · MaximumConcurrency 2/);
  assert.match(await trigger.getByTestId('trigger-stats').textContent(), /3 records · 3 deleted/);
  assert.match(await page.locator('[data-testid="diagram-node"][data-name="worker"]').getAttribute('class'), /\bselected\b/);
  // A queue's node opens the queue.
  await page.locator('[data-testid="diagram-node"][data-name="orders"]').click();
  await page.getByTestId('queue-panel').waitFor();
  assert.equal(await page.locator('.queue-title').textContent(), 'orders');
  await page.context().close();
});

test('a trigger AWS refuses shows its error code and message in the panel and creates nothing', async () => {
  const page = await openPage(env.base);
  await page.getByTestId('new-queue-name').fill('jobs');
  await page.getByTestId('create-queue').click();
  await page.getByTestId('new-function-name').fill('slow');
  await page.getByTestId('create-function').click();
  await page.getByTestId('function-panel').waitFor();
  // More than 10 records a batch needs a batching window.
  await tab(page, 'function', 'triggers');
  await page.getByTestId('trigger-batch-size').fill('50');
  await page.getByTestId('trigger-window').fill('0');
  await page.getByTestId('add-trigger').click();
  const error = page.getByTestId('trigger-error');
  await error.waitFor();
  assert.match(await error.textContent(), /lambda:CreateEventSourceMapping returned an error: InvalidParameterValueException/);
  assert.match(await error.textContent(), /Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10/);
  assert.equal(await page.getByTestId('trigger').count(), 0);
  assert.equal(await page.locator('[data-testid="diagram-edge"][data-kind="trigger"]').count(), 0);
  // A function timeout above the queue's visibility timeout (30 s) is refused too.
  await tab(page, 'function', 'configuration');
  await page.getByTestId('set-Timeout').fill('60');
  await page.getByTestId('save-config').click();
  await tab(page, 'function', 'triggers');
  await page.getByTestId('trigger-batch-size').fill('10');
  await page.getByTestId('add-trigger').click();
  await error.filter({ hasText: 'Queue visibility timeout: 30 seconds is less than Function timeout: 60 seconds' }).waitFor();
  assert.equal(await page.getByTestId('trigger').count(), 0);
  await page.screenshot({ path: path.join(ARTIFACTS, 'sqs-trigger-error.png'), fullPage: true });
  // With a window the large batch is accepted, and the error goes away.
  await tab(page, 'function', 'configuration');
  await page.getByTestId('set-Timeout').fill('30');
  await page.getByTestId('save-config').click();
  await tab(page, 'function', 'triggers');
  await page.getByTestId('trigger-batch-size').fill('50');
  await page.getByTestId('trigger-window').fill('5');
  await page.getByTestId('add-trigger').click();
  await page.getByTestId('trigger').waitFor();
  assert.equal(await page.getByTestId('trigger-error').count(), 0);
  assert.match(await page.locator('[data-testid="diagram-edge"][data-kind="trigger"]').textContent(), /batch 50 · 5 s/);
  await page.context().close();
});

test('a permission added in the queue panel shows in its access policy, and encryption is set in one step', async () => {
  const page = await openPage(env.base);
  await page.getByTestId('new-queue-name').fill('shared');
  await page.getByTestId('create-queue').click();
  await page.getByTestId('queue-item').filter({ hasText: 'shared' }).click();
  await tab(page, 'queue', 'configuration');
  assert.equal(await page.getByTestId('encryption-now').textContent(), 'SSE-SQS');
  await page.getByTestId('policy-none').waitFor();
  // AddPermission: a label, one account, two actions.
  await page.getByTestId('open-add-permission').click();
  await page.getByTestId('permission-label').fill('PartnerSend');
  await page.getByTestId('permission-accounts').fill('111122223333');
  await page.getByTestId('permission-action-GetQueueAttributes').check();
  await page.getByTestId('add-permission').click();
  const policy = page.getByTestId('policy-json');
  await policy.waitFor();
  const text = await policy.textContent();
  assert.match(text, /"Sid": "PartnerSend"/);
  assert.match(text, /"AWS": "arn:aws:iam::111122223333:root"/);
  assert.match(text, /"SQS:SendMessage",\s*"SQS:GetQueueAttributes"/);
  assert.equal(await page.getByTestId('policy-statement').getAttribute('data-sid'), 'PartnerSend');
  // The same label again is refused, in the section.
  await page.getByTestId('permission-label').fill('PartnerSend');
  await page.getByTestId('permission-accounts').fill('111122223333');
  await page.getByTestId('add-permission').click();
  await page.getByTestId('policy-error').filter({ hasText: 'sqs:AddPermission returned an error: InvalidParameterValue' }).waitFor();
  // SSE-KMS with the AWS managed key, as one SetQueueAttributes step.
  await page.getByTestId('encryption-choice').selectOption('SSE-KMS');
  await page.getByTestId('apply-encryption').click();
  await page.getByTestId('encryption-now').filter({ hasText: 'SSE-KMS (alias/aws/sqs)' }).waitFor();
  await page.getByTestId('queue-access').screenshot({ path: path.join(ARTIFACTS, 'queue-access-e2e.png') });
  // RemovePermission drops the only statement, and with it the policy.
  await page.getByTestId('remove-permission').click();
  await page.getByTestId('policy-none').waitFor();
  assert.equal(await page.getByTestId('policy-error').count(), 0);
  await page.context().close();
});

test('the function panel publishes a version, points an alias at it, adds a permission and sets asynchronous invocation', async () => {
  const page = await openPage(env.base);
  await page.getByTestId('new-queue-name').fill('failures');
  await page.getByTestId('create-queue').click();
  await page.getByTestId('new-function-name').fill('worker');
  await page.getByTestId('create-function').click();
  await page.getByTestId('function-panel').waitFor();
  const arn = 'arn:aws:lambda:us-east-1:123456789012:function:worker';
  // Versions: $LATEST only, then PublishVersion with a description makes version 1.
  await tab(page, 'function', 'configuration');
  await page.getByTestId('open-versions').click();
  assert.equal(await page.getByTestId('versions-count').textContent(), 'none published');
  assert.equal(await page.getByTestId('version-row').count(), 1);
  await page.getByTestId('publish-description').fill('first release');
  await page.getByTestId('publish-version').click();
  const v1 = page.locator('[data-testid="version-row"][data-version="1"]');
  await v1.waitFor();
  assert.match(await v1.textContent(), /first release/);
  assert.match(await v1.textContent(), /Active/);
  assert.equal(await page.getByTestId('versions-count').textContent(), '1 published');
  // Publishing an unchanged $LATEST again makes no new version.
  await page.getByTestId('publish-version').click();
  assert.equal(await page.getByTestId('version-row').count(), 2);
  // Aliases: "live" on version 1 (the newest, picked by default), then pointed at $LATEST.
  await page.getByTestId('open-aliases').click();
  await page.getByTestId('alias-name').fill('live');
  assert.equal(await page.getByTestId('alias-version-choice').inputValue(), '1');
  await page.getByTestId('create-alias').click();
  const live = page.locator('[data-testid="alias-row"][data-alias="live"]');
  await live.waitFor();
  assert.equal(await live.getByTestId('alias-version').textContent(), '1');
  assert.match(await v1.textContent(), /← live/);
  await live.getByTestId('alias-new-version').selectOption('$LATEST');
  await live.getByTestId('update-alias').click();
  await live.getByTestId('alias-version').filter({ hasText: '$LATEST' }).waitFor();
  await live.getByTestId('alias-new-version').selectOption('1');
  await live.getByTestId('update-alias').click();
  await live.getByTestId('alias-version').filter({ hasText: /^1$/ }).waitFor();
  // An alias name of digits only is refused, in the section.
  await page.getByTestId('alias-name').fill('123');
  await page.getByTestId('create-alias').click();
  await page.getByTestId('aliases-error').filter({ hasText: 'lambda:CreateAlias returned an error' }).waitFor();
  // Permissions: SNS may invoke the alias, from one topic.
  await page.getByTestId('open-permissions').click();
  await page.getByTestId('function-policy-none').waitFor();
  assert.match(await page.getByTestId('permissions-section').textContent(), /a caller from another account .* passes only as it allows/);
  await page.getByTestId('function-permission-sid').fill('sns-invoke');
  assert.equal(await page.getByTestId('function-permission-principal').inputValue(), 'sns.amazonaws.com');
  assert.equal(await page.getByTestId('function-permission-action').inputValue(), 'lambda:InvokeFunction');
  await page.getByTestId('function-permission-source-arn').fill('arn:aws:sns:us-east-1:123456789012:alerts');
  await page.getByTestId('function-permission-qualifier').selectOption('live');
  await page.getByTestId('add-function-permission').click();
  const policy = page.locator('[data-testid="function-policy"][data-qualifier="live"]');
  await policy.waitFor();
  const doc = await policy.getByTestId('function-policy-json').textContent();
  assert.match(doc, /"Sid": "sns-invoke",\s*"Effect": "Allow",\s*"Principal": \{\s*"Service": "sns.amazonaws.com"/);
  assert.match(doc, new RegExp(`"Resource": "${arn}:live"`));
  assert.match(doc, /"ArnLike": \{\s*"AWS:SourceArn": "arn:aws:sns:us-east-1:123456789012:alerts"/);
  assert.equal(await page.getByTestId('permissions-count').textContent(), '1 statement');
  // A principal AWS does not accept is refused, in the section.
  await page.getByTestId('function-permission-sid').fill('bad');
  await page.getByTestId('function-permission-principal').fill('not a principal');
  await page.getByTestId('add-function-permission').click();
  await page.getByTestId('permissions-error').filter({ hasText: 'lambda:AddPermission returned an error' }).waitFor();
  // Asynchronous invocation: one retry, an hour, failures to the queue.
  await page.getByTestId('open-async').click();
  assert.equal(await page.getByTestId('async-count').textContent(), 'defaults');
  await page.getByTestId('async-set-retries').fill('1');
  await page.getByTestId('async-set-max-age').fill('3600');
  await page.getByTestId('async-set-on-failure').fill('arn:aws:sqs:us-east-1:123456789012:failures');
  await page.getByTestId('put-async-config').click();
  const config = page.locator('[data-testid="async-config-row"][data-qualifier="$LATEST"]');
  await config.waitFor();
  assert.equal(await config.getByTestId('async-retries').textContent(), '1');
  assert.equal(await config.getByTestId('async-max-age').textContent(), '3600');
  assert.equal(await config.getByTestId('async-on-failure').textContent(), 'sqs failures');
  assert.equal(await config.getByTestId('async-on-success').textContent(), '—');
  // Out of AWS's range: refused, shown in the section, nothing changed.
  await page.getByTestId('async-set-retries').fill('5');
  await page.getByTestId('put-async-config').click();
  await page.getByTestId('async-error').filter({ hasText: 'lambda:PutFunctionEventInvokeConfig returned an error' }).waitFor();
  assert.equal(await config.getByTestId('async-retries').textContent(), '1');
  await page.getByTestId('function-panel').screenshot({ path: path.join(ARTIFACTS, 'function-versions-e2e.png') });
  // RemovePermission and DeleteFunctionEventInvokeConfig undo them.
  await page.getByTestId('remove-function-permission').click();
  await page.getByTestId('function-policy-none').waitFor();
  await page.getByTestId('delete-async-config').click();
  await page.getByTestId('async-count').filter({ hasText: 'defaults' }).waitFor();
  await page.context().close();
});

test('acting as another account makes its queue there, and the page shows each place its own resources', async () => {
  const page = await openPage(env.base);
  const badge = page.getByTestId('place-badge');
  assert.equal(await badge.textContent(), '123456789012 · us-east-1');
  await page.getByTestId('new-queue-name').fill('home-orders');
  await page.getByTestId('create-queue').click();
  await page.getByTestId('queue-item').filter({ hasText: 'home-orders' }).waitFor();
  // A malformed account id is refused beside the form and changes nothing.
  await page.getByTestId('acting-place').selectOption('other');
  await page.getByTestId('acting-account').fill('1234');
  await page.getByTestId('acting-region').fill('eu-west-1');
  await page.getByTestId('acting-apply').click();
  await page.getByTestId('acting-error').filter({ hasText: '12 digits' }).waitFor();
  assert.equal(await badge.textContent(), '123456789012 · us-east-1');
  await page.getByTestId('acting-account').fill('111122223333');
  await page.getByTestId('acting-apply').click();
  await page.getByTestId('acting-note').waitFor();
  assert.equal(await badge.textContent(), '111122223333 · eu-west-1');
  assert.equal(await page.getByTestId('queue-item').count(), 0, "another account's list starts empty");
  await page.getByTestId('new-queue-name').fill('remote-orders');
  await page.getByTestId('create-queue').click();
  await page.getByTestId('queue-item').filter({ hasText: 'remote-orders' }).click();
  assert.equal(await page.getByTestId('queue-url').textContent(), 'https://sqs.eu-west-1.amazonaws.com/111122223333/remote-orders');
  await page.getByTestId('timeline-place').filter({ hasText: '111122223333 · eu-west-1' }).first().waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'acting-as-other-account.png'), fullPage: true });
  // Back home: the home account's list, without the other account's queue.
  await page.getByTestId('acting-home').click();
  assert.equal(await badge.textContent(), '123456789012 · us-east-1');
  await page.getByTestId('queue-item').filter({ hasText: 'home-orders' }).waitFor();
  assert.deepEqual(await page.locator('[data-testid=queue-item] .tree-item-name').allTextContents(), ['home-orders']);
  // The step kept its account and region: a share link replays it there.
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-url').inputValue();
  await page.context().close();
  const shared = await openPage(link);
  await playToEnd(shared);
  await shared.getByTestId('acting-place').selectOption('111122223333/eu-west-1');
  await shared.getByTestId('queue-item').filter({ hasText: 'remote-orders' }).waitFor();
  assert.deepEqual(await shared.locator('[data-testid=queue-item] .tree-item-name').allTextContents(), ['remote-orders']);
  await shared.context().close();
});

test('no console errors were logged during the run', () => {
  assert.deepEqual(consoleErrors, []);
});
