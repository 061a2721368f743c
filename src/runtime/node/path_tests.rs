//! node:path (POSIX) as Node 24 behaves.

use serde_json::json;

use super::testing::{cjs, esm};

#[test]
fn path_join_and_normalize_resolve_dot_segments_like_node() {
    let v = cjs("const path = require('path');
        return [path.join('/foo', 'bar', 'baz/asdf', 'quux', '..'), path.join('a', '', 'b/'), path.join(), path.normalize('/foo/bar//baz/asdf/quux/..'),
          path.normalize('./a/../../b'), path.normalize(''), path.normalize('a/..'), path.normalize('//x')];");
    assert_eq!(
        v,
        json!([
            "/foo/bar/baz/asdf",
            "a/b/",
            ".",
            "/foo/bar/baz/asdf",
            "../b",
            ".",
            ".",
            "/x"
        ])
    );
}

#[test]
fn path_resolve_and_relative_start_from_the_task_root() {
    let v = cjs("const path = require('node:path');
        return [path.resolve('/foo/bar', './baz'), path.resolve('/foo/bar', '/tmp/file/'), path.resolve('x'), path.resolve(),
          path.relative('/data/orandea/test/aaa', '/data/orandea/impl/bbb'), path.relative('/a', '/a'), path.isAbsolute('a'), path.isAbsolute('/a')];");
    assert_eq!(
        v,
        json!([
            "/foo/bar/baz",
            "/tmp/file",
            "/var/task/x",
            "/var/task",
            "../../impl/bbb",
            "",
            false,
            true
        ])
    );
}

#[test]
fn path_basename_dirname_extname_parse_and_format() {
    let v = cjs("const path = require('path');
        return [path.basename('/foo/bar/quux.html'), path.basename('/foo/bar/quux.html', '.html'), path.basename('/a/b/'), path.dirname('/foo/bar/baz/asdf/quux'),
          path.dirname('a'), path.dirname('/a'), path.extname('index.coffee.md'), path.extname('index.'), path.extname('.index'), path.extname('index'),
          path.parse('/home/user/dir/file.txt'), path.format({ root: '/ignored', dir: '/home/user/dir', base: 'file.txt' }), path.format({ root: '/', name: 'file', ext: 'txt' }),
          path.sep, path.delimiter, path.posix === path];");
    assert_eq!(
        v,
        json!([
            "quux.html", "quux", "b", "/foo/bar/baz/asdf", ".", "/", ".md", ".", "", "",
            {"root": "/", "dir": "/home/user/dir", "base": "file.txt", "ext": ".txt", "name": "file"},
            "/home/user/dir/file.txt", "/file.txt", "/", ":", true
        ])
    );
}

#[test]
fn path_functions_reject_non_strings_with_err_invalid_arg_type() {
    let v = cjs("return require('path').join('a', 42);");
    assert_eq!(
        v,
        json!({"error": "TypeError: The \"path\" argument must be of type string. Received type number (42)", "code": "ERR_INVALID_ARG_TYPE"})
    );
}

#[test]
fn path_named_imports_work_from_an_es_module() {
    let v = esm(
        "import { join, extname } from 'path'; import path from 'node:path';",
        "return [join('a', 'b'), extname('x.json'), path.basename('/q/r')];",
    );
    assert_eq!(v, json!(["a/b", ".json", "r"]));
}
