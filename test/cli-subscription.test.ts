import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/admin/users.js';
import { SYSTEM } from '../src/audit/actor.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import { cliWorkspace, runCli, runCliAsync } from './cli-harness.js';
import { webhookReceiver } from './webhook-receiver.js';

interface Saved {
  subscription: { id: string; name: string; query: unknown; webhookUrl: string | null };
  webhook_secret?: string;
}

describe('accord subscription', () => {
  let ws: Awaited<ReturnType<typeof cliWorkspace>>;
  let hook: Awaited<ReturnType<typeof webhookReceiver>>;
  beforeAll(async () => {
    ws = await cliWorkspace();
    hook = await webhookReceiver();
    const store = await openSqliteStore(ws.db);
    await createUser(store, SYSTEM, {
      email: 'other@cli',
      name: 'Other',
      orgId: ws.orgId,
      role: 'contributor',
    });
    await store.close();
  });
  afterAll(() => hook.close());

  it(
    'saves a search and a pattern, lists only its owner’s, shows, test-fires and deletes',
    { timeout: 400_000 },
    async () => {
      const search = runCli(
        [
          'subscription',
          'create',
          '--name',
          'C2 at amber',
          '--type',
          'indicator',
          '--tlp',
          'AMBER',
          '--q',
          'emotet',
          '--json',
        ],
        ws.env,
      );
      expect(search.stderr).toBe('');
      expect(search.status).toBe(0);
      const a = JSON.parse(search.stdout) as Saved;
      expect(a.subscription.query).toEqual({ search: { type: ['indicator'], tlp: ['amber'], q: 'emotet' } });
      expect(a.webhook_secret).toBeUndefined();

      const file = join(ws.dir, 'pattern.txt');
      writeFileSync(file, "[ipv4-addr:value ISSUBSET '203.0.113.0/24']\n");
      const pattern = runCli(
        ['subscription', 'create', '--name', 'Net', '--pattern-file', file, '--webhook', hook.url, '--json'],
        ws.env,
      );
      expect(pattern.status).toBe(0);
      const b = JSON.parse(pattern.stdout) as Saved;
      expect(b.webhook_secret).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const mine = runCli(['subscription', 'list'], ws.env).stdout.trim().split('\n');
      expect(mine.map((l) => l.split('\t')[1])).toEqual(['C2 at amber', 'Net']);
      // Another user of the same organisation sees none of them, and cannot read or delete one.
      expect(runCli(['subscription', 'list', '--as', 'other@cli'], ws.env).stdout).toBe('');
      const foreign = runCli(['subscription', 'show', a.subscription.id, '--as', 'other@cli'], ws.env);
      expect(foreign.status).not.toBe(0);
      expect(foreign.stderr).toMatch(/not found/i);

      // The test fire runs against a real loopback receiver and is signed with the secret shown once.
      const fired = await runCliAsync(['subscription', 'test', b.subscription.id, '--json'], ws.env);
      expect(fired.status).toBe(0);
      expect(JSON.parse(fired.stdout)).toMatchObject({ delivery: { kind: 'test', status: 'delivered' } });
      const got = hook.received.at(-1)!;
      const sig = /t=(\d+),v1=([0-9a-f]+)/.exec(String(got.headers['x-accord-signature']))!;
      expect(createHmac('sha256', b.webhook_secret!).update(`${sig[1]!}.${got.body}`).digest('hex')).toBe(
        sig[2],
      );
      const shown = runCli(['subscription', 'show', b.subscription.id], ws.env).stdout;
      expect(shown).toContain('delivered\ttest');

      expect(runCli(['subscription', 'delete', b.subscription.id], ws.env).status).toBe(0);
      expect(runCli(['subscription', 'list'], ws.env).stdout.trim().split('\n')).toHaveLength(1);
    },
  );

  it('refuses a bad query naming the flag, and saves nothing', { timeout: 200_000 }, () => {
    const none = runCli(['subscription', 'create', '--name', 'Empty'], ws.env);
    expect(none.status).toBe(1);
    expect(none.stderr).toContain('a subscription needs a search, a pattern or both');
    const tlp = runCli(['subscription', 'create', '--name', 'T', '--tlp', 'purple'], ws.env);
    expect(tlp.status).toBe(1);
    expect(tlp.stderr).toMatch(/^accord: --tlp: /m);
    const bad = runCli(
      ['subscription', 'create', '--name', 'P', '--pattern', "[ipv4-addr:value = '1.2.3.4'"],
      ws.env,
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/pattern/i);
    const hookUrl = runCli(
      ['subscription', 'create', '--name', 'H', '--q', 'x', '--webhook', 'ftp://x'],
      ws.env,
    );
    expect(hookUrl.status).toBe(1);
    expect(hookUrl.stderr).toContain('webhook_url');
    expect(runCli(['subscription', 'list', '--as', 'other@cli'], ws.env).stdout).toBe('');
    const names = runCli(['subscription', 'list'], ws.env).stdout;
    expect(names).not.toMatch(/\t(Empty|T|P|H)\t/);
  });
});
