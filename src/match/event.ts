/**
 * One log record already mapped to STIX paths. Keys are `<sco-type>:<path>` exactly as the path is
 * printed in a pattern (`ipv4-addr:value`, `domain-name:value`, `url:value`,
 * `file:hashes.'SHA-256'`, `network-traffic:dst_port`); values are strings. A plain object with
 * string values is the fastest input (no Map or array allocation per event).
 */
export interface MatchEvent {
  /** Optional id echoed in stream hits. */
  id?: string | undefined;
  /** A numeric id (a line number), made text only when a hit names it; `id` wins. */
  seq?: number | undefined;
  /** RFC 3339 time of the event; defaults to the index clock. */
  time?: string | undefined;
  /** The time in milliseconds since the epoch, when the producer has it as a number (wins over `time`). */
  timeMs?: number | undefined;
  values: Map<string, string[]> | Record<string, string | string[] | undefined>;
}

const HASH_NAMES: Record<string, string> = {
  md5: 'MD5',
  sha1: 'SHA-1',
  'sha-1': 'SHA-1',
  sha256: 'SHA-256',
  'sha-256': 'SHA-256',
  sha512: 'SHA-512',
  'sha-512': 'SHA-512',
  ssdeep: 'SSDEEP',
  tlsh: 'TLSH',
};

/** The id a hit names the event by: `id`, else `seq` as text, else the fallback. */
export function eventIdOf(event: MatchEvent, fallback: () => string): string {
  return event.id ?? (event.seq === undefined ? fallback() : String(event.seq));
}

const keyCache = new Map<string, string>();

/** Canonical key: hash algorithm names spelled as in the STIX vocabulary (`hashes.'SHA-256'`). */
export function canonicalKey(key: string): string {
  const hit = keyCache.get(key);
  if (hit !== undefined) return hit;
  const m = /^(.*\bhashes\.)'?([^'.]+)'?$/.exec(key);
  let out = key;
  if (m) {
    const name = HASH_NAMES[m[2]!.toLowerCase()] ?? m[2]!;
    out = `${m[1]!}${/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `'${name}'`}`;
  }
  if (keyCache.size < 10_000) keyCache.set(key, out);
  return out;
}

/** Calls `visit` for each (canonical key, value) of the event, without allocating. */
export function forEachValue(event: MatchEvent, visit: (key: string, value: string) => void): void {
  if (event instanceof RecordEvent) {
    for (let i = 0; i < event.size; i++) visit(event.keyAt(i), event.valueAt(i));
    return;
  }
  const v = event.values;
  if (v instanceof Map) {
    for (const [k, vals] of v) {
      const key = canonicalKey(k);
      for (const x of vals) visit(key, x);
    }
    return;
  }
  for (const k in v) {
    const vals = v[k];
    if (vals === undefined) continue;
    const key = canonicalKey(k);
    if (typeof vals === 'string') visit(key, vals);
    else for (const x of vals) visit(key, x);
  }
}

/** Largest time value a Date holds (8.64e15 ms). */
const MAX_TIME_MS = 8.64e15;

/**
 * The event of one log record. Values are kept as flat parallel arrays (the index walks them
 * without allocating); `values` (a Map, as before) and `time` (RFC 3339, as before) are only built
 * when someone reads them. It is a class: copy it with `{ ...event }` and those two are lost.
 */
export class RecordEvent implements MatchEvent {
  id: string | undefined = undefined;
  seq: number | undefined = undefined;
  /**
   * Canonical keys and values, in order: the first `size` entries. A refilled event keeps the
   * arrays' room (emptying an array with `length = 0` drops its storage, to be grown again).
   */
  private readonly keyList: string[] = [];
  private readonly valList: string[] = [];
  /** Number of (key, value) pairs. */
  size = 0;
  /** Keys as mapped (`file:hashes.sha256` stays so), kept only once one differs from its canonical form. */
  private rawKeys: string[] | null = null;
  timeMs: number | undefined = undefined;
  private timeText: string | undefined = undefined;
  private valuesMap: Map<string, string[]> | undefined = undefined;

  /** Empties the event for the next record (a reader reuses one event rather than allocating one per line). */
  reset(): void {
    this.id = undefined;
    this.seq = undefined;
    this.size = 0;
    this.rawKeys = null;
    this.timeMs = undefined;
    this.timeText = undefined;
    this.valuesMap = undefined;
  }

  /** The canonical key of pair `i` (< size). */
  keyAt(i: number): string {
    return this.keyList[i]!;
  }

  /** The value of pair `i` (< size). */
  valueAt(i: number): string {
    return this.valList[i]!;
  }

  /** Adds a value unless the same key already has it (as the Map form always did). */
  put(key: string, value: string, canonical: string = canonicalKey(key)): void {
    const keys = this.rawKeys ?? this.keyList;
    const vals = this.valList;
    const n = this.size;
    for (let i = 0; i < n; i++) if (keys[i] === key && vals[i] === value) return;
    if (this.rawKeys === null && key !== canonical) this.rawKeys = this.keyList.slice(0, n);
    if (this.rawKeys !== null) this.rawKeys[n] = key;
    this.keyList[n] = canonical;
    vals[n] = value;
    this.size = n + 1;
  }

  /** The canonical keys, in order (a copy). */
  get canonical(): string[] {
    return this.keyList.slice(0, this.size);
  }

  /** The values, in order (a copy). */
  get vals(): string[] {
    return this.valList.slice(0, this.size);
  }

  /** The keys as mapped, in order (a copy). */
  get keys(): readonly string[] {
    return (this.rawKeys ?? this.keyList).slice(0, this.size);
  }

  setTime(v: unknown): void {
    if (typeof v === 'number' && Number.isFinite(v)) this.setEpochSeconds(v);
    else if (typeof v === 'string' && v !== '') {
      const n = Number(v);
      if (Number.isFinite(n)) this.setEpochSeconds(n);
      else this.timeText = v;
    }
  }

  private setEpochSeconds(seconds: number): void {
    const ms = seconds * 1000;
    // Out of a Date's range: fail here, exactly as formatting it would.
    if (!(Math.abs(ms) <= MAX_TIME_MS)) new Date(ms).toISOString();
    // A Date keeps whole milliseconds (truncated), and so does its RFC 3339 text.
    this.timeMs = Math.trunc(ms) + 0;
  }

  get time(): string | undefined {
    if (this.timeText === undefined && this.timeMs !== undefined)
      this.timeText = new Date(this.timeMs).toISOString();
    return this.timeText;
  }

  get values(): Map<string, string[]> {
    if (this.valuesMap === undefined) {
      const m = new Map<string, string[]>();
      const keys = this.rawKeys ?? this.keyList;
      for (let i = 0; i < this.size; i++) {
        const list = m.get(keys[i]!);
        if (list) list.push(this.valList[i]!);
        else m.set(keys[i]!, [this.valList[i]!]);
      }
      this.valuesMap = m;
    }
    return this.valuesMap;
  }
}
