import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-harness.js';

/**
 * Issue 21: the first local command on a store that does not exist yet bootstraps it as
 * `accord serve` does — administrators' organisation, administrator, API key told once — so a
 * scripted set-up (import before the first serve) works. Every command here runs on its own empty store.
 */
describe('accord on an empty store', { timeout: 900_000 }, () => {
  const dirs: string[] = [];
  const freshEnv = (): NodeJS.ProcessEnv => {
    const dir = mkdtempSync(join(tmpdir(), 'accord-first-'));
    dirs.push(dir);
    return { ...process.env, ACCORD_DB: `sqlite:${join(dir, 'accord.db')}`, ACCORD_LOG_LEVEL: 'silent' };
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const bundleDir = mkdtempSync(join(tmpdir(), 'accord-first-bundle-'));
  dirs.push(bundleDir);
  const bundle = join(bundleDir, 'bundle.json');
  writeFileSync(
    bundle,
    JSON.stringify({
      type: 'bundle',
      id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
      objects: [
        {
          type: 'indicator',
          spec_version: '2.1',
          id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
          created: '2026-11-01T00:00:00.000Z',
          modified: '2026-11-01T00:00:00.000Z',
          name: 'C2',
          pattern: "[ipv4-addr:value = '198.51.100.7']",
          pattern_type: 'stix',
          valid_from: '2026-11-01T00:00:00.000Z',
        },
      ],
    }),
  );
  const missing = 'indicator--00000000-0000-4000-8000-000000000000';

  // [command line, expected exit status, standard input]
  const commands: Array<[string[], number, string?]> = [
    [['import', bundle, '--json'], 0],
    [['import', '--format', 'text', '-', '--json'], 0, 'C2 at 203.0.113.9 and evil-c2.example'],
    [['export'], 0],
    [['export', '--format', 'ip'], 0],
    [['get', missing], 1],
    [['stats', '--json'], 0],
    [['org', 'create', 'Telecom', '--kind', 'private', '--json'], 0],
    [['org', 'list', '--json'], 0],
    [['user', 'create', 'analyst@telecom.example', '--org', 'Accord administrators', '--role', 'reader'], 0],
    [['user', 'list', '--json'], 0],
    [['key', 'create', '--json'], 0],
    [['key', 'list', '--json'], 0],
    [['group', 'create', 'Operation partners', '--json'], 0],
    [['group', 'list', '--json'], 0],
    [['audit', 'verify'], 0],
    [['audit', 'head'], 0],
    [['audit', 'list'], 0],
    [['policy', 'explain', missing, '--as', 'admin@localhost'], 1],
    [['feed', 'list'], 0],
    [['taxii', 'collection', 'list'], 0],
    [['taxii', 'schedule', 'list'], 0],
    [['match', '--input', 'values', '-'], 0, '198.51.100.7\n'],
  ];

  it.each(commands)('accord %j bootstraps the store and tells the key once', (args, status, input) => {
    const env = freshEnv();
    const first = runCli(args, env, input);
    expect(first.stderr).not.toMatch(/no administrator/);
    expect(first.status, first.stderr).toBe(status);
    expect(first.stderr).toMatch(
      /First start: created organisation "Accord administrators" and administrator admin@localhost\./,
    );
    const key = /\n {2}(accord_\S+)\n/.exec(first.stderr)?.[1];
    expect(key).toBeDefined();
    // The key went to standard error only, so piped output (bundles, JSON) stays clean.
    expect(first.stdout).not.toContain(key);

    // The next command finds the administrator and says nothing more about it.
    const users = runCli(['user', 'list', '--json'], env);
    expect(users.status, users.stderr).toBe(0);
    expect(users.stderr).toBe('');
    const emails = (JSON.parse(users.stdout) as Array<{ email: string }>).map((u) => u.email);
    expect(emails).toContain('admin@localhost');
    const keys = JSON.parse(runCli(['key', 'list', '--json'], env).stdout) as Array<{ name: string }>;
    expect(keys.map((k) => k.name)).toContain('bootstrap');
  });

  it('runs a scripted set-up — import, then organisations and users — before any serve', () => {
    const env = freshEnv();
    const imported = runCli(['import', bundle, '--json'], env);
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ files: [{ created: 1 }] });
    const org = runCli(['org', 'create', 'Police', '--kind', 'law-enforcement', '--json'], env);
    expect(org.status, org.stderr).toBe(0);
    expect(org.stderr).toBe('');
    const user = runCli(
      ['user', 'create', 'ana@police.example', '--org', 'Police', '--role', 'contributor'],
      env,
    );
    expect(user.status, user.stderr).toBe(0);
    const stats = JSON.parse(runCli(['stats', '--json'], env).stdout) as Record<string, unknown>;
    expect(JSON.stringify(stats)).toContain('indicator');
  });

  it('accord init prints the key once on standard output, then says the store is ready', () => {
    const env = freshEnv();
    const first = runCli(['init'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(/First start: created organisation "Accord administrators"/);
    expect(first.stdout).toMatch(/\n {2}accord_\S+\n/);
    const again = runCli(['init'], env);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/already initialised/);
    expect(again.stdout).not.toMatch(/accord_/);

    const json = runCli(['init', '--json'], freshEnv());
    expect(json.status, json.stderr).toBe(0);
    const out = JSON.parse(json.stdout) as {
      created: boolean;
      api_key: string;
      administrator: { email: string };
    };
    expect(out.created).toBe(true);
    expect(out.api_key).toMatch(/^accord_/);
    expect(out.administrator.email).toBe('admin@localhost');
  });
});
