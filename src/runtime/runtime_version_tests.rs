//! What differs between the Node.js runtimes, as AWS's runtimes behave:
//! callback handlers (gone from Node.js 24), module syntax detection for
//! typeless `.js` files (Node.js 24; Lambda turns it off on Node.js 20 and
//! 22), and the environment variables naming the runtime.

use serde_json::json;

use super::tests::{config, done, info, T0};
use super::*;

fn on(runtime: &str, handler: &str, files: &[(&str, &str)]) -> FunctionConfig {
    let mut c = config(handler, files);
    c.runtime = runtime.to_string();
    c
}

fn invoke(c: FunctionConfig) -> Result<serde_json::Value, FunctionError> {
    let mut env = Environment::init(c, T0).map_err(|e| e.error)?;
    done(env.invoke(&json!({}), &info("r1"), T0)).result
}

const CALLBACK_HANDLER: &str =
    "exports.handler = (event, context, callback) => { callback(null, { ok: true }); };";

#[test]
fn a_callback_handler_fails_at_init_on_nodejs24() {
    let err = Environment::init(
        on(
            "nodejs24.x",
            "index.handler",
            &[("index.js", CALLBACK_HANDLER)],
        ),
        T0,
    )
    .err()
    .expect("INIT fails");
    assert_eq!(err.error.error_type, "Runtime.CallbackHandlerDeprecated");
    assert_eq!(
        err.error.error_message,
        "ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. You need to modify this function to use a supported handler signature to use Node.js 24 or later. For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html."
    );
}

#[test]
fn an_es_module_callback_handler_fails_too_on_nodejs24() {
    let files = [(
        "index.mjs",
        "export const handler = function (event, context, callback) { callback(null, 1); };",
    )];
    let err = Environment::init(on("nodejs24.x", "index.handler", &files), T0)
        .err()
        .expect("INIT fails");
    assert_eq!(err.error.error_type, "Runtime.CallbackHandlerDeprecated");
}

#[test]
fn handlers_with_two_parameters_or_fewer_run_on_nodejs24() {
    for code in [
        "exports.handler = async (event, context) => ({ ok: context.functionName });",
        "exports.handler = async (event) => ({ ok: 1 });",
        "exports.handler = async () => ({ ok: 1 });",
    ] {
        let out = invoke(on("nodejs24.x", "index.handler", &[("index.js", code)]));
        assert!(out.is_ok(), "{code}: {out:?}");
    }
}

#[test]
fn callback_handlers_keep_working_on_nodejs22_and_nodejs20() {
    for runtime in ["nodejs22.x", "nodejs20.x"] {
        let out = invoke(on(
            runtime,
            "index.handler",
            &[("index.js", CALLBACK_HANDLER)],
        ));
        assert_eq!(out, Ok(json!({ "ok": true })), "{runtime}");
    }
}

const ESM_IN_JS: &str = "import { format } from 'node:util';\nexport const handler = async () => ({ text: format('%s-%d', 'a', 1) });";

#[test]
fn a_typeless_js_file_with_module_syntax_loads_as_an_es_module_on_nodejs24() {
    let out = invoke(on(
        "nodejs24.x",
        "index.handler",
        &[("index.js", ESM_IN_JS)],
    ));
    assert_eq!(out, Ok(json!({ "text": "a-1" })));
    // With a package.json that names no type, too.
    let out = invoke(on(
        "nodejs24.x",
        "index.handler",
        &[
            ("index.js", ESM_IN_JS),
            ("package.json", r#"{"name": "fn"}"#),
        ],
    ));
    assert_eq!(out, Ok(json!({ "text": "a-1" })));
}

#[test]
fn syntax_detection_also_applies_to_imported_js_files_on_nodejs24() {
    let files = [
        (
            "index.mjs",
            "import { twice } from './lib.js';\nexport const handler = async () => twice(21);",
        ),
        ("lib.js", "export const twice = (n) => n * 2;"),
    ];
    assert_eq!(
        invoke(on("nodejs24.x", "index.handler", &files)),
        Ok(json!(42))
    );
}

#[test]
fn commonjs_js_files_stay_commonjs_on_nodejs24() {
    let files = [(
        "index.js",
        "const util = require('node:util'); exports.handler = async () => util.format('%d', 7);",
    )];
    assert_eq!(
        invoke(on("nodejs24.x", "index.handler", &files)),
        Ok(json!("7"))
    );
}

#[test]
fn a_package_json_of_type_commonjs_turns_detection_off_on_nodejs24() {
    let err = Environment::init(
        on(
            "nodejs24.x",
            "index.handler",
            &[
                ("index.js", ESM_IN_JS),
                ("package.json", r#"{"type": "commonjs"}"#),
            ],
        ),
        T0,
    )
    .err()
    .expect("INIT fails");
    assert_eq!(err.error.error_type, "Runtime.UserCodeSyntaxError");
}

#[test]
fn module_syntax_in_a_typeless_js_file_is_a_syntax_error_on_nodejs22_and_nodejs20() {
    for runtime in ["nodejs22.x", "nodejs20.x"] {
        let err = Environment::init(on(runtime, "index.handler", &[("index.js", ESM_IN_JS)]), T0)
            .err()
            .expect("INIT fails");
        assert_eq!(err.error.error_type, "Runtime.UserCodeSyntaxError");
        assert_eq!(
            err.error.error_message, "SyntaxError: Cannot use import statement outside a module",
            "{runtime}"
        );
    }
    let export_first = "export const handler = async () => 1;";
    let err = Environment::init(
        on("nodejs22.x", "index.handler", &[("index.js", export_first)]),
        T0,
    )
    .err()
    .expect("INIT fails");
    assert_eq!(
        err.error.error_message,
        "SyntaxError: Unexpected token 'export'"
    );
}

#[test]
fn node_options_can_turn_syntax_detection_on_for_nodejs22_and_off_for_nodejs24() {
    let mut c = on("nodejs22.x", "index.handler", &[("index.js", ESM_IN_JS)]);
    c.environment.insert(
        "NODE_OPTIONS".to_string(),
        "--experimental-detect-module".to_string(),
    );
    assert_eq!(invoke(c), Ok(json!({ "text": "a-1" })));

    let mut c = on("nodejs24.x", "index.handler", &[("index.js", ESM_IN_JS)]);
    c.environment.insert(
        "NODE_OPTIONS".to_string(),
        "--no-experimental-detect-module".to_string(),
    );
    let err = Environment::init(c, T0).err().expect("INIT fails");
    assert_eq!(err.error.error_type, "Runtime.UserCodeSyntaxError");
}

#[test]
fn the_execution_env_and_node_path_name_the_functions_runtime() {
    let code = "exports.handler = async () => ({ exec: process.env.AWS_EXECUTION_ENV, path: process.env.NODE_PATH });";
    for (runtime, major) in [("nodejs24.x", 24), ("nodejs22.x", 22), ("nodejs20.x", 20)] {
        let out = invoke(on(runtime, "index.handler", &[("index.js", code)])).unwrap();
        assert_eq!(out["exec"], json!(format!("AWS_Lambda_{runtime}")));
        assert_eq!(
            out["path"],
            json!(format!("/opt/nodejs/node{major}/node_modules:/opt/nodejs/node_modules:/var/runtime/node_modules:/var/runtime:/var/task"))
        );
    }
}

#[test]
fn process_version_names_the_functions_node_major() {
    let source = "export const handler = async () => [process.version, process.versions.node];";
    for (runtime, major) in [("nodejs24.x", "v24."), ("nodejs22.x", "v22.")] {
        let out = invoke(on(runtime, "index.handler", &[("index.mjs", source)])).unwrap();
        let version = out[0].as_str().unwrap();
        assert!(version.starts_with(major), "{runtime}: {version}");
        assert_eq!(format!("v{}", out[1].as_str().unwrap()), version);
    }
}

#[test]
fn process_arch_and_os_follow_the_functions_architecture() {
    let source = "import os from 'node:os'; export const handler = async () => [process.arch, os.arch(), os.machine()];";
    let mut c = on("nodejs24.x", "index.handler", &[("index.mjs", source)]);
    assert_eq!(invoke(c.clone()).unwrap(), json!(["x64", "x64", "x86_64"]));
    c.architecture = "arm64".to_string();
    assert_eq!(invoke(c).unwrap(), json!(["arm64", "arm64", "aarch64"]));
}
