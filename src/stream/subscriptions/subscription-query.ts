import { z } from 'zod';
import { invalidInput } from '../../errors.js';
import { searchText } from '../../ingest/prepare-version.js';
import { parsePattern, validatePattern } from '../../pattern/index.js';
import type { Pattern } from '../../pattern/index.js';
import { formatPatternError } from '../../matching/format-pattern-error.js';
import type { StreamFilter } from '../stream-filter.js';
import { objectMatchesPattern } from './pattern-match.js';

const TLPS = ['clear', 'green', 'amber', 'amber+strict', 'red', 'none'] as const;

/** The search page's query (GET /api/v1/search: type, org, created_by_ref, q, tlp, label), saved. */
export const SavedSearch = z
  .object({
    type: z
      .array(z.string().regex(/^[a-z0-9-]+$/, 'a STIX type'))
      .min(1)
      .max(50)
      .optional(),
    org: z.string().min(1).max(200).optional().describe('owner organisation identity'),
    created_by_ref: z.string().min(1).max(200).optional(),
    q: z.string().min(1).max(200).optional().describe('case-insensitive text, as the search page'),
    tlp: z.array(z.enum(TLPS)).min(1).max(6).optional(),
    label: z.string().min(1).max(200).optional().describe('an exact STIX label'),
  })
  .strict();
export type SavedSearch = z.infer<typeof SavedSearch>;

/** What a subscription follows: a saved search, a STIX pattern, or both (each present must match). */
export const SubscriptionQuery = z
  .object({
    search: SavedSearch.optional(),
    pattern: z.string().min(1).max(16_384).optional().describe('a STIX pattern new objects must satisfy'),
  })
  .strict()
  .refine((q) => q.search !== undefined || q.pattern !== undefined, {
    error: 'a subscription needs a search, a pattern or both',
  });
export type SubscriptionQuery = z.infer<typeof SubscriptionQuery>;

/** What a version offers to a subscription's test: its content and the facts the store keeps. */
export interface CandidateVersion {
  object: Record<string, unknown>;
  type: string;
  ownerOrg: string;
  tlp: string | null;
}

export interface CompiledQuery {
  /** The part the store can narrow by in SQL (the stream's read). */
  filter: StreamFilter;
  /** The whole test, in memory: every part of the search and the pattern. */
  matches(version: CandidateVersion): boolean;
}

/** Refuses a pattern that does not parse or validate, with the position of the error. */
export function checkPattern(pattern: string): void {
  const report = validatePattern(pattern);
  if (!report.valid)
    throw invalidInput(
      'invalid_pattern',
      `the subscription's pattern is not valid STIX patterning:\n${formatPatternError(pattern, report.errors[0]!)}`,
    );
}

export function compileQuery(query: SubscriptionQuery): CompiledQuery {
  const s = query.search ?? {};
  let ast: Pattern | undefined;
  if (query.pattern !== undefined) {
    const parsed = parsePattern(query.pattern);
    if (!parsed.ok) throw invalidInput('invalid_pattern', parsed.error.message);
    ast = parsed.ast;
  }
  const text = s.q?.trim().toLowerCase();
  const filter: StreamFilter = {
    ...(s.type === undefined ? {} : { types: s.type }),
    ...(s.org === undefined ? {} : { owners: [s.org] }),
    ...(s.tlp === undefined ? {} : { tlps: s.tlp }),
    ...(text === undefined || text === '' ? {} : { text }),
  };
  return {
    filter,
    matches: (v) => {
      if (s.type !== undefined && !s.type.includes(v.type)) return false;
      if (s.org !== undefined && v.ownerOrg !== s.org) return false;
      if (s.tlp !== undefined && !s.tlp.includes((v.tlp ?? 'none') as (typeof TLPS)[number])) return false;
      if (s.created_by_ref !== undefined && v.object.created_by_ref !== s.created_by_ref) return false;
      if (s.label !== undefined) {
        const labels = v.object.labels;
        if (!Array.isArray(labels) || !labels.includes(s.label)) return false;
      }
      if (text !== undefined && text !== '' && !searchText(v.object as never).includes(text)) return false;
      return ast === undefined || objectMatchesPattern(ast, v.object);
    },
  };
}
