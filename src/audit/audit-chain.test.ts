import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storeBackends } from '../../test/store-harness.js';
import type { Store } from '../store/store.js';
import { appendAudit } from './append-audit.js';
import { GENESIS_HASH } from './audit-hash.js';
import { auditHead, verifyAuditChain } from './verify-audit-chain.js';

describe.each(storeBackends())('audit chain on $name', (backend) => {
  let store: Store;
  beforeEach(async () => {
    store = await backend.open();
  });
  afterEach(async () => {
    await store.close();
  });

  async function fill(n: number): Promise<void> {
    for (let i = 1; i <= n; i++) {
      await store.writeTransaction((trx) =>
        appendAudit(trx, {
          actor: `user-${i % 3}`,
          actorOrg: 'identity--00000000-0000-4000-8000-000000000000',
          action: i % 2 === 0 ? 'object.import' : 'login',
          target: `t${i}`,
          outcome: 'ok',
          details: { i, nested: { b: [1, 'two'], a: null } },
        }),
      );
    }
  }

  it('detects, against an anchor kept elsewhere, newest entries cut off or a chain rebuilt', async () => {
    await fill(6);
    const anchor = (await auditHead(store))!;
    expect(anchor.seq).toBe(6);
    expect(await verifyAuditChain(store, 4, anchor)).toEqual({ ok: true, entries: 6 });
    await fill(2); // later entries are fine
    expect(await verifyAuditChain(store, 4, anchor)).toEqual({ ok: true, entries: 8 });

    // Cutting off the newest entries leaves a chain that is valid on its own.
    await store.db.deleteFrom('audit_log').where('seq', '>=', 5).execute();
    expect(await verifyAuditChain(store)).toEqual({ ok: true, entries: 4 });
    expect(await verifyAuditChain(store, 4, anchor)).toMatchObject({ ok: false, brokenAt: 5, entries: 4 });

    // Rebuilding from entry 5 on (valid links, different content) does not match the anchor either.
    await fill(4);
    expect(await verifyAuditChain(store)).toEqual({ ok: true, entries: 8 });
    const report = await verifyAuditChain(store, 4, anchor);
    expect(report).toMatchObject({ ok: false, brokenAt: 6 });
  });

  it('verifies an empty log', async () => {
    expect(await auditHead(store)).toBeNull();
    expect(await verifyAuditChain(store)).toEqual({ ok: true, entries: 0 });
  });

  it('hashes the previous hash plus the canonical JSON of the entry, starting from 64 zeros', async () => {
    const at = '2026-03-01T10:00:00.000Z';
    const first = await store.writeTransaction((trx) =>
      appendAudit(trx, { action: 'org.create', outcome: 'ok', details: { z: 1, a: 'x' } }, at),
    );
    const canonical =
      '{"action":"org.create","actor":null,"actor_org":null,"at":"2026-03-01T10:00:00.000Z",' +
      '"details":{"a":"x","z":1},"outcome":"ok","seq":1,"target":null}';
    const expected = createHash('sha256')
      .update(GENESIS_HASH + canonical)
      .digest('hex');
    expect(first).toEqual({ seq: 1, hash: expected });
    const second = await store.writeTransaction((trx) =>
      appendAudit(trx, { actor: 'system', action: 'login', outcome: 'denied' }, at),
    );
    const row = await store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    expect(second.seq).toBe(2);
    expect(row.prev_hash).toBe(expected);
    expect(row.details).toBe('{}');
  });

  it('stores what it hashes: Dates and undefined members survive the round trip', async () => {
    await store.writeTransaction((trx) =>
      appendAudit(trx, {
        action: 'export',
        outcome: 'ok',
        details: { when: new Date('2026-01-02T00:00:00Z'), gone: undefined, list: [undefined] },
      }),
    );
    expect(await verifyAuditChain(store)).toEqual({ ok: true, entries: 1 });
  });

  it('walks a long chain in pages', async () => {
    await fill(25);
    expect(await verifyAuditChain(store, 4)).toEqual({ ok: true, entries: 25 });
    expect(await verifyAuditChain(store, 25)).toEqual({ ok: true, entries: 25 });
  });

  it('keeps seq order under concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.writeTransaction((trx) => appendAudit(trx, { action: 'login', outcome: 'ok', details: { i } })),
      ),
    );
    expect(await verifyAuditChain(store, 7)).toEqual({ ok: true, entries: 20 });
  });

  it('fails at the seq whose details were edited in the database', async () => {
    await fill(12);
    await store.db.updateTable('audit_log').set({ details: '{"i":999}' }).where('seq', '=', 7).execute();
    const report = await verifyAuditChain(store, 5);
    expect(report).toMatchObject({ ok: false, brokenAt: 7, entries: 6 });
    if (!report.ok) expect(report.reason).toMatch(/edited/);
  });

  it('fails at the first seq whose content was edited, even after a one-character change', async () => {
    await fill(5);
    await store.db.updateTable('audit_log').set({ outcome: 'denied' }).where('seq', '=', 3).execute();
    await store.db.updateTable('audit_log').set({ target: 'x' }).where('seq', '=', 5).execute();
    expect(await verifyAuditChain(store)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('fails at the gap left by a deleted entry', async () => {
    await fill(10);
    await store.db.deleteFrom('audit_log').where('seq', '=', 4).execute();
    const report = await verifyAuditChain(store, 3);
    expect(report).toMatchObject({ ok: false, brokenAt: 4, entries: 3 });
    if (!report.ok) expect(report.reason).toMatch(/missing/);
  });

  it('fails at seq 1 when the first entry is deleted', async () => {
    await fill(3);
    await store.db.deleteFrom('audit_log').where('seq', '=', 1).execute();
    expect(await verifyAuditChain(store)).toMatchObject({ ok: false, brokenAt: 1, entries: 0 });
  });

  it('fails when an edited entry is re-hashed: the next link no longer matches', async () => {
    await fill(6);
    const row = await store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    const { auditHash } = await import('./audit-hash.js');
    const forged = auditHash(row.prev_hash, { ...row, details: { i: 'forged' } });
    await store.db
      .updateTable('audit_log')
      .set({ details: '{"i":"forged"}', hash: forged })
      .where('seq', '=', 2)
      .execute();
    const report = await verifyAuditChain(store);
    expect(report).toMatchObject({ ok: false, brokenAt: 3 });
    if (!report.ok) expect(report.reason).toMatch(/prev_hash/);
  });

  it('fails when two entries are swapped', async () => {
    await fill(6);
    // Move seq 3 aside, put 4 in its place and 3 in 4's: the rows are intact, their order is not.
    await sql`UPDATE audit_log SET seq = 100 WHERE seq = 3`.execute(store.db);
    await sql`UPDATE audit_log SET seq = 3 WHERE seq = 4`.execute(store.db);
    await sql`UPDATE audit_log SET seq = 4 WHERE seq = 100`.execute(store.db);
    expect(await verifyAuditChain(store)).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('refuses a second writer that bypasses the write lock instead of forking the chain', async () => {
    await fill(2);
    const last = await store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '=', 2)
      .executeTakeFirstOrThrow();
    // Simulate a writer that read the head before entry 2 was written.
    await expect(
      store.db
        .insertInto('audit_log')
        .values({ ...last, hash: 'f'.repeat(64) })
        .execute(),
    ).rejects.toThrow();
  });
});
