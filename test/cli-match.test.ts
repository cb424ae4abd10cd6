import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import { cliWorkspace, runCli } from './cli-harness.js';
import { matchWorld } from './fixtures/match/world.js';
import type { MatchWorld } from './fixtures/match/world.js';

describe('accord match and accord pattern validate (the real commands)', { timeout: 300_000 }, () => {
  let ws: Awaited<ReturnType<typeof cliWorkspace>>;
  let w: Omit<MatchWorld, 'store'>;
  beforeAll(async () => {
    ws = await cliWorkspace();
    const store = await openSqliteStore(ws.db);
    w = await matchWorld(store);
    await store.close();
  });

  it('prints only what the caller may see, and exits 1 on malformed lines', () => {
    const run = runCli(
      ['match', '--as', w.outsider.viewer.email],
      ws.env,
      '198.18.1.1\n198.18.1.2\nc2.accord-test.xyz\n???\n',
    );
    expect(run.status).toBe(1);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { indicator: { id: string }; line: number });
    expect(lines.map((l) => [l.line, l.indicator.id])).toEqual([[3, w.ids.community]]);
    expect(run.stderr).toMatch(/1 matches \(1 indicators\) in 3 values/);
    expect(run.stderr).toMatch(/stdin: line 4: not an IP address/);
  });

  it('matches Zeek logs for a group member and reports sightings', () => {
    const file = join(ws.dir, 'conn.log.jsonl');
    writeFileSync(
      file,
      `${JSON.stringify({ ts: 1764380000, 'id.orig_h': '10.0.0.1', 'id.resp_h': '198.18.1.1' })}\n`,
    );
    const run = runCli(
      [
        'match',
        file,
        '--field-map',
        'zeek-conn',
        '--report-sightings',
        '--json',
        '--as',
        w.member.viewer.email,
      ],
      ws.env,
    );
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      source: file,
      line: 1,
      indicator: { id: w.ids.group, name: 'group ip' },
    });
    expect(JSON.parse(run.stderr)).toMatchObject({
      summary: { input: 'jsonl', matches: 1 },
      sightings: [{ indicator: w.ids.group, status: 'created', distribution: `group:${w.groups.g}` }],
    });
    const usage = runCli(['match', '--input', 'jsonl'], ws.env, '');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/needs --field-map/);
  });

  it('validates a pattern with a caret under the error', () => {
    const bad = runCli(['pattern', 'validate', "[ipv4-addr:value = '1.2.3.4' AND]"], ws.env);
    expect(bad.status).toBe(1);
    // The caret sits under the stray ']' (column 33); the wording is the parser's.
    expect(bad.stderr).toMatch(/^\[ipv4-addr:value = '1\.2\.3\.4' AND\]\n {32}\^ line 1, column 33: .+\n$/);
    const ok = runCli(['pattern', 'validate', "[ipv4-addr:valu = '1.2.3.4']"], ws.env);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(
      /^ok\n\[ipv4-addr:valu = '1\.2\.3\.4'\]\n \^ line 1, column 2: warning: .*valu/,
    );
  });
});
