//! `${name.Path[0].To}` references from a step's input to an earlier step's
//! response. A string that is exactly one reference becomes the referenced
//! value with its JSON type; references inside longer strings are
//! interpolated as text. `$${` stands for a literal `${` (JavaScript template
//! literals in a function's code, say); `escape` writes text that way.

use serde_json::Value;
use std::collections::HashMap;

/// Why a reference did not resolve (the runner reports it as `ScenarioReferenceError`).
#[derive(Debug, PartialEq, Eq)]
pub struct RefError(pub String);

/// Replaces every reference in `input` using the named responses.
pub fn resolve(input: &Value, names: &HashMap<String, Value>) -> Result<Value, RefError> {
    match input {
        Value::String(s) => resolve_string(s, names),
        Value::Array(items) => items
            .iter()
            .map(|v| resolve(v, names))
            .collect::<Result<_, _>>()
            .map(Value::Array),
        Value::Object(obj) => {
            let mut out = serde_json::Map::with_capacity(obj.len());
            for (k, v) in obj {
                out.insert(k.clone(), resolve(v, names)?);
            }
            Ok(Value::Object(out))
        }
        other => Ok(other.clone()),
    }
}

fn resolve_string(s: &str, names: &HashMap<String, Value>) -> Result<Value, RefError> {
    if !s.contains("${") {
        return Ok(Value::String(s.to_string()));
    }
    if let Some(expr) = s
        .strip_prefix("${")
        .and_then(|r| r.strip_suffix('}'))
        .filter(|e| !e.contains('}') && !e.contains("${"))
    {
        return lookup(expr, names).cloned();
    }
    let mut out = String::new();
    let mut rest = s;
    while let Some(start) = rest.find("${") {
        if start > 0 && rest.as_bytes()[start - 1] == b'$' {
            // `$${`: a literal `${`.
            out.push_str(&rest[..start - 1]);
            out.push_str("${");
            rest = &rest[start + 2..];
            continue;
        }
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let end = after
            .find('}')
            .ok_or_else(|| RefError(format!("\"{s}\" has a \"${{\" without its closing \"}}\"")))?;
        match lookup(&after[..end], names)? {
            Value::String(text) => out.push_str(text),
            other => out.push_str(&other.to_string()),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(Value::String(out))
}

/// The same value with every `${` in its strings written as `$${`, so that it
/// resolves back to itself (the UI records what a person typed this way).
pub fn escape(value: &Value) -> Value {
    match value {
        Value::String(s) if s.contains("${") => Value::String(s.replace("${", "$${")),
        Value::Array(items) => Value::Array(items.iter().map(escape).collect()),
        Value::Object(obj) => {
            Value::Object(obj.iter().map(|(k, v)| (k.clone(), escape(v))).collect())
        }
        other => other.clone(),
    }
}

/// Follows `name.Field[0].Other` through the named responses.
fn lookup<'a>(expr: &str, names: &'a HashMap<String, Value>) -> Result<&'a Value, RefError> {
    let name_end = expr.find(['.', '[']).unwrap_or(expr.len());
    let name = &expr[..name_end];
    let mut value = names.get(name).ok_or_else(|| {
        RefError(format!(
            "${{{expr}}}: no earlier step named \"{name}\" succeeded"
        ))
    })?;
    let mut walked = name.to_string();
    let mut rest = &expr[name_end..];
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let close = after
                .find(']')
                .ok_or_else(|| RefError(format!("${{{expr}}}: missing \"]\"")))?;
            let index: usize = after[..close].parse().map_err(|_| {
                RefError(format!(
                    "${{{expr}}}: \"{}\" is not an index",
                    &after[..close]
                ))
            })?;
            value = value
                .get(index)
                .ok_or_else(|| RefError(format!("${{{expr}}}: {walked} has no element {index}")))?;
            walked.push_str(&format!("[{index}]"));
            rest = &after[close + 1..];
        } else if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            let key = &after[..end];
            value = value
                .get(key)
                .ok_or_else(|| RefError(format!("${{{expr}}}: {walked} has no field \"{key}\"")))?;
            walked.push('.');
            walked.push_str(key);
            rest = &after[end..];
        } else {
            return Err(RefError(format!(
                "${{{expr}}}: cannot read \"{rest}\"; use .Field or [index]"
            )));
        }
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn names() -> HashMap<String, Value> {
        HashMap::from([(
            "r1".to_string(),
            json!({"Messages": [{"ReceiptHandle": "AQEBxyz", "Attributes": {"N": 2}}], "Count": 3}),
        )])
    }

    #[test]
    fn a_whole_string_reference_keeps_the_json_type() {
        let out = resolve(&json!({"H": "${r1.Messages[0].ReceiptHandle}", "C": "${r1.Count}", "O": "${r1.Messages[0].Attributes}"}), &names()).unwrap();
        assert_eq!(out, json!({"H": "AQEBxyz", "C": 3, "O": {"N": 2}}));
    }

    #[test]
    fn references_inside_text_are_interpolated() {
        let out = resolve(
            &json!(["count=${r1.Count}; handle ${r1.Messages[0].ReceiptHandle}!"]),
            &names(),
        )
        .unwrap();
        assert_eq!(out, json!(["count=3; handle AQEBxyz!"]));
    }

    #[test]
    fn a_doubled_dollar_is_a_literal_template_and_escape_round_trips() {
        let code = "const s = `${a} and ${b.c}`; // $${ stays literal once";
        let out = resolve(
            &escape(&json!({"Code": code, "N": "$${r1.Count}"})),
            &names(),
        )
        .unwrap();
        assert_eq!(out, json!({"Code": code, "N": "$${r1.Count}"}));
        let out = resolve(&json!("x $${y} ${r1.Count}"), &names()).unwrap();
        assert_eq!(out, json!("x ${y} 3"));
    }

    #[test]
    fn an_unresolvable_reference_says_where_it_stopped() {
        let e = resolve(&json!({"H": "${r1.Messages[1].ReceiptHandle}"}), &names()).unwrap_err();
        assert!(e.0.contains("r1.Messages has no element 1"), "{}", e.0);
        let e = resolve(&json!({"H": "${r9.X}"}), &names()).unwrap_err();
        assert!(e.0.contains("no earlier step named \"r9\""), "{}", e.0);
    }
}
