import { randomUUID } from 'node:crypto';
import { appendAudit, actorFields } from '../audit/index.js';
import { AccordError, rateLimited } from '../errors.js';
import type { UserViewer } from '../policy/viewer.js';
import type { Store } from '../store/store.js';
import { deconflictKey } from './deconflict-key.js';
import { interestValue } from './interest-value.js';
import type { ProbeLengths } from './interest-value.js';
import { prefilter } from './prefilter.js';

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

/** The window each store last removed older rate windows in, in this process. */
const cleaned = new WeakMap<Store, string>();

interface Hit {
  id: string;
  owner: string;
  contact: string;
  notify: number;
  created: string;
}

/** The network lengths a check must probe, from the classes registered ('all': every length). */
function probeLengths(classes: ReadonlySet<string> | 'all'): ProbeLengths {
  if (classes === 'all') return () => true;
  const wanted = { ip4: new Set<number>(), ip6: new Set<number>() };
  for (const c of classes) {
    const m = /^(ip[46])\/(\d+)$/.exec(c);
    if (m !== null) wanted[m[1] as 'ip4' | 'ip6'].add(Number(m[2]));
  }
  return (family, length) => wanted[family].has(length);
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
  const { hasher } = await deconflictKey(store);

  const { heads, classes } = await prefilter.state(store);
  // Only networks of lengths someone registered can hit: the rest are neither built nor hashed.
  const wanted = probeLengths(classes);
  const results: CheckResult[] = new Array<CheckResult>(inputs.length);
  // Every probe hash of every value, flat, with the index of the value it belongs to.
  const hashes: string[] = [];
  const hashValue: number[] = [];
  const candidates = new Set<string>();
  let invalid = 0;
  for (let index = 0; index < inputs.length; index++) {
    const input = inputs[index]!;
    const v = interestValue(input.kind ?? 'auto', input.value, wanted);
    if (typeof v === 'string') {
      results[index] = { index, status: 'invalid', error: v };
      invalid++;
      continue;
    }
    results[index] = { index, status: 'no-hit', kind: v.kind };
    for (const p of v.probes) {
      // The head first: only probes that may hit get their hex text made.
      hasher.hash(p);
      if (!heads.has(hasher.head())) continue;
      const h = hasher.hex();
      candidates.add(h);
      hashes.push(h);
      hashValue.push(index);
    }
  }

  const clean = cleaned.get(store) !== start;
  return store
    .writeTransaction(async (trx) => {
      // One statement counts the values and says the total, so two checks racing for the last
      // values of a window cannot both pass; past the limit the throw rolls the count back.
      const { count } = await trx
        .insertInto('deconflict_rate')
        .values({ subject, window_start: start, count: inputs.length })
        .onConflict((oc) =>
          oc
            .columns(['subject', 'window_start'])
            .doUpdateSet((eb) => ({ count: eb('deconflict_rate.count', '+', eb.ref('excluded.count')) })),
        )
        .returning('count')
        .executeTakeFirstOrThrow();
      if (count > limits.values) {
        const retry = Math.ceil((Date.parse(start) + limits.windowSeconds * 1000 - now.getTime()) / 1000);
        throw rateLimited(
          `this key may check ${String(limits.values)} values per ${String(limits.windowSeconds)} s; ${String(count - inputs.length)} checked in this window, ${String(inputs.length)} asked; retry in ${String(retry)} s`,
          retry,
        );
      }
      // Older windows count for nothing: removed at the first check of each window (per process).
      if (clean) await trx.deleteFrom('deconflict_rate').where('window_start', '<', start).execute();

      const hitsByHash = new Map<string, Hit[]>();
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
          const known = hitsByHash.get(r.hash);
          if (known === undefined) hitsByHash.set(r.hash, [entry]);
          else known.push(entry);
        }
      }
      const foundByValue = new Map<number, Hit[]>();
      for (let i = 0; i < hashes.length; i++) {
        const found = hitsByHash.get(hashes[i]!);
        if (found === undefined) continue;
        const known = foundByValue.get(hashValue[i]!);
        if (known === undefined) foundByValue.set(hashValue[i]!, [...found]);
        else known.push(...found);
      }
      const notified = new Map<string, string>();
      for (const [index, found] of foundByValue) {
        // One contact per organisation: its earliest live interest's, so counts never show.
        const byOrg = new Map<string, Hit>();
        for (const f of found) {
          const prev = byOrg.get(f.owner);
          if (prev === undefined || f.created < prev.created) byOrg.set(f.owner, f);
          if (f.notify === 1) notified.set(f.id, f.owner);
        }
        const result = results[index]!;
        result.status = 'hit';
        result.contacts = [...new Set([...byOrg.values()].map((o) => o.contact))].sort();
      }
      const notes = [...notified].map(([interest_id, owner_org]) => ({
        id: randomUUID(),
        interest_id,
        owner_org,
        checker_org: viewer.orgId,
        checker_user: viewer.userId,
        checked_at: at,
      }));
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
          details: { values: inputs.length, hits: foundByValue.size, invalid },
        },
        at,
      );
      return results;
    })
    .then((checked) => {
      if (clean) cleaned.set(store, start);
      return checked;
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
