import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.js';

/** This store's instance id (`accord-instance--<uuid>`), made once and kept: peers name us by it. */
export async function instanceId(store: Store): Promise<string> {
  const row = await store.db.selectFrom('federation_instance').select('id').executeTakeFirst();
  if (row !== undefined) return row.id;
  const id = `accord-instance--${randomUUID()}`;
  await store.db
    .insertInto('federation_instance')
    .values({ id, created: new Date().toISOString() })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return (await store.db.selectFrom('federation_instance').select('id').executeTakeFirstOrThrow()).id;
}
