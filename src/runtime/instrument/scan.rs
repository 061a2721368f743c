//! A small token scan that finds where loop bodies start (`for (...)`,
//! `while (...)`, `do`), for the splicer: boa's syntax tree gives loops no
//! source positions. It only has to be right for code that parses; the
//! splicer verifies what it finds against the tree.

use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Word,
    Punct(u8),
    Literal,
}

#[derive(Debug, Clone, Copy)]
struct Token {
    kind: Kind,
    start: usize,
    end: usize,
}

/// Words after which a `/` starts a regular expression, not a division.
const BEFORE_REGEX: &[&str] = &[
    "return",
    "typeof",
    "instanceof",
    "in",
    "of",
    "new",
    "delete",
    "void",
    "throw",
    "case",
    "do",
    "else",
    "yield",
    "await",
];

/// A rough JavaScript tokenizer: words, punctuators, and literals skipped
/// whole (strings, templates with their `${}` parts, regular expressions),
/// comments dropped. `None` on text it cannot follow.
fn tokenize(src: &str) -> Option<Vec<Token>> {
    let b = src.as_bytes();
    let mut out: Vec<Token> = Vec::new();
    // Open braces: true for a template's `${`.
    let mut braces: Vec<bool> = Vec::new();
    let mut i = 0;
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_' || c == b'$' || c >= 0x80;
    // Scans template text from `i` (just after a backtick or a `}`); returns
    // the offset after the closing backtick, or after `${` (with `true`).
    let template = |mut i: usize| -> Option<(usize, bool)> {
        loop {
            match b.get(i)? {
                b'\\' => i += 2,
                b'`' => return Some((i + 1, false)),
                b'$' if b.get(i + 1) == Some(&b'{') => return Some((i + 2, true)),
                _ => i += 1,
            }
        }
    };
    while i < b.len() {
        let c = b[i];
        let start = i;
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                i += 1;
            }
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            i = start + 2 + src.get(start + 2..)?.find("*/")? + 2;
            continue;
        }
        if word(c) {
            while i < b.len() && word(b[i]) {
                i += 1;
            }
            out.push(Token {
                kind: Kind::Word,
                start,
                end: i,
            });
            continue;
        }
        match c {
            b'"' | b'\'' => {
                i += 1;
                loop {
                    match *b.get(i)? {
                        b'\\' => i += 2,
                        q if q == c => break,
                        b'\n' => return None,
                        _ => i += 1,
                    }
                }
                i += 1;
            }
            b'`' => {
                let (next, open) = template(i + 1)?;
                i = next;
                if open {
                    braces.push(true);
                }
            }
            b'}' if braces.last() == Some(&true) => {
                braces.pop();
                let (next, open) = template(i + 1)?;
                i = next;
                if open {
                    braces.push(true);
                }
            }
            b'/' => {
                let regex = match out.last() {
                    None => true,
                    Some(t) => match t.kind {
                        Kind::Punct(p) => !matches!(p, b')' | b']' | b'}'),
                        Kind::Word => BEFORE_REGEX.contains(&&src[t.start..t.end]),
                        Kind::Literal => false,
                    },
                };
                if !regex {
                    i += 1;
                    out.push(Token {
                        kind: Kind::Punct(c),
                        start,
                        end: i,
                    });
                    continue;
                }
                i += 1;
                let mut class = false;
                loop {
                    match *b.get(i)? {
                        b'\\' => i += 2,
                        b'[' => {
                            class = true;
                            i += 1
                        }
                        b']' => {
                            class = false;
                            i += 1
                        }
                        b'/' if !class => break,
                        b'\n' => return None,
                        _ => i += 1,
                    }
                }
                i += 1;
                while i < b.len() && word(b[i]) {
                    i += 1;
                }
            }
            _ => {
                if c == b'{' {
                    braces.push(false);
                } else if c == b'}' {
                    braces.pop();
                }
                i += 1;
                out.push(Token {
                    kind: Kind::Punct(c),
                    start,
                    end: i,
                });
                continue;
            }
        }
        out.push(Token {
            kind: Kind::Literal,
            start,
            end: i,
        });
    }
    Some(out)
}

/// Byte offsets where loop bodies start, in source order; `None` if the
/// token scan cannot account for a loop keyword.
pub(super) fn loop_bodies(src: &str) -> Option<Vec<usize>> {
    let toks = tokenize(src)?;
    let text = |i: usize| toks.get(i).map(|t| &src[t.start..t.end]);
    let is = |i: usize, p: u8| toks.get(i).is_some_and(|t| t.kind == Kind::Punct(p));
    // Index of the token closing the bracket opened at `open`.
    let matching = |open: usize, o: u8, c: u8| -> Option<usize> {
        let mut depth = 0usize;
        for (j, t) in toks.iter().enumerate().skip(open) {
            if t.kind == Kind::Punct(o) {
                depth += 1;
            } else if t.kind == Kind::Punct(c) {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
        }
        None
    };
    let mut bodies = Vec::new();
    let mut do_tails = HashSet::new();
    for (i, t) in toks.iter().enumerate() {
        if t.kind != Kind::Word {
            continue;
        }
        let w = &src[t.start..t.end];
        if !matches!(w, "for" | "while" | "do") {
            continue;
        }
        // `x.for`, `#do`, `{ while: 1 }` are names, not loops.
        if i > 0 && (is(i - 1, b'.') || is(i - 1, b'#')) || is(i + 1, b':') {
            continue;
        }
        match w {
            "for" => {
                let open = if text(i + 1) == Some("await") {
                    i + 2
                } else {
                    i + 1
                };
                if !is(open, b'(') {
                    return None;
                }
                let close = matching(open, b'(', b')')?;
                bodies.push(toks.get(close + 1)?.start);
            }
            "while" => {
                if do_tails.contains(&i) {
                    continue;
                }
                if !is(i + 1, b'(') {
                    return None;
                }
                let close = matching(i + 1, b'(', b')')?;
                bodies.push(toks.get(close + 1)?.start);
            }
            _ => {
                // `do() {}` is a method of that name.
                if is(i + 1, b'(') {
                    continue;
                }
                bodies.push(toks.get(i + 1)?.start);
                let end = if is(i + 1, b'{') {
                    matching(i + 1, b'{', b'}')?
                } else {
                    let mut depth = 0i32;
                    let mut end = None;
                    for (j, t) in toks.iter().enumerate().skip(i + 1) {
                        match t.kind {
                            Kind::Punct(b'(' | b'[' | b'{') => depth += 1,
                            Kind::Punct(b')' | b']' | b'}') => depth -= 1,
                            Kind::Punct(b';') if depth == 0 => {
                                end = Some(j);
                                break;
                            }
                            _ => {}
                        }
                    }
                    end?
                };
                if text(end + 1) != Some("while") {
                    return None;
                }
                do_tails.insert(end + 1);
            }
        }
    }
    Some(bodies)
}
