//! SQS message attributes, each rule stated as AWS behaves, checked through `World::call`.

use super::test_support::world_with_queue;
use crate::World;
use serde_json::{json, Value};

fn send_with(w: &mut World, url: &str, attributes: Value) -> Result<Value, crate::AwsError> {
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": "body", "MessageAttributes": attributes}),
    )
}

fn refusal(w: &mut World, url: &str, attributes: Value) -> String {
    let e = send_with(w, url, attributes).unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue", "{}", e.message);
    e.message
}

fn receive_with_names(w: &mut World, url: &str, names: Value) -> Value {
    let r = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MessageAttributeNames": names, "VisibilityTimeout": 0}),
        )
        .unwrap();
    r["Messages"][0].clone()
}

fn string(value: &str) -> Value {
    json!({"DataType": "String", "StringValue": value})
}

#[test]
fn md5_of_message_attributes_matches_the_digest_the_aws_sdks_check() {
    // Vectors published with the npm package aws-md5-of-message-attributes.
    let (mut w, url) = world_with_queue(json!({}));
    let cases = [
        (
            json!({"attribName1": string("attribValue 1")}),
            "19e27d4e946b072f3f58da80d94fd778",
        ),
        (
            json!({"customNumberTypeAttrib": {"DataType": "Number.float", "StringValue": "4563442423554324324264524243.32543234"}}),
            "9fe1b90bbd9965bdf77bac517c7d2495",
        ),
        (
            // base64 of "Hello binary world!"
            json!({"binaryAttribute": {"DataType": "Binary", "BinaryValue": "SGVsbG8gYmluYXJ5IHdvcmxkIQ=="}}),
            "31a92b15d92f8db860eda32aceb656c3",
        ),
        (
            json!({
                "binaryAttribute": {"DataType": "Binary", "BinaryValue": "SGVsbG8gYmluYXJ5IHdvcmxkIQ=="},
                "customNumberTypeAttrib": {"DataType": "Number.float", "StringValue": "4563442423554324324264524243.32543234"},
                "attribName1": string("attribValue 1")
            }),
            "c932db14a896c663f83c260297d594ff",
        ),
    ];
    for (attributes, md5) in cases {
        let r = send_with(&mut w, &url, attributes).unwrap();
        assert_eq!(r["MD5OfMessageAttributes"], md5);
        assert_eq!(r["MD5OfMessageBody"], "841a2d689ad86bd1611447453c22c6fc");
    }
}

#[test]
fn send_message_answers_md5_of_message_attributes_only_when_attributes_were_sent() {
    let (mut w, url) = world_with_queue(json!({}));
    let plain = w
        .call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": "body"}),
        )
        .unwrap();
    assert!(plain.get("MD5OfMessageAttributes").is_none());
    assert!(plain.get("MD5OfMessageSystemAttributes").is_none());
    let empty = send_with(&mut w, &url, json!({})).unwrap();
    assert!(empty.get("MD5OfMessageAttributes").is_none());
}

#[test]
fn received_attributes_come_back_as_sent_with_the_same_md5_only_when_asked_for() {
    let (mut w, url) = world_with_queue(json!({}));
    let attributes = json!({
        "attr1": string("test1"),
        "attr2": {"DataType": "Number", "StringValue": "42"},
        "blob": {"DataType": "Binary", "BinaryValue": "AAEC/w=="}
    });
    let sent = send_with(&mut w, &url, attributes.clone()).unwrap();
    let m = receive_with_names(&mut w, &url, json!([]));
    assert!(m.get("MessageAttributes").is_none());
    assert!(m.get("MD5OfMessageAttributes").is_none());
    let plain = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "VisibilityTimeout": 0}),
        )
        .unwrap();
    assert!(plain["Messages"][0].get("MessageAttributes").is_none());
    for names in [json!(["All"]), json!([".*"])] {
        let m = receive_with_names(&mut w, &url, names);
        assert_eq!(m["MessageAttributes"], attributes);
        assert_eq!(m["MD5OfMessageAttributes"], sent["MD5OfMessageAttributes"]);
    }
}

#[test]
fn receive_returns_only_the_named_or_prefixed_attributes_and_digests_those() {
    let (mut w, url) = world_with_queue(json!({}));
    send_with(
        &mut w,
        &url,
        json!({"order.id": string("7"), "order.kind": string("book"), "orderly": string("x"), "trace": string("t")}),
    )
    .unwrap();
    // "order.*" asks for every name that starts with "order".
    let m = receive_with_names(&mut w, &url, json!(["order.*"]));
    assert_eq!(
        m["MessageAttributes"],
        json!({"order.id": string("7"), "order.kind": string("book"), "orderly": string("x")})
    );
    let only = send_with(
        &mut w,
        &url,
        json!({"order.id": string("7"), "order.kind": string("book"), "orderly": string("x")}),
    )
    .unwrap();
    assert_eq!(m["MD5OfMessageAttributes"], only["MD5OfMessageAttributes"]);
    let m = receive_with_names(&mut w, &url, json!(["order.k.*"]));
    assert_eq!(
        m["MessageAttributes"],
        json!({"order.kind": string("book")})
    );

    let m = receive_with_names(&mut w, &url, json!(["trace", "missing"]));
    assert_eq!(m["MessageAttributes"], json!({"trace": string("t")}));
    // Names are case-sensitive. When none matches, AWS answers an empty map and no digest.
    let m = receive_with_names(&mut w, &url, json!(["Trace", "nothing.*"]));
    assert_eq!(m["MessageAttributes"], json!({}));
    assert!(m.get("MD5OfMessageAttributes").is_none(), "{m}");
    // "*", like "All" and ".*", asks for every attribute.
    for every in ["*", "All", ".*"] {
        let m = receive_with_names(&mut w, &url, json!([every]));
        assert_eq!(
            m["MessageAttributes"].as_object().unwrap().len(),
            4,
            "{every}"
        );
    }
}

#[test]
fn a_message_takes_at_most_ten_attributes() {
    let (mut w, url) = world_with_queue(json!({}));
    let mut attributes = serde_json::Map::new();
    for i in 0..10 {
        attributes.insert(format!("a{i}"), string("v"));
    }
    send_with(&mut w, &url, Value::Object(attributes.clone())).unwrap();
    attributes.insert("a10".into(), string("v"));
    assert_eq!(
        refusal(&mut w, &url, Value::Object(attributes)),
        "Number of message attributes [11] exceeds the allowed maximum [10]."
    );
}

#[test]
fn attribute_names_are_alphanumerics_underscores_hyphens_and_periods_up_to_256() {
    let (mut w, url) = world_with_queue(json!({}));
    for ok in [
        "Foo_Bar-1.2",
        "AWSfoo",
        "amazonfoo",
        "aws-foo",
        "attr.1øßä",
        &"a".repeat(256),
    ] {
        send_with(&mut w, &url, json!({ ok: string("v") })).unwrap();
    }
    let chars = "Message (user) attributes name can only contain upper and lower score characters, digits, periods, hyphens and underscores. ";
    for bad in ["trace id", "trace@id", "a!", "x:y"] {
        assert_eq!(refusal(&mut w, &url, json!({ bad: string("v") })), chars);
    }
    assert_eq!(
        refusal(&mut w, &url, json!({ "a".repeat(257): string("v") })),
        "Message (user) attribute names must be shorter than 256 Bytes"
    );
}

#[test]
fn attribute_names_may_not_start_with_aws_or_amazon_in_any_case_nor_misuse_periods() {
    let (mut w, url) = world_with_queue(json!({}));
    let reserved = "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use. Additionally, they cannot start or end with '.'.";
    for bad in [
        "AWS.trace",
        "aWs.trace",
        "Amazon.x",
        "AMAZON.x",
        ".lead",
        "trail.",
    ] {
        assert_eq!(refusal(&mut w, &url, json!({ bad: string("v") })), reserved);
    }
    assert!(refusal(&mut w, &url, json!({"a..b": string("v")})).contains("successive '.'"));
}

#[test]
fn data_types_are_string_number_or_binary_with_an_optional_custom_label() {
    let (mut w, url) = world_with_queue(json!({}));
    for (data_type, field, value) in [
        ("String.json", "StringValue", "{}"),
        ("Number.java.lang.Long", "StringValue", "1"),
        ("Binary.gif", "BinaryValue", "R0lG"),
    ] {
        send_with(
            &mut w,
            &url,
            json!({"a": {"DataType": data_type, field: value}}),
        )
        .unwrap();
    }
    for bad in ["string", "Str", "Strings", "int"] {
        assert_eq!(
            refusal(&mut w, &url, json!({"attr": {"DataType": bad, "StringValue": "v"}})),
            "The type of message (user) attribute 'attr' is invalid. You must use only the following supported type prefixes: Binary, Number, String."
        );
    }
    let long = format!("String.{}", "a".repeat(250));
    assert_eq!(
        refusal(
            &mut w,
            &url,
            json!({"attr": {"DataType": long, "StringValue": "v"}})
        ),
        "Message (user) attribute types must be shorter than 256 Bytes"
    );
    send_with(
        &mut w,
        &url,
        json!({"attr": {"DataType": format!("String.{}", "a".repeat(249)), "StringValue": "v"}}),
    )
    .unwrap();
}

#[test]
fn an_attribute_value_is_required_and_not_empty() {
    let (mut w, url) = world_with_queue(json!({}));
    assert_eq!(
        refusal(&mut w, &url, json!({"ErrorDetails": string("")})),
        "Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'."
    );
    assert_eq!(
        refusal(&mut w, &url, json!({"b": {"DataType": "Binary"}})),
        "Message (user) attribute 'b' must contain a non-empty value of type 'Binary'."
    );
    assert_eq!(
        refusal(
            &mut w,
            &url,
            json!({"b": {"DataType": "Binary", "BinaryValue": ""}})
        ),
        "Message (user) attribute 'b' must contain a non-empty value of type 'Binary'."
    );
    let e = send_with(&mut w, &url, json!({"a": {"StringValue": "v"}})).unwrap_err();
    assert_eq!(e.code, "ParamValidationError");
    assert!(e.message.contains("MessageAttributes.a"), "{}", e.message);
}

#[test]
fn a_number_attribute_must_be_a_decimal_between_ten_to_the_minus_128_and_ten_to_the_126() {
    let (mut w, url) = world_with_queue(json!({}));
    let max = format!("1{}", "0".repeat(126));
    let tiny = format!("0.{}1", "0".repeat(127));
    for ok in [
        "42", "-42", "+42", "3.14", "007", "42.", ".5", "1e5", "1.5E-10", "0", &max, &tiny,
    ] {
        send_with(
            &mut w,
            &url,
            json!({"Age": {"DataType": "Number", "StringValue": ok}}),
        )
        .unwrap_or_else(|e| panic!("{ok}: {}", e.message));
    }
    for bad in [
        "Hello", "-", ".", "1.2.3", "42abc", "4 2", "1,000", "0x1f", "1e", "NaN",
    ] {
        assert_eq!(
            refusal(
                &mut w,
                &url,
                json!({"Age": {"DataType": "Number", "StringValue": bad}})
            ),
            "Can't cast the value of message (user) attribute 'Age' to a number."
        );
    }
    let over = format!("2{}", "0".repeat(126));
    let under = format!("0.{}1", "0".repeat(128));
    for bad in [over.as_str(), under.as_str(), "1e999999999999999999999"] {
        assert!(
            refusal(
                &mut w,
                &url,
                json!({"n": {"DataType": "Number.int", "StringValue": bad}})
            )
            .contains("out of range"),
            "{bad}"
        );
    }
}

#[test]
fn string_attribute_values_follow_the_body_character_rules() {
    let (mut w, url) = world_with_queue(json!({}));
    let m = refusal(&mut w, &url, json!({"a": string("bad\u{8}")}));
    assert!(m.starts_with("Invalid binary character '#x8'"), "{m}");
}

#[test]
fn attribute_names_types_and_values_count_toward_the_maximum_message_size() {
    let (mut w, url) = world_with_queue(json!({"MaximumMessageSize": "1024"}));
    // body 1016 + name 1 + "String" 6 + value 1 = 1024: exactly the limit.
    let body = "x".repeat(1016);
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": body, "MessageAttributes": {"k": string("v")}}),
    )
    .unwrap();
    let e = w
        .call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": body, "MessageAttributes": {"k": string("vv")}}),
        )
        .unwrap_err();
    assert_eq!(
        e.message,
        "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes."
    );
    // Binary values count decoded: 4 bytes, not the 8 base64 characters.
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": "x".repeat(1024 - 1 - 6 - 4), "MessageAttributes": {"k": {"DataType": "Binary", "BinaryValue": "AAECAw=="}}}),
    )
    .unwrap();
    // System attributes do not count.
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": "x".repeat(1024), "MessageSystemAttributes": {"AWSTraceHeader": string("Root=1-5759e988-bd862e3fe1be46a994272793")}}),
    )
    .unwrap();
}

#[test]
fn aws_trace_header_is_the_one_message_system_attribute_and_receive_returns_it_when_asked() {
    let (mut w, url) = world_with_queue(json!({}));
    let header = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    let sent = w
        .call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": "body", "MessageSystemAttributes": {"AWSTraceHeader": string(header)}}),
        )
        .unwrap();
    assert_eq!(
        sent["MD5OfMessageSystemAttributes"],
        "5ae4d5d7636402d80f4eb6d213245a88"
    );
    assert!(sent.get("MD5OfMessageAttributes").is_none());
    for names in [json!(["All"]), json!(["AWSTraceHeader"])] {
        let r = w
            .call(
                "sqs:ReceiveMessage",
                json!({"QueueUrl": url, "MessageSystemAttributeNames": names, "VisibilityTimeout": 0}),
            )
            .unwrap();
        assert_eq!(r["Messages"][0]["Attributes"]["AWSTraceHeader"], header);
    }
    let r = w
        .call(
            "sqs:ReceiveMessage",
            json!({"QueueUrl": url, "MessageSystemAttributeNames": ["SentTimestamp"]}),
        )
        .unwrap();
    assert!(r["Messages"][0]["Attributes"]
        .get("AWSTraceHeader")
        .is_none());
    let e = w
        .call(
            "sqs:SendMessage",
            json!({"QueueUrl": url, "MessageBody": "b", "MessageSystemAttributes": {"SenderId": string("x")}}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue");
}

#[test]
fn a_batch_entry_with_a_bad_attribute_fails_alone_and_good_entries_answer_their_md5() {
    let (mut w, url) = world_with_queue(json!({}));
    let r = w
        .call(
            "sqs:SendMessageBatch",
            json!({"QueueUrl": url, "Entries": [
                {"Id": "good", "MessageBody": "body", "MessageAttributes": {"attribName1": string("attribValue 1")}},
                {"Id": "bad", "MessageBody": "body", "MessageAttributes": {"AWS.trace": string("v")}}
            ]}),
        )
        .unwrap();
    assert_eq!(
        r["Successful"][0]["MD5OfMessageAttributes"],
        "19e27d4e946b072f3f58da80d94fd778"
    );
    assert_eq!(r["Failed"][0]["Id"], "bad");
    assert_eq!(r["Failed"][0]["Code"], "InvalidParameterValue");
}

#[test]
fn a_refused_attribute_enqueues_nothing() {
    let (mut w, url) = world_with_queue(json!({}));
    refusal(
        &mut w,
        &url,
        json!({"ok": string("v"), "AWS.x": string("v")}),
    );
    let r = w
        .call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": ["ApproximateNumberOfMessages"]}),
        )
        .unwrap();
    assert_eq!(r["Attributes"]["ApproximateNumberOfMessages"], "0");
}
