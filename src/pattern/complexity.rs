//! EventBridge's limit on wildcard complexity: a pattern is refused ("Rule is
//! too complex - try using fewer wildcard characters or fewer repeating
//! character sequences after a wildcard character") when some input could
//! leave AWS's byte automaton for one field in more than ten places at once
//! that each lead to a wildcard match. The automaton is built as AWS builds
//! it: the value with its quotes, literal prefixes shared up to the first
//! `*`, a looping state per `*`, and each literal after a `*` reachable both
//! from the loop and from before it (the `*` matching nothing). Each state
//! weighs the number of distinct wildcard values it leads to; a set of active
//! states weighs its states plus the loops they can enter.

use super::compile::Branch;
use super::cond::{But, Cond};
use super::hash::FxMap;

/// More than this many weighted places at once is too complex.
pub(crate) const LIMIT: usize = 10;

/// AWS's reason.
pub(crate) const REASON: &str = "Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character";

/// Past this many distinct sets of active states, stop and call it complex.
const EXPLORE_CAP: usize = 20_000;

#[derive(Default)]
struct State {
    literal: Vec<(u8, u32)>,
    any: Vec<u32>,
    /// Patterns (by index) this state leads to.
    weight: Vec<u32>,
    /// Determinate prefix transitions (shared between values).
    prefix: FxMap<u8, u32>,
    star: Option<u32>,
}

enum Token {
    Byte(u8),
    Star,
}

/// The value's tokens, with the quotes AWS's automaton includes.
fn tokens(value: &str) -> Vec<Token> {
    let mut out = vec![Token::Byte(b'"')];
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'*' => out.push(Token::Star),
            b'\\' if i + 1 < bytes.len() => {
                i += 1;
                out.push(Token::Byte(bytes[i]));
            }
            b => out.push(Token::Byte(b)),
        }
        i += 1;
    }
    out.push(Token::Byte(b'"'));
    out
}

struct Automaton {
    states: Vec<State>,
    alphabet: Vec<u8>,
}

impl Automaton {
    fn new() -> Self {
        Automaton {
            states: vec![State::default()],
            alphabet: Vec::new(),
        }
    }

    fn create(&mut self) -> u32 {
        self.states.push(State::default());
        (self.states.len() - 1) as u32
    }

    /// Adds one wildcard value, as pattern number `id`; values with the same
    /// `id` end in the same match state.
    fn add(&mut self, id: u32, value: &str, matches: &mut FxMap<u32, u32>) {
        let toks = tokens(value);
        let last = toks.len() - 1;
        let (mut current, mut before_star) = (0u32, None::<u32>);
        let mut determinate = true;
        for (i, tok) in toks.iter().enumerate() {
            let next = match tok {
                Token::Star => {
                    let shared = if determinate {
                        self.states[current as usize].star
                    } else {
                        None
                    };
                    determinate = false;
                    let next = match shared {
                        Some(s) => s,
                        None => {
                            let s = self.create();
                            self.states[current as usize].star = Some(s);
                            self.states[current as usize].any.push(s);
                            self.states[s as usize].any.push(s);
                            s
                        }
                    };
                    before_star = Some(current);
                    next
                }
                Token::Byte(b) => {
                    let existing = if i == last {
                        matches.get(&id).copied()
                    } else if determinate {
                        self.states[current as usize].prefix.get(b).copied()
                    } else {
                        None
                    };
                    let next = match existing {
                        Some(s) if i != last => s,
                        _ => {
                            let s = existing.unwrap_or_else(|| self.create());
                            if i == last {
                                matches.insert(id, s);
                            } else if determinate {
                                self.states[current as usize].prefix.insert(*b, s);
                            }
                            self.states[current as usize].literal.push((*b, s));
                            if let Some(from) = before_star.take() {
                                self.states[from as usize].literal.push((*b, s));
                            }
                            if !self.alphabet.contains(b) {
                                self.alphabet.push(*b);
                            }
                            s
                        }
                    };
                    before_star = None;
                    next
                }
            };
            let w = &mut self.states[next as usize].weight;
            if !w.contains(&id) {
                w.push(id);
            }
            current = next;
        }
    }

    /// The weight of a set of active states.
    fn weigh(&self, set: &[u32]) -> usize {
        let mut total = 0;
        for &s in set {
            let st = &self.states[s as usize];
            total += st.weight.len();
            for &w in &st.any {
                if set.binary_search(&w).is_err() {
                    total += self.states[w as usize].weight.len();
                }
            }
        }
        total
    }

    /// Whether some input weighs more than the limit.
    fn too_complex(&self) -> bool {
        let mut seen: std::collections::BTreeSet<Vec<u32>> = std::collections::BTreeSet::new();
        let mut pending = vec![vec![0u32]];
        // `None` stands for any byte no literal transition names.
        let bytes: Vec<Option<u8>> = std::iter::once(None)
            .chain(self.alphabet.iter().map(|&b| Some(b)))
            .collect();
        while let Some(active) = pending.pop() {
            for b in &bytes {
                let mut next: Vec<u32> = Vec::new();
                for &s in &active {
                    let st = &self.states[s as usize];
                    next.extend_from_slice(&st.any);
                    if let Some(b) = b {
                        next.extend(st.literal.iter().filter(|(c, _)| c == b).map(|&(_, t)| t));
                    }
                }
                if next.is_empty() {
                    continue;
                }
                next.sort_unstable();
                next.dedup();
                if self.weigh(&next) > LIMIT {
                    return true;
                }
                if !seen.contains(&next) {
                    if seen.len() >= EXPLORE_CAP {
                        return true;
                    }
                    seen.insert(next.clone());
                    pending.push(next);
                }
            }
        }
        false
    }
}

/// The wildcard values of a condition.
fn wildcards(c: &Cond) -> Vec<&str> {
    match c {
        Cond::Wildcard(w) => vec![w.source.as_str()],
        Cond::AnythingBut(But::Wildcards(ws)) => ws.iter().map(|w| w.source.as_str()).collect(),
        _ => Vec::new(),
    }
}

/// Whether the compiled pattern is too complex for EventBridge. Fields are
/// grouped as AWS's automaton groups them: the same field after the same
/// conditions on the fields before it (in name order) shares one automaton.
pub(crate) fn too_complex(branches: &[Branch]) -> bool {
    if !branches
        .iter()
        .flatten()
        .flat_map(|(_, cs)| cs)
        .any(|c| !wildcards(c).is_empty())
    {
        return false;
    }
    let mut groups: FxMap<String, Vec<&Cond>> = FxMap::default();
    for branch in branches {
        let mut fields: Vec<&(String, Vec<Cond>)> = branch.iter().collect();
        fields.sort_by(|a, b| a.0.cmp(&b.0));
        let mut context = String::new();
        for (name, conds) in fields {
            let key = format!("{context}\u{0}{name}");
            if conds.iter().any(|c| !wildcards(c).is_empty()) {
                let group = groups.entry(key).or_default();
                for c in conds {
                    if !group.contains(&c) {
                        group.push(c);
                    }
                }
            }
            context.push_str(&format!("{name}={conds:?};"));
        }
    }
    let mut keys: Vec<&String> = groups.keys().collect();
    keys.sort();
    for key in keys {
        let mut auto = Automaton::new();
        let mut matches = FxMap::default();
        for (id, c) in groups[key].iter().enumerate() {
            for w in wildcards(c) {
                auto.add(id as u32, w, &mut matches);
            }
        }
        if auto.too_complex() {
            return true;
        }
    }
    false
}
