import { ANONYMOUS } from '../../policy/viewer.js';
import type { Viewer } from '../../policy/viewer.js';
import { TLP_LEVELS, tlpRank } from '../../policy/tlp.js';
import type { TlpLevel } from '../../policy/tlp.js';
import { visibleCurrent } from '../../store/objects/visible-versions.js';
import type { Db } from '../../store/store.js';
import { CATEGORIES, CATEGORY_BIT, CATEGORY_IDS, objectCategories } from './categories.js';
import type { Disruption, LandscapeFigures, Ranked } from './figures.js';
import type { LandscapeRequest } from './landscape-request.js';
import { bucketOf, periodBuckets } from './periods.js';
import type { Buckets } from './periods.js';

/** Where an IP address is hosted; from the same database as operations' jurisdictions. */
export type IpLocator = (
  ip: string,
) => { country: string | null; asn: number | null; holder: string | null } | undefined;

export interface LandscapeSources {
  /** Hosting country and ASN of addresses; without it the infrastructure figures are null. */
  locateIp?: IpLocator;
  /** Disruption figures for the period, cut to the viewer; absent when no operations run here. */
  disruption?: (viewer: Viewer, from: string, to: string) => Promise<Disruption | null>;
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

interface Entity {
  type: string;
  name: string;
  key: string;
  created: number;
  isPublic: boolean;
  tlp: number;
  bits: number;
  isFamily: boolean;
  sectors: string[];
  country: string | null;
  externalId: string | null;
}

interface Rel {
  kind: string;
  source: string;
  target: string;
  t: number;
  counted: boolean;
}

type Row = {
  seq: number;
  type: string;
  owner_org: string;
  distribution: string;
  tlp: string | null;
  revoked: number;
  date_added: string;
  data: string;
};

/** A 53-bit hash of a value, for counting values shared across partners without holding the values. */
function valueHash(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x200000 + ((b >>> 0) & 0x1fffff);
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function timeOf(o: Record<string, unknown>, dateAdded: string): number {
  const t = Date.parse(str(o.created) ?? str(o.first_seen) ?? dateAdded);
  return Number.isNaN(t) ? Date.parse(dateAdded) : t;
}

const iso = (t: number) => new Date(t).toISOString();
const pct = (now: number, before: number) =>
  before === 0 ? null : Math.round(((now - before) / before) * 1000) / 10;

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
        isPublic: r.distribution === 'public',
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
  figures.generated_at = (sources.now?.() ?? new Date()).toISOString();
  return figures;
}

/** Counts over the objects the report counts. */
class Tally {
  readonly objects: Int32Array;
  readonly indicators: Int32Array;
  readonly byCategory: Int32Array[];
  readonly indicatorsByCategory: Int32Array[];
  readonly previousByCategory = new Int32Array(CATEGORY_IDS.length);
  previous = 0;
  uncategorised = 0;
  readonly byOwner = new Map<string, number>();
  readonly byTlp = new Map<string, number>();
  readonly confidence = new Map<string, number>();
  readonly values = new Map<number, string | null>();
  indicatorTotal = 0;
  expired = 0;
  revoked = 0;
  /** The most restrictive TLP rank counted. */
  maxTlp = 0;

  constructor(private readonly buckets: Buckets) {
    const n = buckets.labels.length;
    this.objects = new Int32Array(n);
    this.indicators = new Int32Array(n);
    this.byCategory = CATEGORY_IDS.map(() => new Int32Array(n));
    this.indicatorsByCategory = CATEGORY_IDS.map(() => new Int32Array(n));
  }

  object(r: Row, o: Record<string, unknown>, t: number, bits: number): void {
    const b = bucketOf(this.buckets, t);
    if (b < 0) {
      if (t >= this.buckets.previousFrom && t < this.buckets.from) {
        this.previous++;
        for (let i = 0; i < CATEGORY_IDS.length; i++)
          if ((bits & (1 << i)) !== 0) this.previousByCategory[i]!++;
      }
      return;
    }
    const isIndicator = r.type === 'indicator';
    this.objects[b]!++;
    if (isIndicator) this.indicators[b]!++;
    if (bits === 0) this.uncategorised++;
    for (let i = 0; i < CATEGORY_IDS.length; i++) {
      if ((bits & (1 << i)) === 0) continue;
      this.byCategory[i]![b]!++;
      if (isIndicator) this.indicatorsByCategory[i]![b]!++;
    }
    this.byOwner.set(r.owner_org, (this.byOwner.get(r.owner_org) ?? 0) + 1);
    const tlp = r.tlp ?? 'none';
    this.byTlp.set(tlp, (this.byTlp.get(tlp) ?? 0) + 1);
    this.maxTlp = Math.max(this.maxTlp, tlpRank(r.tlp as TlpLevel | null));
    const c = o.confidence;
    const band =
      typeof c !== 'number'
        ? 'not stated'
        : c >= 70
          ? 'high (70-100)'
          : c >= 30
            ? 'medium (30-69)'
            : 'low (0-29)';
    this.confidence.set(band, (this.confidence.get(band) ?? 0) + 1);
    if (isIndicator) {
      this.indicatorTotal++;
      if (r.revoked === 1) this.revoked++;
      const until = Date.parse(str(o.valid_until) ?? '');
      if (until < Math.min(this.buckets.to, Date.now())) this.expired++;
    }
    // A value two partners both report: an SCO's deterministic id, or an indicator's pattern.
    const value = isIndicator
      ? str(o.pattern)
      : r.type.endsWith('-addr') || SCO_TYPES.has(r.type)
        ? str(o.id)
        : null;
    if (value !== null) {
      const h = valueHash(value);
      const seen = this.values.get(h);
      if (seen === undefined) this.values.set(h, r.owner_org);
      else if (seen !== null && seen !== r.owner_org) this.values.set(h, null);
    }
  }
}

const SCO_TYPES = new Set([
  'domain-name',
  'url',
  'file',
  'email-addr',
  'email-message',
  'network-traffic',
  'autonomous-system',
  'mac-addr',
  'user-account',
  'x509-certificate',
  'artifact',
  'mutex',
  'windows-registry-key',
  'software',
  'process',
  'directory',
]);

function ranked(
  entities: Map<string, Entity>,
  mentions: Map<string, number>,
  pick: (e: Entity) => boolean,
  buckets: Buckets,
  limit = 15,
): Ranked[] {
  const byKey = new Map<string, { name: string; count: number; first: number }>();
  for (const e of entities.values()) {
    if (!pick(e) || e.name === '') continue;
    const row = byKey.get(e.key) ?? { name: e.name, count: 0, first: Infinity };
    if (e.created < row.first) {
      row.first = e.created;
      row.name = e.name;
    }
    byKey.set(e.key, row);
  }
  for (const [id, count] of mentions) {
    const e = entities.get(id);
    if (e === undefined || !pick(e)) continue;
    const row = byKey.get(e.key);
    if (row !== undefined) row.count += count;
  }
  return [...byKey.values()]
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((r) => ({
      name: r.name,
      count: r.count,
      first_seen: Number.isFinite(r.first) ? iso(r.first) : null,
      new: r.first >= buckets.from && r.first < buckets.to,
    }));
}

function assemble(
  request: LandscapeRequest,
  buckets: Buckets,
  tally: Tally,
  entities: Map<string, Entity>,
  rels: Rel[],
  sightingsOf: Map<string, number>,
  reportRefs: string[],
  addresses: Set<string>,
  sources: LandscapeSources,
): LandscapeFigures {
  const inPeriod = (t: number) => t >= buckets.from && t < buckets.to;
  // Mentions of each entity in the period: relationship ends, sightings (also of the indicators that
  // indicate it) and reports' references.
  const mentions = new Map<string, number>();
  const mention = (id: string, k = 1) => mentions.set(id, (mentions.get(id) ?? 0) + k);
  const indicated = new Map<string, string[]>();
  for (const rel of rels) {
    if (rel.kind === 'indicates')
      indicated.set(rel.source, [...(indicated.get(rel.source) ?? []), rel.target]);
    if (!rel.counted || !inPeriod(rel.t)) continue;
    if (rel.kind === 'impersonates') continue;
    mention(rel.source);
    mention(rel.target);
  }
  for (const [of, k] of sightingsOf) {
    mention(of, k);
    for (const target of indicated.get(of) ?? []) mention(target, k);
  }
  for (const ref of reportRefs) mention(ref);

  const impersonated = new Map<string, number>();
  for (const rel of rels)
    if (rel.kind === 'impersonates' && rel.counted && inPeriod(rel.t))
      impersonated.set(rel.target, (impersonated.get(rel.target) ?? 0) + 1);

  const malwareFamily = (e: Entity) => e.type === 'malware' && e.isFamily;
  const newFamilies = new Map<string, { name: string; first: number }>();
  for (const e of entities.values()) {
    if (!malwareFamily(e) || e.name === '') continue;
    const row = newFamilies.get(e.key);
    if (row === undefined || e.created < row.first)
      newFamilies.set(e.key, { name: e.name, first: e.created });
  }

  // Techniques first used (a `uses` relationship to them) inside the period.
  const firstUse = new Map<string, number>();
  for (const rel of rels) {
    if (rel.kind !== 'uses' || !rel.counted) continue;
    const e = entities.get(rel.target);
    if (e?.type !== 'attack-pattern') continue;
    const key = e.externalId ?? e.key;
    firstUse.set(key, Math.min(firstUse.get(key) ?? Infinity, rel.t));
  }
  const techniqueName = new Map<string, Entity>();
  for (const e of entities.values())
    if (e.type === 'attack-pattern') techniqueName.set(e.externalId ?? e.key, e);

  // Victims: what `targets` relationships of the period point at.
  const locatedAt = new Map<string, string>();
  for (const rel of rels) {
    if (rel.kind !== 'located-at') continue;
    const place = entities.get(rel.target);
    if (place?.country != null) locatedAt.set(rel.source, place.country);
  }
  const victims = new Set<string>();
  const targetedPlaces = new Map<string, Set<string>>();
  for (const rel of rels) {
    if (rel.kind !== 'targets' || !rel.counted || !inPeriod(rel.t)) continue;
    const e = entities.get(rel.target);
    if (e?.type === 'identity') victims.add(rel.target);
    else if (e?.type === 'location' && e.country !== null)
      targetedPlaces.set(e.country, (targetedPlaces.get(e.country) ?? new Set()).add(rel.source));
  }
  const bySector = new Map<string, number>();
  const byCountry = new Map<string, number>();
  for (const id of victims) {
    const e = entities.get(id)!;
    for (const s of e.sectors) bySector.set(s, (bySector.get(s) ?? 0) + 1);
    const country = locatedAt.get(id);
    if (country !== undefined) byCountry.set(country, (byCountry.get(country) ?? 0) + 1);
  }
  for (const [country, by] of targetedPlaces) byCountry.set(country, (byCountry.get(country) ?? 0) + by.size);

  let infraCountry: Array<{ country: string; count: number }> | null = null;
  let infraAsn: Array<{ asn: number; holder: string; count: number }> | null = null;
  if (sources.locateIp !== undefined) {
    const c = new Map<string, number>();
    const a = new Map<number, { holder: string; count: number }>();
    for (const ip of addresses) {
      const where = sources.locateIp(ip);
      if (where?.country != null) c.set(where.country, (c.get(where.country) ?? 0) + 1);
      if (where?.asn != null) {
        const row = a.get(where.asn) ?? { holder: where.holder ?? '', count: 0 };
        row.count++;
        a.set(where.asn, row);
      }
    }
    infraCountry = sortCounts(c).map(([country, count]) => ({ country, count }));
    infraAsn = [...a.entries()]
      .sort((x, y) => y[1].count - x[1].count || x[0] - y[0])
      .slice(0, 25)
      .map(([asn, r]) => ({ asn, holder: r.holder, count: r.count }));
  }

  // The report's TLP also covers the names it gives: a family named only in an AMBER object makes it AMBER.
  let maxTlp = tally.maxTlp;
  const sum = (a: Int32Array) => a.reduce((s, v) => s + v, 0);
  const total = sum(tally.objects);
  const rankings = {
    malware: ranked(entities, mentions, malwareFamily, buckets),
    ransomware: ranked(
      entities,
      mentions,
      (e) => malwareFamily(e) && (e.bits & CATEGORY_BIT.ransomware) !== 0,
      buckets,
    ),
    threat_actors: ranked(
      entities,
      mentions,
      (e) => e.type === 'threat-actor' || e.type === 'intrusion-set',
      buckets,
    ),
    brands: rankedBrands(entities, impersonated),
    new_families: [...newFamilies.values()]
      .filter((f) => inPeriod(f.first))
      .sort((a, b) => a.first - b.first || a.name.localeCompare(b.name))
      .map((f) => ({ name: f.name, first_seen: iso(f.first) })),
    new_techniques: [...firstUse.entries()]
      .filter(([, t]) => inPeriod(t))
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .map(([key, t]) => {
        const e = techniqueName.get(key);
        return { external_id: e?.externalId ?? '', name: e?.name ?? key, first_seen: iso(t) };
      }),
  };
  const named = new Set<string>([
    ...rankings.malware.map((r) => r.name),
    ...rankings.ransomware.map((r) => r.name),
    ...rankings.threat_actors.map((r) => r.name),
    ...rankings.brands.map((r) => r.name),
    ...rankings.new_families.map((r) => r.name),
    ...rankings.new_techniques.map((r) => r.name),
  ]);
  for (const e of entities.values()) if (named.has(e.name)) maxTlp = Math.max(maxTlp, e.tlp);

  const shared = [...tally.values.values()].filter((v) => v === null).length;
  return {
    period: {
      from: iso(buckets.from),
      to: iso(buckets.to),
      granularity: request.granularity,
      buckets: buckets.labels,
    },
    previous: { from: iso(buckets.previousFrom), to: iso(buckets.from) },
    variant: 'full',
    threshold: null,
    tlp: TLP_LEVELS[maxTlp] ?? 'clear',
    generated_at: '',
    volume: {
      objects: [...tally.objects],
      indicators: [...tally.indicators],
      total,
      previous_total: tally.previous,
      change_pct: pct(total, tally.previous),
      uncategorised: tally.uncategorised,
      categories: CATEGORIES.map((c, i) => {
        const t = sum(tally.byCategory[i]!);
        return {
          id: c.id,
          title: c.title,
          europol: c.europol,
          enisa: c.enisa,
          objects: [...tally.byCategory[i]!],
          indicators: [...tally.indicatorsByCategory[i]!],
          total: t,
          previous_total: tally.previousByCategory[i]!,
          change_pct: pct(t, tally.previousByCategory[i]!),
        };
      }),
    },
    rankings,
    geography: {
      victims_by_sector: sortCounts(bySector).map(([sector, count]) => ({ sector, count })),
      victims_by_country: sortCounts(byCountry).map(([country, count]) => ({ country, count })),
      infrastructure_by_country: infraCountry,
      infrastructure_by_asn: infraAsn,
      infrastructure_addresses: addresses.size,
    },
    disruption: null,
    quality: {
      contributions: [],
      partners: tally.byOwner.size,
      values: tally.values.size,
      shared_values: shared,
      tlp: sortCounts(tally.byTlp).map(([tlp, count]) => ({ tlp, count })),
      confidence: sortCounts(tally.confidence).map(([band, count]) => ({ band, count })),
      indicators: { total: tally.indicatorTotal, expired: tally.expired, revoked: tally.revoked },
    },
    suppressed: 0,
  };
}

function rankedBrands(entities: Map<string, Entity>, impersonated: Map<string, number>): Ranked[] {
  const byName = new Map<string, { name: string; count: number }>();
  for (const [id, count] of impersonated) {
    const e = entities.get(id);
    if (e === undefined || e.name === '') continue;
    const row = byName.get(e.key) ?? { name: e.name, count: 0 };
    row.count += count;
    byName.set(e.key, row);
  }
  return [...byName.values()]
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, 15)
    .map((r) => ({ name: r.name, count: r.count, first_seen: null, new: false }));
}

function sortCounts<K extends string>(m: Map<K, number>): Array<[K, number]> {
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
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
