import type { Store } from '../store/store.js';
import { canReceive, listPeers } from './peers.js';
import type { Peer } from './peers.js';
import { pullFromPeer } from './pull-from-peer.js';
import type { PullOptions } from './pull-from-peer.js';

export interface FederationWorkerOptions extends PullOptions {
  /** Pause between rounds once every peer is caught up. */
  intervalMs?: number;
  onError?: (peer: Peer, error: unknown) => void;
}

/**
 * The background job `accord serve` starts: every round, each peer we receive from is pulled from its
 * cursor on its own (one peer's failure or refusal never holds up another), then the next round comes
 * after `intervalMs` — at once when a peer still had more.
 */
export class FederationWorker {
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: FederationWorkerOptions = {},
  ) {}

  start(): this {
    this.schedule(0);
    return this;
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.round().then((more) => {
        this.running = undefined;
        this.schedule(more ? 0 : (this.options.intervalMs ?? 1000));
      });
    }, ms);
  }

  /** One round over every receiving peer; true when one of them has more to send. */
  async round(): Promise<boolean> {
    const peers = (await listPeers(this.store).catch(() => [])).filter(canReceive);
    const results = await Promise.all(
      peers.map(async (peer) => {
        try {
          const r = await pullFromPeer(this.store, peer, {
            ...this.options,
            maxPages: this.options.maxPages ?? 10,
          });
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
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.running;
  }
}
