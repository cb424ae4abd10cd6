import { randomBytes } from 'node:crypto';
import { PerStore } from '../../store/per-store.js';
import type { Store } from '../../store/store.js';

const KEY = 'session_secret';

async function loadOrCreate(store: Store): Promise<Uint8Array> {
  // Insert-if-absent then read back: concurrent nodes on one PostgreSQL agree on the first secret.
  await store.db
    .insertInto('settings')
    .values({ key: KEY, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await store.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', KEY)
    .executeTakeFirstOrThrow();
  return new Uint8Array(Buffer.from(row.value, 'base64url'));
}

const secrets = new PerStore(loadOrCreate);

/** The HMAC key that signs session cookies, generated once per store and kept in `settings`. */
export function sessionSecret(store: Store): Promise<Uint8Array> {
  return secrets.get(store);
}
