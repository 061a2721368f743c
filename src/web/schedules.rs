//! EventBridge Scheduler's group in the resource tree (`resources::ServiceGroup`):
//! the schedules of the place shown, named by their name (and "group › name"
//! outside the default group), each with its state and next firing; and the
//! form that creates one (a `scheduler:CreateSchedule` step): name,
//! `at()`/`rate()`/`cron()` expression read in a time zone, a flexible window,
//! and a queue, function or bus of the place as its target.

use super::message_forms::call_here;
use super::resources::ServiceGroup;
use super::state::{AppState, EventsSelection, StepError};
use super::timeline::ErrorBox;
use crate::kernel::timezone::TimeZone;
use crate::services::scheduler::Scheduler;
use crate::sim::format_iso;
use leptos::prelude::*;
use serde_json::json;

/// Between a group and a schedule in a tree item's name, as between a bus and a rule.
const SEPARATOR: &str = super::buses::RULE_SEPARATOR;

pub const GROUP: ServiceGroup = ServiceGroup {
    id: "scheduler",
    label: "Scheduler",
    noun: ("schedule", "schedules"),
    item_testid: "schedule-item",
    item_prefix: "⏰ ",
    names: |p| tree_names(p.scheduler()),
    is_selected: |state, name| {
        state
            .selected_events
            .with(|s| s.as_ref() == Some(&parse(name)))
    },
    select: |state, name| state.selected_events.set(Some(parse(&name))),
    detail: |name| view! { <ScheduleDetail name /> }.into_any(),
    create: || view! { <CreateScheduleForm /> }.into_any(),
};

fn tree_names(scheduler: &Scheduler) -> Vec<String> {
    scheduler
        .schedules()
        .map(|s| {
            if &*s.group == "default" {
                s.name.to_string()
            } else {
                format!("{}{SEPARATOR}{}", s.group, s.name)
            }
        })
        .collect()
}

/// A tree item's name as the schedule it stands for.
pub fn parse(name: &str) -> EventsSelection {
    let (group, name) = name.split_once(SEPARATOR).unwrap_or(("default", name));
    EventsSelection::Schedule {
        group: group.to_string(),
        name: name.to_string(),
    }
}

/// A schedule's state and its next firing.
#[component]
fn ScheduleDetail(name: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let EventsSelection::Schedule { group, name } = parse(&name) else {
        return ().into_any();
    };
    let text = move || {
        state.read_in(|p| {
            let Some(s) = p.scheduler().schedule(&group, &name) else {
                return String::new();
            };
            match s.next {
                Some(next) if s.enabled => format!("{} · next {}", s.state(), format_iso(next)),
                _ => s.state().to_string(),
            }
        })
    };
    view! { <span class="tree-item-detail">{text}</span> }.into_any()
}

/// The place's queues, functions and buses a schedule may invoke: (label, ARN).
pub fn target_choices(state: AppState) -> Vec<(String, String)> {
    state.read_in(|p| {
        let queues = p
            .sqs()
            .queues()
            .map(|q| (format!("SQS queue {}", q.name), q.arn.clone()));
        let functions = p
            .lambda()
            .functions()
            .map(|f| (format!("Lambda function {}", f.name), f.arn.clone()));
        let buses = p
            .events()
            .buses()
            .map(|b| (format!("Event bus {}", b.name), b.arn.to_string()));
        queues.chain(functions).chain(buses).collect()
    })
}

#[component]
fn CreateScheduleForm() -> impl IntoView {
    let state = expect_context::<AppState>();
    let choices = Memo::new(move |_| target_choices(state));
    let name = RwSignal::new(String::new());
    let expression = RwSignal::new("rate(1 hour)".to_string());
    let zone = RwSignal::new("UTC".to_string());
    let window = RwSignal::new(String::new());
    let target = RwSignal::new(String::new());
    let input = RwSignal::new(String::new());
    let error = RwSignal::new(None::<StepError>);
    Effect::new(move |_| {
        state.generation.track();
        error.set(None);
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let place = state.place_untracked();
        let schedule = name.get_untracked().trim().to_string();
        let arn = match target.get_untracked() {
            t if t.is_empty() => choices
                .get_untracked()
                .first()
                .map(|c| c.1.clone())
                .unwrap_or_default(),
            t => t,
        };
        let mut target_json = json!({
            "Arn": arn,
            // Stratus has no IAM: the role is named as AWS requires and not checked.
            "RoleArn": format!("arn:aws:iam::{}:role/scheduler-role", place.account),
        });
        let text = input.get_untracked();
        if !text.trim().is_empty() {
            target_json["Input"] = json!(text);
        }
        let flexible = match super::message_forms::number(&window.get_untracked()) {
            Some(minutes) => json!({ "Mode": "FLEXIBLE", "MaximumWindowInMinutes": minutes }),
            None => json!({ "Mode": "OFF" }),
        };
        let request = json!({
            "Name": schedule,
            "ScheduleExpression": expression.get_untracked().trim(),
            "ScheduleExpressionTimezone": zone.get_untracked(),
            "FlexibleTimeWindow": flexible,
            "Target": target_json,
        });
        let made = call_here(
            state,
            error,
            "create-schedule-error",
            "scheduler:CreateSchedule",
            request,
        );
        if made.is_some() {
            state.selected_events.set(Some(EventsSelection::Schedule {
                group: "default".to_string(),
                name: schedule,
            }));
            name.set(String::new());
        }
    };
    view! {
        <form class="create-form" novalidate=true on:submit=submit aria-labelledby="create-schedule-title">
            <h4 id="create-schedule-title">"Create schedule"</h4>
            <label>"Name"
                <input type="text" data-testid="new-schedule-name" placeholder="nightly-report"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </label>
            <label title="at(yyyy-mm-ddThh:mm:ss) once, rate(value unit), or cron(minutes hours day-of-month month day-of-week year), in the time zone below.">"Expression"
                <input type="text" data-testid="new-schedule-expression" spellcheck="false"
                    prop:value=move || expression.get() on:input=move |ev| expression.set(event_target_value(&ev)) />
            </label>
            <label>"Time zone"
                <select data-testid="new-schedule-zone" on:change=move |ev| zone.set(event_target_value(&ev))>
                    {TimeZone::names().map(|z| view! { <option value=z selected=z == "UTC">{z}</option> }).collect_view()}
                </select>
            </label>
            <label title="FlexibleTimeWindow: blank is OFF; 1 to 1440 minutes lets Scheduler invoke the target any time in that window after the scheduled time.">"Flexible window (min)"
                <input data-testid="new-schedule-window" inputmode="numeric" placeholder="off"
                    prop:value=move || window.get() on:input=move |ev| window.set(event_target_value(&ev)) />
            </label>
            <label>"Target"
                <select data-testid="new-schedule-target" on:change=move |ev| target.set(event_target_value(&ev))>
                    {move || choices.get().into_iter().map(|(label, arn)| view! { <option value=arn>{label}</option> }).collect_view()}
                </select>
            </label>
            <label>"Input (optional)"
                <input data-testid="new-schedule-input" spellcheck="false" placeholder="{\"job\": \"report\"}"
                    prop:value=move || input.get() on:input=move |ev| input.set(event_target_value(&ev)) />
            </label>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="create-schedule-error" /> })}
            <button type="submit" class="primary" data-testid="create-schedule">"Create schedule"</button>
        </form>
    }
}
