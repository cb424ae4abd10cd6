import { describe, expect, it } from 'vitest';
import type { Graph } from '../api/types.js';
import { mergeGraph } from './merge-graph.js';

const node = (id: string) => ({ id, type: 'malware', label: id, tlp: null, owner_org: 'o' });
const edge = (id: string, source: string, target: string) => ({
  id,
  source,
  target,
  label: 'uses',
  kind: 'relationship' as const,
});

describe('mergeGraph', () => {
  it('adds new nodes and edges once and keeps the first root', () => {
    const a: Graph = {
      root: 'a',
      nodes: [node('a'), node('b')],
      edges: [edge('e1', 'a', 'b')],
      truncated: false,
    };
    const b: Graph = {
      root: 'b',
      nodes: [node('b'), node('c')],
      edges: [edge('e1', 'a', 'b'), edge('e2', 'b', 'c')],
      truncated: true,
    };
    const merged = mergeGraph(a, b);
    expect(merged.root).toBe('a');
    expect(merged.nodes.map((n) => n.id)).toEqual(['a', 'b', 'c']);
    expect(merged.edges.map((e) => e.id)).toEqual(['e1', 'e2']);
    expect(merged.truncated).toBe(true);
  });
});
