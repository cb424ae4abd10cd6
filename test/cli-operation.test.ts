import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation } from '../src/admin/organisations.js';
import { createUser } from '../src/admin/users.js';
import { SYSTEM } from '../src/audit/actor.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import { T0, bundle, indicator, stixId } from './factories.js';
import { cliWorkspace, runCli } from './cli-harness.js';
import type { CliRun } from './cli-harness.js';

interface Page {
  total: number;
  targets: {
    id: string;
    kind: string;
    value: string;
    status: string;
    jurisdiction: { country: string | null };
  }[];
}

/** The whole analyst workflow through the real `accord` binary, on a SQLite store. */
describe('accord operation (the real command)', { timeout: 300_000 }, () => {
  let ws: Awaited<ReturnType<typeof cliWorkspace>>;
  const reportId = stixId('report');
  const run = (args: string[], input?: string): CliRun => runCli(['operation', ...args], ws.env, input);
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the JSON shape
  const json = <T>(r: CliRun): T => {
    expect(r.stderr.replace(/^accord: \d+ of \d+ targets.*\n/m, '')).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as T;
  };
  const page = (...filters: string[]) => json<Page>(run(['targets', 'EG-1', '--json', ...filters]));

  beforeAll(async () => {
    ws = await cliWorkspace();
    const store = await openSqliteStore(ws.db);
    await createOrganisation(store, SYSTEM, { name: 'Police', kind: 'law-enforcement', country: 'NL' });
    await createOrganisation(store, SYSTEM, { name: 'BKA', kind: 'law-enforcement', country: 'DE' });
    const telecom = await createOrganisation(store, SYSTEM, { name: 'Telecom', kind: 'private' });
    await createOrganisation(store, SYSTEM, { name: 'Outsider', kind: 'private' });
    await createUser(store, SYSTEM, {
      email: 'telecom@localhost',
      name: 'T',
      orgId: telecom.id,
      role: 'contributor',
    });
    await store.close();
    const a = indicator({ pattern: "[ipv4-addr:value = '192.0.2.44']" });
    const b = indicator({ pattern: "[domain-name:value = 'dropper.example']" });
    const report = {
      type: 'report',
      spec_version: '2.1',
      id: reportId,
      created: T0,
      modified: T0,
      name: 'Dropper infrastructure',
      published: T0,
      object_refs: [a.id, b.id],
    };
    const file = join(ws.dir, 'intel.json');
    writeFileSync(file, JSON.stringify(bundle([a, b, report])));
    expect(runCli(['import', file], ws.env).status).toBe(0);
  });

  it('refuses a lead that is not law enforcement, naming --lead, and creates nothing', () => {
    const r = run(['create', '--name', 'Bad', '--code', 'BAD-1', '--lead', 'Telecom']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--lead: Telecom is a private organisation');
    const bad = run(['create', '--name', 'Bad', '--code', 'x', '--lead', 'Police']);
    expect(bad.stderr).toContain('--code: a code is 2-40');
    expect(json<{ operations: unknown[] }>(run(['list', '--json'])).operations).toEqual([]);
  });

  it('creates an operation with participants, then adds one and dates a phase', () => {
    const created = json<{ code: string; participants: { role: string }[]; markings: { handling: string } }>(
      run([
        'create',
        ...['--name', 'Endgame', '--code', 'EG-1', '--lead', 'Police', '--agency', 'BKA'],
        ...['--partner', 'Telecom', '--handling', 'H1', '--json'],
      ]),
    );
    expect(created.participants.map((p) => p.role).sort()).toEqual([
      'contributing-partner',
      'lead',
      'participating-agency',
    ]);
    expect(created.markings.handling).toBe('H1');
    expect(run(['participant', 'add', 'EG-1', 'Outsider', '--role', 'observer']).status).toBe(0);
    expect(
      run(['phase', 'set', 'EG-1', 'action', '--starts', '2026-05-01', '--ends', '2026-04-01']).stderr,
    ).toContain('--ends: ends before it starts');
    expect(run(['phase', 'set', 'EG-1', 'action', '--starts', '2026-05-01']).status).toBe(0);
    const shown = json<{ participants: unknown[]; phases: { phase: string; starts: string }[] }>(
      run(['phase', 'set', 'EG-1', 'action', '--ends', '2026-05-03', '--json']),
    );
    expect(shown.participants).toHaveLength(4);
    expect(shown.phases).toEqual([
      { phase: 'action', starts: '2026-05-01T00:00:00.000Z', ends: '2026-05-03T00:00:00.000Z' },
    ]);
    const text = run(['show', 'EG-1']);
    expect(text.stdout).toMatch(/observer\s+Outsider/);
    // A user of an organisation outside the operation learns nothing, not even that it exists.
    const telecomList = json<{ operations: { code: string }[] }>(
      run(['list', '--json', '--as', 'telecom@localhost']),
    );
    expect(telecomList.operations.map((o) => o.code)).toEqual(['EG-1']);
  });

  it('adds targets from arguments and a CSV on standard input, deduplicated and refanged', () => {
    const added = json<{ created: number; merged: number }>(
      run(
        [
          'add-target',
          'EG-1',
          '203.0.113.9',
          'hxxp://evil[.]example/x',
          '--file',
          '-',
          '--json',
          '--as',
          'telecom@localhost',
        ],
        'kind,value\ndomain,c2.example.com\n# a comment\n\n203.0.113.9\nthreat-actor,Wizard Spider\n',
      ),
    );
    expect(added).toMatchObject({ created: 4, merged: 0 });
    const p = page();
    expect(p.targets.map((t) => t.value).sort()).toEqual([
      '203.0.113.9',
      'Wizard Spider',
      'c2.example.com',
      'http://evil.example/x',
    ]);
  });

  it('refuses a list with a bad line, naming the line, and adds nothing', () => {
    const r = run(
      ['add-target', 'EG-1', '--file', '-', '--as', 'telecom@localhost'],
      '198.51.100.1\nnot a target!!\nipv4,999.1.1.1\n',
    );
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('--file standard input line 2: cannot tell what kind');
    expect(r.stderr).toContain('--file standard input line 3: "999.1.1.1" is not a valid ipv4');
    expect(r.stderr).toContain('nothing added');
    expect(page().total).toBe(4);
    const mixed = run(['add-target', 'EG-1', '1.2.3.4', '--from-report', reportId]);
    expect(mixed.stderr).toContain('give targets one way');
  });

  it('adds the targets behind a report and a search, credited to a participant', () => {
    const notPart = run(['add-target', 'EG-1', '--from-report', reportId]);
    expect(notPart.stderr).toContain('does not take part');
    const fromReport = json<{ created: number }>(
      run([
        'add-target',
        'EG-1',
        '--from-report',
        reportId,
        '--contributor',
        'Telecom',
        '--reliability',
        'B',
        '--json',
      ]),
    );
    expect(fromReport.created).toBe(2);
    const fromSearch = json<{ created: number; merged: number }>(
      run(['add-target', 'EG-1', '--type', 'indicator', '--json', '--as', 'telecom@localhost']),
    );
    expect(fromSearch).toMatchObject({ created: 0, merged: 2 });
    const detail = json<{ stixRefs: string[]; contributors: { reliability: string | null }[] }>(
      run(['target', 'EG-1', '192.0.2.44', '--json']),
    );
    expect(detail.stixRefs).toHaveLength(1);
    expect(detail.contributors[0]!.reliability).toBe('B');
  });

  it('works out jurisdictions and takes an override with a reason; refuses an unknown country', () => {
    json(run(['jurisdictions', 'EG-1', '--json']));
    const bad = run([
      'jurisdiction',
      'EG-1',
      'c2.example.com',
      '--country',
      'XX',
      '--reason',
      'hosting contract',
    ]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--country: an ISO 3166-1 alpha-2 country code');
    expect(
      run([
        'jurisdiction',
        'EG-1',
        'domain,c2.example.com',
        '--country',
        'de',
        '--reason',
        'hosting contract',
      ]).status,
    ).toBe(0);
    expect(page('--country', 'DE').targets.map((t) => t.value)).toEqual(['c2.example.com']);
    const unknown = run([
      'jurisdiction',
      'EG-1',
      'nothere.example.com',
      '--country',
      'DE',
      '--reason',
      'x y z',
    ]);
    expect(unknown.stderr).toContain('target nothere.example.com: no such target in this operation');
  });

  it('moves targets along their life cycle, refusing an illegal transition without changing anything', () => {
    const illegal = run([
      'status',
      'EG-1',
      'actioned',
      '203.0.113.9',
      'c2.example.com',
      '--detail',
      'taken-down',
    ]);
    expect(illegal.status).toBe(1);
    expect(illegal.stderr).toContain('illegal_transition');
    expect(page('--status', 'identified').total).toBe(6);
    const observer = run(['status', 'EG-1', 'reported', 'c2.example.com', '--as', 'telecom@localhost']);
    expect(observer.stderr).toContain('only the lead or a participating agency');
    expect(
      json<{ changed: number }>(
        run(['status', 'EG-1', 'reported', '--where-status', 'identified', '--country', 'DE', '--json']),
      ).changed,
    ).toBe(1);
    json(run(['status', 'EG-1', 'action-requested', 'c2.example.com', '--json']));
    const noHow = run(['status', 'EG-1', 'actioned', 'c2.example.com']);
    expect(noHow.stderr).toContain('--detail: actioned needs how');
    json(
      run([
        'status',
        'EG-1',
        'actioned',
        'c2.example.com',
        '--detail',
        'taken-down',
        '--note',
        'seized by BKA',
        '--evidence',
        'case 42',
        '--json',
      ]),
    );
    const t = json<{ status: string; history: { to: string; note: string | null; evidence: string[] }[] }>(
      run(['target', 'EG-1', 'c2.example.com', '--json']),
    );
    expect(t.status).toBe('actioned');
    expect(t.history.map((h) => h.to)).toEqual(['reported', 'action-requested', 'actioned']);
    expect(t.history[2]).toMatchObject({ note: 'seized by BKA', evidence: ['case 42'] });
  });

  it('reports KPIs, takes outcome counts from the lead, and shows a partner its own outcomes', () => {
    json(run(['outcomes', 'EG-1', '--arrests', '2', '--assets-frozen-eur', '150000', '--json']));
    const k = json<{
      takenDown: number;
      takedownRate: number;
      outcomes: { arrests: number; assetsFrozenEur: number };
    }>(run(['kpis', 'EG-1', '--json']));
    expect(k).toMatchObject({
      takenDown: 1,
      takedownRate: 1,
      outcomes: { arrests: 2, assetsFrozenEur: 150000 },
    });
    expect(run(['outcomes', 'EG-1', '--arrests', 'two']).stderr).toContain(
      '--arrests two: not a whole number',
    );
    const mine = json<{ operations: { code: string; summary: string }[] }>(
      run(['contributions', '--json', '--as', 'telecom@localhost']),
    );
    expect(mine.operations[0]).toMatchObject({ code: 'EG-1' });
    expect(mine.operations[0]!.summary).toMatch(/1 taken down/);
    expect(run(['contributions', 'EG-1']).stdout).toMatch(/^Telecom\t6 targets \(6 first\)/m);
  });
});
