import type { Kysely } from 'kysely';
import { observablesOf } from '../correlate/observables-of.js';
import { invalidInput, notFound } from '../errors.js';
import type { ObservableKind } from '../observable/kind.js';
import type { Viewer } from '../policy/viewer.js';
import type { StixObject } from '../stix/types.js';
import { visibleCurrent } from '../store/objects/visible-versions.js';
import type { Database } from '../store/schema.js';
import type { TargetKind } from './target-kind.js';
import { normaliseTarget } from './target-kind.js';
import type { TargetInput } from './targets.js';

const FROM_OBSERVABLE: Partial<Record<ObservableKind, TargetKind>> = {
  ipv4: 'ipv4',
  ipv6: 'ipv6',
  'ipv4-cidr': 'cidr',
  'ipv6-cidr': 'cidr',
  domain: 'domain',
  url: 'url',
  email: 'email',
  btc: 'wallet',
};

/** Cap on the objects one "add from" call reads; a bigger selection is refused, not cut silently. */
export const MAX_SOURCE_OBJECTS = 20_000;

/**
 * The targets STIX objects stand for, each linked to the objects behind it: an SCO's or a single-value
 * indicator's network address, domain, URL, e-mail or wallet; a threat actor's or identity's name.
 * Objects that are none of these add nothing. Duplicates are merged here and again by `addTargets`.
 */
export function targetsFromObjects(objects: readonly StixObject[]): TargetInput[] {
  const byKey = new Map<string, { kind: TargetKind; value: string; stixRefs: Set<string> }>();
  const add = (kind: TargetKind, raw: string, ref: string) => {
    const n = normaliseTarget(kind, raw);
    if (n === null) return;
    const k = `${n.kind}\u0000${n.key}`;
    const t = byKey.get(k) ?? { kind: n.kind, value: n.value, stixRefs: new Set<string>() };
    t.stixRefs.add(ref);
    byKey.set(k, t);
  };
  for (const o of objects) {
    if ((o.type === 'threat-actor' || o.type === 'identity') && typeof o.name === 'string')
      add(o.type, o.name, o.id);
    for (const ob of observablesOf(o)) {
      const kind = FROM_OBSERVABLE[ob.kind];
      if (kind !== undefined) add(kind, ob.value, o.id);
    }
  }
  return [...byKey.values()].map((t) => ({
    kind: t.kind,
    value: t.value,
    stixRefs: [...t.stixRefs].slice(0, 100),
  }));
}

async function visibleObjects(
  db: Kysely<Database>,
  viewer: Viewer,
  ids: readonly string[],
): Promise<StixObject[]> {
  const out: StixObject[] = [];
  for (let i = 0; i < ids.length; i += 400) {
    const rows = await visibleCurrent(db, viewer)
      .select('o.data')
      .where('o.id', 'in', ids.slice(i, i + 400))
      .execute();
    for (const r of rows) out.push(JSON.parse(r.data) as StixObject);
  }
  return out;
}

/** A visible STIX report's objects (those the viewer may see) as targets; `not_found` otherwise. */
export async function targetsFromReport(
  db: Kysely<Database>,
  viewer: Viewer,
  reportId: string,
): Promise<TargetInput[]> {
  const [report] = await visibleObjects(db, viewer, [reportId]);
  if (report?.type !== 'report') throw notFound(`report ${reportId}`);
  const refs = Array.isArray(report.object_refs) ? (report.object_refs as string[]) : [];
  if (refs.length > MAX_SOURCE_OBJECTS)
    throw invalidInput('too_many_objects', `report ${reportId} has more than ${MAX_SOURCE_OBJECTS} objects`);
  return targetsFromObjects(await visibleObjects(db, viewer, refs));
}

/**
 * A correlation as targets: the object and every visible object sharing an observable value with it
 * (what the correlation view shows), each value one target linked to all of them.
 */
export async function targetsFromCorrelation(
  db: Kysely<Database>,
  viewer: Viewer,
  objectId: string,
): Promise<TargetInput[]> {
  const [seed] = await visibleObjects(db, viewer, [objectId]);
  if (seed === undefined) throw notFound(`object ${objectId}`);
  const values = observablesOf(seed);
  if (values.length === 0) return targetsFromObjects([seed]);
  const ids = new Set<string>([seed.id]);
  for (const v of values.slice(0, 50)) {
    const rows = await visibleCurrent(db, viewer)
      .innerJoin('observables as ob', 'ob.object_seq', 'o.seq')
      .select('o.id')
      .where('ob.kind', '=', v.kind)
      .where('ob.value', '=', v.value)
      .limit(1000)
      .execute();
    for (const r of rows) ids.add(r.id);
  }
  return targetsFromObjects(await visibleObjects(db, viewer, [...ids]));
}

/** Objects found by the search service, as targets. */
export async function targetsFromSearchResults(
  db: Kysely<Database>,
  viewer: Viewer,
  ids: readonly string[],
): Promise<TargetInput[]> {
  return targetsFromObjects(await visibleObjects(db, viewer, ids));
}
