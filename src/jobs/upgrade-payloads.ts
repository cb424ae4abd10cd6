import type { Store } from '../store/store.js';

/**
 * Rewrites the payload of every job of one kind that `upgrade` changes (it returns the new payload,
 * or undefined to leave the row alone); returns how many rows it rewrote. Only `payload` is written,
 * and only if nobody changed it meanwhile, so a run finishing or an edit at the same time wins.
 */
export async function upgradePayloads(
  store: Store,
  kind: string,
  upgrade: (payload: Record<string, unknown>, name: string) => Promise<Record<string, unknown> | undefined>,
): Promise<number> {
  const rows = await store.db
    .selectFrom('jobs')
    .select(['id', 'name', 'payload'])
    .where('kind', '=', kind)
    .execute();
  let changed = 0;
  for (const row of rows) {
    const payload = await upgrade(JSON.parse(row.payload) as Record<string, unknown>, row.name);
    if (payload === undefined) continue;
    const result = await store.db
      .updateTable('jobs')
      .set({ payload: JSON.stringify(payload) })
      .where('id', '=', row.id)
      .where('payload', '=', row.payload)
      .executeTakeFirst();
    changed += Number(result.numUpdatedRows);
  }
  return changed;
}
