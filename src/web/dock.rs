//! The bottom dock under the diagram, in tabs: the trace timeline (the
//! default), the CloudWatch Logs view and the cost so far (`cost_panel`).
//! Which tab is open and what each filters are view state: they never add
//! scenario steps. A new world-wide view is one more `Tab`.

use super::cost_panel::CostPanel;
use super::inspector::{focus_tab, tab_key_move};
use super::logs_panel::{LogsPanel, LogsView};
use super::state::AppState;
use super::timeline::Timeline;
use super::timeline_filters::TimelineFilters;
use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Timeline,
    Logs,
    Cost,
}

impl Tab {
    const ALL: [Tab; 3] = [Tab::Timeline, Tab::Logs, Tab::Cost];

    fn id(self) -> &'static str {
        match self {
            Tab::Timeline => "timeline",
            Tab::Logs => "logs",
            Tab::Cost => "cost",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Tab::Timeline => "Timeline",
            Tab::Logs => "Logs",
            Tab::Cost => "Cost",
        }
    }
}

#[component]
pub fn Dock() -> impl IntoView {
    let state = expect_context::<AppState>();
    let tab = RwSignal::new(Tab::Timeline);
    let filters = TimelineFilters::new();
    let logs = LogsView::new();
    // A new scenario starts with no filters.
    Effect::watch(
        move || state.generation.get(),
        move |_, _, _| {
            filters.clear();
            logs.group.set(None);
            logs.stream.set(None);
            logs.pattern.set(String::new());
        },
        false,
    );
    // A story step may ask for a tab (its `show.dock`).
    Effect::new(move |_| {
        if let Some(t) = state
            .dock_request
            .get()
            .and_then(|id| Tab::ALL.into_iter().find(|t| t.id() == id))
        {
            tab.set(t);
        }
    });
    let events = Memo::new(move |_| state.read(|r| r.world().trace().len()));
    let show_timeline = Callback::new(move |()| tab.set(Tab::Timeline));
    // Arrow keys, Home and End move between tabs (the WAI-ARIA tabs pattern).
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let at = Tab::ALL
            .iter()
            .position(|t| *t == tab.get_untracked())
            .unwrap_or(0);
        if let Some(next) = tab_key_move(&ev, at, Tab::ALL.len()) {
            tab.set(Tab::ALL[next]);
            focus_tab(&format!("dock-tab-{}", Tab::ALL[next].id()));
        }
    };
    let tab_button = move |t: Tab| {
        let selected = move || tab.get() == t;
        view! {
            <button
                type="button"
                role="tab"
                class="dock-tab"
                id=format!("dock-tab-{}", t.id())
                data-testid=format!("dock-tab-{}", t.id())
                aria-controls="dock-panel"
                aria-selected=move || if selected() { "true" } else { "false" }
                tabindex=move || if selected() { "0" } else { "-1" }
                on:click=move |_| tab.set(t)
            >
                {t.label()}
                {(t == Tab::Timeline).then(|| view! { <span class="dock-count">{move || format!(" ({})", events.get())}</span> })}
            </button>
        }
    };
    view! {
        <section class="panel dock" data-testid="dock" aria-label="Timeline, logs and cost">
            <div class="dock-tabs" role="tablist" aria-label="Timeline, logs and cost" on:keydown=on_key>
                {Tab::ALL.map(tab_button)}
            </div>
            <div
                class="dock-panel"
                role="tabpanel"
                id="dock-panel"
                aria-labelledby=move || format!("dock-tab-{}", tab.get().id())
                data-testid="dock-panel"
            >
                {move || match tab.get() {
                    Tab::Timeline => view! { <Timeline filters /> }.into_any(),
                    Tab::Logs => view! { <LogsPanel view=logs timeline=filters on_request=show_timeline /> }.into_any(),
                    Tab::Cost => view! { <CostPanel /> }.into_any(),
                }}
            </div>
        </section>
    }
}
