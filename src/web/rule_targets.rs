//! A rule's targets in its inspector: each target's ARN, retry policy and
//! dead-letter queue, with the input it would be sent for the panel's sample
//! event (`Target::input_for`, the same code the bus delivers with), a Remove
//! button (`events:RemoveTargets`), and the form that adds a target
//! (`events:PutTargets`): a queue, function or bus of the place shown, or any
//! ARN, with its input mode (the matched event, constant Input, InputPath or
//! an InputTransformer), RetryPolicy and DeadLetterConfig. PutTargets answers
//! a refused target in FailedEntries, shown like an error.

use super::message_forms::call_here;
use super::state::{AppState, StepError};
use super::timeline::ErrorBox;
use leptos::prelude::*;
use serde_json::{json, Value};

/// One target as the panel shows it.
#[derive(Clone, PartialEq)]
struct TargetRow {
    id: String,
    arn: String,
    mode: &'static str,
    retry: String,
    dead_letter: Option<String>,
    /// The input for the sample event, or why there is none.
    preview: String,
}

fn rows(state: AppState, bus: &str, rule: &str, sample: &str) -> Vec<TargetRow> {
    let event: Option<Value> = serde_json::from_str(sample).ok();
    state.read_in(|p| {
        let Some(r) = p.events().bus(bus).and_then(|b| b.rules.get(rule)) else {
            return Vec::new();
        };
        r.targets
            .iter()
            .map(|t| TargetRow {
                id: t.id.to_string(),
                arn: t.arn.to_string(),
                mode: if t.transformer.is_some() {
                    "InputTransformer"
                } else if t.input.is_some() {
                    "Input (constant)"
                } else if t.input_path.is_some() {
                    "InputPath"
                } else {
                    "Matched event"
                },
                retry: format!(
                    "{} retries, events up to {} s old",
                    t.max_attempts, t.max_age_seconds
                ),
                dead_letter: t.dead_letter_arn.as_ref().map(|d| d.to_string()),
                preview: match &event {
                    Some(e) if e.is_object() => t.input_for(e, &r.name, &r.arn).text(),
                    _ => "(the sample event in the Test tab is not a JSON object)".to_string(),
                },
            })
            .collect()
    })
}

#[component]
pub fn Targets(bus: String, rule: String, sample: RwSignal<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let error = RwSignal::new(None::<StepError>);
    let list = {
        let (bus, rule) = (bus.clone(), rule.clone());
        Memo::new(move |_| sample.with(|s| rows(state, &bus, &rule, s)))
    };
    let (form_bus, form_rule) = (bus.clone(), rule.clone());
    view! {
        <h3>"Targets " <span class="muted">{move || format!("({} of 5)", list.with(Vec::len))}</span></h3>
        {move || {
            let rows = list.get();
            if rows.is_empty() {
                return view! { <p class="empty">"No targets: matched events go nowhere. Add one below."</p> }.into_any();
            }
            rows.into_iter().map(|t| {
                let remove = {
                    let input = json!({ "Rule": rule, "EventBusName": bus, "Ids": [t.id] });
                    move |_| { call_here(state, error, "targets-error", "events:RemoveTargets", input.clone()); }
                };
                view! {
                    <div class="target-card" data-testid="target-row">
                        <div class="row">
                            <strong>{t.id.clone()}</strong>
                            <code class="target-arn">{t.arn.clone()}</code>
                            <button type="button" class="danger small" data-testid="remove-target" on:click=remove>"Remove"</button>
                        </div>
                        <p class="muted small">{format!("{} · {}", t.mode, t.retry)}
                            {t.dead_letter.clone().map(|d| format!(" · dead-letter queue {d}"))}</p>
                        <details open=true>
                            <summary>"Input for the sample event"</summary>
                            <pre class="json" data-testid="target-input-preview">{t.preview.clone()}</pre>
                        </details>
                    </div>
                }
            }).collect_view().into_any()
        }}
        {move || error.get().map(|e| view! { <ErrorBox error=e testid="targets-error" /> })}
        <AddTargetForm bus=form_bus rule=form_rule />
    }
}

/// The ARNs a target may name in the place shown (a schedule's choices, and the API
/// destinations): (label, ARN, whether a FIFO queue).
fn candidates(state: AppState) -> Vec<(String, String, bool)> {
    let mut out: Vec<(String, String, bool)> = super::schedules::target_choices(state)
        .into_iter()
        .map(|(label, arn)| {
            let fifo = arn.starts_with("arn:aws:sqs:") && arn.ends_with(".fifo");
            (label, arn, fifo)
        })
        .collect();
    state.read_in(|p| {
        for d in p.events().api_destinations() {
            out.push((
                format!("API destination {}", d.name),
                d.arn.to_string(),
                false,
            ));
        }
    });
    out
}

/// The InputTransformer a person starts from.
const SAMPLE_PATHS: &str = "{\"order\": \"$.detail.orderId\", \"amount\": \"$.detail.amount\"}";
const SAMPLE_TEMPLATE: &str = "\"Order <order> for <amount> EUR\"";

#[component]
fn AddTargetForm(bus: String, rule: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let options = Memo::new(move |_| candidates(state));
    let arn = RwSignal::new(String::new());
    let id = RwSignal::new(String::new());
    let mode = RwSignal::new("event".to_string());
    let constant = RwSignal::new("{\"hello\": \"world\"}".to_string());
    let path = RwSignal::new("$.detail".to_string());
    let paths = RwSignal::new(SAMPLE_PATHS.to_string());
    let template = RwSignal::new(SAMPLE_TEMPLATE.to_string());
    let retries = RwSignal::new(String::new());
    let age = RwSignal::new(String::new());
    let dead_letter = RwSignal::new(String::new());
    let group = RwSignal::new(String::new());
    let error = RwSignal::new(None::<StepError>);
    let fifo = move || {
        let chosen = arn.get();
        options.with(|o| o.iter().any(|(_, a, f)| *f && *a == chosen))
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let target_arn = arn.get_untracked().trim().to_string();
        let mut target_id = id.get_untracked().trim().to_string();
        if target_id.is_empty() {
            // The console's way: a name from the ARN's last part.
            target_id = target_arn
                .rsplit([':', '/'])
                .next()
                .unwrap_or("target")
                .to_string();
        }
        let mut target = json!({ "Id": target_id, "Arn": target_arn });
        if target_arn.contains(":api-destination/") {
            // AWS requires a role for an API destination target; Stratus has no IAM to check it.
            let account = state.place_untracked().account;
            target["RoleArn"] = json!(format!(
                "arn:aws:iam::{account}:role/eventbridge-invoke-api-destination"
            ));
        }
        match mode.get_untracked().as_str() {
            "input" => target["Input"] = json!(constant.get_untracked()),
            "path" => target["InputPath"] = json!(path.get_untracked()),
            "transformer" => {
                let map: Value = serde_json::from_str(&paths.get_untracked())
                    .unwrap_or(Value::String(paths.get_untracked()));
                target["InputTransformer"] =
                    json!({ "InputPathsMap": map, "InputTemplate": template.get_untracked() });
            }
            _ => {}
        }
        let mut retry = serde_json::Map::new();
        if let Some(n) = super::message_forms::number(&retries.get_untracked()) {
            retry.insert("MaximumRetryAttempts".into(), n);
        }
        if let Some(n) = super::message_forms::number(&age.get_untracked()) {
            retry.insert("MaximumEventAgeInSeconds".into(), n);
        }
        if !retry.is_empty() {
            target["RetryPolicy"] = Value::Object(retry);
        }
        let dlq = dead_letter.get_untracked();
        if !dlq.is_empty() {
            target["DeadLetterConfig"] = json!({ "Arn": dlq });
        }
        let g = group.get_untracked();
        if !g.trim().is_empty() {
            target["SqsParameters"] = json!({ "MessageGroupId": g.trim() });
        }
        let input = json!({ "Rule": rule, "EventBusName": bus, "Targets": [target] });
        let Some(out) = call_here(state, error, "add-target-error", "events:PutTargets", input)
        else {
            return;
        };
        // PutTargets answers 200 with the targets it refused in FailedEntries.
        let failed =
            out.get("FailedEntries")
                .and_then(|f| f.get(0))
                .map(|f| super::state::StepError {
                    action: "events:PutTargets".to_string(),
                    code: super::state::text_of(f, "ErrorCode"),
                    message: super::state::text_of(f, "ErrorMessage"),
                });
        if failed.is_none() {
            id.set(String::new());
        }
        error.set(failed);
    };
    let queue_arns = move || {
        options.with(|o| {
            o.iter()
                .filter(|(l, ..)| l.starts_with("SQS"))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <form class="create-form target-form" novalidate=true on:submit=submit aria-labelledby="add-target-title">
            <h3 id="add-target-title">"Add target"</h3>
            <label>"Target"
                <select data-testid="new-target-arn" on:change=move |ev| arn.set(event_target_value(&ev))>
                    <option value="" selected=true>"Choose a queue, function or bus…"</option>
                    {move || options.get().into_iter().map(|(label, a, _)| view! { <option value=a.clone()>{label}</option> }).collect_view()}
                </select>
            </label>
            <label>"or its ARN"
                <input data-testid="new-target-arn-text" spellcheck="false" prop:value=move || arn.get()
                    on:input=move |ev| arn.set(event_target_value(&ev)) />
            </label>
            <label>"Id"
                <input data-testid="new-target-id" placeholder="from the ARN" prop:value=move || id.get()
                    on:input=move |ev| id.set(event_target_value(&ev)) />
            </label>
            <label>"Input"
                <select data-testid="new-target-mode" on:change=move |ev| mode.set(event_target_value(&ev))>
                    <option value="event" selected=true>"Matched event"</option>
                    <option value="input">"Constant (JSON text)"</option>
                    <option value="path">"Part of the matched event (InputPath)"</option>
                    <option value="transformer">"Input transformer"</option>
                </select>
            </label>
            <Show when=move || mode.get() == "input">
                <textarea data-testid="new-target-input" rows="2" class="code" aria-label="Input"
                    prop:value=move || constant.get() on:input=move |ev| constant.set(event_target_value(&ev))></textarea>
            </Show>
            <Show when=move || mode.get() == "path">
                <input data-testid="new-target-input-path" aria-label="InputPath" prop:value=move || path.get()
                    on:input=move |ev| path.set(event_target_value(&ev)) />
            </Show>
            <Show when=move || mode.get() == "transformer">
                <label>"InputPathsMap (JSON: name → JSON path)"
                    <textarea data-testid="new-target-paths" rows="2" class="code"
                        prop:value=move || paths.get() on:input=move |ev| paths.set(event_target_value(&ev))></textarea>
                </label>
                <label>"InputTemplate (<name> is replaced; a quoted template makes a JSON string)"
                    <textarea data-testid="new-target-template" rows="2" class="code"
                        prop:value=move || template.get() on:input=move |ev| template.set(event_target_value(&ev))></textarea>
                </label>
            </Show>
            <div class="row">
                <label title="RetryPolicy.MaximumRetryAttempts: 0 to 185 (default 185).">"Maximum retries"
                    <input data-testid="new-target-retries" inputmode="numeric" placeholder="185"
                        prop:value=move || retries.get() on:input=move |ev| retries.set(event_target_value(&ev)) />
                </label>
                <label title="RetryPolicy.MaximumEventAgeInSeconds: 60 to 86400 (default 86400).">"Maximum event age (s)"
                    <input data-testid="new-target-age" inputmode="numeric" placeholder="86400"
                        prop:value=move || age.get() on:input=move |ev| age.set(event_target_value(&ev)) />
                </label>
            </div>
            <label title="DeadLetterConfig: the SQS queue that gets events the target never took.">"Dead-letter queue"
                <select data-testid="new-target-dlq" on:change=move |ev| dead_letter.set(event_target_value(&ev))>
                    <option value="" selected=true>"None"</option>
                    {move || queue_arns().into_iter().map(|(label, a, _)| view! { <option value=a.clone()>{label}</option> }).collect_view()}
                </select>
            </label>
            <Show when=fifo>
                <label title="SqsParameters.MessageGroupId: required for a FIFO queue target.">"MessageGroupId"
                    <input data-testid="new-target-group" prop:value=move || group.get()
                        on:input=move |ev| group.set(event_target_value(&ev)) />
                </label>
            </Show>
            <button type="submit" class="primary" data-testid="add-target">"Add target"</button>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="add-target-error" /> })}
            <p class="muted small">"Targets in the rule's Region: SQS queues, Lambda functions (invoked asynchronously), event buses (here or in another account) and API destinations (to the simulated HTTP endpoints). SNS and Step Functions targets are not simulated yet."</p>
        </form>
    }
}
