//! The rule inspector: the selected rule's name, bus and state over its tabs —
//! Pattern (the pattern editor, checked as typed, or the schedule with its
//! next firings; Save is an `events:PutRule` step that keeps the rule's
//! state), Test ("does this event match?" on a sample event, with the field
//! that failed when it does not, answered by the same engine the bus uses),
//! Targets (`rule_targets`: each target with its input previewed on the
//! sample event, and the form that adds one) and Details (enable, disable,
//! delete, and the rule's metrics, `rule_metrics`). The sample event is shared by Test and Targets.

use super::inspector::{TabPanel, Tabs};
use super::message_forms::call_here;
use super::rule_form::{PatternEditor, ScheduleField};
use super::state::{AppState, StepError};
use super::timeline::ErrorBox;
use crate::pattern::{Dialect, Pattern};
use crate::services::events::schedule::Schedule;
use crate::sim::format_iso;
use leptos::prelude::*;
use serde_json::{json, Value};

/// The rule inspector's tabs: (id, label), the pattern first.
const TABS: &[(&str, &str)] = &[
    ("pattern", "Pattern"),
    ("test", "Test"),
    ("targets", "Targets"),
    ("details", "Details"),
];

/// What the panel knows of the rule, read once per change.
#[derive(Clone, PartialEq)]
pub struct RuleView {
    pub bus: String,
    pub name: String,
    pub arn: String,
    pub state: String,
    pub pattern: Option<String>,
    pub schedule: Option<String>,
    pub description: Option<String>,
    pub managed_by: Option<String>,
    /// The next firings of a scheduled rule, ISO.
    pub next: Vec<String>,
}

fn read_rule(state: AppState, bus: &str, rule: &str) -> Option<RuleView> {
    state.read_in(|p| {
        let now = p.world().now();
        let r = p.events().bus(bus)?.rules.get(rule)?;
        Some(RuleView {
            bus: bus.to_string(),
            name: r.name.to_string(),
            arn: r.arn.to_string(),
            state: r.state.clone(),
            pattern: r.event_pattern.clone(),
            schedule: r.schedule_expression.clone(),
            description: r.description.clone(),
            managed_by: r.managed_by.clone(),
            next: match (&r.schedule, r.enabled()) {
                (Some(s), true) => s
                    .upcoming(r.scheduled_at, now, 5)
                    .into_iter()
                    .map(format_iso)
                    .collect(),
                _ => Vec::new(),
            },
        })
    })
}

/// A sample event for a rule: AWS's envelope with the source and detail-type its pattern
/// asks for first, so testing starts from an event that may match.
pub fn sample_event(pattern: Option<&str>, account: &str, region: &str, time: &str) -> String {
    let parsed: Value = pattern
        .and_then(|p| serde_json::from_str(p).ok())
        .unwrap_or(Value::Null);
    let first = |key: &str, default: &str| {
        parsed
            .get(key)
            .and_then(|v| v.get(0))
            .and_then(Value::as_str)
            .unwrap_or(default)
            .to_string()
    };
    let event = json!({
        "version": "0",
        "id": "6a7e8feb-b491-4cf7-a9f1-bf3703467718",
        "detail-type": first("detail-type", "Order Placed"),
        "source": first("source", "shop.orders"),
        "account": account,
        "time": time,
        "region": region,
        "resources": [],
        "detail": {"orderId": "o-1", "amount": 250, "customer": {"country": "DE"}}
    });
    serde_json::to_string_pretty(&event).unwrap_or_default()
}

/// Whether `pattern` matches `event` (both JSON text), in words: the failing field when not.
pub fn test_match(pattern: &str, event: &str) -> Result<(), String> {
    let pattern = Pattern::parse(pattern, Dialect::EventBridge).map_err(|e| e.message())?;
    let event: Value =
        serde_json::from_str(event).map_err(|e| format!("The event is not valid JSON: {e}"))?;
    if !event.is_object() {
        return Err("The event must be a JSON object.".to_string());
    }
    pattern
        .explain(&event)
        .map_err(|m| format!("No match. {m}"))
}

#[component]
pub fn RulePanel(bus: String, rule: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let view_of = {
        let (bus, rule) = (bus.clone(), rule.clone());
        Memo::new(move |_| read_rule(state, &bus, &rule))
    };
    view! {
        <section class="panel rule-panel" data-testid="rule-panel">
            {move || match view_of.get() {
                Some(r) => view! { <RuleDetails rule=r view_of /> }.into_any(),
                None => view! { <p class="inspector-hint">"This rule does not exist (any more) in the account and Region shown."</p> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn RuleDetails(rule: RuleView, view_of: Memo<Option<RuleView>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let place = state.place_untracked();
    let now = format_iso(state.peek(|r| r.world().now()));
    let sample = RwSignal::new(sample_event(
        rule.pattern.as_deref(),
        &place.account,
        &place.region,
        &now,
    ));
    let (for_pattern, for_test, for_details) = (rule.clone(), rule.clone(), rule.clone());
    let (target_bus, target_rule) = (rule.bus.clone(), rule.name.clone());
    let current_state =
        move || view_of.with(|v| v.as_ref().map(|v| v.state.clone()).unwrap_or_default());
    view! {
        <div class="queue-head">
            <h2 class="queue-title">{rule.name.clone()} <span class="muted">{format!(" (rule on {})", rule.bus)}</span></h2>
            <span class="rule-state" data-testid="rule-state" class:disabled=move || current_state() == "DISABLED">{current_state}</span>
        </div>
        <p class="queue-url">"ARN " <code data-testid="rule-arn">{rule.arn.clone()}</code></p>
        <Tabs kind="rule" label="Rule" tabs=TABS>
            <TabPanel id="pattern"><PatternTab rule=for_pattern view_of /></TabPanel>
            <TabPanel id="test"><TestTab rule=for_test sample /></TabPanel>
            <TabPanel id="targets"><super::rule_targets::Targets bus=target_bus rule=target_rule sample /></TabPanel>
            <TabPanel id="details"><DetailsTab rule=for_details view_of /></TabPanel>
        </Tabs>
    }
}

/// PutRule on an existing rule keeps what is not changed: its state and description.
fn put_rule_input(rule: &RuleView, state: &str) -> Value {
    let mut input = json!({ "Name": rule.name, "EventBusName": rule.bus, "State": state });
    if let Some(d) = &rule.description {
        input["Description"] = json!(d);
    }
    input
}

#[component]
fn PatternTab(rule: RuleView, view_of: Memo<Option<RuleView>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let error = RwSignal::new(None::<StepError>);
    let scheduled = rule.schedule.is_some();
    let pattern = RwSignal::new(rule.pattern.as_deref().map(pretty).unwrap_or_default());
    let schedule = RwSignal::new(rule.schedule.clone().unwrap_or_default());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(current) = view_of.get_untracked() else {
            return;
        };
        let mut input = put_rule_input(&current, &current.state);
        if scheduled {
            input["ScheduleExpression"] = json!(schedule.get_untracked().trim());
        } else {
            input["EventPattern"] = json!(pattern.get_untracked());
        }
        call_here(state, error, "save-rule-error", "events:PutRule", input);
    };
    let next = move || view_of.with(|v| v.as_ref().map(|v| v.next.clone()).unwrap_or_default());
    view! {
        <form class="send-form" novalidate=true on:submit=save>
            {if scheduled {
                view! { <ScheduleField text=schedule testid="rule-schedule" /> }.into_any()
            } else {
                view! { <PatternEditor text=pattern testid="rule-pattern" /> }.into_any()
            }}
            <button type="submit" class="primary" data-testid="save-rule">"Save (PutRule)"</button>
            {move || error.get().map(|e| view! { <ErrorBox error=e testid="save-rule-error" /> })}
        </form>
        {scheduled.then(|| view! {
            <h3>"Next firings of the rule"</h3>
            {move || {
                let times = next();
                if times.is_empty() {
                    view! { <p class="empty">"None: the rule is disabled."</p> }.into_any()
                } else {
                    view! { <ol class="firings" data-testid="rule-next-firings">{times.into_iter().map(|t| view! { <li><code>{t}</code></li> }).collect_view()}</ol> }.into_any()
                }
            }}
            <p class="muted small">"Each firing puts a Scheduled Event (source aws.events) to the rule's targets. Next event ▶ in the header jumps to the next one."</p>
        })}
    }
}

/// A JSON text pretty-printed, or as it is when it is not JSON.
pub(super) fn pretty(text: &str) -> String {
    serde_json::from_str::<Value>(text)
        .ok()
        .and_then(|v| serde_json::to_string_pretty(&v).ok())
        .unwrap_or_else(|| text.to_string())
}

#[component]
fn TestTab(rule: RuleView, sample: RwSignal<String>) -> impl IntoView {
    let pattern = rule.pattern.clone();
    let verdict = Memo::new(move |_| {
        let p = pattern.as_deref()?;
        Some(sample.with(|e| test_match(p, e)))
    });
    view! {
        {rule.schedule.is_some().then(|| view! {
            <p class="muted">"A scheduled rule matches no events: it fires on its schedule. The sample event below is still used to preview the targets' input."</p>
        })}
        <label>"Sample event (AWS's envelope; edit any field)"
            <textarea data-testid="rule-test-event" rows="14" spellcheck="false" class="code"
                prop:value=move || sample.get() on:input=move |ev| sample.set(event_target_value(&ev))></textarea>
        </label>
        {move || verdict.get().map(|v| match v {
            Ok(()) => view! { <p class="pattern-check ok" data-testid="rule-test-result">"✓ The event matches the rule's pattern."</p> }.into_any(),
            Err(why) => view! { <p class="pattern-check error" data-testid="rule-test-result">{format!("✗ {why}")}</p> }.into_any(),
        })}
        <p class="muted small">"Answered in the page by the same pattern engine the bus matches with, like events:TestEventPattern; nothing is put on the bus."</p>
    }
}

#[component]
fn DetailsTab(rule: RuleView, view_of: Memo<Option<RuleView>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let error = RwSignal::new(None::<StepError>);
    let input = json!({ "Name": rule.name, "EventBusName": rule.bus });
    let toggle = {
        let input = input.clone();
        move |_| {
            let enabled =
                view_of.with_untracked(|v| v.as_ref().is_some_and(|v| v.state == "ENABLED"));
            let action = if enabled {
                "events:DisableRule"
            } else {
                "events:EnableRule"
            };
            call_here(state, error, "rule-details-error", action, input.clone());
        }
    };
    let bus = rule.bus.clone();
    let (metrics_bus, metrics_rule) = (rule.bus.clone(), rule.name.clone());
    let delete = move |_| {
        if call_here(
            state,
            error,
            "rule-details-error",
            "events:DeleteRule",
            input.clone(),
        )
        .is_some()
        {
            state
                .selected_events
                .set(Some(super::state::EventsSelection::Bus(bus.clone())));
        }
    };
    let enabled = move || view_of.with(|v| v.as_ref().is_some_and(|v| v.state == "ENABLED"));
    let valid = rule
        .schedule
        .as_deref()
        .map(|s| Schedule::parse(s).is_ok())
        .unwrap_or(true);
    view! {
        <dl class="facts" data-testid="rule-details">
            <dt>"Event bus"</dt><dd>{rule.bus.clone()}</dd>
            <dt>"State"</dt><dd>{move || view_of.with(|v| v.as_ref().map(|v| v.state.clone()).unwrap_or_default())}</dd>
            <dt>"Description"</dt><dd>{rule.description.clone().unwrap_or_else(|| "—".into())}</dd>
            {rule.managed_by.clone().map(|m| view! { <dt>"Managed by"</dt><dd>{m}</dd> })}
            {(!valid).then(|| view! { <dt>"Schedule"</dt><dd>"not understood"</dd> })}
        </dl>
        <div class="row">
            <button type="button" data-testid="toggle-rule" on:click=toggle>
                {move || if enabled() { "Disable rule" } else { "Enable rule" }}
            </button>
            <button type="button" class="danger" data-testid="delete-rule" on:click=delete>"Delete rule"</button>
        </div>
        {move || error.get().map(|e| view! { <ErrorBox error=e testid="rule-details-error" /> })}
        <p class="muted small">"AWS refuses to delete a rule that still has targets: remove them in the Targets tab first."</p>
        <super::rule_metrics::RuleMetrics bus=metrics_bus rule=metrics_rule />
    }
}
