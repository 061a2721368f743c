//! The runtime's library in the page: `runtime/lib.json` (its JavaScript and
//! the SDK's service models, written by `scripts/runtime_assets.cjs`, ~200 KB
//! brotli) is fetched after the first paint and handed to the runtime
//! (`runtime::assets::install`), so the first load stays within the page
//! budget. A scenario with functions waits for it before it runs (`App`).

use std::cell::RefCell;

use wasm_bindgen::{JsCast, JsValue};

use crate::runtime::assets;

const URL: &str = "runtime/lib.json";

/// Callbacks waiting for the library; `None` once they have been handled.
type Waiting = Option<Vec<Box<dyn FnOnce()>>>;

thread_local! {
    static WAITING: RefCell<Waiting> = const { RefCell::new(Some(Vec::new())) };
}

fn finish() {
    let waiting = WAITING.with(|w| w.borrow_mut().take()).unwrap_or_default();
    for f in waiting {
        f();
    }
}

/// Calls `then` once the library is installed, or once loading it failed (a function then
/// fails saying why). The first call starts the download.
pub fn when_loaded(then: impl FnOnce() + 'static) {
    let mut then = Some(then);
    let start = WAITING.with(|w| match w.borrow_mut().as_mut() {
        Some(list) => {
            if let Some(f) = then.take() {
                list.push(Box::new(f));
            }
            list.len() == 1
        }
        None => false,
    });
    // Already loaded (or failed): now.
    if let Some(f) = then {
        return f();
    }
    if !start {
        return;
    }
    let started = fetch_text(URL, |text| {
        if let Some(text) = text {
            assets::install(&text);
        }
        finish();
    });
    if started.is_err() {
        finish();
    }
}

/// `fetch(url).then(r => r.ok ? r.text() : null)`, then `done`.
fn fetch_text(url: &str, done: impl FnOnce(Option<String>) + 'static) -> Result<(), JsValue> {
    let global = js_sys::global();
    let fetch: js_sys::Function = js_sys::Reflect::get(&global, &"fetch".into())?.dyn_into()?;
    let started = fetch.call1(&global, &url.into())?;
    let text = wasm_bindgen::closure::Closure::once_into_js(move |response: JsValue| -> JsValue {
        let ok = js_sys::Reflect::get(&response, &"ok".into())
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false);
        let body = js_sys::Reflect::get(&response, &"text".into())
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
            .and_then(|f| f.call0(&response).ok());
        match (ok, body) {
            (true, Some(p)) => p,
            _ => JsValue::NULL,
        }
    });
    let done = std::rc::Rc::new(RefCell::new(Some(done)));
    let on_text = {
        let done = done.clone();
        wasm_bindgen::closure::Closure::once_into_js(move |text: JsValue| {
            if let Some(f) = done.borrow_mut().take() {
                f(text.as_string());
            }
        })
    };
    let on_error = wasm_bindgen::closure::Closure::once_into_js(move |_: JsValue| {
        if let Some(f) = done.borrow_mut().take() {
            f(None);
        }
    });
    let read = chain(&started, "then", &text)?;
    let settled = chain(&read, "then", &on_text)?;
    chain(&settled, "catch", &on_error)?;
    Ok(())
}

/// `promise[method](f)`.
fn chain(promise: &JsValue, method: &str, f: &JsValue) -> Result<JsValue, JsValue> {
    let m: js_sys::Function = js_sys::Reflect::get(promise, &method.into())?.dyn_into()?;
    m.call1(promise, f)
}
