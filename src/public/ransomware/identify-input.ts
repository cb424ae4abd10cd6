import { z } from 'zod';

/** What a victim can tell about an attack; every field optional, every size bounded. */
export const IdentifyInput = z
  .object({
    /** Names of encrypted files, or just the extension they were given (`.locky`). */
    file_names: z.array(z.string().min(1).max(1024)).max(100).default([]),
    /** File names of the ransom note (`HOW_TO_BACK_FILES.txt`). */
    note_names: z.array(z.string().min(1).max(1024)).max(20).default([]),
    /** The note's text, pasted or read from the file. */
    note_text: z.string().max(100_000).optional(),
    /** E-mail addresses, Bitcoin or Monero addresses and onion URLs from the note. */
    contacts: z.array(z.string().min(1).max(512)).max(50).default([]),
    /** The first bytes of an encrypted file, as hex (at most 64 bytes). */
    marker_hex: z
      .string()
      .regex(/^(?:[0-9a-fA-F]{2}\s?){1,64}$/, 'hex digits, two per byte, at most 64 bytes')
      .optional(),
    /** The visitor's country (ISO 3166-1 alpha-2), to name where to report; never stored. */
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'a two-letter country code')
      .optional(),
    /** Keep this submission for investigators; without it nothing is stored or logged. */
    share: z.boolean().default(false),
  })
  .strict();
export type IdentifyInput = z.input<typeof IdentifyInput>;
export type IdentifyEvidence = z.output<typeof IdentifyInput>;
