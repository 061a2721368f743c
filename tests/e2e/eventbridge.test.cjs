// End-to-end: EventBridge in the page — buses and rules in the resource tree, a
// rule made with a pattern that is checked as it is typed, a queue target with
// its input previewed, the test box naming the field that failed, PutEvents from
// the composer reaching the queue through the rule, the diagram's bus → rule →
// queue path, a scheduled rule's next firings, and screenshots of every tab of
// the bus and rule inspectors.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { ARTIFACTS, setUp } = require('./support.cjs');

const BUS_TABS = ['send', 'rules', 'archives', 'schemas', 'details'];
const RULE_TABS = ['pattern', 'test', 'targets', 'details'];

const env = setUp({ before, after });

async function shoot(page, kind, tabs, panel) {
  for (const id of tabs) {
    await page.getByTestId(`${kind}-tab-${id}`).click();
    await page.getByTestId(`${kind}-panel-${id}`).waitFor();
    const { scroll, client } = await page.getByTestId(panel).evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    assert.ok(scroll <= client + 1, `${kind} ${id} scrolls sideways (${scroll} > ${client})`);
    await page.getByTestId(panel).screenshot({ path: path.join(ARTIFACTS, `inspector-${kind}-${id}-1440.png`) });
  }
}

test('a rule made in the page routes a put event to its queue, with the pattern checked as typed', async () => {
  const page = await env.openPage(env.base, { viewport: { width: 1440, height: 900 } });
  // Every account and Region has a default bus, listed before first use.
  await page.getByTestId('events-item').filter({ hasText: 'default' }).waitFor();
  await page.getByTestId('new-queue-name').fill('large');
  await page.getByTestId('create-queue').click();
  await page.getByTestId('new-bus-name').fill('orders');
  await page.getByTestId('create-bus').click();
  await page.getByTestId('bus-panel').waitFor();
  assert.match(await page.getByTestId('bus-arn').textContent(), /^arn:aws:events:us-east-1:\d{12}:event-bus\/orders$/);

  await page.getByTestId('bus-tab-rules').click();
  await page.getByTestId('new-rule-name').fill('large-orders');
  await page.getByTestId('new-rule-pattern').fill('{"detail": {"amount": [{"numeric": [">", "a"]}]}}');
  assert.match(await page.getByTestId('new-rule-pattern-check').textContent(), /^Event pattern is not valid\. Reason: /);
  await page.getByTestId('new-rule-pattern').fill('{"source": ["shop.orders"], "detail": {"amount": [{"numeric": [">", 100]}]}}');
  assert.match(await page.getByTestId('new-rule-pattern-check').textContent(), /valid event pattern/);
  await page.getByTestId('create-rule').click();
  await page.getByTestId('rule-panel').waitFor();
  await page.getByTestId('events-item').filter({ hasText: 'orders › large-orders' }).waitFor();
  assert.equal((await page.getByTestId('rule-state').textContent()).trim(), 'ENABLED');

  // A target: the queue, its input previewed on the sample event.
  await page.getByTestId('rule-tab-targets').click();
  const queueArn = await page.getByTestId('new-target-arn').locator('option', { hasText: 'SQS queue large' }).getAttribute('value');
  await page.getByTestId('new-target-arn').selectOption(queueArn);
  await page.getByTestId('new-target-mode').selectOption('path');
  await page.getByTestId('new-target-input-path').fill('$.detail');
  await page.getByTestId('add-target').click();
  await page.getByTestId('target-row').waitFor();
  assert.match(await page.getByTestId('target-input-preview').textContent(), /"amount":250/);

  // The test box says which field failed.
  await page.getByTestId('rule-tab-test').click();
  assert.match(await page.getByTestId('rule-test-result').textContent(), /matches/);
  const sample = await page.getByTestId('rule-test-event').inputValue();
  await page.getByTestId('rule-test-event').fill(sample.replace('"amount": 250', '"amount": 5'));
  assert.match(await page.getByTestId('rule-test-result').textContent(), /No match\. detail\.amount/);
  await shoot(page, 'rule', RULE_TABS, 'rule-panel');

  // PutEvents from the bus's composer: the rule matches and the queue receives it.
  await page.getByTestId('events-item').filter({ hasText: /^orders/ }).first().click();
  await page.getByTestId('bus-tab-send').click();
  await page.getByTestId('put-events').click();
  assert.match(await page.getByTestId('put-events-matched').textContent(), /Matched: large-orders \(1 target\)/);
  await page.getByTestId('queue-item').filter({ hasText: '1 visible' }).waitFor();

  // The rule's metrics count it: triggered once, one invocation, no failure.
  await page.getByTestId('events-item').filter({ hasText: 'orders › large-orders' }).click();
  await page.getByTestId('rule-tab-details').click();
  const metric = (name) => page.locator(`[data-testid=rule-metric][data-metric=${name}] td.num`).textContent();
  assert.equal(await metric('TriggeredRules'), '1');
  assert.equal(await metric('Invocations'), '1');
  assert.equal(await metric('FailedInvocations'), '0');
  await page.getByTestId('events-item').filter({ hasText: /^orders/ }).first().click();

  // The diagram draws the bus, the rule and its queue target.
  await page.locator('[data-testid=diagram-node][data-kind=bus][data-name=orders]').waitFor();
  await page.locator('[data-testid=diagram-node][data-kind=rule][data-name=large-orders]').waitFor();
  assert.equal(await page.locator('[data-testid=diagram-edge][data-kind=target]').count(), 1);
  await shoot(page, 'bus', BUS_TABS, 'bus-panel');
  await page.screenshot({ path: path.join(ARTIFACTS, 'eventbridge-screen-1440.png') });
  await page.context().close();
});

test('a scheduled rule on the default bus shows its next firings', async () => {
  const page = await env.openPage(env.base, { viewport: { width: 1440, height: 900 } });
  await page.getByTestId('events-item').filter({ hasText: 'default' }).click();
  await page.getByTestId('bus-tab-rules').click();
  await page.getByTestId('new-rule-name').fill('every-5');
  await page.getByTestId('new-rule-schedule-kind').check();
  await page.getByTestId('new-rule-schedule').fill('rate(5 minute)');
  assert.match(await page.getByTestId('new-rule-schedule-preview').textContent(), /not valid/i);
  await page.getByTestId('new-rule-schedule').fill('rate(5 minutes)');
  assert.equal(await page.getByTestId('new-rule-schedule-preview').locator('li').count(), 5);
  await page.getByTestId('create-rule').click();
  await page.getByTestId('rule-panel').waitFor();
  const firings = await page.getByTestId('rule-next-firings').locator('li').allTextContents();
  assert.equal(firings.length, 5);
  assert.match(firings[0], /T00:05:00/);
  await page.context().close();
});

test('the routing example steps onto its bus and rules', async () => {
  const page = await env.openPage(env.base, { viewport: { width: 1440, height: 900 } });
  await page.getByTestId('examples').selectOption('eventbridge-routing');
  await page.getByTestId('story-end').click();
  await page.getByTestId('story-position').filter({ hasText: 'the end' }).waitFor();
  await page.getByTestId('events-item').filter({ hasText: 'orders › small-orders' }).click();
  await page.getByTestId('rule-panel').waitFor();
  assert.match(await page.getByTestId('rule-pattern').inputValue(), /"numeric"/);
  await page.context().close();
});

test('a schedule made in the page shows its next firings in its time zone and fires into a queue', async () => {
  const page = await env.openPage(env.base, { viewport: { width: 1440, height: 900 } });
  await page.getByTestId('new-queue-name').fill('reports');
  await page.getByTestId('create-queue').click();
  await page.getByTestId('new-schedule-name').fill('nightly');
  await page.getByTestId('new-schedule-expression').fill('cron(0 9 * * ? *)');
  await page.getByTestId('new-schedule-zone').selectOption('Asia/Tokyo');
  await page.getByTestId('create-schedule').click();
  await page.getByTestId('schedule-panel').waitFor();
  const firings = await page.getByTestId('schedule-next-firings').locator('li').allTextContents();
  assert.equal(firings.length, 5);
  // 09:00 in Tokyo (UTC+9, no daylight saving) is midnight UTC.
  assert.match(firings[0], /^2026-01-01T00:00:00\.000Z · 2026-01-01T09:00:00\.000 Asia\/Tokyo/);
  await page.getByTestId('schedule-panel').screenshot({ path: path.join(ARTIFACTS, 'inspector-schedule-1440.png') });
  // Next event moves virtual time to the firing: the queue receives the invocation.
  await page.getByTestId('step-next').click();
  await page.getByTestId('queue-item').filter({ hasText: '1 visible' }).waitFor();
  assert.match(await page.getByTestId('clock').textContent(), /00:00/);
  // A bad expression is refused with AWS's words and changes nothing.
  await page.getByTestId('new-schedule-name').fill('broken');
  await page.getByTestId('new-schedule-expression').fill('every day');
  await page.getByTestId('create-schedule').click();
  assert.match(await page.getByTestId('create-schedule-error').textContent(), /ValidationException/);
  assert.equal(await page.getByTestId('schedule-item').count(), 1);
  await page.context().close();
});

test('a partner offers a source, the account associates it, and events from the partner reach the partner bus', async () => {
  const page = await env.openPage(env.base, { viewport: { width: 1440, height: 900 } });
  await page.getByTestId('partner-sources').locator('summary').click();
  await page.getByTestId('offer-source').click();
  await page.getByTestId('partner-source').filter({ hasText: 'PENDING' }).waitFor();
  await page.getByTestId('partner-source-action').click();
  await page.getByTestId('bus-panel').waitFor();
  await page.getByTestId('events-item').filter({ hasText: 'aws.partner/acme.com/123/orders' }).waitFor();
  await page.getByTestId('partner-send').click();
  assert.match(await page.getByTestId('partner-send-result').textContent(), /^Accepted: EventId /);
  await page.getByTestId('timeline').filter({ hasText: 'EventPut' }).waitFor();
  await page.context().close();
});

test('an API destination calls a simulated HTTP endpoint, retried after a 503, with the request in its log', async () => {
  const page = await env.openPage(env.base, { viewport: { width: 1440, height: 900 } });
  await page.getByTestId('endpoint-fail-first').first().fill('1');
  await page.getByTestId('put-endpoint').click();
  await page.getByTestId('endpoint-panel').waitFor();
  await page.getByTestId('api-destinations').locator('summary').click();
  await page.getByTestId('create-connection').click();
  await page.getByTestId('connection-row').filter({ hasText: 'AUTHORIZED' }).waitFor();
  await page.getByTestId('create-api-destination').click();
  await page.getByTestId('api-destination-row').filter({ hasText: 'orders-webhook' }).waitFor();
  // A rule on the default bus sends Order Placed events to the API destination.
  await page.getByTestId('events-item').filter({ hasText: 'default' }).click();
  await page.getByTestId('bus-tab-rules').click();
  await page.getByTestId('new-rule-name').fill('to-webhook');
  await page.getByTestId('create-rule').click();
  await page.getByTestId('rule-tab-targets').click();
  const arn = await page.getByTestId('new-target-arn').locator('option', { hasText: 'API destination orders-webhook' }).getAttribute('value');
  await page.getByTestId('new-target-arn').selectOption(arn);
  await page.getByTestId('add-target').click();
  await page.getByTestId('target-row').waitFor();
  await page.getByTestId('events-item').filter({ hasText: 'default' }).first().click();
  await page.getByTestId('bus-tab-send').click();
  await page.getByTestId('put-events').click();
  assert.match(await page.getByTestId('put-events-matched').textContent(), /to-webhook/);
  // The first request gets the 503; the retry, later in virtual time, gets the 200.
  await page.getByTestId('endpoint-item').click();
  for (let i = 0; i < 6 && (await page.getByTestId('endpoint-request').count()) < 2; i++) {
    await page.getByTestId('step-next').click();
  }
  const requests = await page.getByTestId('endpoint-request').locator('summary').allTextContents();
  assert.equal(requests.length, 2);
  assert.match(requests[1], /POST → 503/);
  assert.match(requests[0], /POST → 200/);
  await page.getByTestId('endpoint-panel').screenshot({ path: path.join(ARTIFACTS, 'inspector-endpoint-1440.png') });
  await page.context().close();
});

test('no console errors were logged during the run', () => {
  assert.deepEqual(env.consoleErrors, []);
});
