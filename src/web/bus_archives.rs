//! A bus's Archives & replays tab: the archives of events from the bus (their
//! pattern, retention, events and size), the form that makes one
//! (`events:CreateArchive`), the replays from them with their state and
//! range, and the form that starts one back onto the bus over a virtual time
//! range (`events:StartReplay`).

use super::message_forms::call_here;
use super::state::{AppState, StepError};
use super::timeline::ErrorBox;
use crate::sim::format_iso;
use leptos::prelude::*;
use serde_json::json;

#[derive(Clone, PartialEq)]
struct ArchiveRow {
    name: String,
    arn: String,
    pattern: Option<String>,
    retention: u32,
    events: usize,
    size: u64,
}

#[derive(Clone, PartialEq)]
struct ReplayRow {
    name: String,
    archive: String,
    state: String,
    range: String,
}

#[component]
pub fn Archives(bus: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let arn = super::bus_panel::bus_arn(state, &bus);
    let lists = {
        let arn = arn.clone();
        Memo::new(move |_| {
            state.read_in(|p| {
                let archives: Vec<ArchiveRow> = p
                    .events()
                    .archives()
                    .filter(|a| *a.source_arn == *arn)
                    .map(|a| ArchiveRow {
                        name: a.name.to_string(),
                        arn: a.arn.to_string(),
                        pattern: a.event_pattern.clone(),
                        retention: a.retention_days,
                        events: a.events.len(),
                        size: a.size_bytes,
                    })
                    .collect();
                let replays: Vec<ReplayRow> = p
                    .events()
                    .replays()
                    .filter(|r| archives.iter().any(|a| *a.arn == *r.archive_arn))
                    .map(|r| ReplayRow {
                        name: r.name.to_string(),
                        archive: r.archive_arn.rsplit('/').next().unwrap_or("").to_string(),
                        state: r.state.to_string(),
                        range: format!(
                            "{} → {}",
                            format_iso(r.event_start),
                            format_iso(r.event_end)
                        ),
                    })
                    .collect();
                (archives, replays)
            })
        })
    };
    let archives = move || lists.with(|l| l.0.clone());
    let replays = move || lists.with(|l| l.1.clone());
    view! {
        <h3>"Archives"</h3>
        {move || {
            let rows = archives();
            if rows.is_empty() {
                return view! { <p class="empty">"No archive of this bus's events yet."</p> }.into_any();
            }
            view! {
                <div class="table-scroll"><table data-testid="archive-list">
                    <thead><tr><th scope="col">"Archive"</th><th scope="col">"Pattern"</th><th scope="col" class="num">"Retention (days)"</th><th scope="col" class="num">"Events"</th><th scope="col" class="num">"Bytes"</th></tr></thead>
                    <tbody>{rows.into_iter().map(|a| view! {
                        <tr data-testid="archive-row">
                            <td>{a.name}</td>
                            <td><code class="pattern-text">{a.pattern.unwrap_or_else(|| "all events".into())}</code></td>
                            <td class="num">{if a.retention == 0 { "indefinite".to_string() } else { a.retention.to_string() }}</td>
                            <td class="num">{a.events}</td>
                            <td class="num">{a.size}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table></div>
            }.into_any()
        }}
        <CreateArchiveForm arn=arn.clone() />
        <h3>"Replays"</h3>
        {move || {
            let rows = replays();
            if rows.is_empty() {
                return view! { <p class="empty">"No replay yet."</p> }.into_any();
            }
            view! {
                <div class="table-scroll"><table data-testid="replay-list">
                    <thead><tr><th scope="col">"Replay"</th><th scope="col">"Archive"</th><th scope="col">"State"</th><th scope="col">"Events from"</th></tr></thead>
                    <tbody>{rows.into_iter().map(|r| view! {
                        <tr data-testid="replay-row"><td>{r.name}</td><td>{r.archive}</td><td>{r.state}</td><td>{r.range}</td></tr>
                    }).collect_view()}</tbody>
                </table></div>
            }.into_any()
        }}
        <StartReplayForm bus_arn=arn archives=Signal::derive(move || archives().into_iter().map(|a| (a.name, a.arn)).collect::<Vec<_>>()) />
        <p class="muted small">"A replayed event keeps its fields, gets a new id and a replay-name field, and goes only to the rules the replay names (or all of them)."</p>
    }
}

#[component]
fn CreateArchiveForm(arn: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let pattern = RwSignal::new(String::new());
    let retention = RwSignal::new(String::new());
    let error = RwSignal::new(None::<StepError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut input =
            json!({ "ArchiveName": name.get_untracked().trim(), "EventSourceArn": arn });
        let p = pattern.get_untracked();
        if !p.trim().is_empty() {
            input["EventPattern"] = json!(p);
        }
        if let Some(n) = super::message_forms::number(&retention.get_untracked()) {
            input["RetentionDays"] = n;
        }
        if call_here(
            state,
            error,
            "create-archive-error",
            "events:CreateArchive",
            input,
        )
        .is_some()
        {
            name.set(String::new());
        }
    };
    view! {
        <form class="create-form" novalidate=true on:submit=submit aria-labelledby="create-archive-title">
            <h4 id="create-archive-title">"Create archive"</h4>
            <div class="row">
                <label>"Name" <input data-testid="new-archive-name" placeholder="orders-archive"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                <label title="0 or blank: kept indefinitely.">"RetentionDays" <input data-testid="new-archive-retention" inputmode="numeric" placeholder="indefinite"
                    prop:value=move || retention.get() on:input=move |ev| retention.set(event_target_value(&ev)) /></label>
            </div>
            <label>"Event pattern (optional: blank archives every event)"
                <textarea data-testid="new-archive-pattern" rows="2" class="code" spellcheck="false"
                    prop:value=move || pattern.get() on:input=move |ev| pattern.set(event_target_value(&ev))></textarea>
            </label>
            <button type="submit" class="primary" data-testid="create-archive">"Create archive"</button>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="create-archive-error" /> })}
        </form>
    }
}

#[component]
fn StartReplayForm(bus_arn: String, archives: Signal<Vec<(String, String)>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let archive = RwSignal::new(String::new());
    let epoch = state.peek(|r| format_iso(r.world().settings().epoch));
    let start = RwSignal::new(epoch);
    let end = RwSignal::new(String::new());
    let error = RwSignal::new(None::<StepError>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = archive.get_untracked();
        let source = if chosen.is_empty() {
            archives
                .get_untracked()
                .first()
                .map(|a| a.1.clone())
                .unwrap_or_default()
        } else {
            chosen
        };
        let until = match end.get_untracked().trim() {
            "" => format_iso(state.peek(|r| r.world().now())),
            t => t.to_string(),
        };
        let input = json!({
            "ReplayName": name.get_untracked().trim(),
            "EventSourceArn": source,
            "EventStartTime": start.get_untracked().trim(),
            "EventEndTime": until,
            "Destination": { "Arn": bus_arn },
        });
        if call_here(
            state,
            error,
            "start-replay-error",
            "events:StartReplay",
            input,
        )
        .is_some()
        {
            name.set(String::new());
        }
    };
    view! {
        <form class="create-form" novalidate=true on:submit=submit aria-labelledby="start-replay-title">
            <h4 id="start-replay-title">"Start replay onto this bus"</h4>
            <div class="row">
                <label>"Name" <input data-testid="new-replay-name" placeholder="after-fix"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) /></label>
                <label>"Archive"
                    <select data-testid="new-replay-archive" on:change=move |ev| archive.set(event_target_value(&ev))>
                        {move || archives.get().into_iter().map(|(n, a)| view! { <option value=a>{n}</option> }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="row">
                <label>"EventStartTime" <input data-testid="new-replay-start" prop:value=move || start.get()
                    on:input=move |ev| start.set(event_target_value(&ev)) /></label>
                <label>"EventEndTime" <input data-testid="new-replay-end" placeholder="now"
                    prop:value=move || end.get() on:input=move |ev| end.set(event_target_value(&ev)) /></label>
            </div>
            <button type="submit" class="primary" data-testid="start-replay">"Start replay"</button>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="start-replay-error" /> })}
        </form>
    }
}
