//! Plays a scenario against a `World`, one step at a time, and renders each
//! step's result as the public JSON line:
//! `{"step": 0, "at": "...", "call": "sqs:CreateQueue", "ok": {...}}` or with
//! `"error": {"code", "message"}`. An AWS error is a result, not a failure.

use super::refs;
use super::{Scenario, Step, StepKind};
use crate::api::Identity;
use crate::kernel::TraceEvent;
use crate::sim::{format_duration, format_iso, Millis};
use crate::world::World;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::rc::Rc;

pub struct Runner {
    world: World,
    scenario: Scenario,
    names: HashMap<String, Value>,
    /// How many of the scenario's steps have run.
    executed: usize,
}

/// One step's outcome: its JSON line and the trace events it produced.
#[derive(Clone, Debug)]
pub struct StepRecord {
    pub line: Value,
    pub trace_from: usize,
    pub trace_to: usize,
}

impl StepRecord {
    /// The line as the CLI prints it, keys in the documented order:
    /// `step`, `at`, the step's kind (`call` / `advance` / `run`), then `ok` or `error`.
    pub fn to_json_line(&self) -> String {
        const ORDER: [&str; 8] = [
            "step", "at", "call", "advance", "run", "wait", "ok", "error",
        ];
        let Some(obj) = self.line.as_object() else {
            return self.line.to_string();
        };
        let fields: Vec<String> = ORDER
            .iter()
            .filter_map(|key| obj.get(*key).map(|v| format!("{}:{v}", Value::from(*key))))
            .collect();
        format!("{{{}}}", fields.join(","))
    }
}

impl Runner {
    /// A fresh world for the scenario's settings; no step has run yet.
    pub fn new(scenario: Scenario) -> Self {
        Runner {
            world: World::new(scenario.settings.world_settings()),
            scenario,
            names: HashMap::new(),
            executed: 0,
        }
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    /// Mutable access for read-style world queries (next due timer); changes to the world must go through steps.
    pub fn world_mut(&mut self) -> &mut World {
        &mut self.world
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn executed(&self) -> usize {
        self.executed
    }

    pub fn set_name_and_description(&mut self, name: String, description: String) {
        self.scenario.name = name;
        self.scenario.description = description;
    }

    /// Drops the steps not yet run (a person who acts part-way through a story replaces what
    /// followed); returns how many were dropped.
    pub fn drop_unrun(&mut self) -> usize {
        let dropped = self.scenario.steps.len().saturating_sub(self.executed);
        self.scenario.steps.truncate(self.executed);
        dropped
    }

    /// Runs every step not yet run.
    pub fn run_all(&mut self) -> Vec<StepRecord> {
        std::iter::from_fn(|| self.run_next()).collect()
    }

    /// Runs the next step of the scenario, if any is left.
    pub fn run_next(&mut self) -> Option<StepRecord> {
        let step = self.scenario.steps.get(self.executed)?.clone();
        let index = self.executed;
        self.executed += 1;
        Some(self.execute(index, &step))
    }

    /// Appends a step to the scenario and runs it (what every UI action does).
    pub fn push(&mut self, step: Step) -> StepRecord {
        while self.run_next().is_some() {}
        self.scenario.steps.push(step);
        self.run_next().expect("a step was just pushed")
    }

    /// Moves virtual time by `duration` as an `advance` step, folded into the
    /// previous step when that is an unnamed advance (playback adds many small ones).
    pub fn advance(&mut self, duration: Millis) -> StepRecord {
        while self.run_next().is_some() {}
        let trace_from = self.world.trace().len();
        if let Some(Step {
            kind: StepKind::Advance { duration: previous },
            name: None,
            note: None,
            show: None,
        }) = self.scenario.steps.last_mut()
        {
            *previous += duration;
            self.world.advance(duration);
            let line = json!({ "advance": format_duration(duration), "ok": { "now": format_iso(self.world.now()) } });
            return StepRecord {
                line,
                trace_from,
                trace_to: self.world.trace().len(),
            };
        }
        self.push(Step::advance(duration))
    }

    /// Who a step's calls act as, when its `account` or `region` is not the scenario's own
    /// (and the output line says so).
    fn acting_as(
        &self,
        account: &Option<String>,
        region: &Option<String>,
        line: &mut Map<String, Value>,
    ) -> Option<Rc<Identity>> {
        if account.is_none() && region.is_none() {
            return None;
        }
        let home = &self.world.settings().identity;
        let who = Identity {
            account: account.clone().unwrap_or_else(|| home.account.clone()),
            region: region.clone().unwrap_or_else(|| home.region.clone()),
        };
        line.insert("account".into(), json!(who.account));
        line.insert("region".into(), json!(who.region));
        Some(Rc::new(who))
    }

    fn execute(&mut self, index: usize, step: &Step) -> StepRecord {
        let trace_from = self.world.trace().len();
        let at = self.world.now();
        let mut line = Map::new();
        line.insert("step".into(), json!(index));
        line.insert("at".into(), json!(format_iso(at)));
        let outcome: Result<Value, Value> = match &step.kind {
            StepKind::Call {
                action,
                input,
                account,
                region,
            } => {
                line.insert("call".into(), json!(action));
                let acting = self.acting_as(account, region, &mut line);
                match refs::resolve(input, &self.names) {
                    Err(e) => Err(json!({ "code": "ScenarioReferenceError", "message": e.0 })),
                    Ok(input) => match acting {
                        Some(who) => self.world.call_as(who, action, input),
                        None => self.world.call(action, input),
                    }
                    .map_err(|e| e.to_result_json()),
                }
            }
            StepKind::Advance { duration } => {
                line.insert("advance".into(), json!(format_duration(*duration)));
                let fired = self.world.advance(*duration);
                Ok(json!({ "now": format_iso(self.world.now()), "timersFired": fired }))
            }
            StepKind::Wait {
                waiter,
                input,
                account,
                region,
            } => {
                line.insert("wait".into(), json!(waiter));
                let acting = self.acting_as(account, region, &mut line);
                match (
                    refs::resolve(input, &self.names),
                    super::waiters::find(waiter),
                ) {
                    (Err(e), _) => Err(json!({ "code": "ScenarioReferenceError", "message": e.0 })),
                    (Ok(_), None) => Err(
                        json!({ "code": "ScenarioError", "message": format!("no waiter {waiter}") }),
                    ),
                    (Ok(input), Some(w)) => super::waiters::run(&mut self.world, acting, w, &input),
                }
            }
            StepKind::RunIdle => {
                line.insert("run".into(), json!("idle"));
                let outcome = self.world.run_until_idle();
                Ok(json!({
                    "now": format_iso(self.world.now()),
                    "advanced": format_duration(outcome.advanced),
                    "timersFired": outcome.fired,
                    "idle": outcome.idle,
                }))
            }
        };
        match outcome {
            Ok(value) => {
                if let Some(name) = &step.name {
                    self.names.insert(name.clone(), value.clone());
                }
                line.insert("ok".into(), value);
            }
            Err(error) => {
                line.insert("error".into(), error);
            }
        }
        StepRecord {
            line: Value::Object(line),
            trace_from,
            trace_to: self.world.trace().len(),
        }
    }

    pub fn trace_of(&self, record: &StepRecord) -> &[TraceEvent] {
        self.world
            .trace()
            .between(record.trace_from, record.trace_to)
    }
}

/// Runs a whole scenario and renders the CLI's output: one line per step,
/// each followed by its trace events when `with_trace`.
pub fn render(scenario: Scenario, with_trace: bool) -> String {
    let mut runner = Runner::new(scenario);
    let mut out = String::new();
    for record in runner.run_all() {
        out.push_str(&record.to_json_line());
        out.push('\n');
        if with_trace {
            for event in runner.trace_of(&record) {
                out.push_str(&event.to_json_line());
                out.push('\n');
            }
        }
    }
    out
}
