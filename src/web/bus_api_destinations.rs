//! EventBridge's connections and API destinations in the page, under the
//! EventBridge group of the resource tree: each connection with its
//! authorization type and state, each API destination with its method,
//! endpoint and connection, and the forms that make them
//! (`events:CreateConnection` with an API key or basic authorization,
//! `events:CreateApiDestination` to one of the simulated HTTP endpoints or any
//! URL). An API destination is then a target a rule's Targets tab offers.

use super::message_forms::{call_here, number};
use super::state::{AppState, StepError};
use super::timeline::ErrorBox;
use leptos::prelude::*;
use serde_json::json;

#[component]
pub fn ApiDestinations() -> impl IntoView {
    let state = expect_context::<AppState>();
    let lists = Memo::new(move |_| {
        state.read_in(|p| {
            let events = p.events();
            let connections: Vec<(String, String, String, String)> = events
                .connections()
                .map(|c| {
                    (
                        c.name.to_string(),
                        c.arn.to_string(),
                        c.authorization_type.to_string(),
                        c.state.to_string(),
                    )
                })
                .collect();
            let destinations: Vec<String> = events
                .api_destinations()
                .map(|d| {
                    let connection = d.connection_arn.rsplit('/').nth(1).unwrap_or("");
                    format!(
                        "{}: {} {} (connection {connection}, {}/s)",
                        d.name,
                        d.http_method,
                        d.invocation_endpoint,
                        d.invocation_rate_limit_per_second
                    )
                })
                .collect();
            (connections, destinations)
        })
    });
    view! {
        <details class="partner-sources" data-testid="api-destinations">
            <summary>"Connections and API destinations"</summary>
            <ul class="plain-list" data-testid="connection-list">
                {move || lists.with(|l| l.0.clone()).into_iter().map(|(name, _, kind, st)| view! {
                    <li data-testid="connection-row"><code>{name}</code>{format!(" · {kind} · {st}")}</li>
                }).collect_view()}
            </ul>
            <ul class="plain-list" data-testid="api-destination-list">
                {move || lists.with(|l| l.1.clone()).into_iter().map(|text| view! {
                    <li data-testid="api-destination-row">{text}</li>
                }).collect_view()}
            </ul>
            <CreateConnectionForm />
            <CreateApiDestinationForm connections=Signal::derive(move || lists.with(|l| l.0.iter().map(|c| (c.0.clone(), c.1.clone())).collect::<Vec<_>>())) />
        </details>
    }
}

#[component]
fn CreateConnectionForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new("orders-api".to_string());
    let kind = RwSignal::new("API_KEY".to_string());
    let first = RwSignal::new("x-api-key".to_string());
    let second = RwSignal::new("k-123".to_string());
    let error = RwSignal::new(None::<StepError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (a, b) = (first.get_untracked(), second.get_untracked());
        let auth = match kind.get_untracked().as_str() {
            "BASIC" => json!({ "BasicAuthParameters": { "Username": a, "Password": b } }),
            _ => json!({ "ApiKeyAuthParameters": { "ApiKeyName": a, "ApiKeyValue": b } }),
        };
        let input = json!({
            "Name": name.get_untracked().trim(),
            "AuthorizationType": kind.get_untracked(),
            "AuthParameters": auth,
        });
        call_here(
            state,
            error,
            "create-connection-error",
            "events:CreateConnection",
            input,
        );
    };
    let basic = move || kind.get() == "BASIC";
    view! {
        <form class="create-form" novalidate=true on:submit=submit aria-labelledby="create-connection-title">
            <h4 id="create-connection-title">"Create connection"</h4>
            <label>"Name" <input data-testid="new-connection-name" prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev)) /></label>
            <label>"Authorization"
                <select data-testid="new-connection-type" on:change=move |ev| {
                    let k = event_target_value(&ev);
                    let (a, b) = if k == "BASIC" { ("user", "secret") } else { ("x-api-key", "k-123") };
                    first.set(a.to_string());
                    second.set(b.to_string());
                    kind.set(k);
                }>
                    <option value="API_KEY" selected=true>"API key (a header)"</option>
                    <option value="BASIC">"Basic (user and password)"</option>
                </select>
            </label>
            <div class="row">
                <label>{move || if basic() { "Username" } else { "Header name" }}
                    <input data-testid="new-connection-first" prop:value=move || first.get() on:input=move |ev| first.set(event_target_value(&ev)) /></label>
                <label>{move || if basic() { "Password" } else { "Key value" }}
                    <input data-testid="new-connection-second" prop:value=move || second.get() on:input=move |ev| second.set(event_target_value(&ev)) /></label>
            </div>
            <button type="submit" data-testid="create-connection">"Create connection"</button>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="create-connection-error" /> })}
            <p class="muted small">"OAuth client credentials connections work through scenario steps (events:CreateConnection), their token endpoint a simulated HTTP endpoint."</p>
        </form>
    }
}

#[component]
fn CreateApiDestinationForm(connections: Signal<Vec<(String, String)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new("orders-webhook".to_string());
    let connection = RwSignal::new(String::new());
    let endpoint = RwSignal::new(
        state
            .peek_in(|p| p.endpoints().endpoints().next().map(|e| e.url.to_string()))
            .unwrap_or_else(|| "https://api.example.com/orders".to_string()),
    );
    let method = RwSignal::new("POST".to_string());
    let rate = RwSignal::new(String::new());
    let error = RwSignal::new(None::<StepError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let arn = match connection.get_untracked() {
            c if c.is_empty() => connections
                .get_untracked()
                .first()
                .map(|c| c.1.clone())
                .unwrap_or_default(),
            c => c,
        };
        let mut input = json!({
            "Name": name.get_untracked().trim(),
            "ConnectionArn": arn,
            "InvocationEndpoint": endpoint.get_untracked().trim(),
            "HttpMethod": method.get_untracked(),
        });
        if let Some(n) = number(&rate.get_untracked()) {
            input["InvocationRateLimitPerSecond"] = n;
        }
        call_here(
            state,
            error,
            "create-api-destination-error",
            "events:CreateApiDestination",
            input,
        );
    };
    view! {
        <form class="create-form" novalidate=true on:submit=submit aria-labelledby="create-api-destination-title">
            <h4 id="create-api-destination-title">"Create API destination"</h4>
            <label>"Name" <input data-testid="new-api-destination-name" prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev)) /></label>
            <label>"Connection"
                <select data-testid="new-api-destination-connection" on:change=move |ev| connection.set(event_target_value(&ev))>
                    {move || connections.get().into_iter().map(|(n, arn)| view! { <option value=arn>{n}</option> }).collect_view()}
                </select>
            </label>
            <label>"Endpoint" <input data-testid="new-api-destination-endpoint" spellcheck="false" prop:value=move || endpoint.get()
                on:input=move |ev| endpoint.set(event_target_value(&ev)) /></label>
            <div class="row">
                <label>"Method"
                    <select data-testid="new-api-destination-method" on:change=move |ev| method.set(event_target_value(&ev))>
                        {["POST", "GET", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"].into_iter().map(|m| view! { <option value=m selected=m == "POST">{m}</option> }).collect_view()}
                    </select>
                </label>
                <label title="InvocationRateLimitPerSecond: 1 to 300 (default 300); events above it wait their turn.">"Rate limit (/s)"
                    <input data-testid="new-api-destination-rate" inputmode="numeric" placeholder="300" prop:value=move || rate.get()
                        on:input=move |ev| rate.set(event_target_value(&ev)) /></label>
            </div>
            <button type="submit" data-testid="create-api-destination">"Create API destination"</button>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="create-api-destination-error" /> })}
        </form>
    }
}
