//! Simulated HTTP endpoints (a Stratus built-in, not an AWS service: the tab
//! has no internet) in the page. Their group in the resource tree lists the
//! endpoints of the place shown, each with what it answers and how many
//! requests it got, and the form that programs one (`endpoints:PutEndpoint`:
//! status, body, latency in virtual time, the first N requests failed with
//! another status, Retry-After). Its inspector shows the behaviour, a form to
//! change it, and its request log: each request's method, headers, body and
//! the status answered, as an API destination (or, later, an SNS
//! subscription) sent it.

use super::message_forms::{call_here, number};
use super::resources::ServiceGroup;
use super::state::{AppState, EventsSelection, StepError};
use super::timeline::ErrorBox;
use crate::sim::format_iso;
use leptos::prelude::*;
use serde_json::{json, Value};

/// Rows of the request log kept in the page, newest first.
const MAX_REQUESTS: usize = 100;

pub const GROUP: ServiceGroup = ServiceGroup {
    id: "endpoints",
    label: "HTTP endpoints (simulated)",
    noun: ("endpoint", "endpoints"),
    item_testid: "endpoint-item",
    item_prefix: "",
    names: |p| {
        p.endpoints()
            .endpoints()
            .map(|e| e.url.to_string())
            .collect()
    },
    is_selected: |state, name| {
        state
            .selected_events
            .with(|s| matches!(s, Some(EventsSelection::Endpoint(u)) if u == name))
    },
    select: |state, name| {
        state
            .selected_events
            .set(Some(EventsSelection::Endpoint(name)))
    },
    detail: |name| view! { <EndpointDetail url=name /> }.into_any(),
    create: || view! { <EndpointForm url=None /> }.into_any(),
};

#[component]
fn EndpointDetail(url: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = move || {
        state.read_in(|p| {
            p.endpoints()
                .endpoint(&url)
                .map(|e| {
                    let fail = if e.fail_first > 0 {
                        format!(" after {} × {}", e.fail_first, e.fail_status)
                    } else {
                        String::new()
                    };
                    format!("answers {}{fail} · {} requests", e.status, e.received)
                })
                .unwrap_or_default()
        })
    };
    view! { <span class="tree-item-detail">{text}</span> }
}

/// Programs an endpoint: a new one (`url` None) or the one shown, its fields filled in.
#[component]
pub fn EndpointForm(url: Option<String>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let current: Option<Value> = url.as_ref().and_then(|u| {
        state.peek_in(|p| {
            p.endpoints().endpoint(u).map(|e| {
                json!({ "status": e.status, "body": e.body, "latency": e.latency_ms,
                        "fail_first": e.fail_first, "fail_status": e.fail_status })
            })
        })
    });
    let field = |key: &str, default: &str| {
        current
            .as_ref()
            .and_then(|c| c.get(key))
            .filter(|v| !v.is_null())
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .unwrap_or_else(|| default.to_string())
    };
    let editing = url.is_some();
    let address =
        RwSignal::new(url.unwrap_or_else(|| "https://api.example.com/orders".to_string()));
    let status = RwSignal::new(field("status", "200"));
    let body = RwSignal::new(field("body", ""));
    let latency = RwSignal::new(field("latency", "100"));
    let fail_first = RwSignal::new(field("fail_first", "0"));
    let fail_status = RwSignal::new(field("fail_status", "503"));
    let error = RwSignal::new(None::<StepError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let target = address.get_untracked().trim().to_string();
        let mut input = json!({ "Url": target });
        for (key, value) in [
            ("Status", status),
            ("LatencyMs", latency),
            ("FailFirst", fail_first),
            ("FailStatus", fail_status),
        ] {
            if let Some(n) = number(&value.get_untracked()) {
                input[key] = n;
            }
        }
        let text = body.get_untracked();
        if !text.is_empty() {
            input["Body"] = json!(text);
        }
        if call_here(
            state,
            error,
            "endpoint-error",
            "endpoints:PutEndpoint",
            input,
        )
        .is_some()
        {
            state
                .selected_events
                .set(Some(EventsSelection::Endpoint(target)));
        }
    };
    view! {
        <form class="create-form" novalidate=true on:submit=submit aria-labelledby="endpoint-form-title">
            <h4 id="endpoint-form-title">{if editing { "Change what it answers" } else { "Program an HTTP endpoint" }}</h4>
            <Show when=move || !editing>
                <label>"URL" <input data-testid="new-endpoint-url" spellcheck="false" prop:value=move || address.get()
                    on:input=move |ev| address.set(event_target_value(&ev)) /></label>
            </Show>
            <div class="row">
                <label>"Status" <input data-testid="endpoint-status" inputmode="numeric" prop:value=move || status.get()
                    on:input=move |ev| status.set(event_target_value(&ev)) /></label>
                <label title="Virtual milliseconds before it answers; EventBridge gives up after 5 s.">"Latency (ms)" <input data-testid="endpoint-latency" inputmode="numeric" prop:value=move || latency.get()
                    on:input=move |ev| latency.set(event_target_value(&ev)) /></label>
            </div>
            <div class="row">
                <label title="The first this many requests get the failure status, then the endpoint answers Status.">"Fail first" <input data-testid="endpoint-fail-first" inputmode="numeric" prop:value=move || fail_first.get()
                    on:input=move |ev| fail_first.set(event_target_value(&ev)) /></label>
                <label>"with status" <input data-testid="endpoint-fail-status" inputmode="numeric" prop:value=move || fail_status.get()
                    on:input=move |ev| fail_status.set(event_target_value(&ev)) /></label>
            </div>
            <label>"Response body (optional)" <input data-testid="endpoint-body" prop:value=move || body.get()
                on:input=move |ev| body.set(event_target_value(&ev)) /></label>
            <button type="submit" class=if editing { "" } else { "primary" } data-testid="put-endpoint">{if editing { "Save" } else { "Program endpoint" }}</button>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="endpoint-error" /> })}
        </form>
    }
}

#[derive(Clone, PartialEq)]
struct RequestRow {
    number: u64,
    at: String,
    method: String,
    status: String,
    headers: String,
    body: String,
}

#[component]
pub fn EndpointPanel(url: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let exists = {
        let url = url.clone();
        Memo::new(move |_| state.read_in(|p| p.endpoints().endpoint(&url).is_some()))
    };
    let rows = {
        let url = url.clone();
        Memo::new(move |_| {
            state.read_in(|p| {
                let mut rows: Vec<RequestRow> = p
                    .endpoints()
                    .requests_to(&url)
                    .map(|r| RequestRow {
                        number: r.number,
                        at: format_iso(r.at),
                        method: r.method.to_string(),
                        status: if r.timed_out {
                            "timed out".to_string()
                        } else {
                            r.status.to_string()
                        },
                        headers: r
                            .headers
                            .iter()
                            .map(|(k, v)| format!("{k}: {v}"))
                            .collect::<Vec<_>>()
                            .join("\n"),
                        body: r.body.clone(),
                    })
                    .collect();
                rows.reverse();
                rows.truncate(MAX_REQUESTS);
                rows
            })
        })
    };
    let form_url = url.clone();
    view! {
        <section class="panel endpoint-panel" data-testid="endpoint-panel">
            <div class="queue-head">
                <h2 class="queue-title">{url.clone()}</h2>
            </div>
            <p class="muted small">"A simulated HTTP endpoint (a Stratus built-in: the page has no internet). It answers as programmed, in virtual time, and keeps every request it gets."</p>
            <Show when=move || exists.get() fallback=|| view! { <p class="inspector-hint">"This endpoint is not programmed (any more) in the account and Region shown."</p> }>
                <EndpointForm url=Some(form_url.clone()) />
            </Show>
            <h3>"Requests " <span class="muted">{move || format!("({})", rows.with(Vec::len))}</span></h3>
            {move || {
                let list = rows.get();
                if list.is_empty() {
                    return view! { <p class="empty">"No request yet."</p> }.into_any();
                }
                list.into_iter().map(|r| view! {
                    <details class="target-card" data-testid="endpoint-request">
                        <summary>{format!("#{} · {} · {} → {}", r.number, r.at, r.method, r.status)}</summary>
                        <pre class="json">{r.headers}</pre>
                        <pre class="json" data-testid="endpoint-request-body">{r.body}</pre>
                    </details>
                }).collect_view().into_any()
            }}
        </section>
    }
}
