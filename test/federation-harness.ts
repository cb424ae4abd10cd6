import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { connectPeer } from '../src/federation/federation-admin.js';
import { instanceId } from '../src/federation/instance-id.js';
import type { OutboundRule } from '../src/federation/outbound-rule.js';
import { SIGNATURE_HEADER, signPage } from '../src/federation/page-signature.js';
import { getPeer } from '../src/federation/peers.js';
import type { Peer } from '../src/federation/peers.js';
import { pullFromPeer } from '../src/federation/pull-from-peer.js';
import type { PullOptions, PullResult } from '../src/federation/pull-from-peer.js';
import { federationRoutes } from '../src/http/federation/federation.routes.js';
import { SCHEMA_LOCK, openPostgresStore } from '../src/store/postgres/open-postgres.js';
import { openSqliteStore } from '../src/store/sqlite/open-sqlite.js';
import type { Store } from '../src/store/store.js';
import { orgId } from './factories.js';
import { testApp, testUser } from './http-harness.js';
import type { TestUser } from './http-harness.js';

export type Backend = 'sqlite' | 'postgres';

/**
 * One Accord instance of a federation test: its own store (a SQLite file or a PostgreSQL schema,
 * kept across `stop()`/`start()` so a restart is a real one), a Fastify app with the federation
 * routes listening on a loopback port (the same port after a restart), an organisation and its admin.
 */
export class Instance {
  store!: Store;
  app: FastifyInstance | undefined;
  id = '';
  base = '';
  port = 0;
  org = orgId();
  admin!: TestUser;
  user!: TestUser;
  private readonly dir = mkdtempSync(join(tmpdir(), 'accord-fed-'));
  private readonly schema = `f_${randomBytes(8).toString('hex')}`;

  private constructor(
    readonly name: string,
    readonly backend: Backend,
  ) {}

  static async create(name: string, backend: Backend): Promise<Instance> {
    const i = new Instance(name, backend);
    await i.start();
    i.admin = await testUser(i.store, i.org, 'admin');
    i.user = await testUser(i.store, i.org, 'contributor');
    return i;
  }

  private async openStore(): Promise<Store> {
    if (this.backend === 'sqlite') return openSqliteStore(join(this.dir, 'accord.db'));
    return openPostgresStore(process.env.ACCORD_TEST_PG!, { schema: this.schema, max: 4 });
  }

  async start(): Promise<void> {
    this.store = await this.openStore();
    this.id = await instanceId(this.store);
    this.app = await testApp(this.store, [federationRoutes]);
    this.base = await this.app.listen({ port: this.port, host: '127.0.0.1' });
    this.port = Number(new URL(this.base).port);
  }

  /** Stops the instance as `accord serve` does on SIGTERM: the app, then the store. */
  async stop(): Promise<void> {
    await this.app?.close();
    this.app = undefined;
    await this.store.close();
  }

  async destroy(): Promise<void> {
    if (this.app !== undefined) await this.stop();
    if (this.backend === 'postgres') {
      const store = await this.openStore();
      try {
        await store.db.transaction().execute(async (trx) => {
          await sql`SELECT pg_advisory_xact_lock(${SCHEMA_LOCK})`.execute(trx);
          await sql`DROP SCHEMA IF EXISTS ${sql.id(this.schema)} CASCADE`.execute(trx);
        });
      } finally {
        await store.close();
      }
    }
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** This instance's peer record for `other`. */
  peer(other: Instance): Promise<Peer> {
    return getPeer(this.store, other.name);
  }

  /** Pulls what `other` lets out to this instance, page after page, until caught up. */
  async pull(other: Instance, options: PullOptions = {}): Promise<PullResult> {
    return pullFromPeer(this.store, await this.peer(other), { maxPages: 1000, ...options });
  }
}

export interface LinkSide {
  rule?: Partial<OutboundRule>;
  speaksFor: string[];
}

/** Connects two instances both ways with one shared secret; each side names what it sends out. */
export async function link(a: Instance, b: Instance, aSide: LinkSide, bSide: LinkSide): Promise<void> {
  const secret = randomBytes(24).toString('hex');
  const add = (self: Instance, other: Instance, mine: LinkSide, theirs: LinkSide) =>
    connectPeer(self.store, self.admin.viewer, {
      name: other.name,
      url: other.base,
      instance_id: other.id,
      direction: 'both',
      secret,
      rule: { max_tlp: 'green', groups: [], types: [], owners: [], ...mine.rule },
      speaks_for: theirs.speaksFor,
    });
  await add(a, b, aSide, bSide);
  await add(b, a, bSide, aSide);
}

export function backendsFor(): { a: Backend; b: Backend; c: Backend } {
  const pg = process.env.ACCORD_TEST_PG;
  if (pg === undefined || pg === '') {
    console.warn('skipped: the PostgreSQL pair B ↔ C (set ACCORD_TEST_PG=postgres://...); all on SQLite');
    return { a: 'sqlite', b: 'sqlite', c: 'sqlite' };
  }
  return { a: 'sqlite', b: 'postgres', c: 'postgres' };
}

/**
 * A peer that answers `exchange/changes` with whatever `answer` builds (signed with `secret` unless
 * the answer says otherwise): the hostile or broken instance of the refusal tests.
 */
export async function fakePeer(
  answer: (after: number) => { body: string; signature?: string; secret?: string },
  secret: string,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer((request, response) => {
    const after = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('after') ?? '0');
    const a = answer(after);
    response.writeHead(200, {
      'content-type': 'application/json',
      [SIGNATURE_HEADER]: a.signature ?? signPage(a.secret ?? secret, a.body),
    });
    response.end(a.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}
