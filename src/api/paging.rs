//! Paging for list actions whose token is opaque to the caller: here, the
//! index of the next item, as text.

use serde_json::{Map, Value};

/// One page of `items` under `key`, from `token` (an index), at most `max` long, with
/// `token_key` holding the next token when more remain.
pub fn by_index(
    key: &str,
    token_key: &str,
    items: Vec<Value>,
    token: Option<&str>,
    max: usize,
) -> Value {
    let start = token.and_then(|t| t.parse::<usize>().ok()).unwrap_or(0);
    let len = items.len();
    let page: Vec<Value> = items.into_iter().skip(start).take(max).collect();
    let next = start + page.len();
    let mut out = Map::new();
    out.insert(key.into(), Value::Array(page));
    if next < len {
        out.insert(token_key.into(), Value::from(next.to_string()));
    }
    Value::Object(out)
}
