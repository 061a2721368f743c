//! A bus's Schemas tab, the schema registry browser: whether schema discovery
//! runs on the bus (a discoverer, started and stopped with
//! `schemas:CreateDiscoverer` / `StartDiscoverer` / `StopDiscoverer`), and
//! every registry of the place shown with its schemas, each version's
//! content (OpenAPI 3, as EventBridge infers it) one click away.

use super::message_forms::call_here;
use super::rule_panel::pretty;
use super::state::{AppState, StepError};
use super::timeline::ErrorBox;
use crate::sim::format_iso;
use leptos::prelude::*;
use serde_json::json;

#[derive(Clone, PartialEq)]
struct SchemaRow {
    registry: String,
    name: String,
    kind: String,
    /// (version, created ISO, content).
    versions: Vec<(u32, String, String)>,
}

#[component]
pub fn Schemas(bus: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let arn = super::bus_panel::bus_arn(state, &bus);
    let error = RwSignal::new(None::<StepError>);
    let discoverer = {
        let arn = arn.clone();
        Memo::new(move |_| {
            state.read_in(|p| {
                p.schemas()
                    .discoverers()
                    .find(|d| d.source_arn == arn)
                    .map(|d| (d.id.clone(), d.state.to_string()))
            })
        })
    };
    let schemas = Memo::new(move |_| {
        state.read_in(|p| {
            p.schemas()
                .registries()
                .flat_map(|r| {
                    r.schemas.values().map(|s| SchemaRow {
                        registry: r.name.clone(),
                        name: s.name.clone(),
                        kind: s.kind.clone(),
                        versions: s
                            .versions
                            .iter()
                            .map(|v| (v.version, format_iso(v.created), pretty(&v.content)))
                            .collect(),
                    })
                })
                .collect::<Vec<_>>()
        })
    });
    let toggle = move |_| {
        let input;
        let action = match discoverer.get_untracked() {
            None => {
                input = json!({ "SourceArn": arn });
                "schemas:CreateDiscoverer"
            }
            Some((id, s)) => {
                input = json!({ "DiscovererId": id });
                if s == "STARTED" {
                    "schemas:StopDiscoverer"
                } else {
                    "schemas:StartDiscoverer"
                }
            }
        };
        call_here(state, error, "discovery-error", action, input);
    };
    view! {
        <h3>"Schema discovery"</h3>
        <p data-testid="discovery-state">{move || match discoverer.get() {
            None => "Off: events on this bus are not looked at.".to_string(),
            Some((id, s)) => format!("Discoverer {id}: {s}. Each event whose shape is new adds a schema, or a version of one, to discovered-schemas."),
        }}</p>
        <button type="button" data-testid="toggle-discovery" on:click=toggle>
            {move || match discoverer.get() {
                None => "Start discovery on this bus",
                Some((_, s)) if s == "STARTED" => "Stop discovery",
                Some(_) => "Start discovery again",
            }}
        </button>
        {move || error.get().map(|e| view! { <ErrorBox error=e testid="discovery-error" /> })}
        <h3>"Schemas"</h3>
        {move || {
            let rows = schemas.get();
            if rows.is_empty() {
                return view! { <p class="empty">"No schemas yet: start discovery and put an event, or make one with schemas:CreateSchema."</p> }.into_any();
            }
            rows.into_iter().map(|s| view! {
                <details class="schema" data-testid="schema-row">
                    <summary>
                        <strong>{s.name.clone()}</strong>
                        <span class="muted">{format!(" · {} · {} · {} version{}", s.registry, s.kind, s.versions.len(), if s.versions.len() == 1 { "" } else { "s" })}</span>
                    </summary>
                    {s.versions.into_iter().rev().map(|(v, created, content)| view! {
                        <details class="schema-version">
                            <summary>{format!("Version {v} · {created}")}</summary>
                            <pre class="json" data-testid="schema-content">{content}</pre>
                        </details>
                    }).collect_view()}
                </details>
            }).collect_view().into_any()
        }}
    }
}
