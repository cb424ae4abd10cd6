import type { Kysely } from 'kysely';
import type { Actor } from '../../audit/actor.js';
import { auditOk, auditedWrite } from '../../audit/audited-write.js';
import { requireAdmin } from '../../admin/authorise.js';
import { notFound } from '../../errors.js';
import type { Database } from '../../store/schema.js';
import type { Store } from '../../store/store.js';
import type { ReportingContact, ReportingContactInput } from './advice.js';

const contactRow = (trx: Kysely<Database>, country: string) =>
  trx
    .selectFrom('public_reporting_contacts')
    .select(['name', 'url'])
    .where('country', '=', country)
    .executeTakeFirst();

/**
 * Sets where victims in `country` (upper-case ISO 3166-1 alpha-2, or `*` for every other country)
 * report (administrators; audited).
 */
export async function setReportingContact(
  store: Store,
  actor: Actor,
  country: string,
  input: ReportingContactInput,
  now: string = new Date().toISOString(),
): Promise<{ contact: ReportingContact; created: boolean }> {
  return auditedWrite(store, actor, { action: 'ransomware.contact.set', target: country }, async (trx) => {
    requireAdmin(actor, 'edit the reporting contacts');
    const before = await contactRow(trx, country);
    const row = {
      name: input.name,
      url: input.url,
      updated: now,
      updated_by: actor.kind === 'system' ? 'system' : actor.userId,
    };
    await trx
      .insertInto('public_reporting_contacts')
      .values({ country, ...row })
      .onConflict((oc) => oc.column('country').doUpdateSet(row))
      .execute();
    const contact = { country, name: input.name, url: input.url };
    await auditOk(trx, actor, 'ransomware.contact.set', country, {
      created: before === undefined,
      ...(before === undefined ? {} : { before }),
      after: contact,
    });
    return { contact, created: before === undefined };
  });
}

/** Removes the contact of one country (administrators; audited); 404 when it has none. */
export async function removeReportingContact(store: Store, actor: Actor, country: string): Promise<void> {
  await auditedWrite(store, actor, { action: 'ransomware.contact.remove', target: country }, async (trx) => {
    requireAdmin(actor, 'edit the reporting contacts');
    const before = await contactRow(trx, country);
    if (before === undefined) throw notFound(`reporting contact for ${country}`);
    await trx.deleteFrom('public_reporting_contacts').where('country', '=', country).execute();
    await auditOk(trx, actor, 'ransomware.contact.remove', country, { before });
  });
}
