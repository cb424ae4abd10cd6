import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../store/sqlite/open-sqlite.js';
import type { Store } from '../store/store.js';
import { bundle, indicator, orgId, userViewer } from '../../test/factories.js';
import { addOrg, importText } from '../../test/import-helpers.js';
import { serveStream } from './serve-stream.js';
import type { StreamBus } from './stream-bus.js';
import { InProcessBus } from './stream-bus.js';
import { StreamHub } from './stream-hub.js';

/** A bus that loses every notice. */
class DeafBus implements StreamBus {
  publish(): void {}
  subscribe(): () => void {
    return () => undefined;
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

describe('the stream hub', () => {
  let dir: string;
  let reader: Store;
  let writer: Store;
  const org = orgId();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-hub-'));
    reader = await openSqliteStore(join(dir, 'a.db'));
    writer = await openSqliteStore(join(dir, 'a.db'));
    await addOrg(writer, org);
  });
  afterAll(async () => {
    await reader.close();
    await writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('wakes a waiter on a commit of its store, and never sleeps through one made before the wait', async () => {
    const hub = new StreamHub(writer, new InProcessBus(), 10_000);
    const generation = hub.generation;
    await importText(writer, userViewer(org), bundle([indicator()]));
    const started = Date.now();
    expect(await hub.waitForChange(generation)).toBe(true);
    expect(Date.now() - started).toBeLessThan(50);
    const waiting = hub.waitForChange(hub.generation, 50);
    expect(await waiting).toBe(false);
    await hub.close();
  });

  it('repairs lost notices and writes by other processes by polling the store', async () => {
    const hub = new StreamHub(reader, new DeafBus(), 100);
    const written: string[] = [];
    const controller = new AbortController();
    const done = serveStream(
      hub,
      userViewer(org),
      { write: (t) => written.push(t), buffered: () => 0, end: () => undefined },
      { after: 0, signal: controller.signal, heartbeatMs: 60_000 },
    );
    const item = indicator({ name: 'from another process' });
    // `writer` is another connection to the file: its commits never signal `reader`'s hub.
    await importText(writer, userViewer(org), bundle([item]));
    const deadline = Date.now() + 2000;
    while (!written.join('').includes(item.id) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    expect(await done).toBe('closed');
    expect(written.join('')).toContain(item.id);
    await hub.close();
  });
});
