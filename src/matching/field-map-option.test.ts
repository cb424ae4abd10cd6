import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIELD_MAPS } from '../match/index.js';
import { parseFieldMap, resolveFieldMap } from './field-map-option.js';

describe('field maps from the command line', () => {
  it('resolves presets and JSON files', async () => {
    expect(await resolveFieldMap('zeek-dns')).toEqual({ ok: true, map: FIELD_MAPS['zeek-dns'] });
    const file = join(mkdtempSync(join(tmpdir(), 'accord-fm-')), 'map.json');
    writeFileSync(
      file,
      JSON.stringify({ fields: { src: 'auto', sha: "file:hashes.'SHA-256'" }, time: 'when' }),
    );
    expect(await resolveFieldMap(file)).toEqual({
      ok: true,
      map: { fields: { src: 'auto', sha: "file:hashes.'SHA-256'" }, time: 'when' },
    });
    const missing = await resolveFieldMap(join(tmpdir(), 'no-such-map.json'));
    expect(missing).toMatchObject({ ok: false, error: expect.stringMatching(/not a preset .*\(ENOENT\)/) });
  });

  it('explains bad maps in one line', () => {
    expect(parseFieldMap({ fields: {} })).toMatchObject({ ok: false, error: /at least one field/ });
    expect(parseFieldMap({ fields: { a: 'nonsense' } })).toMatchObject({
      ok: false,
      error: /fields\.a: use auto/,
    });
    expect(parseFieldMap({ fields: { a: 'auto' }, extra: 1 })).toMatchObject({ ok: false });
  });
});
