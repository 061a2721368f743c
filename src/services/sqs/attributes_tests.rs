//! Queue attributes as AWS reads and answers them: booleans in any case, the
//! queue type fixed at creation, FIFO-only settings refused on standard
//! queues, and server-side encryption (SSE-SQS or SSE-KMS, never both).

use super::test_support::world_with_queue;
use crate::api::AwsError;
use crate::{Settings, World};
use serde_json::{json, Value};

fn attributes(w: &mut World, url: &str) -> Value {
    w.call(
        "sqs:GetQueueAttributes",
        json!({"QueueUrl": url, "AttributeNames": ["All"]}),
    )
    .unwrap()["Attributes"]
        .clone()
}

fn set(w: &mut World, url: &str, attributes: Value) -> Result<Value, AwsError> {
    w.call(
        "sqs:SetQueueAttributes",
        json!({"QueueUrl": url, "Attributes": attributes}),
    )
}

#[test]
fn boolean_attributes_are_read_without_regard_to_case() {
    let mut w = World::new(Settings::default());
    let r = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "jobs.fifo", "Attributes": {"FifoQueue": "True", "ContentBasedDeduplication": "TRUE"}}),
        )
        .unwrap();
    let url = r["QueueUrl"].as_str().unwrap().to_string();
    let a = attributes(&mut w, &url);
    assert_eq!(a["FifoQueue"], "true");
    assert_eq!(a["ContentBasedDeduplication"], "true");
    set(&mut w, &url, json!({"ContentBasedDeduplication": "False"})).unwrap();
    assert_eq!(
        attributes(&mut w, &url)["ContentBasedDeduplication"],
        "false"
    );
    // A value that is no boolean at all is refused.
    let e = set(&mut w, &url, json!({"ContentBasedDeduplication": "yes"})).unwrap_err();
    assert_eq!(e.code, "InvalidAttributeValue");
    assert_eq!(
        e.message,
        "Invalid value for the parameter ContentBasedDeduplication."
    );
}

#[test]
fn the_queue_type_is_fixed_at_creation() {
    let mut w = World::new(Settings::default());
    let url = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "jobs.fifo", "Attributes": {"FifoQueue": "true"}}),
        )
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string();
    // Saying again that a FIFO queue is FIFO changes nothing and is accepted.
    set(&mut w, &url, json!({"FifoQueue": "true"})).unwrap();
    // Saying it is not is refused.
    let e = set(&mut w, &url, json!({"FifoQueue": "false"})).unwrap_err();
    assert_eq!(e.code, "InvalidAttributeValue");
    assert_eq!(
        e.message,
        "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported."
    );
    assert_eq!(attributes(&mut w, &url)["FifoQueue"], "true");
    // A standard queue has no FifoQueue attribute to set.
    let (mut w, url) = world_with_queue(json!({}));
    let e = set(&mut w, &url, json!({"FifoQueue": "true"})).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("InvalidAttributeName", "Unknown Attribute FifoQueue.")
    );
}

#[test]
fn high_throughput_settings_on_a_standard_queue_are_refused_in_aws_words() {
    let mut w = World::new(Settings::default());
    for (name, value, message) in [
        (
            "DeduplicationScope",
            "messageGroup",
            "You can specify the DeduplicationScope only when FifoQueue is set to true.",
        ),
        (
            "FifoThroughputLimit",
            "perMessageGroupId",
            "You can specify the FifoThroughputLimit only when FifoQueue is set to true.",
        ),
        (
            "ContentBasedDeduplication",
            "true",
            "Unknown Attribute ContentBasedDeduplication.",
        ),
    ] {
        let e = w
            .call(
                "sqs:CreateQueue",
                json!({"QueueName": "std", "Attributes": {name: value}}),
            )
            .unwrap_err();
        assert_eq!(e.code, "InvalidAttributeName", "{name}");
        assert_eq!(e.message, message);
    }
    assert!(w.sqs().queue("std").is_none());
}

#[test]
fn per_message_group_throughput_needs_message_group_deduplication() {
    let mut w = World::new(Settings::default());
    let e = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "jobs.fifo", "Attributes": {"FifoQueue": "true", "FifoThroughputLimit": "perMessageGroupId"}}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidAttributeValue");
    assert_eq!(
        e.message,
        "Invalid value for the parameter FifoThroughputLimit. Reason: To set FifoThroughputLimit to perMessageGroupId, the DeduplicationScope must be messageGroup."
    );
}

#[test]
fn a_new_queue_is_encrypted_with_sse_sqs_and_reports_no_kms_settings() {
    let (mut w, url) = world_with_queue(json!({}));
    let a = attributes(&mut w, &url);
    assert_eq!(a["SqsManagedSseEnabled"], "true");
    assert!(a.get("KmsMasterKeyId").is_none());
    assert!(a.get("KmsDataKeyReusePeriodSeconds").is_none());
}

#[test]
fn setting_a_kms_key_turns_sse_sqs_off_and_reports_the_reuse_period() {
    let (mut w, url) = world_with_queue(json!({}));
    set(&mut w, &url, json!({"KmsMasterKeyId": "alias/aws/sqs"})).unwrap();
    let a = attributes(&mut w, &url);
    assert_eq!(a["KmsMasterKeyId"], "alias/aws/sqs");
    assert_eq!(a["KmsDataKeyReusePeriodSeconds"], "300");
    assert_eq!(a["SqsManagedSseEnabled"], "false");
    set(
        &mut w,
        &url,
        json!({"KmsDataKeyReusePeriodSeconds": "6000"}),
    )
    .unwrap();
    assert_eq!(
        attributes(&mut w, &url)["KmsDataKeyReusePeriodSeconds"],
        "6000"
    );
    // Turning SSE-SQS back on replaces the KMS key.
    set(&mut w, &url, json!({"SqsManagedSseEnabled": "true"})).unwrap();
    let a = attributes(&mut w, &url);
    assert_eq!(a["SqsManagedSseEnabled"], "true");
    assert!(a.get("KmsMasterKeyId").is_none());
    // And both off: no encryption at all.
    set(&mut w, &url, json!({"SqsManagedSseEnabled": "false"})).unwrap();
    assert_eq!(attributes(&mut w, &url)["SqsManagedSseEnabled"], "false");
    assert_eq!(
        w.sqs()
            .queue("orders")
            .unwrap()
            .attributes
            .encryption
            .describe(),
        "Disabled"
    );
}

#[test]
fn sse_kms_and_sse_sqs_cannot_be_asked_for_at_once() {
    let (mut w, url) = world_with_queue(json!({}));
    let e = set(
        &mut w,
        &url,
        json!({"KmsMasterKeyId": "alias/aws/sqs", "SqsManagedSseEnabled": "true"}),
    )
    .unwrap_err();
    assert_eq!(e.code, "InvalidAttributeName");
    assert_eq!(
        e.message,
        "You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE."
    );
    // Nothing changed.
    assert!(attributes(&mut w, &url).get("KmsMasterKeyId").is_none());
    // At creation too.
    let e = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "both", "Attributes": {"KmsMasterKeyId": "k", "SqsManagedSseEnabled": "true"}}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidAttributeName");
}

#[test]
fn the_kms_data_key_reuse_period_is_one_minute_to_one_day() {
    let (mut w, url) = world_with_queue(json!({}));
    for bad in ["59", "86401", "five"] {
        let e = set(&mut w, &url, json!({"KmsDataKeyReusePeriodSeconds": bad})).unwrap_err();
        assert_eq!(e.code, "InvalidAttributeValue");
        assert_eq!(
            e.message,
            "Invalid value for the parameter KmsDataKeyReusePeriodSeconds."
        );
    }
    for good in ["60", "86400"] {
        set(&mut w, &url, json!({"KmsDataKeyReusePeriodSeconds": good})).unwrap();
    }
}

#[test]
fn create_queue_for_an_existing_name_compares_every_attribute_asked_for() {
    let (mut w, _) = world_with_queue(json!({"ReceiveMessageWaitTimeSeconds": "5"}));
    for (name, value) in [
        ("ReceiveMessageWaitTimeSeconds", "10"),
        ("KmsMasterKeyId", "alias/aws/sqs"),
        ("SqsManagedSseEnabled", "false"),
    ] {
        let e = w
            .call(
                "sqs:CreateQueue",
                json!({"QueueName": "orders", "Attributes": {name: value}}),
            )
            .unwrap_err();
        assert_eq!(e.code, "QueueAlreadyExists");
        assert!(e.message.ends_with(name), "{}", e.message);
    }
    // The same values again answer the existing queue's URL.
    w.call(
        "sqs:CreateQueue",
        json!({"QueueName": "orders", "Attributes": {"ReceiveMessageWaitTimeSeconds": "5", "SqsManagedSseEnabled": "true"}}),
    )
    .unwrap();
}
