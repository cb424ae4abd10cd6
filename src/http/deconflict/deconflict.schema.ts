import { z } from 'zod';
import { MAX_CHECK_VALUES, SENSITIVITIES } from '../../deconflict/index.js';

const Text = (max: number) => z.string().min(1).max(max);

export const InterestBody = z.object({
  kind: Text(20).optional().describe("an observable kind, 'phone', 'handle', or 'auto' (the default)"),
  value: Text(8192),
  case_ref: Text(200),
  contact: Text(200).describe('what a checker that hits this interest is told: whom to call'),
  expires_at: z.string().optional().describe('ISO 8601; default one year ahead, at most five'),
  sensitivity: z.enum(SENSITIVITIES).optional(),
  notify_owner: z.boolean().optional().describe('tell the owner when a check hits it (default true)'),
});

export const RegisterBody = z.object({ interests: z.array(InterestBody).min(1).max(10_000) });

export const RegisterResponse = z.object({
  results: z.array(
    z.object({
      index: z.number(),
      status: z.enum(['registered', 'invalid']),
      id: z.string().optional(),
      kind: z.string().optional(),
      value: z.string().optional(),
      expires_at: z.string().optional(),
      error: z.string().optional(),
    }),
  ),
});

export const OwnInterestSchema = z.object({
  id: z.string(),
  kind: z.string(),
  value: z.string(),
  case_ref: z.string(),
  contact: z.string(),
  sensitivity: z.string(),
  notify_owner: z.boolean(),
  expires_at: z.string(),
  expired: z.boolean(),
  created: z.string(),
  created_by: z.string(),
});
export const ListResponse = z.object({ interests: z.array(OwnInterestSchema) });

export const NotificationsResponse = z.object({
  notifications: z.array(
    z.object({
      interest_id: z.string(),
      checker_org: z.string(),
      checker_org_name: z.string().nullable(),
      checker_user: z.string(),
      checker_email: z.string().nullable(),
      checked_at: z.string(),
    }),
  ),
});

export const CheckBody = z.object({
  values: z
    .array(z.union([Text(8192), z.object({ kind: Text(20).optional(), value: Text(8192) })]))
    .min(1)
    .max(MAX_CHECK_VALUES),
});

export const CheckResponse = z.object({
  results: z.array(
    z.object({
      index: z.number(),
      status: z.enum(['hit', 'no-hit', 'invalid']),
      kind: z.string().optional(),
      contacts: z.array(z.string()).optional().describe('on a hit: whom to contact, one per organisation'),
      error: z.string().optional(),
    }),
  ),
});

export const InterestParams = z.object({ id: Text(100) });
