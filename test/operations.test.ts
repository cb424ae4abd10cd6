import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRefusal, newOrg, signedIn } from '../src/admin/admin-test-kit.js';
import { changeTargetStatus } from '../src/operations/change-status.js';
import {
  createOperation,
  getOperation,
  listOperations,
  setParticipant,
} from '../src/operations/operations.js';
import { targetPage } from '../src/operations/target-page.js';
import { addTargets, getTarget } from '../src/operations/targets.js';
import { visibleCurrent } from '../src/store/objects/visible-versions.js';
import { indicator, bundle } from './factories.js';
import { importText } from './import-helpers.js';
import type { OperationWorld } from './operations-kit.js';
import { operationWorld } from './operations-kit.js';
import { storeBackends } from './store-harness.js';

describe.each(storeBackends())('operations on $name', ({ open }) => {
  let w: OperationWorld;
  beforeAll(async () => {
    w = await operationWorld(await open());
  });
  afterAll(async () => {
    await w.store.close();
  });

  it('creates the operation with a sharing group of exactly its participants', async () => {
    const members = await w.store.db
      .selectFrom('group_members')
      .select('org_id')
      .where('group_id', '=', w.op.groupId)
      .execute();
    expect(members.map((m) => m.org_id).sort()).toEqual(
      [w.orgs.lead.id, w.orgs.agency.id, w.orgs.a.id, w.orgs.b.id].sort(),
    );
    expect(w.op.participants.find((p) => p.orgId === w.orgs.lead.id)?.role).toBe('lead');
    expect(w.op.markings).toEqual({ tlp: 'amber', pap: 'amber', handling: 'H1' });
  });

  it('makes objects shared with the group visible to participants and nobody else', async () => {
    const ind = indicator({ pattern: "[ipv4-addr:value = '198.51.100.7']" });
    await importText(w.store, w.partnerA, bundle([ind]), {
      distribution: `group:${w.op.groupId}`,
      tlp: 'amber',
    });
    const seen = async (v: typeof w.lead) =>
      (await visibleCurrent(w.store.db, v).select('o.id').where('o.id', '=', ind.id).execute()).length;
    expect(await seen(w.partnerB)).toBe(1);
    expect(await seen(w.lead)).toBe(1);
    expect(await seen(w.outsider)).toBe(0);
  });

  it('refuses a lead that is not law enforcement, and writes nothing', async () => {
    const priv = await newOrg(w.world, { kind: 'private' });
    const before = await w.store.db.selectFrom('sharing_groups').select('id').execute();
    await expectRefusal(
      createOperation(w.store, w.admin, { name: 'Bad', code: 'BAD-1', leadOrg: priv.id }),
      'lead_not_law_enforcement',
      400,
    );
    expect(await w.store.db.selectFrom('sharing_groups').select('id').execute()).toHaveLength(before.length);
    expect(
      await w.store.db.selectFrom('operations').select('id').where('code', '=', 'BAD-1').execute(),
    ).toEqual([]);
  });

  it('refuses a bad participant and writes nothing', async () => {
    const leadAdmin = await signedIn(w.world, w.orgs.lead.id, 'org-admin');
    await expectRefusal(
      createOperation(w.store, leadAdmin, {
        name: 'X',
        code: 'BAD-2',
        participants: [{ orgId: 'identity--00000000-0000-4000-8000-000000000000', role: 'observer' }],
      }),
      'not_found',
      404,
    );
    expect(
      await w.store.db.selectFrom('operations').select('id').where('code', '=', 'BAD-2').execute(),
    ).toEqual([]);
    await expectRefusal(
      createOperation(w.store, leadAdmin, { name: 'X', code: 'a b' }),
      'invalid_input',
      400,
    );
  });

  it('deduplicates targets across contributors, first reporter first', async () => {
    const first = await addTargets(w.store, w.partnerA, w.op.id, {
      targets: [
        { kind: 'ipv4', value: '203.0.113.5', reliability: 'B', credibility: '2' },
        { kind: 'domain', value: 'EVIL-c2.example.com.' },
      ],
    });
    expect(first).toMatchObject({ created: 2, merged: 0 });
    const second = await addTargets(
      w.store,
      w.partnerB,
      w.op.code,
      {
        targets: [
          { kind: 'ipv4', value: ' 203.0.113.5 ' },
          { kind: 'domain', value: 'evil-c2[.]example.com' },
        ],
      },
      '2026-12-01T00:00:00.000Z',
    );
    expect(second).toMatchObject({ created: 0, merged: 2 });
    const page = await targetPage(w.store.db, w.lead, w.op.id, { kind: 'ipv4' });
    expect(page.total).toBe(1);
    const [t] = page.targets;
    expect(t?.value).toBe('203.0.113.5');
    expect(t?.contributors.map((c) => [c.orgId, c.rank, c.reliability])).toEqual([
      [w.orgs.a.id, 1, 'B'],
      [w.orgs.b.id, 2, null],
    ]);
    const domains = await targetPage(w.store.db, w.lead, w.op.id, { kind: 'domain' });
    expect(domains.targets.map((d) => d.value)).toEqual(['evil-c2.example.com']);
  });

  it('refuses a batch with one unparsable value and writes nothing', async () => {
    const before = (await targetPage(w.store.db, w.lead, w.op.id)).total;
    await expectRefusal(
      addTargets(w.store, w.partnerA, w.op.id, {
        targets: [
          { kind: 'ipv4', value: '192.0.2.1' },
          { kind: 'ipv4', value: '999.1.1.1' },
        ],
      }),
      'invalid_target',
      400,
    );
    expect((await targetPage(w.store.db, w.lead, w.op.id)).total).toBe(before);
  });

  it('walks the status machine with history, and rejects illegal moves writing nothing', async () => {
    const { targets } = await addTargets(w.store, w.partnerA, w.op.id, {
      targets: [{ kind: 'url', value: 'hxxp://drop.example.net/a.exe' }],
    });
    const id = targets[0]!.id;
    await expectRefusal(
      changeTargetStatus(w.store, w.lead, w.op.id, { targetIds: [id], to: 'actioned', detail: 'seized' }),
      'illegal_transition',
      409,
    );
    expect((await getTarget(w.store.db, w.lead, w.op.id, id)).history).toEqual([]);
    await expectRefusal(
      changeTargetStatus(w.store, w.partnerA, w.op.id, { targetIds: [id], to: 'reported' }),
      'forbidden',
      403,
    );
    await changeTargetStatus(w.store, w.lead, w.op.id, {
      targetIds: [id],
      to: 'reported',
      note: 'in CAR NL',
    });
    await changeTargetStatus(w.store, w.agency, w.op.id, { targetIds: [id], to: 'action-requested' });
    await expectRefusal(
      changeTargetStatus(w.store, w.agency, w.op.id, {
        targetIds: [id],
        to: 'actioned',
        detail: 'vaporised',
      }),
      'invalid_detail',
      400,
    );
    await changeTargetStatus(w.store, w.agency, w.op.id, {
      targetIds: [id],
      to: 'actioned',
      detail: 'taken-down',
      evidence: ['https://evidence.example/1'],
    });
    await changeTargetStatus(w.store, w.lead, w.op.id, {
      targetIds: [id],
      to: 'outcome-confirmed',
      detail: 'offline',
    });
    const detail = await getTarget(w.store.db, w.lead, w.op.id, id);
    expect(detail.status).toBe('outcome-confirmed');
    expect(detail.statusDetail).toBe('offline');
    expect(detail.history.map((h) => [h.from, h.to, h.detail])).toEqual([
      ['identified', 'reported', null],
      ['reported', 'action-requested', null],
      ['action-requested', 'actioned', 'taken-down'],
      ['actioned', 'outcome-confirmed', 'offline'],
    ]);
    expect(detail.history[0]?.note).toBe('in CAR NL');
    expect(detail.history[2]?.evidence).toEqual(['https://evidence.example/1']);
    expect(detail.history[2]?.actorOrg).toBe(w.orgs.agency.id);
  });

  it('shows a non-participant nothing on any path; an administrator everything', async () => {
    const [anyTarget] = (await targetPage(w.store.db, w.lead, w.op.id)).targets;
    const o = w.outsider;
    expect(await listOperations(w.store.db, o)).toEqual([]);
    await expectRefusal(getOperation(w.store.db, o, w.op.id), 'not_found', 404);
    await expectRefusal(getOperation(w.store.db, o, w.op.code), 'not_found', 404);
    await expectRefusal(targetPage(w.store.db, o, w.op.id), 'not_found', 404);
    await expectRefusal(getTarget(w.store.db, o, w.op.id, anyTarget!.id), 'not_found', 404);
    await expectRefusal(
      addTargets(w.store, o, w.op.id, { targets: [{ kind: 'ipv4', value: '192.0.2.9' }] }),
      'not_found',
      404,
    );
    await expectRefusal(
      changeTargetStatus(w.store, o, w.op.id, { targetIds: [anyTarget!.id], to: 'reported' }),
      'not_found',
      404,
    );
    await expectRefusal(setParticipant(w.store, o, w.op.id, o.orgId, 'observer'), 'not_found', 404);
    await expectRefusal(getOperation(w.store.db, { kind: 'anonymous' }, w.op.id), 'not_found', 404);
    const mine = await listOperations(w.store.db, w.partnerA);
    expect(mine.map((m) => [m.code, m.role])).toEqual([[w.op.code, 'contributing-partner']]);
    expect(mine[0]?.targetCount).toBeGreaterThan(0);
    expect((await listOperations(w.store.db, w.admin)).map((m) => m.code)).toContain(w.op.code);
    expect((await getOperation(w.store.db, w.admin, w.op.id)).role).toBe('admin');
  });

  it('lets the lead add a participant, who then sees the operation', async () => {
    const newcomer = await newOrg(w.world, { kind: 'cert' });
    const viewer = await signedIn(w.world, newcomer.id, 'reader');
    await expectRefusal(getOperation(w.store.db, viewer, w.op.id), 'not_found', 404);
    await expectRefusal(
      setParticipant(w.store, w.partnerA, w.op.id, newcomer.id, 'observer'),
      'forbidden',
      403,
    );
    await setParticipant(w.store, w.lead, w.op.id, newcomer.id, 'observer');
    expect((await getOperation(w.store.db, viewer, w.op.id)).role).toBe('observer');
    await expectRefusal(
      addTargets(w.store, viewer, w.op.id, { targets: [{ kind: 'ipv4', value: '192.0.2.9' }] }),
      'forbidden',
      403,
    );
  });
});
