//! ReadableStream, WritableStream, TransformStream as Node 24 has them.

use serde_json::json;

use super::testing::cjs;

#[test]
fn a_readable_stream_is_read_by_a_reader_and_by_for_await() {
    let v = cjs("let n = 0;
        const rs = new ReadableStream({ pull(c) { n++; if (n > 3) c.close(); else c.enqueue(n); } });
        const r = rs.getReader(); const a = await r.read(); const b = await r.read(); r.releaseLock();
        const rest = []; for await (const x of rs) rest.push(x);
        let locked; const s2 = new ReadableStream(); s2.getReader(); try { s2.getReader(); } catch (e) { locked = [e.code, e.message]; }
        return [a, b, rest, locked];");
    assert_eq!(
        v,
        json!([{"value": 1, "done": false}, {"value": 2, "done": false}, [3], ["ERR_INVALID_STATE", "Invalid state: ReadableStream is locked"]])
    );
}

#[test]
fn pipe_through_a_transform_stream_into_a_writable_stream() {
    let v = cjs("const out = [];
        const upper = new TransformStream({ transform(chunk, c) { c.enqueue(chunk.toUpperCase()); }, flush(c) { c.enqueue('!'); } });
        await ReadableStream.from(['a', 'b']).pipeThrough(upper).pipeTo(new WritableStream({ write(c) { out.push(c); } }));
        const bytes = ReadableStream.from(['hé', 'llo']).pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream());
        let text = ''; for await (const s of bytes) text += s;
        return [out, text];");
    assert_eq!(v, json!([["A", "B", "!"], "héllo"]));
}

#[test]
fn tee_gives_two_streams_with_the_same_chunks_and_errors_reject_reads() {
    let v = cjs("const [a, b] = ReadableStream.from([1, 2]).tee();
        const ra = []; for await (const x of a) ra.push(x); const rb = []; for await (const x of b) rb.push(x);
        const bad = new ReadableStream({ start(c) { c.error(new Error('broken')); } });
        let e; try { await bad.getReader().read(); } catch (x) { e = x.message; }
        return [ra, rb, e];");
    assert_eq!(v, json!([[1, 2], [1, 2], "broken"]));
}

#[test]
fn a_blob_streams_its_bytes() {
    let v = cjs("const chunks = []; for await (const c of new Blob(['abc']).stream()) chunks.push(Array.from(c)); return chunks;");
    assert_eq!(v, json!([[97, 98, 99]]));
}
