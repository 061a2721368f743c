//! `World`: every service, the virtual clock, the scheduler, the seeded
//! random source and the trace, behind one `call` that speaks AWS's JSON.

use crate::api::{AwsError, Identity};
use crate::services::{sqs::Sqs, Ctx, Timer};
use crate::sim::{parse_iso, Millis, Rng, Scheduler, Trace, DAY};
use serde_json::Value;

/// The default scenario epoch: 2026-01-01T00:00:00Z.
pub const DEFAULT_EPOCH: Millis = 1_767_225_600_000;
pub const DEFAULT_SEED: u64 = 1;
/// `run_until_idle` never moves time further than this in one go, so it always ends.
pub const IDLE_HORIZON: Millis = DAY;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub epoch: Millis,
    pub seed: u64,
    pub identity: Identity,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { epoch: DEFAULT_EPOCH, seed: DEFAULT_SEED, identity: Identity::default() }
    }
}

impl Settings {
    pub fn with_epoch(mut self, iso: &str) -> Option<Self> {
        self.epoch = parse_iso(iso)?;
        Some(self)
    }
}

/// What `run_until_idle` did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IdleOutcome {
    /// How far virtual time moved.
    pub advanced: Millis,
    /// How many timers fired.
    pub fired: usize,
    /// False when the horizon was reached with work still pending.
    pub idle: bool,
}

pub struct World {
    settings: Settings,
    now: Millis,
    rng: Rng,
    timers: Scheduler<Timer>,
    trace: Trace,
    sqs: Sqs,
}

impl World {
    pub fn new(settings: Settings) -> Self {
        World {
            now: settings.epoch,
            rng: Rng::new(settings.seed),
            timers: Scheduler::default(),
            trace: Trace::default(),
            sqs: Sqs::default(),
            settings,
        }
    }

    /// Performs one AWS action, `"sqs:SendMessage"` style, with its JSON request.
    pub fn call(&mut self, action: &str, input: Value) -> Result<Value, AwsError> {
        let (service, operation) = action.split_once(':').ok_or_else(|| AwsError::unknown_operation(action))?;
        let mut ctx = Ctx {
            now: self.now,
            identity: &self.settings.identity,
            rng: &mut self.rng,
            timers: &mut self.timers,
            trace: &mut self.trace,
        };
        match service {
            "sqs" => self.sqs.call(&mut ctx, operation, &input),
            _ => Err(AwsError::unknown_operation(action)),
        }
    }

    /// Fires the next due timer, moving the clock to it; returns its time, or None when nothing is scheduled.
    pub fn step(&mut self) -> Option<Millis> {
        let due = self.timers.next_due()?;
        self.now = self.now.max(due);
        self.fire_due();
        Some(due)
    }

    /// Moves virtual time forward by `duration`, firing every timer due on the way in order.
    pub fn advance(&mut self, duration: Millis) -> usize {
        self.advance_to(self.now.saturating_add(duration))
    }

    /// Moves virtual time to `target` (never backwards), firing due timers in order; returns how many fired.
    pub fn advance_to(&mut self, target: Millis) -> usize {
        let mut fired = 0;
        while let Some(due) = self.timers.next_due() {
            if due > target {
                break;
            }
            self.now = self.now.max(due);
            fired += self.fire_due();
        }
        self.now = self.now.max(target);
        fired
    }

    /// Advances until no pending one-off work remains (recurring timers do not count), or
    /// `IDLE_HORIZON` has passed.
    pub fn run_until_idle(&mut self) -> IdleOutcome {
        let start = self.now;
        let horizon = start.saturating_add(IDLE_HORIZON);
        let mut fired = 0;
        while self.timers.pending() > 0 {
            match self.timers.next_due() {
                Some(due) if due <= horizon => {
                    self.now = self.now.max(due);
                    fired += self.fire_due();
                }
                _ => {
                    self.now = horizon;
                    break;
                }
            }
        }
        IdleOutcome { advanced: self.now - start, fired, idle: self.timers.pending() == 0 }
    }

    /// Fires one timer due at or before now.
    fn fire_due(&mut self) -> usize {
        let Some((_, timer)) = self.timers.pop_due(self.now) else { return 0 };
        let mut ctx = Ctx {
            now: self.now,
            identity: &self.settings.identity,
            rng: &mut self.rng,
            timers: &mut self.timers,
            trace: &mut self.trace,
        };
        match timer {
            Timer::Sqs(t) => self.sqs.on_timer(&mut ctx, t),
        }
        1
    }

    pub fn now(&self) -> Millis {
        self.now
    }

    /// When the next timer is due, if any.
    pub fn next_event_at(&mut self) -> Option<Millis> {
        self.timers.next_due()
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn trace(&self) -> &Trace {
        &self.trace
    }

    pub fn sqs(&self) -> &Sqs {
        &self.sqs
    }
}
