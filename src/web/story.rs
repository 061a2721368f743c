//! The story panel: the scenario read as a story — its name and description,
//! its steps, each with its note (or a one-line summary of what it does), the
//! current position marked — and the controls that move through it: to the
//! start, back one step, forward one step, to the end, or to any step by
//! clicking it (`AppState::seek`; going back replays the scenario, so the
//! world is exactly as it was). The current step's note is announced (a
//! polite live region). Moving never changes the scenario.

use super::state::AppState;
use crate::scenario::Scenario;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Characters of a note shown in the step list (the whole note shows as the current step).
const LIST_NOTE_CHARS: usize = 160;

/// One step as the list shows it.
#[derive(Clone, PartialEq)]
struct StepView {
    note: Option<String>,
    summary: String,
}

/// The story as shown: name, description and steps.
#[derive(Clone, PartialEq)]
struct StoryView {
    name: String,
    description: String,
    steps: Vec<StepView>,
}

fn view_of(scenario: &Scenario) -> StoryView {
    StoryView {
        name: scenario.name.clone(),
        description: scenario.description.clone(),
        steps: (0..scenario.steps.len())
            .map(|i| StepView {
                note: scenario.steps[i].note.clone(),
                summary: scenario.step_summary(i),
            })
            .collect(),
    }
}

/// A note's paragraphs (split at blank lines), each a `<p>`.
fn paragraphs(text: &str) -> impl IntoView {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| view! { <p>{p.to_string()}</p> })
        .collect_view()
}

/// The first `LIST_NOTE_CHARS` characters of a note, on one line.
fn shortened(note: &str) -> String {
    let line = note.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= LIST_NOTE_CHARS {
        line
    } else {
        let cut: String = line.chars().take(LIST_NOTE_CHARS - 1).collect();
        format!("{cut}…")
    }
}

#[component]
pub fn Story() -> impl IntoView {
    let state = expect_context::<AppState>();
    let story = Memo::new(move |_| state.read(|r| view_of(r.scenario())));
    let position = Memo::new(move |_| state.read(|r| r.executed()));
    let total = move || story.with(|s| s.steps.len());
    let shown = move || story.with(|s| !s.steps.is_empty() || !s.description.is_empty());
    // Open when the scenario tells a story (a description or notes); a person's own scenario
    // starts folded to its controls.
    let open = RwSignal::new(true);
    Effect::watch(
        move || state.generation.get(),
        move |_, _, _| {
            let tells = story.with_untracked(|s| {
                !s.description.is_empty() || s.steps.iter().any(|st| st.note.is_some())
            });
            open.set(tells);
        },
        true,
    );
    // Keep the current step in sight in the list (the list scrolls, not the page).
    Effect::new(move |_| {
        position.track();
        request_animation_frame(scroll_current_into_list);
    });
    let seek = move |target: usize| state.seek(target);
    let at_start = move || position.get() == 0;
    let at_end = move || position.get() >= total();
    let position_text = move || {
        let (at, n) = (position.get(), total());
        match (at, n) {
            (_, 0) => "No steps yet".to_string(),
            (0, n) => format!("At the start · {n} steps"),
            (at, n) if at >= n => format!("Step {n} of {n} · the end"),
            (at, n) => format!("Step {at} of {n}"),
        }
    };
    view! {
        <Show when=shown>
            <section class="story" data-testid="story" aria-labelledby="story-title">
                <div class="story-head">
                    <h2 class="story-title" id="story-title">
                        <span class="story-kicker">"Story "</span>
                        <span data-testid="story-name">{move || story.with(|s| s.name.clone())}</span>
                    </h2>
                    <span class="story-position" data-testid="story-position">{position_text}</span>
                    <div class="story-controls" role="group" aria-label="Move through the story">
                        <button type="button" data-testid="story-start" disabled=at_start
                            title="Back to the start: no step run" on:click=move |_| seek(0)>"◀◀ Start"</button>
                        <button type="button" data-testid="story-back" disabled=at_start
                            title="Back one step (the scenario is replayed to there)"
                            on:click=move |_| seek(position.get_untracked().saturating_sub(1))>"◀ Back"</button>
                        <button type="button" class="primary" data-testid="story-forward" disabled=at_end
                            title="Run the next step" on:click=move |_| seek(position.get_untracked() + 1)>"Step ▶"</button>
                        <button type="button" data-testid="story-end" disabled=at_end
                            title="Run every step left" on:click=move |_| seek(usize::MAX)>"Play to end ▶▶"</button>
                    </div>
                    <button type="button" class="small story-toggle" data-testid="story-toggle"
                        aria-expanded=move || open.get().to_string() aria-controls="story-body"
                        on:click=move |_| open.update(|o| *o = !*o)>
                        {move || if open.get() { "Hide story" } else { "Show story" }}
                    </button>
                </div>
                <div class="story-body" id="story-body" hidden=move || !open.get()>
                    <div class="story-reading">
                        <Show when=move || story.with(|s| !s.description.is_empty())>
                            <div class="story-description" data-testid="story-description">
                                {move || story.with(|s| paragraphs(&s.description).into_any())}
                            </div>
                        </Show>
                        <div class="story-current" data-testid="story-current" aria-live="polite" aria-atomic="true">
                            <CurrentStep story position />
                        </div>
                    </div>
                    <ol class="story-steps" data-testid="story-steps" aria-label="Steps">
                        {move || {
                            story.with(|s| {
                                s.steps.iter().enumerate().map(|(i, step)| {
                                    let state_of = move || {
                                        let at = position.get();
                                        if i + 1 == at { "current" } else if i < at { "done" } else { "ahead" }
                                    };
                                    let text = step.note.as_deref().map(shortened);
                                    let summary = step.summary.clone();
                                    view! {
                                        <li>
                                            <button type="button" class="story-step" data-testid="story-step-item"
                                                data-state=state_of
                                                aria-current=move || (state_of() == "current").then_some("step")
                                                on:click=move |_| seek(i + 1)>
                                                <span class="story-num"><span class="visually-hidden">"Step "</span>{i + 1}</span>
                                                <span class="story-step-text">
                                                    {text.map(|t| view! { <span class="story-step-note">{t}</span> })}
                                                    <span class="story-step-summary">{summary}</span>
                                                </span>
                                            </button>
                                        </li>
                                    }
                                }).collect_view()
                            })
                        }}
                    </ol>
                </div>
            </section>
        </Show>
    }
}

/// The current step: its number, its note (or what it does), and what the next step does.
#[component]
fn CurrentStep(story: Memo<StoryView>, position: Memo<usize>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let next_text = move |at: usize| {
        story.with(|s| {
            s.steps
                .get(at)
                .map(|next| format!("Next, step {}: {}", at + 1, next.summary))
        })
    };
    move || {
        let at = position.get();
        let body = if at == 0 {
            view! {
                <p class="story-step-label" data-testid="story-note">
                    "At the start: no step has run yet. Step ▶ runs the steps one at a time."
                </p>
            }
            .into_any()
        } else {
            let (note, summary) = story.with(|s| {
                s.steps
                    .get(at - 1)
                    .map(|st| (st.note.clone(), st.summary.clone()))
                    .unwrap_or_default()
            });
            view! {
                <p class="story-step-label"><strong>{format!("Step {at}")}</strong> " · " <span class="story-step-summary">{summary}</span></p>
                <div class="story-note" data-testid="story-note">
                    {note.map(|n| paragraphs(&n).into_any())}
                </div>
                {move || state.last_error.get().map(|e| view! {
                    <p class="story-error" data-testid="story-error">
                        {e.action} " answered " <code>{e.code}</code> ": " {e.message}
                    </p>
                })}
            }
            .into_any()
        };
        view! {
            {body}
            {next_text(at).map(|t| view! { <p class="story-next muted" data-testid="story-next">{t}</p> })}
        }
    }
}

/// Scrolls the story's step list (only it) so the current step is in sight.
fn scroll_current_into_list() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let list = document
        .query_selector("[data-testid=story-steps]")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let item = document
        .query_selector("[data-testid=story-step-item][aria-current=step]")
        .ok()
        .flatten()
        .and_then(|e| e.closest("li").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let (Some(list), Some(item)) = (list, item) else {
        return;
    };
    let (top, height) = (item.offset_top(), item.offset_height());
    let (scroll, visible) = (list.scroll_top(), list.client_height());
    if top < scroll || top + height > scroll + visible {
        list.set_scroll_top((top - visible / 3).max(0));
    }
}
