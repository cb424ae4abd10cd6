import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkValues,
  interestValue,
  listNotifications,
  listOwnInterests,
  registerInterests,
  removeInterest,
} from '../src/deconflict/index.js';
import type { Store } from '../src/store/store.js';
import { testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';
import { orgId } from './factories.js';
import { storeBackends } from './store-harness.js';

describe('interestValue', () => {
  it('normalises with the observable rules and hashes networks for addresses', () => {
    const v = interestValue('auto', 'EVIL[.]example.COM');
    expect(v).toMatchObject({ kind: 'domain', value: 'evil.example.com' });
    const ip = interestValue('ipv4', '198.51.100.7');
    expect(typeof ip !== 'string' && ip.probes.length).toBe(25);
    expect(interestValue('ipv4-cidr', '10.0.0.0/4')).toMatch(/too broad/);
    expect(interestValue('phone', '0044 20 7946-0000')).toMatchObject({ value: '+442079460000' });
    expect(interestValue('handle', 'Telegram:@Evil_Op')).toMatchObject({ value: 'telegram:evil_op' });
    const v6 = interestValue('ipv6-cidr', '2001:db8::/29');
    expect(typeof v6 !== 'string' && v6.stored.length).toBe(8);
  });

  it('builds only the network probes of the lengths a check asks for', () => {
    const only24 = (family: 'ip4' | 'ip6', length: number) => family === 'ip4' && length === 24;
    expect(interestValue('ipv4', '198.51.100.7', only24)).toMatchObject({ probes: ['ip4/198.51.100.0/24'] });
    const v6 = (family: 'ip4' | 'ip6', length: number) => family === 'ip6' && length === 32;
    // A /29 check probes the /32 networks it was spread over, and no /28 or shorter.
    const spread = interestValue('ipv6-cidr', '2001:db8::/29', v6);
    expect(typeof spread !== 'string' && spread.probes).toHaveLength(8);
    expect(interestValue('ipv6', '2001:db8::1', v6)).toMatchObject({ probes: ['ip6/2001:db8::/32'] });
    expect(interestValue('ipv6-cidr', '2001:db8::/29', only24)).toMatchObject({ probes: [] });
    expect(interestValue('domain', 'a.example', only24)).toMatchObject({ probes: ['domain/a.example'] });
  });
});

describe.each(storeBackends())('deconfliction on $name', ({ open }) => {
  let store: Store;
  let police: TestUser;
  let police2: TestUser;
  let bank: TestUser;
  beforeEach(async () => {
    store = await open();
    const p = orgId();
    police = await testUser(store, p);
    police2 = await testUser(store, p);
    bank = await testUser(store, orgId());
  });
  afterEach(async () => {
    await store.close();
  });

  const register = (u: TestUser, value: string, extra: Record<string, unknown> = {}) =>
    registerInterests(store, u.viewer, [
      { value, caseRef: 'OP-SECRET-42', contact: 'desk@police.example', ...extra },
    ]);

  it('answers hit with the contact only, never the case, and never to the owner', async () => {
    await register(police, 'evil.example.com');
    await register(police, '203.0.113.0/24', { kind: 'ipv4-cidr' });
    await register(police, '2001:db8::/29', { kind: 'ipv6-cidr' });
    const results = await checkValues(store, bank.viewer, [
      { value: 'EVIL.example.com.' },
      { value: '203.0.113.77' },
      { value: '203.0.114.1' },
      { value: '2001:db8:7::1' },
      { value: '2001:dc0::1' },
      { value: 'not a thing at all' },
    ]);
    expect(results.map((r) => r.status)).toEqual(['hit', 'hit', 'no-hit', 'hit', 'no-hit', 'invalid']);
    expect(results[0]).toEqual({
      index: 0,
      status: 'hit',
      kind: 'domain',
      contacts: ['desk@police.example'],
    });
    expect(JSON.stringify(results)).not.toMatch(/OP-SECRET|interest--/);
    // Same organisation, another user: its own interests never hit as "another".
    const own = await checkValues(store, police2.viewer, [{ value: 'evil.example.com' }]);
    expect(own[0]!.status).toBe('no-hit');
  });

  it('one contact per organisation however many interests it holds', async () => {
    await register(police, 'evil.example.com');
    await register(police, 'evil.example.com', { contact: 'other@police.example' });
    const [r] = await checkValues(store, bank.viewer, [{ value: 'evil.example.com' }]);
    expect(r!.contacts).toEqual(['desk@police.example']);
  });

  it('expired interests never answer', async () => {
    const past = new Date(Date.now() - 86_400_000 * 2);
    await registerInterests(
      store,
      police.viewer,
      [
        {
          value: 'old.example.com',
          caseRef: 'c',
          contact: 'x@p',
          expiresAt: new Date(past.getTime() + 86_400_000).toISOString(),
        },
      ],
      past,
    );
    const [r] = await checkValues(store, bank.viewer, [{ value: 'old.example.com' }]);
    expect(r!.status).toBe('no-hit');
    expect((await listOwnInterests(store, police.viewer))[0]!.expired).toBe(true);
  });

  it('lists and removes only own interests, in clear, and stores no clear value', async () => {
    const [reg] = await register(police, 'evil.example.com');
    expect(await listOwnInterests(store, bank.viewer)).toEqual([]);
    const mine = await listOwnInterests(store, police2.viewer);
    expect(mine).toMatchObject([{ value: 'evil.example.com', case_ref: 'OP-SECRET-42', kind: 'domain' }]);
    const dump = JSON.stringify(await store.db.selectFrom('deconflict_interests').selectAll().execute());
    expect(dump).not.toMatch(/evil\.example|OP-SECRET/);
    await expect(removeInterest(store, bank.viewer, reg!.id!)).rejects.toMatchObject({ code: 'not_found' });
    await removeInterest(store, police.viewer, reg!.id!);
    expect(await listOwnInterests(store, police.viewer)).toEqual([]);
    const [r] = await checkValues(store, bank.viewer, [{ value: 'evil.example.com' }]);
    expect(r!.status).toBe('no-hit');
  });

  it('notifies the owner of hits unless it opted out, and audits without values', async () => {
    await register(police, 'evil.example.com');
    await register(police, 'quiet.example.com', { notifyOwner: false });
    await checkValues(store, bank.viewer, [{ value: 'evil.example.com' }, { value: 'quiet.example.com' }]);
    const notes = await listNotifications(store, police.viewer);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ checker_org: bank.viewer.orgId, checker_user: bank.viewer.userId });
    expect(await listNotifications(store, bank.viewer)).toEqual([]);
    const audit = await store.db.selectFrom('audit_log').select(['action', 'details']).execute();
    const actions = audit.map((a) => a.action);
    expect(actions.filter((a) => a === 'deconflict.register')).toHaveLength(2);
    expect(actions).toContain('deconflict.check');
    expect(JSON.stringify(audit)).not.toMatch(/evil\.example|OP-SECRET/);
  });

  it('rate-limits checks per key and checks nothing past the limit', async () => {
    await register(police, 'evil.example.com');
    const limits = { values: 3, windowSeconds: 60 };
    await checkValues(store, bank.viewer, [{ value: 'a.example.com' }, { value: 'b.example.com' }], {
      limits,
    });
    await expect(
      checkValues(store, bank.viewer, [{ value: 'evil.example.com' }, { value: 'c.example.com' }], {
        limits,
      }),
    ).rejects.toMatchObject({ status: 429, code: 'rate_limited' });
    expect(await listNotifications(store, police.viewer)).toEqual([]);
    const next = new Date(Date.now() + 61_000);
    const [r] = await checkValues(store, bank.viewer, [{ value: 'evil.example.com' }], { limits, now: next });
    expect(r!.status).toBe('hit');
  });

  it('of two concurrent checks that together pass the limit, refuses one and counts only the other', async () => {
    await register(police, 'evil.example.com');
    const limits = { values: 3, windowSeconds: 60 };
    const two = [{ value: 'evil.example.com' }, { value: 'c.example.com' }];
    const settled = await Promise.allSettled([
      checkValues(store, bank.viewer, two, { limits }),
      checkValues(store, bank.viewer, two, { limits }),
    ]);
    expect(settled.map((s) => s.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = settled.find((s) => s.status === 'rejected');
    expect(refused?.reason).toMatchObject({ status: 429, code: 'rate_limited' });
    const rows = await store.db.selectFrom('deconflict_rate').select(['subject', 'count']).execute();
    expect(rows).toEqual([{ subject: `user:${bank.viewer.userId}`, count: 2 }]);
    // The refused check notified nobody: one notification, from the check that passed.
    expect(await listNotifications(store, police.viewer)).toHaveLength(1);
    const audit = await store.db
      .selectFrom('audit_log')
      .select('outcome')
      .where('action', '=', 'deconflict.check')
      .execute();
    expect(audit.map((a) => a.outcome).sort()).toEqual(['denied', 'ok']);
  });

  it('removes rate windows once they are past, and counts each window afresh', async () => {
    const limits = { values: 5, windowSeconds: 60 };
    const at = (ms: number) => new Date(Date.parse('2026-05-01T10:00:00.000Z') + ms);
    await checkValues(store, bank.viewer, [{ value: 'a.example.com' }], { limits, now: at(0) });
    await checkValues(store, police.viewer, [{ value: 'a.example.com' }], { limits, now: at(1_000) });
    await checkValues(store, bank.viewer, [{ value: 'b.example.com' }], { limits, now: at(2_000) });
    const windows = () =>
      store.db
        .selectFrom('deconflict_rate')
        .select(['subject', 'window_start', 'count'])
        .orderBy('subject')
        .execute();
    expect((await windows()).map((w) => w.count).sort()).toEqual([1, 2]);
    await checkValues(store, bank.viewer, [{ value: 'c.example.com' }], { limits, now: at(61_000) });
    expect(await windows()).toEqual([
      { subject: `user:${bank.viewer.userId}`, window_start: '2026-05-01T10:01:00.000Z', count: 1 },
    ]);
  });

  it('readers may check but not register', async () => {
    const reader = await testUser(store, bank.viewer.orgId, 'reader');
    await expect(register(reader, 'x.example.com')).rejects.toMatchObject({ status: 403 });
    expect((await checkValues(store, reader.viewer, [{ value: 'x.example.com' }]))[0]!.status).toBe('no-hit');
  });
});
