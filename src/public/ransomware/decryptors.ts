import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../store/schema.js';

/** A link a visitor may follow: http or https only (never `javascript:` or `data:`). */
export const WebUrl = z.url({ protocol: /^https?$/, error: 'must be an http or https URL' }).max(2000);

/** What an administrator curates for one family: the tool, who offers it, its guide and the source. */
export const DecryptorInput = z.strictObject({
  tool: z.string().trim().min(1).max(200),
  provider: z.string().trim().min(1).max(200),
  /** The how-to guide or download page. */
  url: WebUrl,
  /** Where the entry was established: the No More Ransom listing or the provider's announcement. */
  source: WebUrl,
  note: z.string().trim().min(1).max(500).optional(),
});
export type DecryptorInput = z.infer<typeof DecryptorInput>;

/** A free decryptor for one family of the galaxy, from the curated table in the store. */
export const Decryptor = DecryptorInput.extend({
  galaxy_uuid: z.string().regex(/^[0-9a-f-]{36}$/),
  family: z.string().min(1),
});
export type Decryptor = z.infer<typeof Decryptor>;

export const DecryptorTable = z.array(Decryptor);

export const DATA_DIR = new URL('../../../src/public/ransomware/data/', import.meta.url);

/** The entries Accord ships (data/decryptors.json): migration 0037 seeds the store's table with them. */
export function shippedDecryptors(): Decryptor[] {
  return DecryptorTable.parse(JSON.parse(readFileSync(new URL('decryptors.json', DATA_DIR), 'utf8')));
}

/** The decryptor table in force, by galaxy UUID, as administrators left it. */
export async function readDecryptors(db: Kysely<Database>): Promise<Map<string, Decryptor>> {
  const rows = await db
    .selectFrom('public_decryptors')
    .select(['galaxy_uuid', 'data'])
    .where('data', 'is not', null)
    .orderBy('galaxy_uuid')
    .execute();
  return new Map(rows.map((r) => [r.galaxy_uuid, Decryptor.parse(JSON.parse(r.data!))]));
}
