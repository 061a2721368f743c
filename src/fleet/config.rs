//! A consumer fleet's settings, from the JSON of `fleet:CreateConsumerFleet`
//! and `fleet:UpdateConsumerFleet`, validated with the field named in a
//! `ValidationException`. Nothing is changed when any field is invalid.

use crate::api::AwsError;
use crate::sim::{Millis, SECOND};
use serde::Deserialize;
use serde_json::{json, Value};

/// The most pollers a fleet may run (a Stratus limit, to keep the simulation light).
pub const MAX_POLLERS: u32 = 100;
/// How long a short-polling poller waits after an empty answer before it polls again, by default.
pub const DEFAULT_SHORT_POLL_INTERVAL_SECONDS: f64 = 1.0;
/// How long a poller waits after a failed call (e.g. the queue was deleted) before it tries again.
pub const ERROR_BACKOFF: Millis = 10 * SECOND;

/// Processing time of one message, drawn uniformly from [min, max] with the seeded rng.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ProcessingTime {
    pub min: Millis,
    pub max: Millis,
}

/// EC2 Auto Scaling's target tracking on "backlog per instance", as AWS documents
/// for scaling a fleet on an SQS queue: ApproximateNumberOfMessagesVisible divided by
/// the in-service instances, kept near an acceptable backlog per instance.
#[derive(Clone, Debug, PartialEq)]
pub struct Scaling {
    pub min_size: u32,
    pub max_size: u32,
    pub target_backlog_per_instance: f64,
    /// How often the metric is evaluated (CloudWatch's SQS metrics are per minute).
    pub evaluation_period: Millis,
    /// How long a new poller takes before it polls and counts as in service.
    pub instance_warmup: Millis,
    /// How long after the last scaling activity the fleet may scale in.
    pub scale_in_cooldown: Millis,
    pub disable_scale_in: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FleetConfig {
    pub name: String,
    pub queue_url: String,
    /// Pollers wanted when there is no scaling rule; the starting size when there is.
    pub pollers: u32,
    pub wait_time_seconds: u32,
    pub max_number_of_messages: u32,
    pub visibility_timeout: Option<u32>,
    pub processing_time: ProcessingTime,
    pub failure_rate: f64,
    pub short_poll_interval: Millis,
    /// Delete a receive's successes with one DeleteMessageBatch once all are processed, instead of one DeleteMessage each.
    pub delete_in_batches: bool,
    pub scaling: Option<Scaling>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct FleetInput {
    pub fleet_name: String,
    queue_url: Option<String>,
    pub(super) pollers: Option<i64>,
    wait_time_seconds: Option<i64>,
    max_number_of_messages: Option<i64>,
    visibility_timeout: Option<i64>,
    processing_time_seconds: Option<ProcessingInput>,
    failure_rate: Option<f64>,
    short_poll_interval_seconds: Option<f64>,
    delete_in_batches: Option<bool>,
    /// `null` removes the scaling rule on update.
    #[serde(default, deserialize_with = "present")]
    scaling: Option<Option<ScalingInput>>,
}

/// Distinguishes a member set to `null` from a missing one.
fn present<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<ScalingInput>>, D::Error> {
    Option::<ScalingInput>::deserialize(d).map(Some)
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ProcessingInput {
    Fixed(f64),
    Range(RangeInput),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct RangeInput {
    min: f64,
    max: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ScalingInput {
    min_size: i64,
    max_size: i64,
    target_backlog_per_instance: f64,
    evaluation_period_seconds: Option<i64>,
    instance_warmup_seconds: Option<i64>,
    scale_in_cooldown_seconds: Option<i64>,
    disable_scale_in: Option<bool>,
}

/// `ValidationException` naming the member and its constraint, in AWS's wording.
pub fn validation(field: &str, value: impl std::fmt::Display, constraint: &str) -> AwsError {
    AwsError::new(
        super::NAMESPACE,
        "ValidationException",
        400,
        format!("1 validation error detected: Value '{value}' at '{field}' failed to satisfy constraint: {constraint}"),
    )
}

fn int_in(field: &str, value: i64, min: i64, max: i64) -> Result<u32, AwsError> {
    if (min..=max).contains(&value) {
        Ok(value as u32)
    } else {
        Err(validation(
            field,
            value,
            &format!("Member must have value between {min} and {max}"),
        ))
    }
}

fn seconds_to_millis(field: &str, value: f64, max: f64) -> Result<Millis, AwsError> {
    if value.is_finite() && (0.0..=max).contains(&value) {
        Ok((value * SECOND as f64).round() as Millis)
    } else {
        Err(validation(
            field,
            value,
            &format!("Member must be a number of seconds between 0 and {max}"),
        ))
    }
}

/// A processing time of at least 1 ms, so a poller whose messages always fail cannot spin at one instant.
fn processing_millis(field: &str, value: f64) -> Result<Millis, AwsError> {
    match seconds_to_millis(field, value, 43_200.0) {
        Ok(t) if t >= 1 => Ok(t),
        _ => Err(validation(
            field,
            value,
            "Member must be a number of seconds between 0.001 and 43200",
        )),
    }
}

fn valid_name(name: &str) -> bool {
    (1..=80).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub fn check_name(name: &str) -> Result<(), AwsError> {
    if valid_name(name) {
        Ok(())
    } else {
        Err(validation(
            "FleetName",
            name,
            "Member must be 1 to 80 characters: letters, digits, hyphens and underscores",
        ))
    }
}

impl FleetConfig {
    /// A new fleet's settings; absent members take their defaults.
    pub fn create(input: FleetInput) -> Result<Self, AwsError> {
        check_name(&input.fleet_name)?;
        let Some(queue_url) = input.queue_url.clone() else {
            return Err(AwsError::param_validation(
                "Parameter validation failed:\nMissing required parameter in input: \"QueueUrl\"",
            ));
        };
        let base = FleetConfig {
            name: input.fleet_name.clone(),
            queue_url,
            pollers: 1,
            wait_time_seconds: 20,
            max_number_of_messages: 10,
            visibility_timeout: None,
            processing_time: ProcessingTime {
                min: SECOND,
                max: SECOND,
            },
            failure_rate: 0.0,
            short_poll_interval: (DEFAULT_SHORT_POLL_INTERVAL_SECONDS * SECOND as f64) as Millis,
            delete_in_batches: false,
            scaling: None,
        };
        let pollers_given = input.pollers.is_some();
        let mut config = base.updated(input)?;
        // With a scaling rule and no explicit size, the fleet starts at its minimum.
        if let (false, Some(s)) = (pollers_given, &config.scaling) {
            config.pollers = s.min_size;
        }
        config.check_size()?;
        Ok(config)
    }

    /// These settings with the members present in `input` replaced.
    pub fn updated(&self, input: FleetInput) -> Result<Self, AwsError> {
        let mut c = self.clone();
        if let Some(url) = input.queue_url {
            c.queue_url = url;
        }
        if let Some(n) = input.pollers {
            c.pollers = int_in("Pollers", n, 0, MAX_POLLERS as i64)?;
        }
        if let Some(w) = input.wait_time_seconds {
            c.wait_time_seconds = int_in("WaitTimeSeconds", w, 0, 20)?;
        }
        if let Some(m) = input.max_number_of_messages {
            c.max_number_of_messages = int_in("MaxNumberOfMessages", m, 1, 10)?;
        }
        if let Some(v) = input.visibility_timeout {
            c.visibility_timeout = Some(int_in("VisibilityTimeout", v, 0, 43_200)?);
        }
        match input.processing_time_seconds {
            None => {}
            Some(ProcessingInput::Fixed(s)) => {
                let t = processing_millis("ProcessingTimeSeconds", s)?;
                c.processing_time = ProcessingTime { min: t, max: t };
            }
            Some(ProcessingInput::Range(r)) => {
                let min = processing_millis("ProcessingTimeSeconds.Min", r.min)?;
                let max = processing_millis("ProcessingTimeSeconds.Max", r.max)?;
                if min > max {
                    return Err(validation(
                        "ProcessingTimeSeconds.Max",
                        r.max,
                        "Member must be greater than or equal to ProcessingTimeSeconds.Min",
                    ));
                }
                c.processing_time = ProcessingTime { min, max };
            }
        }
        if let Some(f) = input.failure_rate {
            if !(0.0..=1.0).contains(&f) {
                return Err(validation(
                    "FailureRate",
                    f,
                    "Member must be a number between 0 and 1",
                ));
            }
            c.failure_rate = f;
        }
        if let Some(s) = input.short_poll_interval_seconds {
            let t = seconds_to_millis("ShortPollIntervalSeconds", s, 60.0)?;
            if t < 100 {
                return Err(validation(
                    "ShortPollIntervalSeconds",
                    s,
                    "Member must be a number of seconds between 0.1 and 60",
                ));
            }
            c.short_poll_interval = t;
        }
        if let Some(b) = input.delete_in_batches {
            c.delete_in_batches = b;
        }
        match input.scaling {
            None => {}
            Some(None) => c.scaling = None,
            Some(Some(s)) => c.scaling = Some(scaling(s)?),
        }
        c.check_size()?;
        Ok(c)
    }

    /// AWS refuses a desired capacity outside [MinSize, MaxSize].
    fn check_size(&self) -> Result<(), AwsError> {
        match &self.scaling {
            Some(s) if self.pollers < s.min_size || self.pollers > s.max_size => Err(validation(
                "Pollers",
                self.pollers,
                &format!(
                    "Member must be between Scaling.MinSize ({}) and Scaling.MaxSize ({})",
                    s.min_size, s.max_size
                ),
            )),
            _ => Ok(()),
        }
    }

    /// The settings as ListConsumerFleets shows them.
    pub fn to_json(&self) -> Value {
        let seconds = |t: Millis| t as f64 / SECOND as f64;
        let processing = if self.processing_time.min == self.processing_time.max {
            json!(seconds(self.processing_time.min))
        } else {
            json!({"Min": seconds(self.processing_time.min), "Max": seconds(self.processing_time.max)})
        };
        let mut v = json!({
            "FleetName": self.name,
            "QueueUrl": self.queue_url,
            "Pollers": self.pollers,
            "WaitTimeSeconds": self.wait_time_seconds,
            "MaxNumberOfMessages": self.max_number_of_messages,
            "ProcessingTimeSeconds": processing,
            "FailureRate": self.failure_rate,
            "ShortPollIntervalSeconds": seconds(self.short_poll_interval),
            "DeleteInBatches": self.delete_in_batches,
        });
        if let Some(t) = self.visibility_timeout {
            v["VisibilityTimeout"] = json!(t);
        }
        if let Some(s) = &self.scaling {
            v["Scaling"] = json!({
                "MinSize": s.min_size,
                "MaxSize": s.max_size,
                "TargetBacklogPerInstance": s.target_backlog_per_instance,
                "EvaluationPeriodSeconds": s.evaluation_period / SECOND,
                "InstanceWarmupSeconds": s.instance_warmup / SECOND,
                "ScaleInCooldownSeconds": s.scale_in_cooldown / SECOND,
                "DisableScaleIn": s.disable_scale_in,
            });
        }
        v
    }
}

fn scaling(s: ScalingInput) -> Result<Scaling, AwsError> {
    let min_size = int_in("Scaling.MinSize", s.min_size, 0, MAX_POLLERS as i64)?;
    let max_size = int_in("Scaling.MaxSize", s.max_size, 1, MAX_POLLERS as i64)?;
    if min_size > max_size {
        return Err(validation(
            "Scaling.MaxSize",
            max_size,
            "Member must be greater than or equal to Scaling.MinSize",
        ));
    }
    let target = s.target_backlog_per_instance;
    if !(target.is_finite() && target > 0.0 && target <= 1e6) {
        return Err(validation(
            "Scaling.TargetBacklogPerInstance",
            target,
            "Member must be a number greater than 0",
        ));
    }
    let secs = |field: &str, v: Option<i64>, default: i64, min: i64| -> Result<Millis, AwsError> {
        Ok(int_in(field, v.unwrap_or(default), min, 86_400)? as Millis * SECOND)
    };
    Ok(Scaling {
        min_size,
        max_size,
        target_backlog_per_instance: target,
        evaluation_period: secs(
            "Scaling.EvaluationPeriodSeconds",
            s.evaluation_period_seconds,
            60,
            10,
        )?,
        instance_warmup: secs(
            "Scaling.InstanceWarmupSeconds",
            s.instance_warmup_seconds,
            30,
            0,
        )?,
        scale_in_cooldown: secs(
            "Scaling.ScaleInCooldownSeconds",
            s.scale_in_cooldown_seconds,
            300,
            0,
        )?,
        disable_scale_in: s.disable_scale_in.unwrap_or(false),
    })
}
