//! The many-rule matcher: the same answers as each pattern alone, in the
//! order the rules were added.

use super::support::eb;
use crate::pattern::Matcher;
use serde_json::json;

#[test]
fn matching_returns_matching_rules_in_the_order_added() {
    let mut m = Matcher::new();
    m.add("c", &eb(r#"{"source": ["aws.ec2"]}"#));
    m.add("a", &eb(r#"{"detail": {"state": [{"prefix": "run"}]}}"#));
    m.add("b", &eb(r#"{"source": ["aws.s3"]}"#));
    let e = json!({"source": "aws.ec2", "detail": {"state": "running"}});
    assert_eq!(m.matching(&e), vec!["c", "a"]);
    assert_eq!(m.len(), 3);
}

#[test]
fn a_removed_rule_no_longer_matches() {
    let mut m = Matcher::new();
    m.add(1, &eb(r#"{"source": ["x"]}"#));
    m.add(2, &eb(r#"{"source": ["x"], "n": [{"numeric": [">", 1]}]}"#));
    m.remove(&1);
    assert_eq!(m.len(), 1);
    assert_eq!(m.matching(&json!({"source": "x", "n": 2})), vec![2]);
    m.remove(&2);
    assert!(m.is_empty());
    assert!(m.matching(&json!({"source": "x", "n": 2})).is_empty());
}

#[test]
fn a_key_added_twice_matches_when_either_pattern_does_and_appears_once() {
    let mut m = Matcher::new();
    m.add("r", &eb(r#"{"a": [1]}"#));
    m.add("r", &eb(r#"{"b": [2]}"#));
    assert_eq!(m.matching(&json!({"a": 1, "b": 2})), vec!["r"]);
    assert_eq!(m.matching(&json!({"b": 2})), vec!["r"]);
    m.remove(&"r");
    assert!(m.matching(&json!({"b": 2})).is_empty());
}

#[test]
fn rules_of_only_absent_fields_match_events_without_them() {
    let mut m = Matcher::new();
    m.add(7, &eb(r#"{"a": [{"exists": false}]}"#));
    assert_eq!(m.matching(&json!({"b": 1})), vec![7]);
    assert!(m.matching(&json!({"a": 1})).is_empty());
}

#[test]
fn the_matcher_keeps_array_elements_together() {
    let mut m = Matcher::new();
    m.add(1, &eb(r#"{"items": {"sku": ["A"], "qty": [2]}}"#));
    assert!(m
        .matching(&json!({"items": [{"sku": "A", "qty": 1}, {"sku": "B", "qty": 2}]}))
        .is_empty());
    assert_eq!(
        m.matching(&json!({"items": [{"sku": "A", "qty": 2}]})),
        vec![1]
    );
}

#[test]
fn every_operator_is_indexed() {
    let rules = [
        r#"{"s": ["x"]}"#,
        r#"{"s": [{"prefix": "pre"}]}"#,
        r#"{"s": [{"suffix": "fix"}]}"#,
        r#"{"s": [{"prefix": {"equals-ignore-case": "PRE"}}]}"#,
        r#"{"s": [{"suffix": {"equals-ignore-case": "FIX"}}]}"#,
        r#"{"s": [{"equals-ignore-case": "X"}]}"#,
        r#"{"s": [{"wildcard": "p*x"}]}"#,
        r#"{"s": [{"anything-but": "x"}]}"#,
        r#"{"n": [{"numeric": [">", 1, "<", 3]}]}"#,
        r#"{"n": [2]}"#,
        r#"{"b": [true]}"#,
        r#"{"z": [null]}"#,
        r#"{"ip": [{"cidr": "10.0.0.0/8"}]}"#,
        r#"{"ip": ["10.1.2.3"]}"#,
        r#"{"s": [{"exists": true}]}"#,
    ];
    let mut m = Matcher::new();
    for (i, r) in rules.iter().enumerate() {
        m.add(i, &eb(r));
    }
    let e = json!({"s": "prefix", "n": 2, "b": true, "z": null, "ip": "10.1.2.3"});
    let expected: Vec<usize> = rules
        .iter()
        .enumerate()
        .filter(|(_, r)| eb(r).matches(&e))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(m.matching(&e), expected);
    assert_eq!(expected, vec![1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
}
