import type { Database as SqliteConnection } from 'better-sqlite3';
import type { Insertable } from 'kysely';
import type { ObjectsTable, ObservablesTable } from '../schema.js';

const COLUMNS = [
  'id',
  'type',
  'version',
  'vorder',
  'created',
  'modified',
  'date_added',
  'created_by_ref',
  'owner_org',
  'distribution',
  'tlp',
  'pap',
  'revoked',
  'deleted',
  'is_head',
  'search_text',
  'data',
] as const;

/**
 * Prepared statements on the one better-sqlite3 connection Kysely also uses, so they run inside the
 * write transaction Kysely opened. Building a multi-row statement per batch costs more than the
 * inserts themselves on SQLite, where a prepared statement runs in microseconds.
 */
export function sqliteBulk(raw: SqliteConnection) {
  const insertObject = raw.prepare(
    `INSERT INTO objects (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map(() => '?').join(', ')})`,
  );
  const insertObservable = raw.prepare(
    'INSERT OR IGNORE INTO observables (kind, value, object_seq, object_id) VALUES (?, ?, ?, ?)',
  );
  return {
    insertObjectRows(rows: readonly Insertable<ObjectsTable>[]): Promise<number[]> {
      // Arguments spelt out rather than mapped from COLUMNS: no array per row on the import's hot path.
      const seqs = new Array<number>(rows.length);
      for (let i = 0; i < rows.length; i++) {
        const r = rows[i]!;
        seqs[i] = Number(
          insertObject.run(
            r.id,
            r.type,
            r.version,
            r.vorder,
            r.created ?? null,
            r.modified ?? null,
            r.date_added,
            r.created_by_ref ?? null,
            r.owner_org,
            r.distribution,
            r.tlp ?? null,
            r.pap ?? null,
            r.revoked,
            r.deleted,
            r.is_head,
            r.search_text,
            r.data,
          ).lastInsertRowid,
        );
      }
      return Promise.resolve(seqs);
    },
    insertObservableRows(rows: readonly ObservablesTable[]): Promise<void> {
      for (const r of rows) insertObservable.run(r.kind, r.value, r.object_seq, r.object_id);
      return Promise.resolve();
    },
  };
}
