import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../src/admin/organisations.js';
import { SYSTEM } from '../src/audit/actor.js';
import { PSS_FILES } from '../src/deconflict/pss/index.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import { cliWorkspace, runCli } from './cli-harness.js';
import { bundle, indicator } from './factories.js';

describe('accord export --format pss, accord pss check', () => {
  let ws: Awaited<ReturnType<typeof cliWorkspace>>;
  let partner: string;
  beforeAll(async () => {
    ws = await cliWorkspace();
    const store = await openSqliteStore(ws.db);
    partner = (await createOrganisation(store, SYSTEM, { name: 'Bank', kind: 'private' })).id;
    await store.close();
    const file = join(ws.dir, 'bundle.json');
    writeFileSync(
      file,
      JSON.stringify(bundle([indicator({ pattern: "[domain-name:value = 'cli-pss-gate.xyz']" })])),
    );
    expect(runCli(['import', file, '--distribution', 'community'], ws.env).status).toBe(0);
  }, 90_000);

  it('writes a set directory for one recipient that pss check matches locally', { timeout: 90_000 }, () => {
    const out = join(ws.dir, 'bank-set');
    const run = runCli(['export', '--format', 'pss', '--recipient', partner, '--out', out], ws.env);
    expect(run.stderr).toMatch(/set pss--\S+ for \S+: 1 values/);
    expect(run.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(Object.values(PSS_FILES).sort());
    const check = runCli(
      ['pss', 'check', out, '-'],
      ws.env,
      'proxy GET http://cli-pss-gate[.]xyz/a\nok.org\n',
    );
    expect(check.status).toBe(0);
    expect(
      check.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([{ source: 'stdin', line: 1, kind: 'domain', value: 'cli-pss-gate.xyz', certainty: 'exact' }]);
    // Again into the same directory: refused, the first set untouched.
    const again = runCli(['export', '--format', 'pss', '--recipient', partner, '--out', out], ws.env);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('exists and is not empty');
  });

  it('names the flag that is wrong and writes nothing', { timeout: 90_000 }, () => {
    const out = join(ws.dir, 'never');
    const none = runCli(['export', '--format', 'pss', '--out', out], ws.env);
    expect([none.status, none.stderr]).toEqual([2, expect.stringContaining('--recipient')]);
    const rate = runCli(['export', '--format', 'pss', '--recipient', partner, '--fp-rate', '7'], ws.env);
    expect([rate.status, rate.stderr]).toEqual([2, expect.stringContaining('--fp-rate 7')]);
    const who = runCli(['export', '--format', 'pss', '--recipient', 'nobody', '--out', out], ws.env);
    expect([who.status, who.stderr]).toEqual([
      1,
      expect.stringContaining('recipient organisation not found'),
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('reports sightings only with an API key, checked before any log is read', { timeout: 90_000 }, () => {
    const out = join(ws.dir, 'report-set');
    expect(runCli(['export', '--format', 'pss', '--recipient', partner, '--out', out], ws.env).status).toBe(
      0,
    );
    const env = { ...ws.env, ACCORD_API_KEY: '' };
    const run = runCli(['pss', 'check', out, '--report-sightings', 'no-such-log'], env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--api-key or ACCORD_API_KEY');
    expect(run.stderr).not.toContain('no-such-log');
  });
});
