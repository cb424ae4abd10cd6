import { z } from 'zod';
import { CSV_PRESETS, CsvMapping, convertCsv } from '../ingest/csv/index.js';
import type { ConversionContext, ConversionResult } from '../ingest/conversion.js';
import { convertMispEvent } from '../ingest/misp/index.js';
import type { SharingGroupRef } from '../ingest/misp/index.js';
import { convertText } from '../ingest/text/index.js';

export const CSV_PRESET_NAMES = Object.keys(CSV_PRESETS) as Array<keyof typeof CSV_PRESETS>;
export const TEXT_FORMATS = ['text', 'markdown', 'html', 'email'] as const;
export type TextFormatName = (typeof TEXT_FORMATS)[number];

/** Which converter reads an input, and how: what the CLI, the API and feed definitions all carry. */
export const FormatSpec = z.discriminatedUnion('format', [
  z.object({ format: z.literal('misp') }),
  z.object({
    format: z.literal('csv'),
    preset: z
      .enum(CSV_PRESET_NAMES as [keyof typeof CSV_PRESETS, ...Array<keyof typeof CSV_PRESETS>])
      .optional(),
    /** Overrides the preset's settings; its `columns` are merged into the preset's. */
    mapping: CsvMapping.partial().optional(),
  }),
  z.object({ format: z.literal('text'), textFormat: z.enum(TEXT_FORMATS).optional() }),
]);
export type FormatSpec = z.infer<typeof FormatSpec>;

/** The mapping a CSV spec stands for: the preset (default `list`), overlaid with the given mapping. */
export function csvMappingOf(spec: Extract<FormatSpec, { format: 'csv' }>): CsvMapping {
  const preset: CsvMapping =
    spec.preset === undefined && spec.mapping?.columns !== undefined
      ? { columns: spec.mapping.columns }
      : CSV_PRESETS[spec.preset ?? 'list'];
  const extra = spec.mapping ?? {};
  return { ...preset, ...extra, columns: { ...preset.columns, ...(extra.columns ?? {}) } };
}

/** A text format from a file name's extension, for `--text-format` left out. */
export function textFormatOfName(name: string): TextFormatName {
  const lower = name.toLowerCase();
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  if (lower.endsWith('.html') || lower.endsWith('.htm')) return 'html';
  if (lower.endsWith('.eml')) return 'email';
  return 'text';
}

/**
 * Runs the converter a spec names over the whole input. Converters never throw; neither does this:
 * every problem is in the result's `errors`, located by line/column (CSV) or JSON path (MISP).
 */
export async function convertFormat(
  input: string,
  spec: FormatSpec,
  ctx: ConversionContext & { sharingGroups?: SharingGroupRef[] },
): Promise<ConversionResult> {
  switch (spec.format) {
    case 'misp':
      return convertMispEvent(input, ctx);
    case 'csv':
      return convertCsv(input, csvMappingOf(spec), ctx);
    case 'text':
      return convertText(input, ctx, { format: spec.textFormat ?? 'text' });
  }
}
