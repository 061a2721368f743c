//! `URL`, `URLSearchParams` and node:url as Node 24 behaves.

use serde_json::json;

use super::testing::{cjs, esm};

#[test]
fn url_parses_the_parts_of_a_special_url() {
    let v = cjs("const u = new URL('HTTPS://user:pa ss@Example.COM:443/a/./b/../c d?x=1 2#frag');
        return [u.href, u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search, u.hash, u.origin];");
    assert_eq!(
        v,
        json!([
            "https://user:pa%20ss@example.com/a/c%20d?x=1%202#frag",
            "https:",
            "user",
            "pa%20ss",
            "example.com",
            "example.com",
            "",
            "/a/c%20d",
            "?x=1%202",
            "#frag",
            "https://example.com"
        ])
    );
}

#[test]
fn url_resolves_relative_references_against_a_base() {
    let v = cjs("const b = 'http://h.com/a/b/c?q#f';
        return ['d', '../d', '/d', '?y', '#g', '//other/x', '', '.', 'https:z'].map((r) => new URL(r, b).href);");
    assert_eq!(
        v,
        json!([
            "http://h.com/a/b/d",
            "http://h.com/a/d",
            "http://h.com/d",
            "http://h.com/a/b/c?y",
            "http://h.com/a/b/c?q#g",
            "http://other/x",
            "http://h.com/a/b/c?q",
            "http://h.com/a/b/",
            "https://z/"
        ])
    );
}

#[test]
fn an_invalid_url_throws_err_invalid_url() {
    let v = cjs("try { new URL('not a url'); } catch (e) { return [e.name, e.message, e.code, e.input, e instanceof TypeError]; }");
    assert_eq!(
        v,
        json!([
            "TypeError",
            "Invalid URL",
            "ERR_INVALID_URL",
            "not a url",
            true
        ])
    );
    let v = cjs("return [URL.canParse('http://x'), URL.canParse('http://'), URL.parse('nope'), URL.canParse('/p', 'http://h')];");
    assert_eq!(v, json!([true, false, null, true]));
}

#[test]
fn url_hosts_ipv4_ipv6_ports_and_non_special_schemes() {
    let v = cjs("return [new URL('http://0x7f.1/').host, new URL('http://[0:0:0:0:0:0:0:1]:8080/').host,
        new URL('http://h:80/').port, new URL('http://h:8080/').port, new URL('mailto:a@b.c').pathname,
        new URL('s3://bucket/key/a b').href, new URL('file:///var/task/x.js').pathname, new URL('http://h').pathname];");
    assert_eq!(
        v,
        json!([
            "127.0.0.1",
            "[::1]:8080",
            "",
            "8080",
            "a@b.c",
            "s3://bucket/key/a%20b",
            "/var/task/x.js",
            "/"
        ])
    );
}

#[test]
fn search_params_are_bound_to_their_url() {
    let v = cjs(
        "const u = new URL('https://api.example.com/items?page=2&tag=a&tag=b');
        const p = u.searchParams;
        const before = [p.get('page'), p.getAll('tag'), p.has('x'), p.size];
        p.set('page', '3'); p.append('q', 'a b&c=d/é'); p.delete('tag');
        const after = u.href;
        u.search = '?z=1';
        return [before, after, p.get('z'), [...p.keys()]];",
    );
    assert_eq!(
        v,
        json!([
            ["2", ["a", "b"], false, 3],
            "https://api.example.com/items?page=3&q=a+b%26c%3Dd%2F%C3%A9",
            "1",
            ["z"]
        ])
    );
}

#[test]
fn urlsearchparams_parses_and_serializes_like_a_form() {
    let v = cjs("const p = new URLSearchParams('?a=1+2&b=%E2%9C%93&c&a=x');
        const o = new URLSearchParams({ k: 'v w', n: 1 });
        const l = new URLSearchParams([['x', '1'], ['y', '2']]);
        const s = new URLSearchParams('b=2&a=1&b=1'); s.sort();
        return [p.getAll('a'), p.get('b'), p.get('c'), o.toString(), l.toString(), s.toString(), Object.fromEntries(p), String(new URLSearchParams('a=~*'))];");
    assert_eq!(
        v,
        json!([
            ["1 2", "x"],
            "✓",
            "",
            "k=v+w&n=1",
            "x=1&y=2",
            "a=1&b=2&b=1",
            {"a": "x", "b": "✓", "c": ""},
            "a=%7E*"
        ])
    );
}

#[test]
fn file_urls_convert_to_paths_and_back() {
    let v = cjs("const { fileURLToPath, pathToFileURL } = require('node:url');
        let bad; try { fileURLToPath('http://x/y'); } catch (e) { bad = e.code; }
        return [fileURLToPath('file:///var/task/a%20b.js'), pathToFileURL('/tmp/x #1.txt').href, bad];");
    assert_eq!(
        v,
        json!([
            "/var/task/a b.js",
            "file:///tmp/x%20%231.txt",
            "ERR_INVALID_URL_SCHEME"
        ])
    );
}

#[test]
fn legacy_url_parse_and_format() {
    let v = cjs("const url = require('url');
        const u = url.parse('https://user:pw@host.com:8080/p/a/t/h?query=string#hash', true);
        return [u.protocol, u.auth, u.host, u.port, u.hostname, u.pathname, u.search, u.query.query, u.hash, u.path,
          url.format({ protocol: 'https', hostname: 'example.com', pathname: '/some/path', query: { page: 1, format: 'json' } }),
          url.resolve('http://example.com/one', '/two'), url.resolve('http://example.com/one/', 'two')];");
    assert_eq!(
        v,
        json!([
            "https:",
            "user:pw",
            "host.com:8080",
            "8080",
            "host.com",
            "/p/a/t/h",
            "?query=string",
            "string",
            "#hash",
            "/p/a/t/h?query=string",
            "https://example.com/some/path?page=1&format=json",
            "http://example.com/two",
            "http://example.com/one/two"
        ])
    );
}

#[test]
fn url_is_a_global_and_an_es_module_named_export() {
    let v = esm(
        "import { URL as U, fileURLToPath } from 'node:url'; import url from 'url';",
        "return [U === URL, typeof fileURLToPath, url.URLSearchParams === URLSearchParams, JSON.stringify({ u: new URL('http://a/b') })];",
    );
    assert_eq!(v, json!([true, "function", true, "{\"u\":\"http://a/b\"}"]));
}

#[test]
fn non_ascii_host_names_become_punycode() {
    let v = cjs("const url = require('url');
        return [new URL('https://Bücher.example/ä').href, url.domainToASCII('español.com'), url.domainToUnicode('xn--espaol-zwa.com'), new URL('http://日本語.jp').hostname];");
    assert_eq!(
        v,
        json!([
            "https://xn--bcher-kva.example/%C3%A4",
            "xn--espaol-zwa.com",
            "español.com",
            "xn--wgv71a119e.jp"
        ])
    );
}
