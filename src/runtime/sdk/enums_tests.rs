//! The enum objects of the `@aws-sdk/client-*` packages: named imports and
//! `require` of them, their exact values and order, plain objects as the
//! SDK's are, and the decoding of `enums.txt`.

use serde_json::{json, Value};

use super::enums::{self, decode, Enum};
use super::models;
use crate::runtime::tests::{config, done, esm, info, T0};
use crate::runtime::Environment;

fn result(env: &mut Environment) -> Value {
    done(env.invoke(&json!({}), &info("r"), T0)).result.unwrap()
}

#[test]
fn enum_objects_are_named_imports_of_their_client_package() {
    let mut env = esm(r#"
import { InvocationType, LogType, Runtime, Architecture } from "@aws-sdk/client-lambda";
import { ObjectCannedACL, StorageClass } from "@aws-sdk/client-s3";
import { ReturnValue, BillingMode } from "@aws-sdk/client-dynamodb";
import { QueueAttributeName, MessageSystemAttributeName } from "@aws-sdk/client-sqs";
import { _InstanceType } from "@aws-sdk/client-ec2";
import { StandardUnit, ComparisonOperator } from "@aws-sdk/client-cloudwatch";
export const handler = async () => [
  InvocationType.RequestResponse, InvocationType.Event, InvocationType.DryRun, LogType.Tail,
  Runtime.nodejs20x, Runtime.nodejs22x, Runtime.providedal2023, Architecture.x86_64,
  ObjectCannedACL.public_read, ObjectCannedACL.bucket_owner_full_control, StorageClass.GLACIER_IR,
  ReturnValue.ALL_NEW, BillingMode.PAY_PER_REQUEST,
  QueueAttributeName.All, QueueAttributeName.VisibilityTimeout, MessageSystemAttributeName.ApproximateReceiveCount,
  _InstanceType.t2_micro, _InstanceType.m5_xlarge,
  StandardUnit.Bits_Second, StandardUnit.Count, ComparisonOperator.GreaterThanOrEqualToThreshold,
];"#);
    assert_eq!(
        result(&mut env),
        json!([
            "RequestResponse",
            "Event",
            "DryRun",
            "Tail",
            "nodejs20.x",
            "nodejs22.x",
            "provided.al2023",
            "x86_64",
            "public-read",
            "bucket-owner-full-control",
            "GLACIER_IR",
            "ALL_NEW",
            "PAY_PER_REQUEST",
            "All",
            "VisibilityTimeout",
            "ApproximateReceiveCount",
            "t2.micro",
            "m5.xlarge",
            "Bits/Second",
            "Count",
            "GreaterThanOrEqualToThreshold",
        ])
    );
}

// EC2 exports its instance types as `_InstanceType`, as the published package
// does (SageMaker too), and no `InstanceType`.
#[test]
fn enum_objects_come_with_require_too() {
    let files = [(
        "index.js",
        r#"const { InvocationType, Runtime } = require("@aws-sdk/client-lambda");
const s3 = require("@aws-sdk/client-s3");
const { ReturnValue } = require("@aws-sdk/client-dynamodb");
const { _InstanceType, InstanceType } = require("@aws-sdk/client-ec2");
const { StandardUnit } = require("@aws-sdk/client-cloudwatch");
const { QueueAttributeName } = require("@aws-sdk/client-sqs");
exports.handler = async () => [InvocationType.Event, Runtime.nodejs24x, s3.ObjectCannedACL.authenticated_read,
  ReturnValue.UPDATED_OLD, _InstanceType.t3_nano, typeof InstanceType, StandardUnit.Megabytes_Second, QueueAttributeName.RedrivePolicy];"#,
    )];
    let mut env = Environment::init(config("index.handler", &files), T0).unwrap();
    assert_eq!(
        result(&mut env),
        json!([
            "Event",
            "nodejs24.x",
            "authenticated-read",
            "UPDATED_OLD",
            "t3.nano",
            "undefined",
            "Megabytes/Second",
            "RedrivePolicy"
        ])
    );
}

#[test]
fn an_enum_is_a_plain_object_with_its_members_in_the_packages_order() {
    let mut env = esm(r#"
import * as lambda from "@aws-sdk/client-lambda";
import { InvocationType, LogType } from "@aws-sdk/client-lambda";
export const handler = async () => {
  const o = lambda.InvocationType;
  o.Extra = "x";
  const writable = o.Extra;
  delete o.Extra;
  return {
    keys: Object.keys(InvocationType),
    logType: LogType,
    plain: Object.getPrototypeOf(InvocationType) === Object.prototype,
    frozen: Object.isFrozen(InvocationType),
    writable,
    same: o === InvocationType,
  };
};"#);
    assert_eq!(
        result(&mut env),
        json!({
            "keys": ["DryRun", "Event", "RequestResponse"],
            "logType": {"None": "None", "Tail": "Tail"},
            "plain": true,
            "frozen": false,
            "writable": "x",
            "same": true,
        })
    );
}

#[test]
fn a_named_import_the_package_does_not_export_still_fails_to_link() {
    let files = [(
        "index.mjs",
        r#"import { InvocationType, NoSuchEnum } from "@aws-sdk/client-lambda"; export const handler = async () => [InvocationType, NoSuchEnum];"#,
    )];
    let err = Environment::init(config("index.handler", &files), T0)
        .err()
        .expect("init fails");
    let err = format!("{err:?}");
    assert!(err.contains("Runtime.UserCodeSyntaxError"), "{err}");
    assert!(err.contains("could not find export `NoSuchEnum`"), "{err}");
}

#[test]
fn a_client_without_enums_on_npm_still_imports() {
    // Every line of enums.txt names a client of the models; a client with no
    // line (npm has no package for it) exports its commands all the same.
    let ids: Vec<&str> = models::all().map(|m| m.sdk_id).collect();
    let missing = ids
        .iter()
        .find(|id| enums::of(id).is_empty())
        .expect("a client without enums");
    let package = format!(
        "@aws-sdk/client-{}",
        missing.replace(' ', "-").to_lowercase()
    );
    let body = format!(
        r#"import * as c from "{package}"; export const handler = async () => Object.keys(c).some((k) => k.endsWith("Command"));"#
    );
    let mut env = esm(&body);
    assert_eq!(result(&mut env), json!(true));
}

#[test]
fn every_line_of_the_enums_names_a_client_of_the_models_and_decodes() {
    let text = include_str!("enums.txt");
    let ids: Vec<&str> = models::all().map(|m| m.sdk_id).collect();
    let mut clients = 0;
    let mut total = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let (id, list) = line.split_once('|').expect("sdkId|enums");
        assert!(ids.contains(&id), "{id} is not in models.txt");
        let decoded = decode(list);
        assert!(!decoded.is_empty(), "{id}");
        for e in &decoded {
            assert!(!e.name.is_empty() && !e.members.is_empty(), "{id}: {e:?}");
        }
        clients += 1;
        total += decoded.len();
    }
    assert!(clients > 300, "{clients} clients");
    assert!(total > 9000, "{total} enums");
}

#[test]
fn a_member_is_its_value_or_a_key_derived_from_it_or_both_written_out() {
    let members = |list: &str| -> Vec<(String, Value)> {
        decode(list)
            .into_iter()
            .next()
            .map(|e: Enum| e.members)
            .unwrap_or_default()
    };
    assert_eq!(
        members(
            r"E:Event,public-read~,t2.micro~,amazon-web-services^,UnusedIAMRole+,cannotParse+,AWS\:\:EC2\:\:Snapshot+,nodejs20x=nodejs20.x,N=#3,H=#-1.5"
        ),
        vec![
            ("Event".to_string(), json!("Event")),
            ("public_read".to_string(), json!("public-read")),
            ("t2_micro".to_string(), json!("t2.micro")),
            (
                "AMAZON_WEB_SERVICES".to_string(),
                json!("amazon-web-services")
            ),
            ("UNUSED_IAM_ROLE".to_string(), json!("UnusedIAMRole")),
            ("CANNOT_PARSE".to_string(), json!("cannotParse")),
            ("AWS_EC2_SNAPSHOT".to_string(), json!("AWS::EC2::Snapshot")),
            ("nodejs20x".to_string(), json!("nodejs20.x")),
            ("N".to_string(), json!(3)),
            ("H".to_string(), json!(-1.5)),
        ]
    );
    // Escaped separators and markers are part of the text.
    assert_eq!(
        members(r"E:a\,b\=c\;d\|e\#f\~,k\:=v\^\+,line\nbreak,back\\slash"),
        vec![
            ("a,b=c;d|e#f~".to_string(), json!("a,b=c;d|e#f~")),
            ("k:".to_string(), json!("v^+")),
            ("line\nbreak".to_string(), json!("line\nbreak")),
            ("back\\slash".to_string(), json!("back\\slash")),
        ]
    );
    let two = decode("A:x,y;B:z");
    assert_eq!(
        two.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(),
        ["A", "B"]
    );
}
