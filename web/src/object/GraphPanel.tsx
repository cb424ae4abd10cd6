import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useCallback, useState } from 'react';
import { api } from '../api/client.js';
import type { Graph } from '../api/types.js';
import { ErrorNote } from '../app/ErrorNote.js';
import { Loading } from '../app/Loading.js';
import { CytoscapeView } from './CytoscapeView.js';
import { mergeGraph } from './merge-graph.js';

const fetchGraph = (id: string) => api<Graph>(`/api/v1/objects/${id}/graph?depth=1`);

/**
 * The relationship graph around an object. Tapping a node (or its "Expand" button in the list, the
 * keyboard way) fetches that node's neighbours and merges them in.
 */
export default function GraphPanel({ id }: { id: string }) {
  const first = useQuery({ queryKey: ['graph', id], queryFn: () => fetchGraph(id) });
  const [extra, setExtra] = useState<Graph | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set([id]));
  const [error, setError] = useState<unknown>(null);
  const base = first.data;
  const graph = base === undefined ? undefined : extra === null ? base : mergeGraph(base, extra);

  const expand = useCallback(
    (nodeId: string) => {
      if (expanded.has(nodeId)) return;
      setExpanded(new Set([...expanded, nodeId]));
      fetchGraph(nodeId).then(
        (more) => {
          setExtra((prev) => (prev === null ? more : mergeGraph(prev, more)));
        },
        (e: unknown) => {
          setError(e);
        },
      );
    },
    [expanded],
  );

  return (
    <section className="card" aria-labelledby="graph-title">
      <h2 id="graph-title">Relationships</h2>
      {first.isPending && <Loading what="Loading the graph" />}
      {first.error !== null && <ErrorNote error={first.error} />}
      {error !== null && <ErrorNote error={error} />}
      {graph !== undefined && (
        <div className="graph">
          <CytoscapeView graph={graph} expanded={expanded} onExpand={expand} />
          <div className="graph-list">
            <p className="muted" data-testid="graph-count">
              {graph.nodes.length} objects, {graph.edges.length} links
              {graph.truncated ? ' (cut at the limit)' : ''}
            </p>
            <ul>
              {graph.nodes.map((n) => (
                <li key={n.id}>
                  <Link to="/objects/$id" params={{ id: n.id }}>
                    {n.label}
                  </Link>{' '}
                  <span className="muted">{n.type}</span>{' '}
                  {!expanded.has(n.id) && (
                    <button
                      type="button"
                      className="small"
                      onClick={() => {
                        expand(n.id);
                      }}
                      aria-label={`Expand ${n.label}`}
                    >
                      Expand
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
