//! The selected queue's CloudWatch-style metrics over the last half hour of
//! virtual time: queue depth (visible, in flight, delayed) and age of the
//! oldest message as a chart, and the per-minute counts. A view over
//! `sqs::metrics`, which itself reads the trace.

use super::state::AppState;
use crate::services::sqs::metrics::{queue_metrics, MinuteMetrics};
use leptos::prelude::*;

const MINUTES: usize = 30;
const WIDTH: f64 = 300.0;
const HEIGHT: f64 = 90.0;

#[component]
pub fn QueueChart() -> impl IntoView {
    let state = expect_context::<AppState>();
    let metrics = Memo::new(move |_| {
        let Some(name) = state.selected.get() else {
            return Vec::new();
        };
        state.read_in(|r| {
            let trace = r.world().trace().all();
            let now = r.world().now();
            // Another place's queue of the same name is another queue.
            let all = if trace.iter().all(|e| r.owns(e)) {
                queue_metrics(trace, &name, now)
            } else {
                let here: Vec<_> = trace.iter().filter(|e| r.owns(e)).cloned().collect();
                queue_metrics(&here, &name, now)
            };
            all[all.len().saturating_sub(MINUTES)..].to_vec()
        })
    });
    let line = move |pick: fn(&MinuteMetrics) -> f64| {
        metrics.with(|m| {
            let top = m.iter().map(|x| depth(x).max(1.0)).fold(1.0, f64::max);
            let step = WIDTH / (MINUTES.max(2) - 1) as f64;
            m.iter()
                .enumerate()
                .map(|(i, x)| {
                    format!(
                        "{:.1},{:.1}",
                        i as f64 * step,
                        HEIGHT - pick(x) / top * (HEIGHT - 4.0)
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    let summary = move || {
        metrics.with(|m| match m.last() {
            None => "No activity yet.".to_string(),
            Some(last) => {
                let sum = |f: fn(&MinuteMetrics) -> u32| m.iter().map(f).sum::<u32>();
                format!(
                    "Last {} min: {} sent, {} received, {} deleted, {} empty receives. Now: {} visible, {} in flight, {} delayed; oldest message {} s old.",
                    m.len(),
                    sum(|x| x.number_of_messages_sent),
                    sum(|x| x.number_of_messages_received),
                    sum(|x| x.number_of_messages_deleted),
                    sum(|x| x.number_of_empty_receives),
                    last.approximate_number_of_messages_visible,
                    last.approximate_number_of_messages_not_visible,
                    last.approximate_number_of_messages_delayed,
                    last.approximate_age_of_oldest_message,
                )
            }
        })
    };
    view! {
        <div class="queue-chart" data-testid="queue-chart">
            <h3>"Metrics " <span class="muted">"(per minute of virtual time)"</span></h3>
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") preserveAspectRatio="none" role="img" aria-label="Queue depth per minute">
                <polyline class="line-visible" points=move || line(|x| x.approximate_number_of_messages_visible as f64) />
                <polyline class="line-in-flight" points=move || line(|x| x.approximate_number_of_messages_not_visible as f64) />
                <polyline class="line-delayed" points=move || line(|x| x.approximate_number_of_messages_delayed as f64) />
            </svg>
            <p class="legend">
                <span class="key-visible">"visible"</span> " · " <span class="key-in-flight">"in flight"</span> " · "
                <span class="key-delayed">"delayed"</span>
            </p>
            <p class="muted" data-testid="metrics-summary">{summary}</p>
        </div>
    }
}

fn depth(m: &MinuteMetrics) -> f64 {
    (m.approximate_number_of_messages_visible
        + m.approximate_number_of_messages_not_visible
        + m.approximate_number_of_messages_delayed) as f64
}
