import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { identifyRansomware } from '../src/public/ransomware/identify-ransomware.js';
import { IdentifyInput } from '../src/public/ransomware/identify-input.js';
import {
  loadRansomwareDatabase,
  updateRansomwareGalaxy,
} from '../src/public/ransomware/ransomware-database.js';
import type { Store } from '../src/store/store.js';
import { bundle, indicator, malware, orgId, relationship, userViewer } from './factories.js';
import { addOrg, importText } from './import-helpers.js';
import { storeBackends } from './store-harness.js';

const galaxy = (version: number, name: string) => ({
  uuid: '10cf658b-5d32-4c4b-bb32-61760a640372',
  name: 'Ransomware',
  type: 'ransomware',
  version,
  values: [
    {
      uuid: 'f0000000-0000-4000-8000-00000000000a',
      value: name,
      meta: { extensions: [`.${name.toLowerCase()}`] },
    },
  ],
});

describe.each(storeBackends())('ransomware identification on $name', (backend) => {
  let store: Store;
  const org = orgId();
  const writer = userViewer(org, 'contributor');
  const admin = userViewer(org, 'admin');

  beforeEach(async () => {
    store = await backend.open();
    await addOrg(store, org);
  });
  afterEach(async () => {
    await store.close();
  });

  async function linkContact(distribution: 'public' | 'community', family: string) {
    const m = malware({ name: family });
    const ind = indicator({ name: 'wallet', pattern: `[email-addr:value = 'pay@quokka.example']` });
    await importText(store, writer, bundle([m, ind, relationship(ind.id, m.id)]), {
      distribution,
      tlp: distribution === 'public' ? 'clear' : 'green',
    });
    return m.id;
  }

  it('joins public malware named like a family, and never community intelligence', async () => {
    const pub = await linkContact('public', 'LockBit');
    await linkContact('community', 'Conti');
    const r = await identifyRansomware(
      store,
      IdentifyInput.parse({ file_names: ['x.lockbit'], note_text: 'Conti and LockBit' }),
    );
    const lockbit = r.candidates.find((c) => c.family === 'LockBit');
    expect(lockbit?.intelligence).toEqual([{ id: pub, name: 'LockBit' }]);
    const conti = r.candidates.find((c) => c.family === 'Conti');
    expect(conti?.intelligence ?? []).toEqual([]);
  });

  it('counts a contact that public relationships tie to a family, and not one tied only in community data', async () => {
    await linkContact('community', 'Akira');
    const hidden = await identifyRansomware(store, IdentifyInput.parse({ contacts: ['pay@quokka.example'] }));
    expect(hidden.candidates).toEqual([]);
    await linkContact('public', 'Akira');
    const shown = await identifyRansomware(store, IdentifyInput.parse({ contacts: ['pay@quokka.example'] }));
    expect(shown.candidates[0]?.family).toBe('Akira');
    expect(shown.candidates[0]?.reasons.join()).toMatch(
      /linked to Akira in the partners' public intelligence/,
    );
  });

  it('lets an administrator replace the database from a newer galaxy, audited; others are refused', async () => {
    await expect(updateRansomwareGalaxy(store, writer, galaxy(900, 'Quokka'))).rejects.toMatchObject({
      status: 403,
    });
    await expect(updateRansomwareGalaxy(store, admin, { type: 'tool' })).rejects.toMatchObject({
      code: 'invalid_galaxy',
    });
    const before = await loadRansomwareDatabase(store);
    expect(before.source).toBe('shipped');
    const done = await updateRansomwareGalaxy(store, admin, galaxy(900, 'Quokka'));
    expect(done).toMatchObject({ galaxy_version: 900, families: 1 });
    const r = await identifyRansomware(store, IdentifyInput.parse({ file_names: ['a.QUOKKA'] }));
    expect(r.database).toMatchObject({ galaxy_version: 900, families: 1 });
    expect(r.candidates[0]?.family).toBe('Quokka');
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('action', '=', 'ransomware.galaxy.update')
      .execute();
    expect(audit.map((a) => a.outcome).sort()).toEqual(['denied', 'ok']);
  });
});
