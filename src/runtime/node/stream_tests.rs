//! node:stream and stream/promises as Node 24 behaves.

use serde_json::json;

use super::testing::{cjs, esm};

#[test]
fn readable_from_an_array_iterates_and_emits_end() {
    let v = cjs("const { Readable } = require('stream'); const got = [];
        for await (const x of Readable.from(['a', 'b', 'c'])) got.push(x);
        const events = []; const r = Readable.from([1, 2]);
        r.on('data', (d) => events.push('data:' + d)); await new Promise((res) => r.on('end', () => { events.push('end'); res(); }));
        await new Promise((res) => setImmediate(res));
        return [got, events, r.readableEnded, r.destroyed];");
    assert_eq!(
        v,
        json!([["a", "b", "c"], ["data:1", "data:2", "end"], true, true])
    );
}

#[test]
fn a_custom_readable_pushes_buffers_and_set_encoding_decodes_them() {
    let v = cjs("const { Readable } = require('stream'); let i = 0;
        const r = new Readable({ read() { i++; this.push(i <= 3 ? Buffer.from('€'.repeat(1)).subarray(0, 3) : null); } });
        r.setEncoding('utf8'); let s = ''; for await (const c of r) s += c;
        const raw = new Readable({ read() {} }); raw.push('ab'); raw.push(Buffer.from('cd')); raw.push(null);
        const chunks = []; for await (const c of raw) chunks.push(Buffer.isBuffer(c) ? c.toString() : 'not a buffer');
        return [s, chunks.join('')];");
    assert_eq!(v, json!(["€€€", "abcd"]));
}

#[test]
fn writable_collects_chunks_and_emits_finish_then_close() {
    let v = cjs("const { Writable } = require('stream'); const chunks = []; const events = [];
        const w = new Writable({ write(chunk, enc, cb) { chunks.push(chunk.toString() + ':' + enc); setTimeout(cb, 1); } });
        w.on('finish', () => events.push('finish')); w.on('close', () => events.push('close'));
        w.write('a'); w.write(Buffer.from('b')); w.end('c');
        await new Promise((r) => w.on('close', r));
        let e; w.write('late', (err) => { e = err && err.code; }); w.on('error', () => {});
        await new Promise((r) => setImmediate(r));
        return [chunks, events, w.writableFinished, e];");
    assert_eq!(
        v,
        json!([
            ["a:buffer", "b:buffer", "c:buffer"],
            ["finish", "close"],
            true,
            "ERR_STREAM_WRITE_AFTER_END"
        ])
    );
}

#[test]
fn writable_reports_backpressure_and_drain() {
    let v = cjs("const { Writable } = require('stream'); const log = [];
        const w = new Writable({ highWaterMark: 4, write(c, e, cb) { setTimeout(cb, 1); } });
        log.push(w.write('ab')); log.push(w.write('cd')); log.push(w.writableNeedDrain);
        await new Promise((r) => w.once('drain', r)); log.push('drained', w.writableLength);
        return log;");
    assert_eq!(v, json!([true, false, true, "drained", 0]));
}

#[test]
fn transform_and_pipeline_uppercase_a_stream() {
    let v = cjs("const { Readable, Transform, Writable, pipeline } = require('stream');
        const upper = new Transform({ transform(chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); }, flush(cb) { this.push('!'); cb(); } });
        let out = ''; const sink = new Writable({ write(c, e, cb) { out += c; cb(); } });
        const err = await new Promise((res) => pipeline(Readable.from(['ab', 'cd']), upper, sink, res));
        return [err === undefined, out];");
    assert_eq!(v, json!([true, "ABCD!"]));
}

#[test]
fn stream_promises_pipeline_accepts_async_generators() {
    let v = esm(
        "import { pipeline } from 'node:stream/promises'; import { Readable, PassThrough } from 'node:stream';",
        "const seen = [];
        await pipeline(Readable.from([1, 2, 3]), async function* (src) { for await (const n of src) yield n * 10; }, new PassThrough({ objectMode: true }),
          async (src) => { for await (const n of src) seen.push(n); });
        let failed; try { await pipeline(Readable.from([1]), async function* (src) { for await (const n of src) throw new Error('bad ' + n); }, async (src) => { for await (const _ of src); }); } catch (e) { failed = e.message; }
        return [seen, failed];",
    );
    assert_eq!(v, json!([[10, 20, 30], "bad 1"]));
}

#[test]
fn finished_reports_completion_or_premature_close() {
    let v = cjs("const { PassThrough, finished } = require('stream'); const { finished: done } = require('stream/promises');
        const p = new PassThrough(); const r1 = done(p); p.resume(); p.end('x'); await r1;
        const q = new PassThrough(); const r2 = new Promise((res) => finished(q, res)); q.destroy();
        const e = await r2;
        return ['ok', e.code, e.message];");
    assert_eq!(
        v,
        json!(["ok", "ERR_STREAM_PREMATURE_CLOSE", "Premature close"])
    );
}

#[test]
fn readable_pipe_moves_data_to_a_writable_and_helpers_map_and_collect() {
    let v = cjs("const { Readable, Writable, PassThrough } = require('stream');
        const pt = new PassThrough(); Readable.from(['x', 'y']).pipe(pt);
        let s = ''; for await (const c of pt) s += c;
        const doubled = await Readable.from([1, 2, 3]).map((n) => n * 2).filter((n) => n > 2).toArray();
        return [s, doubled, new PassThrough() instanceof Writable, new PassThrough() instanceof Readable];");
    assert_eq!(v, json!(["xy", [4, 6], true, true]));
}

#[test]
fn destroy_with_an_error_emits_error_then_close() {
    let v = cjs("const { Readable } = require('stream'); const log = [];
        const r = new Readable({ read() {} }); r.on('error', (e) => log.push('error:' + e.message)); r.on('close', () => log.push('close'));
        r.destroy(new Error('x')); await new Promise((res) => setImmediate(res));
        let thrown; try { for await (const _ of new Readable({ read() { this.destroy(new Error('iter')); } })); } catch (e) { thrown = e.message; }
        return [log, r.destroyed, r.errored.message, thrown];");
    assert_eq!(v, json!([["error:x", "close"], true, "x", "iter"]));
}

#[test]
fn node_streams_convert_to_and_from_web_streams() {
    let v = cjs("const { Readable, Writable } = require('stream');
        const fromWeb = Readable.fromWeb(ReadableStream.from([new TextEncoder().encode('ab'), new TextEncoder().encode('c')]));
        let s = ''; for await (const c of fromWeb) s += c.toString();
        const web = Readable.toWeb(Readable.from(['x', 'y']));
        const parts = []; for await (const c of web) parts.push(new TextDecoder().decode(c));
        const got = []; await ReadableStream.from(['p', 'q']).pipeTo(Writable.toWeb(new Writable({ write(c, e, cb) { got.push(c.toString()); cb(); } })));
        return [s, parts, got];");
    assert_eq!(v, json!(["abc", ["x", "y"], ["p", "q"]]));
}
