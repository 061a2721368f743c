//! The event bus inspector: the selected bus's name and ARN over its tabs —
//! Send events (a PutEvents composer with templates, each entry's result and
//! the rules that matched it), Rules (the bus's rules and the form that makes
//! one, `rule_form`), Archives & replays (`bus_archives`), Schemas (schema
//! discovery on the bus and the registries' schemas, each version's content)
//! and Details (ARN, policy, cost). Every action is an AWS call run as a
//! scenario step. The default bus is shown before first use, as AWS has it in
//! every account and Region.

use super::inspector::{TabPanel, Tabs};
use super::message_forms::call_here;
use super::state::{AppState, EventsSelection, StepError};
use super::timeline::ErrorBox;
use crate::kernel::TraceKind;
use crate::services::events::EventsEvent;
use leptos::prelude::*;
use serde_json::{json, Value};

/// The bus inspector's tabs: (id, label), the composer first.
const TABS: &[(&str, &str)] = &[
    ("send", "Send events"),
    ("rules", "Rules"),
    ("archives", "Archives & replays"),
    ("schemas", "Schemas"),
    ("details", "Details"),
];

/// PutEvents templates: (label, Source, DetailType, Detail).
const TEMPLATES: &[(&str, &str, &str, &str)] = &[
    (
        "Order Placed",
        "shop.orders",
        "Order Placed",
        "{\"orderId\": \"o-1\", \"amount\": 250, \"customer\": {\"country\": \"DE\"}}",
    ),
    (
        "Order Cancelled",
        "shop.orders",
        "Order Cancelled",
        "{\"orderId\": \"o-1\", \"reason\": \"out of stock\"}",
    ),
    (
        "User Signed Up",
        "app.users",
        "User Signed Up",
        "{\"userId\": \"u-42\", \"plan\": \"free\", \"email\": \"ana@example.com\"}",
    ),
    (
        "Payment Failed",
        "shop.payments",
        "Payment Failed",
        "{\"paymentId\": \"p-7\", \"amount\": 19.99, \"error\": \"card_declined\"}",
    ),
];

/// The event bus ARN in the place shown (also before the default bus's first use).
pub fn bus_arn(state: AppState, bus: &str) -> String {
    state.peek_in(|p| {
        p.events()
            .bus(bus)
            .map(|b| b.arn.to_string())
            .unwrap_or_else(|| {
                let place = state.place_untracked();
                format!(
                    "arn:aws:events:{}:{}:event-bus/{bus}",
                    place.region, place.account
                )
            })
    })
}

#[component]
pub fn BusPanel(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let arn = {
        let name = name.clone();
        move || {
            state.version.track();
            bus_arn(state, &name)
        }
    };
    let error = RwSignal::new(None::<StepError>);
    let is_default = name == "default";
    let delete = {
        let name = name.clone();
        move |_| {
            if call_here(
                state,
                error,
                "delete-bus-error",
                "events:DeleteEventBus",
                json!({ "Name": name }),
            )
            .is_some()
            {
                state.selected_events.set(None);
            }
        }
    };
    let (send_bus, rules_bus, archive_bus, schema_bus, details_bus) = (
        name.clone(),
        name.clone(),
        name.clone(),
        name.clone(),
        name.clone(),
    );
    view! {
        <section class="panel bus-panel" data-testid="bus-panel">
            <div class="queue-head">
                <h2 class="queue-title">{name.clone()} <span class="muted">{if is_default { " (default event bus)" } else { " (event bus)" }}</span></h2>
                {(!is_default).then(|| view! {
                    <button class="danger" data-testid="delete-bus" on:click=delete.clone()>"Delete event bus"</button>
                })}
            </div>
            <p class="queue-url">"ARN " <code data-testid="bus-arn">{arn}</code></p>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="delete-bus-error" /> })}
            <Tabs kind="bus" label="Event bus" tabs=TABS>
                <TabPanel id="send"><super::bus_partners::PartnerSend bus=send_bus.clone() /><PutEventsForm bus=send_bus /></TabPanel>
                <TabPanel id="rules"><RuleList bus=rules_bus.clone() /><super::rule_form::CreateRuleForm bus=rules_bus /></TabPanel>
                <TabPanel id="archives"><super::bus_archives::Archives bus=archive_bus /></TabPanel>
                <TabPanel id="schemas"><super::bus_schemas::Schemas bus=schema_bus /></TabPanel>
                <TabPanel id="details"><BusDetails bus=details_bus /></TabPanel>
            </Tabs>
        </section>
    }
}

/// The outcome of the last PutEvents: per entry, its id or error, and the rules that took it.
#[derive(Clone)]
struct PutResult {
    event_id: Option<String>,
    error: Option<String>,
    matched: Vec<(String, u32)>,
}

#[component]
fn PutEventsForm(bus: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let source = RwSignal::new(TEMPLATES[0].1.to_string());
    let detail_type = RwSignal::new(TEMPLATES[0].2.to_string());
    let detail = RwSignal::new(TEMPLATES[0].3.to_string());
    let resources = RwSignal::new(String::new());
    let error = RwSignal::new(None::<StepError>);
    let result = RwSignal::new(None::<PutResult>);
    let template = move |ev: leptos::ev::Event| {
        let label = event_target_value(&ev);
        if let Some((_, s, t, d)) = TEMPLATES.iter().find(|(l, ..)| *l == label) {
            source.set(s.to_string());
            detail_type.set(t.to_string());
            detail.set(d.to_string());
        }
    };
    let put = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut entry = json!({
            "EventBusName": bus,
            "Source": source.get_untracked(),
            "DetailType": detail_type.get_untracked(),
            "Detail": detail.get_untracked(),
        });
        let listed: Vec<String> = resources
            .get_untracked()
            .split(',')
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
            .collect();
        if !listed.is_empty() {
            entry["Resources"] = json!(listed);
        }
        let from = state.peek(|r| r.world().trace().len());
        let Some(out) = call_here(
            state,
            error,
            "put-events-error",
            "events:PutEvents",
            json!({ "Entries": [entry] }),
        ) else {
            result.set(None);
            return;
        };
        let first = out
            .get("Entries")
            .and_then(|e| e.get(0))
            .cloned()
            .unwrap_or(Value::Null);
        let event_id = first
            .get("EventId")
            .and_then(Value::as_str)
            .map(str::to_string);
        let error_text = first.get("ErrorCode").and_then(Value::as_str).map(|code| {
            format!(
                "{code}: {}",
                first
                    .get("ErrorMessage")
                    .and_then(Value::as_str)
                    .unwrap_or("")
            )
        });
        let matched = event_id
            .as_deref()
            .map(|id| rules_matched(state, from, id))
            .unwrap_or_default();
        result.set(Some(PutResult {
            event_id,
            error: error_text,
            matched,
        }));
    };
    view! {
        <form class="send-form" novalidate=true on:submit=put data-testid="put-events-form">
            <h3>"PutEvents"</h3>
            <label>
                "Template"
                <select data-testid="put-events-template" on:change=template>
                    {TEMPLATES.iter().map(|(l, ..)| view! { <option value=*l>{*l}</option> }).collect_view()}
                </select>
            </label>
            <div class="row">
                <label>"Source"
                    <input data-testid="put-events-source" prop:value=move || source.get()
                        on:input=move |ev| source.set(event_target_value(&ev)) />
                </label>
                <label>"DetailType"
                    <input data-testid="put-events-detail-type" prop:value=move || detail_type.get()
                        on:input=move |ev| detail_type.set(event_target_value(&ev)) />
                </label>
            </div>
            <label>"Detail (a JSON object)"
                <textarea data-testid="put-events-detail" rows="4"
                    prop:value=move || detail.get() on:input=move |ev| detail.set(event_target_value(&ev))></textarea>
            </label>
            <label title="ARNs of the resources the event is about, comma-separated (optional).">"Resources"
                <input data-testid="put-events-resources" placeholder="optional, comma-separated ARNs"
                    prop:value=move || resources.get() on:input=move |ev| resources.set(event_target_value(&ev)) />
            </label>
            <button type="submit" class="primary" data-testid="put-events">"Put event"</button>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="put-events-error" /> })}
            {move || result.get().map(|r| view! { <PutResultView result=r /> })}
            <p class="muted small">"$1.00 per million events put (each 64 KB chunk counts as one); delivery to targets is free."</p>
        </form>
    }
}

/// The rules that matched `event_id` in the trace since `from`, with their target counts.
fn rules_matched(state: AppState, from: usize, event_id: &str) -> Vec<(String, u32)> {
    state.peek(|r| {
        r.world()
            .trace()
            .since(from)
            .iter()
            .filter_map(|e| match &e.kind {
                TraceKind::Events(EventsEvent::RuleMatched {
                    rule,
                    event_id: id,
                    targets,
                    ..
                }) if id.as_ref() == event_id => Some((rule.to_string(), *targets)),
                _ => None,
            })
            .collect()
    })
}

#[component]
fn PutResultView(result: PutResult) -> impl IntoView {
    let PutResult {
        event_id,
        error,
        matched,
    } = result;
    let matched_text = if matched.is_empty() {
        "No enabled rule on this bus matched it: PutEvents accepts it all the same, and it goes nowhere.".to_string()
    } else {
        let rules: Vec<String> = matched
            .iter()
            .map(|(r, n)| format!("{r} ({n} target{})", if *n == 1 { "" } else { "s" }))
            .collect();
        format!("Matched: {}.", rules.join(", "))
    };
    view! {
        <div class="put-result" data-testid="put-events-result">
            {match (event_id, error) {
                (Some(id), _) => view! {
                    <p>"Accepted: EventId " <code data-testid="put-events-id">{id}</code></p>
                    <p data-testid="put-events-matched">{matched_text}</p>
                }.into_any(),
                (None, Some(e)) => view! { <p class="error" data-testid="put-events-entry-error">{e}</p> }.into_any(),
                (None, None) => view! { <p>"No entry result."</p> }.into_any(),
            }}
        </div>
    }
}

/// The bus's rules: name, state, pattern or schedule, targets; each opens in the inspector.
#[component]
fn RuleList(bus: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let rows = {
        let bus = bus.clone();
        move || {
            state.read_in(|p| {
                p.events()
                    .bus(&bus)
                    .map(|b| {
                        b.rules
                            .values()
                            .map(|r| {
                                let what = r
                                    .schedule_expression
                                    .clone()
                                    .or_else(|| r.event_pattern.clone())
                                    .unwrap_or_default();
                                (r.name.to_string(), r.state.clone(), what, r.targets.len())
                            })
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        }
    };
    view! {
        <h3>"Rules"</h3>
        {move || {
            let rows = rows();
            if rows.is_empty() {
                return view! { <p class="empty">"No rules on this bus yet: make one below."</p> }.into_any();
            }
            let bus = bus.clone();
            view! {
                <div class="table-scroll"><table class="rules" data-testid="rule-list">
                    <thead><tr><th scope="col">"Rule"</th><th scope="col">"State"</th><th scope="col">"Pattern or schedule"</th><th scope="col" class="num">"Targets"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(name, rule_state, what, targets)| {
                            let open = {
                                let (bus, rule) = (bus.clone(), name.clone());
                                move |_| state.selected_events.set(Some(EventsSelection::Rule { bus: bus.clone(), rule: rule.clone() }))
                            };
                            view! {
                                <tr data-testid="rule-row">
                                    <td><button type="button" class="link" data-testid="open-rule" on:click=open>{name}</button></td>
                                    <td>{rule_state}</td>
                                    <td><code class="pattern-text">{what}</code></td>
                                    <td class="num">{targets}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table></div>
            }.into_any()
        }}
    }
}

/// The bus's ARN, description, resource policy, and EventBridge's cost in this place.
#[component]
fn BusDetails(bus: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let facts = move || {
        state.read_in(|p| {
            let b = p.events().bus(&bus);
            let usage = p.events().usage.summary();
            (
                b.and_then(|b| b.description.clone()),
                b.and_then(|b| b.policy_text()),
                b.and_then(|b| b.event_source.clone()),
                usage,
            )
        })
    };
    view! {
        {move || {
            let (description, policy, source, usage) = facts();
            view! {
                <dl class="facts" data-testid="bus-details">
                    <dt>"Description"</dt><dd>{description.unwrap_or_else(|| "—".into())}</dd>
                    {source.map(|s| view! { <dt>"Partner event source"</dt><dd>{s}</dd> })}
                    <dt>"Resource policy"</dt>
                    <dd>{match policy {
                        Some(p) => view! { <pre class="json">{p}</pre> }.into_any(),
                        None => view! { <span>"None: only this account may put events on the bus (events:PutPermission grants others)."</span> }.into_any(),
                    }}</dd>
                    <dt>"Cost in this account and Region"</dt><dd data-testid="bus-cost">{usage}</dd>
                </dl>
            }
        }}
        <p class="muted small">"EventBridge bills custom events put ($1.00 per million, 64 KB chunks); events from AWS services, scheduled rules and delivery to targets are free. Archive storage and replays are not priced here."</p>
    }
}
