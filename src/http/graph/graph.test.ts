import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/store.js';
import { storeBackends } from '../../../test/store-harness.js';
import { PASSWORD, seedWorld } from '../../../test/e2e/world.js';
import type { World } from '../../../test/e2e/world.js';
import { signIn, webApp } from '../../../test/e2e/web-app.js';
import { sessionRoutes } from '../session/session.routes.js';
import { graphRoutes } from './graph.routes.js';
import type { Graph } from './graph.schema.js';
import { nodeLabel, refsOf } from './graph-refs.js';

describe.each(storeBackends())('GET /api/v1/objects/:id/graph on $name', ({ open }) => {
  let store: Store;
  let world: World;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    store = await open();
    world = await seedWorld(store);
    app = await webApp(store, [sessionRoutes, graphRoutes]);
    for (const [who, email] of [
      ['alice', 'alice@telecom.test'],
      ['bob', 'bob@police.test'],
      ['carol', 'carol@bank.test'],
    ] as const)
      cookies[who] = await signIn(app, email, PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  async function graph(who: string, id: string, depth = 1): Promise<{ status: number; body: Graph }> {
    const r = await app.inject({
      url: `/api/v1/objects/${id}/graph?depth=${depth}`,
      headers: { cookie: cookies[who]! },
    });
    return { status: r.statusCode, body: r.json() };
  }
  const nodeIds = (g: Graph) => g.nodes.map((n) => n.id).sort();

  it('draws relationships as edges between the objects they join', async () => {
    const { body } = await graph('alice', world.ids.emotet);
    expect(nodeIds(body)).toEqual(
      [world.ids.emotet, world.ids.shared, world.ids.secret, world.ids.actor].sort(),
    );
    expect(body.edges.find((e) => e.id === world.ids.uses)).toEqual({
      id: world.ids.uses,
      source: world.ids.actor,
      target: world.ids.emotet,
      label: 'uses',
      kind: 'relationship',
    });
    expect(body.nodes.find((n) => n.id === world.ids.emotet)).toMatchObject({
      label: 'Emotet',
      type: 'malware',
      tlp: 'amber',
    });
  });

  it('expands to sightings one step further, as nodes with a reference edge', async () => {
    const { body } = await graph('alice', world.ids.emotet, 2);
    expect(nodeIds(body)).toContain(world.ids.bobSighting);
    expect(body.edges).toContainEqual(
      expect.objectContaining({
        source: world.ids.bobSighting,
        target: world.ids.shared,
        label: 'sighting_of_ref',
        kind: 'ref',
      }),
    );
    expect(nodeIds(body)).not.toContain(world.ids.carolSighting); // the bank kept it to itself
  });

  it('gives a group member no node or edge the owner kept to itself', async () => {
    const { body } = await graph('bob', world.ids.emotet, 3);
    expect(nodeIds(body)).toEqual(
      [world.ids.emotet, world.ids.shared, world.ids.actor, world.ids.bobSighting].sort(),
    );
    const text = JSON.stringify(body);
    for (const hidden of [world.ids.secret, world.ids.secretRel, world.ids.carolSighting])
      expect(text).not.toContain(hidden);
  });

  it('is a 404 for an object the viewer may not see, and shows no edge into one', async () => {
    expect((await graph('carol', world.ids.emotet)).status).toBe(404);
    expect((await graph('bob', world.ids.secret)).status).toBe(404);
    const { body } = await graph('carol', world.ids.actor, 2);
    expect(nodeIds(body)).toEqual([world.ids.actor]);
    expect(body.edges).toEqual([]);
  });
});

describe('graph helpers', () => {
  it('lists top-level references except the author and markings', () => {
    expect(
      refsOf({
        created_by_ref: 'identity--x',
        object_marking_refs: ['marking-definition--y'],
        sighting_of_ref: 'indicator--a',
        where_sighted_refs: ['identity--b', 3],
        name: 'n',
      }),
    ).toEqual([
      { key: 'sighting_of_ref', id: 'indicator--a' },
      { key: 'where_sighted_refs', id: 'identity--b' },
    ]);
  });

  it('labels a node by name, value or pattern, shortened', () => {
    expect(nodeLabel({ type: 'malware', name: 'Emotet' })).toBe('Emotet');
    expect(nodeLabel({ type: 'ipv4-addr', value: '10.0.0.1' })).toBe('10.0.0.1');
    expect(nodeLabel({ type: 'sighting' })).toBe('sighting');
    expect(nodeLabel({ type: 'indicator', pattern: 'x'.repeat(100) })).toHaveLength(80);
  });
});
