//! Arrays in events: a field matches when any element does, and the fields a
//! pattern reads inside one array of objects must come from the same element.

use super::support::eb_matches;
use serde_json::json;

#[test]
fn a_field_matches_if_any_element_of_an_event_array_matches() {
    let p = r#"{"resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f"]}"#;
    let e = json!({"resources": [
        "arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f",
        "arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f"
    ]});
    assert!(eb_matches(p, e));
    assert!(!eb_matches(p, json!({"resources": ["arn:other"]})));
}

#[test]
fn an_array_pattern_matches_an_array_event_when_they_share_a_value() {
    let p = r#"{"r": ["a", "b"]}"#;
    assert!(eb_matches(p, json!({"r": ["c", "b"]})));
    assert!(!eb_matches(p, json!({"r": ["c", "d"]})));
}

#[test]
fn fields_of_an_array_of_objects_must_match_in_the_same_element() {
    let p = r#"{"items": {"sku": ["A"], "qty": [2]}}"#;
    assert!(eb_matches(
        p,
        json!({"items": [{"sku": "A", "qty": 2}, {"sku": "B", "qty": 1}]})
    ));
    assert!(!eb_matches(
        p,
        json!({"items": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 2}]})
    ));
}

#[test]
fn fields_from_different_arrays_match_independently() {
    let p = r#"{"a": {"x": [1]}, "b": {"y": [2]}}"#;
    assert!(eb_matches(
        p,
        json!({"a": [{"x": 0}, {"x": 1}], "b": [{"y": 2}, {"y": 3}]})
    ));
}

#[test]
fn an_or_branch_and_its_parent_read_the_same_array_element() {
    let p =
        r#"{"items": {"sku": ["A"]}, "$or": [{"items": {"qty": [2]}}, {"items": {"qty": [3]}}]}"#;
    assert!(eb_matches(p, json!({"items": [{"sku": "A", "qty": 3}]})));
    assert!(!eb_matches(
        p,
        json!({"items": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 2}]})
    ));
}

#[test]
fn nested_arrays_are_flattened() {
    assert!(eb_matches(r#"{"a": [3]}"#, json!({"a": [[1, 2], [3]]})));
    assert!(eb_matches(
        r#"{"Records": {"s3": {"object": {"key": [{"prefix": "auto-"}]}}}}"#,
        json!({"Records": [{"s3": {"object": [[{"key": "auto-1.xml"}]]}}]})
    ));
}

#[test]
fn exists_false_fails_if_any_element_has_the_field() {
    let p = r#"{"a": {"b": [{"exists": false}]}}"#;
    assert!(!eb_matches(p, json!({"a": [{"b": 1}, {"c": 2}]})));
    assert!(eb_matches(p, json!({"a": [{"c": 1}, {"c": 2}]})));
}
