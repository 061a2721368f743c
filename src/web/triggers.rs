//! The function panel's triggers: the function's SQS event source mappings
//! (settings, state, the pollers Lambda runs for each and what they have
//! done), a form that adds one (`lambda:CreateEventSourceMapping`), and
//! Enable / Disable (`UpdateEventSourceMapping`) and Delete
//! (`DeleteEventSourceMapping`). Every action is a scenario step; an AWS
//! error shows here, code and message, and changes nothing.

use super::state::{AppState, StepError};
use super::timeline::ErrorBox;
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
    super::message_forms::call_into(state, error, action, input);
}

/// The SQS triggers of function `name`.
#[component]
pub fn Triggers(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let triggers = {
        let name = name.clone();
        Memo::new(move |_| {
            state.read_in(|r| {
                r.lambda()
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
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="trigger-error" /> })}
            <Show when=move || triggers.with(Vec::is_empty)>
                <p class="empty">"No triggers. Add an SQS queue below: Lambda polls it and invokes this function with batches of messages."</p>
            </Show>
            <ul class="trigger-list">
                <For
                    each=move || {
                        let generation = state.generation.get();
                        triggers.with(|t| t.iter().map(|t| (generation, t.uuid.clone())).collect::<Vec<_>>())
                    }
                    key=|k| k.clone()
                    children=move |(_, uuid)| {
                        let trigger = Memo::new(move |_| triggers.with(|t| t.iter().find(|t| t.uuid == uuid).cloned()));
                        view! { <TriggerItem trigger error /> }
                    }
                />
            </ul>
            <AddTrigger name error />
        </div>
    }
}

/// One mapping: its queue, state, settings, pollers and counters, its
/// buttons, and a form that changes its settings (kept across updates of the
/// counters, so typing is not lost while the world moves).
#[component]
fn TriggerItem(
    trigger: Memo<Option<Trigger>>,
    error: RwSignal<Option<StepError>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let field = move |f: fn(&Trigger) -> String| {
        move || trigger.with(|t| t.as_ref().map(f).unwrap_or_default())
    };
    let uuid = move || trigger.with(|t| t.as_ref().map(|t| t.uuid.clone()).unwrap_or_default());
    let mapping_state = move || trigger.with(|t| t.as_ref().map(|t| t.state));
    let enabled = move || mapping_state() == Some(MappingState::Enabled);
    let deleting = move || mapping_state() == Some(MappingState::Deleting);
    let toggle = move |_| {
        run(
            state,
            error,
            "lambda:UpdateEventSourceMapping",
            json!({ "UUID": untrack(uuid), "Enabled": !untrack(enabled) }),
        );
    };
    let delete = move |_| {
        run(
            state,
            error,
            "lambda:DeleteEventSourceMapping",
            json!({ "UUID": untrack(uuid) }),
        );
    };
    view! {
        <li class="trigger" data-testid="trigger" data-queue=field(|t| t.queue.clone()) data-uuid=uuid>
            <div class="trigger-head">
                <span class="trigger-queue">"SQS " <strong>{field(|t| t.queue.clone())}</strong></span>
                <span class=move || format!("trigger-state {}", field(|t| t.state.as_str().to_lowercase())())
                    data-testid="trigger-state">{field(|t| t.state.as_str().to_string())}</span>
                <span class="trigger-buttons">
                    <Show when=move || !deleting()>
                        <button class="small" data-testid="toggle-trigger" on:click=toggle>
                            {move || if enabled() { "Disable" } else { "Enable" }}
                        </button>
                        <button class="small danger" data-testid="delete-trigger" on:click=delete>"Delete"</button>
                    </Show>
                </span>
            </div>
            <div class="trigger-settings" data-testid="trigger-settings">{field(Trigger::settings_text)}</div>
            <div class="trigger-pollers" data-testid="trigger-pollers">{field(Trigger::pollers_text)}</div>
            <div class="trigger-stats" data-testid="trigger-stats">{field(Trigger::stats_text)}</div>
            <Show when=move || !deleting()>
                <EditTrigger trigger error />
            </Show>
            <div class="muted trigger-uuid">"UUID " <code>{uuid}</code></div>
        </li>
    }
}

/// UpdateEventSourceMapping: blank fields stay as they are.
#[component]
fn EditTrigger(
    trigger: Memo<Option<Trigger>>,
    error: RwSignal<Option<StepError>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = move |f: fn(&Trigger) -> String| {
        move || trigger.with(|t| t.as_ref().map(f).unwrap_or_default())
    };
    let batch_size = RwSignal::new(String::new());
    let window = RwSignal::new(String::new());
    let max_concurrency = RwSignal::new(String::new());
    let report_failures = RwSignal::new(None::<bool>);
    let number = |s: String| super::message_forms::number(&s);
    let update = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(uuid) = trigger.with_untracked(|t| t.as_ref().map(|t| t.uuid.clone())) else {
            return;
        };
        let mut input = json!({ "UUID": uuid });
        if let Some(n) = number(batch_size.get_untracked()) {
            input["BatchSize"] = n;
        }
        if let Some(n) = number(window.get_untracked()) {
            input["MaximumBatchingWindowInSeconds"] = n;
        }
        if let Some(on) = report_failures.get_untracked() {
            input["FunctionResponseTypes"] = if on {
                json!(["ReportBatchItemFailures"])
            } else {
                json!([])
            };
        }
        let concurrency = max_concurrency.get_untracked();
        if concurrency.trim().eq_ignore_ascii_case("none") {
            // An empty ScalingConfig removes MaximumConcurrency.
            input["ScalingConfig"] = json!({});
        } else if let Some(n) = number(concurrency) {
            input["ScalingConfig"] = json!({ "MaximumConcurrency": n });
        }
        run(state, error, "lambda:UpdateEventSourceMapping", input);
        if error.get_untracked().is_none() {
            batch_size.set(String::new());
            window.set(String::new());
            max_concurrency.set(String::new());
            report_failures.set(None);
        }
    };
    let checked = move || {
        report_failures.get().unwrap_or_else(|| {
            trigger.with(|t| t.as_ref().is_some_and(|t| t.report_batch_item_failures))
        })
    };
    view! {
        <details class="trigger-edit">
            <summary>"Change settings (UpdateEventSourceMapping)"</summary>
            <form class="trigger-form" novalidate=true on:submit=update>
                <div class="row">
                    <label>"BatchSize"
                        <input type="number" class="small" data-testid="edit-batch-size" placeholder=current(|t| t.batch_size.to_string())
                            prop:value=move || batch_size.get() on:input=move |ev| batch_size.set(event_target_value(&ev)) /></label>
                    <label>"Window (s)"
                        <input type="number" class="small" data-testid="edit-window" placeholder=current(|t| t.batching_window.to_string())
                            prop:value=move || window.get() on:input=move |ev| window.set(event_target_value(&ev)) /></label>
                    <label title="2–1,000, or none to remove the limit">"Max concurrency"
                        <input class="small" data-testid="edit-max-concurrency"
                            placeholder=current(|t| t.maximum_concurrency.map_or("none".to_string(), |n| n.to_string()))
                            prop:value=move || max_concurrency.get() on:input=move |ev| max_concurrency.set(event_target_value(&ev)) /></label>
                </div>
                <label class="check">
                    <input type="checkbox" prop:checked=checked on:change=move |ev| report_failures.set(Some(event_target_checked(&ev))) />
                    "ReportBatchItemFailures"
                </label>
                <button type="submit" class="small" data-testid="update-trigger">"Update"</button>
            </form>
        </details>
    }
}

/// The form that adds an SQS trigger (CreateEventSourceMapping).
#[component]
fn AddTrigger(name: String, error: RwSignal<Option<StepError>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    // (name, ARN) of every queue, by name.
    let fname = name.clone();
    let queues = Memo::new(move |_| {
        state.read_in(|r| {
            let mut q: Vec<(String, String)> = r
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
        let mapped: Vec<String> = state.read_in(|r| {
            r.lambda()
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
                <p class="empty">"Create a queue first (in Resources)."</p>
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
