//! Event patterns against answers AWS gave: each case of `recorded_patterns.json`
//! (a pattern, an event, and whether AWS matched it or the reason it refused the
//! pattern) through TestEventPattern's engine.

use crate::pattern::{Dialect, Pattern};
use serde_json::Value;

/// The pattern as the recording sent it (Python's `json.dumps`: `", "` and `": "`), so the
/// parser's location in AWS's message points at the same column.
fn as_sent(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let fields: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", Value::String(k.clone()), as_sent(v)))
                .collect();
            format!("{{{}}}", fields.join(", "))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(as_sent).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

#[test]
fn every_recorded_case_gets_the_answer_aws_gave() {
    let cases: Vec<Value> = serde_json::from_str(include_str!("recorded_patterns.json")).unwrap();
    let mut wrong = Vec::new();
    for case in &cases {
        let name = case["name"].as_str().unwrap_or("?");
        let text = match (
            &case["pattern"],
            case.get("pattern_raw").and_then(Value::as_str),
        ) {
            (_, Some(raw)) => raw.to_string(),
            (p, None) => as_sent(p),
        };
        let got = Pattern::parse(&text, Dialect::EventBridge);
        match (&case["expect"], got) {
            (Value::String(s), Ok(p)) => {
                let want = s == "match";
                if p.matches(&case["event"]) != want {
                    wrong.push(format!("{name}: expected {s}"));
                }
            }
            (Value::String(s), Err(e)) => wrong.push(format!("{name}: expected {s}, refused: {e}")),
            (Value::Object(want), Ok(_)) => wrong.push(format!(
                "{name}: expected refusal {:?}, accepted",
                want.get("error")
            )),
            (Value::Object(want), Err(e)) => {
                let recorded = want.get("recorded").and_then(Value::as_bool) != Some(false);
                // AWS's whole message, with the parser's location where it gives one.
                let raw = want.get("raw").and_then(Value::as_str).unwrap_or("");
                if recorded && e.message() != raw {
                    wrong.push(format!("{name}: expected {raw:?}, got {:?}", e.message()));
                }
            }
            (other, _) => wrong.push(format!("{name}: unreadable expectation {other}")),
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} cases differ:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}
