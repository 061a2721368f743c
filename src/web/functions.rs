//! The left panel's Lambda section: the functions that exist and a form that
//! creates one (a `lambda:CreateFunction` step with starter code; AWS's error,
//! an empty name's included, shows under the name field).

use super::message_forms::call_here;
use super::state::{AppState, StepError};
use super::timeline::ErrorBox;
use crate::services::lambda::model::RUNTIMES;
use leptos::prelude::*;
use serde_json::json;

#[component]
pub fn Functions() -> impl IntoView {
    let state = expect_context::<AppState>();
    let names = Memo::new(move |_| {
        state.read_in(|r| {
            r.lambda()
                .functions()
                .map(|f| f.name.clone())
                .collect::<Vec<_>>()
        })
    });
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
        <h2 class="section-title">"Lambda functions"</h2>
        <ul class="queue-list">
            {move || names.get().into_iter().map(|n| {
                let n2 = n.clone();
                let n3 = n.clone();
                let selected = move || state.selected_function.with(|s| s.as_deref() == Some(n2.as_str()));
                view! {
                    <li data-testid="function-item" class="queue-item" class:selected=selected
                        on:click=move |_| state.selected_function.set(Some(n3.clone()))>
                        <span class="queue-name">"λ " {n}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
        <form class="create-queue" novalidate=true on:submit=create>
            <h3>"Create function"</h3>
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
