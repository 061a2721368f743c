//! User source, prepared for compilation. An ES module compiles as written.
//! A CommonJS file is wrapped in Node's module function on its own first
//! line, so line numbers stay the file's, and [`Prepared::original`] takes
//! first-line columns back past the wrapper.
//!
//! The runaway-code guard needs no rewriting of the source: boa's step hook
//! (vendor/boa_engine/STRATUS.md, patch 4) charges the invocation's budget at
//! every loop iteration and every function call, so the code that runs is
//! the code as written.
//!
//! Syntax is checked once per text and thread (results are cached): the
//! same code deployed to many environments, every cold start of a function,
//! is parsed for the check once.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use boa_engine::interner::Interner;
use boa_engine::parser::{Parser, Source};

/// The text CommonJS files are wrapped in, on the file's first line as in
/// Node (so line numbers stay those of the file).
pub(crate) const CJS_PREFIX: &str = "(function (exports, require, module, __filename, __dirname) {";
pub(crate) const CJS_SUFFIX: &str = "\n})";

/// A parse failure, as the text Node prints after `SyntaxError: `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxProblem(pub String);

/// Source ready to compile, and how far its first line was moved right.
#[derive(Debug, Clone, PartialEq)]
pub struct Prepared {
    pub text: String,
    /// Characters put before the file's first character (the CommonJS wrapper).
    prefix: u32,
}

impl Prepared {
    /// The position in the file as written of a (1-based) line and column
    /// of the prepared text; a position inside the wrapper maps to the
    /// file's first column.
    pub fn original(&self, line: u32, column: u32) -> (u32, u32) {
        if line == 1 {
            (1, column.saturating_sub(self.prefix).max(1))
        } else {
            (line, column)
        }
    }
}

/// Parses `source` as an ES module or a classic script: the syntax check.
pub fn check(source: &str, module: bool) -> Result<(), SyntaxProblem> {
    let mut interner = Interner::default();
    let scope = boa_engine::ast::scope::Scope::new_global();
    let mut parser = Parser::new(Source::from_bytes(source));
    if module {
        parser
            .parse_module(&scope, &mut interner)
            .map(drop)
            .map_err(|e| SyntaxProblem(e.to_string()))
    } else {
        parser
            .parse_script(&scope, &mut interner)
            .map(drop)
            .map_err(|e| SyntaxProblem(e.to_string()))
    }
}

/// An ES module, checked; it compiles as written.
pub fn prepare_module(source: &str) -> Result<Prepared, SyntaxProblem> {
    check(source, true)?;
    Ok(Prepared {
        text: source.to_string(),
        prefix: 0,
    })
}

/// A CommonJS file, checked and wrapped into the source of its module
/// function, `(function (exports, require, module, __filename, __dirname) {...})`.
pub fn prepare_cjs(source: &str) -> Result<Prepared, SyntaxProblem> {
    let wrapped = format!("{CJS_PREFIX}{source}{CJS_SUFFIX}");
    check(&wrapped, false)?;
    Ok(Prepared {
        text: wrapped,
        prefix: CJS_PREFIX.chars().count() as u32,
    })
}

/// What kind of code a cached result is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Module,
    CommonJs,
}

thread_local! {
    static CACHE: RefCell<HashMap<(Kind, String), Rc<Prepared>>> = RefCell::new(HashMap::new());
}

/// Entries kept before the cache starts over (a world rarely holds more
/// distinct files than this).
const CACHE_ENTRIES: usize = 256;

/// [`prepare_module`] or [`prepare_cjs`], checked once per thread
/// for the same text.
pub fn cached(kind: Kind, source: &str) -> Result<Rc<Prepared>, SyntaxProblem> {
    let key = (kind, source.to_string());
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(hit);
    }
    let out = Rc::new(match kind {
        Kind::Module => prepare_module(source)?,
        Kind::CommonJs => prepare_cjs(source)?,
    });
    CACHE.with(|c| {
        let mut cache = c.borrow_mut();
        if cache.len() >= CACHE_ENTRIES {
            cache.clear();
        }
        cache.insert(key, out.clone());
    });
    Ok(out)
}

/// True when `source` is not a valid CommonJS module but is a valid ES
/// module: what makes Node's syntax detection load a typeless `.js` file as
/// an ES module (both results are cached for the load that follows).
pub fn has_module_syntax(source: &str) -> bool {
    cached(Kind::CommonJs, source).is_err() && cached(Kind::Module, source).is_ok()
}

/// Rewrites the `(/var/task/<file>:<line>:<column>)` positions of a stack
/// trace to the files as written, with `lookup` giving each file's
/// instrumentation.
pub fn map_stack(stack: &str, lookup: impl Fn(&str) -> Option<Rc<Prepared>>) -> String {
    let mut out = String::with_capacity(stack.len());
    let mut rest = stack;
    while let Some(i) = rest.find("(/var/task/") {
        out.push_str(&rest[..=i]);
        rest = &rest[i + 1..];
        let Some(close) = rest.find(')') else {
            break;
        };
        let inner = &rest[..close];
        let mut parts = inner.rsplitn(3, ':');
        let (Some(col), Some(line), Some(path)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(line), Ok(col)) = (line.parse::<u32>(), col.parse::<u32>()) else {
            continue;
        };
        let Some(code) = lookup(path) else {
            continue;
        };
        let (line, col) = code.original(line, col);
        out.push_str(&format!("{path}:{line}:{col})"));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_es_module_compiles_exactly_as_written() {
        let src = "export const f = x => String(x);\nconst h = { \"X-Custom-Header\": 'a\\nb' };\n";
        assert_eq!(prepare_module(src).unwrap().text, src);
    }

    #[test]
    fn a_commonjs_file_is_wrapped_on_its_first_line() {
        let out = prepare_cjs("exports.handler = () => { throw 1; };").unwrap();
        assert_eq!(out.text.lines().count(), 2);
        let at = out.text.find("throw").unwrap() as u32 + 1;
        assert_eq!(out.original(1, at), (1, 27));
        assert_eq!(out.original(3, 5), (3, 5));
    }

    #[test]
    fn a_syntax_error_is_reported_with_its_position() {
        let e = prepare_module("export const f = (;").unwrap_err();
        assert!(e.0.contains("line 1"), "{}", e.0);
        assert!(prepare_cjs("exports.a = }").is_err());
    }

    #[test]
    fn stack_positions_are_rewritten_for_known_files_only() {
        let code = Rc::new(prepare_cjs("function f() { g(); }").unwrap());
        let stack = "    at f (/var/task/a.js:1:77)\n    at h (/var/task/b.js:2:3)\n";
        let mapped = map_stack(stack, |p| (p == "/var/task/a.js").then(|| code.clone()));
        assert_eq!(
            mapped,
            "    at f (/var/task/a.js:1:16)\n    at h (/var/task/b.js:2:3)\n"
        );
    }
}
