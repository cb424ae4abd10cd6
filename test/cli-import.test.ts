import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleChunks } from '../bench/generate-bundle.js';
import { bundle, indicator } from './factories.js';
import { cliWorkspace, runCli, spawnCli } from './cli-harness.js';

function rows(db: string): Array<{ id: string; data: string }> {
  const conn = new SqliteDatabase(db, { readonly: true });
  try {
    return conn.prepare('SELECT id, data FROM objects').all() as Array<{ id: string; data: string }>;
  } finally {
    conn.close();
  }
}

describe('accord import (the real command)', { timeout: 180_000 }, () => {
  let ws: Awaited<ReturnType<typeof cliWorkspace>>;
  beforeAll(async () => {
    ws = await cliWorkspace();
  });

  const write = (name: string, text: string) => {
    const path = join(ws.dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('imports a bundle and prints a JSON summary', () => {
    const file = write('ok.json', JSON.stringify(bundle([indicator(), indicator()])));
    const run = runCli(['import', file, '--json'], ws.env);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { files: Array<{ created: number }> };
    expect(report.files[0]!.created).toBe(2);
  });

  const bad: Array<[string, () => string, RegExp]> = [
    [
      'malformed JSON',
      () => '{"type": "bundle", "id": "bundle--1", "objects": [\n  {"type": "indicator", }\n]}',
      /line 2, column 25/,
    ],
    [
      'JSON that is not a bundle',
      () => JSON.stringify({ type: 'report', objects: [] }),
      /not a STIX bundle|not_a_bundle/,
    ],
    ['a JSON array', () => '[1, 2]', /must be a JSON object/],
    ['wrong property types', () => JSON.stringify(bundle([indicator({ name: 42 })])), /objects\[0\]\.name/],
    [
      'an unknown type',
      () =>
        JSON.stringify(
          bundle([
            { ...indicator(), type: 'weird-thing', id: 'weird-thing--0b1a6a5e-3b3c-4c43-9d6e-0f2f9e1c2b3a' },
          ]),
        ),
      /unknown_type/,
    ],
    [
      'a bad id',
      () => JSON.stringify(bundle([indicator({ id: 'indicator--not-a-uuid' })])),
      /objects\[0\]\.id/,
    ],
    [
      'a timestamp without Z',
      () => JSON.stringify(bundle([indicator({ modified: '2026-01-01T00:00:00.000' })])),
      /objects\[0\]\.modified/,
    ],
    [
      'a 10 MB string',
      () => JSON.stringify(bundle([indicator({ description: 'x'.repeat(10 * 1024 * 1024) })])),
      /object_too_large/,
    ],
    [
      '10,000-deep nesting',
      () =>
        `{"type":"bundle","id":"bundle--6b1c2c1e-8f3a-4a5b-9c7d-0e1f2a3b4c5d","objects":[{"type":"indicator","x_deep":${'['.repeat(10_000)}${']'.repeat(10_000)}}]}`,
      /too_deep|objects\[0\]/,
    ],
    ['a truncated file', () => JSON.stringify(bundle([indicator(), indicator()])).slice(0, -60), /truncated/],
  ];

  it.each(bad)(
    'rejects %s with a clear error, a non-zero exit and nothing invalid stored',
    (_name, make, message) => {
      const before = rows(ws.db).length;
      const file = write('bad.json', make());
      const run = runCli(['import', file], ws.env);
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(message);
      const after = rows(ws.db);
      for (const row of after) expect(() => JSON.parse(row.data) as unknown).not.toThrow();
      // Only whole, valid objects may have landed (the truncated file's first object is valid).
      expect(after.length - before).toBeLessThanOrEqual(1);
    },
  );

  it('says what is wrong with missing files and bad flags (exit 2)', () => {
    const missing = runCli(['import', join(ws.dir, 'nope.json')], ws.env);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: cannot read: ENOENT/);
    const flag = runCli(['import', '--distribution', 'everyone', join(ws.dir, 'ok.json')], ws.env);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/--distribution everyone/);
    expect(runCli(['no-such-command'], ws.env).status).toBe(2);
  });

  it('with --strict writes nothing when one object is invalid', () => {
    const good = indicator();
    const file = write('strict.json', JSON.stringify(bundle([good, indicator({ pattern_type: 42 })])));
    const run = runCli(['import', file, '--strict', '--json'], ws.env);
    expect(run.status).toBe(1);
    expect(rows(ws.db).some((r) => r.id === good.id)).toBe(false);
  });

  it('reads standard input', () => {
    const run = runCli(['import', '-'], ws.env, JSON.stringify(bundle([indicator()])));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/1 created/);
  });

  it('survives SIGKILL midway: only whole objects stored, and a re-run completes without duplicates', async () => {
    const fresh = await cliWorkspace();
    const file = join(fresh.dir, 'big.json');
    const out = createWriteStream(file);
    const total = 60_000;
    for (const chunk of bundleChunks(total, 7)) if (!out.write(chunk)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');

    const child = spawnCli(['import', file], fresh.env);
    // Kill it once some batches have committed but well before the end.
    for (let i = 0; i < 600; i++) {
      await new Promise((r) => setTimeout(r, 50));
      let n = 0;
      try {
        n = rows(fresh.db).length;
      } catch {
        n = 0;
      }
      if (n > 2000) break;
    }
    child.kill('SIGKILL');
    await once(child, 'exit');

    const partial = rows(fresh.db);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(total);
    for (const row of partial) expect((JSON.parse(row.data) as { id: string }).id).toBe(row.id);
    const check = new SqliteDatabase(fresh.db);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    check.close();

    const rerun = runCli(['import', file, '--json'], fresh.env);
    expect(rerun.status).toBe(0);
    const report = JSON.parse(rerun.stdout) as {
      files: Array<{ created: number; duplicate: number; total: number }>;
    };
    expect(report.files[0]!.duplicate).toBeGreaterThanOrEqual(partial.length);
    expect(report.files[0]!.created + report.files[0]!.duplicate).toBe(total);
    expect(new Set(rows(fresh.db).map((r) => r.id)).size).toBe(rows(fresh.db).length);
    expect(readFileSync(file).length).toBeGreaterThan(0);
  }, 180_000);
});
