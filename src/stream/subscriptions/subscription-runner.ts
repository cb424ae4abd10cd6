import { randomUUID } from 'node:crypto';
import { viewerForUser } from '../../auth/index.js';
import type { UserViewer } from '../../policy/viewer.js';
import { presentVersions } from '../../present/present-objects.js';
import { STORED_VERSION_COLUMNS, toStoredVersion } from '../../store/objects/read-objects.js';
import { visibleVersions } from '../../store/objects/visible-versions.js';
import type { Store } from '../../store/store.js';
import { readChanges } from '../read-changes.js';
import { postWebhook } from './post-webhook.js';
import { compileQuery } from './subscription-query.js';
import { parseStoredQuery, webhookSecret } from './subscriptions.js';

export interface RunnerOptions {
  fetch?: typeof fetch;
  now?: () => Date;
  /** Attempts before a delivery is `failed` (default 8). */
  maxAttempts?: number;
  /** Wait before attempt `n + 1` after `n` failures (default 10 s × 2^(n-1), at most an hour). */
  backoffMs?: (failures: number) => number;
  timeoutMs?: number;
  onError?: (error: unknown) => void;
}

export interface RunSummary {
  queued: number;
  delivered: number;
  retrying: number;
  failed: number;
  /** Deliveries dropped at send time because the subscriber may no longer see the object. */
  withdrawn: number;
}

export const defaultBackoff = (failures: number) => Math.min(10_000 * 2 ** (failures - 1), 3_600_000);

/** The JSON a webhook receives for one match. */
export function matchPayload(subscription: { id: string; name: string }, event: Record<string, unknown>) {
  return JSON.stringify({ type: 'subscription.match', subscription, event });
}

/**
 * Saved searches to webhooks: `collect` moves each subscription's cursor over the changes its owner
 * may see (the stream's read, so the visibility rule holds) and queues one delivery per matching
 * version; `deliver` posts due deliveries, built at send time from what the owner may see then,
 * signed with HMAC-SHA256, and retries failures with back-off. The schedule lives in the store, so a
 * restart resumes it; cursor moves and claims are compare-and-set, so several nodes never send twice.
 */
export class SubscriptionRunner {
  readonly #now: () => Date;
  readonly #maxAttempts: number;
  readonly #backoff: (failures: number) => number;
  readonly #timeoutMs: number;

  constructor(
    private readonly store: Store,
    private readonly options: RunnerOptions = {},
  ) {
    this.#now = options.now ?? (() => new Date());
    this.#maxAttempts = options.maxAttempts ?? 8;
    this.#backoff = options.backoffMs ?? defaultBackoff;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  async runOnce(): Promise<RunSummary> {
    const queued = await this.collect();
    return { queued, ...(await this.deliver()) };
  }

  /** Queues the new matching versions of every subscription with a webhook; returns how many. */
  async collect(): Promise<number> {
    const subs = await this.store.db
      .selectFrom('subscriptions')
      .select(['id', 'user_id', 'name', 'filter', 'cursor'])
      .where('webhook_url', 'is not', null)
      .execute();
    let queued = 0;
    for (const sub of subs) {
      const viewer = await viewerForUser(this.store, sub.user_id);
      const query = parseStoredQuery(sub.filter);
      if (viewer === null || query === null) continue;
      const compiled = compileQuery(query);
      const cursor = sub.cursor;
      const page = await readChanges(this.store, viewer, {
        after: cursor,
        filter: { ...compiled.filter, kinds: ['version', 'revoked'] },
      });
      if (page.next === cursor) continue;
      const events = page.events.filter(
        (e) =>
          e.kind !== 'deleted' &&
          e.kind !== 'removed' &&
          compiled.matches({ object: e.object, type: e.type, ownerOrg: e.meta.owner_org, tlp: e.meta.tlp }),
      );
      const now = this.#now().toISOString();
      queued += await this.store.writeTransaction(async (trx) => {
        const moved = await trx
          .updateTable('subscriptions')
          .set({ cursor: page.next })
          .where('id', '=', sub.id)
          .where('cursor', '=', cursor)
          .executeTakeFirst();
        // Another node moved it first: its deliveries are queued.
        if (Number(moved.numUpdatedRows) === 0 || events.length === 0) return 0;
        await trx
          .insertInto('subscription_deliveries')
          .values(
            events.map((event) => ({
              id: randomUUID(),
              subscription_id: sub.id,
              seq: event.seq,
              kind: event.kind,
              object_id: event.id,
              payload: '',
              status: 'pending',
              attempts: 0,
              next_attempt_at: now,
              locked_until: null,
              last_status: null,
              last_error: null,
              created: now,
              delivered_at: null,
            })),
          )
          .onConflict((oc) => oc.doNothing())
          .execute();
        return events.length;
      });
    }
    return queued;
  }

  /** The event as the subscriber may see it now, or null when it no longer may. */
  async #eventNow(viewer: UserViewer, seq: number, kind: string): Promise<Record<string, unknown> | null> {
    const row = await visibleVersions(this.store.db, viewer)
      .where('o.seq', '=', seq)
      .select(STORED_VERSION_COLUMNS)
      .executeTakeFirst();
    if (row === undefined) return null;
    const version = toStoredVersion(row);
    const [presented] = await presentVersions(this.store.db, viewer, [version]);
    return { seq, kind, id: version.id, type: version.type, ...presented! };
  }

  /** Posts every due delivery once. */
  async deliver(): Promise<Omit<RunSummary, 'queued'>> {
    const summary = { delivered: 0, retrying: 0, failed: 0, withdrawn: 0 };
    const now = this.#now();
    const due = await this.store.db
      .selectFrom('subscription_deliveries as d')
      .innerJoin('subscriptions as s', 's.id', 'd.subscription_id')
      .select(['d.id', 'd.seq', 'd.kind', 'd.attempts', 's.id as sid', 's.name', 's.user_id'])
      .select(['s.webhook_url', 's.webhook_secret'])
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', now.toISOString())
      .orderBy('d.seq')
      .limit(200)
      .execute();
    for (const d of due) {
      if (d.webhook_url === null || d.webhook_secret === null) continue;
      const lockUntil = new Date(now.getTime() + this.#timeoutMs * 2).toISOString();
      const claimed = await this.store.writeTransaction((trx) =>
        trx
          .updateTable('subscription_deliveries')
          .set({ locked_until: lockUntil })
          .where('id', '=', d.id)
          .where('status', '=', 'pending')
          .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
          .executeTakeFirst(),
      );
      if (Number(claimed.numUpdatedRows) === 0) continue;
      const viewer = await viewerForUser(this.store, d.user_id);
      const event = viewer === null ? null : await this.#eventNow(viewer, d.seq, d.kind);
      if (event === null) {
        summary.withdrawn++;
        await this.#finish(d.id, {
          status: 'withdrawn',
          attempts: d.attempts,
          last_status: null,
          last_error: 'not sent: the subscriber may no longer see this object',
          payload: '',
        });
        continue;
      }
      const body = matchPayload({ id: d.sid, name: d.name }, event);
      const outcome = await postWebhook(
        d.webhook_url,
        await webhookSecret(this.store, d.webhook_secret),
        { id: d.id, kind: 'subscription.match', body },
        {
          timestamp: Math.floor(this.#now().getTime() / 1000),
          timeoutMs: this.#timeoutMs,
          ...(this.options.fetch === undefined ? {} : { fetch: this.options.fetch }),
        },
      );
      const attempts = d.attempts + 1;
      const at = this.#now();
      const status = outcome.ok ? 'delivered' : attempts >= this.#maxAttempts ? 'failed' : 'pending';
      summary[status === 'pending' ? 'retrying' : status]++;
      await this.#finish(d.id, {
        status,
        attempts,
        last_status: outcome.status,
        last_error: outcome.error,
        payload: body,
        delivered_at: outcome.ok ? at.toISOString() : null,
        next_attempt_at:
          status === 'pending' ? new Date(at.getTime() + this.#backoff(attempts)).toISOString() : null,
      });
    }
    return summary;
  }

  #finish(
    id: string,
    set: {
      status: string;
      attempts: number;
      last_status: number | null;
      last_error: string | null;
      payload: string;
      delivered_at?: string | null;
      next_attempt_at?: string | null;
    },
  ) {
    return this.store.writeTransaction((trx) =>
      trx
        .updateTable('subscription_deliveries')
        .set({ next_attempt_at: null, delivered_at: null, ...set, locked_until: null })
        .where('id', '=', id)
        .execute(),
    );
  }

  /** The earliest time a pending delivery is due, or undefined when none waits. */
  async nextDue(): Promise<Date | undefined> {
    const row = await this.store.db
      .selectFrom('subscription_deliveries')
      .select((eb) => eb.fn.min('next_attempt_at').as('at'))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return row?.at == null ? undefined : new Date(row.at);
  }
}
