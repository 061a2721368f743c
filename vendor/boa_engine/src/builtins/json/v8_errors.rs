//! Stratus patch 6: `JSON.parse`'s SyntaxError in V8's words.
//!
//! Node.js users read these messages in their logs ("Unexpected token 'u',
//! \"undefined\" is not valid JSON", "Expected property name or '}' in JSON at
//! position 1 (line 1 column 2)"). This scanner walks a JSON text the way V8's
//! parser does and names the first error as V8 would, with the position in
//! UTF-16 code units. It returns `None` for text that is valid JSON.

const MAX_CONTEXT: usize = 10;
const MIN_LENGTH_FOR_CONTEXT: usize = MAX_CONTEXT * 2 + 1;

/// What V8 reports; `Token` is the generic "unexpected character" case.
enum Kind {
    Token,
    Eos,
    Number,
    String,
    Message(&'static str),
}

struct Scanner<'a> {
    text: &'a [u16],
    at: usize,
}

type Scan = Result<(), (Kind, usize)>;

impl Scanner<'_> {
    fn peek(&self) -> Option<u16> {
        self.text.get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(0x20 | 0x09 | 0x0A | 0x0D)) {
            self.at += 1;
        }
    }

    fn fail<T>(&self, kind: Kind) -> Result<T, (Kind, usize)> {
        Err((kind, self.at))
    }

    /// The character at the cursor as an unexpected token.
    fn unexpected<T>(&self) -> Result<T, (Kind, usize)> {
        let kind = match self.peek() {
            None => Kind::Eos,
            Some(c) if c == u16::from(b'"') => Kind::String,
            Some(c) if c == u16::from(b'-') || (0x30..=0x39).contains(&c) => Kind::Number,
            Some(_) => Kind::Token,
        };
        self.fail(kind)
    }

    fn expect(&mut self, c: u8, message: &'static str) -> Scan {
        self.skip_whitespace();
        if self.peek() == Some(u16::from(c)) {
            self.at += 1;
            Ok(())
        } else {
            self.fail(Kind::Message(message))
        }
    }

    fn value(&mut self) -> Scan {
        self.skip_whitespace();
        match self.peek().and_then(|c| u8::try_from(c).ok()) {
            Some(b'"') => {
                self.at += 1;
                self.string()
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true"),
            Some(b'f') => self.literal("false"),
            Some(b'n') => self.literal("null"),
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            _ => self.unexpected(),
        }
    }

    fn object(&mut self) -> Scan {
        self.at += 1;
        self.skip_whitespace();
        if self.peek() == Some(u16::from(b'}')) {
            self.at += 1;
            return Ok(());
        }
        let mut first = true;
        loop {
            self.skip_whitespace();
            if self.peek() != Some(u16::from(b'"')) {
                return self.fail(Kind::Message(if first {
                    "Expected property name or '}' in JSON"
                } else {
                    "Expected double-quoted property name in JSON"
                }));
            }
            self.at += 1;
            self.string()?;
            self.expect(b':', "Expected ':' after property name in JSON")?;
            self.value()?;
            self.skip_whitespace();
            if self.peek() == Some(u16::from(b',')) {
                self.at += 1;
                first = false;
                continue;
            }
            return self.expect(b'}', "Expected ',' or '}' after property value in JSON");
        }
    }

    fn array(&mut self) -> Scan {
        self.at += 1;
        self.skip_whitespace();
        if self.peek() == Some(u16::from(b']')) {
            self.at += 1;
            return Ok(());
        }
        loop {
            self.value()?;
            self.skip_whitespace();
            if self.peek() == Some(u16::from(b',')) {
                self.at += 1;
                continue;
            }
            return self.expect(b']', "Expected ',' or ']' after array element in JSON");
        }
    }

    /// After the opening quote.
    fn string(&mut self) -> Scan {
        loop {
            let Some(c) = self.peek() else {
                return self.fail(Kind::Message("Unterminated string in JSON"));
            };
            match c {
                0x22 => {
                    self.at += 1;
                    return Ok(());
                }
                0x5C => {
                    self.at += 1;
                    match self.peek().and_then(|c| u8::try_from(c).ok()) {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => self.at += 1,
                        Some(b'u') => {
                            for _ in 0..4 {
                                self.at += 1;
                                if !self.peek().is_some_and(|d| {
                                    u8::try_from(d).is_ok_and(|d| d.is_ascii_hexdigit())
                                }) {
                                    return self.fail(Kind::Message("Bad Unicode escape in JSON"));
                                }
                            }
                            self.at += 1;
                        }
                        _ => return self.fail(Kind::Message("Bad escaped character in JSON")),
                    }
                }
                c if c < 0x20 => {
                    return self.fail(Kind::Message("Bad control character in string literal in JSON"));
                }
                _ => self.at += 1,
            }
        }
    }

    fn digit(&self) -> bool {
        matches!(self.peek(), Some(0x30..=0x39))
    }

    fn digits(&mut self) {
        while self.digit() {
            self.at += 1;
        }
    }

    fn number(&mut self) -> Scan {
        if self.peek() == Some(u16::from(b'-')) {
            self.at += 1;
        }
        if self.peek() == Some(u16::from(b'0')) {
            self.at += 1;
            if self.digit() {
                return self.fail(Kind::Number);
            }
        } else if self.digit() {
            self.digits();
        } else {
            return self.fail(Kind::Message("No number after minus sign in JSON"));
        }
        if self.peek() == Some(u16::from(b'.')) {
            self.at += 1;
            if !self.digit() {
                return self.fail(Kind::Message("Unterminated fractional number in JSON"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(0x65 | 0x45)) {
            self.at += 1;
            if matches!(self.peek(), Some(0x2B | 0x2D)) {
                self.at += 1;
            }
            if !self.digit() {
                return self.fail(Kind::Message("Exponent part is missing a number in JSON"));
            }
            self.digits();
        }
        Ok(())
    }

    fn literal(&mut self, word: &str) -> Scan {
        self.at += 1;
        for expected in word.bytes().skip(1) {
            match self.peek() {
                Some(c) if c == u16::from(expected) => self.at += 1,
                _ => return self.unexpected(),
            }
        }
        Ok(())
    }
}

/// Line and column (1-based) of a position, counting `\r\n` once, as V8 does.
fn line_and_column(text: &[u16], at: usize) -> (usize, usize) {
    let mut line = 1;
    let mut line_start = 0;
    let mut i = 0;
    while i < at {
        if text[i] == 0x0D && i + 1 < at && text[i + 1] == 0x0A {
            i += 1;
        }
        if text[i] == 0x0D || text[i] == 0x0A {
            line += 1;
            line_start = i + 1;
        }
        i += 1;
    }
    (line, 1 + i - line_start)
}

/// V8's message for the first error in `source`, or `None` when it is valid JSON.
pub(crate) fn message(source: &str) -> Option<String> {
    let text: Vec<u16> = source.encode_utf16().collect();
    let mut scanner = Scanner { text: &text, at: 0 };
    let result = scanner.value().and_then(|()| {
        scanner.skip_whitespace();
        if scanner.at < text.len() {
            scanner.fail(Kind::Message("Unexpected non-whitespace character after JSON"))
        } else {
            Ok(())
        }
    });
    let (kind, at) = result.err()?;
    let (line, column) = line_and_column(&text, at);
    let located = |what: &str| format!("{what} at position {at} (line {line} column {column})");
    Some(match kind {
        Kind::Eos => "Unexpected end of JSON input".to_string(),
        Kind::Number => located("Unexpected number in JSON"),
        Kind::String => located("Unexpected string in JSON"),
        Kind::Message(m) => located(m),
        Kind::Token => {
            if matches!(source, "[object Object]" | "undefined" | "Infinity" | "NaN") {
                return Some(format!("\"{source}\" is not valid JSON"));
            }
            let token = String::from_utf16_lossy(&text[at..=at]);
            let slice = |from: usize, to: usize| String::from_utf16_lossy(&text[from..to.min(text.len())]);
            if text.len() < MIN_LENGTH_FOR_CONTEXT {
                format!("Unexpected token '{token}', \"{source}\" is not valid JSON")
            } else if at < MAX_CONTEXT {
                format!("Unexpected token '{token}', \"{}\"... is not valid JSON", slice(0, at + MAX_CONTEXT))
            } else if at < text.len() - MAX_CONTEXT {
                format!(
                    "Unexpected token '{token}', ...\"{}\"... is not valid JSON",
                    slice(at - MAX_CONTEXT, at + MAX_CONTEXT)
                )
            } else {
                format!("Unexpected token '{token}', ...\"{}\" is not valid JSON", slice(at - MAX_CONTEXT, text.len()))
            }
        }
    })
}
