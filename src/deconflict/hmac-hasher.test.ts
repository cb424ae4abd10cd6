import { createHmac, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HmacHasher } from './hmac-hasher.js';
import { hashHead } from './prefilter.js';

const reference = (key: Uint8Array, text: string) =>
  createHmac('sha256', key).update(text, 'utf8').digest('hex');

describe('HmacHasher', () => {
  it('gives node:crypto HMAC-SHA-256 for any text and key, its head the pre-filter head', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 0, maxLength: 100 }),
        fc.string({ unit: 'binary', maxLength: 200 }),
        (key, text) => {
          const hasher = new HmacHasher(key);
          hasher.hash(text);
          const hex = reference(key, text);
          expect(hasher.hex()).toBe(hex);
          expect(hasher.head()).toBe(hashHead(hex));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('pads at every block boundary and hands long inputs to node:crypto', () => {
    const key = randomBytes(32);
    const hasher = new HmacHasher(key);
    for (let n = 0; n <= 200; n++) {
      const text = 'é'.repeat(n % 3) + 'x'.repeat(n);
      hasher.hash(text);
      expect(hasher.hex()).toBe(reference(key, text));
    }
    for (const text of ['y'.repeat(1365), 'y'.repeat(1366), '\u{1f600}'.repeat(3000)]) {
      hasher.hash(text);
      expect(hasher.hex()).toBe(reference(key, text));
    }
  });

  it('keeps no state from one value to the next', () => {
    const key = randomBytes(32);
    const hasher = new HmacHasher(key);
    hasher.hash('domain/a-much-longer-value-that-spans-two-sha-256-blocks.example.com');
    hasher.hash('ip4/10.0.0.0/8');
    expect(hasher.hex()).toBe(reference(key, 'ip4/10.0.0.0/8'));
  });
});
