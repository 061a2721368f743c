//! Rules of the Lambda Node.js runtime, as Stratus runs them.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::*;

pub(super) const T0: Millis = 1_767_225_600_000; // 2026-01-01T00:00:00Z

pub(super) fn config(handler: &str, files: &[(&str, &str)]) -> FunctionConfig {
    let files: BTreeMap<String, String> = files
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let mut c = FunctionConfig::new("my-function", handler, files);
    // Debug builds of boa are slow; keep the runaway tests quick.
    c.limits.max_steps = 20_000;
    c
}

pub(super) fn info(id: &str) -> InvokeInfo {
    InvokeInfo {
        aws_request_id: id.to_string(),
        ..Default::default()
    }
}

pub(super) fn done(step: Step) -> Outcome {
    match step {
        Step::Done(o) => o,
        other => panic!("expected Done, got {other:?}"),
    }
}

/// Invokes at `at` and lets virtual time run to each wake-up (no host
/// calls answered) until the invocation is done.
pub(super) fn run_through_waits(env: &mut Environment, id: &str, at: Millis) -> Outcome {
    let mut step = env.invoke(&json!({}), &info(id), at);
    loop {
        match step {
            Step::Done(out) => return out,
            Step::Suspended { wake_at, .. } => {
                step = env.resume(wake_at.expect("a wake-up"), Vec::new());
            }
        }
    }
}

pub(super) fn run(env: &mut Environment, event: Value) -> Outcome {
    done(env.invoke(&event, &info("req-1"), T0))
}

pub(super) fn esm(body: &str) -> Environment {
    Environment::init(config("index.handler", &[("index.mjs", body)]), T0).expect("init")
}

#[test]
fn an_esm_handler_exported_as_const_is_invoked() {
    let mut env = esm("export const handler = async (event) => ({ got: event.n + 1 });");
    let out = run(&mut env, json!({"n": 41}));
    assert_eq!(out.result, Ok(json!({"got": 42})));
    assert!(out.init_duration_ms.is_some());
}

#[test]
fn a_commonjs_handler_on_exports_or_module_exports_is_invoked() {
    let files = [("index.js", "exports.handler = async () => 'a';")];
    let mut env = Environment::init(config("index.handler", &files), T0).unwrap();
    assert_eq!(run(&mut env, json!({})).result, Ok(json!("a")));
    let files = [("app.js", "module.exports = { handler: async () => 'b' };")];
    let mut env = Environment::init(config("app.handler", &files), T0).unwrap();
    assert_eq!(run(&mut env, json!({})).result, Ok(json!("b")));
}

#[test]
fn nested_handler_paths_and_relative_imports_resolve() {
    let files = [
        ("src/app.mjs", "import { twice } from './lib/math.mjs'; import cjs from '../util.js'; export const handler = async (e) => twice(e.n) + cjs.one;"),
        ("src/lib/math.mjs", "export const twice = (x) => 2 * x;"),
        ("util.js", "const x = require('./data.json'); module.exports = { one: x.one };"),
        ("data.json", "{\"one\": 1}"),
    ];
    let mut env = Environment::init(config("src/app.handler", &files), T0).unwrap();
    assert_eq!(run(&mut env, json!({"n": 5})).result, Ok(json!(11)));
}

#[test]
fn a_callback_handler_answers_through_the_callback() {
    let files = [("index.js", "exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { ok: true }), 10); };")];
    let mut env = Environment::init(config("index.handler", &files), T0).unwrap();
    let step = env.invoke(&json!({}), &info("r"), T0);
    let Step::Suspended { wake_at, .. } = step else {
        panic!("{step:?}")
    };
    assert_eq!(wake_at, Some(T0 + 10));
    let out = done(env.resume(T0 + 10, vec![]));
    assert_eq!(out.result, Ok(json!({"ok": true})));
}

#[test]
fn module_scope_state_survives_warm_invocations() {
    let mut env = esm("let n = 0; export const handler = async () => ++n;");
    assert_eq!(run(&mut env, json!({})).result, Ok(json!(1)));
    let second = run(&mut env, json!({}));
    assert_eq!(second.result, Ok(json!(2)));
    assert_eq!(second.init_duration_ms, None);
}

#[test]
fn set_timeout_suspends_until_virtual_time_reaches_it() {
    let mut env = esm(
        "export const handler = async () => { const t0 = Date.now(); await new Promise(r => setTimeout(r, 1500)); return Date.now() - t0; };",
    );
    let step = env.invoke(&json!({}), &info("r"), T0);
    assert_eq!(
        step,
        Step::Suspended {
            wake_at: Some(T0 + 1500),
            host_calls: vec![]
        }
    );
    // Waking early changes nothing.
    assert!(
        matches!(env.resume(T0 + 700, vec![]), Step::Suspended { wake_at: Some(w), .. } if w == T0 + 1500)
    );
    let out = done(env.resume(T0 + 1500, vec![]));
    assert_eq!(out.result, Ok(json!(1500)));
    assert!(
        out.duration_ms >= 1500.0 && out.duration_ms < 1510.0,
        "{}",
        out.duration_ms
    );
}

#[test]
fn set_interval_repeats_until_cleared() {
    let mut env = esm(
        "export const handler = async () => { let n = 0; await new Promise(r => { const t = setInterval(() => { if (++n === 3) { clearInterval(t); r(); } }, 100); }); return n; };",
    );
    let mut step = env.invoke(&json!({}), &info("r"), T0);
    let mut wakes = vec![];
    while let Step::Suspended {
        wake_at: Some(w), ..
    } = step
    {
        wakes.push(w - T0);
        step = env.resume(w, vec![]);
    }
    assert_eq!(wakes, vec![100, 200, 300]);
    assert_eq!(done(step).result, Ok(json!(3)));
}

#[test]
fn console_lines_use_lambdas_text_format_with_util_format() {
    let mut env = esm(
        "export const handler = async () => { console.log('n=%d s=%s', 5, 'x', { a: [1, 'b'] }); console.error(new Error('bad').message); console.warn('w'); console.info({ k: 'v' }); };",
    );
    let out = run(&mut env, json!({}));
    let lines: Vec<&str> = out.logs.iter().map(|l| l.line.as_str()).collect();
    assert_eq!(
        lines,
        vec![
            "2026-01-01T00:00:00.000Z\treq-1\tINFO\tn=5 s=x { a: [ 1, 'b' ] }",
            "2026-01-01T00:00:00.000Z\treq-1\tERROR\tbad",
            "2026-01-01T00:00:00.000Z\treq-1\tWARN\tw",
            "2026-01-01T00:00:00.000Z\treq-1\tINFO\t{ k: 'v' }",
        ]
    );
}

#[test]
fn date_and_random_are_virtual_and_seeded() {
    let src = "export const handler = async () => ({ now: new Date().toISOString(), ms: Date.now(), r: Math.random(), u: (await import('node:crypto')).randomUUID() });";
    let mut a = esm(src);
    let mut b = esm(src);
    let oa = run(&mut a, json!({}));
    let ob = run(&mut b, json!({}));
    assert_eq!(oa.result, ob.result);
    let v = oa.result.unwrap();
    assert_eq!(v["now"], json!("2026-01-01T00:00:00.000Z"));
    assert_eq!(v["ms"], json!(T0));
    assert!(v["u"].as_str().unwrap().len() == 36);
}

#[test]
fn an_unknown_module_fails_with_runtime_import_module_error() {
    let err = Environment::init(
        config(
            "index.handler",
            &[(
                "index.js",
                "const x = require('left-pad'); exports.handler = async () => 1;",
            )],
        ),
        T0,
    )
    .err()
    .unwrap();
    assert_eq!(err.error.error_type, "Runtime.ImportModuleError");
    assert_eq!(
        err.error.error_message,
        "Error: Cannot find module 'left-pad'\nRequire stack:\n- /var/task/index.js\n- /var/runtime/index.mjs"
    );
    let err = Environment::init(
        config(
            "index.handler",
            &[(
                "index.mjs",
                "import pad from 'left-pad'; export const handler = async () => 1;",
            )],
        ),
        T0,
    )
    .err()
    .unwrap();
    assert_eq!(err.error.error_type, "Runtime.ImportModuleError");
    assert_eq!(
        err.error.error_message,
        "Error: Cannot find package 'left-pad' imported from /var/task/index.mjs"
    );
    let err = Environment::init(config("missing.handler", &[("index.mjs", "")]), T0)
        .err()
        .unwrap();
    assert_eq!(err.error.error_type, "Runtime.ImportModuleError");
    assert!(err
        .error
        .error_message
        .starts_with("Error: Cannot find module 'missing'"));
}

#[test]
fn a_missing_export_is_runtime_handler_not_found() {
    let err = Environment::init(
        config("index.handler", &[("index.mjs", "export const other = 1;")]),
        T0,
    )
    .err()
    .unwrap();
    assert_eq!(err.error.error_type, "Runtime.HandlerNotFound");
    assert_eq!(
        err.error.error_message,
        "index.handler is undefined or not exported"
    );
    let err = Environment::init(config("index", &[("index.mjs", "")]), T0)
        .err()
        .unwrap();
    assert_eq!(err.error.error_type, "Runtime.MalformedHandlerName");
}

#[test]
fn a_syntax_error_is_runtime_user_code_syntax_error() {
    let err = Environment::init(
        config(
            "index.handler",
            &[("index.mjs", "export const handler = async () => {")],
        ),
        T0,
    )
    .err()
    .unwrap();
    assert_eq!(err.error.error_type, "Runtime.UserCodeSyntaxError");
    assert!(
        err.error.error_message.starts_with("SyntaxError: "),
        "{}",
        err.error.error_message
    );
    let err = Environment::init(
        config(
            "index.handler",
            &[("index.js", "exports.handler = ) => 1;")],
        ),
        T0,
    )
    .err()
    .unwrap();
    assert_eq!(err.error.error_type, "Runtime.UserCodeSyntaxError");
}

#[test]
fn thrown_errors_and_non_errors_are_reported_as_the_node_runtime_does() {
    let mut env = esm("export const handler = async (e) => { if (e.s) throw 'plain'; const x = new TypeError('nope'); throw x; };");
    let err = run(&mut env, json!({})).result.unwrap_err();
    assert_eq!(err.error_type, "TypeError");
    assert_eq!(err.error_message, "nope");
    assert!(
        err.trace[0].starts_with("TypeError: nope"),
        "{:?}",
        err.trace
    );
    let err = run(&mut env, json!({"s": true})).result.unwrap_err();
    assert_eq!(
        (err.error_type.as_str(), err.error_message.as_str()),
        ("string", "plain")
    );
    assert!(err.trace.is_empty());
}

#[test]
fn an_unhandled_rejection_ends_the_invocation_and_the_environment() {
    let mut env = esm("export const handler = async () => { Promise.reject(new Error('lost')); await new Promise(r => setTimeout(r, 5)); return 1; };");
    let out = run(&mut env, json!({}));
    let err = out.result.unwrap_err();
    assert_eq!(err.error_type, "Runtime.UnhandledPromiseRejection");
    assert_eq!(err.error_message, "Error: lost");
    assert!(!out.environment_reusable);
}

#[test]
fn while_true_ends_as_a_timeout_and_the_environment_is_reported_dead() {
    let mut env = esm("export const handler = async () => { while (true) {} };");
    let started = std::time::Instant::now();
    let out = run(&mut env, json!({}));
    assert!(started.elapsed().as_secs_f64() < 5.0);
    let err = out.result.unwrap_err();
    assert_eq!(err.error_type, "Sandbox.Timedout");
    assert_eq!(
        err.error_message,
        "RequestId: req-1 Error: Task timed out after 3.00 seconds"
    );
    assert_eq!(out.duration_ms, 3000.0);
    assert!(!out.environment_reusable && !env.is_reusable());
    assert!(out
        .logs
        .last()
        .unwrap()
        .line
        .ends_with("req-1 Task timed out after 3.00 seconds"));
    // Stratus's step cap ended it, not virtual time: the log says so before AWS's line.
    let note = &out.logs[out.logs.len() - 2].line;
    assert!(
        note.starts_with("[Stratus] This invocation ran 20000 steps"),
        "{note}"
    );
}

#[test]
fn loops_spread_over_many_calls_and_builtins_are_bounded() {
    for body in [
        "function f(){ for (let i = 0; i < 1000; i++) {} } while (true) f();",
        "for (;;) { [1, 2, 3].map(x => x); }",
        "const g = () => { try { for(;;){} } catch (e) {} g(); }; try { g(); } catch (e) {} for(;;) { try { g() } catch (e) {} }",
        "async function f() { await null; return f(); } await f();",
    ] {
        let mut env = esm(&format!("export const handler = async () => {{ {body} }};"));
        let out = run(&mut env, json!({}));
        assert_eq!(out.result.unwrap_err().error_type, "Sandbox.Timedout", "{body}");
    }
}

#[test]
fn recursion_spread_over_calls_is_bounded() {
    for body in [
        "const f = (n) => f(n + 1) + 1; return f(0);",
        "const f = () => [0].map(f); return f();",
    ] {
        let mut env = esm(&format!("export const handler = async () => {{ {body} }};"));
        let out = run(&mut env, json!({}));
        let err = out.result.unwrap_err();
        assert_eq!(
            (err.error_type.as_str(), err.error_message.as_str()),
            ("RangeError", "Maximum call stack size exceeded"),
            "{body}"
        );
        assert!(out.environment_reusable);
        // The environment still serves invocations afterwards.
    }
}

#[test]
fn cpu_work_is_modelled_deterministically() {
    let src = "export const handler = async () => { let s = 0; for (let i = 0; i < 20000; i++) s += i; return s; };";
    let a = run(&mut esm(src), json!({}));
    let b = run(&mut esm(src), json!({}));
    assert_eq!(a.duration_ms, b.duration_ms);
    assert!(a.duration_ms > 10.0, "{}", a.duration_ms);
}

const SQS_HANDLER: &str = r#"
import { SQSClient, SendMessageCommand, GetQueueUrlCommand } from "@aws-sdk/client-sqs";
const client = new SQSClient({});
export const handler = async (event) => {
  try {
    const out = await client.send(new SendMessageCommand({ QueueUrl: event.url, MessageBody: "hi" }));
    return { id: out.MessageId, status: out.$metadata.httpStatusCode };
  } catch (e) {
    return { name: e.name, message: e.message, fault: e.$fault };
  }
};
"#;

#[test]
fn sdk_send_message_becomes_a_host_call_and_resolves_with_its_output() {
    let mut env = esm(SQS_HANDLER);
    let step = env.invoke(&json!({"url": "https://q"}), &info("r"), T0);
    let Step::Suspended { host_calls, .. } = step else {
        panic!("{step:?}")
    };
    assert_eq!(host_calls.len(), 1);
    assert_eq!(host_calls[0].target(), "sqs:SendMessage");
    assert_eq!(
        host_calls[0].input,
        json!({"QueueUrl": "https://q", "MessageBody": "hi"})
    );
    let out = done(env.resume(
        T0 + 20,
        vec![HostResult {
            id: host_calls[0].id,
            result: Ok(json!({"MessageId": "m-1"})),
        }],
    ));
    assert_eq!(out.result, Ok(json!({"id": "m-1", "status": 200})));
    assert!(out.duration_ms >= 20.0);
}

#[test]
fn sdk_errors_reject_with_the_modelled_error_name() {
    let mut env = esm(SQS_HANDLER);
    let Step::Suspended { host_calls, .. } = env.invoke(&json!({"url": "x"}), &info("r"), T0)
    else {
        panic!()
    };
    let error = HostError {
        code: "AWS.SimpleQueueService.NonExistentQueue".into(),
        type_name: "QueueDoesNotExist".into(),
        message: "The specified queue does not exist.".into(),
        sender_fault: true,
        http_status: 400,
    };
    let out = done(env.resume(
        T0,
        vec![HostResult {
            id: host_calls[0].id,
            result: Err(error),
        }],
    ));
    assert_eq!(
        out.result,
        Ok(
            json!({"name": "QueueDoesNotExist", "message": "The specified queue does not exist.", "fault": "client"})
        )
    );
}

#[test]
fn the_sdk_works_through_require_and_unsimulated_clients_fail_clearly() {
    let files = [(
        "index.js",
        r#"
const { SQSClient, ListQueuesCommand } = require("@aws-sdk/client-sqs");
const { S3Client, PutObjectCommand } = require("@aws-sdk/client-s3");
exports.handler = async () => {
  const sqs = new SQSClient({});
  const p = sqs.send(new ListQueuesCommand({}));
  try { await new S3Client({}).send(new PutObjectCommand({ Bucket: "b" })); } catch (e) { return { e: e.name, m: e.message, q: await p }; }
};"#,
    )];
    let mut env = Environment::init(config("index.handler", &files), T0).unwrap();
    let Step::Suspended { host_calls, .. } = env.invoke(&json!({}), &info("r"), T0) else {
        panic!()
    };
    assert_eq!(host_calls[0].target(), "sqs:ListQueues");
    let out = done(env.resume(
        T0,
        vec![HostResult {
            id: host_calls[0].id,
            result: Ok(json!({"QueueUrls": []})),
        }],
    ));
    let v = out.result.unwrap();
    assert_eq!(v["e"], json!("NotImplemented"));
    assert!(v["m"].as_str().unwrap().contains("does not simulate S3"));
    assert_eq!(v["q"]["QueueUrls"], json!([]));
}

#[test]
fn pending_timers_past_the_deadline_end_in_a_timeout() {
    let mut env = esm(
        "export const handler = async () => { await new Promise(r => setTimeout(r, 10000)); };",
    );
    let step = env.invoke(&json!({}), &info("r"), T0);
    assert_eq!(
        step,
        Step::Suspended {
            wake_at: Some(T0 + 3000),
            host_calls: vec![]
        }
    );
    let out = done(env.resume(T0 + 3000, vec![]));
    assert_eq!(out.result.unwrap_err().error_type, "Sandbox.Timedout");
}

#[test]
fn buffer_and_util_basics_work() {
    let mut env = esm("import { Buffer } from 'node:buffer'; import util from 'util'; export const handler = async () => [Buffer.from('héllo').toString('base64'), Buffer.from('aGk=', 'base64').toString(), Buffer.from('hi').toString('hex'), Buffer.byteLength('é'), util.format('%s:%j', 'a', {b: 1}), util.inspect({ a: { b: { c: { d: 1 } } } })];");
    assert_eq!(
        run(&mut env, json!({})).result,
        Ok(json!([
            "aMOpbGxv",
            "hi",
            "6869",
            2,
            "a:{\"b\":1}",
            "{ a: { b: { c: [Object] } } }"
        ]))
    );
}

#[test]
fn browser_apis_are_not_reachable_and_eval_runs_as_in_node() {
    let mut env = esm("export const handler = async () => [typeof window, typeof document, typeof localStorage, eval('1 + 1'), new Function('a', 'return a * 3')(2)];");
    assert_eq!(
        run(&mut env, json!({})).result,
        Ok(json!(["undefined", "undefined", "undefined", 2, 6]))
    );
}

#[test]
fn the_language_is_node_24s_annex_b_included_temporal_not() {
    let mut env = esm("export const handler = async () => ['abcdef'.substr(2, 3), escape('a b'), unescape('%41'), ({ __proto__: Array.prototype }) instanceof Array, '  x'.trimLeft(), typeof Temporal, typeof Float16Array];");
    assert_eq!(
        run(&mut env, json!({})).result,
        Ok(json!([
            "cde",
            "a%20b",
            "A",
            true,
            "x",
            "undefined",
            "function"
        ]))
    );
}

#[test]
fn code_from_strings_and_generators_are_bounded_too() {
    for body in [
        "eval('for (;;) {}');",
        "new Function('while (true) {}')();",
        "function* g() { let i = 0; while (true) yield i++; } for (const x of g()) {}",
        "class A { constructor() { for (;;) {} } } new A();",
    ] {
        let mut env = esm(&format!("export const handler = async () => {{ {body} }};"));
        let out = run(&mut env, json!({}));
        assert_eq!(
            out.result.unwrap_err().error_type,
            "Sandbox.Timedout",
            "{body}"
        );
    }
}

#[test]
fn the_guard_never_changes_what_valid_code_means() {
    // Shapes that a source rewrite got wrong: a concise arrow whose body is
    // a call, string escapes, quoted keys, regular expressions after `)`.
    let src = r#"
const up = x => String(x).toUpperCase();
const headers = { "X-Custom-Header": "a\nb", 'content-type': 'text/plain' };
const re = (1) / 2 > 0 ? /a+b/g : null;
export const handler = async () => [up("ok"), headers["X-Custom-Header"], Object.keys(headers), re.source, [1, 2].map(n => Math.max(n, 1.5)), `t${(() => 1)()}`];
"#;
    let mut env = esm(src);
    assert_eq!(
        run(&mut env, json!({})).result,
        Ok(json!([
            "OK",
            "a\nb",
            ["X-Custom-Header", "content-type"],
            "a+b",
            [1.5, 2],
            "t1"
        ]))
    );
}

#[test]
fn an_allocation_larger_than_memory_ends_as_runtime_out_of_memory() {
    for body in [
        "return 'x'.repeat(1e9).length;",
        "try { return new Array(2e8).fill(0).length; } catch (e) { return 'caught'; }",
        "return Array.from({ length: 1e9 }).length;",
    ] {
        let mut env = esm(&format!("export const handler = async () => {{ {body} }};"));
        let out = run(&mut env, json!({}));
        let err = out.result.unwrap_err();
        assert_eq!(err.error_type, "Runtime.OutOfMemory", "{body}");
        assert_eq!(
            err.error_message,
            "RequestId: req-1 Error: Runtime exited with error: signal: killed"
        );
        assert!(!out.environment_reusable);
    }
    // Ordinary arrays still behave.
    let mut env = esm("export const handler = async () => [Array(3).length, Array.isArray([]), [] instanceof Array, Array.of(1, 2).length, new Array(1, 2)[1]];");
    assert_eq!(
        run(&mut env, json!({})).result,
        Ok(json!([3, true, true, 2, 2]))
    );
}

#[test]
fn a_timeout_ends_the_environment_and_warm_state_does_not_leak_into_a_new_one() {
    let src = "let n = 0; export const handler = async (e) => { n++; if (e.spin) for (;;) {} return n; };";
    let mut env = esm(src);
    assert_eq!(run(&mut env, json!({})).result, Ok(json!(1)));
    assert!(run(&mut env, json!({"spin": true})).result.is_err());
    let refused = run(&mut env, json!({}));
    assert_eq!(
        refused.result.unwrap_err().error_type,
        "Runtime.InvalidState"
    );
    let mut fresh = esm(src);
    assert_eq!(run(&mut fresh, json!({})).result, Ok(json!(1)));
}
