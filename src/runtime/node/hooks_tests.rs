//! node:async_hooks, node:perf_hooks, node:diagnostics_channel,
//! node:timers/promises, node:os, node:querystring, node:string_decoder.

use serde_json::json;

use super::testing::{cjs, esm};

#[test]
fn async_local_storage_follows_awaits_timers_and_next_tick() {
    let v = cjs("const { AsyncLocalStorage } = require('node:async_hooks'); const als = new AsyncLocalStorage(); const seen = [];
        const work = async (id) => { seen.push(id + ':' + als.getStore().id); await new Promise((r) => setTimeout(r, id === 'a' ? 20 : 5));
          seen.push(id + ':' + als.getStore().id); await null; process.nextTick(() => seen.push(id + ':tick:' + als.getStore().id)); };
        await Promise.all([als.run({ id: 1 }, () => work('a')), als.run({ id: 2 }, () => work('b'))]);
        await new Promise((r) => setImmediate(r));
        return [seen, als.run(3, () => als.getStore()), als.exit(() => als.getStore())];");
    assert_eq!(
        v,
        json!([
            ["a:1", "b:2", "b:2", "b:tick:2", "a:1", "a:tick:1"],
            3,
            null
        ])
    );
}

#[test]
fn diagnostics_channel_publishes_to_subscribers() {
    let v = cjs("const dc = require('diagnostics_channel'); const got = [];
        const ch = dc.channel('my-channel'); const before = ch.hasSubscribers;
        const fn = (msg, name) => got.push([name, msg.x]); dc.subscribe('my-channel', fn); ch.publish({ x: 1 }); dc.unsubscribe('my-channel', fn); ch.publish({ x: 2 });
        return [before, got, ch.hasSubscribers];");
    assert_eq!(v, json!([false, [["my-channel", 1]], false]));
}

#[test]
fn timers_promises_wait_in_virtual_time_and_honour_abort() {
    let v = esm(
        "import { setTimeout as sleep, setInterval, setImmediate } from 'node:timers/promises';",
        "const t0 = Date.now(); const v = await sleep(100, 'done'); const t1 = Date.now() - t0;
        const ticks = []; for await (const x of setInterval(10, 'tick')) { ticks.push(Date.now() - t0); if (ticks.length === 3) break; }
        const ac = new AbortController(); const p = sleep(1000, null, { signal: ac.signal }); ac.abort();
        let e; try { await p; } catch (x) { e = [x.name, x.code]; }
        return [v, t1, ticks, e, await setImmediate(7)];",
    );
    assert_eq!(
        v,
        json!(["done", 100, [110, 120, 130], ["AbortError", "ABORT_ERR"], 7])
    );
}

#[test]
fn os_reports_a_lambda_linux_host_sized_by_memory() {
    let v = cjs("const os = require('os');
        return [os.platform(), os.type(), os.arch(), os.EOL, os.tmpdir(), os.totalmem(), os.cpus().length, os.availableParallelism(), os.endianness(), /^169\\.254\\./.test(os.hostname()), os.userInfo().username];");
    assert_eq!(
        v,
        json!([
            "linux",
            "Linux",
            "x64",
            "\n",
            "/tmp",
            134217728,
            2,
            2,
            "LE",
            true,
            "sbx_user1051"
        ])
    );
}

#[test]
fn querystring_parses_and_stringifies_like_node() {
    let v = cjs("const qs = require('querystring');
        const p = qs.parse('a=1&b=x+y&a=2&c=%E2%9C%93&d');
        return [{ ...p }, qs.stringify({ a: [1, 2], b: 'x y', c: true, d: null, e: '✓' }), qs.escape('a b/c'), qs.unescape('%41%zz')];");
    assert_eq!(
        v,
        json!([{"a": ["1", "2"], "b": "x y", "c": "✓", "d": ""}, "a=1&a=2&b=x%20y&c=true&d=&e=%E2%9C%93", "a%20b%2Fc", "A%zz"])
    );
}

#[test]
fn string_decoder_keeps_split_characters_whole() {
    let v = cjs("const { StringDecoder } = require('string_decoder'); const d = new StringDecoder('utf8'); const euro = Buffer.from('€');
        const a = d.write(euro.subarray(0, 1)), b = d.write(euro.subarray(1)), c = d.end(Buffer.from([0xe2]));
        return [a, b, c];");
    assert_eq!(v, json!(["", "€", "\u{fffd}"]));
}

#[test]
fn unsupported_built_ins_fail_with_a_clear_error() {
    let v = cjs("require('node:vm');");
    assert_eq!(
        v,
        json!({"error": "Error: Stratus does not support the node:vm module", "code": "ERR_STRATUS_UNSUPPORTED"})
    );
}

#[test]
fn create_require_loads_built_ins_and_files_from_an_es_module() {
    let v = esm(
        "import { createRequire, isBuiltin } from 'node:module'; const require = createRequire(import.meta.url);",
        "return [require('path').join('a', 'b'), require('./lib.cjs').x, isBuiltin('node:fs'), import.meta.url, require('tty').isatty(1), require('worker_threads').isMainThread];",
    );
    assert_eq!(
        v,
        json!(["a/b", 7, true, "file:///var/task/index.mjs", false, true])
    );
}

#[test]
fn stream_consumers_read_a_stream_to_its_end() {
    let v = cjs("const { text, json } = require('stream/consumers'); const { Readable } = require('stream');
        return [await text(Readable.from(['a', 'b'])), await json(ReadableStream.from([new TextEncoder().encode('{\"k\":1}')]))];");
    assert_eq!(v, json!(["ab", {"k": 1}]));
}

#[test]
fn err_invalid_arg_type_names_types_and_classes_like_node() {
    let v = cjs("const e = []; const EE = require('events');
        try { new EE().on('x', 1); } catch (x) { e.push(x.message); }
        try { require('util').promisify(null); } catch (x) { e.push(x.message); }
        try { Buffer.concat('x'); } catch (x) { e.push(x.message); }
        return e;");
    assert_eq!(
        v,
        json!([
            "The \"listener\" argument must be of type function. Received type number (1)",
            "The \"original\" argument must be of type function. Received null",
            "The \"list\" argument must be an instance of Array. Received type string ('x')"
        ])
    );
}

#[test]
fn process_stdout_and_a_console_over_it_log_lines_as_written() {
    let l = super::testing::lines(
        "process.stdout.write('raw one\\nraw '); process.stdout.write('two\\n');
        const { Console } = require('node:console'); const c = new Console({ stdout: process.stdout, stderr: process.stderr });
        c.log(JSON.stringify({ level: 'INFO', message: 'hi' })); c.error('bad %d', 1); console.log('formatted');
        return [process.stdout.isTTY, process.stderr.fd, typeof console.Console];",
    );
    assert_eq!(l[0], "raw one");
    assert_eq!(l[1], "raw two");
    assert_eq!(l[2], "{\"level\":\"INFO\",\"message\":\"hi\"}");
    assert_eq!(l[3], "bad 1");
    assert!(l[4].ends_with("\tINFO\tformatted"), "{}", l[4]);
}
