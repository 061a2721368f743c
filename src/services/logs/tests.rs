//! CloudWatch Logs, as the Logs API reference states it.

use crate::{Settings, World};
use serde_json::{json, Value};

fn world_with_stream() -> World {
    let mut w = World::new(Settings::default());
    w.call(
        "logs:CreateLogGroup",
        json!({"logGroupName": "/aws/lambda/hello"}),
    )
    .unwrap();
    w.call(
        "logs:CreateLogStream",
        json!({"logGroupName": "/aws/lambda/hello", "logStreamName": "s1"}),
    )
    .unwrap();
    w
}

fn put(w: &mut World, messages: &[(i64, &str)]) {
    let events: Vec<Value> = messages
        .iter()
        .map(|(t, m)| json!({"timestamp": t, "message": m}))
        .collect();
    w.call(
        "logs:PutLogEvents",
        json!({"logGroupName": "/aws/lambda/hello", "logStreamName": "s1", "logEvents": events}),
    )
    .unwrap();
}

#[test]
fn a_log_group_exists_once_and_an_unknown_one_is_not_found() {
    let mut w = world_with_stream();
    let e = w
        .call(
            "logs:CreateLogGroup",
            json!({"logGroupName": "/aws/lambda/hello"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ResourceAlreadyExistsException");
    let e = w
        .call(
            "logs:GetLogEvents",
            json!({"logGroupName": "nope", "logStreamName": "s1"}),
        )
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "ResourceNotFoundException",
            "The specified log group does not exist."
        )
    );
}

#[test]
fn get_log_events_returns_a_streams_events_with_forward_and_backward_tokens() {
    let mut w = world_with_stream();
    put(&mut w, &[(1, "a"), (2, "b"), (3, "c")]);
    let r = w
        .call(
            "logs:GetLogEvents",
            json!({"logGroupName": "/aws/lambda/hello", "logStreamName": "s1", "startFromHead": true, "limit": 2}),
        )
        .unwrap();
    let messages: Vec<&str> = r["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert_eq!(messages, ["a", "b"]);
    let next = w
        .call(
            "logs:GetLogEvents",
            json!({"logGroupName": "/aws/lambda/hello", "logStreamName": "s1", "nextToken": r["nextForwardToken"]}),
        )
        .unwrap();
    assert_eq!(next["events"][0]["message"], "c");
    // Without startFromHead, the newest events come first.
    let tail = w
        .call(
            "logs:GetLogEvents",
            json!({"logGroupName": "/aws/lambda/hello", "logStreamName": "s1", "limit": 1}),
        )
        .unwrap();
    assert_eq!(tail["events"][0]["message"], "c");
}

#[test]
fn filter_log_events_matches_terms_phrases_any_of_and_exclusions() {
    let mut w = world_with_stream();
    put(
        &mut w,
        &[
            (1, "START RequestId: 1"),
            (2, "ERROR payment failed"),
            (3, "INFO payment ok"),
            (4, "WARN retry later"),
        ],
    );
    let found = |w: &mut World, pattern: &str| -> Vec<String> {
        let r = w
            .call(
                "logs:FilterLogEvents",
                json!({"logGroupName": "/aws/lambda/hello", "filterPattern": pattern}),
            )
            .unwrap();
        r["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["message"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        found(&mut w, "payment"),
        ["ERROR payment failed", "INFO payment ok"]
    );
    assert_eq!(found(&mut w, "payment -ERROR"), ["INFO payment ok"]);
    assert_eq!(
        found(&mut w, "?ERROR ?WARN"),
        ["ERROR payment failed", "WARN retry later"]
    );
    assert_eq!(found(&mut w, "\"payment ok\""), ["INFO payment ok"]);
    assert_eq!(found(&mut w, "").len(), 4);
}

#[test]
fn events_of_one_put_must_be_in_chronological_order() {
    let mut w = world_with_stream();
    let e = w
        .call(
            "logs:PutLogEvents",
            json!({"logGroupName": "/aws/lambda/hello", "logStreamName": "s1",
                   "logEvents": [{"timestamp": 5, "message": "b"}, {"timestamp": 1, "message": "a"}]}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidParameterException");
}

#[test]
fn retention_takes_only_the_values_aws_lists() {
    let mut w = world_with_stream();
    let e = w
        .call(
            "logs:PutRetentionPolicy",
            json!({"logGroupName": "/aws/lambda/hello", "retentionInDays": 2}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidParameterException");
    w.call(
        "logs:PutRetentionPolicy",
        json!({"logGroupName": "/aws/lambda/hello", "retentionInDays": 14}),
    )
    .unwrap();
    let r = w
        .call(
            "logs:DescribeLogGroups",
            json!({"logGroupNamePrefix": "/aws/lambda/"}),
        )
        .unwrap();
    assert_eq!(r["logGroups"][0]["retentionInDays"], 14);
    assert_eq!(
        r["logGroups"][0]["logGroupArn"],
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/hello"
    );
}

#[test]
fn describe_log_streams_orders_by_last_event_time_descending() {
    let mut w = world_with_stream();
    w.call(
        "logs:CreateLogStream",
        json!({"logGroupName": "/aws/lambda/hello", "logStreamName": "s0"}),
    )
    .unwrap();
    put(&mut w, &[(9, "x")]);
    let r = w
        .call(
            "logs:DescribeLogStreams",
            json!({"logGroupName": "/aws/lambda/hello", "orderBy": "LastEventTime", "descending": true}),
        )
        .unwrap();
    assert_eq!(r["logStreams"][0]["logStreamName"], "s1");
    assert_eq!(r["logStreams"][0]["lastEventTimestamp"], 9);
}

fn filter(w: &mut World, pattern: &str) -> Result<Vec<String>, crate::api::AwsError> {
    let r = w.call(
        "logs:FilterLogEvents",
        json!({"logGroupName": "/aws/lambda/hello", "filterPattern": pattern}),
    )?;
    Ok(r["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["message"].as_str().unwrap().to_string())
        .collect())
}

#[test]
fn a_quoted_phrase_matches_events_containing_it_exactly() {
    let mut w = world_with_stream();
    put(&mut w, &[(1, "payment ok now"), (2, "ok payment")]);
    assert_eq!(
        filter(&mut w, "\"payment ok\"").unwrap(),
        ["payment ok now"]
    );
    // Unquoted, the same words match in any order.
    assert_eq!(filter(&mut w, "payment ok").unwrap().len(), 2);
}

#[test]
fn terms_match_case_sensitively() {
    let mut w = world_with_stream();
    put(&mut w, &[(1, "ERROR boom"), (2, "error boom")]);
    assert_eq!(filter(&mut w, "ERROR").unwrap(), ["ERROR boom"]);
}

#[test]
fn an_unterminated_quote_is_an_invalid_filter_pattern() {
    let mut w = world_with_stream();
    put(&mut w, &[(1, "a")]);
    let e = filter(&mut w, "\"payment ok").unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("InvalidParameterException", "Invalid filter pattern")
    );
    let e = filter(&mut w, "ERROR ?").unwrap_err();
    assert_eq!(e.message, "Invalid filter pattern");
}

#[test]
fn json_space_delimited_and_regex_patterns_are_refused_as_not_simulated() {
    let mut w = world_with_stream();
    put(&mut w, &[(1, "{\"level\":\"ERROR\"}")]);
    for pattern in ["{ $.level = \"ERROR\" }", "[ip, user]", "%ERR.R%"] {
        let e = filter(&mut w, pattern).unwrap_err();
        assert_eq!(e.code, "InvalidParameterException");
        assert!(
            e.message.contains("not simulated"),
            "{pattern}: {}",
            e.message
        );
    }
}

#[test]
fn the_read_only_filter_finds_what_filter_log_events_answers() {
    let mut w = world_with_stream();
    put(
        &mut w,
        &[
            (1, "START RequestId: r1"),
            (2, "hello"),
            (3, "END RequestId: r1"),
        ],
    );
    let found: Vec<(String, usize)> = w
        .logs()
        .filter(&super::EventFilter {
            group: "/aws/lambda/hello",
            pattern: "RequestId",
            ..Default::default()
        })
        .unwrap()
        .iter()
        .map(|f| (f.stream.to_string(), f.index))
        .collect();
    assert_eq!(found, [("s1".to_string(), 0), ("s1".to_string(), 2)]);
    assert_eq!(
        filter(&mut w, "RequestId").unwrap(),
        ["START RequestId: r1", "END RequestId: r1"]
    );
}
