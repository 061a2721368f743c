//! A function's lifecycle as AWS answers it: Pending after CreateFunction,
//! Active a moment later; an update InProgress until it is applied, with no
//! second update meanwhile; and the SDK's waiters in a scenario.

use super::model::SETTLE_DELAY;
use crate::scenario::runner::render;
use crate::scenario::Scenario;
use crate::{Settings, World};
use serde_json::{json, Value};

const ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function:hello";

fn create(w: &mut World) -> Value {
    w.call(
        "lambda:CreateFunction",
        json!({
            "FunctionName": "hello",
            "Runtime": "nodejs22.x",
            "Role": "arn:aws:iam::123456789012:role/r",
            "Handler": "index.handler",
            "Code": {"Files": {"index.mjs": "export const handler = async () => 'hi';"}},
        }),
    )
    .unwrap()
}

fn get(w: &mut World) -> Value {
    w.call("lambda:GetFunction", json!({"FunctionName": "hello"}))
        .unwrap()["Configuration"]
        .clone()
}

#[test]
fn a_new_function_is_pending_and_cannot_be_invoked_until_it_is_active() {
    let mut w = World::new(Settings::default());
    let c = create(&mut w);
    assert_eq!(c["State"], "Pending");
    assert_eq!(c["StateReason"], "The function is being created.");
    assert_eq!(c["StateReasonCode"], "Creating");
    assert!(c.get("LastUpdateStatus").is_none(), "{c}");
    let e = w
        .call("lambda:Invoke", json!({"FunctionName": "hello"}))
        .unwrap_err();
    assert_eq!(e.code, "ResourceConflictException");
    assert_eq!(e.status, 409);
    assert_eq!(
        e.message,
        "The operation cannot be performed at this time. The function is currently in the following state: Pending"
    );
    let e = w
        .call(
            "lambda:UpdateFunctionConfiguration",
            json!({"FunctionName": "hello", "Timeout": 5}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ResourceConflictException");
    w.advance(SETTLE_DELAY);
    let now = get(&mut w);
    assert_eq!(now["State"], "Active");
    assert_eq!(now["LastUpdateStatus"], "Successful");
    assert!(now.get("StateReason").is_none());
    assert_ne!(
        now["RevisionId"], c["RevisionId"],
        "a new revision once Active"
    );
    w.call("lambda:Invoke", json!({"FunctionName": "hello"}))
        .unwrap();
}

#[test]
fn an_update_is_in_progress_until_applied_and_a_second_one_meanwhile_is_a_conflict() {
    let mut w = World::new(Settings::default());
    create(&mut w);
    w.advance(SETTLE_DELAY);
    let u = w
        .call(
            "lambda:UpdateFunctionConfiguration",
            json!({"FunctionName": "hello", "Description": "v2"}),
        )
        .unwrap();
    assert_eq!(u["State"], "Active");
    assert_eq!(u["LastUpdateStatus"], "InProgress");
    assert_eq!(
        u["LastUpdateStatusReason"],
        "The function is being created."
    );
    assert_eq!(u["LastUpdateStatusReasonCode"], "Creating");
    assert_eq!(
        get(&mut w)["LastUpdateStatus"],
        "InProgress",
        "read at once"
    );
    for (action, input) in [
        (
            "lambda:UpdateFunctionConfiguration",
            json!({"FunctionName": "hello", "Timeout": 9}),
        ),
        (
            "lambda:UpdateFunctionCode",
            json!({"FunctionName": "hello", "Files": {"index.mjs": "export const handler = async () => 2;"}}),
        ),
        ("lambda:PublishVersion", json!({"FunctionName": "hello"})),
    ] {
        let e = w.call(action, input).unwrap_err();
        assert_eq!(e.code, "ResourceConflictException", "{action}");
        assert_eq!(
            e.message,
            format!("The operation cannot be performed at this time. An update is in progress for resource: {ARN}")
        );
    }
    // An update in progress does not stop invocations.
    w.call("lambda:Invoke", json!({"FunctionName": "hello"}))
        .unwrap();
    w.advance(SETTLE_DELAY);
    let done = get(&mut w);
    assert_eq!(done["LastUpdateStatus"], "Successful");
    assert!(done.get("LastUpdateStatusReason").is_none());
    assert_ne!(done["RevisionId"], u["RevisionId"]);
    assert_eq!(done["Description"], "v2");
    assert!(w
        .trace()
        .all()
        .iter()
        .any(|e| e.kind.name() == "FunctionStateChanged"));
}

#[test]
fn a_scenario_waits_with_the_sdk_waiters() {
    let doc = json!({
        "name": "wait",
        "steps": [
            {"call": "lambda:CreateFunction", "input": {"FunctionName": "hello", "Runtime": "nodejs22.x",
              "Role": "arn:aws:iam::123456789012:role/r", "Handler": "index.handler",
              "Code": {"Files": {"index.mjs": "export const handler = async () => 'hi';"}}}},
            {"wait": "lambda:FunctionActiveV2", "input": {"FunctionName": "hello"}},
            {"call": "lambda:Invoke", "input": {"FunctionName": "hello"}},
            {"call": "lambda:UpdateFunctionConfiguration", "input": {"FunctionName": "hello", "Timeout": 5}},
            {"wait": "lambda:FunctionUpdatedV2", "input": {"FunctionName": "hello"}},
            {"wait": "lambda:FunctionActiveV2", "input": {"FunctionName": "nope"}}
        ]
    });
    let out = render(Scenario::from_json_str(&doc.to_string()).unwrap(), false);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[1]["wait"], "lambda:FunctionActiveV2");
    assert_eq!(lines[1]["ok"], json!({"state": "success", "attempts": 2}));
    assert_eq!(
        lines[2]["at"], "2026-01-01T00:00:01.000Z",
        "one poll a second"
    );
    assert!(lines[2].get("ok").is_some(), "{}", lines[2]);
    assert_eq!(lines[4]["ok"]["state"], "success");
    // No acceptor expects ResourceNotFoundException: the waiter fails at once.
    assert_eq!(lines[5]["error"]["code"], "WaiterFailure");
    assert!(lines[5]["error"]["message"].as_str().unwrap().starts_with(
        "Waiter FunctionActiveV2 failed: Unexpected error encountered: ResourceNotFoundException"
    ));
    // A waiter that does not exist is a scenario error, with the ones that do.
    let bad = json!({"name": "x", "steps": [{"wait": "lambda:FunctionReady", "input": {}}]});
    let e = Scenario::from_json_str(&bad.to_string()).unwrap_err();
    assert!(e.to_string().contains("lambda:FunctionActiveV2"), "{e}");
}

#[test]
fn lists_leave_out_the_state_fields_and_qualify_latest_where_aws_does() {
    let mut w = World::new(Settings::default());
    create(&mut w);
    w.advance(SETTLE_DELAY);
    w.call("lambda:PublishVersion", json!({"FunctionName": "hello"}))
        .unwrap();
    let listed = w.call("lambda:ListFunctions", json!({})).unwrap()["Functions"][0].clone();
    assert_eq!(listed["FunctionArn"], ARN);
    for absent in ["State", "LastUpdateStatus", "RuntimeVersionConfig"] {
        assert!(listed.get(absent).is_none(), "{absent}");
    }
    let all = w
        .call("lambda:ListFunctions", json!({"FunctionVersion": "ALL"}))
        .unwrap();
    assert_eq!(all["Functions"][0]["FunctionArn"], format!("{ARN}:$LATEST"));
    assert_eq!(all["Functions"][1]["FunctionArn"], format!("{ARN}:1"));
    let versions = w
        .call(
            "lambda:ListVersionsByFunction",
            json!({"FunctionName": "hello"}),
        )
        .unwrap();
    assert_eq!(
        versions["Versions"][0]["FunctionArn"],
        format!("{ARN}:$LATEST")
    );
    let latest = w
        .call(
            "lambda:GetFunctionConfiguration",
            json!({"FunctionName": "hello", "Qualifier": "$LATEST"}),
        )
        .unwrap();
    assert_eq!(latest["FunctionArn"], format!("{ARN}:$LATEST"));
    let plain = get(&mut w);
    assert_eq!(plain["FunctionArn"], ARN);
    let runtime_version = plain["RuntimeVersionConfig"]["RuntimeVersionArn"]
        .as_str()
        .unwrap();
    assert!(runtime_version.starts_with("arn:aws:lambda:us-east-1::runtime:"));
    assert_eq!(
        runtime_version.len(),
        "arn:aws:lambda:us-east-1::runtime:".len() + 64
    );
}

#[test]
fn a_description_change_alone_publishes_a_new_version() {
    let mut w = World::new(Settings::default());
    create(&mut w);
    w.advance(SETTLE_DELAY);
    let v1 = w
        .call(
            "lambda:PublishVersion",
            json!({"FunctionName": "hello", "Description": "first"}),
        )
        .unwrap();
    let again = w
        .call("lambda:PublishVersion", json!({"FunctionName": "hello"}))
        .unwrap();
    assert_eq!(
        (v1["Version"].clone(), again["Version"].clone()),
        (json!("1"), json!("1"))
    );
    w.call(
        "lambda:UpdateFunctionConfiguration",
        json!({"FunctionName": "hello", "Description": "now described"}),
    )
    .unwrap();
    w.advance(SETTLE_DELAY);
    let v2 = w
        .call("lambda:PublishVersion", json!({"FunctionName": "hello"}))
        .unwrap();
    assert_eq!(v2["Version"], "2");
    assert_eq!(v2["Description"], "now described");
}

#[test]
fn deleting_a_version_that_is_not_published_succeeds() {
    let mut w = World::new(Settings::default());
    create(&mut w);
    w.call(
        "lambda:DeleteFunction",
        json!({"FunctionName": "hello", "Qualifier": "7"}),
    )
    .unwrap();
    assert!(w.lambda().function("hello").is_some());
}

#[test]
fn an_environment_given_without_variables_is_kept() {
    let mut w = World::new(Settings::default());
    let c = w
        .call(
            "lambda:CreateFunction",
            json!({
                "FunctionName": "hello",
                "Runtime": "nodejs22.x",
                "Role": "arn:aws:iam::123456789012:role/r",
                "Handler": "index.handler",
                "Environment": {"Variables": {}},
                "Code": {"Files": {"index.mjs": "export const handler = async () => 'hi';"}},
            }),
        )
        .unwrap();
    assert_eq!(c["Environment"], json!({"Variables": {}}));
    let plain = create(&mut World::new(Settings::default()));
    assert!(plain.get("Environment").is_none());
}

#[test]
fn a_handler_waits_for_a_function_it_created_with_the_sdk_waiter() {
    let mut w = World::new(Settings::default());
    let code = "import { LambdaClient, CreateFunctionCommand, InvokeCommand, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';\n\
        const lambda = new LambdaClient({});\n\
        export const handler = async () => {\n\
          const made = await lambda.send(new CreateFunctionCommand({ FunctionName: 'child', Runtime: 'nodejs22.x', Role: 'arn:aws:iam::123456789012:role/r', Handler: 'index.handler', Code: { Files: { 'index.mjs': 'export const handler = async () => 42;' } } }));\n\
          let early;\n\
          try { await lambda.send(new InvokeCommand({ FunctionName: 'child' })); } catch (e) { early = e.name; }\n\
          const started = Date.now();\n\
          const waited = await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30 }, { FunctionName: 'child' });\n\
          const out = await lambda.send(new InvokeCommand({ FunctionName: 'child' }));\n\
          return { made: made.State, early, state: waited.state, waitedMs: Date.now() - started, answer: out.Payload.transformToString() };\n\
        };";
    w.call(
        "lambda:CreateFunction",
        json!({
            "FunctionName": "parent",
            "Runtime": "nodejs22.x",
            "Role": "arn:aws:iam::123456789012:role/r",
            "Handler": "index.handler",
            "Timeout": 30,
            "Code": {"Files": {"index.mjs": code}},
        }),
    )
    .unwrap();
    w.advance(SETTLE_DELAY);
    let out = w
        .call("lambda:Invoke", json!({"FunctionName": "parent"}))
        .unwrap();
    let p = &out["Payload"];
    assert_eq!(p["made"], "Pending", "{out}");
    assert_eq!(p["early"], "ResourceConflictException");
    assert_eq!(p["state"], "SUCCESS");
    assert!(p["waitedMs"].as_u64().unwrap() >= 1_000, "{p}");
    assert_eq!(p["answer"], "42");
}
