import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importsRoutes } from '../src/http/imports/imports.routes.js';
import type { Store } from '../src/store/store.js';
import { testApp, testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';
import { storeBackends } from './store-harness.js';

const A = 'identity--0a000000-0000-4000-8000-00000000000a';
const fixture = (path: string) => readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8');

interface Reply {
  summary: { total: number; created: number; duplicate: number; dry_run: boolean; fatal?: { line?: number } };
  errors: Array<{ code: string; message: string; path?: string; line?: number; column?: number }>;
  results: Array<{ id: string; type: string; status: string }>;
}

describe.each(storeBackends())('POST /api/v1/import/{format} on $name', ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  let user: TestUser;
  beforeEach(async () => {
    store = await open();
    app = await testApp(store, [importsRoutes]);
    user = await testUser(store, A, 'contributor');
  });
  afterEach(async () => {
    await app.close();
    await store.close();
  });
  const post = (path: string, body: string, contentType: string, who: TestUser = user) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/import/${path}`,
      headers: { ...who.auth, 'content-type': contentType },
      payload: body,
    });
  const count = async () =>
    Number(
      (
        await store.db
          .selectFrom('objects')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('imports a MISP event with one result per object, idempotently', async () => {
    const body = fixture('misp/every-type.event.json');
    const r = await post('misp', body, 'application/json');
    expect(r.statusCode).toBe(200);
    const reply = r.json<Reply>();
    expect(reply.summary.created).toBe(reply.summary.total);
    expect(reply.results.find((x) => x.type === 'report')?.status).toBe('created');
    const again = (await post('misp', body, 'application/json')).json<Reply>();
    expect(again.summary).toMatchObject({ created: 0, duplicate: reply.summary.total });
  });

  it('malformed MISP: 400 with the JSON path, nothing written', async () => {
    const bad = JSON.parse(fixture('misp/every-type.event.json')) as {
      Event: { Attribute: Array<Record<string, unknown>> };
    };
    bad.Event.Attribute[3]!.distribution = '9';
    const r = await post('misp', JSON.stringify(bad), 'application/json');
    expect(r.statusCode).toBe(400);
    const reply = r.json<Reply>();
    expect(reply.errors[0]).toMatchObject({
      code: 'invalid_distribution',
      path: 'Event.Attribute[3].distribution',
    });
    expect(await count()).toBe(0);
    const notJson = await post('misp', '{"Event": {', 'application/json');
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json<Reply>().errors[0]?.code).toBe('invalid_json');
  });

  it('CSV with a preset; a malformed CSV is a 400 at its line, nothing written', async () => {
    const ok = await post('csv?preset=urlhaus', fixture('csv/urlhaus.csv'), 'text/csv');
    expect(ok.statusCode).toBe(200);
    expect(ok.json<Reply>().summary.created).toBeGreaterThan(0);
    const before = await count();
    const bad = await post(
      `csv?mapping=${encodeURIComponent(JSON.stringify({ header: true, columns: { value: 'value' } }))}`,
      fixture('csv/unclosed-quote.csv'),
      'text/csv',
    );
    expect(bad.statusCode).toBe(400);
    const reply = bad.json<Reply>();
    expect(reply.errors.some((e) => e.code === 'invalid_csv' && typeof e.line === 'number')).toBe(true);
    expect(reply.summary.fatal?.line).toBeTypeOf('number');
    expect(await count()).toBe(before);
    const mapping = await post('csv?mapping=%7Bnope', 'x', 'text/csv');
    expect(mapping.statusCode).toBe(400);
    expect(mapping.json<{ code: string }>().code).toBe('invalid_mapping');
  });

  it('text dry run previews what would be created and writes nothing', async () => {
    const r = await post('text?text_format=html&dry_run=true', fixture('text/report.html'), 'text/html');
    expect(r.statusCode).toBe(200);
    const reply = r.json<Reply>();
    expect(reply.summary.dry_run).toBe(true);
    expect(reply.summary.created).toBeGreaterThan(1);
    expect(reply.results.filter((x) => x.status === 'created').map((x) => x.type)).toContain('indicator');
    expect(await count()).toBe(0);
  });

  it('refuses readers and anonymous callers', async () => {
    const reader = await testUser(store, A, 'reader');
    expect((await post('text', 'evil.accordtest.net', 'text/plain', reader)).statusCode).toBe(403);
    const anon = await app.inject({ method: 'POST', url: '/api/v1/import/text', payload: 'x' });
    expect(anon.statusCode).toBe(401);
  });
});
