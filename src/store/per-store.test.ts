import { describe, expect, it } from 'vitest';
import { PerStore } from './per-store.js';
import type { Store } from './store.js';

describe('PerStore', () => {
  it('loads once per store, tries a failed load again, and takes a value set for a store', async () => {
    const a = {} as Store;
    const b = {} as Store;
    let calls = 0;
    const values = new PerStore<string>((store: Store) => {
      calls++;
      if (calls === 1) return Promise.reject(new Error('passing fault'));
      return Promise.resolve(store === a ? 'a' : 'b');
    });
    await expect(values.get(a)).rejects.toThrow('passing fault');
    expect(await values.get(a)).toBe('a');
    expect(await values.get(a)).toBe('a');
    expect(await values.get(b)).toBe('b');
    expect(calls).toBe(3);
    values.set(b, 'given');
    expect(await values.get(b)).toBe('given');
    expect(calls).toBe(3);
  });
});
