//! Explanations for a learner: the first field that failed, and why.

use super::support::eb;
use serde_json::json;

#[test]
fn explain_names_the_field_and_the_failed_condition() {
    let p = eb(r#"{"detail": {"amount": [{"numeric": [">=", 100]}]}}"#);
    let m = p.explain(&json!({"detail": {"amount": 42}})).unwrap_err();
    assert_eq!(m.path, "detail.amount");
    assert_eq!(m.reason, "42 is not a number >= 100");
    assert_eq!(m.to_string(), "detail.amount: 42 is not a number >= 100");
}

#[test]
fn explain_says_when_a_field_is_missing() {
    let p = eb(r#"{"source": ["aws.ec2"], "detail": {"state": ["running"]}}"#);
    let m = p.explain(&json!({"source": "aws.ec2"})).unwrap_err();
    assert_eq!(m.path, "detail.state");
    assert!(
        m.reason.contains("does not have this field"),
        "{}",
        m.reason
    );
}

#[test]
fn explain_accepts_a_matching_event() {
    let p = eb(r#"{"source": ["aws.ec2"]}"#);
    assert_eq!(p.explain(&json!({"source": "aws.ec2"})), Ok(()));
}

#[test]
fn explain_reports_a_field_that_should_be_absent() {
    let p = eb(r#"{"a": [{"exists": false}]}"#);
    let m = p.explain(&json!({"a": 1})).unwrap_err();
    assert_eq!(m.path, "a");
    assert!(m.reason.contains("absent"), "{}", m.reason);
}

#[test]
fn explain_lists_every_value_of_an_array_that_failed() {
    let p = eb(r#"{"tags": ["gift"]}"#);
    let m = p.explain(&json!({"tags": ["bulk", "repeat"]})).unwrap_err();
    assert_eq!(m.reason, r#"none of ["bulk", "repeat"] is "gift""#);
}

#[test]
fn explain_picks_the_or_branch_that_came_closest() {
    let p = eb(r#"{"$or": [{"a": [1], "b": [2]}, {"c": [3]}]}"#);
    let m = p.explain(&json!({"a": 1, "b": 5})).unwrap_err();
    assert_eq!(m.path, "b");
}

#[test]
fn explain_describes_array_elements_that_match_apart() {
    let p = eb(r#"{"items": {"sku": ["A"], "qty": [2]}}"#);
    let m = p
        .explain(&json!({"items": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 2}]}))
        .unwrap_err();
    assert!(m.reason.contains("no single element"), "{}", m.reason);
}
