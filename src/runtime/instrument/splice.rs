//! Position-preserving instrumentation: the ticks are spliced into the
//! source as written, so every line keeps its number and only the columns
//! after an inserted tick move (the [`PositionMap`] moves them back).
//!
//! Function bodies come from the syntax tree (their spans say where the
//! `{` or the concise body is). Loops carry no span in boa's tree, so their
//! bodies are found with a small token scan ([`super::scan`]). Whatever the
//! scan finds is then checked on the re-parsed result:
//! every function body and every loop body must start with its tick and
//! there must be no other tick. If that check fails (unusual code the scan
//! misreads), the caller falls back to printing the instrumented tree.

use std::ops::ControlFlow;

use boa_engine::ast::expression::operator::binary::BinaryOp;
use boa_engine::ast::expression::operator::unary::UnaryOp;
use boa_engine::ast::expression::Call;
use boa_engine::ast::function::FunctionBody;
use boa_engine::ast::statement::iteration::{
    DoWhileLoop, ForInLoop, ForLoop, ForOfLoop, WhileLoop,
};
use boa_engine::ast::visitor::{VisitWith, Visitor};
use boa_engine::ast::{Expression, Position, Spanned, Statement, StatementListItem};
use boa_engine::interner::{Interner, Sym};

use super::scan::loop_bodies;
use super::{parse, PositionMap, SyntaxProblem, TICK_FUNCTION};

const TICK_STATEMENT: &str = "__stratus_tick();";
const TICK_AFTER_DIRECTIVE: &str = ";__stratus_tick();";
const CONCISE_OPEN: &str = "(__stratus_tick(), ";
const CONCISE_CLOSE: &str = ")";
const LOOP_GUARD: &str = "if (!__stratus_tick()) ";

/// One piece of text put into the source before the byte at `offset`.
#[derive(Debug, Clone, Copy)]
struct Insert {
    offset: usize,
    /// Order among inserts at one offset: closing parentheses first, the
    /// innermost (latest opened) first.
    order: (u8, usize),
    text: &'static str,
}

/// Line starts of a source, with boa's idea of a line break (`\n`, `\r\n`,
/// `\r`, U+2028, U+2029) and of a column (one per code point).
pub(super) struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    pub fn new(source: &str) -> Self {
        let mut starts = vec![0];
        let mut chars = source.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '\r' => {
                    if let Some(&(_, '\n')) = chars.peek() {
                        chars.next();
                        starts.push(i + 2);
                    } else {
                        starts.push(i + 1);
                    }
                }
                '\n' => starts.push(i + 1),
                '\u{2028}' | '\u{2029}' => starts.push(i + c.len_utf8()),
                _ => {}
            }
        }
        Lines { starts }
    }

    /// Byte offset of a (1-based) line and column.
    pub fn offset(&self, source: &str, pos: Position) -> Option<usize> {
        let start = *self.starts.get(pos.line_number() as usize - 1)?;
        let skip = pos.column_number() as usize - 1;
        let rest = source.get(start..)?;
        match rest.char_indices().nth(skip) {
            Some((i, _)) => Some(start + i),
            None if rest.chars().count() == skip => Some(source.len()),
            None => None,
        }
    }

    /// (1-based) line and column of a byte offset.
    pub fn position(&self, source: &str, offset: usize) -> (u32, u32) {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let col = source.get(start..offset).map_or(0, |s| s.chars().count());
        (line as u32, col as u32 + 1)
    }
}

/// Instruments by splicing; `Ok(None)` when the result does not verify.
pub(super) fn splice(
    source: &str,
    module: bool,
) -> Result<Option<(String, PositionMap)>, SyntaxProblem> {
    let mut interner = Interner::default();
    let lines = Lines::new(source);
    let mut collect = Collect {
        source,
        lines: &lines,
        inserts: Vec::new(),
        functions: 0,
        loops: 0,
        bad: false,
    };
    parse(source, module, &mut interner, |tree| match tree {
        super::Tree::Script(s) => collect.visit_script(s),
        super::Tree::Module(m) => collect.visit_module(m),
    })?;
    if collect.bad {
        return Ok(None);
    }
    let (functions, loops) = (collect.functions, collect.loops);
    let mut inserts = collect.inserts;
    let Some(bodies) = loop_bodies(source) else {
        return Ok(None);
    };
    if bodies.len() != loops {
        return Ok(None);
    }
    inserts.extend(bodies.into_iter().map(|offset| Insert {
        offset,
        order: (1, 0),
        text: LOOP_GUARD,
    }));
    inserts.sort_by_key(|i| (i.offset, i.order));

    let extra: usize = inserts.iter().map(|i| i.text.len()).sum();
    let mut text = String::with_capacity(source.len() + extra);
    let mut at = 0;
    let mut map = PositionMap::default();
    for insert in &inserts {
        let Some(chunk) = source.get(at..insert.offset) else {
            return Ok(None);
        };
        text.push_str(chunk);
        text.push_str(insert.text);
        at = insert.offset;
        let (line, col) = lines.position(source, insert.offset);
        map.push(line, col, insert.text.len() as u32);
    }
    text.push_str(&source[at..]);

    // Check the result: same functions and loops, each with its tick, and
    // no tick anywhere else.
    let mut interner = Interner::default();
    let tick = interner.get_or_intern(TICK_FUNCTION);
    let mut verify = Verify {
        tick,
        functions: 0,
        loops: 0,
        ticks: 0,
        ok: true,
    };
    let parsed = parse(&text, module, &mut interner, |tree| match tree {
        super::Tree::Script(s) => verify.visit_script(s),
        super::Tree::Module(m) => verify.visit_module(m),
    });
    let verified = parsed.is_ok()
        && verify.ok
        && verify.functions == functions
        && verify.loops == loops
        && verify.ticks == functions + loops;
    Ok(verified.then_some((text, map)))
}

/// How many leading statements are directives (`'use strict'`).
fn directives(statements: &[StatementListItem]) -> usize {
    statements
        .iter()
        .take_while(|s| {
            matches!(s, StatementListItem::Statement(st)
                if matches!(&**st, Statement::Expression(Expression::Literal(l)) if l.as_string().is_some()))
        })
        .count()
}

/// Finds where each function body's tick goes.
struct Collect<'a> {
    source: &'a str,
    lines: &'a Lines,
    inserts: Vec<Insert>,
    functions: usize,
    loops: usize,
    bad: bool,
}

impl Collect<'_> {
    fn function(&mut self, body: &FunctionBody) {
        let span = body.span();
        let Some(start) = self.lines.offset(self.source, span.start()) else {
            self.bad = true;
            return;
        };
        let statements = body.statements();
        if self.source.as_bytes().get(start) == Some(&b'{') {
            let n = directives(statements);
            let (offset, text) = if n == 0 {
                (start + 1, TICK_STATEMENT)
            } else {
                let StatementListItem::Statement(last) = &statements[n - 1] else {
                    self.bad = true;
                    return;
                };
                let Statement::Expression(e) = &**last else {
                    self.bad = true;
                    return;
                };
                match self.lines.offset(self.source, e.span().end()) {
                    Some(end) => (end, TICK_AFTER_DIRECTIVE),
                    None => {
                        self.bad = true;
                        return;
                    }
                }
            };
            self.inserts.push(Insert {
                offset,
                order: (1, 0),
                text,
            });
        } else {
            // A concise arrow body: `x => expr` becomes `x => (tick(), expr)`.
            let concise = statements.len() == 1
                && matches!(&statements[0], StatementListItem::Statement(s)
                    if matches!(&**s, Statement::Return(r) if r.target().is_some()));
            let end = self.lines.offset(self.source, span.end());
            let (true, Some(end)) = (concise, end) else {
                self.bad = true;
                return;
            };
            self.inserts.push(Insert {
                offset: start,
                order: (1, 0),
                text: CONCISE_OPEN,
            });
            self.inserts.push(Insert {
                offset: end,
                order: (0, usize::MAX - start),
                text: CONCISE_CLOSE,
            });
        }
    }
}

impl<'ast> Visitor<'ast> for Collect<'_> {
    type BreakTy = ();

    fn visit_function_body(&mut self, node: &'ast FunctionBody) -> ControlFlow<()> {
        self.functions += 1;
        self.function(node);
        node.visit_with(self)
    }
    fn visit_while_loop(&mut self, node: &'ast WhileLoop) -> ControlFlow<()> {
        self.loops += 1;
        node.visit_with(self)
    }
    fn visit_do_while_loop(&mut self, node: &'ast DoWhileLoop) -> ControlFlow<()> {
        self.loops += 1;
        node.visit_with(self)
    }
    fn visit_for_loop(&mut self, node: &'ast ForLoop) -> ControlFlow<()> {
        self.loops += 1;
        node.visit_with(self)
    }
    fn visit_for_in_loop(&mut self, node: &'ast ForInLoop) -> ControlFlow<()> {
        self.loops += 1;
        node.visit_with(self)
    }
    fn visit_for_of_loop(&mut self, node: &'ast ForOfLoop) -> ControlFlow<()> {
        self.loops += 1;
        node.visit_with(self)
    }
}

/// Checks the spliced result.
struct Verify {
    tick: Sym,
    functions: usize,
    loops: usize,
    ticks: usize,
    ok: bool,
}

impl Verify {
    fn is_tick(&self, e: &Expression) -> bool {
        matches!(e, Expression::Call(c) if self.is_tick_call(c))
    }

    fn is_tick_call(&self, c: &Call) -> bool {
        c.args().is_empty()
            && matches!(c.function(), Expression::Identifier(i) if i.sym() == self.tick)
    }

    fn body_ok(&self, body: &FunctionBody) -> bool {
        let statements = body.statements();
        let n = directives(statements);
        if let Some(StatementListItem::Statement(s)) = statements.get(n) {
            if matches!(&**s, Statement::Expression(e) if self.is_tick(e)) {
                return true;
            }
        }
        if let [StatementListItem::Statement(s)] = statements {
            if let Statement::Return(r) = &**s {
                if let Some(Expression::Parenthesized(p)) = r.target() {
                    if let Expression::Binary(b) = p.expression() {
                        return b.op() == BinaryOp::Comma && self.is_tick(b.lhs());
                    }
                }
            }
        }
        false
    }

    fn loop_ok(&mut self, body: &Statement) {
        self.loops += 1;
        let guarded = matches!(body, Statement::If(i)
            if i.else_node().is_none()
                && matches!(i.cond(), Expression::Unary(u) if u.op() == UnaryOp::Not && self.is_tick(u.target())));
        self.ok &= guarded;
    }
}

impl<'ast> Visitor<'ast> for Verify {
    type BreakTy = ();

    fn visit_function_body(&mut self, node: &'ast FunctionBody) -> ControlFlow<()> {
        self.functions += 1;
        self.ok &= self.body_ok(node);
        node.visit_with(self)
    }
    fn visit_call(&mut self, node: &'ast Call) -> ControlFlow<()> {
        if self.is_tick_call(node) {
            self.ticks += 1;
        }
        node.visit_with(self)
    }
    fn visit_while_loop(&mut self, node: &'ast WhileLoop) -> ControlFlow<()> {
        self.loop_ok(node.body());
        node.visit_with(self)
    }
    fn visit_do_while_loop(&mut self, node: &'ast DoWhileLoop) -> ControlFlow<()> {
        self.loop_ok(node.body());
        node.visit_with(self)
    }
    fn visit_for_loop(&mut self, node: &'ast ForLoop) -> ControlFlow<()> {
        self.loop_ok(node.body());
        node.visit_with(self)
    }
    fn visit_for_in_loop(&mut self, node: &'ast ForInLoop) -> ControlFlow<()> {
        self.loop_ok(node.body());
        node.visit_with(self)
    }
    fn visit_for_of_loop(&mut self, node: &'ast ForOfLoop) -> ControlFlow<()> {
        self.loop_ok(node.body());
        node.visit_with(self)
    }
}
