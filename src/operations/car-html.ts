import { escapeHtml } from '../render/escape-html.js';
import type { CarContributor, CarSection } from './cars/car-model.js';
import { carSection } from './cars/car-model.js';
import { formatGrade } from './grades.js';

/** One target as a CAR prints it, with its evidence. */
export interface CarTarget {
  kind: string;
  value: string;
  asn: number | null;
  asnHolder: string | null;
  contributors: readonly Pick<CarContributor, 'orgId' | 'reliability' | 'credibility' | 'scale'>[];
  firstSeen: string;
  lastSeen: string;
  sightings?: number;
  recommendedAction: string;
}

export interface CarDocument {
  operation: { code: string; name: string };
  country: string;
  tlp: string;
  pap: string | null;
  handling: string | null;
  created: string;
  reportId: string;
  orgNames: ReadonlyMap<string, string>;
  targets: readonly CarTarget[];
}

const SECTION_TITLES: Readonly<Record<CarSection, string>> = {
  infrastructure: 'Infrastructure hosted in the jurisdiction',
  suspects: 'Suspects located in the jurisdiction',
  financial: 'Wallets and accounts',
  victims: 'Victims to notify',
};

/** The CAR as a self-contained HTML document (no scripts, no outside resources). */
export function renderCarHtml(doc: CarDocument): string {
  const marking = [
    `TLP:${doc.tlp.toUpperCase()}`,
    doc.pap === null ? '' : `PAP:${doc.pap.toUpperCase()}`,
    doc.handling ?? '',
  ]
    .filter((m) => m !== '')
    .join(' · ');
  const org = (id: string) => doc.orgNames.get(id) ?? id;
  const row = (t: CarTarget) =>
    `<tr><td>${escapeHtml(t.kind)}</td><td><code>${escapeHtml(t.value)}</code></td><td>${escapeHtml(
      t.asn === null ? '' : `AS${t.asn} ${t.asnHolder ?? ''}`,
    )}</td><td>${t.contributors
      .map(
        (c) =>
          `${escapeHtml(org(c.orgId))} (${escapeHtml(formatGrade(c.scale, c.reliability, c.credibility))})`,
      )
      .join('<br>')}</td><td>${escapeHtml(t.firstSeen)}<br>${escapeHtml(t.lastSeen)}</td><td>${escapeHtml(
      t.sightings ?? 0,
    )}</td><td>${escapeHtml(t.recommendedAction)}</td></tr>`;
  const sections = (Object.keys(SECTION_TITLES) as CarSection[])
    .map((s) => {
      const rows = doc.targets.filter((t) => carSection(t.kind) === s);
      if (rows.length === 0) return '';
      return `<h2>${escapeHtml(SECTION_TITLES[s])} (${rows.length})</h2>
<table><thead><tr><th>Kind</th><th>Target</th><th>Network</th><th>Contributors (grade)</th><th>First / last reported</th><th>Sightings</th><th>Recommended action</th></tr></thead>
<tbody>
${rows.map(row).join('\n')}
</tbody></table>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(`CAR ${doc.operation.code} ${doc.country}`)}</title>
<style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:4px;vertical-align:top;text-align:left}.marking{font-weight:bold;color:#b00}</style>
</head><body>
<p class="marking">${escapeHtml(marking)}</p>
<h1>Cyber Activity Report: ${escapeHtml(doc.country)}</h1>
<p>Operation ${escapeHtml(doc.operation.name)} (${escapeHtml(doc.operation.code)}) · ${escapeHtml(doc.created)} · STIX ${escapeHtml(doc.reportId)}</p>
<p>${escapeHtml(doc.targets.length)} targets in this jurisdiction. Grades: 4x4 (source A/B/C/X, information 1-4) or Admiralty (source A-F, information 1-6).</p>
${sections}
<p class="marking">${escapeHtml(marking)}</p>
</body></html>
`;
}
