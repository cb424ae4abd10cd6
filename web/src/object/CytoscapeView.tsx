import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import { useEffect, useRef } from 'react';
import type { Graph } from '../api/types.js';
import { graphStyle } from './graph-style.js';

cytoscape.use(fcose);

/** Draws the graph with cytoscape (fcose layout); a tap on a node asks for its neighbours. */
export function CytoscapeView({
  graph,
  expanded,
  onExpand,
}: {
  graph: Graph;
  expanded: ReadonlySet<string>;
  onExpand: (id: string) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const cy = useRef<cytoscape.Core | null>(null);
  const expand = useRef(onExpand);
  expand.current = onExpand;

  useEffect(() => {
    if (box.current === null) return;
    const instance = cytoscape({
      container: box.current,
      style: graphStyle(document.documentElement.dataset.theme === 'dark'),
      wheelSensitivity: 0.3,
      minZoom: 0.1,
      maxZoom: 3,
    });
    instance.on('tap', 'node', (event) => {
      expand.current((event.target as cytoscape.NodeSingular).id());
    });
    cy.current = instance;
    return () => {
      instance.destroy();
      cy.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = cy.current;
    if (instance === null) return;
    const first = instance.nodes().empty();
    const added = instance.collection();
    for (const n of graph.nodes) {
      if (!instance.getElementById(n.id).empty()) continue;
      // A new node starts beside a node it links to, so an expansion grows where it was asked for.
      const anchor = graph.edges
        .map((e) => (e.source === n.id ? e.target : e.target === n.id ? e.source : null))
        .map((id) => (id === null ? null : instance.getElementById(id)))
        .find((el) => el !== null && el.nonempty());
      const at = anchor?.position() ?? { x: 0, y: 0 };
      const position = { x: at.x + (Math.random() - 0.5) * 80, y: at.y + (Math.random() - 0.5) * 80 };
      added.merge(instance.add({ group: 'nodes', data: { ...n }, position }));
    }
    for (const e of graph.edges)
      if (instance.getElementById(e.id).empty())
        added.merge(instance.add({ group: 'edges', data: { ...e } }));
    instance.nodes().forEach((n) => {
      n.toggleClass('root', n.id() === graph.root);
      n.toggleClass('expanded', expanded.has(n.id()));
    });
    if (added.nonempty()) {
      instance
        .layout({ name: 'fcose', animate: false, randomize: first, fit: false } as cytoscape.LayoutOptions)
        .run();
      // Fit, but never blow a handful of nodes up to fill the box.
      instance.fit(undefined, 40);
      if (instance.zoom() > 1.2) {
        instance.zoom(1.2);
        instance.center();
      }
    }
  }, [graph, expanded]);

  return (
    <div
      ref={box}
      className="cy"
      role="img"
      aria-label={`Relationship graph with ${graph.nodes.length} objects`}
      data-testid="graph-canvas"
    />
  );
}
