//! Response streaming as Lambda's Node.js runtime offers it: the `awslambda`
//! global, `streamifyResponse` and `HttpResponseStream.from`, and the streamed
//! body assembled as the invocation's answer.

use serde_json::json;

use super::tests::{config, esm, run, run_through_waits, T0};
use super::Environment;

#[test]
fn a_streamed_body_is_the_answer_once_the_stream_ends() {
    let mut env = esm(
        "export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {
           responseStream.setContentType('text/plain');
           responseStream.write('Hello, ');
           await new Promise((r) => setTimeout(r, 100));
           responseStream.write(Buffer.from(context.functionName));
           responseStream.end('!');
         });",
    );
    let out = run_through_waits(&mut env, "req-1", T0);
    assert_eq!(out.result.unwrap(), json!("Hello, my-function!"));
}

#[test]
fn a_streamed_json_body_answers_as_json() {
    let mut env = esm(
        "export const handler = awslambda.streamifyResponse(async (event, stream) => {
           stream.write('{\"items\":[1,');
           stream.end('2]}');
         });",
    );
    assert_eq!(
        run(&mut env, json!({})).result.unwrap(),
        json!({"items": [1, 2]})
    );
}

#[test]
fn a_streaming_handler_with_three_parameters_loads_on_node_24() {
    // Node.js 24 refuses callback handlers (three parameters), but not streaming ones.
    let source = "export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => { responseStream.end('ok'); });";
    let mut c = config("index.handler", &[("index.mjs", source)]);
    c.runtime = "nodejs24.x".to_string();
    let mut env = Environment::init(c, T0).expect("a streaming handler loads");
    assert_eq!(run(&mut env, json!({})).result.unwrap(), json!("ok"));
}

#[test]
fn http_response_stream_writes_the_metadata_prelude_then_eight_nul_bytes() {
    let mut env = esm(
        "export const handler = awslambda.streamifyResponse(async (event, responseStream) => {
           const stream = awslambda.HttpResponseStream.from(responseStream, { statusCode: 201, headers: { 'X-Custom-Header': 'v' } });
           stream.write('body');
           stream.end();
         });",
    );
    let out = run(&mut env, json!({})).result.unwrap();
    assert_eq!(
        out,
        json!(format!(
            "{{\"statusCode\":201,\"headers\":{{\"X-Custom-Header\":\"v\"}}}}{}body",
            "\u{0}".repeat(8)
        ))
    );
}

#[test]
fn a_streaming_handler_that_throws_fails_its_invocation() {
    let mut env = esm(
        "export const handler = awslambda.streamifyResponse(async (event, stream) => { stream.write('part'); throw new TypeError('bad input'); });",
    );
    let err = run(&mut env, json!({})).result.unwrap_err();
    assert_eq!(err.error_type, "TypeError");
    assert_eq!(err.error_message, "bad input");
}

#[test]
fn awslambda_is_there_for_every_handler_and_not_enumerable() {
    let mut env = esm(
        "export const handler = async () => [typeof awslambda.streamifyResponse, typeof awslambda.HttpResponseStream.from, Object.keys(globalThis).includes('awslambda')];",
    );
    assert_eq!(
        run(&mut env, json!({})).result.unwrap(),
        json!(["function", "function", false])
    );
}

#[test]
fn the_developer_guides_pipeline_example_streams_the_event_back() {
    let mut env = esm(
        "import { pipeline } from 'node:stream/promises';
         import { Readable } from 'node:stream';
         export const handler = awslambda.streamifyResponse(async (event, responseStream, _context) => {
           const requestStream = Readable.from(Buffer.from(JSON.stringify(event)));
           await pipeline(requestStream, responseStream);
         });",
    );
    assert_eq!(
        run(&mut env, json!({"hello": "stream", "n": [1, 2]}))
            .result
            .unwrap(),
        json!({"hello": "stream", "n": [1, 2]})
    );
}
