import { randomUUID } from 'node:crypto';
import type { UserViewer } from '../src/policy/viewer.js';
import type { Role } from '../src/policy/viewer.js';
import type { StixObject } from '../src/stix/types.js';

/** Small builders for tests (STYLE.md habit 10). Every builder gives a valid STIX 2.1 object. */
export const T0 = '2026-01-01T00:00:00.000Z';

export function stixId(type: string): string {
  return `${type}--${randomUUID()}`;
}

export function indicator(overrides: Partial<StixObject> = {}): StixObject {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: stixId('indicator'),
    created: T0,
    modified: T0,
    name: 'C2 server',
    pattern: "[ipv4-addr:value = '203.0.113.5']",
    pattern_type: 'stix',
    valid_from: T0,
    ...overrides,
  };
}

export function malware(overrides: Partial<StixObject> = {}): StixObject {
  return {
    type: 'malware',
    spec_version: '2.1',
    id: stixId('malware'),
    created: T0,
    modified: T0,
    name: 'Emotet',
    is_family: true,
    ...overrides,
  };
}

export function relationship(
  source: string,
  target: string,
  overrides: Partial<StixObject> = {},
): StixObject {
  return {
    type: 'relationship',
    spec_version: '2.1',
    id: stixId('relationship'),
    created: T0,
    modified: T0,
    relationship_type: 'indicates',
    source_ref: source,
    target_ref: target,
    ...overrides,
  };
}

export function bundle(objects: StixObject[]): { type: 'bundle'; id: string; objects: StixObject[] } {
  return { type: 'bundle', id: stixId('bundle'), objects };
}

export function orgId(): string {
  return stixId('identity');
}

export function userViewer(
  orgIdentity: string,
  role: Role = 'contributor',
  groups: string[] = [],
): UserViewer {
  return {
    kind: 'user',
    userId: randomUUID(),
    email: `${randomUUID().slice(0, 8)}@example.org`,
    orgId: orgIdentity,
    role,
    groups,
    readOnly: false,
  };
}

/** An async iterable of the JSON text of `value`, cut into chunks of `size` bytes. */
export async function* chunked(text: string, size = 64 * 1024): AsyncGenerator<Buffer> {
  const buffer = Buffer.from(text);
  for (let i = 0; i < buffer.length; i += size) yield await Promise.resolve(buffer.subarray(i, i + size));
}
