//! Lambda's runtimes as AWS answers them today (2026-11-30): the Node.js
//! runtimes it accepts, its refusals of deprecated and unknown runtimes, and
//! what changes with the runtime when a function runs.

use crate::api::AwsError;
use crate::sim::MINUTE;
use crate::{Settings, World};
use serde_json::{json, Value};

const ROLE: &str = "arn:aws:iam::123456789012:role/lambda-role";

fn create(runtime: &str, files: Value) -> Value {
    json!({
        "FunctionName": "fn",
        "Runtime": runtime,
        "Role": ROLE,
        "Handler": "index.handler",
        "Code": {"Files": files},
    })
}

/// A call that must succeed, then time for Lambda to apply it (a new function is Pending, an
/// update InProgress, for a moment).
fn settled(w: &mut World, action: &str, input: Value) -> Value {
    let out = w.call(action, input).unwrap();
    w.advance(MINUTE);
    out
}

fn refused(w: &mut World, action: &str, input: Value) -> AwsError {
    w.call(action, input).unwrap_err()
}

fn invoke(w: &mut World) -> Value {
    w.call(
        "lambda:Invoke",
        json!({"FunctionName": "fn", "Payload": {}}),
    )
    .unwrap()
}

const ASYNC_HANDLER: &str = "export const handler = async () => process.env.AWS_EXECUTION_ENV;";

#[test]
fn nodejs24_and_nodejs22_are_accepted_for_new_functions() {
    for runtime in ["nodejs24.x", "nodejs22.x"] {
        let mut w = World::new(Settings::default());
        let c = settled(
            &mut w,
            "lambda:CreateFunction",
            create(runtime, json!({"index.mjs": ASYNC_HANDLER})),
        );
        assert_eq!(c["Runtime"], runtime);
        let r = invoke(&mut w);
        assert_eq!(r["Payload"], json!(format!("AWS_Lambda_{runtime}")));
    }
}

#[test]
fn a_deprecated_runtime_is_refused_for_new_functions() {
    let mut w = World::new(Settings::default());
    for runtime in [
        "nodejs20.x",
        "nodejs18.x",
        "nodejs16.x",
        "nodejs8.10",
        "nodejs",
    ] {
        let e = refused(
            &mut w,
            "lambda:CreateFunction",
            create(runtime, json!({"index.mjs": ASYNC_HANDLER})),
        );
        assert_eq!(e.code, "InvalidParameterValueException");
        assert_eq!(e.status, 400);
        assert_eq!(
            e.message,
            format!("The runtime parameter of {runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use the new runtime (nodejs24.x) while creating or updating functions.")
        );
    }
    assert_eq!(w.lambda().functions().count(), 0);
}

#[test]
fn a_function_cannot_be_updated_to_a_deprecated_runtime() {
    let mut w = World::new(Settings::default());
    settled(
        &mut w,
        "lambda:CreateFunction",
        create("nodejs24.x", json!({"index.mjs": ASYNC_HANDLER})),
    );
    let e = refused(
        &mut w,
        "lambda:UpdateFunctionConfiguration",
        json!({"FunctionName": "fn", "Runtime": "nodejs20.x"}),
    );
    assert_eq!(e.code, "InvalidParameterValueException");
    assert!(e.message.starts_with(
        "The runtime parameter of nodejs20.x is no longer supported for creating or updating AWS Lambda functions."
    ));
    let c = w
        .call(
            "lambda:GetFunctionConfiguration",
            json!({"FunctionName": "fn"}),
        )
        .unwrap();
    assert_eq!(c["Runtime"], "nodejs24.x");
}

#[test]
fn an_unknown_runtime_is_refused_with_the_values_aws_accepts() {
    let mut w = World::new(Settings::default());
    let e = refused(
        &mut w,
        "lambda:CreateFunction",
        create("nodejs24", json!({"index.mjs": ASYNC_HANDLER})),
    );
    assert_eq!(e.code, "InvalidParameterValueException");
    assert_eq!(
        e.message,
        "Value nodejs24 at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: [nodejs26.x, nodejs24.x, nodejs22.x, python3.15, python3.14, python3.13, python3.12, python3.11, python3.10, java25, java21, java17.al2023, java11.al2023, java8.al2023, java17, java11, java8.al2, dotnet10, dotnet8, ruby4.0, ruby3.4, ruby3.3, provided.al2023] or be a valid ARN"
    );
}

#[test]
fn an_aws_runtime_that_is_not_nodejs_is_refused_as_not_simulated() {
    let mut w = World::new(Settings::default());
    for runtime in ["python3.13", "java21", "provided.al2023", "python3.8"] {
        let e = refused(
            &mut w,
            "lambda:CreateFunction",
            create(runtime, json!({"index.mjs": ASYNC_HANDLER})),
        );
        assert_eq!(e.code, "InvalidParameterValueException");
        assert_eq!(
            e.message,
            format!("The runtime parameter of {runtime} is not simulated by Stratus: {runtime} is an AWS Lambda runtime, but Stratus runs only Node.js functions. Use nodejs24.x or nodejs22.x (run on Stratus's JavaScript runtime).")
        );
    }
    let e = refused(
        &mut w,
        "lambda:CreateFunction",
        create("nodejs26.x", json!({"index.mjs": ASYNC_HANDLER})),
    );
    assert!(e.message.contains("preview runtime"), "{}", e.message);
}

#[test]
fn a_callback_handler_fails_at_init_on_nodejs24_but_runs_on_nodejs22() {
    let code = "exports.handler = (event, context, callback) => callback(null, 'done');";
    let mut w = World::new(Settings::default());
    settled(
        &mut w,
        "lambda:CreateFunction",
        create("nodejs24.x", json!({"index.js": code})),
    );
    let r = invoke(&mut w);
    assert_eq!(r["FunctionError"], "Unhandled");
    assert_eq!(
        r["Payload"]["errorType"],
        "Runtime.CallbackHandlerDeprecated"
    );
    assert_eq!(
        r["Payload"]["errorMessage"],
        "ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html."
    );

    settled(
        &mut w,
        "lambda:UpdateFunctionConfiguration",
        json!({"FunctionName": "fn", "Runtime": "nodejs22.x"}),
    );
    let r = invoke(&mut w);
    assert!(r.get("FunctionError").is_none(), "{r}");
    assert_eq!(r["Payload"], "done");
}

#[test]
fn a_typeless_js_file_with_module_syntax_runs_on_nodejs24_and_is_a_syntax_error_on_nodejs22() {
    let code = "export const handler = async () => 'esm';";
    let mut w = World::new(Settings::default());
    settled(
        &mut w,
        "lambda:CreateFunction",
        create("nodejs24.x", json!({"index.js": code})),
    );
    assert_eq!(invoke(&mut w)["Payload"], "esm");

    settled(
        &mut w,
        "lambda:UpdateFunctionConfiguration",
        json!({"FunctionName": "fn", "Runtime": "nodejs22.x"}),
    );
    let r = invoke(&mut w);
    assert_eq!(r["FunctionError"], "Unhandled");
    assert_eq!(r["Payload"]["errorType"], "Runtime.UserCodeSyntaxError");
    assert_eq!(
        r["Payload"]["errorMessage"],
        "SyntaxError: Unexpected token 'export'"
    );
}
