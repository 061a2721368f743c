//! The deterministic heart of the world: virtual time, the timer scheduler,
//! the seeded random source and the trace's storage (generic over the event
//! type: the events are the services', wrapped by `crate::kernel::TraceKind`).
//! Nothing here imports a service, reads a wall clock or an unseeded random
//! source, so the same inputs give the same trace on every platform.

pub mod hash;
pub mod rng;
pub mod scheduler;
pub mod time;
pub mod trace;
#[cfg(test)]
mod trace_mode_tests;

pub use rng::Rng;
pub use scheduler::{Scheduler, TimerClass, TimerId};
pub use time::{
    format_duration, format_iso, parse_duration, parse_iso, spoken_duration, Millis, DAY, HOUR,
    MINUTE, SECOND,
};
pub use trace::{Kind, Trace, TraceEvent, TraceMode};
