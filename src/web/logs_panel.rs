//! The dock's Logs tab: the CloudWatch Logs of the place the page acts as —
//! its log groups (e.g. `/aws/lambda/<function>`), their streams, and the
//! events of one group (all streams or one), oldest to newest with the newest
//! kept in view as the world plays. The filter box takes FilterLogEvents'
//! pattern and the events are read through the engine's own search
//! (`Logs::filter`), read-only: nothing here adds a scenario step. A line's
//! request id opens that invocation in the timeline.

use super::state::{AppState, StepError};
use super::timeline::ErrorBox;
use super::timeline_filters::TimelineFilters;
use crate::services::logs::EventFilter;
use crate::sim::format_iso;
use leptos::prelude::*;

/// Lines kept in the page (the newest); the rest stay in the log group.
const MAX_LINES: usize = 500;
const SYNTAX_GUIDE: &str =
    "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html";

/// The Logs tab's choices (view state).
#[derive(Clone, Copy)]
pub struct LogsView {
    /// The chosen log group (None: the selected function's, else the first).
    pub group: RwSignal<Option<String>>,
    /// One stream, or all of the group's.
    pub stream: RwSignal<Option<String>>,
    pub pattern: RwSignal<String>,
}

impl LogsView {
    pub fn new() -> Self {
        LogsView {
            group: RwSignal::new(None),
            stream: RwSignal::new(None),
            pattern: RwSignal::new(String::new()),
        }
    }
}

#[derive(Clone, PartialEq)]
struct Line {
    key: (String, usize),
    at: String,
    stream: String,
    /// The message, split around the request id it carries (if any): before, id, after.
    message: (String, Option<String>, String),
}

/// What the search found: the newest lines, how many matched, how many the group holds.
#[derive(Clone, PartialEq, Default)]
struct Found {
    lines: Vec<Line>,
    matched: usize,
    total: usize,
}

#[component]
pub fn LogsPanel(
    view: LogsView,
    timeline: TimelineFilters,
    on_request: Callback<()>,
) -> impl IntoView {
    let state = expect_context::<AppState>();
    // (name, streams), in name order as DescribeLogGroups lists them.
    let groups = Memo::new(move |_| {
        state.read_in(|p| {
            p.logs()
                .groups()
                .map(|(name, g)| (name.clone(), g.streams.len()))
                .collect::<Vec<_>>()
        })
    });
    let group = Memo::new(move |_| {
        let names = groups.get();
        let exists = |n: &str| names.iter().any(|(g, _)| g == n);
        view.group
            .get()
            .filter(|g| exists(g))
            .or_else(|| {
                state
                    .selected_function
                    .get()
                    .map(|f| format!("/aws/lambda/{f}"))
                    .filter(|g| exists(g))
            })
            .or_else(|| names.first().map(|(g, _)| g.clone()))
    });
    // The group's streams, the one with the latest event first (as the console lists them).
    let streams = Memo::new(move |_| {
        let Some(name) = group.get() else {
            return Vec::new();
        };
        state.read_in(|p| {
            let mut list: Vec<(String, u64)> = p
                .logs()
                .group(&name)
                .map(|g| {
                    g.streams
                        .iter()
                        .map(|(n, s)| (n.clone(), s.events.last().map_or(0, |e| e.timestamp)))
                        .collect()
                })
                .unwrap_or_default();
            list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            list
        })
    });
    let stream = Memo::new(move |_| {
        let chosen = view.stream.get()?;
        streams
            .with(|s| s.iter().any(|(n, _)| *n == chosen))
            .then_some(chosen)
    });
    let found = Memo::new(move |_| -> Result<Found, StepError> {
        let Some(name) = group.get() else {
            return Ok(Found::default());
        };
        let pattern = view.pattern.get();
        let only = stream.get().map(|s| vec![s]);
        state.read_in(|p| {
            let logs = p.logs();
            let all = logs.group(&name).map_or(0, |g| {
                g.streams
                    .iter()
                    .filter(|(n, _)| only.as_ref().is_none_or(|o| o.contains(n)))
                    .map(|(_, s)| s.events.len())
                    .sum()
            });
            let hits = logs
                .filter(&EventFilter {
                    group: &name,
                    stream_names: only.as_deref(),
                    pattern: &pattern,
                    ..EventFilter::default()
                })
                .map_err(|e| StepError {
                    action: "logs:FilterLogEvents".into(),
                    code: e.code.to_string(),
                    message: e.message.to_string(),
                })?;
            let from = hits.len().saturating_sub(MAX_LINES);
            Ok(Found {
                matched: hits.len(),
                total: all,
                lines: hits[from..]
                    .iter()
                    .map(|f| Line {
                        key: (f.stream.to_string(), f.index),
                        at: format_iso(f.event.timestamp),
                        stream: f.stream.to_string(),
                        message: split_at_request_id(&f.event.message),
                    })
                    .collect(),
            })
        })
    });
    // Keep the newest line in view while the reader is at the bottom of the list.
    let list = NodeRef::<leptos::html::Ol>::new();
    let at_bottom = StoredValue::new(true);
    Effect::new(move |_| {
        found.track();
        if at_bottom.get_value() {
            request_animation_frame(move || {
                if let Some(el) = list.get_untracked() {
                    el.set_scroll_top(el.scroll_height());
                }
            });
        }
    });
    let on_scroll = move |_| {
        if let Some(el) = list.get_untracked() {
            at_bottom.set_value(el.scroll_top() + el.client_height() >= el.scroll_height() - 8);
        }
    };
    let open_request = move |id: String| {
        let function = state.peek_in(|p| {
            let trace = p.runner().world().trace().all();
            trace
                .iter()
                .rev()
                .filter(|e| p.owns(e))
                .find(|e| e.kind.request_id() == Some(id.as_str()))
                .and_then(|e| e.kind.function().map(str::to_string))
        });
        if let Some(f) = function {
            state.selected_function.set(Some(f));
        }
        timeline.request_id.set(Some(id));
        on_request.run(());
    };
    view! {
        <Show
            when=move || groups.with(|g| !g.is_empty())
            fallback=|| view! {
                <p class="empty" data-testid="logs-empty">
                    "No log groups here yet. An invoked Lambda function writes to /aws/lambda/<function name>."
                </p>
            }
        >
            <div class="dock-filters" role="group" aria-label="Log group, stream and filter">
                <label class="dock-select">
                    <span>"Log group"</span>
                    <select data-testid="log-group"
                        prop:value=move || group.get().unwrap_or_default()
                        on:change=move |ev| {
                            view.group.set(Some(event_target_value(&ev)));
                            view.stream.set(None);
                        }>
                        {move || groups.get().into_iter().map(|(name, count)| {
                            let selected = group.get_untracked().as_deref() == Some(name.as_str());
                            let label = format!("{name} ({count} stream{})", if count == 1 { "" } else { "s" });
                            view! { <option value=name selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="dock-select">
                    <span>"Log stream"</span>
                    <select data-testid="log-stream"
                        prop:value=move || stream.get().unwrap_or_default()
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            view.stream.set((!v.is_empty()).then_some(v));
                        }>
                        <option value="">"All streams"</option>
                        {move || streams.get().into_iter().map(|(name, _)| {
                            let selected = stream.get_untracked().as_deref() == Some(name.as_str());
                            view! { <option value=name.clone() selected=selected>{name.clone()}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <label class="dock-select dock-grow">
                    <span>"Filter pattern"</span>
                    <input type="search" data-testid="log-filter" spellcheck="false"
                        placeholder="ERROR -debug ?WARN \"exact phrase\""
                        prop:value=move || view.pattern.get()
                        on:input=move |ev| view.pattern.set(event_target_value(&ev)) />
                </label>
            </div>
            <p class="muted dock-summary">
                "Terms, \"quoted phrases\", -exclusions and ?alternatives, as FilterLogEvents reads them (case-sensitive). "
                "JSON ({ $.field = value }), space-delimited ([a, b]) and %regex% patterns are not simulated yet. "
                <a href=SYNTAX_GUIDE target="_blank" rel="noopener">"Filter pattern syntax"</a>
            </p>
            {move || match found.get() {
                Err(error) => view! { <ErrorBox error testid="log-filter-error" /> }.into_any(),
                Ok(f) => view! {
                    <p class="muted dock-summary" data-testid="logs-summary">
                        {if f.matched == f.total {
                            format!("{} events", f.total)
                        } else {
                            format!("{} of {} events match", f.matched, f.total)
                        }}
                        {(f.matched > f.lines.len()).then(|| format!(" (the newest {} shown)", f.lines.len()))}
                    </p>
                }.into_any(),
            }}
            <ol class="log-events" data-testid="log-events" node_ref=list on:scroll=on_scroll aria-live="off">
                <For
                    each=move || found.get().map(|f| f.lines).unwrap_or_default()
                    key=|line| line.key.clone()
                    children=move |line| {
                        let (before, id, after) = line.message;
                        let request = id.map(|id| {
                            let label = id.clone();
                            view! {
                                <button class="link log-request" data-testid="log-request-id"
                                    title="Show this invocation in the timeline and select its function"
                                    on:click=move |_| open_request(id.clone())>
                                    {label}
                                </button>
                            }
                        });
                        view! {
                            <li class="log-event" data-testid="log-event">
                                <span class="log-at" title=line.at.clone()>{line.at.get(11..23).unwrap_or_default().to_string()}</span>
                                <span class="log-stream" title=line.stream.clone()>{short_stream(&line.stream)}</span>
                                <span class="log-message">{before}{request}{after}</span>
                            </li>
                        }
                    }
                />
            </ol>
        </Show>
    }
}

/// The request id a Lambda log line carries: `START`/`END`/`REPORT RequestId: <id>`, a
/// console line `<time>\t<id>\t<level>\t<text>`, or a JSON record's `"requestId":"<id>"`.
fn request_id_of(message: &str) -> Option<&str> {
    if let Some(at) = message.find("RequestId: ") {
        let rest = &message[at + "RequestId: ".len()..];
        return rest.split_whitespace().next();
    }
    if let Some(at) = message.find("\"requestId\":\"") {
        let rest = &message[at + "\"requestId\":\"".len()..];
        return rest.split('"').next().filter(|id| !id.is_empty());
    }
    let mut fields = message.splitn(4, '\t');
    let time = fields.next()?;
    let id = fields.next()?;
    let is_time = time.len() == 24 && time.ends_with('Z') && time.as_bytes().get(10) == Some(&b'T');
    (is_time && fields.next().is_some() && !id.is_empty()).then_some(id)
}

/// A message split around its request id, so the id can be a link in place.
fn split_at_request_id(message: &str) -> (String, Option<String>, String) {
    match request_id_of(message) {
        Some(id) => {
            let at = id.as_ptr() as usize - message.as_ptr() as usize;
            (
                message[..at].to_string(),
                Some(id.to_string()),
                message[at + id.len()..].to_string(),
            )
        }
        None => (message.to_string(), None, String::new()),
    }
}

/// A stream's name shortened to its last part (Lambda's end in `[$LATEST]<id>`).
fn short_stream(name: &str) -> String {
    match name.rfind(']') {
        Some(i) if name.len() - i > 9 => format!("…{}", &name[name.len() - 8..]),
        _ => name.to_string(),
    }
}
