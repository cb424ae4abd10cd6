import { ANONYMOUS } from '../../policy/viewer.js';
import type { Viewer } from '../../policy/viewer.js';
import { tlpRank } from '../../policy/tlp.js';
import type { TlpLevel } from '../../policy/tlp.js';
import { visibleCurrent } from '../../store/objects/visible-versions.js';
import type { Db } from '../../store/store.js';
import { objectCategories } from './categories.js';
import type { Disruption, LandscapeFigures, PortalFigures } from './figures.js';
import type { LandscapeRequest } from './landscape-request.js';
import { assemble } from './assemble-figures.js';
import { str, strings, Tally } from './landscape-facts.js';
import type { Entity, Rel, Row } from './landscape-facts.js';
import { bucketOf, periodBuckets } from './periods.js';

/** Where an IP address is hosted; from the same database as operations' jurisdictions. */
export type IpLocator = (
  ip: string,
) => { country: string | null; asn: number | null; holder: string | null } | undefined;

export interface LandscapeSources {
  /** Hosting country and ASN of addresses; without it the infrastructure figures are null. */
  locateIp?: IpLocator;
  /** Disruption figures for the period, cut to the viewer; absent when no operations run here. */
  disruption?: (viewer: Viewer, from: string, to: string) => Promise<Disruption | null>;
  /** Public portal figures for the period; absent when there is no portal. */
  portal?: (from: string, to: string) => Promise<PortalFigures | null>;
  now?: () => Date;
}

/**
 * Types read in the first pass: what other objects refer to (families, actors, techniques, victims and
 * their locations) and the relationships between them. Everything else is read in the second pass,
 * when indicators can inherit the categories of what they indicate.
 */
const CONTEXT_TYPES = [
  'relationship',
  'malware',
  'threat-actor',
  'intrusion-set',
  'attack-pattern',
  'identity',
  'location',
  'campaign',
  'tool',
] as const;

const CHUNK = 5000;
const ATTACK_SOURCES = new Set(['mitre-attack', 'mitre-ics-attack', 'mitre-mobile-attack']);
const IP_PATTERN = /^\[ipv[46]-addr:value\s*=\s*'([0-9a-fA-F.:]+)'\]$/;

function timeOf(o: Record<string, unknown>, dateAdded: string): number {
  const t = Date.parse(str(o.created) ?? str(o.first_seen) ?? dateAdded);
  return Number.isNaN(t) ? Date.parse(dateAdded) : t;
}

/**
 * The figures of a threat-landscape report for one viewer: two passes over `visibleCurrent` (the newest
 * version of each object the viewer may see), so every figure is cut by the visibility rule; the
 * request's scope then narrows what is counted. Objects are dated by `created` (else `first_seen`, else
 * when they were added). The CLEAR variant is made from these figures by `clearVariant`.
 */
export async function computeLandscape(
  db: Db,
  viewer: Viewer,
  request: LandscapeRequest,
  sources: LandscapeSources = {},
): Promise<LandscapeFigures> {
  const buckets = periodBuckets(request.from, request.to, request.granularity);
  const scope = request.scope;
  const maxTlp = scope.tlp_max === undefined ? undefined : tlpRank(scope.tlp_max);
  const types = scope.types === undefined ? undefined : new Set(scope.types);
  const owners = scope.owners === undefined ? undefined : new Set(scope.owners);
  const inScope = (r: Row) =>
    (types === undefined || types.has(r.type)) &&
    (owners === undefined || owners.has(r.owner_org)) &&
    (maxTlp === undefined || tlpRank(r.tlp as TlpLevel | null) <= maxTlp);

  const entities = new Map<string, Entity>();
  const rels: Rel[] = [];
  const tally = new Tally(buckets);

  // Keyset pages by seq; the first pass reads one type at a time, so each page is a range of the
  // (type, seq) index rather than a sort of every remaining row of several types.
  const pages = async (only: string | undefined, each: (r: Row, o: Record<string, unknown>) => void) => {
    let after = 0;
    for (;;) {
      let q = visibleCurrent(db, viewer)
        .select([
          'o.seq',
          'o.type',
          'o.owner_org',
          'o.distribution',
          'o.tlp',
          'o.revoked',
          'o.date_added',
          'o.data',
        ])
        .where('o.seq', '>', after);
      q = only !== undefined ? q.where('o.type', '=', only) : q.where('o.type', 'not in', CONTEXT_TYPES);
      const rows = (await q.orderBy('o.seq').limit(CHUNK).execute()) as Row[];
      for (const r of rows) each(r, JSON.parse(r.data) as Record<string, unknown>);
      if (rows.length < CHUNK) return;
      after = rows.at(-1)!.seq;
    }
  };
  const pass = async (context: boolean, each: (r: Row, o: Record<string, unknown>) => void) => {
    if (!context) return pages(undefined, each);
    for (const type of CONTEXT_TYPES) await pages(type, each);
  };

  // Pass 1: the objects others refer to, and the relationships.
  await pass(true, (r, o) => {
    const t = timeOf(o, r.date_added);
    const counted = inScope(r);
    if (r.type === 'relationship') {
      const source = str(o.source_ref);
      const target = str(o.target_ref);
      const kind = str(o.relationship_type);
      if (source !== null && target !== null && kind !== null)
        rels.push({ kind, source, target, t, counted });
    } else {
      const name = str(o.name) ?? '';
      const externalId =
        r.type === 'attack-pattern'
          ? ((
              (Array.isArray(o.external_references) ? o.external_references : []) as Array<
                Record<string, unknown>
              >
            )
              .filter((e) => ATTACK_SOURCES.has(String(e.source_name)) && typeof e.external_id === 'string')
              .map((e) => e.external_id as string)[0] ?? null)
          : null;
      entities.set(String(o.id), {
        type: r.type,
        name,
        key: `${r.type === 'intrusion-set' ? 'threat-actor' : r.type}:${name.trim().toLowerCase()}`,
        created: t,
        tlp: tlpRank(r.tlp as TlpLevel | null),
        bits: objectCategories(o as { type: string }),
        isFamily: o.is_family !== false,
        sectors: strings(o.sectors),
        country: str(o.country)?.toUpperCase() ?? null,
        externalId,
      });
    }
    if (counted) tally.object(r, o, t, objectCategories(o as { type: string }));
  });

  // What each indicator indicates, for the categories it inherits.
  const indicates = new Map<string, number>();
  for (const rel of rels) {
    if (rel.kind !== 'indicates') continue;
    const target = entities.get(rel.target);
    if (target !== undefined) indicates.set(rel.source, (indicates.get(rel.source) ?? 0) | target.bits);
  }

  const sightingsOf = new Map<string, number>();
  const reportRefs: string[] = [];
  const addresses = new Set<string>();
  // Pass 2: indicators, observables, sightings, reports and the rest.
  await pass(false, (r, o) => {
    if (!inScope(r)) return;
    const t = timeOf(o, r.date_added);
    let bits = objectCategories(o as { type: string });
    if (r.type === 'indicator') bits |= indicates.get(String(o.id)) ?? 0;
    tally.object(r, o, t, bits);
    if (bucketOf(buckets, t) < 0) return;
    if (r.type === 'sighting') {
      const of = str(o.sighting_of_ref);
      if (of !== null) sightingsOf.set(of, (sightingsOf.get(of) ?? 0) + 1);
    } else if (r.type === 'report') {
      for (const ref of strings(o.object_refs)) reportRefs.push(ref);
    } else if (r.type === 'ipv4-addr' || r.type === 'ipv6-addr') {
      const v = str(o.value);
      if (v !== null && !v.includes('/')) addresses.add(v);
    } else if (r.type === 'indicator') {
      const m = IP_PATTERN.exec(str(o.pattern) ?? '');
      if (m !== null) addresses.add(m[1]!);
    }
  });

  const figures = assemble(
    request,
    buckets,
    tally,
    entities,
    rels,
    sightingsOf,
    reportRefs,
    addresses,
    sources,
  );
  figures.quality.contributions = await contributionNames(db, tally.byOwner);
  figures.disruption = (await sources.disruption?.(viewer, request.from, request.to)) ?? null;
  figures.portal = (await sources.portal?.(request.from, request.to)) ?? null;
  figures.generated_at = (sources.now?.() ?? new Date()).toISOString();
  return figures;
}

async function contributionNames(db: Db, byOwner: Map<string, number>) {
  if (byOwner.size === 0) return [];
  const orgs = await db
    .selectFrom('organisations')
    .select(['id', 'name'])
    .where('id', 'in', [...byOwner.keys()])
    .execute();
  const names = new Map(orgs.map((o) => [o.id, o.name]));
  return [...byOwner.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([org_id, count]) => ({ org_id, name: names.get(org_id) ?? org_id, count }));
}

/** The names (lower case) of the things an anonymous visitor may see, for the CLEAR variant. */
export async function publicNames(db: Db): Promise<Set<string>> {
  // Through the visibility rule, as the anonymous viewer: what the public portal could show.
  const rows = await visibleCurrent(db, ANONYMOUS)
    .select('o.data')
    .where('o.type', 'in', ['malware', 'threat-actor', 'intrusion-set', 'attack-pattern', 'identity'])
    .execute();
  const names = new Set<string>();
  for (const r of rows) {
    const name = (JSON.parse(r.data) as { name?: unknown }).name;
    if (typeof name === 'string') names.add(name.trim().toLowerCase());
  }
  return names;
}
