import { request, Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import type { Store } from '../src/store/store.js';
import { testApp } from './http-harness.js';

/** One GET on a keep-alive agent: its status, its Connection header, and when its socket closed. */
function get(url: string, agent: Agent) {
  return new Promise<{ status: number; connection: string | undefined; closed: Promise<void> }>(
    (resolve, reject) => {
      const req = request(url, { agent }, (res) => {
        const closed = new Promise<void>((done) =>
          req.socket?.once('close', () => {
            done();
          }),
        );
        res.resume();
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, closed });
        });
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('closing the app while a keep-alive response is being written', () => {
  let store: Store;
  beforeAll(async () => {
    store = await openSqliteStore(':memory:');
  });
  afterAll(async () => {
    await store.close();
  });

  it('closes that connection after its response, so close() does not wait for the keep-alive timeout', async () => {
    let release = () => {};
    let arrived = () => {};
    const inRoute = new Promise<void>((r) => (arrived = r));
    const app = await testApp(store, [
      () => (instance) => {
        instance.get('/slow', async () => {
          arrived();
          await new Promise<void>((r) => (release = r));
          return { ok: true };
        });
      },
    ]);
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const agent = new Agent({ keepAlive: true, keepAliveMsecs: 60_000 });
    try {
      const answer = get(`${base}/slow`, agent);
      await inRoute;
      const closed = app.close();
      // The close has begun (its hooks run on later turns) while the response is still to be written.
      await new Promise((r) => setTimeout(r, 100));
      release();
      const r = await answer;
      expect(r.status).toBe(200);
      expect(r.connection).toBe('close');
      await r.closed;
      // Without the fix, close() waits for the 72 s keep-alive timeout and the test times out.
      await closed;
    } finally {
      agent.destroy();
    }
  }, 10_000);
});
