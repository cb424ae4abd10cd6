import { describe, expect, it } from 'vitest';
import { backoffMs, retryAfterMs, sleep } from './retry.js';

describe('retry timing', () => {
  it('doubles the delay per attempt up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(a, 100, 500))).toEqual([100, 200, 400, 500, 500]);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }))).toBe(3000);
    const later = new Date(Date.now() + 60_000).toUTCString();
    expect(retryAfterMs(new Headers({ 'retry-after': later }))).toBeGreaterThan(50_000);
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
    expect(retryAfterMs(new Headers())).toBeUndefined();
  });

  it('stops waiting with the given error when aborted', async () => {
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal, () => new Error('stopped'));
    controller.abort();
    await expect(waiting).rejects.toThrow('stopped');
  });
});
