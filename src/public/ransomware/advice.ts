import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Store } from '../../store/store.js';
import { DATA_DIR, WebUrl } from './decryptors.js';

/** An ISO 3166-1 alpha-2 country code (any case, kept upper-case), or `*` for every other country. */
export const ContactCountry = z
  .string()
  .regex(/^(?:[A-Za-z]{2}|\*)$/, 'must be two letters (ISO 3166-1) or * for everyone else')
  .transform((c) => c.toUpperCase());

/** What an administrator sets for one country: who takes the report, and where. */
export const ReportingContactInput = z.strictObject({
  name: z.string().trim().min(1).max(200),
  url: WebUrl,
});
export type ReportingContactInput = z.infer<typeof ReportingContactInput>;

/** Where victims report a crime, per ISO 3166-1 alpha-2 country; `*` is the fallback for all others. */
export const ReportingContact = ReportingContactInput.extend({
  country: z.string().regex(/^(?:[A-Z]{2}|\*)$/),
});
export type ReportingContact = z.infer<typeof ReportingContact>;

/** The contacts Accord ships (data/reporting-contacts.json): migration 0037 seeds the store with them. */
export function shippedReportingContacts(): ReportingContact[] {
  return z
    .array(ReportingContact)
    .parse(JSON.parse(readFileSync(new URL('reporting-contacts.json', DATA_DIR), 'utf8')));
}

/** The contact table in force, as administrators left it, by country (`*` first). */
export async function reportingContacts(store: Store): Promise<ReportingContact[]> {
  const rows = await store.db
    .selectFrom('public_reporting_contacts')
    .select(['country', 'name', 'url'])
    .orderBy('country')
    .execute();
  return rows.map((r) => ({ country: r.country, name: r.name, url: r.url }));
}

/** The contact for `country`, else the fallback. */
export async function reportingContactFor(
  store: Store,
  country: string | undefined,
): Promise<ReportingContact | null> {
  const all = await reportingContacts(store);
  const want = country?.toUpperCase();
  return all.find((c) => c.country === want) ?? all.find((c) => c.country === '*') ?? null;
}

/** Stable keys of the general advice; the texts in each language live with the faces (web, CLI). */
export const GENERAL_ADVICE = [
  'do_not_pay',
  'isolate',
  'keep_files',
  'report',
  'restore_backups',
  'check_decryptor',
] as const;

/** The general advice in English, for the API and the CLI (the web portal translates it). */
export const GENERAL_ADVICE_EN: Record<(typeof GENERAL_ADVICE)[number], string> = {
  do_not_pay:
    'Do not pay the ransom: payment funds the criminals, and many victims who pay never get their files back.',
  isolate:
    'Disconnect the affected machines from the network (cable and Wi-Fi) to stop the spread; do not switch them off before taking advice, memory may hold the key.',
  keep_files:
    'Keep the encrypted files and the ransom note: a free decryptor may appear later, and investigators need the note.',
  report: 'Report the attack to the police; they can link it to others and sometimes recover keys.',
  restore_backups:
    'Restore from offline backups only after the machine is cleaned or reinstalled, and change the passwords used on it.',
  check_decryptor:
    'Check whether a free decryptor exists for the family (No More Ransom, https://www.nomoreransom.org/) before anything else.',
};
