import { openPostgresStore } from './postgres/open-postgres.js';
import { openSqliteStore } from './sqlite/open-sqlite.js';
import type { Store } from './store.js';

/** `sqlite:<path>` (or a bare path) opens SQLite; `postgres://…` / `postgresql://…` opens PostgreSQL. */
export async function openStore(url: string): Promise<Store> {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgresStore(url);
  const path = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  if (path === '') throw new Error('ACCORD_DB: sqlite: needs a file path, e.g. sqlite:./data/accord.db');
  return openSqliteStore(path);
}
