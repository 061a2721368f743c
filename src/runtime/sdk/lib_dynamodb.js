// @aws-sdk/lib-dynamodb: the DynamoDB document client. Its commands take and
// return plain JavaScript values, marshalled (util-dynamodb) around the
// DynamoDB client's commands. The body of a factory `function (hostCall,
// uuid, builtin)` (see sdk/mod.rs).
'use strict';
const ddb = builtin('@aws-sdk/client-dynamodb');
const { marshall, unmarshall, convertToAttr, convertToNative, NumberValue } = builtin('@aws-sdk/util-dynamodb');

// Where attribute values sit in each command's input and output: 'map' is an
// attribute map (Item, Key), 'value' one attribute value, 'list' a list of
// them; `[spec]` is each element of an array, `{ '*': spec }` each value of
// a map, `{ Member: spec }` a member.
const COND = { '*': { Value: 'value', AttributeValueList: 'list' } };
const WRITTEN = { Attributes: 'map', ItemCollectionMetrics: { ItemCollectionKey: 'map' } };
const METRICS = { '*': [{ ItemCollectionKey: 'map' }] };
const PAGE = { Items: ['map'], LastEvaluatedKey: 'map' };
const WRITE_REQUEST = { PutRequest: { Item: 'map' }, DeleteRequest: { Key: 'map' } };
const COMMANDS = {
  Put: ['PutItem', { Item: 'map', ExpressionAttributeValues: 'map', Expected: COND }, WRITTEN],
  Get: ['GetItem', { Key: 'map' }, { Item: 'map' }],
  Delete: ['DeleteItem', { Key: 'map', ExpressionAttributeValues: 'map', Expected: COND }, WRITTEN],
  Update: ['UpdateItem', { Key: 'map', AttributeUpdates: { '*': { Value: 'value' } }, ExpressionAttributeValues: 'map', Expected: COND }, WRITTEN],
  Query: ['Query', { KeyConditions: COND, QueryFilter: COND, ExclusiveStartKey: 'map', ExpressionAttributeValues: 'map' }, PAGE],
  Scan: ['Scan', { ScanFilter: COND, ExclusiveStartKey: 'map', ExpressionAttributeValues: 'map' }, PAGE],
  BatchGet: ['BatchGetItem', { RequestItems: { '*': { Keys: ['map'] } } }, { Responses: { '*': ['map'] }, UnprocessedKeys: { '*': { Keys: ['map'] } } }],
  BatchWrite: ['BatchWriteItem', { RequestItems: { '*': [WRITE_REQUEST] } }, { UnprocessedItems: { '*': [WRITE_REQUEST] }, ItemCollectionMetrics: METRICS }],
  TransactGet: ['TransactGetItems', { TransactItems: [{ Get: { Key: 'map' } }] }, { Responses: [{ Item: 'map' }] }],
  TransactWrite: ['TransactWriteItems', { TransactItems: [{
    ConditionCheck: { Key: 'map', ExpressionAttributeValues: 'map' },
    Put: { Item: 'map', ExpressionAttributeValues: 'map' },
    Delete: { Key: 'map', ExpressionAttributeValues: 'map' },
    Update: { Key: 'map', ExpressionAttributeValues: 'map' },
  }] }, { ItemCollectionMetrics: METRICS }],
  ExecuteStatement: ['ExecuteStatement', { Parameters: 'list' }, PAGE],
  ExecuteTransaction: ['ExecuteTransaction', { TransactStatements: [{ Parameters: 'list' }] }, { Responses: [{ Item: 'map' }] }],
  BatchExecuteStatement: ['BatchExecuteStatement', { Statements: [{ Parameters: 'list' }] }, { Responses: [{ Error: { Item: 'map' }, Item: 'map' }] }],
};

const walk = (value, spec, on) => {
  if (value == null) return value;
  if (spec === 'map' || spec === 'value') return on[spec](value);
  if (spec === 'list') return value.map(on.value);
  if (Array.isArray(spec)) return Array.isArray(value) ? value.map((v) => walk(v, spec[0], on)) : value;
  if (typeof value !== 'object') return value;
  const out = Object.assign({}, value);
  if (spec['*']) {
    for (const key of Object.keys(out)) out[key] = walk(out[key], spec['*'], on);
    return out;
  }
  for (const key of Object.keys(spec)) if (key in out) out[key] = walk(out[key], spec[key], on);
  return out;
};

class DynamoDBDocumentClientCommand {}
const out = { DynamoDBDocumentClientCommand, NumberValue };
for (const [name, [operation, input, output]] of Object.entries(COMMANDS)) {
  const ClientCommand = ddb[operation + 'Command'];
  const C = class extends DynamoDBDocumentClientCommand {
    constructor(...[commandInput]) {
      super();
      this.input = commandInput;
      this.clientCommand = new ClientCommand(this.input);
      this.middlewareStack = this.clientCommand.middlewareStack;
    }
  };
  Object.defineProperty(C, 'name', { value: name + 'Command' });
  C.__doc = { ClientCommand, input, output };
  out[name + 'Command'] = C;
}

class DynamoDBDocumentClient {
  constructor(client, translateConfig) {
    this.config = client.config;
    this.config.translateConfig = translateConfig;
    this.middlewareStack = client.middlewareStack;
    Object.defineProperty(this, '__client', { value: client });
  }
  static from(client, translateConfig) { return new DynamoDBDocumentClient(client, translateConfig); }
  send(command, optionsOrCb, cb) {
    const callback = typeof optionsOrCb === 'function' ? optionsOrCb : cb;
    const p = this.__run(command, typeof optionsOrCb === 'object' ? optionsOrCb : undefined);
    if (typeof callback === 'function') {
      p.then((v) => callback(null, v), (e) => callback(e)).catch(() => {});
      return undefined;
    }
    return p;
  }
  async __run(command, options) {
    const doc = command && command.constructor && command.constructor.__doc;
    if (!doc) return this.__client.send(command, options);
    const translate = this.config.translateConfig || {};
    const marshallOptions = translate.marshallOptions || {};
    const unmarshallOptions = translate.unmarshallOptions || {};
    const input = walk(command.input, doc.input, {
      map: (v) => marshall(v, marshallOptions),
      value: (v) => convertToAttr(v, marshallOptions),
    });
    const answer = await this.__client.send(new doc.ClientCommand(input), options);
    return walk(answer, doc.output, {
      map: (v) => unmarshall(v, unmarshallOptions),
      value: (v) => convertToNative(v, unmarshallOptions),
    });
  }
  destroy() {}
}
class DynamoDBDocument extends DynamoDBDocumentClient {
  static from(client, translateConfig) { return new DynamoDBDocument(client, translateConfig); }
}
for (const name of Object.keys(COMMANDS)) {
  const C = out[name + 'Command'];
  DynamoDBDocument.prototype[name[0].toLowerCase() + name.slice(1)] = async function (args, optionsOrCb, cb) {
    const command = new C(args);
    if (typeof optionsOrCb === 'function') this.send(command, optionsOrCb);
    else if (typeof cb === 'function') {
      if (typeof optionsOrCb !== 'object') throw new Error('Expected http options but got ' + typeof optionsOrCb);
      this.send(command, optionsOrCb || {}, cb);
    } else return this.send(command, optionsOrCb);
  };
}
out.DynamoDBDocumentClient = DynamoDBDocumentClient;
out.DynamoDBDocument = DynamoDBDocument;

// paginateQuery and paginateScan, as @smithy/core's createPaginator runs them.
for (const name of ['Query', 'Scan']) {
  const Command = out[name + 'Command'];
  out['paginate' + name] = async function* paginateOperation(config, input, ...additionalArguments) {
    const _input = input;
    let token = config.startingToken ?? _input.ExclusiveStartKey;
    let hasNext = true;
    while (hasNext) {
      _input.ExclusiveStartKey = token;
      _input.Limit = _input.Limit ?? config.pageSize;
      if (!(config.client instanceof DynamoDBDocumentClient)) throw new Error('Invalid client, expected instance of DynamoDBDocumentClient');
      let command = new Command(input);
      command = (config.withCommand || ((c) => c))(command) ?? command;
      const page = await config.client.send(command, ...additionalArguments);
      yield page;
      const prevToken = token;
      token = page.LastEvaluatedKey;
      hasNext = !!(token && (!config.stopOnSameToken || token !== prevToken));
    }
    return undefined;
  };
}
return out;
