//! A running invocation, driven by Lambda's timers: INIT on a cold start, the
//! handler's turns (waking at its timers; its SDK calls go out through the
//! router and come back after `SDK_LATENCY`), and the finish at the modelled
//! duration, when the START/END/REPORT lines go to CloudWatch Logs, the
//! environment is freed and the result goes to whoever invoked (the caller,
//! the async event queue, or an event source mapping's poller).

use super::environments::IDLE_RECLAIM;
use super::events::LambdaEvent;
use super::invoke::{Kind, SDK_LATENCY};
use super::{Lambda, LambdaTimer};
use crate::api::AwsError;
use crate::kernel::route::PutLogLines;
use crate::kernel::{Ctx, Outbound, Payload, Timer, Token};
use crate::runtime::{self, HostError, HostResult, InvokeInfo, Step};
use crate::sim::{format_iso, Millis, TimerClass};
use base64::Engine;
use serde_json::{json, Value};
use std::borrow::Cow;

/// The tail of the log LogType=Tail returns.
const TAIL_BYTES: usize = 4 * 1024;

impl Lambda {
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
            type_name: e.type_name,
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
        let (memory, arm, storage) =
            self.functions
                .get(&inv.function)
                .map_or((128, false, 512), |f| {
                    (
                        f.latest.memory_size,
                        f.latest.architecture == "arm64",
                        f.latest.ephemeral_storage,
                    )
                });
        let billed = runtime::billed_duration_ms(
            outcome.duration_ms,
            outcome.init_duration_ms.or(inv.init_ms),
        );
        let gb_seconds = billed as f64 / 1000.0 * memory as f64 / 1024.0;
        let arm_gb_seconds = if arm { gb_seconds } else { 0.0 };
        // Storage above the free 512 MB is billed for the same duration.
        let storage_gb_seconds =
            billed as f64 / 1000.0 * storage.saturating_sub(512) as f64 / 1024.0;
        self.usage.gb_seconds += gb_seconds;
        self.usage.arm_gb_seconds += arm_gb_seconds;
        self.usage.storage_gb_seconds += storage_gb_seconds;
        self.add_usage(&inv.function, |usage| {
            usage.gb_seconds += gb_seconds;
            usage.arm_gb_seconds += arm_gb_seconds;
            usage.storage_gb_seconds += storage_gb_seconds;
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
