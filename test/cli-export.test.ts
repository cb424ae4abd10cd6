import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundle, indicator } from './factories.js';
import { cliWorkspace, runCli } from './cli-harness.js';

describe('accord export (the real command)', { timeout: 180_000 }, () => {
  let ws: Awaited<ReturnType<typeof cliWorkspace>>;
  const red = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
  beforeAll(async () => {
    ws = await cliWorkspace();
    const file = join(ws.dir, 'in.json');
    writeFileSync(
      file,
      JSON.stringify(
        bundle([
          indicator({ pattern: "[ipv4-addr:value = '198.18.7.1']", confidence: 80 }),
          indicator({ pattern: "[domain-name:value = 'c2.accord-test.xyz']" }),
          indicator({ pattern: "[ipv4-addr:value = '198.18.7.9']", object_marking_refs: [red] }),
        ]),
      ),
    );
    expect(runCli(['import', file, '--distribution', 'organisation'], ws.env).status).toBe(0);
  });

  it('streams a STIX bundle by default', () => {
    const run = runCli(['export', '--type', 'indicator'], ws.env);
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { objects: unknown[] }).objects).toHaveLength(3);
  });

  it('writes defender formats with filters, never TLP:RED', () => {
    const ips = runCli(['export', '--format', 'ip'], ws.env);
    expect(ips.status).toBe(0);
    expect(ips.stdout.trim()).toBe('198.18.7.1');
    expect(runCli(['export', '--format', 'domain'], ws.env).stdout.trim()).toBe('c2.accord-test.xyz');
    expect(
      runCli(['export', '--format', 'csv', '--columns', 'value', '--min-confidence', '50'], ws.env)
        .stdout.trim()
        .split(/\r?\n/),
    ).toEqual(['value', '198.18.7.1']);
  });

  it('explains bad flags with exit code 2', () => {
    const bad = runCli(['export', '--format', 'pdf'], ws.env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--format pdf: use stix/);
    expect(runCli(['export', '--format', 'ip', '--max-tlp', 'red'], ws.env).status).toBe(2);
    expect(runCli(['export', '--since', 'yesterday'], ws.env).status).toBe(2);
  });
});
