import { z } from 'zod';
import type { LandscapeFigures } from './figures.js';

export const SECTIONS = ['volume', 'rankings', 'geography', 'disruption', 'quality'] as const;
export type SectionId = (typeof SECTIONS)[number];

const Text = z.string().max(20_000);
export const SectionNarrative = z
  .object({ key_findings: Text, trends: Text, recommendations: Text })
  .strict();
/** The analyst's text per section (Markdown), saved with the report. */
export const Narrative = z
  .object(
    Object.fromEntries(SECTIONS.map((s) => [s, SectionNarrative])) as Record<
      SectionId,
      typeof SectionNarrative
    >,
  )
  .strict();
export type Narrative = z.infer<typeof Narrative>;

const fmt = (n: number | null) => (n === null ? 'a suppressed number of' : n.toLocaleString('en-GB'));
const change = (p: number | null) =>
  p === null
    ? 'no comparable figure for the previous period'
    : `${p > 0 ? '+' : ''}${p}% against the previous period`;

/**
 * A first draft of every section, written from the figures, for the analyst to edit: the key findings
 * state what the figures say, trends compare with the previous period, recommendations are prompts.
 */
export function narrativeScaffold(f: LandscapeFigures): Narrative {
  const cats = f.volume.categories
    .filter((c) => c.total !== null && c.total > 0)
    .sort((a, b) => (b.total ?? 0) - (a.total ?? 0));
  const top = cats.slice(0, 3);
  const rising = cats
    .filter((c) => c.change_pct !== null && c.change_pct > 0)
    .sort((a, b) => (b.change_pct ?? 0) - (a.change_pct ?? 0))
    .slice(0, 3);
  const malware = f.rankings.malware.slice(0, 3).map((r) => r.name);
  const ransomware = f.rankings.ransomware.slice(0, 3).map((r) => r.name);
  const sectors = f.geography.victims_by_sector.slice(0, 3).map((s) => s.sector);
  const countries = f.geography.victims_by_country.slice(0, 3).map((c) => c.country);
  const d = f.disruption;
  const q = f.quality;
  const list = (xs: string[], none: string) => (xs.length === 0 ? none : xs.join(', '));
  return {
    volume: {
      key_findings:
        `${fmt(f.volume.total)} objects were reported in the period, ${change(f.volume.change_pct)}.` +
        (top.length > 0
          ? ` The largest categories were ${top.map((c) => `${c.title} (${fmt(c.total)})`).join(', ')}.`
          : ''),
      trends:
        rising.length > 0
          ? `Rising: ${rising.map((c) => `${c.title} (${change(c.change_pct)})`).join('; ')}.`
          : 'No category rose against the previous period.',
      recommendations: 'Which of these trends should partners act on first, and why?',
    },
    rankings: {
      key_findings: `Most reported malware families: ${list(malware, 'none in the period')}. Ransomware: ${list(ransomware, 'none in the period')}.`,
      trends:
        f.rankings.new_families.length > 0
          ? `${f.rankings.new_families.length === 1 ? 'One malware family was' : `${f.rankings.new_families.length} malware families were`} first seen in the period: ${f.rankings.new_families
              .slice(0, 5)
              .map((x) => x.name)
              .join(', ')}.`
          : 'No new malware family was first seen in the period.',
      recommendations: 'Detection and prevention priorities for the families above.',
    },
    geography: {
      key_findings: `Victims were reported mostly in the sectors ${list(sectors, '(none reported)')} and in ${list(countries, '(no country reported)')}.`,
      trends: 'How the geography of victims and infrastructure changed in the period.',
      recommendations: 'Outreach to the sectors and hosting providers concerned.',
    },
    disruption: {
      key_findings:
        d === null
          ? 'No operation figures for the period.'
          : `${fmt(d.targets_actioned)} of ${fmt(d.targets_identified)} targets were actioned` +
            (d.takedown_rate === null ? '.' : ` (a takedown rate of ${Math.round(d.takedown_rate * 100)}%).`),
      trends: 'How quickly reported targets were acted upon.',
      recommendations: 'Targets and jurisdictions to prioritise in the next period.',
    },
    quality: {
      key_findings:
        `${fmt(q.partners)} partners contributed; ${fmt(q.shared_values)} of ${fmt(q.values)} values were reported by more than one partner. ` +
        `${fmt(q.indicators.expired)} of ${fmt(q.indicators.total)} indicators have expired and ${fmt(q.indicators.revoked)} were revoked.`,
      trends: 'Changes in the volume and quality of contributions.',
      recommendations: 'Gaps in coverage that partners could fill.',
    },
  };
}
