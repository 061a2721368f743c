//! The right column: the inspector of the selected resource. It shows a queue
//! (`queue_panel`), a function (`function_panel`), an event bus (`bus_panel`)
//! a rule (`rule_panel`), a Scheduler schedule (`schedule_panel`) or a simulated
//! HTTP endpoint (`endpoints`), or, with nothing
//! selected, a hint of what to select; on loading a scenario with functions
//! and no queue it opens the first function. `Tabs` and `TabPanel` are the
//! inspector's tabs (WAI-ARIA tabs: arrow keys, Home and End move between
//! them), shared by every resource kind; the tab chosen is kept per kind
//! (`AppState::tabs`, which a story step's `show` sets too) while the person
//! moves between resources of that kind. A story's resource not made yet
//! shows the hint, which says which step makes it.

use super::state::{AppState, EventsSelection};
use leptos::ev::KeyboardEvent;
use leptos::prelude::*;
use std::collections::HashMap;
use wasm_bindgen::JsCast;

/// The tab chosen for each resource kind ("queue", "function", …).
#[derive(Clone, Copy)]
struct TabMemory(RwSignal<HashMap<&'static str, &'static str>>);

/// The tab set being rendered, for its panels.
#[derive(Clone, Copy)]
struct TabSet {
    kind: &'static str,
    selected: Signal<&'static str>,
}

#[component]
pub fn Inspector() -> impl IntoView {
    let state = expect_context::<AppState>();
    provide_context(TabMemory(state.tabs));
    // A scenario just loaded with no queue but functions (a Lambda example): open its first function.
    Effect::new(move |_| {
        state.generation.track();
        if state.selected.get_untracked().is_some()
            || state.selected_function.get_untracked().is_some()
        {
            return;
        }
        let first = state.peek_in(|r| {
            let none = r.sqs().queues().next().is_none();
            none.then(|| r.lambda().functions().next().map(|f| f.name.to_string()))
                .flatten()
        });
        if first.is_some() {
            state.selected_function.set(first);
        }
    });
    // Selecting a queue or a function (or loading a scenario) leaves the EventBridge resource.
    Effect::new(move |_| {
        state.selected.track();
        state.selected_function.track();
        state.generation.track();
        state.selected_events.set(None);
    });
    // A function a story has not made yet shows the hint, not "no longer exists".
    let function = Memo::new(move |_| {
        let name = state.selected_function.get()?;
        let exists = state.read_in(|p| p.lambda().function(&name).is_some());
        Some((name, exists))
    });
    let events = Memo::new(move |_| state.selected_events.get());
    move || {
        if let Some(selection) = events.get() {
            return match selection {
                EventsSelection::Bus(name) => {
                    view! { <super::bus_panel::BusPanel name /> }.into_any()
                }
                EventsSelection::Rule { bus, rule } => {
                    view! { <super::rule_panel::RulePanel bus rule /> }.into_any()
                }
                EventsSelection::Schedule { group, name } => {
                    view! { <super::schedule_panel::SchedulePanel group name /> }.into_any()
                }
                EventsSelection::Endpoint(url) => {
                    view! { <super::endpoints::EndpointPanel url /> }.into_any()
                }
            };
        }
        match function.get() {
        Some((name, true)) => view! { <super::function_panel::FunctionPanel name /> }.into_any(),
        Some((_, false)) => view! {
            <section class="panel function-panel" data-testid="function-panel"><Hint /></section>
        }
        .into_any(),
        None => view! { <super::queue_panel::QueuePanel /> }.into_any(),
        }
    }
}

/// What to select, when nothing is: by what the place holds.
#[component]
pub fn Hint() -> impl IntoView {
    let state = expect_context::<AppState>();
    let counts = Memo::new(move |_| {
        state.read_in(|r| (r.sqs().queues().count(), r.lambda().functions().count()))
    });
    // A story positioned before the step that makes the selected resource says so.
    let later = Memo::new(move |_| {
        let name = state
            .selected_function
            .get()
            .or_else(|| state.selected.get())?;
        state.read_in(|p| {
            if p.sqs().queue(&name).is_some() || p.lambda().function(&name).is_some() {
                return None;
            }
            let runner = p.runner();
            let scenario = runner.scenario();
            let at = (runner.executed()..scenario.steps.len()).find(|&i| {
                matches!(&scenario.steps[i].kind, crate::scenario::StepKind::Call { action, input, .. }
                    if (action == "sqs:CreateQueue" || action == "lambda:CreateFunction")
                        && [input.get("QueueName"), input.get("FunctionName")]
                            .into_iter()
                            .flatten()
                            .any(|v| v.as_str() == Some(name.as_str())))
            })?;
            Some(format!(
                "{name} does not exist yet: step {} of the story makes it. Press Step ▶ in the story above to run the steps one by one, or Play to end.",
                at + 1
            ))
        })
    });
    let text = move || {
        if let Some(text) = later.get() {
            return text;
        }
        match counts.get() {
        (0, 0) => "Nothing to inspect yet. Create a queue or a function in Resources, or open an example from the header.",
        (0, _) => "Select a function in Resources or in the diagram: its code, a test invoke, its triggers, configuration, monitoring and cost show here.",
        (_, 0) => "Select a queue in Resources or in the diagram: its messages, send and receive, consumers, configuration, monitoring and cost show here.",
        _ => "Select a queue or a function in Resources or in the diagram to inspect it here.",
    }
        .to_string()
    };
    view! { <p class="inspector-hint" data-testid="inspector-hint">{text}</p> }
}

/// Where the WAI-ARIA tabs keys move from tab `at` of `n`: arrows (wrapping), Home and End.
/// The key is consumed when it moves.
pub fn tab_key_move(ev: &KeyboardEvent, at: usize, n: usize) -> Option<usize> {
    let next = match ev.key().as_str() {
        "ArrowRight" => (at + 1) % n,
        "ArrowLeft" => (at + n - 1) % n,
        "Home" => 0,
        "End" => n.checked_sub(1)?,
        _ => return None,
    };
    ev.prevent_default();
    Some(next)
}

/// Moves keyboard focus to the tab button with this element id.
pub fn focus_tab(element_id: &str) {
    if let Some(el) = document()
        .get_element_by_id(element_id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

fn tab_id(kind: &str, id: &str) -> String {
    format!("{kind}-tab-{id}")
}

fn panel_id(kind: &str, id: &str) -> String {
    format!("{kind}-panel-{id}")
}

/// A tab list over `tabs` (id, label), the first the default, then `children`: one
/// `TabPanel` per tab. Every panel stays mounted (its forms keep what was typed); the
/// others are hidden.
#[component]
pub fn Tabs(
    /// The resource kind, e.g. "queue": the chosen tab is remembered per kind.
    kind: &'static str,
    /// What the tab list is about, for screen readers.
    label: &'static str,
    tabs: &'static [(&'static str, &'static str)],
    children: Children,
) -> impl IntoView {
    let memory =
        use_context::<TabMemory>().unwrap_or_else(|| TabMemory(RwSignal::new(HashMap::new())));
    let first = tabs.first().map_or("", |t| t.0);
    let selected = Signal::derive(move || {
        memory.0.with(|m| {
            m.get(kind)
                .copied()
                .filter(|t| tabs.iter().any(|(id, _)| id == t))
                .unwrap_or(first)
        })
    });
    let select = move |id: &'static str| {
        memory.0.update(|m| {
            m.insert(kind, id);
        })
    };
    provide_context(TabSet { kind, selected });
    let keydown = move |ev: KeyboardEvent| {
        let at = tabs
            .iter()
            .position(|(id, _)| *id == selected.get_untracked())
            .unwrap_or(0);
        if let Some(next) = tab_key_move(&ev, at, tabs.len()) {
            let id = tabs[next].0;
            select(id);
            focus_tab(&tab_id(kind, id));
        }
    };
    view! {
        <div class="inspector-tabs" role="tablist" aria-label=label on:keydown=keydown>
            {tabs.iter().map(|&(id, text)| {
                let on = move || selected.get() == id;
                view! {
                    <button type="button" role="tab" class="inspector-tab"
                        id=tab_id(kind, id)
                        data-testid=format!("{kind}-tab-{id}")
                        aria-controls=panel_id(kind, id)
                        aria-selected=move || on().to_string()
                        tabindex=move || if on() { "0" } else { "-1" }
                        class:active=on
                        on:click=move |_| select(id)>
                        {text}
                    </button>
                }
            }).collect_view()}
        </div>
        {children()}
    }
}

/// Whether the tab panel a component sits in is the one shown (what is costly
/// to start, like the code editor, waits until it is).
#[derive(Clone, Copy)]
pub struct PanelShown(pub Signal<bool>);

/// One tab's panel, inside `Tabs`.
#[component]
pub fn TabPanel(id: &'static str, children: Children) -> impl IntoView {
    let set = expect_context::<TabSet>();
    provide_context(PanelShown(Signal::derive(move || set.selected.get() == id)));
    view! {
        <div role="tabpanel" class="inspector-panel"
            id=panel_id(set.kind, id)
            aria-labelledby=tab_id(set.kind, id)
            data-testid=format!("{}-panel-{id}", set.kind)
            hidden=move || set.selected.get() != id>
            {children()}
        </div>
    }
}
