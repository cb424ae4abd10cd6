import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../src/admin/organisations.js';
import { createUser } from '../src/admin/users.js';
import { SYSTEM } from '../src/audit/actor.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import { cliWorkspace, runCli } from './cli-harness.js';

describe('accord deconflict', () => {
  let ws: Awaited<ReturnType<typeof cliWorkspace>>;
  beforeAll(async () => {
    ws = await cliWorkspace();
    const store = await openSqliteStore(ws.db);
    const org = await createOrganisation(store, SYSTEM, { name: 'Police', kind: 'law-enforcement' });
    await createUser(store, SYSTEM, { email: 'cop@police', name: 'Cop', orgId: org.id, role: 'contributor' });
    await store.close();
  });

  it(
    'registers from arguments and a file, lists in clear, and another org checks hit/no-hit',
    { timeout: 90_000 },
    () => {
      const file = join(ws.dir, 'targets.txt');
      writeFileSync(file, '# targets\nevil.com\n\n203.0.113.0/24\n');
      const reg = runCli(
        [
          'deconflict',
          'register',
          'bad@evil.com',
          '--file',
          file,
          '--case',
          'OP-SECRET-7',
          '--contact',
          'desk@police',
          '--as',
          'cop@police',
        ],
        ws.env,
      );
      expect(reg.stderr).toBe('');
      expect(reg.status).toBe(0);
      expect(reg.stdout.trim().split('\n')).toHaveLength(3);

      const list = runCli(['deconflict', 'list', '--json', '--as', 'cop@police'], ws.env);
      const interests = (JSON.parse(list.stdout) as { interests: Array<{ value: string; case_ref: string }> })
        .interests;
      expect(interests.map((i) => i.value).sort()).toEqual(['203.0.113.0/24', 'bad@evil.com', 'evil.com']);
      expect(interests.every((i) => i.case_ref === 'OP-SECRET-7')).toBe(true);
      // The administrator's organisation lists none of them.
      expect(JSON.parse(runCli(['deconflict', 'list', '--json'], ws.env).stdout)).toEqual({ interests: [] });

      const check = runCli(
        ['deconflict', 'check', '--file', '-'],
        ws.env,
        'EVIL.com\n203.0.113.9\ngood.com\n',
      );
      expect(check.status).toBe(0);
      expect(check.stdout).toBe(
        'EVIL.com\thit\tcontact: desk@police\n203.0.113.9\thit\tcontact: desk@police\ngood.com\tno-hit\n',
      );
      expect(check.stdout).not.toContain('OP-SECRET');
      // The owner's own interests never answer its own checks.
      expect(runCli(['deconflict', 'check', 'evil.com', '--as', 'cop@police'], ws.env).stdout).toBe(
        'evil.com\tno-hit\n',
      );
    },
  );

  it('names the flag and the line of bad input, and registers nothing then', { timeout: 90_000 }, () => {
    const file = join(ws.dir, 'bad.txt');
    writeFileSync(file, 'ok.example\n10.0.0.0/4\n');
    const run = runCli(
      [
        'deconflict',
        'register',
        '--kind',
        'ipv4',
        '--file',
        file,
        '--case',
        'C',
        '--contact',
        'x',
        '--as',
        'cop@police',
      ],
      ws.env,
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`--file ${file} line 1: ok.example`);
    expect(run.stderr).toContain(`--file ${file} line 2: 10.0.0.0/4`);
    expect(run.stderr).toContain('nothing registered');
    const expires = runCli(
      ['deconflict', 'register', 'a.com', '--case', 'C', '--contact', 'x', '--expires', 'soon'],
      ws.env,
    );
    expect(expires.status).toBe(2);
    expect(expires.stderr).toContain('--expires soon: not a date');
    const none = runCli(['deconflict', 'check'], ws.env);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('--file');
    const missing = runCli(['deconflict', 'check', '--file', join(ws.dir, 'nope.txt')], ws.env);
    expect(missing.stderr).toContain('--file');
    expect(missing.stderr).toContain('ENOENT');
  });

  it('removes an own interest; another organisation cannot', { timeout: 90_000 }, () => {
    const reg = runCli(
      ['deconflict', 'register', 'gone.com', '--case', 'C', '--contact', 'x', '--as', 'cop@police'],
      ws.env,
    );
    const id = reg.stdout.split('\t')[0]!;
    expect(runCli(['deconflict', 'remove', id], ws.env).status).toBe(1);
    expect(runCli(['deconflict', 'remove', id, '--as', 'cop@police'], ws.env).status).toBe(0);
    expect(runCli(['deconflict', 'check', 'gone.com'], ws.env).stdout).toBe('gone.com\tno-hit\n');
  });
});
