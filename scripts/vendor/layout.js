// The diagram's graph layout: dagre's layered layout behind one function the
// wasm page calls, `stratusLayout(specJson) -> layoutJson`. Input: nodes with
// sizes, edges with label sizes, in a fixed order; the same input gives the
// same output, so the page stays deterministic.
import dagre from '@dagrejs/dagre';

globalThis.stratusLayout = function stratusLayout(specJson) {
  const spec = JSON.parse(specJson);
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: spec.rankdir || 'LR',
    nodesep: spec.nodesep ?? 24,
    ranksep: spec.ranksep ?? 90,
    edgesep: spec.edgesep ?? 16,
    marginx: 12,
    marginy: 12,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of spec.nodes) g.setNode(n.id, { width: n.width, height: n.height });
  spec.edges.forEach((e, i) => {
    g.setEdge(e.from, e.to, { width: e.labelWidth || 0, height: e.labelHeight || 0, labelpos: 'c' }, 'e' + i);
  });
  dagre.layout(g);
  const graph = g.graph();
  return JSON.stringify({
    width: graph.width || 0,
    height: graph.height || 0,
    nodes: spec.nodes.map((n) => {
      const p = g.node(n.id);
      return { x: p.x - n.width / 2, y: p.y - n.height / 2 };
    }),
    edges: spec.edges.map((e, i) => {
      const p = g.edge({ v: e.from, w: e.to, name: 'e' + i });
      return { points: p.points.map((q) => [q.x, q.y]), labelX: p.x ?? null, labelY: p.y ?? null };
    }),
  });
};
