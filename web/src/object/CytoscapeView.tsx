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
    const added = instance.collection();
    for (const n of graph.nodes)
      if (instance.getElementById(n.id).empty())
        added.merge(instance.add({ group: 'nodes', data: { ...n } }));
    for (const e of graph.edges)
      if (instance.getElementById(e.id).empty())
        added.merge(instance.add({ group: 'edges', data: { ...e } }));
    instance.nodes().forEach((n) => {
      n.toggleClass('root', n.id() === graph.root);
      n.toggleClass('expanded', expanded.has(n.id()));
    });
    if (added.nonempty())
      instance.layout({ name: 'fcose', animate: false, randomize: false } as cytoscape.LayoutOptions).run();
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
