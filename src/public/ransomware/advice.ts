import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Store } from '../../store/store.js';
import { DATA_DIR } from './decryptors.js';

/** Where victims report a crime, per ISO 3166-1 alpha-2 country; `*` is the fallback for all others. */
export const ReportingContact = z.object({
  country: z.string().regex(/^(?:[A-Z]{2}|\*)$/),
  name: z.string().min(1).max(200),
  url: z.url(),
});
export type ReportingContact = z.infer<typeof ReportingContact>;

export function shippedReportingContacts(): ReportingContact[] {
  return z
    .array(ReportingContact)
    .parse(JSON.parse(readFileSync(new URL('reporting-contacts.json', DATA_DIR), 'utf8')));
}

/** The shipped table with the store's rows (editable by administrators) laid over it. */
export async function reportingContacts(store: Store): Promise<ReportingContact[]> {
  const byCountry = new Map(shippedReportingContacts().map((c) => [c.country, c]));
  for (const r of await store.db.selectFrom('public_reporting_contacts').selectAll().execute())
    byCountry.set(r.country, { country: r.country, name: r.name, url: r.url });
  return [...byCountry.values()].sort((a, b) => a.country.localeCompare(b.country));
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
