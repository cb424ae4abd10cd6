import { escapeHtml } from '../render/escape-html.js';
/** One target as a CAR prints it, with its evidence. */
export interface CarTarget {
  kind: string;
  value: string;
  asn: number | null;
  asnHolder: string | null;
  contributors: readonly { orgId: string; reliability: string | null; credibility: string | null }[];
  firstSeen: string;
  lastSeen: string;
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
  const rows = doc.targets
    .map(
      (t) =>
        `<tr><td>${escapeHtml(t.kind)}</td><td><code>${escapeHtml(t.value)}</code></td><td>${escapeHtml(
          t.asn === null ? '' : `AS${t.asn} ${t.asnHolder ?? ''}`,
        )}</td><td>${t.contributors
          .map(
            (c) =>
              `${escapeHtml(org(c.orgId))} (${escapeHtml(`${c.reliability ?? 'X'}${c.credibility ?? '6'}`)})`,
          )
          .join('<br>')}</td><td>${escapeHtml(t.firstSeen)}<br>${escapeHtml(t.lastSeen)}</td><td>${escapeHtml(
          t.recommendedAction,
        )}</td></tr>`,
    )
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
<p>${escapeHtml(doc.targets.length)} targets in this jurisdiction. Grades: source reliability A-F/X, information credibility 1-6.</p>
<table><thead><tr><th>Kind</th><th>Target</th><th>Network</th><th>Contributors (grade)</th><th>First / last reported</th><th>Recommended action</th></tr></thead>
<tbody>
${rows}
</tbody></table>
<p class="marking">${escapeHtml(marking)}</p>
</body></html>
`;
}
