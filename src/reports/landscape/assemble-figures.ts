import { TLP_LEVELS } from '../../policy/tlp.js';
import { CATEGORIES, CATEGORY_BIT } from './categories.js';
import type { LandscapeSources } from './compute-landscape.js';
import type { LandscapeFigures, Ranked } from './figures.js';
import type { LandscapeRequest } from './landscape-request.js';
import { iso, pct } from './landscape-facts.js';
import type { Entity, Rel, Tally } from './landscape-facts.js';
import type { Buckets } from './periods.js';

/*
 * The figures of a report from what its two passes collected: mentions, rankings, first-seen lists,
 * victims, hosting, and the volume and quality counts of the tally.
 */

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

export function assemble(
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
    portal: null,
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
