import { z } from 'zod';
import { GROUPINGS } from '../../public/intake/triage/group-inbox.js';

export const InboxQuery = z.object({
  group: z.enum(GROUPINGS).default('url').describe('Group by URL host, sender, campaign (subject), or none'),
  status: z
    .enum(['open', 'new', 'promoted', 'benign', 'all'])
    .default('open')
    .describe('open (default) = new and promoted; benign reports are hidden unless asked for'),
  size: z.coerce.number().int().min(1).max(200).default(20).describe('Groups per page (1 to 200)'),
  cursor: z
    .string()
    .min(1)
    .max(2000)
    .optional()
    .describe(
      'page.next or page.previous of an earlier answer for the same group and status; without it, the first page',
    ),
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
      reports: z
        .array(InboxReport)
        .describe('The group’s reports, newest first, at most 1000 (count says how many it has)'),
    }),
  ),
  total: z
    .object({ groups: z.number().int(), reports: z.number().int() })
    .describe('Groups and distinct reports of the whole filter (every page), in the snapshot the walk reads'),
  page: z
    .object({
      size: z.number().int(),
      next: z.string().nullable().describe('Cursor of the next page, null on the last'),
      previous: z.string().nullable().describe('Cursor of the previous page, null on the first'),
    })
    .describe(
      'Keyset paging over the groups (largest first), in the snapshot of the first page: reports arriving during a walk wait for the next walk, so none is listed twice or skipped',
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
