//! node:events as Node 24 behaves.

use serde_json::json;

use super::testing::cjs;

#[test]
fn event_emitter_calls_listeners_in_order_with_once_and_prepend() {
    let v = cjs("const EventEmitter = require('events'); const e = new EventEmitter(); const seen = [];
        e.on('x', (a) => seen.push('on:' + a)); e.once('x', (a) => seen.push('once:' + a)); e.prependListener('x', () => seen.push('first'));
        const r1 = e.emit('x', 1); e.emit('x', 2); const r2 = e.emit('nobody');
        return [seen, r1, r2, e.listenerCount('x'), e.eventNames(), EventEmitter.EventEmitter === EventEmitter, EventEmitter.defaultMaxListeners];");
    assert_eq!(
        v,
        json!([
            ["first", "on:1", "once:1", "first", "on:2"],
            true,
            false,
            2,
            ["x"],
            true,
            10
        ])
    );
}

#[test]
fn an_error_event_without_a_listener_throws() {
    let v = cjs("const { EventEmitter } = require('node:events'); const e = new EventEmitter();
        let a, b; try { e.emit('error', new Error('boom')); } catch (x) { a = x.message; }
        try { e.emit('error', 'text'); } catch (x) { b = [x.code, x.message]; }
        const seen = []; e.on(EventEmitter.errorMonitor, (err) => seen.push('monitor:' + err)); e.on('error', (err) => seen.push('handled:' + err));
        e.emit('error', 'z');
        return [a, b, seen];");
    assert_eq!(
        v,
        json!([
            "boom",
            ["ERR_UNHANDLED_ERROR", "Unhandled error. ('text')"],
            ["monitor:z", "handled:z"]
        ])
    );
}

#[test]
fn emitters_subclass_by_class_or_by_util_inherits() {
    let v = cjs("const EventEmitter = require('events'); const util = require('util');
        class A extends EventEmitter {} function B() { EventEmitter.call(this); } util.inherits(B, EventEmitter);
        const a = new A(), b = new B(); let got = [];
        a.on('m', (v) => got.push(v)); b.on('m', (v) => got.push(v)); a.emit('m', 'a'); b.emit('m', 'b');
        return [got, b instanceof EventEmitter, B.super_ === EventEmitter];");
    assert_eq!(v, json!([["a", "b"], true, true]));
}

#[test]
fn remove_listener_and_new_listener_events() {
    let v = cjs("const EventEmitter = require('events'); const e = new EventEmitter(); const log = [];
        e.on('newListener', (n) => log.push('new:' + n)); e.on('removeListener', (n) => log.push('removed:' + n));
        const f = () => {}; e.on('a', f); e.off('a', f); e.once('b', f); e.removeListener('b', f); e.on('c', f); e.removeAllListeners('c');
        return [log, e.listeners('a').length];");
    assert_eq!(
        v,
        json!([
            [
                "new:removeListener",
                "new:a",
                "removed:a",
                "new:b",
                "removed:b",
                "new:c",
                "removed:c"
            ],
            0
        ])
    );
}

#[test]
fn events_once_resolves_with_the_arguments_or_rejects_on_error() {
    let v = cjs("const { once, EventEmitter } = require('events'); const e = new EventEmitter();
        setTimeout(() => e.emit('ready', 1, 2), 10);
        const args = await once(e, 'ready');
        setTimeout(() => e.emit('error', new Error('bad')), 10);
        let err; try { await once(e, 'never'); } catch (x) { err = x.message; }
        const ac = new AbortController(); setTimeout(() => ac.abort(), 5);
        let aborted; try { await once(e, 'never', { signal: ac.signal }); } catch (x) { aborted = [x.name, x.code]; }
        return [args, err, aborted];");
    assert_eq!(v, json!([[1, 2], "bad", ["AbortError", "ABORT_ERR"]]));
}

#[test]
fn events_on_iterates_events_asynchronously() {
    let v = cjs(
        "const { on, EventEmitter } = require('events'); const e = new EventEmitter();
        setTimeout(() => { e.emit('d', 1); e.emit('d', 2); e.emit('d', 3); }, 1);
        const got = []; for await (const [v] of on(e, 'd')) { got.push(v); if (v === 3) break; }
        return [got, e.listenerCount('d')];",
    );
    assert_eq!(v, json!([[1, 2, 3], 0]));
}

#[test]
fn capture_rejections_routes_a_rejected_listener_to_error() {
    let v = cjs("const EventEmitter = require('events'); const e = new EventEmitter({ captureRejections: true });
        const got = new Promise((r) => e.on('error', (err) => r(err.message)));
        e.on('job', async () => { throw new Error('async fail'); }); e.emit('job');
        return await got;");
    assert_eq!(v, json!("async fail"));
}

#[test]
fn set_max_listeners_rejects_a_negative_number() {
    let v = cjs("new (require('events'))().setMaxListeners(-1);");
    assert_eq!(
        v,
        json!({"error": "RangeError: The value of \"n\" is out of range. It must be a non-negative number. Received -1", "code": "ERR_OUT_OF_RANGE"})
    );
}
