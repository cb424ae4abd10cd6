import type { Actor } from '../../audit/actor.js';
import { auditOk, auditedWrite } from '../../audit/audited-write.js';
import { requireAdmin } from '../../admin/authorise.js';
import { invalidInput, notFound } from '../../errors.js';
import type { Store } from '../../store/store.js';
import type { Decryptor, DecryptorInput } from './decryptors.js';
import { readDecryptors } from './decryptors.js';
import { loadRansomwareDatabase } from './ransomware-database.js';

const updatedBy = (actor: Actor) => (actor.kind === 'system' ? 'system' : actor.userId);

/** The curated decryptor table, by family name. */
export async function listDecryptors(store: Store): Promise<Decryptor[]> {
  return [...(await readDecryptors(store.db)).values()].sort((a, b) => a.family.localeCompare(b.family));
}

/**
 * Sets the free decryptor of one family of the database in force (administrators; audited). The
 * family's name is taken from the database, so an entry always names a family the identifier knows.
 */
export async function setDecryptor(
  store: Store,
  actor: Actor,
  galaxyUuid: string,
  input: DecryptorInput,
  now: string = new Date().toISOString(),
): Promise<{ decryptor: Decryptor; created: boolean }> {
  const uuid = galaxyUuid.toLowerCase();
  // Read before the write transaction: on SQLite the store's one connection is the transaction's.
  const { index } = await loadRansomwareDatabase(store);
  return auditedWrite(store, actor, { action: 'ransomware.decryptor.set', target: uuid }, async (trx) => {
    requireAdmin(actor, 'edit the decryptor table');
    const i = index.byUuid.get(uuid);
    if (i === undefined)
      throw invalidInput(
        'unknown_family',
        `galaxy_uuid: ${galaxyUuid} is not a family of the ransomware database in force`,
        [{ path: 'galaxy_uuid', message: 'not a family of the database in force' }],
      );
    const decryptor: Decryptor = { galaxy_uuid: uuid, family: index.families[i]!.name, ...input };
    const before = await trx
      .selectFrom('public_decryptors')
      .select('data')
      .where('galaxy_uuid', '=', uuid)
      .executeTakeFirst();
    const row = { data: JSON.stringify(decryptor), updated: now, updated_by: updatedBy(actor) };
    await trx
      .insertInto('public_decryptors')
      .values({ galaxy_uuid: uuid, ...row })
      .onConflict((oc) => oc.column('galaxy_uuid').doUpdateSet(row))
      .execute();
    const created = before?.data == null;
    await auditOk(trx, actor, 'ransomware.decryptor.set', uuid, {
      family: decryptor.family,
      created,
      ...(created ? {} : { before: JSON.parse(before.data!) as unknown }),
      after: decryptor,
    });
    return { decryptor, created };
  });
}

/** Removes the decryptor entry of one family (administrators; audited); 404 when it has none. */
export async function removeDecryptor(store: Store, actor: Actor, galaxyUuid: string): Promise<void> {
  const uuid = galaxyUuid.toLowerCase();
  await auditedWrite(store, actor, { action: 'ransomware.decryptor.remove', target: uuid }, async (trx) => {
    requireAdmin(actor, 'edit the decryptor table');
    const before = await trx
      .selectFrom('public_decryptors')
      .select('data')
      .where('galaxy_uuid', '=', uuid)
      .executeTakeFirst();
    if (before?.data == null) throw notFound(`decryptor entry for ${galaxyUuid}`);
    await trx.deleteFrom('public_decryptors').where('galaxy_uuid', '=', uuid).execute();
    await auditOk(trx, actor, 'ransomware.decryptor.remove', uuid, {
      before: JSON.parse(before.data) as unknown,
    });
  });
}
