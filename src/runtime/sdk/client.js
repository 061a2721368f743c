// The body of an `@aws-sdk/client-*` package's factory (see sdk/mod.rs, which
// puts `MODEL`, `HOOKS` and `ENUMS` before it, inside `function (hostCall,
// uuid, builtin)`): the bare client, one command class per operation of the
// model, the aggregated client, the service exception, the modelled errors
// and the enum objects (plain objects, as the SDK's are); `paginators.js` and
// `waiters.js` follow when the model has any, then `return out;`. A command
// of a simulated service is a host call (`sqs:SendMessage`); any other
// rejects at call time.
'use strict';
const NAME = MODEL.name;
const CLIENT = NAME + 'Client';
const EXCEPTION = NAME + 'ServiceException';
const metadata = (status) => ({ httpStatusCode: status, requestId: uuid(), extendedRequestId: undefined, cfId: undefined, attempts: 1, totalRetryDelay: 0 });
const named = (C, name) => Object.defineProperty(C, 'name', { value: name });

// @smithy/smithy-client's ServiceException, then the service's and the model's.
class ServiceException extends Error {
  constructor(options) {
    super(options.message);
    Object.setPrototypeOf(this, new.target.prototype);
    this.name = options.name;
    this.$fault = options.$fault;
    this.$metadata = options.$metadata;
  }
}
const Base = named(class extends ServiceException {}, EXCEPTION);
const out = { [CLIENT]: undefined, [NAME]: undefined, [EXCEPTION]: Base };
const ERRORS = {};
const modelled = (name, fault) => {
  const C = named(class extends Base {
    constructor(opts) { super(Object.assign({}, opts, { name, $fault: fault })); }
  }, name);
  ERRORS[name] = C;
  out[name] = C;
};
for (const name of MODEL.errors) modelled(name, 'client');
for (const name of MODEL.serverErrors) modelled(name, 'server');
for (const name of Object.keys(ENUMS)) if (!Object.prototype.hasOwnProperty.call(out, name)) out[name] = ENUMS[name];

// What a failed call rejects with: the modelled class of its type, or the
// service exception named by its code.
const failure = (err) => {
  const name = err.type || err.code;
  const opts = { name, message: err.message, $fault: err.senderFault ? 'client' : 'server', $metadata: metadata(err.httpStatus) };
  const C = ERRORS[name];
  const e = C ? new C(opts) : new Base(opts);
  if (MODEL.query) { e.Code = err.code; e.Type = err.senderFault ? 'Sender' : 'Receiver'; }
  return e;
};
const notSimulated = (what) => {
  const e = new Base({
    name: 'NotImplemented', $fault: 'server', $metadata: metadata(501),
    message: 'Stratus does not simulate ' + MODEL.sdkId + ' yet, so ' + what + ' cannot run (simulated: ' + MODEL.simulatedList + ')',
  });
  return Promise.reject(e);
};

const middlewareStack = () => ({ add() {}, addRelativeTo() {}, use() {}, remove() { return false; }, clone() { return middlewareStack(); } });
class Client {
  constructor(...[configuration]) {
    const config = Object.assign({}, configuration || {});
    const region = config.region === undefined ? process.env.AWS_REGION : config.region;
    config.region = typeof region === 'function' ? region : async () => region;
    this.config = config;
    this.middlewareStack = middlewareStack();
  }
  send(command, optionsOrCb, cb) {
    const callback = typeof optionsOrCb === 'function' ? optionsOrCb : cb;
    const p = this.__call(command);
    if (typeof callback === 'function') {
      p.then((v) => callback(null, v), (e) => callback(e)).catch(() => {});
      return undefined;
    }
    return p;
  }
  __call(command) {
    const action = command && command.constructor && command.constructor.__action;
    if (!action || command.constructor.__service !== MODEL.service) {
      return Promise.reject(new TypeError(CLIENT + '.send expects a command of ' + MODEL.package + ', e.g. new ' + MODEL.operations[0] + 'Command(input)'));
    }
    if (!MODEL.simulated) return notSimulated(action + 'Command');
    let call;
    // An input that is not JSON (a BigInt, a cycle) rejects, as serialising does in the SDK.
    try { call = hostCall(MODEL.service, action, HOOKS.input(action, command.input)); } catch (e) { return Promise.reject(e); }
    return call.then(
      (output) => {
        const status = HOOKS.status(action, output) || MODEL.statuses[action] || 200;
        return Object.assign({ $metadata: metadata(status) }, HOOKS.output(action, output));
      },
      (err) => { throw failure(err); });
  }
  destroy() {}
}
named(Client, CLIENT);
const Aggregated = named(class extends Client {}, NAME);
out[CLIENT] = Client;
out[NAME] = Aggregated;

for (const action of MODEL.operations) {
  const C = named(class {
    constructor(...[input]) { this.input = input === undefined ? {} : input; this.middlewareStack = middlewareStack(); }
    static getEndpointParameterInstructions() { return {}; }
  }, action + 'Command');
  C.__action = action;
  C.__service = MODEL.service;
  out[action + 'Command'] = C;
  // @smithy/smithy-client's createAggregatedClient.
  Aggregated.prototype[action[0].toLowerCase() + action.slice(1)] = async function (args, optionsOrCb, cb) {
    const command = new C(args);
    if (typeof optionsOrCb === 'function') this.send(command, optionsOrCb);
    else if (typeof cb === 'function') {
      if (typeof optionsOrCb !== 'object') throw new Error('Expected http options but got ' + typeof optionsOrCb);
      this.send(command, optionsOrCb || {}, cb);
    } else return this.send(command, optionsOrCb);
  };
}

// The value at a dotted path (a paginator's output token, a waiter's argument).
const pathOf = (v, path) => {
  let cursor = v;
  for (const step of path.split('.')) {
    if (!cursor || typeof cursor !== 'object') return undefined;
    cursor = cursor[step];
  }
  return cursor;
};
