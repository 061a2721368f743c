//! How the runtime reads a file of a function, and the syntax check the code
//! editor runs as a person types: a file loads as an ES module or as
//! CommonJS by the same rule the loader uses (`.mjs`; `.js` under a
//! package.json with `"type": "module"`, or with ES module syntax where the
//! runtime detects it; otherwise CommonJS), and is parsed by boa as it would
//! be on a cold start, so the editor marks the error Invoke would report,
//! where it is, before anything runs.

use std::collections::BTreeMap;

use boa_engine::interner::Interner;
use boa_engine::parser::{Error, Parser, Source};

use super::prepare;

/// A syntax error in one file: where (1-based line and column, counted in
/// characters of the file as written) and boa's message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxIssue {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// The Node.js major version of a Lambda runtime (`nodejs24.x` → 24; 22
/// when it does not say).
pub fn node_major(runtime: &str) -> u32 {
    runtime
        .strip_prefix("nodejs")
        .and_then(|r| r.strip_suffix(".x"))
        .and_then(|v| v.parse().ok())
        .unwrap_or(22)
}

/// Whether the runtime detects ES module syntax in typeless `.js` files:
/// from Node.js 24, or with `--experimental-detect-module` in NODE_OPTIONS
/// (and never with `--no-experimental-detect-module`).
pub fn detects_module_syntax(node_major: u32, node_options: &str) -> bool {
    let flags: Vec<&str> = node_options.split_whitespace().collect();
    if flags.contains(&"--no-experimental-detect-module") {
        return false;
    }
    node_major >= 24 || flags.contains(&"--experimental-detect-module")
}

/// The `"type"` of the function's package.json, when it has one that reads.
pub fn package_type(files: &BTreeMap<String, String>) -> Option<serde_json::Value> {
    files
        .get("package.json")
        .and_then(|p| serde_json::from_str::<serde_json::Value>(p).ok())
        .and_then(|v| v.get("type").cloned())
}

/// Whether the file `key` loads as an ES module: `.mjs`; `.js` when the
/// package is `"type": "module"` (`esm_js`), or when its syntax is detected
/// (`detect`: typeless package and a runtime that detects) and the source
/// only parses as a module.
pub fn loads_as_module(key: &str, esm_js: bool, detect: bool, source: &str) -> bool {
    if key.ends_with(".mjs") {
        return true;
    }
    if !key.ends_with(".js") {
        return false;
    }
    esm_js || (detect && prepare::has_module_syntax(source))
}

/// Checks the file `key` of a function's `files` as the runtime would load
/// it on Node.js `node_major` with these NODE_OPTIONS. Files that are not
/// JavaScript (`.json`, …) are not checked.
pub fn check(
    key: &str,
    files: &BTreeMap<String, String>,
    node_major: u32,
    node_options: &str,
) -> Option<SyntaxIssue> {
    if ![".js", ".mjs", ".cjs"].iter().any(|ext| key.ends_with(ext)) {
        return None;
    }
    let source = files.get(key).map_or("", String::as_str);
    let kind = package_type(files);
    let esm_js = kind.as_ref().and_then(|t| t.as_str()) == Some("module");
    let detect = kind.is_none() && detects_module_syntax(node_major, node_options);
    if loads_as_module(key, esm_js, detect, source) {
        check_module(source)
    } else {
        check_commonjs(source)
    }
}

/// Parses `source` as an ES module.
pub fn check_module(source: &str) -> Option<SyntaxIssue> {
    let scope = boa_engine::ast::scope::Scope::new_global();
    let mut parser = Parser::new(Source::from_bytes(source));
    let err = parser
        .parse_module(&scope, &mut Interner::default())
        .err()?;
    Some(issue(&err, source, 0))
}

/// Parses `source` as CommonJS: inside Node's module wrapper, so a
/// top-level `return` is allowed. Where ES module syntax is why it fails,
/// the message is Node's ("Cannot use import statement outside a module").
pub fn check_commonjs(source: &str) -> Option<SyntaxIssue> {
    let wrapped = format!("{}{source}{}", prepare::CJS_PREFIX, prepare::CJS_SUFFIX);
    let scope = boa_engine::ast::scope::Scope::new_global();
    let mut parser = Parser::new(Source::from_bytes(&wrapped));
    let err = parser
        .parse_script(&scope, &mut Interner::default())
        .err()?;
    let prefix = prepare::CJS_PREFIX.chars().count() as u32;
    let mut found = issue(&err, source, prefix);
    if let Some(node) = super::host::cjs_syntax_message(source) {
        found.message = node;
    }
    Some(found)
}

/// The issue for a parse error of `source`, which was parsed with `prefix`
/// characters before its first line.
fn issue(err: &Error, source: &str, prefix: u32) -> SyntaxIssue {
    let position = match err {
        Error::Expected { span, .. } | Error::Unexpected { span, .. } => Some(span.start()),
        Error::General { position, .. } => Some(*position),
        Error::Lex {
            err: boa_engine::parser::lexer::Error::Syntax(_, position),
        } => Some(*position),
        _ => None,
    };
    let (line, column) = match position {
        Some(p) if p.line_number() == 1 => (1, p.column_number().saturating_sub(prefix).max(1)),
        Some(p) => (p.line_number(), p.column_number()),
        None => end_of(source),
    };
    // The line that wrapped the file ends after its last line: point at the end.
    let last = source.split('\n').count() as u32;
    let (line, column) = if line > last {
        end_of(source)
    } else {
        (line, column)
    };
    let text = err.to_string();
    let message = match text.rfind(" at line ") {
        Some(i) if position.is_some() => text[..i].to_string(),
        _ => text,
    };
    SyntaxIssue {
        line,
        column,
        message,
    }
}

/// The line and column just after the last character of `source`.
fn end_of(source: &str) -> (u32, u32) {
    let last = source.rsplit('\n').next().unwrap_or("");
    (
        source.split('\n').count() as u32,
        last.chars().count() as u32 + 1,
    )
}

#[cfg(test)]
#[path = "syntax_tests.rs"]
mod tests;
