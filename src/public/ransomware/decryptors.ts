import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** A free decryptor for one family, from the curated table (data/decryptors.json), with its source. */
export const Decryptor = z.object({
  galaxy_uuid: z.string().regex(/^[0-9a-f-]{36}$/),
  family: z.string().min(1),
  tool: z.string().min(1),
  provider: z.string().min(1),
  url: z.url(),
  /** Where the entry was established: the No More Ransom listing or the provider's announcement. */
  source: z.url(),
  note: z.string().optional(),
});
export type Decryptor = z.infer<typeof Decryptor>;

export const DecryptorTable = z.array(Decryptor);

export const DATA_DIR = new URL('../../../src/public/ransomware/data/', import.meta.url);

/** The decryptor table shipped with Accord; the store's table (migration 0030) overrides it. */
export function shippedDecryptors(): Decryptor[] {
  return DecryptorTable.parse(JSON.parse(readFileSync(new URL('decryptors.json', DATA_DIR), 'utf8')));
}
