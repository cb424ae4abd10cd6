import type { Kysely } from 'kysely';
import type { PapLevel, TlpLevel } from '../../policy/tlp.js';
import { PAP_LEVELS, tlpRank } from '../../policy/tlp.js';
import type { Database, OperationTargetsTable } from '../../store/schema.js';
import type { TargetKind } from '../target-kind.js';
import type { CarTargetData } from './car-model.js';

const CHUNK = 500;

/** The targets of an operation with a jurisdiction (one country, or all), with their evidence. */
export async function loadCarTargets(
  db: Kysely<Database>,
  operationId: string,
  country: string | null,
  actions: Readonly<Record<TargetKind, string>>,
): Promise<Map<string, CountryTargets>> {
  let q = db.selectFrom('operation_targets').selectAll().where('operation_id', '=', operationId);
  q = country === null ? q.where('country', 'is not', null) : q.where('country', '=', country);
  const rows = await q.orderBy('created').orderBy('id').execute();
  const contributions = await db
    .selectFrom('operation_contributions as c')
    .leftJoin('organisations as o', 'o.id', 'c.org_id')
    .select([
      'c.target_id',
      'c.org_id',
      'c.rank',
      'c.reported',
      'c.reliability',
      'c.credibility',
      'c.grade_scale',
      'o.name',
    ])
    .where('c.operation_id', '=', operationId)
    .orderBy('c.rank')
    .execute();
  const byTarget = new Map<string, CarTargetData['contributors']>();
  for (const c of contributions) {
    let list = byTarget.get(c.target_id);
    if (list === undefined) byTarget.set(c.target_id, (list = []));
    list.push({
      orgId: c.org_id,
      orgName: c.name ?? c.org_id,
      rank: c.rank,
      reported: c.reported,
      reliability: c.reliability,
      credibility: c.credibility,
      scale: c.grade_scale ?? null,
    });
  }
  const refsOf = new Map<string, string[]>();
  const allRefs = new Set<string>();
  for (const r of rows) {
    const refs = JSON.parse(r.stix_refs) as string[];
    if (refs.length === 0) continue;
    refsOf.set(r.id, refs);
    for (const id of refs) allRefs.add(id);
  }
  const { sightings, marks } = await refFacts(db, [...allRefs]);
  const byCountry = new Map<string, CountryTargets>();
  for (const r of rows) {
    let c = byCountry.get(r.country!);
    if (c === undefined) byCountry.set(r.country!, (c = { targets: [], refTlp: null, refPap: null }));
    c.targets.push(toCarTarget(r));
    for (const ref of refsOf.get(r.id) ?? []) {
      const m = marks.get(ref);
      if (m === undefined) continue;
      if (tlpRank(m.tlp) > tlpRank(c.refTlp)) c.refTlp = m.tlp;
      if (papRank(m.pap) > papRank(c.refPap)) c.refPap = m.pap;
    }
  }
  return byCountry;

  function toCarTarget(r: OperationTargetsTable): CarTargetData {
    const contributors = byTarget.get(r.id) ?? [];
    const reported = contributors.map((c) => c.reported).sort();
    let count = 0;
    let last = reported.at(-1) ?? r.created;
    for (const ref of refsOf.get(r.id) ?? []) {
      const s = sightings.get(ref);
      if (s === undefined) continue;
      count += s.count;
      if (s.last !== null && s.last > last) last = s.last;
    }
    return {
      id: r.id,
      kind: r.kind,
      value: r.value,
      status: r.status,
      asn: r.asn,
      asnHolder: r.asn_holder,
      contributors,
      firstSeen: reported[0] ?? r.created,
      lastSeen: last,
      sightings: count,
      recommendedAction: (actions as Partial<Record<string, string>>)[r.kind] ?? '',
    };
  }
}

/** One jurisdiction's targets, and the most restrictive TLP and PAP among the objects they link to. */
export interface CountryTargets {
  targets: CarTargetData[];
  refTlp: TlpLevel | null;
  refPap: PapLevel | null;
}

export const papRank = (p: PapLevel | null): number => (p === null ? -1 : PAP_LEVELS.indexOf(p));

/** Sightings per linked object, and the most restrictive TLP and PAP of each linked object. */
async function refFacts(db: Kysely<Database>, refs: string[]) {
  const sightings = new Map<string, { count: number; last: string | null }>();
  const marks = new Map<string, { tlp: TlpLevel | null; pap: PapLevel | null }>();
  for (let i = 0; i < refs.length; i += CHUNK) {
    const chunk = refs.slice(i, i + CHUNK);
    const heads = await db
      .selectFrom('objects')
      .select(['id', 'tlp', 'pap'])
      .where('id', 'in', chunk)
      .where('deleted', '=', 0)
      .execute();
    // Every stored lineage of the id counts: the CAR is at least as restrictive as any of them.
    for (const m of heads) {
      const prev = marks.get(m.id) ?? { tlp: null, pap: null };
      if (tlpRank(m.tlp as TlpLevel | null) > tlpRank(prev.tlp)) prev.tlp = m.tlp as TlpLevel;
      if (papRank(m.pap as PapLevel | null) > papRank(prev.pap)) prev.pap = m.pap as PapLevel;
      marks.set(m.id, prev);
    }
    const seen = await db
      .selectFrom('sighting_refs')
      .select(['sighting_of_ref', 'count', 'last_seen'])
      .where('sighting_of_ref', 'in', chunk)
      .where('kind', '=', 'sighting')
      .execute();
    for (const s of seen) {
      const prev = sightings.get(s.sighting_of_ref) ?? { count: 0, last: null };
      prev.count += s.count ?? 1;
      if (s.last_seen !== null && (prev.last === null || s.last_seen > prev.last)) prev.last = s.last_seen;
      sightings.set(s.sighting_of_ref, prev);
    }
  }
  return { sightings, marks };
}
