import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { presentVersions } from '../../present/present-objects.js';
import type { PresentedVersion } from '../../present/present-objects.js';
import type { Viewer } from '../../policy/viewer.js';
import { STORED_VERSION_COLUMNS, toStoredVersion } from '../../store/objects/read-objects.js';
import { visibleCurrent } from '../../store/objects/visible-versions.js';
import type { Database } from '../../store/schema.js';
import { nodeLabel, refsOf } from './graph-refs.js';
import type { Graph, GraphEdge, GraphNode } from './graph.schema.js';

/** Ids are matched inside the stored text with LIKE, so only plain STIX ids may take part. */
const SAFE_ID = /^[a-z0-9-]+--[0-9a-fA-F-]{36}$/;

export interface GraphLimits {
  maxNodes: number;
  /** Nodes whose neighbours are looked up per step; the rest wait for a click. */
  maxFrontier: number;
  maxReferrers: number;
}
const LIMITS: GraphLimits = { maxNodes: 250, maxFrontier: 50, maxReferrers: 500 };

async function present(db: Kysely<Database>, viewer: Viewer, rows: Parameters<typeof toStoredVersion>[0][]) {
  return presentVersions(db, viewer, rows.map(toStoredVersion));
}

/** The newest visible versions of `ids`, presented (references to invisible objects removed). */
async function load(db: Kysely<Database>, viewer: Viewer, ids: string[]): Promise<PresentedVersion[]> {
  const out: PresentedVersion[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await visibleCurrent(db, viewer)
      .where('o.id', 'in', ids.slice(i, i + 500))
      .select(STORED_VERSION_COLUMNS)
      .execute();
    out.push(...(await present(db, viewer, rows)));
  }
  return out;
}

/** Visible objects whose stored text mentions one of `ids`: relationships, sightings, reports... */
async function referrers(db: Kysely<Database>, viewer: Viewer, ids: string[], limit: number) {
  const rows = await visibleCurrent(db, viewer)
    .where((eb) => eb.or(ids.map((id) => eb(sql.ref('o.data'), 'like', `%${id}%`))))
    .where('o.id', 'not in', ids)
    .select(STORED_VERSION_COLUMNS)
    .orderBy('o.seq', 'desc')
    .limit(limit)
    .execute();
  return present(db, viewer, rows);
}

/**
 * The neighbourhood of `rootId` as the viewer may see it: relationships become edges, other objects
 * that reference a node (sightings, reports, notes) become nodes with an edge per reference, and a
 * node's own `*_ref(s)` become edges. Everything is read through the visibility rule and presented, so
 * a reference to an invisible object never yields a node or an edge. Undefined when the root is invisible.
 */
export async function objectGraph(
  db: Kysely<Database>,
  viewer: Viewer,
  rootId: string,
  depth: number,
  limits: GraphLimits = LIMITS,
): Promise<Graph | undefined> {
  const [root] = await load(db, viewer, [rootId]);
  if (root === undefined) return undefined;
  const objects = new Map<string, PresentedVersion>([[rootId, root]]);
  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  let truncated = false;
  const addNode = ({ object, meta }: PresentedVersion): boolean => {
    if (nodes.has(object.id)) return false;
    if (nodes.size >= limits.maxNodes) {
      truncated = true;
      return false;
    }
    objects.set(object.id, { object, meta });
    nodes.set(object.id, {
      id: object.id,
      type: object.type,
      label: nodeLabel(object),
      tlp: meta.tlp,
      owner_org: meta.owner_org,
    });
    return true;
  };
  const addEdge = (edge: GraphEdge) => edges.set(edge.id, edge);
  addNode(root);
  let frontier = [rootId];
  for (let step = 0; step < depth && frontier.length > 0; step++) {
    if (frontier.length > limits.maxFrontier) truncated = true;
    frontier = frontier.slice(0, limits.maxFrontier).filter((id) => SAFE_ID.test(id));
    const inFrontier = new Set(frontier);
    const wanted = new Set<string>();
    for (const id of frontier) {
      for (const ref of refsOf(objects.get(id)!.object)) {
        addEdge({
          id: `${id}|${ref.key}|${ref.id}`,
          source: id,
          target: ref.id,
          label: ref.key,
          kind: 'ref',
        });
        wanted.add(ref.id);
      }
    }
    const added: string[] = [];
    for (const found of await referrers(db, viewer, frontier, limits.maxReferrers)) {
      const o = found.object;
      const source = typeof o.source_ref === 'string' ? o.source_ref : undefined;
      const target = typeof o.target_ref === 'string' ? o.target_ref : undefined;
      if (o.type === 'relationship') {
        if (source === undefined || target === undefined) continue;
        if (!inFrontier.has(source) && !inFrontier.has(target)) continue;
        const label = typeof o.relationship_type === 'string' ? o.relationship_type : 'related-to';
        addEdge({ id: o.id, source, target, label, kind: 'relationship' });
        wanted.add(source);
        wanted.add(target);
        continue;
      }
      const refs = refsOf(o).filter((r) => inFrontier.has(r.id));
      if (refs.length === 0) continue; // mentioned in free text only
      if (addNode(found)) added.push(o.id);
      for (const ref of refs)
        addEdge({
          id: `${o.id}|${ref.key}|${ref.id}`,
          source: o.id,
          target: ref.id,
          label: ref.key,
          kind: 'ref',
        });
    }
    const missing = [...wanted].filter((id) => !nodes.has(id));
    for (const found of missing.length === 0 ? [] : await load(db, viewer, missing))
      if (addNode(found)) added.push(found.object.id);
    frontier = added;
  }
  const kept = [...edges.values()].filter((e) => nodes.has(e.source) && nodes.has(e.target));
  return { root: rootId, nodes: [...nodes.values()], edges: kept, truncated };
}
