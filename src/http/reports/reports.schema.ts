import { z } from 'zod';
import { CATEGORY_IDS } from '../../reports/landscape/categories.js';
import type { LandscapeFigures } from '../../reports/landscape/figures.js';
import { LandscapeRequestFields, refinePeriod } from '../../reports/landscape/landscape-request.js';
import { Narrative } from '../../reports/landscape/narrative.js';

/** A count; `null` where the CLEAR variant suppressed it. */
const Cell = z.number().int().nullable();
const Ranked = z.object({
  name: z.string(),
  count: Cell,
  first_seen: z.string().nullable(),
  new: z.boolean(),
});
const Rows = <K extends string>(key: K) =>
  z.array(z.object({ [key]: z.string(), count: Cell } as Record<K, z.ZodString> & { count: typeof Cell }));

export const LandscapeFiguresSchema = z.object({
  period: z.object({
    from: z.string(),
    to: z.string(),
    granularity: z.enum(['month', 'quarter']),
    buckets: z.array(z.string()),
  }),
  previous: z.object({ from: z.string(), to: z.string() }),
  variant: z.enum(['full', 'clear']),
  threshold: z.number().int().nullable(),
  tlp: z.string(),
  generated_at: z.string(),
  volume: z.object({
    objects: z.array(Cell),
    indicators: z.array(Cell),
    total: Cell,
    previous_total: Cell,
    change_pct: z.number().nullable(),
    uncategorised: Cell,
    categories: z.array(
      z.object({
        id: z.enum(CATEGORY_IDS),
        title: z.string(),
        europol: z.string(),
        enisa: z.string(),
        objects: z.array(Cell),
        indicators: z.array(Cell),
        total: Cell,
        previous_total: Cell,
        change_pct: z.number().nullable(),
      }),
    ),
  }),
  rankings: z.object({
    malware: z.array(Ranked),
    ransomware: z.array(Ranked),
    threat_actors: z.array(Ranked),
    brands: z.array(Ranked),
    new_families: z.array(z.object({ name: z.string(), first_seen: z.string() })),
    new_techniques: z.array(z.object({ external_id: z.string(), name: z.string(), first_seen: z.string() })),
  }),
  geography: z.object({
    victims_by_sector: Rows('sector'),
    victims_by_country: Rows('country'),
    infrastructure_by_country: Rows('country').nullable(),
    infrastructure_by_asn: z
      .array(z.object({ asn: z.number().int(), holder: z.string(), count: Cell }))
      .nullable(),
    infrastructure_addresses: Cell,
  }),
  disruption: z
    .object({
      operations: Cell,
      targets_identified: Cell,
      targets_actioned: Cell,
      takedown_rate: z.number().nullable(),
      median_days_to_action: z.number().nullable(),
      notifications: Cell,
    })
    .nullable(),
  portal: z
    .object({
      identification_requests: Cell,
      identified: Cell,
      not_identified: Cell,
      families_identified: Cell,
      families_with_decryptor: Cell,
      decryptor_coverage: z.number().nullable(),
      intake_reports: Cell,
      intake_promoted: Cell,
    })
    .nullable(),
  quality: z.object({
    contributions: z.array(z.object({ org_id: z.string(), name: z.string(), count: z.number().int() })),
    partners: Cell,
    values: Cell,
    shared_values: Cell,
    tlp: Rows('tlp'),
    confidence: Rows('band'),
    indicators: z.object({ total: Cell, expired: Cell, revoked: Cell }),
  }),
  suppressed: z.number().int(),
});

// The schema and the computed type must describe the same document.
type SchemaFigures = z.infer<typeof LandscapeFiguresSchema>;
export const sameShape = (f: LandscapeFigures): SchemaFigures => f;

export const CreateLandscapeReport = LandscapeRequestFields.extend({
  title: z.string().min(1).max(200).default('Threat landscape assessment'),
})
  .strict()
  .superRefine(refinePeriod);

export const LandscapeReportSchema = z.object({
  id: z.string(),
  title: z.string(),
  created: z.string(),
  updated: z.string(),
  created_by: z.string(),
  variant: z.enum(['full', 'clear']),
  tlp: z.string(),
  request: z.unknown(),
  figures: LandscapeFiguresSchema,
  narrative: Narrative,
  links: z.object({ html: z.string(), pdf: z.string().nullable() }),
});

export const LandscapeReportList = z.object({
  reports: z.array(
    LandscapeReportSchema.pick({
      id: true,
      title: true,
      created: true,
      updated: true,
      created_by: true,
      variant: true,
      tlp: true,
    }).extend({ period: z.object({ from: z.string(), to: z.string() }) }),
  ),
  pdf: z.boolean(),
});

export const ReportParams = z.object({ id: z.string().regex(/^landscape-report--[0-9a-f-]{36}$/) });
