//! The fallback instrumentation: the tick is put into the syntax tree and
//! the tree is printed back to source. Used only when splicing (see
//! [`super::splice`]) cannot verify its result; the printed form moves
//! lines and columns, so stack traces of such code point at it, not at the
//! file as written.

use std::ops::ControlFlow;

use boa_engine::ast::declaration::{
    ExportDeclaration, ImportDeclaration, ImportKind, ReExportKind,
};
use boa_engine::ast::expression::{Call, Identifier};
use boa_engine::ast::function::FunctionBody;
use boa_engine::ast::statement::iteration::{
    DoWhileLoop, ForInLoop, ForLoop, ForOfLoop, WhileLoop,
};
use boa_engine::ast::statement::Block;
use boa_engine::ast::visitor::{VisitWith, VisitorMut};
use boa_engine::ast::Spanned;
use boa_engine::ast::{
    Expression, ModuleItem, Position, Span, Statement, StatementList, StatementListItem,
};
use boa_engine::interner::{Interner, Sym, ToIndentedString, ToInternedString};
use boa_engine::parser::{Parser, Source};

use super::{SyntaxProblem, TICK_FUNCTION};

/// Instruments a classic script or CommonJS body.
pub(super) fn print_script(source: &str) -> Result<String, SyntaxProblem> {
    let mut interner = Interner::default();
    let scope = boa_engine::ast::scope::Scope::new_global();
    let mut script = Parser::new(Source::from_bytes(source))
        .parse_script(&scope, &mut interner)
        .map_err(|e| SyntaxProblem(e.to_string()))?;
    let tick = interner.get_or_intern(TICK_FUNCTION);
    let mut visitor = Ticker { tick };
    let _ = visitor.visit_script_mut(&mut script);
    Ok(script.to_indented_string(&interner, 0))
}

/// Instruments an ES module, printing its imports and exports by hand (boa's
/// printer covers statements but not module declarations).
pub(super) fn print_module(source: &str) -> Result<String, SyntaxProblem> {
    let mut interner = Interner::default();
    let scope = boa_engine::ast::scope::Scope::new_global();
    let mut module = Parser::new(Source::from_bytes(source))
        .parse_module(&scope, &mut interner)
        .map_err(|e| SyntaxProblem(e.to_string()))?;
    let tick = interner.get_or_intern(TICK_FUNCTION);
    let mut visitor = Ticker { tick };
    let _ = visitor.visit_module_mut(&mut module);
    let mut out = String::with_capacity(source.len() + 64);
    for item in module.items().items() {
        match item {
            ModuleItem::StatementListItem(s) => out.push_str(&s.to_indented_string(&interner, 0)),
            ModuleItem::ImportDeclaration(i) => print_import(i, &interner, &mut out),
            ModuleItem::ExportDeclaration(e) => {
                let mut text = String::new();
                print_export(e, &interner, &mut text);
                // boa names anonymous default exports `default`; print them
                // back anonymous.
                if matches!(
                    **e,
                    ExportDeclaration::DefaultFunctionDeclaration(_)
                        | ExportDeclaration::DefaultGeneratorDeclaration(_)
                        | ExportDeclaration::DefaultAsyncFunctionDeclaration(_)
                        | ExportDeclaration::DefaultAsyncGeneratorDeclaration(_)
                        | ExportDeclaration::DefaultClassDeclaration(_)
                ) {
                    let prefix = "export default".len();
                    let head_end = text[prefix..]
                        .find(['(', '{'])
                        .map_or(text.len(), |i| i + prefix);
                    if let Some(i) = text[prefix..head_end].rfind(" default") {
                        let i = i + prefix;
                        if text[i + " default".len()..head_end].trim().is_empty() {
                            text.replace_range(i..i + " default".len(), "");
                        }
                    }
                }
                out.push_str(&text);
            }
        }
        out.push('\n');
    }
    Ok(out)
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

fn name(sym: Sym, interner: &Interner) -> String {
    interner.resolve_expect(sym).to_string()
}

/// An export name may be a string literal (`export { x as "a-b" }`).
fn export_name(sym: Sym, interner: &Interner) -> String {
    let text = name(sym, interner);
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        && !text.starts_with(|c: char| c.is_ascii_digit());
    if plain {
        text
    } else {
        quoted(&text)
    }
}

fn print_import(i: &ImportDeclaration, interner: &Interner, out: &mut String) {
    let from = quoted(&name(i.specifier().sym(), interner));
    let mut parts = Vec::new();
    if let Some(d) = i.default() {
        parts.push(name(d.sym(), interner));
    }
    match i.kind() {
        ImportKind::DefaultOrUnnamed => {}
        ImportKind::Namespaced { binding } => {
            parts.push(format!("* as {}", name(binding.sym(), interner)));
        }
        ImportKind::Named { names } => {
            let list: Vec<String> = names
                .iter()
                .map(|s| {
                    let local = name(s.binding().sym(), interner);
                    let export = export_name(s.export_name(), interner);
                    if local == export {
                        local
                    } else {
                        format!("{export} as {local}")
                    }
                })
                .collect();
            parts.push(format!("{{ {} }}", list.join(", ")));
        }
    }
    if parts.is_empty() {
        out.push_str(&format!("import {from};"));
    } else {
        out.push_str(&format!("import {} from {from};", parts.join(", ")));
    }
}

fn print_export(e: &ExportDeclaration, interner: &Interner, out: &mut String) {
    match e {
        ExportDeclaration::ReExport {
            kind, specifier, ..
        } => {
            let from = quoted(&name(specifier.sym(), interner));
            match kind {
                ReExportKind::Namespaced { name: None } => {
                    out.push_str(&format!("export * from {from};"));
                }
                ReExportKind::Namespaced { name: Some(n) } => {
                    out.push_str(&format!(
                        "export * as {} from {from};",
                        export_name(*n, interner)
                    ));
                }
                ReExportKind::Named { names } => {
                    let list: Vec<String> = names
                        .iter()
                        .map(|s| {
                            format!(
                                "{} as {}",
                                export_name(s.private_name(), interner),
                                export_name(s.alias(), interner)
                            )
                        })
                        .collect();
                    out.push_str(&format!("export {{ {} }} from {from};", list.join(", ")));
                }
            }
        }
        ExportDeclaration::List(names) => {
            let list: Vec<String> = names
                .iter()
                .map(|s| {
                    format!(
                        "{} as {}",
                        name(s.private_name(), interner),
                        export_name(s.alias(), interner)
                    )
                })
                .collect();
            out.push_str(&format!("export {{ {} }};", list.join(", ")));
        }
        ExportDeclaration::VarStatement(v) => {
            out.push_str(&format!("export {};", v.to_interned_string(interner)));
        }
        ExportDeclaration::Declaration(d) => {
            out.push_str(&format!("export {}", d.to_indented_string(interner, 0)));
        }
        ExportDeclaration::DefaultFunctionDeclaration(f) => {
            out.push_str(&format!(
                "export default {}",
                f.to_indented_string(interner, 0)
            ));
        }
        ExportDeclaration::DefaultGeneratorDeclaration(f) => {
            out.push_str(&format!(
                "export default {}",
                f.to_indented_string(interner, 0)
            ));
        }
        ExportDeclaration::DefaultAsyncFunctionDeclaration(f) => {
            out.push_str(&format!(
                "export default {}",
                f.to_indented_string(interner, 0)
            ));
        }
        ExportDeclaration::DefaultAsyncGeneratorDeclaration(f) => {
            out.push_str(&format!(
                "export default {}",
                f.to_indented_string(interner, 0)
            ));
        }
        ExportDeclaration::DefaultClassDeclaration(c) => {
            out.push_str(&format!(
                "export default {}",
                c.to_indented_string(interner, 0)
            ));
        }
        ExportDeclaration::DefaultAssignmentExpression(x) => {
            out.push_str(&format!(
                "export default ({});",
                x.to_interned_string(interner)
            ));
        }
    }
}

/// Puts a tick at the top of every loop body and function body.
struct Ticker {
    tick: Sym,
}

impl Ticker {
    fn tick_item(&self) -> StatementListItem {
        let span = Span::new(Position::new(1, 1), Position::new(1, 1));
        let call = Call::new(
            Expression::Identifier(Identifier::new(self.tick, span)),
            Box::new([]),
            span,
        );
        StatementListItem::Statement(Box::new(Statement::Expression(Expression::Call(call))))
    }

    fn wrap(&self, body: &Statement) -> Statement {
        let items = vec![
            self.tick_item(),
            StatementListItem::Statement(Box::new(body.clone())),
        ];
        let list = StatementList::new(items, Default::default(), false);
        Statement::Block(Block::from(list))
    }
}

impl<'ast> VisitorMut<'ast> for Ticker {
    type BreakTy = ();

    fn visit_statement_mut(&mut self, node: &'ast mut Statement) -> ControlFlow<()> {
        // Children first, so nested loops and functions are ticked too.
        let replacement = match &*node {
            Statement::WhileLoop(l) => Some(Statement::WhileLoop(WhileLoop::new(
                l.condition().clone(),
                self.wrap(l.body()),
            ))),
            Statement::DoWhileLoop(l) => Some(Statement::DoWhileLoop(DoWhileLoop::new(
                self.wrap(l.body()),
                l.cond().clone(),
            ))),
            Statement::ForLoop(l) => Some(Statement::ForLoop(ForLoop::new(
                l.init().cloned(),
                l.condition().cloned(),
                l.final_expr().cloned(),
                self.wrap(l.body()),
            ))),
            Statement::ForInLoop(l) => Some(Statement::ForInLoop(ForInLoop::new(
                l.initializer().clone(),
                l.target().clone(),
                self.wrap(l.body()),
            ))),
            Statement::ForOfLoop(l) => Some(Statement::ForOfLoop(ForOfLoop::new(
                l.initializer().clone(),
                l.iterable().clone(),
                self.wrap(l.body()),
                l.r#await(),
            ))),
            _ => None,
        };
        if let Some(r) = replacement {
            *node = r;
        }
        node.visit_with_mut(self)
    }

    fn visit_function_body_mut(&mut self, node: &'ast mut FunctionBody) -> ControlFlow<()> {
        let _ = node.visit_with_mut(self);
        let statements = node.statements();
        // Keep the directive prologue ("use strict") first.
        let directives = statements
            .iter()
            .take_while(|s| {
                matches!(s, StatementListItem::Statement(st)
                    if matches!(&**st, Statement::Expression(Expression::Literal(l)) if l.as_string().is_some()))
            })
            .count();
        let mut items: Vec<StatementListItem> = Vec::with_capacity(statements.len() + 1);
        items.extend(statements[..directives].iter().cloned());
        items.push(self.tick_item());
        items.extend(statements[directives..].iter().cloned());
        let strict = node.strict();
        let end = node.statement_list().linear_pos_end();
        *node = FunctionBody::new(StatementList::new(items, end, strict), node.span());
        ControlFlow::Continue(())
    }
}
