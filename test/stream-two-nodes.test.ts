import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore, SCHEMA_LOCK } from '../src/store/postgres/open-postgres.js';
import type { Store } from '../src/store/store.js';
import { bundle, indicator, orgId } from './factories.js';
import { testUser } from './http-harness.js';
import { importText } from './import-helpers.js';
import { testNatsUrl } from './nats-harness.js';
import { SseClient } from './sse-client.js';
import { streamApp } from './stream-harness.js';

const pg = process.env.ACCORD_TEST_PG;
const nats = await testNatsUrl();
const ready = pg !== undefined && pg !== '' && nats !== undefined;
if (!ready)
  console.warn('skipped: two-node stream test (needs ACCORD_TEST_PG and a NATS server on 127.0.0.1:4222)');

describe.runIf(ready)('two nodes on one PostgreSQL with the NATS bus', () => {
  const schema = `t_${randomBytes(8).toString('hex')}`;
  let a: Store;
  let b: Store;
  const apps: Array<Awaited<ReturnType<typeof streamApp>>> = [];

  beforeAll(async () => {
    a = await openPostgresStore(pg!, { schema, max: 4 });
    b = await openPostgresStore(pg!, { schema, max: 4 });
    // Polling every 30 s: only the bus can bring the write from one node to the other in time.
    for (const store of [a, b])
      apps.push(await streamApp(store, { pollMs: 30_000, heartbeatMs: 60_000 }, nats));
  });
  afterAll(async () => {
    for (const { app } of apps) await app.close();
    await a.db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`.execute(trx);
      await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(trx);
    });
    await a.close();
    await b.close();
  });

  it('a write on one node reaches a stream client of the other within a second', async () => {
    const writer = await testUser(a, orgId());
    const reader = await testUser(b, orgId());
    const client = await SseClient.open(`${apps[1]!.base}/stream`, reader.auth);
    try {
      await client.until((m) => m.some((x) => x.event === 'ready'));
      for (let round = 0; round < 3; round++) {
        const item = indicator({ name: `round ${round}` });
        const started = Date.now();
        await importText(a, writer.viewer, bundle([item]), { distribution: 'community' });
        await client.until((m) => m.some((x) => (x.data as { id?: string }).id === item.id), 1000);
        expect(Date.now() - started).toBeLessThan(1000);
      }
      expect(client.changes().map((m) => m.event)).toEqual(['version', 'version', 'version']);
    } finally {
      client.close();
    }
  });
});
