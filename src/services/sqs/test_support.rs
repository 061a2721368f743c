//! Shared by the SQS tests: a world with one queue, its approximate counts,
//! and the plain send, receive and error-code helpers.

use crate::{Settings, World};
use serde_json::{json, Value};

/// A world with a standard queue named "orders" created with `attributes`; returns its URL too.
pub fn world_with_queue(attributes: Value) -> (World, String) {
    let mut w = World::new(Settings::default());
    let r = w
        .call(
            "sqs:CreateQueue",
            json!({"QueueName": "orders", "Attributes": attributes}),
        )
        .unwrap();
    (w, r["QueueUrl"].as_str().unwrap().to_string())
}

/// (ApproximateNumberOfMessages, ApproximateNumberOfMessagesNotVisible).
pub fn counts(w: &mut World, url: &str) -> (String, String) {
    let r = w
        .call(
            "sqs:GetQueueAttributes",
            json!({"QueueUrl": url, "AttributeNames": ["All"]}),
        )
        .unwrap();
    let a = &r["Attributes"];
    (
        a["ApproximateNumberOfMessages"].as_str().unwrap().into(),
        a["ApproximateNumberOfMessagesNotVisible"]
            .as_str()
            .unwrap()
            .into(),
    )
}

pub fn send(w: &mut World, url: &str, body: &str) -> Value {
    w.call(
        "sqs:SendMessage",
        json!({"QueueUrl": url, "MessageBody": body}),
    )
    .unwrap()
}

pub fn receive(w: &mut World, url: &str) -> Vec<Value> {
    let r = w.call("sqs:ReceiveMessage", json!({"QueueUrl": url, "MaxNumberOfMessages": 10, "MessageSystemAttributeNames": ["All"]})).unwrap();
    r.get("Messages")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

pub fn code(r: Result<Value, crate::AwsError>) -> String {
    r.unwrap_err().code
}
