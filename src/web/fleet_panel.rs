//! The consumer fleets of the selected queue, in the queue panel: each
//! fleet's size (desired, running, in service), its counts, the scaling
//! rule's last reading, each poller's state with its countdown, and a form to
//! create, update or delete a fleet. The fleet is a Stratus built-in, not an
//! AWS service; every action here is a `fleet:` scenario step.

use super::state::AppState;
use crate::fleet::{PollerState, SCALING_DOC_URL};
use crate::sim::SECOND;
use leptos::prelude::*;
use serde_json::{json, Value};

#[derive(Clone, Debug, PartialEq)]
struct PollerView {
    name: String,
    state: String,
    busy: bool,
    processed: u64,
    failed: u64,
}

#[derive(Clone, Debug, PartialEq)]
struct FleetView {
    name: String,
    summary: String,
    size: String,
    scaling: String,
    error: Option<String>,
    pollers: Vec<PollerView>,
}

fn seconds(ms: u64) -> String {
    format!("{:.1} s", ms as f64 / SECOND as f64)
}

fn poller_state(state: &PollerState, now: u64) -> String {
    match state {
        PollerState::Starting { until } => {
            format!("starting · {}", seconds(until.saturating_sub(now)))
        }
        PollerState::Polling { since } => {
            format!("polling · waited {}", seconds(now.saturating_sub(*since)))
        }
        PollerState::Processing { until, .. } => {
            format!("processing · {}", seconds(until.saturating_sub(now)))
        }
        PollerState::Sleeping { until } => {
            format!("idle · next poll in {}", seconds(until.saturating_sub(now)))
        }
    }
}

/// A number typed in an input, passed as-is (the fleet validates ranges), or None when blank.
fn number(text: &str) -> Option<Value> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(
        text.parse::<i64>()
            .map(Value::from)
            .or_else(|_| text.parse::<f64>().map(Value::from))
            .unwrap_or_else(|_| Value::from(text)),
    )
}

#[component]
pub fn FleetSection(queue: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let fleets = {
        let queue = queue.clone();
        Memo::new(move |_| {
            state.read_in(|r| {
                let now = r.world().now();
                let Some(url) = r.sqs().queue(&queue).map(|q| q.url.clone()) else {
                    return Vec::new();
                };
                r.fleets()
                    .fleets()
                    .filter(|f| f.config.queue_url == url)
                    .map(|f| FleetView {
                        name: f.config.name.clone(),
                        size: format!(
                            "{} desired · {} running · {} in service",
                            f.desired,
                            f.running(),
                            f.in_service()
                        ),
                        summary: format!(
                            "{} processed · {} failed · {} receives ({} empty)",
                            f.processed, f.failed, f.receives, f.empty_receives
                        ),
                        scaling: match (&f.config.scaling, f.last_evaluation) {
                            (None, _) => "no scaling rule (fixed size)".to_string(),
                            (Some(s), None) => format!(
                                "target {} messages per poller, {}–{} pollers; first evaluation after {} s",
                                s.target_backlog_per_instance, s.min_size, s.max_size, s.evaluation_period / SECOND
                            ),
                            (Some(s), Some((visible, in_service))) => format!(
                                "last evaluation: {visible} visible / {in_service} in service = {:.1} per poller (target {}, {}–{} pollers)",
                                visible as f64 / in_service.max(1) as f64,
                                s.target_backlog_per_instance,
                                s.min_size,
                                s.max_size
                            ),
                        },
                        error: f.last_error.clone(),
                        pollers: f
                            .pollers
                            .values()
                            .map(|p| PollerView {
                                name: p.name.to_string(),
                                state: format!(
                                    "{}{}",
                                    poller_state(&p.state, now),
                                    if p.stopping { " · stopping" } else { "" }
                                ),
                                busy: matches!(p.state, PollerState::Processing { .. }),
                                processed: p.processed,
                                failed: p.failed,
                            })
                            .collect(),
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let delete = move |name: String| {
        state.call("fleet:DeleteConsumerFleet", json!({ "FleetName": name }));
    };
    view! {
        <div class="fleet-section" data-testid="fleet-section">
            <h3>"Consumer fleet"</h3>
            <p class="muted fleet-note">
                "A Stratus built-in consumer, not an AWS service: pollers that call ReceiveMessage and DeleteMessage "
                "as EC2 instances running a worker would (each request traced and billed). Failed messages are not "
                "deleted, so they return after the visibility timeout. Scaling follows EC2 Auto Scaling target tracking on "
                <a href=SCALING_DOC_URL target="_blank" rel="noopener">"SQS backlog per instance"</a>
                "."
            </p>
            {move || {
                fleets
                    .get()
                    .into_iter()
                    .map(|f| {
                        let name = f.name.clone();
                        view! {
                            <div class="fleet" data-testid="fleet" data-fleet=f.name.clone()>
                                <div class="fleet-head">
                                    <strong>{f.name.clone()}</strong>
                                    <button class="danger small" data-testid="delete-fleet" on:click=move |_| delete(name.clone())>
                                        "Delete fleet"
                                    </button>
                                </div>
                                <p data-testid="fleet-size">{f.size}</p>
                                <p data-testid="fleet-summary">{f.summary}</p>
                                <p class="muted" data-testid="fleet-scaling">{f.scaling}</p>
                                {f.error.map(|e| view! { <p class="fleet-error">"Last error: " {e}</p> })}
                                <table class="pollers">
                                    <thead><tr><th>"Poller"</th><th>"State"</th><th>"Processed"</th><th>"Failed"</th></tr></thead>
                                    <tbody>
                                        {f.pollers.into_iter().map(|p| view! {
                                            <tr data-testid="poller" class:busy=p.busy>
                                                <td>{p.name}</td>
                                                <td data-testid="poller-state" class="poller-state">{p.state}</td>
                                                <td class="num">{p.processed}</td>
                                                <td class="num">{p.failed}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                    })
                    .collect_view()
            }}
            <FleetForm />
        </div>
    }
}

#[component]
fn FleetForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let field = |v: &str| RwSignal::new(v.to_string());
    // Blank fields are not sent: the fleet's default on create, unchanged on update.
    let name = field("workers");
    let pollers = field("");
    let wait = field("");
    let max = field("");
    let min_time = field("");
    let max_time = field("");
    let failure = field("");
    let scaling = RwSignal::new(false);
    let batches = RwSignal::new(false);
    let min_size = field("1");
    let max_size = field("5");
    let target = field("10");
    let period = field("");
    let warmup = field("");
    let cooldown = field("");
    let input = move |with_queue: bool| {
        let mut input = json!({ "FleetName": name.get_untracked() });
        if with_queue {
            if let Some(url) = state.selected_url() {
                input["QueueUrl"] = json!(url);
            }
        }
        let mut set = |key: &str, signal: RwSignal<String>| {
            if let Some(v) = number(&signal.get_untracked()) {
                input[key] = v;
            }
        };
        set("Pollers", pollers);
        set("WaitTimeSeconds", wait);
        set("MaxNumberOfMessages", max);
        set("FailureRate", failure);
        if batches.get_untracked() {
            input["DeleteInBatches"] = json!(true);
        }
        let (lo, hi) = (
            number(&min_time.get_untracked()),
            number(&max_time.get_untracked()),
        );
        match (lo, hi) {
            (Some(lo), Some(hi)) if lo == hi => input["ProcessingTimeSeconds"] = lo,
            (Some(lo), Some(hi)) => {
                input["ProcessingTimeSeconds"] = json!({ "Min": lo, "Max": hi })
            }
            (Some(t), None) | (None, Some(t)) => input["ProcessingTimeSeconds"] = t,
            (None, None) => {}
        }
        if scaling.get_untracked() {
            let mut s = json!({});
            for (key, signal) in [
                ("MinSize", min_size),
                ("MaxSize", max_size),
                ("TargetBacklogPerInstance", target),
                ("EvaluationPeriodSeconds", period),
                ("InstanceWarmupSeconds", warmup),
                ("ScaleInCooldownSeconds", cooldown),
            ] {
                if let Some(v) = number(&signal.get_untracked()) {
                    s[key] = v;
                }
            }
            input["Scaling"] = s;
        }
        input
    };
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.call("fleet:CreateConsumerFleet", input(true));
    };
    let update = move |_| {
        state.call("fleet:UpdateConsumerFleet", input(false));
    };
    let text_input = move |label: &'static str,
                           testid: &'static str,
                           signal: RwSignal<String>,
                           placeholder: &'static str,
                           title: &'static str| {
        view! {
            <label title=title>
                {label}
                <input data-testid=testid placeholder=placeholder prop:value=move || signal.get()
                    on:input=move |ev| signal.set(event_target_value(&ev)) />
            </label>
        }
    };
    view! {
        <form class="fleet-form" novalidate=true on:submit=create>
            <p class="muted">"Blank fields: the default (shown greyed) on create, unchanged on update."</p>
            <div class="row">
                {text_input("FleetName", "fleet-name", name, "", "Letters, digits, - and _; 1 to 80 characters")}
                {text_input("Pollers", "fleet-pollers", pollers, "1", "0 to 100 (with scaling: the current size, within MinSize–MaxSize)")}
                {text_input("WaitTimeSeconds", "fleet-wait", wait, "20", "0 = short polling (polls again 1 s after an empty answer); 1–20 = long polling")}
                {text_input("MaxNumberOfMessages", "fleet-max", max, "10", "1 to 10 per ReceiveMessage")}
            </div>
            <div class="row">
                {text_input("Processing min (s)", "fleet-time-min", min_time, "1", "Seconds per message, drawn between min and max (0.001 to 43200)")}
                {text_input("Processing max (s)", "fleet-time-max", max_time, "1", "Seconds per message, drawn between min and max (0.001 to 43200)")}
                {text_input("FailureRate", "fleet-failure", failure, "0", "0 to 1: the share of messages whose processing fails (not deleted)")}
            </div>
            <label class="check" title="One DeleteMessageBatch per receive once all its messages are processed, instead of one DeleteMessage each (fewer billed requests)">
                <input type="checkbox" data-testid="fleet-batches" prop:checked=move || batches.get()
                    on:change=move |ev| batches.set(event_target_checked(&ev)) />
                "DeleteInBatches"
            </label>
            <label class="check">
                <input type="checkbox" data-testid="fleet-scaling-on" prop:checked=move || scaling.get()
                    on:change=move |ev| scaling.set(event_target_checked(&ev)) />
                "Scaling rule (target tracking on backlog per instance)"
            </label>
            <Show when=move || scaling.get()>
                <div class="row">
                    {text_input("MinSize", "fleet-min-size", min_size, "", "0 to 100")}
                    {text_input("MaxSize", "fleet-max-size", max_size, "", "1 to 100")}
                    {text_input("Target backlog / poller", "fleet-target", target, "", "Acceptable visible messages per in-service poller (> 0)")}
                    {text_input("Evaluation (s)", "fleet-period", period, "60", "How often the rule reads the queue depth, 10 to 86400 s")}
                    {text_input("Warm-up (s)", "fleet-warmup", warmup, "30", "How long a new poller takes before it polls, 0 to 86400 s")}
                    {text_input("Scale-in cooldown (s)", "fleet-cooldown", cooldown, "300", "Time after the last scaling before scaling in, 0 to 86400 s")}
                </div>
            </Show>
            <div class="row">
                <button type="submit" class="primary" data-testid="create-fleet">"Create fleet"</button>
                <button type="button" data-testid="update-fleet" on:click=update
                    title="UpdateConsumerFleet: the fleet named above takes the fields filled in; blank fields stay as they are">
                    "Update fleet"
                </button>
            </div>
        </form>
    }
}
