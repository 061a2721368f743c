//! The simulated HTTP endpoints, driven through the world as a scenario would.

use crate::sim::SECOND;
use crate::{Settings, World};
use serde_json::json;

const URL: &str = "https://api.example.com/orders";

fn send(w: &mut World, url: &str) -> Result<serde_json::Value, crate::api::AwsError> {
    w.call(
        "endpoints:SendRequest",
        json!({"Method": "POST", "Url": url, "Headers": {"X-Test": "1"}, "Body": "{\"a\":1}"}),
    )
}

#[test]
fn an_endpoint_answers_200_by_default_and_logs_the_request() {
    let mut w = World::new(Settings::default());
    w.call("endpoints:PutEndpoint", json!({"Url": URL}))
        .unwrap();
    let answer = send(&mut w, &format!("{URL}?id=7")).unwrap();
    assert_eq!(answer["StatusCode"], 200);
    let log = w
        .call("endpoints:ListRequests", json!({"Url": URL}))
        .unwrap();
    let request = &log["Requests"][0];
    assert_eq!(request["Method"], "POST");
    assert_eq!(request["Url"], format!("{URL}?id=7"));
    assert_eq!(request["Headers"]["X-Test"], "1");
    assert_eq!(request["Body"], "{\"a\":1}");
    assert_eq!(request["Status"], 200);
}

#[test]
fn an_endpoint_fails_its_first_requests_then_succeeds() {
    let mut w = World::new(Settings::default());
    w.call(
        "endpoints:PutEndpoint",
        json!({"Url": URL, "FailFirst": 2, "FailStatus": 503, "Body": "ok"}),
    )
    .unwrap();
    let statuses: Vec<_> = (0..3)
        .map(|_| send(&mut w, URL).unwrap()["StatusCode"].clone())
        .collect();
    assert_eq!(statuses, [json!(503), json!(503), json!(200)]);
    assert_eq!(send(&mut w, URL).unwrap()["Body"], "ok");
}

#[test]
fn a_request_to_a_url_no_endpoint_serves_fails_to_connect() {
    let mut w = World::new(Settings::default());
    let e = send(&mut w, "https://nowhere.example.com/").unwrap_err();
    assert_eq!(e.code, super::CONNECTION_FAILED);
    assert!(w
        .trace()
        .since(0)
        .iter()
        .any(|e| e.kind.name() == "HttpConnectionFailed"));
}

#[test]
fn latency_is_virtual_time_and_a_shorter_timeout_ends_the_wait() {
    let mut w = World::new(Settings::default());
    w.call(
        "endpoints:PutEndpoint",
        json!({"Url": URL, "LatencyMs": 7000}),
    )
    .unwrap();
    let start = w.now();
    let answer = send(&mut w, URL).unwrap();
    assert_eq!(answer["StatusCode"], 200);
    assert_eq!(w.now() - start, 7 * SECOND);
    let e = w
        .call(
            "endpoints:SendRequest",
            json!({"Method": "GET", "Url": URL, "TimeoutMs": 5000}),
        )
        .unwrap_err();
    assert_eq!(e.code, super::TIMED_OUT);
    assert_eq!(w.now() - start, 12 * SECOND);
}

#[test]
fn programming_an_endpoint_checks_its_url_and_statuses() {
    let mut w = World::new(Settings::default());
    for bad in [
        json!({"Url": "ftp://x/y"}),
        json!({"Url": "https:///path"}),
        json!({"Url": URL, "Status": 99}),
        json!({"Url": URL, "FailStatus": 600}),
        json!({"Url": URL, "LatencyMs": -1}),
    ] {
        let e = w.call("endpoints:PutEndpoint", bad.clone()).unwrap_err();
        assert_eq!(e.code, "InvalidParameterValue", "{bad}");
    }
    let e = w
        .call("endpoints:DeleteEndpoint", json!({"Url": URL}))
        .unwrap_err();
    assert_eq!(e.code, "ResourceNotFound");
}

#[test]
fn next_event_foresees_a_slow_endpoint_answering() {
    let mut w = World::new(Settings::default());
    w.call(
        "endpoints:PutEndpoint",
        json!({"Url": URL, "LatencyMs": 2000, "Status": 202}),
    )
    .unwrap();
    // A request sent by a service (here an OAuth token request of EventBridge) is answered later.
    w.call(
        "events:CreateConnection",
        json!({"Name": "c", "AuthorizationType": "OAUTH_CLIENT_CREDENTIALS",
               "AuthParameters": {"OAuthParameters": {
                   "ClientParameters": {"ClientID": "id", "ClientSecret": "s"},
                   "AuthorizationEndpoint": URL, "HttpMethod": "POST"}}}),
    )
    .unwrap();
    let (due, foreseen) = w.foresee_next().unwrap();
    assert_eq!(due - w.now(), 2 * SECOND);
    assert_eq!(foreseen.event, "HttpResponseSent");
    assert!(foreseen.text.contains("202"), "{}", foreseen.text);
}
