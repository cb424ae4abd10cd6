import { z } from 'zod';

export const CorrelationQuery = z.object({
  cap: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .optional()
    .describe('a value in more visible objects than this is reported as common (default 50)'),
});

export const ValueLookupQuery = CorrelationQuery.extend({
  value: z
    .string()
    .min(1)
    .max(8192)
    .describe('an IP, CIDR, domain, URL, e-mail, hash, ...; refanged and typed automatically'),
});

const CorrelatedObject = z.object({
  id: z.string(),
  type: z.string(),
  name: z.string().optional(),
  relation: z.enum(['exact', 'contains', 'within']),
  value: z.string(),
});

export const ObservableCorrelation = z.object({
  kind: z.string(),
  value: z.string(),
  common: z.literal(true).optional(),
  count: z.number().int().optional(),
  count_capped: z.literal(true).optional(),
  matches: z.array(
    z.object({ org: z.object({ id: z.string(), name: z.string() }), objects: z.array(CorrelatedObject) }),
  ),
});

export const ObjectCorrelations = z.object({ id: z.string(), observables: z.array(ObservableCorrelation) });
export type ObjectCorrelations = z.infer<typeof ObjectCorrelations>;

export const ValueCorrelations = z.object({ query: z.string(), observables: z.array(ObservableCorrelation) });
export type ValueCorrelations = z.infer<typeof ValueCorrelations>;
