import type { Kysely } from 'kysely';
import type { Role, UserViewer } from '../policy/viewer.js';
import type { Database } from '../store/schema.js';
import type { Store } from '../store/store.js';
import { compiledOnce } from '../store/compiled-once.js';

export interface ViewerUserRow {
  id: string;
  email: string;
  org_id: string;
  role: string;
  disabled: number;
}

/**
 * Builds a user's viewer, reading the organisation's sharing groups now, so a membership change takes
 * effect on the very next authentication. Null for a missing or disabled user.
 */
export async function viewerForUser(store: Store, userId: string): Promise<UserViewer | null> {
  const user = await store.db
    .selectFrom('users')
    .select(['id', 'email', 'org_id', 'role', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return user === undefined ? null : viewerFromRow(store.db, user);
}

export async function viewerFromRow(
  db: Kysely<Database>,
  user: ViewerUserRow,
  key?: { id: string; readOnly: boolean },
): Promise<UserViewer | null> {
  if (user.disabled !== 0) return null;
  // Read on every authenticated request: compiled once per store, only the organisation changes.
  const groups = await groupRows(db, [user.org_id]);
  return {
    kind: 'user',
    userId: user.id,
    email: user.email,
    orgId: user.org_id,
    role: user.role as Role,
    groups: groups.map((g) => g.group_id),
    readOnly: key?.readOnly ?? false,
    ...(key === undefined ? {} : { keyId: key.id }),
  };
}

const groupRows = compiledOnce((db: Kysely<Database>) =>
  db.selectFrom('group_members').select('group_id').where('org_id', '=', '').orderBy('group_id').compile(),
);
