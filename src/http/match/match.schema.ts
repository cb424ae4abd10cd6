import { z } from 'zod';
import { FIELD_MAPS } from '../../match/index.js';

const PRESETS = Object.keys(FIELD_MAPS) as [string, ...string[]];

export const MatchQuery = z.object({
  /** Overrides the kind implied by Content-Type. */
  input: z.enum(['stix', 'jsonl', 'values']).optional(),
  field_map: z.enum(PRESETS).optional(),
  report_sightings: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
  sighting_tlp: z.enum(['clear', 'green', 'amber', 'amber+strict', 'red']).optional(),
});

export const MatchRecordSchema = z.object({
  line: z.number().optional(),
  lines: z.array(z.number()).optional(),
  value: z.string().optional(),
  event: z.unknown().optional(),
  observed_data: z.array(z.string()).optional(),
  indicator: z.object({ id: z.string(), name: z.string().nullable() }),
  owner_org: z.string(),
  owner_name: z.string(),
  tlp: z.string().nullable(),
});

export const MatchResponse = z.object({
  matches: z.array(MatchRecordSchema),
  summary: z.object({
    input: z.enum(['stix', 'jsonl', 'values']),
    indicators: z.number(),
    skipped: z.object({ warninglisted: z.number(), invalid: z.number() }),
    events: z.number(),
    matches: z.number(),
    matched_indicators: z.number(),
    malformed: z.number(),
    malformed_lines: z.array(z.object({ line: z.number(), error: z.string() })),
    /** True when more matches were found than the response carries (`matches` is cut). */
    truncated: z.boolean(),
  }),
  sightings: z
    .array(
      z.object({
        indicator: z.string(),
        status: z.enum(['created', 'refused']),
        sighting: z.string().optional(),
        distribution: z.string().optional(),
        count: z.number(),
        reason: z.string().optional(),
      }),
    )
    .optional(),
});
export type MatchResponse = z.infer<typeof MatchResponse>;
