//! node:assert and assert/strict as Node 24 behaves.

use serde_json::json;

use super::testing::cjs;

fn failure(body: &str) -> serde_json::Value {
    cjs(&format!(
        "const assert = require('assert'); try {{ {body}; return 'no throw'; }} catch (e) {{ return [e.name, e.code, e.message, e.operator, e.generatedMessage, e instanceof assert.AssertionError]; }}"
    ))
}

#[test]
fn strict_equal_reports_both_values() {
    assert_eq!(
        failure("assert.strictEqual(1, 2)"),
        json!([
            "AssertionError",
            "ERR_ASSERTION",
            "Expected values to be strictly equal:\n\n1 !== 2\n",
            "strictEqual",
            true,
            true
        ])
    );
    assert_eq!(
        failure("assert.equal(1, 2)"),
        json!([
            "AssertionError",
            "ERR_ASSERTION",
            "1 == 2",
            "==",
            true,
            true
        ])
    );
    assert_eq!(
        failure("assert.notStrictEqual(1, 1)"),
        json!([
            "AssertionError",
            "ERR_ASSERTION",
            "Expected \"actual\" to be strictly unequal to: 1",
            "notStrictEqual",
            true,
            true
        ])
    );
}

#[test]
fn deep_strict_equal_shows_a_diff() {
    assert_eq!(
        failure("assert.deepStrictEqual({ a: 1, b: [1] }, { a: 2, b: [1] })"),
        json!([
            "AssertionError",
            "ERR_ASSERTION",
            "Expected values to be strictly deep-equal:\n+ actual - expected\n\n  {\n+   a: 1,\n-   a: 2,\n    b: [\n      1\n    ]\n  }\n",
            "deepStrictEqual",
            true,
            true
        ])
    );
    let v = cjs("const assert = require('node:assert'); assert.deepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }); assert.deepEqual({ a: 1 }, { a: '1' }); return 'ok';");
    assert_eq!(v, json!("ok"));
}

#[test]
fn ok_quotes_the_failing_expression_from_the_source() {
    let v = failure("const x = 0; assert(x === 1)");
    assert_eq!(
        v,
        json!([
            "AssertionError",
            "ERR_ASSERTION",
            "The expression evaluated to a falsy value:\n\n  assert(x === 1)\n",
            "==",
            true,
            true
        ])
    );
    assert_eq!(
        failure("assert.ok(false, 'custom')"),
        json!([
            "AssertionError",
            "ERR_ASSERTION",
            "custom",
            "==",
            false,
            true
        ])
    );
}

#[test]
fn throws_and_rejects_check_the_error() {
    let v = cjs("const assert = require('assert');
        assert.throws(() => { throw new TypeError('bad thing'); }, TypeError);
        assert.throws(() => { throw new Error('bad thing'); }, /bad/);
        assert.throws(() => { throw Object.assign(new Error('x'), { code: 'E1' }); }, { code: 'E1', message: 'x' });
        await assert.rejects(Promise.reject(new Error('no')), { message: 'no' });
        await assert.doesNotReject(async () => 1);
        const msgs = [];
        try { assert.throws(() => {}); } catch (e) { msgs.push(e.message); }
        try { assert.throws(() => {}, TypeError, 'want a type error'); } catch (e) { msgs.push(e.message); }
        try { await assert.rejects(async () => 1); } catch (e) { msgs.push(e.message); }
        try { assert.doesNotThrow(() => { throw new Error('oops'); }); } catch (e) { msgs.push(e.message); }
        try { assert.match('xyz', /abc/); } catch (e) { msgs.push(e.message); }
        try { assert.fail(); } catch (e) { msgs.push(e.message); }
        try { assert.ifError(new Error('io')); } catch (e) { msgs.push(e.message); }
        return msgs;");
    assert_eq!(
        v,
        json!([
            "Missing expected exception.",
            "Missing expected exception (TypeError): want a type error",
            "Missing expected rejection.",
            "Got unwanted exception.\nActual message: \"oops\"",
            "The input did not match the regular expression /abc/. Input:\n\n'xyz'\n",
            "Failed",
            "ifError got unwanted exception: io"
        ])
    );
}

#[test]
fn assert_strict_makes_equal_strict() {
    let v = cjs("const assert = require('assert/strict'); let m; try { assert.equal(1, '1'); } catch (e) { m = e.operator; }
        return [m, assert === require('assert').strict, typeof assert.deepEqual];");
    assert_eq!(v, json!(["strictEqual", true, "function"]));
}
