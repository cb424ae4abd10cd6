import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundle, chunked, indicator, orgId, userViewer } from '../../test/factories.js';
import { addOrg } from '../../test/import-helpers.js';
import { storeBackends } from '../../test/store-harness.js';
import type { ObjectResult } from '../ingest/import-result.js';
import { importStix } from '../ingest/import-service.js';
import type { UserViewer } from '../policy/viewer.js';
import { getVersion } from '../store/objects/read-objects.js';
import type { Store } from '../store/store.js';
import type { WarninglistMode } from './warninglist-screen.js';

const ip = (v: string) => indicator({ pattern: `[ipv4-addr:value = '${v}']` });

describe.each(storeBackends())('warninglists at import on $name', ({ open }) => {
  let store: Store;
  let writer: UserViewer;
  beforeEach(async () => {
    store = await open();
    writer = userViewer(orgId());
    await addOrg(store, writer.orgId);
  });
  afterEach(async () => {
    await store.close();
  });

  async function run(objects: ReturnType<typeof ip>[], warninglist?: WarninglistMode) {
    const results: ObjectResult[] = [];
    const summary = await importStix(store, writer, chunked(JSON.stringify(bundle(objects))), {
      source: 'test',
      distribution: 'community',
      ...(warninglist === undefined ? {} : { warninglist }),
      onResult: (r) => results.push(r),
    });
    return { summary, results: results.sort((a, b) => a.index - b.index) };
  }

  it('flags by default: written, with a warning naming the value and the list', async () => {
    const resolver = ip('8.8.8.8');
    const fine = ip('198.18.30.1');
    const { summary, results } = await run([resolver, fine]);
    expect(summary.created).toBe(2);
    expect(results[0]!.warnings).toContainEqual({
      path: 'objects[0]',
      code: 'warninglisted',
      message: expect.stringMatching(/^8\.8\.8\.8 is on .+/),
    });
    expect(results[1]!.warnings.filter((w) => w.code === 'warninglisted')).toEqual([]);
    expect(await getVersion(store.db, writer, resolver.id)).toBeDefined();
  });

  it('drops on request: refused with the code, never written, the rest imported', async () => {
    const resolver = ip('8.8.8.8');
    const doc = indicator({ pattern: "[domain-name:value = 'www.example.com']" });
    const fine = ip('198.18.30.2');
    const { summary, results } = await run([resolver, doc, fine], 'drop');
    expect(summary).toMatchObject({ created: 1, refused: 2 });
    expect(results.map((r) => [r.status, r.errors[0]?.code])).toEqual([
      ['refused', 'warninglisted'],
      ['refused', 'warninglisted'],
      ['created', undefined],
    ]);
    expect(await getVersion(store.db, writer, resolver.id)).toBeUndefined();
    expect(await getVersion(store.db, writer, fine.id)).toBeDefined();
  });
});
