//! The header: scenario name, the virtual clock and the time controls (play,
//! step to the next event, speed, jumps), and share / export / import / reset.
//! "Next event" says beside it what it jumps to and how far ahead (the next
//! timer a service foresees to change what is shown: `World::foresee_next`),
//! and goes there, passing over what changes nothing shown (empty receives,
//! pollers waking to an empty queue).
//! Share says beside its button whether the link was copied (a polite live
//! region); New asks before it replaces a scenario with steps.
//! Playback maps wall time onto virtual time on each animation frame; the
//! engine itself never reads the wall clock.

use super::examples::ExamplePicker;
use super::share;
use super::state::{AppState, UNTITLED};
use crate::scenario::Scenario;
use crate::sim::{format_iso, spoken_duration, DAY, HOUR, MINUTE, SECOND};
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;

/// Most wall time one frame may spend advancing the world, in ms.
const FRAME_BUDGET_MS: f64 = 8.0;
/// A frame never accounts for more wall time than this (a background tab resumes gently).
const MAX_FRAME_WALL_MS: f64 = 100.0;
/// How often playback autosaves, in wall ms.
const SAVE_EVERY_MS: f64 = 1000.0;
/// From this speed on, the page is redrawn at most every RENDER_EVERY_MS while playing (the
/// world still advances every frame): a redraw lays out the panels, and at ×100 or ×1000 a
/// redraw every frame would hold the main thread. Below it, every frame redraws.
const THROTTLE_FROM_SPEED: u32 = 100;
const RENDER_EVERY_MS: f64 = 100.0;

#[component]
pub fn Header() -> impl IntoView {
    let state = expect_context::<AppState>();
    let name = move || state.read(|r| r.scenario().name.clone());
    let clock = move || state.read(|r| format_iso(r.world().now()));
    // (what comes next, when, how far ahead), or None when nothing shown will change.
    let next = Memo::new(move |_| {
        state.read(|r| {
            let now = r.world().now();
            r.world()
                .foresee_next()
                .map(|(due, seen)| (seen.text, format_iso(due), due.saturating_sub(now)))
        })
    });
    let next_label = move || match next.get() {
        // When first: a long label is cut at its end, and how far ahead is what a person needs most.
        Some((text, _, ahead)) => format!("in {}: {}", spoken_duration(ahead), short_ids(&text)),
        None => "nothing scheduled changes what is shown".to_string(),
    };
    let next_title = move || match next.get() {
        Some((text, at, _)) => format!("Jump to {at}: {text}"),
        None => "Nothing scheduled will change what is shown".to_string(),
    };
    let toggle = move |_| {
        if state.playing.get_untracked() {
            state.playing.set(false);
            state.save();
        } else if state.at_end_or_ask() {
            start_playback(state);
        }
    };
    let step_next = move |_| state.next_event();
    let jump = move |ms| move |_| state.advance(ms);
    let on_speed = move |ev| {
        state
            .speed
            .set(event_target_value(&ev).parse().unwrap_or(1))
    };
    let on_rename = move |ev| {
        let value = event_target_value(&ev);
        let value = if value.trim().is_empty() {
            UNTITLED.to_string()
        } else {
            value
        };
        state.rename(value);
    };
    // What became of the last Share click (copied, or select-and-copy by hand).
    let share_status = RwSignal::new(None::<&'static str>);
    // A changed world makes the link stale: its confirmation goes with it.
    Effect::new(move |_| {
        if state.share_url.with(String::is_empty) {
            share_status.set(None);
        }
    });
    let on_import = move |ev| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        share::import(state, input);
    };
    let reset = move |_| {
        if !share::confirm_replace(state, "a new, empty scenario", None) {
            return;
        }
        state.load(Scenario::new(UNTITLED));
        state.load_error.set(None);
        state.save();
    };

    view! {
        <header class="app-header">
            <div class="brand">
                <span class="logo">"Stratus"</span>
                <input
                    class="scenario-name"
                    data-testid="scenario-name"
                    aria-label="Scenario name"
                    prop:value=name
                    on:change=on_rename
                />
            </div>
            <div class="time-controls">
                <span class="clock" data-testid="clock" title="Virtual time">{clock}</span>
                <button data-testid="play" class="primary" on:click=toggle>
                    {move || if state.playing.get() { "Pause" } else { "▶ Play" }}
                </button>
                <span class="next-event">
                    <button data-testid="step-next" on:click=step_next title=next_title
                        aria-describedby="next-event-label">"Next event"</button>
                    <span class="next-event-label" id="next-event-label" data-testid="next-event-label"
                        title=next_title>{next_label}</span>
                </span>
                <select data-testid="speed" aria-label="Playback speed" on:change=on_speed>
                    {[1u32, 10, 100, 1000]
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=s.to_string() selected=move || state.speed.get() == s>
                                    {format!("×{s}")}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <button data-testid="jump-1s" on:click=jump(SECOND)>"+1 s"</button>
                <button data-testid="jump-1m" on:click=jump(MINUTE)>"+1 min"</button>
                <button data-testid="jump-1h" on:click=jump(HOUR)>"+1 h"</button>
                <button data-testid="jump-1d" on:click=jump(DAY)>"+1 d"</button>
            </div>
            <div class="file-controls">
                <ExamplePicker />
                <button data-testid="share" on:click=move |_| share::share(state, share_status.write_only())>"Share"</button>
                <span class="share-status" data-testid="share-status" role="status" aria-live="polite"
                    class:copied=move || share_status.get() == Some(share::COPIED)>
                    {move || share_status.get()}
                </span>
                <button data-testid="export" on:click=move |_| share::export(state)>"Export"</button>
                <label class="import-label">
                    "Import"
                    <input type="file" accept=".json,application/json" data-testid="import" on:change=on_import />
                </label>
                <button data-testid="reset" on:click=reset>"New"</button>
            </div>
        </header>
    }
}

/// The text with each message id (a UUID) cut to its first 8 characters: the label stays
/// short; its title keeps the whole.
fn short_ids(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let is_uuid = word.len() >= 36
                && word.is_char_boundary(36)
                && word[..36].bytes().enumerate().all(|(i, b)| {
                    if [8, 13, 18, 23].contains(&i) {
                        b == b'-'
                    } else {
                        b.is_ascii_hexdigit()
                    }
                });
            if is_uuid {
                format!("{}…{}", &word[..8], &word[36..])
            } else {
                word.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

thread_local! {
    /// Which playback loop is current; a pause then play within one frame must not leave two loops running.
    static SESSION: Cell<u64> = const { Cell::new(0) };
}

/// Starts the animation-frame loop that advances virtual time while playing.
fn start_playback(state: AppState) {
    state.playing.set(true);
    let now = js_sys::Date::now();
    let session = SESSION.get() + 1;
    SESSION.set(session);
    let clock = Rc::new(Playback {
        session,
        last_frame: Cell::new(now),
        carry: Cell::new(0.0),
        last_save: Cell::new(now),
        last_render: Cell::new(now),
        unrendered: Cell::new(false),
    });
    request_animation_frame(move || frame(state, clock));
}

struct Playback {
    session: u64,
    last_frame: Cell<f64>,
    /// Virtual milliseconds owed but not yet advanced (fractions, or work a busy frame left over).
    carry: Cell<f64>,
    last_save: Cell<f64>,
    last_render: Cell<f64>,
    /// The world moved since the last redraw.
    unrendered: Cell<bool>,
}

fn frame(state: AppState, clock: Rc<Playback>) {
    if !state.playing.get_untracked() || SESSION.get() != clock.session {
        // Paused (or replaced): show where the world stopped.
        if clock.unrendered.get() {
            state.version.update(|v| *v += 1);
        }
        return;
    }
    let start = js_sys::Date::now();
    let wall = (start - clock.last_frame.get()).clamp(0.0, MAX_FRAME_WALL_MS);
    clock.last_frame.set(start);
    let speed = f64::from(state.speed.get_untracked());
    let owed = clock.carry.get() + wall * speed;
    let mut remaining = owed.floor() as u64;
    let mut moved = false;
    // Advance event by event so a frame with many due timers stops at its budget.
    while remaining > 0 {
        let now = state.peek(|r| r.world().now());
        let slice = match state.next_event_at() {
            Some(t) if t > now && t - now <= remaining => t - now,
            _ => remaining,
        };
        state.advance_quietly(slice);
        remaining -= slice;
        moved = true;
        if js_sys::Date::now() - start > FRAME_BUDGET_MS {
            break;
        }
    }
    // Leftover work is dropped beyond one frame's worth, so playback slows instead of falling behind forever.
    let leftover = remaining as f64 + (owed - owed.floor());
    clock.carry.set(leftover.min(MAX_FRAME_WALL_MS * speed));
    if moved {
        clock.unrendered.set(true);
    }
    let throttled = state.speed.get_untracked() >= THROTTLE_FROM_SPEED
        && start - clock.last_render.get() < RENDER_EVERY_MS;
    if clock.unrendered.get() && !throttled {
        clock.unrendered.set(false);
        clock.last_render.set(start);
        state.version.update(|v| *v += 1);
        if start - clock.last_save.get() > SAVE_EVERY_MS {
            clock.last_save.set(start);
            state.save();
        }
    }
    request_animation_frame(move || frame(state, clock));
}
