import { randomUUID } from 'node:crypto';
import { appendAudit, actorFields } from '../audit/index.js';
import { AccordError, rateLimited } from '../errors.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import { deconflictKey, keyedHash } from './deconflict-key.js';
import { interestValue } from './interest-value.js';
import { hashHead, prefilter } from './prefilter.js';
import { probeClass } from './probe-class.js';

/** Values one key may check per window, and the window: 10,000 values a minute by default. */
export interface CheckLimits {
  values: number;
  windowSeconds: number;
}
export const DEFAULT_CHECK_LIMITS: CheckLimits = { values: 10_000, windowSeconds: 60 };
/** Most values in one check request. */
export const MAX_CHECK_VALUES = 10_000;

export interface CheckInput {
  kind?: string | undefined;
  value: string;
}

/** What a check tells about one value: hit or not, and whom to call. Nothing else. */
export interface CheckResult {
  index: number;
  status: 'hit' | 'no-hit' | 'invalid';
  kind?: string;
  /** On a hit: one contact point per other organisation with a live interest, sorted. */
  contacts?: string[];
  error?: string;
}

export interface CheckOptions {
  limits?: CheckLimits;
  now?: Date;
}

function windowStart(now: Date, seconds: number): string {
  const ms = seconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms).toISOString();
}

/**
 * Checks values against the interests of every other organisation. Per value: no-hit, or hit with
 * the contact points of the organisations that hold a live interest (never their case, values or how
 * many interests). The checker's own interests never answer; expired ones neither. Counts values
 * against the key's rate limit first (429 past it, nothing checked), notifies owners that opted in
 * and audits the check (counts only), all in one transaction.
 */
export async function checkValues(
  store: Store,
  viewer: UserViewer,
  inputs: readonly CheckInput[],
  options: CheckOptions = {},
): Promise<CheckResult[]> {
  const limits = options.limits ?? DEFAULT_CHECK_LIMITS;
  const now = options.now ?? new Date();
  const at = now.toISOString();
  const subject = viewer.keyId ?? `user:${viewer.userId}`;
  const start = windowStart(now, limits.windowSeconds);
  const { key } = await deconflictKey(store);

  const { heads, classes } = await prefilter.state(store);
  // Only networks of lengths someone registered can hit: the rest need no hashing.
  const wanted = (p: string) => {
    if (classes === 'all') return true;
    const c = probeClass(p);
    return c === null || classes.has(c);
  };
  const results: CheckResult[] = [];
  const probesOf: Array<string[] | null> = inputs.map((input, index) => {
    const v = interestValue(input.kind ?? 'auto', input.value);
    if (typeof v === 'string') {
      results.push({ index, status: 'invalid', error: v });
      return null;
    }
    results.push({ index, status: 'no-hit', kind: v.kind });
    return v.probes.filter(wanted).map((p) => keyedHash(key, p));
  });
  const candidates = new Set<string>();
  for (const probes of probesOf) for (const h of probes ?? []) if (heads.has(hashHead(h))) candidates.add(h);

  return store
    .writeTransaction(async (trx) => {
      const used = await trx
        .selectFrom('deconflict_rate')
        .select('count')
        .where('subject', '=', subject)
        .where('window_start', '=', start)
        .executeTakeFirst();
      const count = (used?.count ?? 0) + inputs.length;
      if (count > limits.values) {
        const retry = Math.ceil((Date.parse(start) + limits.windowSeconds * 1000 - now.getTime()) / 1000);
        throw rateLimited(
          `this key may check ${String(limits.values)} values per ${String(limits.windowSeconds)} s; ${String(used?.count ?? 0)} checked in this window, ${String(inputs.length)} asked; retry in ${String(retry)} s`,
          retry,
        );
      }
      if (used === undefined)
        await trx.insertInto('deconflict_rate').values({ subject, window_start: start, count }).execute();
      else
        await trx
          .updateTable('deconflict_rate')
          .set({ count })
          .where('subject', '=', subject)
          .where('window_start', '=', start)
          .execute();
      await trx.deleteFrom('deconflict_rate').where('window_start', '<', start).execute();

      const hitsByHash = new Map<
        string,
        Array<{ id: string; owner: string; contact: string; notify: number; created: string }>
      >();
      const list = [...candidates];
      for (let i = 0; i < list.length; i += 500) {
        const rows = await trx
          .selectFrom('deconflict_hashes as h')
          .innerJoin('deconflict_interests as i', 'i.id', 'h.interest_id')
          .select(['h.hash', 'i.id', 'i.owner_org', 'i.contact', 'i.notify', 'i.created'])
          .where('h.hash', 'in', list.slice(i, i + 500))
          .where('i.owner_org', '<>', viewer.orgId)
          .where('i.expires_at', '>', at)
          .execute();
        for (const r of rows) {
          const entry = {
            id: r.id,
            owner: r.owner_org,
            contact: r.contact,
            notify: r.notify,
            created: r.created,
          };
          hitsByHash.set(r.hash, [...(hitsByHash.get(r.hash) ?? []), entry]);
        }
      }
      const notified = new Set<string>();
      let hits = 0;
      probesOf.forEach((probes, index) => {
        if (probes === null) return;
        const found = probes.flatMap((h) => hitsByHash.get(h) ?? []);
        if (found.length === 0) return;
        hits++;
        // One contact per organisation: its earliest live interest's, so counts never show.
        const byOrg = new Map<string, { contact: string; created: string }>();
        for (const f of found) {
          const prev = byOrg.get(f.owner);
          if (prev === undefined || f.created < prev.created) byOrg.set(f.owner, f);
          if (f.notify === 1) notified.add(`${f.id}\u0000${f.owner}`);
        }
        const result = results[index]!;
        result.status = 'hit';
        result.contacts = [...new Set([...byOrg.values()].map((o) => o.contact))].sort();
      });
      const notes = [...notified].map((n) => {
        const [interest_id = '', owner_org = ''] = n.split('\u0000');
        return {
          id: randomUUID(),
          interest_id,
          owner_org,
          checker_org: viewer.orgId,
          checker_user: viewer.userId,
          checked_at: at,
        };
      });
      for (let i = 0; i < notes.length; i += 500)
        await trx
          .insertInto('deconflict_notifications')
          .values(notes.slice(i, i + 500))
          .execute();
      await appendAudit(
        trx,
        {
          ...actorFields(viewer),
          action: 'deconflict.check',
          outcome: 'ok',
          details: { values: inputs.length, hits, invalid: probesOf.filter((p) => p === null).length },
        },
        at,
      );
      return results;
    })
    .catch(async (error: unknown) => {
      if (error instanceof AccordError && error.status === 429)
        await store.writeTransaction((trx) =>
          appendAudit(trx, {
            ...actorFields(viewer),
            action: 'deconflict.check',
            outcome: 'denied',
            details: { code: error.code, values: inputs.length },
          }),
        );
      throw error;
    });
}
