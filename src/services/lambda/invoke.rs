//! Lambda's Invoke, synchronous (RequestResponse) and asynchronous (Event),
//! and DryRun: the request checked, the payload limits, throttling, and the
//! invocation begun in an execution environment. An invocation is then a state
//! machine on the runtime (`running`). Asynchronous events wait in Lambda's
//! internal queue (`async_events`); batches from event source mappings come
//! back to their poller (`sqs_pollers`).

use super::environments::{runtime_config, Throttle};
use super::errors::{self, invalid_parameter};
use super::events::LambdaEvent;
use super::shapes::InvocationRequest;
use super::{Lambda, LambdaTimer};
use crate::api::AwsError;
use crate::kernel::{Ctx, Timer};
use crate::runtime::{Environment, HostResult, Outcome};
use crate::sim::{format_iso, Millis, TimerClass, TimerId};
use serde_json::{json, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The modelled round trip of an AWS SDK call made from a function.
pub const SDK_LATENCY: Millis = 10;
/// The payload limits: 6 MB synchronous, 1 MB asynchronous (AWS raised it from 256 KB in 2025).
const MAX_SYNC_PAYLOAD: usize = 6_291_456;
const MAX_ASYNC_PAYLOAD: usize = 1_048_576;

#[derive(Clone, Debug)]
pub enum Kind {
    Sync {
        tail: bool,
    },
    Event {
        event: u64,
    },
    /// A batch an event source mapping's poller invoked (synchronously).
    Poll {
        mapping: u64,
        poller: u32,
    },
}

#[derive(Debug)]
pub struct Invocation {
    pub function: String,
    pub version: String,
    pub request_id: String,
    pub slot: Option<u64>,
    pub kind: Kind,
    pub payload: Value,
    pub started: Millis,
    pub init_ms: Option<f64>,
    pub(super) wake: Option<TimerId>,
    pub(super) results: BTreeMap<u64, HostResult>,
    pub outcome: Option<Outcome>,
    /// Its place in its chain of requests (1 unless an event carried a Lineage for it).
    pub chain: u32,
}

/// An asynchronous event in Lambda's internal queue.
#[derive(Debug)]
pub struct AsyncEvent {
    pub function: String,
    pub version: Option<u32>,
    /// The qualifier it was invoked with (an alias, a version, `$LATEST`; None unqualified):
    /// whose event invoke config applies.
    pub qualifier: Option<String>,
    pub payload: Value,
    /// The payload's text when the caller sent text: a dead-letter queue gets these bytes.
    pub payload_text: Option<String>,
    pub request_id: String,
    pub received: Millis,
    /// Attempts that ran (and failed) so far.
    pub attempts: u32,
    /// Throttled tries so far (for the backoff).
    pub throttled: u32,
}

/// What Invoke answers at once, or the invocation it started.
pub enum Begin {
    Answer(Value),
    Running(u64),
}

/// The payload as a value, its size, and its text when it came as text (the bytes the
/// SDKs send), which a dead-letter queue receives exactly as sent.
fn payload_of(raw: Option<Value>) -> Result<(Value, usize, Option<String>), AwsError> {
    match raw {
        None => Ok((json!({}), 2, None)),
        // A JSON document given as text, as the SDKs send the bytes.
        Some(Value::String(text)) => match serde_json::from_str::<Value>(&text) {
            Ok(v) => Ok((v, text.len(), Some(text))),
            Err(e) => Err(AwsError::new(
                "com.amazonaws.lambda",
                "InvalidRequestContentException",
                400,
                format!("Could not parse request body into json: Could not parse payload into json: {e}"),
            )),
        },
        Some(v) => {
            let size = json_len(&v);
            Ok((v, size, None))
        }
    }
}

/// How long a value's JSON text is (what `to_string().len()` says), without writing it.
fn json_len(v: &Value) -> usize {
    struct Count(usize);
    impl std::io::Write for Count {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0 += buf.len();
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let mut count = Count(0);
    // Writing a `Value` to a sink that takes every byte cannot fail.
    let _ = serde_json::to_writer(&mut count, v);
    count.0
}

fn too_many_requests(throttle: Throttle) -> AwsError {
    let mut e = AwsError::new(
        "com.amazonaws.lambda",
        "TooManyRequestsException",
        429,
        "Rate Exceeded.",
    );
    e.message = format!("Rate Exceeded. (Reason: {})", throttle.reason());
    e
}

impl Lambda {
    pub(super) fn invoke(
        &mut self,
        ctx: &mut Ctx,
        req: InvocationRequest<'_>,
    ) -> Result<Begin, AwsError> {
        let (f, q) = self.resolve(ctx, &req.function_name)?;
        let qualifier = super::validate::merge_qualifier(q, req.qualifier.map(Cow::into_owned))?;
        let version = Self::version_of(f, qualifier.as_deref())?;
        if f.lifecycle == super::model::Lifecycle::Pending {
            return Err(super::lifecycle::not_active(f));
        }
        let name = f.name.clone();
        let (payload, size, payload_text) = payload_of(req.payload)?;
        if req.client_context.is_some() {
            return Err(invalid_parameter(
                "ClientContext is not simulated by Stratus yet.",
            ));
        }
        let tail = match req.log_type.as_deref() {
            None | Some("None") => false,
            Some("Tail") => true,
            Some(other) => {
                return Err(errors::constraint(
                    other,
                    "logType",
                    "Member must satisfy enum value set: [None, Tail]",
                ))
            }
        };
        match req.invocation_type.as_deref().unwrap_or("RequestResponse") {
            "DryRun" => Ok(Begin::Answer(json!({ "StatusCode": 204 }))),
            "Event" => {
                if size > MAX_ASYNC_PAYLOAD {
                    return Err(too_large(MAX_ASYNC_PAYLOAD, "Invoke"));
                }
                let request_id = ctx.rng.uuid();
                let id = self.next_event;
                self.next_event += 1;
                self.events.insert(
                    id,
                    AsyncEvent {
                        function: name.clone(),
                        version,
                        qualifier: qualifier.clone(),
                        payload,
                        payload_text,
                        request_id: request_id.clone(),
                        received: ctx.now,
                        attempts: 0,
                        throttled: 0,
                    },
                );
                self.count_request(&name);
                ctx.emit(LambdaEvent::EventQueued {
                    function: name.as_str().into(),
                    request_id: request_id.as_str().into(),
                });
                self.dispatch_event(ctx, id);
                Ok(Begin::Answer(json!({ "StatusCode": 202 })))
            }
            "RequestResponse" => {
                if size > MAX_SYNC_PAYLOAD {
                    return Err(too_large(MAX_SYNC_PAYLOAD, "Invoke"));
                }
                if let Err(t) = self
                    .environments
                    .admit(self.function_ref(&name)?, &self.functions)
                {
                    ctx.emit(LambdaEvent::InvocationThrottled {
                        function: name.as_str().into(),
                        reason: t.reason().into(),
                    });
                    return Err(too_many_requests(t));
                }
                self.count_request(&name);
                let request_id = ctx.rng.uuid();
                self.begin(
                    ctx,
                    &name,
                    version,
                    payload,
                    request_id,
                    Kind::Sync { tail },
                )
                .map(Begin::Running)
                .ok_or_else(|| errors::function_not_found(&name))
            }
            other => Err(errors::constraint(
                other,
                "invocationType",
                "Member must satisfy enum value set: [Event, RequestResponse, DryRun]",
            )),
        }
    }

    /// Starts an invocation in a warm environment, or a cold one after its INIT; returns its id
    /// (None when the function is gone: every caller has just found it, so this never happens).
    pub(super) fn begin(
        &mut self,
        ctx: &mut Ctx,
        name: &str,
        version: Option<u32>,
        payload: Value,
        request_id: String,
        kind: Kind,
    ) -> Option<u64> {
        let f = self.functions.get(name)?;
        let id = self.next_invocation;
        self.next_invocation += 1;
        let label = version.map_or("$LATEST".to_string(), |v| v.to_string());
        let revision = version
            .and_then(|v| f.versions.get(&v))
            .unwrap_or(&f.latest)
            .revision_id
            .clone();
        let mut invocation = Invocation {
            function: name.to_string(),
            version: label.clone(),
            request_id: request_id.clone(),
            slot: None,
            kind,
            payload,
            started: ctx.now,
            init_ms: None,
            wake: None,
            results: BTreeMap::new(),
            outcome: None,
            chain: 1,
        };
        let start_at = match self.environments.idle(name, &label, &revision) {
            Some(slot) => {
                if let Some(s) = self.environments.slots.get_mut(&slot) {
                    if let Some(t) = s.reclaim_timer.take() {
                        ctx.timers.cancel(t);
                    }
                    s.busy = Some(id);
                }
                invocation.slot = Some(slot);
                ctx.now
            }
            None => {
                let mut hex = [0u8; 16];
                ctx.rng.fill(&mut hex);
                let stream = format!(
                    "{}/[{label}]{}",
                    &format_iso(ctx.now)[..10].replace('-', "/"),
                    hex.iter().map(|b| format!("{b:02x}")).collect::<String>()
                );
                let config = runtime_config(
                    f,
                    version,
                    &ctx.identity.region,
                    &ctx.identity.account,
                    stream,
                    ctx.rng.next_u64(),
                );
                match Environment::init(config, ctx.now) {
                    Ok(env) => {
                        let init = env.init_duration_ms();
                        let slot = self.environments.add(name, &label, &revision, env, ctx.now);
                        if let Some(s) = self.environments.slots.get_mut(&slot) {
                            s.busy = Some(id);
                        }
                        ctx.emit(LambdaEvent::EnvironmentCreated {
                            function: name.into(),
                            environment: slot,
                            init_duration_ms: init,
                        });
                        invocation.slot = Some(slot);
                        invocation.init_ms = Some(init);
                        ctx.now + init.ceil() as Millis
                    }
                    Err(e) => {
                        // INIT failed: the invocation fails with the init error (no environment is kept).
                        let outcome = Outcome {
                            result: Err(e.error),
                            logs: e.logs,
                            duration_ms: 0.0,
                            init_duration_ms: Some(e.init_duration_ms),
                            environment_reusable: false,
                            steps: 0,
                        };
                        invocation.init_ms = Some(e.init_duration_ms);
                        invocation.outcome = Some(outcome);
                        let at = ctx.now + e.init_duration_ms.ceil() as Millis;
                        self.invocations.insert(id, invocation);
                        ctx.schedule(
                            at,
                            TimerClass::Pending,
                            Timer::Lambda(LambdaTimer::Finish { invocation: id }),
                        );
                        return Some(id);
                    }
                }
            }
        };
        ctx.emit(LambdaEvent::InvocationStarted {
            function: name.into(),
            request_id: request_id.as_str().into(),
            cold: invocation.init_ms.is_some(),
        });
        self.invocations.insert(id, invocation);
        ctx.schedule(
            start_at,
            TimerClass::Pending,
            Timer::Lambda(LambdaTimer::Start { invocation: id }),
        );
        Some(id)
    }
}

fn too_large(limit: usize, action: &str) -> AwsError {
    AwsError::new(
        "com.amazonaws.lambda",
        "RequestTooLargeException",
        413,
        format!("Request must be smaller than {limit} bytes for the {action} operation"),
    )
}
