import { describe, expect, it } from 'vitest';
import { apiQuery, parseSearch } from './search-params.js';

describe('search params', () => {
  it('keeps known non-empty values and drops malformed dates', () => {
    expect(
      parseSearch({ q: ' emotet ', type: 'indicator', tlp: '', from: '2026-01-02', to: 'yesterday', x: '1' }),
    ).toEqual({
      q: 'emotet',
      type: 'indicator',
      from: '2026-01-02',
    });
  });

  it('turns the day range into inclusive RFC 3339 bounds', () => {
    expect(apiQuery({ from: '2026-01-02', to: '2026-01-03', label: 'c2' })).toMatchObject({
      modified_from: '2026-01-02T00:00:00Z',
      modified_to: '2026-01-03T23:59:59.999Z',
      label: 'c2',
    });
  });
});
