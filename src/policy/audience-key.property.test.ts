import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audienceKey, canSee } from './visibility.js';
import { ROLES } from './viewer.js';
import type { Role, Viewer } from './viewer.js';

const orgs = [
  'identity--00000000-0000-4000-8000-000000000001',
  'identity--00000000-0000-4000-8000-000000000002',
];
const groups = ['g1', 'g2', 'g|3'];

const viewerArb: fc.Arbitrary<Viewer> = fc.oneof(
  fc.constant<Viewer>({ kind: 'anonymous' }),
  fc.record({
    kind: fc.constant('user' as const),
    userId: fc.constantFrom('u1', 'u2'),
    email: fc.constant('u@example.org'),
    orgId: fc.constantFrom(...orgs),
    role: fc.constantFrom(...ROLES),
    groups: fc.array(fc.constantFrom(...groups), { maxLength: 4 }),
    readOnly: fc.boolean(),
  }),
);

const versionArb = fc.record({
  ownerOrg: fc.constantFrom(...orgs),
  distribution: fc.constantFrom(
    'organisation',
    'community',
    'federation',
    'public',
    ...groups.map((g) => `group:${g}`),
  ),
});

describe('audienceKey', () => {
  it('is shared only by viewers the rule treats alike', () => {
    fc.assert(
      fc.property(
        viewerArb,
        viewerArb,
        fc.array(versionArb, { minLength: 1, maxLength: 20 }),
        (a, b, versions) => {
          if (audienceKey(a) !== audienceKey(b)) return;
          for (const v of versions) expect(canSee(a, v)).toBe(canSee(b, v));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('tells apart what the rule tells apart: organisation, groups, admin, anonymous', () => {
    const user = (orgId: string, role: Role, g: string[]) =>
      audienceKey({ kind: 'user', userId: 'u', email: 'u@x', orgId, role, groups: g, readOnly: false });
    expect(user(orgs[0]!, 'contributor', ['g1', 'g2'])).toBe(user(orgs[0]!, 'reader', ['g2', 'g1', 'g1']));
    const keys = [
      audienceKey({ kind: 'anonymous' }),
      user(orgs[0]!, 'admin', []),
      user(orgs[0]!, 'contributor', []),
      user(orgs[1]!, 'contributor', []),
      user(orgs[0]!, 'contributor', ['g1']),
      user(orgs[0]!, 'contributor', ['g1', 'g2']),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});
