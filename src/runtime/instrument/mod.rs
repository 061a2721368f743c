//! Source instrumentation for the runaway-code guard.
//!
//! boa 0.22 offers no per-instruction hook, and its loop limit is per call
//! frame, so it cannot bound an invocation on its own. Before user code is
//! compiled, a call to the tick function is put at the top of every loop
//! body and every function body. Every unbounded execution path (loop or
//! recursion, also through native built-ins such as `Array.prototype.map`
//! or promise jobs) therefore passes through a tick, and the tick charges
//! the invocation's budget and stops it with an error user code cannot
//! catch once the budget is spent.
//!
//! The ticks are spliced into the text as written ([`splice`]), so line
//! numbers do not move and a [`PositionMap`] takes columns in stack traces
//! back to the file as written; code the splicer cannot verify falls back
//! to printing the instrumented tree ([`printer`]).
//!
//! Instrumenting parses the code twice, so results are kept per thread,
//! keyed by the source text: the same code deployed to many environments
//! (every cold start of a function) is instrumented once.

mod printer;
mod scan;
mod splice;

use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::ControlFlow;
use std::rc::Rc;

use boa_engine::ast::{Module, Script};
use boa_engine::interner::Interner;
use boa_engine::parser::{Parser, Source};

/// Name of the global native function every tick calls.
pub const TICK_FUNCTION: &str = "__stratus_tick";

/// The text CommonJS files are wrapped in, on the file's first line as in
/// Node (so line numbers stay those of the file).
pub(crate) const CJS_PREFIX: &str = "(function (exports, require, module, __filename, __dirname) {";
pub(crate) const CJS_SUFFIX: &str = "\n})";

/// A parse failure, as the text Node prints after `SyntaxError: `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxProblem(pub String);

/// Instrumented code, ready to compile, and how to map its positions back.
#[derive(Debug, Clone, PartialEq)]
pub struct Instrumented {
    pub text: String,
    /// `None` when the code had to be printed from its tree.
    pub positions: Option<PositionMap>,
}

impl Instrumented {
    /// The position in the file as written of a (1-based) line and column
    /// of the instrumented text.
    pub fn original(&self, line: u32, column: u32) -> (u32, u32) {
        match &self.positions {
            Some(map) => map.original(line, column),
            None => (line, column),
        }
    }
}

/// The text inserted into each line: (line, column in the file as written,
/// length in characters), ordered by line and column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PositionMap {
    inserts: Vec<(u32, u32, u32)>,
}

impl PositionMap {
    fn push(&mut self, line: u32, column: u32, len: u32) {
        self.inserts.push((line, column, len));
    }

    /// Maps an instrumented position to the file as written; a position
    /// inside inserted text maps to where it was inserted.
    pub fn original(&self, line: u32, column: u32) -> (u32, u32) {
        let from = self.inserts.partition_point(|i| i.0 < line);
        let mut shift = 0;
        for &(l, col, len) in &self.inserts[from..] {
            if l != line {
                break;
            }
            let start = col + shift;
            if column < start {
                break;
            }
            if column < start + len {
                return (line, col);
            }
            shift += len;
        }
        (line, column - shift)
    }
}

enum Tree<'a> {
    Script(&'a Script),
    Module(&'a Module),
}

/// Parses `source` and hands the tree to `f`.
fn parse<T>(
    source: &str,
    module: bool,
    interner: &mut Interner,
    f: impl FnOnce(Tree<'_>) -> ControlFlow<T>,
) -> Result<(), SyntaxProblem> {
    let scope = boa_engine::ast::scope::Scope::new_global();
    let mut parser = Parser::new(Source::from_bytes(source));
    if module {
        let m = parser
            .parse_module(&scope, interner)
            .map_err(|e| SyntaxProblem(e.to_string()))?;
        let _ = f(Tree::Module(&m));
    } else {
        let s = parser
            .parse_script(&scope, interner)
            .map_err(|e| SyntaxProblem(e.to_string()))?;
        let _ = f(Tree::Script(&s));
    }
    Ok(())
}

/// Instruments an ES module.
pub fn instrument_module(source: &str) -> Result<Instrumented, SyntaxProblem> {
    match splice::splice(source, true)? {
        Some((text, map)) => Ok(Instrumented {
            text,
            positions: Some(map),
        }),
        None => Ok(Instrumented {
            text: printer::print_module(source)?,
            positions: None,
        }),
    }
}

/// Instruments a classic script.
pub fn instrument_script(source: &str) -> Result<Instrumented, SyntaxProblem> {
    match splice::splice(source, false)? {
        Some((text, map)) => Ok(Instrumented {
            text,
            positions: Some(map),
        }),
        None => Ok(Instrumented {
            text: printer::print_script(source)?,
            positions: None,
        }),
    }
}

/// Instruments a CommonJS file into the source of its module wrapper,
/// `(function (exports, require, module, __filename, __dirname) {...})`.
pub fn instrument_cjs(source: &str) -> Result<Instrumented, SyntaxProblem> {
    let wrapped = format!("{CJS_PREFIX}{source}{CJS_SUFFIX}");
    let mut out = instrument_script(&wrapped)?;
    if let Some(map) = &mut out.positions {
        // The wrapper is text inserted before the file's first character.
        let prefix = CJS_PREFIX.len() as u32;
        for insert in map.inserts.iter_mut().filter(|i| i.0 == 1) {
            insert.1 = insert.1.saturating_sub(prefix).max(1);
        }
        map.inserts.insert(0, (1, 1, prefix));
    }
    Ok(out)
}

/// What kind of code a cached result is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Module,
    CommonJs,
}

thread_local! {
    static CACHE: RefCell<HashMap<(Kind, String), Rc<Instrumented>>> = RefCell::new(HashMap::new());
}

/// Entries kept before the cache starts over (a world rarely holds more
/// distinct files than this).
const CACHE_ENTRIES: usize = 256;

/// [`instrument_module`] or [`instrument_cjs`], instrumented once per thread
/// for the same text.
pub fn cached(kind: Kind, source: &str) -> Result<Rc<Instrumented>, SyntaxProblem> {
    let key = (kind, source.to_string());
    if let Some(hit) = CACHE.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(hit);
    }
    let out = Rc::new(match kind {
        Kind::Module => instrument_module(source)?,
        Kind::CommonJs => instrument_cjs(source)?,
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
pub fn map_stack(stack: &str, lookup: impl Fn(&str) -> Option<Rc<Instrumented>>) -> String {
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

    const HANDLER: &str = r#"
import { SQSClient, SendMessageCommand as Send } from "@aws-sdk/client-sqs";
import * as util from "node:util";
import def from './lib.mjs';
let count = 0;
export const handler = async (event, context) => {
  for (let i = 0; i < 3; i++) { count += i; }
  while (count < 10) count++;
  for (const x of [1, 2]) count += x;
  do { count--; } while (count > 100);
  const f = x => x * 2;
  label: for (;;) { break label; }
  return { count, t: `a${count}b`, r: /a+/g.test("aa"), o: obj?.x ?? 1 };
};
export default function () { 'use strict'; return 1; }
export { count as total };
export * from "./other.mjs";
"#;

    #[test]
    fn ticks_are_spliced_into_the_source_as_written() {
        let out = instrument_module(HANDLER).unwrap();
        assert!(out.positions.is_some(), "{}", out.text);
        assert_eq!(out.text.lines().count(), HANDLER.lines().count());
        assert!(out
            .text
            .contains("while (count < 10) if (!__stratus_tick()) count++;"));
        assert!(out
            .text
            .contains("const f = x => (__stratus_tick(), x * 2);"));
        assert!(out
            .text
            .contains("function () { 'use strict';__stratus_tick();; return 1; }"));
        assert!(out
            .text
            .contains("do if (!__stratus_tick()) { count--; } while"));
        // The instrumented module parses again.
        instrument_module(&out.text).unwrap();
    }

    #[test]
    fn the_printed_fallback_still_instruments_loops_and_functions() {
        let out = printer::print_module(HANDLER).unwrap();
        assert!(out.contains("__stratus_tick"));
        printer::print_module(&out).unwrap();
    }

    #[test]
    fn positions_map_back_past_inserted_ticks() {
        let src = "const f = () => { throw new Error('x'); };";
        let out = instrument_script(src).unwrap();
        let at = out.text.find("throw").unwrap() as u32 + 1;
        assert_eq!(
            out.original(1, at),
            (1, src.find("throw").unwrap() as u32 + 1)
        );
        let cjs = instrument_cjs("exports.handler = () => { throw 1; };").unwrap();
        let at = cjs.text.find("throw").unwrap() as u32 + 1;
        assert_eq!(cjs.original(1, at), (1, 27));
    }

    #[test]
    fn stack_positions_are_rewritten_for_known_files_only() {
        let code = Rc::new(instrument_script("function f() { g(); }").unwrap());
        let stack = "    at f (/var/task/a.js:1:33)\n    at h (/var/task/b.js:2:3)\n";
        let mapped = map_stack(stack, |p| (p == "/var/task/a.js").then(|| code.clone()));
        assert_eq!(
            mapped,
            "    at f (/var/task/a.js:1:16)\n    at h (/var/task/b.js:2:3)\n"
        );
    }
}
