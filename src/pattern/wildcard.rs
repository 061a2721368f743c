//! The `wildcard` operator: `*` matches any run of characters (none included),
//! `\*` is a literal asterisk and `\\` a literal backslash. AWS rejects two
//! `*` in a row and a backslash before anything else, giving the byte position
//! (in the value with its opening quote, as AWS counts it).

/// A parsed wildcard value: literal pieces between the `*`s.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Wildcard {
    /// The text as written in the pattern (for explanations).
    pub source: String,
    /// Literal pieces; a `*` sits between each pair.
    pub pieces: Vec<String>,
}

/// Parses a wildcard value, or gives AWS's reason.
pub(crate) fn parse(value: &str) -> Result<Wildcard, String> {
    // AWS counts positions in the UTF-8 bytes of the value with a leading quote.
    let bytes = value.as_bytes();
    let mut pieces = vec![Vec::new()];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'*' => {
                if bytes.get(i + 1) == Some(&b'*') {
                    return Err(format!("Consecutive wildcard characters at pos {}", i + 1));
                }
                pieces.push(Vec::new());
            }
            b'\\' => match bytes.get(i + 1) {
                Some(&next) if next == b'*' || next == b'\\' => {
                    if let Some(last) = pieces.last_mut() {
                        last.push(next);
                    }
                    i += 1;
                }
                _ => return Err(format!("Invalid escape character at pos {}", i + 1)),
            },
            b => {
                if let Some(last) = pieces.last_mut() {
                    last.push(b);
                }
            }
        }
        i += 1;
    }
    let pieces = pieces
        .into_iter()
        .map(|p| String::from_utf8_lossy(&p).into_owned())
        .collect();
    Ok(Wildcard {
        source: value.to_string(),
        pieces,
    })
}

impl Wildcard {
    /// The literal text before the first `*`.
    pub(crate) fn head(&self) -> &str {
        self.pieces.first().map(String::as_str).unwrap_or("")
    }

    /// Whether the whole of `s` matches.
    pub(crate) fn matches(&self, s: &str) -> bool {
        let n = self.pieces.len();
        if n == 1 {
            return s == self.pieces[0];
        }
        let first = &self.pieces[0];
        let last = &self.pieces[n - 1];
        if s.len() < first.len() + last.len() || !s.starts_with(first.as_str()) {
            return false;
        }
        if !s.ends_with(last.as_str()) {
            return false;
        }
        // Middle pieces, leftmost first, in what lies between head and tail.
        let mut rest = &s[first.len()..s.len() - last.len()];
        for piece in &self.pieces[1..n - 1] {
            match rest.find(piece.as_str()) {
                Some(at) => rest = &rest[at + piece.len()..],
                None => return false,
            }
        }
        true
    }
}
