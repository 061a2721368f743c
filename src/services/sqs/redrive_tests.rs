//! Dead-letter queues as AWS documents them: RedrivePolicy and
//! RedriveAllowPolicy, the move past maxReceiveCount, and
//! ListDeadLetterSourceQueues.

use crate::sim::{DAY, SECOND};
use crate::{AwsError, Settings, World};
use serde_json::{json, Value};

fn create(w: &mut World, name: &str, attributes: Value) -> Result<String, AwsError> {
    let r = w.call(
        "sqs:CreateQueue",
        json!({"QueueName": name, "Attributes": attributes}),
    )?;
    Ok(r["QueueUrl"].as_str().unwrap().to_string())
}

fn arn(w: &mut World, url: &str) -> String {
    attribute(w, url, "QueueArn").unwrap()
}

fn attribute(w: &mut World, url: &str, name: &str) -> Option<String> {
    let r = w
        .call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": [name]}),
        )
        .unwrap();
    r["Attributes"][name].as_str().map(str::to_string)
}

fn redrive(target_arn: &str, max: Value) -> String {
    json!({"deadLetterTargetArn": target_arn, "maxReceiveCount": max}).to_string()
}

/// A world with a dead-letter queue "orders-dlq" and a source "orders" that names it.
fn world_with_dlq(max: u32) -> (World, String, String) {
    let mut w = World::new(Settings::default());
    let dlq = create(&mut w, "orders-dlq", json!({})).unwrap();
    let dlq_arn = arn(&mut w, &dlq);
    let source = create(
        &mut w,
        "orders",
        json!({"VisibilityTimeout": "30", "RedrivePolicy": redrive(&dlq_arn, json!(max))}),
    )
    .unwrap();
    (w, source, dlq)
}

fn receive(w: &mut World, url: &str) -> Vec<Value> {
    let r = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MaxNumberOfMessages": 10, "MessageSystemAttributeNames": ["All"], "MessageAttributeNames": ["All"]}),
        )
        .unwrap();
    r.get("Messages")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

fn error(r: Result<impl std::fmt::Debug, AwsError>) -> (String, String) {
    let e = r.unwrap_err();
    (e.code, e.message)
}

#[test]
fn a_message_received_max_receive_count_times_moves_to_the_dlq_on_the_next_receive() {
    let (mut w, source, dlq) = world_with_dlq(3);
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": source, "MessageBody": "poison"}),
    )
    .unwrap();
    for n in 1..=3 {
        let got = receive(&mut w, &source);
        assert_eq!(got.len(), 1);
        assert_eq!(
            got[0]["Attributes"]["ApproximateReceiveCount"],
            n.to_string()
        );
        w.advance(31 * SECOND);
    }
    // The fourth receive would exceed maxReceiveCount: the message moves instead.
    assert!(receive(&mut w, &source).is_empty());
    assert_eq!(
        attribute(&mut w, &source, "ApproximateNumberOfMessages").unwrap(),
        "0"
    );
    assert_eq!(
        attribute(&mut w, &dlq, "ApproximateNumberOfMessages").unwrap(),
        "1"
    );
    let moved: Vec<_> = w
        .trace()
        .all()
        .iter()
        .filter(|e| e.kind.name() == "MovedToDeadLetterQueue")
        .collect();
    assert_eq!(moved.len(), 1);
    let got = receive(&mut w, &dlq);
    assert_eq!(got[0]["Body"], "poison");
}

#[test]
fn a_message_deleted_before_max_receive_count_never_moves() {
    let (mut w, source, dlq) = world_with_dlq(1);
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": source, "MessageBody": "fine"}),
    )
    .unwrap();
    let got = receive(&mut w, &source);
    w.call(
        "sqs:DeleteMessage",
        json!({"QueueUrl": source, "ReceiptHandle": got[0]["ReceiptHandle"]}),
    )
    .unwrap();
    w.advance(31 * SECOND);
    assert!(receive(&mut w, &source).is_empty());
    assert!(receive(&mut w, &dlq).is_empty());
}

#[test]
fn a_moved_message_keeps_its_id_and_its_original_retention_clock() {
    let (mut w, source, dlq) = world_with_dlq(1);
    let sent = w
        .call(
            "sqs:SendMessage",
            json!({
                "QueueUrl": source,
                "MessageBody": "poison",
                "MessageAttributes": {"kind": {"DataType": "String", "StringValue": "order"}}
            }),
        )
        .unwrap();
    let sent_at = w.now();
    let first_receive = w.now();
    receive(&mut w, &source);
    // A day in the source queue before the move.
    w.advance(DAY);
    assert!(receive(&mut w, &source).is_empty());
    let source_arn = arn(&mut w, &source);
    let got = receive(&mut w, &dlq);
    assert_eq!(got[0]["MessageId"], sent["MessageId"]);
    assert_eq!(got[0]["Body"], "poison");
    assert_eq!(got[0]["MessageAttributes"]["kind"]["StringValue"], "order");
    assert_eq!(got[0]["Attributes"]["SentTimestamp"], sent_at.to_string());
    assert_eq!(got[0]["Attributes"]["DeadLetterQueueSourceArn"], source_arn);
    // The receive count goes on from the source queue's: one receive there, one here.
    assert_eq!(got[0]["Attributes"]["ApproximateReceiveCount"], "2");
    assert_eq!(
        got[0]["Attributes"]["ApproximateFirstReceiveTimestamp"],
        first_receive.to_string()
    );
    // The DLQ keeps the default 4 days, counted from the original send: 3 days more, not 4.
    let three_days_after_send = sent_at + 4 * DAY;
    w.advance_to(three_days_after_send - 1);
    assert_eq!(
        attribute(&mut w, &dlq, "ApproximateNumberOfMessagesNotVisible").unwrap(),
        "0"
    );
    assert_eq!(receive(&mut w, &dlq).len(), 1);
    w.advance_to(three_days_after_send);
    assert!(receive(&mut w, &dlq).is_empty());
    assert!(w
        .trace()
        .all()
        .iter()
        .any(|e| e.kind.name() == "MessageExpired"));
}

#[test]
fn dead_letter_queue_source_arn_is_returned_only_when_asked_for() {
    let (mut w, source, dlq) = world_with_dlq(1);
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": source, "MessageBody": "x"}),
    )
    .unwrap();
    receive(&mut w, &source);
    w.advance(31 * SECOND);
    receive(&mut w, &source);
    let r = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": dlq, "MessageSystemAttributeNames": ["SentTimestamp"], "VisibilityTimeout": 0}),
        )
        .unwrap();
    assert!(r["Messages"][0]["Attributes"]
        .get("DeadLetterQueueSourceArn")
        .is_none());
    let r = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": dlq, "AttributeNames": ["DeadLetterQueueSourceArn"]}),
        )
        .unwrap();
    assert!(r["Messages"][0]["Attributes"]["DeadLetterQueueSourceArn"]
        .as_str()
        .unwrap()
        .ends_with(":orders"));
}

#[test]
fn the_dlq_must_exist() {
    let mut w = World::new(Settings::default());
    let policy = redrive("arn:aws:sqs:us-east-1:123456789012:missing", json!(3));
    let (code, message) = error(create(&mut w, "orders", json!({ "RedrivePolicy": policy })));
    assert_eq!(code, "InvalidParameterValue");
    assert_eq!(
        message,
        format!("Value {policy} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.")
    );
    // Nothing was created.
    assert!(w
        .call("sqs:GetQueueUrl", json!({"QueueName": "orders"}))
        .is_err());
    // Another account's or region's queue of the same name is not this one.
    create(&mut w, "dlq", json!({})).unwrap();
    let elsewhere = redrive("arn:aws:sqs:eu-west-1:123456789012:dlq", json!(3));
    assert_eq!(
        error(create(
            &mut w,
            "orders",
            json!({ "RedrivePolicy": elsewhere })
        ))
        .0,
        "InvalidParameterValue"
    );
}

#[test]
fn max_receive_count_must_be_1_to_1000() {
    let mut w = World::new(Settings::default());
    let dlq = create(&mut w, "dlq", json!({})).unwrap();
    let dlq_arn = arn(&mut w, &dlq);
    for bad in [json!(0), json!(1001), json!("0"), json!("ten"), json!(-3)] {
        let policy = redrive(&dlq_arn, bad.clone());
        let shown = bad.as_str().map_or(bad.to_string(), str::to_string);
        assert_eq!(
            error(create(&mut w, "orders", json!({ "RedrivePolicy": policy }))),
            (
                "InvalidParameterValue".to_string(),
                format!("Value {policy} for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: {shown}, valid values are from 1 to 1000 both inclusive.")
            )
        );
    }
    // A number or a numeric string, and GetQueueAttributes gives it back as a number.
    for (i, good) in [json!(1), json!(1000), json!("5")].into_iter().enumerate() {
        let url = create(
            &mut w,
            &format!("ok-{i}"),
            json!({ "RedrivePolicy": redrive(&dlq_arn, good) }),
        )
        .unwrap();
        let got = attribute(&mut w, &url, "RedrivePolicy").unwrap();
        let parsed: Value = serde_json::from_str(&got).unwrap();
        assert!(parsed["maxReceiveCount"].is_u64());
        assert!(got.starts_with("{\"deadLetterTargetArn\":"));
    }
}

#[test]
fn a_redrive_policy_must_name_both_members_and_nothing_else() {
    let mut w = World::new(Settings::default());
    let dlq = create(&mut w, "dlq", json!({})).unwrap();
    let dlq_arn = arn(&mut w, &dlq);
    let cases = [
        ("{}".to_string(), "Value {} for parameter RedrivePolicy is invalid. Reason: Redrive policy does not contain mandatory attribute: maxReceiveCount.".to_string()),
        (
            json!({"maxReceiveCount": 3}).to_string(),
            "Value {\"maxReceiveCount\":3} for parameter RedrivePolicy is invalid. Reason: Redrive policy does not contain mandatory attribute: deadLetterTargetArn.".to_string(),
        ),
        ("not json".to_string(), "Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON map.".to_string()),
        (
            "{\"deadLetterTargetArn\": \"dummy\", \"maxReceiveCount\": 42}".to_string(),
            "Value {\"deadLetterTargetArn\": \"dummy\", \"maxReceiveCount\": 42} for parameter RedrivePolicy is invalid. Reason: Invalid value for deadLetterTargetArn.".to_string(),
        ),
    ];
    for (policy, message) in cases {
        assert_eq!(
            error(create(&mut w, "orders", json!({ "RedrivePolicy": policy }))),
            ("InvalidParameterValue".to_string(), message)
        );
    }
    let extra = json!({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 3, "x": 1}).to_string();
    assert!(
        error(create(&mut w, "orders", json!({ "RedrivePolicy": extra })))
            .1
            .ends_with(
                "Only following attributes are supported: [deadLetterTargetArn, maxReceiveCount]."
            )
    );
}

#[test]
fn get_queue_attributes_returns_the_redrive_policy_and_an_empty_string_removes_it() {
    let (mut w, source, dlq) = world_with_dlq(3);
    let dlq_arn = arn(&mut w, &dlq);
    assert_eq!(
        attribute(&mut w, &source, "RedrivePolicy").unwrap(),
        format!("{{\"deadLetterTargetArn\":\"{dlq_arn}\",\"maxReceiveCount\":3}}")
    );
    let all = w
        .call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": source, "AttributeNames": ["All"]}),
        )
        .unwrap();
    assert!(all["Attributes"].get("RedrivePolicy").is_some());
    // A queue without one does not return it at all.
    assert_eq!(attribute(&mut w, &dlq, "RedrivePolicy"), None);
    w.call(
        "sqs:SetQueueAttributes",
        json!({"QueueUrl": source, "Attributes": {"RedrivePolicy": ""}}),
    )
    .unwrap();
    assert_eq!(attribute(&mut w, &source, "RedrivePolicy"), None);
}

#[test]
fn set_queue_attributes_validates_the_target_and_a_refusal_changes_nothing() {
    let (mut w, source, _dlq) = world_with_dlq(3);
    let before = attribute(&mut w, &source, "RedrivePolicy").unwrap();
    let missing = redrive("arn:aws:sqs:us-east-1:123456789012:nope", json!(2));
    assert_eq!(
        error(w.call(
            "sqs:SetQueueAttributes",
            json!({"QueueUrl": source, "Attributes": {"RedrivePolicy": missing, "VisibilityTimeout": "5"}}),
        ))
        .0,
        "InvalidParameterValue"
    );
    assert_eq!(attribute(&mut w, &source, "RedrivePolicy").unwrap(), before);
    assert_eq!(
        attribute(&mut w, &source, "VisibilityTimeout").unwrap(),
        "30"
    );
}

#[test]
fn deny_all_redrive_allow_policy_refuses_the_source() {
    let mut w = World::new(Settings::default());
    let dlq = create(
        &mut w,
        "dlq",
        json!({"RedriveAllowPolicy": "{\"redrivePermission\":\"denyAll\"}"}),
    )
    .unwrap();
    let dlq_arn = arn(&mut w, &dlq);
    let (code, _) = error(create(
        &mut w,
        "orders",
        json!({"RedrivePolicy": redrive(&dlq_arn, json!(3))}),
    ));
    assert_eq!(code, "InvalidParameterValue");
    assert_eq!(
        attribute(&mut w, &dlq, "RedriveAllowPolicy").unwrap(),
        "{\"redrivePermission\":\"denyAll\"}"
    );
}

#[test]
fn a_by_queue_redrive_allow_policy_admits_only_the_queues_it_names() {
    let mut w = World::new(Settings::default());
    let allowed = "arn:aws:sqs:us-east-1:123456789012:orders";
    let policy = json!({"redrivePermission": "byQueue", "sourceQueueArns": [allowed]}).to_string();
    let dlq = create(&mut w, "dlq", json!({ "RedriveAllowPolicy": policy })).unwrap();
    let dlq_arn = arn(&mut w, &dlq);
    create(
        &mut w,
        "orders",
        json!({"RedrivePolicy": redrive(&dlq_arn, json!(3))}),
    )
    .unwrap();
    assert_eq!(
        error(create(
            &mut w,
            "payments",
            json!({"RedrivePolicy": redrive(&dlq_arn, json!(3))}),
        ))
        .0,
        "InvalidParameterValue"
    );
    assert_eq!(
        attribute(&mut w, &dlq, "RedriveAllowPolicy").unwrap(),
        policy
    );
}

#[test]
fn a_redrive_allow_policy_is_validated() {
    let mut w = World::new(Settings::default());
    let eleven: Vec<String> = (0..11)
        .map(|i| format!("arn:aws:sqs:us-east-1:123456789012:q{i}"))
        .collect();
    let cases = [
        (json!({"redrivePermission": "byQueue"}).to_string(), "When you specify the byQueue permission type, you must also specify one or more sourceQueueArns values."),
        (json!({"redrivePermission": "byQueue", "sourceQueueArns": eleven}).to_string(), "The maximum number of source queue ARNs you can specify is 10."),
        (json!({"redrivePermission": "allowAll", "sourceQueueArns": ["arn:aws:sqs:us-east-1:123456789012:q"]}).to_string(), "To specify one or more source queue ARNs, you must set redrivePermission to byQueue."),
        (json!({"redrivePermission": "everyone"}).to_string(), "as it\u{2019}s in an unsupported format."),
    ];
    for (policy, reason) in cases {
        let (code, message) = error(create(
            &mut w,
            "dlq",
            json!({ "RedriveAllowPolicy": policy }),
        ));
        assert_eq!(code, "InvalidParameterValue");
        assert!(message.ends_with(reason), "{message}");
    }
}

#[test]
fn list_dead_letter_source_queues_names_each_source() {
    let mut w = World::new(Settings::default());
    let dlq = create(&mut w, "dlq", json!({})).unwrap();
    let other = create(&mut w, "other-dlq", json!({})).unwrap();
    let dlq_arn = arn(&mut w, &dlq);
    let other_arn = arn(&mut w, &other);
    let mut urls = Vec::new();
    for name in ["c-orders", "a-orders", "b-orders"] {
        urls.push(
            create(
                &mut w,
                name,
                json!({"RedrivePolicy": redrive(&dlq_arn, json!(2))}),
            )
            .unwrap(),
        );
    }
    create(
        &mut w,
        "elsewhere",
        json!({"RedrivePolicy": redrive(&other_arn, json!(2))}),
    )
    .unwrap();
    urls.sort();
    let r = w
        .call("sqs:ListDeadLetterSourceQueues", json!({"QueueUrl": dlq}))
        .unwrap();
    assert_eq!(r, json!({ "queueUrls": urls }));
    // Paged with MaxResults and NextToken, like ListQueues.
    let first = w
        .call(
            "sqs:ListDeadLetterSourceQueues",
            json!({"QueueUrl": dlq, "MaxResults": 2}),
        )
        .unwrap();
    assert_eq!(first["queueUrls"], json!(urls[..2]));
    let rest = w
        .call(
            "sqs:ListDeadLetterSourceQueues",
            json!({"QueueUrl": dlq, "MaxResults": 2, "NextToken": first["NextToken"]}),
        )
        .unwrap();
    assert_eq!(rest, json!({ "queueUrls": [urls[2]] }));
    // A queue no one names still answers, with an empty list.
    let none = create(&mut w, "lonely", json!({})).unwrap();
    assert_eq!(
        w.call("sqs:ListDeadLetterSourceQueues", json!({"QueueUrl": none}))
            .unwrap(),
        json!({ "queueUrls": [] })
    );
    assert_eq!(
        error(w.call(
            "sqs:ListDeadLetterSourceQueues",
            json!({"QueueUrl": dlq, "MaxResults": 0}),
        ))
        .0,
        "InvalidParameterValue"
    );
}

#[test]
fn with_its_dlq_deleted_a_source_keeps_its_messages() {
    let (mut w, source, dlq) = world_with_dlq(1);
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": source, "MessageBody": "x"}),
    )
    .unwrap();
    receive(&mut w, &source);
    w.call("sqs:DeleteQueue", json!({"QueueUrl": dlq})).unwrap();
    w.advance(31 * SECOND);
    assert_eq!(receive(&mut w, &source).len(), 1);
}

#[test]
fn create_queue_with_the_same_name_and_a_different_redrive_policy_is_refused() {
    let (mut w, _source, dlq) = world_with_dlq(3);
    let dlq_arn = arn(&mut w, &dlq);
    assert_eq!(
        error(create(
            &mut w,
            "orders",
            json!({"VisibilityTimeout": "30", "RedrivePolicy": redrive(&dlq_arn, json!(4))}),
        ))
        .0,
        "QueueAlreadyExists"
    );
    assert!(create(
        &mut w,
        "orders",
        json!({"VisibilityTimeout": "30", "RedrivePolicy": redrive(&dlq_arn, json!("3"))}),
    )
    .is_ok());
}
