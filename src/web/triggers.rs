//! The function panel's triggers: the function's SQS event source mappings
//! (settings, state, the pollers Lambda runs for each and what they have
//! done), a form that adds one (`lambda:CreateEventSourceMapping`), and
//! Enable / Disable (`UpdateEventSourceMapping`) and Delete
//! (`DeleteEventSourceMapping`). Every action is a scenario step; an AWS
//! error shows here, code and message, and changes nothing.

use super::state::{AppState, StepError};
use crate::services::lambda::event_sources::{MappingState, MappingStats};
use crate::services::lambda::sqs_pollers::{
    PollerState, SCALE_INTERVAL, SCALE_STEP, START_BATCHES,
};
use leptos::prelude::*;
use serde_json::{json, Value};

const GUIDE: &str = "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html";

/// What the panel shows of one mapping (a copy, so the view can compare it).
#[derive(Clone, Debug, PartialEq)]
struct Trigger {
    uuid: String,
    queue: String,
    state: MappingState,
    batch_size: u32,
    batching_window: u32,
    report_batch_item_failures: bool,
    maximum_concurrency: Option<u32>,
    receiving: usize,
    invoking: usize,
    backing_off: usize,
    /// Records gathered by pollers still inside their batching window.
    gathering: usize,
    stats: MappingStats,
}

impl Trigger {
    fn pollers_text(&self) -> String {
        let total = self.receiving + self.invoking + self.backing_off;
        let mut text = format!(
            "{total} pollers: {} receiving · {} invoking · {} backing off",
            self.receiving, self.invoking, self.backing_off
        );
        if self.gathering > 0 {
            text.push_str(&format!(
                " · {} records gathered in the window",
                self.gathering
            ));
        }
        text
    }

    fn stats_text(&self) -> String {
        let s = &self.stats;
        format!(
            "{} batches · {} records · {} deleted · {} failed batches · {} failed records · {} throttled",
            s.batches, s.records, s.deleted, s.failed_batches, s.failed_records, s.throttled
        )
    }

    fn settings_text(&self) -> String {
        let mut parts = vec![
            format!("BatchSize {}", self.batch_size),
            format!("window {} s", self.batching_window),
        ];
        if self.report_batch_item_failures {
            parts.push("ReportBatchItemFailures".to_string());
        }
        parts.push(match self.maximum_concurrency {
            Some(n) => format!("MaximumConcurrency {n}"),
            None => "MaximumConcurrency none (up to 1,000)".to_string(),
        });
        parts.join(" · ")
    }
}

/// Runs a trigger action as a scenario step; its AWS error, if any, shows in the section.
fn run(state: AppState, error: RwSignal<Option<StepError>>, action: &str, input: Value) {
    let ok = state.call(action, input).is_some();
    error.set(if ok {
        None
    } else {
        state.last_error.get_untracked()
    });
}

/// The SQS triggers of function `name`.
#[component]
pub fn Triggers(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let triggers = {
        let name = name.clone();
        Memo::new(move |_| {
            state.read(|r| {
                r.world()
                    .lambda()
                    .event_source_mappings()
                    .filter(|m| m.function == name)
                    .map(|m| {
                        let count = |f: fn(&PollerState) -> bool| {
                            m.pollers.values().filter(|p| f(&p.state)).count()
                        };
                        Trigger {
                            uuid: m.uuid.clone(),
                            queue: m.queue_name.clone(),
                            state: m.state,
                            batch_size: m.batch_size,
                            batching_window: m.batching_window,
                            report_batch_item_failures: m.report_batch_item_failures,
                            maximum_concurrency: m.maximum_concurrency,
                            receiving: count(|s| matches!(s, PollerState::Receiving)),
                            invoking: count(|s| matches!(s, PollerState::Invoking { .. })),
                            backing_off: count(|s| matches!(s, PollerState::BackingOff { .. })),
                            gathering: m.pollers.values().map(|p| p.batch.len()).sum(),
                            stats: m.stats.clone(),
                        }
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    // The last trigger action's AWS error, shown in this section.
    let error = RwSignal::new(None::<StepError>);
    view! {
        <div class="triggers" data-testid="triggers">
            <h3>"Triggers (SQS event source mappings) "
                <a class="muted" href=GUIDE target="_blank" rel="noopener">"(Using Lambda with Amazon SQS)"</a></h3>
            {move || error.get().map(|e| view! {
                <div class="error-box" data-testid="trigger-error" role="alert">
                    <div class="error-title">
                        <span class="error-action">{e.action}</span>
                        " returned an error: "
                        <code class="error-code">{e.code}</code>
                    </div>
                    <div class="error-message">{e.message}</div>
                </div>
            })}
            <Show when=move || triggers.with(Vec::is_empty)>
                <p class="empty">"No triggers. Add an SQS queue below: Lambda polls it and invokes this function with batches of messages."</p>
            </Show>
            <ul class="trigger-list">
                {move || triggers.get().into_iter().map(|t| view! { <TriggerItem trigger=t error /> }).collect_view()}
            </ul>
            <AddTrigger name error />
        </div>
    }
}

/// One mapping: its queue, state, settings, pollers and counters, and its buttons.
#[component]
fn TriggerItem(trigger: Trigger, error: RwSignal<Option<StepError>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let uuid = trigger.uuid.clone();
    let enabled = trigger.state == MappingState::Enabled;
    let deleting = trigger.state == MappingState::Deleting;
    let toggle = {
        let uuid = uuid.clone();
        move |_| {
            run(
                state,
                error,
                "lambda:UpdateEventSourceMapping",
                json!({ "UUID": uuid, "Enabled": !enabled }),
            );
        }
    };
    let delete = {
        let uuid = uuid.clone();
        move |_| {
            run(
                state,
                error,
                "lambda:DeleteEventSourceMapping",
                json!({ "UUID": uuid }),
            );
        }
    };
    let state_class = trigger.state.as_str().to_lowercase();
    view! {
        <li class="trigger" data-testid="trigger" data-queue=trigger.queue.clone() data-uuid=uuid.clone()>
            <div class="trigger-head">
                <span class="trigger-queue">"SQS " <strong>{trigger.queue.clone()}</strong></span>
                <span class=format!("trigger-state {state_class}") data-testid="trigger-state">{trigger.state.as_str()}</span>
                <span class="trigger-buttons">
                    <Show when=move || !deleting>
                        <button class="small" data-testid="toggle-trigger" on:click=toggle.clone()>
                            {if enabled { "Disable" } else { "Enable" }}
                        </button>
                        <button class="small danger" data-testid="delete-trigger" on:click=delete.clone()>"Delete"</button>
                    </Show>
                </span>
            </div>
            <div class="trigger-settings" data-testid="trigger-settings">{trigger.settings_text()}</div>
            <div class="trigger-pollers" data-testid="trigger-pollers">{trigger.pollers_text()}</div>
            <div class="trigger-stats" data-testid="trigger-stats">{trigger.stats_text()}</div>
            <div class="muted trigger-uuid">"UUID " <code>{uuid.clone()}</code></div>
        </li>
    }
}

/// The form that adds an SQS trigger (CreateEventSourceMapping).
#[component]
fn AddTrigger(name: String, error: RwSignal<Option<StepError>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    // (name, ARN) of every queue, by name.
    let fname = name.clone();
    let queues = Memo::new(move |_| {
        state.read(|r| {
            let mut q: Vec<(String, String)> = r
                .world()
                .sqs()
                .queues()
                .map(|q| (q.name.to_string(), q.arn.clone()))
                .collect();
            q.sort();
            q
        })
    });
    // Until one is chosen, the picker offers the first queue that is not yet a trigger of this function.
    let default_arn = Memo::new(move |_| {
        let mapped: Vec<String> = state.read(|r| {
            r.world()
                .lambda()
                .event_source_mappings()
                .filter(|m| m.function == fname && m.state != MappingState::Deleting)
                .map(|m| m.queue_arn.clone())
                .collect()
        });
        queues.with(|q| {
            q.iter()
                .find(|(_, arn)| !mapped.contains(arn))
                .or(q.first())
                .map(|(_, arn)| arn.clone())
                .unwrap_or_default()
        })
    });
    let queue = RwSignal::new(String::new());
    let picked = move || {
        let chosen = queue.get();
        if queues.with(|q| q.iter().any(|(_, arn)| *arn == chosen)) {
            chosen
        } else {
            default_arn.get()
        }
    };
    let batch_size = RwSignal::new(String::from("10"));
    let window = RwSignal::new(String::from("0"));
    let report_failures = RwSignal::new(false);
    let max_concurrency = RwSignal::new(String::new());
    let number = |s: String| super::message_forms::number(&s);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let arn = untrack(picked);
        if arn.is_empty() {
            return;
        }
        let mut input = json!({ "FunctionName": name, "EventSourceArn": arn });
        if let Some(n) = number(batch_size.get_untracked()) {
            input["BatchSize"] = n;
        }
        if let Some(n) = number(window.get_untracked()) {
            input["MaximumBatchingWindowInSeconds"] = n;
        }
        if report_failures.get_untracked() {
            input["FunctionResponseTypes"] = json!(["ReportBatchItemFailures"]);
        }
        if let Some(n) = number(max_concurrency.get_untracked()) {
            input["ScalingConfig"] = json!({ "MaximumConcurrency": n });
        }
        run(state, error, "lambda:CreateEventSourceMapping", input);
    };
    view! {
        <form class="trigger-form" novalidate=true on:submit=add>
            <h3>"Add an SQS trigger"</h3>
            <Show when=move || queues.with(Vec::is_empty)>
                <p class="empty">"Create a queue first (left panel)."</p>
            </Show>
            <div class="row">
                <label>
                    "Queue"
                    <select data-testid="trigger-queue" on:change=move |ev| queue.set(event_target_value(&ev))>
                        {move || queues.get().into_iter().map(|(n, arn)| {
                            let chosen = arn.clone();
                            view! { <option value=arn selected=move || picked() == chosen>{n}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label title="Records per invocation: 1–10,000 (1–10 for a FIFO queue); above 10 needs a batching window. Default 10.">
                    "BatchSize"
                    <input type="number" min="1" max="10000" class="small" data-testid="trigger-batch-size"
                        prop:value=move || batch_size.get() on:input=move |ev| batch_size.set(event_target_value(&ev)) />
                </label>
                <label title="MaximumBatchingWindowInSeconds: 0–300 s of gathering before invoking (not on FIFO queues). Default 0.">
                    "Window (s)"
                    <input type="number" min="0" max="300" class="small" data-testid="trigger-window"
                        prop:value=move || window.get() on:input=move |ev| window.set(event_target_value(&ev)) />
                </label>
                <label title="ScalingConfig.MaximumConcurrency: 2–1,000 concurrent batches; empty for none.">
                    "Max concurrency"
                    <input type="number" min="2" max="1000" class="small" data-testid="trigger-max-concurrency" placeholder="none"
                        prop:value=move || max_concurrency.get() on:input=move |ev| max_concurrency.set(event_target_value(&ev)) />
                </label>
            </div>
            <label class="check" title="FunctionResponseTypes [ReportBatchItemFailures]: the function returns batchItemFailures, and only those messages return to the queue.">
                <input type="checkbox" data-testid="trigger-report-failures"
                    prop:checked=move || report_failures.get() on:change=move |ev| report_failures.set(event_target_checked(&ev)) />
                "ReportBatchItemFailures (partial batch responses)"
            </label>
            <p class="muted trigger-note">
                "The queue's VisibilityTimeout must be at least the function's Timeout (AWS recommends six times it). "
                {format!(
                    "Lambda starts with {START_BATCHES} concurrent batches and adds up to {} a minute while messages wait, up to MaximumConcurrency.",
                    SCALE_STEP as u64 * 60_000 / SCALE_INTERVAL
                )}
            </p>
            <button type="submit" class="primary" data-testid="add-trigger" disabled=move || queues.with(Vec::is_empty)>
                "Add trigger (CreateEventSourceMapping)"
            </button>
        </form>
    }
}
