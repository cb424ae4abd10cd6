import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/store.js';
import { storeBackends } from '../../../test/store-harness.js';
import { PASSWORD, seedWorld } from '../../../test/e2e/world.js';
import type { World } from '../../../test/e2e/world.js';
import { signIn, webApp } from '../../../test/e2e/web-app.js';
import { sessionRoutes } from '../session/session.routes.js';
import { searchRoutes } from './search.routes.js';

describe.each(storeBackends())('GET /api/v1/search on $name', ({ open }) => {
  let store: Store;
  let world: World;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    store = await open();
    world = await seedWorld(store);
    app = await webApp(store, [sessionRoutes, searchRoutes]);
    cookies.alice = await signIn(app, 'alice@telecom.test', PASSWORD);
    cookies.bob = await signIn(app, 'bob@police.test', PASSWORD);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  async function ids(who: string, query: string): Promise<{ ids: string[]; total?: number; next?: string }> {
    const response = await app.inject({ url: `/api/v1/search?${query}`, headers: { cookie: cookies[who]! } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    return {
      ids: body.items.map((i: { object: { id: string } }) => i.object.id),
      total: body.total,
      next: body.next,
    };
  }

  it('filters by TLP, label, organisation and text, newest first', async () => {
    expect((await ids('alice', 'tlp=red&type=indicator')).ids).toEqual([world.ids.secret]);
    expect((await ids('alice', 'tlp=amber,red&type=indicator')).ids).toEqual([
      world.ids.secret,
      world.ids.shared,
    ]);
    expect((await ids('alice', 'label=c2')).ids).toEqual([world.ids.shared]);
    expect((await ids('alice', 'label=c')).ids).toEqual([]);
    expect((await ids('alice', `org=${world.orgs.police}`)).ids).toEqual([world.ids.bobSighting]);
    expect((await ids('alice', 'q=wizard')).ids).toEqual([world.ids.actor]);
  });

  it('never returns or counts what the viewer may not see', async () => {
    const all = await ids('bob', 'total=true&limit=1000');
    expect(all.total).toBe(all.ids.length);
    expect(all.ids).not.toContain(world.ids.secret);
    expect(all.ids).not.toContain(world.ids.secretRel);
    expect(all.ids).not.toContain(world.ids.carolSighting);
    expect((await ids('bob', 'tlp=red&total=true')).total).toBe(0);
  });

  it('pages with a cursor without repeating or skipping', async () => {
    const seen: string[] = [];
    let query = 'limit=2';
    for (;;) {
      const page = await ids('alice', query);
      seen.push(...page.ids);
      if (page.next === undefined) break;
      query = `limit=2&after=${page.next}`;
    }
    const whole = await ids('alice', 'limit=100&total=true');
    expect(seen).toEqual(whole.ids);
    expect(new Set(seen).size).toBe(whole.total);
  });
});
