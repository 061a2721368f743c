//! The schedule inspector (EventBridge Scheduler): the selected schedule's
//! expression, time zone, flexible window, start and end, its next firings
//! in UTC and in its zone, its target (input, retry policy, dead-letter
//! queue), and Enable/Disable (`scheduler:UpdateSchedule`, which replaces the
//! whole definition, so the rest is sent as it is) and Delete
//! (`scheduler:DeleteSchedule`).

use super::message_forms::call_here;
use super::state::{AppState, EventsSelection, StepError};
use super::timeline::ErrorBox;
use crate::services::scheduler::model::Schedule;
use crate::sim::format_iso;
use leptos::prelude::*;
use serde_json::{json, Value};

/// What the panel shows of a schedule, read once per change.
#[derive(Clone, PartialEq)]
struct ScheduleView {
    group: String,
    name: String,
    arn: String,
    state: &'static str,
    expression: String,
    zone: &'static str,
    window: Option<u32>,
    start: Option<String>,
    end: Option<String>,
    delete_after: bool,
    /// (UTC, local wall clock) of the next firings.
    next: Vec<(String, String)>,
    armed: Option<String>,
    target: Value,
    /// UpdateSchedule's input with the schedule as it is (State filled in by the caller).
    update: Value,
}

fn update_input(s: &Schedule) -> Value {
    let mut input = json!({
        "Name": *s.name,
        "GroupName": *s.group,
        "ScheduleExpression": s.expression_text,
        "ScheduleExpressionTimezone": s.timezone.name,
        "FlexibleTimeWindow": match s.window_minutes {
            Some(m) => json!({ "Mode": "FLEXIBLE", "MaximumWindowInMinutes": m }),
            None => json!({ "Mode": "OFF" }),
        },
        "Target": s.target.echo,
        "ActionAfterCompletion": if s.delete_after_completion { "DELETE" } else { "NONE" },
    });
    if let Some(d) = &s.description {
        input["Description"] = json!(d);
    }
    if let Some(t) = s.start {
        input["StartDate"] = json!(format_iso(t));
    }
    if let Some(t) = s.end {
        input["EndDate"] = json!(format_iso(t));
    }
    input
}

fn read(state: AppState, group: &str, name: &str) -> Option<ScheduleView> {
    state.read_in(|p| {
        let now = p.world().now();
        let s = p.scheduler().schedule(group, name)?;
        Some(ScheduleView {
            group: group.to_string(),
            name: name.to_string(),
            arn: s.arn.to_string(),
            state: s.state(),
            expression: s.expression_text.clone(),
            zone: s.timezone.name,
            window: s.window_minutes,
            start: s.start.map(format_iso),
            end: s.end.map(format_iso),
            delete_after: s.delete_after_completion,
            // From now on, a firing due this very millisecond included.
            next: s
                .upcoming(now.saturating_sub(1), 5)
                .into_iter()
                .map(|t| {
                    let local = format_iso(s.timezone.local(t));
                    (format_iso(t), local.trim_end_matches('Z').to_string())
                })
                .collect(),
            armed: s.next.map(format_iso),
            target: s.target.echo.clone(),
            update: update_input(s),
        })
    })
}

#[component]
pub fn SchedulePanel(group: String, name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let view_of = Memo::new(move |_| read(state, &group, &name));
    view! {
        <section class="panel schedule-panel" data-testid="schedule-panel">
            {move || match view_of.get() {
                Some(s) => view! { <ScheduleDetails s /> }.into_any(),
                None => view! { <p class="inspector-hint">"This schedule does not exist (any more) in the account and Region shown: a one-time schedule with ActionAfterCompletion DELETE goes once it has run."</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ScheduleDetails(s: ScheduleView) -> impl IntoView {
    let state = expect_context::<AppState>();
    let error = RwSignal::new(None::<StepError>);
    let enabled = s.state == "ENABLED";
    let toggle = {
        let mut input = s.update.clone();
        input["State"] = json!(if enabled { "DISABLED" } else { "ENABLED" });
        move |_| {
            call_here(
                state,
                error,
                "schedule-error",
                "scheduler:UpdateSchedule",
                input.clone(),
            );
        }
    };
    let delete = {
        let input = json!({ "Name": s.name, "GroupName": s.group });
        move |_| {
            if call_here(
                state,
                error,
                "schedule-error",
                "scheduler:DeleteSchedule",
                input.clone(),
            )
            .is_some()
            {
                state.selected_events.set(None::<EventsSelection>);
            }
        }
    };
    let target = serde_json::to_string_pretty(&s.target).unwrap_or_default();
    let window = match s.window {
        Some(m) => format!("FLEXIBLE: within {m} minutes after each scheduled time (chosen with the scenario's seed)"),
        None => "OFF: exactly at each scheduled time".to_string(),
    };
    view! {
        <div class="queue-head">
            <h2 class="queue-title">{s.name.clone()} <span class="muted">{format!(" (schedule in group {})", s.group)}</span></h2>
            <span class="rule-state" data-testid="schedule-state" class:disabled=!enabled>{s.state}</span>
        </div>
        <p class="queue-url">"ARN " <code data-testid="schedule-arn">{s.arn.clone()}</code></p>
        <dl class="facts" data-testid="schedule-details">
            <dt>"Expression"</dt><dd><code>{s.expression.clone()}</code>{format!(" in {}", s.zone)}</dd>
            <dt>"Flexible time window"</dt><dd>{window}</dd>
            {s.start.clone().map(|t| view! { <dt>"StartDate"</dt><dd>{t}</dd> })}
            {s.end.clone().map(|t| view! { <dt>"EndDate"</dt><dd>{t}</dd> })}
            <dt>"After its last firing"</dt><dd>{if s.delete_after { "deleted (ActionAfterCompletion DELETE)" } else { "kept (ActionAfterCompletion NONE)" }}</dd>
            {s.armed.clone().map(|t| view! { <dt>"Next invocation armed for"</dt><dd data-testid="schedule-armed">{t}</dd> })}
        </dl>
        <h3>"Next firings"</h3>
        {if s.next.is_empty() {
            view! { <p class="empty">"None: the schedule is disabled or has no time left."</p> }.into_any()
        } else {
            view! {
                <ol class="firings" data-testid="schedule-next-firings">
                    {s.next.iter().map(|(utc, local)| view! { <li><code>{utc.clone()}</code>{format!(" · {local} {}", s.zone)}</li> }).collect_view()}
                </ol>
            }.into_any()
        }}
        <h3>"Target"</h3>
        <pre class="json" data-testid="schedule-target">{target}</pre>
        <div class="row">
            <button type="button" data-testid="toggle-schedule" on:click=toggle>{if enabled { "Disable schedule" } else { "Enable schedule" }}</button>
            <button type="button" class="danger" data-testid="delete-schedule" on:click=delete>"Delete schedule"</button>
        </div>
        {move || error.get().map(|e| view! { <ErrorBox error=e testid="schedule-error" /> })}
        <p class="muted small">"Scheduler bills each invocation: $1.00 per million after 14 million free a month. Next event ▶ in the header jumps to the next firing."</p>
    }
}
