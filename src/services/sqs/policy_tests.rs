//! Queue access policies: the Policy attribute, AddPermission and
//! RemovePermission as SQS writes them, and what a policy allows.

use super::policy::{Decision, QueuePolicy, Requester};
use super::test_support::world_with_queue;
use crate::api::AwsError;
use crate::World;
use serde_json::{json, Value};

const ARN: &str = "arn:aws:sqs:us-east-1:123456789012:orders";

fn policy(w: &mut World, url: &str) -> Option<Value> {
    let r = w
        .call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": ["Policy"]}),
        )
        .unwrap();
    r["Attributes"]["Policy"]
        .as_str()
        .map(|p| serde_json::from_str(p).unwrap())
}

fn add(
    w: &mut World,
    url: &str,
    label: &str,
    accounts: Value,
    actions: Value,
) -> Result<Value, AwsError> {
    w.call(
        "sqs:AddPermission",
        json!({"QueueUrl": url, "Label": label, "AWSAccountIds": accounts, "Actions": actions}),
    )
}

#[test]
fn add_permission_writes_the_default_policy_with_one_statement_per_label() {
    let (mut w, url) = world_with_queue(json!({}));
    assert_eq!(policy(&mut w, &url), None, "no policy until one is written");
    add(
        &mut w,
        &url,
        "send",
        json!(["111122223333"]),
        json!(["SendMessage"]),
    )
    .unwrap();
    let text = w
        .sqs()
        .queue("orders")
        .unwrap()
        .attributes
        .policy
        .as_ref()
        .unwrap()
        .text()
        .to_string();
    // SQS writes its members in this order, the statements always as a list.
    assert_eq!(
        text,
        format!("{{\"Version\":\"2008-10-17\",\"Id\":\"{ARN}/SQSDefaultPolicy\",\"Statement\":[{{\"Sid\":\"send\",\"Effect\":\"Allow\",\"Principal\":{{\"AWS\":\"arn:aws:iam::111122223333:root\"}},\"Action\":\"SQS:SendMessage\",\"Resource\":\"{ARN}\"}}]}}")
    );
    // Several accounts or actions are lists.
    add(
        &mut w,
        &url,
        "read",
        json!(["111122223333", "444455556666"]),
        json!(["ReceiveMessage", "DeleteMessage"]),
    )
    .unwrap();
    let p = policy(&mut w, &url).unwrap();
    let statements = p["Statement"].as_array().unwrap();
    assert_eq!(statements.len(), 2);
    assert_eq!(statements[1]["Sid"], "read");
    assert_eq!(
        statements[1]["Principal"]["AWS"],
        json!([
            "arn:aws:iam::111122223333:root",
            "arn:aws:iam::444455556666:root"
        ])
    );
    assert_eq!(
        statements[1]["Action"],
        json!(["SQS:ReceiveMessage", "SQS:DeleteMessage"])
    );
}

#[test]
fn remove_permission_drops_its_statement_and_the_policy_with_the_last_one() {
    let (mut w, url) = world_with_queue(json!({}));
    add(
        &mut w,
        &url,
        "a",
        json!(["111122223333"]),
        json!(["SendMessage"]),
    )
    .unwrap();
    add(&mut w, &url, "b", json!(["111122223333"]), json!(["*"])).unwrap();
    w.call(
        "sqs:RemovePermission",
        json!({"QueueUrl": url, "Label": "a"}),
    )
    .unwrap();
    let p = policy(&mut w, &url).unwrap();
    assert_eq!(p["Statement"].as_array().unwrap().len(), 1);
    assert_eq!(p["Statement"][0]["Sid"], "b");
    let e = w
        .call(
            "sqs:RemovePermission",
            json!({"QueueUrl": url, "Label": "a"}),
        )
        .unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue");
    assert_eq!(
        e.message,
        "Value a for parameter Label is invalid. Reason: can't find label on existing policy."
    );
    w.call(
        "sqs:RemovePermission",
        json!({"QueueUrl": url, "Label": "b"}),
    )
    .unwrap();
    assert_eq!(policy(&mut w, &url), None);
    let e = w
        .call(
            "sqs:RemovePermission",
            json!({"QueueUrl": url, "Label": "b"}),
        )
        .unwrap_err();
    assert_eq!(
        e.message,
        "Value b for parameter Label is invalid. Reason: can't find label."
    );
}

#[test]
fn add_permission_refuses_what_aws_refuses_and_changes_nothing() {
    let (mut w, url) = world_with_queue(json!({}));
    add(
        &mut w,
        &url,
        "send",
        json!(["111122223333"]),
        json!(["SendMessage"]),
    )
    .unwrap();
    let before = policy(&mut w, &url);
    let cases: Vec<(&str, Value, Value, &str, String)> = vec![
        ("send", json!(["444455556666"]), json!(["SendMessage"]), "InvalidParameterValue",
            "Value send for parameter Label is invalid. Reason: Already exists.".into()),
        ("x", json!(["111122223333"]), json!([]), "MissingParameter",
            "The request must contain the parameter Actions.".into()),
        ("x", json!([]), json!(["SendMessage"]), "InvalidParameterValue",
            "Value [] for parameter PrincipalId is invalid. Reason: Unable to verify.".into()),
        ("x", json!(["111122223333"]), json!(["RemovePermission"]), "InvalidParameterValue",
            "Value SQS:RemovePermission for parameter ActionName is invalid. Reason: Only the queue owner is allowed to invoke this action.".into()),
        ("x", json!(["111122223333"]), json!(["SendMessageBatch"]), "InvalidParameterValue",
            "Value SQS:SendMessageBatch for parameter ActionName is invalid. Reason: Please refer to the appropriate WSDL for a list of valid actions.".into()),
        ("x", json!(["111122223333"]), json!(["SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility", "GetQueueAttributes", "GetQueueUrl", "PurgeQueue", "ListDeadLetterSourceQueues"]),
            "OverLimit", "8 Actions were found, maximum allowed is 7.".into()),
        ("", json!(["111122223333"]), json!(["SendMessage"]), "MissingParameter",
            "The request must contain the parameter Label.".into()),
        ("bad label!", json!(["111122223333"]), json!(["SendMessage"]), "InvalidParameterValue",
            "Value bad label! for parameter Label is invalid. Reason: Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length".into()),
    ];
    for (label, accounts, actions, code, message) in cases {
        let e = add(&mut w, &url, label, accounts, actions).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            (code, message.as_str())
        );
    }
    assert_eq!(policy(&mut w, &url), before);
}

#[test]
fn a_policy_holds_at_most_twenty_statements() {
    let (mut w, url) = world_with_queue(json!({}));
    for i in 0..20 {
        add(
            &mut w,
            &url,
            &format!("p{i}"),
            json!(["111122223333"]),
            json!(["SendMessage"]),
        )
        .unwrap();
    }
    let e = add(
        &mut w,
        &url,
        "p20",
        json!(["111122223333"]),
        json!(["SendMessage"]),
    )
    .unwrap_err();
    assert_eq!(e.code, "OverLimit");
    assert_eq!(
        e.message,
        "21 Statements were found, maximum allowed is 20."
    );
    let statements: Vec<Value> = (0..22)
        .map(|i| json!({"Sid": format!("s{i}"), "Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": ARN}))
        .collect();
    let doc = json!({"Version": "2012-10-17", "Statement": statements}).to_string();
    let e = w
        .call(
            "sqs:SetQueueAttributes",
            json!({"QueueUrl": url, "Attributes": {"Policy": doc}}),
        )
        .unwrap_err();
    assert_eq!(e.code, "OverLimit");
    assert_eq!(
        e.message,
        "22 statements were found in the submitted policy, max allowed is 20"
    );
}

#[test]
fn the_policy_attribute_is_kept_as_written_and_an_empty_one_removes_it() {
    let (mut w, url) = world_with_queue(json!({}));
    let doc = format!(
        "{{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [{{\"Effect\": \"Allow\", \"Principal\": {{\"Service\": \"sns.amazonaws.com\"}}, \"Action\": \"sqs:SendMessage\", \"Resource\": \"{ARN}\", \"Condition\": {{\"ArnEquals\": {{\"aws:SourceArn\": \"arn:aws:sns:us-east-1:123456789012:orders\"}}}}}}]\n}}"
    );
    w.call(
        "sqs:SetQueueAttributes",
        json!({"QueueUrl": url, "Attributes": {"Policy": doc}}),
    )
    .unwrap();
    let r = w
        .call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": ["All"]}),
        )
        .unwrap();
    assert_eq!(r["Attributes"]["Policy"], doc);
    // AddPermission extends it, keeping its Version and the statement as written.
    add(
        &mut w,
        &url,
        "more",
        json!(["111122223333"]),
        json!(["ReceiveMessage"]),
    )
    .unwrap();
    let p = policy(&mut w, &url).unwrap();
    assert_eq!(p["Version"], "2012-10-17");
    assert_eq!(
        p["Statement"][0]["Principal"]["Service"],
        "sns.amazonaws.com"
    );
    assert_eq!(p["Statement"][1]["Sid"], "more");
    w.call(
        "sqs:SetQueueAttributes",
        json!({"QueueUrl": url, "Attributes": {"Policy": ""}}),
    )
    .unwrap();
    assert_eq!(policy(&mut w, &url), None);
}

#[test]
fn a_policy_sqs_cannot_read_is_refused_and_changes_nothing() {
    let (mut w, url) = world_with_queue(json!({}));
    for doc in [
        "not json".to_string(),
        json!({"Version": "2012-10-17"}).to_string(),
        json!({"Statement": []}).to_string(),
        json!({"Version": "2011-01-01", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:*"}]}).to_string(),
        json!({"Statement": [{"Effect": "Maybe", "Principal": "*", "Action": "sqs:*"}]}).to_string(),
        json!({"Statement": [{"Effect": "Allow", "Action": "sqs:*"}]}).to_string(),
        json!({"Statement": [{"Effect": "Allow", "Principal": "*"}]}).to_string(),
        json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]}).to_string(),
        format!("{{\"Statement\":[],\"Padding\":\"{}\"}}", "x".repeat(8_200)),
    ] {
        let e = w
            .call(
                "sqs:SetQueueAttributes",
                json!({"QueueUrl": url, "Attributes": {"Policy": doc, "VisibilityTimeout": "5"}}),
            )
            .unwrap_err();
        assert_eq!(e.code, "InvalidAttributeValue", "{doc}");
        assert_eq!(e.message, "Invalid value for the parameter Policy.");
    }
    assert_eq!(policy(&mut w, &url), None);
    assert_eq!(
        w.sqs()
            .queue("orders")
            .unwrap()
            .attributes
            .visibility_timeout,
        30
    );
}

#[test]
fn a_policy_allows_what_a_statement_allows_and_an_explicit_deny_wins() {
    let doc = json!({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sqs:*", "Resource": ARN},
            {"Effect": "Deny", "Principal": {"AWS": "111122223333"}, "Action": "SQS:PurgeQueue", "Resource": ARN},
            {"Effect": "Allow", "Principal": {"Service": "sns.amazonaws.com"}, "Action": "sqs:SendMessage", "Resource": ARN,
             "Condition": {"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:orders"}}},
            {"Effect": "Allow", "Principal": "*", "Action": "sqs:Get*", "Resource": "arn:aws:sqs:us-east-1:123456789012:*"}
        ]
    })
    .to_string();
    let p = QueuePolicy::parse(&doc).unwrap();
    let other = Requester::Account("111122223333");
    let stranger = Requester::Account("999988887777");
    let sns = Requester::Service("sns.amazonaws.com");
    assert_eq!(p.evaluate(other, "SendMessage", ARN, None), Decision::Allow);
    assert_eq!(p.evaluate(other, "PurgeQueue", ARN, None), Decision::Deny);
    assert_eq!(
        p.evaluate(stranger, "SendMessage", ARN, None),
        Decision::NotAllowed
    );
    assert_eq!(
        p.evaluate(stranger, "GetQueueAttributes", ARN, None),
        Decision::Allow
    );
    let topic = "arn:aws:sns:us-east-1:123456789012:orders";
    let elsewhere = "arn:aws:sns:us-east-1:123456789012:other";
    assert_eq!(
        p.evaluate(sns, "SendMessage", ARN, Some(topic)),
        Decision::Allow
    );
    assert_eq!(
        p.evaluate(sns, "SendMessage", ARN, Some(elsewhere)),
        Decision::NotAllowed
    );
    assert_eq!(
        p.evaluate(sns, "SendMessage", ARN, None),
        Decision::NotAllowed
    );
}
