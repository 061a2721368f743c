//! Where the page is in its scenario. A scenario opened as a story
//! (`open_story`: an example, a shared link, an imported file) starts with no
//! step run, its first function (else queue) selected; `seek` moves it to any
//! step: forward runs the next steps, back replays the scenario from its start
//! (the world is deterministic, so "back" is exactly the world as it was). A
//! step's `show` selects its resource and opens its tabs. "Next event" moves
//! time to the next change a person would see (`next_event`). Acting by hand
//! part-way through a story asks first, then drops the later steps
//! (`at_end_or_ask`), so the world stays the replay of its scenario.

use super::state::{empty_receive_note, text_of, AppState, EventsSelection, StepError};
use crate::scenario::{Runner, Scenario, Show, StepKind};
use leptos::prelude::*;
use serde_json::Value;
use std::collections::HashMap;

impl AppState {
    /// Opens `scenario` as a story: at its start, no step run, with the resource it is about
    /// selected (its first function, else its first queue), ready to step through.
    pub fn open_story(&self, scenario: Scenario) {
        let (queue, function) = first_resources(&scenario);
        self.replace(scenario, 0);
        self.selected.set(queue.filter(|_| function.is_none()));
        self.selected_function.set(function);
        self.generation.update(|g| *g += 1);
        self.version.update(|v| *v += 1);
    }

    /// Moves the story to `target` steps run: forward runs the next steps; back replays the
    /// scenario from its start to there (deterministic, so it is the world as it was). The
    /// last step run shows its AWS error, if any, and where the story asks to look.
    pub fn seek(&self, target: usize) {
        self.playing.set(false);
        let (at, total) = self.peek(|r| (r.executed(), r.scenario().steps.len()));
        let target = target.min(total);
        if target == at {
            return;
        }
        if target < at {
            let scenario = self.peek(|r| r.scenario().clone());
            self.runner_mut(|r| *r = Runner::new(scenario));
            self.receipts.set(HashMap::new());
            self.last_receive.set(None);
            self.last_receive_note.set(None);
        }
        let mut last = None;
        loop {
            let (done, before) =
                self.peek(|r| (r.executed(), (r.world().now(), r.world().trace().len())));
            if done >= target {
                break;
            }
            let Some(record) = self.runner_mut(Runner::run_next) else {
                break;
            };
            self.absorb(&record.line);
            last = Some((before, record));
        }
        match &last {
            Some(((now, len), record)) => {
                self.step_from.set(*now);
                self.step_trace_from.set(*len);
                self.last_error.set(step_error(&record.line));
                if record.line.get("call").and_then(Value::as_str) == Some("sqs:ReceiveMessage") {
                    let note = self.peek_in(|p| empty_receive_note(p, record));
                    self.last_receive_note.set(note);
                }
            }
            None => {
                let (now, len) = self.peek(|r| (r.world().now(), r.world().trace().len()));
                self.step_from.set(now);
                self.step_trace_from.set(len);
                self.last_error.set(None);
            }
        }
        self.notice.set(None);
        // One step forward shows what that step asks; a jump shows what the story last asked.
        let show = self.peek(|r| {
            let steps = &r.scenario().steps[..target];
            if target == at + 1 {
                steps.last().and_then(|s| s.show.clone())
            } else {
                steps.iter().rev().find_map(|s| s.show.clone())
            }
        });
        if let Some(show) = show {
            self.apply_show(&show);
        }
        self.changed();
    }

    /// Selects what a story step names and opens the tabs it asks for.
    pub fn apply_show(&self, show: &Show) {
        if let Some(name) = &show.resource {
            let (kind, events) = self.peek_in(|p| {
                if p.sqs().queue(name).is_some() {
                    return ("queue", None);
                }
                if p.lambda().function(name).is_some() {
                    return ("function", None);
                }
                if let Some(found) = events_resource(p, name) {
                    return found;
                }
                // Not made yet: what the scenario makes under that name.
                let (_, function) = first_resources_named(p.runner().scenario(), name);
                (if function { "function" } else { "queue" }, None)
            });
            match (kind, events) {
                (_, Some(selection)) => {
                    self.selected_events.set(Some(selection));
                }
                ("function", None) => self.selected_function.set(Some(name.clone())),
                _ => {
                    self.selected.set(Some(name.clone()));
                    self.selected_function.set(None);
                }
            }
            if let Some(tab) = show.tab_for(kind) {
                self.tabs.update(|t| {
                    t.insert(kind, tab);
                });
            }
        }
        if let Some(dock) = show.dock_tab() {
            self.dock_request.set(Some(dock));
        }
    }

    /// Moves to the next event that changes what is shown (an advance step); says where it
    /// went in the notice.
    pub fn next_event(&self) {
        if !self.at_end_or_ask() {
            return;
        }
        self.mark_step();
        let report = self.runner_mut(|r| {
            let jump = r.advance_to_next_event()?;
            let now = r.world().now();
            let trace = r.world().trace().between(jump.trace_from, jump.trace_to);
            let mut shown = trace.iter().filter(|e| !e.kind.is_quiet());
            let what = match shown.next() {
                Some(first) => {
                    let more = shown.count();
                    let mut text = first.kind.describe();
                    if more > 0 {
                        text.push_str(&format!(" (and {more} more events: see the timeline)"));
                    }
                    text
                }
                // The foreseen change did not come (it went stale on the way).
                None => format!("nothing changed; expected: {}", jump.foreseen.text),
            };
            Some(format!(
                "Moved {} to {}: {what}.",
                crate::sim::spoken_duration(jump.advanced),
                crate::sim::format_iso(now)
            ))
        });
        self.notice.set(Some(report.unwrap_or_else(|| {
            "Nothing scheduled will change what is shown: no message is in flight or delayed, and no invocation is running.".to_string()
        })));
        self.last_error.set(None);
        self.changed();
    }

    /// Whether a person may act here: at the end of the scenario, or part-way through a story
    /// after agreeing to drop its later steps (which happens here).
    pub fn at_end_or_ask(&self) -> bool {
        let (at, total) = self.peek(|r| (r.executed(), r.scenario().steps.len()));
        if at >= total {
            return true;
        }
        let later = total - at;
        let steps = |n: usize| {
            if n == 1 {
                "1 step".to_string()
            } else {
                format!("{n} steps")
            }
        };
        let place = if at == 0 {
            format!(
                "This story is at its start: none of its {} has run. Acting here replaces them all with what you do.",
                steps(total)
            )
        } else {
            format!(
                "You are at step {at} of {total} of this story. Acting here drops the {} after it, so the scenario ends with what you do.",
                steps(later)
            )
        };
        let question = format!(
            "{place}\n\nTo act after the whole story instead, Cancel and press Play to end. \
             Share or Export first to keep the story as it is."
        );
        if !super::share::ask(&question) {
            self.notice.set(Some(format!(
                "Nothing was done: the story's {later} later steps are kept. Play it to the end to act after it."
            )));
            self.last_error.set(None);
            return false;
        }
        self.runner_mut(Runner::drop_unrun);
        self.changed();
        true
    }
}

/// The first function and the first queue a scenario creates (by its CreateFunction and
/// CreateQueue steps), by name.
fn first_resources(scenario: &Scenario) -> (Option<String>, Option<String>) {
    let created = |action: &str, key: &str| {
        scenario.steps.iter().find_map(|s| match &s.kind {
            StepKind::Call {
                action: a, input, ..
            } if a == action => input.get(key).and_then(Value::as_str).map(str::to_string),
            _ => None,
        })
    };
    (
        created("sqs:CreateQueue", "QueueName"),
        created("lambda:CreateFunction", "FunctionName"),
    )
}

/// Whether the scenario creates a queue, and a function, called `name`.
fn first_resources_named(scenario: &Scenario, name: &str) -> (bool, bool) {
    let creates = |action: &str, key: &str| {
        scenario.steps.iter().any(|s| {
            matches!(&s.kind, StepKind::Call { action: a, input, .. }
                if a == action && input.get(key).and_then(Value::as_str) == Some(name))
        })
    };
    (
        creates("sqs:CreateQueue", "QueueName"),
        creates("lambda:CreateFunction", "FunctionName"),
    )
}

/// A step's AWS error, as the page shows the last one.
fn step_error(line: &Value) -> Option<StepError> {
    let error = line.get("error")?;
    Some(StepError {
        action: line
            .get("call")
            .or_else(|| line.get("wait"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        code: text_of(error, "code"),
        message: text_of(error, "message"),
    })
}

/// An event bus or rule a story step names: a bus by its name (the default bus always), a
/// rule by its name on any bus.
fn events_resource(
    p: &super::state::Place,
    name: &str,
) -> Option<(&'static str, Option<EventsSelection>)> {
    let events = p.events();
    if name == "default" || events.bus(name).is_some() {
        return Some(("bus", Some(EventsSelection::Bus(name.to_string()))));
    }
    events.buses().find_map(|b| {
        b.rules.contains_key(name).then(|| {
            let rule = EventsSelection::Rule {
                bus: b.name.to_string(),
                rule: name.to_string(),
            };
            ("rule", Some(rule))
        })
    })
}
