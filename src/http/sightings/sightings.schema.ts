import { z } from 'zod';

const timestamp = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, 'must be an RFC 3339 UTC timestamp ending in Z');

export const PostSightingBody = z
  .object({
    indicator_id: z
      .string()
      .regex(/^[a-z0-9-]+--[0-9a-fA-F-]{36}$/, 'must be a STIX id')
      .optional(),
    value: z.string().min(1).max(8192).optional().describe('sight every visible indicator of this value'),
    count: z.number().int().min(0).max(999_999_999).optional(),
    first_seen: timestamp.optional(),
    last_seen: timestamp.optional(),
    false_positive: z.boolean().optional(),
    note: z.string().max(5000).optional(),
    distribution: z
      .string()
      .regex(
        /^(organisation|community|public|group:[A-Za-z0-9_.:-]+)$/,
        'organisation, community, public or group:<id>',
      )
      .optional()
      .describe('the widest audience you allow; the narrowest one reaching the owner is used'),
    tlp: z.enum(['clear', 'green', 'amber', 'amber+strict', 'red']).optional(),
  })
  .refine((b) => (b.indicator_id === undefined) !== (b.value === undefined), {
    error: 'give exactly one of indicator_id and value',
  })
  .refine((b) => b.first_seen === undefined || b.last_seen === undefined || b.first_seen <= b.last_seen, {
    error: 'first_seen must not be after last_seen',
  });
export type PostSightingBody = z.infer<typeof PostSightingBody>;

export const PostedSightings = z.object({
  sightings: z.array(
    z.object({
      sighting_of_ref: z.string(),
      status: z.enum(['created', 'refused']),
      id: z.string().optional(),
      distribution: z.string().optional(),
      code: z.string().optional(),
      message: z.string().optional(),
    }),
  ),
});

const Totals = z.object({
  sightings: z.number().int(),
  count: z.number().int(),
  false_positives: z.number().int(),
  expirations: z.number().int(),
  first_seen: z.string().nullable(),
  last_seen: z.string().nullable(),
});

export const SightingSummary = z.object({
  id: z.string(),
  total: Totals,
  organisations: z.array(Totals.extend({ org: z.object({ id: z.string(), name: z.string() }) })),
});

export const Lifecycle = z.object({
  id: z.string(),
  type: z.string(),
  decay_score: z.number().nullable(),
  decay_threshold: z.number(),
  decay_model: z
    .object({ kind: z.string().nullable(), lifetime_days: z.number(), decay_speed: z.number() })
    .nullable(),
  last_sighting: z.string().nullable(),
  valid: z.boolean(),
  expired: z.boolean(),
  revoked: z.boolean(),
  live: z.boolean(),
  warninglists: z.array(
    z.object({ kind: z.string(), value: z.string(), list: z.string(), reason: z.string() }),
  ),
});

export const Revoked = z.object({
  id: z.string(),
  version: z.string(),
  revoked: z.literal(true),
  written: z.boolean(),
});
