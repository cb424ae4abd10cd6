import MarkdownIt from 'markdown-it';
import { escapeHtml } from '../../render/escape-html.js';
import { reportCharts } from './charts.js';
import type { Cell, LandscapeFigures } from './figures.js';
import type { Narrative, SectionId } from './narrative.js';

// The analyst's text is Markdown without raw HTML: nothing typed into a report can become markup.
const markdown = new MarkdownIt({ html: false, linkify: false });

const esc = escapeHtml;
const num = (c: Cell) =>
  c === null ? '<span class="sup" title="suppressed">&lt; n</span>' : c.toLocaleString('en-GB');
const pct = (p: number | null) => (p === null ? '—' : `${p > 0 ? '+' : ''}${p}%`);
const day = (s: string) => s.slice(0, 10);

function table(head: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p class="none">Nothing to show for this period.</p>';
  return `<table><thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

function figure(svg: string | null, caption: string): string {
  return svg === null
    ? ''
    : `<figure role="img" aria-label="${esc(caption)}">${svg}<figcaption>${esc(caption)}</figcaption></figure>`;
}

function narrative(n: Narrative, section: SectionId): string {
  const s = n[section];
  return `<div class="narrative">
<h3>Key findings</h3>${markdown.render(s.key_findings)}
<h3>Trends</h3>${markdown.render(s.trends)}
<h3>Recommendations</h3>${markdown.render(s.recommendations)}
</div>`;
}

/**
 * The report as one self-contained HTML document: charts inline as SVG, no script, print styles for
 * the PDF. Every value from the store or the analyst is escaped or rendered from Markdown without HTML.
 */
export function renderLandscapeHtml(
  f: LandscapeFigures,
  n: Narrative,
  title = 'Threat landscape assessment',
): string {
  const charts = reportCharts(f);
  const tlp = f.tlp.toUpperCase();
  const v = f.volume;
  const r = f.rankings;
  const g = f.geography;
  const q = f.quality;
  const d = f.disruption;
  const ranked = (list: typeof r.malware) =>
    table(
      ['Name', 'Mentions', 'First seen'],
      list.map((x) => [
        esc(x.name) + (x.new ? ' <span class="new">new</span>' : ''),
        num(x.count),
        x.first_seen === null ? '—' : day(x.first_seen),
      ]),
    );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} ${esc(day(f.period.from))} – ${esc(day(f.period.to))}</title>
<style>
body { font-family: system-ui, sans-serif; color: #1b1b1b; max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem; line-height: 1.45; }
header .tlp { display: inline-block; font-weight: 700; padding: .1rem .5rem; background: #000; color: ${tlpColour(f.tlp)}; }
h1 { margin-bottom: .2rem; } h2 { border-bottom: 2px solid #1f4e79; padding-bottom: .2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .92rem; }
th, td { border: 1px solid #c8c8c8; padding: .25rem .5rem; text-align: left; }
td:not(:first-child) { font-variant-numeric: tabular-nums; }
.sup { color: #666; font-style: italic; } .new { color: #fff; background: #c0504d; font-size: .75rem; padding: 0 .3rem; border-radius: .2rem; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; } figcaption { font-size: .85rem; color: #444; }
.narrative { background: #f4f7fb; border-left: 4px solid #1f4e79; padding: .25rem 1rem; margin: 1rem 0; }
.narrative h3 { font-size: 1rem; margin: .6rem 0 .2rem; }
.meta { color: #444; font-size: .9rem; }
@media print { body { max-width: none; } h2 { break-after: avoid; } figure, table { break-inside: avoid; } }
</style>
</head>
<body>
<header>
<p><span class="tlp">TLP:${esc(tlp)}</span></p>
<h1>${esc(title)}</h1>
<p class="meta">Period ${esc(day(f.period.from))} to ${esc(day(f.period.to))} (exclusive), by ${esc(f.period.granularity)}; compared with ${esc(day(f.previous.from))} to ${esc(day(f.previous.to))}. Generated ${esc(f.generated_at)} from the intelligence the requesting user may see.${
    f.variant === 'clear'
      ? ` CLEAR variant: aggregates only, counts below ${f.threshold ?? 0} suppressed (${f.suppressed} cells), only public names.`
      : ''
  }</p>
</header>
<main>
<section id="volume"><h2>Volume over time</h2>
<p>${num(v.total)} objects in the period (${pct(v.change_pct)} against the previous period, ${num(v.previous_total)}); ${num(v.uncategorised)} not in any threat category.</p>
${figure(charts.volume, 'Objects and indicators per period')}
${figure(charts.categories, 'Objects by threat category per period')}
${table(
  [
    'Category',
    'ENISA prime threat',
    'europol-incident',
    'Objects',
    'Indicators',
    'Previous period',
    'Change',
  ],
  v.categories.map((c) => [
    esc(c.title),
    esc(c.enisa),
    esc(c.europol),
    num(c.total),
    num(sumCells(c.indicators)),
    num(c.previous_total),
    pct(c.change_pct),
  ]),
)}
${narrative(n, 'volume')}
</section>
<section id="rankings"><h2>Rankings</h2>
<h3>Malware families</h3>${figure(charts.malware, 'Most reported malware families')}${ranked(r.malware)}
<h3>Ransomware families</h3>${ranked(r.ransomware)}
<h3>Threat actors</h3>${figure(charts.threatActors, 'Most reported threat actors')}${ranked(r.threat_actors)}
<h3>Impersonated brands</h3>${table(
    ['Brand', 'Impersonations'],
    r.brands.map((b) => [esc(b.name), num(b.count)]),
  )}
<h3>New malware families</h3>${table(
    ['Family', 'First seen'],
    r.new_families.map((x) => [esc(x.name), day(x.first_seen)]),
  )}
<h3>New ATT&amp;CK techniques</h3>${table(
    ['Technique', 'Name', 'First used'],
    r.new_techniques.map((x) => [esc(x.external_id), esc(x.name), day(x.first_seen)]),
  )}
${narrative(n, 'rankings')}
</section>
<section id="geography"><h2>Sectors and geography</h2>
${figure(charts.sectors, 'Victims by sector')}
${table(
  ['Sector', 'Victims'],
  g.victims_by_sector.map((s) => [esc(s.sector), num(s.count)]),
)}
${figure(charts.victimsMap, 'Victims by country (map)')}
${figure(charts.countries, 'Victims by country')}
${table(
  ['Country', 'Victims'],
  g.victims_by_country.map((c) => [esc(c.country), num(c.count)]),
)}
<h3>Infrastructure</h3>
<p>${num(g.infrastructure_addresses)} IP addresses reported in the period.</p>
${
  g.infrastructure_by_country === null
    ? '<p class="none">No IP location database is available on this instance.</p>'
    : figure(charts.infrastructureMap, 'Infrastructure by hosting country (map)') +
      table(
        ['Hosting country', 'Addresses'],
        g.infrastructure_by_country.slice(0, 25).map((c) => [esc(c.country), num(c.count)]),
      ) +
      table(
        ['ASN', 'Holder', 'Addresses'],
        (g.infrastructure_by_asn ?? []).map((a) => [`AS${a.asn}`, esc(a.holder), num(a.count)]),
      )
}
${narrative(n, 'geography')}
</section>
<section id="disruption"><h2>Disruption</h2>
${
  d === null
    ? '<p class="none">No operation figures for this period.</p>'
    : table(
        [
          'Operations',
          'Targets identified',
          'Targets actioned',
          'Takedown rate',
          'Median days to action',
          'Notifications',
        ],
        [
          [
            num(d.operations),
            num(d.targets_identified),
            num(d.targets_actioned),
            d.takedown_rate === null ? '—' : `${Math.round(d.takedown_rate * 100)}%`,
            d.median_days_to_action === null ? '—' : String(d.median_days_to_action),
            num(d.notifications),
          ],
        ],
      )
}
${
  f.portal === null
    ? ''
    : `<h3>Public portal</h3>${table(
        [
          'Identification requests',
          'Identified',
          'Not identified',
          'Families identified',
          'With a free decryptor',
          'Decryptor coverage',
          'Reports sent in',
          'Promoted to intelligence',
        ],
        [
          [
            num(f.portal.identification_requests),
            num(f.portal.identified),
            num(f.portal.not_identified),
            num(f.portal.families_identified),
            num(f.portal.families_with_decryptor),
            f.portal.decryptor_coverage === null ? '—' : `${Math.round(f.portal.decryptor_coverage * 100)}%`,
            num(f.portal.intake_reports),
            num(f.portal.intake_promoted),
          ],
        ],
      )}`
}
${narrative(n, 'disruption')}
</section>
<section id="quality"><h2>Data quality and provenance</h2>
<p>${num(q.partners)} contributing partners; ${num(q.shared_values)} of ${num(q.values)} values reported by more than one partner. Indicators: ${num(q.indicators.total)}, of which ${num(q.indicators.expired)} expired and ${num(q.indicators.revoked)} revoked.</p>
${
  q.contributions.length === 0
    ? ''
    : table(
        ['Partner', 'Objects'],
        q.contributions.map((c) => [esc(c.name), num(c.count)]),
      )
}
${figure(charts.tlp, 'TLP of the period’s objects')}
${table(
  ['TLP', 'Objects'],
  q.tlp.map((t) => [esc(t.tlp.toUpperCase()), num(t.count)]),
)}
${table(
  ['Confidence', 'Objects'],
  q.confidence.map((c) => [esc(c.band), num(c.count)]),
)}
${narrative(n, 'quality')}
</section>
</main>
</body>
</html>
`;
}

function tlpColour(tlp: string): string {
  if (tlp === 'red') return '#ff2b2b';
  if (tlp === 'amber' || tlp === 'amber+strict') return '#ffc000';
  if (tlp === 'green') return '#33ff00';
  return '#ffffff';
}

/** The sum of a series, or null when any of its cells is suppressed. */
function sumCells(cells: Cell[]): Cell {
  let sum = 0;
  for (const c of cells) {
    if (c === null) return null;
    sum += c;
  }
  return sum;
}
