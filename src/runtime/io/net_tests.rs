//! The network as a Lambda function meets it in Stratus: there is no
//! internet, so `fetch`, `http`, `https`, `net` and `dns` fail as a call to a
//! host that does not resolve fails on Node, in virtual time; `data:` URLs
//! and the `Headers`/`Request`/`Response` classes work as undici's do.

use serde_json::json;

use super::crypto_tests::answer;
use crate::runtime::tests::{config, T0};
use crate::runtime::Environment;

#[test]
fn fetch_of_an_internet_host_rejects_with_fetch_failed_and_the_dns_cause() {
    let v = answer(
        "const t0 = Date.now();
         try { await fetch('https://api.example.com/v1/items?x=1', { method: 'POST', body: JSON.stringify({ a: 1 }) }); return 'resolved'; }
         catch (e) { return [e.name, e.message, e.cause.name, e.cause.message, e.cause.code, e.cause.errno, e.cause.syscall, e.cause.hostname, Date.now() - t0]; }",
    );
    assert_eq!(
        v,
        json!([
            "TypeError",
            "fetch failed",
            "Error",
            "getaddrinfo ENOTFOUND api.example.com",
            "ENOTFOUND",
            -3008,
            "getaddrinfo",
            "api.example.com",
            2
        ])
    );
}

#[test]
fn fetch_honours_an_abort_signal_aborted_before_or_during_the_request() {
    let v = answer(
        "const listeners = [];
         const signal = { aborted: false, reason: undefined, addEventListener: (t, f) => listeners.push(f), removeEventListener() {} };
         setTimeout(() => { signal.aborted = true; signal.reason = new Error('stop'); listeners.forEach((f) => f()); }, 1);
         const during = await fetch('http://example.com', { signal }).catch((e) => e.message);
         const before = await fetch('http://example.com', { signal }).catch((e) => e.message);
         const local = await fetch('http://localhost:3000/').catch((e) => e.cause.message);
         const invalid = await fetch('not a url').catch((e) => e.name + ': ' + e.message);
         return [during, before, local, invalid];",
    );
    assert_eq!(
        v,
        json!([
            "stop",
            "stop",
            "connect ECONNREFUSED 127.0.0.1:3000",
            "TypeError: Failed to parse URL from not a url"
        ])
    );
}

#[test]
fn data_urls_are_fetched_and_responses_read_as_undici_reads_them() {
    let v = answer(
        "const r = await fetch('data:application/json;base64,eyJhIjoxfQ==');
         const t = await fetch('data:,Hello%2C%20World%21');
         const out = [r.status, r.ok, r.headers.get('Content-Type'), await r.json(), await t.text(), t.headers.get('content-type')];
         try { await r.text(); } catch (e) { out.push(e.name + ': ' + e.message); }
         const j = Response.json({ ok: true }, { status: 201, headers: { 'X-Id': '7' } });
         out.push(j.status, j.statusText, j.headers.get('content-type'), j.headers.get('x-id'), await j.text());
         const b = new Response(new Uint8Array([104, 105]), { status: 404, statusText: 'Not Found' });
         out.push(b.ok, b.statusText, Array.from(new Uint8Array(await b.clone().arrayBuffer())), await b.text(), b.bodyUsed);
         return out;",
    );
    assert_eq!(
        v,
        json!([
            200, true, "application/json", {"a": 1}, "Hello, World!", "text/plain;charset=US-ASCII",
            "TypeError: Body is unusable: Body has already been read",
            201, "", "application/json", "7", "{\"ok\":true}",
            false, "Not Found", [104, 105], "hi", true
        ])
    );
}

#[test]
fn headers_are_case_insensitive_sorted_and_combined() {
    let v = answer(
        "const h = new Headers({ 'Content-Type': 'text/plain', Accept: 'a' });
         h.append('accept', 'b'); h.append('Set-Cookie', 'x=1'); h.append('set-cookie', 'y=2'); h.set('X-Trace', ' t ');
         const out = [h.get('ACCEPT'), h.has('content-type'), h.get('missing'), [...h], h.getSetCookie()];
         h.delete('Accept');
         out.push([...h.keys()]);
         try { h.set('bad name', 'v'); } catch (e) { out.push(e.message); }
         const req = new Request('https://example.com/a', { method: 'post', headers: [['x-a', '1']], body: 'hi' });
         out.push(req.method, req.url, req.headers.get('content-type'), await req.text());
         try { new Request('https://example.com', { body: 'x' }); } catch (e) { out.push(e.message); }
         return out;",
    );
    assert_eq!(
        v,
        json!([
            "a, b",
            true,
            null,
            [
                ["accept", "a, b"],
                ["content-type", "text/plain"],
                ["set-cookie", "x=1"],
                ["set-cookie", "y=2"],
                ["x-trace", "t"]
            ],
            ["x=1", "y=2"],
            ["content-type", "set-cookie", "set-cookie", "x-trace"],
            "Headers.set: \"bad name\" is an invalid header name.",
            "POST",
            "https://example.com/a",
            "text/plain;charset=UTF-8",
            "hi",
            "Request with GET/HEAD method cannot have body."
        ])
    );
}

#[test]
fn http_https_net_and_dns_fail_as_for_an_unreachable_host() {
    let files = [(
        "index.js",
        "const http = require('http'); const https = require('node:https'); const net = require('net'); const dns = require('dns');
         const onError = (emitter) => new Promise((r) => emitter.on('error', (e) => r([e.code, e.syscall, e.message])));
         exports.handler = async () => {
           const a = await onError(http.get('http://example.com/path'));
           const req = https.request({ hostname: 'hooks.example.org', method: 'POST', path: '/x' }); req.write('body'); req.end();
           const b = await onError(req);
           const c = await onError(net.connect(5432, '127.0.0.1'));
           const d = await new Promise((r) => dns.lookup('db.internal', (e) => r(e.message)));
           const e = await dns.promises.lookup('localhost');
           return [a, b, c, d, e, http.STATUS_CODES[404], net.isIP('10.0.0.1')];
         };",
    )];
    let mut c = config("index.handler", &files);
    c.limits.max_steps = 2_000_000;
    let mut env = Environment::init(c, T0).unwrap();
    assert_eq!(
        super::crypto_tests::answer_in(&mut env, "r"),
        json!([
            ["ENOTFOUND", "getaddrinfo", "getaddrinfo ENOTFOUND example.com"],
            ["ENOTFOUND", "getaddrinfo", "getaddrinfo ENOTFOUND hooks.example.org"],
            ["ECONNREFUSED", "connect", "connect ECONNREFUSED 127.0.0.1:5432"],
            "getaddrinfo ENOTFOUND db.internal",
            {"address": "127.0.0.1", "family": 4},
            "Not Found",
            4
        ])
    );
}

#[test]
fn process_modules_load_and_throw_a_clear_error_when_used() {
    let files = [(
        "index.mjs",
        "import { execSync } from 'node:child_process'; import { Worker, isMainThread } from 'worker_threads';
         export const handler = async () => { const out = [isMainThread];
           for (const f of [() => execSync('ls'), () => new Worker('x.js')]) { try { f(); out.push('no error'); } catch (e) { out.push(e.message); } }
           return out; };",
    )];
    let mut env = Environment::init(config("index.handler", &files), T0).unwrap();
    assert_eq!(
        super::crypto_tests::answer_in(&mut env, "r"),
        json!([
            true,
            "child_process.execSync is not supported in Stratus: there are no binaries to run in the simulated execution environment",
            "Stratus does not support worker_threads.Worker (Stratus runs one JavaScript thread per environment)"
        ])
    );
}

#[test]
fn a_request_error_nobody_listens_for_is_uncaught_and_ends_the_invocation() {
    let mut env = super::crypto_tests::env_for(
        "const https = await import('node:https'); https.get('https://example.com'); await new Promise((r) => setTimeout(r, 50)); return 'finished';",
    );
    let out = crate::runtime::tests::run_through_waits(&mut env, "r", T0);
    let err = out.result.expect_err("an uncaught error");
    assert_eq!(
        (err.error_type.as_str(), err.error_message.as_str()),
        ("Error", "getaddrinfo ENOTFOUND example.com")
    );
    assert!(!out.environment_reusable);
}
