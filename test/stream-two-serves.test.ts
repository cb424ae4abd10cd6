import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../src/store/postgres/open-postgres.js';
import { bundle, indicator, orgId } from './factories.js';
import { spawnCli } from './cli-harness.js';
import { testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';
import { testNatsUrl } from './nats-harness.js';
import { SseClient } from './sse-client.js';

const server = process.env.ACCORD_TEST_PG;
const nats = await testNatsUrl();
const ready = server !== undefined && server !== '' && nats !== undefined;
if (!ready)
  console.warn(
    'skipped: two `accord serve` processes (needs ACCORD_TEST_PG and a NATS server on 127.0.0.1:4222)',
  );

/** Starts `accord serve` on a free port and resolves with its base URL once it listens. */
function serve(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; base: string }> {
  const child = spawnCli(['serve', '--port', '0'], env);
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      reject(new Error(`accord serve did not start: ${out}${err}`));
    }, 60_000);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /serving on (http:\/\/[^/\s]+)\//.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve({ child, base: m[1]! });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`accord serve exited with ${code}: ${err}`));
    });
  });
}

describe.runIf(ready)('two `accord serve` processes on one PostgreSQL with NATS', () => {
  const database = `accord_stream_${randomBytes(6).toString('hex')}`;
  const url = new URL(server ?? 'postgres://localhost/x');
  url.pathname = `/${database}`;
  const nodes: Array<{ child: ChildProcess; base: string }> = [];
  let writer: TestUser;
  let reader: TestUser;

  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: server });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${database}`);
    const store = await openPostgresStore(url.toString());
    writer = await testUser(store, orgId());
    reader = await testUser(store, orgId());
    await store.close();
    const env = {
      ...process.env,
      ACCORD_DB: url.toString(),
      ACCORD_NATS_URL: nats,
      ACCORD_LOG_LEVEL: 'silent',
      ACCORD_HOST: '127.0.0.1',
    };
    nodes.push(...(await Promise.all([serve(env), serve(env)])));
  }, 120_000);

  afterAll(async () => {
    await Promise.all(
      nodes.map(
        ({ child }) =>
          new Promise<void>((resolve) => {
            child.once('exit', () => {
              resolve();
            });
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 5000).unref();
          }),
      ),
    );
    await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }, 30_000);

  it('a bundle posted to one node reaches a stream client of the other within a second', async () => {
    const client = await SseClient.open(`${nodes[1]!.base}/stream`, reader.auth);
    try {
      await client.until((m) => m.some((x) => x.event === 'ready'));
      const item = indicator({ name: 'across nodes' });
      const started = Date.now();
      const response = await fetch(`${nodes[0]!.base}/api/v1/bundles?distribution=community`, {
        method: 'POST',
        headers: { ...writer.auth, 'content-type': 'application/json' },
        body: JSON.stringify(bundle([item])),
      });
      expect(response.status).toBe(200);
      await client.until((m) => m.some((x) => (x.data as { id?: string }).id === item.id), 1000);
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      client.close();
    }
  });
});
