//! The architecture diagram (SVG): queues in the left column, functions and
//! consumer fleets in the right, each sorted by name, so the layout depends
//! only on the world. Edges: SQS triggers (queue → function, with the batch
//! size), RedrivePolicy (queue → its dead-letter queue), a function's
//! asynchronous destinations and DeadLetterConfig, and consumer fleets. An
//! edge lights up while the trace shows traffic on it recently in virtual
//! time (a batch processed, a message moved to a DLQ, a destination record
//! sent, a fleet processing a message) or a batch is being invoked now.
//! Clicking a node selects that queue or function.

use super::state::{AppState, Place};
use crate::fleet::FleetEvent;
use crate::kernel::TraceKind;
use crate::services::lambda::event_sources::MappingState;
use crate::services::lambda::sqs_pollers::PollerState;
use crate::services::lambda::LambdaEvent;
use crate::services::sqs::SqsEvent;
use crate::sim::Millis;
use leptos::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

const WIDTH: f64 = 540.0;
const NODE_W: f64 = 170.0;
const NODE_H: f64 = 38.0;
const ROW: f64 = 52.0;
const TOP: f64 = 30.0;
/// Columns leave room outside for arcs between nodes of one column.
const LEFT_X: f64 = 56.0;
const RIGHT_X: f64 = WIDTH - 56.0 - NODE_W;
/// Traffic this recent (virtual ms, times the playback speed while playing) lights an edge.
const PULSE_MS: Millis = 2_000;
/// Most trace events looked at for recent traffic.
const SCAN_LIMIT: usize = 20_000;

#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Queue,
    Function,
    Fleet,
}

impl Kind {
    fn as_str(&self) -> &'static str {
        match self {
            Kind::Queue => "queue",
            Kind::Function => "function",
            Kind::Fleet => "fleet",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
struct Node {
    kind: Kind,
    name: String,
    /// What selecting it shows: the queue (for a queue or a fleet) or the function.
    select: String,
    detail: String,
    x: f64,
    y: f64,
}

#[derive(Clone, Debug, PartialEq)]
struct Edge {
    kind: &'static str,
    from: usize,
    to: usize,
    label: String,
    /// Disabled or being deleted: drawn dashed and grey.
    inactive: bool,
    active: bool,
}

#[derive(Clone, Debug, PartialEq, Default)]
struct Graph {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    height: f64,
}

/// The function's name in a function ARN (possibly qualified with a version or alias).
fn function_of(arn: &str) -> Option<&str> {
    let rest = arn.strip_prefix("arn:aws:lambda:")?;
    rest.split(':').nth(3)
}

/// Keys of the edges that carried traffic since `since`: (kind, from name, to name).
fn recent_traffic(place: &Place, since: Millis) -> BTreeSet<(&'static str, String, String)> {
    let mut out = BTreeSet::new();
    // Function outcomes and what arrived where, matched with the destinations afterwards
    // (the trace does not name the destination a record went to).
    let mut succeeded = BTreeSet::new();
    let mut failed = BTreeSet::new();
    let mut arrived = BTreeSet::new();
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
            TraceKind::Lambda(LambdaEvent::BatchProcessed {
                function, queue, ..
            }) => {
                out.insert(("trigger", queue.to_string(), function.to_string()));
            }
            TraceKind::Sqs(SqsEvent::MovedToDeadLetterQueue {
                queue,
                dead_letter_queue,
                ..
            }) => {
                out.insert(("dlq", queue.to_string(), dead_letter_queue.to_string()));
            }
            TraceKind::Fleet(FleetEvent::MessageProcessed { fleet, queue, .. })
            | TraceKind::Fleet(FleetEvent::MessageProcessingFailed { fleet, queue, .. }) => {
                out.insert(("fleet", queue.to_string(), fleet.to_string()));
            }
            TraceKind::Lambda(LambdaEvent::InvocationFinished {
                function,
                error_type: None,
                ..
            }) => {
                succeeded.insert(function.to_string());
            }
            // An asynchronous event that ran out of retries (or age) goes to OnFailure or the DLQ.
            TraceKind::Lambda(LambdaEvent::EventDiscarded { function, .. }) => {
                failed.insert(function.to_string());
            }
            TraceKind::Lambda(LambdaEvent::InvocationStarted { function, .. }) => {
                arrived.insert(function.to_string());
            }
            TraceKind::Sqs(SqsEvent::MessageSent { queue, .. }) => {
                arrived.insert(queue.to_string());
            }
            _ => {}
        }
    }
    for target in &arrived {
        for f in &succeeded {
            out.insert(("on-success", f.clone(), target.clone()));
        }
        for f in &failed {
            out.insert(("on-failure", f.clone(), target.clone()));
            out.insert(("dead-letter", f.clone(), target.clone()));
        }
    }
    out
}

fn build(place: &Place, since: Millis) -> Graph {
    let world = place;
    let mut queues: Vec<_> = world.sqs().queues().collect();
    queues.sort_by(|a, b| a.name.cmp(&b.name));
    let mut functions: Vec<_> = world.lambda().functions().collect();
    functions.sort_by(|a, b| a.name.cmp(&b.name));
    let mut fleets: Vec<_> = world.fleets().fleets().collect();
    fleets.sort_by(|a, b| a.config.name.cmp(&b.config.name));

    let mut nodes = Vec::new();
    let mut by_queue_arn = BTreeMap::new();
    let mut by_queue_name = BTreeMap::new();
    for (i, q) in queues.iter().enumerate() {
        by_queue_arn.insert(q.arn.clone(), nodes.len());
        by_queue_name.insert(q.name.to_string(), nodes.len());
        nodes.push(Node {
            kind: Kind::Queue,
            name: q.name.to_string(),
            select: q.name.to_string(),
            detail: format!(
                "{} visible · {} in flight",
                q.approximate_number_of_messages(),
                q.approximate_number_of_messages_not_visible()
            ),
            x: LEFT_X,
            y: TOP + i as f64 * ROW,
        });
    }
    let mut by_function = BTreeMap::new();
    let mut right = 0;
    for f in &functions {
        let running = world
            .lambda()
            .environments()
            .filter(|e| e.function == f.name && e.busy.is_some())
            .count();
        let requests = world.lambda().usage_of(&f.name).requests;
        by_function.insert(f.name.clone(), nodes.len());
        nodes.push(Node {
            kind: Kind::Function,
            name: f.name.clone(),
            select: f.name.clone(),
            detail: format!(
                "{running} running · {requests} request{}",
                if requests == 1 { "" } else { "s" }
            ),
            x: RIGHT_X,
            y: TOP + right as f64 * ROW,
        });
        right += 1;
    }
    let mut fleet_edges = Vec::new();
    for fleet in &fleets {
        let queue = queues.iter().find(|q| q.url == fleet.config.queue_url);
        if let Some(&from) = queue.and_then(|q| by_queue_name.get(&*q.name)) {
            fleet_edges.push((from, nodes.len(), fleet.config.name.clone()));
        }
        nodes.push(Node {
            kind: Kind::Fleet,
            name: fleet.config.name.clone(),
            select: queue.map(|q| q.name.to_string()).unwrap_or_default(),
            detail: format!("consumer fleet · {} pollers", fleet.running()),
            x: RIGHT_X,
            y: TOP + right as f64 * ROW,
        });
        right += 1;
    }

    let traffic = recent_traffic(place, since);
    let lit = |kind: &'static str, from: usize, to: usize| {
        traffic.contains(&(kind, nodes[from].name.clone(), nodes[to].name.clone()))
    };
    let mut edges = Vec::new();
    for m in world.lambda().event_source_mappings() {
        let (Some(&from), Some(&to)) =
            (by_queue_arn.get(&m.queue_arn), by_function.get(&m.function))
        else {
            continue;
        };
        let invoking = m
            .pollers
            .values()
            .any(|p| matches!(p.state, PollerState::Invoking { .. }));
        let mut label = format!("batch {}", m.batch_size);
        if m.batching_window > 0 {
            label.push_str(&format!(" · {} s", m.batching_window));
        }
        edges.push(Edge {
            kind: "trigger",
            from,
            to,
            label,
            inactive: m.state != MappingState::Enabled,
            active: invoking || lit("trigger", from, to),
        });
    }
    for q in &queues {
        let Some(policy) = &q.attributes.redrive_policy else {
            continue;
        };
        let (Some(&from), Some(&to)) = (
            by_queue_name.get(&*q.name),
            by_queue_arn.get(&policy.dead_letter_target_arn),
        ) else {
            continue;
        };
        edges.push(Edge {
            kind: "dlq",
            from,
            to,
            label: format!("DLQ after {}", policy.max_receive_count),
            inactive: false,
            active: lit("dlq", from, to),
        });
    }
    for f in &functions {
        let from = by_function[&f.name];
        let config = f.event_invoke_config.get("$LATEST");
        let targets = [
            (
                "on-success",
                "on success",
                config.and_then(|c| c.on_success.as_ref()),
            ),
            (
                "on-failure",
                "on failure",
                config.and_then(|c| c.on_failure.as_ref()),
            ),
            ("dead-letter", "DLQ", f.dead_letter_target.as_ref()),
        ];
        for (kind, label, arn) in targets {
            let Some(arn) = arn else { continue };
            let to = by_queue_arn
                .get(arn)
                .or_else(|| function_of(arn).and_then(|name| by_function.get(name)));
            if let Some(&to) = to {
                edges.push(Edge {
                    kind,
                    from,
                    to,
                    label: label.to_string(),
                    inactive: false,
                    active: lit(kind, from, to),
                });
            }
        }
    }
    for (from, to, _) in fleet_edges {
        edges.push(Edge {
            kind: "fleet",
            from,
            to,
            // The node says it is a fleet; a label would only crowd the middle.
            label: String::new(),
            inactive: false,
            active: lit("fleet", from, to),
        });
    }
    let rows = queues.len().max(right).max(1);
    Graph {
        nodes,
        edges,
        height: TOP + rows as f64 * ROW,
    }
}

/// The SVG path of an edge and where its label goes (x, y, vertical).
fn route(from: &Node, to: &Node) -> (String, f64, f64, bool) {
    let (fy, ty) = (from.y + NODE_H / 2.0, to.y + NODE_H / 2.0);
    if from.x == to.x {
        // Same column: an arc outside it (queues to the left, functions to the right).
        let (x, out) = if from.kind == Kind::Queue {
            (from.x, from.x - 48.0)
        } else {
            (from.x + NODE_W, from.x + NODE_W + 48.0)
        };
        let d = format!("M{x},{fy} C{out},{fy} {out},{ty} {x},{ty}");
        let lx = (x + out) / 2.0 + if from.kind == Kind::Queue { -4.0 } else { 4.0 };
        return (d, lx, (fy + ty) / 2.0, true);
    }
    // Across: left to right attach a little above the middle, right to left a little below.
    let forward = from.x < to.x;
    let shift = if forward { -6.0 } else { 6.0 };
    let (sx, ex) = if forward {
        (from.x + NODE_W, to.x)
    } else {
        (from.x, to.x + NODE_W)
    };
    let (sy, ey) = (fy + shift, ty + shift);
    let bend = if forward { 70.0 } else { -70.0 };
    let (c1, c2) = (sx + bend, ex - bend);
    let d = format!("M{sx},{sy} C{c1},{sy} {c2},{ey} {ex},{ey}");
    // The label sits a third of the way along, near its source, so labels of crossing edges part.
    let t: f64 = 0.35;
    let u = 1.0 - t;
    let lx = u * u * u * sx + 3.0 * u * u * t * c1 + 3.0 * u * t * t * c2 + t * t * t * ex;
    let ly = sy + (ey - sy) * (3.0 * t * t - 2.0 * t * t * t);
    (d, lx, ly - 4.0, false)
}

/// An edge as drawn; its key changes only when how it looks does, so a
/// lit edge keeps its animation running while the rest of the world moves.
#[derive(Clone)]
struct EdgeShape {
    key: String,
    kind: &'static str,
    from: String,
    to: String,
    d: String,
    lx: f64,
    ly: f64,
    vertical: bool,
    label: String,
    active: bool,
    inactive: bool,
}

fn edge_shapes(g: &Graph) -> Vec<EdgeShape> {
    g.edges
        .iter()
        .map(|e| {
            let (from, to) = (&g.nodes[e.from], &g.nodes[e.to]);
            let (d, lx, ly, vertical) = route(from, to);
            EdgeShape {
                key: format!(
                    "{}|{}|{}|{}|{}|{}|{d}",
                    e.kind, from.name, to.name, e.label, e.active, e.inactive
                ),
                kind: e.kind,
                from: from.name.clone(),
                to: to.name.clone(),
                d,
                lx,
                ly,
                vertical,
                label: e.label.clone(),
                active: e.active,
                inactive: e.inactive,
            }
        })
        .collect()
}

fn node_key(n: &Node) -> String {
    format!(
        "{}|{}|{}|{}|{}",
        n.kind.as_str(),
        n.name,
        n.x,
        n.y,
        n.detail
    )
}

fn short(name: &str, max: usize) -> String {
    if name.chars().count() <= max {
        name.to_string()
    } else {
        let cut: String = name.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

#[component]
pub fn Diagram() -> impl IntoView {
    let state = expect_context::<AppState>();
    let graph = Memo::new(move |_| {
        let playing = state.playing.get();
        let speed = Millis::from(state.speed.get());
        let step_from = state.step_from.get();
        state.read_in(|r| {
            let now = r.world().now();
            let since = if playing {
                now.saturating_sub(PULSE_MS * speed)
            } else {
                step_from.min(now.saturating_sub(PULSE_MS))
            };
            build(r, since)
        })
    });
    let select = move |node: &Node| match node.kind {
        Kind::Function => state.selected_function.set(Some(node.select.clone())),
        Kind::Queue | Kind::Fleet => {
            state.selected.set(Some(node.select.clone()));
            state.selected_function.set(None);
        }
    };
    let selected = move |node: &Node| match node.kind {
        Kind::Function => state
            .selected_function
            .with(|s| s.as_deref() == Some(&node.name)),
        Kind::Queue => {
            state.selected_function.with(Option::is_none)
                && state.selected.with(|s| s.as_deref() == Some(&node.name))
        }
        Kind::Fleet => false,
    };
    view! {
        <section class="panel diagram" data-testid="diagram">
            <h2>"Diagram " <span class="muted">"(click a node to open it)"</span></h2>
            <Show when=move || graph.with(|g| g.nodes.is_empty())>
                <p class="empty">"Queues and functions appear here, with their triggers, dead-letter queues and destinations."</p>
            </Show>
            <Show when=move || graph.with(|g| !g.nodes.is_empty())>
                <svg class="diagram-svg" viewBox=move || format!("0 0 {WIDTH} {}", graph.with(|g| g.height))
                    role="img" aria-label="Queues, functions and the edges between them">
                    <defs>
                        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                            <path d="M0,0 L10,5 L0,10 z" class="arrow-head"></path>
                        </marker>
                        <marker id="arrow-active" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                            <path d="M0,0 L10,5 L0,10 z" class="arrow-head active"></path>
                        </marker>
                    </defs>
                    <text class="column-title" x=LEFT_X y="16">"SQS queues"</text>
                    <text class="column-title" x=RIGHT_X y="16">"Functions · consumers"</text>
                    <For each=move || graph.with(edge_shapes) key=|e| e.key.clone() children=|e| {
                        let marker = if e.active { "url(#arrow-active)" } else { "url(#arrow)" };
                        let transform = e.vertical.then(|| format!("rotate(-90 {} {})", e.lx, e.ly));
                        // A dot running along the lit edge (SVG's own motion animation).
                        let dot = e.active.then(|| view! {
                            <circle class="pulse-dot" r="4">
                                <animateMotion dur="1s" repeatCount="indefinite" path=e.d.clone()></animateMotion>
                            </circle>
                        });
                        view! {
                            <g class=format!("edge edge-{}", e.kind) class:active=e.active class:inactive=e.inactive
                                data-testid="diagram-edge" data-kind=e.kind data-from=e.from data-to=e.to>
                                <path class="edge-line" d=e.d marker-end=marker></path>
                                {dot}
                                <text class="edge-label" x=e.lx y=e.ly transform=transform text-anchor="middle">{e.label}</text>
                            </g>
                        }
                    } />
                    <For each=move || graph.with(|g| g.nodes.clone()) key=node_key children=move |n| {
                        let node = n.clone();
                        let node2 = n.clone();
                        let prefix = match n.kind { Kind::Function => "λ ", Kind::Fleet => "⚙ ", Kind::Queue => "" };
                        view! {
                            <g class=format!("node node-{}", n.kind.as_str()) class:selected=move || selected(&node2)
                                data-testid="diagram-node" data-kind=n.kind.as_str() data-name=n.name.clone()
                                tabindex="0" role="button" aria-label=format!("Open {} {}", n.kind.as_str(), n.name)
                                on:click={
                                    let node = node.clone();
                                    move |_| select(&node)
                                }
                                on:keydown=move |ev| if ev.key() == "Enter" || ev.key() == " " {
                                    ev.prevent_default();
                                    select(&node);
                                }>
                                <title>{format!("{} {}: {}", n.kind.as_str(), n.name, n.detail)}</title>
                                <rect x=n.x y=n.y width=NODE_W height=NODE_H rx="6"></rect>
                                <text class="node-name" x={n.x + 8.0} y={n.y + 15.0}>{format!("{prefix}{}", short(&n.name, 21))}</text>
                                <text class="node-detail" x={n.x + 8.0} y={n.y + 30.0}>{n.detail.clone()}</text>
                            </g>
                        }
                    } />
                </svg>
                <p class="diagram-legend muted">
                    "An edge lights up with traffic in virtual time — a batch invoked or processed, a message moved to a dead-letter queue, a destination record sent, a fleet processing a message: "
                    "while playing, in the last 2 s × the speed; otherwise, since your last action. A dashed grey trigger is disabled."
                </p>
            </Show>
        </section>
    }
}
