//! `@aws-sdk/util-dynamodb` and `@aws-sdk/lib-dynamodb` as the real packages
//! behave.

use serde_json::{json, Value};

use crate::runtime::tests::{config, done, esm, info, T0};
use crate::runtime::Environment;

fn result(body: &str) -> Value {
    let mut env = esm(body);
    done(env.invoke(&json!({}), &info("r"), T0)).result.unwrap()
}

#[test]
fn marshall_turns_values_into_attribute_values_and_unmarshall_turns_them_back() {
    let v = result(
        r#"
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
const item = { id: "a1", n: 42, f: 1.5, ok: true, none: null, list: ["x", 2], map: { deep: { s: "y" } },
  tags: new Set(["t1", "t2"]), nums: new Set([1, 2]), bytes: new Uint8Array([1, 2]) };
export const handler = async () => {
  const m = marshall(item);
  const back = unmarshall(m);
  return { m: { ...m, bytes: { B: Array.from(m.bytes.B) } },
    back: { ...back, tags: [...back.tags], nums: [...back.nums], bytes: Array.from(back.bytes), setKind: back.tags.constructor.name } };
};"#,
    );
    assert_eq!(
        v["m"],
        json!({
            "id": {"S": "a1"}, "n": {"N": "42"}, "f": {"N": "1.5"}, "ok": {"BOOL": true}, "none": {"NULL": true},
            "list": {"L": [{"S": "x"}, {"N": "2"}]}, "map": {"M": {"deep": {"M": {"s": {"S": "y"}}}}},
            "tags": {"SS": ["t1", "t2"]}, "nums": {"NS": ["1", "2"]}, "bytes": {"B": [1, 2]}
        })
    );
    assert_eq!(
        v["back"],
        json!({
            "id": "a1", "n": 42, "f": 1.5, "ok": true, "none": null, "list": ["x", 2], "map": {"deep": {"s": "y"}},
            "tags": ["t1", "t2"], "nums": [1, 2], "bytes": [1, 2], "setKind": "Set"
        })
    );
}

#[test]
fn marshall_options_and_errors_are_the_packages() {
    let v = result(
        r#"
import { marshall, convertToAttr, convertToNative, unmarshall, NumberValue } from "@aws-sdk/util-dynamodb";
class Point { constructor() { this.x = 1; } }
const error = (f) => { try { f(); return null; } catch (e) { return e.message; } };
export const handler = async () => ({
  undef: error(() => marshall({ a: undefined })),
  removed: marshall({ a: undefined, b: 1, l: [1, undefined] }, { removeUndefinedValues: true }),
  empty: marshall({ s: "", set: new Set() }, { convertEmptyValues: true }),
  emptySet: error(() => marshall({ set: new Set() })),
  instance: error(() => marshall({ p: new Point() })),
  instanceMap: marshall({ p: new Point() }, { convertClassInstanceToMap: true }),
  top: marshall({ a: 1 }, { convertTopLevelContainer: true }),
  scalar: convertToAttr("s"),
  big: error(() => marshall({ n: 2 ** 60 })),
  nan: error(() => marshall({ n: NaN })),
  wrapped: unmarshall({ n: { N: "12345678901234567890" } }, { wrapNumbers: true }).n.toString(),
  wrappedKind: unmarshall({ n: { N: "1" } }, { wrapNumbers: true }).n instanceof NumberValue,
  bigint: typeof unmarshall({ n: { N: "12345678901234567890" } }).n,
  native: convertToNative({ L: [{ N: "1" }, { S: "a" }] }),
  noValue: error(() => convertToNative({})),
  map: marshall(new Map([["k", "v"]])),
});"#,
    );
    let undefined_message =
        "Pass options.removeUndefinedValues=true to remove undefined values from map/array/set.";
    assert_eq!(
        v,
        json!({
            "undef": undefined_message,
            "removed": {"b": {"N": "1"}, "l": {"L": [{"N": "1"}]}},
            "empty": {"s": {"NULL": true}, "set": {"NULL": true}},
            "emptySet": "Pass a non-empty set, or options.convertEmptyValues=true.",
            "instance": "Unsupported type passed: [object Object]. Pass options.convertClassInstanceToMap=true to marshall typeof object as map attribute.",
            "instanceMap": {"p": {"M": {"x": {"N": "1"}}}},
            "top": {"M": {"a": {"N": "1"}}},
            "scalar": {"S": "s"},
            "big": "Number 1152921504606847000 is greater than Number.MAX_SAFE_INTEGER. Use BigInt. ",
            "nan": "Special numeric value NaN is not allowed",
            "wrapped": "12345678901234567890",
            "wrappedKind": true,
            "bigint": "bigint",
            "native": [1, "a"],
            "noValue": "No value defined: {}",
            "map": {"k": {"S": "v"}},
        })
    );
}

/// A DynamoDB client whose `send` records the low-level command and answers
/// as DynamoDB would (DynamoDB itself is not simulated yet).
const RECORDING_CLIENT: &str = r#"
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
const sent = [];
const client = new DynamoDBClient({});
client.send = async (command) => {
  sent.push([command.constructor.name, command.input]);
  const answers = {
    GetItemCommand: { Item: { id: { S: "a" }, n: { N: "1" } } },
    QueryCommand: { Items: [{ id: { S: "a" } }], Count: 1, LastEvaluatedKey: { id: { S: "a" } } },
    PutItemCommand: { Attributes: { id: { S: "old" } } },
  };
  return Object.assign({ $metadata: { httpStatusCode: 200 } }, answers[command.constructor.name] || {});
};
"#;

#[test]
fn the_document_client_marshalls_inputs_and_unmarshalls_outputs_around_dynamodb() {
    let v = result(&format!(
        r#"{RECORDING_CLIENT}
import {{ DynamoDBDocumentClient, DynamoDBDocument, PutCommand, GetCommand, QueryCommand, BatchWriteCommand, TransactWriteCommand }} from "@aws-sdk/lib-dynamodb";
export const handler = async () => {{
  const doc = DynamoDBDocumentClient.from(client, {{ marshallOptions: {{ removeUndefinedValues: true }} }});
  const put = await doc.send(new PutCommand({{ TableName: "t", Item: {{ id: "a", gone: undefined, tags: new Set(["x"]) }}, ReturnValues: "ALL_OLD" }}));
  const got = await doc.send(new GetCommand({{ TableName: "t", Key: {{ id: "a" }} }}));
  const queried = await DynamoDBDocument.from(client).query({{ TableName: "t", KeyConditionExpression: "id = :id", ExpressionAttributeValues: {{ ":id": "a", ":m": {{ k: 1 }} }} }});
  await doc.send(new BatchWriteCommand({{ RequestItems: {{ t: [{{ PutRequest: {{ Item: {{ id: "b" }} }} }}, {{ DeleteRequest: {{ Key: {{ id: "c" }} }} }}] }} }}));
  await doc.send(new TransactWriteCommand({{ TransactItems: [{{ Update: {{ TableName: "t", Key: {{ id: "a" }}, UpdateExpression: "SET n = :n", ExpressionAttributeValues: {{ ":n": 2 }} }} }}] }}));
  return {{ sent, put: put.Attributes, got: got.Item, status: got.$metadata.httpStatusCode, queried: [queried.Items, queried.LastEvaluatedKey, queried.Count] }};
}};"#
    ));
    assert_eq!(
        v["sent"],
        json!([
            ["PutItemCommand", {"TableName": "t", "Item": {"id": {"S": "a"}, "tags": {"SS": ["x"]}}, "ReturnValues": "ALL_OLD"}],
            ["GetItemCommand", {"TableName": "t", "Key": {"id": {"S": "a"}}}],
            ["QueryCommand", {"TableName": "t", "KeyConditionExpression": "id = :id",
                "ExpressionAttributeValues": {":id": {"S": "a"}, ":m": {"M": {"k": {"N": "1"}}}}}],
            ["BatchWriteItemCommand", {"RequestItems": {"t": [{"PutRequest": {"Item": {"id": {"S": "b"}}}}, {"DeleteRequest": {"Key": {"id": {"S": "c"}}}}]}}],
            ["TransactWriteItemsCommand", {"TransactItems": [{"Update": {"TableName": "t", "Key": {"id": {"S": "a"}},
                "UpdateExpression": "SET n = :n", "ExpressionAttributeValues": {":n": {"N": "2"}}}}]}],
        ])
    );
    assert_eq!(v["put"], json!({"id": "old"}));
    assert_eq!(v["got"], json!({"id": "a", "n": 1}));
    assert_eq!(v["status"], json!(200));
    assert_eq!(v["queried"], json!([[{"id": "a"}], {"id": "a"}, 1]));
}

#[test]
fn the_document_client_over_the_unsimulated_dynamodb_rejects_with_the_services_error() {
    let files = [(
        "index.js",
        r#"const { DynamoDBClient, DynamoDBServiceException } = require("@aws-sdk/client-dynamodb");
const { DynamoDBDocumentClient, PutCommand, paginateQuery } = require("@aws-sdk/lib-dynamodb");
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
exports.handler = async () => {
  const e = await doc.send(new PutCommand({ TableName: "t", Item: { id: "a" } })).catch((e) => e);
  let pages = 0, invalid;
  try { for await (const p of paginateQuery({ client: new DynamoDBClient({}) }, { TableName: "t" })) pages++; } catch (err) { invalid = err.message; }
  return [e.name, e instanceof DynamoDBServiceException, e.message.includes("PutItemCommand"), invalid];
};"#,
    )];
    let mut env = Environment::init(config("index.handler", &files), T0).unwrap();
    let v = done(env.invoke(&json!({}), &info("r"), T0)).result.unwrap();
    assert_eq!(
        v,
        json!([
            "NotImplemented",
            true,
            true,
            "Invalid client, expected instance of DynamoDBDocumentClient"
        ])
    );
}
