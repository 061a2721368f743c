//! `zlib` as Node behaves: round trips, streams made by real zlib and gzip
//! read back, and zlib's own errors for data that is not what it claims.

use serde_json::json;

use super::crypto_tests::answer;

#[test]
fn gzip_deflate_and_raw_round_trip_through_node_apis() {
    let v = answer(
        "const text = 'stratus '.repeat(200);
         const out = [];
         for (const [c, d] of [['gzipSync', 'gunzipSync'], ['deflateSync', 'inflateSync'], ['deflateRawSync', 'inflateRawSync'], ['gzipSync', 'unzipSync'], ['deflateSync', 'unzipSync']]) {
           const packed = zlib[c](text, { level: 9 });
           out.push(Buffer.isBuffer(packed) && packed.length < text.length && zlib[d](packed).toString() === text);
         }
         const gz = zlib.gzipSync(Buffer.from('x'));
         out.push(gz.subarray(0, 4).toString('hex'), gz[9]);
         out.push(zlib.deflateSync('x').subarray(0, 2).toString('hex'));
         return out;",
    );
    assert_eq!(
        v,
        json!([true, true, true, true, true, "1f8b0800", 3, "789c"])
    );
}

#[test]
fn streams_written_by_real_gzip_and_zlib_are_read() {
    let v = answer(
        "const gz = Buffer.from('1f8b08088b530e6b000368656c6c6f2e74787400f348cdc9c957482bcacf554854284a4dcc5148afca2ce002005d56929017000000', 'hex');
         const z = Buffer.from('789c2b2e294a2c292d562846a50172230983', 'hex');
         const raw = Buffer.from('2b4a2c5748494dcb492c490500', 'hex');
         const twice = Buffer.concat([gz, gz]);
         return [zlib.gunzipSync(gz).toString(), zlib.inflateSync(z).toString(), zlib.inflateRawSync(raw).toString(), zlib.gunzipSync(twice).toString().length,
                 zlib.crc32('hello'), zlib.crc32('world', zlib.crc32('hello '))];",
    );
    assert_eq!(
        v,
        json!([
            "Hello from a real gzip\n",
            "stratus stratus stratus",
            "raw deflate",
            46,
            0x3610_a686_u32,
            222_957_957_u32
        ])
    );
}

#[test]
fn bad_input_fails_with_zlibs_messages_and_codes() {
    let v = answer(
        "const out = [];
         const gz = zlib.gzipSync('some text that is long enough');
         const flipped = Buffer.from(gz); flipped[flipped.length - 6] ^= 1;
         for (const f of [() => zlib.gunzipSync(Buffer.from('not gzip at all')), () => zlib.inflateSync(Buffer.from('nope')),
                          () => zlib.gunzipSync(gz.subarray(0, gz.length - 4)), () => zlib.gunzipSync(flipped), () => zlib.gzipSync(42)]) {
           try { f(); out.push('no error'); } catch (e) { out.push(e.name + '|' + e.code + '|' + e.errno + '|' + e.message); }
         }
         out.push(await new Promise((r) => zlib.gunzip(Buffer.from('junk'), (e) => r(e.code))));
         out.push(await new Promise((r) => zlib.gzip('abc', (e, b) => r(zlib.gunzipSync(b).toString()))));
         return out;",
    );
    assert_eq!(
        v,
        json!([
            "Error|Z_DATA_ERROR|-3|incorrect header check",
            "Error|Z_DATA_ERROR|-3|incorrect header check",
            "Error|Z_BUF_ERROR|-5|unexpected end of file",
            "Error|Z_DATA_ERROR|-3|incorrect data check",
            "TypeError|ERR_INVALID_ARG_TYPE|undefined|The \"buffer\" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer. Received type number (42)",
            "Z_DATA_ERROR",
            "abc"
        ])
    );
}

#[test]
fn brotli_and_streams_say_they_are_not_supported() {
    let v = answer(
        "const out = [];
         for (const f of [() => zlib.brotliCompressSync('x'), () => zlib.createGzip()]) { try { f(); out.push('no error'); } catch (e) { out.push(e.code); } }
         return out;",
    );
    assert_eq!(
        v,
        json!([
            "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM",
            "ERR_FEATURE_UNAVAILABLE_ON_PLATFORM"
        ])
    );
}

#[test]
fn a_cloudwatch_logs_subscription_payload_decodes_as_handlers_decode_it() {
    // `event.awslogs.data` is base64 of gzipped JSON (this one made by Python's gzip).
    let v = answer(
        "const data = 'H4sIAAAAAAACA6tWyk0tLk5MTw2pLEhVslJycQxxjPd1DQ52dHdV0lHKyU93L8ovLQDK6CeWF+vnJOYmpSTq5xelpBYVQ+Rdy1LzSoqVrKKrlTJTgOoMgcIlmUBTSxJzgfoMzc3MjYxMzQxAQAdmG1BdRmpOTr5SbWwtAJYTjm+DAAAA';
         const payload = JSON.parse(zlib.gunzipSync(Buffer.from(data, 'base64')).toString('utf8'));
         return [payload.logGroup, payload.logEvents[0].message];",
    );
    assert_eq!(v, json!(["/aws/lambda/orders", "hello"]));
}
