import { canonicalKey, RecordEvent } from './event.js';
import { RecordLayout } from './record-layout.js';
import { typeValueInto } from './value-to-paths.js';

/**
 * How to read a log record: record field (dotted path, or a flat key containing dots as Zeek
 * writes `id.orig_h`) -> either a STIX path key or `auto` to type the value with valueToPaths.
 */
export interface FieldMap {
  fields: Record<string, string>;
  /** Record field holding the event time (RFC 3339 or epoch seconds). */
  time?: string;
}

export const FIELD_MAPS = {
  'zeek-conn': { fields: { 'id.orig_h': 'auto', 'id.resp_h': 'auto' }, time: 'ts' },
  'zeek-dns': {
    fields: { 'id.orig_h': 'auto', 'id.resp_h': 'auto', query: 'domain-name:value', answers: 'auto' },
    time: 'ts',
  },
  'zeek-http': {
    fields: { 'id.orig_h': 'auto', 'id.resp_h': 'auto', host: 'auto', uri: 'url-path' },
    time: 'ts',
  },
  ecs: {
    fields: {
      'source.ip': 'auto',
      'destination.ip': 'auto',
      'url.full': 'auto',
      'url.domain': 'domain-name:value',
      'dns.question.name': 'domain-name:value',
      'file.hash.md5': 'file:hashes.MD5',
      'file.hash.sha1': "file:hashes.'SHA-1'",
      'file.hash.sha256': "file:hashes.'SHA-256'",
      'email.from.address': 'email-addr:value',
    },
    time: '@timestamp',
  },
} satisfies Record<string, FieldMap>;

export type FieldMapName = keyof typeof FIELD_MAPS;

/** One field of a compiled map: where it is read and where its value goes. */
interface CompiledField {
  field: string;
  /** The dotted path for nested records (`source.ip` -> source, ip). */
  parts: readonly string[];
  /** `auto`, `url-path`, or the STIX key as written in the map. */
  target: string;
  /** The key as the index spells it (hash names canonical). */
  canonical: string;
}

interface CompiledFieldMap {
  fields: readonly CompiledField[];
  time: CompiledField | null;
  /** Reads the fields' (then the time's) top-level keys; its values are used right after each read. */
  layout: RecordLayout;
}

const compiledMaps = new WeakMap<FieldMap, CompiledFieldMap>();

function compileField(field: string, target: string): CompiledField {
  return { field, parts: field.split('.'), target, canonical: canonicalKey(target) };
}

/** A field map is compiled on first use (treat a map as immutable once records went through it). */
function compiled(map: FieldMap): CompiledFieldMap {
  let c = compiledMaps.get(map);
  if (c === undefined) {
    const fields = Object.entries(map.fields).map(([field, target]) => compileField(field, target));
    const time = map.time === undefined ? null : compileField(map.time, '');
    const names = fields.map((f) => f.field);
    if (time !== null) names.push(time.field);
    c = { fields, time, layout: new RecordLayout(names) };
    compiledMaps.set(map, c);
  }
  return c;
}

/** A dotted path through nested objects (the flat key, which wins, was absent). */
function nested(record: Record<string, unknown>, f: CompiledField): unknown {
  if (f.parts.length === 1) return undefined;
  let cur: unknown = record;
  for (const part of f.parts) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function lookup(record: Record<string, unknown>, f: CompiledField): unknown {
  const flat = record[f.field];
  // Object.prototype holds only functions and objects, so a string or number read here is the
  // record's own: one keyed read per field instead of a read and an Object.hasOwn call.
  if (
    flat !== undefined &&
    ((typeof flat !== 'object' && typeof flat !== 'function') || Object.hasOwn(record, f.field))
  )
    return flat;
  return nested(record, f);
}

/**
 * Maps one JSON log record to a MatchEvent. `url-path` joins Zeek's host and uri into a URL.
 * With `into`, that event is emptied and filled instead of a new one (a reader going line by line
 * reuses one: nothing the matcher keeps refers to the event).
 */
export function recordToEvent(
  record: Record<string, unknown>,
  map: FieldMap,
  into?: RecordEvent,
): RecordEvent {
  const c = compiled(map);
  let event: RecordEvent;
  if (into === undefined) event = new RecordEvent();
  else {
    event = into;
    event.reset();
  }
  const fields = c.fields;
  const values = c.layout.values;
  c.layout.read(record);
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    // An own key wins, even when null (as `Object.hasOwn` decided before).
    const flat = values[i];
    const raw = flat !== undefined ? flat : nested(record, f);
    if (Array.isArray(raw)) for (const item of raw) putItem(event, record, f, item);
    else if (raw !== undefined && raw !== null) putItem(event, record, f, raw);
  }
  // A domain also feeds suffix matching when it came from a URL host (typeValueInto adds it).
  if (c.time !== null) {
    const t = values[fields.length];
    event.setTime(t !== undefined ? t : nested(record, c.time));
  }
  return event;
}

/** Text of small non-negative integers (ports, counts), made once instead of per record. */
const SMALL_INTS: (string | undefined)[] = [];

function numberText(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 65535) return String(n);
  return (SMALL_INTS[n] ??= String(n));
}

const HOST: CompiledField = compileField('host', '');

function putItem(event: RecordEvent, record: Record<string, unknown>, f: CompiledField, item: unknown): void {
  if (typeof item !== 'string' && typeof item !== 'number') return;
  const s = typeof item === 'string' ? item : numberText(item);
  if (f.target === 'auto') typeValueInto(s, event);
  else if (f.target === 'url-path') {
    const host = lookup(record, HOST);
    if (typeof host === 'string' && host !== '') event.put('url:value', `http://${host}${s}`);
  } else event.put(f.target, s, f.canonical);
}
