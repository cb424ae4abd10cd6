import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundle, indicator, orgId, stixId } from '../../../test/factories.js';
import { testApp, testUser } from '../../../test/http-harness.js';
import type { TestUser } from '../../../test/http-harness.js';
import { storeBackends } from '../../../test/store-harness.js';
import type { Store } from '../../store/store.js';
import { serverRoutes } from '../server-routes.js';

const [sqlite] = storeBackends();

describe('POST /api/v1/bundles', () => {
  let store: Store;
  let user: TestUser;
  beforeEach(async () => {
    store = await sqlite!.open();
    user = await testUser(store, orgId());
  });
  afterEach(async () => {
    await store.close();
  });

  // 8.8.8.8 is on the built-in public-resolver warninglist; 198.18.0.9 is on none.
  const objects = () => [
    { type: 'ipv4-addr', spec_version: '2.1', id: stixId('ipv4-addr'), value: '8.8.8.8' },
    indicator({ pattern: "[ipv4-addr:value = '198.18.0.9']" }),
  ];

  const post = async (query: string) => {
    const app = await testApp(store, serverRoutes);
    try {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/bundles${query}`,
        headers: { ...user.auth, 'content-type': 'application/json' },
        payload: JSON.stringify(bundle(objects())),
      });
      return res.json<{
        summary: Record<string, number>;
        results: Array<{
          status: string;
          errors: Array<{ code: string }>;
          warnings: Array<{ code: string }>;
        }>;
      }>();
    } finally {
      await app.close();
    }
  };

  it('imports warninglisted values with a warning by default', async () => {
    const body = await post('');
    expect(body.summary).toMatchObject({ total: 2, created: 2 });
    expect(body.results[0]!.warnings.map((w) => w.code)).toContain('warninglisted');
  });

  it('refuses them with drop_warninglisted=true, and imports the rest', async () => {
    const body = await post('?drop_warninglisted=true');
    expect(body.summary).toMatchObject({ total: 2, created: 1, refused: 1 });
    expect(body.results[0]).toMatchObject({ status: 'refused', errors: [{ code: 'warninglisted' }] });
    expect(body.results[1]!.status).toBe('created');
  });
});
