import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../test/store-harness.js';
import { verifyAuditChain } from '../audit/verify-audit-chain.js';
import { API_KEY_PATTERN } from '../auth/api-key-format.js';
import { authenticateApiKey } from '../auth/authenticate-api-key.js';
import type { Store } from '../store/store.js';
import { ensureBootstrap } from './bootstrap.js';

describe.each(storeBackends())('ensureBootstrap on $name', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(async () => {
    await store.close();
  });

  it('creates the administrators’ organisation, an admin and a working key on the first start only', async () => {
    const first = await ensureBootstrap(store);
    if (!first.created) throw new Error('expected a bootstrap');
    expect(first.org).toMatchObject({
      name: 'Accord administrators',
      kind: 'other',
      defaultDistribution: 'community',
      defaultTlp: 'none',
    });
    expect(first.user).toMatchObject({
      email: 'admin@localhost',
      role: 'admin',
      orgId: first.org.id,
      hasPassword: false,
    });
    expect(first.apiKey).toMatch(API_KEY_PATTERN);
    expect(await authenticateApiKey(store, first.apiKey)).toMatchObject({
      role: 'admin',
      orgId: first.org.id,
      readOnly: false,
    });
    expect(await ensureBootstrap(store)).toEqual({ created: false });
    expect(await store.db.selectFrom('users').select('id').execute()).toHaveLength(1);
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['action', 'actor', 'outcome'])
      .orderBy('seq')
      .execute();
    expect(audit).toEqual([
      { action: 'org.create', actor: 'system', outcome: 'ok' },
      { action: 'user.create', actor: 'system', outcome: 'ok' },
      { action: 'key.create', actor: 'system', outcome: 'ok' },
    ]);
    expect(await verifyAuditChain(store)).toEqual({ ok: true, entries: 3 });
  });

  it('takes the organisation name and e-mail from its options', async () => {
    const result = await ensureBootstrap(store, { orgName: 'Cyber-crime centre', email: 'Ops@Example.org' });
    expect(result).toMatchObject({
      created: true,
      org: { name: 'Cyber-crime centre' },
      user: { email: 'ops@example.org' },
    });
  });

  it('bootstraps exactly once when started concurrently', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => ensureBootstrap(store)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await store.db.selectFrom('organisations').select('id').execute()).toHaveLength(1);
  });

  it('leaves nothing behind when bootstrap fails part-way', async () => {
    await expect(ensureBootstrap(store, { email: 'not an e-mail' })).rejects.toMatchObject({
      code: 'invalid_email',
    });
    expect(await store.db.selectFrom('organisations').select('id').execute()).toEqual([]);
    expect(await store.db.selectFrom('audit_log').select('seq').execute()).toEqual([]);
    expect((await ensureBootstrap(store)).created).toBe(true);
  });
});
