//! The queue panel's SendMessage and ReceiveMessage forms. Each submit is an
//! AWS call run as a scenario step; the last ReceiveMessage response is shown
//! as AWS returned it, and a false empty (a short poll that sampled servers
//! holding none of the visible messages) is called out. A refused call's AWS
//! error shows right under the button that sent it (`call_here`).

use super::state::{AppState, StepError};
use super::timeline::ErrorBox;
use leptos::prelude::*;
use serde_json::{json, Value};

/// Runs `action` as a scenario step like `AppState::call`, but its AWS error
/// goes to `error` (the `ErrorBox` of the section that sent it) instead of the
/// page's last-error box, so it shows once, where the eye is.
pub fn call_into(
    state: AppState,
    error: RwSignal<Option<StepError>>,
    action: &str,
    input: Value,
) -> Option<Value> {
    call_into_as(state, error, action, input, None)
}

/// `call_into` made as `who` when given (`AppState::call_as`).
fn call_into_as(
    state: AppState,
    error: RwSignal<Option<StepError>>,
    action: &str,
    input: Value,
    who: Option<crate::api::Identity>,
) -> Option<Value> {
    let ok = state.call_as(action, input, who);
    if ok.is_some() {
        error.set(None);
    } else {
        error.set(state.last_error.get_untracked());
        state.last_error.set(None);
    }
    ok
}

/// `call_into` for a form whose `ErrorBox` has the test id `shown_as`: on an
/// error the page scrolls just enough to show it.
pub fn call_here(
    state: AppState,
    error: RwSignal<Option<StepError>>,
    shown_as: &'static str,
    action: &str,
    input: Value,
) -> Option<Value> {
    call_here_as(state, error, shown_as, action, input, None)
}

/// `call_here` made as `who` when given: a partner's account sending its events.
pub fn call_here_as(
    state: AppState,
    error: RwSignal<Option<StepError>>,
    shown_as: &'static str,
    action: &str,
    input: Value,
    who: Option<crate::api::Identity>,
) -> Option<Value> {
    let ok = call_into_as(state, error, action, input, who);
    if ok.is_none() {
        request_animation_frame(move || scroll_into_view(shown_as));
    }
    ok
}

/// Scrolls the element with test id `testid` into view as little as needed
/// (`block: "nearest"`), and the control just above it (the field or button
/// that caused it), so both are seen together.
fn scroll_into_view(testid: &str) {
    use wasm_bindgen::{JsCast, JsValue};
    let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| {
        d.query_selector(&format!("[data-testid={testid}]"))
            .ok()
            .flatten()
    }) else {
        return;
    };
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"block".into(), &"nearest".into());
    let scroll = |target: &web_sys::Element| {
        if let Ok(f) = js_sys::Reflect::get(target, &JsValue::from_str("scrollIntoView")) {
            if let Ok(f) = f.dyn_into::<js_sys::Function>() {
                let _ = f.call1(target, &options);
            }
        }
    };
    scroll(&element);
    if let Some(control) = element.previous_element_sibling() {
        scroll(&control);
    }
}

/// A form's error goes when another queue is shown or the scenario is replaced.
fn clear_on_switch(state: AppState, error: RwSignal<Option<StepError>>) {
    Effect::new(move |_| {
        state.selected.track();
        state.generation.track();
        error.set(None);
    });
}

#[component]
pub fn SendForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let body = RwSignal::new(String::from("{\"order\": 1}"));
    let delay = RwSignal::new(String::new());
    let attributes = RwSignal::new(String::new());
    let group = RwSignal::new(String::new());
    let dedup = RwSignal::new(String::new());
    let error = RwSignal::new(None::<StepError>);
    clear_on_switch(state, error);
    let fifo = move || {
        let name = state.selected.get().unwrap_or_default();
        state.read_queue(&name, |q| q.is_fifo())
    };
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(url) = state.selected_url() else {
            return;
        };
        let mut input = json!({ "QueueUrl": url, "MessageBody": body.get_untracked() });
        if let Some(d) = number(&delay.get_untracked()) {
            input["DelaySeconds"] = d;
        }
        for (key, field) in [("MessageGroupId", group), ("MessageDeduplicationId", dedup)] {
            let text = field.get_untracked();
            if !text.trim().is_empty() {
                input[key] = Value::from(text.trim());
            }
        }
        let attrs = attributes.get_untracked();
        if !attrs.trim().is_empty() {
            // Passed on as typed: text that is not a JSON map gets the SDK's validation error.
            input["MessageAttributes"] =
                serde_json::from_str(&attrs).unwrap_or(Value::String(attrs));
        }
        call_here(state, error, "send-error", "sqs:SendMessage", input);
    };
    view! {
        <form class="send-form" novalidate=true on:submit=send>
            <h3>"SendMessage"</h3>
            <textarea
                data-testid="send-body"
                rows="3"
                aria-label="Message body"
                prop:value=move || body.get()
                on:input=move |ev| body.set(event_target_value(&ev))
            ></textarea>
            <div class="row">
                <label title="0 to 900 s. FIFO queues refuse a per-message delay: only the queue's DelaySeconds applies.">
                    "DelaySeconds"
                    <input data-testid="send-delay" inputmode="numeric" placeholder="queue default"
                        prop:value=move || delay.get() on:input=move |ev| delay.set(event_target_value(&ev)) />
                </label>
                <label title="Required on a FIFO queue: messages of one group are delivered in order, one group member in flight at a time. On a standard queue it makes a fair queue (kept and returned; fairness between groups is not simulated).">
                    "MessageGroupId"
                    <input data-testid="send-group" placeholder=move || if fifo() { "required" } else { "optional" }
                        prop:value=move || group.get() on:input=move |ev| group.set(event_target_value(&ev)) />
                </label>
                <Show when=fifo>
                    <label title="FIFO: a second send with the same id within 5 minutes is accepted but not delivered. Leave blank with ContentBasedDeduplication to use the SHA-256 of the body.">
                        "MessageDeduplicationId"
                        <input data-testid="send-dedup" placeholder="or content-based"
                            prop:value=move || dedup.get() on:input=move |ev| dedup.set(event_target_value(&ev)) />
                    </label>
                </Show>
            </div>
            <details class="send-attributes">
                <summary>"MessageAttributes (JSON)"</summary>
                <textarea
                    data-testid="send-attributes"
                    rows="3"
                    aria-label="Message attributes as JSON"
                    placeholder=r#"{"kind": {"DataType": "String", "StringValue": "order"}}"#
                    prop:value=move || attributes.get()
                    on:input=move |ev| attributes.set(event_target_value(&ev))
                ></textarea>
            </details>
            <button type="submit" class="primary" data-testid="send">"Send"</button>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="send-error" /> })}
        </form>
    }
}

/// A number typed in an input, passed as-is to AWS (which validates ranges), or None when blank.
pub fn number(text: &str) -> Option<Value> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    Some(
        text.parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(text)),
    )
}

#[component]
pub fn ReceiveForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let max = RwSignal::new(String::from("1"));
    let visibility = RwSignal::new(String::new());
    let wait = RwSignal::new(String::new());
    let error = RwSignal::new(None::<StepError>);
    clear_on_switch(state, error);
    let receive = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(url) = state.selected_url() else {
            return;
        };
        let mut input = json!({
            "QueueUrl": url,
            "MessageSystemAttributeNames": ["All"],
            "MessageAttributeNames": ["All"],
        });
        if let Some(n) = number(&max.get_untracked()) {
            input["MaxNumberOfMessages"] = n;
        }
        if let Some(v) = number(&visibility.get_untracked()) {
            input["VisibilityTimeout"] = v;
        }
        if let Some(v) = number(&wait.get_untracked()) {
            input["WaitTimeSeconds"] = v;
        }
        call_here(state, error, "receive-error", "sqs:ReceiveMessage", input);
    };
    view! {
        <form class="receive-form" novalidate=true on:submit=receive>
            <h3>"ReceiveMessage"</h3>
            <div class="row">
                <label>
                    "MaxNumberOfMessages"
                    <input
                        type="number"
                        min="1"
                        max="10"
                        data-testid="receive-max"
                        prop:value=move || max.get()
                        on:input=move |ev| max.set(event_target_value(&ev))
                    />
                </label>
                <label>
                    "VisibilityTimeout (s)"
                    <input
                        type="number"
                        min="0"
                        max="43200"
                        placeholder="default"
                        data-testid="receive-visibility"
                        prop:value=move || visibility.get()
                        on:input=move |ev| visibility.set(event_target_value(&ev))
                    />
                </label>
                <label title="Long polling: wait up to this long, in virtual time, for a message">
                    "WaitTimeSeconds"
                    <input
                        type="number"
                        min="0"
                        max="20"
                        placeholder="queue default"
                        data-testid="receive-wait"
                        prop:value=move || wait.get()
                        on:input=move |ev| wait.set(event_target_value(&ev))
                    />
                </label>
                <button type="submit" class="primary" data-testid="receive">"Receive"</button>
            </div>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="receive-error" /> })}
            {move || state.last_receive_note.get().map(|note| view! {
                <p class="receive-note" data-testid="receive-note">{note}</p>
            })}
            <details class="receive-details" open=true>
                <summary>"Last ReceiveMessage response"</summary>
                <pre class="receive-result" data-testid="receive-result" tabindex="0">
                    {move || state.last_receive.get().unwrap_or_else(|| "(no receive yet)".to_string())}
                </pre>
            </details>
        </form>
    }
}
