//! The example scenarios shipped in www/examples/, compiled into the app so
//! a learner can load one with a click; each is an ordinary scenario, so it
//! can be edited, shared and exported like any other. An example opens as a
//! story, at its start with no step run (`AppState::open_story`), so its
//! description and notes can be read step by step. Opening one over a
//! scenario with steps asks first.

use super::share;
use super::state::AppState;
use crate::scenario::Scenario;
use leptos::prelude::*;

/// (file stem, scenario JSON), in the order the menu lists them.
pub const EXAMPLES: &[(&str, &str)] = &[
    (
        "visibility-timeout",
        include_str!("../../www/examples/visibility-timeout.json"),
    ),
    (
        "long-polling",
        include_str!("../../www/examples/long-polling.json"),
    ),
    (
        "delay-queue",
        include_str!("../../www/examples/delay-queue.json"),
    ),
    (
        "retention",
        include_str!("../../www/examples/retention.json"),
    ),
    (
        "dead-letter-queue",
        include_str!("../../www/examples/dead-letter-queue.json"),
    ),
    (
        "message-attributes",
        include_str!("../../www/examples/message-attributes.json"),
    ),
    ("batches", include_str!("../../www/examples/batches.json")),
    (
        "standard-vs-fifo",
        include_str!("../../www/examples/standard-vs-fifo.json"),
    ),
    (
        "fifo-deduplication",
        include_str!("../../www/examples/fifo-deduplication.json"),
    ),
    (
        "consumer-fleet",
        include_str!("../../www/examples/consumer-fleet.json"),
    ),
    (
        "fleet-short-vs-long-polling",
        include_str!("../../www/examples/fleet-short-vs-long-polling.json"),
    ),
    (
        "lambda-hello",
        include_str!("../../www/examples/lambda-hello.json"),
    ),
    (
        "lambda-cold-warm",
        include_str!("../../www/examples/lambda-cold-warm.json"),
    ),
    (
        "lambda-timeout",
        include_str!("../../www/examples/lambda-timeout.json"),
    ),
    (
        "lambda-async-retries",
        include_str!("../../www/examples/lambda-async-retries.json"),
    ),
    (
        "lambda-throttling",
        include_str!("../../www/examples/lambda-throttling.json"),
    ),
    (
        "lambda-sdk-send",
        include_str!("../../www/examples/lambda-sdk-send.json"),
    ),
    (
        "sqs-lambda-batches",
        include_str!("../../www/examples/sqs-lambda-batches.json"),
    ),
    (
        "eventbridge-routing",
        include_str!("../../www/examples/eventbridge-routing.json"),
    ),
    (
        "eventbridge-schedule",
        include_str!("../../www/examples/eventbridge-schedule.json"),
    ),
    (
        "eventbridge-input-transformer",
        include_str!("../../www/examples/eventbridge-input-transformer.json"),
    ),
    (
        "eventbridge-dead-letter-queue",
        include_str!("../../www/examples/eventbridge-dead-letter-queue.json"),
    ),
    (
        "eventbridge-archive-replay",
        include_str!("../../www/examples/eventbridge-archive-replay.json"),
    ),
    (
        "eventbridge-scheduler",
        include_str!("../../www/examples/eventbridge-scheduler.json"),
    ),
    (
        "eventbridge-partner-events",
        include_str!("../../www/examples/eventbridge-partner-events.json"),
    ),
    (
        "eventbridge-api-destination",
        include_str!("../../www/examples/eventbridge-api-destination.json"),
    ),
];

#[component]
pub fn ExamplePicker() -> impl IntoView {
    let state = expect_context::<AppState>();
    let options: Vec<(String, String)> = EXAMPLES
        .iter()
        .filter_map(|(id, json)| {
            Scenario::from_json_str(json)
                .ok()
                .map(|s| (id.to_string(), s.name))
        })
        .collect();
    let on_change = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        let Some((_, json)) = EXAMPLES.iter().find(|(stem, _)| *stem == id) else {
            return;
        };
        match Scenario::from_json_str(json) {
            Ok(scenario) => {
                let what = format!("the example \"{}\"", scenario.name);
                if share::confirm_replace(state, &what, Some(&scenario)) {
                    state.open_story(scenario);
                    state.load_error.set(None);
                    share::strip_share_fragment();
                    state.save();
                }
            }
            Err(e) => state.load_error.set(Some(e.to_string())),
        }
        // Back to the placeholder, so the same example can be loaded again.
        if let Some(select) = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(t).ok())
        {
            select.set_value("");
        }
    };
    view! {
        <select class="examples" data-testid="examples" on:change=on_change title="Load an example scenario" aria-label="Examples">
            <option value="" selected=true>"Examples…"</option>
            {options
                .into_iter()
                .map(|(id, name)| view! { <option value=id>{name}</option> })
                .collect_view()}
        </select>
    }
}
