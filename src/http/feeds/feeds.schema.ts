import { z } from 'zod';
import { OBSERVABLE_KINDS } from '../../observable/kind.js';

const list = z.string().transform((s) =>
  s
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== ''),
);
const bool = z.enum(['true', 'false']).transform((v) => v === 'true');

export const FeedParams = z.object({
  format: z.string().regex(/^[a-z0-9]+$/, 'a format name such as suricata, zeek, rpz, ip'),
});

export const FeedQuery = z.object({
  type: list.optional().describe('STIX types to read (default: indicators and value-carrying SCOs)'),
  kind: list
    .pipe(z.array(z.enum(OBSERVABLE_KINDS)))
    .optional()
    .describe('observable kinds, comma-separated'),
  owner: z.string().optional().describe('owner organisation id'),
  min_confidence: z.coerce.number().int().min(0).max(100).optional(),
  label: z.string().optional(),
  max_tlp: z.enum(['clear', 'green', 'amber', 'amber+strict']).optional(),
  since: z
    .string()
    .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, 'an RFC 3339 UTC timestamp')
    .optional(),
  active: bool.optional().describe('only active indicators (default true)'),
  include_pap_red: bool.optional().describe('keep PAP:RED items in blocking formats (audited)'),
  columns: z.string().optional().describe('csv: columns, comma-separated'),
  token: z.string().optional().describe('API key, for appliances that cannot send headers'),
});
export type FeedQuery = z.infer<typeof FeedQuery>;
