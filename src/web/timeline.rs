//! The centre: the last step's AWS error (a result, shown plainly) and the
//! timeline of trace events, newest first.

use super::state::{AppState, StepError};
use crate::sim::format_iso;
use leptos::prelude::*;

/// Rows kept in the page; older events stay in the trace and the export.
const MAX_ROWS: usize = 500;

#[derive(Clone, PartialEq)]
struct Row {
    key: (u64, usize),
    at: String,
    service: &'static str,
    name: &'static str,
    text: String,
    /// "account · region" for an event outside the scenario's own account and region.
    place: Option<String>,
}

#[component]
pub fn Timeline() -> impl IntoView {
    let state = expect_context::<AppState>();
    let len = Memo::new(move |_| state.read(|r| r.world().trace().len()));
    let rows = move || {
        let len = len.get();
        let generation = state.generation.get();
        state.peek(|r| {
            let events = r.world().trace().all();
            let from = len.saturating_sub(MAX_ROWS);
            (from..len.min(events.len()))
                .rev()
                .map(|i| {
                    let e = &events[i];
                    Row {
                        key: (generation, i),
                        at: format_iso(e.at),
                        service: e.kind.service(),
                        name: e.kind.name(),
                        text: e.kind.describe(),
                        place: e
                            .place
                            .as_ref()
                            .map(|p| format!("{} · {}", p.account, p.region)),
                    }
                })
                .collect::<Vec<_>>()
        })
    };
    let hidden = move || len.get().saturating_sub(MAX_ROWS);
    view! {
        <section class="panel centre">
            <LastError />
            <Notice />
            <h2>"Timeline " <span class="muted">{move || format!("({} events)", len.get())}</span></h2>
            <ol class="timeline" data-testid="timeline">
                <For
                    each=rows
                    key=|row| row.key
                    children=|row| {
                        view! {
                            <li class="timeline-row" data-testid="timeline-row" data-event=row.name>
                                <span class="t-at">{row.at}</span>
                                <span class="t-service">{row.service}</span>
                                <span class="t-name">{row.name}</span>
                                <span class="t-text">
                                    {row.place.map(|p| view! { <span class="t-place" data-testid="timeline-place" title="The account and Region it happened in">{p}</span> " " })}
                                    {row.text}
                                </span>
                            </li>
                        }
                    }
                />
            </ol>
            <Show when=move || len.get() == 0>
                <p class="empty">"Nothing has happened yet. Create a queue, send a message, receive it."</p>
            </Show>
            <Show when=move || { hidden() > 0 }>
                <p class="muted">{move || format!("{} older events are not shown (they are in the export).", hidden())}</p>
            </Show>
        </section>
    }
}

#[component]
fn LastError() -> impl IntoView {
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
fn Notice() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state
            .notice
            .get()
            .map(|text| view! { <div class="notice" data-testid="notice">{text}</div> })
    }
}
