import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import { cliWorkspace, runCli } from './cli-harness.js';

/** The administration commands, run as the real `accord` binary against one SQLite store. */
// Each run starts Node and tsx afresh: seconds apiece on a busy machine, hence the long timeouts.
describe('accord org | user | key | group | audit | policy', { timeout: 600_000 }, () => {
  let ws: Awaited<ReturnType<typeof cliWorkspace>>;
  const run = (args: string[], input?: string) => runCli(args, ws.env, input);
  const json = (args: string[], input?: string) => {
    const r = run([...args, '--json'], input);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return JSON.parse(r.stdout) as Record<string, unknown> & Array<Record<string, unknown>>;
  };
  let telecom: string;
  let groupId: string;

  beforeAll(async () => {
    ws = await cliWorkspace();
  });
  afterAll(() => {
    rmSync(ws.dir, { recursive: true, force: true });
  });

  it('creates and lists organisations, and stores each one’s STIX identity', () => {
    const created = run([
      'org',
      'create',
      'Telecom',
      '--kind',
      'private',
      '--country',
      'de',
      '--default-tlp',
      'amber',
    ]);
    expect(created.status).toBe(0);
    expect(created.stdout).toMatch(
      /^created organisation Telecom {2}identity--\S+ {2}private \/ DE {2}defaults: organisation, TLP amber/,
    );
    json(['org', 'create', 'Police', '--kind', 'law-enforcement']);
    json(['org', 'create', 'Peer', '--kind', 'private']);
    const list = json(['org', 'list']);
    expect(list.map((o) => o.name)).toEqual(['CLI test', 'Peer', 'Police', 'Telecom']);
    telecom = list.find((o) => o.name === 'Telecom')!.id as string;
    const identity = JSON.parse(run(['get', telecom]).stdout) as unknown;
    expect(identity).toMatchObject({ type: 'identity', identity_class: 'organization', name: 'Telecom' });
  });

  it('creates users (password from stdin), lists and disables them', () => {
    const analyst = json([
      'user',
      'create',
      'analyst@telecom.example',
      '--org',
      'telecom',
      '--role',
      'contributor',
    ]);
    expect(analyst).toMatchObject({ email: 'analyst@telecom.example', orgId: telecom, hasPassword: false });
    const cop = json(
      ['user', 'create', 'cop@police.example', '--org', 'Police', '--role', 'reader', '--password-stdin'],
      'a long enough password\n',
    );
    expect(cop).toMatchObject({ hasPassword: true, role: 'reader' });
    json(['user', 'create', 'peer@peer.example', '--org', 'Peer', '--role', 'org-admin']);
    const listed = run(['user', 'list', '--org', 'Telecom']);
    expect(listed.stdout).toMatch(
      /^analyst@telecom\.example {2}\S+ {2}contributor {2}Telecom {2}\(API keys only\)$/m,
    );
    expect(listed.stdout).not.toContain('cop@');
    const disabled = run(['user', 'disable', 'cop@police.example']);
    expect(disabled).toMatchObject({ status: 0, stdout: 'disabled cop@police.example\n' });
    expect(run(['user', 'enable', 'cop@police.example']).status).toBe(0);
    const refused = run([
      'user',
      'create',
      'x@telecom.example',
      '--org',
      'Telecom',
      '--role',
      'admin',
      '--as',
      'peer@peer.example',
    ]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/^accord: forbidden: /);
  });

  it('prints a key once (key and keys alike), lists it without its secret, revokes it', () => {
    const made = run([
      'key',
      'create',
      '--user',
      'analyst@telecom.example',
      '--read-only',
      '--name',
      'siem',
      '--expires',
      '2999-01-01T00:00:00Z',
    ]);
    expect(made.status).toBe(0);
    const key = /^ {2}(accord_\S+)$/m.exec(made.stdout)?.[1];
    expect(key).toMatch(/^accord_[a-z0-9]+_/);
    expect(made.stdout).toMatch(/read-only {2}expires 2999-01-01T00:00:00.000Z/);
    const alias = json(['keys', 'create', '--user', 'analyst@telecom.example']);
    expect(alias.key).toEqual(expect.stringMatching(/^accord_/));
    const listed = run(['key', 'list', '--user', 'analyst@telecom.example']);
    expect(listed.stdout.trim().split('\n')).toHaveLength(2);
    expect(listed.stdout).not.toContain(key!);
    const id = (alias.record as { id: string }).id;
    const revoked = run(['key', 'revoke', id]);
    expect(revoked.status).toBe(0);
    expect(revoked.stdout).toMatch(/^revoked .* REVOKED /);
  });

  it('creates a group, adds and removes members, lists it', () => {
    const created = json(['group', 'create', 'Operation partners', '--owner', 'Telecom']);
    groupId = created.id as string;
    expect(created).toMatchObject({ ownerOrg: telecom, members: [telecom] });
    expect(run(['group', 'add', 'operation partners', 'Police']).stdout).toBe('added Police\n');
    expect(run(['group', 'remove', groupId, 'Police']).stdout).toBe('removed Police\n');
    expect(run(['group', 'add', groupId, 'Police']).status).toBe(0);
    const list = run(['group', 'list']);
    expect(list.stdout).toMatch(
      /^Operation partners {2}\S+ {2}\(distribution group:\S+\) {2}owner: Telecom {2}members: (Telecom, Police|Police, Telecom)$/m,
    );
    const outsider = run(['group', 'add', 'Operation partners', 'Peer', '--as', 'peer@peer.example']);
    expect(outsider.status).toBe(2);
    expect(outsider.stderr).toMatch(/no sharing group Operation partners/);
  });

  it('explains who can see an object, for a named person', () => {
    const bundle = {
      type: 'bundle',
      id: 'bundle--0a0a0a0a-0000-4000-8000-000000000001',
      objects: [
        {
          type: 'indicator',
          spec_version: '2.1',
          id: 'indicator--0a0a0a0a-0000-4000-8000-000000000002',
          created: '2026-01-01T00:00:00.000Z',
          modified: '2026-01-01T00:00:00.000Z',
          created_by_ref: telecom,
          pattern: "[ipv4-addr:value = '198.51.100.7']",
          pattern_type: 'stix',
          valid_from: '2026-01-01T00:00:00Z',
        },
      ],
    };
    const imported = run(
      [
        'import',
        '-',
        '--as',
        'analyst@telecom.example',
        '--tlp',
        'amber',
        '--distribution',
        `group:${groupId}`,
      ],
      JSON.stringify(bundle),
    );
    expect(imported.status).toBe(0);
    const id = 'indicator--0a0a0a0a-0000-4000-8000-000000000002';
    const cop = run(['policy', 'explain', id, '--as', 'cop@police.example']);
    expect(cop.status).toBe(0);
    expect(cop.stdout).toMatch(/^cop@police\.example CAN see .*member of sharing group "Operation partners"/);
    expect(cop.stdout).toContain('TLP:AMBER limits this to a sharing group or the owner');
    const peer = json(['policy', 'explain', id, '--as', 'peer@peer.example']);
    expect(peer).toMatchObject({ canSee: false, reasons: [] });
    expect(peer.explanation).toMatch(/Peer is not a member/);
    const audience = peer.audience as { organisations: Array<{ name: string; reasons: string[] }> };
    expect(audience.organisations).toEqual([
      { id: expect.any(String), name: 'CLI test', reasons: ['admin-role'] },
      { id: expect.any(String), name: 'Police', reasons: ['group:Operation partners'] },
      { id: telecom, name: 'Telecom', reasons: ['owner', 'group:Operation partners'] },
    ]);
  });

  it('lists the audit log and verifies it; a tampered entry fails verification by its seq', async () => {
    const groups = json(['audit', 'list', '--action', 'group.*', '--limit', '10']);
    expect(groups.map((e) => e.action)).toEqual([
      'group.member.add',
      'group.member.remove',
      'group.member.add',
      'group.create',
    ]);
    // The org-admin's attempt to create an administrator was refused, and recorded as such.
    const refusals = json(['audit', 'list', '--action', 'user.create', '--limit', '1']);
    expect(refusals[0]).toMatchObject({ outcome: 'denied', details: { code: 'forbidden' } });
    const ok = run(['audit', 'verify']);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^audit log intact: \d+ entries verified\n$/);
    const head = run(['audit', 'head']).stdout.trim();
    expect(head).toMatch(/^\d+:[0-9a-f]{64}$/);
    expect(run(['audit', 'verify', '--anchor', head]).status).toBe(0);
    const wrong = run(['audit', 'verify', '--anchor', '7:abc']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('--anchor 7:abc: expected <seq>:<64 hex digits>');
    const store = await openSqliteStore(ws.db);
    await store.db.updateTable('audit_log').set({ action: 'nothing.to.see' }).where('seq', '=', 4).execute();
    await store.close();
    const broken = run(['audit', 'verify']);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(
      /^audit log BROKEN at entry 4: content does not match its hash \(entry edited\) \(3 entries before it verified\)/,
    );
  });
});
