import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWorkspace, runCliAsync } from '../../../test/cli-harness.js';
import { openSqliteStore } from '../../store/sqlite/open-sqlite.js';

const TOKEN = 'Bearer cli-s3cret-198.18.0.2';
const PASSWORD = 'pull-passw0rd-s3cret';

/** The real `accord`, in a child process (this process's loopback server keeps serving). */
const accord = runCliAsync;

describe(
  'accord keeps feed and TAXII pull credentials sealed and out of its output',
  { timeout: 180_000 },
  () => {
    let ws: Awaited<ReturnType<typeof cliWorkspace>>;
    const seen: string[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers.authorization ?? '');
      if (req.headers.authorization === TOKEN) res.end('cli-one.accord-test.xyz\n');
      else {
        res.statusCode = 401;
        res.end();
      }
    });
    let url = '';
    const rawJobs = async () => {
      const store = await openSqliteStore(ws.db);
      try {
        return JSON.stringify(await store.db.selectFrom('jobs').selectAll().execute());
      } finally {
        await store.close();
      }
    };

    beforeAll(async () => {
      ws = await cliWorkspace();
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/list.txt`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server.close(resolve));
    });

    it('feed add seals the header in the row (key file beside the database, 0600); list shows names only; run authenticates', async () => {
      const env = { ...ws.env, ACCORD_SECRET_KEY: '', ACCORD_SECRET_KEY_FILE: '' };
      const add = await accord(
        ['feed', 'add', 'locked', '--type', 'text', '--url', url, '--header', `Authorization: ${TOKEN}`],
        env,
      );
      expect(add.stderr).toBe('');
      expect(add.status).toBe(0);
      const keyFile = join(ws.dir, 'accord.key');
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(readFileSync(keyFile, 'utf8')).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
      const raw = await rawJobs();
      expect(raw).not.toContain('cli-s3cret');
      expect(raw).toContain('sealed:v1:');

      const list = await accord(['feed', 'list', '--json'], env);
      expect(JSON.parse(list.stdout)).toMatchObject([{ name: 'locked', headers: ['Authorization'] }]);
      const text = await accord(['feed', 'list'], env);
      for (const out of [list, text]) expect(`${out.stdout}${out.stderr}`).not.toMatch(/s3cret|sealed:/);

      const run = await accord(['feed', 'run', 'locked'], env);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^locked: 2 objects: 2 created/);
      expect(seen).toEqual([TOKEN]);

      // Another key: the run fails naming the feed and the key, and sends nothing.
      const other = { ...env, ACCORD_SECRET_KEY: randomBytes(32).toString('hex') };
      const wrong = await accord(['feed', 'run', 'locked'], other);
      expect(wrong.status).toBe(1);
      expect(wrong.stderr).toMatch(
        /^locked: failed: feed locked: its stored credentials cannot be opened: the secret key \(ACCORD_SECRET_KEY\) does not match/,
      );
      expect(wrong.stderr).not.toContain('s3cret');
      expect(seen).toEqual([TOKEN]);
    });

    it('feed update enters the credentials again (after the key was lost), sealed, keeping the feed', async () => {
      const lost = { ...ws.env, ACCORD_SECRET_KEY: randomBytes(32).toString('hex') };
      const add = await accord(
        ['feed', 'add', 'rekeyed', '--type', 'text', '--url', url, '--header', `Authorization: ${TOKEN}`],
        lost,
      );
      expect(add.status).toBe(0);
      const now = { ...ws.env, ACCORD_SECRET_KEY: randomBytes(32).toString('hex') };
      expect((await accord(['feed', 'run', 'rekeyed'], now)).status).toBe(1);
      const update = await accord(['feed', 'update', 'rekeyed', '--header', `Authorization: ${TOKEN}`], now);
      expect(update.stderr).toBe('');
      expect(update.stdout).toBe('feed rekeyed: request headers Authorization set\n');
      expect(await rawJobs()).not.toContain('cli-s3cret');
      // The failed run is still on record: the feed was changed, not made anew.
      const listed = JSON.parse((await accord(['feed', 'list', '--json'], now)).stdout) as {
        name: string;
        headers: string[];
        lastStatus: string;
      }[];
      expect(listed.find((f) => f.name === 'rekeyed')).toMatchObject({
        headers: ['Authorization'],
        lastStatus: 'error',
      });
      const run = await accord(['feed', 'run', 'rekeyed'], now);
      expect(run.stderr).toBe('');
      expect(run.stdout).toMatch(/^rekeyed: 2 objects: /);
      expect((await accord(['feed', 'update', 'rekeyed'], now)).stdout).toBe(
        'feed rekeyed: no request headers\n',
      );
      expect((await accord(['feed', 'update', 'nope', '--header', 'A: b'], now)).status).not.toBe(0);
      expect((await accord(['feed', 'update', 'rekeyed', '--header', 'no colon'], now)).status).toBe(2);
    });

    it('taxii schedule add seals key and password; list shows "(set)" and the user name', async () => {
      const root = 'https://taxii.accord-test.xyz/api/';
      const env = { ...ws.env, ACCORD_SECRET_KEY: '', ACCORD_SECRET_KEY_FILE: '' };
      for (const auth of [
        ['--key', 'pull-key-s3cret', '--collection', 'c1'],
        ['--user', 'alice@accord-test.xyz', '--password', PASSWORD, '--collection', 'c2'],
      ]) {
        const add = await accord(['taxii', 'schedule', 'add', root, '--cron', '0 * * * *', ...auth], env);
        expect(add.status).toBe(0);
        expect(add.stdout).not.toContain('s3cret');
      }
      const raw = await rawJobs();
      expect(raw).not.toContain('s3cret');
      expect(raw).toContain('alice@accord-test.xyz');
      const list = await accord(['taxii', 'schedule', 'list', '--json'], env);
      const { jobs } = JSON.parse(list.stdout) as {
        jobs: Array<{ collection: string; credentials: unknown }>;
      };
      expect(jobs.map((j) => [j.collection, j.credentials])).toEqual([
        ['c1', { key: '(set)' }],
        ['c2', { user: 'alice@accord-test.xyz', password: '(set)' }],
      ]);
      const text = await accord(['taxii', 'schedule', 'list'], env);
      for (const out of [list, text]) expect(`${out.stdout}${out.stderr}`).not.toMatch(/s3cret|sealed:/);
    });

    it('refuses to start on a malformed ACCORD_SECRET_KEY, naming it and not echoing it', async () => {
      const run = await accord(['feed', 'list'], { ...ws.env, ACCORD_SECRET_KEY: 'my-s3cret-key' });
      expect(run.status).not.toBe(0);
      expect(run.stderr).toMatch(/ACCORD_SECRET_KEY: must hold a 32-byte key as 64 hex digits or base64/);
      expect(run.stderr).not.toContain('my-s3cret-key');
    });
  },
);
