//! The architecture diagram (SVG), laid out by `diagram_layout` (a layered
//! graph layout, left to right), with zoom and pan. Nodes: queues, functions
//! and consumer fleets, each kind sorted by name, so the layout depends only
//! on the world. Edges: SQS triggers (queue → function, with the batch
//! size), RedrivePolicy (queue → its dead-letter queue), a function's
//! asynchronous destinations and DeadLetterConfig, and consumer fleets. An
//! edge lights up while the trace shows traffic on it recently in virtual
//! time (a batch processed, a message moved to a DLQ, a destination record
//! sent, a fleet processing a message) or a batch is being invoked now.
//! EventBridge's buses, rules and their targets come from `diagram_events`.
//! Clicking a node selects that queue, function, bus or rule.

use super::diagram_layout::{label_width, lay_out, Layout, Shape, NODE_H, NODE_W};
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

/// Zoom steps of the + and − buttons, and the range they stay in.
const ZOOM_STEP: f64 = 1.25;
const ZOOM_MIN: f64 = 0.4;
const ZOOM_MAX: f64 = 3.0;
/// The automatic fit shrinks a wide graph at most this far; past it, the graph scrolls.
/// The stylesheet may raise it (`--diagram-fit-floor`: 1 on a phone, where text drawn
/// smaller than 12 px cannot be read).
const AUTO_MIN_SCALE: f64 = 0.6;
/// Traffic this recent (virtual ms, times the playback speed while playing) lights an edge.
const PULSE_MS: Millis = 2_000;
/// Most trace events looked at for recent traffic.
const SCAN_LIMIT: usize = 20_000;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Kind {
    Queue,
    Function,
    Fleet,
    Bus,
    Rule,
}

impl Kind {
    fn as_str(&self) -> &'static str {
        match self {
            Kind::Queue => "queue",
            Kind::Function => "function",
            Kind::Fleet => "fleet",
            Kind::Bus => "bus",
            Kind::Rule => "rule",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct Node {
    pub kind: Kind,
    pub name: String,
    /// What selecting it shows: the queue (for a queue or a fleet), the function, or the
    /// bus or rule (as the resource tree names it, `buses::parse`).
    pub select: String,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) struct Edge {
    pub kind: &'static str,
    pub from: usize,
    pub to: usize,
    pub label: String,
    /// Disabled or being deleted: drawn dashed and grey.
    pub inactive: bool,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Default)]
struct Graph {
    nodes: Vec<Node>,
    edges: Vec<Edge>,
}

impl Graph {
    /// What the layout depends on: nodes and edges, not the live counts.
    fn shape(&self) -> Shape {
        Shape {
            nodes: self
                .nodes
                .iter()
                .map(|n| format!("{}:{}", n.kind.as_str(), n.name))
                .collect(),
            edges: self
                .edges
                .iter()
                .map(|e| (e.from, e.to, e.label.clone()))
                .collect(),
        }
    }
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
    for q in &queues {
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
        });
    }
    let mut by_function = BTreeMap::new();
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
        });
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
        });
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
    super::diagram_events::add(place, since, &mut nodes, &mut edges, |arn| {
        by_queue_arn
            .get(arn)
            .or_else(|| function_of(arn).and_then(|name| by_function.get(name)))
            .copied()
    });
    Graph { nodes, edges }
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
    label: String,
    active: bool,
    inactive: bool,
}

fn edge_shapes(g: &Graph, layout: &Layout) -> Vec<EdgeShape> {
    g.edges
        .iter()
        .zip(&layout.edges)
        .map(|(e, path)| {
            let (from, to) = (&g.nodes[e.from], &g.nodes[e.to]);
            let (d, lx, ly) = (path.d.clone(), path.label_x, path.label_y);
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
                label: e.label.clone(),
                active: e.active,
                inactive: e.inactive,
            }
        })
        .collect()
}

/// A node as drawn, at its place.
#[derive(Clone)]
struct NodeShape {
    node: Node,
    x: f64,
    y: f64,
}

fn node_shapes(g: &Graph, layout: &Layout) -> Vec<NodeShape> {
    g.nodes
        .iter()
        .zip(&layout.nodes)
        .map(|(node, &(x, y))| NodeShape {
            node: node.clone(),
            x,
            y,
        })
        .collect()
}

fn node_key(n: &NodeShape) -> String {
    format!(
        "{}|{}|{}|{}|{}",
        n.node.kind.as_str(),
        n.node.name,
        n.x,
        n.y,
        n.node.detail
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
    // Laid out again only when the graph's shape changes, not its live counts.
    let shape = Memo::new(move |_| graph.with(Graph::shape));
    let layout = Memo::new(move |_| {
        graph.with_untracked(|g| {
            shape.with(|s| lay_out(s, |i| g.nodes.get(i).is_some_and(|n| n.kind == Kind::Queue)))
        })
    });
    // None: shrink to the panel's width (never below AUTO_MIN_SCALE, never above its own
    // size), so the whole graph shows first; Some(z): z × its own size (12 px text at 1).
    let zoom = RwSignal::new(None::<f64>);
    let viewport = NodeRef::<leptos::html::Div>::new();
    let svg_style = move || {
        let width = layout.with(|l| l.width);
        match zoom.get() {
            None => format!(
                "width: 100%; max-width: {width:.0}px; min-width: calc({width:.0}px * var(--diagram-fit-floor, {AUTO_MIN_SCALE}))"
            ),
            Some(z) => format!("width: {:.0}px; max-width: none", width * z),
        }
    };
    // The scale shown now, measured (the automatic fit is CSS's).
    let current_scale = move || {
        let width = layout.with_untracked(|l| l.width);
        viewport
            .get_untracked()
            .and_then(|el| el.first_element_child())
            .map(|svg| f64::from(svg.client_width()) / width.max(1.0))
            .unwrap_or(1.0)
    };
    let zoom_by = move |factor: f64| {
        let from = zoom.get_untracked().unwrap_or_else(current_scale);
        zoom.set(Some((from * factor).clamp(ZOOM_MIN, ZOOM_MAX)));
    };
    let fit = move || {
        let width = layout.with_untracked(|l| l.width);
        if let Some(el) = viewport.get_untracked() {
            let room = f64::from(el.client_width()) - 2.0;
            if room > 0.0 && width > 0.0 {
                zoom.set(Some((room / width).clamp(ZOOM_MIN, ZOOM_MAX)));
            }
        }
    };
    // Drag the drawing to pan: it scrolls inside its viewport.
    let drag = StoredValue::new(None::<(i32, i32, i32, i32)>);
    let on_pointer_down = move |ev: leptos::ev::PointerEvent| {
        if let Some(el) = viewport.get_untracked() {
            drag.set_value(Some((
                ev.client_x(),
                ev.client_y(),
                el.scroll_left(),
                el.scroll_top(),
            )));
        }
    };
    let on_pointer_move = move |ev: leptos::ev::PointerEvent| {
        if let (Some((x, y, left, top)), Some(el)) = (drag.get_value(), viewport.get_untracked()) {
            el.set_scroll_left(left - (ev.client_x() - x));
            el.set_scroll_top(top - (ev.client_y() - y));
        }
    };
    let end_drag = move |_| drag.set_value(None);
    let select = move |node: &Node| {
        match node.kind {
            Kind::Function => state.selected_function.set(Some(node.select.clone())),
            Kind::Queue | Kind::Fleet => {
                state.selected.set(Some(node.select.clone()));
                state.selected_function.set(None);
            }
            Kind::Bus | Kind::Rule => state
                .selected_events
                .set(Some(super::buses::parse(&node.select))),
        }
        super::reveal_inspector();
    };
    let selected = move |node: &Node| match node.kind {
        Kind::Function => {
            state.selected_events.with(Option::is_none)
                && state
                    .selected_function
                    .with(|s| s.as_deref() == Some(&node.name))
        }
        Kind::Queue => {
            state.selected_function.with(Option::is_none)
                && state.selected_events.with(Option::is_none)
                && state.selected.with(|s| s.as_deref() == Some(&node.name))
        }
        Kind::Fleet => false,
        Kind::Bus | Kind::Rule => state
            .selected_events
            .with(|s| s.as_ref() == Some(&super::buses::parse(&node.select))),
    };
    view! {
        <section class="panel diagram" data-testid="diagram">
            <div class="diagram-head">
                <h2>"Diagram " <span class="muted">"(click a node to open it)"</span></h2>
                <div class="diagram-zoom" role="group" aria-label="Zoom the diagram">
                    <button class="small" data-testid="diagram-zoom-out" title="Zoom out" aria-label="Zoom out" on:click=move |_| zoom_by(1.0 / ZOOM_STEP)>"−"</button>
                    <span class="zoom-level" data-testid="diagram-zoom-level" aria-live="polite">
                        {move || zoom.get().map_or("fit".to_string(), |z| format!("{:.0}%", z * 100.0))}
                    </span>
                    <button class="small" data-testid="diagram-zoom-in" title="Zoom in" aria-label="Zoom in" on:click=move |_| zoom_by(ZOOM_STEP)>"+"</button>
                    <button class="small" data-testid="diagram-zoom-fit" title="Fit the diagram to the panel's width" on:click=move |_| fit()>"Fit"</button>
                    <button class="small" data-testid="diagram-zoom-reset" title="Its own size (100%)" on:click=move |_| zoom.set(Some(1.0))>"100%"</button>
                </div>
            </div>
            <Show when=move || graph.with(|g| g.nodes.is_empty())>
                <p class="empty">"Queues, functions, event buses and rules appear here, with their triggers, targets, dead-letter queues and destinations."</p>
            </Show>
            <Show when=move || graph.with(|g| !g.nodes.is_empty())>
                <div class="diagram-viewport" node_ref=viewport
                    on:pointerdown=on_pointer_down on:pointermove=on_pointer_move
                    on:pointerup=end_drag on:pointerleave=end_drag>
                <svg class="diagram-svg" style=svg_style data-testid="diagram-svg"
                    viewBox=move || layout.with(|l| format!("0 0 {:.0} {:.0}", l.width, l.height))
                    role="group" aria-label="Queues, functions and the edges between them">
                    <defs>
                        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                            <path d="M0,0 L10,5 L0,10 z" class="arrow-head"></path>
                        </marker>
                        <marker id="arrow-active" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                            <path d="M0,0 L10,5 L0,10 z" class="arrow-head active"></path>
                        </marker>
                    </defs>
                    <For each=move || graph.with(|g| layout.with(|l| edge_shapes(g, l))) key=|e| e.key.clone() children=|e| {
                        let marker = if e.active { "url(#arrow-active)" } else { "url(#arrow)" };
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
                                {(!e.label.is_empty()).then(|| {
                                    let w = label_width(&e.label);
                                    view! { <rect class="edge-label-bg" x={e.lx - w / 2.0} y={e.ly - 9.0} width=w height="18" rx="3"></rect> }
                                })}
                                <text class="edge-label" x=e.lx y={e.ly + 4.0} text-anchor="middle">{e.label}</text>
                            </g>
                        }
                    } />
                    <For each=move || graph.with(|g| layout.with(|l| node_shapes(g, l))) key=node_key children=move |shape| {
                        let NodeShape { node: n, x, y } = shape;
                        let node = n.clone();
                        let node2 = n.clone();
                        let prefix = match n.kind { Kind::Function => "λ ", Kind::Fleet => "⚙ ", Kind::Bus => "⇶ ", Kind::Rule => "⛛ ", Kind::Queue => "" };
                        let shown = format!("{prefix}{}", short(&n.name, 22));
                        view! {
                            <g class=format!("node node-{}", n.kind.as_str()) class:selected=move || selected(&node2)
                                data-testid="diagram-node" data-kind=n.kind.as_str() data-name=n.name.clone()
                                tabindex="0" role="button"
                                on:pointerdown=|ev| ev.stop_propagation()
                                on:click={
                                    let node = node.clone();
                                    move |_| select(&node)
                                }
                                on:keydown=move |ev| if ev.key() == "Enter" || ev.key() == " " {
                                    ev.prevent_default();
                                    select(&node);
                                }>
                                // Its accessible name, and the full name's tooltip: "queue orders: 0 visible · 0 in flight".
                                <title>{format!("{} {}: {}", n.kind.as_str(), n.name, n.detail)}</title>
                                <rect x=x y=y width=NODE_W height=NODE_H rx="6"></rect>
                                <text class="node-name" x={x + 8.0} y={y + 17.0}>{shown}</text>
                                <text class="node-detail" x={x + 8.0} y={y + 35.0}>{n.detail.clone()}</text>
                            </g>
                        }
                    } />
                </svg>
                </div>
                <p class="diagram-legend muted">
                    "Messages flow left to right. Drag to pan; −, + and Fit zoom. "
                    "An edge lights up with traffic in virtual time — an event matched by a rule or sent to a target, a batch invoked or processed, a message moved to a dead-letter queue, a destination record sent, a fleet processing a message: "
                    "while playing, in the last 2 s × the speed; otherwise, since your last action. A dashed grey trigger is disabled."
                </p>
            </Show>
        </section>
    }
}
