import type { Graph } from '../api/types.js';

/** The union of two neighbourhoods, nodes and edges each once (first seen wins), root kept from `a`. */
export function mergeGraph(a: Graph, b: Graph): Graph {
  const nodes = new Map(a.nodes.map((n) => [n.id, n]));
  for (const n of b.nodes) if (!nodes.has(n.id)) nodes.set(n.id, n);
  const edges = new Map(a.edges.map((e) => [e.id, e]));
  for (const e of b.edges) if (!edges.has(e.id)) edges.set(e.id, e);
  return {
    root: a.root,
    nodes: [...nodes.values()],
    edges: [...edges.values()],
    truncated: a.truncated || b.truncated,
  };
}
