//! The trace: everything that happens in the world, as events stamped with
//! virtual time, kept in full, the last `n`, or only counted (`TraceMode`).
//! The CLI's `--trace`, the UI timeline, metrics and the diagram are views over
//! this one list. The storage is generic over the event type: each service owns
//! its own events, and the kernel (`crate::kernel::TraceKind`) wraps one of each.

use super::{format_iso, Millis};
use crate::api::Identity;
use serde::{Serialize, Serializer};
use std::rc::Rc;

/// What the trace needs of an event: its service's label and its name (the JSON line's
/// `"service"` and `"event"`); the rest of its fields serialize after them.
pub trait Kind: Serialize {
    fn service(&self) -> &'static str;
    fn name(&self) -> &'static str;
}

/// For events' `skip_serializing_if`: a count of zero is left out.
pub fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// For events' `serialize_with`: times inside events are kept as numbers and only turned into
/// text when shown.
pub fn iso<S: Serializer>(t: &Millis, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_iso(*t))
}

#[derive(Clone, Debug, PartialEq)]
pub struct TraceEvent<K> {
    pub at: Millis,
    pub kind: K,
    /// The account and region it happened in, when not the scenario's own.
    pub place: Option<Rc<Identity>>,
}

#[derive(Serialize)]
struct TraceLine<'a, K> {
    at: String,
    service: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    account: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    #[serde(flatten)]
    kind: &'a K,
}

impl<K: Kind> TraceEvent<K> {
    /// The event as one JSON line, keys in this order: `{"at": "...", "service": "sqs", "event": "MessageSent", ...}`.
    pub fn to_json_line(&self) -> String {
        let line = TraceLine {
            at: format_iso(self.at),
            service: self.kind.service(),
            account: self.place.as_deref().map(|p| p.account.as_str()),
            region: self.place.as_deref().map(|p| p.region.as_str()),
            kind: &self.kind,
        };
        serde_json::to_string(&line).unwrap_or_default()
    }
}

/// How much of the trace a run keeps (the scenario setting `settings.trace`): everything (the
/// default; every view and golden file needs it), the last `n` events (a long run's timeline),
/// or only how many of each event happened (the fastest, for benchmarks and very long runs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TraceMode {
    #[default]
    Full,
    Last(usize),
    Counts,
}

#[derive(Clone, Debug)]
pub struct Trace<K> {
    events: Vec<TraceEvent<K>>,
    mode: TraceMode,
    /// Events recorded but no longer kept (the oldest, under `Last` or `Counts`).
    dropped: usize,
    /// How many of each event were recorded (kept under `Last` and `Counts` only; `Full`
    /// counts its events when asked), found by the name's address first: a few dozen names.
    counts: Vec<(&'static str, u64)>,
}

impl<K> Default for Trace<K> {
    fn default() -> Self {
        Trace {
            events: Vec::new(),
            mode: TraceMode::default(),
            dropped: 0,
            counts: Vec::new(),
        }
    }
}

impl<K: Kind> Trace<K> {
    pub fn with_mode(mode: TraceMode) -> Self {
        Trace {
            mode,
            ..Trace::default()
        }
    }

    pub fn mode(&self) -> TraceMode {
        self.mode
    }

    pub fn push(&mut self, at: Millis, kind: K) {
        self.push_in(at, kind, None);
    }

    /// An event, in another account or region than the scenario's own when `place` says so.
    pub fn push_in(&mut self, at: Millis, kind: K, place: Option<Rc<Identity>>) {
        match self.mode {
            TraceMode::Full => self.events.push(TraceEvent { at, kind, place }),
            TraceMode::Last(keep) => {
                self.count(kind.name());
                self.events.push(TraceEvent { at, kind, place });
                // Dropping in halves keeps each event's cost constant.
                let keep = keep.max(1);
                if self.events.len() >= 2 * keep {
                    let old = self.events.len() - keep;
                    self.events.drain(..old);
                    self.dropped += old;
                }
            }
            TraceMode::Counts => {
                self.count(kind.name());
                self.dropped += 1;
            }
        }
    }

    fn count(&mut self, name: &'static str) {
        let found = self.counts.iter().position(|&(n, _)| std::ptr::eq(n, name));
        match found.or_else(|| self.counts.iter().position(|&(n, _)| n == name)) {
            Some(at) => self.counts[at].1 += 1,
            None => self.counts.push((name, 1)),
        }
    }

    /// How many events were recorded, kept or not: indices for `since` and `between`.
    pub fn len(&self) -> usize {
        self.dropped + self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The kept events recorded since index `from` (an earlier `len()`).
    pub fn since(&self, from: usize) -> &[TraceEvent<K>] {
        let from = from.saturating_sub(self.dropped).min(self.events.len());
        &self.events[from..]
    }

    /// The kept events recorded between two earlier `len()`s.
    pub fn between(&self, from: usize, to: usize) -> &[TraceEvent<K>] {
        let to = to.saturating_sub(self.dropped).min(self.events.len());
        let from = from.saturating_sub(self.dropped).min(to);
        &self.events[from..to]
    }

    /// The events kept.
    pub fn all(&self) -> &[TraceEvent<K>] {
        &self.events
    }

    /// How many of each event were recorded, by event name.
    pub fn counts(&self) -> std::collections::BTreeMap<&'static str, u64> {
        match self.mode {
            TraceMode::Full => {
                let mut counts = std::collections::BTreeMap::new();
                for e in &self.events {
                    *counts.entry(e.kind.name()).or_default() += 1;
                }
                counts
            }
            _ => self.counts.iter().copied().collect(),
        }
    }
}
