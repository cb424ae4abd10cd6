import { z } from 'zod';

/**
 * One ransomware family as Accord keeps it: a MISP galaxy cluster with its misspelt meta keys folded
 * together (normalise-galaxy.ts) and the evidence the identifier matches on pulled out.
 */
export const RansomwareFamily = z.object({
  galaxy_uuid: z.string(),
  name: z.string(),
  /** Other names: the galaxy's synonyms and the name without a trailing "Ransomware". */
  synonyms: z.array(z.string()),
  description: z.string().nullable(),
  /** Literal suffixes appended to encrypted files, lower-case, with the leading dot (`.locky`). */
  extensions: z.array(z.string()),
  /** The galaxy's extension entries as written, for display (some are patterns or prose). */
  extension_notes: z.array(z.string()),
  note_filenames: z.array(z.string()),
  /**
   * What the galaxy's description states in prose when its fields are empty (description-evidence.ts):
   * suffixes as in `extensions`, note names as in `note_filenames`. Read from prose, so weighed lower.
   */
  described_extensions: z.array(z.string()).default([]),
  described_note_filenames: z.array(z.string()).default([]),
  notes: z.array(z.string()),
  emails: z.array(z.string()),
  btc: z.array(z.string()),
  xmr: z.array(z.string()),
  onions: z.array(z.string()),
  encryption: z.string().nullable(),
  payment_method: z.string().nullable(),
  date: z.string().nullable(),
  refs: z.array(z.string()),
  related: z.array(z.object({ uuid: z.string(), type: z.string() })),
});
export type RansomwareFamily = z.infer<typeof RansomwareFamily>;

/** The normalised database: the galaxy's identity and version, and its families. */
export const RansomwareDatabase = z.object({
  galaxy: z.object({
    uuid: z.string(),
    name: z.string(),
    version: z.number(),
    authors: z.array(z.string()),
    licence: z.string(),
  }),
  families: z.array(RansomwareFamily),
});
export type RansomwareDatabase = z.infer<typeof RansomwareDatabase>;
