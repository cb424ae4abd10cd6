import { z } from 'zod';
import { MAX_AUDIT_PAGE } from '../../audit/query-audit.js';

/** Any ISO 8601 instant, normalised to the stored form so text comparison orders correctly. */
const instant = z
  .string()
  .max(40)
  .refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO 8601 timestamp')
  .transform((s) => new Date(s).toISOString());

export const AuditQuery = z.object({
  actor: z.string().max(200).optional().describe('a user id, or "system"'),
  action: z.string().max(100).optional().describe('an exact action, or a prefix ending in * (key.*)'),
  since: instant.optional().describe('inclusive lower bound on the time'),
  until: instant.optional().describe('exclusive upper bound on the time'),
  after: z.string().max(40).optional().describe('cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(100),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string().nullable(),
  actor_org: z.string().nullable(),
  action: z.string(),
  target: z.string().nullable(),
  outcome: z.string(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});

export const AuditPage = z.object({ items: z.array(AuditEntry), next: z.string().optional() });

export const AuditVerify = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  brokenAt: z.number().int().optional(),
  reason: z.string().optional(),
});
