//! The smallest statements: a pattern is parsed once and reused.

use super::support::eb;
use serde_json::json;

#[test]
fn a_pattern_keeps_its_text_and_dialect() {
    let p = eb(r#"{"source":["aws.ec2"]}"#);
    assert_eq!(p.text(), r#"{"source":["aws.ec2"]}"#);
    assert_eq!(p.dialect(), crate::pattern::Dialect::EventBridge);
    assert!(p.matches(&json!({"source": "aws.ec2"})));
}

#[test]
fn an_event_that_is_not_an_object_matches_nothing() {
    let p = eb(r#"{"a":[{"exists":false}]}"#);
    assert!(!p.matches(&json!([1, 2])));
    assert!(p.matches(&json!({})));
    assert!(p.explain(&json!("text")).is_err());
}
