import type { MispConversionContext } from './convert-misp-event.js';

/** Small builders for MISP test events (deterministic uuids and times). */
export const EVENT_UUID = '5f1e0c2a-1b2c-4d3e-8f40-112233445566';
export const OWNER = 'identity--0b7a3c1e-6a55-4a6e-9f0e-2f4b8c9d1e2f';

export const CTX: MispConversionContext = { ownerIdentityId: OWNER, now: '2024-06-01T00:00:00.000Z' };

export function uuidN(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}

export function attr(
  n: number,
  type: string,
  value: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    uuid: uuidN(n),
    type,
    value,
    category: 'Other',
    to_ids: false,
    timestamp: String(1709300000 + n),
    ...extra,
  };
}

export function event(fields: Record<string, unknown> = {}): { Event: Record<string, unknown> } {
  return {
    Event: {
      uuid: EVENT_UUID,
      info: 'Test event',
      date: '2024-03-01',
      timestamp: '1709400000',
      publish_timestamp: '1709400100',
      analysis: '2',
      threat_level_id: '2',
      Orgc: { name: 'ACME CERT', uuid: '11111111-2222-4333-8444-555555555555' },
      Attribute: [],
      ...fields,
    },
  };
}
