import { z } from 'zod';

const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== ''),
);

const timestamp = z
  .string()
  .regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, 'must be an RFC 3339 UTC timestamp ending in Z');

export const Cursor = {
  encode: (seq: number) => Buffer.from(`s${seq}`).toString('base64url'),
  decode: (cursor: string): number | undefined => {
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    return /^s\d+$/.test(text) ? Number(text.slice(1)) : undefined;
  },
};

export const ListObjectsQuery = z.object({
  type: csv.optional().describe('STIX types, comma-separated'),
  created_by_ref: z.string().optional(),
  modified_from: timestamp.optional(),
  modified_to: timestamp.optional(),
  added_after: timestamp.optional(),
  q: z.string().max(200).optional().describe('case-insensitive text search over name, description, value'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.string().optional().describe('cursor from the previous page'),
  total: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('also return the exact number of matching objects'),
});
export type ListObjectsQuery = z.infer<typeof ListObjectsQuery>;

export const ObjectParams = z.object({
  id: z.string().regex(/^[a-z0-9-]+--[0-9a-fA-F-]{36}$/, 'must be a STIX id'),
});

export const GetObjectQuery = z.object({ version: z.string().optional() });

export const Meta = z.object({
  version: z.string(),
  date_added: z.string(),
  owner_org: z.string(),
  distribution: z.string(),
  tlp: z.string().nullable(),
  pap: z.string().nullable(),
});

export const PresentedObject = z.object({ object: z.record(z.string(), z.unknown()), meta: Meta });

export const ObjectPage = z.object({
  items: z.array(PresentedObject),
  next: z.string().optional(),
  total: z.number().int().optional(),
});

/** A `true`/`false` query flag; absent is false. */
export const QueryFlag = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

/** What every import route takes: how to place the objects and what to do with bad ones. */
export const ImportQuery = z.object({
  strict: QueryFlag,
  distribution: z
    .string()
    .regex(
      /^(organisation|community|public|group:[A-Za-z0-9_.:-]+)$/,
      'organisation, community, public or group:<id>',
    )
    .optional(),
  tlp: z.enum(['clear', 'green', 'amber', 'amber+strict', 'red', 'none']).optional(),
  drop_warninglisted: QueryFlag.describe(
    'refuse objects whose value is warninglisted (default: import them with a warning)',
  ),
});

export const ImportIssue = z.object({ path: z.string(), code: z.string(), message: z.string() });

/** One object's result in an import (src/ingest/import-result.ts). */
export const ImportObjectResult = z.object({
  index: z.number(),
  id: z.string().nullable(),
  status: z.enum(['created', 'duplicate', 'invalid', 'refused', 'rejected']),
  errors: z.array(ImportIssue),
  warnings: z.array(ImportIssue),
});

/** The summary counts every import reports. */
export const ImportCounts = {
  total: z.number(),
  created: z.number(),
  duplicate: z.number(),
  invalid: z.number(),
  refused: z.number(),
  rejected: z.number(),
};

/** `POST /api/v1/bundles`: the summary and one result per object. */
export const BundleImportResponse = z.object({
  summary: z.object({
    ...ImportCounts,
    fatal: z
      .object({
        code: z.string(),
        message: z.string(),
        line: z.number().optional(),
        column: z.number().optional(),
      })
      .optional(),
  }),
  results: z.array(ImportObjectResult),
});

export const DeleteQuery = z.object({ reason: z.string().max(500).optional() });
