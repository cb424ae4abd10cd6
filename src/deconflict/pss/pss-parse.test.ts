import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DcsoBloom } from './dcso-bloom.js';
import { readPssSet } from './pss-check.js';
import { PSS_CANONICALISATION, PSS_FILES } from './pss-set.js';

const KEY = 'ab'.repeat(32);
const META = {
  version: 1,
  name: 'prop',
  description: 'prop',
  'generated-timestamp': 1,
  algorithm: 'HMAC-SHA-256',
  keyid: 'accord:0',
  bloomfilter: { capacity: 10, 'fp-probability': 0.01, format: 'dcso-v1' },
  'canonicalization-format': PSS_CANONICALISATION,
};

function setDir(files: Partial<Record<keyof typeof PSS_FILES, string | Uint8Array>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'accord-pss-prop-'));
  for (const [k, v] of Object.entries(files))
    writeFileSync(join(dir, PSS_FILES[k as keyof typeof PSS_FILES]), v);
  return dir;
}

/** The parser either reads a set or says, in an Error, which file (or the key) is wrong. */
async function clearOrLoaded(dir: string): Promise<void> {
  try {
    await readPssSet(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(
      /private-search-set\.(json|pss|bloom|key)|the key must be|^no key/,
    );
  }
}

describe('the private search set parser (property)', () => {
  it('DcsoBloom.read of any bytes returns a filter or a "bloom filter" error', () => {
    const valid = (() => {
      const f = DcsoBloom.create(50, 0.01);
      f.add('x');
      return f.write();
    })();
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 200 }),
          // A valid filter with bytes flipped or cut short.
          fc
            .tuple(
              fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), {
                maxLength: 8,
              }),
              fc.nat(valid.length),
            )
            .map(([flips, cut]) => {
              const b = Buffer.from(valid);
              for (const [i, v] of flips) b[i] = v;
              return b.subarray(0, cut);
            }),
        ),
        (bytes) => {
          try {
            const f = DcsoBloom.read(bytes);
            expect(typeof f.has('y')).toBe('boolean');
          } catch (error) {
            expect(error).not.toBeInstanceOf(TypeError);
            expect(error).not.toBeInstanceOf(RangeError);
            expect((error as Error).message).toMatch(/^bloom filter/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('malformed metadata, hash files, bloom files and keys get a clear error naming them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.json(), fc.constant(JSON.stringify(META))),
        fc.option(
          fc.oneof(
            fc.string(),
            fc.array(fc.stringMatching(/^[0-9a-f]{60,66}$/)).map((l) => l.join('\n')),
          ),
        ),
        fc.option(fc.uint8Array({ maxLength: 120 })),
        fc.oneof(fc.constant(KEY), fc.string()),
        async (meta, hashes, bloom, key) => {
          await clearOrLoaded(
            setDir({
              metadata: meta,
              key,
              ...(hashes === null ? {} : { hashes }),
              ...(bloom === null ? {} : { bloom }),
            }),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('names the line of a hash that is not one', async () => {
    const dir = setDir({
      metadata: JSON.stringify(META),
      key: KEY,
      hashes: `${'a'.repeat(64)}\nnot-a-hash\n`,
    });
    await expect(readPssSet(dir)).rejects.toThrow(/private-search-set\.pss:2: not a hex HMAC-SHA-256/);
    const notObject = setDir({ metadata: 'null', key: KEY, hashes: '' });
    await expect(readPssSet(notObject)).rejects.toThrow(/private-search-set\.json: not a JSON object/);
  });
});
