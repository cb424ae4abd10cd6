import { z } from 'zod';
import { ListObjectsQuery } from '../objects/objects.schema.js';

const csv = z.string().transform((s) =>
  s
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== ''),
);

/** The objects listing's filters plus the ones the search page offers: organisation, TLP and label. */
export const SearchQuery = ListObjectsQuery.extend({
  org: z.string().max(200).optional().describe('owner organisation id'),
  tlp: csv.optional().describe('TLP levels, comma-separated; "none" for unmarked'),
  label: z.string().max(200).optional().describe('an exact STIX label'),
});
export type SearchQuery = z.infer<typeof SearchQuery>;
