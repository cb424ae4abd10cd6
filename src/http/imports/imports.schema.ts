import { z } from 'zod';
import { CSV_PRESET_NAMES, TEXT_FORMATS } from '../../feeds/convert-format.js';

const bool = z
  .enum(['true', 'false'])
  .optional()
  .transform((v) => v === 'true');

export const ImportFormatParams = z.object({ format: z.enum(['misp', 'csv', 'text']) });

export const ImportFormatQuery = z.object({
  preset: z
    .enum(CSV_PRESET_NAMES as [string, ...string[]])
    .optional()
    .describe('csv: urlhaus, threatfox, malwarebazaar, feodotracker or list (the default)'),
  mapping: z.string().max(8192).optional().describe('csv: a column mapping as JSON, overlaid on the preset'),
  text_format: z.enum(TEXT_FORMATS).optional().describe('text: text (default), markdown, html or email'),
  distribution: z
    .string()
    .regex(
      /^(organisation|community|public|group:[A-Za-z0-9_.:-]+)$/,
      'organisation, community, public or group:<id>',
    )
    .optional(),
  tlp: z.enum(['clear', 'green', 'amber', 'amber+strict', 'red', 'none']).optional(),
  strict: bool,
  dry_run: bool.describe('preview: run every rule, write nothing'),
  drop_warninglisted: bool.describe('refuse objects whose value is warninglisted (default: flag them)'),
});
export type ImportFormatQuery = z.infer<typeof ImportFormatQuery>;

const Issue = z.object({ path: z.string(), code: z.string(), message: z.string() });
const SourceIssue = z.object({
  code: z.string(),
  message: z.string(),
  path: z.string().optional(),
  line: z.number().optional(),
  column: z.number().optional(),
});

export const ImportFormatResponse = z.object({
  summary: z.object({
    total: z.number(),
    created: z.number(),
    duplicate: z.number(),
    invalid: z.number(),
    refused: z.number(),
    rejected: z.number(),
    dry_run: z.boolean(),
    fatal: SourceIssue.omit({ path: true }).optional(),
  }),
  /** The converter's problems with the input, by line/column (CSV, text) or JSON path (MISP). */
  errors: z.array(SourceIssue),
  warnings: z.array(SourceIssue),
  results: z.array(
    z.object({
      index: z.number(),
      id: z.string().nullable(),
      type: z.string().optional(),
      status: z.enum(['created', 'duplicate', 'invalid', 'refused', 'rejected']),
      errors: z.array(Issue),
      warnings: z.array(Issue),
    }),
  ),
});

/** The error catalogue's body (src/http/plugins/error-handler.ts), for a 400 from a bad query. */
export const CatalogueError = z.looseObject({ code: z.string(), message: z.string() });
