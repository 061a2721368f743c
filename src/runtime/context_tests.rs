//! Lambda's `context` object as AWS's Node.js runtime hands it over.

use serde_json::json;

use super::tests::{config, esm, run, run_through_waits, T0};
use super::*;

#[test]
fn the_context_object_and_process_env_carry_lambdas_values() {
    let mut env = esm(
        "export const handler = async (e, ctx) => ({ name: ctx.functionName, version: ctx.functionVersion, arn: ctx.invokedFunctionArn, mem: ctx.memoryLimitInMB, id: ctx.awsRequestId, group: ctx.logGroupName, remaining: ctx.getRemainingTimeInMillis(), waits: ctx.callbackWaitsForEmptyEventLoop, envName: process.env.AWS_LAMBDA_FUNCTION_NAME, exec: process.env.AWS_EXECUTION_ENV, root: process.env.LAMBDA_TASK_ROOT, h: process.env._HANDLER, tz: process.env.TZ, region: process.env.AWS_REGION, memEnv: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE });",
    );
    let out = run(&mut env, json!({}));
    assert_eq!(
        out.result,
        Ok(json!({
            "name": "my-function", "version": "$LATEST",
            "arn": "arn:aws:lambda:us-east-1:123456789012:function:my-function",
            "mem": "128", "id": "req-1", "group": "/aws/lambda/my-function",
            "remaining": 3000, "waits": true, "envName": "my-function",
            "exec": "AWS_Lambda_nodejs22.x", "root": "/var/task", "h": "index.handler",
            "tz": ":UTC", "region": "us-east-1", "memEnv": "128"
        }))
    );
}

#[test]
fn the_context_lists_its_members_as_own_properties() {
    let mut env = esm("export const handler = async (e, ctx) => Object.keys(ctx);");
    assert_eq!(
        run(&mut env, json!({})).result,
        Ok(json!([
            "callbackWaitsForEmptyEventLoop",
            "functionName",
            "functionVersion",
            "invokedFunctionArn",
            "memoryLimitInMB",
            "awsRequestId",
            "logGroupName",
            "logStreamName",
            "getRemainingTimeInMillis",
            "done",
            "succeed",
            "fail"
        ]))
    );
}

#[test]
fn a_context_kept_from_an_earlier_invocation_does_not_answer_a_later_one() {
    let files = [(
        "index.js",
        "let saved; exports.handler = (event, context, callback) => { if (!saved) { saved = context; return callback(null, 'first'); } saved.succeed('stale'); saved.done(null, 'stale'); setTimeout(() => context.succeed('fresh'), 5); };",
    )];
    let mut env = Environment::init(config("index.handler", &files), T0).unwrap();
    assert_eq!(run(&mut env, json!({})).result, Ok(json!("first")));
    let out = run_through_waits(&mut env, "req-2", T0 + 1_000);
    assert_eq!(out.result, Ok(json!("fresh")));
}

#[test]
fn context_functions_taken_off_the_object_act_on_the_running_invocation() {
    let files = [(
        "index.js",
        "exports.handler = (event, context) => { const { getRemainingTimeInMillis, succeed } = context; setTimeout(() => succeed(getRemainingTimeInMillis()), 250); };",
    )];
    let mut env = Environment::init(config("index.handler", &files), T0).unwrap();
    let out = run_through_waits(&mut env, "r", T0);
    assert_eq!(out.result, Ok(json!(2750)));
}
