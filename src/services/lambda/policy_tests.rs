//! Resource-based policies (AddPermission / RemovePermission / GetPolicy), as
//! AWS answers them (recorded responses of the Lambda API).

use super::settings_tests::{call, err, world_with_version_and_alias, ARN};
use crate::api::AwsError;
use crate::World;
use serde_json::{json, Value};

fn add(w: &mut World, input: Value) -> Result<Value, AwsError> {
    let mut full = json!({"FunctionName": "hello", "Action": "lambda:InvokeFunction"});
    full.as_object_mut()
        .unwrap()
        .extend(input.as_object().unwrap().clone());
    w.call("lambda:AddPermission", full)
}

#[test]
fn add_permission_writes_statements_in_awss_key_order_and_shapes() {
    let mut w = world_with_version_and_alias();
    let r = add(
        &mut w,
        json!({"StatementId": "wildcard", "Principal": "*", "SourceAccount": "123456789012"}),
    )
    .unwrap();
    assert_eq!(
        r["Statement"],
        format!(
            r#"{{"Sid":"wildcard","Effect":"Allow","Principal":"*","Action":"lambda:InvokeFunction","Resource":"{ARN}","Condition":{{"StringEquals":{{"AWS:SourceAccount":"123456789012"}}}}}}"#
        )
    );
    let r = add(
        &mut w,
        json!({"StatementId": "account", "Principal": "111122223333"}),
    )
    .unwrap();
    assert_eq!(
        r["Statement"],
        format!(
            r#"{{"Sid":"account","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::111122223333:root"}},"Action":"lambda:InvokeFunction","Resource":"{ARN}"}}"#
        )
    );
    let r = add(
        &mut w,
        json!({"StatementId": "s3", "Principal": "s3.amazonaws.com",
               "SourceArn": "arn:aws:s3:::bucket", "SourceAccount": "123456789012",
               "PrincipalOrgID": "o-1234567890", "FunctionUrlAuthType": "NONE"}),
    )
    .unwrap();
    assert_eq!(
        r["Statement"],
        format!(
            r#"{{"Sid":"s3","Effect":"Allow","Principal":{{"Service":"s3.amazonaws.com"}},"Action":"lambda:InvokeFunction","Resource":"{ARN}","Condition":{{"StringEquals":{{"lambda:FunctionUrlAuthType":"NONE","aws:PrincipalOrgID":"o-1234567890","AWS:SourceAccount":"123456789012"}},"ArnLike":{{"AWS:SourceArn":"arn:aws:s3:::bucket"}}}}}}"#
        )
    );
    let r = add(
        &mut w,
        json!({"StatementId": "alexa", "Principal": "alexa-appkit.amazon.com",
               "EventSourceToken": "amzn1.ask.skill.xxxxxxxx"}),
    )
    .unwrap();
    assert!(r["Statement"].as_str().unwrap().ends_with(
        r#""Condition":{"StringEquals":{"lambda:EventSourceToken":"amzn1.ask.skill.xxxxxxxx"}}}"#
    ));
    // GetPolicy lists the statements in the order they were added, not by Sid.
    let p = call(&mut w, "GetPolicy", json!({"FunctionName": "hello"}));
    let policy = p["Policy"].as_str().unwrap();
    assert!(policy
        .starts_with(r#"{"Version":"2012-10-17","Id":"default","Statement":[{"Sid":"wildcard""#));
    let sids: Vec<String> = serde_json::from_str::<Value>(policy).unwrap()["Statement"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["Sid"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(sids, ["wildcard", "account", "s3", "alexa"]);
}

#[test]
fn policies_are_kept_per_version_and_alias_and_each_change_gets_a_revision() {
    let mut w = world_with_version_and_alias();
    let r = add(
        &mut w,
        json!({"StatementId": "v1", "Principal": "sqs.amazonaws.com", "Qualifier": "1"}),
    )
    .unwrap();
    assert!(r["Statement"]
        .as_str()
        .unwrap()
        .contains(&format!(r#""Resource":"{ARN}:1""#)));
    add(
        &mut w,
        json!({"StatementId": "live", "Principal": "sqs.amazonaws.com", "FunctionName": "hello:live"}),
    )
    .unwrap();
    let e = err(w.call("lambda:GetPolicy", json!({"FunctionName": "hello"})));
    assert_eq!(e.message, "The resource you requested does not exist.");
    let v1 = call(
        &mut w,
        "GetPolicy",
        json!({"FunctionName": "hello", "Qualifier": "1"}),
    );
    assert!(v1["Policy"].as_str().unwrap().contains(r#""Sid":"v1""#));
    assert!(!v1["Policy"].as_str().unwrap().contains(r#""Sid":"live""#));
    // The same Sid may be used again in another qualifier's policy, not in the same one.
    add(
        &mut w,
        json!({"StatementId": "v1", "Principal": "sqs.amazonaws.com", "Qualifier": "live"}),
    )
    .unwrap();
    let e = err(add(
        &mut w,
        json!({"StatementId": "v1", "Principal": "sqs.amazonaws.com", "Qualifier": "1"}),
    ));
    assert_eq!(e.code, "ResourceConflictException");
    assert_eq!(e.message, "The statement id (v1) provided already exists. Please provide a new statement id, or remove the existing statement.");
    // A change needs the policy's current RevisionId and makes a new one.
    let e = err(w.call(
        "lambda:RemovePermission",
        json!({"FunctionName": "hello", "Qualifier": "live", "StatementId": "v1", "RevisionId": "stale"}),
    ));
    assert_eq!(e.code, "PreconditionFailedException");
    let before = call(
        &mut w,
        "GetPolicy",
        json!({"FunctionName": "hello", "Qualifier": "live"}),
    )["RevisionId"]
        .clone();
    call(
        &mut w,
        "RemovePermission",
        json!({"FunctionName": "hello", "Qualifier": "live", "StatementId": "v1", "RevisionId": before}),
    );
    let after = call(
        &mut w,
        "GetPolicy",
        json!({"FunctionName": "hello", "Qualifier": "live"}),
    )["RevisionId"]
        .clone();
    assert_ne!(before, after);
}

#[test]
fn permission_errors_are_awss() {
    let mut w = world_with_version_and_alias();
    let e = err(add(
        &mut w,
        json!({"StatementId": "s", "Principal": "sqs.amazonaws.com", "Qualifier": "$LATEST"}),
    ));
    assert_eq!(e.code, "InvalidParameterValueException");
    assert_eq!(
        e.message,
        "We currently do not support adding policies for $LATEST."
    );
    let e = err(add(
        &mut w,
        json!({"StatementId": "s", "Principal": "invalid.nonaws.com"}),
    ));
    assert_eq!(
        e.message,
        "The provided principal was invalid. Please check the principal and try again."
    );
    let e = err(add(
        &mut w,
        json!({"StatementId": "s", "Principal": "sqs.amazonaws.com", "Qualifier": "alias-doesnotexist"}),
    ));
    assert_eq!(
        e.message,
        format!("Cannot find alias arn: {ARN}:alias-doesnotexist")
    );
    let e = err(add(
        &mut w,
        json!({"StatementId": "s", "Principal": "sqs.amazonaws.com", "Qualifier": "42"}),
    ));
    assert_eq!(e.message, format!("Function not found: {ARN}:42"));
    let e = err(add(
        &mut w,
        json!({"StatementId": "s", "Principal": "sqs.amazonaws.com", "FunctionName": "doesnotexist"}),
    ));
    let missing = "arn:aws:lambda:us-east-1:123456789012:function:doesnotexist";
    assert_eq!(e.message, format!("Function not found: {missing}"));
    let remove = |w: &mut World, input: Value| err(w.call("lambda:RemovePermission", input));
    let e = remove(&mut w, json!({"FunctionName": "hello", "StatementId": "s"}));
    assert_eq!(
        e.message,
        "No policy is associated with the given resource."
    );
    let e = remove(
        &mut w,
        json!({"FunctionName": "doesnotexist", "StatementId": "s"}),
    );
    assert_eq!(e.message, format!("No policy found for: {missing}"));
    let e = remove(
        &mut w,
        json!({"FunctionName": "hello", "Qualifier": "alias-doesnotexist", "StatementId": "s"}),
    );
    assert_eq!(
        e.message,
        format!("Cannot find alias arn: {ARN}:alias-doesnotexist")
    );
    add(
        &mut w,
        json!({"StatementId": "s", "Principal": "sqs.amazonaws.com"}),
    )
    .unwrap();
    let e = remove(
        &mut w,
        json!({"FunctionName": "hello", "StatementId": "non-existent"}),
    );
    assert_eq!(
        e.message,
        "Statement non-existent is not found in resource policy."
    );
    let e = err(w.call(
        "lambda:GetPolicy",
        json!({"FunctionName": "hello", "Qualifier": "77"}),
    ));
    assert_eq!(e.message, "The resource you requested does not exist.");
    let e = err(w.call("lambda:GetPolicy", json!({"FunctionName": "doesnotexist"})));
    assert_eq!(e.message, format!("Function not found: {missing}"));
}
