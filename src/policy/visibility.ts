import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import { sql } from 'kysely';
import type { Viewer } from './viewer.js';

/** The two facts about an object version that decide who may see it. */
export interface Audience {
  readonly ownerOrg: string;
  /** A Distribution; typed as text because stored rows carry it as such. */
  readonly distribution: string;
}

/**
 * THE visibility rule (BRIEF.md, "The sharing model"): an admin sees everything; a user sees a version
 * when their organisation is its owner, a member of its sharing group, or it goes to the community or
 * the public; an anonymous viewer sees public versions only. `federation` reaches the whole community
 * here, like `community`, and also connected instances: a peer viewer (`viewer.peer`, src/federation)
 * sees `public`, `federation` and the spanning sharing groups of its rule — never `community`, never
 * by ownership.
 */
export function canSee(viewer: Viewer, version: Audience): boolean {
  const d = version.distribution;
  if (d === 'public') return true;
  if (viewer.kind === 'anonymous') return false;
  if (viewer.peer !== undefined)
    return d === 'federation' || (d.startsWith('group:') && viewer.groups.includes(d.slice(6)));
  if (viewer.role === 'admin') return true;
  if (d === 'community' || d === 'federation') return true;
  if (version.ownerOrg === viewer.orgId) return true;
  return d.startsWith('group:') && viewer.groups.includes(d.slice('group:'.length));
}

/** The distributions a viewer reaches without being the owner; the SQL face of `canSee`. */
export function reachableDistributions(viewer: Viewer): string[] {
  if (viewer.kind === 'anonymous') return ['public'];
  if (viewer.peer !== undefined) return ['public', 'federation', ...viewer.groups.map((g) => `group:${g}`)];
  return ['public', 'community', 'federation', ...viewer.groups.map((g) => `group:${g}`)];
}

/**
 * A key two viewers share only when the rule gives them the same versions: all that `canSee` and
 * `visibleFilter` read of a viewer (anonymous; admin; otherwise organisation and sharing groups).
 * Caches of what an audience may see (src/store/objects/visible-id-cache.ts) are keyed by it.
 */
export function audienceKey(viewer: Viewer): string {
  if (viewer.kind === 'anonymous') return 'anonymous';
  if (viewer.role === 'admin') return 'admin';
  if (viewer.peer !== undefined) return JSON.stringify(['peer', [...new Set(viewer.groups)].sort()]);
  return JSON.stringify([viewer.orgId, [...new Set(viewer.groups)].sort()]);
}

/**
 * The same rule as a Kysely predicate over a table with `owner_org` and `distribution` columns,
 * identical on SQLite and PostgreSQL. `table` qualifies the columns when a query joins several rows.
 */
export function visibleFilter(viewer: Viewer, table?: string) {
  const col = (name: string) => sql.ref(table === undefined ? name : `${table}.${name}`);
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>): Expression<SqlBool> => {
    if (viewer.kind === 'user' && viewer.role === 'admin') return sql<SqlBool>`1 = 1`;
    const reach = reachableDistributions(viewer);
    const inReach = eb(col('distribution'), 'in', reach);
    if (viewer.kind === 'anonymous' || viewer.peer !== undefined) return inReach;
    return eb.or([inReach, eb(col('owner_org'), '=', viewer.orgId)]);
  };
}
