import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import helmet from 'helmet';
import type { HelmetOptions } from 'helmet';
import { describe, expect, it } from 'vitest';
import { installSecurityHeaders, securityHeaders } from './security-headers.js';

const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], imgSrc: ["'self'", 'data:'] } },
};

/** The headers Helmet's own middleware puts on a real node:http response. */
async function helmetOnARealResponse(options: HelmetOptions): Promise<Record<string, string>> {
  const middleware = helmet(options);
  const server = createServer((request, response) => {
    middleware(request, response, () => response.end('ok'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const r = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const generic = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
    return Object.fromEntries([...r.headers].filter(([name]) => !generic.has(name)));
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('security headers', () => {
  it('are exactly the headers Helmet sets on a response', async () => {
    const once = securityHeaders(OPTIONS);
    expect(once).toEqual(await helmetOnARealResponse(OPTIONS));
    expect(once['content-security-policy']).toContain("img-src 'self' data:");
    expect(once['strict-transport-security']).toBeDefined();
  });

  it('go on every response, and a route can replace one with its own', async () => {
    const app = Fastify();
    installSecurityHeaders(app, OPTIONS);
    app.get('/plain', () => 'plain');
    app.get('/strict', (_request, reply) =>
      reply.header('content-security-policy', "default-src 'none'").send('strict'),
    );
    app.get('/fails', () => {
      throw new Error('boom');
    });
    const expected = securityHeaders(OPTIONS);
    for (const url of ['/plain', '/fails', '/missing']) {
      const r = await app.inject({ url });
      for (const [name, value] of Object.entries(expected))
        expect(r.headers[name], `${url} ${name}`).toBe(value);
    }
    const strict = await app.inject({ url: '/strict' });
    expect(strict.headers['content-security-policy']).toBe("default-src 'none'");
    expect(strict.headers['x-content-type-options']).toBe('nosniff');
    await app.close();
  });
});
