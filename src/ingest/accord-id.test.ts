import { describe, expect, it } from 'vitest';
import { accordId, uuidv5 } from './accord-id.js';

describe('uuidv5', () => {
  it('matches the RFC 4122 example for the DNS namespace', () => {
    // Python: uuid.uuid5(uuid.NAMESPACE_DNS, 'python.org')
    expect(uuidv5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '886313e1-3b8a-5372-9b90-0c9aee199e5d',
    );
  });
});

describe('accordId', () => {
  it('is stable and depends on every part', () => {
    const a = accordId('indicator', 'identity--x', 'ipv4:1.2.3.4');
    expect(accordId('indicator', 'identity--x', 'ipv4:1.2.3.4')).toBe(a);
    expect(accordId('indicator', 'identity--y', 'ipv4:1.2.3.4')).not.toBe(a);
    expect(a).toMatch(/^indicator--[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
