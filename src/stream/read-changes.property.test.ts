import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { UserViewer } from '../policy/viewer.js';
import { canSee } from '../policy/visibility.js';
import { deleteObject } from '../store/objects/delete-object.js';
import type { Store } from '../store/store.js';
import { bundle, indicator, orgId, userViewer } from '../../test/factories.js';
import { addOrg, importText } from '../../test/import-helpers.js';
import { storeBackends } from '../../test/store-harness.js';
import type { Distribution } from '../policy/distribution.js';
import { readChanges } from './read-changes.js';
import type { StreamEvent } from './stream-event.js';

const DISTRIBUTIONS: Distribution[] = ['organisation', 'group:g', 'community'];

type Op = { op: 'write'; object: number; distribution: number } | { op: 'delete'; object: number };

const ops = fc.array(
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({ op: fc.constant('write' as const), object: fc.nat(3), distribution: fc.nat(2) }),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), object: fc.nat(3) }) },
  ),
  { minLength: 1, maxLength: 10 },
);

async function readAll(
  store: Store,
  viewer: UserViewer,
  after: number,
  limit: number,
): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  let cursor = after;
  for (;;) {
    const page = await readChanges(store, viewer, { after: cursor, limit });
    events.push(...page.events);
    if (page.caughtUp && page.next === cursor) return events;
    cursor = page.next;
  }
}

/** What each viewer should receive, from the operations alone and the in-memory rule (`canSee`). */
function expected(
  history: Array<Op & { id: string; seq: number }>,
  viewer: UserViewer,
  owner: string,
): string[] {
  const deleted = new Set(history.filter((h) => h.op === 'delete').map((h) => h.id));
  const last = new Map<string, Distribution>();
  const out: Array<[number, string]> = [];
  for (const h of history) {
    if (h.op === 'write') {
      const d = DISTRIBUTIONS[h.distribution]!;
      const before = last.get(h.id);
      last.set(h.id, d);
      if (deleted.has(h.id)) continue;
      if (canSee(viewer, { ownerOrg: owner, distribution: d })) out.push([h.seq, `version ${h.id}`]);
      else if (before !== undefined && canSee(viewer, { ownerOrg: owner, distribution: before }))
        out.push([h.seq, `removed ${h.id}`]);
    }
  }
  for (const h of history) {
    if (h.op !== 'delete') continue;
    const seen = history.some(
      (w) =>
        w.op === 'write' &&
        w.id === h.id &&
        w.seq < h.seq &&
        canSee(viewer, { ownerOrg: owner, distribution: DISTRIBUTIONS[w.distribution]! }),
    );
    if (seen) out.push([h.seq, `deleted ${h.id}`]);
  }
  return out.sort((x, y) => x[0] - y[0]).map(([, e]) => e);
}

describe.each(storeBackends())('the change stream against a model on $name', ({ open }) => {
  it('gives each viewer exactly its changes, in order, resumable from any event', async () => {
    await fc.assert(
      fc.asyncProperty(ops, fc.integer({ min: 1, max: 4 }), async (steps, limit) => {
        const store = await open();
        try {
          const a = orgId();
          const b = orgId();
          const c = orgId();
          for (const org of [a, b, c]) await addOrg(store, org);
          await store.db
            .insertInto('sharing_groups')
            .values({
              id: 'g',
              name: 'g',
              description: null,
              owner_org: a,
              created: '2026-01-01T00:00:00.000Z',
            })
            .execute();
          for (const org of [a, b])
            await store.db
              .insertInto('group_members')
              .values({ group_id: 'g', org_id: org, added: '2026-01-01T00:00:00.000Z' })
              .execute();
          const owner = userViewer(a, 'contributor', ['g']);
          const viewers = [
            owner,
            userViewer(b, 'reader', ['g']),
            userViewer(c, 'reader'),
            userViewer(c, 'admin'),
          ];
          const objects = [0, 1, 2, 3].map(() => indicator());
          const history: Array<Op & { id: string; seq: number }> = [];
          const gone = new Set<number>();
          let minute = 0;
          for (const step of steps) {
            const object = objects[step.object]!;
            if (step.op === 'delete') {
              if (!history.some((h) => h.id === object.id) || gone.has(step.object)) continue;
              await deleteObject(store, owner, object.id, null);
              gone.add(step.object);
            } else {
              if (gone.has(step.object)) continue;
              minute++;
              const modified = new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
              const { results } = await importText(store, owner, bundle([{ ...object, modified }]), {
                distribution: DISTRIBUTIONS[step.distribution],
              });
              expect(results[0]?.status).toBe('created');
            }
            const high = await readChanges(store, viewers[3]!, { after: 0, limit: 10_000 });
            history.push({ ...step, id: object.id, seq: high.next });
          }
          for (const viewer of viewers) {
            const all = await readAll(store, viewer, 0, 1000);
            expect(all.map((e) => `${e.kind} ${e.id}`)).toEqual(expected(history, viewer, a));
            expect(await readAll(store, viewer, 0, limit)).toEqual(all);
            for (const [i, e] of all.entries())
              expect(await readAll(store, viewer, e.seq, limit)).toEqual(all.slice(i + 1));
          }
        } finally {
          await store.close();
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
