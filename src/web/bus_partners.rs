//! SaaS partners in the page. Under the EventBridge group of the resource
//! tree: the partner event sources offered to the account shown, each with
//! its state and the step AWS requires before events flow (associate it: a
//! partner event bus named after it, `events:CreateEventBus` with
//! `EventSourceName`), activate and deactivate; and a simulated partner
//! (another account, as AWS's partner registration is not modelled) that
//! offers a new source (`events:CreatePartnerEventSource`). On a partner
//! bus's Send tab, the partner sends events (`events:PutPartnerEvents`, made
//! as the partner's account).

use super::message_forms::{call_here, call_here_as};
use super::state::{AppState, EventsSelection, StepError};
use super::timeline::ErrorBox;
use crate::api::Identity;
use leptos::prelude::*;
use serde_json::{json, Value};

/// The account that plays the partner until the person names another.
const PARTNER_ACCOUNT: &str = "111122223333";

#[derive(Clone, PartialEq)]
struct SourceRow {
    name: String,
    state: String,
    partner: String,
    associated: bool,
}

/// The partner event sources offered to the place shown, with what can be done to each.
#[component]
pub fn PartnerSources() -> impl IntoView {
    let state = expect_context::<AppState>();
    let error = RwSignal::new(None::<StepError>);
    let rows = Memo::new(move |_| {
        state.read_in(|p| {
            let events = p.events();
            events
                .event_sources()
                .map(|s| SourceRow {
                    name: s.name.to_string(),
                    state: s.state.to_string(),
                    partner: s.created_by.clone(),
                    associated: events.bus(&s.name).is_some(),
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <details class="partner-sources" data-testid="partner-sources">
            <summary>"Partner event sources (SaaS)"</summary>
            {move || {
                let list = rows.get();
                if list.is_empty() {
                    return view! { <p class="empty">"None offered to this account yet: let a partner offer one below."</p> }.into_any();
                }
                list.into_iter().map(|s| {
                    let name = s.name.clone();
                    let (label, action, input) = if !s.associated {
                        ("Associate with an event bus", "events:CreateEventBus", json!({ "Name": name, "EventSourceName": name }))
                    } else if s.state == "ACTIVE" {
                        ("Deactivate", "events:DeactivateEventSource", json!({ "Name": name }))
                    } else {
                        ("Activate", "events:ActivateEventSource", json!({ "Name": name }))
                    };
                    let act = move |_| {
                        if call_here(state, error, "partner-source-error", action, input.clone()).is_some()
                            && action == "events:CreateEventBus"
                        {
                            state.selected_events.set(Some(EventsSelection::Bus(name.clone())));
                        }
                    };
                    view! {
                        <div class="partner-source" data-testid="partner-source">
                            <code>{s.name.clone()}</code>
                            <p class="muted small">{format!("{} · from {}", s.state, s.partner)}</p>
                            <button type="button" class="small" data-testid="partner-source-action" on:click=act>{label}</button>
                        </div>
                    }
                }).collect_view().into_any()
            }}
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="partner-source-error" /> })}
            <OfferSourceForm />
        </details>
    }
}

/// The simulated partner offers a source to the account shown.
#[component]
fn OfferSourceForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let partner = RwSignal::new(PARTNER_ACCOUNT.to_string());
    let name = RwSignal::new("aws.partner/acme.com/123/orders".to_string());
    let error = RwSignal::new(None::<StepError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let place = state.place_untracked();
        let who = Identity {
            account: partner.get_untracked().trim().to_string(),
            region: place.region.clone(),
        };
        let input = json!({ "Name": name.get_untracked().trim(), "Account": place.account });
        call_here_as(
            state,
            error,
            "offer-source-error",
            "events:CreatePartnerEventSource",
            input,
            Some(who),
        );
    };
    view! {
        <form class="create-form" novalidate=true on:submit=submit aria-labelledby="offer-source-title">
            <h4 id="offer-source-title">"As a partner, offer a source"</h4>
            <label title="Another account plays the SaaS partner: AWS's partner registration is not simulated.">"Partner account"
                <input data-testid="partner-account" inputmode="numeric" prop:value=move || partner.get()
                    on:input=move |ev| partner.set(event_target_value(&ev)) />
            </label>
            <label>"Event source name"
                <input data-testid="partner-source-name" spellcheck="false" prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev)) />
            </label>
            <button type="submit" data-testid="offer-source">"Offer to this account"</button>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="offer-source-error" /> })}
        </form>
    }
}

/// On a partner bus: the partner sends an event from its source (PutPartnerEvents as it).
#[component]
pub fn PartnerSend(bus: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let source = Memo::new({
        let bus = bus.clone();
        move |_| {
            state.read_in(|p| {
                let events = p.events();
                let name = events.bus(&bus)?.event_source.clone()?;
                let partner = events
                    .event_sources()
                    .find(|s| *s.name == *name)
                    .map(|s| s.partner_account.clone())?;
                Some((name, partner))
            })
        }
    });
    let detail_type = RwSignal::new("Order Shipped".to_string());
    let detail = RwSignal::new("{\"orderId\": \"o-1\", \"carrier\": \"UPS\"}".to_string());
    let error = RwSignal::new(None::<StepError>);
    let result = RwSignal::new(None::<String>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some((name, partner)) = source.get_untracked() else {
            return;
        };
        let who = Identity {
            account: partner,
            region: state.place_untracked().region,
        };
        let input = json!({ "Entries": [{
            "Source": name,
            "DetailType": detail_type.get_untracked(),
            "Detail": detail.get_untracked(),
        }] });
        let out = call_here_as(
            state,
            error,
            "partner-send-error",
            "events:PutPartnerEvents",
            input,
            Some(who),
        );
        result.set(out.map(|o| {
            let entry = o
                .get("Entries")
                .and_then(|e| e.get(0))
                .cloned()
                .unwrap_or(Value::Null);
            match entry.get("EventId").and_then(Value::as_str) {
                Some(id) => format!("Accepted: EventId {id}"),
                None => format!(
                    "{}: {}",
                    super::state::text_of(&entry, "ErrorCode"),
                    super::state::text_of(&entry, "ErrorMessage")
                ),
            }
        }));
    };
    view! {
        {move || source.get().map(|(name, partner)| view! {
            <form class="send-form partner-send" novalidate=true on:submit=send data-testid="partner-send-form">
                <h3>"PutPartnerEvents " <span class="muted">{format!("(as the partner, account {partner})")}</span></h3>
                <p class="muted small">{format!("Source {name}: only its partner may send from it; while the source is not ACTIVE its events are not delivered.")}</p>
                <label>"DetailType" <input data-testid="partner-send-detail-type" prop:value=move || detail_type.get()
                    on:input=move |ev| detail_type.set(event_target_value(&ev)) /></label>
                <label>"Detail" <textarea data-testid="partner-send-detail" rows="3" prop:value=move || detail.get()
                    on:input=move |ev| detail.set(event_target_value(&ev))></textarea></label>
                <button type="submit" class="primary" data-testid="partner-send">"Send as the partner"</button>
                {move || error.get().map(|e| view! { <ErrorBox error=e testid="partner-send-error" /> })}
                {move || result.get().map(|r| view! { <p class="put-result" data-testid="partner-send-result">{r}</p> })}
            </form>
        })}
    }
}
