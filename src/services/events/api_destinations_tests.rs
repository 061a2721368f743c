//! API destinations as AWS describes them, and the requests EventBridge sends them.

use crate::kernel::TraceKind;
use crate::services::events::EventsEvent;
use crate::sim::SECOND;
use crate::{Settings, World};
use serde_json::{json, Value};

const URL: &str = "https://api.example.com/orders";

fn world() -> World {
    World::new(Settings::default())
}

fn connection(w: &mut World, kind: &str) -> String {
    let auth = match kind {
        "BASIC" => json!({"BasicAuthParameters": {"Username": "user", "Password": "pass"}}),
        _ => json!({
            "ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "k-123"},
            "InvocationHttpParameters": {"QueryStringParameters": [{"Key": "src", "Value": "eb"}]}
        }),
    };
    w.call(
        "events:CreateConnection",
        json!({"Name": "conn", "AuthorizationType": kind, "AuthParameters": auth}),
    )
    .unwrap()["ConnectionArn"]
        .as_str()
        .unwrap()
        .to_string()
}

fn destination(w: &mut World, connection: &str, endpoint: &str, rate: Option<u32>) -> String {
    let mut request = json!({"Name": "orders", "ConnectionArn": connection,
        "InvocationEndpoint": endpoint, "HttpMethod": "POST"});
    if let Some(r) = rate {
        request["InvocationRateLimitPerSecond"] = json!(r);
    }
    w.call("events:CreateApiDestination", request).unwrap()["ApiDestinationArn"]
        .as_str()
        .unwrap()
        .to_string()
}

const ROLE: &str = "arn:aws:iam::123456789012:role/invoke-api-destinations";

/// A rule on the default bus sending every `shop` event to `target` (invoked with `ROLE`).
fn rule_to(w: &mut World, mut target: Value) {
    target["RoleArn"] = json!(ROLE);
    w.call(
        "events:PutRule",
        json!({"Name": "to-api", "EventPattern": "{\"source\":[\"shop\"]}"}),
    )
    .unwrap();
    w.call(
        "events:PutTargets",
        json!({"Rule": "to-api", "Targets": [target]}),
    )
    .unwrap();
}

fn put_order(w: &mut World, id: u32) {
    w.call(
        "events:PutEvents",
        json!({"Entries": [{"Source": "shop", "DetailType": "OrderPlaced", "Detail": format!("{{\"id\":{id}}}")}]}),
    )
    .unwrap();
}

fn events_named(w: &World, name: &str) -> usize {
    w.trace()
        .since(0)
        .iter()
        .filter(|e| e.kind.name() == name)
        .count()
}

#[test]
fn an_api_destination_is_active_with_a_default_rate_of_300() {
    let mut w = world();
    let conn = connection(&mut w, "API_KEY");
    let arn = destination(&mut w, &conn, URL, None);
    assert!(arn.starts_with("arn:aws:events:us-east-1:123456789012:api-destination/orders/"));
    let d = w
        .call("events:DescribeApiDestination", json!({"Name": "orders"}))
        .unwrap();
    assert_eq!(d["ApiDestinationState"], "ACTIVE");
    assert_eq!(d["InvocationRateLimitPerSecond"], 300);
    assert_eq!(d["ConnectionArn"], conn.as_str());
    let listed = w
        .call("events:ListApiDestinations", json!({"ConnectionArn": conn}))
        .unwrap();
    assert_eq!(listed["ApiDestinations"].as_array().unwrap().len(), 1);
    w.call(
        "events:UpdateApiDestination",
        json!({"Name": "orders", "HttpMethod": "PUT", "InvocationRateLimitPerSecond": 5}),
    )
    .unwrap();
    let d = w
        .call("events:DescribeApiDestination", json!({"Name": "orders"}))
        .unwrap();
    assert_eq!(
        (
            d["HttpMethod"].clone(),
            d["InvocationRateLimitPerSecond"].clone()
        ),
        (json!("PUT"), json!(5))
    );
    w.call("events:DeleteApiDestination", json!({"Name": "orders"}))
        .unwrap();
    let e = w
        .call("events:DescribeApiDestination", json!({"Name": "orders"}))
        .unwrap_err();
    assert_eq!(e.code, "ResourceNotFoundException");
}

#[test]
fn an_api_destination_needs_https_a_known_method_and_an_existing_connection() {
    let mut w = world();
    let conn = connection(&mut w, "API_KEY");
    let e = w
        .call(
            "events:CreateApiDestination",
            json!({"Name": "d", "ConnectionArn": conn, "InvocationEndpoint": "http://api.example.com/", "HttpMethod": "POST"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ValidationException");
    let e = w
        .call(
            "events:CreateApiDestination",
            json!({"Name": "d", "ConnectionArn": conn, "InvocationEndpoint": URL, "HttpMethod": "CONNECT"}),
        )
        .unwrap_err();
    assert!(
        e.message.contains("Member must satisfy enum value set"),
        "{}",
        e.message
    );
    let other = conn.replace("/conn/", "/gone/");
    let e = w
        .call(
            "events:CreateApiDestination",
            json!({"Name": "d", "ConnectionArn": other, "InvocationEndpoint": URL, "HttpMethod": "POST"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ResourceNotFoundException");
    let e = w
        .call(
            "events:CreateApiDestination",
            json!({"Name": "d", "ConnectionArn": conn, "InvocationEndpoint": URL, "HttpMethod": "POST", "InvocationRateLimitPerSecond": 0}),
        )
        .unwrap_err();
    assert!(
        e.message.contains("greater than or equal to 1"),
        "{}",
        e.message
    );
}

#[test]
fn eventbridge_sends_the_event_with_its_documented_headers_and_the_api_key() {
    let mut w = world();
    w.call(
        "endpoints:PutEndpoint",
        json!({"Url": "https://api.example.com/orders/eu"}),
    )
    .unwrap();
    let conn = connection(&mut w, "API_KEY");
    let arn = destination(&mut w, &conn, "https://api.example.com/orders/*", None);
    rule_to(
        &mut w,
        json!({"Id": "api", "Arn": arn, "InputPath": "$.detail", "HttpParameters": {
            "PathParameterValues": ["eu"],
            "HeaderParameters": {"X-Tenant": "acme"},
            "QueryStringParameters": {"v": "2"}
        }}),
    );
    put_order(&mut w, 7);
    w.run_until_idle();
    let requests = w.endpoints().requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!(r.method.as_ref(), "POST");
    assert_eq!(
        r.url.as_ref(),
        "https://api.example.com/orders/eu?v=2&src=eb"
    );
    assert_eq!(r.body, "{\"id\":7}");
    let header = |name: &str| {
        r.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(header("x-api-key"), Some("k-123"));
    assert_eq!(header("X-Tenant"), Some("acme"));
    assert_eq!(
        header("User-Agent"),
        Some("Amazon/EventBridge/ApiDestinations")
    );
    assert_eq!(
        header("Content-Type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(header("Range"), Some("bytes=0-1048575"));
    assert_eq!(header("Host"), Some("api.example.com"));
    assert_eq!(events_named(&w, "TargetSucceeded"), 1);
}

#[test]
fn basic_authorization_is_the_base64_of_user_and_password() {
    let mut w = world();
    w.call("endpoints:PutEndpoint", json!({"Url": URL}))
        .unwrap();
    let conn = connection(&mut w, "BASIC");
    let arn = destination(&mut w, &conn, URL, None);
    rule_to(&mut w, json!({"Id": "api", "Arn": arn}));
    put_order(&mut w, 1);
    w.run_until_idle();
    let r = &w.endpoints().requests()[0];
    assert!(r
        .headers
        .iter()
        .any(|(k, v)| k == "Authorization" && v == "Basic dXNlcjpwYXNz"));
}

#[test]
fn a_503_is_retried_with_backoff_until_the_endpoint_answers_200() {
    let mut w = world();
    w.call(
        "endpoints:PutEndpoint",
        json!({"Url": URL, "FailFirst": 2, "FailStatus": 503}),
    )
    .unwrap();
    let conn = connection(&mut w, "API_KEY");
    let arn = destination(&mut w, &conn, URL, None);
    rule_to(&mut w, json!({"Id": "api", "Arn": arn}));
    put_order(&mut w, 1);
    w.run_until_idle();
    let statuses: Vec<u16> = w.endpoints().requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [503, 503, 200]);
    assert_eq!(events_named(&w, "TargetFailed"), 2);
    assert_eq!(events_named(&w, "TargetSucceeded"), 1);
    let retried = w.trace().since(0).iter().any(|e| {
        matches!(&e.kind, TraceKind::Events(EventsEvent::TargetFailed { retry_in_ms: Some(_), error_message, .. })
            if error_message.contains("503"))
    });
    assert!(retried);
}

#[test]
fn a_400_is_not_retried_and_goes_to_the_dead_letter_queue() {
    let mut w = world();
    w.call("endpoints:PutEndpoint", json!({"Url": URL, "Status": 400}))
        .unwrap();
    let dlq = w
        .call("sqs:CreateQueue", json!({"QueueName": "dlq"}))
        .unwrap()["QueueUrl"]
        .clone();
    let conn = connection(&mut w, "API_KEY");
    let arn = destination(&mut w, &conn, URL, None);
    rule_to(
        &mut w,
        json!({"Id": "api", "Arn": arn, "DeadLetterConfig": {"Arn": "arn:aws:sqs:us-east-1:123456789012:dlq"}}),
    );
    put_order(&mut w, 1);
    w.run_until_idle();
    assert_eq!(w.endpoints().requests().len(), 1);
    let received = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": dlq, "MessageAttributeNames": ["All"]}),
        )
        .unwrap();
    let m = &received["Messages"][0];
    assert_eq!(
        m["MessageAttributes"]["TARGET_ARN"]["StringValue"],
        arn.as_str()
    );
    assert_eq!(m["MessageAttributes"]["RETRY_ATTEMPTS"]["StringValue"], "0");
}

#[test]
fn a_401_deauthorizes_an_api_key_connection() {
    let mut w = world();
    w.call("endpoints:PutEndpoint", json!({"Url": URL, "Status": 401}))
        .unwrap();
    let conn = connection(&mut w, "API_KEY");
    let arn = destination(&mut w, &conn, URL, None);
    rule_to(&mut w, json!({"Id": "api", "Arn": arn}));
    put_order(&mut w, 1);
    w.run_until_idle();
    let d = w
        .call("events:DescribeConnection", json!({"Name": "conn"}))
        .unwrap();
    assert_eq!(d["ConnectionState"], "DEAUTHORIZED");
    assert_eq!(w.endpoints().requests().len(), 1, "a 401 is not retried");
}

#[test]
fn a_slow_endpoint_times_out_after_five_seconds_and_is_retried() {
    let mut w = world();
    w.call(
        "endpoints:PutEndpoint",
        json!({"Url": URL, "LatencyMs": 6000}),
    )
    .unwrap();
    let conn = connection(&mut w, "API_KEY");
    let arn = destination(&mut w, &conn, URL, None);
    rule_to(
        &mut w,
        json!({"Id": "api", "Arn": arn, "RetryPolicy": {"MaximumRetryAttempts": 1}}),
    );
    put_order(&mut w, 1);
    w.run_until_idle();
    assert_eq!(w.endpoints().requests().len(), 2);
    assert!(w.endpoints().requests().iter().all(|r| r.timed_out));
    assert_eq!(events_named(&w, "EventDropped"), 1);
}

#[test]
fn events_above_the_invocation_rate_limit_wait_their_turn() {
    let mut w = world();
    w.call("endpoints:PutEndpoint", json!({"Url": URL}))
        .unwrap();
    let conn = connection(&mut w, "API_KEY");
    let arn = destination(&mut w, &conn, URL, Some(2));
    rule_to(&mut w, json!({"Id": "api", "Arn": arn}));
    let start = w.now();
    for id in 0..5 {
        put_order(&mut w, id);
    }
    w.run_until_idle();
    let times: Vec<u64> = w
        .endpoints()
        .requests()
        .iter()
        .map(|r| r.at - start)
        .collect();
    assert_eq!(times, [0, SECOND / 2, SECOND, 3 * SECOND / 2, 2 * SECOND]);
    assert_eq!(events_named(&w, "InvocationDelayed"), 4);
}

#[test]
fn a_request_to_an_unprogrammed_url_fails_to_connect_and_is_retried() {
    let mut w = world();
    let conn = connection(&mut w, "API_KEY");
    let arn = destination(&mut w, &conn, URL, None);
    rule_to(
        &mut w,
        json!({"Id": "api", "Arn": arn, "RetryPolicy": {"MaximumRetryAttempts": 2}}),
    );
    put_order(&mut w, 1);
    w.run_until_idle();
    assert_eq!(events_named(&w, "HttpConnectionFailed"), 3);
    assert_eq!(events_named(&w, "EventDropped"), 1);
}

#[test]
fn a_retry_after_longer_than_the_backoff_delays_the_next_try() {
    let mut w = world();
    w.call(
        "endpoints:PutEndpoint",
        json!({"Url": URL, "FailFirst": 1, "FailStatus": 429, "RetryAfter": 30}),
    )
    .unwrap();
    let conn = connection(&mut w, "API_KEY");
    let arn = destination(&mut w, &conn, URL, None);
    rule_to(&mut w, json!({"Id": "api", "Arn": arn}));
    put_order(&mut w, 1);
    w.run_until_idle();
    let requests = w.endpoints().requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[1].at - requests[0].at, 30 * SECOND);
    assert_eq!(requests[1].status, 200);
}

#[test]
fn a_negative_retry_after_stops_the_retries() {
    let mut w = world();
    w.call(
        "endpoints:PutEndpoint",
        json!({"Url": URL, "Status": 503, "RetryAfter": -1}),
    )
    .unwrap();
    let conn = connection(&mut w, "API_KEY");
    let arn = destination(&mut w, &conn, URL, None);
    rule_to(&mut w, json!({"Id": "api", "Arn": arn}));
    put_order(&mut w, 1);
    w.run_until_idle();
    assert_eq!(w.endpoints().requests().len(), 1);
    assert_eq!(events_named(&w, "EventDropped"), 1);
}

/// An OAuth connection whose token endpoint gives `tok-1`, then `tok-2`.
fn oauth_connection(w: &mut World) -> String {
    w.call(
        "endpoints:PutEndpoint",
        json!({"Url": "https://auth.example.com/token", "Body": "{\"access_token\":\"tok-1\"}"}),
    )
    .unwrap();
    let arn = w
        .call(
            "events:CreateConnection",
            json!({"Name": "conn", "AuthorizationType": "OAUTH_CLIENT_CREDENTIALS",
                   "AuthParameters": {"OAuthParameters": {
                       "ClientParameters": {"ClientID": "id", "ClientSecret": "secret"},
                       "AuthorizationEndpoint": "https://auth.example.com/token",
                       "HttpMethod": "POST"}}}),
        )
        .unwrap()["ConnectionArn"]
        .as_str()
        .unwrap()
        .to_string();
    w.run_until_idle();
    arn
}

fn authorization_of(r: &crate::endpoints::HttpRequest) -> Option<&str> {
    r.headers
        .iter()
        .find(|(k, _)| k == "Authorization")
        .map(|(_, v)| v.as_str())
}

#[test]
fn an_oauth_connection_sends_its_bearer_token_and_refreshes_it_after_a_401() {
    let mut w = world();
    let conn = oauth_connection(&mut w);
    w.call(
        "endpoints:PutEndpoint",
        json!({"Url": URL, "FailFirst": 1, "FailStatus": 401}),
    )
    .unwrap();
    let arn = destination(&mut w, &conn, URL, None);
    rule_to(&mut w, json!({"Id": "api", "Arn": arn}));
    w.call(
        "endpoints:PutEndpoint",
        json!({"Url": "https://auth.example.com/token", "Body": "{\"access_token\":\"tok-2\"}"}),
    )
    .unwrap();
    put_order(&mut w, 1);
    w.run_until_idle();
    let calls: Vec<_> = w.endpoints().requests_to(URL).collect();
    assert_eq!(
        calls.len(),
        2,
        "the 401 is retried once the token is refreshed"
    );
    assert_eq!(authorization_of(calls[0]), Some("Bearer tok-1"));
    assert_eq!(authorization_of(calls[1]), Some("Bearer tok-2"));
    assert_eq!(calls[1].status, 200);
    let d = w
        .call("events:DescribeConnection", json!({"Name": "conn"}))
        .unwrap();
    assert_eq!(d["ConnectionState"], "AUTHORIZED");
}

#[test]
fn a_deauthorized_connection_sends_nothing() {
    let mut w = world();
    w.call("endpoints:PutEndpoint", json!({"Url": URL}))
        .unwrap();
    let conn = connection(&mut w, "API_KEY");
    let arn = destination(&mut w, &conn, URL, None);
    rule_to(&mut w, json!({"Id": "api", "Arn": arn}));
    w.call("events:DeauthorizeConnection", json!({"Name": "conn"}))
        .unwrap();
    put_order(&mut w, 1);
    w.run_until_idle();
    assert!(w.endpoints().requests().is_empty());
    assert_eq!(events_named(&w, "EventDropped"), 1);
}

#[test]
fn each_request_to_an_api_destination_is_billed_as_an_invocation() {
    let mut w = world();
    w.call(
        "endpoints:PutEndpoint",
        json!({"Url": URL, "FailFirst": 1, "FailStatus": 500}),
    )
    .unwrap();
    let conn = connection(&mut w, "API_KEY");
    let arn = destination(&mut w, &conn, URL, None);
    rule_to(&mut w, json!({"Id": "api", "Arn": arn}));
    put_order(&mut w, 1);
    w.run_until_idle();
    let usage = &w.events().usage;
    assert_eq!(
        usage.api_destination_invocations, 2,
        "the retry is an invocation too"
    );
    assert!((usage.cost_usd() - (1.0 + 0.4) / 1_000_000.0).abs() < 1e-12);
}

#[test]
fn an_api_destination_target_needs_a_role() {
    let mut w = world();
    let conn = connection(&mut w, "API_KEY");
    let arn = destination(&mut w, &conn, URL, None);
    w.call(
        "events:PutRule",
        json!({"Name": "r", "EventPattern": "{\"source\":[\"shop\"]}"}),
    )
    .unwrap();
    let e = w
        .call(
            "events:PutTargets",
            json!({"Rule": "r", "Targets": [{"Id": "t", "Arn": arn}]}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ValidationException");
    assert_eq!(e.message, format!("RoleArn is required for target {arn}."));
}

#[test]
fn next_event_foresees_the_retry_of_a_target_that_answered_503() {
    let mut w = world();
    w.call(
        "endpoints:PutEndpoint",
        json!({"Url": URL, "FailFirst": 1, "FailStatus": 503}),
    )
    .unwrap();
    let conn = connection(&mut w, "API_KEY");
    let arn = destination(&mut w, &conn, URL, None);
    rule_to(&mut w, json!({"Id": "api", "Arn": arn}));
    put_order(&mut w, 1);
    w.advance(SECOND / 10);
    assert_eq!(events_named(&w, "TargetFailed"), 1);
    let (_, foreseen) = w.foresee_next().unwrap();
    assert_eq!(foreseen.event, "TargetInvoked");
    assert_eq!(foreseen.text, "rule to-api sends to target api (attempt 2)");
}
