//! Accounts and regions: every service runs once per account and region, a
//! call may act as another account or region, and another account's queue or
//! function is reached only as its resource-based policy allows.

use super::{Settings, World};
use crate::api::Identity;
use serde_json::{json, Value};
use std::rc::Rc;

const OTHER: &str = "111122223333";

fn as_account(account: &str, region: &str) -> Rc<Identity> {
    Rc::new(Identity {
        account: account.into(),
        region: region.into(),
    })
}

fn create_queue(w: &mut World, who: Rc<Identity>, name: &str) -> String {
    w.call_as(who, "sqs:CreateQueue", json!({"QueueName": name}))
        .unwrap()["QueueUrl"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_queue_belongs_to_the_account_and_region_that_created_it() {
    let mut w = World::new(Settings::default());
    let me = w.identity.clone();
    let home = create_queue(&mut w, me, "orders");
    let theirs = create_queue(&mut w, as_account(OTHER, "us-east-1"), "orders");
    let ireland = create_queue(&mut w, as_account(OTHER, "eu-west-1"), "orders");
    assert_eq!(
        home,
        "https://sqs.us-east-1.amazonaws.com/123456789012/orders"
    );
    assert_eq!(
        theirs,
        "https://sqs.us-east-1.amazonaws.com/111122223333/orders"
    );
    assert_eq!(
        ireland,
        "https://sqs.eu-west-1.amazonaws.com/111122223333/orders"
    );
    // Three queues of the same name; each account lists only its own, in its region.
    let listed = w.call("sqs:ListQueues", json!({})).unwrap();
    assert_eq!(listed["QueueUrls"], json!([home]));
    let listed = w
        .call_as(as_account(OTHER, "eu-west-1"), "sqs:ListQueues", json!({}))
        .unwrap();
    assert_eq!(listed["QueueUrls"], json!([ireland]));
    let arn = w
        .call_as(
            as_account(OTHER, "eu-west-1"),
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": ireland, "AttributeNames": ["QueueArn"]}),
        )
        .unwrap();
    assert_eq!(
        arn["Attributes"]["QueueArn"],
        "arn:aws:sqs:eu-west-1:111122223333:orders"
    );
    // What happens in another account says where, in the trace.
    let line = w.trace().all().last().unwrap().to_json_line();
    assert!(
        line.contains(r#""account":"111122223333","region":"eu-west-1""#),
        "{line}"
    );
    let first = w.trace().all()[0].to_json_line();
    assert!(!first.contains("account"), "{first}");
}

#[test]
fn another_accounts_queue_is_access_denied_until_its_policy_allows_the_action() {
    let mut w = World::new(Settings::default());
    let owner = as_account(OTHER, "us-east-1");
    let url = create_queue(&mut w, owner.clone(), "shared");
    let send = json!({"QueueUrl": url, "MessageBody": "hi"});
    let e = w.call("sqs:SendMessage", send.clone()).unwrap_err();
    assert_eq!((e.code.as_str(), e.status), ("AccessDenied", 403));
    assert_eq!(
        e.message,
        "User: arn:aws:iam::123456789012:root is not authorized to perform: sqs:sendmessage on resource: arn:aws:sqs:us-east-1:111122223333:shared because no resource-based policy allows the sqs:sendmessage action"
    );
    w.call_as(
        owner,
        "sqs:AddPermission",
        json!({"QueueUrl": url, "Label": "partner", "AWSAccountIds": ["123456789012"], "Actions": ["SendMessage"]}),
    )
    .unwrap();
    w.call("sqs:SendMessage", send).unwrap();
    // The permission covers SendMessage (and its batch), not ReceiveMessage.
    let e = w
        .call("sqs:ReceiveMessage", json!({"QueueUrl": url}))
        .unwrap_err();
    assert_eq!(e.code, "AccessDenied");
    let batch = json!({"QueueUrl": url, "Entries": [{"Id": "a", "MessageBody": "x"}]});
    let ok = w.call("sqs:SendMessageBatch", batch).unwrap();
    assert_eq!(ok["Successful"].as_array().map(Vec::len), Some(1));
}

const HANDLER: &str = "export const handler = async () => 'hello from the other account';";

fn create_function(w: &mut World, who: Rc<Identity>) -> Value {
    let f = w
        .call_as(
            who,
            "lambda:CreateFunction",
            json!({"FunctionName": "shared", "Runtime": "nodejs22.x", "Handler": "index.handler",
                   "Role": "arn:aws:iam::111122223333:role/r",
                   "Code": {"Files": {"index.mjs": HANDLER}}}),
        )
        .unwrap();
    w.advance(crate::services::lambda::model::SETTLE_DELAY);
    f
}

#[test]
fn another_accounts_function_is_invoked_only_as_its_policy_allows() {
    let mut w = World::new(Settings::default());
    let owner = as_account(OTHER, "us-east-1");
    let f = create_function(&mut w, owner.clone());
    let arn = f["FunctionArn"].as_str().unwrap().to_string();
    assert_eq!(arn, "arn:aws:lambda:us-east-1:111122223333:function:shared");
    let e = w
        .call("lambda:Invoke", json!({"FunctionName": arn}))
        .unwrap_err();
    assert_eq!((e.code.as_str(), e.status), ("AccessDeniedException", 403));
    assert_eq!(e.message, "User: arn:aws:iam::123456789012:root is not authorized to perform: lambda:InvokeFunction on resource: arn:aws:lambda:us-east-1:111122223333:function:shared because no resource-based policy allows the lambda:InvokeFunction action");
    w.call_as(
        owner,
        "lambda:AddPermission",
        json!({"FunctionName": "shared", "StatementId": "partner",
               "Action": "lambda:InvokeFunction", "Principal": "123456789012"}),
    )
    .unwrap();
    let answer = w
        .call("lambda:Invoke", json!({"FunctionName": arn}))
        .unwrap();
    assert_eq!(answer["Payload"], "hello from the other account");
    // The grant is for invoking, not for reading the function.
    let e = w
        .call("lambda:GetFunction", json!({"FunctionName": arn}))
        .unwrap_err();
    assert_eq!(e.code, "AccessDeniedException");
    // The home account has no function of that name.
    let e = w
        .call("lambda:GetFunction", json!({"FunctionName": "shared"}))
        .unwrap_err();
    assert_eq!(e.code, "ResourceNotFoundException");
}

#[test]
fn a_destination_queue_in_another_account_gets_the_record_only_as_its_policy_allows() {
    use crate::services::sqs::Sqs;
    let mut w = World::new(Settings::default());
    let owner = as_account(OTHER, "us-east-1");
    let url = create_queue(&mut w, owner.clone(), "results");
    w.call(
        "lambda:CreateFunction",
        json!({"FunctionName": "f", "Runtime": "nodejs22.x", "Handler": "index.handler",
               "Role": "arn:aws:iam::123456789012:role/r",
               "Code": {"Files": {"index.mjs": "export const handler = async () => 'done';"}}}),
    )
    .unwrap();
    w.advance(crate::services::lambda::model::SETTLE_DELAY);
    w.call(
        "lambda:PutFunctionEventInvokeConfig",
        json!({"FunctionName": "f", "DestinationConfig": {"OnSuccess": {
            "Destination": format!("arn:aws:sqs:us-east-1:{OTHER}:results")}}}),
    )
    .unwrap();
    let invoke = json!({"FunctionName": "f", "InvocationType": "Event"});
    let deliveries = |w: &World| -> Vec<String> {
        w.trace()
            .all()
            .iter()
            .filter(|e| e.kind.name().starts_with("Deliver"))
            .map(|e| e.to_json_line())
            .collect()
    };
    w.call("lambda:Invoke", invoke.clone()).unwrap();
    w.run_until_idle();
    let refused = deliveries(&w);
    assert_eq!(refused.len(), 1);
    assert!(refused[0].contains("DeliveryFailed"), "{}", refused[0]);
    assert!(refused[0].contains("AccessDenied"), "{}", refused[0]);
    w.call_as(
        owner,
        "sqs:AddPermission",
        json!({"QueueUrl": url, "Label": "results", "AWSAccountIds": ["123456789012"], "Actions": ["SendMessage"]}),
    )
    .unwrap();
    let billed = |w: &World| {
        w.service_in::<Sqs>(OTHER, "us-east-1")
            .unwrap()
            .usage()
            .requests
    };
    let before = billed(&w);
    w.call("lambda:Invoke", invoke).unwrap();
    w.run_until_idle();
    let all = deliveries(&w);
    assert!(all[1].contains("\"event\":\"Delivered\""), "{}", all[1]);
    // The record is a message in the other account's queue, billed to that account.
    let theirs = w.service_in::<Sqs>(OTHER, "us-east-1").unwrap();
    assert_eq!(theirs.queue("results").unwrap().messages.len(), 1);
    assert_eq!(billed(&w), before + 1, "one SendMessage request");
}
