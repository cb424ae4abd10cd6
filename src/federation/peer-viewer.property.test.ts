import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, indicator, malware, orgId } from '../../test/factories.js';
import { testUser } from '../../test/http-harness.js';
import type { TestUser } from '../../test/http-harness.js';
import { importText } from '../../test/import-helpers.js';
import { storeBackends } from '../../test/store-harness.js';
import { TLP_LEVELS, tlpRank } from '../policy/tlp.js';
import type { TlpLevel } from '../policy/tlp.js';
import { canSee, visibleFilter } from '../policy/visibility.js';
import type { Store } from '../store/store.js';
import type { OutboundRule } from './outbound-rule.js';
import type { Peer } from './peers.js';
import { peerViewer } from './peer-viewer.js';
import { readOutbound } from './read-outbound.js';

const GROUPS = ['g1', 'g2', 'g3'];
const DISTRIBUTIONS = [
  'organisation',
  'community',
  'federation',
  'public',
  'group:g1',
  'group:g2',
  'group:g3',
];

/** What may leave to a peer, written out from the brief, not from the code under test. */
function oracle(
  rule: OutboundRule,
  v: { type: string; owner_org: string; distribution: string; tlp: string | null },
) {
  const reach =
    v.distribution === 'public' ||
    v.distribution === 'federation' ||
    rule.groups.some((g) => v.distribution === `group:${g}`);
  const tlpOk = (v.tlp === null ? 0 : tlpRank(v.tlp as TlpLevel)) <= tlpRank(rule.max_tlp);
  return (
    reach &&
    tlpOk &&
    (rule.types.length === 0 || rule.types.includes(v.type)) &&
    (rule.owners.length === 0 || rule.owners.includes(v.owner_org))
  );
}

describe.each(storeBackends())(
  'a peer viewer sees exactly what the outbound rule lets out, on $name',
  ({ open }) => {
    let store: Store;
    const owners = [orgId(), orgId()];
    let rows: Array<{
      id: string;
      type: string;
      owner_org: string;
      distribution: string;
      tlp: string | null;
    }>;

    beforeAll(async () => {
      store = await open();
      const users: TestUser[] = [];
      for (const o of owners) users.push(await testUser(store, o, 'contributor', GROUPS));
      const facts = fc.sample(
        fc.record({
          user: fc.integer({ min: 0, max: 1 }),
          malware: fc.boolean(),
          distribution: fc.constantFrom(...DISTRIBUTIONS),
          tlp: fc.constantFrom(...TLP_LEVELS, 'none' as const),
        }),
        { numRuns: 80, seed: 19 },
      );
      for (const f of facts)
        // A combination the write rules refuse (e.g. RED to the community) is simply not stored.
        await importText(store, users[f.user]!.viewer, bundle([f.malware ? malware() : indicator()]), {
          distribution: f.distribution as 'community',
          tlp: f.tlp,
        });
      rows = await store.db
        .selectFrom('objects')
        .select(['id', 'type', 'owner_org', 'distribution', 'tlp'])
        .execute();
      expect(new Set(rows.map((r) => r.distribution)).size).toBeGreaterThan(4);
    });
    afterAll(async () => store.close());

    const rules = fc.record({
      max_tlp: fc.constantFrom(...TLP_LEVELS),
      groups: fc.subarray(GROUPS),
      types: fc.subarray(['indicator', 'malware']),
      owners: fc.subarray(owners),
    });

    it('readOutbound sends exactly the oracle set, and never more', async () => {
      await fc.assert(
        fc.asyncProperty(rules, async (rule) => {
          const peer = { id: 'p1', instanceId: 'accord-instance--x', rule } as unknown as Peer;
          const page = await readOutbound(store, peer, 0, 5000);
          const sent = page.events
            .filter((e) => e.kind === 'version')
            .map((e) => e.id)
            .sort();
          const want = rows
            .filter((r) => oracle(rule, r))
            .map((r) => r.id)
            .sort();
          expect(sent).toEqual(want);
        }),
        { numRuns: 40 },
      );
    });

    it('the peer branch is the visibility rule: canSee and the SQL filter agree, whatever its organisation or role', async () => {
      await fc.assert(
        fc.asyncProperty(rules, fc.constantFrom(...owners, 'peer:p1'), async (rule, org) => {
          // Even a peer viewer that claims an owner's organisation or the admin role reaches no more.
          const viewer = { ...peerViewer('p1', rule), orgId: org };
          const inSql = new Set(
            (await store.db.selectFrom('objects').select('id').where(visibleFilter(viewer)).execute()).map(
              (r) => r.id,
            ),
          );
          for (const r of rows) {
            const seen = canSee(viewer, { ownerOrg: r.owner_org, distribution: r.distribution });
            expect(inSql.has(r.id)).toBe(seen);
            expect(seen).toBe(
              ['public', 'federation', ...rule.groups.map((g) => `group:${g}`)].includes(r.distribution),
            );
          }
        }),
        { numRuns: 40 },
      );
    });
  },
);
