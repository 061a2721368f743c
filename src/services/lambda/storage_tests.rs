//! EphemeralStorage: `/tmp`'s size, 512 MB (free) to 10,240 MB, set at
//! CreateFunction or UpdateFunctionConfiguration, seen by the function and
//! billed above 512 MB for as long as invocations run, as AWS prices it.

use super::model::SETTLE_DELAY;
use super::LambdaUsage;
use crate::{Settings, World};
use serde_json::{json, Value};

fn create(w: &mut World, storage: Option<Value>) -> Result<Value, crate::AwsError> {
    let mut input = json!({
        "FunctionName": "fn",
        "Runtime": "nodejs24.x",
        "Role": "arn:aws:iam::123456789012:role/r",
        "Handler": "index.handler",
        "Code": {"Files": {"index.mjs": "import fs from 'node:fs'; export const handler = async () => { await new Promise(r => setTimeout(r, 1000)); try { fs.writeFileSync('/tmp/big', Buffer.alloc(600 * 1024)); return 'written'; } catch (e) { return e.code; } };"}},
    });
    if let Some(s) = storage {
        input["EphemeralStorage"] = s;
    }
    w.call("lambda:CreateFunction", input)
}

#[test]
fn ephemeral_storage_is_512_mb_unless_set_and_its_size_is_checked_as_aws_does() {
    let mut w = World::new(Settings::default());
    assert_eq!(
        create(&mut w, None).unwrap()["EphemeralStorage"],
        json!({"Size": 512})
    );
    let mut w = World::new(Settings::default());
    assert_eq!(
        create(&mut w, Some(json!({"Size": 2048}))).unwrap()["EphemeralStorage"],
        json!({"Size": 2048})
    );
    for (size, bound) in [
        (100, "greater than or equal to 512"),
        (20_000, "less than or equal to 10240"),
    ] {
        let mut w = World::new(Settings::default());
        let err = create(&mut w, Some(json!({"Size": size}))).unwrap_err();
        assert_eq!(err.code, "ValidationException");
        assert_eq!(
            err.message,
            format!("1 validation error detected: Value '{size}' at 'ephemeralStorage.size' failed to satisfy constraint: Member must have value {bound}")
        );
    }
}

#[test]
fn storage_above_512_mb_is_billed_for_the_billed_duration() {
    let mut w = World::new(Settings::default());
    create(&mut w, Some(json!({"Size": 1536}))).unwrap();
    w.advance(SETTLE_DELAY);
    let out = w
        .call("lambda:Invoke", json!({"FunctionName": "fn"}))
        .unwrap();
    assert_eq!(out["Payload"], "written");
    let u = w.lambda().usage().clone();
    // 1,024 MB above the free 512 MB, for the same seconds the compute is billed.
    let seconds = u.gb_seconds / (128.0 / 1024.0);
    assert!((u.storage_gb_seconds - seconds).abs() < 1e-9, "{u:?}");
    assert!(
        (u.list_price_usd()
            - (0.2e-6
                + u.gb_seconds * LambdaUsage::USD_PER_GB_SECOND
                + u.storage_gb_seconds * LambdaUsage::USD_PER_STORAGE_GB_SECOND))
            .abs()
            < 1e-15
    );
    // UpdateFunctionConfiguration sets it too; back at 512 nothing more is billed for storage.
    w.call(
        "lambda:UpdateFunctionConfiguration",
        json!({"FunctionName": "fn", "EphemeralStorage": {"Size": 512}}),
    )
    .unwrap();
    w.advance(SETTLE_DELAY);
    let config = w
        .call(
            "lambda:GetFunctionConfiguration",
            json!({"FunctionName": "fn"}),
        )
        .unwrap();
    assert_eq!(config["EphemeralStorage"], json!({"Size": 512}));
    w.call("lambda:Invoke", json!({"FunctionName": "fn"}))
        .unwrap();
    assert_eq!(w.lambda().usage().storage_gb_seconds, u.storage_gb_seconds);
}
