//! Lambda's group in the resource tree (`resources::ServiceGroup`): the
//! functions of the place shown, each with its runtime and memory, and the
//! form that creates one (a `lambda:CreateFunction` step with starter code;
//! AWS's error, an empty name's included, shows under the name field).

use super::message_forms::call_here;
use super::resources::ServiceGroup;
use super::state::{AppState, StepError};
use super::timeline::ErrorBox;
use crate::services::lambda::model::RUNTIMES;
use leptos::prelude::*;
use serde_json::json;

pub const GROUP: ServiceGroup = ServiceGroup {
    id: "lambda",
    label: "Lambda",
    noun: ("function", "functions"),
    item_testid: "function-item",
    item_prefix: "λ ",
    names: |p| p.lambda().functions().map(|f| f.name.clone()).collect(),
    is_selected: |state, name| {
        state.selected_events.with(Option::is_none)
            && state.selected_function.with(|s| s.as_deref() == Some(name))
    },
    select: |state, name| state.selected_function.set(Some(name)),
    detail: |name| view! { <FunctionDetail name /> }.into_any(),
    create: || view! { <CreateFunctionForm /> }.into_any(),
};

/// A function's runtime and memory, e.g. "nodejs22.x · 128 MB".
#[component]
fn FunctionDetail(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = move || {
        state.read_function(&name, |f| {
            format!("{} · {} MB", f.latest.runtime, f.latest.memory_size)
        })
    };
    view! { <span class="tree-item-detail">{text}</span> }
}

#[component]
fn CreateFunctionForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let runtime = RwSignal::new(RUNTIMES[0].to_string());
    let error = RwSignal::new(None::<StepError>);
    Effect::new(move |_| {
        state.generation.track();
        error.set(None);
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let function = name.get_untracked().trim().to_string();
        let input = json!({
            "FunctionName": function,
            "Runtime": runtime.get_untracked(),
            "Role": format!("arn:aws:iam::{}:role/lambda-role", state.place_untracked().account),
            "Handler": "index.handler",
            "Code": { "Files": { "index.mjs": super::function_panel::STARTER } },
        });
        if call_here(
            state,
            error,
            "create-function-error",
            "lambda:CreateFunction",
            input,
        )
        .is_some()
        {
            state.selected_function.set(Some(function));
            name.set(String::new());
        }
    };
    view! {
        <form class="create-form" novalidate=true on:submit=create aria-labelledby="create-function-title">
            <h4 id="create-function-title">"Create function"</h4>
            <label>
                "Name"
                <input type="text" data-testid="new-function-name" placeholder="hello"
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </label>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="create-function-error" /> })}
            <label>
                "Runtime"
                <select data-testid="new-function-runtime" on:change=move |ev| runtime.set(event_target_value(&ev))>
                    {RUNTIMES
                        .iter()
                        .enumerate()
                        .map(|(i, r)| view! { <option value=*r selected=i == 0>{*r}</option> })
                        .collect_view()}
                </select>
            </label>
            <button type="submit" class="primary" data-testid="create-function">"Create function"</button>
        </form>
    }
}
