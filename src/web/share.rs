//! Getting scenarios in and out of the page: the `#s=` share link (and its
//! copy to the clipboard), the localStorage autosave, JSON export (a download)
//! and import (a file). Anything that fails to load is reported in the
//! load-error banner and leaves a working (empty) world, never a blank page;
//! anything that would replace a scenario with steps asks first
//! (`confirm_replace`). The loading shell of www/index.html ends here too.

use super::state::{AppState, UNTITLED};
use crate::scenario::{codec, Scenario};
use leptos::prelude::{Set, WriteSignal};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

pub const STORAGE_KEY: &str = "stratus.scenario";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Removes the loading shell (`#boot` in www/index.html) once the app is mounted.
pub fn remove_loading_shell() {
    if let Some(boot) = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
}

/// "1 step", "12 steps".
fn steps_text(n: usize) -> String {
    if n == 1 {
        "1 step".to_string()
    } else {
        format!("{n} steps")
    }
}

/// The question to ask before `current` is replaced by `what` (e.g. `the example "Retention"`),
/// or None when nothing would be lost: `current` has no step, or is `incoming` itself.
fn replace_question(current: &Scenario, what: &str, incoming: Option<&Scenario>) -> Option<String> {
    if current.steps.is_empty() || incoming.is_some_and(|s| s.to_value() == current.to_value()) {
        return None;
    }
    Some(format!(
        "Replace the current scenario \"{}\" ({}) with {what}?\n\n\
         It is kept only in this browser's autosave, which will be overwritten: \
         Share or Export it first to keep a copy.",
        current.name,
        steps_text(current.steps.len()),
    ))
}

/// Asks in a confirm dialog; a browser that shows none (or refuses) counts as yes.
pub fn ask(question: &str) -> bool {
    window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(true)
}

/// Whether the page's scenario may be replaced by `what` (`incoming`, when known):
/// asks first unless nothing would be lost.
pub fn confirm_replace(state: AppState, what: &str, incoming: Option<&Scenario>) -> bool {
    match state.peek(|r| replace_question(r.scenario(), what, incoming)) {
        Some(question) => ask(&question),
        None => true,
    }
}

/// How a shared scenario is named in a question: `the shared scenario "Orders" (3 steps)`.
fn shared_what(scenario: &Scenario) -> String {
    format!(
        "the shared scenario \"{}\" ({})",
        scenario.name,
        steps_text(scenario.steps.len())
    )
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

pub fn autosave(json: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(STORAGE_KEY, json);
    }
}

/// The page address without fragment: origin + pathname (+ query).
fn page_base() -> Option<String> {
    let location = window()?.location();
    let origin = location.origin().ok()?;
    let path = location.pathname().ok()?;
    let search = location.search().unwrap_or_default();
    Some(format!("{origin}{path}{search}"))
}

fn replace_url(url: &str) {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(url));
    }
}

/// Removes a `#s=` fragment from the address bar (it no longer matches the
/// world once the user acts); returns whether there was one.
pub fn strip_share_fragment() -> bool {
    let hash = window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if !hash.starts_with("#s=") {
        return false;
    }
    if let Some(base) = page_base() {
        replace_url(&base);
    }
    true
}

/// Loads the first scenario: a `#s=` link, else the autosave, else an empty one.
/// Whether the scenario the page opens with (a shared link, else the autosave) contains `text`.
pub fn initial_mentions(text: &str) -> bool {
    let hash = window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if let Some(encoded) = hash.strip_prefix("#s=") {
        return codec::decode(encoded).is_ok_and(|s| s.to_json_pretty().contains(text));
    }
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .is_some_and(|saved| saved.contains(text))
}

pub fn load_initial(state: AppState) {
    let hash = window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let saved = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten());
    if let Some(encoded) = hash.strip_prefix("#s=") {
        // A link over different autosaved work asks first; "Cancel" keeps the work.
        let kept = match (
            codec::decode(encoded),
            saved.as_deref().map(Scenario::from_json_str),
        ) {
            (Ok(shared), Some(Ok(current))) => {
                replace_question(&current, &shared_what(&shared), Some(&shared))
                    .filter(|question| !ask(question))
                    .map(|_| current)
            }
            _ => None,
        };
        match kept {
            Some(current) => {
                state.load(current);
                strip_share_fragment();
            }
            None => load_fragment(state, encoded),
        }
        return;
    }
    if let Some(text) = saved {
        match Scenario::from_json_str(&text) {
            Ok(scenario) => state.load(scenario),
            Err(e) => {
                state.load(Scenario::new(UNTITLED));
                state.load_error.set(Some(format!("The autosaved scenario could not be restored: {e} (An empty scenario was started instead.)")));
            }
        }
        return;
    }
    state.load(Scenario::new(UNTITLED));
}

/// Opens a shared link's scenario as a story, at its start (also when only the fragment changes).
pub fn load_fragment(state: AppState, encoded: &str) {
    match codec::decode(encoded) {
        Ok(scenario) => {
            state.open_story(scenario);
            state.load_error.set(None);
            let json =
                state.peek(|r| serde_json::to_string(&r.scenario().to_value()).unwrap_or_default());
            autosave(&json);
        }
        Err(e) => {
            state.load(Scenario::new(UNTITLED));
            state.load_error.set(Some(format!(
                "{e} (An empty scenario was started instead.)"
            )));
        }
    }
}

/// Listens for the address bar's fragment changing to another `#s=` link.
pub fn watch_hash(state: AppState) {
    let handle = leptos::prelude::window_event_listener(leptos::ev::hashchange, move |_| {
        let hash = window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default();
        if let Some(encoded) = hash.strip_prefix("#s=") {
            let agreed = match codec::decode(encoded) {
                Ok(shared) => confirm_replace(state, &shared_what(&shared), Some(&shared)),
                // A damaged link replaces nothing: load_fragment reports it.
                Err(_) => true,
            };
            if agreed {
                load_fragment(state, encoded);
            } else {
                strip_share_fragment();
            }
        }
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
}

/// What became of the share link, said beside the Share button.
pub const COPIED: &str = "Link copied to clipboard";
pub const COPY_BY_HAND: &str = "Link selected below: press Ctrl+C (⌘C on a Mac) to copy it";

/// Builds the share link, puts it in the address bar and copies it to the
/// clipboard; `status` says which happened. Where the clipboard is refused
/// (no permission, an insecure page), the link field is selected instead.
pub fn share(state: AppState, status: WriteSignal<Option<&'static str>>) {
    let fragment = state.peek(|r| codec::fragment(r.scenario()));
    let url = format!("{}{}", page_base().unwrap_or_default(), fragment);
    replace_url(&url);
    state.share_url.set(url.clone());
    status.set(None);
    let Some(w) = window() else { return };
    // navigator.clipboard is missing outside secure contexts (http:// other than localhost).
    let navigator = w.navigator();
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has_clipboard {
        select_share_field(status);
        return;
    }
    let done = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| {
        status.set(Some(COPIED));
        clear_later(status);
    });
    let refused = Closure::<dyn FnMut(JsValue)>::new(move |_: JsValue| select_share_field(status));
    let _ = navigator
        .clipboard()
        .write_text(&url)
        .then2(&done, &refused);
    // Each runs at most once, after this function returns.
    done.forget();
    refused.forget();
}

/// The confirmation goes after a few seconds (the link stays in the share bar).
fn clear_later(status: WriteSignal<Option<&'static str>>) {
    leptos::prelude::set_timeout(move || status.set(None), std::time::Duration::from_secs(6));
}

/// Selects the share link's text (the ShareBar input) for a copy by hand.
fn select_share_field(status: WriteSignal<Option<&'static str>>) {
    // The field shows once the link's signal has rendered: select it after this task.
    leptos::prelude::request_animation_frame(move || {
        let input = window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[data-testid=share-url]").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            let _ = input.focus();
            input.select();
        }
        status.set(Some(COPY_BY_HAND));
    });
}

/// A file name for the scenario: its name in lowercase letters, digits and dashes.
fn file_name(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "scenario.json".to_string()
    } else {
        format!("{slug}.json")
    }
}

/// Downloads the scenario JSON.
pub fn export(state: AppState) {
    let (json, name) = state.peek(|r| (r.scenario().to_json_pretty(), r.scenario().name.clone()));
    let result = (|| -> Result<(), JsValue> {
        let parts = js_sys::Array::of1(&JsValue::from_str(&json));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let document = window().and_then(|w| w.document()).ok_or(JsValue::NULL)?;
        let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
        anchor.set_href(&url);
        anchor.set_download(&file_name(&name));
        anchor.click();
        web_sys::Url::revoke_object_url(&url)?;
        Ok(())
    })();
    if result.is_err() {
        state
            .notice
            .set(Some("The browser refused the download.".to_string()));
    }
}

/// Reads a scenario JSON file chosen in the import input and opens it as a story, at its start.
pub fn import(state: AppState, input: web_sys::HtmlInputElement) {
    let Some(file) = input.files().and_then(|files| files.get(0)) else {
        return;
    };
    let Ok(reader) = web_sys::FileReader::new() else {
        return;
    };
    let file_label = file.name();
    let reader_in_callback = reader.clone();
    let onload = Closure::once_into_js(move |_: JsValue| {
        let text = reader_in_callback.result().ok().and_then(|v| v.as_string());
        match text.map(|t| Scenario::from_json_str(&t)) {
            Some(Ok(scenario)) => {
                let what = format!("\"{}\" from {file_label}", scenario.name);
                if !confirm_replace(state, &what, Some(&scenario)) {
                    input.set_value("");
                    return;
                }
                state.open_story(scenario);
                state.load_error.set(None);
                state.save();
            }
            Some(Err(e)) => state
                .load_error
                .set(Some(format!("{file_label} was not imported: {e}"))),
            None => state
                .load_error
                .set(Some(format!("{file_label} could not be read as text."))),
        }
        // Let the same file be chosen again.
        input.set_value("");
    });
    reader.set_onload(Some(onload.unchecked_ref()));
    if reader.read_as_text(&file).is_err() {
        state
            .load_error
            .set(Some("The file could not be read.".to_string()));
    }
}
