//! Where the diagram's nodes, edges and edge labels go. A layered layout from
//! dagre (bundled in `www/vendor/layout.js`, called as `stratusLayout`): the
//! flow reads left to right (a queue, the function it triggers, that
//! function's destinations, dead-letter queues after their sources), edges
//! bend around nodes and each label sits on its own edge. The layout depends
//! only on the graph's shape (names, kinds, edges, labels), not on live
//! counts, so it is computed once per change of shape. Without the bundle
//! (it failed to load) the nodes fall back to two columns.

use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

pub const NODE_W: f64 = 190.0;
pub const NODE_H: f64 = 44.0;
/// Edge labels are 12 px text: about 7 px a character, one line.
const LABEL_CHAR_W: f64 = 7.0;
const LABEL_H: f64 = 16.0;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = globalThis, js_name = stratusLayout, catch)]
    fn stratus_layout(spec: &str) -> Result<String, JsValue>;
}

/// The graph's shape: what the layout depends on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Shape {
    /// Node ids (kind and name), in a fixed order.
    pub nodes: Vec<String>,
    /// (from, to, label) by node index.
    pub edges: Vec<(usize, usize, String)>,
}

/// Positions: each node's top-left corner, each edge's path and label point.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<(f64, f64)>,
    pub edges: Vec<EdgePath>,
}

#[derive(Clone, Debug, PartialEq, Default)]
pub struct EdgePath {
    /// SVG path data.
    pub d: String,
    pub label_x: f64,
    pub label_y: f64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SpecNode<'a> {
    id: &'a str,
    width: f64,
    height: f64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SpecEdge<'a> {
    from: &'a str,
    to: &'a str,
    label_width: f64,
    label_height: f64,
}

#[derive(Serialize)]
struct Spec<'a> {
    nodes: Vec<SpecNode<'a>>,
    edges: Vec<SpecEdge<'a>>,
}

#[derive(Deserialize)]
struct Placed {
    x: f64,
    y: f64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Routed {
    points: Vec<(f64, f64)>,
    label_x: Option<f64>,
    label_y: Option<f64>,
}

#[derive(Deserialize)]
struct Answer {
    width: f64,
    height: f64,
    nodes: Vec<Placed>,
    edges: Vec<Routed>,
}

/// The room an edge label takes on its edge.
pub fn label_width(label: &str) -> f64 {
    label.chars().count() as f64 * LABEL_CHAR_W + 8.0
}

/// Lays the graph out with dagre, or in two columns when dagre is not there.
pub fn lay_out(shape: &Shape, left_column: impl Fn(usize) -> bool) -> Layout {
    dagre(shape).unwrap_or_else(|| columns(shape, left_column))
}

fn dagre(shape: &Shape) -> Option<Layout> {
    let spec = Spec {
        nodes: shape
            .nodes
            .iter()
            .map(|id| SpecNode {
                id,
                width: NODE_W,
                height: NODE_H,
            })
            .collect(),
        edges: shape
            .edges
            .iter()
            .map(|(from, to, label)| SpecEdge {
                from: &shape.nodes[*from],
                to: &shape.nodes[*to],
                label_width: if label.is_empty() {
                    0.0
                } else {
                    label_width(label)
                },
                label_height: if label.is_empty() { 0.0 } else { LABEL_H },
            })
            .collect(),
    };
    let answer = stratus_layout(&serde_json::to_string(&spec).ok()?).ok()?;
    let answer: Answer = serde_json::from_str(&answer).ok()?;
    if answer.nodes.len() != shape.nodes.len() || answer.edges.len() != shape.edges.len() {
        return None;
    }
    Some(Layout {
        width: answer.width.max(NODE_W),
        height: answer.height.max(NODE_H),
        nodes: answer.nodes.iter().map(|p| (p.x, p.y)).collect(),
        edges: answer
            .edges
            .iter()
            .map(|e| {
                let mid = e
                    .points
                    .get(e.points.len() / 2)
                    .copied()
                    .unwrap_or_default();
                EdgePath {
                    d: smooth_path(&e.points),
                    label_x: e.label_x.unwrap_or(mid.0),
                    label_y: e.label_y.unwrap_or(mid.1),
                }
            })
            .collect(),
    })
}

/// A smooth curve through the points (Catmull-Rom turned into cubic Béziers).
fn smooth_path(points: &[(f64, f64)]) -> String {
    let Some(&(x0, y0)) = points.first() else {
        return String::new();
    };
    let mut d = format!("M{x0:.1},{y0:.1}");
    if points.len() == 2 {
        let (x1, y1) = points[1];
        d.push_str(&format!(" L{x1:.1},{y1:.1}"));
        return d;
    }
    for i in 0..points.len().saturating_sub(1) {
        let p0 = points[i.saturating_sub(1)];
        let p1 = points[i];
        let p2 = points[i + 1];
        let p3 = points[(i + 2).min(points.len() - 1)];
        let c1 = (p1.0 + (p2.0 - p0.0) / 6.0, p1.1 + (p2.1 - p0.1) / 6.0);
        let c2 = (p2.0 - (p3.0 - p1.0) / 6.0, p2.1 - (p3.1 - p1.1) / 6.0);
        d.push_str(&format!(
            " C{:.1},{:.1} {:.1},{:.1} {:.1},{:.1}",
            c1.0, c1.1, c2.0, c2.1, p2.0, p2.1
        ));
    }
    d
}

/// Two columns (queues left, the rest right), straight edges: the layout without dagre.
fn columns(shape: &Shape, left_column: impl Fn(usize) -> bool) -> Layout {
    const ROW: f64 = NODE_H + 16.0;
    const GAP: f64 = 200.0;
    let (mut left, mut right) = (0.0, 0.0);
    let nodes: Vec<(f64, f64)> = (0..shape.nodes.len())
        .map(|i| {
            let row = if left_column(i) {
                &mut left
            } else {
                &mut right
            };
            let y = 12.0 + *row * ROW;
            *row += 1.0;
            (
                if left_column(i) {
                    12.0
                } else {
                    12.0 + NODE_W + GAP
                },
                y,
            )
        })
        .collect();
    let edges = shape
        .edges
        .iter()
        .map(|&(from, to, _)| {
            let (a, b) = (nodes[from], nodes[to]);
            let start = (a.0 + NODE_W, a.1 + NODE_H / 2.0);
            let end = (b.0, b.1 + NODE_H / 2.0);
            EdgePath {
                d: format!("M{:.1},{:.1} L{:.1},{:.1}", start.0, start.1, end.0, end.1),
                label_x: (start.0 + end.0) / 2.0,
                label_y: (start.1 + end.1) / 2.0 - 4.0,
            }
        })
        .collect();
    Layout {
        width: 24.0 + 2.0 * NODE_W + GAP,
        height: 24.0 + left.max(right).max(1.0) * ROW,
        nodes,
        edges,
    }
}
