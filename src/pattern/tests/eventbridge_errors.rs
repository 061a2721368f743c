//! EventBridge's rejections, word for word and at the position AWS reports.

use super::support::{at, eb, eb_reason, rejected};
use crate::pattern::{Dialect, InvalidKind, EVENT_PATTERN_MAX_CHARS};

fn check(text: &str, reason: &str, column: usize) {
    assert_eq!(
        eb_reason(text),
        format!("{reason}{}", at(text, column)),
        "for {text}"
    );
}

#[test]
fn a_field_given_a_bare_number_must_be_an_object_or_an_array() {
    check(
        r#"{"int": 42}"#,
        "\"int\" must be an object or an array",
        11,
    );
}

#[test]
fn a_field_given_a_bare_string_must_be_an_object_or_an_array() {
    check(
        r#"{"string": "my-value"}"#,
        "\"string\" must be an object or an array",
        13,
    );
}

#[test]
fn a_nested_field_given_a_bare_string_is_reported_at_its_opening_quote() {
    check(
        r#"{"source":["test.event-pattern"],"detail":{"lenderId":"LenderA"}}"#,
        "\"lenderId\" must be an object or an array",
        56,
    );
}

#[test]
fn match_types_are_case_sensitive() {
    check(
        r#"{"detail": {"equal": [{"NUMERIC": ["=", 5]}]}}"#,
        "Unrecognized match type NUMERIC",
        36,
    );
    check(
        r#"{"my_key": [{"EXISTS": true}]}"#,
        "Unrecognized match type EXISTS",
        28,
    );
}

#[test]
fn empty_arrays_are_not_allowed() {
    check(r#"{"resources": []}"#, "Empty arrays are not allowed", 17);
}

#[test]
fn empty_objects_are_not_allowed() {
    check(
        r#"{"source": ["aws.health"], "detail": {}}"#,
        "Empty objects are not allowed",
        40,
    );
}

#[test]
fn a_pattern_must_be_a_json_object() {
    check(
        r#"["not", "a", "dict", "but valid json"]"#,
        "Filter is not an object",
        2,
    );
}

#[test]
fn text_that_is_not_json_gets_jacksons_message() {
    check(
        "this is valid json but not a dict",
        "Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
        5,
    );
    check(
        "{'bad': 'quotation'}",
        "Unexpected character (''' (code 39)): was expecting double-quote to start field name",
        2,
    );
    check(
        r#"{"not": closed mark""#,
        "Unrecognized token 'closed': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
        15,
    );
}

#[test]
fn a_numeric_range_needs_a_lower_then_an_upper_operator() {
    check(
        r#"{"detail": {"c-count": [{"numeric": [">", 0, ">", 0]}]}}"#,
        "Bad numeric range operator: >",
        49,
    );
}

#[test]
fn a_numeric_operator_needs_a_number_after_it() {
    check(
        r#"{"detail": {"c-count": [{"numeric": [">", 0, "<"]}]}}"#,
        "Value of < must be numeric",
        50,
    );
}

#[test]
fn equals_ignore_case_takes_a_string_only() {
    check(
        r#"{"detail-type": [{"equals-ignore-case": ["ec2 instance state-change notification"]}]}"#,
        "equals-ignore-case match pattern must be a string",
        42,
    );
    check(
        r#"{"detail-type": [{"equals-ignore-case": {"prefix": "ec2"}}]}"#,
        "equals-ignore-case match pattern must be a string",
        42,
    );
}

#[test]
fn anything_but_equals_ignore_case_rejects_numbers() {
    check(
        r#"{"detail": {"state": [{"anything-but": {"equals-ignore-case": 123}}]}}"#,
        "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.",
        66,
    );
}

#[test]
fn errors_inside_an_anything_but_list_are_reported_with_the_location_twice() {
    let text = r#"{"detail": {"state": [{"anything-but": {"equals-ignore-case": [123, 456]}}]}}"#;
    let once = format!(
        "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.{}",
        at(text, 67)
    );
    assert_eq!(eb_reason(text), format!("{once}{}", at(text, 67)));
    let text = r#"{"detail": {"state": [{"anything-but": {"wildcard": [123, "*/dir/*"]}}]}}"#;
    let once = format!("wildcard match pattern must be a string{}", at(text, 57));
    assert_eq!(eb_reason(text), format!("{once}{}", at(text, 57)));
    let text = r#"{"detail": {"FileName": [{"anything-but": {"suffix": [123, ".txt"]}}]}}"#;
    let once = format!(
        "prefix/suffix match pattern must be a string{}",
        at(text, 58)
    );
    assert_eq!(eb_reason(text), format!("{once}{}", at(text, 58)));
    let text = r#"{"detail": {"state": [{"anything-but": {"prefix": [123, "test"]}}]}}"#;
    let once = format!(
        "prefix/suffix match pattern must be a string{}",
        at(text, 55)
    );
    assert_eq!(eb_reason(text), format!("{once}{}", at(text, 55)));
}

#[test]
fn wildcard_takes_a_string_only() {
    check(
        r#"{"EventBusArn": [{"wildcard": 123}]}"#,
        "wildcard match pattern must be a string",
        34,
    );
    check(
        r#"{"EventBusArn": [{"wildcard": ["arn:aws:events:us-east-1:*:event-bus/*"]}]}"#,
        "wildcard match pattern must be a string",
        32,
    );
    check(
        r#"{"detail": {"FilePath": [{"anything-but": {"wildcard": 123}}]}}"#,
        "wildcard match pattern must be a string",
        59,
    );
}

#[test]
fn consecutive_wildcard_characters_are_rejected_with_their_byte_position() {
    let text = r#"{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:**:event-bus/*"}]}"#;
    assert!(eb_reason(text).starts_with("Consecutive wildcard characters at pos 26\n at [Source:"));
}

#[test]
fn a_backslash_may_escape_only_an_asterisk_or_a_backslash() {
    let text = r#"{"a": [{"wildcard": "x\\y"}]}"#;
    assert!(eb_reason(text).starts_with("Invalid escape character at pos 2\n"));
    eb(r#"{"a": [{"wildcard": "x\\*y\\\\z"}]}"#);
}

#[test]
fn anything_but_takes_a_prefix_or_suffix_string_only() {
    check(
        r#"{"detail": {"FileName": [{"anything-but": {"suffix": 123}}]}}"#,
        "prefix/suffix match pattern must be a string",
        57,
    );
    check(
        r#"{"detail": {"state": [{"anything-but": {"prefix": 123}}]}}"#,
        "prefix/suffix match pattern must be a string",
        54,
    );
}

#[test]
fn anything_but_does_not_combine_prefix_with_equals_ignore_case() {
    check(
        r#"{"detail": {"FileName": [{"anything-but": {"prefix": {"equals-ignore-case": "file"}}}]}}"#,
        "Value of anything-but must be an array or single string/number value.",
        55,
    );
    check(
        r#"{"detail": {"FileName": [{"anything-but": {"suffix": {"equals-ignore-case": ".png"}}}]}}"#,
        "Value of anything-but must be an array or single string/number value.",
        55,
    );
}

#[test]
fn prefix_and_suffix_take_a_string_or_an_equals_ignore_case_object() {
    check(
        r#"{"time": [{"prefix": ["2022-07-13"]}]}"#,
        "prefix match pattern must be a string",
        23,
    );
    check(
        r#"{"time": [{"prefix": 123}]}"#,
        "prefix match pattern must be a string",
        25,
    );
    check(
        r#"{"FileName": [{"suffix": 123}]}"#,
        "suffix match pattern must be a string",
        29,
    );
    check(
        r#"{"FileName": [{"suffix": [".png"]}]}"#,
        "suffix match pattern must be a string",
        27,
    );
    eb(r#"{"a": [{"prefix": {"equals-ignore-case": "EventB"}}]}"#);
    eb(r#"{"a": [{"suffix": {"equals-ignore-case": ".PNG"}}]}"#);
}

#[test]
fn a_malformed_cidr_is_reported_without_a_location() {
    assert_eq!(
        eb_reason(r#"{"detail": {"sourceIPAddress": [{"cidr": "bad-cidr"}]}}"#),
        "Malformed CIDR, one '/' required"
    );
    assert_eq!(
        eb_reason(r#"{"detail": {"sourceIPAddress": [{"cidr": "10.0.0.0/xx"}]}}"#),
        "Malformed CIDR, mask bits must be an integer"
    );
    assert_eq!(
        eb_reason(r#"{"detail": {"sourceIPAddress": [{"cidr": "xx.11.xx/24"}]}}"#),
        "Nonstandard IP address: xx.11.xx"
    );
    assert_eq!(
        eb_reason(r#"{"detail": {"sourceIPAddress": [{"cidr": "xxxx:db8:1234:1a00::/64"}]}}"#),
        "Nonstandard IP address: xxxx:db8:1234:1a00::"
    );
}

#[test]
fn a_cidr_that_is_not_a_string_gets_the_prefix_message() {
    check(
        r#"{"detail": {"sourceIPAddress": [{"cidr": ["bad-type"]}]}}"#,
        "prefix match pattern must be a string",
        43,
    );
}

#[test]
fn cidr_mask_bits_stop_below_the_address_length() {
    assert_eq!(
        eb_reason(r#"{"ip": [{"cidr": "10.0.0.0/32"}]}"#),
        "IPv4 mask bits must be < 32"
    );
    assert_eq!(
        eb_reason(r#"{"ip": [{"cidr": "::1/128"}]}"#),
        "IPv6 mask bits must be < 128"
    );
    assert_eq!(
        eb_reason(r#"{"ip": [{"cidr": "10.0.0.0/-1"}]}"#),
        "Malformed CIDR, mask bits must not be negative"
    );
    assert_eq!(
        eb_reason(r#"{"ip": [{"cidr": "300.0.0.0/8"}]}"#),
        "Invalid IP address: 300.0.0.0"
    );
}

#[test]
fn a_match_expression_takes_exactly_one_key() {
    let text = r#"{"key":[{"suffix":"value","prefix":"value2"}]}"#;
    check(text, "Only one key allowed in match expression", 37);
    check(r#"{"key":[{}]}"#, "Match expression name not found", 11);
}

#[test]
fn match_values_are_strings_numbers_booleans_or_null() {
    check(
        r#"{"key":[["value"]]}"#,
        "Match value must be String, number, true, false, or null",
        10,
    );
}

#[test]
fn exists_takes_true_or_false() {
    check(
        r#"{"key":[{"exists":null}]}"#,
        "exists match pattern must be either true or false.",
        23,
    );
    check(
        r#"{"key":[{"exists":"no"}]}"#,
        "exists match pattern must be either true or false.",
        20,
    );
}

#[test]
fn numeric_expressions_are_checked_term_by_term() {
    check(
        r#"{"key":[{"numeric":[]}]}"#,
        "Invalid member in numeric match: ]",
        22,
    );
    check(
        r#"{"key":[{"numeric":["operator"]}]}"#,
        "Unrecognized numeric range operator: operator",
        32,
    );
    check(
        r#"{"key":[{"numeric":[1,"<="]}]}"#,
        "Invalid member in numeric match: 1",
        22,
    );
    check(
        r#"{"key":[{"numeric":["=","000"]}]}"#,
        "Value of equals must be numeric",
        26,
    );
    check(
        r#"{"key":[{"numeric":[">="]}]}"#,
        "Value of >= must be numeric",
        26,
    );
    check(
        r#"{"key":[{"numeric":["<",100,">",10]}]}"#,
        "Too many elements in numeric expression",
        30,
    );
    check(
        r#"{"key":[{"numeric":[">=",1,">",2]}]}"#,
        "Bad numeric range operator: >",
        31,
    );
    check(
        r#"{"key":[{"numeric":[">",3,"<",1]}]}"#,
        "Bottom must be less than top",
        33,
    );
    check(
        r#"{"key":[{"numeric":[">",20,"<="]}]}"#,
        "Value of <= must be numeric",
        33,
    );
    check(
        r#"{"key":[{"numeric":[">",20,30]}]}"#,
        "Bad value in numeric range: 30",
        30,
    );
    check(
        r#"{"key":[{"numeric":[">",20,"test"]}]}"#,
        "Bad numeric range operator: test",
        34,
    );
    check(
        r#"{"key":[{"numeric":[">","20","<","30"]}]}"#,
        "Value of > must be numeric",
        26,
    );
    check(
        r#"{"key":[{"numeric":[">",20,"<","30"]}]}"#,
        "Value of < must be numeric",
        33,
    );
    check(
        r#"{"key":[{"numeric":[">",20,"<",30,"<",50]}]}"#,
        "Too many terms in numeric range expression",
        36,
    );
}

#[test]
fn numeric_values_must_lie_within_five_billion_either_way() {
    let text = r#"{"key":[{"numeric":[">",5000000001]}]}"#;
    assert!(eb_reason(text).starts_with("Value must be between -5.0E9 and 5.0E9, inclusive\n at "));
    eb(r#"{"key":[{"numeric":[">=",-5000000000,"<=",5e9]}]}"#);
}

#[test]
fn anything_but_rejects_unknown_inner_operators() {
    check(
        r#"{"key":[{"anything-but":{"wrong-operator":null}}]}"#,
        "Unsupported anything-but pattern: wrong-operator",
        47,
    );
    check(
        r#"{"key":[{"anything-but":{"exists":false}}]}"#,
        "Unsupported anything-but pattern: exists",
        40,
    );
}

#[test]
fn anything_but_lists_hold_all_strings_or_all_numbers() {
    let text = r#"{"a":[{"anything-but":["x", 1]}]}"#;
    assert!(eb_reason(text).starts_with(
        "Inside anything but list, either all values are number or string, mixed type is not supported\n at "
    ));
    let text = r#"{"a":[{"anything-but":[null]}]}"#;
    assert!(eb_reason(text)
        .starts_with("Inside anything but list, start|null|boolean is not supported.\n at "));
    let text = r#"{"a":[{"anything-but":null}]}"#;
    assert!(eb_reason(text).starts_with(
        "Value of anything-but must be an array or single string/number value.\n at "
    ));
}

#[test]
fn anything_but_prefix_may_not_be_empty() {
    let text = r#"{"a":[{"anything-but":{"prefix":""}}]}"#;
    assert!(eb_reason(text).starts_with("Null prefix/suffix not allowed\n at "));
}

#[test]
fn or_needs_an_array_of_at_least_two_objects() {
    let text = r#"{"$or":[{"a":[1]}]}"#;
    assert!(eb_reason(text)
        .starts_with("There must have at least 2 Objects in $or relationship.\n at "));
    let text = r#"{"$or":{"a":[1]}}"#;
    assert!(eb_reason(text).starts_with("It must be an Array followed with $or.\n at "));
    let text = r#"{"$or":[{"a":[1]}, 2]}"#;
    assert!(eb_reason(text)
        .starts_with("Only JSON object is allowed in array of $or relationship.\n at "));
}

#[test]
fn operator_names_cannot_be_field_names_inside_or() {
    let text = r#"{"$or":[{"numeric":[1]},{"prefix":["a"]}]}"#;
    assert!(eb_reason(text)
        .starts_with("numeric is Ruler reserved fieldName which cannot be used inside $or.\n at "));
}

#[test]
fn the_location_counts_lines_and_columns_of_a_multi_line_pattern() {
    let text = "{\n  \"detail\": {\n    \"slug\": \"x\"\n  }\n}";
    let reason = eb_reason(text);
    assert!(reason.ends_with("; line: 3, column: 14]"), "{reason}");
}

#[test]
fn a_long_pattern_is_shown_truncated_to_500_characters_in_the_location() {
    let filler = "a".repeat(600);
    let text = format!(r#"{{"{filler}": 1}}"#);
    let reason = rejected(&text, Dialect::SnsFilterPolicy).reason;
    assert!(
        reason.contains("[truncated 107 chars]; line: 1, column: "),
        "{reason}"
    );
}

#[test]
fn an_event_pattern_is_limited_to_2048_characters() {
    let values: Vec<String> = (0..300).map(|i| format!("\"v{i:04}\"")).collect();
    let text = format!(r#"{{"source":[{}]}}"#, values.join(","));
    assert!(text.len() > EVENT_PATTERN_MAX_CHARS);
    let e = rejected(&text, Dialect::EventBridge);
    assert_eq!(e.kind, InvalidKind::TooLong { max: 2048 });
}

#[test]
fn the_whole_message_carries_eventbridges_prefix_and_code() {
    let e = rejected(r#"{"resources": []}"#, Dialect::EventBridge);
    assert_eq!(e.code(), "InvalidEventPatternException");
    assert!(e.message().starts_with(
        "Event pattern is not valid. Reason: Empty arrays are not allowed\n at [Source: "
    ));
    assert_eq!(e.headline(), "Empty arrays are not allowed");
}

#[test]
fn content_after_the_pattern_object_is_ignored_as_aws_ignores_it() {
    eb(r#"{"a": [1]} trailing"#);
}

#[test]
fn a_repeated_field_keeps_its_last_value() {
    let p = eb(r#"{"a": ["x"], "a": ["y"]}"#);
    assert!(p.matches(&serde_json::json!({"a": "y"})));
    assert!(!p.matches(&serde_json::json!({"a": "x"})));
}

#[test]
fn wildcards_that_could_be_in_more_than_ten_places_at_once_are_too_complex() {
    const TOO_COMPLEX: &str = "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character";
    assert_eq!(
        eb_reason(r#"{"EventBusArn": [{"wildcard": "*:*:*:*:*:event-bus/*"}]}"#),
        TOO_COMPLEX
    );
    assert_eq!(
        eb_reason(
            r#"{"key": [{"wildcard": "*/datasync/*.bif"}, {"wildcard": "*/datasync/*.tif"}, {"wildcard": "*/datasync/*.tiff"}, {"wildcard": "*/datasync/*.svs"}]}"#
        ),
        TOO_COMPLEX
    );
}

#[test]
fn wildcards_with_few_places_at_once_are_accepted() {
    eb(r#"{"FileName": [{"wildcard": "/Users/*/dir/dir/dir/dir/dir/doc.txt"}]}"#);
    eb(
        r#"{"key": [{"wildcard": "*.bif"}, {"wildcard": "*.tiff"}, {"wildcard": "*.tif"}, {"wildcard": "*.svs"}]}"#,
    );
    eb(r#"{"key": [{"wildcard": "*/datasync/*.bif"}, {"wildcard": "*/datasync/*.tif"}]}"#);
    eb(r#"{"EventBusArn": [{"wildcard": "arn:aws:events:us-east-1:*:event-bus/*"}]}"#);
}

#[test]
fn nesting_deeper_than_a_thousand_levels_is_refused() {
    let text = format!("{}[1]{}", r#"{"k":"#.repeat(1001), "}".repeat(1001));
    let e = rejected(&text, Dialect::SnsFilterPolicy);
    assert!(
        e.reason.starts_with("Document nesting depth (1001) exceeds the maximum allowed (1000, from `StreamReadConstraints.getMaxNestingDepth()`)"),
        "{}",
        e.headline()
    );
    // 999 objects and the array: 1,000 levels, the most allowed.
    let text = format!("{}[1]{}", r#"{"k":"#.repeat(999), "}".repeat(999));
    let e = rejected(&text, Dialect::SnsFilterPolicy);
    assert_eq!(e.reason, "Filter policy is too complex");
}
