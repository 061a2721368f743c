//! The members of a function's configuration beyond the basics, checked as
//! AWS checks them: Architectures, LoggingConfig, DeadLetterConfig, the
//! defaults Stratus simulates (PackageType Zip, PassThrough tracing, 512 MB
//! of /tmp) and the members it does not simulate yet (refused, never ignored).

use super::errors::{self, invalid_parameter};
use super::model::*;
use crate::api::AwsError;
use serde::Deserialize;
use serde_json::Value;

/// Members AWS has that Stratus does not simulate: refused when set, never ignored.
#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
pub struct NotSimulated {
    vpc_config: Option<Value>,
    layers: Option<Value>,
    #[serde(rename = "KMSKeyArn")]
    kms_key_arn: Option<Value>,
    file_system_configs: Option<Value>,
    image_config: Option<Value>,
    code_signing_config_arn: Option<Value>,
    snap_start: Option<Value>,
}

impl NotSimulated {
    pub(super) fn check(&self) -> Result<(), AwsError> {
        let named = [
            ("VpcConfig", &self.vpc_config),
            ("Layers", &self.layers),
            ("KMSKeyArn", &self.kms_key_arn),
            ("FileSystemConfigs", &self.file_system_configs),
            ("ImageConfig", &self.image_config),
            ("CodeSigningConfigArn", &self.code_signing_config_arn),
            ("SnapStart", &self.snap_start),
        ];
        match named.iter().find(|(_, v)| v.is_some()) {
            Some((name, _)) => Err(invalid_parameter(format!(
                "{name} is not simulated by Stratus yet."
            ))),
            None => Ok(()),
        }
    }
}

/// Settings whose AWS defaults Stratus simulates; another value is refused plainly.
pub(super) fn check_defaults(
    package_type: Option<&str>,
    architectures: Option<&[String]>,
    tracing: Option<&Value>,
    storage: Option<&Value>,
) -> Result<(), AwsError> {
    if package_type.is_some_and(|p| p != "Zip") {
        return Err(invalid_parameter(
            "PackageType Image is not simulated by Stratus: functions are Zip packages.",
        ));
    }
    if let Some(list) = architectures {
        architecture(list)?;
    }
    if tracing.is_some_and(|t| t.get("Mode").and_then(Value::as_str) != Some("PassThrough")) {
        return Err(invalid_parameter(
            "TracingConfig Active (X-Ray) is not simulated by Stratus yet.",
        ));
    }
    if let Some(s) = storage {
        ephemeral_storage(s)?;
    }
    Ok(())
}

/// EphemeralStorage: `/tmp`'s size in MB, 512 (the default) to 10,240, as its model constrains
/// `Size`.
pub(super) fn ephemeral_storage(v: &Value) -> Result<u32, AwsError> {
    let size = v
        .get("Size")
        .and_then(Value::as_i64)
        .ok_or_else(|| errors::validation("EphemeralStorage needs a Size (MB, 512 to 10240)."))?;
    Ok(errors::in_range(size, "ephemeralStorage.size", 512, 10_240)? as u32)
}

/// LoggingConfig over `base`: LogFormat Text or JSON; the levels only with JSON (INFO by
/// default); a LogGroup name of AWS's pattern.
pub(super) fn logging(base: &Logging, v: &Value) -> Result<Logging, AwsError> {
    let text = |key: &str| v.get(key).and_then(Value::as_str);
    let pick = |key: &str,
                member: &str,
                allowed: &[&'static str]|
     -> Result<Option<&'static str>, AwsError> {
        match text(key) {
            None => Ok(None),
            Some(value) => allowed
                .iter()
                .find(|a| **a == value)
                .copied()
                .map(Some)
                .ok_or_else(|| {
                    errors::constraint(
                        value,
                        member,
                        &format!(
                            "Member must satisfy enum value set: [{}]",
                            allowed.join(", ")
                        ),
                    )
                }),
        }
    };
    let format = pick("LogFormat", "loggingConfig.logFormat", &["JSON", "Text"])?;
    let app = pick(
        "ApplicationLogLevel",
        "loggingConfig.applicationLogLevel",
        &["TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"],
    )?;
    let system = pick(
        "SystemLogLevel",
        "loggingConfig.systemLogLevel",
        &["DEBUG", "INFO", "WARN"],
    )?;
    let mut out = base.clone();
    let json = match format {
        Some("Text") => false,
        Some(_) => true,
        None => base.json.is_some(),
    };
    if !json && (app.is_some() || system.is_some()) {
        return Err(invalid_parameter(
            "LogLevel is not supported when LogFormat is set to \"Text\". Remove LogLevel from your request or change the LogFormat to \"Json\" and try again.",
        ));
    }
    out.json = if json {
        let (base_app, base_system) = base.json.unwrap_or(("INFO", "INFO"));
        Some((app.unwrap_or(base_app), system.unwrap_or(base_system)))
    } else {
        None
    };
    if let Some(group) = text("LogGroup") {
        let ok = (1..=512).contains(&group.len())
            && group
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._-/#".contains(&b));
        if !ok {
            return Err(errors::constraint(
                group,
                "loggingConfig.logGroup",
                "Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+",
            ));
        }
        out.log_group = Some(group.to_string());
    }
    Ok(out)
}

/// Architectures: exactly one of AWS's instruction sets, as its model constrains the list.
pub(super) fn architecture(list: &[String]) -> Result<&'static str, AwsError> {
    let shown = || format!("[{}]", list.join(", "));
    match list {
        [] => Err(errors::constraint(
            shown(),
            "architectures",
            "Member must have length greater than or equal to 1",
        )),
        [one] => match one.as_str() {
            "x86_64" => Ok("x86_64"),
            "arm64" => Ok("arm64"),
            _ => Err(errors::constraint(
                shown(),
                "architectures",
                "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]",
            )),
        },
        _ => Err(errors::constraint(
            shown(),
            "architectures",
            "Member must have length less than or equal to 1",
        )),
    }
}

pub(super) fn check_dead_letter_config(config: Option<&Value>) -> Result<Option<String>, AwsError> {
    let Some(target) = config
        .and_then(|c| c.get("TargetArn"))
        .and_then(Value::as_str)
    else {
        return Ok(None);
    };
    if !target.starts_with("arn:aws:sqs:") && !target.starts_with("arn:aws:sns:") {
        return Err(invalid_parameter(format!(
            "The provided target ARN {target} is invalid: a dead-letter queue is an SQS queue or an SNS topic."
        )));
    }
    Ok(Some(target.to_string()))
}
