//! A function's Code tab: its files as tabs (WAI-ARIA tabs, each marked
//! while it has undeployed changes), the code editor (`code_editor`), the
//! runtime's syntax check of the open file as the person types, and Deploy
//! (UpdateFunctionCode). What the editor holds and the deployed `$LATEST`
//! code differ while there are undeployed changes: the tab says so beside
//! Deploy, and the edits are kept as a draft (`drafts`) until deployed or
//! discarded.

use super::code_editor::CodeEditor;
use super::drafts::{self, Files};
use super::inspector::{focus_tab, tab_key_move, PanelShown};
use super::state::AppState;
use crate::runtime::syntax::{self, SyntaxIssue};
use leptos::prelude::*;
use serde_json::json;
use std::time::Duration;

/// How long typing pauses before the syntax check runs.
const CHECK_AFTER: Duration = Duration::from_millis(300);

/// Updates the page's drafts and saves them in the browser.
pub fn update_drafts(state: AppState, f: impl FnOnce(&mut drafts::Drafts)) {
    state.drafts.update(f);
    state.drafts.with_untracked(drafts::save);
}

fn file_tab_id(i: usize) -> String {
    format!("code-file-{i}")
}

#[component]
pub fn FunctionCode(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let shown = use_context::<PanelShown>().map_or(Signal::stored(true), |p| p.0);
    let arn = state.peek_in(|r| {
        r.lambda()
            .function(&name)
            .map(|f| f.arn.clone())
            .unwrap_or_default()
    });
    let deployed = {
        let name = name.clone();
        Memo::new(move |_| state.read_function(&name, |f| f.latest.code.files.clone()))
    };
    // (Node.js major version, NODE_OPTIONS): what decides how a .js file loads.
    let node = {
        let name = name.clone();
        Memo::new(move |_| {
            state.read_function(&name, |f| {
                (
                    syntax::node_major(&f.latest.runtime),
                    f.latest
                        .environment
                        .get("NODE_OPTIONS")
                        .cloned()
                        .unwrap_or_default(),
                )
            })
        })
    };
    let mut restored = (Files::new(), false);
    update_drafts(state, |d| {
        restored = d.restore(&arn, &deployed.get_untracked())
    });
    let sources = RwSignal::new(restored.0);
    let first = sources.with_untracked(|s| s.keys().next().cloned().unwrap_or_default());
    let current_file = RwSignal::new(first);
    let text = RwSignal::new(sources.with_untracked(|s| {
        s.get(&current_file.get_untracked())
            .cloned()
            .unwrap_or_default()
    }));
    let record = {
        let arn = arn.clone();
        move || {
            let files = sources.get_untracked();
            update_drafts(state, |d| d.record(&arn, &deployed.get_untracked(), &files));
        }
    };
    // The open file's text into the set of files, and the draft.
    {
        let record = record.clone();
        Effect::new(move |prev: Option<()>| {
            let t = text.get();
            let file = current_file.get_untracked();
            let changed = sources.with_untracked(|s| s.get(&file) != Some(&t));
            if changed {
                sources.update(|s| {
                    s.insert(file, t);
                });
            }
            if changed || prev.is_none() {
                record();
            }
        });
    }
    // Deployed code that changes under the editor: shown when nothing was edited,
    // else the edits stay, now over the new code.
    {
        let record = record.clone();
        let arn = arn.clone();
        Effect::new(move |prev: Option<()>| {
            let now = deployed.get();
            if prev.is_none() {
                return;
            }
            if state.drafts.with_untracked(|d| d.get(&arn).is_none()) {
                show_files(sources, current_file, text, now);
            } else {
                record();
            }
        });
    }
    let open = move |file: String| {
        text.set(sources.with_untracked(|s| s.get(&file).cloned().unwrap_or_default()));
        current_file.set(file);
    };
    // The runtime's syntax check of the open file, once typing pauses.
    let issue = RwSignal::new(None::<SyntaxIssue>);
    let checks = StoredValue::new(0u64);
    Effect::new(move |_| {
        text.track();
        current_file.track();
        node.track();
        let Some(n) = checks.try_update_value(|n| {
            *n += 1;
            *n
        }) else {
            return;
        };
        set_timeout(
            move || {
                if checks.try_get_value() != Some(n) {
                    return;
                }
                let file = current_file.get_untracked();
                let (major, options) = node.get_untracked();
                let found = sources.with_untracked(|s| syntax::check(&file, s, major, &options));
                issue.try_set(found);
            },
            CHECK_AFTER,
        );
    });
    let changed = {
        let arn = arn.clone();
        Memo::new(move |_| {
            state.drafts.with(|d| {
                d.get(&arn)
                    .map(|draft| deployed.with(|dep| draft.changed(dep)))
                    .unwrap_or_default()
            })
        })
    };
    let undeployed = move || changed.with(|c| !c.is_empty());
    let deploy = {
        let (name, arn) = (name.clone(), arn.clone());
        move |_| {
            let files = sources.get_untracked();
            let done = state.call(
                "lambda:UpdateFunctionCode",
                json!({ "FunctionName": name, "Files": files }),
            );
            if done.is_some() {
                update_drafts(state, |d| d.drop(&arn));
            }
        }
    };
    let discard = {
        let arn = arn.clone();
        move |_| {
            update_drafts(state, |d| d.drop(&arn));
            show_files(sources, current_file, text, deployed.get_untracked());
        }
    };
    let new_file = RwSignal::new(String::new());
    let add_file = move |_| {
        let file = new_file.get_untracked().trim().to_string();
        if file.is_empty() {
            return;
        }
        sources.update(|s| {
            s.entry(file.clone()).or_default();
        });
        record();
        open(file);
        new_file.set(String::new());
    };
    let names = move || sources.with(|s| s.keys().cloned().collect::<Vec<_>>());
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let all = names();
        let at = all
            .iter()
            .position(|f| *f == current_file.get_untracked())
            .unwrap_or(0);
        if let Some(next) = tab_key_move(&ev, at, all.len()) {
            open(all[next].clone());
            focus_tab(&file_tab_id(next));
        }
    };
    let active_tab = move || {
        let at = names()
            .iter()
            .position(|f| *f == current_file.get())
            .unwrap_or(0);
        file_tab_id(at)
    };
    view! {
        <div class="file-bar">
            <div class="file-tabs" role="tablist" aria-label="Files" on:keydown=keydown>
                {move || names().into_iter().enumerate().map(|(i, file)| {
                    let f2 = file.clone();
                    let active = Memo::new(move |_| current_file.with(|c| *c == f2));
                    let f3 = file.clone();
                    let f4 = file.clone();
                    let dirty = move || changed.with(|c| c.contains(&f4));
                    view! {
                        <button type="button" role="tab" class="small file-tab" id=file_tab_id(i)
                            data-testid="file-tab"
                            aria-controls="code-file-panel"
                            aria-selected=move || active.get().to_string()
                            tabindex=move || if active.get() { "0" } else { "-1" }
                            class:active=active
                            on:click=move |_| open(f3.clone())>
                            {file}
                            {move || dirty().then(|| view! {
                                <span class="file-dot" aria-hidden="true">"●"</span>
                                <span class="visually-hidden">" (undeployed changes)"</span>
                            })}
                        </button>
                    }
                }).collect_view()}
            </div>
            <input class="small" placeholder="new-file.mjs" aria-label="New file name"
                prop:value=move || new_file.get() on:input=move |ev| new_file.set(event_target_value(&ev)) />
            <button type="button" class="small" on:click=add_file>"+ file"</button>
        </div>
        <div role="tabpanel" id="code-file-panel" aria-labelledby=active_tab>
            <CodeEditor text file=current_file issue shown label="Function source" testid="code-editor" />
        </div>
        {move || issue.get().map(|i| view! {
            <p class="syntax-issue" data-testid="syntax-issue">
                <strong>"SyntaxError"</strong>
                {format!(" at line {}, column {}: {}", i.line, i.column, i.message)}
            </p>
        })}
        <div class="row deploy-row">
            <button class="primary" data-testid="deploy" on:click=deploy>"Deploy (UpdateFunctionCode)"</button>
            {move || undeployed().then(|| view! {
                <span class="undeployed" data-testid="undeployed">"Undeployed changes"</span>
                <button type="button" class="small" data-testid="discard" title="Back to the deployed code" on:click=discard.clone()>"Discard"</button>
            })}
            {move || (!undeployed()).then(|| view! {
                <span class="muted deployed-note">"The editor shows the deployed code ($LATEST)."</span>
            })}
        </div>
    }
}

/// Puts `files` in the editor, keeping the open file when it is still there.
fn show_files(
    sources: RwSignal<Files>,
    current_file: RwSignal<String>,
    text: RwSignal<String>,
    files: Files,
) {
    let open = current_file.get_untracked();
    let open = if files.contains_key(&open) {
        open
    } else {
        files.keys().next().cloned().unwrap_or_default()
    };
    let t = files.get(&open).cloned().unwrap_or_default();
    sources.set(files);
    current_file.set(open);
    text.set(t);
}
