//! The code editor for function sources: CodeMirror 6 (`www/vendor/editor.js`,
//! called as `globalThis.stratusEditor`) with JavaScript highlighting and
//! indentation, bracket matching and closing, search, undo history per file,
//! and the runtime's syntax error as a lint marker. The bundle is loaded the
//! first time an editor is shown (a script element added then), so the first
//! page load does not carry it. Until it has loaded, or if it cannot load, a
//! small textarea editor stands in: a textarea laid over its highlighted copy
//! (`crate::highlight`), indenting with Tab and Enter. In both, Tab indents and
//! Escape then Tab moves keyboard focus on, as the hint under the editor says.

use crate::runtime::syntax::SyntaxIssue;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlTextAreaElement;

const INDENT: &str = "  ";
/// The script element that loads the bundle (one per page).
const SCRIPT_ID: &str = "stratus-editor-script";
const BUNDLE: &str = "vendor/editor.js";
/// The hint the editor's content points at (aria-describedby).
const KEYS_HINT_ID: &str = "code-editor-keys";

/// `globalThis.stratusEditor`, once the bundle has run.
fn api() -> Option<JsValue> {
    js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("stratusEditor"))
        .ok()
        .filter(JsValue::is_object)
}

/// Calls `stratusEditor[method](...args)`.
fn call(method: &str, args: &[&JsValue]) -> Result<JsValue, JsValue> {
    let api = api().ok_or(JsValue::NULL)?;
    let f: js_sys::Function = js_sys::Reflect::get(&api, &JsValue::from_str(method))?.dyn_into()?;
    let list = js_sys::Array::new();
    for a in args {
        list.push(a);
    }
    f.apply(&api, &list)
}

/// Loads the bundle once per page and calls `done` with whether it is there.
fn when_loaded(done: impl FnOnce(bool) + 'static) {
    if api().is_some() {
        return done(true);
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return done(false);
    };
    let script = match document.get_element_by_id(SCRIPT_ID) {
        Some(s) if s.has_attribute("data-failed") => return done(false),
        Some(s) => s,
        None => {
            let Ok(s) = document.create_element("script") else {
                return done(false);
            };
            let _ = s.set_attribute("id", SCRIPT_ID);
            let _ = s.set_attribute("src", BUNDLE);
            let Some(head) = document.head() else {
                return done(false);
            };
            if head.append_child(&s).is_err() {
                return done(false);
            }
            s
        }
    };
    let marked = script.clone();
    // Exactly one of load and error fires for this listener pair.
    let settled = Closure::once_into_js(move |_: web_sys::Event| {
        let ok = api().is_some();
        if !ok {
            let _ = marked.set_attribute("data-failed", "");
        }
        done(ok);
    });
    let _ = script.add_event_listener_with_callback("load", settled.unchecked_ref());
    let _ = script.add_event_listener_with_callback("error", settled.unchecked_ref());
}

/// A mounted CodeMirror view and the callback it reports edits to.
struct Mounted {
    view: JsValue,
    _on_change: Closure<dyn FnMut(String)>,
}

#[component]
pub fn CodeEditor(
    /// The open file's text; the editor writes every change back.
    text: RwSignal<String>,
    /// The open file's name: each file keeps its own undo history.
    #[prop(into)]
    file: Signal<String>,
    /// The syntax error to mark, if any.
    #[prop(into)]
    issue: Signal<Option<SyntaxIssue>>,
    /// Whether the editor is on screen: the bundle loads the first time it is.
    #[prop(into)]
    shown: Signal<bool>,
    #[prop(into)] label: String,
    #[prop(optional, into)] testid: String,
) -> impl IntoView {
    // None until loading ends; then whether CodeMirror is there.
    let ready = RwSignal::new(None::<bool>);
    let requested = StoredValue::new(false);
    let mount = NodeRef::<leptos::html::Div>::new();
    let mounted = StoredValue::new_local(None::<Mounted>);
    Effect::new(move |_| {
        if shown.get() && !requested.get_value() {
            requested.set_value(true);
            when_loaded(move |ok| {
                ready.try_set(Some(ok));
            });
        }
    });
    let cm_label = label.clone();
    Effect::new(move |_| {
        let (Some(true), Some(parent)) = (ready.get(), mount.get()) else {
            return;
        };
        if mounted.with_value(Option::is_some) {
            return;
        }
        let on_change = Closure::<dyn FnMut(String)>::new(move |doc: String| {
            text.try_set(doc);
        });
        let opts = js_sys::Object::new();
        let set = |k: &str, v: &JsValue| {
            let _ = js_sys::Reflect::set(&opts, &JsValue::from_str(k), v);
        };
        set("doc", &JsValue::from_str(&text.get_untracked()));
        set("file", &JsValue::from_str(&file.get_untracked()));
        set("label", &JsValue::from_str(&cm_label));
        set("describedBy", &JsValue::from_str(KEYS_HINT_ID));
        set("onChange", on_change.as_ref());
        match call("create", &[parent.as_ref(), &opts]) {
            Ok(view) => mounted.set_value(Some(Mounted {
                view,
                _on_change: on_change,
            })),
            Err(_) => ready.set(Some(false)),
        }
    });
    // The page's text and file into the editor (a no-op for the editor's own edits).
    Effect::new(move |_| {
        let (t, f) = (text.get(), file.get());
        ready.track();
        mounted.with_value(|m| {
            if let Some(m) = m {
                let _ = call(
                    "open",
                    &[&m.view, &JsValue::from_str(&f), &JsValue::from_str(&t)],
                );
            }
        });
    });
    Effect::new(move |_| {
        let list = js_sys::Array::new();
        if let Some(i) = issue.get() {
            let d = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&d, &"line".into(), &i.line.into());
            let _ = js_sys::Reflect::set(&d, &"column".into(), &i.column.into());
            let _ = js_sys::Reflect::set(&d, &"message".into(), &i.message.into());
            list.push(&d);
        }
        ready.track();
        text.track();
        mounted.with_value(|m| {
            if let Some(m) = m {
                let _ = call("setDiagnostics", &[&m.view, &list]);
            }
        });
    });
    on_cleanup(move || {
        if let Some(Some(m)) = mounted.try_update_value(Option::take) {
            let _ = call("destroy", &[&m.view]);
        }
    });
    let codemirror = move || ready.get() == Some(true);
    view! {
        <div class="code-editor-box" data-testid=testid
            data-editor=move || if codemirror() { "codemirror" } else { "textarea" }>
            <div class="code-mirror" node_ref=mount hidden=move || !codemirror()></div>
            {move || (!codemirror()).then(|| view! { <Fallback text label=label.clone() /> })}
            <p class="code-keys muted" id=KEYS_HINT_ID>
                "Tab indents. To leave the editor by keyboard, press Escape, then Tab."
            </p>
        </div>
    }
}

/// The editor until CodeMirror has loaded: a textarea over its highlighted copy.
#[component]
fn Fallback(text: RwSignal<String>, label: String) -> impl IntoView {
    let highlight_ref = NodeRef::<leptos::html::Pre>::new();
    let gutter_ref = NodeRef::<leptos::html::Pre>::new();
    // Escape lets the next Tab move focus on instead of indenting.
    let escaped = StoredValue::new(false);
    // A trailing newline needs a visible line in the <pre> to keep the two layers aligned.
    let html = move || text.with(|t| format!("{}\n", crate::highlight::javascript(t)));
    let lines = move || {
        let n = text.with(|t| t.split('\n').count());
        (1..=n)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let sync_scroll = move |ev: leptos::ev::Event| {
        let area: HtmlTextAreaElement = event_target(&ev);
        if let Some(pre) = highlight_ref.get() {
            pre.set_scroll_top(area.scroll_top());
            pre.set_scroll_left(area.scroll_left());
        }
        if let Some(gutter) = gutter_ref.get() {
            gutter.set_scroll_top(area.scroll_top());
        }
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        let leave = escaped.get_value();
        escaped.set_value(key == "Escape");
        if key == "Tab" && leave {
            return;
        }
        let area: HtmlTextAreaElement = event_target(&ev);
        let value = area.value();
        let start = area.selection_start().ok().flatten().unwrap_or(0) as usize;
        let end = area.selection_end().ok().flatten().unwrap_or(0) as usize;
        // Selection offsets count UTF-16 units; work on those, then rebuild the string.
        let units: Vec<u16> = value.encode_utf16().collect();
        let (start, end) = (start.min(units.len()), end.min(units.len()));
        let line_start = units[..start]
            .iter()
            .rposition(|&u| u == '\n' as u16)
            .map_or(0, |p| p + 1);
        let line = String::from_utf16_lossy(&units[line_start..start]);
        let (from, insert) = match key.as_str() {
            "Tab" if !ev.shift_key() => (start, INDENT.to_string()),
            "Tab" => {
                // Shift+Tab: remove up to one indent from the start of the line.
                let remove = line.chars().take(INDENT.len()).take_while(|c| *c == ' ');
                let remove = remove.count();
                ev.prevent_default();
                let mut next: Vec<u16> = units[..line_start].to_vec();
                next.extend_from_slice(&units[line_start + remove..]);
                return apply(&area, text, &next, start - remove);
            }
            "Enter" => {
                let indent: String = line.chars().take_while(|c| *c == ' ').collect();
                let extra = if line.trim_end().ends_with(['{', '(', '[']) {
                    INDENT
                } else {
                    ""
                };
                (start, format!("\n{indent}{extra}"))
            }
            _ => return,
        };
        ev.prevent_default();
        let mut next: Vec<u16> = units[..from].to_vec();
        next.extend(insert.encode_utf16());
        next.extend_from_slice(&units[end..]);
        apply(&area, text, &next, from + insert.encode_utf16().count());
    };
    view! {
        <div class="code-editor">
            <pre class="code-gutter" aria-hidden="true" node_ref=gutter_ref>{lines}</pre>
            <div class="code-layers">
                <pre class="code-highlight" aria-hidden="true" node_ref=highlight_ref inner_html=html></pre>
                <textarea
                    class="code-input"
                    spellcheck="false"
                    autocomplete="off"
                    aria-label=label
                    aria-describedby=KEYS_HINT_ID
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:scroll=sync_scroll
                    on:keydown=keydown
                ></textarea>
            </div>
        </div>
    }
}

/// Puts the edited text in the textarea and the signal, and the caret at `caret` (UTF-16 units).
fn apply(area: &HtmlTextAreaElement, text: RwSignal<String>, units: &[u16], caret: usize) {
    let value = String::from_utf16_lossy(units);
    area.set_value(&value);
    let _ = area.set_selection_range(caret as u32, caret as u32);
    text.set(value);
}
