import { z } from 'zod';
import { CSV_PRESET_NAMES, TEXT_FORMATS } from '../../feeds/convert-format.js';
import { ImportCounts, ImportObjectResult, ImportQuery, QueryFlag } from '../objects/objects.schema.js';

export const ImportFormatParams = z.object({ format: z.enum(['misp', 'csv', 'text']) });

export const ImportFormatQuery = ImportQuery.extend({
  preset: z
    .enum(CSV_PRESET_NAMES as [string, ...string[]])
    .optional()
    .describe('csv: urlhaus, threatfox, malwarebazaar, feodotracker or list (the default)'),
  mapping: z.string().max(8192).optional().describe('csv: a column mapping as JSON, overlaid on the preset'),
  text_format: z.enum(TEXT_FORMATS).optional().describe('text: text (default), markdown, html or email'),
  dry_run: QueryFlag.describe('preview: run every rule, write nothing'),
});
export type ImportFormatQuery = z.infer<typeof ImportFormatQuery>;

const SourceIssue = z.object({
  code: z.string(),
  message: z.string(),
  path: z.string().optional(),
  line: z.number().optional(),
  column: z.number().optional(),
});

export const ImportFormatResponse = z.object({
  summary: z.object({
    ...ImportCounts,
    dry_run: z.boolean(),
    fatal: SourceIssue.omit({ path: true }).optional(),
  }),
  /** The converter's problems with the input, by line/column (CSV, text) or JSON path (MISP). */
  errors: z.array(SourceIssue),
  warnings: z.array(SourceIssue),
  results: z.array(ImportObjectResult.extend({ type: z.string().optional() })),
});

/** The error catalogue's body (src/http/plugins/error-handler.ts), for a 400 from a bad query. */
export const CatalogueError = z.looseObject({ code: z.string(), message: z.string() });
