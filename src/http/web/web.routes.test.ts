import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../store/sqlite/open-sqlite.js';
import type { Store } from '../../store/store.js';
import { webApp } from '../../../test/e2e/web-app.js';
import { staticFile, webRoutes } from './web.routes.js';

describe('serving the web UI', () => {
  let dir: string;
  let root: string;
  let store: Store;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'accord-web-'));
    root = join(dir, 'dist') + '/';
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Accord</title><div id="root"></div>');
    writeFileSync(join(root, 'assets', 'app-1234.js'), 'console.log(1)');
    writeFileSync(join(dir, 'secret.txt'), 'outside');
    store = await openSqliteStore(join(dir, 'a.db'));
    app = await webApp(store, [(ctx) => webRoutes(ctx, root)]);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes, under the CSP', async () => {
    for (const url of ['/', '/search?q=emotet', '/objects/malware--1']) {
      const r = await app.inject({ url });
      expect(r.statusCode, url).toBe(200);
      expect(r.body).toContain('<div id="root">');
      expect(r.headers['content-type']).toMatch(/text\/html/);
      expect(r.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('serves hashed assets with a long cache lifetime', async () => {
    const r = await app.inject({ url: '/assets/app-1234.js' });
    expect(r.statusCode).toBe(200);
    expect(r.body).toBe('console.log(1)');
    expect(r.headers['cache-control']).toMatch(/max-age=31536000.*immutable/);
  });

  it('never falls back to the UI for API, TAXII or feed paths, and never leaves the root', async () => {
    for (const url of ['/api/v1/nothing', '/taxii2/x/', '/feeds/unknown', '/api']) {
      const r = await app.inject({ url });
      expect(r.statusCode, url).toBe(404);
      const body = r.json();
      expect(body.code ?? body.error_code).toBe('not_found');
    }
    const escape = await app.inject({ url: '/%2e%2e/secret.txt' });
    expect(escape.body).not.toContain('outside');
    expect(staticFile(root, '/../secret.txt')).toBeUndefined();
    expect(staticFile(root, '/assets/app-1234.js')).toBe(join('assets', 'app-1234.js'));
  });
});
