//! The AWS SDK for JavaScript v3 shim: one table row per client package.
//!
//! Each row becomes a built-in module exporting the bare client
//! (`SQSClient`), one command class per action (`SendMessageCommand`), the
//! aggregated client (`SQS`, with `sendMessage(input)` methods) and the
//! service exception base class. `client.send(command)` turns into a
//! [`super::HostCall`] (`sqs:SendMessage` + input) and its promise settles
//! with the host's answer: the output plus `$metadata`, or an error whose
//! `name` is the AWS error code, as the real SDK does. Adding a service is
//! adding a row.

/// One `@aws-sdk/client-*` package.
#[derive(Debug, Clone, Copy)]
pub struct SdkClient {
    pub package: &'static str,
    /// Bare client class name without `Client` (`SQS`).
    pub name: &'static str,
    /// The `World::call` prefix (`sqs`).
    pub service: &'static str,
    /// Exception base class (`SQSServiceException`).
    pub exception: &'static str,
    /// Whether Stratus simulates this service; if not, `send` rejects.
    pub simulated: bool,
    pub actions: &'static [&'static str],
    /// JavaScript `{ input(action, input), output(action, output) }` for members the SDK
    /// carries as bytes (Lambda's Invoke Payload), or "" when the JSON passes through as is.
    pub blobs: &'static str,
}

/// Lambda's Invoke Payload: bytes (or text) in, a `Uint8Array` with `transformToString()` out.
const LAMBDA_BLOBS: &str = r#"{
  input(action, input) {
    if (action === 'Invoke' && input.Payload != null && typeof input.Payload !== 'string') {
      return Object.assign({}, input, { Payload: Buffer.from(input.Payload).toString('utf8') });
    }
    return input;
  },
  output(action, out) {
    if (action === 'Invoke' && 'Payload' in out) {
      const bytes = new Uint8Array(Buffer.from(JSON.stringify(out.Payload)));
      bytes.transformToString = function (encoding) { return Buffer.from(this).toString(encoding || 'utf8'); };
      return Object.assign({}, out, { Payload: bytes });
    }
    return out;
  }
}"#;

pub const CLIENTS: &[SdkClient] = &[
    SdkClient {
        package: "@aws-sdk/client-sqs",
        name: "SQS",
        service: "sqs",
        exception: "SQSServiceException",
        simulated: true,
        actions: &[
            "AddPermission",
            "CancelMessageMoveTask",
            "ChangeMessageVisibility",
            "ChangeMessageVisibilityBatch",
            "CreateQueue",
            "DeleteMessage",
            "DeleteMessageBatch",
            "DeleteQueue",
            "GetQueueAttributes",
            "GetQueueUrl",
            "ListDeadLetterSourceQueues",
            "ListMessageMoveTasks",
            "ListQueueTags",
            "ListQueues",
            "PurgeQueue",
            "ReceiveMessage",
            "RemovePermission",
            "SendMessage",
            "SendMessageBatch",
            "SetQueueAttributes",
            "StartMessageMoveTask",
            "TagQueue",
            "UntagQueue",
        ],
        blobs: "",
    },
    SdkClient {
        package: "@aws-sdk/client-lambda",
        name: "Lambda",
        service: "lambda",
        exception: "LambdaServiceException",
        simulated: true,
        actions: &[
            "AddPermission",
            "CreateAlias",
            "CreateEventSourceMapping",
            "CreateFunction",
            "DeleteAlias",
            "DeleteEventSourceMapping",
            "DeleteFunction",
            "DeleteFunctionConcurrency",
            "DeleteFunctionEventInvokeConfig",
            "GetAccountSettings",
            "GetAlias",
            "GetEventSourceMapping",
            "GetFunction",
            "GetFunctionConcurrency",
            "GetFunctionConfiguration",
            "GetFunctionEventInvokeConfig",
            "GetFunctionRecursionConfig",
            "GetPolicy",
            "Invoke",
            "ListAliases",
            "ListEventSourceMappings",
            "ListFunctionEventInvokeConfigs",
            "ListFunctions",
            "ListTags",
            "ListVersionsByFunction",
            "PublishVersion",
            "PutFunctionConcurrency",
            "PutFunctionEventInvokeConfig",
            "PutFunctionRecursionConfig",
            "RemovePermission",
            "TagResource",
            "UntagResource",
            "UpdateAlias",
            "UpdateEventSourceMapping",
            "UpdateFunctionCode",
            "UpdateFunctionConfiguration",
            "UpdateFunctionEventInvokeConfig",
        ],
        blobs: LAMBDA_BLOBS,
    },
    SdkClient {
        package: "@aws-sdk/client-s3",
        name: "S3",
        service: "s3",
        exception: "S3ServiceException",
        simulated: false,
        actions: &[
            "CreateBucket",
            "DeleteObject",
            "GetObject",
            "HeadObject",
            "ListBuckets",
            "ListObjectsV2",
            "PutObject",
        ],
        blobs: "",
    },
    SdkClient {
        package: "@aws-sdk/client-dynamodb",
        name: "DynamoDB",
        service: "dynamodb",
        exception: "DynamoDBServiceException",
        simulated: false,
        actions: &[
            "BatchGetItem",
            "BatchWriteItem",
            "CreateTable",
            "DeleteItem",
            "GetItem",
            "PutItem",
            "Query",
            "Scan",
            "UpdateItem",
        ],
        blobs: "",
    },
];

/// The SDK row for a module specifier, if any.
pub fn client(package: &str) -> Option<&'static SdkClient> {
    CLIENTS.iter().find(|c| c.package == package)
}

/// JavaScript source of a factory `(hostCall, uuid) => exports` for a client.
pub fn factory_source(c: &SdkClient) -> String {
    let actions = serde_json::to_string(c.actions).unwrap_or_else(|_| "[]".to_string());
    let blobs = if c.blobs.is_empty() {
        "{ input: (a, i) => i, output: (a, o) => o }"
    } else {
        c.blobs
    };
    format!(
        r#"(function (hostCall, uuid) {{
  'use strict';
  const ACTIONS = {actions};
  const SERVICE = {service:?};
  const SIMULATED = {simulated};
  const BLOBS = {blobs};
  class {exception} extends Error {{
    constructor(opts) {{ super(opts.message); this.name = opts.name; this.$fault = opts.$fault; this.$metadata = opts.$metadata; }}
  }}
  class {name}Client {{
    constructor(config) {{
      this.config = Object.assign({{ region: process.env.AWS_REGION }}, config || {{}});
      this.middlewareStack = {{ add() {{}}, use() {{}}, remove() {{}} }};
    }}
    send(command, options, cb) {{
      if (typeof options === 'function') cb = options;
      const action = command && command.constructor && command.constructor.__action;
      let p;
      if (!action) p = Promise.reject(new TypeError('{name}Client.send expects a command object, e.g. new SendMessageCommand(input)'));
      else if (!SIMULATED) {{
        const e = new Error('Stratus does not simulate ' + SERVICE + ' yet: ' + '{name}Client' + ' cannot send ' + action + 'Command');
        e.name = 'UnknownService';
        p = Promise.reject(e);
      }} else {{
        p = hostCall(SERVICE, action, BLOBS.input(action, command.input)).then(
          (out) => Object.assign({{}}, BLOBS.output(action, out), {{ $metadata: {{ httpStatusCode: 200, requestId: uuid(), attempts: 1, totalRetryDelay: 0 }} }}),
          (err) => {{
            throw new {exception}({{ name: err.code, message: err.message, $fault: err.senderFault ? 'client' : 'server',
              $metadata: {{ httpStatusCode: err.httpStatus, requestId: uuid(), attempts: 1, totalRetryDelay: 0 }} }});
          }});
      }}
      if (typeof cb === 'function') {{ p.then((v) => cb(null, v), (e) => cb(e)); return undefined; }}
      return p;
    }}
    destroy() {{}}
  }}
  class {name} extends {name}Client {{}}
  const out = {{ {name}Client, {name}, {exception} }};
  for (const action of ACTIONS) {{
    const C = class {{ constructor(input) {{ this.input = input === undefined ? {{}} : input; }} }};
    Object.defineProperty(C, 'name', {{ value: action + 'Command' }});
    C.__action = action;
    out[action + 'Command'] = C;
    {name}.prototype[action[0].toLowerCase() + action.slice(1)] = function (input, options, cb) {{ return this.send(new C(input), options, cb); }};
  }}
  {waiters}
  return out;
}})"#,
        service = c.service,
        simulated = c.simulated,
        name = c.name,
        exception = c.exception,
        waiters = WAITERS_JS.replace("__WAITERS__", &crate::api::waiters::for_sdk(c.service)),
    )
}

/// `waitFor<Name>` and `waitUntil<Name>` for each of the service's waiters, as
/// @smithy/util-waiter runs them: poll the operation every `delay` seconds (virtual
/// time) until an acceptor matches or `maxWaitTime` runs out; an error no acceptor
/// expects means "try again". `waitUntil` throws on failure (and `TimeoutError`).
const WAITERS_JS: &str = r#"const WAITERS = __WAITERS__;
  const pathOf = (v, path) => path.split('.').reduce((o, k) => (o == null ? undefined : o[k]), v);
  const waitFor = async (name, params, input) => {
    const w = WAITERS[name];
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
  for (const name of Object.keys(WAITERS)) {
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
  }"#;
