import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, httpWorld, lastEntry, member } from '../src/http/admin/admin-test-app.js';
import type { HttpWorld, Reply } from '../src/http/admin/admin-test-app.js';
import { shippedDecryptors } from '../src/public/ransomware/decryptors.js';
import { shippedReportingContacts } from '../src/public/ransomware/advice.js';
import { storeBackends } from './store-harness.js';

const LOCKY = '8d51a22e-3485-4480-af96-8ed0305a7aa6';
const DJVU = 'e37ddc9e-8ceb-4817-a17e-755aa379ed14';
const BASE = '/api/v1/admin/ransomware';
const ENTRY = {
  tool: 'Locky test decryptor',
  provider: 'Example Lab',
  url: 'https://decrypt.example/locky',
  source: 'https://news.example/locky-keys',
  note: 'version 1 only',
};

describe.each(storeBackends())('admin REST for the ransomware tables on $name', ({ open }) => {
  let w: HttpWorld;
  let orgAdminKey: string;
  let readerKey: string;
  let readOnlyAdminKey: string;

  const identify = async (body: unknown): Promise<Reply['body']> =>
    (await call(w.app, 'POST', '/api/v1/public/ransomware/identify', undefined, body)).body;
  const snapshot = async () => ({
    decryptors: (await call(w.app, 'GET', `${BASE}/decryptors`, w.adminKey)).body,
    contacts: (await call(w.app, 'GET', `${BASE}/contacts`, w.adminKey)).body,
  });

  beforeAll(async () => {
    w = await httpWorld(await open());
    orgAdminKey = (await member(w, w.adminOrg.id, 'org-admin')).key;
    readerKey = (await member(w, w.adminOrg.id, 'reader')).key;
    readOnlyAdminKey = (await member(w, w.adminOrg.id, 'admin', { readOnly: true })).key;
  });
  afterAll(async () => {
    await w.app.close();
    await w.store.close();
  });

  it('starts from the shipped entries, seeded into the store by the migration', async () => {
    const { decryptors, contacts } = await snapshot();
    expect(decryptors.items.map((d: { galaxy_uuid: string }) => d.galaxy_uuid).sort()).toEqual(
      shippedDecryptors()
        .map((d) => d.galaxy_uuid)
        .sort(),
    );
    expect(contacts.items).toEqual(
      [...shippedReportingContacts()].sort((a, b) => a.country.localeCompare(b.country)),
    );
  });

  it('refuses everyone but administrators: anonymous 401, others 403 (denial audited), nothing changed', async () => {
    const before = await snapshot();
    expect((await call(w.app, 'GET', `${BASE}/decryptors`)).status).toBe(401);
    expect(
      (await call(w.app, 'PUT', `${BASE}/contacts/DE`, undefined, { name: 'x', url: 'https://x.example/' }))
        .status,
    ).toBe(401);
    for (const key of [orgAdminKey, readerKey]) {
      expect((await call(w.app, 'GET', `${BASE}/decryptors`, key)).status).toBe(403);
      expect((await call(w.app, 'GET', `${BASE}/contacts`, key)).status).toBe(403);
      expect((await call(w.app, 'PUT', `${BASE}/decryptors/${LOCKY}`, key, ENTRY)).status).toBe(403);
      expect(await lastEntry(w.store)).toMatchObject({
        action: 'ransomware.decryptor.set',
        outcome: 'denied',
      });
      expect((await call(w.app, 'DELETE', `${BASE}/decryptors/${DJVU}`, key)).status).toBe(403);
      expect(
        (await call(w.app, 'PUT', `${BASE}/contacts/DE`, key, { name: 'x', url: 'https://x.example/' }))
          .status,
      ).toBe(403);
      expect((await call(w.app, 'DELETE', `${BASE}/contacts/FR`, key)).status).toBe(403);
      expect(await lastEntry(w.store)).toMatchObject({
        action: 'ransomware.contact.remove',
        outcome: 'denied',
      });
    }
    const ro = await call(w.app, 'PUT', `${BASE}/decryptors/${LOCKY}`, readOnlyAdminKey, ENTRY);
    expect(ro).toMatchObject({ status: 403, body: { code: 'read_only' } });
    expect(await snapshot()).toEqual(before);
  });

  it('answers bad input with 400 naming the path, and changes nothing', async () => {
    const before = await snapshot();
    const cases: Array<[string, string, unknown, RegExp]> = [
      [`${BASE}/decryptors/${LOCKY}`, 'body.url', { ...ENTRY, url: 'javascript:alert(1)' }, /http or https/],
      [`${BASE}/decryptors/${LOCKY}`, 'body.tool', { ...ENTRY, tool: '' }, /./],
      [`${BASE}/decryptors/${LOCKY}`, 'body', { ...ENTRY, extra: 1 }, /extra/],
      [`${BASE}/decryptors/not-a-uuid`, 'params.uuid', ENTRY, /UUID/],
      [`${BASE}/contacts/FRA`, 'params.country', { name: 'x', url: 'https://x.example/' }, /two letters/],
      [`${BASE}/contacts/DE`, 'body.url', { name: 'BKA', url: 'ftp://bka.example/' }, /http/],
      [`${BASE}/contacts/DE`, 'body.name', { url: 'https://bka.example/' }, /./],
    ];
    for (const [url, path, body, message] of cases) {
      const res = await call(w.app, 'PUT', url, w.adminKey, body);
      expect(res.status, url).toBe(400);
      expect(res.body.details.map((d: { path: string }) => d.path).join(' ')).toContain(path);
      expect(res.body.message).toMatch(message);
    }
    const unknown = await call(
      w.app,
      'PUT',
      `${BASE}/decryptors/00000000-0000-4000-8000-000000000000`,
      w.adminKey,
      ENTRY,
    );
    expect(unknown).toMatchObject({ status: 400, body: { code: 'unknown_family' } });
    expect(unknown.body.details[0].path).toBe('galaxy_uuid');
    expect((await call(w.app, 'DELETE', `${BASE}/decryptors/${LOCKY}`, w.adminKey)).status).toBe(404);
    expect((await call(w.app, 'DELETE', `${BASE}/contacts/ZZ`, w.adminKey)).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('sets and removes decryptors, audited, and the identification answers use the edited table', async () => {
    const locky = { file_names: ['report.docx.locky'], note_names: ['_Locky_recover_instructions.txt'] };
    expect((await identify(locky)).candidates[0]).toMatchObject({ galaxy_uuid: LOCKY, decryptor: null });
    const set = await call(w.app, 'PUT', `${BASE}/decryptors/${LOCKY.toUpperCase()}`, w.adminKey, ENTRY);
    expect(set).toMatchObject({
      status: 201,
      body: { created: true, decryptor: { family: 'Locky', galaxy_uuid: LOCKY } },
    });
    expect(await lastEntry(w.store)).toMatchObject({
      action: 'ransomware.decryptor.set',
      outcome: 'ok',
      target: LOCKY,
    });
    expect((await identify(locky)).candidates[0].decryptor).toMatchObject({ ...ENTRY, family: 'Locky' });
    const again = await call(w.app, 'PUT', `${BASE}/decryptors/${LOCKY}`, w.adminKey, {
      ...ENTRY,
      note: undefined,
      tool: 'v2',
    });
    expect(again).toMatchObject({ status: 200, body: { created: false } });
    expect((await identify(locky)).candidates[0].decryptor.tool).toBe('v2');
    expect((await identify(locky)).candidates[0].decryptor.note).toBeUndefined();

    const djvu = { file_names: ['a.jpg.djvu'] };
    expect((await identify(djvu)).candidates[0].decryptor).not.toBeNull();
    expect((await call(w.app, 'DELETE', `${BASE}/decryptors/${DJVU}`, w.adminKey)).status).toBe(204);
    expect(await lastEntry(w.store)).toMatchObject({
      action: 'ransomware.decryptor.remove',
      outcome: 'ok',
      target: DJVU,
    });
    expect((await identify(djvu)).candidates[0].decryptor).toBeNull();
    const family = await call(w.app, 'GET', `/api/v1/public/ransomware/families/${DJVU}`);
    expect(family.body.decryptor).toBeNull();
  });

  it('sets and removes reporting contacts, and the advice uses them', async () => {
    const de = await call(w.app, 'PUT', `${BASE}/contacts/de`, w.adminKey, {
      name: 'BKA',
      url: 'https://www.bka.de/',
    });
    expect(de).toMatchObject({ status: 201, body: { contact: { country: 'DE', name: 'BKA' } } });
    expect(await lastEntry(w.store)).toMatchObject({
      action: 'ransomware.contact.set',
      outcome: 'ok',
      target: 'DE',
    });
    const advice = async (cc: string): Promise<Reply['body']> =>
      (await call(w.app, 'GET', `/api/v1/public/ransomware/advice?country=${cc}`)).body.reporting_contact;
    expect(await advice('de')).toEqual({ country: 'DE', name: 'BKA', url: 'https://www.bka.de/' });
    expect((await call(w.app, 'DELETE', `${BASE}/contacts/FR`, w.adminKey)).status).toBe(204);
    expect((await advice('fr')).country).toBe('*');
    const fallback = await call(w.app, 'PUT', `${BASE}/contacts/*`, w.adminKey, {
      name: 'Interpol',
      url: 'https://www.interpol.int/',
    });
    expect(fallback).toMatchObject({ status: 200, body: { created: false, contact: { country: '*' } } });
    expect((await advice('fr')).name).toBe('Interpol');
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await call(w.app, 'GET', '/api/openapi.json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        `${BASE}/decryptors`,
        `${BASE}/decryptors/{uuid}`,
        `${BASE}/contacts/{country}`,
      ]),
    );
  });
});
