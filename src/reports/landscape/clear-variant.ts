import type { Cell, LandscapeFigures, Ranked } from './figures.js';

/**
 * The TLP:CLEAR variant of a report: aggregates only. Every count below `threshold` is suppressed
 * (a series keeps its place with `null`; a row of a table is left out, since its presence alone would
 * say "at least one"), no partner is named, and a family, actor, brand or technique is named only when
 * an anonymous visitor may see an object of that name (`publicNames`, lower case). First-seen lists
 * and dates are left out: when something was first reported is not itself public.
 */
export function clearVariant(
  full: LandscapeFigures,
  publicNames: ReadonlySet<string>,
  threshold: number,
): LandscapeFigures {
  let suppressed = 0;
  const cell = (c: Cell): Cell => {
    if (c === null || c >= threshold) return c;
    suppressed++;
    return null;
  };
  const rows = <R extends { count: Cell }>(list: R[]): R[] =>
    list.flatMap((r) => {
      const count = cell(r.count);
      return count === null ? [] : [{ ...r, count }];
    });
  const change = (now: Cell, before: Cell) =>
    now === null || before === null || before === 0
      ? null
      : Math.round(((now - before) / before) * 1000) / 10;
  const names = (list: Ranked[]): Ranked[] =>
    rows(list.filter((r) => publicNames.has(r.name.trim().toLowerCase()))).map((r) => ({
      ...r,
      first_seen: null,
      new: false,
    }));
  const total = cell(full.volume.total);
  const previousTotal = cell(full.volume.previous_total);
  const d = full.disruption;
  const p = full.portal;
  const clear: LandscapeFigures = {
    ...full,
    variant: 'clear',
    threshold,
    tlp: 'clear',
    volume: {
      objects: full.volume.objects.map(cell),
      indicators: full.volume.indicators.map(cell),
      total,
      previous_total: previousTotal,
      change_pct: change(total, previousTotal),
      uncategorised: cell(full.volume.uncategorised),
      categories: full.volume.categories.map((c) => {
        const t = cell(c.total);
        const p = cell(c.previous_total);
        return {
          ...c,
          objects: c.objects.map(cell),
          indicators: c.indicators.map(cell),
          total: t,
          previous_total: p,
          change_pct: change(t, p),
        };
      }),
    },
    rankings: {
      malware: names(full.rankings.malware),
      ransomware: names(full.rankings.ransomware),
      threat_actors: names(full.rankings.threat_actors),
      brands: names(full.rankings.brands),
      new_families: [],
      new_techniques: [],
    },
    geography: {
      victims_by_sector: rows(full.geography.victims_by_sector),
      victims_by_country: rows(full.geography.victims_by_country),
      infrastructure_by_country:
        full.geography.infrastructure_by_country === null
          ? null
          : rows(full.geography.infrastructure_by_country),
      infrastructure_by_asn:
        full.geography.infrastructure_by_asn === null ? null : rows(full.geography.infrastructure_by_asn),
      infrastructure_addresses: cell(full.geography.infrastructure_addresses),
    },
    disruption:
      d === null
        ? null
        : {
            operations: cell(d.operations),
            targets_identified: cell(d.targets_identified),
            targets_actioned: cell(d.targets_actioned),
            // A rate is published only over counts that are themselves publishable.
            takedown_rate:
              d.targets_identified !== null && d.targets_identified >= threshold ? d.takedown_rate : null,
            median_days_to_action:
              d.targets_actioned !== null && d.targets_actioned >= threshold ? d.median_days_to_action : null,
            notifications: cell(d.notifications),
          },
    portal:
      p === null
        ? null
        : {
            identification_requests: cell(p.identification_requests),
            identified: cell(p.identified),
            not_identified: cell(p.not_identified),
            families_identified: cell(p.families_identified),
            families_with_decryptor: cell(p.families_with_decryptor),
            decryptor_coverage:
              p.families_identified !== null && p.families_identified >= threshold
                ? p.decryptor_coverage
                : null,
            intake_reports: cell(p.intake_reports),
            intake_promoted: cell(p.intake_promoted),
          },
    quality: {
      contributions: [],
      partners: cell(full.quality.partners),
      values: cell(full.quality.values),
      shared_values: cell(full.quality.shared_values),
      tlp: rows(full.quality.tlp),
      confidence: rows(full.quality.confidence),
      indicators: {
        total: cell(full.quality.indicators.total),
        expired: cell(full.quality.indicators.expired),
        revoked: cell(full.quality.indicators.revoked),
      },
    },
    suppressed: 0,
  };
  clear.suppressed = suppressed;
  return clear;
}
