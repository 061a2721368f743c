//! The scenario: one JSON document with a name, settings and an ordered list
//! of steps, which the CLI, the UI, the tests and share URLs all use.
//! `document` parses and checks it (`settings` its settings), `refs` resolves `${name.path}` references,
//! `runner` plays it against a `World`, `codec` packs it into a URL fragment,
//! `waiters` runs AWS's SDK waiters as `wait` steps, `next_event` moves time to
//! the next event a person would see, `show` holds what a story
//! step tells and shows its reader, `summary` says in one line what a step does.

pub mod codec;
pub mod document;
pub mod next_event;
pub mod refs;
pub mod runner;
pub mod settings;
pub mod show;
pub mod summary;
pub mod waiters;

pub use document::{Scenario, ScenarioError, Step, StepKind};
pub use next_event::Jump;
pub use runner::{Runner, StepRecord};
pub use settings::ScenarioSettings;
pub use show::Show;
