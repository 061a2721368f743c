//! SQS queues as AWS manages them: defaults, CreateQueue's idempotence and
//! validation, queue URLs (also as bare names), ListQueues, name reuse after
//! DeleteQueue, and requests refused before they change anything.

use super::test_support::{code, counts, receive, send, world_with_queue};
use crate::sim::SECOND;
use crate::{Settings, World};
use serde_json::json;

#[test]
fn a_new_standard_queue_reports_aws_defaults() {
    let (mut w, url) = world_with_queue(json!({}));
    let a = w
        .call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": ["All"]}),
        )
        .unwrap()["Attributes"]
        .clone();
    assert_eq!(a["VisibilityTimeout"], "30");
    assert_eq!(a["MaximumMessageSize"], "1048576");
    assert_eq!(a["MessageRetentionPeriod"], "345600");
    assert_eq!(a["DelaySeconds"], "0");
    assert_eq!(a["ReceiveMessageWaitTimeSeconds"], "0");
    assert_eq!(a["SqsManagedSseEnabled"], "true");
    assert_eq!(a["QueueArn"], "arn:aws:sqs:us-east-1:123456789012:orders");
    assert_eq!(a["CreatedTimestamp"], "1767225600");
    // Without AttributeNames, nothing is returned; an attribute the queue lacks is left out.
    assert_eq!(
        w.call("sqs:GetQueueAttributes", json!({"QueueUrl": url}))
            .unwrap(),
        json!({})
    );
    assert_eq!(
        w.call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": ["Policy"]})
        )
        .unwrap(),
        json!({"Attributes": {}})
    );
    assert_eq!(
        code(w.call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": ["Colour"]})
        )),
        "InvalidAttributeName"
    );
}

#[test]
fn create_queue_is_idempotent_for_the_same_attributes_and_refuses_different_ones() {
    let (mut w, url) = world_with_queue(json!({"VisibilityTimeout": "45"}));
    let again = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "orders", "Attributes": {"VisibilityTimeout": "45"}}),
        )
        .unwrap();
    assert_eq!(again["QueueUrl"], url.as_str());
    assert_eq!(
        w.call("sqs:CreateQueue", json!({"QueueName": "orders"}))
            .unwrap()["QueueUrl"],
        url.as_str()
    );
    let e = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "orders", "Attributes": {"VisibilityTimeout": "60"}}),
        )
        .unwrap_err();
    assert_eq!(e.code, "QueueAlreadyExists");
    assert_eq!(e.type_name, "QueueNameExists");
    assert_eq!(e.message, "A queue already exists with the same name and a different value for attribute VisibilityTimeout");
}

#[test]
fn queue_names_and_attribute_values_are_validated() {
    let mut w = World::new(Settings::default());
    for bad in ["", "has space", "dots.not.allowed", &"x".repeat(81)] {
        assert_eq!(
            code(w.call("sqs:CreateQueue", json!({"QueueName": bad}))),
            "InvalidParameterValue",
            "{bad:?}"
        );
    }
    w.call("sqs:CreateQueue", json!({"QueueName": "A-valid_name"}))
        .unwrap();
    let e = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "q", "Attributes": {"VisibilityTimeout": "43201"}}),
        )
        .unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "InvalidAttributeValue",
            "Invalid value for the parameter VisibilityTimeout."
        )
    );
    assert_eq!(
        code(w.call(
            "sqs:CreateQueue",
            json!({"QueueName": "q", "Attributes": {"MaximumMessageSize": "1023"}})
        )),
        "InvalidAttributeValue"
    );
    assert_eq!(
        code(w.call(
            "sqs:CreateQueue",
            json!({"QueueName": "q", "Attributes": {"Colour": "blue"}})
        )),
        "InvalidAttributeName"
    );
    assert_eq!(
        code(w.call(
            "sqs:CreateQueue",
            json!({"QueueName": "q", "Attributes": {"FifoQueue": "false"}})
        )),
        "InvalidAttributeName"
    );
    assert!(
        w.sqs().queue("q").is_none(),
        "a refused CreateQueue creates nothing"
    );
}

#[test]
fn an_unknown_queue_is_queue_does_not_exist_with_the_legacy_code_the_cli_shows() {
    let mut w = World::new(Settings::default());
    let e = w
        .call("sqs:GetQueueUrl", json!({"QueueName": "nope"}))
        .unwrap_err();
    assert_eq!(e.code, "AWS.SimpleQueueService.NonExistentQueue");
    assert_eq!(e.message, "The specified queue does not exist.");
    assert_eq!(
        e.to_json_body(),
        json!({"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "The specified queue does not exist."})
    );
    assert_eq!(
        e.query_error_header(),
        "AWS.SimpleQueueService.NonExistentQueue;Sender"
    );
    let e = w.call("sqs:SendMessage", json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/nope", "MessageBody": "a"})).unwrap_err();
    assert_eq!(e.code, "AWS.SimpleQueueService.NonExistentQueue");
    assert_eq!(
        code(w.call("sqs:DeleteQueue", json!({"QueueUrl": "not a url"}))),
        "AWS.SimpleQueueService.NonExistentQueue"
    );
}

#[test]
fn list_queues_filters_by_prefix_and_pages_with_next_token() {
    let mut w = World::new(Settings::default());
    assert_eq!(w.call("sqs:ListQueues", json!({})).unwrap(), json!({}));
    for name in ["b-orders", "a-orders", "a-payments", "c"] {
        w.call("sqs:CreateQueue", json!({"QueueName": name}))
            .unwrap();
    }
    let all = w.call("sqs:ListQueues", json!({})).unwrap();
    assert_eq!(all["QueueUrls"].as_array().unwrap().len(), 4);
    assert!(all.get("NextToken").is_none());
    let a = w
        .call("sqs:ListQueues", json!({"QueueNamePrefix": "a-"}))
        .unwrap();
    assert_eq!(
        a["QueueUrls"],
        json!([
            "https://sqs.us-east-1.amazonaws.com/123456789012/a-orders",
            "https://sqs.us-east-1.amazonaws.com/123456789012/a-payments"
        ])
    );
    let page1 = w.call("sqs:ListQueues", json!({"MaxResults": 3})).unwrap();
    assert_eq!(page1["QueueUrls"].as_array().unwrap().len(), 3);
    let page2 = w
        .call(
            "sqs:ListQueues",
            json!({"MaxResults": 3, "NextToken": page1["NextToken"]}),
        )
        .unwrap();
    assert_eq!(
        page2["QueueUrls"],
        json!(["https://sqs.us-east-1.amazonaws.com/123456789012/c"])
    );
    assert!(page2.get("NextToken").is_none());
    assert_eq!(
        code(w.call("sqs:ListQueues", json!({"MaxResults": 1001}))),
        "InvalidParameterValue"
    );
}

#[test]
fn a_deleted_queue_name_is_reusable_only_after_60_seconds() {
    let (mut w, url) = world_with_queue(json!({}));
    send(&mut w, &url, "a");
    receive(&mut w, &url);
    w.call("sqs:DeleteQueue", json!({"QueueUrl": url})).unwrap();
    assert_eq!(
        code(w.call("sqs:GetQueueUrl", json!({"QueueName": "orders"}))),
        "AWS.SimpleQueueService.NonExistentQueue"
    );
    w.advance(59 * SECOND);
    let e = w
        .call("sqs:CreateQueue", json!({"QueueName": "orders"}))
        .unwrap_err();
    assert_eq!(e.code, "AWS.SimpleQueueService.QueueDeletedRecently");
    w.advance(SECOND);
    w.call("sqs:CreateQueue", json!({"QueueName": "orders"}))
        .unwrap();
    assert!(
        receive(&mut w, &url).is_empty(),
        "the old queue's messages are gone"
    );
}

#[test]
fn requests_the_sdk_would_refuse_are_param_validation_errors() {
    let (mut w, url) = world_with_queue(json!({}));
    let e = w
        .call("sqs:SendMessage", json!({"QueueUrl": url}))
        .unwrap_err();
    assert_eq!(e.code, "ParamValidationError");
    assert!(e
        .message
        .contains("Missing required parameter in input: \"MessageBody\""));
    let e = w
        .call("sqs:SendMessage", json!({"QueueUrl": url, "Body": "x"}))
        .unwrap_err();
    assert!(
        e.message.contains("Unknown parameter in input: \"Body\""),
        "{}",
        e.message
    );
    assert_eq!(
        code(w.call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": "3"})
        )),
        "ParamValidationError"
    );
}

#[test]
fn an_unknown_action_or_service_names_itself() {
    let mut w = World::new(Settings::default());
    let e = w.call("sqs:SendMessages", json!({})).unwrap_err();
    assert_eq!(e.code, "UnknownOperationException");
    assert!(e.message.contains("sqs:SendMessages"));
    assert!(w
        .call("nosuch:Thing", json!({}))
        .unwrap_err()
        .message
        .contains("nosuch:Thing"));
}

#[test]
fn a_refused_call_changes_nothing() {
    let (mut w, url) = world_with_queue(json!({}));
    send(&mut w, &url, "a");
    let before = (w.trace().len(), counts(&mut w, &url));
    let _ = w.call(
        "sqs:ReceiveMessage",
        json!({"QueueUrl": url, "MaxNumberOfMessages": 11}),
    );
    let _ = w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": "\u{0}"}),
    );
    assert_eq!((w.trace().len(), counts(&mut w, &url)), before);
}

#[test]
fn a_per_message_delay_is_at_most_fifteen_minutes() {
    let (mut w, url) = world_with_queue(json!({}));
    let e = w
        .call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": "a", "DelaySeconds": 901}),
        )
        .unwrap_err();
    assert_eq!(e.message, "Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.");
}

#[test]
fn a_queue_url_may_be_given_as_the_bare_queue_name() {
    let (mut w, _) = world_with_queue(json!({}));
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": "orders", "MessageBody": "by name"}),
    )
    .unwrap();
    let m = receive(&mut w, "orders");
    assert_eq!(m[0]["Body"], "by name");
    let e = w
        .call("sqs:GetQueueAttributes", json!({"QueueUrl": "nope"}))
        .unwrap_err();
    assert_eq!(e.code, "AWS.SimpleQueueService.NonExistentQueue");
}
