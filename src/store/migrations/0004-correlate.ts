import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { SqlDialect } from '../store.js';

/**
 * Derived indexes for correlation and sightings (src/correlate, src/sightings). They hold only what
 * can be recomputed from `objects` and `observables`, keyed by the version's `seq`; every read joins
 * back to `objects` through the visibility rule, so they never decide who sees what.
 *
 * - `observable_ranges`: each IP and CIDR observable as a [lo, hi] range of fixed-width lower-case hex
 *   (8 digits for IPv4, 32 for IPv6), so "stored IPs inside this CIDR" is one index range scan. Hex of
 *   fixed width orders like the integers it spells; PostgreSQL compares it bytewise (`C` collation).
 * - `sighting_refs`: per stored sighting version, what it sights, its kind (`sighting`,
 *   `false-positive`, `expiration`) and numbers, so a summary is an index lookup, not a parse of each.
 * - `derived_index_state`: how far (in `seq`) each derived index has caught up.
 */
export function correlateMigration(dialect: SqlDialect) {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      const hex = (name: string) =>
        dialect === 'postgres'
          ? sql`${sql.id(name)} text collate "C" not null`
          : sql`${sql.id(name)} text not null`;
      await sql`create table observable_ranges (
        family integer not null,
        ${hex('lo')},
        ${hex('hi')},
        kind text not null,
        value text not null,
        object_seq bigint not null,
        constraint observable_ranges_pk primary key (kind, value, object_seq)
      )`.execute(db);
      await db.schema
        .createIndex('observable_ranges_lo')
        .on('observable_ranges')
        .columns(['family', 'lo', 'hi'])
        .execute();

      await db.schema
        .createTable('sighting_refs')
        .addColumn('sighting_seq', 'bigint', (c) => c.primaryKey())
        .addColumn('sighting_of_ref', 'text', (c) => c.notNull())
        .addColumn('count', 'integer')
        .addColumn('first_seen', 'text')
        .addColumn('last_seen', 'text')
        .addColumn('kind', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('sighting_refs_of')
        .on('sighting_refs')
        .columns(['sighting_of_ref', 'sighting_seq'])
        .execute();

      await db.schema
        .createTable('derived_index_state')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
