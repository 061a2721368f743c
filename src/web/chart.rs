//! The selected queue's CloudWatch-style metrics over the last half hour of
//! virtual time: queue depth (visible, in flight, delayed) as a chart with
//! axes (virtual time on x, a count of messages on y), and the per-minute
//! counts and age of the oldest message as text. A view over `sqs::metrics`,
//! which itself reads the trace.

use super::state::AppState;
use crate::services::sqs::metrics::{queue_metrics, MinuteMetrics};
use crate::sim::{Millis, MINUTE};
use leptos::prelude::*;

const MINUTES: usize = 30;
/// The chart's drawing, in SVG units: the plot area's edges inside a WIDTH × HEIGHT box.
const WIDTH: f64 = 340.0;
const HEIGHT: f64 = 178.0;
const LEFT: f64 = 46.0;
const RIGHT: f64 = 330.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 124.0;
/// The narrowest time span drawn, so that a young queue's few minutes do not fill the width.
const MIN_SPAN: Millis = 4 * MINUTE;

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
    // The axes' ranges: (first minute, span in ms, top count).
    let scale = Memo::new(move |_| {
        metrics.with(|m| {
            let first = m.first().map_or(0, |x| x.minute);
            let last = m.last().map_or(0, |x| x.minute);
            let top = m.iter().map(depth).fold(0.0, f64::max);
            (first, (last - first).max(MIN_SPAN), nice_top(top))
        })
    });
    let x_of = move |minute: Millis| {
        let (first, span, _) = scale.get();
        LEFT + (minute - first) as f64 / span as f64 * (RIGHT - LEFT)
    };
    let y_of = move |count: f64| {
        let (_, _, top) = scale.get();
        BOTTOM - count / top * (BOTTOM - TOP)
    };
    let line = move |pick: fn(&MinuteMetrics) -> f64| {
        metrics.with(|m| {
            m.iter()
                .map(|x| format!("{:.1},{:.1}", x_of(x.minute), y_of(pick(x))))
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    let dots = move |pick: fn(&MinuteMetrics) -> f64, class: &'static str| {
        move || {
            metrics.with(|m| {
                m.iter()
                    .map(|x| {
                        view! { <circle class=class r="2" cx=format!("{:.1}", x_of(x.minute)) cy=format!("{:.1}", y_of(pick(x))) /> }
                    })
                    .collect_view()
            })
        }
    };
    // Count ticks: 0, half and the top, on gridlines.
    let y_ticks = move || {
        let (_, _, top) = scale.get();
        let half = top / 2.0;
        let mut ticks = vec![0.0, top];
        if half.fract() == 0.0 {
            ticks.insert(1, half);
        }
        ticks
            .into_iter()
            .map(|v| {
                let y = format!("{:.1}", y_of(v));
                view! {
                    <line class="grid" x1=LEFT x2=RIGHT y1=y.clone() y2=y.clone() />
                    <text class="tick" x=LEFT - 6.0 y=y text-anchor="end" dominant-baseline="middle">{format!("{v}")}</text>
                }
            })
            .collect_view()
    };
    // Time ticks: the first minute, the middle and the end of the span, as HH:MM of virtual time.
    let x_ticks = move || {
        let (first, span, _) = scale.get();
        // The middle tick on a whole minute, so that its label tells its time.
        let middle = first + span / MINUTE / 2 * MINUTE;
        [(first, "start"), (middle, "middle"), (first + span, "end")]
            .into_iter()
            .map(|(t, anchor)| {
                let x = format!("{:.1}", x_of(t));
                view! {
                    <line class="axis" x1=x.clone() x2=x.clone() y1=BOTTOM y2=BOTTOM + 4.0 />
                    <text class="tick" x=x y=BOTTOM + 18.0 text-anchor=anchor>{crate::sim::format_iso(t)[11..16].to_string()}</text>
                }
            })
            .collect_view()
    };
    let empty = move || metrics.with(Vec::is_empty);
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
            <h3>"Queue depth " <span class="muted">"(messages at the end of each minute of virtual time, the last 30 minutes)"</span></h3>
            <svg class="metrics-chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img"
                aria-label="Queue depth per minute of virtual time: messages visible, in flight and delayed">
                {y_ticks}
                <line class="axis" x1=LEFT x2=LEFT y1=TOP y2=BOTTOM />
                <line class="axis" x1=LEFT x2=RIGHT y1=BOTTOM y2=BOTTOM />
                {x_ticks}
                <text class="axis-title" x=(LEFT + RIGHT) / 2.0 y=HEIGHT - 16.0 text-anchor="middle">"Virtual time (UTC, HH:MM), per minute"</text>
                <text class="axis-title" transform=format!("translate(13 {}) rotate(-90)", (TOP + BOTTOM) / 2.0) text-anchor="middle">"Messages (count)"</text>
                <Show when=empty>
                    <text class="tick" x=(LEFT + RIGHT) / 2.0 y=(TOP + BOTTOM) / 2.0 text-anchor="middle">"No activity yet"</text>
                </Show>
                <polyline class="line-visible" points=move || line(|x| x.approximate_number_of_messages_visible as f64) />
                <polyline class="line-in-flight" points=move || line(|x| x.approximate_number_of_messages_not_visible as f64) />
                <polyline class="line-delayed" points=move || line(|x| x.approximate_number_of_messages_delayed as f64) />
                {dots(|x| x.approximate_number_of_messages_visible as f64, "dot-visible")}
                {dots(|x| x.approximate_number_of_messages_not_visible as f64, "dot-in-flight")}
                {dots(|x| x.approximate_number_of_messages_delayed as f64, "dot-delayed")}
            </svg>
            <p class="legend">
                <span class="key-visible">"visible"</span> " · " <span class="key-in-flight">"in flight"</span> " · "
                <span class="key-delayed">"delayed"</span>
            </p>
            <p class="muted" data-testid="metrics-summary">{summary}</p>
        </div>
    }
}

/// A round top for the count axis (1, 2, 5 × 10ⁿ), at least `max` and at least 1.
fn nice_top(max: f64) -> f64 {
    let mut step = 1.0;
    loop {
        for k in [1.0, 2.0, 5.0] {
            if k * step >= max {
                return k * step;
            }
        }
        step *= 10.0;
    }
}

fn depth(m: &MinuteMetrics) -> f64 {
    (m.approximate_number_of_messages_visible
        + m.approximate_number_of_messages_not_visible
        + m.approximate_number_of_messages_delayed) as f64
}
