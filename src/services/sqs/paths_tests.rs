//! The two JSON edges are one service: the same random sequence of SQS
//! requests (valid or not, on a standard and a FIFO queue) sent as `Value`s
//! to one world and as text to another gives the same answers, byte for
//! byte, and the same trace.

use crate::api::AwsError;
use crate::{Settings, World};
use proptest::prelude::*;
use serde_json::{json, Value};

const STANDARD: &str = "https://sqs.us-east-1.amazonaws.com/123456789012/q";
const FIFO: &str = "https://sqs.us-east-1.amazonaws.com/123456789012/q.fifo";

#[derive(Clone, Debug)]
enum Op {
    Send {
        fifo: bool,
        body: String,
        group: u8,
        attribute: Option<String>,
    },
    SendBatch {
        fifo: bool,
        bodies: Vec<String>,
    },
    Receive {
        fifo: bool,
        max: u8,
        visibility: Option<u8>,
        all_attributes: bool,
    },
    Delete {
        pick: usize,
    },
    DeleteBatch {
        picks: Vec<usize>,
    },
    ChangeVisibility {
        pick: usize,
        seconds: u8,
    },
    Malformed {
        which: u8,
    },
    Attributes {
        fifo: bool,
    },
    Purge {
        fifo: bool,
    },
    Advance {
        ms: u32,
    },
}

fn body() -> impl Strategy<Value = String> {
    "[a-z \"\\\\\n\u{e9}\u{1f600}]{0,12}"
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (
            any::<bool>(),
            body(),
            0u8..3,
            proptest::option::of("[a-z0-9]{0,6}")
        )
            .prop_map(|(fifo, body, group, attribute)| Op::Send {
                fifo,
                body,
                group,
                attribute
            }),
        (any::<bool>(), proptest::collection::vec(body(), 0..12))
            .prop_map(|(fifo, bodies)| Op::SendBatch { fifo, bodies }),
        (
            any::<bool>(),
            0u8..=11,
            proptest::option::of(0u8..40),
            any::<bool>()
        )
            .prop_map(|(fifo, max, visibility, all_attributes)| Op::Receive {
                fifo,
                max,
                visibility,
                all_attributes
            }),
        any::<usize>().prop_map(|pick| Op::Delete { pick }),
        proptest::collection::vec(any::<usize>(), 0..4).prop_map(|picks| Op::DeleteBatch { picks }),
        (any::<usize>(), 0u8..40)
            .prop_map(|(pick, seconds)| Op::ChangeVisibility { pick, seconds }),
        (0u8..6).prop_map(|which| Op::Malformed { which }),
        any::<bool>().prop_map(|fifo| Op::Attributes { fifo }),
        any::<bool>().prop_map(|fifo| Op::Purge { fifo }),
        (0u32..90_000).prop_map(|ms| Op::Advance { ms }),
    ]
}

fn url(fifo: bool) -> &'static str {
    if fifo {
        FIFO
    } else {
        STANDARD
    }
}

/// The request an op makes (None: it moves time), picking receipt handles from `handles`.
fn request(op: &Op, handles: &[String], n: usize) -> Option<(&'static str, Value)> {
    let handle = |pick: usize| {
        handles
            .get(pick % handles.len().max(1))
            .cloned()
            .unwrap_or_else(|| "not-a-handle".into())
    };
    Some(match op {
        Op::Send {
            fifo,
            body,
            group,
            attribute,
        } => {
            let mut input = json!({"QueueUrl": url(*fifo), "MessageBody": body});
            if *fifo {
                input["MessageGroupId"] = json!(format!("g{group}"));
                input["MessageDeduplicationId"] = json!(format!("d{n}"));
            }
            if let Some(value) = attribute {
                input["MessageAttributes"] =
                    json!({"Kind": {"DataType": "String", "StringValue": value}});
            }
            ("SendMessage", input)
        }
        Op::SendBatch { fifo, bodies } => {
            let entries: Vec<Value> = bodies
                .iter()
                .enumerate()
                .map(|(i, body)| {
                    let mut e = json!({"Id": format!("e{i}"), "MessageBody": body});
                    if *fifo {
                        e["MessageGroupId"] = json!("g");
                        e["MessageDeduplicationId"] = json!(format!("b{n}-{i}"));
                    }
                    e
                })
                .collect();
            (
                "SendMessageBatch",
                json!({"QueueUrl": url(*fifo), "Entries": entries}),
            )
        }
        Op::Receive {
            fifo,
            max,
            visibility,
            all_attributes,
        } => {
            let mut input =
                json!({"QueueUrl": url(*fifo), "MaxNumberOfMessages": max, "WaitTimeSeconds": 0});
            if let Some(v) = visibility {
                input["VisibilityTimeout"] = json!(v);
            }
            if *all_attributes {
                input["MessageSystemAttributeNames"] = json!(["All"]);
                input["MessageAttributeNames"] = json!(["All"]);
            }
            ("ReceiveMessage", input)
        }
        Op::Delete { pick } => {
            let fifo = n.is_multiple_of(2);
            (
                "DeleteMessage",
                json!({"QueueUrl": url(fifo), "ReceiptHandle": handle(*pick)}),
            )
        }
        Op::DeleteBatch { picks } => {
            let entries: Vec<Value> = picks
                .iter()
                .enumerate()
                .map(|(i, &p)| json!({"Id": format!("d{i}"), "ReceiptHandle": handle(p)}))
                .collect();
            (
                "DeleteMessageBatch",
                json!({"QueueUrl": url(n.is_multiple_of(2)), "Entries": entries}),
            )
        }
        Op::ChangeVisibility { pick, seconds } => (
            "ChangeMessageVisibility",
            json!({"QueueUrl": url(n.is_multiple_of(2)), "ReceiptHandle": handle(*pick), "VisibilityTimeout": seconds}),
        ),
        Op::Malformed { which } => match which {
            0 => (
                "SendMessage",
                json!({"QueueUrl": STANDARD, "MessageBody": 5}),
            ),
            1 => ("SendMessage", json!({"QueueUrl": FIFO, "Body": "x"})),
            2 => ("ReceiveMessage", json!({"MaxNumberOfMessages": 1})),
            3 => ("ReceiveMessage", json!([STANDARD])),
            4 => (
                "DeleteMessageBatch",
                json!({"QueueUrl": FIFO, "Entries": [{"Id": "a"}]}),
            ),
            _ => ("NoSuchAction", json!({"QueueUrl": STANDARD})),
        },
        Op::Attributes { fifo } => (
            "GetQueueAttributes",
            json!({"QueueUrl": url(*fifo), "AttributeNames": ["All"]}),
        ),
        Op::Purge { fifo } => ("PurgeQueue", json!({"QueueUrl": url(*fifo)})),
        Op::Advance { .. } => return None,
    })
}

fn world() -> World {
    let mut w = World::new(Settings::default());
    for create in [
        json!({"QueueName": "q"}),
        json!({"QueueName": "q.fifo", "Attributes": {"FifoQueue": "true"}}),
    ] {
        let made = w.sqs_direct(|sqs, ctx| sqs.call(ctx, "CreateQueue", &create));
        assert!(made.is_ok(), "{made:?}");
    }
    w
}

/// Every receipt handle a response carries.
fn handles_in(response: &Value, into: &mut Vec<String>) {
    if let Some(messages) = response.get("Messages").and_then(Value::as_array) {
        into.extend(
            messages
                .iter()
                .filter_map(|m| m["ReceiptHandle"].as_str().map(str::to_string)),
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_value_and_text_edges_answer_alike_and_trace_alike(ops in proptest::collection::vec(op(), 1..60)) {
        let (mut by_value, mut by_text) = (world(), world());
        let mut handles = Vec::new();
        for (n, op) in ops.iter().enumerate() {
            let Some((action, input)) = request(op, &handles, n) else {
                if let Op::Advance { ms } = op {
                    by_value.advance(u64::from(*ms));
                    by_text.advance(u64::from(*ms));
                }
                continue;
            };
            let a: Result<Value, AwsError> =
                by_value.sqs_direct(|sqs, ctx| sqs.call(ctx, action, &input));
            let text = input.to_string();
            let b: Result<String, AwsError> =
                by_text.sqs_direct(|sqs, ctx| sqs.call_text(ctx, action, &text));
            if let Ok(response) = &a {
                handles_in(response, &mut handles);
            }
            let a = a.map(|v| v.to_string());
            prop_assert_eq!(&a, &b, "{} {}", action, text);
        }
        prop_assert_eq!(by_value.trace().all(), by_text.trace().all());
    }
}

#[test]
fn text_that_is_not_json_is_a_serialization_exception() {
    let mut w = world();
    let r = w.sqs_direct(|sqs, ctx| sqs.call_text(ctx, "SendMessage", "{\"QueueUrl\":"));
    assert_eq!(r.map_err(|e| e.code), Err("SerializationException".into()));
}

#[test]
fn a_repeated_member_is_read_as_a_value_reads_it() {
    let (mut a, mut b) = (world(), world());
    let text =
        format!("{{\"QueueUrl\":\"{STANDARD}\",\"MessageBody\":\"one\",\"MessageBody\":\"two\"}}");
    let value: Value = serde_json::from_str(&text).unwrap_or_default();
    let by_value = a.sqs_direct(|sqs, ctx| sqs.call(ctx, "SendMessage", &value));
    let by_text = b.sqs_direct(|sqs, ctx| sqs.call_text(ctx, "SendMessage", &text));
    assert_eq!(by_value.map(|v| v.to_string()), by_text);
}
