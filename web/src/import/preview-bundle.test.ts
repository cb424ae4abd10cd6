import { describe, expect, it } from 'vitest';
import { previewBundle } from './preview-bundle.js';

const id = (type: string) => `${type}--6ba7b810-9dad-41d1-80b4-00c04fd430c8`;

describe('previewBundle', () => {
  it('counts objects by type and lists problems with their index', () => {
    const preview = previewBundle(
      JSON.stringify({
        type: 'bundle',
        id: id('bundle'),
        objects: [
          {
            type: 'malware',
            id: id('malware'),
            spec_version: '2.1',
            created: '2026-01-01T00:00:00Z',
            name: 'x',
          },
          { type: 'indicator', id: id('malware'), spec_version: '2.0', created: 'yesterday' },
          { type: 'relationship', id: id('relationship'), spec_version: '2.1' },
        ],
      }),
    );
    expect(preview.objects).toBe(3);
    expect(preview.byType).toEqual([
      ['indicator', 1],
      ['malware', 1],
      ['relationship', 1],
    ]);
    expect(preview.issues.map((i) => [i.index, i.message])).toEqual([
      [1, 'id prefix malware does not match type indicator'],
      [1, 'spec_version 2.0 is not 2.1'],
      [1, 'created is not an RFC 3339 UTC timestamp'],
      [1, 'indicator without a pattern'],
      [2, 'relationship without source_ref and target_ref'],
    ]);
  });

  it('refuses text that is not a bundle', () => {
    expect(previewBundle('{"type":"malware"}').fatal).toMatch(/not a STIX bundle/);
    expect(previewBundle('{oops').fatal).toMatch(/^not JSON/);
  });
});
