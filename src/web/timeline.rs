//! The dock's Timeline tab: the trace's events, newest first, narrowed by
//! the filters of `timeline_filters.rs`; each row links to its queue or
//! function. Also the last step's AWS error (the shell shows it above the
//! inspector, where the actions without an error box of their own are) and
//! the page's notice (under the header, beside the time controls that make it).

use super::state::{AppState, StepError};
use super::timeline_filters::{TimelineFilterBar, TimelineFilters};
use crate::sim::format_iso;
use leptos::prelude::*;

/// Rows shown at first, and how many more each "Show older events" adds: a short list keeps
/// playback smooth (every row is DOM the browser lays out); older events stay in the trace
/// and the export.
const PAGE_ROWS: usize = 100;
/// The most rows the page ever holds.
const MAX_ROWS: usize = 1_000;

/// The resource a row links to.
#[derive(Clone, PartialEq)]
enum Resource {
    Queue(String),
    Function(String),
}

#[derive(Clone, PartialEq)]
struct Row {
    key: (u64, usize),
    at: String,
    service: &'static str,
    name: &'static str,
    text: String,
    /// "account · region" for an event outside the scenario's own account and region.
    place: Option<String>,
    /// The queue or function, when it is in the place the page acts as (else nothing to open).
    resource: Option<Resource>,
}

#[component]
pub fn Timeline(filters: TimelineFilters) -> impl IntoView {
    let state = expect_context::<AppState>();
    let len = Memo::new(move |_| state.read(|r| r.world().trace().len()));
    let limit = RwSignal::new(PAGE_ROWS);
    // (rows, whether older matches were left out)
    let rows = Memo::new(move |_| {
        let len = len.get();
        let limit = limit.get();
        let generation = state.generation.get();
        let chosen = filters.current();
        state.acting.track();
        state.peek_in(|p| {
            let events = p.runner().world().trace().all();
            let mut rows = Vec::new();
            let mut more = false;
            for i in (0..len.min(events.len())).rev() {
                let e = &events[i];
                if !chosen.keeps(e) {
                    continue;
                }
                if rows.len() == limit {
                    more = true;
                    break;
                }
                let resource = p
                    .owns(e)
                    .then(|| match (e.kind.function(), e.kind.queue()) {
                        (Some(f), _) => Some(Resource::Function(f.to_string())),
                        (None, Some(q)) => Some(Resource::Queue(q.to_string())),
                        _ => None,
                    });
                rows.push(Row {
                    key: (generation, i),
                    at: format_iso(e.at),
                    service: e.kind.service(),
                    name: e.kind.name(),
                    text: e.kind.describe(),
                    place: e
                        .place
                        .as_ref()
                        .map(|p| format!("{} · {}", p.account, p.region)),
                    resource: resource.flatten(),
                });
            }
            (rows, more)
        })
    });
    let filtered = move || filters.current().any();
    let no_match = move || len.get() != 0 && filtered() && rows.with(|(r, _)| r.is_empty());
    view! {
        <TimelineFilterBar filters />
        <p class="muted dock-summary" data-testid="timeline-summary">
            {move || {
                let shown = rows.with(|(r, _)| r.len());
                if filtered() {
                    format!("{shown} of {} events match the filters", len.get())
                } else {
                    format!("{} events", len.get())
                }
            }}
        </p>
        <ol class="timeline" data-testid="timeline">
            <For
                each=move || rows.get().0
                key=|row| row.key
                children=move |row| view! { <TimelineRow row /> }
            />
        </ol>
        <Show when=move || len.get() == 0>
            <p class="empty">"Nothing has happened yet. Create a queue, send a message, receive it."</p>
        </Show>
        <Show when=no_match>
            <p class="empty" data-testid="timeline-no-match">"No event matches these filters."</p>
        </Show>
        <Show when=move || rows.with(|(_, more)| *more)>
            <p class="muted timeline-more">
                {move || format!("The newest {} matching events are shown; older ones are in the trace and the export. ", limit.get())}
                <Show when=move || { limit.get() < MAX_ROWS }>
                    <button class="small" data-testid="timeline-show-older"
                        on:click=move |_| limit.update(|l| *l = (*l + PAGE_ROWS).min(MAX_ROWS))>
                        {format!("Show {PAGE_ROWS} older events")}
                    </button>
                </Show>
            </p>
        </Show>
    }
}

#[component]
fn TimelineRow(row: Row) -> impl IntoView {
    let state = expect_context::<AppState>();
    let link = row.resource.map(|resource| {
        let (label, title) = match &resource {
            Resource::Queue(q) => (q.clone(), format!("Select queue {q}")),
            Resource::Function(f) => (f.clone(), format!("Select function {f}")),
        };
        let open = move |_| {
            match &resource {
                Resource::Queue(q) => {
                    state.selected.set(Some(q.clone()));
                    state.selected_function.set(None);
                }
                Resource::Function(f) => state.selected_function.set(Some(f.clone())),
            }
            super::reveal_inspector();
        };
        view! {
            <button class="t-resource link" data-testid="timeline-resource" title=title on:click=open>{label}</button>
            " "
        }
    });
    view! {
        <li class="timeline-row" data-testid="timeline-row" data-event=row.name>
            <span class="t-at">{row.at}</span>
            <span class="t-service">{row.service}</span>
            <span class="t-name">{row.name}</span>
            <span class="t-text">
                {row.place.map(|p| view! { <span class="t-place" data-testid="timeline-place" title="The account and Region it happened in">{p}</span> " " })}
                {link}
                {row.text}
            </span>
        </li>
    }
}

#[component]
pub fn LastError() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state
            .last_error
            .get()
            .map(|e| view! { <ErrorBox error=e testid="last-error" /> })
    }
}

/// An action's AWS error as the page shows it: the action, the error code and the message.
#[component]
pub fn ErrorBox(error: StepError, testid: &'static str) -> impl IntoView {
    view! {
        <div class="error-box" data-testid=testid role="alert">
            <div class="error-title">
                <span class="error-action">{error.action}</span>
                " returned an error: "
                <code class="error-code">{error.code}</code>
            </div>
            <div class="error-message">{error.message}</div>
        </div>
    }
}

#[component]
pub fn Notice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state
            .notice
            .get()
            .map(|text| view! { <div class="notice" data-testid="notice">{text}</div> })
    }
}
