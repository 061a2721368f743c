//! The queue panel's encryption and access policy: the queue's server-side
//! encryption (SSE-SQS, SSE-KMS or none), set as one SetQueueAttributes step,
//! and its access policy, shown as stored and changed with AddPermission,
//! RemovePermission or the whole Policy attribute. Each change is an AWS call
//! run as a scenario step; its AWS error shows in the section.

use super::state::{AppState, StepError};
use super::timeline::ErrorBox;
use crate::services::sqs::Encryption;
use leptos::prelude::*;
use serde_json::{json, Map, Value};

const GUIDE: &str = "https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/";

/// The actions AddPermission can grant, as AWS names them.
const ACTIONS: &[&str] = &[
    "SendMessage",
    "ReceiveMessage",
    "DeleteMessage",
    "ChangeMessageVisibility",
    "GetQueueAttributes",
    "GetQueueUrl",
    "ListDeadLetterSourceQueues",
    "PurgeQueue",
    "*",
];

/// The AWS managed key for SQS, what the console offers first.
const DEFAULT_KMS_KEY: &str = "alias/aws/sqs";

/// Runs an action as a scenario step; its AWS error, if any, shows in the section.
fn run(state: AppState, error: RwSignal<Option<StepError>>, action: &str, input: Value) -> bool {
    super::message_forms::call_into(state, error, action, input).is_some()
}

/// Runs SetQueueAttributes on the selected queue with `attributes`.
fn set_attributes(
    state: AppState,
    error: RwSignal<Option<StepError>>,
    attributes: Map<String, Value>,
) -> bool {
    let Some(url) = state.selected_url() else {
        return false;
    };
    let input = json!({ "QueueUrl": url, "Attributes": Value::Object(attributes) });
    run(state, error, "sqs:SetQueueAttributes", input)
}

#[component]
pub fn QueueAccess(name: String) -> impl IntoView {
    view! {
        <div class="queue-access" data-testid="queue-access">
            <EncryptionSection name=name.clone() />
            <PolicySection name />
        </div>
    }
}

/// Which encryption a queue has, as the choice list names it.
fn kind_of(e: &Encryption) -> &'static str {
    match (&e.kms_master_key_id, e.sqs_managed_sse_enabled) {
        (Some(_), _) => "SSE-KMS",
        (None, true) => "SSE-SQS",
        (None, false) => "Disabled",
    }
}

#[component]
fn EncryptionSection(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let encryption =
        Memo::new(move |_| state.read_queue(&name, |q| q.attributes.encryption.clone()));
    let now = encryption.get_untracked();
    let choice = RwSignal::new(kind_of(&now));
    let key = RwSignal::new(
        now.kms_master_key_id
            .clone()
            .unwrap_or_else(|| DEFAULT_KMS_KEY.to_string()),
    );
    let reuse = RwSignal::new(now.kms_data_key_reuse_period_seconds.to_string());
    let error = RwSignal::new(None::<StepError>);
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut attributes = Map::new();
        match choice.get_untracked() {
            "SSE-SQS" => {
                attributes.insert("SqsManagedSseEnabled".into(), "true".into());
            }
            "SSE-KMS" => {
                attributes.insert("KmsMasterKeyId".into(), key.get_untracked().trim().into());
                let period = reuse.get_untracked();
                if !period.trim().is_empty() {
                    attributes.insert("KmsDataKeyReusePeriodSeconds".into(), period.trim().into());
                }
            }
            _ => {
                attributes.insert("SqsManagedSseEnabled".into(), "false".into());
                attributes.insert("KmsMasterKeyId".into(), "".into());
            }
        }
        set_attributes(state, error, attributes);
    };
    let now_text = move || {
        encryption.with(|e| match e.kms_master_key_id {
            Some(_) => format!(
                "{} · data key reused for {} s",
                e.describe(),
                e.kms_data_key_reuse_period_seconds
            ),
            None => e.describe(),
        })
    };
    let kms = move || choice.get() == "SSE-KMS";
    view! {
        <div class="access-section" data-testid="encryption-section">
            <h3>"Encryption "
                <a class="muted" href=format!("{GUIDE}sqs-server-side-encryption.html") target="_blank" rel="noopener">
                    "(server-side encryption)"</a></h3>
            <p>"Now: " <code data-testid="encryption-now">{now_text}</code></p>
            <p class="access-note muted">
                "One or the other: SSE-SQS (keys SQS owns, the default) or SSE-KMS (a KMS key you name). "
                "Stratus encrypts nothing: only the settings and their rules are simulated."
            </p>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="encryption-error" /> })}
            <form class="row" novalidate=true on:submit=apply>
                <label title="SSE-SQS (keys SQS owns) is on by default for a new queue. SSE-KMS uses a KMS key you name and asks KMS for a new data key every KmsDataKeyReusePeriodSeconds. A KMS key and SqsManagedSseEnabled=true in one call are refused (InvalidAttributeName).">
                    "Encryption"
                    <select data-testid="encryption-choice" aria-label="Server-side encryption"
                        on:change=move |ev| choice.set(match event_target_value(&ev).as_str() {
                            "SSE-SQS" => "SSE-SQS",
                            "SSE-KMS" => "SSE-KMS",
                            _ => "Disabled",
                        })>
                        {["SSE-SQS", "SSE-KMS", "Disabled"].into_iter().map(|o| view! {
                            <option value=o selected=move || choice.get() == o>{o}</option>
                        }).collect_view()}
                    </select>
                </label>
                <Show when=kms>
                    <label title="A KMS key id, alias (alias/…) or ARN. alias/aws/sqs is the AWS managed key for SQS.">
                        "KmsMasterKeyId"
                        <input data-testid="kms-key" prop:value=move || key.get()
                            on:input=move |ev| key.set(event_target_value(&ev)) />
                    </label>
                    <label title="60–86,400 s (24 h), default 300: how long SQS reuses a data key before calling KMS again.">
                        "KmsDataKeyReusePeriodSeconds"
                        <input class="period" data-testid="kms-reuse" inputmode="numeric" prop:value=move || reuse.get()
                            on:input=move |ev| reuse.set(event_target_value(&ev)) />
                    </label>
                </Show>
                <button type="submit" class="primary" data-testid="apply-encryption">"SetQueueAttributes"</button>
            </form>
        </div>
    }
}

/// The queue's policy as stored (None without one), its statement ids, and the owner's account.
#[derive(Clone, PartialEq, Default)]
struct PolicyView {
    text: Option<String>,
    sids: Vec<Option<String>>,
    owner: String,
}

#[component]
fn PolicySection(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let policy = Memo::new(move |_| {
        state.read_queue(&name, |q| PolicyView {
            text: q.attributes.policy.as_ref().map(|p| p.text().to_string()),
            sids: q
                .attributes
                .policy
                .as_ref()
                .map(|p| p.sids().map(|s| s.map(str::to_string)).collect())
                .unwrap_or_default(),
            owner: q.arn.split(':').nth(4).unwrap_or_default().to_string(),
        })
    });
    let error = RwSignal::new(None::<StepError>);
    // What was typed in the policy editor; None shows the stored policy.
    let draft = RwSignal::new(None::<String>);
    let stored = move || policy.with(|p| p.text.as_deref().map(indent_json).unwrap_or_default());
    let set_policy = move |text: String| {
        let mut attributes = Map::new();
        attributes.insert("Policy".into(), Value::from(text));
        if set_attributes(state, error, attributes) {
            draft.set(None);
        }
    };
    let remove = move |label: String| {
        if let Some(url) = state.selected_url() {
            let input = json!({ "QueueUrl": url, "Label": label });
            if run(state, error, "sqs:RemovePermission", input) {
                draft.set(None);
            }
        }
    };
    let statements = move || {
        policy.with(|p| {
            p.sids
                .iter()
                .map(|sid| match sid.clone() {
                    Some(sid) => {
                        let (label, attr) = (sid.clone(), sid.clone());
                        view! {
                            <li data-testid="policy-statement" data-sid=attr>
                                "Sid " <code>{sid}</code>
                                <button type="button" class="small danger" data-testid="remove-permission"
                                    on:click=move |_| remove(label.clone())>"RemovePermission"</button>
                            </li>
                        }
                        .into_any()
                    }
                    None => view! {
                        <li data-testid="policy-statement" class="muted">
                            "A statement without a Sid: RemovePermission cannot name it; edit the policy instead."
                        </li>
                    }
                    .into_any(),
                })
                .collect_view()
        })
    };
    view! {
        <div class="access-section" data-testid="policy-section">
            <h3>"Access policy "
                <a class="muted" href=format!("{GUIDE}sqs-creating-custom-policies.html") target="_blank" rel="noopener">
                    "(custom policies)"</a></h3>
            <p class="access-note muted">
                "Who else may use this queue. The policy is stored, validated and shown as SQS does, and a caller from another "
                "account (\"Acting as\", at the top) passes only as it allows; the queue's owner"
                {move || policy.with(|p| format!(" ({})", p.owner))}
                " needs no policy. "
                <a href=format!("{GUIDE}sqs-using-identity-based-policies.html") target="_blank" rel="noopener">
                    "Identity-based and queue policies"</a>
            </p>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="policy-error" /> })}
            {move || if policy.with(|p| p.text.is_some()) {
                view! {
                    <pre class="policy-json" data-testid="policy-json">{stored}</pre>
                    <ul class="policy-statements">{statements}</ul>
                }
                .into_any()
            } else {
                view! {
                    <p class="empty" data-testid="policy-none">"No policy: only the queue's owner can use it."</p>
                }
                .into_any()
            }}
            <details class="policy-add">
                <summary data-testid="open-add-permission">"AddPermission: let other accounts call this queue"</summary>
                <AddPermissionForm error on_added=Callback::new(move |_| draft.set(None)) />
            </details>
            <details class="policy-editor">
                <summary data-testid="open-policy-editor">"SetQueueAttributes: the whole Policy (JSON)"</summary>
                <textarea data-testid="policy-text" rows="10" aria-label="Policy document as JSON"
                    placeholder=r#"{"Version": "2012-10-17", "Statement": [{"Sid": "...", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:..."}]}"#
                    prop:value=move || draft.get().unwrap_or_else(stored)
                    on:input=move |ev| draft.set(Some(event_target_value(&ev)))></textarea>
                <div class="row">
                    <button type="button" class="primary" data-testid="set-policy"
                        on:click=move |_| set_policy(draft.get_untracked().unwrap_or_else(|| policy.with_untracked(|p| p.text.clone().unwrap_or_default())))>
                        "SetQueueAttributes (Policy)"</button>
                    <button type="button" class="danger" data-testid="remove-policy"
                        title="Sets Policy to the empty string, which removes the policy."
                        on:click=move |_| set_policy(String::new())>"Remove policy"</button>
                </div>
            </details>
        </div>
    }
}

/// AddPermission: a label, the accounts and the actions they may call.
#[component]
fn AddPermissionForm(error: RwSignal<Option<StepError>>, on_added: Callback<()>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let label = RwSignal::new(String::new());
    let accounts = RwSignal::new(String::new());
    let actions = RwSignal::new(vec!["SendMessage"]);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(url) = state.selected_url() else {
            return;
        };
        let ids: Vec<String> = accounts
            .get_untracked()
            .split(',')
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string)
            .collect();
        let chosen: Vec<&str> = actions.with_untracked(|checked| {
            ACTIONS
                .iter()
                .copied()
                .filter(|a| checked.contains(a))
                .collect()
        });
        let input = json!({
            "QueueUrl": url,
            "Label": label.get_untracked().trim(),
            "AWSAccountIds": ids,
            "Actions": chosen,
        });
        if run(state, error, "sqs:AddPermission", input) {
            label.set(String::new());
            on_added.run(());
        }
    };
    let boxes = ACTIONS
        .iter()
        .map(|&action| {
            let testid = match action {
                "*" => "permission-action-all".to_string(),
                a => format!("permission-action-{a}"),
            };
            view! {
                <label class="check">
                    <input type="checkbox" data-testid=testid
                        prop:checked=move || actions.with(|c| c.contains(&action))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            actions.update(|c| {
                                c.retain(|a| *a != action);
                                if on {
                                    c.push(action);
                                }
                            });
                        } />
                    {if action == "*" { "* (every action)" } else { action }}
                </label>
            }
        })
        .collect_view();
    view! {
        <form class="add-permission" novalidate=true on:submit=add>
            <div class="row">
                <label title="The statement's Sid: letters, digits, - and _, up to 80 characters.">
                    "Label"
                    <input data-testid="permission-label" placeholder="e.g. PartnerSend"
                        prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev)) />
                </label>
                <label title="12-digit AWS account ids, separated by commas.">
                    "AWSAccountIds"
                    <input data-testid="permission-accounts" placeholder="111122223333, 444455556666"
                        prop:value=move || accounts.get() on:input=move |ev| accounts.set(event_target_value(&ev)) />
                </label>
            </div>
            <fieldset class="permission-actions">
                <legend>"Actions"</legend>
                {boxes}
            </fieldset>
            <button type="submit" class="primary" data-testid="add-permission">"AddPermission"</button>
        </form>
    }
}

/// A JSON document re-indented for reading, its members in the order written.
pub(super) fn indent_json(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut depth = 0usize;
    let (mut in_string, mut escaped) = (false, false);
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            '{' | '[' => {
                out.push(c);
                while chars.next_if(|c| c.is_whitespace()).is_some() {}
                // An empty object or list stays on one line.
                match chars.next_if(|&c| c == '}' || c == ']') {
                    Some(close) => out.push(close),
                    None => {
                        depth += 1;
                        newline(&mut out, depth);
                    }
                }
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => {
                out.push(c);
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}
