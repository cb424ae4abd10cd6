import type { Kysely } from 'kysely';

/** One shipped decryptor entry, as data/decryptors.json holds it (validated where it is read). */
export interface SeedDecryptor {
  galaxy_uuid: string;
}
/** One shipped reporting contact, as data/reporting-contacts.json holds it. */
export interface SeedContact {
  country: string;
  name: string;
  url: string;
}

export interface PublicTablesSeed {
  decryptors: () => SeedDecryptor[];
  contacts: () => SeedContact[];
}

interface Tables {
  public_decryptors: { galaxy_uuid: string; data: string | null; updated: string; updated_by: string };
  public_reporting_contacts: { country: string; name: string; url: string; updated: string };
}

/**
 * The decryptor and reporting-contact tables move wholly into the store, so an administrator's edits
 * (src/public/ransomware/*-table.ts) are the only truth: the entries shipped with Accord are seeded
 * where the store has no row of its own, rows that withdrew a shipped entry (`data` null) are dropped
 * since there is nothing left to withdraw, and contacts gain `updated_by` like decryptors have.
 */
export function publicTablesSeedMigration(seed: PublicTablesSeed) {
  return {
    async up(untyped: Kysely<unknown>): Promise<void> {
      const db = untyped as unknown as Kysely<Tables>;
      await untyped.schema
        .alterTable('public_reporting_contacts')
        .addColumn('updated_by', 'text', (c) => c.notNull().defaultTo('system'))
        .execute();
      const now = new Date().toISOString();
      const present = new Set(
        (await db.selectFrom('public_decryptors').select('galaxy_uuid').execute()).map((r) => r.galaxy_uuid),
      );
      const decryptors = seed.decryptors().filter((d) => !present.has(d.galaxy_uuid));
      if (decryptors.length > 0)
        await db
          .insertInto('public_decryptors')
          .values(
            decryptors.map((d) => ({
              galaxy_uuid: d.galaxy_uuid,
              data: JSON.stringify(d),
              updated: now,
              updated_by: 'system',
            })),
          )
          .execute();
      await db.deleteFrom('public_decryptors').where('data', 'is', null).execute();
      const have = new Set(
        (await db.selectFrom('public_reporting_contacts').select('country').execute()).map((r) => r.country),
      );
      const contacts = seed.contacts().filter((c) => !have.has(c.country));
      if (contacts.length > 0)
        await db
          .insertInto('public_reporting_contacts')
          .values(contacts.map((c) => ({ ...c, updated: now })))
          .execute();
    },
  };
}
