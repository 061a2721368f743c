//! The app's state: the one `Runner` (kept in a thread-local, since the wasm
//! app has one thread) and the reactive signals the views read. Every change
//! to the world goes through `AppState::call` / `advance` / `load`, which run
//! a scenario step, so the world on screen is always the replay of its
//! scenario. Panels read the account and Region acted as through `read_in` /
//! `peek_in` (a `Place`), and calls made there carry it on their steps.
//! Where the page is in its scenario (a story opened at its start, stepped,
//! sought back) is `playhead.rs`.

use crate::api::Identity;
use crate::endpoints::Endpoints;
use crate::fleet::Fleets;
use crate::kernel::TraceEvent;
use crate::scenario::{Runner, Scenario, Step, StepKind, StepRecord};
use crate::services::events::Events;
use crate::services::lambda::Lambda;
use crate::services::logs::Logs;
use crate::services::scheduler::Scheduler;
use crate::services::schemas::Schemas;
use crate::services::sqs::{Queue, Sqs};
use crate::sim::Millis;
use crate::world::World;
use leptos::prelude::*;
use serde_json::Value;
use std::cell::RefCell;
use std::collections::HashMap;

pub const UNTITLED: &str = "Untitled scenario";

thread_local! {
    static RUNNER: RefCell<Runner> = RefCell::new(Runner::new(Scenario::new(UNTITLED)));
    /// What a place with nothing made in it yet shows: empty services (never changed).
    static EMPTY: &'static Empty = Box::leak(Box::default());
}

#[derive(Default)]
struct Empty {
    sqs: Sqs,
    lambda: Lambda,
    logs: Logs,
    fleets: Fleets,
    events: Events,
    schemas: Schemas,
    scheduler: Scheduler,
    endpoints: Endpoints,
}

/// The world as the page shows it: the services of the account and region the
/// person acts as (the scenario's own unless they chose another).
pub struct Place<'a> {
    runner: &'a Runner,
    /// None: the scenario's own account and region.
    other: Option<&'a Identity>,
}

impl<'a> Place<'a> {
    pub fn runner(&self) -> &'a Runner {
        self.runner
    }

    pub fn world(&self) -> &'a World {
        self.runner.world()
    }

    /// Another place's service, or an empty one when nothing was made there yet.
    fn other<T: crate::kernel::Service>(
        &self,
        who: &Identity,
        empty: impl FnOnce(&'static Empty) -> &'static T,
    ) -> &'a T {
        self.world()
            .service_in::<T>(&who.account, &who.region)
            .unwrap_or_else(|| empty(EMPTY.with(|e| *e)))
    }

    fn home(&self) -> &'a Identity {
        &self.runner.world().settings().identity
    }

    pub fn sqs(&self) -> &'a Sqs {
        match self.other {
            None => self.world().sqs(),
            Some(who) => self.other(who, |e| &e.sqs),
        }
    }

    pub fn lambda(&self) -> &'a Lambda {
        match self.other {
            None => self.world().lambda(),
            Some(who) => self.other(who, |e| &e.lambda),
        }
    }

    pub fn logs(&self) -> &'a Logs {
        match self.other {
            None => self.world().logs(),
            Some(who) => self.other(who, |e| &e.logs),
        }
    }

    pub fn fleets(&self) -> &'a Fleets {
        match self.other {
            None => self.world().fleets(),
            Some(who) => self.other(who, |e| &e.fleets),
        }
    }

    pub fn events(&self) -> &'a Events {
        match self.other {
            None => self.world().events(),
            Some(who) => self.other(who, |e| &e.events),
        }
    }

    pub fn scheduler(&self) -> &'a Scheduler {
        match self.other {
            None => self.world().scheduler(),
            Some(who) => self.other(who, |e| &e.scheduler),
        }
    }

    /// The simulated HTTP endpoints (a Stratus built-in) of the place shown.
    pub fn endpoints(&self) -> &'a Endpoints {
        match self.other {
            None => self.world().endpoints(),
            Some(who) => self.other(who, |e| &e.endpoints),
        }
    }

    pub fn schemas(&self) -> &'a Schemas {
        match self.other {
            None => self.world().schemas(),
            Some(who) => self.other(who, |e| &e.schemas),
        }
    }

    /// Whether a trace event happened here (events elsewhere carry their place).
    pub fn owns(&self, event: &TraceEvent) -> bool {
        match (&event.place, self.other) {
            (None, None) => true,
            (Some(p), Some(who)) => **p == *who,
            (Some(p), None) => **p == *self.home(),
            (None, Some(who)) => *who == *self.home(),
        }
    }
}

/// An EventBridge, Scheduler or simulated-endpoint resource the inspector shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventsSelection {
    Bus(String),
    Rule {
        bus: String,
        rule: String,
    },
    /// An EventBridge Scheduler schedule, by its group and name.
    Schedule {
        group: String,
        name: String,
    },
    /// A simulated HTTP endpoint (a Stratus built-in), by its URL.
    Endpoint(String),
}

/// An AWS error returned by the last call step.
#[derive(Clone, Debug, PartialEq)]
pub struct StepError {
    pub action: String,
    pub code: String,
    pub message: String,
}

#[derive(Clone, Copy)]
pub struct AppState {
    /// Bumped after every change to the runner; views that read the world track it.
    pub version: RwSignal<u64>,
    /// Bumped when the whole scenario is replaced, so keyed lists start over.
    pub generation: RwSignal<u64>,
    pub last_error: RwSignal<Option<StepError>>,
    pub load_error: RwSignal<Option<String>>,
    /// A short, non-error note (e.g. "nothing is scheduled").
    pub notice: RwSignal<Option<String>>,
    pub selected: RwSignal<Option<String>>,
    /// The Lambda function shown in the right panel instead of a queue.
    pub selected_function: RwSignal<Option<String>>,
    /// The EventBridge bus or rule shown in the right panel instead of a queue or a function.
    /// Selecting a queue or a function clears it (`AppState::new`'s effect).
    pub selected_events: RwSignal<Option<EventsSelection>>,
    /// message_id -> the ReceiptHandle of its most recent receive.
    pub receipts: RwSignal<HashMap<String, String>>,
    /// The last successful ReceiveMessage response, pretty JSON.
    pub last_receive: RwSignal<Option<String>>,
    /// Why the last ReceiveMessage came back empty, when the trace says (a false empty, FIFO groups locked).
    pub last_receive_note: RwSignal<Option<String>>,
    pub playing: RwSignal<bool>,
    pub speed: RwSignal<u32>,
    pub share_url: RwSignal<String>,
    /// The virtual time at which the last user step (call or time move) began: the
    /// diagram highlights what happened since then.
    pub step_from: RwSignal<Millis>,
    /// The account and region the page acts as and shows, when not the scenario's own.
    pub acting: RwSignal<Option<Identity>>,
    /// Functions' undeployed code (`drafts`), kept in the browser beside the autosave.
    pub drafts: RwSignal<super::drafts::Drafts>,
    /// The inspector tab chosen for each resource kind ("queue" → "messages"); a story step's
    /// `show` sets it too.
    pub tabs: RwSignal<HashMap<&'static str, &'static str>>,
    /// A dock tab a story step asked for ("timeline", "logs"); the dock opens it.
    pub dock_request: RwSignal<Option<&'static str>>,
    /// The trace's length when the last user step began: what happened since is "this step".
    pub step_trace_from: RwSignal<usize>,
}

impl AppState {
    pub fn new() -> Self {
        AppState {
            version: RwSignal::new(0),
            generation: RwSignal::new(0),
            last_error: RwSignal::new(None),
            load_error: RwSignal::new(None),
            notice: RwSignal::new(None),
            selected: RwSignal::new(None),
            selected_function: RwSignal::new(None),
            selected_events: RwSignal::new(None),
            receipts: RwSignal::new(HashMap::new()),
            last_receive: RwSignal::new(None),
            last_receive_note: RwSignal::new(None),
            playing: RwSignal::new(false),
            speed: RwSignal::new(1),
            share_url: RwSignal::new(String::new()),
            step_from: RwSignal::new(0),
            acting: RwSignal::new(None),
            drafts: RwSignal::new(super::drafts::load()),
            tabs: RwSignal::new(HashMap::new()),
            dock_request: RwSignal::new(None),
            step_trace_from: RwSignal::new(0),
        }
    }

    /// Reads the runner and subscribes the caller to its changes.
    pub fn read<R>(&self, f: impl FnOnce(&Runner) -> R) -> R {
        self.version.track();
        RUNNER.with_borrow(f)
    }

    /// Reads the runner without subscribing (event handlers).
    pub fn peek<R>(&self, f: impl FnOnce(&Runner) -> R) -> R {
        RUNNER.with_borrow(f)
    }

    /// Reads the world as shown (the place acted as), subscribing the caller.
    pub fn read_in<R>(&self, f: impl FnOnce(&Place) -> R) -> R {
        self.version.track();
        self.acting.with(|acting| {
            RUNNER.with_borrow(|runner| {
                f(&Place {
                    runner,
                    other: acting.as_ref(),
                })
            })
        })
    }

    /// The same without subscribing (event handlers).
    pub fn peek_in<R>(&self, f: impl FnOnce(&Place) -> R) -> R {
        self.acting.with_untracked(|acting| {
            RUNNER.with_borrow(|runner| {
                f(&Place {
                    runner,
                    other: acting.as_ref(),
                })
            })
        })
    }

    /// The scenario's own account and region (its settings), subscribing the caller.
    pub fn home(&self) -> Identity {
        self.read(|r| r.world().settings().identity.clone())
    }

    /// The account and region the page acts as, subscribing the caller.
    pub fn place(&self) -> Identity {
        self.acting.get().unwrap_or_else(|| self.home())
    }

    /// The account and region the page acts as, without subscribing (event handlers).
    pub fn place_untracked(&self) -> Identity {
        self.acting
            .get_untracked()
            .unwrap_or_else(|| self.peek(|r| r.world().settings().identity.clone()))
    }

    /// Acts as `who` from now on (the scenario's own place acts as itself); selects its first queue.
    pub fn act_as(&self, who: Identity) {
        let home = self.peek(|r| r.world().settings().identity.clone());
        self.acting.set((who != home).then_some(who));
        let first = self.peek_in(|p| p.sqs().queues().next().map(|q| q.name.to_string()));
        self.selected.set(first);
        self.selected_function.set(None);
        self.last_receive.set(None);
        self.last_receive_note.set(None);
        self.last_error.set(None);
    }

    /// Runs `f` on the runner, mutably: the story's moves (`playhead`) go through it.
    pub(super) fn runner_mut<R>(&self, f: impl FnOnce(&mut Runner) -> R) -> R {
        RUNNER.with_borrow_mut(f)
    }

    /// The next due timer, if any (needs `&mut` for the scheduler's lazy cleanup).
    pub fn next_event_at(&self) -> Option<Millis> {
        RUNNER.with_borrow_mut(|r| r.world_mut().next_event_at())
    }

    /// Runs one AWS call as a scenario step; returns its response, or None on an AWS error.
    pub fn call(&self, action: &str, input: Value) -> Option<Value> {
        self.call_as(action, input, None)
    }

    /// `call` made as `who` (another account, e.g. a SaaS partner's) instead of the place acted as.
    pub fn call_as(&self, action: &str, input: Value, who: Option<Identity>) -> Option<Value> {
        if !self.at_end_or_ask() {
            return None;
        }
        // What a person typed is taken literally: a `${` in it is not a scenario reference.
        let input = crate::scenario::refs::escape(&input);
        self.mark_step();
        let function = input.get("FunctionName").cloned();
        let acting = who.or_else(|| self.acting.get_untracked());
        let record = RUNNER.with_borrow_mut(|r| r.push(call_step(action, input, acting.as_ref())));
        self.absorb(&record.line);
        // Like the Lambda console, wait until a created or updated function is ready
        // (a `wait` step with AWS's waiter), so the next click finds it Active.
        let waiter = match action {
            "lambda:CreateFunction" => Some("lambda:FunctionActiveV2"),
            "lambda:UpdateFunctionCode" | "lambda:UpdateFunctionConfiguration" => {
                Some("lambda:FunctionUpdatedV2")
            }
            _ => None,
        };
        if let (Some(waiter), Some(function), None) = (waiter, function, record.line.get("error")) {
            let step = match &acting {
                None => Step::wait(waiter, serde_json::json!({ "FunctionName": function })),
                // A wait step acts in the scenario's own place only: elsewhere, wait the
                // waiter's first delay (a function settles within it).
                Some(_) => Step::advance(
                    crate::scenario::waiters::find(waiter).map_or(1, |w| w.delay_seconds)
                        * crate::sim::SECOND,
                ),
            };
            RUNNER.with_borrow_mut(|r| r.push(step));
        }
        if action == "sqs:ReceiveMessage" {
            let note = self.peek_in(|p| empty_receive_note(p, &record));
            self.last_receive_note.set(note);
        }
        let ok = record.line.get("ok").cloned();
        match record.line.get("error") {
            Some(error) => self.last_error.set(Some(StepError {
                action: action.to_string(),
                code: text_of(error, "code"),
                message: text_of(error, "message"),
            })),
            None => self.last_error.set(None),
        }
        self.notice.set(None);
        self.changed();
        ok
    }

    /// Moves virtual time by `ms` as an advance step (a user action: jump, step).
    pub fn advance(&self, ms: Millis) {
        if !self.at_end_or_ask() {
            return;
        }
        self.mark_step();
        RUNNER.with_borrow_mut(|r| r.advance(ms));
        self.notice.set(None);
        self.changed();
    }

    pub(super) fn mark_step(&self) {
        let (now, len) = RUNNER.with_borrow(|r| (r.world().now(), r.world().trace().len()));
        self.step_from.set(now);
        self.step_trace_from.set(len);
    }

    /// Playback's cheap advance: no autosave, no view update (the caller does those once per frame).
    pub fn advance_quietly(&self, ms: Millis) {
        RUNNER.with_borrow_mut(|r| r.advance(ms));
    }

    /// After any change: views update, the scenario is autosaved, and a stale
    /// `#s=` link leaves the address bar (the Share button makes a fresh one).
    pub fn changed(&self) {
        self.version.update(|v| *v += 1);
        self.save();
    }

    pub fn save(&self) {
        let json = RUNNER
            .with_borrow(|r| serde_json::to_string(&r.scenario().to_value()).unwrap_or_default());
        super::share::autosave(&json);
        if super::share::strip_share_fragment() {
            self.share_url.set(String::new());
        }
    }

    pub fn rename(&self, name: String) {
        RUNNER.with_borrow_mut(|r| {
            let description = r.scenario().description.clone();
            r.set_name_and_description(name, description);
        });
        self.changed();
    }

    /// Replaces the world with the replay of `scenario`, to its end.
    pub fn load(&self, scenario: Scenario) {
        let end = scenario.steps.len();
        self.replace(scenario, end);
        let first_queue =
            self.peek(|r| r.world().sqs().queues().next().map(|q| q.name.to_string()));
        self.selected.set(first_queue);
        self.selected_function.set(None);
        self.generation.update(|g| *g += 1);
        self.version.update(|v| *v += 1);
    }

    /// A fresh runner for `scenario`, run to step `upto`, with the page's per-scenario state reset.
    pub(super) fn replace(&self, scenario: Scenario, upto: usize) {
        self.playing.set(false);
        let mut runner = Runner::new(scenario);
        let records: Vec<StepRecord> = std::iter::from_fn(|| {
            (runner.executed() < upto)
                .then(|| runner.run_next())
                .flatten()
        })
        .collect();
        RUNNER.with_borrow_mut(|r| *r = runner);
        self.acting.set(None);
        self.receipts.set(HashMap::new());
        self.last_receive.set(None);
        self.last_receive_note.set(None);
        self.tabs.set(HashMap::new());
        for record in &records {
            self.absorb(&record.line);
        }
        self.last_error.set(None);
        self.notice.set(None);
        self.step_from.set(self.peek(|r| r.world().now()));
        self.step_trace_from
            .set(self.peek(|r| r.world().trace().len()));
    }

    /// Keeps what the UI needs from a step's result: receipt handles and the last receive.
    pub(super) fn absorb(&self, line: &Value) {
        if line.get("call").and_then(Value::as_str) != Some("sqs:ReceiveMessage") {
            return;
        }
        let Some(ok) = line.get("ok") else { return };
        if let Some(messages) = ok.get("Messages").and_then(Value::as_array) {
            self.receipts.update(|map| {
                for m in messages {
                    if let (Some(id), Some(handle)) = (
                        m.get("MessageId").and_then(Value::as_str),
                        m.get("ReceiptHandle").and_then(Value::as_str),
                    ) {
                        map.insert(id.to_string(), handle.to_string());
                    }
                }
            });
        }
        self.last_receive
            .set(Some(serde_json::to_string_pretty(ok).unwrap_or_default()));
    }

    /// Reads from one function (the default when it does not exist), subscribing the caller.
    pub fn read_function<R: Default>(
        &self,
        name: &str,
        f: impl FnOnce(&crate::services::lambda::Function) -> R,
    ) -> R {
        self.read_in(|p| p.lambda().function(name).map(f).unwrap_or_default())
    }

    /// Reads one field of a queue (the default when it does not exist), subscribing the caller.
    pub fn read_queue<R: Default>(&self, name: &str, f: impl FnOnce(&Queue) -> R) -> R {
        self.read_in(|p| p.sqs().queue(name).map(f).unwrap_or_default())
    }

    /// The selected queue's URL, if that queue exists.
    pub fn selected_url(&self) -> Option<String> {
        let name = self.selected.get_untracked()?;
        self.peek_in(|p| p.sqs().queue(&name).map(|q| q.url.clone()))
    }
}

/// Why a ReceiveMessage step returned no message although the queue held visible ones.
pub(super) fn empty_receive_note(
    place: &Place,
    record: &crate::scenario::StepRecord,
) -> Option<String> {
    let runner = place.runner();
    use crate::kernel::TraceKind;
    use crate::services::sqs::SqsEvent;
    let empty = record
        .line
        .get("ok")
        .is_some_and(|ok| ok.get("Messages").is_none());
    if !empty {
        return None;
    }
    let trace = runner.trace_of(record);
    if let Some(visible) = trace.iter().find_map(|e| match &e.kind {
        TraceKind::Sqs(SqsEvent::FalseEmptyReceive { visible, .. }) => Some(*visible),
        _ => None,
    }) {
        return Some(format!(
            "False empty: {visible} messages were visible, but this short poll (WaitTimeSeconds 0) sampled only some of the servers, and they held none. Long polling asks all of them."
        ));
    }
    let queue = trace.iter().find_map(|e| e.kind.queue())?;
    let q = place.sqs().queue(queue)?;
    (q.is_fifo() && q.approximate_number_of_messages() > 0).then(|| {
        "Empty, although messages are visible: in a FIFO queue, a message group with a message in flight yields nothing more until that message is deleted or visible again.".to_string()
    })
}

/// A call step, acting as `acting` when that is another account or region (else as today:
/// no `account`/`region` in the step).
fn call_step(action: &str, input: Value, acting: Option<&Identity>) -> Step {
    let mut step = Step::call(action, input);
    if let (
        Some(who),
        StepKind::Call {
            account, region, ..
        },
    ) = (acting, &mut step.kind)
    {
        *account = Some(who.account.clone());
        *region = Some(who.region.clone());
    }
    step
}

pub(super) fn text_of(value: &Value, key: &str) -> String {
    match value.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}
