import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeBackends } from '../../test/store-harness.js';
import type { Actor } from '../audit/actor.js';
import { SYSTEM } from '../audit/actor.js';
import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import { createApiKey, revokeApiKey } from '../auth/api-keys.js';
import { AccordError } from '../errors.js';
import { ROLES } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import { adminWorld, newOrg, signedIn, unique } from './admin-test-kit.js';
import type { AdminWorld } from './admin-test-kit.js';
import { createOrganisation, updateOrganisation } from './organisations.js';
import {
  addGroupMember,
  createSharingGroup,
  removeGroupMember,
  updateSharingGroup,
} from './sharing-groups.js';
import { createUser, disableUser, enableUser } from './users.js';

/** One admin operation, its ids picked by index from what exists when it runs. */
const operation = fc.oneof(
  fc.record({ op: fc.constant('org' as const), kind: fc.constantFrom('private', 'cert', 'pirate') }),
  fc.record({
    op: fc.constant('orgUpdate' as const),
    org: fc.nat(),
    country: fc.constantFrom('FR', 'NL', 'ZZ'),
  }),
  fc.record({ op: fc.constant('user' as const), org: fc.nat(), role: fc.constantFrom(...ROLES) }),
  fc.record({ op: fc.constant('disable' as const), user: fc.nat(), disable: fc.boolean() }),
  fc.record({ op: fc.constant('key' as const), user: fc.nat(), readOnly: fc.boolean() }),
  fc.record({ op: fc.constant('revoke' as const), key: fc.nat() }),
  fc.record({ op: fc.constant('group' as const), org: fc.nat() }),
  fc.record({ op: fc.constant('groupUpdate' as const), group: fc.nat() }),
  fc.record({ op: fc.constant('member' as const), group: fc.nat(), org: fc.nat(), add: fc.boolean() }),
);
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

describe.each(storeBackends())('audit chain under random admin operations on $name', (backend) => {
  let store: Store;
  let world: AdminWorld;
  let actors: Actor[];
  const orgs: string[] = [];
  const users: string[] = [];
  const keys: string[] = [];
  const groups: string[] = [];
  beforeAll(async () => {
    store = await backend.open();
    world = await adminWorld(store);
    const [a, b] = [await newOrg(world), await newOrg(world)];
    orgs.push(world.adminOrg.id, a.id, b.id);
    actors = [
      SYSTEM,
      world.admin,
      await signedIn(world, a.id, 'org-admin'),
      await signedIn(world, a.id, 'contributor'),
      await signedIn(world, b.id, 'org-admin', { readOnly: true }),
      await signedIn(world, b.id, 'org-admin'),
    ];
    for (const actor of actors) if (actor.kind === 'user') users.push(actor.userId);
  });
  afterAll(async () => {
    await store.close();
  });

  const pick = (list: string[], i: number) => list[i % Math.max(list.length, 1)] ?? 'missing';

  async function run(actor: Actor, o: Operation): Promise<void> {
    switch (o.op) {
      case 'org':
        orgs.push(
          (await createOrganisation(store, actor, { name: unique('P'), kind: o.kind as 'private' })).id,
        );
        return;
      case 'orgUpdate':
        await updateOrganisation(store, actor, pick(orgs, o.org), { country: o.country });
        return;
      case 'user': {
        const email = `${unique('u').replace(/\W/g, '')}@prop.test`;
        const input = { email, name: 'P', orgId: pick(orgs, o.org), role: o.role };
        users.push((await createUser(store, actor, input)).id);
        return;
      }
      case 'disable':
        await (o.disable ? disableUser : enableUser)(store, actor, pick(users, o.user));
        return;
      case 'key':
        keys.push(
          (await createApiKey(store, actor, pick(users, o.user), { readOnly: o.readOnly })).record.id,
        );
        return;
      case 'revoke':
        await revokeApiKey(store, actor, pick(keys, o.key));
        return;
      case 'group':
        groups.push(
          (await createSharingGroup(store, actor, { name: unique('G'), ownerOrg: pick(orgs, o.org) })).id,
        );
        return;
      case 'groupUpdate':
        await updateSharingGroup(store, actor, pick(groups, o.group), { description: unique('d') });
        return;
      case 'member':
        await (o.add ? addGroupMember : removeGroupMember)(
          store,
          actor,
          pick(groups, o.group),
          pick(orgs, o.org),
        );
        return;
    }
  }

  it('always verifies, with exactly one denied entry per refusal', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(), operation), { minLength: 1, maxLength: 15 }),
        async (steps) => {
          const deniedBefore = await countDenied();
          let refusals = 0;
          for (const [who, o] of steps) {
            try {
              await run(actors[who % actors.length]!, o);
            } catch (error) {
              if (!(error instanceof AccordError)) throw error;
              if (error.status === 403) refusals += 1;
            }
          }
          const report = await verifyAuditChain(store, 16);
          const rows = await store.db.selectFrom('audit_log').select('seq').execute();
          expect(report).toEqual({ ok: true, entries: rows.length });
          expect((await countDenied()) - deniedBefore).toBe(refusals);
        },
      ),
      { numRuns: backend.name === 'sqlite' ? 25 : 10 },
    );
  });

  it('then names any tampered entry as the first broken link', async () => {
    const rows = await store.db.selectFrom('audit_log').select(['seq', 'details']).orderBy('seq').execute();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...rows), async (row) => {
        await store.db
          .updateTable('audit_log')
          .set({ details: '{"tampered":true}' })
          .where('seq', '=', row.seq)
          .execute();
        try {
          expect(await verifyAuditChain(store, 16)).toMatchObject({ ok: false, brokenAt: row.seq });
        } finally {
          await store.db
            .updateTable('audit_log')
            .set({ details: row.details })
            .where('seq', '=', row.seq)
            .execute();
        }
      }),
      { numRuns: 10 },
    );
    expect(await verifyAuditChain(store)).toMatchObject({ ok: true });
  });

  async function countDenied(): Promise<number> {
    return (await store.db.selectFrom('audit_log').select('seq').where('outcome', '=', 'denied').execute())
      .length;
  }
});
