import { z } from 'zod';
import { GROUPINGS } from '../../public/intake/triage/group-inbox.js';

export const InboxQuery = z.object({
  group: z.enum(GROUPINGS).default('url').describe('Group by URL host, sender, campaign (subject), or none'),
  status: z
    .enum(['open', 'new', 'promoted', 'benign', 'all'])
    .default('open')
    .describe('open (default) = new and promoted; benign reports are hidden unless asked for'),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

const Value = z.object({ kind: z.string(), value: z.string() });

export const InboxReport = z.object({
  id: z.string(),
  kind: z.string(),
  received: z.string(),
  status: z.string(),
  subject: z.string().nullable(),
  sender: z.string().nullable(),
  campaign: z.string().nullable(),
  contact: z.string().nullable(),
  partner: z.string().nullable().describe('The partner organisation that posted it (X-ARF/ARF), else null'),
  stix_report_id: z.string(),
  values: z.array(Value),
});

export const InboxResponse = z.object({
  triage: z
    .object({ allowed: z.boolean(), reason: z.string().nullable() })
    .describe(
      'Whether you may promote and mark benign (a writer of the intake organisation), and if not why',
    ),
  counts: z.object({ new: z.number().int(), promoted: z.number().int(), benign: z.number().int() }),
  groups: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      count: z.number().int(),
      first: z.string(),
      last: z.string(),
      reports: z.array(InboxReport),
    }),
  ),
});

const ReportIds = z.array(z.string().min(1).max(100)).min(1).max(1000);

export const PromoteBody = z.strictObject({
  reports: ReportIds.describe('The reports to promote: one, or every report of a group'),
  values: z.array(Value).max(5000).optional().describe('Only these values (default: all of the reports’)'),
  distribution: z
    .string()
    .regex(
      /^(organisation|community|public|group:[A-Za-z0-9_.:-]+)$/,
      'organisation, community, public or group:<id>',
    ),
  tlp: z.enum(['clear', 'green', 'amber', 'amber+strict', 'red']),
});

export const PromoteResponse = z.object({
  reports: z.number().int(),
  indicators: z.array(z.object({ id: z.string(), kind: z.string(), value: z.string(), status: z.string() })),
});

export const BenignBody = z.strictObject({ reports: ReportIds });
export const BenignResponse = z.object({ marked: z.number().int() });
