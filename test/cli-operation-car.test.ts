import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../src/admin/organisations.js';
import { createUser } from '../src/admin/users.js';
import { SYSTEM } from '../src/audit/actor.js';
import { resolveActor } from '../src/cli/cli-context.js';
import { overrideJurisdiction } from '../src/operations/jurisdictions.js';
import { createOperation } from '../src/operations/operations.js';
import { addTargets } from '../src/operations/targets.js';
import { validateBundle } from '../src/stix/index.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import { cliWorkspace, runCli } from './cli-harness.js';

describe('accord operation car', { timeout: 240_000 }, () => {
  let ws: Awaited<ReturnType<typeof cliWorkspace>>;
  let agency: string;
  beforeAll(async () => {
    ws = await cliWorkspace();
    const store = await openSqliteStore(ws.db);
    const admin = await resolveActor(store, undefined);
    const lead = await createOrganisation(store, SYSTEM, { name: 'Police', kind: 'law-enforcement' });
    agency = (
      await createOrganisation(store, SYSTEM, { name: 'BKA', kind: 'law-enforcement', country: 'DE' })
    ).id;
    await createUser(store, SYSTEM, {
      email: 'bka@localhost',
      name: 'BKA',
      orgId: agency,
      role: 'contributor',
    });
    const op = await createOperation(store, admin, { name: 'Endgame', code: 'EG-1', leadOrg: lead.id });
    const added = await addTargets(store, admin, op.id, {
      targets: [
        { kind: 'domain', value: 'c2.example' },
        { kind: 'ipv4', value: '203.0.113.9' },
      ],
      contributorOrg: lead.id,
    });
    for (const [i, cc] of ['DE', 'FR'].entries())
      await overrideJurisdiction(store, admin, op.id, added.targets[i]!.id, { country: cc, reason: 'seen' });
    await store.close();
  });

  it('generates one CAR as JSON, and writes its STIX bundle and HTML', () => {
    const run = runCli(['operation', 'car', 'EG-1', '--jurisdiction', 'de'], ws.env);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ country: 'DE', targetCount: 1 });
    const stix = join(ws.dir, 'de.json');
    expect(
      runCli(['operation', 'car', 'EG-1', '--jurisdiction', 'DE', '--format', 'stix', '-o', stix], ws.env)
        .status,
    ).toBe(0);
    expect(validateBundle(JSON.parse(readFileSync(stix, 'utf8'))).valid).toBe(true);
    const html = runCli(['operation', 'car', 'EG-1', '--jurisdiction', 'DE', '--format', 'html'], ws.env);
    expect(html.stdout).toContain('c2.example');
  });

  it('writes every CAR into a directory with --all', () => {
    const dir = join(ws.dir, 'cars');
    const run = runCli(['operation', 'car', 'EG-1', '--all', '--format', 'html', '-o', dir], ws.env);
    expect(run.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['CAR-DE.html', 'CAR-FR.html']);
  });

  it('refuses bad flags and unknown operations with a clear message', () => {
    const both = runCli(['operation', 'car', 'EG-1'], ws.env);
    expect(both.status).not.toBe(0);
    expect(both.stderr).toContain('--jurisdiction <CC> or --all');
    const none = runCli(['operation', 'car', 'EG-1', '--jurisdiction', 'IT'], ws.env);
    expect(none.stderr).toContain('no targets there');
    const unknown = runCli(['operation', 'car', 'NOPE', '--all'], ws.env);
    expect(unknown.stderr).toContain('not found');
  });

  it('issues a CAR to a national agency, which acknowledges it', () => {
    const made = JSON.parse(runCli(['operation', 'car', 'EG-1', '--jurisdiction', 'DE'], ws.env).stdout) as {
      id: string;
    };
    const issued = runCli(
      ['operation', 'car', 'issue', 'EG-1', made.id, '--to', agency, '--release-authority', 'Head of unit'],
      ws.env,
    );
    expect(issued.stderr).toBe('');
    expect(issued.status).toBe(0);
    expect(JSON.parse(issued.stdout)).toMatchObject({ orgId: agency, releaseAuthority: 'Head of unit' });
    const ack = runCli(['operation', 'car', 'ack', made.id, '--as', 'bka@localhost'], ws.env);
    expect(ack.status).toBe(0);
    expect(JSON.parse(ack.stdout).acknowledged).toMatch(/^20/);
    expect(existsSync(ws.db)).toBe(true);
  });
});
