//! `@aws-sdk/client-*` packages as a handler uses them: commands from the
//! models, `send` and the aggregated clients, `$metadata`, modelled errors,
//! unsimulated services, paginators and waiters.

use serde_json::{json, Value};

use crate::runtime::tests::{config, done, esm, info, T0};
use crate::runtime::{Environment, HostCall, HostError, HostResult, Outcome, Step};

/// Invokes and answers every host call with `answer` until the invocation
/// ends; returns the outcome and the calls made, in order.
fn drive(
    env: &mut Environment,
    answer: impl Fn(&HostCall) -> Result<Value, HostError>,
) -> (Outcome, Vec<HostCall>) {
    let mut seen = Vec::new();
    let mut step = env.invoke(&json!({}), &info("r"), T0);
    let mut now = T0;
    loop {
        match step {
            Step::Done(out) => return (out, seen),
            Step::Suspended {
                wake_at,
                host_calls,
            } => {
                now = if host_calls.is_empty() {
                    wake_at.expect("a wake-up")
                } else {
                    now + 10
                };
                let results = host_calls
                    .iter()
                    .map(|c| HostResult {
                        id: c.id,
                        result: answer(c),
                    })
                    .collect();
                seen.extend(host_calls);
                step = env.resume(now, results);
            }
        }
    }
}

fn result(env: &mut Environment) -> Value {
    done(env.invoke(&json!({}), &info("r"), T0)).result.unwrap()
}

fn no_queue() -> HostError {
    HostError {
        code: "AWS.SimpleQueueService.NonExistentQueue".into(),
        type_name: "QueueDoesNotExist".into(),
        message: "The specified queue does not exist.".into(),
        sender_fault: true,
        http_status: 400,
    }
}

#[test]
fn a_client_package_exports_every_command_of_the_model_with_esm_and_require() {
    let mut env = esm(r#"
import * as sqs from "@aws-sdk/client-sqs";
import { SQSClient, StartMessageMoveTaskCommand, SQS, SQSServiceException, QueueDoesNotExist } from "@aws-sdk/client-sqs";
export const handler = async () => ({
  commands: Object.keys(sqs).filter((k) => k.endsWith("Command")).length,
  names: [SQSClient.name, SQS.name, SQSServiceException.name, QueueDoesNotExist.name, StartMessageMoveTaskCommand.name],
  paginators: Object.keys(sqs).filter((k) => k.startsWith("paginate")).sort(),
  input: new StartMessageMoveTaskCommand({ SourceArn: "a" }).input,
  aggregated: typeof new SQS({}).startMessageMoveTask,
});"#);
    assert_eq!(
        result(&mut env),
        json!({
            "commands": 23,
            "names": ["SQSClient", "SQS", "SQSServiceException", "QueueDoesNotExist", "StartMessageMoveTaskCommand"],
            "paginators": ["paginateListDeadLetterSourceQueues", "paginateListQueues"],
            "input": {"SourceArn": "a"},
            "aggregated": "function",
        })
    );
    let files = [(
        "index.js",
        r#"const { CloudWatchLogsClient, FilterLogEventsCommand } = require("@aws-sdk/client-cloudwatch-logs");
const { SFNClient, StartExecutionCommand } = require("@aws-sdk/client-sfn");
const { EventBridgeClient, PutEventsCommand } = require("node:process") && require("@aws-sdk/client-eventbridge");
exports.handler = async () => [CloudWatchLogsClient.name, typeof FilterLogEventsCommand, SFNClient.name, typeof StartExecutionCommand, EventBridgeClient.name, typeof PutEventsCommand];"#,
    )];
    let mut env = Environment::init(config("index.handler", &files), T0).unwrap();
    assert_eq!(
        result(&mut env),
        json!([
            "CloudWatchLogsClient",
            "function",
            "SFNClient",
            "function",
            "EventBridgeClient",
            "function"
        ])
    );
}

#[test]
fn an_unknown_client_package_is_not_found_as_node_reports_it() {
    let files = [(
        "index.mjs",
        r#"import { X } from "@aws-sdk/client-no-such-service"; export const handler = async () => X;"#,
    )];
    let err = Environment::init(config("index.handler", &files), T0)
        .err()
        .expect("init fails");
    assert!(
        format!("{err:?}").contains("Cannot find package '@aws-sdk/client-no-such-service'"),
        "{err:?}"
    );
}

#[test]
fn send_and_the_aggregated_client_resolve_with_the_output_and_metadata() {
    let mut env = esm(r#"
import { SQS, ListQueuesCommand } from "@aws-sdk/client-sqs";
import { LambdaClient, CreateFunctionCommand } from "@aws-sdk/client-lambda";
const sqs = new SQS({ region: "eu-west-1" });
export const handler = async () => {
  const a = await sqs.listQueues({ QueueNamePrefix: "q" });
  const b = await sqs.send(new ListQueuesCommand({}));
  const c = await new Promise((resolve, reject) => sqs.listQueues({}, (err, data) => err ? reject(err) : resolve(data)));
  const created = await new LambdaClient({}).send(new CreateFunctionCommand({ FunctionName: "f" }));
  const pending = sqs.send(new ListQueuesCommand({ MaxResults: 1n }));
  const unserialisable = await pending.then(() => "resolved", () => "rejected");
  return { a, keys: Object.keys(b), meta: Object.keys(b.$metadata), c: c.QueueUrls, created: created.$metadata.httpStatusCode,
    unserialisable, region: await sqs.config.region(), requestId: /^[0-9a-f-]{36}$/.test(a.$metadata.requestId) };
};"#);
    let (out, calls) = drive(&mut env, |c| match c.action.as_str() {
        "ListQueues" => Ok(json!({"QueueUrls": ["u"]})),
        _ => Ok(json!({"FunctionName": "f"})),
    });
    let targets: Vec<String> = calls.iter().map(HostCall::target).collect();
    assert_eq!(
        targets,
        [
            "sqs:ListQueues",
            "sqs:ListQueues",
            "sqs:ListQueues",
            "lambda:CreateFunction"
        ]
    );
    assert_eq!(calls[0].input, json!({"QueueNamePrefix": "q"}));
    let v = out.result.unwrap();
    assert_eq!(v["a"]["QueueUrls"], json!(["u"]));
    assert_eq!(
        v["a"]["$metadata"],
        json!({"httpStatusCode": 200, "requestId": v["a"]["$metadata"]["requestId"], "attempts": 1, "totalRetryDelay": 0})
    );
    assert_eq!(v["keys"], json!(["$metadata", "QueueUrls"]));
    assert_eq!(
        v["meta"],
        json!([
            "httpStatusCode",
            "requestId",
            "extendedRequestId",
            "cfId",
            "attempts",
            "totalRetryDelay"
        ])
    );
    assert_eq!(v["c"], json!(["u"]));
    assert_eq!(v["unserialisable"], json!("rejected"));
    assert_eq!(v["created"], json!(201));
    assert_eq!(v["region"], json!("eu-west-1"));
    assert_eq!(v["requestId"], json!(true));
}

#[test]
fn a_modelled_error_is_an_instance_of_its_class_with_fault_metadata_and_query_code() {
    let mut env = esm(r#"
import { SQSClient, GetQueueUrlCommand, QueueDoesNotExist, SQSServiceException } from "@aws-sdk/client-sqs";
export const handler = async () => {
  try { await new SQSClient({}).send(new GetQueueUrlCommand({ QueueName: "nope" })); }
  catch (e) {
    return { modelled: e instanceof QueueDoesNotExist, service: e instanceof SQSServiceException, error: e instanceof Error,
      name: e.name, fault: e.$fault, status: e.$metadata.httpStatusCode, attempts: e.$metadata.attempts,
      message: e.message, code: e.Code, type: e.Type };
  }
};"#);
    let (out, _) = drive(&mut env, |_| Err(no_queue()));
    assert_eq!(
        out.result.unwrap(),
        json!({"modelled": true, "service": true, "error": true, "name": "QueueDoesNotExist", "fault": "client",
            "status": 400, "attempts": 1, "message": "The specified queue does not exist.",
            "code": "AWS.SimpleQueueService.NonExistentQueue", "type": "Sender"})
    );
}

#[test]
fn an_error_the_model_does_not_list_is_a_service_exception_named_by_its_code() {
    let mut env = esm(r#"
import { LambdaClient, GetFunctionCommand, LambdaServiceException, ResourceNotFoundException } from "@aws-sdk/client-lambda";
export const handler = async () => {
  try { await new LambdaClient({}).send(new GetFunctionCommand({ FunctionName: "f" })); }
  catch (e) { return [e.name, e instanceof LambdaServiceException, e instanceof ResourceNotFoundException, e.$fault, e.Code]; }
};"#);
    let (out, _) = drive(&mut env, |_| {
        Err(HostError {
            code: "TooManyRequestsForStratus".into(),
            type_name: String::new(),
            message: "m".into(),
            sender_fault: false,
            http_status: 503,
        })
    });
    assert_eq!(
        out.result.unwrap(),
        json!(["TooManyRequestsForStratus", true, false, "server", null])
    );
}

#[test]
fn an_unsimulated_services_command_rejects_when_sent_and_the_handlers_other_path_runs() {
    let mut env = esm(r#"
import { DynamoDBClient, PutItemCommand, DynamoDBServiceException, waitUntilTableExists } from "@aws-sdk/client-dynamodb";
import { SQSClient, SendMessageCommand } from "@aws-sdk/client-sqs";
const ddb = new DynamoDBClient({});
export const handler = async () => {
  let failed;
  try { await ddb.send(new PutItemCommand({ TableName: "t", Item: {} })); } catch (e) { failed = e; }
  const waited = await waitUntilTableExists({ client: ddb, maxWaitTime: 10 }, { TableName: "t" }).catch((e) => e.name);
  const sent = await new SQSClient({}).send(new SendMessageCommand({ QueueUrl: "u", MessageBody: "b" }));
  return { name: failed.name, fault: failed.$fault, status: failed.$metadata.httpStatusCode,
    service: failed instanceof DynamoDBServiceException, message: failed.message, waited, sent: sent.MessageId };
};"#);
    let (out, calls) = drive(&mut env, |_| Ok(json!({"MessageId": "m"})));
    assert_eq!(calls.len(), 1, "only SQS is called");
    let v = out.result.unwrap();
    assert_eq!(v["name"], json!("NotImplemented"));
    assert_eq!(v["fault"], json!("server"));
    assert_eq!(v["status"], json!(501));
    assert_eq!(v["service"], json!(true));
    assert_eq!(v["waited"], json!("NotImplemented"));
    assert_eq!(v["sent"], json!("m"));
    let message = v["message"].as_str().unwrap();
    assert!(
        message.starts_with("Stratus does not simulate DynamoDB yet, so PutItemCommand cannot run"),
        "{message}"
    );
}

#[test]
fn paginate_list_queues_follows_next_token_with_the_page_size_as_max_results() {
    let mut env = esm(r#"
import { SQSClient, paginateListQueues } from "@aws-sdk/client-sqs";
export const handler = async () => {
  const urls = [];
  for await (const page of paginateListQueues({ client: new SQSClient({}), pageSize: 2 }, { QueueNamePrefix: "q" })) urls.push(...page.QueueUrls);
  let invalid;
  try { for await (const p of paginateListQueues({ client: {} }, {})) {} } catch (e) { invalid = e.message; }
  return { urls, invalid };
};"#);
    let (out, calls) = drive(&mut env, |c| {
        Ok(match c.input.get("NextToken") {
            None => json!({"QueueUrls": ["a", "b"], "NextToken": "t1"}),
            Some(_) => json!({"QueueUrls": ["c"]}),
        })
    });
    let inputs: Vec<&Value> = calls.iter().map(|c| &c.input).collect();
    assert_eq!(
        inputs,
        [
            &json!({"QueueNamePrefix": "q", "MaxResults": 2}),
            &json!({"QueueNamePrefix": "q", "MaxResults": 2, "NextToken": "t1"})
        ]
    );
    assert_eq!(
        out.result.unwrap(),
        json!({"urls": ["a", "b", "c"], "invalid": "Invalid client, expected instance of SQSClient"})
    );
}

#[test]
fn a_paginator_starts_from_the_starting_token() {
    let mut env = esm(r#"
import { SQS, paginateListQueues } from "@aws-sdk/client-sqs";
export const handler = async () => {
  const pages = [];
  for await (const page of paginateListQueues({ client: new SQS({}), startingToken: "t5" }, {})) pages.push(page.QueueUrls);
  return pages;
};"#);
    let (out, calls) = drive(&mut env, |_| Ok(json!({"QueueUrls": ["z"]})));
    assert_eq!(calls[0].input, json!({"NextToken": "t5"}));
    assert_eq!(out.result.unwrap(), json!([["z"]]));
}

#[test]
fn a_large_client_imports_within_the_step_budget() {
    let mut env = esm(r#"
import { EC2Client, DescribeInstancesCommand, paginateDescribeInstances, waitUntilInstanceRunning } from "@aws-sdk/client-ec2";
export const handler = async () => [EC2Client.name, typeof DescribeInstancesCommand, typeof paginateDescribeInstances, typeof waitUntilInstanceRunning];"#);
    assert_eq!(
        result(&mut env),
        json!(["EC2Client", "function", "function", "function"])
    );
}
