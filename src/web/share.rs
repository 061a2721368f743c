//! Getting scenarios in and out of the page: the `#s=` share link, the
//! localStorage autosave, JSON export (a download) and import (a file).
//! Anything that fails to load is reported in the load-error banner and
//! leaves a working (empty) world, never a blank page.

use super::state::{AppState, UNTITLED};
use crate::scenario::{codec, Scenario};
use leptos::prelude::Set;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

pub const STORAGE_KEY: &str = "stratus.scenario";

fn window() -> Option<web_sys::Window> {
    web_sys::window()
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
pub fn load_initial(state: AppState) {
    let hash = window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if let Some(encoded) = hash.strip_prefix("#s=") {
        load_fragment(state, encoded);
        return;
    }
    if let Some(text) = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()) {
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

/// Opens a shared link's scenario (also when only the fragment changes).
pub fn load_fragment(state: AppState, encoded: &str) {
    match codec::decode(encoded) {
        Ok(scenario) => {
            state.load(scenario);
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
            load_fragment(state, encoded);
        }
    });
    // The listener lives as long as the page.
    std::mem::forget(handle);
}

/// Builds the share link, puts it in the address bar and tries the clipboard.
pub fn share(state: AppState) {
    let fragment = state.peek(|r| codec::fragment(r.scenario()));
    let url = format!("{}{}", page_base().unwrap_or_default(), fragment);
    replace_url(&url);
    state.share_url.set(url.clone());
    if let Some(w) = window() {
        let promise = w.navigator().clipboard().write_text(&url);
        // Clipboard access may be refused (no focus, no permission); that is fine.
        let ignore = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
        let _ = promise.catch(&ignore);
        ignore.forget();
    }
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

/// Reads a scenario JSON file chosen in the import input and replays it.
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
                state.load(scenario);
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
