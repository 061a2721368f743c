//! Handlers as AWS's documentation and serverless patterns write them, imports
//! and all, run unmodified: what does not exist in Stratus yet (S3, DynamoDB,
//! the internet) fails at the call, as an AWS error the handler can catch.

use serde_json::json;

use super::tests::{config, run, T0};
use super::Environment;

fn env(source: &str, environment: &[(&str, &str)]) -> Environment {
    let mut c = config("index.handler", &[("index.mjs", source)]);
    c.runtime = "nodejs24.x".to_string();
    for (k, v) in environment {
        c.environment.insert(k.to_string(), v.to_string());
    }
    Environment::init(c, T0).expect("the handler loads as written")
}

#[test]
fn the_developer_guides_s3_receipt_handler_loads_and_fails_at_the_unsimulated_call() {
    let mut e = env(
        r#"import { S3Client, PutObjectCommand } from "@aws-sdk/client-s3";
const s3Client = new S3Client();
export const handler = async (event) => {
  const bucketName = process.env.RECEIPT_BUCKET;
  if (!bucketName) {
    throw new Error('RECEIPT_BUCKET environment variable is not set');
  }
  const receiptContent = `OrderID: ${event.order_id}\nAmount: $${event.amount.toFixed(2)}\nItem: ${event.item}`;
  const key = `receipts/${event.order_id}.txt`;
  try {
    await s3Client.send(new PutObjectCommand({ Bucket: bucketName, Key: key, Body: receiptContent }));
    return 'Success';
  } catch (error) {
    console.error(`Failed to process order: ${error.message}`);
    throw error;
  }
};"#,
        &[("RECEIPT_BUCKET", "receipts-bucket")],
    );
    let out = run(
        &mut e,
        json!({"order_id": "12345", "amount": 199.99, "item": "Wireless Headphones"}),
    );
    let err = out.result.unwrap_err();
    assert_eq!(err.error_type, "NotImplemented");
    assert!(err.error_message.contains("S3"), "{}", err.error_message);
    assert!(out
        .logs
        .iter()
        .any(|l| l.line.contains("Failed to process order:")));
}

#[test]
fn a_partial_batch_response_handler_reports_the_records_it_could_not_process() {
    let mut e = env(
        r#"export const handler = async (event, context) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      await processMessageAsync(record, context);
    } catch (error) {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
async function processMessageAsync(record, context) {
  if (record.body && record.body.includes("error")) {
    throw new Error("There is an error in the SQS Message.");
  }
  console.log(`Processed message: ${record.body}`);
}"#,
        &[],
    );
    let out = run(
        &mut e,
        json!({"Records": [{"messageId": "a", "body": "ok"}, {"messageId": "b", "body": "an error"}]}),
    );
    assert_eq!(
        out.result.unwrap(),
        json!({"batchItemFailures": [{"itemIdentifier": "b"}]})
    );
}

#[test]
fn an_api_handler_with_node_built_ins_answers_as_on_lambda() {
    let mut e = env(
        r#"import { createHmac, randomUUID } from 'node:crypto';
import { gzipSync, gunzipSync } from 'node:zlib';
import { writeFile, readFile } from 'node:fs/promises';
import path from 'node:path';
export const handler = async (event) => {
  let body;
  try {
    body = JSON.parse(event.body);
  } catch (err) {
    return { statusCode: 400, body: JSON.stringify({ message: err.message }) };
  }
  const params = new URLSearchParams(event.rawQueryString);
  const signature = createHmac('sha256', 'secret').update(event.body).digest('hex');
  const file = path.join('/tmp', `${params.get('name')}.json.gz`);
  await writeFile(file, gzipSync(Buffer.from(JSON.stringify(body))));
  const back = JSON.parse(gunzipSync(await readFile(file)).toString('utf8'));
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': randomUUID().length },
    body: JSON.stringify({ back, signature: signature.slice(0, 16), encoded: new TextEncoder().encode('hé').length }),
  };
};"#,
        &[],
    );
    let ok = run(
        &mut e,
        json!({"body": "{\"b\":1,\"a\":2}", "rawQueryString": "name=order&x=1"}),
    )
    .result
    .unwrap();
    assert_eq!(ok["statusCode"], 200);
    assert_eq!(ok["headers"]["X-Request-Id"], 36);
    let body: serde_json::Value = serde_json::from_str(ok["body"].as_str().unwrap()).unwrap();
    assert_eq!(
        serde_json::to_string(&body["back"]).unwrap(),
        r#"{"b":1,"a":2}"#,
        "keys keep their order through JSON, gzip and /tmp"
    );
    // HMAC-SHA256("secret", '{"b":1,"a":2}'), as Node computes it.
    assert_eq!(body["signature"].as_str().unwrap().len(), 16);
    assert_eq!(body["encoded"], 3);
    let bad = run(&mut e, json!({"body": "undefined"})).result.unwrap();
    assert_eq!(bad["statusCode"], 400);
    assert_eq!(
        bad["body"],
        r#"{"message":"\"undefined\" is not valid JSON"}"#
    );
}

#[test]
fn a_document_client_crud_handler_loads_and_answers_its_own_error_response() {
    let mut e = env(
        r#"import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
const client = new DynamoDBClient({});
const dynamo = DynamoDBDocumentClient.from(client);
const tableName = "http-crud-tutorial-items";
export const handler = async (event, context) => {
  let body;
  let statusCode = 200;
  const headers = { "Content-Type": "application/json" };
  try {
    switch (event.routeKey) {
      case "GET /items/{id}":
        body = await dynamo.send(new GetCommand({ TableName: tableName, Key: { id: event.pathParameters.id } }));
        body = body.Item;
        break;
      case "PUT /items":
        let requestJSON = JSON.parse(event.body);
        await dynamo.send(new PutCommand({ TableName: tableName, Item: { id: requestJSON.id, price: requestJSON.price, name: requestJSON.name } }));
        body = `Put item ${requestJSON.id}`;
        break;
      default:
        throw new Error(`Unsupported route: "${event.routeKey}"`);
    }
  } catch (err) {
    statusCode = 400;
    body = err.name;
  } finally {
    body = JSON.stringify(body);
  }
  return { statusCode, body, headers };
};"#,
        &[],
    );
    let out = run(
        &mut e,
        json!({"routeKey": "PUT /items", "body": "{\"id\":\"1\",\"price\":12,\"name\":\"x\"}"}),
    )
    .result
    .unwrap();
    assert_eq!(out["statusCode"], 400);
    assert_eq!(out["body"], "\"NotImplemented\"");
    let unsupported = run(&mut e, json!({"routeKey": "DELETE /x"}))
        .result
        .unwrap();
    assert_eq!(unsupported["body"], "\"Error\"");
}
