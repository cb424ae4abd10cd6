import { randomUUID } from 'node:crypto';
import { viewerForUser } from '../../auth/index.js';
import type { Store } from '../../store/store.js';
import { readChanges } from '../read-changes.js';
import type { StreamFilter } from '../stream-filter.js';
import { webhookSecret } from './subscriptions.js';
import { SIGNATURE_HEADER, signWebhook } from './webhook-signature.js';

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
}

const defaultBackoff = (failures: number) => Math.min(10_000 * 2 ** (failures - 1), 3_600_000);

/**
 * Saved searches to webhooks: `collect` moves each subscription's cursor over the changes its owner
 * may see (the stream's read, so the visibility rule holds) and queues one delivery per matching
 * event; `deliver` posts due deliveries, signed with HMAC-SHA256, and retries failures with back-off.
 * Cursor moves and delivery claims are compare-and-set, so several nodes never send an event twice.
 */
export class SubscriptionRunner {
  readonly #fetch: typeof fetch;
  readonly #now: () => Date;
  readonly #maxAttempts: number;
  readonly #backoff: (failures: number) => number;
  readonly #timeoutMs: number;

  constructor(
    private readonly store: Store,
    private readonly options: RunnerOptions = {},
  ) {
    this.#fetch = options.fetch ?? fetch;
    this.#now = options.now ?? (() => new Date());
    this.#maxAttempts = options.maxAttempts ?? 8;
    this.#backoff = options.backoffMs ?? defaultBackoff;
    this.#timeoutMs = options.timeoutMs ?? 10_000;
  }

  async runOnce(): Promise<RunSummary> {
    const queued = await this.collect();
    return { queued, ...(await this.deliver()) };
  }

  /** Queues the new matching events of every subscription with a webhook; returns how many. */
  async collect(): Promise<number> {
    const subs = await this.store.db
      .selectFrom('subscriptions')
      .select(['id', 'user_id', 'filter', 'cursor'])
      .where('webhook_url', 'is not', null)
      .execute();
    let queued = 0;
    for (const sub of subs) {
      const viewer = await viewerForUser(this.store, sub.user_id);
      if (viewer === null) continue;
      const saved = JSON.parse(sub.filter) as StreamFilter;
      const filter: StreamFilter = { kinds: ['version', 'revoked'], ...saved };
      const page = await readChanges(this.store, viewer, { after: sub.cursor, filter });
      if (page.next === sub.cursor) continue;
      const now = this.#now().toISOString();
      queued += await this.store.writeTransaction(async (trx) => {
        const moved = await trx
          .updateTable('subscriptions')
          .set({ cursor: page.next })
          .where('id', '=', sub.id)
          .where('cursor', '=', sub.cursor)
          .executeTakeFirst();
        // Another node moved it first: its deliveries are queued.
        if (Number(moved.numUpdatedRows) === 0 || page.events.length === 0) return 0;
        await trx
          .insertInto('subscription_deliveries')
          .values(
            page.events.map((event) => ({
              id: randomUUID(),
              subscription_id: sub.id,
              seq: event.seq,
              kind: event.kind,
              object_id: event.id,
              payload: JSON.stringify({ subscription: sub.id, event }),
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
        return page.events.length;
      });
    }
    return queued;
  }

  /** Posts every due delivery once. */
  async deliver(): Promise<Omit<RunSummary, 'queued'>> {
    const summary = { delivered: 0, retrying: 0, failed: 0 };
    const now = this.#now();
    const due = await this.store.db
      .selectFrom('subscription_deliveries as d')
      .innerJoin('subscriptions as s', 's.id', 'd.subscription_id')
      .select(['d.id', 'd.payload', 'd.kind', 'd.attempts', 's.webhook_url', 's.webhook_secret'])
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
      const outcome = await this.#post(d.webhook_url, await webhookSecret(this.store, d.webhook_secret), d);
      const attempts = d.attempts + 1;
      const at = this.#now();
      const status = outcome.ok ? 'delivered' : attempts >= this.#maxAttempts ? 'failed' : 'pending';
      summary[status === 'pending' ? 'retrying' : status]++;
      await this.store.writeTransaction((trx) =>
        trx
          .updateTable('subscription_deliveries')
          .set({
            status,
            attempts,
            locked_until: null,
            last_status: outcome.status,
            last_error: outcome.error,
            delivered_at: outcome.ok ? at.toISOString() : null,
            next_attempt_at:
              status === 'pending' ? new Date(at.getTime() + this.#backoff(attempts)).toISOString() : null,
          })
          .where('id', '=', d.id)
          .execute(),
      );
    }
    return summary;
  }

  async #post(
    url: string,
    secret: string,
    d: { id: string; payload: string; kind: string },
  ): Promise<{ ok: boolean; status: number | null; error: string | null }> {
    const timestamp = Math.floor(this.#now().getTime() / 1000);
    try {
      const response = await this.#fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signWebhook(secret, timestamp, d.payload),
          'x-accord-delivery': d.id,
          'x-accord-event': d.kind,
        },
        body: d.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
      await response.body?.cancel();
      const ok = response.status >= 200 && response.status < 300;
      return {
        ok,
        status: response.status,
        error: ok ? null : `the webhook answered HTTP ${response.status}`,
      };
    } catch (error) {
      this.options.onError?.(error);
      return {
        ok: false,
        status: null,
        error: `the webhook could not be reached: ${(error as Error).message}`,
      };
    }
  }
}
