import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { DATA_DIR, WebUrl } from './decryptors.js';

/** Where one fact of the family-evidence table was read: the public report's address and title. */
export const EvidenceSource = z.strictObject({
  url: WebUrl,
  title: z.string().trim().min(1).max(300),
});
export type EvidenceSource = z.infer<typeof EvidenceSource>;

const Fact = z.strictObject({ value: z.string().trim().min(1).max(200), source: EvidenceSource });

/** A note phrase short enough to be boilerplate says nothing about a family: five words or more. */
export const MIN_PHRASE_WORDS = 5;

/**
 * What public reporting states of one family of the galaxy, where the galaxy is silent: its note file
 * names (patterns written as the galaxy writes them, note-filename-pattern.ts), the suffixes it
 * appends, and phrases of its note, each with its source. Keyed by galaxy UUID like the decryptor table.
 */
export const FamilyEvidence = z
  .strictObject({
    galaxy_uuid: z.string().regex(/^[0-9a-f-]{36}$/),
    family: z.string().min(1),
    note_names: z.array(Fact).default([]),
    extensions: z
      .array(
        Fact.extend({
          value: z.string().regex(/^\.[\p{L}\p{N}_.\-!@#$~+]{1,60}$/u, 'a suffix with its dot'),
        }),
      )
      .default([]),
    phrases: z
      .array(
        Fact.refine((f) => f.value.split(/\s+/).length >= MIN_PHRASE_WORDS, {
          error: `a phrase of ${String(MIN_PHRASE_WORDS)} words or more`,
        }),
      )
      .default([]),
  })
  .refine((e) => e.note_names.length + e.extensions.length + e.phrases.length > 0, {
    error: 'an entry states at least one fact',
  });
export type FamilyEvidence = z.infer<typeof FamilyEvidence>;

export const FamilyEvidenceTable = z.array(FamilyEvidence);

let shipped: FamilyEvidence[] | undefined;

/** The curated table shipped in data/family-evidence.json (sources in data/FAMILY-EVIDENCE.md). */
export function shippedFamilyEvidence(): FamilyEvidence[] {
  shipped ??= FamilyEvidenceTable.parse(
    JSON.parse(readFileSync(new URL('family-evidence.json', DATA_DIR), 'utf8')),
  );
  return shipped;
}
