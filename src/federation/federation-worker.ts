import type { Store } from '../store/store.js';
import { canReceive, getPeer, listPeers } from './peers.js';
import type { Peer } from './peers.js';
import { FederationRefused, pullFromPeer } from './pull-from-peer.js';
import type { PullOptions } from './pull-from-peer.js';

export interface FederationWorkerOptions extends Omit<PullOptions, 'signal'> {
  /** Pause once a peer is caught up, when `waitMs` is 0 (plain polling). */
  intervalMs?: number;
  /** Pause after a failed pull; doubled per failure in a row, at most `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** How often the list of peers is read again (peers added, removed or turned around). */
  refreshMs?: number;
  onError?: (peer: Peer, error: unknown) => void;
}

/**
 * The background job `accord serve` starts: one loop per peer we receive from, each on its own (one
 * peer's failure or refusal never holds up another). A loop catches up page by page from its cursor,
 * then asks again with a long poll (`waitMs`): the peer answers as soon as it has a change, so a
 * change arrives within one round trip of its commit. After a failure it waits `retryMs`, doubling,
 * and resumes exactly at its cursor.
 */
export class FederationWorker {
  private readonly abort = new AbortController();
  private readonly loops = new Map<string, Promise<void>>();
  private refresher: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: FederationWorkerOptions = {},
  ) {}

  start(): this {
    const refresh = () => {
      void this.startLoops().finally(() => {
        if (!this.abort.signal.aborted) this.refresher = setTimeout(refresh, this.options.refreshMs ?? 5000);
      });
    };
    refresh();
    return this;
  }

  /** Peers currently followed, by id. */
  get following(): string[] {
    return [...this.loops.keys()];
  }

  private async startLoops() {
    const peers = await listPeers(this.store).catch(() => []);
    for (const peer of peers.filter(canReceive)) {
      if (this.loops.has(peer.id)) continue;
      this.loops.set(
        peer.id,
        this.follow(peer).finally(() => this.loops.delete(peer.id)),
      );
    }
  }

  /** Follows one peer until it is removed, stops sending to us, or the worker stops. */
  private async follow(first: Peer) {
    let failures = 0;
    let peer = first;
    while (!this.abort.signal.aborted) {
      try {
        peer = await getPeer(this.store, peer.id);
      } catch {
        return; // removed
      }
      if (!canReceive(peer)) return;
      try {
        const r = await pullFromPeer(this.store, peer, { ...this.options, signal: this.abort.signal });
        failures = 0;
        const waited = (this.options.waitMs ?? 0) > 0;
        if (r.receivedSeq >= r.remoteHigh && !waited) await this.sleep(this.options.intervalMs ?? 1000);
      } catch (error) {
        if (this.stopping()) return;
        if (!(error instanceof FederationRefused && error.code === 'stopped'))
          this.options.onError?.(peer, error);
        failures += 1;
        const base = this.options.retryMs ?? 1000;
        await this.sleep(Math.min(base * 2 ** (failures - 1), this.options.maxRetryMs ?? 60_000));
      }
    }
  }

  /** Read through a method: the loop's condition does not tell whether a stop came since. */
  private stopping(): boolean {
    return this.abort.signal.aborted;
  }

  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.abort.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.abort.signal.addEventListener('abort', done);
    });
  }

  /** One pull from every receiving peer, side by side, without waiting; true when one has more. */
  async round(): Promise<boolean> {
    const peers = (await listPeers(this.store).catch(() => [])).filter(canReceive);
    const results = await Promise.all(
      peers.map(async (peer) => {
        try {
          const r = await pullFromPeer(this.store, peer, { ...this.options, waitMs: 0 });
          return r.receivedSeq < r.remoteHigh;
        } catch (error) {
          // A refusal is already in the peer's errors (its status); the log gets every failure.
          this.options.onError?.(peer, error);
          return false;
        }
      }),
    );
    return results.some(Boolean);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    if (this.refresher !== undefined) clearTimeout(this.refresher);
    await Promise.all(this.loops.values());
  }
}
