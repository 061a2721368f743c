//! A streaming JSON reader for pattern text that behaves like the Jackson
//! parser AWS runs behind its pattern compiler: tokens are read one at a time
//! as the compiler asks for them (so a pattern problem is reported before a
//! syntax error further on), strings are read lazily, and every error carries
//! Jackson's location suffix (`\n at [Source: (String)"..."; line: 1,
//! column: 11]`) at the point Jackson would have reached.

/// A token, as Jackson names them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    StartObject,
    EndObject,
    StartArray,
    EndArray,
    FieldName(String),
    /// A string value; its text is read by [`Lexer::text`].
    Str,
    /// A number value and its text as written.
    Number(String),
    True,
    False,
    Null,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Ctx {
    Root,
    Array { first: bool },
    Object { first: bool },
}

/// An error as Jackson words it: the message, and where the reader was.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct JsonError {
    pub message: String,
}

pub(crate) struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    line_start: usize,
    stack: Vec<(Ctx, usize, usize)>,
    /// The value token already read after a field name.
    pending: Option<Tok>,
    /// A string token whose body has not been read yet.
    incomplete: bool,
    /// The text of the current token.
    current_text: String,
    current: Option<Tok>,
}

const SNIPPET: usize = 500;
/// Jackson's default maximum nesting depth.
const MAX_DEPTH: usize = 1000;
const VALID_VALUES: &str =
    "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')";

impl<'a> Lexer<'a> {
    pub(crate) fn new(src: &'a str) -> Self {
        Lexer {
            src,
            bytes: src.as_bytes(),
            pos: 0,
            line: 1,
            line_start: 0,
            stack: vec![(Ctx::Root, 1, 1)],
            pending: None,
            incomplete: false,
            current_text: String::new(),
            current: None,
        }
    }

    /// Jackson's rendering of the source, as it appears in a location.
    pub(crate) fn source_description(&self) -> String {
        let count = self.src.chars().count();
        if count > SNIPPET {
            let head: String = self.src.chars().take(SNIPPET).collect();
            format!("(String)\"{head}\"[truncated {} chars]", count - SNIPPET)
        } else {
            format!("(String)\"{}\"", self.src)
        }
    }

    fn column_at(&self, pos: usize) -> usize {
        self.src
            .get(self.line_start..pos)
            .map(|s| s.chars().count())
            .unwrap_or(0)
            + 1
    }

    /// Jackson's location suffix for the reader's current position.
    pub(crate) fn location(&self) -> String {
        format!(
            "[Source: {}; line: {}, column: {}]",
            self.source_description(),
            self.line,
            self.column_at(self.pos)
        )
    }

    /// An error with the location suffix, as Jackson's `getMessage` gives it.
    pub(crate) fn error(&self, message: &str) -> JsonError {
        JsonError {
            message: format!("{message}\n at {}", self.location()),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Consumes one character (all its UTF-8 bytes), tracking lines.
    fn bump(&mut self) -> Option<char> {
        let c = self.src.get(self.pos..)?.chars().next()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.line_start = self.pos;
        } else if c == '\r' {
            if self.peek() == Some(b'\n') {
                self.pos += 1;
            }
            self.line += 1;
            self.line_start = self.pos;
        }
        Some(c)
    }

    fn skip_ws(&mut self) {
        while let Some(b) = self.peek() {
            if b == b' ' || b == b'\t' || b == b'\n' || b == b'\r' {
                self.bump();
            } else {
                break;
            }
        }
    }

    fn char_desc(c: char) -> String {
        let code = c as u32;
        if c.is_control() && code < 32 {
            format!("(CTRL-CHAR, code {code})")
        } else if code > 255 {
            format!("'{c}' (code {code} / 0x{code:x})")
        } else {
            format!("'{c}' (code {code})")
        }
    }

    fn unexpected(&mut self, c: char, what: &str) -> JsonError {
        self.error(&format!(
            "Unexpected character ({}): {what}",
            Self::char_desc(c)
        ))
    }

    fn eof_in_scope(&self) -> JsonError {
        let (ctx, line, col) = self.stack.last().copied().unwrap_or((Ctx::Root, 1, 1));
        let kind = match ctx {
            Ctx::Array { .. } => "Array",
            _ => "Object",
        };
        self.error(&format!(
            "Unexpected end-of-input: expected close marker for {kind} (start marker at [Source: {}; line: {line}, column: {col}])",
            self.source_description()
        ))
    }

    /// The current token's text (reading the rest of a lazy string).
    pub(crate) fn text(&mut self) -> Result<String, JsonError> {
        if self.incomplete {
            self.incomplete = false;
            self.current_text = self.read_string_body()?;
        }
        Ok(self.current_text.clone())
    }

    /// Reads a string body after its opening quote, through the closing one.
    fn read_string_body(&mut self) -> Result<String, JsonError> {
        let mut out = String::new();
        loop {
            let Some(c) = self.bump() else {
                return Err(self.error(
                    "Unexpected end-of-input: was expecting closing quote for a string value",
                ));
            };
            match c {
                '"' => return Ok(out),
                '\\' => {
                    let Some(e) = self.bump() else {
                        return Err(self.error("Unexpected end-of-input in character escape sequence"));
                    };
                    match e {
                        '"' => out.push('"'),
                        '\\' => out.push('\\'),
                        '/' => out.push('/'),
                        'b' => out.push('\u{8}'),
                        'f' => out.push('\u{c}'),
                        'n' => out.push('\n'),
                        'r' => out.push('\r'),
                        't' => out.push('\t'),
                        'u' => {
                            let code = self.read_hex4()?;
                            if (0xD800..0xDC00).contains(&code) {
                                // A high surrogate: pair it with the next escape if there is one.
                                if self.src.get(self.pos..self.pos + 2) == Some("\\u") {
                                    self.pos += 2;
                                    let low = self.read_hex4()?;
                                    let combined = 0x10000 + ((code - 0xD800) << 10) + (low.wrapping_sub(0xDC00) & 0x3ff);
                                    out.push(char::from_u32(combined).unwrap_or('\u{FFFD}'));
                                } else {
                                    out.push('\u{FFFD}');
                                }
                            } else {
                                out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                            }
                        }
                        other => {
                            return Err(self.error(&format!(
                                "Unrecognized character escape {}",
                                Self::char_desc(other)
                            )))
                        }
                    }
                }
                c if (c as u32) < 32 => {
                    return Err(self.error(&format!(
                        "Illegal unquoted character ({}): has to be escaped using backslash to be included in string value",
                        Self::char_desc(c)
                    )))
                }
                c => out.push(c),
            }
        }
    }

    fn read_hex4(&mut self) -> Result<u32, JsonError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let Some(c) = self.bump() else {
                return Err(self.error("Unexpected end-of-input in character escape sequence"));
            };
            let Some(d) = c.to_digit(16) else {
                return Err(self.error(&format!(
                    "Unexpected character ({}): expected a hex-digit for character escape sequence",
                    Self::char_desc(c)
                )));
            };
            v = v * 16 + d;
        }
        Ok(v)
    }

    fn read_number(&mut self) -> Result<String, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.bump();
            match self.peek() {
                Some(b) if b.is_ascii_digit() => {}
                other => {
                    let c = other.map(char::from).unwrap_or(' ');
                    if other.is_none() {
                        return Err(self.error("Unexpected end-of-input in a Number value"));
                    }
                    return Err(self.unexpected(
                        c,
                        "expected digit (0-9) to follow minus sign, for valid numeric value",
                    ));
                }
            }
        }
        if self.peek() == Some(b'0') {
            self.bump();
            if matches!(self.peek(), Some(b) if b.is_ascii_digit()) {
                self.bump();
                return Err(self.error("Invalid numeric value: Leading zeroes not allowed"));
            }
        } else {
            while matches!(self.peek(), Some(b) if b.is_ascii_digit()) {
                self.bump();
            }
        }
        if self.peek() == Some(b'.') {
            self.bump();
            let digits = self.pos;
            while matches!(self.peek(), Some(b) if b.is_ascii_digit()) {
                self.bump();
            }
            if self.pos == digits {
                let c = self
                    .src
                    .get(self.pos..)
                    .and_then(|t| t.chars().next())
                    .unwrap_or(' ');
                return Err(self.unexpected(c, "Decimal point not followed by a digit"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.bump();
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.bump();
            }
            let digits = self.pos;
            while matches!(self.peek(), Some(b) if b.is_ascii_digit()) {
                self.bump();
            }
            if self.pos == digits {
                let c = self
                    .src
                    .get(self.pos..)
                    .and_then(|t| t.chars().next())
                    .unwrap_or(' ');
                return Err(self.unexpected(c, "Exponent indicator not followed by a digit"));
            }
        }
        Ok(self.src.get(start..self.pos).unwrap_or("").to_string())
    }

    /// Reads an unquoted word for Jackson's "Unrecognized token" message.
    fn invalid_token(&mut self, mut word: String, expected: &str) -> JsonError {
        while let Some(c) = self.src.get(self.pos..).and_then(|s| s.chars().next()) {
            if c.is_alphanumeric() || c == '_' || c == '$' {
                self.bump();
                word.push(c);
                if word.len() >= 256 {
                    break;
                }
            } else {
                break;
            }
        }
        self.error(&format!(
            "Unrecognized token '{word}': was expecting {expected}"
        ))
    }

    fn match_literal(&mut self, lit: &str) -> Result<(), JsonError> {
        // The first character has been consumed by the caller.
        let mut seen = String::new();
        seen.push(lit.as_bytes()[0] as char);
        for expected in lit.chars().skip(1) {
            match self.src.get(self.pos..).and_then(|s| s.chars().next()) {
                Some(c) if c == expected => {
                    self.bump();
                    seen.push(c);
                }
                _ => return Err(self.invalid_token(seen, VALID_VALUES)),
            }
        }
        // A literal followed directly by a word character is one bad token.
        if let Some(c) = self.src.get(self.pos..).and_then(|s| s.chars().next()) {
            if c.is_alphanumeric() || c == '_' {
                return Err(self.invalid_token(seen, VALID_VALUES));
            }
        }
        Ok(())
    }

    /// Jackson's limit on nesting (which also keeps the compiler's recursion
    /// shallow).
    fn check_depth(&self) -> Result<(), JsonError> {
        let depth = self
            .stack
            .iter()
            .filter(|(c, _, _)| *c != Ctx::Root)
            .count()
            + 1;
        if depth > MAX_DEPTH {
            return Err(self.error(&format!(
                "Document nesting depth ({depth}) exceeds the maximum allowed ({MAX_DEPTH}, from `StreamReadConstraints.getMaxNestingDepth()`)"
            )));
        }
        Ok(())
    }

    /// Reads the first part of a value (all of it for scalars but strings).
    fn read_value_start(&mut self) -> Result<Tok, JsonError> {
        let Some(c) = self.src.get(self.pos..).and_then(|s| s.chars().next()) else {
            return Err(self.eof_in_scope());
        };
        let (line, col) = (self.line, self.column_at(self.pos));
        match c {
            '"' => {
                self.bump();
                self.incomplete = true;
                Ok(Tok::Str)
            }
            '[' => {
                self.bump();
                self.check_depth()?;
                self.stack.push((Ctx::Array { first: true }, line, col));
                Ok(Tok::StartArray)
            }
            '{' => {
                self.bump();
                self.check_depth()?;
                self.stack.push((Ctx::Object { first: true }, line, col));
                Ok(Tok::StartObject)
            }
            't' => {
                self.bump();
                self.match_literal("true")?;
                Ok(Tok::True)
            }
            'f' => {
                self.bump();
                self.match_literal("false")?;
                Ok(Tok::False)
            }
            'n' => {
                self.bump();
                self.match_literal("null")?;
                Ok(Tok::Null)
            }
            '-' | '0'..='9' => Ok(Tok::Number(self.read_number()?)),
            '}' => {
                Err(self.unexpected('}', "expected a value"))
            }
            c if c.is_alphanumeric() || c == '_' => {
                self.bump();
                Err(self.invalid_token(
                    c.to_string(),
                    "(JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                ))
            }
            c => {
                Err(self.unexpected(
                    c,
                    "expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
                ))
            }
        }
    }

    /// The next token, or `None` at the end of the input at the root.
    pub(crate) fn next_token(&mut self) -> Result<Option<Tok>, JsonError> {
        let tok = self.next_inner()?;
        if let Some(Tok::Number(text)) = &tok {
            self.current_text = text.clone();
        } else if let Some(t) = &tok {
            self.current_text = match t {
                Tok::StartObject => "{".into(),
                Tok::EndObject => "}".into(),
                Tok::StartArray => "[".into(),
                Tok::EndArray => "]".into(),
                Tok::FieldName(n) => n.clone(),
                Tok::True => "true".into(),
                Tok::False => "false".into(),
                Tok::Null => "null".into(),
                Tok::Str | Tok::Number(_) => String::new(),
            };
        }
        self.current = tok.clone();
        Ok(tok)
    }

    fn next_inner(&mut self) -> Result<Option<Tok>, JsonError> {
        if let Some(t) = self.pending.take() {
            return Ok(Some(t));
        }
        if self.incomplete {
            self.incomplete = false;
            self.read_string_body()?;
        }
        self.skip_ws();
        let Some((ctx, _, _)) = self.stack.last().copied() else {
            return Ok(None);
        };
        let Some(c) = self.src.get(self.pos..).and_then(|s| s.chars().next()) else {
            return match ctx {
                Ctx::Root => Ok(None),
                _ => Err(self.eof_in_scope()),
            };
        };
        // Closing markers.
        if c == ']' || c == '}' {
            self.bump();
            let (expected, tok) = if c == ']' {
                (matches!(ctx, Ctx::Array { .. }), Tok::EndArray)
            } else {
                (matches!(ctx, Ctx::Object { .. }), Tok::EndObject)
            };
            if !expected {
                let what = match ctx {
                    Ctx::Array { .. } => "expected ']'",
                    Ctx::Object { .. } => "expected '}'",
                    Ctx::Root => "expected a value",
                };
                return Err(self.error(&format!("Unexpected close marker '{c}': {what}")));
            }
            self.stack.pop();
            return Ok(Some(tok));
        }
        match ctx {
            Ctx::Array { first } | Ctx::Object { first } if !first => {
                if c != ',' {
                    let which = if matches!(ctx, Ctx::Array { .. }) {
                        "Array"
                    } else {
                        "Object"
                    };
                    return Err(self.unexpected(
                        c,
                        &format!("was expecting comma to separate {which} entries"),
                    ));
                }
                self.bump();
                self.skip_ws();
            }
            _ => {}
        }
        if let Some(top) = self.stack.last_mut() {
            match &mut top.0 {
                Ctx::Array { first } | Ctx::Object { first } => *first = false,
                Ctx::Root => {}
            }
        }
        if let Ctx::Object { .. } = ctx {
            let Some(c) = self.src.get(self.pos..).and_then(|s| s.chars().next()) else {
                return Err(self.eof_in_scope());
            };
            if c != '"' {
                return Err(self.unexpected(c, "was expecting double-quote to start field name"));
            }
            self.bump();
            let name = self.read_string_body()?;
            self.skip_ws();
            match self.src.get(self.pos..).and_then(|s| s.chars().next()) {
                Some(':') => {
                    self.bump();
                }
                Some(c) => {
                    return Err(self
                        .unexpected(c, "was expecting a colon to separate field name and value"));
                }
                None => return Err(self.eof_in_scope()),
            }
            self.skip_ws();
            let value = self.read_value_start()?;
            self.pending = Some(value);
            return Ok(Some(Tok::FieldName(name)));
        }
        if let Ctx::Root = ctx {
            // Only one value at the root: afterwards, the stack is empty.
            let tok = self.read_value_start()?;
            if let Some(pos) = self.stack.iter().position(|(c, _, _)| *c == Ctx::Root) {
                self.stack.remove(pos);
            }
            return Ok(Some(tok));
        }
        Ok(Some(self.read_value_start()?))
    }
}
