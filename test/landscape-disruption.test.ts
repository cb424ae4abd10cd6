import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newOrg, signedIn } from '../src/admin/admin-test-kit.js';
import { landscapeSources } from '../src/http/reports/report-sources.js';
import { median } from '../src/operations/kpis/kpis.js';
import { LandscapeRequest } from '../src/reports/landscape/landscape-request.js';
import { renderLandscapeHtml } from '../src/reports/landscape/render-html.js';
import { narrativeScaffold } from '../src/reports/landscape/narrative.js';
import { landscapeFigures } from '../src/reports/landscape/saved-reports.js';
import type { Store } from '../src/store/store.js';
import type { OperationWorld } from './operations-kit.js';
import { operationWorld } from './operations-kit.js';
import { storeBackends } from './store-harness.js';

const H1 = LandscapeRequest.parse({ from: '2026-01-01', to: '2026-07-01', granularity: 'quarter' });

interface Seed {
  op: 'one' | 'two';
  created: string;
  actioned?: { at: string; action: string };
}

// Operation one (the kit's) holds partner A; operation two only the outsider's organisation.
const SEEDS: Seed[] = [
  { op: 'one', created: '2026-01-10', actioned: { at: '2026-01-20', action: 'taken-down' } },
  { op: 'one', created: '2026-02-01', actioned: { at: '2026-02-05', action: 'notified' } },
  { op: 'one', created: '2026-03-01', actioned: { at: '2026-03-04', action: 'sinkholed' } },
  { op: 'one', created: '2026-04-01' },
  { op: 'one', created: '2026-06-20', actioned: { at: '2026-08-01', action: 'seized' } },
  { op: 'one', created: '2025-12-01', actioned: { at: '2026-01-02', action: 'taken-down' } },
  { op: 'two', created: '2026-02-10', actioned: { at: '2026-02-11', action: 'seized' } },
  { op: 'two', created: '2026-05-10' },
];

/** The figures computed independently from the seeds, over the operations a viewer may see. */
function expected(ops: ReadonlySet<Seed['op']>) {
  const cohort = SEEDS.filter((s) => ops.has(s.op) && s.created >= '2026-01-01' && s.created < '2026-07-01');
  const acted = cohort.filter((s) => s.actioned !== undefined && s.actioned.at < '2026-07-01');
  const down = acted.filter((s) => ['taken-down', 'seized', 'sinkholed'].includes(s.actioned!.action));
  const days = median(acted.map((s) => (Date.parse(s.actioned!.at) - Date.parse(s.created)) / 86_400_000));
  return {
    operations: new Set(cohort.map((s) => s.op)).size,
    targets_identified: cohort.length,
    targets_actioned: acted.length,
    takedown_rate: Math.round((down.length / cohort.length) * 1000) / 1000,
    median_days_to_action: days,
    notifications: acted.filter((s) => s.actioned!.action === 'notified').length,
  };
}

describe.each(storeBackends())('landscape disruption on $name', (backend) => {
  let store: Store;
  let w: OperationWorld;
  beforeAll(async () => {
    store = await backend.open();
    w = await operationWorld(store);
    const two = `operation--${randomUUID()}`;
    await store.db
      .insertInto('operations')
      .values({
        ...(await store.db
          .selectFrom('operations')
          .selectAll()
          .where('id', '=', w.op.id)
          .executeTakeFirstOrThrow()),
        id: two,
        code: `TWO-${two.slice(-6)}`,
        lead_org: w.orgs.outsider.id,
      })
      .execute();
    await store.db
      .insertInto('operation_participants')
      .values(
        (
          await store.db
            .selectFrom('operation_participants')
            .selectAll()
            .where('operation_id', '=', w.op.id)
            .limit(1)
            .execute()
        ).map((p) => ({ ...p, operation_id: two, org_id: w.orgs.outsider.id, role: 'lead' })),
      )
      .execute();
    for (const [i, s] of SEEDS.entries()) {
      const id = `target-${randomUUID()}`;
      const created = `${s.created}T00:00:00.000Z`;
      const actioned = s.actioned === undefined ? null : `${s.actioned.at}T00:00:00.000Z`;
      await store.db
        .insertInto('operation_targets')
        .values({
          id,
          operation_id: s.op === 'one' ? w.op.id : two,
          kind: 'domain',
          value: `t${i}.example`,
          value_key: `t${i}.example`,
          status: actioned === null ? 'identified' : 'actioned',
          status_detail: s.actioned?.action ?? null,
          country: 'NL',
          asn: null,
          asn_holder: null,
          jurisdiction_source: null,
          override_reason: null,
          stix_refs: '[]',
          created,
          status_changed: actioned ?? created,
          reported_at: actioned === null ? null : created,
          actioned_at: actioned,
        })
        .execute();
      if (s.actioned !== undefined)
        await store.db
          .insertInto('operation_target_history')
          .values({
            id: randomUUID(),
            target_id: id,
            at: actioned!,
            actor: 'seed',
            actor_org: null,
            from_status: 'reported',
            to_status: 'actioned',
            detail: s.actioned.action,
            note: null,
            evidence: '[]',
          })
          .execute();
    }
  });
  afterAll(() => store.close());

  const figures = (viewer: OperationWorld['lead'], request = H1) =>
    landscapeFigures(store.db, viewer, request, landscapeSources({ store }));

  it('counts only the operations each viewer takes part in', async () => {
    expect((await figures(w.partnerA)).disruption).toEqual(expected(new Set(['one'])));
    expect((await figures(w.outsider)).disruption).toEqual(expected(new Set(['two'])));
    expect((await figures(w.admin)).disruption).toEqual(expected(new Set(['one', 'two'])));
  });

  it('a viewer outside every operation gets no disruption figures at all', async () => {
    const org = await newOrg(w.world, { kind: 'private' });
    const outsiderOfBoth = await signedIn(w.world, org.id, 'org-admin');
    const f = await figures(outsiderOfBoth);
    expect(f.disruption).toBeNull();
    expect(renderLandscapeHtml(f, narrativeScaffold(f))).toContain('No operation figures');
  });

  it('the CLEAR variant keeps only counts at or above the threshold', async () => {
    const clear = await figures(
      w.partnerA,
      LandscapeRequest.parse({ ...H1, variant: 'clear', threshold: 4 }),
    );
    const e = expected(new Set(['one']));
    expect(clear.disruption).toEqual({
      operations: null,
      targets_identified: e.targets_identified,
      targets_actioned: null,
      takedown_rate: e.takedown_rate,
      median_days_to_action: null,
      notifications: null,
    });
  });
});
