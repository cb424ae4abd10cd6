import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundle, indicator, orgId, stixId, userViewer } from '../../test/factories.js';
import { addOrg, importText } from '../../test/import-helpers.js';
import { storeBackends } from '../../test/store-harness.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import { defenderItems } from './defender-items.js';
import type { DefenderFilters } from './defender-items.js';

const ip = (v: string, extra = {}) => indicator({ pattern: `[ipv4-addr:value = '${v}']`, ...extra });
const DAY = 86_400_000;

describe.each(storeBackends())('defender items leave decayed indicators out on $name', ({ open }) => {
  let store: Store;
  let owner: UserViewer;
  let partner: UserViewer;
  let outsider: UserViewer;
  const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString();

  beforeEach(async () => {
    store = await open();
    owner = userViewer(orgId(), 'contributor', ['ops']);
    partner = userViewer(orgId(), 'contributor', ['ops']);
    outsider = userViewer(orgId());
    for (const v of [owner, partner, outsider]) await addOrg(store, v.orgId);
  });
  afterEach(async () => {
    await store.close();
  });

  async function values(viewer: UserViewer, now: string, filters: DefenderFilters = {}) {
    const out: string[] = [];
    for await (const item of defenderItems(store.db, viewer, {
      blocking: true,
      filters,
      baseUrl: 'https://a',
      now,
    }))
      out.push(item.value);
    return out.sort();
  }

  it('drops indicators decayed below the threshold unless sighted since, by a sighting the reader may see', async () => {
    const quiet = ip('198.18.40.1', { confidence: 90 });
    const seen = ip('198.18.40.2', { confidence: 90 });
    const hash = indicator({ pattern: `[file:hashes.'SHA-256' = '${'ab'.repeat(32)}']`, confidence: 90 });
    await importText(store, owner, bundle([quiet, seen, hash]), { distribution: 'community' });
    const sighting = (by: UserViewer, distribution: 'group:ops' | 'organisation') =>
      importText(
        store,
        by,
        bundle([
          {
            type: 'sighting',
            spec_version: '2.1',
            id: stixId('sighting'),
            created: inDays(0),
            modified: inDays(0),
            created_by_ref: by.orgId,
            sighting_of_ref: seen.id,
            last_seen: inDays(55),
          },
        ]),
        { distribution },
      );
    await sighting(partner, 'group:ops');
    expect(await values(owner, inDays(1))).toEqual(['198.18.40.1', '198.18.40.2', 'ab'.repeat(32)].sort());
    // 60 days on: an address lives 30 days, a hash a year; the partner's sighting keeps `seen` alive.
    expect(await values(owner, inDays(60))).toEqual(['198.18.40.2', 'ab'.repeat(32)].sort());
    // The outsider cannot see the partner's sighting, so for them `seen` has decayed too.
    expect(await values(outsider, inDays(60))).toEqual(['ab'.repeat(32)]);
    expect(await values(owner, inDays(60), { minDecay: 0 })).toHaveLength(3);
    expect(await values(owner, inDays(60), { activeOnly: false })).toHaveLength(3);
    expect(await values(owner, inDays(60), { minDecay: 95 })).toEqual([]);
  });
});
