import { timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { UserViewer } from '../policy/viewer.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { compiledOnce } from '../store/compiled-once.js';
import { apiKeyPrefix, sha256Hex } from './api-key-format.js';
import { viewerFromRow } from './viewer-for-user.js';

/** `last_used_at` is refreshed at most this often, so busy keys do not turn every read into a write. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Resolves an API key to its user's viewer, or null when the key is malformed, unknown, revoked,
 * expired or its user disabled. The viewer carries the key's read-only flag and the organisation's
 * sharing groups as they are now.
 */
export async function authenticateApiKey(
  store: Store,
  key: string,
  now: Date = new Date(),
): Promise<UserViewer | null> {
  const prefix = apiKeyPrefix(key);
  if (prefix === null) return null;
  const digest = sha256Hex(key);
  // Looking up by the hash leaks nothing: timing reveals at most how a sha256 digest sorts.
  // Every authenticated request runs this lookup: compiled once per store, only the digest changes.
  const row = (await keyRows(store.db, [digest]))[0];
  if (row === undefined) return null;
  const stored = Buffer.from(row.secret_sha256, 'hex');
  const given = Buffer.from(digest, 'hex');
  if (stored.length !== given.length || !timingSafeEqual(stored, given) || row.prefix !== prefix) return null;
  if (row.revoked_at !== null) return null;
  if (row.expires_at !== null && Date.parse(row.expires_at) <= now.getTime()) return null;
  const viewer = await viewerFromRow(store.db, row, { id: row.key_id, readOnly: row.read_only !== 0 });
  if (viewer === null) return null;
  const lastUsed = row.last_used_at === null ? 0 : Date.parse(row.last_used_at);
  if (now.getTime() - lastUsed >= LAST_USED_RESOLUTION_MS) {
    // A single-row update outside the write lock: it orders nothing and must not queue behind imports.
    await store.db
      .updateTable('api_keys')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.key_id)
      .execute();
  }
  return viewer;
}

const keyRows = compiledOnce((db: Kysely<Database>) =>
  db
    .selectFrom('api_keys')
    .innerJoin('users', 'users.id', 'api_keys.user_id')
    .select([
      'api_keys.id as key_id',
      'api_keys.prefix',
      'api_keys.secret_sha256',
      'api_keys.read_only',
      'api_keys.expires_at',
      'api_keys.last_used_at',
      'api_keys.revoked_at',
      'users.id',
      'users.email',
      'users.org_id',
      'users.role',
      'users.disabled',
    ])
    .where('api_keys.secret_sha256', '=', '')
    .compile(),
);

/**
 * TAXII Basic authentication: the user's e-mail as user name and one of their API keys as password.
 * The e-mail must be the key owner's: a key presented under someone else's name is refused.
 */
export async function authenticateBasic(
  store: Store,
  email: string,
  key: string,
  now: Date = new Date(),
): Promise<UserViewer | null> {
  const viewer = await authenticateApiKey(store, key, now);
  return viewer !== null && viewer.email === email.trim().toLowerCase() ? viewer : null;
}
