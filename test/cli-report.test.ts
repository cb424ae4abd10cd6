import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfAvailable } from '../src/render/html-to-pdf.js';
import { bundle, indicator, malware, relationship } from './factories.js';
import { cliWorkspace, runCli } from './cli-harness.js';

describe('accord report landscape', () => {
  let ws: Awaited<ReturnType<typeof cliWorkspace>>;
  beforeAll(async () => {
    ws = await cliWorkspace();
    const family = malware({
      name: 'QakBot',
      created: '2026-02-01T00:00:00.000Z',
      modified: '2026-02-01T00:00:00.000Z',
    });
    const ind = indicator({
      created: '2026-03-01T00:00:00.000Z',
      modified: '2026-03-01T00:00:00.000Z',
      labels: ['botnet'],
    });
    const file = join(ws.dir, 'in.json');
    writeFileSync(
      file,
      JSON.stringify(
        bundle([
          family,
          ind,
          relationship(ind.id, family.id, {
            relationship_type: 'indicates',
            created: '2026-03-01T00:00:00.000Z',
            modified: '2026-03-01T00:00:00.000Z',
          }),
        ]),
      ),
    );
    expect(runCli(['import', file], ws.env).status).toBe(0);
  });

  it('prints the figures as JSON and saves the report', () => {
    const run = runCli(['report', 'landscape', '--from', '2026-01-01', '--to', '2027-01-01'], ws.env);
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as {
      id: string;
      figures: {
        volume: { total: number; categories: Array<{ id: string; total: number }> };
        rankings: { malware: Array<{ name: string; count: number }> };
      };
    };
    expect(out.figures.volume.total).toBe(3);
    expect(out.figures.volume.categories.find((c) => c.id === 'botnet')!.total).toBe(1);
    expect(out.figures.rankings.malware).toEqual([
      { name: 'QakBot', count: 1, first_seen: '2026-02-01T00:00:00.000Z', new: true },
    ]);
    expect(run.stderr).toContain(`report ${out.id}`);
  });

  it('writes HTML, and PDF where Chromium is installed', () => {
    const html = join(ws.dir, 'r.html');
    expect(
      runCli(
        [
          'report',
          'landscape',
          '--from',
          '2026-01-01',
          '--to',
          '2027-01-01',
          '--format',
          'html',
          '--output',
          html,
        ],
        ws.env,
      ).status,
    ).toBe(0);
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>[\s\S]*<svg/);
    if (!pdfAvailable()) return;
    const pdf = join(ws.dir, 'r.pdf');
    expect(
      runCli(
        [
          'report',
          'landscape',
          '--from',
          '2026-01-01',
          '--to',
          '2027-01-01',
          '--format',
          'pdf',
          '--output',
          pdf,
        ],
        ws.env,
      ).status,
    ).toBe(0);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);

  it('names the flag at fault and writes nothing', () => {
    const out = join(ws.dir, 'never.html');
    const bad = runCli(
      ['report', 'landscape', '--from', '2026-13-01', '--to', '2027-01-01', '--output', out],
      ws.env,
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--from/);
    expect(
      runCli(['report', 'landscape', '--from', '2026-01-01', '--to', '2025-01-01'], ws.env).stderr,
    ).toMatch(/--to: `to` must be after `from`/);
    expect(
      runCli(
        ['report', 'landscape', '--from', '2026-01-01', '--to', '2027-01-01', '--format', 'docx'],
        ws.env,
      ).stderr,
    ).toMatch(/--format/);
    expect(existsSync(out)).toBe(false);
  });
});
