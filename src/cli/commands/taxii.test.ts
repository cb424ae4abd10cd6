import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWorkspace, runCliAsync } from '../../../test/cli-harness.js';
import { bundle, indicator, malware } from '../../../test/factories.js';
import { importText } from '../../../test/import-helpers.js';
import { storeBackends } from '../../../test/store-harness.js';
import type { Store } from '../../store/store.js';
import { createCollection } from '../../taxii/taxii-collection.js';
import { taxiiWorld } from '../../taxii/taxii-test-kit.js';
import type { TaxiiWorld } from '../../taxii/taxii-test-kit.js';

/** The real `accord`, in a child process (this process's loopback server keeps serving). */
const accord = runCliAsync;

describe('accord taxii commands', { timeout: 180_000 }, () => {
  let source: Store;
  let remote: TaxiiWorld;
  let apiRoot: string;
  let collectionId: string;
  let ws: Awaited<ReturnType<typeof cliWorkspace>>;

  beforeAll(async () => {
    source = await storeBackends()[0]!.open();
    remote = await taxiiWorld(source);
    collectionId = (await createCollection(source, remote.admin.viewer, { title: 'Shared' })).id;
    await importText(source, remote.telecom.viewer, bundle([indicator(), indicator(), malware()]), {
      distribution: 'community',
    });
    await remote.app.listen({ host: '127.0.0.1', port: 0 });
    apiRoot = `http://127.0.0.1:${(remote.app.server.address() as AddressInfo).port}/taxii2/api/`;
    ws = await cliWorkspace();
  });
  afterAll(async () => {
    await remote.app.close();
    await source.close();
  });

  it('creates, lists and removes collections', async () => {
    const created = await accord(
      [
        'taxii',
        'collection',
        'create',
        '--title',
        'Phish',
        '--types',
        'indicator,url',
        '--labels',
        'phishing',
        '--public',
        '--json',
      ],
      ws.env,
    );
    expect(created.status).toBe(0);
    const def = JSON.parse(created.stdout) as { id: string; filter: unknown; public: boolean };
    expect(def).toMatchObject({
      filter: { types: ['indicator', 'url'], labels: ['phishing'] },
      public: true,
    });
    const listed = await accord(['taxii', 'collection', 'list'], ws.env);
    expect(listed.stdout).toContain(def.id);
    expect(listed.stdout).toContain('[public]');
    const badRole = await accord(
      ['taxii', 'collection', 'create', '--title', 'x', '--can-read', 'boss'],
      ws.env,
    );
    expect(badRole.status).toBe(2);
    expect((await accord(['taxii', 'collection', 'remove', def.id], ws.env)).status).toBe(0);
    const again = await accord(['taxii', 'collection', 'remove', def.id], ws.env);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('no collection');
  });

  it('pulls incrementally, remembering where the last pull ended', async () => {
    const args = [
      'taxii',
      'pull',
      apiRoot,
      '--collection',
      collectionId,
      '--key',
      remote.police.key,
      '--limit',
      '2',
    ];
    const first = await accord(args, ws.env);
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      /: 3 objects in 2 pages: 3 created, 0 duplicate, 0 invalid, 0 refused; next pull from /,
    );
    const second = await accord(args, ws.env);
    expect(second.stdout).toMatch(/: 0 objects in 1 pages: 0 created/);
    await importText(source, remote.telecom.viewer, bundle([malware({ name: 'late' })]), {
      distribution: 'community',
    });
    const third = await accord([...args, '--json'], ws.env);
    expect(JSON.parse(third.stdout)).toMatchObject({ objects: 1, summary: { created: 1 } });
    const everything = await accord([...args, '--since', '2000-01-01T00:00:00Z'], ws.env);
    expect(everything.stdout).toMatch(/: 4 objects in 2 pages: 0 created, 4 duplicate/);
    const denied = await accord(
      ['taxii', 'pull', apiRoot, '--collection', collectionId, '--key', 'accord_wrong'],
      ws.env,
    );
    expect(denied.status).toBe(1);
    expect(denied.stderr).toMatch(/401/);
  });

  it('pushes a bundle file and reports the status', async () => {
    const file = join(ws.dir, 'push.json');
    const bad = indicator();
    delete bad.pattern;
    writeFileSync(file, JSON.stringify(bundle([indicator({ name: 'pushed' }), malware(), bad])));
    const res = await accord(
      [
        'taxii',
        'push',
        file,
        '--url',
        apiRoot,
        '--collection',
        collectionId,
        '--user',
        remote.telecom.viewer.email,
        '--password',
        remote.telecom.key,
      ],
      ws.env,
    );
    expect(res.stdout).toContain('3 objects in 1 envelopes: 2 accepted, 1 failed, 0 pending');
    expect(res.stderr).toContain(bad.id);
    expect(res.status).toBe(1);
  });

  it('schedules pulls that share the state of manual pulls, and runs them on demand', async () => {
    const add = await accord(
      [
        'taxii',
        'schedule',
        'add',
        apiRoot,
        '--collection',
        collectionId,
        '--cron',
        '*/5 * * * *',
        '--key',
        remote.police.key,
      ],
      ws.env,
    );
    expect(add.status).toBe(0);
    const list = JSON.parse((await accord(['taxii', 'schedule', 'list', '--json'], ws.env)).stdout) as {
      jobs: Array<{ name: string; schedule: string; addedAfter: string | null }>;
    };
    const job = list.jobs.find((j) => j.schedule === '*/5 * * * *')!;
    expect(job.addedAfter).not.toBeNull();
    expect(JSON.stringify(list)).not.toContain(remote.police.key);
    const run = await accord(['taxii', 'schedule', 'run', job.name], ws.env);
    expect(run.status).toBe(0);
    // Only what the push above added since the last manual pull: the state is shared.
    expect(run.stdout).toMatch(/: 2 objects in 1 pages: 2 created, 0 duplicate/);
    expect(
      (await accord(['taxii', 'schedule', 'add', apiRoot, '--collection', 'c', '--cron', 'often'], ws.env))
        .status,
    ).toBe(1);
    expect((await accord(['taxii', 'schedule', 'remove', job.name], ws.env)).status).toBe(0);
  });

  it("takes a scheduled pull's password from ACCORD_TAXII_PASSWORD, as `taxii pull` does", async () => {
    const args = ['taxii', 'schedule', 'add', apiRoot, '--collection', collectionId, '--cron', '0 3 * * *'];
    const user = ['--user', remote.telecom.viewer.email, '--name', 'env-password'];
    const missing = await accord([...args, ...user], ws.env);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--user needs --password (or ACCORD_TAXII_PASSWORD)');
    const env = { ...ws.env, ACCORD_TAXII_PASSWORD: remote.telecom.key };
    expect((await accord([...args, ...user], env)).status).toBe(0);
    const run = await accord(['taxii', 'schedule', 'run', 'env-password'], ws.env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect((await accord(['taxii', 'schedule', 'remove', 'env-password'], ws.env)).status).toBe(0);
  });
});
