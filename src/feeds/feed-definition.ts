import { z } from 'zod';
import { CsvMapping } from '../ingest/csv/index.js';
import { DISTRIBUTION_PATTERN } from '../policy/distribution.js';
import type { Distribution } from '../policy/distribution.js';
import { CSV_PRESET_NAMES, TEXT_FORMATS } from './convert-format.js';

export const FEED_KIND = 'feed';
export const FEED_TYPES = ['misp', 'csv', 'text', 'stix', 'taxii'] as const;
export type FeedType = (typeof FEED_TYPES)[number];

/**
 * A scheduled feed, kept as the `payload` of a `feed` job: where to read, how to convert, and the
 * owner organisation, distribution and TLP everything it brings is stored under.
 */
export const FeedDefinition = z.object({
  type: z.enum(FEED_TYPES),
  /** http(s) URL: a MISP feed's base, a CSV/text/STIX file, or a TAXII API root. A MISP feed may be a directory. */
  url: z.string().min(1).max(2048),
  /** The owner organisation's identity id. */
  owner: z.string().min(1),
  /** The user the feed writes as (a member of the owner organisation, or an admin/sync user). */
  actor: z.string().min(1),
  distribution: z
    .string()
    .regex(DISTRIBUTION_PATTERN)
    .transform((d) => d as Distribution)
    .optional(),
  tlp: z.enum(['clear', 'green', 'amber', 'amber+strict', 'red', 'none']).optional(),
  preset: z.enum(CSV_PRESET_NAMES as [string, ...string[]]).optional(),
  mapping: CsvMapping.partial().optional(),
  textFormat: z.enum(TEXT_FORMATS).optional(),
  /** TAXII: the collection id. */
  collection: z.string().optional(),
  /** Extra request headers (an API key for the remote); never shown by `feed list`. */
  headers: z.record(z.string(), z.string()).optional(),
  strict: z.boolean().optional(),
});
export type FeedDefinition = z.infer<typeof FeedDefinition>;

/** What a feed job remembers between runs (besides the job row's last run, status and error). */
export const FeedState = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  lastSuccessAt: z.string().optional(),
  counts: z
    .object({
      total: z.number(),
      created: z.number(),
      duplicate: z.number(),
      invalid: z.number(),
      refused: z.number(),
    })
    .optional(),
  /** MISP feeds: event uuid → manifest timestamp imported. */
  lastSeen: z.record(z.string(), z.number()).optional(),
  /** TAXII feeds: where the next pull starts. */
  addedAfter: z.string().optional(),
});
export type FeedState = z.infer<typeof FeedState>;

/** Reads a job's state leniently: an unreadable state is a fresh start, not a stuck feed. */
export function feedStateOf(state: unknown): FeedState {
  const parsed = FeedState.safeParse(state);
  return parsed.success ? parsed.data : {};
}
