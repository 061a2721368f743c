//! The right panel: the selected queue, its messages with their visibility
//! state and countdown, and the send / receive / delete / change-visibility
//! actions. Each action is an AWS call run as a scenario step.

use super::state::AppState;
use crate::services::sqs::MessageState;
use leptos::prelude::*;
use serde_json::{json, Value};

/// Message rows kept in the page.
const MAX_MESSAGES: usize = 200;

#[component]
pub fn QueuePanel() -> impl IntoView {
    let state = expect_context::<AppState>();
    // The selected queue, if it exists; changes only when that does.
    let current = Memo::new(move |_| {
        let name = state.selected.get()?;
        state.read_in(|r| r.sqs().queue(&name).map(|q| q.name.to_string()))
    });
    view! {
        <section class="panel queue-panel" data-testid="queue-panel">
            {move || match current.get() {
                Some(name) => view! { <QueueDetails name /> }.into_any(),
                None => view! { <p class="empty">"Select or create a queue."</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn QueueDetails(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let url = {
        let name = name.clone();
        move || state.read_queue(&name, |q| q.url.clone())
    };
    let ids = {
        let name = name.clone();
        Memo::new(move |_| {
            state.read_queue(&name, |q| {
                q.messages
                    .values()
                    .take(MAX_MESSAGES)
                    .map(|m| m.message_id.to_string())
                    .collect::<Vec<_>>()
            })
        })
    };
    let keyed = move || {
        let generation = state.generation.get();
        ids.get()
            .into_iter()
            .map(|id| (generation, id))
            .collect::<Vec<_>>()
    };
    let total = {
        let name = name.clone();
        move || state.read_queue(&name, |q| q.messages.len())
    };
    let delete_queue = move |_| {
        if let Some(url) = state.selected_url() {
            state.call("sqs:DeleteQueue", json!({ "QueueUrl": url }));
        }
    };
    let row_queue = name.clone();
    let settings_name = name.clone();
    let access_name = name.clone();
    let fleet_queue = name.clone();
    view! {
        <div class="queue-head">
            <h2 class="queue-title">{name}</h2>
            <button class="danger" data-testid="delete-queue" on:click=delete_queue>"Delete queue"</button>
        </div>
        <p class="queue-url">"QueueUrl " <code data-testid="queue-url">{url}</code></p>
        <super::queue_settings::QueueSettings name=settings_name />
        <super::queue_access::QueueAccess name=access_name />
        <super::message_forms::SendForm />
        <super::message_forms::ReceiveForm />
        <super::chart::QueueChart />
        <super::fleet_panel::FleetSection queue=fleet_queue />
        <h3>"Messages " <span class="muted">{move || format!("({})", total())}</span></h3>
        <table class="messages">
            <thead>
                <tr><th>"State"</th><th>"Receives"</th><th>"Group"</th><th>"Body"</th><th>"Actions"</th></tr>
            </thead>
            <tbody>
                <For
                    each=keyed
                    key=|k| k.clone()
                    children=move |(_, id)| view! { <MessageRow queue=row_queue.clone() id /> }
                />
            </tbody>
        </table>
        <Show when=move || ids.with(|i| i.is_empty())>
            <p class="empty">"The queue is empty."</p>
        </Show>
    }
}

#[component]
fn MessageRow(queue: String, id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    // (state text, receive count, body) of the message, while it exists.
    let info = {
        let (queue, id) = (queue.clone(), id.clone());
        move || {
            state.read_in(|r| {
                let now = r.world().now();
                let q = r.sqs().queue(&queue)?;
                let m = q.messages.values().find(|m| *m.message_id == *id)?;
                let state_text = match &m.state {
                    // FIFO: a visible message waits while its group has a message in flight or an older one ahead.
                    MessageState::Visible
                        if m.group_id.as_deref().is_some_and(|g| {
                            q.is_fifo()
                                && (q.group_is_locked(g)
                                    || q.group_messages(g).first() != Some(&m.seq))
                        }) =>
                    {
                        "visible · waiting behind its group".to_string()
                    }
                    MessageState::Visible => "visible".to_string(),
                    MessageState::Delayed { until, .. } => {
                        format!("delayed · {} s", until.saturating_sub(now).div_ceil(1000))
                    }
                    MessageState::InFlight { until, .. } => {
                        format!("in flight · {} s", until.saturating_sub(now).div_ceil(1000))
                    }
                };
                // A consumer fleet's poller working on it, if any.
                let state_text = match r.fleets().processing(&m.message_id) {
                    // On its own line (the cell keeps line breaks), so the column stays narrow.
                    Some(poller) => format!("{state_text}\n{poller}"),
                    None => state_text,
                };
                // The group, and the SequenceNumber (FIFO) in the cell's tooltip.
                let group = match (&m.group_id, m.sequence_number) {
                    (Some(g), Some(n)) => (g.to_string(), format!("SequenceNumber {n}")),
                    (Some(g), None) => (g.to_string(), String::new()),
                    _ => Default::default(),
                };
                Some((state_text, m.receive_count, m.body.to_string(), group))
            })
        }
    };
    let info = Memo::new(move |_| info());
    let in_flight = move || {
        info.with(|i| {
            i.as_ref()
                .is_some_and(|(s, _, _, _)| s.starts_with("in flight"))
        })
    };
    let handle = {
        let id = id.clone();
        move || state.receipts.with(|map| map.get(&id).cloned())
    };
    let seconds = RwSignal::new(String::from("0"));
    let delete = {
        let handle = handle.clone();
        move |_| {
            let (Some(url), Some(receipt)) = (state.selected_url(), handle()) else {
                return;
            };
            state.call(
                "sqs:DeleteMessage",
                json!({ "QueueUrl": url, "ReceiptHandle": receipt }),
            );
        }
    };
    let change = {
        let handle = handle.clone();
        move |_| {
            let (Some(url), Some(receipt)) = (state.selected_url(), handle()) else {
                return;
            };
            let timeout =
                super::message_forms::number(&seconds.get_untracked()).unwrap_or(Value::from(0));
            state.call(
                "sqs:ChangeMessageVisibility",
                json!({ "QueueUrl": url, "ReceiptHandle": receipt, "VisibilityTimeout": timeout }),
            );
        }
    };
    let delayed = move || {
        info.with(|i| {
            i.as_ref()
                .is_some_and(|(s, _, _, _)| s.starts_with("delayed"))
        })
    };
    let no_handle = {
        let handle = handle.clone();
        move || handle().is_none()
    };
    let no_handle2 = no_handle.clone();
    let row_id = id.clone();
    let hint = "Receive this message first: DeleteMessage and ChangeMessageVisibility need its ReceiptHandle.";
    view! {
        <tr data-testid="message-row" class="message-row" class:in-flight=in_flight class:delayed=delayed data-message-id=row_id>
            <td data-testid="message-state" class="message-state">
                {move || info.with(|i| i.as_ref().map(|(s, _, _, _)| s.clone()).unwrap_or_default())}
            </td>
            <td data-testid="receive-count" class="num">
                {move || info.with(|i| i.as_ref().map(|(_, c, _, _)| *c).unwrap_or_default())}
            </td>
            <td data-testid="message-group" class="group"
                title=move || info.with(|i| i.as_ref().map(|(_, _, _, g)| g.1.clone()).unwrap_or_default())>
                {move || info.with(|i| i.as_ref().map(|(_, _, _, g)| g.0.clone()).unwrap_or_default())}
            </td>
            <td class="body">
                <div class="message-id">{id}</div>
                <pre data-testid="message-body">{move || info.with(|i| i.as_ref().map(|(_, _, b, _)| b.clone()).unwrap_or_default())}</pre>
            </td>
            <td class="actions">
                <button data-testid="delete" class="danger small" on:click=delete disabled=no_handle title=hint>
                    "Delete"
                </button>
                <span class="change-vis">
                    <input
                        type="number"
                        min="0"
                        max="43200"
                        class="small"
                        aria-label="New visibility timeout in seconds"
                        data-testid="visibility-seconds"
                        prop:value=move || seconds.get()
                        on:input=move |ev| seconds.set(event_target_value(&ev))
                    />
                    <button data-testid="change-visibility" class="small" on:click=change disabled=no_handle2 title=hint>
                        "Set visibility"
                    </button>
                </span>
            </td>
        </tr>
    }
}
