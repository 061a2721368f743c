//! SNS filter policies: the same language with SNS's limits and wording.

use super::support::{at, rejected};
use crate::pattern::{Dialect, Pattern};
use serde_json::json;

fn sns(text: &str) -> Pattern {
    Pattern::parse(text, Dialect::SnsFilterPolicy).unwrap_or_else(|e| panic!("{text}: {e}"))
}

#[test]
fn sns_reasons_are_the_compilers_with_jacksons_location() {
    let text = r#"{"key_a":"value_one"}"#;
    let e = rejected(text, Dialect::SnsFilterPolicy);
    assert_eq!(
        e.reason,
        format!("\"key_a\" must be an object or an array{}", at(text, 11))
    );
    assert_eq!(e.code(), "InvalidParameter");
    assert!(e
        .message()
        .starts_with("Invalid parameter: FilterPolicy: \"key_a\" must be"));
}

#[test]
fn a_filter_policy_has_at_most_five_keys() {
    let text = r#"{"a":["1"],"b":["1"],"c":["1"],"d":["1"],"e":["1"],"f":["1"]}"#;
    assert_eq!(
        rejected(text, Dialect::SnsFilterPolicy).reason,
        "Filter policy can not have more than 5 keys"
    );
    sns(r#"{"a":["1"],"b":["1"],"c":["1"],"d":["1"],"e":["1"]}"#);
}

#[test]
fn a_filter_policy_has_at_most_150_combinations() {
    let values = |n: usize| {
        (0..n)
            .map(|i| format!("\"v{i}\""))
            .collect::<Vec<_>>()
            .join(",")
    };
    let text = format!(r#"{{"a":[{}],"b":[{}]}}"#, values(13), values(12));
    assert_eq!(
        rejected(&text, Dialect::SnsFilterPolicy).reason,
        "Filter policy is too complex"
    );
    sns(&format!(r#"{{"a":[{}],"b":[{}]}}"#, values(15), values(10)));
}

#[test]
fn nested_keys_weigh_their_depth_in_the_combination_count() {
    // 3 x 4 x 2 x 3 x 1 x 3 = 216, the SNS guide's example.
    let text = r#"{"key_a":{"key_b":{"key_c":["1","2","3","4"]}},"key_d":{"key_e":["1","2","3"]},"key_f":["1","2","3"]}"#;
    assert_eq!(
        rejected(text, Dialect::SnsFilterPolicy).reason,
        "Filter policy is too complex"
    );
}

#[test]
fn sns_accepts_anything_but_with_a_prefix_only() {
    sns(r#"{"key":[{"anything-but":{"prefix":"test"}}]}"#);
    let text = r#"{"key":[{"anything-but":{"suffix":"test"}}]}"#;
    assert_eq!(
        rejected(text, Dialect::SnsFilterPolicy).reason,
        format!("Unsupported anything-but pattern: suffix{}", at(text, 36))
    );
    let text = r#"{"key":[{"anything-but":{"prefix":false}}]}"#;
    assert_eq!(
        rejected(text, Dialect::SnsFilterPolicy).reason,
        format!("prefix match pattern must be a string{}", at(text, 40))
    );
}

#[test]
fn sns_matches_string_arrays_element_by_element() {
    let p = sns(r#"{"customer_interests":["rugby","tennis"]}"#);
    assert!(p.matches(&json!({"customer_interests": ["rugby", "football"]})));
    assert!(!p.matches(&json!({"customer_interests": ["baseball"]})));
}

#[test]
fn a_nested_policy_says_so() {
    assert!(sns(r#"{"object":{"key":[{"prefix":"auto-"}]}}"#).is_nested());
    assert!(!sns(r#"{"key":[{"prefix":"auto-"}]}"#).is_nested());
}

#[test]
fn the_limits_hold_for_policies_nested_too_deep_to_read_early() {
    let depth = 200;
    let text = format!("{}[\"x\"]{}", r#"{"k":"#.repeat(depth), "}".repeat(depth));
    assert_eq!(
        rejected(&text, Dialect::SnsFilterPolicy).reason,
        "Filter policy is too complex"
    );
}
