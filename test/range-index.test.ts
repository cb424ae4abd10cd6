import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREFIX_LENGTH, rangeHash, rangeLookup, syncRangeHashes } from '../src/deconflict/range/index.js';
import { ANONYMOUS } from '../src/policy/viewer.js';
import type { Store } from '../src/store/store.js';
import { bundle, indicator, orgId } from './factories.js';
import { testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';
import { importText } from './import-helpers.js';
import { storeBackends } from './store-harness.js';

const email = (value: string, labels?: string[]) =>
  indicator({ pattern: `[email-addr:value = '${value}']`, ...(labels === undefined ? {} : { labels }) });
const split = (v: string) =>
  [rangeHash(v).slice(0, PREFIX_LENGTH), rangeHash(v).slice(PREFIX_LENGTH)] as const;

describe.each(storeBackends())('range hash-prefix index on $name', { timeout: 60_000 }, ({ open }) => {
  let store: Store;
  let owner: TestUser;
  beforeAll(async () => {
    store = await open();
    owner = await testUser(store, orgId());
    const filler = Array.from({ length: 300 }, (_, i) =>
      email(`filler-${String(i)}@leak-corp.com`, ['compromised']),
    );
    await importText(
      store,
      owner.viewer,
      bundle([...filler, email('first@leak-corp.com', ['compromised']), email('plain@leak-corp.com')]),
      { distribution: 'public', tlp: 'clear' },
    );
  });
  afterAll(async () => {
    await store.close();
  });

  const found = async (v: string) => {
    const [prefix, suffix] = split(v);
    return (await rangeLookup(store, ANONYMOUS, 'email', prefix)).suffixes.includes(suffix);
  };

  it('holds one row a labelled value, keyed by prefix, and none of unlabelled values', async () => {
    await syncRangeHashes(store.db);
    const rows = await store.db.selectFrom('range_hashes').selectAll().execute();
    expect(rows).toHaveLength(301);
    const [prefix, suffix] = split('first@leak-corp.com');
    expect(rows.filter((r) => r.prefix === prefix && r.suffix === suffix && r.kind === 'email')).toHaveLength(
      1,
    );
    expect(rows.some((r) => r.suffix === split('plain@leak-corp.com')[1])).toBe(false);
    expect(await found('first@leak-corp.com')).toBe(true);
    expect(await found('plain@leak-corp.com')).toBe(false);
  });

  it('catches up on what arrives after a look-up', async () => {
    expect(await found('late@leak-corp.com')).toBe(false);
    await importText(store, owner.viewer, bundle([email('late@leak-corp.com', ['victim'])]), {
      distribution: 'public',
      tlp: 'clear',
    });
    expect(await found('late@leak-corp.com')).toBe(true);
  });

  it('reads one bucket by the primary key (SQLite plan)', async () => {
    if (store.dialect !== 'sqlite') return;
    const [prefix] = split('first@leak-corp.com');
    const plan = await sql<{
      detail: string;
    }>`EXPLAIN QUERY PLAN SELECT suffix, object_seq FROM range_hashes WHERE prefix = ${prefix} AND kind = 'email'`.execute(
      store.db,
    );
    expect(plan.rows.map((r) => r.detail).join('\n')).toMatch(
      /SEARCH range_hashes USING (COVERING )?INDEX .*\(prefix=\? AND kind=\?\)/,
    );
  });
});
