import { sql } from 'kysely';
import { z } from 'zod';
import { HANDLING_MARKING_IDS, PAP_MARKING_IDS, TLP2_MARKING_IDS, tlpOfMarking } from '../policy/markings.js';
import type { visibleVersions } from '../store/objects/visible-versions.js';

/**
 * What a collection holds, within what the caller may see: each list present must match (types,
 * owner organisations, markings, labels), any value of a list will do. Markings are
 * marking-definition ids or the shorthands `tlp:<level>`, `pap:<level>`, `H0`–`H3`.
 */
export const CollectionFilter = z
  .object({
    types: z
      .array(z.string().regex(/^[a-z0-9-]+$/))
      .min(1)
      .optional(),
    owners: z
      .array(z.string().regex(/^identity--[0-9a-f-]{36}$/))
      .min(1)
      .optional(),
    markings: z.array(z.string().min(2)).min(1).optional(),
    labels: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict();
export type CollectionFilter = z.infer<typeof CollectionFilter>;

type Query = ReturnType<typeof visibleVersions>;

/** A marking filter value as a marking-definition id. */
export function markingId(value: string): string {
  const lower = value.toLowerCase();
  const byName: Record<string, string | undefined> = lower.startsWith('tlp:')
    ? { [lower]: (TLP2_MARKING_IDS as Record<string, string | undefined>)[lower.slice(4)] }
    : lower.startsWith('pap:')
      ? { [lower]: (PAP_MARKING_IDS as Record<string, string | undefined>)[lower.slice(4)] }
      : { [lower]: (HANDLING_MARKING_IDS as Record<string, string | undefined>)[value.toUpperCase()] };
  return byName[lower] ?? value;
}

function likeQuoted(text: string): string {
  // The JSON spelling of the value, quoted, as a LIKE pattern (escape \ % _).
  return `%${JSON.stringify(text).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Narrows a query over `objects as o` to the collection. Types and owners are exact in SQL; markings
 * and labels are a portable text pre-filter on the JSON (a superset), made exact by `inCollection`.
 */
export function narrowToCollection(query: Query, filter: CollectionFilter): Query {
  let q = query;
  if (filter.types !== undefined) q = q.where('o.type', 'in', filter.types);
  if (filter.owners !== undefined) q = q.where('o.owner_org', 'in', filter.owners);
  const jsonTerms = (values: string[]) =>
    values.map((v) => sql<boolean>`${sql.ref('o.data')} like ${likeQuoted(v)} escape ${'\\'}`);
  if (filter.markings !== undefined) {
    const ids = filter.markings.map(markingId);
    const levels = [...new Set(ids.map(tlpOfMarking).filter((l) => l !== undefined))];
    q = q.where((eb) =>
      eb.or([...jsonTerms(ids), ...(levels.length > 0 ? [eb('o.tlp', 'in', levels)] : [])]),
    );
  }
  if (filter.labels !== undefined) q = q.where((eb) => eb.or(jsonTerms(filter.labels!)));
  return q;
}

/** True when `narrowToCollection` alone is exact, so rows need no check in memory. */
export function isExactInSql(filter: CollectionFilter): boolean {
  return filter.markings === undefined && filter.labels === undefined;
}

/** The exact test of one object (and its stored TLP) against the filter's markings and labels. */
export function inCollection(
  filter: CollectionFilter,
  object: Record<string, unknown>,
  tlp: string | null,
): boolean {
  if (filter.types !== undefined && !filter.types.includes(String(object.type))) return false;
  if (filter.markings !== undefined) {
    const refs = Array.isArray(object.object_marking_refs) ? (object.object_marking_refs as unknown[]) : [];
    const ids = filter.markings.map(markingId);
    const byTlp = tlp !== null && ids.some((id) => tlpOfMarking(id) === tlp);
    if (!byTlp && !ids.some((id) => refs.includes(id))) return false;
  }
  if (filter.labels !== undefined) {
    const labels = Array.isArray(object.labels) ? (object.labels as unknown[]) : [];
    if (!filter.labels.some((l) => labels.includes(l))) return false;
  }
  return true;
}
