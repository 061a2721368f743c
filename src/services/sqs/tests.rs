//! SQS rules, each stated as AWS behaves, checked through `World::call`.

use super::test_support::{code, counts, receive, send, world_with_queue};
use crate::sim::SECOND;
use serde_json::json;

#[test]
fn a_received_message_not_deleted_is_visible_again_exactly_at_receive_time_plus_the_default_30_seconds(
) {
    let (mut w, url) = world_with_queue(json!({}));
    send(&mut w, &url, "hello");
    assert_eq!(receive(&mut w, &url).len(), 1);
    w.advance(30 * SECOND - 1);
    assert!(
        receive(&mut w, &url).is_empty(),
        "still in flight 1 ms before the timeout"
    );
    assert_eq!(counts(&mut w, &url), ("0".into(), "1".into()));
    w.advance(1);
    let again = receive(&mut w, &url);
    assert_eq!(again.len(), 1);
    assert_eq!(again[0]["Attributes"]["ApproximateReceiveCount"], "2");
}

#[test]
fn the_queue_visibility_timeout_and_the_per_receive_override_both_apply() {
    let (mut w, url) = world_with_queue(json!({"VisibilityTimeout": "5"}));
    send(&mut w, &url, "a");
    receive(&mut w, &url);
    w.advance(5 * SECOND);
    let r = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "VisibilityTimeout": 120}),
        )
        .unwrap();
    assert_eq!(r["Messages"].as_array().unwrap().len(), 1);
    w.advance(119 * SECOND);
    assert!(receive(&mut w, &url).is_empty());
    w.advance(SECOND);
    assert_eq!(receive(&mut w, &url).len(), 1);
}

#[test]
fn a_visibility_timeout_of_zero_leaves_the_message_visible() {
    let (mut w, url) = world_with_queue(json!({}));
    send(&mut w, &url, "a");
    w.call(
        "sqs:ReceiveMessage",
        json!({"QueueUrl": url, "VisibilityTimeout": 0}),
    )
    .unwrap();
    assert_eq!(receive(&mut w, &url).len(), 1);
}

#[test]
fn every_receive_gets_a_fresh_receipt_handle_and_only_the_latest_deletes() {
    let (mut w, url) = world_with_queue(json!({"VisibilityTimeout": "1"}));
    send(&mut w, &url, "a");
    let first = receive(&mut w, &url)[0]["ReceiptHandle"].clone();
    w.advance(SECOND);
    let second = receive(&mut w, &url)[0]["ReceiptHandle"].clone();
    assert_ne!(first, second);
    // An old handle: the request succeeds but the message is not deleted.
    w.call(
        "sqs:DeleteMessage",
        json!({"QueueUrl": url, "ReceiptHandle": first}),
    )
    .unwrap();
    assert_eq!(counts(&mut w, &url), ("0".into(), "1".into()));
    w.call(
        "sqs:DeleteMessage",
        json!({"QueueUrl": url, "ReceiptHandle": second}),
    )
    .unwrap();
    assert_eq!(counts(&mut w, &url), ("0".into(), "0".into()));
    // Deleting it again succeeds too.
    w.call(
        "sqs:DeleteMessage",
        json!({"QueueUrl": url, "ReceiptHandle": second}),
    )
    .unwrap();
}

#[test]
fn a_deleted_message_never_becomes_visible_again_and_leaves_no_pending_work() {
    let (mut w, url) = world_with_queue(json!({}));
    send(&mut w, &url, "a");
    let h = receive(&mut w, &url)[0]["ReceiptHandle"].clone();
    w.call(
        "sqs:DeleteMessage",
        json!({"QueueUrl": url, "ReceiptHandle": h}),
    )
    .unwrap();
    let idle = w.run_until_idle();
    assert!(idle.idle);
    assert_eq!(idle.advanced, 0);
    w.advance(3_600 * SECOND);
    assert!(receive(&mut w, &url).is_empty());
}

#[test]
fn a_malformed_receipt_handle_is_receipt_handle_is_invalid() {
    let (mut w, url) = world_with_queue(json!({}));
    let e = w
        .call(
            "sqs:DeleteMessage",
            json!({"QueueUrl": url, "ReceiptHandle": "garbage"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "ReceiptHandleIsInvalid");
    assert_eq!(
        e.message,
        "The input receipt handle \"garbage\" is not a valid receipt handle."
    );
    assert_eq!(e.status, 404);
}

#[test]
fn a_receipt_handle_from_another_queue_is_invalid_here() {
    let (mut w, url) = world_with_queue(json!({}));
    let other = w
        .call("sqs:CreateQueue", json!({"QueueName": "other"}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    send(&mut w, &other, "a");
    let h = receive(&mut w, &other)[0]["ReceiptHandle"].clone();
    assert_eq!(
        code(w.call(
            "sqs:DeleteMessage",
            json!({"QueueUrl": url, "ReceiptHandle": h})
        )),
        "ReceiptHandleIsInvalid"
    );
}

#[test]
fn change_message_visibility_restarts_the_timeout_from_now() {
    let (mut w, url) = world_with_queue(json!({}));
    send(&mut w, &url, "a");
    let h = receive(&mut w, &url)[0]["ReceiptHandle"].clone();
    w.advance(20 * SECOND);
    w.call(
        "sqs:ChangeMessageVisibility",
        json!({"QueueUrl": url, "ReceiptHandle": h, "VisibilityTimeout": 60}),
    )
    .unwrap();
    w.advance(59 * SECOND);
    assert!(receive(&mut w, &url).is_empty());
    w.advance(SECOND);
    assert_eq!(receive(&mut w, &url).len(), 1);
}

#[test]
fn change_message_visibility_to_zero_makes_the_message_visible_at_once() {
    let (mut w, url) = world_with_queue(json!({}));
    send(&mut w, &url, "a");
    let h = receive(&mut w, &url)[0]["ReceiptHandle"].clone();
    w.call(
        "sqs:ChangeMessageVisibility",
        json!({"QueueUrl": url, "ReceiptHandle": h, "VisibilityTimeout": 0}),
    )
    .unwrap();
    assert_eq!(receive(&mut w, &url).len(), 1);
}

#[test]
fn the_total_visibility_timeout_of_a_receive_cannot_pass_12_hours() {
    let (mut w, url) = world_with_queue(json!({}));
    send(&mut w, &url, "a");
    let h = receive(&mut w, &url)[0]["ReceiptHandle"].clone();
    w.advance(10 * SECOND);
    let e = w
        .call(
            "sqs:ChangeMessageVisibility",
            json!({"QueueUrl": url, "ReceiptHandle": h, "VisibilityTimeout": 43_200}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue");
    assert!(
        e.message.contains(
            "Total VisibilityTimeout for the message is beyond the limit [43200 seconds]"
        ),
        "{}",
        e.message
    );
    w.call(
        "sqs:ChangeMessageVisibility",
        json!({"QueueUrl": url, "ReceiptHandle": h, "VisibilityTimeout": 43_190}),
    )
    .unwrap();
}

#[test]
fn change_message_visibility_takes_an_earlier_handle_on_a_standard_queue_until_the_delete() {
    let (mut w, url) = world_with_queue(json!({"VisibilityTimeout": "1"}));
    send(&mut w, &url, "a");
    let first = receive(&mut w, &url)[0]["ReceiptHandle"].clone();
    w.advance(SECOND);
    // The latest handle, but the timeout already ran out: 200 and nothing changes.
    w.call(
        "sqs:ChangeMessageVisibility",
        json!({"QueueUrl": url, "ReceiptHandle": first, "VisibilityTimeout": 100}),
    )
    .unwrap();
    assert_eq!(counts(&mut w, &url), ("1".into(), "0".into()));
    let second = receive(&mut w, &url)[0]["ReceiptHandle"].clone();
    // The message was received again; the first handle still changes its visibility.
    w.call(
        "sqs:ChangeMessageVisibility",
        json!({"QueueUrl": url, "ReceiptHandle": first, "VisibilityTimeout": 0}),
    )
    .unwrap();
    assert_eq!(counts(&mut w, &url), ("1".into(), "0".into()));
    let third = receive(&mut w, &url)[0]["ReceiptHandle"].clone();
    w.call(
        "sqs:ChangeMessageVisibility",
        json!({"QueueUrl": url, "ReceiptHandle": second, "VisibilityTimeout": 60}),
    )
    .unwrap();
    w.advance(30 * SECOND);
    assert_eq!(
        counts(&mut w, &url),
        ("0".into(), "1".into()),
        "hidden for 60 s, not 1"
    );
    w.call(
        "sqs:DeleteMessage",
        json!({"QueueUrl": url, "ReceiptHandle": third}),
    )
    .unwrap();
    // Once the message is deleted no handle of it changes anything.
    let e = w
        .call(
            "sqs:ChangeMessageVisibility",
            json!({"QueueUrl": url, "ReceiptHandle": first, "VisibilityTimeout": 10}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue");
    assert!(
        e.message.ends_with(
            "Reason: Message does not exist or is not available for visibility timeout change."
        ),
        "{}",
        e.message
    );
}

#[test]
fn receive_returns_at_most_max_number_of_messages_oldest_first() {
    let (mut w, url) = world_with_queue(json!({}));
    for i in 0..15 {
        send(&mut w, &url, &format!("m{i}"));
    }
    let r = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": 4}),
        )
        .unwrap();
    let bodies: Vec<&str> = r["Messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["Body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, ["m0", "m1", "m2", "m3"]);
    assert_eq!(receive(&mut w, &url).len(), 10);
    assert_eq!(
        w.call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
            .unwrap()["Messages"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn an_empty_receive_returns_no_messages_member() {
    let (mut w, url) = world_with_queue(json!({}));
    assert_eq!(
        w.call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
            .unwrap(),
        json!({})
    );
}

#[test]
fn out_of_range_receive_parameters_are_invalid_parameter_value() {
    let (mut w, url) = world_with_queue(json!({}));
    let e = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": 11}),
        )
        .unwrap_err();
    assert_eq!(e.message, "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.");
    assert_eq!(
        code(w.call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": 0})
        )),
        "InvalidParameterValue"
    );
    let e = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "VisibilityTimeout": 43_201}),
        )
        .unwrap_err();
    assert_eq!(e.message, "Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.");
    assert_eq!(
        code(w.call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "WaitTimeSeconds": 21})
        )),
        "InvalidParameterValue"
    );
    assert_eq!(
        code(w.call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MessageSystemAttributeNames": ["Colour"]})
        )),
        "InvalidAttributeName"
    );
}

#[test]
fn system_attributes_carry_epoch_milliseconds_and_the_receive_count() {
    let (mut w, url) = world_with_queue(json!({"VisibilityTimeout": "10"}));
    send(&mut w, &url, "a");
    let sent = w.now();
    w.advance(2 * SECOND);
    let first_receive = w.now();
    receive(&mut w, &url);
    w.advance(10 * SECOND);
    let m = &receive(&mut w, &url)[0];
    assert_eq!(m["Attributes"]["SentTimestamp"], sent.to_string());
    assert_eq!(
        m["Attributes"]["ApproximateFirstReceiveTimestamp"],
        first_receive.to_string()
    );
    assert_eq!(m["Attributes"]["ApproximateReceiveCount"], "2");
    assert_eq!(m["Attributes"]["SenderId"], "123456789012");
    // Without a request for attributes, none are returned.
    w.advance(10 * SECOND);
    let plain = w
        .call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
        .unwrap();
    assert!(plain["Messages"][0].get("Attributes").is_none());
}

#[test]
fn md5_of_message_body_is_the_hex_md5_of_the_utf8_body() {
    let (mut w, url) = world_with_queue(json!({}));
    assert_eq!(
        send(&mut w, &url, "msg")["MD5OfMessageBody"],
        "6e2baaf3b97dbeef01c0043275f9a0e7"
    );
    assert_eq!(
        send(&mut w, &url, "test")["MD5OfMessageBody"],
        "098f6bcd4621d373cade4e832627b4f6"
    );
    let m = &receive(&mut w, &url)[0];
    assert_eq!(m["MD5OfBody"], "6e2baaf3b97dbeef01c0043275f9a0e7");
}

#[test]
fn a_body_over_the_maximum_message_size_or_with_forbidden_characters_is_refused() {
    let (mut w, url) = world_with_queue(json!({"MaximumMessageSize": "1024"}));
    let e = w
        .call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": "x".repeat(1025)}),
        )
        .unwrap_err();
    assert_eq!(
        e.message,
        "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes."
    );
    send(&mut w, &url, &"x".repeat(1024));
    let e = w
        .call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": "bad\u{1}"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidMessageContents");
    assert!(e
        .message
        .starts_with("Invalid binary character '#x1' was found in the message body"));
    assert_eq!(
        code(w.call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": ""})
        )),
        "MissingParameter"
    );
    assert_eq!(counts(&mut w, &url), ("1".into(), "0".into()));
}

#[test]
fn the_default_maximum_message_size_is_1_mib() {
    let (mut w, url) = world_with_queue(json!({}));
    send(&mut w, &url, &"x".repeat(1_048_576));
    assert_eq!(
        code(w.call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": "x".repeat(1_048_577)})
        )),
        "InvalidParameterValue"
    );
}
