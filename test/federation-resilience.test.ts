import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectPeer } from '../src/federation/federation-admin.js';
import { FederationWorker } from '../src/federation/federation-worker.js';
import type { FederationPage } from '../src/federation/federation-page.js';
import { peerErrors } from '../src/federation/peer-errors.js';
import { getPeer } from '../src/federation/peers.js';
import { FederationRefused, pullFromPeer } from '../src/federation/pull-from-peer.js';
import type { Peer } from '../src/federation/peers.js';
import type { StixObject } from '../src/stix/types.js';
import { T0, bundle, indicator, orgId } from './factories.js';
import { Instance, backendsFor, fakePeer, link } from './federation-harness.js';
import { importText } from './import-helpers.js';

const idsOf = async (i: Instance, owner: string) =>
  (
    await i.store.db
      .selectFrom('objects')
      .select('id')
      .where('owner_org', '=', owner)
      .where('deleted', '=', 0)
      .execute()
  ).map((r) => r.id);

describe('federation: restart mid-transfer and hostile peers', () => {
  const kinds = backendsFor();
  let a: Instance;
  let b: Instance;
  let c: Instance;

  const write = async (i: Instance, objects: StixObject[]) => {
    const r = await importText(i.store, i.user.viewer, bundle(objects), {
      distribution: 'federation',
      tlp: 'green',
    });
    expect(r.summary.created).toBe(objects.length);
  };

  async function converge() {
    for (let round = 0; round < 2; round++) {
      await b.pull(a);
      await c.pull(b);
    }
  }

  beforeAll(async () => {
    a = await Instance.create('alpha', kinds.a);
    b = await Instance.create('bravo', kinds.b);
    c = await Instance.create('charlie', kinds.c);
    await link(a, b, { speaksFor: [a.org] }, { speaksFor: [b.org] });
    await link(b, c, { speaksFor: [a.org, b.org] }, { speaksFor: [c.org] });
  });
  afterAll(async () => {
    for (const i of [a, b, c]) await (i as Instance | undefined)?.destroy();
  });

  it('converges with no duplicate and no gap after B stops and restarts mid-transfer', async () => {
    const objects = Array.from({ length: 1500 }, (_, n) => indicator({ name: `bulk ${n}` }));
    await write(a, objects.slice(0, 1000));
    // B takes part of A's changes, C part of B's; then B goes away while C is pulling page by page.
    await pullFromPeer(b.store, await b.peer(a), { pageSize: 150, maxPages: 3 });
    expect((await idsOf(b, a.org)).length).toBe(450);
    const cPeer = await c.peer(b);
    const pulling = pullFromPeer(c.store, cPeer, { pageSize: 25, maxPages: 1000 }).catch((e: unknown) => e);
    await waitFor(async () => (await c.peer(b)).receivedSeq > 0);
    await b.stop();
    const stopped = await pulling;
    expect(stopped).toBeInstanceOf(FederationRefused);
    // Refused at the socket, or answered 503 by a server that is closing.
    const code = (stopped as FederationRefused).code;
    expect(['unreachable', 'http_503']).toContain(code);
    expect((await peerErrors(c.store, cPeer.id)).map((e) => e.code)).toContain(code);
    const partial = (await idsOf(c, a.org)).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(450);

    await write(a, objects.slice(1000)); // A goes on writing while B is down
    await b.start();
    await converge();

    const want = objects.map((o) => o.id).sort();
    for (const i of [a, b, c]) {
      const got = (await idsOf(i, a.org)).sort();
      expect(got.length, `${i.name} holds each object once`).toBe(want.length);
      expect(got).toEqual(want);
    }
    expect((await c.peer(b)).receivedSeq).toBe((await b.peer(c)).sentSeq);
  });

  describe('hostile and broken peers', () => {
    const secret = randomBytes(24).toString('hex');
    const mallory = `accord-instance--${randomUUID()}`;
    const malloryOrg = orgId();
    let peer: Peer;
    let mode: 'bad_signature' | 'not_owner' | 'garbage' | 'oversized' | 'loop' | 'wrong_instance';
    let fake: Awaited<ReturnType<typeof fakePeer>>;

    const page = (after: number, events: FederationPage['events']): string =>
      JSON.stringify({
        instance: mode === 'wrong_instance' ? b.id : mallory,
        after,
        next: after + events.length,
        high: after + events.length,
        caught_up: true,
        events,
      });
    const event = (after: number, owner: string, origin = mallory) => {
      const object = indicator({ created_by_ref: owner });
      return {
        seq: after + 1,
        kind: 'version' as const,
        id: object.id,
        type: 'indicator',
        origin,
        object,
        meta: {
          version: T0,
          date_added: T0,
          owner_org: owner,
          distribution: 'federation',
          tlp: 'green',
          pap: null,
        },
      };
    };

    beforeAll(async () => {
      fake = await fakePeer((after) => {
        switch (mode) {
          case 'bad_signature':
            return { body: page(after, [event(after, malloryOrg)]), secret: 'not-the-shared-secret' };
          case 'garbage':
            return { body: '{"instance": "' + mallory + '", "events": [' };
          case 'oversized':
            return { body: page(after, [event(after, malloryOrg)]) + ' '.repeat(300_000) };
          case 'not_owner':
            return { body: page(after, [event(after, a.org)]) };
          case 'loop':
            return { body: page(after, [event(after, malloryOrg, a.id)]) };
          case 'wrong_instance':
            return { body: page(after, [event(after, malloryOrg)]) };
        }
      }, secret);
      peer = await connectPeer(a.store, a.admin.viewer, {
        name: 'mallory',
        url: fake.url,
        instance_id: mallory,
        direction: 'both',
        secret,
        speaks_for: [malloryOrg],
      });
    });
    afterAll(async () => fake.close());

    it.each([
      ['bad_signature', 'bad_signature'],
      ['garbage', 'malformed_page'],
      ['oversized', 'oversized_page'],
      ['wrong_instance', 'wrong_instance'],
    ] as const)('refuses a %s page whole, with the reason in its status', async (m, code) => {
      mode = m;
      const before = await getPeer(a.store, peer.id);
      const error = await pullFromPeer(a.store, before, { maxBytes: 200_000 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FederationRefused);
      expect((error as FederationRefused).code).toBe(code);
      const errors = await peerErrors(a.store, peer.id);
      expect(errors[0]?.code).toBe(code);
      expect(errors[0]?.message.length).toBeGreaterThan(10);
      expect((await getPeer(a.store, peer.id)).receivedSeq).toBe(before.receivedSeq);
      expect(await idsOf(a, malloryOrg)).toEqual([]);
    });

    it.each([
      ['not_owner', 'not_owner'],
      ['loop', 'loop'],
    ] as const)('refuses a %s object, keeps the reason and moves on', async (m, code) => {
      mode = m;
      const result = await pullFromPeer(a.store, await getPeer(a.store, peer.id));
      expect(result.refused.map((r) => r.code)).toEqual([code]);
      expect(result.created).toBe(0);
      expect((await peerErrors(a.store, peer.id))[0]?.code).toBe(code);
      expect(await idsOf(a, malloryOrg)).toEqual([]);
    });

    it('does not stop the other peers: a worker round still brings in what B sends', async () => {
      mode = 'garbage';
      const fromB = indicator({ name: 'from B while mallory misbehaves' });
      const r = await importText(b.store, b.user.viewer, bundle([fromB]), {
        distribution: 'federation',
        tlp: 'green',
      });
      expect(r.summary.created).toBe(1);
      const failures: string[] = [];
      const worker = new FederationWorker(a.store, {
        onError: (p, error) => failures.push(`${p.name}: ${(error as Error).message}`),
      });
      await worker.round();
      expect(failures).toHaveLength(1);
      expect(failures[0]).toMatch(/^mallory: .*not JSON/);
      expect(await idsOf(a, b.org)).toContain(fromB.id);
    });
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 10_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}
