import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { publicAdvisoriesRoutes } from '../src/http/public/advisories.routes.js';
import { validateBundle } from '../src/stix/validate-bundle.js';
import type { Store } from '../src/store/store.js';
import { orgId } from './factories.js';
import { testApp, testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';
import { storeBackends } from './store-harness.js';

const advisory = (slug: string, tlp = 'clear') => ({
  slug,
  tlp,
  texts: {
    en: {
      title: 'Fake parcel SMS <campaign>',
      summary: 'Texts claiming a parcel is held ask for a fee.',
      body: '# What to look for\n\nA link to a **payment** page. <script>alert(1)</script> [x](javascript:alert(1))',
    },
    fr: { title: 'Faux SMS de colis', summary: 'Des SMS demandent des frais.', body: 'Ne cliquez pas.' },
  },
});

describe.each(storeBackends())('awareness advisories on $name', (backend) => {
  let store: Store;
  let app: FastifyInstance;
  let publisher: TestUser;
  let colleague: TestUser;
  let outsider: TestUser;

  beforeEach(async () => {
    store = await backend.open();
    app = await testApp(store, [publicAdvisoriesRoutes]);
    const org = orgId();
    publisher = await testUser(store, org, 'org-admin');
    colleague = await testUser(store, org, 'reader');
    outsider = await testUser(store, orgId(), 'org-admin');
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });

  async function create(slug: string, tlp = 'clear', who: TestUser = publisher) {
    return app.inject({
      method: 'POST',
      url: '/api/v1/advisories',
      headers: who.auth,
      payload: advisory(slug, tlp),
    });
  }
  const publish = (id: string, who: TestUser = publisher) =>
    app.inject({ method: 'POST', url: `/api/v1/advisories/${id}/publish`, headers: who.auth });

  it('keeps drafts from the public and other organisations; publishing is audited and shows it to all', async () => {
    const made = await create('parcel-sms');
    expect(made.statusCode).toBe(201);
    const id = made.json<{ id: string }>().id;
    expect((await app.inject({ url: '/api/v1/public/advisories/parcel-sms' })).statusCode).toBe(404);
    expect(
      (await app.inject({ url: '/api/v1/public/advisories/parcel-sms', headers: outsider.auth })).statusCode,
    ).toBe(404);
    expect(
      (await app.inject({ url: '/api/v1/public/advisories/parcel-sms', headers: colleague.auth })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ url: '/api/v1/public/advisories' })).json<{ advisories: unknown[] }>().advisories,
    ).toEqual([]);
    expect((await publish(id, outsider)).statusCode).toBe(404);
    expect((await publish(id)).statusCode).toBe(200);
    const audit = await store.db
      .selectFrom('audit_log')
      .select(['action', 'outcome'])
      .where('action', 'like', 'advisory.%')
      .execute();
    expect(audit.map((a) => `${a.action}:${a.outcome}`).sort()).toEqual([
      'advisory.create:ok',
      'advisory.publish:ok',
    ]);
    const list = (await app.inject({ url: '/api/v1/public/advisories?lang=fr' })).json<{
      advisories: Array<{ title: string }>;
    }>();
    expect(list.advisories.map((a) => a.title)).toEqual(['Faux SMS de colis']);
    const found = (await app.inject({ url: '/api/v1/public/advisories?q=PARCEL' })).json<{
      advisories: unknown[];
    }>();
    expect(found.advisories).toHaveLength(1);
    expect(
      (await app.inject({ url: '/api/v1/public/advisories?q=nothing-like-it' })).json<{
        advisories: unknown[];
      }>().advisories,
    ).toEqual([]);
  });

  it('renders Markdown without raw HTML or script links, and falls back to English', async () => {
    await publish((await create('parcel-sms')).json<{ id: string }>().id);
    const de = (await app.inject({ url: '/api/v1/public/advisories/parcel-sms?lang=de' })).json<{
      lang: string;
      html: string;
    }>();
    expect(de.lang).toBe('en');
    expect(de.html).toContain('<h1>What to look for</h1>');
    expect(de.html).toContain('&lt;script&gt;');
    expect(de.html).not.toContain('<script');
    expect(de.html).not.toContain('href="javascript:');
  });

  it('refuses to publish what is not TLP:CLEAR, and lets only publishers write', async () => {
    const amber = await create('amber-one', 'amber');
    const res = await publish(amber.json<{ id: string }>().id);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ code: string }>().code).toBe('tlp_not_publishable');
    expect((await create('by-a-reader', 'clear', colleague)).statusCode).toBe(403);
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/advisories', payload: advisory('anon') })).statusCode,
    ).toBe(401);
    const noEnglish = await app.inject({
      method: 'POST',
      url: '/api/v1/advisories',
      headers: publisher.auth,
      payload: { slug: 'x-y-z', tlp: 'clear', texts: { fr: advisory('a').texts.fr } },
    });
    expect(noEnglish.statusCode).toBe(400);
  });

  it('serves Atom, CSAF 2.0 (with provider metadata and directory) and a STIX report', async () => {
    await publish((await create('parcel-sms')).json<{ id: string }>().id);
    const atom = await app.inject({ url: '/public/advisories.atom' });
    expect(atom.headers['content-type']).toMatch(/application\/atom\+xml/);
    expect(atom.body).toContain('<title>Fake parcel SMS &lt;campaign&gt;</title>');
    expect(atom.body).not.toContain('<script');

    const csaf = (await app.inject({ url: '/api/v1/public/advisories/parcel-sms/csaf' })).json<
      { document: Record<string, unknown> } & Record<string, unknown>
    >();
    expect(csaf.document).toMatchObject({
      category: 'csaf_informational_advisory',
      csaf_version: '2.0',
      distribution: { tlp: { label: 'WHITE' } },
      tracking: { id: 'ACCORD-PARCEL-SMS', status: 'final', version: '1' },
    });
    expect(csaf.product_tree).toBeUndefined();
    expect(csaf.vulnerabilities).toBeUndefined();
    const meta = (await app.inject({ url: '/.well-known/csaf/provider-metadata.json' })).json<{
      role: string;
      distributions: Array<{ directory_url: string }>;
    }>();
    expect(meta.role).toBe('csaf_publisher');
    const index = (await app.inject({ url: '/.well-known/csaf/white/index.txt' })).body.trim();
    expect(index).toMatch(/^\d{4}\/accord-parcel-sms\.json$/);
    const doc = await app.inject({ url: `/.well-known/csaf/white/${index}` });
    expect(doc.json<{ document: { title: string } }>().document.title).toBe('Fake parcel SMS <campaign>');

    const stix = await app.inject({ url: '/api/v1/public/advisories/parcel-sms/stix' });
    const bundle = stix.json<{ objects: Array<{ type: string }> }>();
    expect(bundle.objects.map((o) => o.type)).toEqual(['marking-definition', 'report', 'language-content']);
    expect(validateBundle(bundle).errors).toEqual([]);
  });
});

// The OASIS CSAF 2.0 schemas are not shipped (OASIS IPR terms); point ACCORD_CSAF_SCHEMA_DIR at a
// directory holding csaf_json_schema.json and provider_json_schema.json (csaf_2.0/json_schema of
// https://github.com/oasis-tcs/csaf) to validate against them.
const SCHEMA_DIR = process.env.ACCORD_CSAF_SCHEMA_DIR;
if (SCHEMA_DIR === undefined) console.warn('skipped: CSAF schema validation (set ACCORD_CSAF_SCHEMA_DIR)');

describe.skipIf(SCHEMA_DIR === undefined)('CSAF documents against the OASIS CSAF 2.0 JSON schemas', () => {
  it('validates the advisory and the provider metadata', async () => {
    const { readFileSync } = await import('node:fs');
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    const addFormats = (await import('ajv-formats')).default as unknown as (a: unknown) => void;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const load = (f: string) => JSON.parse(readFileSync(`${SCHEMA_DIR ?? ''}/${f}`, 'utf8')) as object;
    // The CVSS schemas it refers to only apply to vulnerabilities, which informational advisories lack.
    for (const id of [
      'https://www.first.org/cvss/cvss-v2.0.json',
      'https://www.first.org/cvss/cvss-v3.0.json',
      'https://www.first.org/cvss/cvss-v3.1.json',
    ])
      ajv.addSchema({ $id: id }, id);
    ajv.addSchema(load('csaf_json_schema.json'));
    const store = await storeBackends()[0]!.open();
    const app = await testApp(store, [publicAdvisoriesRoutes]);
    const pub = await testUser(store, orgId(), 'admin');
    const made = await app.inject({
      method: 'POST',
      url: '/api/v1/advisories',
      headers: pub.auth,
      payload: advisory('schema-check'),
    });
    await app.inject({
      method: 'POST',
      url: `/api/v1/advisories/${made.json<{ id: string }>().id}/publish`,
      headers: pub.auth,
    });
    const csaf: unknown = (await app.inject({ url: '/api/v1/public/advisories/schema-check/csaf' })).json();
    const validCsaf = ajv.getSchema('https://docs.oasis-open.org/csaf/csaf/v2.0/csaf_json_schema.json')!;
    expect(validCsaf(csaf) ? [] : validCsaf.errors).toEqual([]);
    const validMeta = ajv.compile(load('provider_json_schema.json'));
    const meta: unknown = (await app.inject({ url: '/.well-known/csaf/provider-metadata.json' })).json();
    expect(validMeta(meta) ? [] : validMeta.errors).toEqual([]);
    await app.close();
    await store.close();
  });
});
