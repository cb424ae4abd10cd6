import type { FastifyInstance } from 'fastify';
import { CompiledQuery } from 'kysely';
import type { Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { viewerForUser } from '../../auth/viewer-for-user.js';
import type { Store } from '../../store/store.js';
import { relationship, stixId } from '../../../test/factories.js';
import { importText } from '../../../test/import-helpers.js';
import { storeBackends } from '../../../test/store-harness.js';
import { PASSWORD, seedWorld } from '../../../test/e2e/world.js';
import type { World } from '../../../test/e2e/world.js';
import { signIn, webApp } from '../../../test/e2e/web-app.js';
import { sessionRoutes } from '../session/session.routes.js';
import { dashboardRoutes } from './dashboard.routes.js';
import type { Dashboard } from './dashboard.schema.js';
import { countsQuery } from './dashboard-counts.js';
import { intakeQuery, lastDays } from './dashboard-intake.js';
import { topQuery } from './dashboard-top.js';

describe.each(storeBackends())('GET /api/v1/dashboard on $name', ({ open }) => {
  let store: Store;
  let world: World;
  let app: FastifyInstance;

  beforeAll(async () => {
    store = await open();
    world = await seedWorld(store);
    app = await webApp(store, [sessionRoutes, dashboardRoutes]);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  async function dashboardOf(email: string): Promise<Dashboard> {
    const cookie = await signIn(app, email, PASSWORD);
    const response = await app.inject({ url: '/api/v1/dashboard', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    return response.json();
  }
  const count = <T extends { count: number }>(rows: T[], pick: (r: T) => boolean) =>
    rows.filter(pick).reduce((n, r) => n + r.count, 0);

  it('counts only what the owner organisation sees: everything it shared and kept', async () => {
    const d = await dashboardOf('alice@telecom.test');
    expect(Object.fromEntries(d.by_type.map((t) => [t.type, t.count]))).toEqual({
      indicator: 2,
      malware: 1,
      relationship: 3,
      'threat-actor': 1,
      sighting: 1, // bob's, shared with the group; carol's is hers alone
    });
    expect(d.total).toBe(8);
    expect(count(d.by_tlp, (t) => t.tlp === 'red')).toBe(2);
    expect(d.top.find((t) => t.id === world.ids.emotet)?.relationships).toBe(3);
    expect(d.sightings.map((s) => s.id)).toEqual([world.ids.bobSighting]);
    expect(d.sightings[0]).toMatchObject({ indicator_id: world.ids.shared, count: 7 });
    const today = new Date().toISOString().slice(0, 10);
    expect(d.intake.days).toHaveLength(30);
    expect(d.intake.days.at(-1)).toBe(today);
    const telecom = d.intake.series.find((s) => s.org_id === world.orgs.telecom);
    expect(telecom?.name).toBe('Example Telecom');
    expect(telecom?.counts.at(-1)).toBe(7);
    expect(d.intake.series.map((s) => s.org_id).sort()).toEqual(
      [world.orgs.police, world.orgs.telecom].sort(),
    );
  });

  it('never lets a group member count, rank or see the owner-only objects', async () => {
    const d = await dashboardOf('bob@police.test');
    expect(count(d.by_type, (t) => t.type === 'indicator')).toBe(1);
    expect(count(d.by_type, (t) => t.type === 'relationship')).toBe(2);
    expect(count(d.by_tlp, (t) => t.tlp === 'red')).toBe(0);
    expect(d.top.find((t) => t.id === world.ids.emotet)?.relationships).toBe(2);
    expect(d.sightings).toEqual([]); // bob's organisation contributed no indicators
    const all = JSON.stringify(d);
    for (const hidden of [world.ids.secret, world.ids.secretRel, world.ids.carolSighting])
      expect(all).not.toContain(hidden);
  });

  it('shows an organisation outside the group only the community objects', async () => {
    const d = await dashboardOf('carol@bank.test');
    expect(Object.fromEntries(d.by_type.map((t) => [t.type, t.count]))).toEqual({
      relationship: 1,
      'threat-actor': 1,
      sighting: 1, // her own
    });
    expect(d.top).toEqual([
      { id: world.ids.actor, type: 'threat-actor', name: 'Wizard Spider', relationships: 1 },
    ]);
    expect(JSON.stringify(d)).not.toContain('Emotet');
    expect(d.intake.series.map((s) => s.org_id).sort()).toEqual([world.orgs.bank, world.orgs.telecom].sort());
  });

  it('is for signed-in users only', async () => {
    expect((await app.inject({ url: '/api/v1/dashboard' })).statusCode).toBe(401);
  });

  // Last: it adds an object to the world.
  it('counts a relationship of an entity to itself once, for those who see it', async () => {
    const relationshipsOf = async (email: string) =>
      (await dashboardOf(email)).top.find((t) => t.id === world.ids.emotet)?.relationships;
    const [alice, bob] = [
      await relationshipsOf('alice@telecom.test'),
      await relationshipsOf('bob@police.test'),
    ];
    const self = relationship(world.ids.emotet, world.ids.emotet, {
      created_by_ref: world.orgs.telecom,
      relationship_type: 'variant-of',
    });
    const viewer = (await viewerForUser(store, world.users.alice))!;
    await importText(
      store,
      viewer,
      { type: 'bundle', id: stixId('bundle'), objects: [self] },
      { distribution: 'organisation', tlp: 'red' },
    );
    expect(await relationshipsOf('alice@telecom.test')).toBe(alice! + 1);
    expect(await relationshipsOf('bob@police.test')).toBe(bob);
  });
});

describe('dashboard queries on SQLite', () => {
  it('read the indexes of migration 0005, not the rows', async () => {
    const store = await storeBackends()[0]!.open();
    try {
      const world = await seedWorld(store);
      const viewer = (await viewerForUser(store, world.users.carol))!;
      const plan = async (query: Compilable) => {
        const { sql, parameters } = query.compile();
        const result = await store.db.executeQuery<{ detail: string }>(
          CompiledQuery.raw(`explain query plan ${sql}`, [...parameters]),
        );
        return result.rows.map((r) => r.detail).join('\n');
      };
      expect(await plan(countsQuery(store.db, viewer))).toMatch(/COVERING INDEX objects_dashboard_counts/);
      // seq before id (migration 0007): new versions go to the end of their group, not to random pages.
      const columns = await store.db.executeQuery<{ name: string }>(
        CompiledQuery.raw(`select name from pragma_index_info('objects_dashboard_counts') order by seqno`),
      );
      expect(columns.rows.map((r) => r.name)).toEqual([
        'type',
        'tlp',
        'deleted',
        'is_head',
        'distribution',
        'owner_org',
        'seq',
        'id',
        'vorder',
      ]);
      expect(await plan(intakeQuery(store.db, viewer, '2026-01-01'))).toMatch(
        /COVERING INDEX objects_dashboard_intake/,
      );
      const top = await plan(topQuery(store.db, 'sqlite', viewer, 10));
      expect(top).toMatch(/COVERING INDEX objects_relationship_source \(<expr>=/);
      expect(top).toMatch(/COVERING INDEX objects_relationship_target \(<expr>=/);
    } finally {
      await store.close();
    }
  });
});

describe('lastDays', () => {
  it('lists calendar days in UTC, oldest first, across a month end', () => {
    expect(lastDays(3, new Date('2026-03-01T23:59:00Z'))).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
  });
});
