//! Lambda's filter criteria: the same language, fewer operators, and one
//! message for every rejection.

use super::support::rejected;
use crate::pattern::{Dialect, InvalidKind, Pattern};
use serde_json::json;

#[test]
fn every_invalid_lambda_filter_is_an_invalid_filter_pattern_definition() {
    let e = rejected(r#"{"body": {"a": "x"}}"#, Dialect::LambdaFilter);
    assert_eq!(e.code(), "InvalidParameterValueException");
    assert_eq!(e.message(), "Invalid filter pattern definition.");
}

#[test]
fn lambda_filters_match_like_eventbridge_patterns() {
    let p = Pattern::parse(
        r#"{"body": {"Temperature": [{"numeric": [">", 0, "<=", 100]}], "Location": ["New York"]}}"#,
        Dialect::LambdaFilter,
    )
    .unwrap();
    assert!(p.matches(&json!({"body": {"Temperature": 50, "Location": "New York"}})));
    assert!(!p.matches(&json!({"body": {"Temperature": 150, "Location": "New York"}})));
}

#[test]
fn lambda_supports_prefix_suffix_equals_ignore_case_anything_but_and_exists() {
    for p in [
        r#"{"a": [{"prefix": "x"}]}"#,
        r#"{"a": [{"suffix": "x"}]}"#,
        r#"{"a": [{"equals-ignore-case": "x"}]}"#,
        r#"{"a": [{"anything-but": ["x"]}]}"#,
        r#"{"a": [{"exists": false}]}"#,
        r#"{"a": [null, ""]}"#,
    ] {
        assert!(Pattern::parse(p, Dialect::LambdaFilter).is_ok(), "{p}");
    }
}

#[test]
fn lambda_does_not_document_wildcard_or_cidr() {
    let e = rejected(r#"{"a": [{"wildcard": "x*"}]}"#, Dialect::LambdaFilter);
    assert!(e.reason.starts_with("Unrecognized match type wildcard"));
    rejected(r#"{"a": [{"cidr": "10.0.0.0/8"}]}"#, Dialect::LambdaFilter);
}

#[test]
fn a_lambda_filter_pattern_is_at_most_4096_characters() {
    let values: Vec<String> = (0..600).map(|i| format!("\"v{i:04}\"")).collect();
    let text = format!(r#"{{"a":[{}]}}"#, values.join(","));
    let e = rejected(&text, Dialect::LambdaFilter);
    assert_eq!(e.kind, InvalidKind::TooLong { max: 4096 });
}
