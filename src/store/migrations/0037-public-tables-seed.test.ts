import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { describe, expect, it } from 'vitest';
import { publicMigration } from './0030-public.js';
import { publicTablesSeedMigration } from './0037-public-tables-seed.js';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const C = 'cccccccc-0000-4000-8000-000000000003';

describe('migration 0037: the ransomware tables move wholly into the store', () => {
  it('seeds shipped entries the store lacks, keeps administrators’ rows, and drops withdrawals', async () => {
    const db = new Kysely<Record<string, Record<string, unknown>>>({
      dialect: new SqliteDialect({ database: new Sqlite(':memory:') }),
    });
    await publicMigration().up(db as Kysely<unknown>);
    const at = '2026-01-01T00:00:00.000Z';
    await db
      .insertInto('public_decryptors')
      .values([
        {
          galaxy_uuid: A,
          data: JSON.stringify({ galaxy_uuid: A, tool: 'edited' }),
          updated: at,
          updated_by: 'u1',
        },
        { galaxy_uuid: B, data: null, updated: at, updated_by: 'u1' },
      ])
      .execute();
    await db
      .insertInto('public_reporting_contacts')
      .values({ country: 'FR', name: 'edited', url: 'https://fr.example/', updated: at })
      .execute();
    await publicTablesSeedMigration({
      decryptors: () => [{ galaxy_uuid: A }, { galaxy_uuid: B }, { galaxy_uuid: C }],
      contacts: () => [
        { country: 'FR', name: 'shipped', url: 'https://shipped.example/' },
        { country: '*', name: 'fallback', url: 'https://all.example/' },
      ],
    }).up(db as Kysely<unknown>);
    const decryptors = await db.selectFrom('public_decryptors').selectAll().orderBy('galaxy_uuid').execute();
    expect(
      decryptors.map((d) => [
        d.galaxy_uuid,
        (JSON.parse(String(d.data)) as { tool?: string }).tool ?? 'seeded',
      ]),
    ).toEqual([
      [A, 'edited'],
      [C, 'seeded'],
    ]);
    const contacts = await db
      .selectFrom('public_reporting_contacts')
      .selectAll()
      .orderBy('country')
      .execute();
    expect(contacts.map((c) => [c.country, c.name, c.updated_by])).toEqual([
      ['*', 'fallback', 'system'],
      ['FR', 'edited', 'system'],
    ]);
    await db.destroy();
  });
});
