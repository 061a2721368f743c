//! Lambda's Invoke, synchronous (RequestResponse) and asynchronous (Event),
//! and DryRun. An invocation is a state machine on the runtime
//! (`crate::runtime`), driven by Lambda's timers: INIT on a cold start, the
//! handler's turns (waking at its timers; SDK calls go out to the world and
//! come back after `SDK_LATENCY`), and the finish at the modelled duration,
//! when the START/END/REPORT lines go to CloudWatch Logs and the environment
//! is freed. Asynchronous events wait in Lambda's internal queue
//! (`async_events`); batches from event source mappings come back to their
//! poller (`sqs_pollers`).

use super::environments::{runtime_config, Throttle, IDLE_RECLAIM};
use super::errors::{self, invalid_parameter};
use super::events::LambdaEvent;
use super::shapes::InvocationRequest;
use super::{Lambda, LambdaTimer};
use crate::api::AwsError;
use crate::kernel::route::PutLogLines;
use crate::kernel::{Ctx, Timer};
use crate::kernel::{Outbound, Payload, Token};
use crate::runtime::{self, Environment, HostError, HostResult, InvokeInfo, Outcome, Step};
use crate::sim::{format_iso, Millis, TimerClass, TimerId};
use base64::Engine;
use serde_json::{json, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The modelled round trip of an AWS SDK call made from a function.
pub const SDK_LATENCY: Millis = 10;
/// The payload limits: 6 MB synchronous, 1 MB asynchronous (AWS raised it from 256 KB in 2025).
const MAX_SYNC_PAYLOAD: usize = 6_291_456;
const MAX_ASYNC_PAYLOAD: usize = 1_048_576;
/// The tail of the log LogType=Tail returns.
const TAIL_BYTES: usize = 4 * 1024;

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
    wake: Option<TimerId>,
    results: BTreeMap<u64, HostResult>,
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
                    .admit(&self.functions[&name], &self.functions)
                {
                    ctx.emit(LambdaEvent::InvocationThrottled {
                        function: name.as_str().into(),
                        reason: t.reason().into(),
                    });
                    return Err(too_many_requests(t));
                }
                self.count_request(&name);
                let request_id = ctx.rng.uuid();
                Ok(Begin::Running(self.begin(
                    ctx,
                    &name,
                    version,
                    payload,
                    request_id,
                    Kind::Sync { tail },
                )))
            }
            other => Err(errors::constraint(
                other,
                "invocationType",
                "Member must satisfy enum value set: [Event, RequestResponse, DryRun]",
            )),
        }
    }

    /// Starts an invocation in a warm environment, or a cold one after its INIT; returns its id.
    pub(super) fn begin(
        &mut self,
        ctx: &mut Ctx,
        name: &str,
        version: Option<u32>,
        payload: Value,
        request_id: String,
        kind: Kind,
    ) -> u64 {
        let id = self.next_invocation;
        self.next_invocation += 1;
        let f = &self.functions[name];
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
                        return id;
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
        id
    }

    pub(super) fn on_invocation_timer(&mut self, ctx: &mut Ctx, timer: LambdaTimer) {
        match timer {
            LambdaTimer::Start { invocation } => {
                let Some(inv) = self.invocations.get_mut(&invocation) else {
                    return;
                };
                inv.started = ctx.now;
                let info = InvokeInfo {
                    aws_request_id: inv.request_id.clone(),
                    ..InvokeInfo::default()
                };
                // The event is read once, here: the invocation keeps no copy of it.
                let payload = std::mem::take(&mut inv.payload);
                let Some(slot) = inv.slot.and_then(|s| self.environments.slots.get_mut(&s)) else {
                    return;
                };
                slot.invocations += 1;
                let step = slot.env.invoke(&payload, &info, ctx.now);
                self.handle_step(ctx, invocation, step);
            }
            LambdaTimer::Wake { invocation } => {
                if let Some(inv) = self.invocations.get_mut(&invocation) {
                    inv.wake = None;
                }
                self.resume(ctx, invocation, Vec::new());
            }
            LambdaTimer::HostResult { invocation, call } => {
                let Some(result) = self
                    .invocations
                    .get_mut(&invocation)
                    .and_then(|i| i.results.remove(&call))
                else {
                    return;
                };
                self.resume(ctx, invocation, vec![result]);
            }
            LambdaTimer::Finish { invocation } => self.finish(ctx, invocation),
            LambdaTimer::Reclaim { environment } => {
                let idle = self
                    .environments
                    .slots
                    .get(&environment)
                    .is_some_and(|s| s.busy.is_none());
                if let Some(slot) = idle
                    .then(|| self.environments.slots.remove(&environment))
                    .flatten()
                {
                    ctx.emit(LambdaEvent::EnvironmentReclaimed {
                        function: slot.function.as_str().into(),
                        environment,
                    });
                }
            }
            LambdaTimer::RetryEvent { event } => self.dispatch_event(ctx, event),
            LambdaTimer::ScalePollers { .. }
            | LambdaTimer::Settle { .. }
            | LambdaTimer::BatchWindow { .. }
            | LambdaTimer::PollerResume { .. } => {}
        }
    }

    fn resume(&mut self, ctx: &mut Ctx, invocation: u64, results: Vec<HostResult>) {
        let Some(inv) = self.invocations.get(&invocation) else {
            return;
        };
        if inv.outcome.is_some() {
            return;
        }
        let Some(slot) = inv.slot.and_then(|s| self.environments.slots.get_mut(&s)) else {
            return;
        };
        let step = slot.env.resume(ctx.now, results);
        self.handle_step(ctx, invocation, step);
    }

    fn handle_step(&mut self, ctx: &mut Ctx, invocation: u64, step: Step) {
        let Some(inv) = self.invocations.get_mut(&invocation) else {
            return;
        };
        match step {
            Step::Done(outcome) => {
                if let Some(t) = inv.wake.take() {
                    ctx.timers.cancel(t);
                }
                // The response leaves when the modelled duration has passed.
                let at = (inv.started + outcome.duration_ms.ceil() as Millis).max(ctx.now);
                inv.outcome = Some(outcome);
                ctx.schedule(
                    at,
                    TimerClass::Pending,
                    Timer::Lambda(LambdaTimer::Finish { invocation }),
                );
            }
            Step::Suspended {
                wake_at,
                host_calls,
            } => {
                for call in host_calls {
                    let target = call.target();
                    let mut input = call.input;
                    // What the function sends to SQS carries its chain of requests (recursion detection).
                    if let Some(f) = self.functions.get(&inv.function) {
                        let header = super::recursion::trace_header(
                            &inv.request_id,
                            inv.started,
                            &f.arn,
                            inv.chain,
                        );
                        super::recursion::stamp_send(&target, &mut input, &header);
                    }
                    self.outgoing.push(Outbound::Call {
                        token: Some(Token::Call {
                            invocation,
                            call: call.id,
                        }),
                        action: Cow::Owned(target),
                        input: Payload::Json(input),
                    });
                }
                if let Some(at) = wake_at {
                    if let Some(t) = inv.wake.take() {
                        ctx.timers.cancel(t);
                    }
                    inv.wake = Some(ctx.schedule(
                        at.max(ctx.now),
                        TimerClass::Pending,
                        Timer::Lambda(LambdaTimer::Wake { invocation }),
                    ));
                }
            }
        }
    }

    /// The world's answer to an SDK call a function made: delivered after the modelled latency.
    pub fn deliver(
        &mut self,
        ctx: &mut Ctx,
        invocation: u64,
        call: u64,
        result: Result<Value, AwsError>,
    ) {
        let Some(inv) = self.invocations.get_mut(&invocation) else {
            return;
        };
        let result = result.map_err(|e| HostError {
            code: e.code,
            message: e.message,
            sender_fault: e.sender_fault,
            http_status: e.status,
        });
        inv.results.insert(call, HostResult { id: call, result });
        ctx.schedule(
            ctx.now + SDK_LATENCY,
            TimerClass::Pending,
            Timer::Lambda(LambdaTimer::HostResult { invocation, call }),
        );
    }

    fn finish(&mut self, ctx: &mut Ctx, invocation: u64) {
        let Some(inv) = self.invocations.remove(&invocation) else {
            return;
        };
        let Some(outcome) = inv.outcome else { return };
        let (memory, arm) = self.functions.get(&inv.function).map_or((128, false), |f| {
            (f.latest.memory_size, f.latest.architecture == "arm64")
        });
        let billed = runtime::billed_duration_ms(
            outcome.duration_ms,
            outcome.init_duration_ms.or(inv.init_ms),
        );
        let gb_seconds = billed as f64 / 1000.0 * memory as f64 / 1024.0;
        let arm_gb_seconds = if arm { gb_seconds } else { 0.0 };
        self.usage.gb_seconds += gb_seconds;
        self.usage.arm_gb_seconds += arm_gb_seconds;
        self.add_usage(&inv.function, |usage| {
            usage.gb_seconds += gb_seconds;
            usage.arm_gb_seconds += arm_gb_seconds;
        });
        // The log: START, the function's lines, END, REPORT; with the JSON log format,
        // platform.start and platform.report records (none below the SystemLogLevel).
        let logging = self
            .functions
            .get(&inv.function)
            .map(|f| {
                inv.version
                    .parse::<u32>()
                    .ok()
                    .and_then(|v| f.versions.get(&v))
                    .unwrap_or(&f.latest)
                    .logging
                    .clone()
            })
            .unwrap_or_default();
        let max_memory = (memory / 2).clamp(60, 90).min(memory);
        let report = runtime::ReportInfo {
            request_id: &inv.request_id,
            duration_ms: outcome.duration_ms,
            memory_mb: memory,
            max_memory_used_mb: max_memory,
            init_duration_ms: inv.init_ms,
        };
        let started = super::invocation_log::Started {
            at: inv.started,
            request_id: &inv.request_id,
            version: &inv.version,
        };
        let lines = super::invocation_log::lines(&logging, &started, &outcome, &report, ctx.now);
        let stream = inv
            .slot
            .and_then(|s| self.environments.slots.get(&s))
            .map(|s| s.env.config().log_stream_name.clone())
            .unwrap_or_else(|| {
                format!(
                    "{}/[{}]init-failed",
                    &format_iso(ctx.now)[..10].replace('-', "/"),
                    inv.version
                )
            });
        // The tail LogType=Tail returns, written only when it was asked for.
        let tail_text = match inv.kind {
            Kind::Sync { tail: true } => Some(tail_of(&lines)),
            _ => None,
        };
        self.outgoing.push(Outbound::Call {
            token: None,
            action: Cow::Borrowed("logs:PutLogLines"),
            input: Payload::Typed(Box::new(PutLogLines {
                group: logging.group(&inv.function),
                stream,
                lines,
            })),
        });
        // Free the environment, or discard it after a timeout or crash.
        if let Some(slot_id) = inv.slot {
            if outcome.environment_reusable {
                if let Some(slot) = self.environments.slots.get_mut(&slot_id) {
                    slot.busy = None;
                    slot.idle_since = ctx.now;
                    slot.reclaim_timer = Some(ctx.schedule(
                        ctx.now + IDLE_RECLAIM,
                        TimerClass::Background,
                        Timer::Lambda(LambdaTimer::Reclaim {
                            environment: slot_id,
                        }),
                    ));
                }
            } else if let Some(slot) = self.environments.slots.remove(&slot_id) {
                ctx.emit(LambdaEvent::EnvironmentReclaimed {
                    function: slot.function.as_str().into(),
                    environment: slot_id,
                });
            }
        }
        let error_type = outcome.result.as_ref().err().map(|e| e.error_type.clone());
        ctx.emit(LambdaEvent::InvocationFinished {
            function: inv.function.as_str().into(),
            request_id: inv.request_id.as_str().into(),
            error_type: error_type.clone().map(Into::into),
            duration_ms: (outcome.duration_ms * 100.0).round() / 100.0,
            billed_duration_ms: billed,
        });
        let succeeded = outcome.result.is_ok();
        let response_payload = match outcome.result {
            Ok(v) => v,
            Err(e) => e.to_json(),
        };
        match inv.kind {
            Kind::Sync { .. } => {
                let mut answer = json!({ "StatusCode": 200, "ExecutedVersion": inv.version, "Payload": response_payload });
                if error_type.is_some() {
                    answer["FunctionError"] = json!("Unhandled");
                }
                if let Some(tail_text) = tail_text {
                    answer["LogResult"] = json!(tail_text);
                }
                // Whoever called (the outside, or a handler's SDK call) gets it through the router.
                self.outgoing.push(Outbound::Answer {
                    ticket: invocation,
                    result: Ok(answer),
                });
            }
            Kind::Event { event } => self.event_done(
                ctx,
                event,
                &inv.version,
                succeeded,
                response_payload,
                error_type.is_some(),
            ),
            Kind::Poll { mapping, poller } => {
                self.batch_done(ctx, mapping, poller, succeeded.then_some(&response_payload))
            }
        }
    }

    pub fn is_running(&self, invocation: u64) -> bool {
        self.invocations.contains_key(&invocation)
    }
}

/// The last `TAIL_BYTES` of an invocation's log (from a character boundary), base64-encoded.
fn tail_of(lines: &[(Millis, String)]) -> String {
    let mut text = String::with_capacity(lines.iter().map(|(_, l)| l.len() + 1).sum());
    for (_, line) in lines {
        text.push_str(line);
        text.push('\n');
    }
    let start = text.len().saturating_sub(TAIL_BYTES);
    let start = (start..text.len())
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len());
    base64::engine::general_purpose::STANDARD.encode(&text[start..])
}

fn too_large(limit: usize, action: &str) -> AwsError {
    AwsError::new(
        "com.amazonaws.lambda",
        "RequestTooLargeException",
        413,
        format!("Request must be smaller than {limit} bytes for the {action} operation"),
    )
}
