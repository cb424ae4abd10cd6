import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PSS_FILES,
  checkAgainstSet,
  exportPss,
  pssHash,
  readPssSet,
  traceLeak,
} from '../src/deconflict/pss/index.js';
import type { PssExport } from '../src/deconflict/pss/index.js';
import type { Store } from '../src/store/store.js';
import { bundle, indicator, orgId } from './factories.js';
import { testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';
import { importText } from './import-helpers.js';
import { storeBackends } from './store-harness.js';

const SHARED = ['bad-c2-domain.com', '45.155.205.66'];
const GROUP_ONLY = 'partners-only-c2.com';

function writeSet(set: PssExport, withHashes = true): string {
  const dir = mkdtempSync(join(tmpdir(), 'accord-pss-'));
  writeFileSync(join(dir, PSS_FILES.metadata), JSON.stringify(set.metadata));
  if (withHashes) writeFileSync(join(dir, PSS_FILES.hashes), `${set.hashes.join('\n')}\n`);
  writeFileSync(join(dir, PSS_FILES.bloom), set.bloom);
  writeFileSync(join(dir, PSS_FILES.key), set.key);
  return dir;
}

describe.each(storeBackends())('private search sets on $name', { timeout: 60_000 }, ({ open }) => {
  let store: Store;
  let exporter: TestUser;
  let admin: TestUser;
  const recipients = { a: '', b: '' };
  const sets: Record<string, PssExport> = {};
  beforeAll(async () => {
    store = await open();
    exporter = await testUser(store, orgId(), 'contributor', ['partners']);
    admin = await testUser(store, orgId(), 'admin');
    recipients.a = (await testUser(store, orgId())).viewer.orgId;
    recipients.b = (await testUser(store, orgId())).viewer.orgId;
    await importText(
      store,
      exporter.viewer,
      bundle([
        indicator({ pattern: `[domain-name:value = '${SHARED[0]!}']` }),
        indicator({ pattern: `[ipv4-addr:value = '${SHARED[1]!}']` }),
      ]),
      { distribution: 'community' },
    );
    await importText(
      store,
      exporter.viewer,
      bundle([indicator({ pattern: `[domain-name:value = '${GROUP_ONLY}']` })]),
      {
        distribution: 'group:partners',
        tlp: 'amber',
      },
    );
    const base = { filters: { activeOnly: true, includePapRed: false }, baseUrl: 'https://accord.example' };
    sets.a = await exportPss(store, exporter.viewer, { ...base, recipientOrg: recipients.a });
    sets.b = await exportPss(store, exporter.viewer, { ...base, recipientOrg: recipients.b });
  });
  afterAll(async () => {
    await store.close();
  });

  it('holds only values the recipient may see, keyed per recipient, in the PSS meta format', () => {
    const a = sets.a!;
    expect(a.hashes).toHaveLength(2);
    const key = Buffer.from(a.key, 'hex');
    expect(a.hashes).toEqual(SHARED.map((v) => pssHash(key, v)).sort());
    expect(a.hashes).not.toContain(pssHash(key, GROUP_ONLY));
    expect(a.metadata).toMatchObject({
      version: 1,
      algorithm: 'HMAC-SHA-256',
      bloomfilter: { capacity: 2, 'fp-probability': 0.001, format: 'dcso-v1' },
      'canonicalization-format': 'accord-observable-v1',
      'x-accord-recipient': recipients.a,
    });
    expect(a.metadata.keyid).toMatch(/^accord:[0-9a-f]{16}$/);
    // The same values, another recipient: nothing in common.
    expect(sets.b!.hashes.filter((h) => a.hashes.includes(h))).toEqual([]);
    expect(sets.b!.metadata.keyid).not.toBe(a.metadata.keyid);
  });

  it('traces a leaked set to its recipient, even stripped of its metadata', async () => {
    const a = sets.a!;
    const byKeyid = await traceLeak(store, admin.viewer, { keyid: a.metadata.keyid });
    expect(byKeyid.map((t) => t.recipient_org)).toEqual([recipients.a]);
    const byHashes = await traceLeak(store, admin.viewer, { hashes: a.hashes });
    expect(byHashes.map((t) => [t.recipient_org, t.evidence])).toEqual([[recipients.a, ['hashes']]]);
    const byBloom = await traceLeak(store, admin.viewer, { bloom: sets.b!.bloom });
    expect(byBloom.map((t) => t.recipient_org)).toEqual([recipients.b]);
    await expect(traceLeak(store, exporter.viewer, { hashes: a.hashes })).rejects.toMatchObject({
      status: 403,
    });
  });

  it('matches log lines locally against the set and its bloom filter', async () => {
    const log = [
      'GET http://bad-c2-domain[.]com/x 200',
      'conn 10.1.1.1 -> 45.155.205.66:443',
      `dns ${GROUP_ONLY}`,
      'dns harmless-site.com',
    ].join('\n');
    const exact = checkAgainstSet(await readPssSet(writeSet(sets.a!)), log);
    expect(exact.map((h) => [h.line, h.value, h.certainty])).toEqual([
      [1, 'bad-c2-domain.com', 'exact'],
      [2, '45.155.205.66', 'exact'],
    ]);
    const probable = checkAgainstSet(await readPssSet(writeSet(sets.a!, false)), log);
    expect(probable.map((h) => h.value)).toEqual(['bad-c2-domain.com', '45.155.205.66']);
    expect(probable.every((h) => h.certainty === 'probable')).toBe(true);
    // Recipient b's key opens nothing of a's set.
    const wrong = await readPssSet(writeSet(sets.a!), sets.b!.key);
    expect(checkAgainstSet(wrong, log)).toEqual([]);
  });
});
