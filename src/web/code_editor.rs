//! A code editor for function sources: a textarea laid exactly over its
//! syntax-highlighted copy (`crate::highlight`), with line numbers, Tab and
//! Shift+Tab indenting by two spaces, Enter keeping the line's indent, and the
//! highlight scrolling with the text.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;

const INDENT: &str = "  ";

#[component]
pub fn CodeEditor(
    /// The source; the editor writes every change back.
    text: RwSignal<String>,
    #[prop(into)] label: String,
    #[prop(optional, into)] testid: String,
) -> impl IntoView {
    let highlight_ref = NodeRef::<leptos::html::Pre>::new();
    let gutter_ref = NodeRef::<leptos::html::Pre>::new();
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
        let Some(area) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
        else {
            return;
        };
        if let Some(pre) = highlight_ref.get() {
            pre.set_scroll_top(area.scroll_top());
            pre.set_scroll_left(area.scroll_left());
        }
        if let Some(gutter) = gutter_ref.get() {
            gutter.set_scroll_top(area.scroll_top());
        }
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let Some(area) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok())
        else {
            return;
        };
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
        let (insert, caret): (String, usize) = match ev.key().as_str() {
            "Tab" if !ev.shift_key() => (INDENT.to_string(), start + INDENT.len()),
            "Tab" => {
                // Shift+Tab: remove up to one indent from the start of the line.
                let line: String = String::from_utf16_lossy(&units[line_start..start]);
                let remove = line
                    .chars()
                    .take(INDENT.len())
                    .take_while(|c| *c == ' ')
                    .count();
                if remove == 0 {
                    ev.prevent_default();
                    return;
                }
                let mut next: Vec<u16> = units[..line_start].to_vec();
                next.extend_from_slice(&units[line_start + remove..]);
                ev.prevent_default();
                apply(&area, text, &next, start - remove);
                return;
            }
            "Enter" => {
                let line: String = String::from_utf16_lossy(&units[line_start..start]);
                let indent: String = line.chars().take_while(|c| *c == ' ').collect();
                let extra = if line.trim_end().ends_with(['{', '(', '[']) {
                    INDENT
                } else {
                    ""
                };
                let insert = format!("\n{indent}{extra}");
                let caret = start + insert.encode_utf16().count();
                (insert, caret)
            }
            _ => return,
        };
        ev.prevent_default();
        let mut next: Vec<u16> = units[..start].to_vec();
        next.extend(insert.encode_utf16());
        next.extend_from_slice(&units[end..]);
        apply(&area, text, &next, caret);
    };
    view! {
        <div class="code-editor" data-testid=testid>
            <pre class="code-gutter" aria-hidden="true" node_ref=gutter_ref>{lines}</pre>
            <div class="code-layers">
                <pre class="code-highlight" aria-hidden="true" node_ref=highlight_ref inner_html=html></pre>
                <textarea
                    class="code-input"
                    spellcheck="false"
                    autocomplete="off"
                    aria-label=label
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
