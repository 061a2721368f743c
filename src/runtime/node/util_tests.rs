//! node:util and what console prints through util.inspect.

use serde_json::json;

use super::testing::{cjs, logs};

#[test]
fn inspect_lays_out_objects_like_node() {
    let v = cjs("const util = require('util');
        class Foo { constructor() { this.a = 1; } }
        const o = { s: \"it's\", n: -0, b: 10n, u: undefined, f() {}, sym: Symbol('x'), arr: [1, 'a', [2, [3, [4]]]], nested: { a: { b: { c: { d: 1 } } } } };
        const c = { name: 'c' }; c.self = c;
        return [util.inspect(o), util.inspect(new Foo()), util.inspect(c), util.inspect(new Map([['k', 1]])), util.inspect(new Set([1])),
          util.inspect([]), util.inspect({}), util.inspect(Object.create(null)), util.inspect('str'), util.inspect(new Uint8Array([1, 2])),
          util.inspect(Buffer.from('hi')), util.inspect(Promise.resolve(4)), util.inspect([1, , 3]), util.inspect({ 'a-b': 1 }), util.inspect(new Date(0)),
          util.inspect(class Bar extends Foo {}), util.inspect(async () => {}), util.inspect(new Number(3)), util.inspect({ get x() { return 1; } })];");
    assert_eq!(
        v,
        json!([
            "{\n  s: \"it's\",\n  n: -0,\n  b: 10n,\n  u: undefined,\n  f: [Function: f],\n  sym: Symbol(x),\n  arr: [ 1, 'a', [ 2, [Array] ] ],\n  nested: { a: { b: [Object] } }\n}",
            "Foo { a: 1 }",
            "<ref *1> { name: 'c', self: [Circular *1] }",
            "Map(1) { 'k' => 1 }",
            "Set(1) { 1 }",
            "[]",
            "{}",
            "[Object: null prototype] {}",
            "'str'",
            "Uint8Array(2) [ 1, 2 ]",
            "<Buffer 68 69>",
            "Promise { 4 }",
            "[ 1, <1 empty item>, 3 ]",
            "{ 'a-b': 1 }",
            "1970-01-01T00:00:00.000Z",
            "[class Bar extends Foo]",
            "[AsyncFunction (anonymous)]",
            "[Number: 3]",
            "{ x: [Getter] }"
        ])
    );
}

#[test]
fn inspect_groups_long_numeric_arrays_in_columns() {
    let v = cjs("return require('util').inspect(Array.from({ length: 30 }, (_, i) => i * 3));");
    assert_eq!(
        v,
        json!("[\n   0,  3,  6,  9, 12, 15, 18, 21, 24,\n  27, 30, 33, 36, 39, 42, 45, 48, 51,\n  54, 57, 60, 63, 66, 69, 72, 75, 78,\n  81, 84, 87\n]")
    );
}

#[test]
fn inspect_honours_options_and_inspect_custom_and_compact_3() {
    let v = cjs("const util = require('util');
        const custom = { [util.inspect.custom](depth, opts, inspect) { return 'Custom<' + inspect(this.v) + '>'; }, v: 'x' };
        custom.v = 'x';
        const deep = { a: { b: { c: { d: { e: 1 } } } } };
        return [util.inspect(custom), util.inspect(deep, { depth: 0 }), util.inspect(deep, { depth: Infinity, breakLength: Infinity }),
          util.inspect({ b: 1, a: 2 }, { sorted: true }), util.inspect([1, 2, 3], { maxArrayLength: 1 }), util.inspect('abcdef', { maxStringLength: 2 })];");
    assert_eq!(
        v,
        json!([
            "Custom<'x'>",
            "{ a: [Object] }",
            "{\n  a: {\n    b: { c: { d: { e: 1 } } }\n  }\n}",
            "{ a: 2, b: 1 }",
            "[ 1, ... 2 more items ]",
            "'ab'... 4 more characters"
        ])
    );
}

#[test]
fn console_log_formats_like_node() {
    let l = logs("console.log('%s=%d %j %o', 'n', 42, { a: 1 }, [1]); console.log({ a: 'x', b: [1, 2] }, 'tail'); console.log('100%', 5); console.log(new Error('bad').message);");
    assert_eq!(
        l,
        vec![
            "n=42 {\"a\":1} [ 1, [length]: 1 ]".to_string(),
            "{ a: 'x', b: [ 1, 2 ] } tail".to_string(),
            "100% 5".to_string(),
            "bad".to_string(),
        ]
    );
}

#[test]
fn promisify_and_callbackify_convert_between_styles() {
    let v = cjs("const util = require('util');
        const cbFn = (a, cb) => setTimeout(() => (a < 0 ? cb(new Error('neg')) : cb(null, a * 2)), 5);
        const p = util.promisify(cbFn);
        const custom = () => {}; custom[util.promisify.custom] = () => Promise.resolve('custom');
        let err; try { await p(-1); } catch (e) { err = e.message; }
        const cbd = util.callbackify(async (x) => { if (!x) throw null; return x + 1; });
        const r = await new Promise((res) => cbd(1, (e, v) => res([e, v])));
        const f = await new Promise((res) => cbd(0, (e) => res([e.code, e.message, e.reason])));
        return [await p(21), err, await util.promisify(custom)(), util.promisify.custom === Symbol.for('nodejs.util.promisify.custom'), r, f];");
    assert_eq!(
        v,
        json!([
            42,
            "neg",
            "custom",
            true,
            [null, 2],
            [
                "ERR_FALSY_VALUE_REJECTION",
                "Promise was rejected with falsy value",
                null
            ]
        ])
    );
}

#[test]
fn is_deep_strict_equal_compares_structure_not_identity() {
    let v = cjs("const { isDeepStrictEqual: eq } = require('util');
        return [eq({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), eq({ a: 1 }, { a: '1' }), eq(new Map([[1, { x: 1 }]]), new Map([[1, { x: 1 }]])),
          eq(new Set([1, 2]), new Set([2, 1])), eq([1, 2], [1, 2, 3]), eq(NaN, NaN), eq(0, -0), eq(new Date(1), new Date(1)), eq(Buffer.from('a'), Buffer.from('a'))];");
    assert_eq!(
        v,
        json!([true, false, true, true, false, true, false, true, true])
    );
}

#[test]
fn util_types_and_format_helpers() {
    let v = cjs("const util = require('util'); const types = require('util/types');
        return [util.types.isPromise(Promise.resolve()), types.isDate(new Date()), types.isRegExp(/x/), types.isUint8Array(Buffer.alloc(1)),
          types.isAsyncFunction(async () => {}), types.isGeneratorFunction(function* () {}), types.isMap(new Map()), types.isBoxedPrimitive(Object(1)),
          util.format('%s:%i:%f', 'a', '42.5', '1.5'), util.format('%%s', 1), util.format(1, 'x', { y: 2 }), util.stripVTControlCharacters('\\u001b[31mred\\u001b[39m'),
          util.styleText('red', 'plain'), typeof util.TextEncoder, util.isArray([])];");
    assert_eq!(
        v,
        json!([
            true,
            true,
            true,
            true,
            true,
            true,
            true,
            true,
            "a:42:1.5",
            "%s 1",
            "1 x { y: 2 }",
            "red",
            "plain",
            "function",
            true
        ])
    );
}

#[test]
fn parse_args_reads_options_and_positionals() {
    let v = cjs("const { parseArgs } = require('util');
        const r = parseArgs({ args: ['-f', '--bar', 'b', 'pos'], options: { foo: { type: 'boolean', short: 'f' }, bar: { type: 'string' } }, allowPositionals: true });
        let e; try { parseArgs({ args: ['--nope'], options: {} }); } catch (x) { e = [x.code, x.message]; }
        return [{ ...r.values }, r.positionals, e];");
    assert_eq!(
        v,
        json!([{"foo": true, "bar": "b"}, ["pos"], ["ERR_PARSE_ARGS_UNKNOWN_OPTION", "Unknown option '--nope'"]])
    );
}

#[test]
fn errors_print_with_node_headers_codes_and_causes() {
    let l = logs(
        "try { require('path').join(1); } catch (e) { console.log(e); }
      class MyError extends Error {} console.log(new MyError('sub'));
      console.log(new Error('outer', { cause: new Error('inner') }));
      console.log(new DOMException('x', 'AbortError'));",
    );
    let first: Vec<&str> = l.iter().map(|s| s.lines().next().unwrap_or("")).collect();
    assert_eq!(
        first,
        vec![
            "TypeError [ERR_INVALID_ARG_TYPE]: The \"path\" argument must be of type string. Received type number (1)",
            "MyError: sub",
            "Error: outer",
            "DOMException [AbortError]: x",
        ]
    );
    assert!(
        l[0].ends_with("{\n  code: 'ERR_INVALID_ARG_TYPE'\n}"),
        "{}",
        l[0]
    );
    assert!(l[0].contains("at join (node:path:"), "{}", l[0]);
    assert!(l[2].contains("[cause]: Error: inner"), "{}", l[2]);
}

#[test]
fn global_is_the_global_object() {
    let v = cjs("return [global === globalThis, Object.keys(globalThis).includes('global')];");
    assert_eq!(v, json!([true, false]));
}

#[test]
fn promisified_set_timeout_sleeps_in_virtual_time() {
    let v = cjs("const sleep = require('util').promisify(setTimeout); const t0 = Date.now(); const r = await sleep(300, 'v'); return [r, Date.now() - t0];");
    assert_eq!(v, json!(["v", 300]));
}
