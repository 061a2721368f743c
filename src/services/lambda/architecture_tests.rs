//! Architectures: x86_64 by default, arm64 on request (billed at AWS's arm64
//! rate), exactly one per function, as AWS's model constrains the list; and
//! the usage billed per function.

use super::model::SETTLE_DELAY;
use super::LambdaUsage;
use crate::{Settings, World};
use serde_json::{json, Value};

fn create(
    w: &mut World,
    name: &str,
    architectures: Option<Value>,
) -> Result<Value, crate::AwsError> {
    let mut input = json!({
        "FunctionName": name,
        "Runtime": "nodejs22.x",
        "Role": "arn:aws:iam::123456789012:role/r",
        "Handler": "index.handler",
        "MemorySize": 1024,
        "Code": {"Files": {"index.mjs": "export const handler = async () => { await new Promise(r => setTimeout(r, 1000)); return 1; };"}},
    });
    if let Some(a) = architectures {
        input["Architectures"] = a;
    }
    w.call("lambda:CreateFunction", input)
}

#[test]
fn an_arm64_function_is_billed_at_the_arm64_rate() {
    let mut w = World::new(Settings::default());
    let x86 = create(&mut w, "x86", None).unwrap();
    let arm = create(&mut w, "arm", Some(json!(["arm64"]))).unwrap();
    assert_eq!(x86["Architectures"], json!(["x86_64"]));
    assert_eq!(arm["Architectures"], json!(["arm64"]));
    w.advance(SETTLE_DELAY);
    for name in ["x86", "arm"] {
        w.call("lambda:Invoke", json!({"FunctionName": name}))
            .unwrap();
    }
    let (x, a) = (w.lambda().usage_of("x86"), w.lambda().usage_of("arm"));
    assert!(a.gb_seconds > 0.0 && a.arm_gb_seconds == a.gb_seconds);
    assert_eq!(x.arm_gb_seconds, 0.0);
    let rate = |u: &LambdaUsage| (u.list_price_usd() - 0.2e-6) / u.gb_seconds;
    assert!((rate(&x) - LambdaUsage::USD_PER_GB_SECOND).abs() < 1e-12);
    assert!((rate(&a) - LambdaUsage::USD_PER_ARM_GB_SECOND).abs() < 1e-12);
}

#[test]
fn a_function_has_exactly_one_known_architecture() {
    let mut w = World::new(Settings::default());
    for (list, constraint) in [
        (
            json!([]),
            "Member must have length greater than or equal to 1",
        ),
        (
            json!(["x86_64", "arm64"]),
            "Member must have length less than or equal to 1",
        ),
        (
            json!(["mips"]),
            "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]",
        ),
    ] {
        let e = create(&mut w, "f", Some(list.clone())).unwrap_err();
        assert_eq!(e.code, "ValidationException", "{list}");
        assert!(e.message.ends_with(constraint), "{}", e.message);
        assert!(e.message.contains("at 'architectures'"), "{}", e.message);
    }
    assert!(w.lambda().function("f").is_none());
}

#[test]
fn each_function_s_usage_adds_up_to_the_bill_and_is_kept_after_the_function_is_deleted() {
    let mut w = World::new(Settings::default());
    create(&mut w, "x86", None).unwrap();
    create(&mut w, "arm", Some(json!(["arm64"]))).unwrap();
    w.advance(SETTLE_DELAY);
    for name in ["x86", "arm", "arm"] {
        w.call("lambda:Invoke", json!({"FunctionName": name}))
            .unwrap();
    }
    w.call("lambda:DeleteFunction", json!({"FunctionName": "arm"}))
        .unwrap();
    let mut sum = LambdaUsage::default();
    let mut names = Vec::new();
    for (name, usage) in w.lambda().usage_by_function() {
        names.push(name.to_string());
        sum.add(usage);
    }
    assert_eq!(
        names,
        ["arm", "x86"],
        "a deleted function's usage was billed"
    );
    assert_eq!(sum.requests, 3);
    assert_eq!(sum.requests, w.lambda().usage().requests);
    assert!((sum.gb_seconds - w.lambda().usage().gb_seconds).abs() < 1e-9);
    assert!((sum.arm_gb_seconds - w.lambda().usage().arm_gb_seconds).abs() < 1e-9);
}
