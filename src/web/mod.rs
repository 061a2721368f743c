//! The browser app (wasm32 only), in Leptos. The shell: a header with the
//! virtual clock and time controls, the account and Region the page acts as
//! ("Acting as"), page-level notices, then the workspace — the resource tree
//! grouped by service (`resources`), the diagram as the centre canvas, the
//! selected resource in the inspector (`inspector`, with the last step's AWS
//! error above it) and the bottom dock (timeline, logs, cost). Its grid
//! places the four by area name (`www/style.css`, "Workspace"): three columns
//! at 1280 px and wider, the diagram across the top from 900 px, one column
//! below (tree, inspector, diagram, dock). Every action runs a scenario step
//! through `state::AppState`, so the world shown is always the replay of the
//! scenario that Share, Export and the autosave carry.

mod acting;
mod bus_api_destinations;
mod bus_archives;
mod bus_panel;
mod bus_partners;
mod bus_schemas;
mod buses;
mod chart;
mod code_editor;
mod cost_panel;
mod departures;
mod diagram;
mod diagram_events;
mod diagram_layout;
mod dock;
mod drafts;
mod endpoints;
mod examples;
mod fleet_panel;
mod function_access;
mod function_code;
mod function_panel;
mod function_usage;
mod function_versions;
mod functions;
mod header;
mod inspector;
mod logs_panel;
mod message_forms;
mod playhead;
mod queue_access;
mod queue_panel;
mod queue_settings;
mod queues;
mod resources;
mod rule_form;
mod rule_metrics;
mod rule_panel;
mod rule_targets;
mod runtime_lib;
mod schedule_panel;
mod schedules;
mod share;
mod state;
mod story;
mod timeline;
mod timeline_filters;
mod triggers;

use header::Header;
use leptos::prelude::*;
use resources::Resources;
use state::AppState;

pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
    share::remove_loading_shell();
}

#[component]
fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);
    // A scenario with functions waits for the runtime's library (fetched after the first
    // paint); any other starts now and the library follows.
    if share::initial_mentions("lambda:CreateFunction") {
        runtime_lib::when_loaded(move || share::load_initial(state));
    } else {
        share::load_initial(state);
        runtime_lib::when_loaded(|| ());
    }
    share::watch_hash(state);
    view! {
        <div class="app">
            <Header />
            <section aria-label="Account and Region acted as">
                <acting::ActingAs />
            </section>
            <LoadError />
            <ShareBar />
            <story::Story />
            <div class="page-notice">
                <timeline::Notice />
            </div>
            <main class="columns workspace">
                <h1 class="visually-hidden">"Stratus: a simulated AWS account in virtual time"</h1>
                // In reading order, which is the phone's: what to select, what is selected, the overview, the history.
                <Resources />
                <div class="inspector" data-testid="inspector">
                    <timeline::LastError />
                    <inspector::Inspector />
                </div>
                <diagram::Diagram />
                <dock::Dock />
            </main>
            <footer class="app-footer">
                "Simulated so far: Amazon SQS standard and FIFO queues — the visibility timeout, delay queues and per-message "
                "delays, long polling, retention (default 4 days), dead-letter queues (RedrivePolicy) and redrive (StartMessageMoveTask), message attributes, batches, "
                "PurgeQueue, SetQueueAttributes and tags; FIFO message groups, 5-minute deduplication and throughput quotas; in virtual time. "
                "The maximum message size is 1 MiB, as AWS raised it in 2025 (it was 256 KiB); a FIFO queue holds up to 120,000 messages in flight (20,000 before 2024). "
                "Short-poll sampling, duplicates and reordering are switched on per scenario (settings.sqs). "
                "AWS Lambda (Node.js 24 and 22): functions, cold and warm starts, timeouts, asynchronous retries and destinations, "
                "and SQS triggers (event source mappings: batches, batching windows, ReportBatchItemFailures, MaximumConcurrency, pollers that scale with the backlog). "
                "Handlers run with Node's built-in modules and every AWS SDK v3 client; commands of services not simulated yet fail when sent, and the simulated world has no internet. "
                "A built-in consumer fleet (a Stratus stand-in for EC2 workers, not an AWS service) polls, processes and scales on a queue's backlog. "
                "Not simulated: queue policies, KMS encryption, and the fairness between groups of a fair standard queue (its MessageGroupId is kept and returned) — "
                "requests for the first two are refused with a clear error."
            </footer>
        </div>
    }
}

/// After a resource is opened from the tree, the diagram or the timeline: when the
/// inspector's top is out of sight (the one-column layout, where it sits under the
/// tree, or a page scrolled down to the timeline), scroll it into view. Runs after the
/// inspector has re-rendered.
pub(crate) fn reveal_inspector() {
    request_animation_frame(|| {
        use wasm_bindgen::{JsCast, JsValue};
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(inspector) = window
            .document()
            .and_then(|d| d.query_selector("[data-testid=inspector]").ok().flatten())
        else {
            return;
        };
        let call = |target: &JsValue, method: &str, arg: Option<&JsValue>| {
            js_sys::Reflect::get(target, &JsValue::from_str(method))
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                .and_then(|f| match arg {
                    Some(a) => f.call1(target, a).ok(),
                    None => f.call0(target).ok(),
                })
        };
        let top = call(&inspector, "getBoundingClientRect", None)
            .and_then(|rect| js_sys::Reflect::get(&rect, &"top".into()).ok())
            .and_then(|t| t.as_f64());
        let height = window.inner_height().ok().and_then(|h| h.as_f64());
        let (Some(top), Some(height)) = (top, height) else {
            return;
        };
        // In sight: its title and tabs show without scrolling.
        if top >= 0.0 && top < height * 0.6 {
            return;
        }
        let options = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&options, &"block".into(), &"start".into());
        call(&inspector, "scrollIntoView", Some(&options));
    });
}

/// The banner for a link, autosave or file that could not be opened.
#[component]
fn LoadError() -> impl IntoView {
    let state = expect_context::<AppState>();
    move || {
        state.load_error.get().map(|message| {
            view! {
                <div class="load-error" data-testid="load-error" role="alert">
                    <strong>"Could not open the scenario. "</strong>
                    <span>{message}</span>
                    <button class="small" data-testid="dismiss-load-error" on:click=move |_| state.load_error.set(None)>
                        "Dismiss"
                    </button>
                </div>
            }
        })
    }
}

/// The last share link, read-only, ready to copy.
#[component]
fn ShareBar() -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = move || !state.share_url.with(String::is_empty);
    view! {
        <div class="share-bar" class:hidden=move || !shown()>
            <label>
                "Share link (the whole scenario is in the link; nothing is sent to a server): "
                <input
                    type="text"
                    readonly=true
                    data-testid="share-url"
                    prop:value=move || state.share_url.get()
                    on:focus=move |ev| {
                        let input: web_sys::HtmlInputElement = event_target(&ev);
                        input.select();
                    }
                />
            </label>
        </div>
    }
}
