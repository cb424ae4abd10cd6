import { randomUUID } from 'node:crypto';
import type { ImportSummary, ObjectResult } from '../src/ingest/import-result.js';
import { importBundle } from '../src/ingest/stix/import-bundle.js';
import type { ImportOptions } from '../src/ingest/stix/import-bundle.js';
import type { OrgDefaults, WriteChoice } from '../src/ingest/write-policy.js';
import type { UserViewer } from '../src/policy/viewer.js';
import type { Store } from '../src/store/store.js';
import { chunked } from './factories.js';

/** Registers an organisation row directly (tests of the object store need no admin service). */
export async function addOrg(
  store: Store,
  id: string,
  defaults: Partial<Pick<OrgDefaults, 'defaultDistribution' | 'defaultTlp'>> = {},
): Promise<void> {
  await store.db
    .insertInto('organisations')
    .values({
      id,
      name: `Org ${randomUUID().slice(0, 8)}`,
      kind: 'private',
      sector: null,
      country: null,
      default_distribution: defaults.defaultDistribution ?? 'community',
      default_tlp: defaults.defaultTlp ?? 'none',
      created: '2026-01-01T00:00:00.000Z',
    })
    .execute();
}

export async function loadOrgs(store: Store): Promise<Map<string, OrgDefaults>> {
  const { loadOrgDefaults } = await import('../src/ingest/org-defaults.js');
  return loadOrgDefaults(store.db);
}

/** Imports a bundle (object or text) as `writer` and returns the summary and every result. */
export async function importText(
  store: Store,
  writer: UserViewer,
  bundle: unknown,
  choice: WriteChoice = {},
  options: ImportOptions = {},
): Promise<{ summary: ImportSummary; results: ObjectResult[] }> {
  const text = typeof bundle === 'string' ? bundle : JSON.stringify(bundle);
  const results: ObjectResult[] = [];
  const summary = await importBundle(
    store,
    chunked(text, 8192),
    { writer, choice, orgs: await loadOrgs(store) },
    { ...options, onResult: (r) => results.push(r) },
  );
  results.sort((a, b) => a.index - b.index);
  return { summary, results };
}
