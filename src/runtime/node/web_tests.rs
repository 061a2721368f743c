//! The web globals: TextEncoder/TextDecoder, atob/btoa, AbortController,
//! structuredClone, EventTarget, performance, DOMException.

use serde_json::json;

use super::testing::cjs;

#[test]
fn text_encoder_and_decoder_round_trip_utf8() {
    let v = cjs("const e = new TextEncoder().encode('héllo €𝄞');
        const d = new TextDecoder();
        const part = d.decode(e.subarray(0, 7), { stream: true }) + d.decode(e.subarray(7));
        return [Array.from(e), part, new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xff])), new TextEncoder().encoding,
          new TextDecoder('latin1').encoding, new TextDecoder('utf-16le').decode(new Uint8Array([0x61, 0, 0x62, 0])), new TextEncoder().encodeInto('aé', new Uint8Array(2))];");
    assert_eq!(
        v,
        json!([
            [104, 195, 169, 108, 108, 111, 32, 226, 130, 172, 240, 157, 132, 158],
            "héllo €𝄞",
            "a\u{fffd}",
            "utf-8",
            "windows-1252",
            "ab",
            {"read": 1, "written": 1}
        ])
    );
}

#[test]
fn a_fatal_text_decoder_rejects_invalid_utf8() {
    let v = cjs("new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xc3]));");
    assert_eq!(
        v,
        json!({"error": "TypeError: The encoded data was not valid for encoding utf-8", "code": "ERR_ENCODING_INVALID_ENCODED_DATA"})
    );
    let v = cjs("new TextDecoder('klingon');");
    assert_eq!(
        v,
        json!({"error": "RangeError: The \"klingon\" encoding is not supported", "code": "ERR_ENCODING_NOT_SUPPORTED"})
    );
}

#[test]
fn atob_and_btoa_use_latin1_and_throw_invalid_character_error() {
    let v = cjs("let e; try { btoa('€'); } catch (x) { e = [x.name, x.message, x.code, x instanceof DOMException, x instanceof Error]; }
        return [btoa('hello'), atob('aGVsbG8='), atob(' aGVs bG8 '), e];");
    assert_eq!(
        v,
        json!([
            "aGVsbG8=",
            "hello",
            "hello",
            ["InvalidCharacterError", "Invalid character", 5, true, true]
        ])
    );
}

#[test]
fn abort_controller_aborts_with_an_abort_error_or_a_reason() {
    let v = cjs("const c = new AbortController(); const seen = [];
        c.signal.addEventListener('abort', (e) => seen.push(e.type));
        c.signal.onabort = () => seen.push('onabort');
        c.abort(); c.abort();
        const r = AbortSignal.abort('why');
        let thrown; try { c.signal.throwIfAborted(); } catch (e) { thrown = e.name + ': ' + e.message; }
        return [c.signal.aborted, c.signal.reason.name, c.signal.reason.message, seen, r.reason, thrown];");
    assert_eq!(
        v,
        json!([
            true,
            "AbortError",
            "This operation was aborted",
            ["onabort", "abort"],
            "why",
            "AbortError: This operation was aborted"
        ])
    );
}

#[test]
fn abort_signal_timeout_fires_in_virtual_time_with_a_timeout_error() {
    let v = cjs("const s = AbortSignal.timeout(50); const t0 = Date.now();
        const any = AbortSignal.any([s, new AbortController().signal]);
        await new Promise((r) => s.addEventListener('abort', r));
        return [s.aborted, s.reason.name, s.reason.message, s.reason.code, Date.now() - t0, any.aborted, any.reason === s.reason];");
    assert_eq!(
        v,
        json!([
            true,
            "TimeoutError",
            "The operation was aborted due to timeout",
            23,
            50,
            true,
            true
        ])
    );
}

#[test]
fn structured_clone_copies_maps_sets_dates_cycles_and_buffers() {
    let v = cjs("const o = { d: new Date(5), m: new Map([[1, { x: 1 }]]), s: new Set(['a']), r: /x/gi, u: new Uint8Array([1, 2]), n: null };
        o.self = o;
        const c = structuredClone(o);
        let fail; try { structuredClone({ f() {} }); } catch (e) { fail = [e.name, e.code, e instanceof DOMException]; }
        return [c !== o, c.self === c, c.d instanceof Date && c.d.getTime(), c.m.get(1).x, c.m.get(1) !== o.m.get(1), [...c.s], String(c.r), Array.from(c.u), c.u.buffer !== o.u.buffer, fail];");
    assert_eq!(
        v,
        json!([
            true,
            true,
            5,
            1,
            true,
            ["a"],
            "/x/gi",
            [1, 2],
            true,
            ["DataCloneError", 25, true]
        ])
    );
}

#[test]
fn event_target_dispatches_to_listeners_once_and_by_handle_event() {
    let v = cjs("const t = new EventTarget(); const seen = [];
        t.addEventListener('ping', (e) => seen.push('a:' + e.type), { once: true });
        t.addEventListener('ping', { handleEvent: (e) => seen.push('b:' + (e.target === t)) });
        t.dispatchEvent(new Event('ping')); t.dispatchEvent(new Event('ping'));
        const ce = new CustomEvent('c', { detail: 7 });
        return [seen, ce.detail, ce instanceof Event];");
    assert_eq!(v, json!([["a:ping", "b:true", "b:true"], 7, true]));
}

#[test]
fn performance_now_runs_in_virtual_time_from_the_environment_start() {
    let v = cjs(
        "const a = performance.now(); await new Promise((r) => setTimeout(r, 250));
        return [a, performance.now(), performance.timeOrigin === Date.now() - 250];",
    );
    assert_eq!(v, json!([0, 250, true]));
}

#[test]
fn the_web_globals_are_not_enumerable_and_can_be_replaced() {
    let v = cjs("const keys = Object.keys(globalThis).filter((k) => ['URL', 'TextEncoder', 'Buffer', 'structuredClone'].includes(k));
        globalThis.TextEncoder = 1;
        return [keys, TextEncoder, typeof URL, typeof Blob, typeof queueMicrotask, typeof navigator.hardwareConcurrency];");
    assert_eq!(
        v,
        json!([[], 1, "function", "function", "function", "number"])
    );
}
