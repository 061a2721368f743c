//! Errors read as Node.js 24's: the TypeErrors of property access on null and
//! undefined and JSON.parse's SyntaxErrors carry V8's words (vendored boa
//! patches 5 and 6), so what a learner reads in a log is what AWS would log.

use serde_json::{json, Value};

use super::tests::{esm, run};

/// Runs each snippet in the handler and answers `name: message` of what it threw.
fn thrown(snippets: &[&str]) -> Vec<String> {
    let list = serde_json::to_string(snippets).unwrap();
    let mut env = esm(&format!(
        "export const handler = async () => {list}.map((s) => {{ try {{ (0, eval)(s); return 'no error'; }} catch (e) {{ return e.name + ': ' + e.message; }} }});"
    ));
    let out = run(&mut env, json!({}))
        .result
        .expect("the handler answers");
    out.as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn reading_or_writing_a_property_of_null_or_undefined_names_the_property() {
    let got = thrown(&[
        "let e; e.body",
        "null.x",
        "let o = { a: {} }; o.a.b.c",
        "let r = []; r[0].id",
        "let u; u[3]",
        "let u; u.x = 1",
        "let n = null; n['k'] = 2",
        "let s; s[Symbol('tag')]",
    ]);
    assert_eq!(
        got,
        [
            "TypeError: Cannot read properties of undefined (reading 'body')",
            "TypeError: Cannot read properties of null (reading 'x')",
            "TypeError: Cannot read properties of undefined (reading 'c')",
            "TypeError: Cannot read properties of undefined (reading 'id')",
            "TypeError: Cannot read properties of undefined (reading '3')",
            "TypeError: Cannot set properties of undefined (setting 'x')",
            "TypeError: Cannot set properties of null (setting 'k')",
            "TypeError: Cannot read properties of undefined (reading 'Symbol(tag)')",
        ]
    );
}

#[test]
fn json_parse_errors_read_as_v8s() {
    let cases: [(&str, &str); 15] = [
        ("", "Unexpected end of JSON input"),
        ("undefined", "\"undefined\" is not valid JSON"),
        ("[object Object]", "\"[object Object]\" is not valid JSON"),
        ("abc", "Unexpected token 'a', \"abc\" is not valid JSON"),
        (
            "{bad",
            "Expected property name or '}' in JSON at position 1 (line 1 column 2)",
        ),
        (
            "{\"a\":1,}",
            "Expected double-quoted property name in JSON at position 7 (line 1 column 8)",
        ),
        ("[1,]", "Unexpected token ']', \"[1,]\" is not valid JSON"),
        (
            "[1",
            "Expected ',' or ']' after array element in JSON at position 2 (line 1 column 3)",
        ),
        (
            "{\"a\":1}x",
            "Unexpected non-whitespace character after JSON at position 7 (line 1 column 8)",
        ),
        (
            "\"abc",
            "Unterminated string in JSON at position 4 (line 1 column 5)",
        ),
        ("{\"a\":", "Unexpected end of JSON input"),
        (
            "{\"a\" 1}",
            "Expected ':' after property name in JSON at position 5 (line 1 column 6)",
        ),
        (
            "01",
            "Unexpected number in JSON at position 1 (line 1 column 2)",
        ),
        (
            "-x",
            "No number after minus sign in JSON at position 1 (line 1 column 2)",
        ),
        (
            "{\"name\": \"ada\", \"age\": x1, \"more\": true}",
            "Unexpected token 'x', ...\"\", \"age\": x1, \"more\"\"... is not valid JSON",
        ),
    ];
    let snippets: Vec<String> = cases
        .iter()
        .map(|(text, _)| format!("JSON.parse({})", Value::from(*text)))
        .collect();
    let refs: Vec<&str> = snippets.iter().map(String::as_str).collect();
    let got = thrown(&refs);
    for ((text, want), got) in cases.iter().zip(got) {
        assert_eq!(got, format!("SyntaxError: {want}"), "JSON.parse({text:?})");
    }
    // Multi-line text counts lines and columns as V8 does.
    assert_eq!(
        thrown(&["JSON.parse('{\\n  \"a\": 1,\\n  \"b\" 2\\n}')"]),
        ["SyntaxError: Expected ':' after property name in JSON at position 18 (line 3 column 7)"]
    );
}

#[test]
fn json_parse_builds_what_node_builds() {
    let mut env = esm(
        "export const handler = async () => { \
           const v = JSON.parse('{\"b\":1,\"a\":[1.5,-0,1e400,\"\\\\ud83d\\\\ude00\"],\"2\":true,\"1\":null,\"b\":2}'); \
           return [Object.keys(v).join(','), v.b, Object.is(v.a[1], -0), v.a[2] === Infinity, v.a[3].length, \
                   JSON.parse('[1,2]', (k, x) => typeof x === 'number' ? x * 10 : x)]; };",
    );
    let out = run(&mut env, json!({})).result.unwrap();
    assert_eq!(out, json!(["1,2,b,a", 2, true, true, 2, [10, 20]]));
}

#[test]
fn common_type_and_range_errors_use_v8s_words() {
    let got = thrown(&[
        "Object.keys(undefined)",
        "const k = 1; k = 2;",
        "new Array(-1)",
        "[].reduce((a, b) => a + b)",
        "BigInt(1.5)",
        "'ab'.repeat(-1)",
        "decodeURIComponent('%')",
        "`${Symbol('s')}`",
    ]);
    assert_eq!(
        got,
        [
            "TypeError: Cannot convert undefined or null to object",
            "TypeError: Assignment to constant variable.",
            "RangeError: Invalid array length",
            "TypeError: Reduce of empty array with no initial value",
            "RangeError: The number 1.5 cannot be converted to a BigInt because it is not an integer",
            "RangeError: Invalid count value: -1",
            "URIError: URI malformed",
            "TypeError: Cannot convert a Symbol value to a string",
        ]
    );
}

#[test]
fn calling_what_is_not_a_function_names_the_callee_as_written() {
    let got = thrown(&[
        "let event = {}; event.handler()",
        "const items = 5; items.map((x) => x)",
        "let record = { body: {} }; record.body.trim()",
        "let notFn = 1; notFn()",
        "const Thing = {}; new Thing()",
        "const o = { make: () => 1 }; new o.make()",
        "let xs = {}; xs.push(...[1, 2])",
        "let f = [1]; f[0]()",
    ]);
    assert_eq!(
        got,
        [
            "TypeError: event.handler is not a function",
            "TypeError: items.map is not a function",
            "TypeError: record.body.trim is not a function",
            "TypeError: notFn is not a function",
            "TypeError: Thing is not a constructor",
            "TypeError: o.make is not a constructor",
            "TypeError: xs.push is not a function",
            // A computed callee is not named (V8 would say "f[0] is not a function").
            "TypeError: not a callable function",
        ]
    );
}
