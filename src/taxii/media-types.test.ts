import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AccordError } from '../errors.js';
import {
  checkContentType,
  negotiate,
  parseMediaRanges,
  STIX_MEDIA_TYPE,
  TAXII_MEDIA_TYPE,
} from './media-types.js';

function status(fn: () => unknown): number | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return error instanceof AccordError ? error.status : -1;
  }
}

describe('negotiate', () => {
  it('accepts the TAXII type at 2.1 or without a version, and wildcards', () => {
    for (const accept of [
      'application/taxii+json;version=2.1',
      'application/taxii+json',
      'application/taxii+json; version="2.1"',
      '*/*',
      'application/*',
      undefined,
      'text/html, application/taxii+json;version=2.1;q=0.9',
    ])
      expect(negotiate(accept, false)).toBe(TAXII_MEDIA_TYPE);
  });

  it('serves the STIX type only where objects are served', () => {
    expect(negotiate('application/stix+json;version=2.1', true)).toBe(STIX_MEDIA_TYPE);
    expect(status(() => negotiate('application/stix+json;version=2.1', false))).toBe(406);
  });

  it('refuses other versions, other types and q=0', () => {
    for (const accept of [
      'application/taxii+json;version=2.0',
      'application/json',
      'text/html',
      'application/taxii+json;version=2.1;q=0',
    ])
      expect(status(() => negotiate(accept, true))).toBe(406);
  });

  it('never throws anything but a 406 on arbitrary headers', () => {
    fc.assert(
      fc.property(fc.string(), (accept) => {
        const s = status(() => negotiate(accept, true));
        expect(s === undefined || s === 406).toBe(true);
      }),
    );
  });
});

describe('checkContentType', () => {
  it('accepts TAXII and STIX JSON at 2.1 and rejects the rest with 415', () => {
    expect(
      status(() => {
        checkContentType('application/taxii+json;version=2.1');
      }),
    ).toBeUndefined();
    expect(
      status(() => {
        checkContentType('application/taxii+json');
      }),
    ).toBeUndefined();
    expect(
      status(() => {
        checkContentType('application/stix+json;version=2.1');
      }),
    ).toBeUndefined();
    for (const ct of ['application/json', 'application/taxii+json;version=2.0', undefined, 'text/plain'])
      expect(
        status(() => {
          checkContentType(ct);
        }),
      ).toBe(415);
  });
});

describe('parseMediaRanges', () => {
  it('reads type, version and q', () => {
    expect(parseMediaRanges('Application/TAXII+json; version=2.1; q=0.5, */*')).toEqual([
      { type: 'application/taxii+json', version: '2.1', q: 0.5 },
      { type: '*/*', version: undefined, q: 1 },
    ]);
  });
});
