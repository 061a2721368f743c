//! The browser app (wasm32 only), in Leptos: a header with the virtual clock
//! and time controls, the account and Region the page acts as ("Acting as"),
//! that place's queues and functions on the left, the diagram and
//! the bottom dock (trace timeline, CloudWatch Logs) in the centre, the selected queue or function on the
//! right. Every action runs a scenario step
//! through `state::AppState`, so the world shown is always the replay of the
//! scenario that Share, Export and the autosave carry.

mod acting;
mod chart;
mod code_editor;
mod departures;
mod diagram;
mod diagram_layout;
mod dock;
mod drafts;
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
mod resources;
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
    share::load_initial(state);
    share::watch_hash(state);
    view! {
        <div class="app">
            <Header />
            <acting::ActingAs />
            <LoadError />
            <ShareBar />
            <story::Story />
            <main class="columns">
                <Resources />
                <div class="centre-column">
                    <diagram::Diagram />
                    <dock::Dock />
                </div>
                <inspector::Inspector />
            </main>
            <footer class="app-footer">
                "Simulated so far: Amazon SQS standard and FIFO queues — the visibility timeout, delay queues and per-message "
                "delays, long polling, retention (default 4 days), dead-letter queues (RedrivePolicy) and redrive (StartMessageMoveTask), message attributes, batches, "
                "PurgeQueue, SetQueueAttributes and tags; FIFO message groups, 5-minute deduplication and throughput quotas; in virtual time. "
                "The maximum message size is 1 MiB, as AWS raised it in 2025 (it was 256 KiB); a FIFO queue holds up to 120,000 messages in flight (20,000 before 2024). "
                "Short-poll sampling, duplicates and reordering are switched on per scenario (settings.sqs). "
                "AWS Lambda (Node.js 20 and 22): functions, cold and warm starts, timeouts, asynchronous retries and destinations, "
                "and SQS triggers (event source mappings: batches, batching windows, ReportBatchItemFailures, MaximumConcurrency, pollers that scale with the backlog). "
                "A built-in consumer fleet (a Stratus stand-in for EC2 workers, not an AWS service) polls, processes and scales on a queue's backlog. "
                "Not simulated: queue policies, KMS encryption, and the fairness between groups of a fair standard queue (its MessageGroupId is kept and returned) — "
                "requests for the first two are refused with a clear error."
            </footer>
        </div>
    }
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
