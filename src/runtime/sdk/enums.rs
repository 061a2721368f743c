//! The enum objects the `@aws-sdk/client-*` packages export beside their
//! commands (`InvocationType.RequestResponse`, `Runtime.nodejs20x`,
//! `ObjectCannedACL.public_read`): `enums.txt`, one line per client, read
//! from the published npm packages by `scripts/gen_sdk_enums.py` (the format
//! is described there). Only the line of the client being imported is
//! decoded. In the browser the text arrives with the runtime's other assets.

use serde_json::{Map, Number, Value};

use crate::runtime::assets::{self, asset};

fn text() -> Option<&'static str> {
    assets::ready().then(|| asset!("enums.txt"))
}

/// One enum object: its name and its members (key and value), in the
/// package's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Enum {
    pub name: String,
    pub members: Vec<(String, Value)>,
}

/// The enums of the client whose serviceId is `sdk_id`, in the package's
/// order (none for a client without enums, or one npm did not have).
pub fn of(sdk_id: &str) -> Vec<Enum> {
    text()
        .unwrap_or_default()
        .lines()
        .find_map(|l| {
            l.strip_prefix(sdk_id)
                .and_then(|rest| rest.strip_prefix('|'))
        })
        .map(decode)
        .unwrap_or_default()
}

/// The enums of a client as one JSON object `{ Enum: { key: value } }`,
/// members in order.
pub fn json(sdk_id: &str) -> Value {
    let mut out = Map::new();
    for e in of(sdk_id) {
        out.insert(e.name, Value::Object(e.members.into_iter().collect()));
    }
    Value::Object(out)
}

/// A character of the encoded text and whether it was escaped (`\:`).
type Token = (char, bool);

fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some('n') => out.push(('\n', true)),
                Some(next) => out.push((next, true)),
                None => out.push(('\\', false)),
            },
            _ => out.push((c, false)),
        }
    }
    out
}

fn split(tokens: &[Token], sep: char) -> impl Iterator<Item = &[Token]> {
    tokens.split(move |&(c, escaped)| c == sep && !escaped)
}

fn plain(tokens: &[Token]) -> String {
    tokens.iter().map(|&(c, _)| c).collect()
}

/// Decodes the enums of one line (what follows `sdkId|`).
pub fn decode(list: &str) -> Vec<Enum> {
    let all = tokens(list);
    split(&all, ';')
        .filter(|e| !e.is_empty())
        .filter_map(|e| {
            let mut parts = e.splitn(2, |&(c, escaped)| c == ':' && !escaped);
            let name = plain(parts.next()?);
            let members = split(parts.next()?, ',').filter_map(member).collect();
            Some(Enum { name, members })
        })
        .collect()
}

/// `key=value`, `key=#number`, or a value whose key it gives: the value
/// itself, or by the rule its last character names (`~`, `^`, `+`).
fn member(item: &[Token]) -> Option<(String, Value)> {
    let mut parts = split(item, '=');
    let first = parts.next()?;
    if let Some(value) = parts.next() {
        let key = plain(first);
        return match value.split_first() {
            Some((('#', false), number)) => {
                let n = plain(number);
                let v = n
                    .parse::<i64>()
                    .ok()
                    .map(Number::from)
                    .or_else(|| n.parse::<f64>().ok().and_then(Number::from_f64))?;
                Some((key, Value::Number(v)))
            }
            _ => Some((key, Value::String(plain(value)))),
        };
    }
    let (rule, value) = match item.split_last() {
        Some((&(mark @ ('~' | '^' | '+'), false), rest)) => (mark, rest),
        _ => (' ', item),
    };
    let value = plain(value);
    let key = match rule {
        '~' => js_name(&value),
        '^' => js_name(&value).to_uppercase(),
        '+' => upper_snake(&value),
        _ => value.clone(),
    };
    Some((key, Value::String(value)))
}

/// Every character that cannot be in a JavaScript name as `_`.
fn js_name(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '$' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Words split before a capital that follows a lower case letter or digit,
/// and before the last capital of a run followed by a lower case letter;
/// runs of anything but letters and digits as one `_`; upper case
/// (`UnusedIAMRole` → `UNUSED_IAM_ROLE`).
fn upper_snake(value: &str) -> String {
    let mut first = Vec::with_capacity(value.len() + 8);
    for c in value.chars() {
        if c.is_ascii_uppercase()
            && first
                .last()
                .is_some_and(|p: &char| p.is_ascii_lowercase() || p.is_ascii_digit())
        {
            first.push('_');
        }
        first.push(c);
    }
    let mut second = String::with_capacity(first.len() + 8);
    let mut run = false;
    for (i, &c) in first.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| first.get(j));
        let after = first.get(i + 1);
        if c.is_ascii_uppercase()
            && before.is_some_and(char::is_ascii_uppercase)
            && after.is_some_and(char::is_ascii_lowercase)
        {
            second.push('_');
        }
        if c.is_ascii_alphanumeric() {
            second.push(c.to_ascii_uppercase());
            run = false;
        } else if !run {
            second.push('_');
            run = true;
        }
    }
    second
}
