//! How Lambda reads a FunctionName and a Qualifier, and what it answers for
//! one it cannot reach: AWS's model patterns, other regions and accounts, and
//! not-found messages that name what AWS names.

use super::model::SETTLE_DELAY;
use crate::{Settings, World};
use serde_json::json;

fn world() -> World {
    let mut w = World::new(Settings::default());
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
    .unwrap();
    w.advance(SETTLE_DELAY);
    w
}

fn error(w: &mut World, action: &str, input: serde_json::Value) -> (String, u16, String) {
    let e = w.call(action, input).unwrap_err();
    (e.code, e.status, e.message)
}

#[test]
fn every_form_of_a_function_name_reaches_the_function() {
    let mut w = world();
    for name in [
        "hello",
        "hello:$LATEST",
        "123456789012:function:hello",
        "function:hello",
        "arn:aws:lambda:us-east-1:123456789012:function:hello",
        "arn:aws:lambda:us-east-1:123456789012:function:hello:$LATEST",
    ] {
        let r = w
            .call("lambda:GetFunction", json!({ "FunctionName": name }))
            .unwrap();
        assert_eq!(r["Configuration"]["FunctionName"], "hello", "{name}");
    }
}

#[test]
fn a_function_in_another_region_is_not_reachable_and_another_accounts_is_access_denied() {
    let mut w = world();
    let (code, status, message) = error(
        &mut w,
        "lambda:GetFunction",
        json!({"FunctionName": "arn:aws:lambda:us-west-2:123456789012:function:hello"}),
    );
    assert_eq!((code.as_str(), status), ("ResourceNotFoundException", 404));
    assert_eq!(
        message,
        "Functions from 'us-west-2' are not reachable in this region ('us-east-1')"
    );
    let (code, status, message) = error(
        &mut w,
        "lambda:Invoke",
        json!({"FunctionName": "arn:aws:lambda:us-east-1:111122223333:function:hello"}),
    );
    assert_eq!((code.as_str(), status), ("AccessDeniedException", 403));
    assert_eq!(message, "User: arn:aws:iam::123456789012:root is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:111122223333:function:hello because no resource-based policy allows the lambda:InvokeFunction action");
}

#[test]
fn a_malformed_name_or_qualifier_fails_aws_model_pattern() {
    let mut w = world();
    let (code, _, message) = error(
        &mut w,
        "lambda:GetFunction",
        json!({"FunctionName": "arn:aws:lambda:us-east-1:123400000000@function:myfn"}),
    );
    assert_eq!(code, "ValidationException");
    assert_eq!(message, "1 validation error detected: Value 'arn:aws:lambda:us-east-1:123400000000@function:myfn' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?((eusc-)?[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?");
    // UpdateFunctionConfiguration's FunctionName has the plain shape: no '.' in the name.
    let (_, _, message) = error(
        &mut w,
        "lambda:UpdateFunctionConfiguration",
        json!({"FunctionName": "hel.lo", "Timeout": 5}),
    );
    assert!(
        message.ends_with("(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?"),
        "{message}"
    );
    let (code, _, message) = error(
        &mut w,
        "lambda:GetFunction",
        json!({"FunctionName": "hello", "Qualifier": "bad?qualifier"}),
    );
    assert_eq!(code, "ValidationException");
    assert_eq!(message, "1 validation error detected: Value 'bad?qualifier' at 'qualifier' failed to satisfy constraint: Member must satisfy regular expression pattern: \\$(LATEST(\\.PUBLISHED)?)|[a-zA-Z0-9-_$]+");
    let (code, status, message) = error(
        &mut w,
        "lambda:GetFunction",
        json!({"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:hello:1", "Qualifier": "$LATEST"}),
    );
    assert_eq!(
        (code.as_str(), status),
        ("InvalidParameterValueException", 400)
    );
    assert_eq!(
        message,
        "The derived qualifier from the function name does not match the specified qualifier."
    );
    let (code, _, message) = error(
        &mut w,
        "lambda:ListFunctions",
        json!({"FunctionVersion": "LATEST"}),
    );
    assert_eq!(code, "ValidationException");
    assert_eq!(message, "1 validation error detected: Value 'LATEST' at 'functionVersion' failed to satisfy constraint: Member must satisfy enum value set: [ALL]");
}

#[test]
fn not_found_names_latest_where_aws_does() {
    let mut w = world();
    let arn = "arn:aws:lambda:us-east-1:123456789012:function:nope";
    for (action, suffix) in [
        ("lambda:GetFunction", ""),
        ("lambda:GetFunctionConfiguration", ""),
        ("lambda:DeleteFunction", ""),
        ("lambda:Invoke", ":$LATEST"),
    ] {
        let (code, status, message) = error(&mut w, action, json!({"FunctionName": "nope"}));
        assert_eq!((code.as_str(), status), ("ResourceNotFoundException", 404));
        assert_eq!(
            message,
            format!("Function not found: {arn}{suffix}"),
            "{action}"
        );
    }
    let (_, _, message) = error(
        &mut w,
        "lambda:PutFunctionConcurrency",
        json!({"FunctionName": "nope", "ReservedConcurrentExecutions": 1}),
    );
    assert_eq!(message, format!("Function not found: {arn}:$LATEST"));
    let (_, _, message) = error(
        &mut w,
        "lambda:GetFunction",
        json!({"FunctionName": "hello", "Qualifier": "1221"}),
    );
    assert_eq!(
        message,
        "Function not found: arn:aws:lambda:us-east-1:123456789012:function:hello:1221"
    );
}

#[test]
fn a_tag_key_must_be_one_to_128_allowed_characters() {
    let mut w = world();
    let arn = "arn:aws:lambda:us-east-1:123456789012:function:hello";
    let (code, _, message) = error(
        &mut w,
        "lambda:TagResource",
        json!({"Resource": arn, "Tags": {"": "v"}}),
    );
    assert_eq!(code, "ValidationException");
    assert_eq!(message, "1 validation error detected: Value '{=v}' at 'tags' failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: ([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*), Member must not be null]");
    w.call(
        "lambda:TagResource",
        json!({"Resource": arn, "Tags": {"team:orders/eu": "a b=c"}}),
    )
    .unwrap();
}
