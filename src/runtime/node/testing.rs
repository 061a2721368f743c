//! Runs a snippet as a Lambda handler's body and returns what it returns,
//! for the tests of the built-in modules.

use serde_json::{json, Value};

use super::super::tests::{config, info, T0};
use super::super::{Environment, Step};

/// Invokes a CommonJS handler whose body is `body` (it may `await` and
/// `require`), letting virtual time run through its timers; the handler's
/// result, or `{"error": "<Name>: <message>", "code": ...}` if it threw.
pub(super) fn cjs(body: &str) -> Value {
    let source = format!(
        "exports.handler = async () => {{ try {{ {body} }} catch (e) {{ return {{ error: String(e && e.name) + ': ' + String(e && e.message), code: e && e.code }}; }} }};"
    );
    run(config("index.handler", &[("index.js", &source)]))
}

/// The same as an ES module handler: `imports` are its import lines.
pub(super) fn esm(imports: &str, body: &str) -> Value {
    let source = format!("{imports}\nexport const handler = async () => {{ {body} }};");
    run(config(
        "index.handler",
        &[("index.mjs", &source), ("lib.cjs", "exports.x = 7;")],
    ))
}

fn run(mut c: super::super::FunctionConfig) -> Value {
    c.limits.max_steps = 5_000_000;
    let mut env = Environment::init(c, T0).expect("init");
    let mut step = env.invoke(&json!({}), &info("req-1"), T0);
    loop {
        match step {
            Step::Done(out) => {
                return match out.result {
                    Ok(v) => v,
                    Err(e) => json!({ "failed": e.error_message }),
                }
            }
            Step::Suspended { wake_at, .. } => {
                step = env.resume(wake_at.expect("a wake-up"), Vec::new());
            }
        }
    }
}

/// The console lines a handler body wrote (their message part).
pub(super) fn logs(body: &str) -> Vec<String> {
    lines(body)
        .iter()
        .map(|l| l.splitn(4, '\t').nth(3).unwrap_or("").to_string())
        .collect()
}

/// The log lines a handler body wrote, whole.
pub(super) fn lines(body: &str) -> Vec<String> {
    let source = format!("exports.handler = async () => {{ {body} }};");
    let mut c = config("index.handler", &[("index.js", &source)]);
    c.limits.max_steps = 5_000_000;
    let mut env = Environment::init(c, T0).expect("init");
    let out = match env.invoke(&json!({}), &info("req-1"), T0) {
        Step::Done(out) => out,
        other => panic!("expected Done, got {other:?}"),
    };
    out.logs.iter().map(|l| l.line.clone()).collect()
}
