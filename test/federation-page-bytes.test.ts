import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageText } from '../src/federation/federation-page.js';
import { servePage } from '../src/federation/serve-outbound.js';
import type { StixObject } from '../src/stix/types.js';
import { bundle, indicator } from './factories.js';
import { Instance, link } from './federation-harness.js';
import { importText } from './import-helpers.js';

/** 40 indicators of ~60 KB each: 2.4 MB of changes, far more than one page of 300 KB may carry. */
const COUNT = 40;
const LARGE = 60_000;
const CAP = 300_000;

describe('federation pages are cut to the bytes the peer accepts', () => {
  let a: Instance;
  let b: Instance;
  let objects: StixObject[];

  beforeAll(async () => {
    a = await Instance.create('alpha', 'sqlite');
    b = await Instance.create('bravo', 'sqlite');
    await link(a, b, { speaksFor: [a.org] }, { speaksFor: [b.org] });
    // Non-ASCII text, so bytes and UTF-16 units differ and a cut by string length would overshoot.
    objects = Array.from({ length: COUNT }, (_, i) =>
      indicator({ created_by_ref: a.org, description: `é${String(i)}`.padEnd(LARGE, 'ü') }),
    );
    const r = await importText(a.store, a.user.viewer, bundle(objects), {
      distribution: 'federation',
      tlp: 'green',
    });
    expect(r.results.every((x) => x.status === 'created')).toBe(true);
  });
  afterAll(async () => {
    for (const i of [a, b]) await (i as Instance | undefined)?.destroy();
  });

  it('serves pages of at most the cap, each ending at its last event, that together hold every change once', async () => {
    const peer = await a.peer(b);
    const seen: string[] = [];
    let after = 0;
    let pages = 0;
    for (;;) {
      const { body, page } = await servePage(a.store, peer, after, 5000, { maxBytes: CAP });
      pages += 1;
      expect(Buffer.byteLength(body), `page ${String(pages)}`).toBeLessThanOrEqual(CAP);
      expect(JSON.parse(body)).toEqual(page);
      expect(page.after).toBe(after);
      if (!page.caught_up) expect(page.next).toBe(page.events.at(-1)!.seq);
      seen.push(...page.events.map((e) => e.id));
      after = page.next;
      if (page.caught_up) break;
      expect(pages).toBeLessThan(COUNT + 2);
    }
    expect(pages).toBeGreaterThan(COUNT / 5);
    expect(seen.sort()).toEqual(objects.map((o) => o.id).sort());
  });

  it('a peer that asks for a small cap over HTTP receives everything, in several pages', async () => {
    const result = await b.pull(a, { maxBytes: CAP });
    expect(result.refused).toEqual([]);
    expect(result.created).toBe(COUNT);
    expect(result.pages).toBeGreaterThan(COUNT / 5);
    const held = await b.store.db.selectFrom('objects').select('id').where('owner_org', '=', a.org).execute();
    expect(held.map((r) => r.id).sort()).toEqual(objects.map((o) => o.id).sort());
  });

  it('leaves a page that fits as it is, and always sends a first event larger than the cap', () => {
    const event = {
      seq: 7,
      kind: 'deleted' as const,
      id: 'indicator--00000000-0000-4000-8000-000000000000',
      type: 'indicator',
      origin: 'x',
      owner_org: 'identity--00000000-0000-4000-8000-000000000001',
    };
    const page = {
      instance: 'x',
      after: 0,
      next: 9,
      high: 9,
      caught_up: true,
      events: [event, { ...event, seq: 8 }],
    };
    expect(pageText(page, 10_000)).toEqual({ body: JSON.stringify(page), page });
    const cut = pageText(page, 50);
    expect(cut.page).toEqual({ ...page, next: 7, caught_up: false, events: [event] });
    expect(cut.body).toBe(JSON.stringify(cut.page));
  });

  it('refuses a cap below the smallest one with 400 naming the parameter', async () => {
    const response = await fetch(`${a.base}/api/v1/federation/exchange/changes?after=0&max_bytes=10`, {
      headers: { accept: 'application/json' },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('max_bytes');
  });
});
