import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { UserViewer } from '../src/policy/viewer.js';
import { openPostgresStore } from '../src/store/postgres/open-postgres.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import type { Store } from '../src/store/store.js';

export const benchDir = (): string => mkdtempSync(join(tmpdir(), 'accord-bench-'));

/** An organisation and one user of it, written directly (benchmarks need no admin service). */
export async function addOrgUser(
  store: Store,
  name: string,
  email: string,
  role: UserViewer['role'],
): Promise<{ orgId: string; userId: string }> {
  const orgId = `identity--${randomUUID()}`;
  const userId = randomUUID();
  const now = new Date().toISOString();
  await store.db
    .insertInto('organisations')
    .values({
      id: orgId,
      name,
      kind: 'other',
      sector: null,
      country: null,
      default_distribution: 'community',
      default_tlp: 'none',
      created: now,
    })
    .execute();
  await store.db
    .insertInto('users')
    .values({ id: userId, email, name, org_id: orgId, role, password_hash: null, disabled: 0, created: now })
    .execute();
  return { orgId, userId };
}

/** A fresh store with one organisation and its admin, for benchmarks. */
export async function freshStore(
  kind: 'sqlite' | 'postgres',
  dir: string,
  sqlitePath = join(dir, `${randomUUID()}.db`),
): Promise<{ store: Store; admin: UserViewer; schema: string; cleanup: () => Promise<void> }> {
  const schema = `bench_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const store =
    kind === 'sqlite'
      ? await openSqliteStore(sqlitePath)
      : await openPostgresStore(process.env.ACCORD_TEST_PG!, { schema });
  const { orgId, userId } = await addOrgUser(store, 'Bench', 'bench@localhost', 'admin');
  const admin: UserViewer = {
    kind: 'user',
    userId,
    email: 'bench@localhost',
    orgId,
    role: 'admin',
    groups: [],
    readOnly: false,
  };
  const cleanup = async () => {
    if (kind === 'postgres') await store.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await store.close();
  };
  return { store, admin, schema, cleanup };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
