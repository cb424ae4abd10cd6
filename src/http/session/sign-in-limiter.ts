export interface LimiterOptions {
  /** Attempts allowed per client address within the window. */
  perAddress: number;
  /** Failed attempts allowed per e-mail within the window (slows password guessing across addresses). */
  failuresPerEmail: number;
  windowMs: number;
}

const DEFAULTS: LimiterOptions = { perAddress: 20, failuresPerEmail: 5, windowMs: 15 * 60_000 };

/**
 * Fixed-window counters for sign-in, in memory: argon2 already makes each guess slow, this bounds how
 * many guesses one address or one account gets. Several API nodes each keep their own counters.
 */
export class SignInLimiter {
  private readonly attempts = new Map<string, { count: number; until: number }>();
  private readonly options: LimiterOptions;

  constructor(options: Partial<LimiterOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  private bump(key: string, now: number): number {
    const entry = this.attempts.get(key);
    if (entry === undefined || entry.until <= now) {
      this.attempts.set(key, { count: 1, until: now + this.options.windowMs });
      if (this.attempts.size > 10_000) this.sweep(now);
      return 1;
    }
    entry.count += 1;
    return entry.count;
  }

  private count(key: string, now: number): number {
    const entry = this.attempts.get(key);
    return entry === undefined || entry.until <= now ? 0 : entry.count;
  }

  private sweep(now: number): void {
    for (const [key, entry] of this.attempts) if (entry.until <= now) this.attempts.delete(key);
  }

  /** Records an attempt; false when this address or account has used up its window. */
  allow(address: string, email: string, now = Date.now()): boolean {
    const byAddress = this.bump(`a:${address}`, now);
    const failures = this.count(`e:${email.toLowerCase()}`, now);
    return byAddress <= this.options.perAddress && failures < this.options.failuresPerEmail;
  }

  failed(email: string, now = Date.now()): void {
    this.bump(`e:${email.toLowerCase()}`, now);
  }

  succeeded(email: string): void {
    this.attempts.delete(`e:${email.toLowerCase()}`);
  }
}
