//! The Lambda control plane, rule by rule, as the Lambda API reference states it.

use crate::api::AwsError;
use crate::{Settings, World};
use base64::Engine;
use serde_json::{json, Value};
use std::collections::BTreeMap;

const ROLE: &str = "arn:aws:iam::123456789012:role/lambda-role";
const ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function:hello";

fn err(r: Result<Value, AwsError>) -> AwsError {
    r.unwrap_err()
}

fn create_input() -> Value {
    json!({
        "FunctionName": "hello",
        "Runtime": "nodejs22.x",
        "Role": ROLE,
        "Handler": "index.handler",
        "Code": {"Files": {"index.mjs": "export const handler = async () => 'hi';"}},
    })
}

fn world_with_function() -> World {
    let mut w = World::new(Settings::default());
    w.call("lambda:CreateFunction", create_input()).unwrap();
    w.advance(super::model::SETTLE_DELAY);
    w
}

#[test]
fn create_function_answers_the_function_configuration_with_aws_defaults() {
    let mut w = World::new(Settings::default());
    let c = w.call("lambda:CreateFunction", create_input()).unwrap();
    assert_eq!(c["FunctionArn"], ARN);
    assert_eq!(c["MemorySize"], 128);
    assert_eq!(c["Timeout"], 3);
    assert_eq!(c["Version"], "$LATEST");
    assert_eq!(c["State"], "Pending");
    assert_eq!(c["PackageType"], "Zip");
    assert_eq!(c["Architectures"], json!(["x86_64"]));
    assert_eq!(c["LoggingConfig"]["LogGroup"], "/aws/lambda/hello");
    assert_eq!(c["LastModified"], "2026-01-01T00:00:00.000+0000");
    assert_eq!(c["CodeSha256"].as_str().unwrap().len(), 44);
}

#[test]
fn a_second_function_with_the_same_name_is_a_resource_conflict() {
    let mut w = world_with_function();
    let e = err(w.call("lambda:CreateFunction", create_input()));
    assert_eq!(e.code, "ResourceConflictException");
    assert_eq!(e.message, "Function already exist: hello");
    assert_eq!(e.status, 409);
}

#[test]
fn memory_and_timeout_outside_their_ranges_are_refused_and_create_nothing() {
    let mut w = World::new(Settings::default());
    let mut input = create_input();
    input["MemorySize"] = json!(64);
    let e = err(w.call("lambda:CreateFunction", input.clone()));
    assert_eq!(e.code, "ValidationException");
    assert_eq!(e.message, "1 validation error detected: Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128");
    input["MemorySize"] = json!(10_241);
    assert!(err(w.call("lambda:CreateFunction", input.clone()))
        .message
        .contains("less than or equal to 10240"));
    input["MemorySize"] = json!(10_240);
    input["Timeout"] = json!(901);
    assert_eq!(
        err(w.call("lambda:CreateFunction", input.clone())).code,
        "InvalidParameterValueException"
    );
    input["Timeout"] = json!(0);
    assert_eq!(
        err(w.call("lambda:CreateFunction", input)).code,
        "ValidationException"
    );
    assert_eq!(w.lambda().functions().count(), 0);
}

#[test]
fn only_the_node_js_runtimes_stratus_runs_are_accepted() {
    let mut w = World::new(Settings::default());
    let mut input = create_input();
    input["Runtime"] = json!("python3.12");
    let e = err(w.call("lambda:CreateFunction", input));
    assert_eq!(e.code, "InvalidParameterValueException");
    assert!(e.message.contains("nodejs24.x or nodejs22.x"));
}

#[test]
fn a_role_that_is_not_an_iam_role_arn_is_refused() {
    let mut w = World::new(Settings::default());
    let mut input = create_input();
    input["Role"] = json!("my-role");
    let e = err(w.call("lambda:CreateFunction", input));
    assert_eq!(e.code, "ValidationException");
    assert!(e.message.contains("at 'role' failed to satisfy constraint"));
}

#[test]
fn reserved_environment_variables_cannot_be_set() {
    let mut w = World::new(Settings::default());
    let mut input = create_input();
    input["Environment"] = json!({"Variables": {"AWS_REGION": "eu-west-1", "TABLE": "t"}});
    let e = err(w.call("lambda:CreateFunction", input.clone()));
    assert_eq!(e.code, "InvalidParameterValueException");
    assert!(e
        .message
        .ends_with("Reserved keys used in this request: AWS_REGION"));
    input["Environment"] = json!({"Variables": {"BIG": "x".repeat(4100)}});
    assert!(err(w.call("lambda:CreateFunction", input))
        .message
        .contains("exceeded the 4KB limit"));
}

#[test]
fn a_zip_file_in_base64_is_unzipped_and_garbage_is_refused() {
    let mut w = World::new(Settings::default());
    let files = BTreeMap::from([(
        "index.js".to_string(),
        "exports.handler = async () => 1;".to_string(),
    )]);
    let zip = crate::services::lambda::zip::write_stored(&files);
    let mut input = create_input();
    input["Code"] = json!({"ZipFile": base64::engine::general_purpose::STANDARD.encode(&zip)});
    let c = w.call("lambda:CreateFunction", input.clone()).unwrap();
    assert_eq!(c["CodeSize"], zip.len());
    assert_eq!(
        w.lambda().function("hello").unwrap().latest.code.files,
        files
    );
    input["FunctionName"] = json!("other");
    input["Code"] = json!({"ZipFile": "bm90IGEgemlw"});
    let e = err(w.call("lambda:CreateFunction", input));
    assert_eq!(
        e.message,
        "Could not unzip uploaded file. Please check your file, then try to upload again."
    );
}

#[test]
fn an_unknown_function_is_not_found_with_its_arn() {
    let mut w = World::new(Settings::default());
    let e = err(w.call("lambda:GetFunction", json!({"FunctionName": "nope"})));
    assert_eq!(e.code, "ResourceNotFoundException");
    assert_eq!(
        e.message,
        "Function not found: arn:aws:lambda:us-east-1:123456789012:function:nope"
    );
    assert_eq!(e.status, 404);
}

#[test]
fn a_function_is_found_by_name_partial_arn_or_arn() {
    let mut w = world_with_function();
    for name in ["hello", "123456789012:function:hello", ARN] {
        let r = w
            .call(
                "lambda:GetFunctionConfiguration",
                json!({"FunctionName": name}),
            )
            .unwrap();
        assert_eq!(r["FunctionName"], "hello");
    }
    let e = err(w.call("lambda:GetFunction", json!({"FunctionName": "bad name"})));
    assert_eq!(e.code, "ValidationException");
}

#[test]
fn publish_version_freezes_latest_and_does_not_repeat_an_unchanged_one() {
    let mut w = world_with_function();
    let v1 = w
        .call("lambda:PublishVersion", json!({"FunctionName": "hello"}))
        .unwrap();
    assert_eq!(v1["Version"], "1");
    assert_eq!(v1["FunctionArn"], format!("{ARN}:1"));
    let again = w
        .call("lambda:PublishVersion", json!({"FunctionName": "hello"}))
        .unwrap();
    assert_eq!(again["Version"], "1");
    w.call(
        "lambda:UpdateFunctionConfiguration",
        json!({"FunctionName": "hello", "MemorySize": 256}),
    )
    .unwrap();
    w.advance(super::model::SETTLE_DELAY);
    let v2 = w
        .call("lambda:PublishVersion", json!({"FunctionName": "hello"}))
        .unwrap();
    assert_eq!(
        (v2["Version"].clone(), v2["MemorySize"].clone()),
        (json!("2"), json!(256))
    );
    let v1_now = w
        .call(
            "lambda:GetFunctionConfiguration",
            json!({"FunctionName": "hello", "Qualifier": "1"}),
        )
        .unwrap();
    assert_eq!(v1_now["MemorySize"], 128, "a version is immutable");
    let versions = w
        .call(
            "lambda:ListVersionsByFunction",
            json!({"FunctionName": "hello"}),
        )
        .unwrap();
    let labels: Vec<&str> = versions["Versions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["Version"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["$LATEST", "1", "2"]);
}

#[test]
fn an_alias_points_at_a_version_and_resolves_as_a_qualifier() {
    let mut w = world_with_function();
    w.call("lambda:PublishVersion", json!({"FunctionName": "hello"}))
        .unwrap();
    let a = w
        .call(
            "lambda:CreateAlias",
            json!({"FunctionName": "hello", "Name": "live", "FunctionVersion": "1"}),
        )
        .unwrap();
    assert_eq!(a["AliasArn"], format!("{ARN}:live"));
    let c = w
        .call(
            "lambda:GetFunctionConfiguration",
            json!({"FunctionName": "hello:live"}),
        )
        .unwrap();
    assert_eq!(c["Version"], "1");
    assert_eq!(
        err(w.call(
            "lambda:CreateAlias",
            json!({"FunctionName": "hello", "Name": "live", "FunctionVersion": "1"})
        ))
        .code,
        "ResourceConflictException"
    );
    assert_eq!(
        err(w.call(
            "lambda:CreateAlias",
            json!({"FunctionName": "hello", "Name": "next", "FunctionVersion": "7"})
        ))
        .code,
        "ResourceNotFoundException"
    );
    assert_eq!(
        err(w.call(
            "lambda:DeleteFunction",
            json!({"FunctionName": "hello", "Qualifier": "1"})
        ))
        .code,
        "ResourceConflictException",
        "a version an alias points at cannot be deleted"
    );
}

#[test]
fn reserved_concurrency_must_leave_100_unreserved_in_the_account() {
    let mut w = world_with_function();
    let e = err(w.call(
        "lambda:PutFunctionConcurrency",
        json!({"FunctionName": "hello", "ReservedConcurrentExecutions": 901}),
    ));
    assert_eq!(e.message, "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [100].");
    let r = w
        .call(
            "lambda:PutFunctionConcurrency",
            json!({"FunctionName": "hello", "ReservedConcurrentExecutions": 2}),
        )
        .unwrap();
    assert_eq!(r, json!({"ReservedConcurrentExecutions": 2}));
    let s = w.call("lambda:GetAccountSettings", json!({})).unwrap();
    assert_eq!(s["AccountLimit"]["ConcurrentExecutions"], 1000);
    assert_eq!(s["AccountLimit"]["UnreservedConcurrentExecutions"], 998);
    let f = w
        .call("lambda:GetFunction", json!({"FunctionName": "hello"}))
        .unwrap();
    assert_eq!(f["Concurrency"]["ReservedConcurrentExecutions"], 2);
}

#[test]
fn event_invoke_config_takes_0_to_2_retries_and_60_to_21600_seconds() {
    let mut w = world_with_function();
    let e = err(w.call(
        "lambda:PutFunctionEventInvokeConfig",
        json!({"FunctionName": "hello", "MaximumRetryAttempts": 3}),
    ));
    assert_eq!(e.code, "ValidationException");
    let e = err(w.call(
        "lambda:PutFunctionEventInvokeConfig",
        json!({"FunctionName": "hello", "MaximumEventAgeInSeconds": 59}),
    ));
    assert!(e.message.contains("greater than or equal to 60"));
    let r = w
        .call(
            "lambda:PutFunctionEventInvokeConfig",
            json!({"FunctionName": "hello", "MaximumRetryAttempts": 0,
                   "DestinationConfig": {"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:123456789012:failed"}}}),
        )
        .unwrap();
    assert_eq!(r["MaximumRetryAttempts"], 0);
    // AWS answers only the Maximum* members that were set (recorded responses), not the
    // 21,600-second default Stratus used to show.
    assert!(r.get("MaximumEventAgeInSeconds").is_none());
    assert_eq!(
        r["DestinationConfig"]["OnFailure"]["Destination"],
        "arn:aws:sqs:us-east-1:123456789012:failed"
    );
}

#[test]
fn add_permission_builds_the_resource_policy_get_policy_returns() {
    let mut w = world_with_function();
    let e = err(w.call("lambda:GetPolicy", json!({"FunctionName": "hello"})));
    assert_eq!(e.code, "ResourceNotFoundException");
    w.call(
        "lambda:AddPermission",
        json!({"FunctionName": "hello", "StatementId": "sqs", "Action": "lambda:InvokeFunction",
               "Principal": "sqs.amazonaws.com", "SourceArn": "arn:aws:sqs:us-east-1:123456789012:q"}),
    )
    .unwrap();
    let p = w
        .call("lambda:GetPolicy", json!({"FunctionName": "hello"}))
        .unwrap();
    let policy: Value = serde_json::from_str(p["Policy"].as_str().unwrap()).unwrap();
    assert_eq!(
        policy["Statement"][0]["Principal"]["Service"],
        "sqs.amazonaws.com"
    );
    assert_eq!(
        policy["Statement"][0]["Condition"]["ArnLike"]["AWS:SourceArn"],
        "arn:aws:sqs:us-east-1:123456789012:q"
    );
    assert_eq!(
        err(w.call(
            "lambda:AddPermission",
            json!({"FunctionName": "hello", "StatementId": "sqs", "Action": "lambda:InvokeFunction", "Principal": "sqs.amazonaws.com"})
        ))
        .code,
        "ResourceConflictException"
    );
    w.call(
        "lambda:RemovePermission",
        json!({"FunctionName": "hello", "StatementId": "sqs"}),
    )
    .unwrap();
    assert!(w
        .call("lambda:GetPolicy", json!({"FunctionName": "hello"}))
        .is_err());
}

#[test]
fn a_stale_revision_id_is_a_failed_precondition_and_changes_nothing() {
    let mut w = world_with_function();
    let e = err(w.call(
        "lambda:UpdateFunctionConfiguration",
        json!({"FunctionName": "hello", "Timeout": 10, "RevisionId": "not-current"}),
    ));
    assert_eq!(e.code, "PreconditionFailedException");
    assert_eq!(w.lambda().function("hello").unwrap().latest.timeout, 3);
}

#[test]
fn update_function_code_replaces_latest_code_and_tags_round_trip() {
    let mut w = world_with_function();
    let before = w
        .lambda()
        .function("hello")
        .unwrap()
        .latest
        .code
        .sha256
        .clone();
    let c = w
        .call(
            "lambda:UpdateFunctionCode",
            json!({"FunctionName": "hello", "Files": {"index.mjs": "export const handler = async () => 'v2';"}}),
        )
        .unwrap();
    assert_ne!(c["CodeSha256"], json!(before));
    w.call(
        "lambda:TagResource",
        json!({"Resource": ARN, "Tags": {"team": "a"}}),
    )
    .unwrap();
    assert_eq!(
        w.call("lambda:ListTags", json!({"Resource": ARN})).unwrap(),
        json!({"Tags": {"team": "a"}})
    );
}

#[test]
fn settings_stratus_does_not_simulate_are_refused_not_ignored() {
    let mut w = World::new(Settings::default());
    let mut input = create_input();
    input["VpcConfig"] = json!({"SubnetIds": ["subnet-1"]});
    let e = err(w.call("lambda:CreateFunction", input));
    assert!(e.message.contains("VpcConfig is not simulated"));
    let e = err(w.call("lambda:InvokeAsync", json!({"FunctionName": "hello"})));
    assert!(e.message.contains("not simulated by Stratus yet"));
}

#[test]
fn list_functions_pages_with_next_marker() {
    let mut w = World::new(Settings::default());
    for name in ["a", "b", "c"] {
        let mut input = create_input();
        input["FunctionName"] = json!(name);
        w.call("lambda:CreateFunction", input).unwrap();
    }
    let p1 = w
        .call("lambda:ListFunctions", json!({"MaxItems": 2}))
        .unwrap();
    assert_eq!(p1["Functions"].as_array().unwrap().len(), 2);
    let p2 = w
        .call(
            "lambda:ListFunctions",
            json!({"MaxItems": 2, "Marker": p1["NextMarker"]}),
        )
        .unwrap();
    assert_eq!(p2["Functions"][0]["FunctionName"], "c");
    assert!(p2.get("NextMarker").is_none());
}
