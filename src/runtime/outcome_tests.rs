//! What a handler's outcome carries, as Lambda's Node.js runtime reports
//! it: stack traces in the positions of the code as written, and results
//! as `JSON.stringify` makes them.

use serde_json::json;

use super::tests::{config, esm, run, T0};
use super::*;

#[test]
fn error_traces_point_at_the_lines_and_columns_of_the_file_as_written() {
    // The runaway guard rewrites the code it runs; traces still name the
    // positions of the code as the user wrote it (`new Error` on line 3,
    // column 30; the call on line 4).
    let src = "export const handler = async () => {\n  for (let i = 0; i < 2; i++) {}\n  const fail = () => { throw new Error('boom'); };\n  fail();\n};\n";
    let err = run(&mut esm(src), json!({})).result.unwrap_err();
    assert_eq!(err.trace[0], "Error: boom");
    assert_eq!(err.trace[1], "    at fail (/var/task/index.mjs:3:30)");
    assert_eq!(err.trace[2], "    at handler (/var/task/index.mjs:4:7)");
    let cjs = "exports.handler = async () => {\n  const fail = () => { throw new Error('boom'); };\n  fail();\n};\n";
    let mut env = Environment::init(config("index.handler", &[("index.js", cjs)]), T0).unwrap();
    let out = run(&mut env, json!({}));
    let err = out.result.unwrap_err();
    assert_eq!(err.trace[1], "    at fail (/var/task/index.js:2:30)");
    // console.error of an error prints the same positions.
    let logged = "export const handler = async () => {\n  console.error(new Error('seen'));\n};\n";
    let out = run(&mut esm(logged), json!({}));
    assert!(
        out.logs[0].line.contains("(/var/task/index.mjs:2:17)"),
        "{:?}",
        out.logs
    );
}

#[test]
fn a_handlers_result_is_what_json_stringify_makes_of_it() {
    let cases = [
        (
            "{ a: 1, b: [1, 'x', null, undefined, () => 1], c: undefined, d: { e: true } }",
            json!({"a": 1, "b": [1, "x", null, null, null], "d": {"e": true}}),
        ),
        (
            "[-0, 1.5, 2 ** 60, NaN, -Infinity, -3]",
            json!([0, 1.5, 1152921504606847000u64, null, null, -3]),
        ),
        (
            "{ when: new Date(0), own: { toJSON: () => 'mine' } }",
            json!({"when": "1970-01-01T00:00:00.000Z", "own": "mine"}),
        ),
        (
            "new (class Point { constructor() { this.x = 1; } })()",
            json!({"x": 1}),
        ),
        (
            "{ get g() { return 2; }, 3: 'three', [Symbol('s')]: 1 }",
            json!({"g": 2, "3": "three"}),
        ),
        ("undefined", json!(null)),
        ("'text'", json!("text")),
    ];
    for (value, expected) in cases {
        let mut env = esm(&format!("export const handler = async () => ({value});"));
        assert_eq!(run(&mut env, json!({})).result, Ok(expected), "{value}");
    }
    // A replaced JSON.stringify is the one used, as in Node.
    let mut env = esm(
        "JSON.stringify = () => '\"replaced\"'; export const handler = async () => ({ a: 1 });",
    );
    assert_eq!(run(&mut env, json!({})).result, Ok(json!("replaced")));
}
