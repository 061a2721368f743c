//! Each operator's matching, as the EventBridge guide describes it.

use super::support::{eb, eb_matches};
use serde_json::json;

#[test]
fn exact_values_match_strings_numbers_booleans_and_null() {
    assert!(eb_matches(r#"{"a": ["x"]}"#, json!({"a": "x"})));
    assert!(!eb_matches(r#"{"a": ["x"]}"#, json!({"a": "X"})));
    assert!(eb_matches(r#"{"a": [5]}"#, json!({"a": 5})));
    assert!(eb_matches(r#"{"a": [true]}"#, json!({"a": true})));
    assert!(!eb_matches(r#"{"a": [true]}"#, json!({"a": "true"})));
    assert!(eb_matches(r#"{"a": [null]}"#, json!({"a": null})));
    assert!(!eb_matches(r#"{"a": [null]}"#, json!({"b": 1})));
}

#[test]
fn an_array_of_values_matches_any_of_them() {
    let p = r#"{"state": ["running", "stopped"]}"#;
    assert!(eb_matches(p, json!({"state": "stopped"})));
    assert!(!eb_matches(p, json!({"state": "pending"})));
}

#[test]
fn every_field_of_a_pattern_must_match() {
    let p = r#"{"source": ["aws.ec2"], "detail": {"state": ["running"]}}"#;
    assert!(eb_matches(
        p,
        json!({"source": "aws.ec2", "detail": {"state": "running"}})
    ));
    assert!(!eb_matches(
        p,
        json!({"source": "aws.ec2", "detail": {"state": "stopped"}})
    ));
    assert!(!eb_matches(
        p,
        json!({"source": "aws.s3", "detail": {"state": "running"}})
    ));
}

#[test]
fn numbers_are_compared_as_numbers_not_text() {
    assert!(eb_matches(r#"{"a": [300]}"#, json!({"a": 3.0e2})));
    assert!(eb_matches(r#"{"a": [3.0e2]}"#, json!({"a": 300})));
    assert!(eb_matches(r#"{"a": [300.0]}"#, json!({"a": 300})));
    assert!(!eb_matches(r#"{"a": ["300"]}"#, json!({"a": 300})));
    assert!(!eb_matches(r#"{"a": [300]}"#, json!({"a": "300"})));
}

#[test]
fn numbers_beyond_five_billion_match_only_the_same_number() {
    assert!(eb_matches(
        r#"{"account": [123456789012]}"#,
        json!({"account": 123456789012u64})
    ));
    assert!(!eb_matches(
        r#"{"account": [123456789012]}"#,
        json!({"account": 123456789013u64})
    ));
}

#[test]
fn the_empty_string_matches_only_the_empty_string() {
    assert!(eb_matches(r#"{"a": [""]}"#, json!({"a": ""})));
    assert!(!eb_matches(r#"{"a": [""]}"#, json!({"a": null})));
    assert!(!eb_matches(r#"{"a": [""]}"#, json!({})));
}

#[test]
fn null_matches_a_null_value_but_not_a_missing_field() {
    assert!(eb_matches(r#"{"a": [null]}"#, json!({"a": null})));
    assert!(!eb_matches(r#"{"a": [null]}"#, json!({})));
    assert!(!eb_matches(
        r#"{"resources": [null]}"#,
        json!({"resources": []})
    ));
}

#[test]
fn prefix_matches_the_start_of_a_string() {
    let p = r#"{"time": [{"prefix": "2017-10-02"}]}"#;
    assert!(eb_matches(p, json!({"time": "2017-10-02T16:24:49Z"})));
    assert!(!eb_matches(p, json!({"time": "2017-10-03T16:24:49Z"})));
    assert!(!eb_matches(r#"{"a": [{"prefix": "1"}]}"#, json!({"a": 12})));
}

#[test]
fn an_empty_prefix_matches_every_string_and_nothing_else() {
    assert!(eb_matches(
        r#"{"a": [{"prefix": ""}]}"#,
        json!({"a": "anything"})
    ));
    assert!(!eb_matches(r#"{"a": [{"prefix": ""}]}"#, json!({"a": 1})));
}

#[test]
fn prefix_with_equals_ignore_case_ignores_case() {
    let p = r#"{"service": [{"prefix": {"equals-ignore-case": "EventB"}}]}"#;
    assert!(eb_matches(p, json!({"service": "eventbridge"})));
    assert!(eb_matches(p, json!({"service": "EVENTBUS"})));
    assert!(!eb_matches(p, json!({"service": "lambda"})));
}

#[test]
fn suffix_matches_the_end_of_a_string() {
    let p = r#"{"FileName": [{"suffix": ".png"}]}"#;
    assert!(eb_matches(p, json!({"FileName": "image.png"})));
    assert!(!eb_matches(p, json!({"FileName": "image.PNG"})));
    let p = r#"{"FileName": [{"suffix": {"equals-ignore-case": ".png"}}]}"#;
    assert!(eb_matches(p, json!({"FileName": "image.PNG"})));
}

#[test]
fn equals_ignore_case_matches_any_casing() {
    let p =
        r#"{"detail-type": [{"equals-ignore-case": "ec2 instance state-change notification"}]}"#;
    assert!(eb_matches(
        p,
        json!({"detail-type": "EC2 Instance State-change Notification"})
    ));
    assert!(!eb_matches(
        p,
        json!({"detail-type": "EC2 Instance Launch"})
    ));
    assert!(!eb_matches(
        r#"{"v": [{"equals-ignore-case": ""}]}"#,
        json!({"v": "test-value"})
    ));
}

#[test]
fn wildcard_star_matches_any_run_of_characters() {
    let p = r#"{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]}"#;
    assert!(eb_matches(
        p,
        json!({"EventBusArn": "arn:aws:events:us-east-1:123456789012:event-bus/b"})
    ));
    assert!(!eb_matches(
        p,
        json!({"EventBusArn": "arn:aws:events:us-west-2:123456789012:event-bus/b"})
    ));
    assert!(eb_matches(
        r#"{"a": [{"wildcard": "a*b"}]}"#,
        json!({"a": "ab"})
    ));
    assert!(eb_matches(
        r#"{"a": [{"wildcard": "*"}]}"#,
        json!({"a": ""})
    ));
    assert!(!eb_matches(
        r#"{"a": [{"wildcard": "*"}]}"#,
        json!({"a": 5})
    ));
}

#[test]
fn wildcard_escapes_stand_for_a_literal_star_and_backslash() {
    let p = r#"{"a": [{"wildcard": "x\\*y"}]}"#;
    assert!(eb_matches(p, json!({"a": "x*y"})));
    assert!(!eb_matches(p, json!({"a": "xzy"})));
    let p = r#"{"a": [{"wildcard": "x\\\\*"}]}"#;
    assert!(eb_matches(p, json!({"a": "x\\anything"})));
}

#[test]
fn wildcard_without_a_star_is_an_exact_match() {
    assert!(eb_matches(
        r#"{"a": [{"wildcard": "abc"}]}"#,
        json!({"a": "abc"})
    ));
    assert!(!eb_matches(
        r#"{"a": [{"wildcard": "abc"}]}"#,
        json!({"a": "abcd"})
    ));
}

#[test]
fn anything_but_matches_every_value_except_those_listed() {
    let p = r#"{"state": [{"anything-but": "initializing"}]}"#;
    assert!(eb_matches(p, json!({"state": "running"})));
    assert!(!eb_matches(p, json!({"state": "initializing"})));
    let p = r#"{"state": [{"anything-but": ["stopped", "overloaded"]}]}"#;
    assert!(eb_matches(p, json!({"state": "running"})));
    assert!(!eb_matches(p, json!({"state": "stopped"})));
    let p = r#"{"x": [{"anything-but": [100, 200, 300]}]}"#;
    assert!(eb_matches(p, json!({"x": 150})));
    assert!(!eb_matches(p, json!({"x": 2.0e2})));
}

#[test]
fn anything_but_matches_null_and_other_types_but_not_a_missing_field() {
    let p = r#"{"state": [{"anything-but": ["stopped", "running"]}]}"#;
    assert!(eb_matches(p, json!({"state": null})));
    assert!(eb_matches(p, json!({"state": 5})));
    assert!(!eb_matches(p, json!({"other": "x"})));
    assert!(eb_matches(
        r#"{"state": [{"anything-but": {"prefix": "init"}}]}"#,
        json!({"state": 12})
    ));
}

#[test]
fn anything_but_prefix_suffix_wildcard_and_ignore_case() {
    let p = r#"{"Region": [{"anything-but": {"prefix": "us-"}}]}"#;
    assert!(eb_matches(p, json!({"Region": "eu-west-1"})));
    assert!(!eb_matches(p, json!({"Region": "us-east-1"})));
    let p = r#"{"f": [{"anything-but": {"suffix": [".png", ".jpg"]}}]}"#;
    assert!(eb_matches(p, json!({"f": "a.gif"})));
    assert!(!eb_matches(p, json!({"f": "a.jpg"})));
    let p = r#"{"f": [{"anything-but": {"wildcard": "*/lib/*"}}]}"#;
    assert!(eb_matches(p, json!({"f": "/usr/bin/x"})));
    assert!(!eb_matches(p, json!({"f": "/usr/lib/x"})));
    let p = r#"{"s": [{"anything-but": {"equals-ignore-case": ["Stopped", "PAUSED"]}}]}"#;
    assert!(eb_matches(p, json!({"s": "running"})));
    assert!(!eb_matches(p, json!({"s": "stopped"})));
    assert!(!eb_matches(p, json!({"s": "paused"})));
}

#[test]
fn an_empty_anything_but_wildcard_excludes_only_the_empty_string() {
    let p = r#"{"f": [{"anything-but": {"wildcard": ""}}]}"#;
    assert!(eb_matches(p, json!({"f": "dir/init/file"})));
    assert!(!eb_matches(p, json!({"f": ""})));
}

#[test]
fn numeric_ranges_compare_numbers_only() {
    let p = r#"{"c": [{"numeric": [">", 0, "<=", 5]}]}"#;
    assert!(eb_matches(p, json!({"c": 5})));
    assert!(eb_matches(p, json!({"c": 0.000001})));
    assert!(!eb_matches(p, json!({"c": 0})));
    assert!(!eb_matches(p, json!({"c": 5.000001})));
    assert!(!eb_matches(p, json!({"c": "3"})));
    assert!(!eb_matches(p, json!({"c": null})));
    assert!(eb_matches(
        r#"{"x": [{"numeric": ["=", 3.018e2]}]}"#,
        json!({"x": 301.8})
    ));
    assert!(eb_matches(
        r#"{"x": [{"numeric": ["<", 10]}]}"#,
        json!({"x": -4})
    ));
    assert!(eb_matches(
        r#"{"x": [{"numeric": [">=", 10]}]}"#,
        json!({"x": 10})
    ));
}

#[test]
fn numeric_matching_is_precise_to_six_decimal_places() {
    let p = r#"{"x": [{"numeric": [">", 1.000001]}]}"#;
    assert!(eb_matches(p, json!({"x": 1.000002})));
    assert!(!eb_matches(p, json!({"x": 1.0000015})));
}

#[test]
fn numbers_outside_the_numeric_range_do_not_match_numeric_conditions() {
    assert!(!eb_matches(
        r#"{"x": [{"numeric": [">", 0]}]}"#,
        json!({"x": 6e9})
    ));
}

#[test]
fn cidr_matches_ipv4_and_ipv6_addresses_in_the_block() {
    let p = r#"{"ip": [{"cidr": "10.0.0.0/24"}]}"#;
    assert!(eb_matches(p, json!({"ip": "10.0.0.255"})));
    assert!(!eb_matches(p, json!({"ip": "10.0.1.0"})));
    assert!(!eb_matches(p, json!({"ip": "not an ip"})));
    let p = r#"{"ip": [{"cidr": "2001:db8::/32"}]}"#;
    assert!(eb_matches(p, json!({"ip": "2001:db8:1::1"})));
    assert!(!eb_matches(p, json!({"ip": "2001:db9::1"})));
}

#[test]
fn a_cidr_block_starts_at_the_address_written() {
    let p = r#"{"ip": [{"cidr": "10.0.0.5/24"}]}"#;
    assert!(eb_matches(p, json!({"ip": "10.0.0.5"})));
    assert!(!eb_matches(p, json!({"ip": "10.0.0.4"})));
}

#[test]
fn an_exact_ip_address_matches_any_spelling_of_it() {
    let p = r#"{"ip": ["0:0:0:0:0:0:0:1"]}"#;
    assert!(eb_matches(p, json!({"ip": "::1"})));
}

#[test]
fn exists_true_needs_a_leaf_value_and_exists_false_its_absence() {
    let yes = r#"{"detail": {"c": [{"exists": true}]}}"#;
    let no = r#"{"detail": {"c": [{"exists": false}]}}"#;
    assert!(eb_matches(yes, json!({"detail": {"c": 5}})));
    assert!(eb_matches(yes, json!({"detail": {"c": null}})));
    assert!(!eb_matches(yes, json!({"detail": {}})));
    assert!(eb_matches(no, json!({"detail": {}})));
    assert!(eb_matches(no, json!({})));
    assert!(!eb_matches(no, json!({"detail": {"c": "x"}})));
}

#[test]
fn exists_works_on_leaf_fields_only() {
    let yes = r#"{"detail": {"c": [{"exists": true}]}}"#;
    let no = r#"{"detail": {"c": [{"exists": false}]}}"#;
    assert!(!eb_matches(yes, json!({"detail": {"c": {"c1": 100}}})));
    assert!(eb_matches(no, json!({"detail": {"c": {"c1": 100}}})));
}

#[test]
fn exists_on_an_empty_array_finds_nothing() {
    assert!(!eb_matches(
        r#"{"r": [{"exists": true}]}"#,
        json!({"r": []})
    ));
    assert!(eb_matches(
        r#"{"r": [{"exists": false}]}"#,
        json!({"r": []})
    ));
}

#[test]
fn exists_false_beside_a_value_matches_either() {
    let p = r#"{"a": ["x", {"exists": false}]}"#;
    assert!(eb_matches(p, json!({"a": "x"})));
    assert!(eb_matches(p, json!({})));
    assert!(!eb_matches(p, json!({"a": "y"})));
}

#[test]
fn or_matches_when_any_branch_does() {
    let p = r#"{"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization"]}, {"namespace": ["AWS/EC2"]}]}"#;
    assert!(eb_matches(
        p,
        json!({"source": "aws.cloudwatch", "namespace": "AWS/EC2"})
    ));
    assert!(eb_matches(
        p,
        json!({"source": "aws.cloudwatch", "metricName": "CPUUtilization"})
    ));
    assert!(!eb_matches(
        p,
        json!({"source": "aws.cloudwatch", "namespace": "AWS/S3"})
    ));
    assert!(!eb_matches(
        p,
        json!({"source": "aws.ec2", "namespace": "AWS/EC2"})
    ));
    let p = r#"{"$or": [{"source": ["aws.ec2"]}, {"source": ["aws.s3"]}]}"#;
    assert!(!eb_matches(p, json!({"source": "my.app"})));
}

#[test]
fn or_nests_inside_objects_and_inside_or() {
    let p = r#"{"detail": {"$or": [{"a": [1]}, {"b": [2], "$or": [{"c": [3]}, {"d": [4]}]}]}}"#;
    assert!(eb_matches(p, json!({"detail": {"a": 1}})));
    assert!(eb_matches(p, json!({"detail": {"b": 2, "d": 4}})));
    assert!(!eb_matches(p, json!({"detail": {"b": 2}})));
}

#[test]
fn keys_are_case_sensitive() {
    assert!(!eb_matches(r#"{"Source": ["x"]}"#, json!({"source": "x"})));
}

#[test]
fn nested_pattern_fields_match_dotted_event_keys_and_the_reverse() {
    let p = r#"{"object": {"nested": ["v"]}}"#;
    assert!(eb_matches(p, json!({"object": {"nested": "v"}})));
    assert!(eb_matches(p, json!({"object.nested": "v"})));
    assert!(eb_matches(
        r#"{"object.nested": ["v"]}"#,
        json!({"object": {"nested": "v"}})
    ));
}

#[test]
fn a_pattern_parses_into_its_field_names() {
    let p = eb(r#"{"source": ["x"], "detail": {"a": {"b": [1]}}}"#);
    assert_eq!(p.field_names(), ["source", "detail.a.b"]);
    assert!(p.is_nested());
}
