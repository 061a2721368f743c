//! The queue panel's settings: every queue attribute with AWS's range, editable
//! (one SetQueueAttributes step for what changed), the FIFO settings, the
//! dead-letter queue link and its redrive (StartMessageMoveTask), PurgeQueue,
//! and a link to the AWS guide section each behaviour comes from.

use super::state::AppState;
use crate::services::sqs::QueueAttributes;
use leptos::prelude::*;
use serde_json::{json, Map, Value};

const GUIDE: &str = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/";

/// (attribute, AWS's range, the guide page, a reader of the current value).
type Row = (
    &'static str,
    &'static str,
    &'static str,
    fn(&QueueAttributes) -> String,
);

const ROWS: &[Row] = &[
    (
        "VisibilityTimeout",
        "0–43,200 s (12 h), default 30",
        "sqs-visibility-timeout.html",
        |a| a.visibility_timeout.to_string(),
    ),
    (
        "DelaySeconds",
        "0–900 s, default 0",
        "sqs-delay-queues.html",
        |a| a.delay_seconds.to_string(),
    ),
    (
        "ReceiveMessageWaitTimeSeconds",
        "0–20 s; above 0 is long polling",
        "sqs-short-and-long-polling.html",
        |a| a.receive_message_wait_time_seconds.to_string(),
    ),
    (
        "MessageRetentionPeriod",
        "60–1,209,600 s (14 days), default 345,600 (4 days)",
        "sqs-basic-architecture.html",
        |a| a.message_retention_period.to_string(),
    ),
    (
        "MaximumMessageSize",
        "1,024–1,048,576 bytes; AWS raised the maximum from 256 KiB to 1 MiB in 2025",
        "quotas-messages.html",
        |a| a.maximum_message_size.to_string(),
    ),
];

#[component]
pub fn QueueSettings(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let attrs = {
        let name = name.clone();
        Memo::new(move |_| state.read_queue(&name, |q| q.attributes.clone()))
    };
    let arn = {
        let name = name.clone();
        move || state.read_queue(&name, |q| q.arn.clone())
    };
    // What the person typed, by attribute; applied together as one SetQueueAttributes.
    let edits = RwSignal::new(Map::<String, Value>::new());
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(url) = state.selected_url() else {
            return;
        };
        let changed = edits.get_untracked();
        if changed.is_empty() {
            return;
        }
        let input = json!({"QueueUrl": url, "Attributes": Value::Object(changed)});
        if state.call("sqs:SetQueueAttributes", input).is_some() {
            edits.set(Map::new());
        }
    };
    let purge = move |_| {
        if let Some(url) = state.selected_url() {
            state.call("sqs:PurgeQueue", json!({ "QueueUrl": url }));
        }
    };
    let edit = move |key: &'static str, value: String| {
        edits.update(|e| {
            if value.trim().is_empty() {
                e.remove(key);
            } else {
                e.insert(key.to_string(), Value::from(value.trim()));
            }
        })
    };
    let rows = ROWS
        .iter()
        .map(|&(key, range, page, read)| {
            view! {
                <tr>
                    <th>
                        <a href=format!("{GUIDE}{page}") target="_blank" rel="noopener">{key}</a>
                        <div class="range">{range}</div>
                    </th>
                    <td><code data-testid=format!("attr-{key}")>{move || read(&attrs.get())}</code></td>
                    <td>
                        <input class="small" aria-label=format!("New {key}") data-testid=format!("set-{key}")
                            prop:value=move || edits.with(|e| e.get(key).and_then(Value::as_str).unwrap_or_default().to_string())
                            on:input=move |ev| edit(key, event_target_value(&ev)) />
                    </td>
                </tr>
            }
        })
        .collect_view();
    let fifo = move || attrs.with(|a| a.fifo.clone());
    let redrive = move || {
        attrs.with(|a| match &a.redrive_policy {
            Some(p) => format!(
                "to {} after {} receives",
                p.dead_letter_target_arn
                    .rsplit(':')
                    .next()
                    .unwrap_or_default(),
                p.max_receive_count
            ),
            None => "none (no dead-letter queue)".to_string(),
        })
    };
    view! {
        <form class="queue-settings" novalidate=true on:submit=apply>
            <table class="attrs">
                <thead><tr><th>"Attribute and AWS range"</th><th>"Now"</th><th>"New"</th></tr></thead>
                <tbody>
                    {rows}
                    {move || fifo().map(|f| view! {
                        <FifoRows content_based=f.content_based_deduplication
                            scope=f.deduplication_scope.as_str()
                            limit=f.fifo_throughput_limit.as_str()
                            edit=Callback::new(move |(k, v): (&'static str, String)| edit(k, v)) />
                    })}
                </tbody>
            </table>
            <p>
                <a href=format!("{GUIDE}sqs-dead-letter-queues.html") target="_blank" rel="noopener">"RedrivePolicy"</a>
                ": " <span data-testid="queue-redrive">{redrive}</span>
            </p>
            <div class="row">
                <label title="The dead-letter queue's ARN and maxReceiveCount (1–1,000), as the RedrivePolicy JSON AWS takes; empty text removes it.">
                    "RedrivePolicy (JSON)"
                    <input data-testid="set-RedrivePolicy" placeholder=r#"{"deadLetterTargetArn":"arn:…","maxReceiveCount":3}"#
                        on:input=move |ev| edits.update(|e| { e.insert("RedrivePolicy".into(), Value::from(event_target_value(&ev))); }) />
                </label>
                <button type="submit" class="primary" data-testid="apply-attributes">"SetQueueAttributes"</button>
                <button type="button" class="danger" data-testid="purge" on:click=purge
                    title="Deletes every message; AWS allows one PurgeQueue per queue every 60 s.">"PurgeQueue"</button>
            </div>
            <DeadLetterSources arn=Signal::derive(arn) />
        </form>
    }
}

/// The FIFO-only attributes, each with its choices.
#[component]
fn FifoRows(
    content_based: bool,
    scope: &'static str,
    limit: &'static str,
    edit: Callback<(&'static str, String)>,
) -> impl IntoView {
    let choice = move |key: &'static str, now: String, options: &'static [&'static str]| {
        view! {
            <tr>
                <th>
                    <a href=format!("{GUIDE}FIFO-queues.html") target="_blank" rel="noopener">{key}</a>
                    <div class="range">{options.join(" | ")}</div>
                </th>
                <td><code data-testid=format!("attr-{key}")>{now}</code></td>
                <td>
                    <select class="small" aria-label=format!("New {key}") on:change=move |ev| edit.run((key, event_target_value(&ev)))>
                        <option value="">"unchanged"</option>
                        {options.iter().map(|o| view! { <option value=*o>{*o}</option> }).collect_view()}
                    </select>
                </td>
            </tr>
        }
    };
    view! {
        {choice("ContentBasedDeduplication", content_based.to_string(), &["true", "false"])}
        {choice("DeduplicationScope", scope.to_string(), &["queue", "messageGroup"])}
        {choice("FifoThroughputLimit", limit.to_string(), &["perQueue", "perMessageGroupId"])}
        <tr><td colspan="3" class="muted">
            "FIFO: 300 API calls a second per action (3,000 messages with batches of 10); high throughput mode "
            "(DeduplicationScope messageGroup + FifoThroughputLimit perMessageGroupId) allows 70,000 calls a second in us-east-1. "
            "Up to 120,000 messages in flight (AWS raised this from 20,000 in 2024). "
            <a href=format!("{GUIDE}high-throughput-fifo.html") target="_blank" rel="noopener">"High throughput for FIFO queues"</a>
        </td></tr>
    }
}

/// When this queue is a dead-letter queue: its source queues and a redrive back to them.
#[component]
fn DeadLetterSources(arn: Signal<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let sources = move || {
        let arn = arn.get();
        state.read_in(|r| {
            r.sqs()
                .queues()
                .filter(|q| {
                    q.attributes
                        .redrive_policy
                        .as_ref()
                        .is_some_and(|p| p.dead_letter_target_arn == arn)
                })
                .map(|q| q.name.to_string())
                .collect::<Vec<_>>()
        })
    };
    let rate = RwSignal::new(String::new());
    let redrive = move |_| {
        let mut input = json!({ "SourceArn": arn.get_untracked() });
        if let Some(n) = super::message_forms::number(&rate.get_untracked()) {
            input["MaxNumberOfMessagesPerSecond"] = n;
        }
        state.call("sqs:StartMessageMoveTask", input);
    };
    view! {
        <Show when=move || !sources().is_empty()>
            <div class="dlq-sources" data-testid="dlq-sources">
                <p>
                    "Dead-letter queue of: " <strong>{move || sources().join(", ")}</strong> ". "
                    <a href=format!("{GUIDE}sqs-configure-dead-letter-queue-redrive.html") target="_blank" rel="noopener">"DLQ redrive"</a>
                    " moves its messages back to their source queues, as new messages."
                </p>
                <div class="row">
                    <label title="1–500 messages a second; blank lets SQS choose the rate.">
                        "MaxNumberOfMessagesPerSecond"
                        <input class="small" data-testid="redrive-rate" placeholder="SQS decides"
                            prop:value=move || rate.get() on:input=move |ev| rate.set(event_target_value(&ev)) />
                    </label>
                    <button type="button" class="primary" data-testid="start-redrive" on:click=redrive>"StartMessageMoveTask"</button>
                </div>
            </div>
        </Show>
    }
}
