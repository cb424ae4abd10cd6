import { randomUUID } from 'node:crypto';
import { auditOk, auditedWrite } from '../../audit/index.js';
import { forbidden, notFound } from '../../errors.js';
import type { UserViewer } from '../../policy/viewer.js';
import { defenderItems } from '../../present/defender-items.js';
import type { DefenderFilters } from '../../present/defender-items.js';
import { secretKey } from '../../secrets/index.js';
import type { Store } from '../../store/store.js';
import { deriveKey } from '../deconflict-key.js';
import { buildPssSet } from './pss-set.js';
import type { PssSet } from './pss-set.js';

/** How many of a set's hashes are recorded to trace a leak of it. */
export const TRACE_SAMPLE = 32;

export interface PssExportInput {
  recipientOrg: string;
  filters: DefenderFilters;
  baseUrl: string;
  name?: string;
  description?: string;
  fpRate?: number;
  now?: Date;
}

export interface PssExport extends PssSet {
  id: string;
  /** The set's HMAC key, hex: for the recipient only, shown once, never stored. */
  key: string;
}

/** The key of one set for one recipient: HKDF of the instance key, the set id and the recipient. */
export async function pssKey(store: Store, setId: string, recipientOrg: string) {
  return deriveKey((await secretKey(store)).key, `pss ${setId} ${recipientOrg}`);
}

/** The recipient organisation as a viewer: what its members may see, by THE visibility rule. */
async function recipientViewer(store: Store, orgId: string): Promise<UserViewer> {
  const org = await store.db
    .selectFrom('organisations')
    .select('id')
    .where('id', '=', orgId)
    .executeTakeFirst();
  if (org === undefined) throw notFound('recipient organisation');
  const groups = await store.db
    .selectFrom('group_members')
    .select('group_id')
    .where('org_id', '=', orgId)
    .execute();
  return {
    kind: 'user',
    userId: `pss-recipient:${orgId}`,
    email: '',
    orgId,
    role: 'reader',
    groups: groups.map((g) => g.group_id),
    readOnly: true,
  };
}

/**
 * Exports the defender selection `filters` as a private search set for one recipient: only values
 * both the exporter and the recipient may see (the recipient learns membership, the exporter gets
 * the key), never TLP:RED, hashed under a key derived for this set and recipient. The set's
 * fingerprint and a sample of its hashes are recorded, so a leaked copy names its recipient
 * (`traceLeak`). Audited with counts only.
 */
export async function exportPss(store: Store, viewer: UserViewer, input: PssExportInput): Promise<PssExport> {
  if (viewer.readOnly) throw forbidden('exporting a private search set records it; a read-only key cannot');
  const recipient = await recipientViewer(store, input.recipientOrg);
  const options = { blocking: false, filters: input.filters, baseUrl: input.baseUrl };
  const theirs = new Set<string>();
  for await (const item of defenderItems(store.db, recipient, options))
    theirs.add(`${item.id}\u0000${item.kind}\u0000${item.value}`);
  const values: Array<{ kind: string; value: string }> = [];
  for await (const item of defenderItems(store.db, viewer, options))
    if (theirs.has(`${item.id}\u0000${item.kind}\u0000${item.value}`)) values.push(item);

  const id = `pss--${randomUUID()}`;
  const { key, keyId } = await pssKey(store, id, input.recipientOrg);
  const now = input.now ?? new Date();
  const set = buildPssSet(key, values, {
    name: input.name ?? 'accord-private-search-set',
    description: input.description ?? `Accord private search set ${id}`,
    keyId: `accord:${keyId}`,
    recipient: input.recipientOrg,
    issuer: input.baseUrl,
    ...(input.fpRate === undefined ? {} : { fpRate: input.fpRate }),
    now,
  });
  await auditedWrite(store, viewer, { action: 'pss.export', target: id }, async (trx) => {
    await trx
      .insertInto('pss_exports')
      .values({
        id,
        recipient_org: input.recipientOrg,
        created_by: viewer.userId,
        created_org: viewer.orgId,
        fingerprint: keyId,
        sample: JSON.stringify(set.hashes.slice(0, TRACE_SAMPLE)),
        count: set.hashes.length,
        created: now.toISOString(),
      })
      .execute();
    await auditOk(trx, viewer, 'pss.export', id, {
      recipient: input.recipientOrg,
      issuer: input.baseUrl,
      count: set.hashes.length,
    });
  });
  return { ...set, id, key: key.toString('hex') };
}
