//! EventBridge in the diagram: each custom bus (and the default bus once it
//! has rules), its rules, and each rule's targets and their dead-letter
//! queues, so an event is seen flowing from a bus through the rules it
//! matched to their targets. Bus → rule edges are labelled with the rule's
//! schedule (or "pattern") and drawn dashed while the rule is disabled; rule →
//! target edges with the target's id. An edge lights up while the trace shows
//! recent traffic on it: a rule matching (or its schedule firing), a target
//! invoked, an event dead-lettered.

use super::buses::RULE_SEPARATOR;
use super::diagram::{Edge, Kind, Node};
use super::state::Place;
use crate::kernel::TraceKind;
use crate::services::events::EventsEvent;
use crate::sim::Millis;
use std::collections::{BTreeMap, BTreeSet};

/// Most trace events looked at for recent traffic.
const SCAN_LIMIT: usize = 20_000;

/// What carried traffic since `since`: (edge kind, from, to) with rules as "bus › rule"
/// for bus edges and rule names with target ARNs for the others.
fn recent(place: &Place, since: Millis) -> BTreeSet<(&'static str, String, String)> {
    let mut out = BTreeSet::new();
    for e in place
        .world()
        .trace()
        .all()
        .iter()
        .rev()
        .take(SCAN_LIMIT)
        .take_while(|e| e.at >= since)
        .filter(|e| place.owns(e))
    {
        match &e.kind {
            TraceKind::Events(EventsEvent::RuleMatched { bus, rule, .. })
            | TraceKind::Events(EventsEvent::ScheduledRuleFired { bus, rule, .. }) => {
                out.insert(("rule", bus.to_string(), rule.to_string()));
            }
            TraceKind::Events(EventsEvent::TargetInvoked { rule, arn, .. }) => {
                out.insert(("target", rule.to_string(), arn.to_string()));
            }
            TraceKind::Events(EventsEvent::SentToDeadLetterQueue {
                rule,
                dead_letter_queue,
                ..
            }) => {
                out.insert((
                    "target-dlq",
                    rule.to_string(),
                    dead_letter_queue.to_string(),
                ));
            }
            _ => {}
        }
    }
    out
}

/// Adds the buses, rules and their edges to the graph; `node_of` finds the queue or
/// function node an ARN names.
pub(super) fn add(
    place: &Place,
    since: Millis,
    nodes: &mut Vec<Node>,
    edges: &mut Vec<Edge>,
    node_of: impl Fn(&str) -> Option<usize>,
) {
    let events = place.events();
    let buses: Vec<_> = events
        .buses()
        .filter(|b| b.name.as_ref() != "default" || !b.rules.is_empty())
        .collect();
    if buses.is_empty() {
        return;
    }
    let traffic = recent(place, since);
    // A rule's name, unless another bus has a rule of that name too.
    let mut rule_names = BTreeMap::<&str, usize>::new();
    for b in &buses {
        for r in b.rules.keys() {
            *rule_names.entry(r.as_ref()).or_default() += 1;
        }
    }
    let mut by_bus_arn = BTreeMap::new();
    for b in &buses {
        by_bus_arn.insert(b.arn.to_string(), nodes.len());
        let rules = b.rules.len();
        nodes.push(Node {
            kind: Kind::Bus,
            name: b.name.to_string(),
            select: b.name.to_string(),
            detail: format!(
                "event bus · {rules} rule{}",
                if rules == 1 { "" } else { "s" }
            ),
        });
    }
    let target_node = |arn: &str| node_of(arn).or_else(|| by_bus_arn.get(arn).copied());
    for b in &buses {
        let from = by_bus_arn[b.arn.as_ref()];
        for r in b.rules.values() {
            let full = format!("{}{RULE_SEPARATOR}{}", b.name, r.name);
            let name = if rule_names.get(r.name.as_ref()) == Some(&1) {
                r.name.to_string()
            } else {
                full.clone()
            };
            let at = nodes.len();
            let targets = r.targets.len();
            nodes.push(Node {
                kind: Kind::Rule,
                name,
                select: full,
                detail: format!(
                    "rule · {} · {targets} target{}",
                    r.state.to_lowercase(),
                    if targets == 1 { "" } else { "s" }
                ),
            });
            edges.push(Edge {
                kind: "rule",
                from,
                to: at,
                label: r
                    .schedule_expression
                    .clone()
                    .unwrap_or_else(|| "pattern".to_string()),
                inactive: !r.enabled(),
                active: traffic.contains(&("rule", b.name.to_string(), r.name.to_string())),
            });
            for t in &r.targets {
                if let Some(to) = target_node(&t.arn) {
                    edges.push(Edge {
                        kind: "target",
                        from: at,
                        to,
                        label: t.id.to_string(),
                        inactive: !r.enabled(),
                        active: traffic.contains(&(
                            "target",
                            r.name.to_string(),
                            t.arn.to_string(),
                        )),
                    });
                }
                let Some(dlq) = &t.dead_letter_arn else {
                    continue;
                };
                if let Some(to) = node_of(dlq) {
                    let queue_name = dlq.rsplit(':').next().unwrap_or_default();
                    let lit = traffic.iter().any(|(k, rule, q)| {
                        *k == "target-dlq"
                            && *rule == *r.name
                            && (q.as_str() == dlq.as_ref() || q == queue_name)
                    });
                    edges.push(Edge {
                        kind: "dead-letter",
                        from: at,
                        to,
                        label: format!("DLQ of {}", t.id),
                        inactive: false,
                        active: lit,
                    });
                }
            }
        }
    }
}
