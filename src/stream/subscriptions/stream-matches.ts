import type { Store } from '../../store/store.js';
import type { StreamEvent, StreamEventKind } from '../stream-event.js';
import type { StreamFilter } from '../stream-filter.js';
import { compileQuery } from './subscription-query.js';
import type { CompiledQuery } from './subscription-query.js';
import { parseStoredQuery } from './subscriptions.js';

interface Matcher {
  id: string;
  name: string;
  startSeq: number;
  compiled: CompiledQuery;
}

/** The user's subscriptions, compiled (one query per page that holds versions). */
export async function userMatchers(store: Store, userId: string): Promise<Matcher[]> {
  const rows = await store.db
    .selectFrom('subscriptions')
    .select(['id', 'name', 'filter', 'start_seq'])
    .where('user_id', '=', userId)
    .execute();
  const out: Matcher[] = [];
  for (const r of rows) {
    const query = parseStoredQuery(r.filter);
    if (query !== null)
      out.push({ id: r.id, name: r.name, startSeq: r.start_seq, compiled: compileQuery(query) });
  }
  return out;
}

/**
 * What the stream reads for a client that may receive `match` events: the versions too, since a
 * match is a version the client's own subscriptions select.
 */
export function readFilterFor(filter: StreamFilter): StreamFilter {
  const kinds = filter.kinds;
  if (kinds === undefined || !kinds.includes('match')) return filter;
  const read = new Set<StreamEventKind>([...kinds, 'version', 'revoked']);
  read.delete('match');
  return { ...filter, kinds: [...read] };
}

/**
 * Turns each version or revocation one of the user's subscriptions (saved before it was written)
 * selects into a `match` event, in its place: one event per seq, so resuming stays exact. Versions
 * that match nothing stay, unless the client asked for matches only. The events were already read
 * through the visibility rule for this viewer, so a match is never of an object it may not see.
 */
export function markMatches(
  events: readonly StreamEvent[],
  matchers: readonly Matcher[],
  wanted: readonly StreamEventKind[] | undefined,
): StreamEvent[] {
  const keep = (kind: StreamEventKind) => wanted === undefined || wanted.includes(kind);
  const out: StreamEvent[] = [];
  for (const e of events) {
    if (e.kind !== 'version' && e.kind !== 'revoked') {
      out.push(e);
      continue;
    }
    const candidate = { object: e.object, type: e.type, ownerOrg: e.meta.owner_org, tlp: e.meta.tlp };
    const hits = matchers.filter((m) => e.seq > m.startSeq && m.compiled.matches(candidate));
    if (hits.length > 0) {
      const { kind, ...rest } = e;
      out.push({
        ...rest,
        kind: 'match',
        change: kind,
        subscriptions: hits.map((m) => ({ id: m.id, name: m.name })),
      });
    } else if (keep(e.kind)) out.push(e);
  }
  return out;
}
