import { z } from 'zod';

export const GraphQuery = z.object({
  depth: z.coerce.number().int().min(1).max(3).default(1),
});

export const GraphNode = z.object({
  id: z.string(),
  type: z.string(),
  label: z.string(),
  tlp: z.string().nullable(),
  owner_org: z.string(),
});
export type GraphNode = z.infer<typeof GraphNode>;

export const GraphEdge = z.object({
  id: z.string(),
  source: z.string(),
  target: z.string(),
  label: z.string(),
  /** `relationship` for SROs, `ref` for an embedded `*_ref(s)` property (sightings, reports...). */
  kind: z.enum(['relationship', 'ref']),
});
export type GraphEdge = z.infer<typeof GraphEdge>;

export const Graph = z.object({
  root: z.string(),
  nodes: z.array(GraphNode),
  edges: z.array(GraphEdge),
  /** True when the neighbourhood was cut at the node limit. */
  truncated: z.boolean(),
});
export type Graph = z.infer<typeof Graph>;
