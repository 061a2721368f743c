//! EventBridge's group in the resource tree (`resources::ServiceGroup`): the
//! event buses of the place shown (the default bus always, as every account
//! and Region has one) and, under each, its rules, listed as "bus › rule";
//! each bus with its rule count, each rule with its state, its kind (pattern
//! or schedule) and its targets. The form creates a custom bus (an
//! `events:CreateEventBus` step; AWS's error shows under the name field).

use super::message_forms::call_here;
use super::resources::ServiceGroup;
use super::state::{AppState, EventsSelection, StepError};
use super::timeline::ErrorBox;
use crate::services::events::Events;
use leptos::prelude::*;
use serde_json::json;

/// Between a bus and a rule in a tree item's name ("orders › large-orders"). Bus names
/// cannot hold it (AWS allows letters, digits and `.-_/`), so it splits back unambiguously.
pub const RULE_SEPARATOR: &str = " › ";

pub const GROUP: ServiceGroup = ServiceGroup {
    id: "events",
    label: "EventBridge",
    noun: ("bus or rule", "buses and rules"),
    item_testid: "events-item",
    item_prefix: "",
    names: |p| tree_names(p.events()),
    is_selected: |state, name| {
        state
            .selected_events
            .with(|s| s.as_ref() == Some(&parse(name)))
    },
    select: |state, name| state.selected_events.set(Some(parse(&name))),
    detail: |name| view! { <EventsDetail name /> }.into_any(),
    create: || view! { <CreateBusForm /> }.into_any(),
};

/// The default bus first (it exists in every account and Region, even before first use),
/// then the others by name, each followed by its rules.
fn tree_names(events: &Events) -> Vec<String> {
    let mut names = Vec::new();
    if events.bus("default").is_none() {
        names.push("default".to_string());
    }
    let mut buses: Vec<_> = events.buses().collect();
    buses.sort_by_key(|b| (b.name.as_ref() != "default", b.name.clone()));
    for bus in buses {
        names.push(bus.name.to_string());
        for rule in bus.rules.keys() {
            names.push(format!("{}{RULE_SEPARATOR}{rule}", bus.name));
        }
    }
    names
}

/// A tree item's name as the resource it stands for.
pub fn parse(name: &str) -> EventsSelection {
    match name.split_once(RULE_SEPARATOR) {
        Some((bus, rule)) => EventsSelection::Rule {
            bus: bus.to_string(),
            rule: rule.to_string(),
        },
        None => EventsSelection::Bus(name.to_string()),
    }
}

/// A bus's rule count, or a rule's state, kind and targets.
#[component]
fn EventsDetail(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let what = parse(&name);
    let text = move || {
        state.read_in(|p| match &what {
            EventsSelection::Bus(bus) => {
                let rules = p.events().bus(bus).map_or(0, |b| b.rules.len());
                let kind = if bus == "default" {
                    "default bus"
                } else {
                    "bus"
                };
                format!("{kind} · {rules} rule{}", if rules == 1 { "" } else { "s" })
            }
            EventsSelection::Rule { bus, rule } => p
                .events()
                .bus(bus)
                .and_then(|b| b.rules.get(rule.as_str()))
                .map(|r| {
                    let kind = if r.schedule_expression.is_some() {
                        "schedule"
                    } else {
                        "pattern"
                    };
                    let targets = r.targets.len();
                    format!(
                        "{} · {kind} · {targets} target{}",
                        r.state,
                        if targets == 1 { "" } else { "s" }
                    )
                })
                .unwrap_or_default(),
            EventsSelection::Schedule { .. } | EventsSelection::Endpoint(_) => String::new(),
        })
    };
    view! { <span class="tree-item-detail">{text}</span> }
}

#[component]
fn CreateBusForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<StepError>);
    Effect::new(move |_| {
        state.generation.track();
        error.set(None);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let bus = name.get_untracked().trim().to_string();
        let input = json!({ "Name": bus });
        if call_here(
            state,
            error,
            "create-bus-error",
            "events:CreateEventBus",
            input,
        )
        .is_some()
        {
            state.selected_events.set(Some(EventsSelection::Bus(bus)));
            name.set(String::new());
        }
    };
    view! {
        <form class="create-form" novalidate=true on:submit=submit aria-labelledby="create-bus-title">
            <h4 id="create-bus-title">"Create event bus"</h4>
            <label>
                "Name"
                <input
                    type="text"
                    data-testid="new-bus-name"
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    placeholder="orders"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </label>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="create-bus-error" /> })}
            <button type="submit" class="primary" data-testid="create-bus">"Create event bus"</button>
            <p class="muted small">"Rules are made on a bus: select it, then its Rules tab."</p>
        </form>
        <super::bus_partners::PartnerSources />
        <super::bus_api_destinations::ApiDestinations />
    }
}
