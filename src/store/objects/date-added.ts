/**
 * `date_added` values with microsecond precision, strictly increasing across every row a store ever
 * writes: each batch starts after both the clock and the newest stored value.
 */
export class DateAddedClock {
  private nextMicros: bigint;

  constructor(newestStored: string | null, now: Date = new Date()) {
    const fromClock = BigInt(now.getTime()) * 1000n;
    const fromStore = newestStored === null ? 0n : toMicros(newestStored) + 1n;
    this.nextMicros = fromClock > fromStore ? fromClock : fromStore;
  }

  next(): string {
    const value = this.nextMicros;
    this.nextMicros += 1n;
    return fromMicros(value);
  }
}

function toMicros(iso: string): bigint {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(iso);
  if (match === null) return BigInt(Date.parse(iso)) * 1000n;
  const fraction = (match[2] ?? '').padEnd(6, '0').slice(0, 6);
  return BigInt(Date.parse(`${match[1]!}Z`)) * 1000n + BigInt(fraction);
}

function fromMicros(micros: bigint): string {
  const millis = Number(micros / 1000n);
  const seconds = new Date(millis).toISOString().slice(0, 19);
  return `${seconds}.${(micros % 1_000_000n).toString().padStart(6, '0')}Z`;
}
