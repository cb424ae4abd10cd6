import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_DECOYS, PAD_TO, PREFIX_LENGTH, rangeHash } from '../src/deconflict/range/index.js';
import { rangeRoutes } from '../src/http/range/range.routes.js';
import type { Store } from '../src/store/store.js';
import { bundle, indicator, orgId } from './factories.js';
import { testApp, testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';
import { importText } from './import-helpers.js';
import { storeBackends } from './store-harness.js';

const PUBLIC_VICTIM = 'victim@corp-mail.com';
const GROUP_VICTIM = 'secret-victim@corp-mail.com';
const UNLABELLED = 'bystander@corp-mail.com';
const PUBLIC_IP = '45.155.205.66';

const email = (value: string, labels?: string[]) =>
  indicator({ pattern: `[email-addr:value = '${value}']`, ...(labels === undefined ? {} : { labels }) });

describe.each(storeBackends())('GET /api/v1/range on $name', ({ open }) => {
  let store: Store;
  let app: FastifyInstance;
  let member: TestUser;
  let outsider: TestUser;
  beforeAll(async () => {
    store = await open();
    app = await testApp(store, [rangeRoutes]);
    const owner = await testUser(store, orgId(), 'contributor', ['victims-group']);
    member = await testUser(store, orgId(), 'reader', ['victims-group']);
    outsider = await testUser(store, orgId(), 'reader');
    await importText(
      store,
      owner.viewer,
      bundle([
        email(PUBLIC_VICTIM, ['compromised']),
        email(UNLABELLED),
        indicator({ pattern: `[ipv4-addr:value = '${PUBLIC_IP}']`, labels: ['victim'] }),
      ]),
      { distribution: 'public', tlp: 'clear' },
    );
    await importText(store, owner.viewer, bundle([email(GROUP_VICTIM, ['compromised'])]), {
      distribution: 'group:victims-group',
      tlp: 'amber',
    });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const lookup = async (kind: string, value: string, auth?: { authorization: string }) => {
    const hash = rangeHash(value);
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/range/${kind}/${hash.slice(0, PREFIX_LENGTH).toLowerCase()}`,
      ...(auth === undefined ? {} : { headers: auth }),
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ suffixes: string[] }>();
    return { found: body.suffixes.includes(hash.slice(PREFIX_LENGTH)), suffixes: body.suffixes };
  };

  it('answers public sets anonymously, and sets of a group only to its members', async () => {
    expect((await lookup('email', PUBLIC_VICTIM)).found).toBe(true);
    expect((await lookup('ip', PUBLIC_IP)).found).toBe(true);
    expect((await lookup('email', GROUP_VICTIM)).found).toBe(false);
    expect((await lookup('email', GROUP_VICTIM, outsider.auth)).found).toBe(false);
    expect((await lookup('email', GROUP_VICTIM, member.auth)).found).toBe(true);
    // Not in a compromised or victim set: never answers, whoever asks.
    expect((await lookup('email', UNLABELLED, member.auth)).found).toBe(false);
    // The right kind only.
    expect((await lookup('domain', PUBLIC_VICTIM)).found).toBe(false);
  });

  it('pads every answer, so its size tells nothing about the bucket', async () => {
    const sizes = new Set<number>();
    for (const [value, auth] of [
      [PUBLIC_VICTIM, undefined],
      [GROUP_VICTIM, member.auth],
      ['nobody@nowhere.com', undefined],
    ] as const) {
      const a = await lookup('email', value, auth);
      const b = await lookup('email', value, auth);
      for (const s of [a.suffixes, b.suffixes]) {
        expect(s.length).toBeGreaterThanOrEqual(PAD_TO[0]);
        expect(s.length).toBeGreaterThanOrEqual(MIN_DECOYS + 1);
        expect(s.every((x) => /^[0-9A-F]{59}$/.test(x))).toBe(true);
        expect([...s].sort()).toEqual(s);
        sizes.add(s.length);
      }
      // Decoys are fresh each time: the only suffixes two answers share are real ones.
      const shared = a.suffixes.filter((x) => b.suffixes.includes(x));
      expect(shared.length).toBe(a.found ? 1 : 0);
    }
    expect(sizes.size).toBeGreaterThan(1);
  });

  it('refuses bad prefixes and kinds with a 400 that says what is wrong', async () => {
    const get = (url: string) => app.inject({ method: 'GET', url });
    const short = await get('/api/v1/range/email/ABCD');
    expect(short.statusCode).toBe(400);
    expect(short.json()).toMatchObject({ code: 'invalid_range_prefix' });
    expect(short.body).toContain('exactly 5 hexadecimal digits');
    const notHex = await get('/api/v1/range/email/ABCDG');
    expect(notHex.statusCode).toBe(400);
    expect(notHex.body).toContain('hexadecimal');
    expect((await get('/api/v1/range/email/ABCDEF')).statusCode).toBe(400);
    const kind = await get('/api/v1/range/phone/ABCDE');
    expect(kind.statusCode).toBe(400);
    expect(kind.json()).toMatchObject({ code: 'invalid_range_kind' });
    expect(kind.body).toContain('email, ip, domain');
  });
});
