import { z } from 'zod';
import { TLP_LEVELS } from '../../policy/tlp.js';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/, 'a date as YYYY-MM-DD (or an RFC 3339 UTC timestamp)')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a calendar date');

/** The fields of a landscape request, before the checks across fields. */
export const LandscapeRequestFields = z.object({
  /** First day of the period (inclusive). */
  from: day,
  /** Day after the period (exclusive): `--from 2026-01-01 --to 2027-01-01` is the year 2026. */
  to: day,
  granularity: z.enum(['month', 'quarter']).default('month'),
  scope: z
    .object({
      types: z
        .array(z.string().regex(/^[a-z0-9-]+$/))
        .max(50)
        .optional(),
      owners: z
        .array(z.string().regex(/^identity--[0-9a-f-]{36}$/))
        .max(200)
        .optional(),
      /** Only objects marked at most this TLP (unmarked objects count as CLEAR). */
      tlp_max: z.enum(TLP_LEVELS).optional(),
    })
    .strict()
    .default({}),
  /** `clear`: aggregates only, small cells suppressed, nothing named that is not itself public. */
  variant: z.enum(['full', 'clear']).default('full'),
  /** In the CLEAR variant, counts below this are suppressed. */
  threshold: z.number().int().min(2).max(1000).default(5),
});

/** The period must be a real one, of at most ten years. */
export function refinePeriod(r: { from: string; to: string }, ctx: z.RefinementCtx): void {
  const from = Date.parse(r.from);
  const to = Date.parse(r.to);
  if (!(to > from)) ctx.addIssue({ code: 'custom', path: ['to'], message: '`to` must be after `from`' });
  else if (to - from > 10 * 366 * 86_400_000)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'a period of at most ten years' });
}

/** What an analyst asks a landscape report for; the same shape for the API, the CLI and the web UI. */
export const LandscapeRequest = LandscapeRequestFields.strict().superRefine(refinePeriod);
export type LandscapeRequest = z.output<typeof LandscapeRequest>;
export type LandscapeRequestInput = z.input<typeof LandscapeRequest>;
