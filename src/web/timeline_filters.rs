//! The timeline's filters: by service, by resource (a queue or a function), by
//! event kind, by Lambda request (set from a log line's request id), and
//! "Hide empty receives". They are view state only: choosing one never adds a
//! scenario step. The choices offered are the ones the trace holds, gathered
//! incrementally as it grows.

use super::state::AppState;
use crate::kernel::TraceEvent;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// What the timeline shows; an empty string means "all".
#[derive(Clone, Copy)]
pub struct TimelineFilters {
    pub service: RwSignal<String>,
    pub resource: RwSignal<String>,
    pub kind: RwSignal<String>,
    pub hide_empty_receives: RwSignal<bool>,
    /// A Lambda request id: only the events of that invocation.
    pub request_id: RwSignal<Option<String>>,
}

impl TimelineFilters {
    pub fn new() -> Self {
        TimelineFilters {
            service: RwSignal::new(String::new()),
            resource: RwSignal::new(String::new()),
            kind: RwSignal::new(String::new()),
            hide_empty_receives: RwSignal::new(false),
            request_id: RwSignal::new(None),
        }
    }

    /// The filters as they stand, read once for a pass over the trace.
    pub fn current(&self) -> Chosen {
        let text = |s: RwSignal<String>| Some(s.get()).filter(|v| !v.is_empty());
        Chosen {
            service: text(self.service),
            resource: text(self.resource),
            kind: text(self.kind),
            hide_empty_receives: self.hide_empty_receives.get(),
            request_id: self.request_id.get(),
        }
    }

    pub fn clear(&self) {
        self.service.set(String::new());
        self.resource.set(String::new());
        self.kind.set(String::new());
        self.hide_empty_receives.set(false);
        self.request_id.set(None);
    }
}

/// A snapshot of the filters.
#[derive(Clone, PartialEq)]
pub struct Chosen {
    service: Option<String>,
    resource: Option<String>,
    kind: Option<String>,
    hide_empty_receives: bool,
    request_id: Option<String>,
}

impl Chosen {
    pub fn any(&self) -> bool {
        self.service.is_some()
            || self.resource.is_some()
            || self.kind.is_some()
            || self.hide_empty_receives
            || self.request_id.is_some()
    }

    pub fn keeps(&self, e: &TraceEvent) -> bool {
        let k = &e.kind;
        self.service.as_deref().is_none_or(|s| k.service() == s)
            && self
                .resource
                .as_deref()
                .is_none_or(|r| k.queue() == Some(r) || k.function() == Some(r))
            && self.kind.as_deref().is_none_or(|n| k.name() == n)
            && !(self.hide_empty_receives && k.name() == "EmptyReceive")
            && self
                .request_id
                .as_deref()
                .is_none_or(|id| k.request_id() == Some(id))
    }
}

/// The services, resources and event kinds the trace holds so far (gathered incrementally).
#[derive(Default)]
struct Seen {
    generation: u64,
    scanned: usize,
    services: BTreeSet<&'static str>,
    resources: BTreeSet<String>,
    kinds: BTreeSet<&'static str>,
}

/// The choices offered, sorted.
#[derive(Clone, PartialEq)]
struct Lists {
    services: Vec<String>,
    resources: Vec<String>,
    kinds: Vec<String>,
}

/// The filter bar above the timeline.
#[component]
pub fn TimelineFilterBar(filters: TimelineFilters) -> impl IntoView {
    let state = expect_context::<AppState>();
    let cache = StoredValue::new(Seen::default());
    // The lists change only when the trace brings a new service, resource or kind.
    let seen = Memo::new(move |_| {
        let generation = state.generation.get();
        state.read(|r| {
            let events = r.world().trace().all();
            cache.update_value(|seen| {
                if seen.generation != generation || seen.scanned > events.len() {
                    *seen = Seen {
                        generation,
                        ..Seen::default()
                    };
                }
                for e in &events[seen.scanned..] {
                    seen.services.insert(e.kind.service());
                    seen.kinds.insert(e.kind.name());
                    if let Some(name) = e.kind.queue().or(e.kind.function()) {
                        if !seen.resources.contains(name) {
                            seen.resources.insert(name.to_string());
                        }
                    }
                }
                seen.scanned = events.len();
            });
            cache.with_value(|seen| Lists {
                services: seen.services.iter().map(|v| v.to_string()).collect(),
                resources: seen.resources.iter().cloned().collect(),
                kinds: seen.kinds.iter().map(|v| v.to_string()).collect(),
            })
        })
    });
    let options = move |pick: fn(&Lists) -> Vec<String>| seen.with(pick);
    view! {
        <div class="dock-filters" data-testid="timeline-filters" role="group" aria-label="Timeline filters">
            <Choice label="Service" testid="timeline-filter-service" all="All services" value=filters.service
                options=Signal::derive(move || options(|l| l.services.clone())) />
            <Choice label="Resource" testid="timeline-filter-resource" all="All queues and functions" value=filters.resource
                options=Signal::derive(move || options(|l| l.resources.clone())) />
            <Choice label="Event" testid="timeline-filter-kind" all="All events" value=filters.kind
                options=Signal::derive(move || options(|l| l.kinds.clone())) />
            <label class="dock-check" title="Hides EmptyReceive events (a ReceiveMessage that returned no message). A FalseEmptyReceive stays: it explains a short poll.">
                <input type="checkbox" data-testid="timeline-hide-empty"
                    prop:checked=move || filters.hide_empty_receives.get()
                    on:change=move |ev| filters.hide_empty_receives.set(event_target_checked(&ev)) />
                "Hide empty receives"
            </label>
            {move || filters.request_id.get().map(|id| view! {
                <span class="dock-chip" data-testid="timeline-filter-request">
                    "RequestId " <code>{id}</code>
                    <button class="small" aria-label="Show every request" on:click=move |_| filters.request_id.set(None)>"×"</button>
                </span>
            })}
            <button class="small" data-testid="timeline-filter-clear"
                disabled=move || !filters.current().any()
                on:click=move |_| filters.clear()>
                "Clear filters"
            </button>
        </div>
    }
}

/// One `<select>` filter: "all", then the values the trace holds (the chosen one kept even
/// when a new scenario no longer has it, so the choice stays visible and clearable).
#[component]
fn Choice(
    label: &'static str,
    testid: &'static str,
    all: &'static str,
    value: RwSignal<String>,
    options: Signal<Vec<String>>,
) -> impl IntoView {
    let listed = move || {
        let mut list = options.get();
        let chosen = value.get();
        if !chosen.is_empty() && !list.contains(&chosen) {
            list.push(chosen);
        }
        list
    };
    view! {
        <label class="dock-select">
            <span>{label}</span>
            <select data-testid=testid
                prop:value=move || value.get()
                on:change=move |ev| value.set(event_target_value(&ev))>
                <option value="">{all}</option>
                {move || listed().into_iter().map(|v| {
                    let selected = value.get_untracked() == v;
                    view! { <option value=v.clone() selected=selected>{v.clone()}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}
