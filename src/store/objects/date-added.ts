/**
 * `date_added` values with microsecond precision, strictly increasing across every row a store ever
 * writes: each batch starts after both the clock and the newest stored value.
 */
export class DateAddedClock {
  // Microseconds since the epoch stay far below 2^53 (until the year 2255), so a number holds them exactly.
  private nextMicros: number;
  // The formatted whole second of the last value: consecutive values share it, so it is reused.
  private second = -1;
  private secondText = '';

  constructor(newestStored: string | null, now: Date = new Date()) {
    const fromClock = now.getTime() * 1000;
    const fromStore = newestStored === null ? 0 : toMicros(newestStored) + 1;
    this.nextMicros = Math.max(fromClock, fromStore);
  }

  next(): string {
    const micros = this.nextMicros++;
    const second = Math.floor(micros / 1_000_000);
    if (second !== this.second) {
      this.second = second;
      this.secondText = new Date(second * 1000).toISOString().slice(0, 19);
    }
    return `${this.secondText}.${String(micros - second * 1_000_000).padStart(6, '0')}Z`;
  }
}

function toMicros(iso: string): number {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(iso);
  if (match === null) return Date.parse(iso) * 1000;
  const fraction = (match[2] ?? '').padEnd(6, '0').slice(0, 6);
  return Date.parse(`${match[1]!}Z`) * 1000 + Number(fraction);
}
