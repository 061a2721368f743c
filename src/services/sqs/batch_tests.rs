//! SQS batch rules, each stated as AWS behaves, checked through `World::call`.

use super::test_support::{counts, world_with_queue};
use crate::sim::SECOND;
use crate::{AwsError, World};
use serde_json::{json, Value};

fn send_batch(w: &mut World, url: &str, entries: Value) -> Result<Value, AwsError> {
    w.call(
        "sqs:SendMessageBatch",
        json!({"QueueUrl": url, "Entries": entries}),
    )
}

fn receive(w: &mut World, url: &str) -> Vec<Value> {
    let r = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": 10}),
        )
        .unwrap();
    r.get("Messages")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn entries(n: usize) -> Value {
    (0..n)
        .map(|i| json!({"Id": format!("m{i}"), "MessageBody": format!("body {i}")}))
        .collect()
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .map(|l| l.iter().map(|e| e["Id"].as_str().unwrap()).collect())
        .unwrap_or_default()
}

#[test]
fn a_send_batch_reports_each_entry_with_its_message_id_and_body_md5_and_no_failed_list() {
    let (mut w, url) = world_with_queue(json!({}));
    let r = send_batch(
        &mut w,
        &url,
        json!([{"Id": "first", "MessageBody": "hello"}, {"Id": "second", "MessageBody": "world"}]),
    )
    .unwrap();
    assert_eq!(ids(&r["Successful"]), ["first", "second"]);
    let first = &r["Successful"][0];
    assert_eq!(
        first["MD5OfMessageBody"],
        "5d41402abc4b2a76b9719d911017c592"
    );
    assert_eq!(first["MessageId"].as_str().unwrap().len(), 36);
    assert!(r.get("Failed").is_none(), "AWS omits an empty Failed list");
    let bodies: Vec<Value> = receive(&mut w, &url)
        .iter()
        .map(|m| m["Body"].clone())
        .collect();
    assert_eq!(bodies, [json!("hello"), json!("world")]);
}

#[test]
fn one_bad_entry_fails_alone_and_the_rest_are_sent() {
    let (mut w, url) = world_with_queue(json!({}));
    let r = send_batch(
        &mut w,
        &url,
        json!([
            {"Id": "a", "MessageBody": "fine"},
            {"Id": "b", "MessageBody": "bad \u{1} char"},
            {"Id": "c", "MessageBody": "also fine"}
        ]),
    )
    .unwrap();
    assert_eq!(ids(&r["Successful"]), ["a", "c"]);
    let failed = &r["Failed"][0];
    assert_eq!(failed["Id"], "b");
    assert_eq!(failed["SenderFault"], true);
    assert_eq!(failed["Code"], "InvalidMessageContents");
    assert!(failed["Message"]
        .as_str()
        .unwrap()
        .starts_with("Invalid binary character '#x1'"));
    assert_eq!(counts(&mut w, &url), ("2".into(), "0".into()));
}

#[test]
fn a_failed_entry_carries_the_code_and_message_the_single_send_would_give() {
    let (mut w, url) = world_with_queue(json!({}));
    let attributes = json!({"AWS.kind": {"DataType": "String", "StringValue": "x"}});
    let single = w
        .call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": "m", "MessageAttributes": attributes}),
        )
        .unwrap_err();
    let r = send_batch(
        &mut w,
        &url,
        json!([{"Id": "with-attributes", "MessageBody": "m", "MessageAttributes": attributes}]),
    )
    .unwrap();
    assert!(
        r.get("Successful").is_none(),
        "AWS omits an empty Successful list"
    );
    let failed = &r["Failed"][0];
    assert_eq!(failed["Code"], single.code.as_str());
    assert_eq!(failed["Message"], single.message.as_str());
    assert_eq!(failed["SenderFault"], single.sender_fault);
}

#[test]
fn a_batch_with_no_entries_is_refused_whole_naming_the_entry_type() {
    let (mut w, url) = world_with_queue(json!({}));
    for (action, entry_type) in [
        ("sqs:SendMessageBatch", "SendMessageBatchRequestEntry"),
        ("sqs:DeleteMessageBatch", "DeleteMessageBatchRequestEntry"),
        (
            "sqs:ChangeMessageVisibilityBatch",
            "ChangeMessageVisibilityBatchRequestEntry",
        ),
    ] {
        let e = w
            .call(action, json!({"QueueUrl": url, "Entries": []}))
            .unwrap_err();
        assert_eq!(e.code, "AWS.SimpleQueueService.EmptyBatchRequest");
        assert_eq!(e.type_name, "EmptyBatchRequest");
        assert_eq!(
            e.message,
            format!("There should be at least one {entry_type} in the request.")
        );
    }
}

#[test]
fn a_batch_of_eleven_entries_is_refused_whole() {
    let (mut w, url) = world_with_queue(json!({}));
    let e = send_batch(&mut w, &url, entries(11)).unwrap_err();
    assert_eq!(
        e.code,
        "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"
    );
    assert_eq!(
        e.message,
        "Maximum number of entries per request are 10. You have sent 11."
    );
    assert!(e.sender_fault);
    assert_eq!(counts(&mut w, &url), ("0".into(), "0".into()));
    assert_eq!(
        ids(&send_batch(&mut w, &url, entries(10)).unwrap()["Successful"]).len(),
        10
    );
}

#[test]
fn a_repeated_entry_id_refuses_the_whole_batch() {
    let (mut w, url) = world_with_queue(json!({}));
    let e = send_batch(
        &mut w,
        &url,
        json!([
            {"Id": "a", "MessageBody": "1"},
            {"Id": "b", "MessageBody": "2"},
            {"Id": "a", "MessageBody": "3"}
        ]),
    )
    .unwrap_err();
    assert_eq!(e.code, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct");
    assert_eq!(e.message, "Id a repeated.");
    assert_eq!(counts(&mut w, &url), ("0".into(), "0".into()));
}

#[test]
fn an_entry_id_must_be_1_to_80_alphanumerics_hyphens_or_underscores() {
    let (mut w, url) = world_with_queue(json!({}));
    for bad in ["", "has space", "colon:id", "é", &"x".repeat(81)] {
        let e = w
            .call(
                "sqs:DeleteMessageBatch",
                json!({"QueueUrl": url, "Entries": [{"Id": bad, "ReceiptHandle": "h"}]}),
            )
            .unwrap_err();
        assert_eq!(
            e.code, "AWS.SimpleQueueService.InvalidBatchEntryId",
            "{bad:?}"
        );
        assert_eq!(
            e.message,
            "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long."
        );
    }
    let longest = format!("Az09-_{}", "x".repeat(74));
    let r = send_batch(&mut w, &url, json!([{"Id": longest, "MessageBody": "ok"}])).unwrap();
    assert_eq!(ids(&r["Successful"]), [longest.as_str()]);
}

#[test]
fn a_send_batch_over_1_mib_in_total_is_refused_whole_even_when_each_message_fits() {
    let (mut w, url) = world_with_queue(json!({}));
    let body = "a".repeat(600_000);
    let e = send_batch(
        &mut w,
        &url,
        json!([{"Id": "a", "MessageBody": body}, {"Id": "b", "MessageBody": body}]),
    )
    .unwrap_err();
    assert_eq!(e.code, "AWS.SimpleQueueService.BatchRequestTooLong");
    assert_eq!(
        e.message,
        "Batch requests cannot be longer than 1048576 bytes. You have sent 1200000 bytes."
    );
    assert_eq!(counts(&mut w, &url), ("0".into(), "0".into()));
}

#[test]
fn message_attributes_count_toward_the_batch_payload() {
    let (mut w, url) = world_with_queue(json!({}));
    // name 1 + "String" 6 + value 1 = 8 bytes on top of the body.
    let body = "a".repeat(1_048_576 - 8);
    let attributes = json!({"k": {"DataType": "String", "StringValue": "x"}});
    let e = send_batch(
        &mut w,
        &url,
        json!([
            {"Id": "a", "MessageBody": body, "MessageAttributes": attributes},
            {"Id": "b", "MessageBody": "b"}
        ]),
    )
    .unwrap_err();
    assert_eq!(
        e.message,
        "Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes."
    );
}

#[test]
fn the_batch_limit_ignores_the_queue_maximum_message_size_but_each_entry_obeys_it() {
    let (mut w, url) = world_with_queue(json!({"MaximumMessageSize": "1024"}));
    let r = send_batch(
        &mut w,
        &url,
        json!([
            {"Id": "a", "MessageBody": "a".repeat(1000)},
            {"Id": "b", "MessageBody": "b".repeat(1000)},
            {"Id": "c", "MessageBody": "c".repeat(1025)}
        ]),
    )
    .unwrap();
    assert_eq!(ids(&r["Successful"]), ["a", "b"]);
    assert_eq!(r["Failed"][0]["Code"], "InvalidParameterValue");
    assert_eq!(
        r["Failed"][0]["Message"],
        "One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes."
    );
}

#[test]
fn a_batch_to_a_missing_queue_fails_whole_with_queue_does_not_exist_before_any_entry_check() {
    let (mut w, url) = world_with_queue(json!({}));
    let missing = url.replace("orders", "payments");
    for action in [
        "sqs:SendMessageBatch",
        "sqs:DeleteMessageBatch",
        "sqs:ChangeMessageVisibilityBatch",
    ] {
        let e = w
            .call(action, json!({"QueueUrl": missing, "Entries": []}))
            .unwrap_err();
        assert_eq!(
            e.code, "AWS.SimpleQueueService.NonExistentQueue",
            "{action}"
        );
    }
}

#[test]
fn an_entry_without_an_id_is_refused_before_sending_as_the_sdks_do() {
    let (mut w, url) = world_with_queue(json!({}));
    let e = send_batch(&mut w, &url, json!([{"MessageBody": "no id"}])).unwrap_err();
    assert_eq!(e.code, "ParamValidationError");
    assert!(e.message.contains("Entries[0].Id"), "{}", e.message);
}

#[test]
fn delete_message_batch_deletes_each_receipt_and_reports_an_invalid_handle_per_entry() {
    let (mut w, url) = world_with_queue(json!({}));
    send_batch(&mut w, &url, entries(3)).unwrap();
    let received = receive(&mut w, &url);
    assert_eq!(received.len(), 3);
    let r = w
        .call(
            "sqs:DeleteMessageBatch",
            json!({"QueueUrl": url, "Entries": [
                {"Id": "x", "ReceiptHandle": received[0]["ReceiptHandle"]},
                {"Id": "bogus", "ReceiptHandle": "not-a-handle"},
                {"Id": "y", "ReceiptHandle": received[2]["ReceiptHandle"]}
            ]}),
        )
        .unwrap();
    assert_eq!(ids(&r["Successful"]), ["x", "y"]);
    assert_eq!(r["Successful"][0], json!({"Id": "x"}));
    assert_eq!(
        r["Failed"],
        json!([{
            "Id": "bogus",
            "SenderFault": true,
            "Code": "ReceiptHandleIsInvalid",
            "Message": "The input receipt handle \"not-a-handle\" is not a valid receipt handle."
        }])
    );
    assert_eq!(counts(&mut w, &url), ("0".into(), "1".into()));
}

#[test]
fn delete_message_batch_succeeds_for_a_stale_handle_but_leaves_the_message() {
    let (mut w, url) = world_with_queue(json!({"VisibilityTimeout": "1"}));
    send_batch(&mut w, &url, entries(1)).unwrap();
    let stale = receive(&mut w, &url)[0]["ReceiptHandle"].clone();
    w.advance(SECOND);
    let current = receive(&mut w, &url)[0]["ReceiptHandle"].clone();
    let r = w
        .call(
            "sqs:DeleteMessageBatch",
            json!({"QueueUrl": url, "Entries": [{"Id": "old", "ReceiptHandle": stale}]}),
        )
        .unwrap();
    assert_eq!(r, json!({"Successful": [{"Id": "old"}]}));
    assert_eq!(counts(&mut w, &url), ("0".into(), "1".into()));
    w.call(
        "sqs:DeleteMessageBatch",
        json!({"QueueUrl": url, "Entries": [{"Id": "new", "ReceiptHandle": current}]}),
    )
    .unwrap();
    assert_eq!(counts(&mut w, &url), ("0".into(), "0".into()));
}

#[test]
fn change_message_visibility_batch_sets_each_timeout_and_fails_bad_entries_alone() {
    let (mut w, url) = world_with_queue(json!({}));
    send_batch(&mut w, &url, entries(2)).unwrap();
    let received = receive(&mut w, &url);
    let r = w
        .call(
            "sqs:ChangeMessageVisibilityBatch",
            json!({"QueueUrl": url, "Entries": [
                {"Id": "later", "ReceiptHandle": received[0]["ReceiptHandle"], "VisibilityTimeout": 60},
                {"Id": "now", "ReceiptHandle": received[1]["ReceiptHandle"], "VisibilityTimeout": 0},
                {"Id": "bogus", "ReceiptHandle": "not-a-handle", "VisibilityTimeout": 10},
                {"Id": "too-long", "ReceiptHandle": received[0]["ReceiptHandle"], "VisibilityTimeout": 43201}
            ]}),
        )
        .unwrap();
    assert_eq!(ids(&r["Successful"]), ["later", "now"]);
    assert_eq!(ids(&r["Failed"]), ["bogus", "too-long"]);
    assert_eq!(r["Failed"][0]["Code"], "ReceiptHandleIsInvalid");
    assert_eq!(r["Failed"][1]["Code"], "InvalidParameterValue");
    assert_eq!(
        r["Failed"][1]["Message"],
        "Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided."
    );
    // "now" is visible at once; "later" only 60 s after the change.
    assert_eq!(counts(&mut w, &url), ("1".into(), "1".into()));
    let now = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "VisibilityTimeout": 300}),
        )
        .unwrap();
    assert_eq!(now["Messages"][0]["Body"], "body 1");
    w.advance(60 * SECOND - 1);
    assert!(receive(&mut w, &url).is_empty());
    w.advance(1);
    assert_eq!(receive(&mut w, &url)[0]["Body"], "body 0");
}

#[test]
fn a_visibility_entry_without_a_visibility_timeout_fails_alone_and_changes_nothing() {
    let (mut w, url) = world_with_queue(json!({}));
    send_batch(&mut w, &url, entries(1)).unwrap();
    let handle = receive(&mut w, &url)[0]["ReceiptHandle"].clone();
    let r = w
        .call(
            "sqs:ChangeMessageVisibilityBatch",
            json!({"QueueUrl": url, "Entries": [{"Id": "no-timeout", "ReceiptHandle": handle}]}),
        )
        .unwrap();
    assert_eq!(r["Failed"][0]["Code"], "MissingParameter");
    assert_eq!(counts(&mut w, &url), ("0".into(), "1".into()));
}
