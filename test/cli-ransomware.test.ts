import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliWorkspace, runCli } from './cli-harness.js';

const NOTE =
  "ATTENTION! Don't worry, you can return all your files! All your files like pictures, databases, documents and other important are encrypted with strongest encryption and unique key.";

describe('accord ransomware', () => {
  it('identify --json lists candidates as { family, galaxy_uuid, confidence, reasons, decryptor }', async () => {
    const ws = await cliWorkspace();
    const note = join(ws.dir, 'note.txt');
    writeFileSync(note, NOTE);
    const r = runCli(
      [
        'ransomware',
        'identify',
        '--note-file',
        note,
        '--extension',
        '.djvu',
        '--note-name',
        '_readme.txt',
        '--json',
      ],
      ws.env,
    );
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { status: string; candidates: Array<Record<string, unknown>> };
    expect(out.status).toBe('identified');
    expect(out.candidates[0]).toMatchObject({
      family: 'Djvu',
      galaxy_uuid: 'e37ddc9e-8ceb-4817-a17e-755aa379ed14',
    });
    expect(Object.keys(out.candidates[0]!)).toEqual(
      expect.arrayContaining(['family', 'galaxy_uuid', 'confidence', 'reasons', 'decryptor']),
    );
  });

  it('says "not identified" for weak evidence and refuses no evidence or bad input', async () => {
    const ws = await cliWorkspace();
    const weak = runCli(['ransomware', 'identify', '--extension', '.locked'], ws.env);
    expect(weak.status).toBe(0);
    expect(weak.stdout).toMatch(/^not identified/);
    expect(runCli(['ransomware', 'identify'], ws.env).status).toBe(2);
    const bad = runCli(['ransomware', 'identify', '--marker', 'nothex'], ws.env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/marker_hex/);
  });

  it('update loads a newer galaxy file that identify then uses, and refuses a broken one', async () => {
    const ws = await cliWorkspace();
    const file = join(ws.dir, 'galaxy.json');
    writeFileSync(
      file,
      JSON.stringify({
        uuid: '10cf658b-5d32-4c4b-bb32-61760a640372',
        name: 'Ransomware',
        type: 'ransomware',
        version: 999,
        values: [
          { uuid: 'f0000000-0000-4000-8000-00000000000b', value: 'Numbat', meta: { extension: ['.numbat'] } },
        ],
      }),
    );
    const up = runCli(['ransomware', 'update', file], ws.env);
    expect(up.stdout).toMatch(/loaded 1 families from galaxy version 999/);
    const r = runCli(['ransomware', 'identify', '--extension', 'x.numbat', '--json'], ws.env);
    expect((JSON.parse(r.stdout) as { candidates: Array<{ family: string }> }).candidates[0]?.family).toBe(
      'Numbat',
    );
    writeFileSync(file, '{"type":"tool"}');
    const bad = runCli(['ransomware', 'update', file], ws.env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/not a MISP ransomware galaxy/);
  });
});
