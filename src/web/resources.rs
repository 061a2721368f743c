//! The left panel: the queues that exist, with their visible and in-flight
//! counts, and a form that creates a queue (a `sqs:CreateQueue` step; AWS's
//! error, an empty name's included, shows under the name field).

use super::message_forms::call_here;
use super::state::{AppState, StepError};
use super::timeline::ErrorBox;
use crate::services::lambda::{Lambda, LambdaUsage};
use crate::services::sqs::{Sqs, SqsUsage};
use leptos::prelude::*;
use serde_json::json;

#[component]
pub fn Resources() -> impl IntoView {
    let state = expect_context::<AppState>();
    // Queue names only change when a queue is created or deleted; rows read their counts themselves.
    let names = Memo::new(move |_| {
        state.read_in(|r| {
            r.sqs()
                .queues()
                .map(|q| q.name.to_string())
                .collect::<Vec<_>>()
        })
    });
    let keyed = move || {
        let generation = state.generation.get();
        names
            .get()
            .into_iter()
            .map(|n| (generation, n))
            .collect::<Vec<_>>()
    };
    view! {
        <section class="panel resources">
            <h2>"SQS queues"</h2>
            <ul class="queue-list">
                <For each=keyed key=|k| k.clone() children=move |(_, name)| view! { <QueueItem name /> } />
            </ul>
            <Show when=move || names.with(|n| n.is_empty())>
                <p class="empty">"No queues yet. Create one below."</p>
            </Show>
            <CreateQueueForm />
            <super::functions::Functions />
            <CostMeter />
        </section>
    }
}

#[component]
fn QueueItem(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let counts = {
        let name = name.clone();
        move || {
            state.read_queue(&name, |q| {
                (
                    q.approximate_number_of_messages(),
                    q.approximate_number_of_messages_not_visible(),
                )
            })
        }
    };
    let counts_text = move || {
        let (visible, in_flight) = counts();
        format!("{visible} visible · {in_flight} in flight")
    };
    // The consumer fleets on this queue (a Stratus built-in), e.g. "fleet resizers: 3 pollers".
    let fleets_text = {
        let name = name.clone();
        move || {
            state.read_in(|r| {
                let url = r.sqs().queue(&name).map(|q| q.url.clone())?;
                let parts: Vec<String> = r
                    .fleets()
                    .fleets()
                    .filter(|f| f.config.queue_url == url)
                    .map(|f| format!("fleet {}: {} pollers", f.config.name, f.running()))
                    .collect();
                (!parts.is_empty()).then(|| parts.join(" · "))
            })
        }
    };
    let selected = {
        let name = name.clone();
        move || {
            state.selected_function.with(Option::is_none)
                && state.selected.with(|s| s.as_deref() == Some(name.as_str()))
        }
    };
    let select = {
        let name = name.clone();
        move |_| {
            state.selected.set(Some(name.clone()));
            state.selected_function.set(None);
        }
    };
    view! {
        <li data-testid="queue-item" class="queue-item" class:selected=selected on:click=select>
            <span class="queue-name">{name}</span>
            <span class="queue-counts">{counts_text}</span>
            {move || fleets_text().map(|t| view! { <span class="queue-counts queue-fleet" data-testid="queue-fleet">{t}</span> })}
        </li>
    }
}

#[component]
fn CreateQueueForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let visibility = RwSignal::new(String::new());
    let fifo = RwSignal::new(false);
    let content_based = RwSignal::new(false);
    let error = RwSignal::new(None::<StepError>);
    Effect::new(move |_| {
        state.generation.track();
        error.set(None);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let queue_name = name.get_untracked().trim().to_string();
        let mut input = json!({ "QueueName": queue_name });
        let mut attributes = serde_json::Map::new();
        let timeout = visibility.get_untracked().trim().to_string();
        if !timeout.is_empty() {
            attributes.insert("VisibilityTimeout".into(), timeout.into());
        }
        if fifo.get_untracked() {
            attributes.insert("FifoQueue".into(), "true".into());
            if content_based.get_untracked() {
                attributes.insert("ContentBasedDeduplication".into(), "true".into());
            }
        }
        if !attributes.is_empty() {
            input["Attributes"] = serde_json::Value::Object(attributes);
        }
        if call_here(state, error, "create-queue-error", "sqs:CreateQueue", input).is_some() {
            state.selected.set(Some(queue_name));
            name.set(String::new());
        }
    };
    view! {
        <form class="create-queue" novalidate=true on:submit=submit>
            <h3>"Create queue"</h3>
            <label>
                "Name"
                <input
                    type="text"
                    data-testid="new-queue-name"
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    placeholder="orders"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </label>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="create-queue-error" /> })}
            <label>
                "VisibilityTimeout (s)"
                <input
                    type="number"
                    min="0"
                    max="43200"
                    data-testid="new-queue-visibility"
                    placeholder="30"
                    prop:value=move || visibility.get()
                    on:input=move |ev| visibility.set(event_target_value(&ev))
                />
            </label>
            <label class="check" title="FifoQueue=true: strict order per message group, exactly-once within 5 minutes. The name must end in .fifo.">
                <input type="checkbox" data-testid="new-queue-fifo"
                    prop:checked=move || fifo.get() on:change=move |ev| fifo.set(event_target_checked(&ev)) />
                "FIFO (name ends in .fifo)"
            </label>
            <Show when=move || fifo.get()>
                <label class="check" title="Deduplicate by the SHA-256 of the body when a send names no MessageDeduplicationId.">
                    <input type="checkbox" data-testid="new-queue-content-dedup"
                        prop:checked=move || content_based.get() on:change=move |ev| content_based.set(event_target_checked(&ev)) />
                    "ContentBasedDeduplication"
                </label>
            </Show>
            <button type="submit" class="primary" data-testid="create-queue">"Create queue"</button>
        </form>
    }
}

/// Requests as AWS bills them and what they would cost (a view over each service's usage).
#[component]
fn CostMeter() -> impl IntoView {
    let state = expect_context::<AppState>();
    // SQS's usage in every account and Region of the scenario.
    let usage = move || {
        state.read(|r| {
            let mut total = SqsUsage::default();
            for sqs in r.world().services::<Sqs>() {
                total.add(sqs.usage());
            }
            total
        })
    };
    // Like the SQS counts, Lambda's usage in every account and Region of the scenario.
    let lambda = move || {
        state.read(|r| {
            let world = r.world();
            let mut total = LambdaUsage::default();
            for p in world.places() {
                if let Some(l) = world.service_in::<Lambda>(&p.account, &p.region) {
                    let u = l.usage();
                    total.requests += u.requests;
                    total.gb_seconds += u.gb_seconds;
                    total.arm_gb_seconds += u.arm_gb_seconds;
                }
            }
            total
        })
    };
    view! {
        <div class="cost" data-testid="cost">
            <h3>"Cost"</h3>
            <p>
                {move || {
                    let u = usage();
                    format!("SQS: {} requests ({} to FIFO queues, {} empty receives)", u.requests, u.fifo_requests, u.empty_receives)
                }}
            </p>
            <p class="muted">
                {move || format!("${:.2}", usage().cost_usd())}
                " after the 1M free requests a month; $0.40 per million standard-queue requests, $0.50 per million FIFO requests, each 64 KiB of payload one request ("
                <a href="https://aws.amazon.com/sqs/pricing/" target="_blank" rel="noopener">"AWS pricing"</a>
                ")."
            </p>
            <p data-testid="lambda-cost">
                {move || {
                    let l = lambda();
                    format!("Lambda: {} requests, {:.3} GB-seconds — ${:.2}", l.requests, l.gb_seconds, l.cost_usd())
                }}
            </p>
            <p class="muted">
                "x86 price: $0.20 per million requests and $0.0000166667 per GB-second, after 1M requests and 400,000 GB-seconds free a month; billed duration rounds up to 1 ms ("
                <a href="https://aws.amazon.com/lambda/pricing/" target="_blank" rel="noopener">"AWS pricing"</a>
                ")."
            </p>
        </div>
    }
}
