//! SQS's group in the resource tree (`resources::ServiceGroup`): the queues of
//! the place shown, each with its visible and in-flight counts and the
//! consumer fleets on it, and the form that creates a queue (a
//! `sqs:CreateQueue` step; AWS's error, an empty name's included, shows under
//! the name field).

use super::message_forms::call_here;
use super::resources::ServiceGroup;
use super::state::{AppState, StepError};
use super::timeline::ErrorBox;
use leptos::prelude::*;
use serde_json::json;

pub const GROUP: ServiceGroup = ServiceGroup {
    id: "sqs",
    label: "SQS",
    noun: ("queue", "queues"),
    item_testid: "queue-item",
    item_prefix: "",
    names: |p| p.sqs().queues().map(|q| q.name.to_string()).collect(),
    is_selected: |state, name| {
        state.selected_function.with(Option::is_none)
            && state.selected_events.with(Option::is_none)
            && state.selected.with(|s| s.as_deref() == Some(name))
    },
    select: |state, name| {
        state.selected.set(Some(name));
        state.selected_function.set(None);
    },
    detail: |name| view! { <QueueDetail name /> }.into_any(),
    create: || view! { <CreateQueueForm /> }.into_any(),
};

/// A queue's counts, and the consumer fleets polling it (a Stratus built-in).
#[component]
fn QueueDetail(name: String) -> impl IntoView {
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
    // e.g. "fleet resizers: 3 pollers".
    let fleets_text = move || {
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
    };
    view! {
        <span class="tree-item-detail">{counts_text}</span>
        {move || fleets_text().map(|t| view! { <span class="tree-item-detail queue-fleet" data-testid="queue-fleet">{t}</span> })}
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
            state.selected_function.set(None);
            name.set(String::new());
        }
    };
    view! {
        <form class="create-form" novalidate=true on:submit=submit aria-labelledby="create-queue-title">
            <h4 id="create-queue-title">"Create queue"</h4>
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
