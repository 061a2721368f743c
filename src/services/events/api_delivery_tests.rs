//! Invariants of delivery to API destinations, whatever the endpoint answers.

use crate::kernel::TraceKind;
use crate::services::events::EventsEvent;
use crate::{Settings, World};
use proptest::prelude::*;
use serde_json::json;
use std::collections::BTreeMap;

const URL: &str = "https://api.example.com/orders";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Every event ends exactly once (delivered, dead-lettered or dropped), each try is one
    /// request to the endpoint, and no two requests are closer than the rate limit allows.
    #[test]
    fn no_event_is_lost_and_the_rate_limit_holds(
        fail_first in 0u32..6,
        fail_status in prop::sample::select(vec![400u16, 401, 404, 429, 500, 503]),
        latency in prop::sample::select(vec![0u64, 300, 6000]),
        rate in 1u32..5,
        retries in 0u32..4,
        events in 1u32..6,
        dlq in any::<bool>(),
    ) {
        let mut w = World::new(Settings::default());
        w.call("endpoints:PutEndpoint", json!({"Url": URL, "FailFirst": fail_first,
            "FailStatus": fail_status, "LatencyMs": latency})).unwrap();
        w.call("sqs:CreateQueue", json!({"QueueName": "dlq"})).unwrap();
        let conn = w.call("events:CreateConnection", json!({"Name": "c", "AuthorizationType": "API_KEY",
            "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "k", "ApiKeyValue": "v"}}}))
            .unwrap()["ConnectionArn"].clone();
        let arn = w.call("events:CreateApiDestination", json!({"Name": "d", "ConnectionArn": conn,
            "InvocationEndpoint": URL, "HttpMethod": "POST", "InvocationRateLimitPerSecond": rate}))
            .unwrap()["ApiDestinationArn"].clone();
        w.call("events:PutRule", json!({"Name": "r", "EventPattern": "{\"source\":[\"shop\"]}"})).unwrap();
        let mut target = json!({"Id": "t", "Arn": arn,
            "RoleArn": "arn:aws:iam::123456789012:role/invoke", "RetryPolicy": {"MaximumRetryAttempts": retries}});
        if dlq {
            target["DeadLetterConfig"] = json!({"Arn": "arn:aws:sqs:us-east-1:123456789012:dlq"});
        }
        w.call("events:PutTargets", json!({"Rule": "r", "Targets": [target]})).unwrap();
        for i in 0..events {
            w.call("events:PutEvents", json!({"Entries": [{"Source": "shop", "DetailType": "o",
                "Detail": format!("{{\"i\":{i}}}")}]})).unwrap();
        }
        w.run_until_idle();
        let mut ends: BTreeMap<String, u32> = BTreeMap::new();
        let mut invoked = 0;
        for e in w.trace().since(0) {
            match &e.kind {
                TraceKind::Events(EventsEvent::TargetSucceeded { event_id, .. })
                | TraceKind::Events(EventsEvent::SentToDeadLetterQueue { event_id, .. })
                | TraceKind::Events(EventsEvent::EventDropped { event_id, .. }) => {
                    *ends.entry(event_id.to_string()).or_default() += 1;
                }
                TraceKind::Events(EventsEvent::TargetInvoked { .. }) => invoked += 1,
                _ => {}
            }
        }
        prop_assert_eq!(ends.len() as u32, events);
        prop_assert!(ends.values().all(|n| *n == 1));
        let requests = w.endpoints().requests();
        // A try that never reaches the endpoint is one refused by a deauthorized connection.
        prop_assert!(requests.len() <= invoked);
        let step = 1000 / u64::from(rate);
        for pair in requests.windows(2) {
            prop_assert!(pair[1].at - pair[0].at >= step, "{} then {}", pair[0].at, pair[1].at);
        }
    }
}
