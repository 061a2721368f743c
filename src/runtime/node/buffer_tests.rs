//! Buffer and node:buffer as Node 24 behaves.

use serde_json::json;

use super::testing::{cjs, esm};

#[test]
fn buffer_from_and_to_string_in_every_encoding() {
    let v = cjs("const b = Buffer.from('héllo wörld', 'utf8');
        return [b.length, b.toString('hex'), b.toString('base64'), b.toString('base64url'), b.toString('latin1').length,
          Buffer.from('68656c6c6f', 'hex').toString(), Buffer.from('aGVsbG8', 'base64').toString(), Buffer.from('_-8', 'base64url').toString('hex'),
          Buffer.from('hi', 'utf16le').toString('hex'), Buffer.from('hé', 'latin1').toString('hex'), Buffer.from([0xe9]).toString('ascii'),
          Buffer.from('héllo').toString('utf8', 1, 3), Buffer.byteLength('€'), Buffer.byteLength('aGk=', 'base64')];");
    assert_eq!(
        v,
        json!([
            13,
            "68c3a96c6c6f2077c3b6726c64",
            "aMOpbGxvIHfDtnJsZA==",
            "aMOpbGxvIHfDtnJsZA",
            13,
            "hello",
            "hello",
            "ffef",
            "68006900",
            "68e9",
            "i",
            "é",
            3,
            2
        ])
    );
}

#[test]
fn buffer_alloc_concat_compare_equals_and_json() {
    let v = cjs("const a = Buffer.alloc(4, 'ab'); const z = Buffer.alloc(3);
        const c = Buffer.concat([Buffer.from('x'), Buffer.from('yz')]);
        return [a.toString(), Array.from(z), c.toString(), Buffer.concat([c], 2).toString(), Buffer.compare(Buffer.from('a'), Buffer.from('b')),
          c.equals(Buffer.from('xyz')), JSON.stringify(Buffer.from('hi')), Buffer.isBuffer(c), Buffer.isBuffer(new Uint8Array(1)), c instanceof Uint8Array,
          Buffer.isEncoding('UTF-8'), Buffer.isEncoding('nope'), Buffer.from({ type: 'Buffer', data: [1, 2] }).length];");
    assert_eq!(
        v,
        json!([
            "abab",
            [0, 0, 0],
            "xyz",
            "xy",
            -1,
            true,
            "{\"type\":\"Buffer\",\"data\":[104,105]}",
            true,
            false,
            true,
            true,
            false,
            2
        ])
    );
}

#[test]
fn buffer_slice_and_subarray_share_memory_and_stay_buffers() {
    let v = cjs("const b = Buffer.from('hello'); const s = b.slice(1, 3); s[0] = 0x61; const m = b.map((x) => x + 1);
        return [b.toString(), s instanceof Buffer, b.subarray(2).toString(), m instanceof Buffer, Buffer.from(b.buffer, b.byteOffset, 2).toString()];");
    assert_eq!(v, json!(["hallo", true, "llo", true, "ha"]));
}

#[test]
fn buffer_reads_and_writes_numbers_in_both_byte_orders() {
    let v = cjs("const b = Buffer.alloc(17);
        const ends = [b.writeUInt16BE(0x1234, 0), b.writeInt32LE(-2, 2), b.writeDoubleBE(1.5, 6), b.writeUIntBE(0x123456, 14, 3)];
        const f = Buffer.alloc(8); f.writeFloatLE(0.5); f.writeBigInt64BE(-1n, 0);
        return [ends, b.readUInt16LE(0), b.readUint16BE(0), b.readInt32LE(2), b.readDoubleBE(6), b.readUIntBE(14, 3).toString(16), f.readBigUInt64LE(0).toString(), b.readInt8(2)];");
    assert_eq!(
        v,
        json!([
            [2, 6, 14, 17],
            0x3412,
            0x1234,
            -2,
            1.5,
            "123456",
            "18446744073709551615",
            -2
        ])
    );
}

#[test]
fn buffer_bounds_and_range_errors_read_like_node() {
    let v = cjs("return Buffer.alloc(2).readUInt32LE(0);");
    assert_eq!(
        v,
        json!({"error": "RangeError: Attempt to access memory outside buffer bounds", "code": "ERR_BUFFER_OUT_OF_BOUNDS"})
    );
    let v = cjs("return Buffer.alloc(4).readUInt16LE(3);");
    assert_eq!(
        v,
        json!({"error": "RangeError: The value of \"offset\" is out of range. It must be >= 0 and <= 2. Received 3", "code": "ERR_OUT_OF_RANGE"})
    );
    let v = cjs("return Buffer.alloc(1).writeUInt8(256);");
    assert_eq!(
        v,
        json!({"error": "RangeError: The value of \"value\" is out of range. It must be >= 0 and <= 255. Received 256", "code": "ERR_OUT_OF_RANGE"})
    );
    let v = cjs("return Buffer.from(42);");
    assert_eq!(
        v,
        json!({"error": "TypeError: The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. Received type number (42)", "code": "ERR_INVALID_ARG_TYPE"})
    );
    let v = cjs("return Buffer.from('x', 'utf9');");
    assert_eq!(
        v,
        json!({"error": "TypeError: Unknown encoding: utf9", "code": "ERR_UNKNOWN_ENCODING"})
    );
}

#[test]
fn buffer_search_fill_write_copy_and_swap() {
    let v = cjs("const b = Buffer.from('this is a buffer');
        const w = Buffer.alloc(6); const n = w.write('€€', 1);
        const t = Buffer.alloc(4); Buffer.from('abcdef').copy(t, 1, 2);
        return [b.indexOf('is'), b.indexOf('is', 3), b.lastIndexOf('is'), b.includes(Buffer.from('buf')), b.indexOf(97), b.indexOf('zz'),
          Buffer.alloc(5).fill('ab', 1).toString('hex'), n, w.toString('hex'), t.toString('hex'), Buffer.from([1, 2, 3, 4]).swap16().toString('hex')];");
    assert_eq!(
        v,
        json!([
            2,
            5,
            5,
            true,
            8,
            -1,
            "0061626162",
            3,
            "00e282ac0000",
            "00636465",
            "02010403"
        ])
    );
}

#[test]
fn blob_holds_bytes_and_reads_them_back() {
    let v = cjs("const b = new Blob(['héllo', Buffer.from(' w')], { type: 'Text/Plain' });
        const s = b.slice(1, 4);
        return [b.size, b.type, await b.text(), s.size, Array.from(new Uint8Array(await s.arrayBuffer())), require('buffer').Blob === Blob];");
    assert_eq!(
        v,
        json!([8, "text/plain", "héllo w", 3, [195, 169, 108], true])
    );
}

#[test]
fn node_buffer_exports_constants_and_named_imports() {
    let v = esm(
        "import { Buffer as B, constants, kMaxLength, isUtf8 } from 'node:buffer';",
        "return [B === Buffer, constants.MAX_LENGTH === kMaxLength, kMaxLength, isUtf8(Buffer.from([0xc3])), isUtf8(Buffer.from('é'))];",
    );
    assert_eq!(v, json!([true, true, 9007199254740991_u64, false, true]));
}

#[test]
fn a_large_buffer_encodes_within_the_step_budget() {
    let v = cjs("const s = 'x'.repeat(1 << 20); const b = Buffer.from(s); return [b.length, b.toString('base64').length, Buffer.from(b.toString('hex'), 'hex').length];");
    assert_eq!(v, json!([1048576, 1398104, 1048576]));
}
