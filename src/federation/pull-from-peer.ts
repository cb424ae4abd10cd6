import type { Store } from '../store/store.js';
import { applyInbound } from './apply-inbound.js';
import type { ApplyResult } from './apply-inbound.js';
import { FederationPage, MAX_PAGE_BYTES, MAX_PAGE_EVENTS } from './federation-page.js';
import { instanceId } from './instance-id.js';
import { INSTANCE_HEADER, SIGNATURE_HEADER, TOKEN_HEADER, verifyPage } from './page-signature.js';
import { recordPeerError } from './peer-errors.js';
import { getPeer, peerSecret, updatePeerCursors } from './peers.js';
import type { Peer } from './peers.js';

/** A transfer that cannot go on, with a stable code; the cursor stays where it was. */
export class FederationRefused extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface PullOptions {
  /** Events asked per page (the server caps it too). */
  pageSize?: number;
  /** Most pages in one run; the next run continues from the cursor. */
  maxPages?: number;
  /** Largest page body accepted. */
  maxBytes?: number;
  timeoutMs?: number;
  /** When caught up, how long the peer may hold the first page open for a new change (long poll). */
  waitMs?: number;
  /** Ends a pull at once (the worker stopping). */
  signal?: AbortSignal | undefined;
}

export interface PullResult extends ApplyResult {
  pages: number;
  receivedSeq: number;
  remoteHigh: number;
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes)
    throw new FederationRefused('oversized_page', `page of ${declared} bytes > ${maxBytes}`);
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
  if (reader === undefined) return '';
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new FederationRefused('oversized_page', `page larger than ${maxBytes} bytes`);
    }
    parts.push(value);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** One page from the peer, checked: transport, size, signature, shape, who sent it, where it starts. */
async function fetchPage(
  peer: Peer,
  self: string,
  secret: string,
  after: number,
  o: Required<Omit<PullOptions, 'signal'>> & Pick<PullOptions, 'signal'>,
  waitMs: number,
  held: number,
) {
  const url =
    `${peer.url}/api/v1/federation/exchange/changes?after=${after}&limit=${o.pageSize}&wait=${waitMs}` +
    // The peer cuts its page to what we accept (a peer that does not yet know the parameter ignores it).
    `&max_bytes=${Math.min(o.maxBytes, MAX_PAGE_BYTES)}` +
    (held < after ? `&held=${held}` : '');
  const timeout = AbortSignal.timeout(o.timeoutMs + waitMs);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { [INSTANCE_HEADER]: self, [TOKEN_HEADER]: secret, accept: 'application/json' },
      signal: o.signal === undefined ? timeout : AbortSignal.any([timeout, o.signal]),
    });
  } catch (error) {
    if (o.signal?.aborted === true) throw new FederationRefused('stopped', 'the pull was stopped');
    throw new FederationRefused('unreachable', `${url}: ${(error as Error).message}`);
  }
  if (response.status !== 200) {
    const text = (await readCapped(response, 4096).catch(() => '')).slice(0, 300);
    throw new FederationRefused(`http_${response.status}`, `${url} answered ${response.status}: ${text}`);
  }
  const body = await readCapped(response, o.maxBytes);
  if (!verifyPage(secret, body, response.headers.get(SIGNATURE_HEADER)))
    throw new FederationRefused(
      'bad_signature',
      `the page from ${peer.url} is not signed with the shared secret`,
    );
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw new FederationRefused('malformed_page', `the page from ${peer.url} is not JSON`);
  }
  const parsed = FederationPage.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const code = issue.code === 'too_big' ? 'oversized_page' : 'malformed_page';
    throw new FederationRefused(code, `the page from ${peer.url}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const page = parsed.data;
  if (page.instance !== peer.instanceId)
    throw new FederationRefused(
      'wrong_instance',
      `the page names instance ${page.instance}, not ${peer.instanceId}`,
    );
  if (page.after !== after || page.next < after)
    throw new FederationRefused(
      'malformed_page',
      `the page answers after=${page.after}..${page.next}, asked after=${after}`,
    );
  if (
    page.events.some(
      (e, i) => e.seq <= after || e.seq > page.next || (i > 0 && e.seq <= page.events[i - 1]!.seq),
    )
  )
    throw new FederationRefused(
      'malformed_page',
      "the page's events are not in commit order within its range",
    );
  return page;
}

/**
 * Pulls what `peer` lets out to us, page after page from our cursor (the last remote seq applied),
 * applies each page, then moves the cursor to its end: a stop at any point resumes exactly there, and
 * a page applied twice changes nothing. Refused objects are recorded with their reason and skipped;
 * a refused page (bad signature, too large, malformed) stops this peer's run, never another's.
 */
export async function pullFromPeer(
  store: Store,
  peerRef: Peer,
  options: PullOptions = {},
): Promise<PullResult> {
  const o = {
    pageSize: Math.min(options.pageSize ?? 5000, MAX_PAGE_EVENTS),
    maxPages: options.maxPages ?? 50,
    maxBytes: options.maxBytes ?? MAX_PAGE_BYTES,
    timeoutMs: options.timeoutMs ?? 30_000,
    waitMs: options.waitMs ?? 0,
    signal: options.signal,
  };
  const peer = await getPeer(store, peerRef.id);
  const self = await instanceId(store);
  const secret = await peerSecret(store, peer);
  const total: PullResult = {
    created: 0,
    duplicates: 0,
    deleted: 0,
    refused: [],
    pages: 0,
    receivedSeq: peer.receivedSeq,
    remoteHigh: peer.remoteHigh,
  };
  let after = peer.receivedSeq;
  // The next page is fetched (and checked) while this one is applied; the cursor still moves only
  // once a page is applied, so a stop anywhere resumes exactly. An unused prefetch is cancelled.
  const cancel = new AbortController();
  const fetchOptions = {
    ...o,
    signal: o.signal === undefined ? cancel.signal : AbortSignal.any([o.signal, cancel.signal]),
  };
  let ahead: Promise<FederationPage> | undefined;
  try {
    for (let n = 0; n < o.maxPages; n++) {
      // Only the first page may wait: a later one is asked for because there is more.
      const page = await (ahead ?? fetchPage(peer, self, secret, after, fetchOptions, o.waitMs, after));
      ahead = undefined;
      if (!page.caught_up && n + 1 < o.maxPages) {
        ahead = fetchPage(peer, self, secret, page.next, fetchOptions, 0, after);
        ahead.catch(() => undefined); // its failure is met when it is awaited (or it is cancelled)
      }
      const applied = await applyInbound(store, peer, self, page.events);
      for (const r of applied.refused.slice(0, 20))
        await recordPeerError(store, peer.id, r.code, `seq ${r.seq} ${r.id}: ${r.message}`);
      if (applied.refused.length > 20)
        await recordPeerError(
          store,
          peer.id,
          'refused',
          `${applied.refused.length - 20} more refusals in the page after ${after}`,
        );
      total.created += applied.created;
      total.duplicates += applied.duplicates;
      total.deleted += applied.deleted;
      total.refused.push(...applied.refused);
      total.pages += 1;
      after = page.next;
      total.receivedSeq = after;
      total.remoteHigh = page.high;
      await updatePeerCursors(store, peer.id, {
        received_seq: after,
        remote_high: page.high,
        last_pull_at: new Date().toISOString(),
      });
      if (page.caught_up) break;
    }
  } catch (error) {
    if (error instanceof FederationRefused && error.code !== 'stopped')
      await recordPeerError(store, peer.id, error.code, error.message);
    throw error;
  } finally {
    cancel.abort();
  }
  return total;
}
