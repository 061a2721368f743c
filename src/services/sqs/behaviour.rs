//! The "may" of SQS standard queues, modelled with the seeded random source:
//! a short poll samples only some of the servers (so it can miss messages, or
//! answer empty while messages exist), a delete can miss a server holding a
//! copy (so the message comes back: at-least-once delivery), and ordering is
//! best-effort. All off by default so a scenario is predictable; a scenario
//! turns them on in `settings.sqs` to show them happening on purpose.

use super::model::Queue;
use crate::sim::Rng;
use serde_json::{json, Map, Value};
use std::collections::VecDeque;

/// How many servers a queue's messages are spread over.
const SERVERS: u64 = 4;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SqsBehaviour {
    /// A short poll (WaitTimeSeconds 0) queries a random subset of the servers.
    pub short_poll_sampling: bool,
    /// Chance, 0 to 1, that a DeleteMessage misses a copy of the message.
    pub duplicate_rate: f64,
    /// Chance, 0 to 1, that a receive takes a later message before an earlier one.
    pub reorder_rate: f64,
}

impl SqsBehaviour {
    pub fn is_default(&self) -> bool {
        *self == SqsBehaviour::default()
    }

    /// Reads `settings.sqs`; the error names the offending member.
    pub fn from_value(value: &Value) -> Result<Self, (String, String)> {
        let obj = value
            .as_object()
            .ok_or_else(|| (String::new(), "must be an object".to_string()))?;
        let mut b = SqsBehaviour::default();
        for (key, v) in obj {
            match key.as_str() {
                "shortPollSampling" => {
                    b.short_poll_sampling = v
                        .as_bool()
                        .ok_or_else(|| (key.clone(), "must be true or false".to_string()))?
                }
                "duplicateRate" | "reorderRate" => {
                    let rate = v.as_f64().filter(|r| (0.0..=1.0).contains(r));
                    let rate = rate
                        .ok_or_else(|| (key.clone(), "must be a number from 0 to 1".to_string()))?;
                    if key == "duplicateRate" {
                        b.duplicate_rate = rate;
                    } else {
                        b.reorder_rate = rate;
                    }
                }
                _ => return Err((
                    key.clone(),
                    "unknown field; expected one of shortPollSampling, duplicateRate, reorderRate"
                        .into(),
                )),
            }
        }
        Ok(b)
    }

    pub fn to_value(&self) -> Value {
        let mut obj = Map::new();
        if self.short_poll_sampling {
            obj.insert("shortPollSampling".into(), json!(true));
        }
        if self.duplicate_rate > 0.0 {
            obj.insert("duplicateRate".into(), json!(self.duplicate_rate));
        }
        if self.reorder_rate > 0.0 {
            obj.insert("reorderRate".into(), json!(self.reorder_rate));
        }
        Value::Object(obj)
    }

    /// Which visible messages a receive may take, in the order it takes them; None means
    /// simply oldest first (the default, and the fast path).
    pub(super) fn picks(
        &self,
        queue: &Queue,
        rng: &mut Rng,
        short_poll: bool,
    ) -> Option<VecDeque<u64>> {
        let sampling = self.short_poll_sampling && short_poll;
        if !sampling && self.reorder_rate == 0.0 {
            return None;
        }
        let sampled = if sampling {
            sample_servers(rng)
        } else {
            u64::MAX
        };
        let mut picks: Vec<u64> = queue
            .visible
            .iter()
            .filter(|&seq| sampled & (1 << server_of(seq)) != 0)
            .collect();
        for i in 0..picks.len() {
            if chance(rng, self.reorder_rate) {
                let j = i + (rng.next_u64() % (picks.len() - i) as u64) as usize;
                picks.swap(i, j);
            }
        }
        Some(picks.into())
    }

    /// Whether this DeleteMessage misses a copy of the message.
    pub(super) fn delete_misses_a_copy(&self, rng: &mut Rng) -> bool {
        self.duplicate_rate > 0.0 && chance(rng, self.duplicate_rate)
    }
}

/// The server a message is stored on, spread evenly by arrival.
fn server_of(seq: u64) -> u64 {
    seq.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 62
}

/// A random, non-empty subset of the servers, as a bit mask.
fn sample_servers(rng: &mut Rng) -> u64 {
    let mask = rng.next_u64() & ((1 << SERVERS) - 1);
    if mask == 0 {
        1 << (rng.next_u64() % SERVERS)
    } else {
        mask
    }
}

fn chance(rng: &mut Rng, rate: f64) -> bool {
    let unit = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    rate > 0.0 && unit < rate
}
