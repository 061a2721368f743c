//! The function panel's resource-based policy and asynchronous-invocation
//! settings, per qualifier, as the Lambda console shows them: the policy of
//! the function and of each version and alias as GetPolicy answers it (its
//! statements in the order and key order AWS writes), AddPermission and
//! RemovePermission; and each qualifier's event invoke config
//! (MaximumRetryAttempts, MaximumEventAgeInSeconds, OnSuccess / OnFailure
//! destinations), saved with PutFunctionEventInvokeConfig (which replaces it)
//! and removed with DeleteFunctionEventInvokeConfig. Every action is a
//! scenario step; its AWS error shows in its section.

use super::function_versions::{qualifier_label, qualifiers, run, GUIDE};
use super::queue_access::indent_json;
use super::state::{AppState, StepError};
use super::timeline::ErrorBox;
use crate::services::lambda::model::{
    EventInvokeConfig, Function, DEFAULT_EVENT_AGE_S, DEFAULT_RETRY_ATTEMPTS, LATEST,
};
use leptos::prelude::*;
use serde_json::{json, Value};

/// Principals the form suggests: AWS services that invoke functions.
const PRINCIPALS: &[&str] = &[
    "sns.amazonaws.com",
    "s3.amazonaws.com",
    "events.amazonaws.com",
    "apigateway.amazonaws.com",
    "sqs.amazonaws.com",
    "elasticloadbalancing.amazonaws.com",
];

/// Actions the form suggests.
const ACTIONS: &[&str] = &[
    "lambda:InvokeFunction",
    "lambda:InvokeFunctionUrl",
    "lambda:GetFunction",
    "lambda:*",
];

#[component]
pub fn FunctionAccess(name: String) -> impl IntoView {
    view! {
        <Permissions name=name.clone() />
        <AsyncInvocation name />
    }
}

/// The input naming a function and, unless it is $LATEST (the function itself), a qualifier.
fn target(function: &str, qualifier: &str) -> Value {
    let mut input = json!({ "FunctionName": function });
    if !qualifier.is_empty() && qualifier != LATEST {
        input["Qualifier"] = Value::from(qualifier);
    }
    input
}

/// One qualifier's policy: its key, how it reads, the document as GetPolicy answers it, and its Sids.
#[derive(Clone, Debug, PartialEq)]
struct PolicyBlock {
    qualifier: String,
    label: String,
    document: String,
    sids: Vec<String>,
}

fn policy_blocks(f: &Function) -> Vec<PolicyBlock> {
    qualifiers(f)
        .into_iter()
        .filter_map(|q| {
            let p = f.policy.get(&q)?;
            let label = if q == LATEST {
                "The function (unqualified)".to_string()
            } else {
                let l = qualifier_label(f, &q);
                let mut chars = l.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect())
                    .unwrap_or(l)
            };
            Some(PolicyBlock {
                label,
                document: indent_json(&p.document()),
                sids: p.statements.iter().map(|(sid, _)| sid.clone()).collect(),
                qualifier: q,
            })
        })
        .collect()
}

#[component]
fn Permissions(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let blocks = {
        let name = name.clone();
        Memo::new(move |_| state.read_function(&name, policy_blocks))
    };
    // The qualifiers AddPermission can name: the function itself, its versions and aliases.
    let choices = {
        let name = name.clone();
        Memo::new(move |_| {
            state.read_function(&name, |f| {
                qualifiers(f)
                    .into_iter()
                    .filter(|q| q != LATEST)
                    .map(|q| (qualifier_label(f, &q), q))
                    .collect::<Vec<_>>()
            })
        })
    };
    let owner = state.place_untracked().account;
    let error = RwSignal::new(None::<StepError>);
    let fname = name.clone();
    let remove = Callback::new(move |(qualifier, sid): (String, String)| {
        let mut input = target(&fname, &qualifier);
        input["StatementId"] = Value::from(sid);
        run(state, error, "lambda:RemovePermission", input);
    });
    let count = move || match blocks.with(|b| b.iter().map(|b| b.sids.len()).sum::<usize>()) {
        0 => "no policy".to_string(),
        1 => "1 statement".to_string(),
        n => format!("{n} statements"),
    };
    let body = move || {
        blocks
            .get()
            .into_iter()
            .map(|b| {
                let statements = b
                    .sids
                    .iter()
                    .map(|sid| {
                        let pair = (b.qualifier.clone(), sid.clone());
                        view! {
                            <li data-testid="function-policy-statement" data-sid=sid.clone()>
                                "Sid " <code>{sid.clone()}</code>
                                <button type="button" class="small danger" data-testid="remove-function-permission"
                                    on:click=move |_| remove.run(pair.clone())>"RemovePermission"</button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="fn-policy" data-testid="function-policy" data-qualifier=b.qualifier.clone()>
                        <div class="fn-policy-head"><strong>{b.label}</strong>
                            <span class="muted">" · GetPolicy"
                                {(b.qualifier != LATEST).then(|| format!(" with Qualifier {}", b.qualifier))}</span></div>
                        <pre class="policy-json" data-testid="function-policy-json">{b.document}</pre>
                        <ul class="policy-statements">{statements}</ul>
                    </div>
                }
            })
            .collect_view()
    };
    view! {
        <details class="access-section fn-section" data-testid="permissions-section">
            <summary data-testid="open-permissions"><h3>"Permissions (resource-based policy)"</h3>" "<span class="muted" data-testid="permissions-count">{count}</span></summary>
            <p class="access-note muted">
                "Who else may invoke or manage this function: a service (sns.amazonaws.com), another account or an IAM ARN. "
                "The policy is stored and shown as GetPolicy answers it; a caller from another account (\"Acting as\", at the top) "
                "passes only as it allows, and the function's owner (" {owner.clone()} ") needs no policy. "
                <a href=format!("{GUIDE}access-control-resource-based.html") target="_blank" rel="noopener">"Resource-based policies in Lambda"</a>
            </p>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="permissions-error" /> })}
            <Show when=move || blocks.with(Vec::is_empty)>
                <p class="empty" data-testid="function-policy-none">"No resource-based policy: only the owner's account can use this function."</p>
            </Show>
            {body}
            <AddPermission name owner choices error />
        </details>
    }
}

/// AddPermission: a statement id, a principal, an action, and optionally a
/// source ARN and the version or alias it applies to.
#[component]
fn AddPermission(
    name: String,
    owner: String,
    choices: Memo<Vec<(String, String)>>,
    error: RwSignal<Option<StepError>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let sid = RwSignal::new(String::new());
    let principal = RwSignal::new(String::from("sns.amazonaws.com"));
    let action = RwSignal::new(String::from("lambda:InvokeFunction"));
    let source_arn = RwSignal::new(String::new());
    let qualifier = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut input = target(&name, &qualifier.get_untracked());
        input["StatementId"] = Value::from(sid.get_untracked().trim());
        input["Principal"] = Value::from(principal.get_untracked().trim());
        input["Action"] = Value::from(action.get_untracked().trim());
        let arn = source_arn.get_untracked();
        if !arn.trim().is_empty() {
            input["SourceArn"] = Value::from(arn.trim());
        }
        if run(state, error, "lambda:AddPermission", input) {
            sid.set(String::new());
            source_arn.set(String::new());
        }
    };
    let qualifier_options = move || {
        choices
            .get()
            .into_iter()
            .map(|(label, q)| {
                let q2 = q.clone();
                view! { <option value=q selected=move || qualifier.get() == q2>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <form class="fn-form" novalidate=true on:submit=add>
            <div class="fn-form-title">"AddPermission"</div>
            <div class="row">
                <label title="The statement's Sid: letters, digits, - and _, up to 100 characters; unique in the policy.">
                    "StatementId"
                    <input class="fn-short" data-testid="function-permission-sid" placeholder="e.g. sns-invoke"
                        prop:value=move || sid.get() on:input=move |ev| sid.set(event_target_value(&ev)) />
                </label>
                <label title="A service (sns.amazonaws.com), a 12-digit account id, an IAM ARN, or *.">
                    "Principal"
                    <input list="fn-principals" data-testid="function-permission-principal"
                        prop:value=move || principal.get() on:input=move |ev| principal.set(event_target_value(&ev)) />
                </label>
                <label title="The Lambda action allowed, e.g. lambda:InvokeFunction.">
                    "Action"
                    <input list="fn-actions" data-testid="function-permission-action"
                        prop:value=move || action.get() on:input=move |ev| action.set(event_target_value(&ev)) />
                </label>
            </div>
            <div class="row">
                <label class="fn-wide" title="Optional: only calls from this resource (e.g. the SNS topic's ARN), as an ArnLike condition.">
                    "SourceArn (optional)"
                    <input data-testid="function-permission-source-arn" placeholder="arn:aws:sns:us-east-1:123456789012:my-topic"
                        prop:value=move || source_arn.get() on:input=move |ev| source_arn.set(event_target_value(&ev)) />
                </label>
                <label title="Optional: the version or alias whose policy gets the statement; none for the function itself.">
                    "Qualifier (optional)"
                    <select data-testid="function-permission-qualifier" on:change=move |ev| qualifier.set(event_target_value(&ev))>
                        <option value="" selected=move || qualifier.get().is_empty()>"none: the function"</option>
                        {qualifier_options}
                    </select>
                </label>
                <button type="submit" class="primary" data-testid="add-function-permission">"AddPermission"</button>
            </div>
            <datalist id="fn-principals">
                {PRINCIPALS.iter().map(|p| view! { <option value=*p></option> }).collect_view()}
                <option value=owner.clone()>"this account"</option>
            </datalist>
            <datalist id="fn-actions">
                {ACTIONS.iter().map(|a| view! { <option value=*a></option> }).collect_view()}
            </datalist>
        </form>
    }
}

/// One qualifier's event invoke config as the table shows it.
#[derive(Clone, Debug, PartialEq)]
struct AsyncRow {
    qualifier: String,
    label: String,
    retries: Option<u32>,
    max_age: Option<u32>,
    on_success: Option<String>,
    on_failure: Option<String>,
}

fn async_rows(f: &Function) -> Vec<AsyncRow> {
    qualifiers(f)
        .into_iter()
        .filter_map(|q| {
            let c: &EventInvokeConfig = f.event_invoke_config.get(&q)?;
            Some(AsyncRow {
                label: qualifier_label(f, &q),
                qualifier: q,
                retries: c.maximum_retry_attempts,
                max_age: c.maximum_event_age_in_seconds,
                on_success: c.on_success.clone(),
                on_failure: c.on_failure.clone(),
            })
        })
        .collect()
}

/// A destination ARN, shortened to its kind and name.
fn destination_text(arn: &Option<String>) -> String {
    match arn {
        None => "—".to_string(),
        Some(arn) => {
            let parts: Vec<&str> = arn.split(':').collect();
            match (parts.get(2), parts.last()) {
                (Some(service), Some(name)) if parts.len() > 5 => format!("{service} {name}"),
                _ => arn.clone(),
            }
        }
    }
}

#[component]
fn AsyncInvocation(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = {
        let name = name.clone();
        Memo::new(move |_| state.read_function(&name, async_rows))
    };
    // (label, qualifier) of every qualifier, for the form's picker.
    let choices = {
        let name = name.clone();
        Memo::new(move |_| {
            state.read_function(&name, |f| {
                qualifiers(f)
                    .into_iter()
                    .map(|q| (qualifier_label(f, &q), q))
                    .collect::<Vec<_>>()
            })
        })
    };
    // The ARNs a destination can name here: the queues, then the other functions.
    let destinations = {
        let name = name.clone();
        Memo::new(move |_| {
            state.read_in(|r| {
                let mut queues: Vec<String> = r.sqs().queues().map(|q| q.arn.clone()).collect();
                queues.sort();
                let functions = r
                    .lambda()
                    .functions()
                    .filter(|f| f.name != name)
                    .map(|f| f.arn.clone());
                queues.into_iter().chain(functions).collect::<Vec<_>>()
            })
        })
    };
    let error = RwSignal::new(None::<StepError>);
    let fname = name.clone();
    let remove = Callback::new(move |qualifier: String| {
        let input = target(&fname, &qualifier);
        run(
            state,
            error,
            "lambda:DeleteFunctionEventInvokeConfig",
            input,
        );
    });
    let count = move || match rows.with(Vec::len) {
        0 => "defaults".to_string(),
        1 => "1 config".to_string(),
        n => format!("{n} configs"),
    };
    let body = move || {
        rows.get()
            .into_iter()
            .map(|row| {
                let q = row.qualifier.clone();
                let retries = row.retries.map_or_else(
                    || format!("{DEFAULT_RETRY_ATTEMPTS} (default)"),
                    |n| n.to_string(),
                );
                let age = row.max_age.map_or_else(
                    || format!("{DEFAULT_EVENT_AGE_S} (default)"),
                    |n| n.to_string(),
                );
                view! {
                    <tr data-testid="async-config-row" data-qualifier=row.qualifier.clone()>
                        <td><code>{row.label}</code></td>
                        <td class="num" data-testid="async-retries">{retries}</td>
                        <td class="num" data-testid="async-max-age">{age}</td>
                        <td data-testid="async-on-success" title=row.on_success.clone().unwrap_or_default()>{destination_text(&row.on_success)}</td>
                        <td data-testid="async-on-failure" title=row.on_failure.clone().unwrap_or_default()>{destination_text(&row.on_failure)}</td>
                        <td><button type="button" class="small danger" data-testid="delete-async-config"
                            title="DeleteFunctionEventInvokeConfig: Lambda's defaults apply again"
                            on:click=move |_| remove.run(q.clone())>"Remove"</button></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <details class="access-section fn-section" data-testid="async-section">
            <summary data-testid="open-async"><h3>"Asynchronous invocation"</h3>" "<span class="muted" data-testid="async-count">{count}</span></summary>
            <p class="access-note muted">
                "For events invoked with InvocationType Event, per qualifier: how often a failed event is retried, how long it may wait, "
                "and where its outcome goes. Without a config Lambda retries twice and keeps an event up to six hours. "
                <a href=format!("{GUIDE}invocation-async-configure.html") target="_blank" rel="noopener">"Configuring asynchronous invocation"</a>
            </p>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="async-error" /> })}
            <Show when=move || !rows.with(Vec::is_empty)>
                <table class="messages fn-table" data-testid="async-table">
                    <thead><tr><th>"Qualifier"</th><th>"Retries"</th><th>"Max age (s)"</th><th>"OnSuccess"</th><th>"OnFailure"</th><th></th></tr></thead>
                    <tbody>{body}</tbody>
                </table>
            </Show>
            <PutEventInvokeConfig name choices destinations error />
        </details>
    }
}

/// The form fields as text, from a qualifier's config (blank where it sets nothing).
fn fields_of(c: Option<&EventInvokeConfig>) -> [String; 4] {
    let n = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
    match c {
        None => Default::default(),
        Some(c) => [
            n(c.maximum_retry_attempts),
            n(c.maximum_event_age_in_seconds),
            c.on_success.clone().unwrap_or_default(),
            c.on_failure.clone().unwrap_or_default(),
        ],
    }
}

/// PutFunctionEventInvokeConfig for the chosen qualifier, its fields filled from its config.
#[component]
fn PutEventInvokeConfig(
    name: String,
    choices: Memo<Vec<(String, String)>>,
    destinations: Memo<Vec<String>>,
    error: RwSignal<Option<StepError>>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    let qualifier = RwSignal::new(LATEST.to_string());
    let load = {
        let name = name.clone();
        move |q: &str| {
            state.peek_in(|r| {
                fields_of(
                    r.lambda()
                        .function(&name)
                        .and_then(|f| f.event_invoke_config.get(q)),
                )
            })
        }
    };
    let [r, a, s, f] = load(LATEST);
    let (retries, age, on_success, on_failure) = (
        RwSignal::new(r),
        RwSignal::new(a),
        RwSignal::new(s),
        RwSignal::new(f),
    );
    let fill = move |[r, a, s, f]: [String; 4]| {
        retries.set(r);
        age.set(a);
        on_success.set(s);
        on_failure.set(f);
    };
    let choose = {
        let load = load.clone();
        move |ev: leptos::ev::Event| {
            let q = event_target_value(&ev);
            fill(load(&q));
            qualifier.set(q);
        }
    };
    let put = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q = qualifier.get_untracked();
        let mut input = target(&name, &q);
        let number = |s: String| super::message_forms::number(&s);
        if let Some(n) = number(retries.get_untracked()) {
            input["MaximumRetryAttempts"] = n;
        }
        if let Some(n) = number(age.get_untracked()) {
            input["MaximumEventAgeInSeconds"] = n;
        }
        let mut destination = serde_json::Map::new();
        for (key, arn) in [
            ("OnSuccess", on_success.get_untracked()),
            ("OnFailure", on_failure.get_untracked()),
        ] {
            if !arn.trim().is_empty() {
                destination.insert(key.into(), json!({ "Destination": arn.trim() }));
            }
        }
        if !destination.is_empty() {
            input["DestinationConfig"] = Value::Object(destination);
        }
        if run(state, error, "lambda:PutFunctionEventInvokeConfig", input) {
            fill(load(&q));
        }
    };
    view! {
        <form class="fn-form" novalidate=true on:submit=put>
            <div class="fn-form-title">"PutFunctionEventInvokeConfig (replaces the qualifier's whole config)"</div>
            <div class="row">
                <label title="$LATEST (the unqualified function), a version or an alias: each has its own config.">
                    "Qualifier"
                    <select data-testid="async-qualifier" on:change=choose>
                        {move || choices.get().into_iter().map(|(label, q)| {
                            let q2 = q.clone();
                            view! { <option value=q selected=move || qualifier.get() == q2>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label title="0–2; blank leaves it unset (Lambda retries twice).">
                    "MaximumRetryAttempts"
                    <input class="fn-short" inputmode="numeric" data-testid="async-set-retries" placeholder="default 2"
                        prop:value=move || retries.get() on:input=move |ev| retries.set(event_target_value(&ev)) />
                </label>
                <label title="60–21,600 s (six hours); blank leaves it unset (six hours).">
                    "MaximumEventAgeInSeconds"
                    <input class="fn-short" inputmode="numeric" data-testid="async-set-max-age" placeholder="default 21600"
                        prop:value=move || age.get() on:input=move |ev| age.set(event_target_value(&ev)) />
                </label>
            </div>
            <div class="row">
                <label class="fn-wide" title="Where the invocation record of a successful event goes: an SQS queue, SNS topic, Lambda function or EventBridge bus ARN.">
                    "OnSuccess destination"
                    <input list="fn-destinations" data-testid="async-set-on-success" placeholder="none"
                        prop:value=move || on_success.get() on:input=move |ev| on_success.set(event_target_value(&ev)) />
                </label>
                <label class="fn-wide" title="Where the invocation record of an event that failed all its attempts, or grew too old, goes.">
                    "OnFailure destination"
                    <input list="fn-destinations" data-testid="async-set-on-failure" placeholder="none"
                        prop:value=move || on_failure.get() on:input=move |ev| on_failure.set(event_target_value(&ev)) />
                </label>
            </div>
            <button type="submit" class="primary" data-testid="put-async-config">"Save (PutFunctionEventInvokeConfig)"</button>
            <datalist id="fn-destinations">
                {move || destinations.get().into_iter().map(|arn| view! { <option value=arn></option> }).collect_view()}
            </datalist>
        </form>
    }
}
