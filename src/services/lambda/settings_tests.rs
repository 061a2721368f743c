//! Event invoke configs, tags and account settings, as AWS answers them
//! (recorded responses of the Lambda API). Policies: `policy_tests`.

use crate::api::AwsError;
use crate::sim::MINUTE;
use crate::{Settings, World};
use serde_json::{json, Value};

pub(super) const ARN: &str = "arn:aws:lambda:us-east-1:123456789012:function:hello";
const QUEUE: &str = "arn:aws:sqs:us-east-1:123456789012:failed";

pub(super) fn err(r: Result<Value, AwsError>) -> AwsError {
    r.unwrap_err()
}

pub(super) fn create(w: &mut World, name: &str, code: &str) {
    w.call(
        "lambda:CreateFunction",
        json!({
            "FunctionName": name,
            "Runtime": "nodejs22.x",
            "Role": "arn:aws:iam::123456789012:role/lambda-role",
            "Handler": "index.handler",
            "Code": {"Files": {"index.mjs": code}},
        }),
    )
    .unwrap();
    // A new function is Pending for a moment before it can be invoked or changed.
    w.advance(super::model::SETTLE_DELAY);
}

/// `hello` with version 1 published and alias `live` pointing at it.
pub(super) fn world_with_version_and_alias() -> World {
    let mut w = World::new(Settings::default());
    create(&mut w, "hello", "export const handler = async () => 'hi';");
    w.call("lambda:PublishVersion", json!({"FunctionName": "hello"}))
        .unwrap();
    w.call(
        "lambda:CreateAlias",
        json!({"FunctionName": "hello", "Name": "live", "FunctionVersion": "1"}),
    )
    .unwrap();
    w
}

pub(super) fn call(w: &mut World, action: &str, input: Value) -> Value {
    w.call(&format!("lambda:{action}"), input).unwrap()
}

#[test]
fn put_event_invoke_config_replaces_the_config_and_answers_only_what_was_set() {
    let mut w = world_with_version_and_alias();
    let r = call(
        &mut w,
        "PutFunctionEventInvokeConfig",
        json!({"FunctionName": "hello", "MaximumRetryAttempts": 0}),
    );
    assert_eq!(
        r,
        json!({
            "FunctionArn": format!("{ARN}:$LATEST"),
            "MaximumRetryAttempts": 0,
            "LastModified": r["LastModified"],
            "DestinationConfig": {"OnSuccess": {}, "OnFailure": {}},
        })
    );
    assert!(r["LastModified"].is_f64(), "epoch seconds");
    // Put replaces the whole config: the retries set before are gone.
    let r = call(
        &mut w,
        "PutFunctionEventInvokeConfig",
        json!({"FunctionName": "hello", "MaximumEventAgeInSeconds": 60}),
    );
    assert_eq!(r["MaximumEventAgeInSeconds"], 60);
    assert!(r.get("MaximumRetryAttempts").is_none(), "{r}");
    let e = err(w.call(
        "lambda:PutFunctionEventInvokeConfig",
        json!({"FunctionName": "hello"}),
    ));
    assert_eq!(e.code, "InvalidParameterValueException");
    assert_eq!(
        e.message,
        "You must specify at least one of error handling or destination setting."
    );
}

#[test]
fn update_event_invoke_config_merges_into_the_existing_config() {
    let mut w = world_with_version_and_alias();
    let e = err(w.call(
        "lambda:UpdateFunctionEventInvokeConfig",
        json!({"FunctionName": "hello", "MaximumRetryAttempts": 1}),
    ));
    assert_eq!(e.status, 404);
    assert_eq!(
        e.message,
        format!("The function {ARN}:$LATEST doesn't have an EventInvokeConfig")
    );
    call(
        &mut w,
        "PutFunctionEventInvokeConfig",
        json!({"FunctionName": "hello", "MaximumEventAgeInSeconds": 60, "MaximumRetryAttempts": 2}),
    );
    let r = call(
        &mut w,
        "UpdateFunctionEventInvokeConfig",
        json!({"FunctionName": "hello", "MaximumRetryAttempts": 0,
               "DestinationConfig": {"OnFailure": {"Destination": QUEUE}}}),
    );
    assert_eq!(r["MaximumEventAgeInSeconds"], 60);
    assert_eq!(r["MaximumRetryAttempts"], 0);
    assert_eq!(r["DestinationConfig"]["OnFailure"]["Destination"], QUEUE);
    assert_eq!(r["DestinationConfig"]["OnSuccess"], json!({}));
    let got = call(
        &mut w,
        "GetFunctionEventInvokeConfig",
        json!({"FunctionName": "hello"}),
    );
    assert_eq!(got, r);
}

#[test]
fn event_invoke_configs_are_kept_per_version_and_alias() {
    let mut w = world_with_version_and_alias();
    let r = call(
        &mut w,
        "PutFunctionEventInvokeConfig",
        json!({"FunctionName": "hello", "Qualifier": "1", "MaximumRetryAttempts": 1}),
    );
    assert_eq!(r["FunctionArn"], format!("{ARN}:1"));
    // A qualified name works like the Qualifier parameter.
    let r = call(
        &mut w,
        "PutFunctionEventInvokeConfig",
        json!({"FunctionName": format!("{ARN}:live"), "MaximumRetryAttempts": 0}),
    );
    assert_eq!(r["FunctionArn"], format!("{ARN}:live"));
    call(
        &mut w,
        "PutFunctionEventInvokeConfig",
        json!({"FunctionName": "hello", "MaximumEventAgeInSeconds": 120}),
    );
    let got = call(
        &mut w,
        "GetFunctionEventInvokeConfig",
        json!({"FunctionName": "hello:live"}),
    );
    assert_eq!(got["MaximumRetryAttempts"], 0);
    let list = call(
        &mut w,
        "ListFunctionEventInvokeConfigs",
        json!({"FunctionName": "hello"}),
    );
    let arns: Vec<&str> = list["FunctionEventInvokeConfigs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["FunctionArn"].as_str().unwrap())
        .collect();
    assert_eq!(
        arns,
        [
            format!("{ARN}:$LATEST"),
            format!("{ARN}:1"),
            format!("{ARN}:live")
        ]
    );
    assert!(list.get("NextMarker").is_none());
    let page = call(
        &mut w,
        "ListFunctionEventInvokeConfigs",
        json!({"FunctionName": "hello", "MaxItems": 2}),
    );
    assert_eq!(
        page["FunctionEventInvokeConfigs"].as_array().unwrap().len(),
        2
    );
    let rest = call(
        &mut w,
        "ListFunctionEventInvokeConfigs",
        json!({"FunctionName": "hello", "MaxItems": 2, "Marker": page["NextMarker"]}),
    );
    assert_eq!(
        rest["FunctionEventInvokeConfigs"][0]["FunctionArn"],
        format!("{ARN}:live")
    );
    call(
        &mut w,
        "DeleteFunctionEventInvokeConfig",
        json!({"FunctionName": "hello", "Qualifier": "live"}),
    );
    let e = err(w.call(
        "lambda:GetFunctionEventInvokeConfig",
        json!({"FunctionName": "hello", "Qualifier": "live"}),
    ));
    assert_eq!(
        e.message,
        format!("The function {ARN}:live doesn't have an EventInvokeConfig")
    );
    assert_eq!(
        call(
            &mut w,
            "GetFunctionEventInvokeConfig",
            json!({"FunctionName": "hello", "Qualifier": "1"})
        )["MaximumRetryAttempts"],
        1
    );
}

#[test]
fn event_invoke_config_errors_are_awss() {
    let mut w = world_with_version_and_alias();
    let missing = "arn:aws:lambda:us-east-1:123456789012:function:doesnotexist";
    for action in [
        "GetFunctionEventInvokeConfig",
        "DeleteFunctionEventInvokeConfig",
    ] {
        let e = err(w.call(
            &format!("lambda:{action}"),
            json!({"FunctionName": "doesnotexist"}),
        ));
        assert_eq!(e.code, "ResourceNotFoundException");
        assert_eq!(
            e.message,
            format!("The function {missing}:$LATEST doesn't have an EventInvokeConfig")
        );
    }
    for action in [
        "PutFunctionEventInvokeConfig",
        "UpdateFunctionEventInvokeConfig",
        "ListFunctionEventInvokeConfigs",
    ] {
        let mut input = json!({"FunctionName": "doesnotexist"});
        if action != "ListFunctionEventInvokeConfigs" {
            input["MaximumRetryAttempts"] = json!(1);
        }
        let e = err(w.call(&format!("lambda:{action}"), input));
        assert_eq!(e.message, "The function doesn't exist.", "{action}");
    }
    let e = err(w.call(
        "lambda:PutFunctionEventInvokeConfig",
        json!({"FunctionName": "hello", "Qualifier": "nosuchalias", "MaximumRetryAttempts": 1}),
    ));
    assert_eq!(e.message, "The function doesn't exist.");
    let e = err(w.call(
        "lambda:GetFunctionEventInvokeConfig",
        json!({"FunctionName": "hello", "Qualifier": "1"}),
    ));
    assert_eq!(
        e.message,
        format!("The function {ARN}:1 doesn't have an EventInvokeConfig")
    );
    let e = err(w.call(
        "lambda:PutFunctionEventInvokeConfig",
        json!({"FunctionName": format!("{ARN}:1"), "Qualifier": "$LATEST", "MaximumRetryAttempts": 1}),
    ));
    assert_eq!(e.code, "InvalidParameterValueException");
    assert_eq!(
        e.message,
        "The derived qualifier from the function name does not match the specified qualifier."
    );
    assert_eq!(
        call(
            &mut w,
            "ListFunctionEventInvokeConfigs",
            json!({"FunctionName": "hello"})
        ),
        json!({"FunctionEventInvokeConfigs": []})
    );
}

#[test]
fn an_event_invoked_through_an_alias_follows_the_aliass_config() {
    let mut w = World::new(Settings::default());
    w.call("sqs:CreateQueue", json!({"QueueName": "failed"}))
        .unwrap();
    create(
        &mut w,
        "hello",
        "export const handler = async () => { throw new Error('boom'); };",
    );
    call(&mut w, "PublishVersion", json!({"FunctionName": "hello"}));
    call(
        &mut w,
        "CreateAlias",
        json!({"FunctionName": "hello", "Name": "live", "FunctionVersion": "1"}),
    );
    // $LATEST keeps the default two retries; the alias has none and a failure destination.
    call(
        &mut w,
        "PutFunctionEventInvokeConfig",
        json!({"FunctionName": "hello", "Qualifier": "live", "MaximumRetryAttempts": 0,
               "DestinationConfig": {"OnFailure": {"Destination": QUEUE}}}),
    );
    let starts = |w: &World| {
        w.trace()
            .all()
            .iter()
            .filter(|e| e.kind.name() == "InvocationStarted")
            .count()
    };
    call(
        &mut w,
        "Invoke",
        json!({"FunctionName": "hello:live", "InvocationType": "Event", "Payload": {"n": 1}}),
    );
    w.advance(10 * MINUTE);
    assert_eq!(starts(&w), 1, "no retries through the alias");
    let q = w.sqs().queue("failed").unwrap();
    assert_eq!(q.messages.len(), 1);
    let record: Value = serde_json::from_str(&q.messages.values().next().unwrap().body).unwrap();
    assert_eq!(record["requestContext"]["approximateInvokeCount"], 1);
    call(
        &mut w,
        "Invoke",
        json!({"FunctionName": "hello", "InvocationType": "Event", "Payload": {"n": 2}}),
    );
    w.advance(10 * MINUTE);
    assert_eq!(
        starts(&w),
        4,
        "unqualified: $LATEST's defaults, two retries"
    );
    assert_eq!(
        w.sqs().queue("failed").unwrap().messages.len(),
        1,
        "$LATEST has no destination"
    );
}

#[test]
fn tags_belong_to_the_function_not_its_versions_or_aliases() {
    let mut w = world_with_version_and_alias();
    let message =
        "Tags on function aliases and versions are not supported. Please specify a function ARN.";
    for resource in [
        format!("{ARN}:1"),
        format!("{ARN}:live"),
        format!("{ARN}:$LATEST"),
        format!("{ARN}:nosuchqualifier"),
    ] {
        let e = err(w.call(
            "lambda:TagResource",
            json!({"Resource": resource, "Tags": {"a": "b"}}),
        ));
        assert_eq!(e.code, "InvalidParameterValueException");
        assert_eq!(e.message, message);
        let e = err(w.call("lambda:ListTags", json!({"Resource": resource})));
        assert_eq!(e.message, message);
        let e = err(w.call(
            "lambda:UntagResource",
            json!({"Resource": resource, "TagKeys": ["a"]}),
        ));
        assert_eq!(e.message, message);
    }
    let e = err(w.call(
        "lambda:TagResource",
        json!({"Resource": "arn:aws:lambda:us-east-1:123456789012:function:doesnotexist", "Tags": {"a": "b"}}),
    ));
    assert_eq!(
        e.message,
        "Function not found: arn:aws:lambda:us-east-1:123456789012:function:doesnotexist"
    );
    let e = err(w.call("lambda:TagResource", json!({"Resource": ARN, "Tags": {}})));
    assert_eq!(
        e.message,
        "An error occurred and the request cannot be processed."
    );
    let e = err(w.call(
        "lambda:UntagResource",
        json!({"Resource": ARN, "TagKeys": []}),
    ));
    assert_eq!(e.code, "ValidationException");
    assert_eq!(e.message, "1 validation error detected: Value null at 'tagKeys' failed to satisfy constraint: Member must not be null");
}

#[test]
fn a_function_takes_at_most_50_tags_counting_those_it_has() {
    let mut w = world_with_version_and_alias();
    let tags = |range: std::ops::Range<u32>| -> Value {
        range.map(|i| (format!("k{i}"), json!("v"))).collect()
    };
    let e = err(w.call(
        "lambda:TagResource",
        json!({"Resource": ARN, "Tags": tags(0..51)}),
    ));
    assert_eq!(e.code, "InvalidParameterValueException");
    assert_eq!(e.message, "Number of tags exceeds resource tag limit.");
    call(
        &mut w,
        "TagResource",
        json!({"Resource": ARN, "Tags": tags(0..50)}),
    );
    // Retagging an existing key adds nothing; a 51st key is refused.
    call(
        &mut w,
        "TagResource",
        json!({"Resource": ARN, "Tags": tags(0..1)}),
    );
    let e = err(w.call(
        "lambda:TagResource",
        json!({"Resource": ARN, "Tags": tags(50..51)}),
    ));
    assert_eq!(e.message, "Number of tags exceeds resource tag limit.");
    let listed = call(&mut w, "ListTags", json!({"Resource": ARN}));
    assert_eq!(listed["Tags"].as_object().unwrap().len(), 50);
}

#[test]
fn account_code_size_counts_latest_and_every_published_version() {
    let mut w = World::new(Settings::default());
    create(&mut w, "hello", "export const handler = async () => 'hi';");
    let size = w.lambda().function("hello").unwrap().latest.code.size;
    let usage = |w: &mut World| call(w, "GetAccountSettings", json!({}))["AccountUsage"].clone();
    assert_eq!(
        usage(&mut w),
        json!({"TotalCodeSize": size, "FunctionCount": 1})
    );
    call(&mut w, "PublishVersion", json!({"FunctionName": "hello"}));
    assert_eq!(usage(&mut w)["TotalCodeSize"], 2 * size);
    call(
        &mut w,
        "UpdateFunctionConfiguration",
        json!({"FunctionName": "hello", "Description": "v2"}),
    );
    w.advance(super::model::SETTLE_DELAY);
    assert_eq!(
        usage(&mut w)["TotalCodeSize"],
        2 * size,
        "a configuration change adds no code"
    );
    call(&mut w, "PublishVersion", json!({"FunctionName": "hello"}));
    assert_eq!(usage(&mut w)["TotalCodeSize"], 3 * size);
    let limits = call(&mut w, "GetAccountSettings", json!({}))["AccountLimit"].clone();
    let mut keys: Vec<&String> = limits.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "CodeSizeUnzipped",
            "CodeSizeZipped",
            "ConcurrentExecutions",
            "TotalCodeSize",
            "UnreservedConcurrentExecutions"
        ]
    );
}

#[test]
fn an_event_source_mapping_takes_tags_at_creation_and_through_its_arn() {
    let mut w = crate::World::new(crate::Settings::default());
    w.call("sqs:CreateQueue", json!({"QueueName": "jobs"}))
        .unwrap();
    w.call(
        "lambda:CreateFunction",
        json!({
            "FunctionName": "worker",
            "Runtime": "nodejs22.x",
            "Role": "arn:aws:iam::123456789012:role/r",
            "Handler": "index.handler",
            "Code": {"Files": {"index.mjs": "export const handler = async () => {};"}},
        }),
    )
    .unwrap();
    let m = w
        .call(
            "lambda:CreateEventSourceMapping",
            json!({"FunctionName": "worker", "EventSourceArn": "arn:aws:sqs:us-east-1:123456789012:jobs", "Tags": {"team": "orders"}}),
        )
        .unwrap();
    let arn = m["EventSourceMappingArn"].as_str().unwrap().to_string();
    let tags = |w: &mut crate::World| {
        w.call("lambda:ListTags", json!({ "Resource": arn.clone() }))
            .unwrap()["Tags"]
            .clone()
    };
    assert_eq!(tags(&mut w), json!({"team": "orders"}));
    w.call(
        "lambda:TagResource",
        json!({"Resource": arn.clone(), "Tags": {"env": "dev"}}),
    )
    .unwrap();
    w.call(
        "lambda:UntagResource",
        json!({"Resource": arn.clone(), "TagKeys": ["team"]}),
    )
    .unwrap();
    assert_eq!(tags(&mut w), json!({"env": "dev"}));
}
