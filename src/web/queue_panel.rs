//! The queue inspector: the selected queue's name and URL over its tabs —
//! Messages (each message's visibility state and countdown, delete and
//! change-visibility; the first tab, what a learner watches), Send & receive,
//! Consumers (the consumer fleets), Configuration (attributes, dead-letter
//! queue, encryption and access policy), Monitoring (the metrics chart) and
//! Cost. Under the messages, what left the queue in the last step
//! (`departures`). Each action is an AWS call run as a scenario step.

use super::inspector::{TabPanel, Tabs};
use super::state::AppState;
use crate::services::sqs::{MessageState, SqsUsage};
use leptos::prelude::*;
use serde_json::{json, Value};

/// Message rows kept in the page.
const MAX_MESSAGES: usize = 200;

/// The queue inspector's tabs: (id, label), the live view first.
const TABS: &[(&str, &str)] = &[
    ("messages", "Messages"),
    ("send", "Send & receive"),
    ("consumers", "Consumers"),
    ("configuration", "Configuration"),
    ("monitoring", "Monitoring"),
    ("cost", "Cost"),
];

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
                None => view! { <super::inspector::Hint /> }.into_any(),
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
    let cost_name = name.clone();
    let departures_name = name.clone();
    view! {
        <div class="queue-head">
            <h2 class="queue-title">{name}</h2>
            <button class="danger" data-testid="delete-queue" on:click=delete_queue>"Delete queue"</button>
        </div>
        <p class="queue-url">"QueueUrl " <code data-testid="queue-url">{url}</code></p>
        <Tabs kind="queue" label="Queue inspector" tabs=TABS>
            <TabPanel id="messages">
                <h3>"Messages " <span class="muted">{move || format!("({})", total())}</span></h3>
                <div class="table-scroll">
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
                </div>
                <Show when=move || ids.with(|i| i.is_empty())>
                    <p class="empty">"The queue is empty. Send a message in the Send & receive tab."</p>
                </Show>
                <super::departures::Departures name=departures_name />
            </TabPanel>
            <TabPanel id="send">
                <super::message_forms::SendForm />
                <super::message_forms::ReceiveForm />
            </TabPanel>
            <TabPanel id="consumers">
                <super::fleet_panel::FleetSection queue=fleet_queue />
            </TabPanel>
            <TabPanel id="configuration">
                <super::queue_settings::QueueSettings name=settings_name />
                <super::queue_access::QueueAccess name=access_name />
            </TabPanel>
            <TabPanel id="monitoring">
                <super::chart::QueueChart />
            </TabPanel>
            <TabPanel id="cost">
                <QueueCost name=cost_name />
            </TabPanel>
        </Tabs>
    }
}

/// What this queue's requests cost: SQS's prices for its type, and the requests billed so far
/// (counted per account and Region, as the bill is; not per queue).
#[component]
fn QueueCost(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let fifo = name.ends_with(".fifo");
    let usage = Memo::new(move |_| state.read_in(|r| r.sqs().usage().clone()));
    let price = if fifo {
        SqsUsage::FIFO_USD_PER_MILLION
    } else {
        SqsUsage::STANDARD_USD_PER_MILLION
    };
    view! {
        <div class="queue-cost" data-testid="queue-cost">
            <h3>"Cost " <a class="muted" href="https://aws.amazon.com/sqs/pricing/" target="_blank" rel="noopener">"(AWS pricing)"</a></h3>
            <p>
                {format!(
                    "A request to this {} queue costs ${price:.2} per million after the free tier (the first {} million requests a month, per account). ",
                    if fifo { "FIFO" } else { "standard" },
                    SqsUsage::FREE_REQUESTS_PER_MONTH / 1_000_000
                )}
                "Every 64 KiB of a request's payload counts as one request; a batch of up to 10 messages is one request by payload; a ReceiveMessage that returns nothing is billed all the same (long polling makes fewer of them)."
            </p>
            <p data-testid="queue-cost-usage">
                {move || usage.with(|u| format!(
                    "This account and Region so far: {} billable SQS requests ({} empty receives, {} to FIFO queues) · ${:.6} after the free tier.",
                    u.requests, u.empty_receives, u.fifo_requests, u.cost_usd()
                ))}
            </p>
            <p class="muted">"SQS bills per account, so Stratus counts requests per account and Region, not per queue; the Monitoring tab has this queue's own sends, receives and empty receives."</p>
        </div>
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
