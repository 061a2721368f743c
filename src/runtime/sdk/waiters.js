// Waiters of a client package (see client.js), as @smithy/util-waiter
// runs them: poll the operation every `delay` seconds (virtual time) until an acceptor matches or `maxWaitTime`
// runs out; an error no acceptor expects means "try again". `waitUntil`
// throws on failure (and `TimeoutError`).
const waitFor = async (name, params, input) => {
  const w = MODEL.waiters[name];
  const client = params && params.client;
  if (!client) throw new Error('client is required for ' + name);
  const maxWait = params.maxWaitTime;
  if (!(maxWait > 0)) throw new Error('WaiterConfiguration.maxWaitTime must be greater than 0');
  const delay = Math.max(1, params.minDelay || w.delay);
  const until = Date.now() + maxWait * 1000;
  const Command = out[w.operation + 'Command'];
  for (;;) {
    let answer, error;
    try { answer = await client.send(new Command(input)); } catch (e) { error = e; }
    let state = 'retry';
    for (const a of w.acceptors) {
      const hit = a.matcher === 'path' ? (error === undefined && String(pathOf(answer, a.argument)) === a.expected)
        : a.matcher === 'error' ? (a.expected === false ? error === undefined : a.expected === true ? error !== undefined : !!error && error.name === a.expected)
        : false;
      if (hit) { state = a.state; break; }
    }
    const reason = error === undefined ? answer : error;
    if (state === 'success') return { state: 'SUCCESS', reason };
    if (state === 'failure') return { state: 'FAILURE', reason };
    if (Date.now() + delay * 1000 > until) return { state: 'TIMEOUT', reason };
    await new Promise((r) => setTimeout(r, delay * 1000));
  }
};
for (const [name, op] of MODEL.waiterNames) {
  if (!MODEL.simulated || !MODEL.waiters[name]) {
    const reject = async () => notSimulated('the waiter ' + name + ' (polling ' + op + ')');
    out['waitFor' + name] = reject;
    out['waitUntil' + name] = reject;
    continue;
  }
  out['waitFor' + name] = (params, input) => waitFor(name, params, input);
  out['waitUntil' + name] = async (params, input) => {
    const result = await waitFor(name, params, input);
    if (result.state === 'TIMEOUT') {
      const e = new Error(JSON.stringify(Object.assign({}, result, { reason: 'Waiter has timed out' })));
      e.name = 'TimeoutError';
      throw e;
    }
    if (result.state !== 'SUCCESS') throw new Error(JSON.stringify(result));
    return result;
  };
}
