//! A scenario's `settings`: the epoch, seed, account, region, each service's
//! section (`sqs`: the randomised behaviours of standard queues, read by
//! `SqsBehaviour` in the SQS folder) and how much of the trace to keep.

use super::document::{check_keys, err, kind_of, string_field, ScenarioError};
use crate::api::ids::{valid_account, valid_region};
use crate::api::Identity;
use crate::services::sqs::SqsBehaviour;
use crate::sim::{parse_iso, TraceMode};
use crate::world::{Settings, DEFAULT_EPOCH, DEFAULT_SEED};
use serde_json::{json, Map, Value};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ScenarioSettings {
    pub epoch: Option<String>,
    pub seed: Option<u64>,
    pub region: Option<String>,
    pub account: Option<String>,
    /// `settings.sqs`: the randomised behaviours of standard queues, off unless set.
    pub sqs: Option<SqsBehaviour>,
    /// `settings.trace`: `"full"` (the default), `"counts"`, or `{"last": N}`.
    pub trace: Option<TraceMode>,
}

/// The most events `{"last": N}` may keep.
const MAX_TRACE_LAST: u64 = 10_000_000;

/// `settings.trace`: how much of the trace a run keeps.
fn trace_mode(value: &Value) -> Result<TraceMode, ScenarioError> {
    let bad = || {
        err(
            "settings.trace",
            format!(
                "must be \"full\", \"counts\" or {{\"last\": N}} with N from 1 to {MAX_TRACE_LAST}"
            ),
        )
    };
    match value {
        Value::String(s) if s == "full" => Ok(TraceMode::Full),
        Value::String(s) if s == "counts" => Ok(TraceMode::Counts),
        Value::Object(o) if o.len() == 1 => {
            let n = o.get("last").and_then(Value::as_u64).ok_or_else(bad)?;
            if (1..=MAX_TRACE_LAST).contains(&n) {
                Ok(TraceMode::Last(n as usize))
            } else {
                Err(bad())
            }
        }
        _ => Err(bad()),
    }
}

impl ScenarioSettings {
    pub(super) fn from_value(value: &Value) -> Result<Self, ScenarioError> {
        let obj = value.as_object().ok_or_else(|| {
            err(
                "settings",
                format!("must be an object, not {}", kind_of(value)),
            )
        })?;
        check_keys(
            obj,
            "settings",
            &["epoch", "seed", "region", "account", "sqs", "trace"],
        )?;
        let epoch = string_field(obj, "settings", "epoch")?;
        if let Some(e) = &epoch {
            if parse_iso(e).is_none() {
                return Err(err(
                    "settings.epoch",
                    format!("\"{e}\" is not a UTC time like 2026-01-01T00:00:00Z"),
                ));
            }
        }
        let seed = match obj.get("seed") {
            None => None,
            Some(v) => Some(v.as_u64().ok_or_else(|| {
                err(
                    "settings.seed",
                    "must be a whole number from 0 to 18446744073709551615",
                )
            })?),
        };
        let region = string_field(obj, "settings", "region")?;
        if let Some(r) = region.as_deref().filter(|r| !valid_region(r)) {
            return Err(err(
                "settings.region",
                format!("\"{r}\" is not a region name like us-east-1"),
            ));
        }
        let account = string_field(obj, "settings", "account")?;
        if let Some(a) = account.as_deref().filter(|a| !valid_account(a)) {
            return Err(err(
                "settings.account",
                format!("\"{a}\" is not a 12-digit account id"),
            ));
        }
        let sqs = match obj.get("sqs") {
            None => None,
            Some(v) => Some(SqsBehaviour::from_value(v).map_err(|(key, message)| {
                err(
                    if key.is_empty() {
                        "settings.sqs".to_string()
                    } else {
                        format!("settings.sqs.{key}")
                    },
                    message,
                )
            })?),
        };
        let trace = match obj.get("trace") {
            None => None,
            Some(v) => Some(trace_mode(v)?),
        };
        Ok(ScenarioSettings {
            epoch,
            seed,
            region,
            account,
            sqs,
            trace,
        })
    }

    pub(super) fn to_value(&self) -> Value {
        let mut obj = Map::new();
        if let Some(e) = &self.epoch {
            obj.insert("epoch".into(), Value::from(e.clone()));
        }
        if let Some(s) = self.seed {
            obj.insert("seed".into(), Value::from(s));
        }
        if let Some(r) = &self.region {
            obj.insert("region".into(), Value::from(r.clone()));
        }
        if let Some(a) = &self.account {
            obj.insert("account".into(), Value::from(a.clone()));
        }
        if let Some(b) = &self.sqs {
            obj.insert("sqs".into(), b.to_value());
        }
        match self.trace {
            None => {}
            Some(TraceMode::Full) => {
                obj.insert("trace".into(), json!("full"));
            }
            Some(TraceMode::Counts) => {
                obj.insert("trace".into(), json!("counts"));
            }
            Some(TraceMode::Last(n)) => {
                obj.insert("trace".into(), json!({ "last": n }));
            }
        }
        Value::Object(obj)
    }

    /// The world settings these describe, defaults filled in.
    pub fn world_settings(&self) -> Settings {
        let defaults = Identity::default();
        Settings {
            epoch: self
                .epoch
                .as_deref()
                .and_then(parse_iso)
                .unwrap_or(DEFAULT_EPOCH),
            seed: self.seed.unwrap_or(DEFAULT_SEED),
            identity: Identity {
                account: self.account.clone().unwrap_or(defaults.account),
                region: self.region.clone().unwrap_or(defaults.region),
            },
            sqs: self.sqs.unwrap_or_default(),
            trace: self.trace.unwrap_or_default(),
        }
    }
}
