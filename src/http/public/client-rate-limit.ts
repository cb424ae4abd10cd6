import { rateLimited } from '../../errors.js';

/**
 * A fixed-window request budget per client address, for the anonymous public endpoints: tighter than
 * the app-wide limit, and kept in memory only (the address is never written anywhere).
 */
export class ClientRateLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly max: number,
    readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request by `client`; throws a 429 once the window's budget is spent. */
  take(client: string): void {
    if (this.max <= 0) return;
    const t = this.now();
    if (this.windows.size > 10_000) this.sweep(t);
    const w = this.windows.get(client);
    if (w === undefined || t - w.start >= this.windowMs) {
      this.windows.set(client, { start: t, count: 1 });
      return;
    }
    w.count++;
    if (w.count > this.max)
      throw rateLimited(
        `at most ${String(this.max)} requests a minute; try again in ${String(Math.ceil((w.start + this.windowMs - t) / 1000))} s`,
      );
  }

  private sweep(t: number): void {
    for (const [k, w] of this.windows) if (t - w.start >= this.windowMs) this.windows.delete(k);
  }
}
