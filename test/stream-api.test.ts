import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteObject } from '../src/store/objects/delete-object.js';
import type { Store } from '../src/store/store.js';
import type { StreamEnd } from '../src/stream/serve-stream.js';
import { bundle, indicator, orgId } from './factories.js';
import { testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';
import { importText } from './import-helpers.js';
import { testNatsUrl } from './nats-harness.js';
import { SseClient } from './sse-client.js';
import { streamApp } from './stream-harness.js';
import { storeBackends } from './store-harness.js';

const natsUrl = await testNatsUrl();
if (natsUrl === undefined) console.warn('skipped: the NATS bus (no NATS server on 127.0.0.1:4222)');
const buses = [{ bus: 'in-process' as const }, ...(natsUrl === undefined ? [] : [{ bus: 'nats' as const }])];
const cases = storeBackends().flatMap((b) => buses.map((x) => ({ ...b, ...x })));

describe.each(cases)('GET /stream on $name with the $bus bus', ({ open, bus }) => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let owner: TestUser;
  let outsider: TestUser;
  const ends: StreamEnd[] = [];
  const clients: SseClient[] = [];
  const connect = async (
    query: string,
    user: TestUser,
    headers: Record<string, string> = {},
    paused = false,
  ) => {
    const c = await SseClient.open(`${base}/stream${query}`, { ...user.auth, ...headers }, paused);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    store = await open();
    owner = await testUser(store, orgId());
    outsider = await testUser(store, orgId());
    ({ app, base } = await streamApp(
      store,
      {
        heartbeatMs: 300,
        pollMs: 5000,
        maxBufferedBytes: 256 * 1024,
        onStreamEnd: (end) => ends.push(end),
      },
      bus === 'nats' ? natsUrl : undefined,
    ));
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await app.close();
    await store.close();
  });

  it('is in the OpenAPI document with its query parameters', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, { get?: { parameters?: Array<{ name: string }> } }>;
    }>();
    const names = doc.paths['/stream']?.get?.parameters?.map((p) => p.name) ?? [];
    expect(names).toEqual(expect.arrayContaining(['from', 'kinds', 'types', 'owners', 'tlp', 'collection']));
  });

  it('refuses anonymous callers and malformed cursors and filters', async () => {
    const anonymous = await SseClient.open(`${base}/stream`);
    expect(anonymous.status).toBe(401);
    anonymous.close();
    const badId = await connect('', owner, { 'last-event-id': 'x' });
    expect(badId.status).toBe(400);
    await badId.until(() => badId.ended);
    expect(badId.raw).toContain('invalid_last_event_id');
    const badTlp = await connect('?tlp=purple', owner);
    expect(badTlp.status).toBe(400);
    const unknownCollection = await connect('?collection=nope', owner);
    expect(unknownCollection.status).toBe(404);
  });

  it('delivers a write to a live client quickly, only to those who may see it', async () => {
    const ownerClient = await connect('', owner);
    const outsiderClient = await connect('', outsider);
    await ownerClient.until((m) => m.some((x) => x.event === 'ready'));
    await outsiderClient.until((m) => m.some((x) => x.event === 'ready'));
    const secret = indicator({ name: 'org only' });
    const shared = indicator({ name: 'community' });
    const started = Date.now();
    await importText(store, owner.viewer, bundle([secret]), { distribution: 'organisation' });
    await importText(store, owner.viewer, bundle([shared]), { distribution: 'community' });
    await ownerClient.until((m) => m.filter((x) => x.event === 'version').length === 2);
    await outsiderClient.until((m) => m.some((x) => x.event === 'version'));
    // pollMs is 5 s: arriving sooner proves the bus woke the reader.
    expect(Date.now() - started).toBeLessThan(2000);
    const seen = outsiderClient.changes().map((m) => (m.data as { id: string }).id);
    expect(seen).toEqual([shared.id]);
    expect(JSON.stringify(outsiderClient.messages)).not.toContain(secret.id);
    const ids = ownerClient.changes().map((m) => Number(m.id));
    expect(ids[1]).toBeGreaterThan(ids[0]!);
  });

  it('resumes with Last-Event-ID or ?from= with no gap and no duplicate', async () => {
    const first = await connect('?from=0', owner);
    await first.until(() => first.changes().length >= 2);
    const got = first.changes();
    first.close();
    const missed = [indicator({ name: 'missed 1' }), indicator({ name: 'missed 2' })];
    await importText(store, owner.viewer, bundle(missed), { distribution: 'community' });
    const victim = indicator({ name: 'to delete' });
    await importText(store, owner.viewer, bundle([victim]), { distribution: 'community' });
    await deleteObject(store, owner.viewer, victim.id, null);
    // The deleted object's version is no longer served on a replay; its deletion is.
    const expected = ['version', 'version', 'deleted'];
    for (const how of ['header', 'query'] as const) {
      const last = got.at(-1)!.id!;
      const again =
        how === 'header'
          ? await connect('', owner, { 'last-event-id': last })
          : await connect(`?from=${last}`, owner);
      await again.until(() => again.changes().some((m) => m.event === 'deleted'));
      const changes = again.changes();
      expect(changes.map((m) => m.event)).toEqual(expected);
      expect(changes.map((m) => (m.data as { id: string }).id)).toEqual([
        ...missed.map((o) => o.id),
        victim.id,
      ]);
      expect(Number(changes[0]!.id)).toBeGreaterThan(Number(last));
      again.close();
    }
  });

  it('filters by type, TLP and kind, and sends a narrowing as a removal', async () => {
    const removals = await connect('?kinds=removed,deleted', outsider);
    const red = await connect('?tlp=red', owner);
    await removals.until((m) => m.some((x) => x.event === 'ready'));
    await red.until((m) => m.some((x) => x.event === 'ready'));
    const item = indicator({ name: 'will narrow' });
    await importText(store, owner.viewer, bundle([item]), { distribution: 'community' });
    await importText(store, owner.viewer, bundle([{ ...item, modified: '2026-03-01T00:00:00.000Z' }]), {
      distribution: 'organisation',
      tlp: 'red',
    });
    await removals.until(() => removals.changes().length === 1);
    expect(removals.changes()[0]).toMatchObject({
      event: 'removed',
      data: { id: item.id, reason: 'audience_narrowed' },
    });
    await red.until(() => red.changes().length === 1);
    expect(red.changes()[0]).toMatchObject({ event: 'version', data: { id: item.id, meta: { tlp: 'red' } } });
  });

  it('sends heartbeats carrying the scanned seq', async () => {
    const c = await connect('', outsider);
    const hidden = indicator({ name: 'hidden' });
    await importText(store, owner.viewer, bundle([hidden]), { distribution: 'organisation' });
    const beats = await c.until((m) => m.filter((x) => x.event === 'heartbeat').length >= 2);
    const last = beats.filter((x) => x.event === 'heartbeat').at(-1)!;
    const high = await store.db
      .selectFrom('objects')
      .select((eb) => eb.fn.max('seq').as('m'))
      .executeTakeFirst();
    expect(Number(last.id)).toBe(high!.m);
    expect(c.changes()).toEqual([]);
  });

  it('cuts off a client that does not read, with a clear event, and closes it', async () => {
    // Only this client is open: the others, in this process, would be cut off too at this small bound.
    for (const c of clients.splice(0)) c.close();
    await new Promise((r) => setTimeout(r, 100));
    const slow = await connect('', owner, {}, true);
    const bulky = Array.from({ length: 1500 }, (_, i) =>
      indicator({ name: `bulky ${i}`, description: 'x'.repeat(16 * 1024) }),
    );
    const before = ends.filter((e) => e === 'cut-off').length;
    await importText(store, owner.viewer, bundle(bulky), { distribution: 'community' });
    const deadline = Date.now() + 15_000;
    while (ends.filter((e) => e === 'cut-off').length === before && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(ends.filter((e) => e === 'cut-off').length).toBe(before + 1);
    slow.resume();
    await slow.until(() => slow.ended, 10_000).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    expect(slow.ended).toBe(true);
    const last = slow.messages.at(-1)!;
    expect(last.event).toBe('cut-off');
    expect(last.data).toMatchObject({ reason: 'slow_consumer' });
    expect(slow.changes().length).toBeLessThan(bulky.length);
    const resumeFrom = (last.data as { resume_from: number }).resume_from;
    expect(resumeFrom).toBe(Number(slow.changes().at(-1)!.id));
  }, 30_000);
});
