//! What a target receives: the whole event, a constant `Input`, the part an
//! `InputPath` selects, or an `InputTransformer`'s template filled from its
//! `InputPathsMap`, with AWS's quoting rules: a variable inside a JSON string
//! is replaced by the value's text (a string without its quotes), outside a
//! string by the value's JSON; AWS's own variables (`<aws.events.rule-arn>`,
//! `<aws.events.rule-name>`, `<aws.events.event.ingestion-time>`,
//! `<aws.events.event>`, `<aws.events.event.json>`) are always there. A path
//! the event lacks gives an empty string.

use serde_json::Value;

/// What the target is sent: JSON, or text when a template does not make JSON.
#[derive(Clone, Debug, PartialEq)]
pub enum TargetInput {
    Json(Value),
    Text(String),
}

impl TargetInput {
    /// The text of it, as an SQS message body carries it.
    pub fn text(&self) -> String {
        match self {
            TargetInput::Json(Value::String(s)) => serde_json::to_string(s).unwrap_or_default(),
            TargetInput::Json(v) => v.to_string(),
            TargetInput::Text(t) => t.clone(),
        }
    }

    /// The value of it, as a function's event.
    pub fn value(&self) -> Value {
        match self {
            TargetInput::Json(v) => v.clone(),
            TargetInput::Text(t) => Value::String(t.clone()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Transformer {
    pub paths: Vec<(String, String)>,
    pub template: String,
}

/// What a rule knows that its templates may use.
pub struct RuleContext<'a> {
    pub rule_arn: &'a str,
    pub rule_name: &'a str,
    pub ingestion_time: &'a str,
}

/// A JSONPath of the form EventBridge accepts: `$`, then `.name`, `['name']` or `[index]` steps.
pub fn valid_path(path: &str) -> bool {
    steps(path).is_some()
}

enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

fn steps(path: &str) -> Option<Vec<Step<'_>>> {
    let mut rest = path.strip_prefix('$')?;
    let mut out = Vec::new();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end == 0 {
                return None;
            }
            out.push(Step::Key(&r[..end]));
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix("['") {
            let end = r.find("']")?;
            out.push(Step::Key(&r[..end]));
            rest = &r[end + 2..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            out.push(Step::Index(r[..end].parse().ok()?));
            rest = &r[end + 1..];
        } else {
            return None;
        }
    }
    Some(out)
}

/// The value `path` selects in `event`, if any.
pub fn select<'a>(event: &'a Value, path: &str) -> Option<&'a Value> {
    steps(path)?.iter().try_fold(event, |v, step| match step {
        Step::Key(k) => v.get(*k),
        Step::Index(i) => v.get(*i),
    })
}

impl Transformer {
    pub fn apply(&self, event: &Value, rule: &RuleContext) -> TargetInput {
        let lookup = |name: &str| -> Option<Value> {
            match name {
                "aws.events.rule-arn" => Some(Value::String(rule.rule_arn.to_string())),
                "aws.events.rule-name" => Some(Value::String(rule.rule_name.to_string())),
                "aws.events.event.ingestion-time" => {
                    Some(Value::String(rule.ingestion_time.to_string()))
                }
                "aws.events.event" => Some(event_summary(event, rule.ingestion_time)),
                "aws.events.event.json" => Some(event.clone()),
                _ => {
                    let (_, path) = self.paths.iter().find(|(k, _)| k == name)?;
                    // A path the event lacks gives an empty string, as AWS fills it.
                    Some(
                        select(event, path)
                            .cloned()
                            .unwrap_or(Value::String(String::new())),
                    )
                }
            }
        };
        let text = fill(&self.template, lookup);
        match serde_json::from_str::<Value>(&text) {
            Ok(v) => TargetInput::Json(v),
            Err(_) => TargetInput::Text(text),
        }
    }
}

/// `<aws.events.event>`: the event's metadata without its detail, in AWS's shape.
fn event_summary(event: &Value, ingestion_time: &str) -> Value {
    let field = |key: &str| event.get(key).cloned().unwrap_or(Value::Null);
    let mut out = serde_json::Map::new();
    out.insert("id".into(), field("id"));
    out.insert("account".into(), field("account"));
    out.insert("detailType".into(), field("detail-type"));
    out.insert("time".into(), Value::String(ingestion_time.to_string()));
    out.insert("source".into(), field("source"));
    out.insert("region".into(), field("region"));
    out.insert("resources".into(), field("resources"));
    out.insert("version".into(), field("version"));
    Value::Object(out)
}

/// The placeholders of a template that are neither in its InputPathsMap nor AWS's own.
pub fn undefined_placeholders<'a>(template: &'a str, paths: &[(String, String)]) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('>') else { break };
        let name = &after[..end];
        let known = name.starts_with("aws.events.")
            && matches!(
                name,
                "aws.events.rule-arn"
                    | "aws.events.rule-name"
                    | "aws.events.event.ingestion-time"
                    | "aws.events.event"
                    | "aws.events.event.json"
            );
        if is_variable(name) && !known && !paths.iter().any(|(k, _)| k == name) {
            out.push(name);
        }
        rest = &after[end + 1..];
    }
    out
}

/// The template with each `<name>` it knows replaced, as the quoting rules say.
fn fill(template: &str, lookup: impl Fn(&str) -> Option<Value>) -> String {
    let mut out = String::with_capacity(template.len());
    // A template that is not a JSON object or array is text: every value goes in as text.
    let text_template = !matches!(template.trim_start().chars().next(), Some('{' | '['));
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = template;
    while let Some(c) = rest.chars().next() {
        if c == '<' {
            if let Some(end) = rest.find('>') {
                let name = &rest[1..end];
                if is_variable(name) {
                    if let Some(value) = lookup(name) {
                        out.push_str(&render(&value, in_string || text_template));
                        rest = &rest[end + 1..];
                        escaped = false;
                        continue;
                    }
                }
            }
        }
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '"' {
            in_string = !in_string;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn is_variable(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

fn render(value: &Value, in_string: bool) -> String {
    match (value, in_string) {
        (Value::String(s), true) => {
            let quoted = serde_json::to_string(s).unwrap_or_default();
            quoted[1..quoted.len() - 1].to_string()
        }
        (Value::Null, true) => String::new(),
        (other, true) => {
            let text = other.to_string();
            if other.is_object() || other.is_array() {
                let quoted = serde_json::to_string(&text).unwrap_or_default();
                quoted[1..quoted.len() - 1].to_string()
            } else {
                text
            }
        }
        (other, false) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event() -> Value {
        json!({"id": "e-1", "detail-type": "Order Placed", "detail": {"order": {"id": "o-7", "amount": 42, "items": ["a", "b"]}, "state": "new"}})
    }

    fn rule() -> RuleContext<'static> {
        RuleContext {
            rule_arn: "arn:aws:events:us-east-1:123456789012:rule/orders",
            rule_name: "orders",
            ingestion_time: "2026-01-01T00:00:00Z",
        }
    }

    fn transform(paths: &[(&str, &str)], template: &str) -> TargetInput {
        Transformer {
            paths: paths
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            template: template.to_string(),
        }
        .apply(&event(), &rule())
    }

    #[test]
    fn input_path_selects_part_of_the_event() {
        assert_eq!(select(&event(), "$.detail.order.id"), Some(&json!("o-7")));
        assert_eq!(
            select(&event(), "$.detail.order.items[1]"),
            Some(&json!("b"))
        );
        assert_eq!(
            select(&event(), "$['detail-type']"),
            Some(&json!("Order Placed"))
        );
        assert_eq!(select(&event(), "$"), Some(&event()));
        assert_eq!(select(&event(), "$.detail.nothing"), None);
        assert!(!valid_path("detail.order"));
        assert!(!valid_path("$..order"));
    }

    #[test]
    fn a_variable_inside_quotes_is_its_text_and_outside_its_json() {
        let out = transform(
            &[
                ("id", "$.detail.order.id"),
                ("amount", "$.detail.order.amount"),
                ("items", "$.detail.order.items"),
            ],
            r#"{"order": "<id>", "amount": <amount>, "label": "order <id> of <amount>", "items": <items>}"#,
        );
        assert_eq!(
            out,
            TargetInput::Json(
                json!({"order": "o-7", "amount": 42, "label": "order o-7 of 42", "items": ["a", "b"]})
            )
        );
    }

    #[test]
    fn a_template_that_is_not_json_is_sent_as_text() {
        let out = transform(&[("state", "$.detail.state")], "order is <state>");
        assert_eq!(out, TargetInput::Text("order is new".into()));
        let quoted = transform(&[("state", "$.detail.state")], r#""order is <state>""#);
        assert_eq!(quoted, TargetInput::Json(json!("order is new")));
        assert_eq!(quoted.text(), r#""order is new""#);
    }

    #[test]
    fn aws_variables_are_always_defined() {
        let out = transform(
            &[],
            r#"{"rule": "<aws.events.rule-name>", "arn": "<aws.events.rule-arn>", "at": "<aws.events.event.ingestion-time>", "event": <aws.events.event>}"#,
        );
        let TargetInput::Json(v) = out else { panic!() };
        assert_eq!(v["rule"], "orders");
        assert_eq!(v["at"], "2026-01-01T00:00:00Z");
        assert_eq!(v["event"]["id"], "e-1");
    }

    #[test]
    fn a_missing_path_gives_an_empty_string() {
        let out = transform(&[("x", "$.detail.nothing")], r#"{"a": <x>, "b": "<x>"}"#);
        assert_eq!(out, TargetInput::Json(json!({"a": "", "b": ""})));
    }

    #[test]
    fn aws_events_event_is_the_metadata_without_the_detail() {
        let TargetInput::Json(out) = transform(&[], r#"{"e": <aws.events.event>}"#) else {
            panic!()
        };
        let v = &out["e"];
        let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "id",
                "account",
                "detailType",
                "time",
                "source",
                "region",
                "resources",
                "version"
            ]
        );
        assert_eq!(v["detailType"], "Order Placed");
    }

    #[test]
    fn a_placeholder_not_in_the_paths_map_is_undefined() {
        let paths = vec![("id".to_string(), "$.id".to_string())];
        assert_eq!(
            undefined_placeholders("<id> <notdefinedkey> <aws.events.rule-name>", &paths),
            ["notdefinedkey"]
        );
    }
}
