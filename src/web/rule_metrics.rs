//! A rule's metrics as EventBridge publishes them to CloudWatch (namespace
//! AWS/Events, dimension RuleName), counted from the trace of the place
//! shown: TriggeredRules (the rule matched an event or its schedule fired),
//! Invocations (targets invoked, counting an event once when it succeeds or
//! fails for good), InvocationAttempts and RetryInvocationAttempts (every try
//! and the retries among them), FailedInvocations (given up) and
//! DeadLetterInvocations (sent to a target's dead-letter queue). The trace
//! names a target's rule but not its bus, so two rules of one name on two
//! buses count together (said under the table).

use super::state::AppState;
use crate::kernel::TraceKind;
use crate::services::events::EventsEvent;
use leptos::prelude::*;

/// The counts, in the order shown.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub struct RuleCounts {
    pub triggered: u64,
    pub invocations: u64,
    pub attempts: u64,
    pub retries: u64,
    pub failed: u64,
    pub dead_letter: u64,
}

fn count(state: AppState, bus: &str, rule: &str) -> RuleCounts {
    state.read_in(|p| {
        let mut c = RuleCounts::default();
        for e in p.world().trace().all().iter().filter(|e| p.owns(e)) {
            let TraceKind::Events(event) = &e.kind else {
                continue;
            };
            match event {
                EventsEvent::RuleMatched {
                    bus: b, rule: r, ..
                }
                | EventsEvent::ScheduledRuleFired {
                    bus: b, rule: r, ..
                } if **b == *bus && **r == *rule => c.triggered += 1,
                EventsEvent::TargetInvoked {
                    rule: r, attempt, ..
                } if **r == *rule => {
                    c.attempts += 1;
                    if *attempt > 1 {
                        c.retries += 1;
                    }
                }
                EventsEvent::TargetSucceeded { rule: r, .. } if **r == *rule => c.invocations += 1,
                EventsEvent::SentToDeadLetterQueue { rule: r, .. } if **r == *rule => {
                    c.invocations += 1;
                    c.failed += 1;
                    c.dead_letter += 1;
                }
                EventsEvent::EventDropped { rule: r, .. } if **r == *rule => {
                    c.invocations += 1;
                    c.failed += 1;
                }
                _ => {}
            }
        }
        c
    })
}

#[component]
pub fn RuleMetrics(bus: String, rule: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let counts = Memo::new(move |_| count(state, &bus, &rule));
    let rows = move || {
        let c = counts.get();
        [
            (
                "TriggeredRules",
                c.triggered,
                "times the rule matched an event or its schedule fired",
            ),
            (
                "Invocations",
                c.invocations,
                "events sent to a target, once each when it succeeds or fails for good",
            ),
            (
                "InvocationAttempts",
                c.attempts,
                "every try, retries included",
            ),
            (
                "RetryInvocationAttempts",
                c.retries,
                "tries after the first",
            ),
            ("FailedInvocations", c.failed, "events a target never took"),
            (
                "DeadLetterInvocations",
                c.dead_letter,
                "of those, sent to the target's dead-letter queue",
            ),
        ]
    };
    view! {
        <h3>"Metrics " <span class="muted">"(AWS/Events, RuleName)"</span></h3>
        <div class="table-scroll">
            <table data-testid="rule-metrics">
                <thead><tr><th scope="col">"Metric"</th><th scope="col" class="num">"Sum"</th><th scope="col">"Counts"</th></tr></thead>
                <tbody>
                    {move || rows().into_iter().map(|(name, n, what)| view! {
                        <tr data-testid="rule-metric" data-metric=name>
                            <td><code>{name}</code></td><td class="num">{n}</td><td class="muted">{what}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="muted small">"Summed over the whole scenario from its trace. A rule of the same name on another bus counts here too."</p>
    }
}
