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
        state.read(|r| r.world().sqs().queue(&name).map(|q| q.name.to_string()))
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
    let attrs = {
        let name = name.clone();
        move || state.read_queue(&name, |q| q.attributes.clone())
    };
    let attrs2 = attrs.clone();
    let attrs3 = attrs.clone();
    let attrs4 = attrs.clone();
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
    let fleet_queue = name.clone();
    view! {
        <div class="queue-head">
            <h2 class="queue-title">{name}</h2>
            <button class="danger" data-testid="delete-queue" on:click=delete_queue>"Delete queue"</button>
        </div>
        <dl class="queue-attrs">
            <dt>"QueueUrl"</dt>
            <dd data-testid="queue-url"><code>{url}</code></dd>
            <dt>"VisibilityTimeout"</dt>
            <dd data-testid="queue-visibility-timeout">{move || format!("{} s", attrs().visibility_timeout)}</dd>
            <dt>"DelaySeconds"</dt>
            <dd data-testid="queue-delay-seconds">{move || format!("{} s", attrs2().delay_seconds)}</dd>
            <dt>"RedrivePolicy"</dt>
            <dd data-testid="queue-redrive">{move || match attrs4().redrive_policy {
                Some(p) => format!(
                    "to {} after {} receives",
                    p.dead_letter_target_arn.rsplit(':').next().unwrap_or_default(),
                    p.max_receive_count
                ),
                None => "none (no dead-letter queue)".to_string(),
            }}</dd>
            <dt>"MessageRetentionPeriod"</dt>
            <dd data-testid="queue-retention">{move || {
                let s = attrs3().message_retention_period;
                if s.is_multiple_of(86_400) { format!("{s} s ({} days)", s / 86_400) } else { format!("{s} s") }
            }}</dd>
        </dl>
        <SendForm />
        <ReceiveForm />
        <super::chart::QueueChart />
        <super::fleet_panel::FleetSection queue=fleet_queue />
        <h3>"Messages " <span class="muted">{move || format!("({})", total())}</span></h3>
        <table class="messages">
            <thead>
                <tr><th>"State"</th><th>"Receives"</th><th>"Body"</th><th>"Actions"</th></tr>
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
fn SendForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let body = RwSignal::new(String::from("{\"order\": 1}"));
    let delay = RwSignal::new(String::new());
    let attributes = RwSignal::new(String::new());
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(url) = state.selected_url() else {
            return;
        };
        let mut input = json!({ "QueueUrl": url, "MessageBody": body.get_untracked() });
        if let Some(d) = number(&delay.get_untracked()) {
            input["DelaySeconds"] = d;
        }
        let attrs = attributes.get_untracked();
        if !attrs.trim().is_empty() {
            // Passed on as typed: text that is not a JSON map gets the SDK's validation error.
            input["MessageAttributes"] =
                serde_json::from_str(&attrs).unwrap_or(Value::String(attrs));
        }
        state.call("sqs:SendMessage", input);
    };
    view! {
        <form class="send-form" novalidate=true on:submit=send>
            <h3>"SendMessage"</h3>
            <textarea
                data-testid="send-body"
                rows="3"
                aria-label="Message body"
                prop:value=move || body.get()
                on:input=move |ev| body.set(event_target_value(&ev))
            ></textarea>
            <div class="row">
                <label>
                    "DelaySeconds"
                    <input data-testid="send-delay" inputmode="numeric" placeholder="queue default"
                        prop:value=move || delay.get() on:input=move |ev| delay.set(event_target_value(&ev)) />
                </label>
            </div>
            <details class="send-attributes">
                <summary>"MessageAttributes (JSON)"</summary>
                <textarea
                    data-testid="send-attributes"
                    rows="3"
                    aria-label="Message attributes as JSON"
                    placeholder=r#"{"kind": {"DataType": "String", "StringValue": "order"}}"#
                    prop:value=move || attributes.get()
                    on:input=move |ev| attributes.set(event_target_value(&ev))
                ></textarea>
            </details>
            <button type="submit" class="primary" data-testid="send">"Send"</button>
        </form>
    }
}

/// A number typed in an input, passed as-is to AWS (which validates ranges), or None when blank.
fn number(text: &str) -> Option<Value> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(
        text.parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(text)),
    )
}

#[component]
fn ReceiveForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let max = RwSignal::new(String::from("1"));
    let visibility = RwSignal::new(String::new());
    let wait = RwSignal::new(String::new());
    let receive = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(url) = state.selected_url() else {
            return;
        };
        let mut input = json!({
            "QueueUrl": url,
            "MessageSystemAttributeNames": ["All"],
            "MessageAttributeNames": ["All"],
        });
        if let Some(n) = number(&max.get_untracked()) {
            input["MaxNumberOfMessages"] = n;
        }
        if let Some(v) = number(&visibility.get_untracked()) {
            input["VisibilityTimeout"] = v;
        }
        if let Some(v) = number(&wait.get_untracked()) {
            input["WaitTimeSeconds"] = v;
        }
        state.call("sqs:ReceiveMessage", input);
    };
    view! {
        <form class="receive-form" novalidate=true on:submit=receive>
            <h3>"ReceiveMessage"</h3>
            <div class="row">
                <label>
                    "MaxNumberOfMessages"
                    <input
                        type="number"
                        min="1"
                        max="10"
                        data-testid="receive-max"
                        prop:value=move || max.get()
                        on:input=move |ev| max.set(event_target_value(&ev))
                    />
                </label>
                <label>
                    "VisibilityTimeout (s)"
                    <input
                        type="number"
                        min="0"
                        max="43200"
                        placeholder="default"
                        data-testid="receive-visibility"
                        prop:value=move || visibility.get()
                        on:input=move |ev| visibility.set(event_target_value(&ev))
                    />
                </label>
                <label title="Long polling: wait up to this long, in virtual time, for a message">
                    "WaitTimeSeconds"
                    <input
                        type="number"
                        min="0"
                        max="20"
                        placeholder="queue default"
                        data-testid="receive-wait"
                        prop:value=move || wait.get()
                        on:input=move |ev| wait.set(event_target_value(&ev))
                    />
                </label>
                <button type="submit" class="primary" data-testid="receive">"Receive"</button>
            </div>
            <details class="receive-details" open=true>
                <summary>"Last ReceiveMessage response"</summary>
                <pre class="receive-result" data-testid="receive-result">
                    {move || state.last_receive.get().unwrap_or_else(|| "(no receive yet)".to_string())}
                </pre>
            </details>
        </form>
    }
}

#[component]
fn MessageRow(queue: String, id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    // (state text, receive count, body) of the message, while it exists.
    let info = {
        let (queue, id) = (queue.clone(), id.clone());
        move || {
            state.read(|r| {
                let now = r.world().now();
                let q = r.world().sqs().queue(&queue)?;
                let m = q.messages.values().find(|m| *m.message_id == *id)?;
                let state_text = match &m.state {
                    MessageState::Visible => "visible".to_string(),
                    MessageState::Delayed { until, .. } => {
                        format!("delayed · {} s", until.saturating_sub(now).div_ceil(1000))
                    }
                    MessageState::InFlight { until, .. } => {
                        format!("in flight · {} s", until.saturating_sub(now).div_ceil(1000))
                    }
                };
                // A consumer fleet's poller working on it, if any.
                let state_text = match r.world().fleets().processing(&m.message_id) {
                    Some(poller) => format!("{state_text} · {poller}"),
                    None => state_text,
                };
                Some((state_text, m.receive_count, m.body.clone()))
            })
        }
    };
    let info = Memo::new(move |_| info());
    let in_flight = move || {
        info.with(|i| {
            i.as_ref()
                .is_some_and(|(s, _, _)| s.starts_with("in flight"))
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
            let timeout = number(&seconds.get_untracked()).unwrap_or(Value::from(0));
            state.call(
                "sqs:ChangeMessageVisibility",
                json!({ "QueueUrl": url, "ReceiptHandle": receipt, "VisibilityTimeout": timeout }),
            );
        }
    };
    let delayed =
        move || info.with(|i| i.as_ref().is_some_and(|(s, _, _)| s.starts_with("delayed")));
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
                {move || info.with(|i| i.as_ref().map(|(s, _, _)| s.clone()).unwrap_or_default())}
            </td>
            <td data-testid="receive-count" class="num">
                {move || info.with(|i| i.as_ref().map(|(_, c, _)| *c).unwrap_or_default())}
            </td>
            <td class="body">
                <div class="message-id">{id}</div>
                <pre data-testid="message-body">{move || info.with(|i| i.as_ref().map(|(_, _, b)| b.clone()).unwrap_or_default())}</pre>
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
