//! Making and editing a rule's trigger: the event pattern editor, which checks
//! the pattern as it is typed with the same engine the bus matches with
//! (`crate::pattern`, AWS's rejection reasons word for word), the schedule
//! field with the next firing times it gives, and the form that makes a rule
//! on a bus (an `events:PutRule` step).

use super::message_forms::call_here;
use super::state::{AppState, EventsSelection, StepError};
use super::timeline::ErrorBox;
use crate::pattern::{Dialect, Pattern};
use crate::services::events::schedule::Schedule;
use crate::sim::time::format_iso;
use crate::sim::Millis;
use leptos::prelude::*;
use serde_json::json;

/// A new rule's pattern until the person types theirs.
pub const SAMPLE_PATTERN: &str = "{\n  \"source\": [\"shop.orders\"],\n  \"detail-type\": [\"Order Placed\"],\n  \"detail\": {\"amount\": [{\"numeric\": [\">\", 100]}]}\n}";

/// What AWS would say of a pattern: None when it takes it.
pub fn pattern_problem(text: &str) -> Option<String> {
    Pattern::parse(text, Dialect::EventBridge)
        .err()
        .map(|e| e.message())
}

/// An event pattern text area that says, as it is typed, whether EventBridge takes it.
#[component]
pub fn PatternEditor(text: RwSignal<String>, testid: &'static str) -> impl IntoView {
    let problem = Memo::new(move |_| text.with(|t| pattern_problem(t)));
    view! {
        <label class="pattern-editor">"Event pattern (JSON)"
            <textarea data-testid=testid rows="7" spellcheck="false" class="code"
                aria-invalid=move || problem.with(Option::is_some).then_some("true")
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
        </label>
        <p class="pattern-check" data-testid=format!("{testid}-check")
            class:error=move || problem.with(Option::is_some)
            class:ok=move || problem.with(Option::is_none)
            aria-live="polite">
            {move || problem.get().unwrap_or_else(|| "✓ A valid event pattern.".to_string())}
        </p>
    }
}

/// The next `n` firing times of a schedule expression from `now` (a rate counts from
/// `start`), or what AWS says of the expression.
pub fn next_firings(
    text: &str,
    start: Millis,
    now: Millis,
    n: usize,
) -> Result<Vec<String>, String> {
    let schedule = Schedule::parse(text.trim()).map_err(str::to_string)?;
    Ok(schedule
        .upcoming(start, now, n)
        .into_iter()
        .map(format_iso)
        .collect())
}

/// A schedule expression field, with its next five firings (from now, in virtual time).
#[component]
pub fn ScheduleField(text: RwSignal<String>, testid: &'static str) -> impl IntoView {
    let state = expect_context::<AppState>();
    let firings = Memo::new(move |_| {
        let now = state.read(|r| r.world().now());
        text.with(|t| next_firings(t, now, now, 5))
    });
    view! {
        <label>"Schedule expression"
            <input data-testid=testid spellcheck="false" placeholder="rate(5 minutes) or cron(0 12 * * ? *)"
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev)) />
        </label>
        <div class="schedule-preview" data-testid=format!("{testid}-preview") aria-live="polite">
            {move || match firings.get() {
                Ok(times) => view! {
                    <p class="muted small">"Next firings if made now (UTC, virtual time):"</p>
                    <ol class="firings">{times.into_iter().map(|t| view! { <li><code>{t}</code></li> }).collect_view()}</ol>
                }.into_any(),
                Err(e) => view! { <p class="pattern-check error">{e}</p> }.into_any(),
            }}
        </div>
        <p class="muted small">"rate(value unit): minute(s), hour(s) or day(s). cron has six fields: minutes hours day-of-month month day-of-week year, with ? in one of the day fields. Times are UTC."</p>
    }
}

/// Makes a rule on `bus`: its name, and an event pattern or (on the default bus) a schedule.
#[component]
pub fn CreateRuleForm(bus: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = RwSignal::new(String::new());
    let scheduled = RwSignal::new(false);
    let pattern = RwSignal::new(SAMPLE_PATTERN.to_string());
    let schedule = RwSignal::new("rate(5 minutes)".to_string());
    let error = RwSignal::new(None::<StepError>);
    let on_default = bus == "default";
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let rule = name.get_untracked().trim().to_string();
        let mut input = json!({ "Name": rule, "EventBusName": bus });
        if scheduled.get_untracked() {
            input["ScheduleExpression"] = json!(schedule.get_untracked().trim());
        } else {
            input["EventPattern"] = json!(pattern.get_untracked());
        }
        if call_here(state, error, "create-rule-error", "events:PutRule", input).is_some() {
            state.selected_events.set(Some(EventsSelection::Rule {
                bus: bus.clone(),
                rule,
            }));
            name.set(String::new());
        }
    };
    view! {
        <form class="create-form rule-form" novalidate=true on:submit=submit aria-labelledby="create-rule-title">
            <h3 id="create-rule-title">"Create rule"</h3>
            <label>"Name"
                <input type="text" data-testid="new-rule-name" placeholder="large-orders"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </label>
            <fieldset class="row">
                <legend>"Trigger"</legend>
                <label class="check"><input type="radio" name="rule-kind" data-testid="new-rule-pattern-kind"
                    prop:checked=move || !scheduled.get() on:change=move |_| scheduled.set(false) />"Event pattern"</label>
                <label class="check" title=if on_default { "" } else { "AWS runs scheduled rules only on the default event bus: PutRule here is refused." }>
                    <input type="radio" name="rule-kind" data-testid="new-rule-schedule-kind"
                    prop:checked=move || scheduled.get() on:change=move |_| scheduled.set(true) />"Schedule"</label>
            </fieldset>
            <Show when=move || !scheduled.get() fallback=move || view! { <ScheduleField text=schedule testid="new-rule-schedule" /> }>
                <PatternEditor text=pattern testid="new-rule-pattern" />
            </Show>
            <button type="submit" class="primary" data-testid="create-rule">"Create rule"</button>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="create-rule-error" /> })}
        </form>
    }
}
