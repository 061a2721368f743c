//! JavaScript syntax highlighting for the browser's code editor: source text
//! to HTML with every token's text escaped and wrapped in a classed `<span>`
//! (keyword, string, number, comment, function name). Engine-independent, so
//! it is tested natively; the editor lays the result under its textarea.

const KEYWORDS: &[&str] = &[
    "async",
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "default",
    "delete",
    "do",
    "else",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "from",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "let",
    "new",
    "null",
    "of",
    "return",
    "static",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "undefined",
    "var",
    "void",
    "while",
    "yield",
];

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

fn span(out: &mut String, class: &str, text: &str) {
    out.push_str("<span class=\"tok-");
    out.push_str(class);
    out.push_str("\">");
    escape_into(out, text);
    out.push_str("</span>");
}

/// The highlighted HTML of `source` (safe to set as innerHTML: all text is escaped).
pub fn javascript(source: &str) -> String {
    let mut out = String::with_capacity(source.len() * 2);
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &source[i..];
        let c = bytes[i];
        if rest.starts_with("//") {
            let end = rest.find('\n').unwrap_or(rest.len());
            span(&mut out, "comment", &rest[..end]);
            i += end;
        } else if let Some(body) = rest.strip_prefix("/*") {
            let end = body.find("*/").map_or(rest.len(), |e| e + 4);
            span(&mut out, "comment", &rest[..end]);
            i += end;
        } else if c == b'"' || c == b'\'' || c == b'`' {
            let mut j = 1;
            while j < rest.len() {
                let b = rest.as_bytes()[j];
                if b == b'\\' {
                    j += 2;
                    continue;
                }
                j += 1;
                if b == c || (b == b'\n' && c != b'`') {
                    break;
                }
            }
            let end = j.min(rest.len());
            let end = (0..=end)
                .rev()
                .find(|&e| rest.is_char_boundary(e))
                .unwrap_or(0);
            span(&mut out, "string", &rest[..end]);
            i += end.max(1);
        } else if c.is_ascii_digit() {
            let end = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '.' || ch == '_'))
                .unwrap_or(rest.len());
            span(&mut out, "number", &rest[..end]);
            i += end;
        } else if c.is_ascii_alphabetic() || c == b'_' || c == b'$' {
            let end = rest
                .find(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '$'))
                .unwrap_or(rest.len());
            let word = &rest[..end];
            if KEYWORDS.contains(&word) {
                span(&mut out, "keyword", word);
            } else if rest[end..].trim_start().starts_with('(') {
                span(&mut out, "function", word);
            } else {
                escape_into(&mut out, word);
            }
            i += end;
        } else {
            let ch = rest.chars().next().expect("not at the end");
            escape_into(&mut out, &ch.to_string());
            i += ch.len_utf8();
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_strings_numbers_and_comments_get_their_classes() {
        let html = javascript("export const handler = async (e) => 'hi' + 42; // done");
        assert!(html.starts_with("<span class=\"tok-keyword\">export</span> "));
        assert!(html.contains("<span class=\"tok-string\">&#39;hi&#39;</span>"));
        assert!(html.contains("<span class=\"tok-number\">42</span>"));
        assert!(html.ends_with("<span class=\"tok-comment\">// done</span>"));
    }

    #[test]
    fn markup_in_source_is_escaped_never_interpreted() {
        let html = javascript("const s = \"<img src=x onerror=alert(1)>\"; a < b && c");
        assert!(!html.contains("<img"));
        assert!(html.contains("&lt;img"));
        assert!(html.contains(" &lt; b &amp;&amp; c"));
    }

    #[test]
    fn text_survives_highlighting_unchanged_apart_from_markup() {
        let source = "/* é */ let x = `a ${b}\n c`; f(1.5e3);\nconst ü = '\\'';";
        let html = javascript(source);
        let mut text = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => text.push(c),
                _ => {}
            }
        }
        let text = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        assert_eq!(text, source);
    }
}
