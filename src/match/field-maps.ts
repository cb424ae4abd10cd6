import type { MatchEvent } from './event.js';
import { valueToPaths } from './value-to-paths.js';

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

function lookup(record: Record<string, unknown>, field: string): unknown {
  if (Object.hasOwn(record, field)) return record[field];
  let cur: unknown = record;
  for (const part of field.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function toTime(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return new Date(v * 1000).toISOString();
  if (typeof v === 'string' && v !== '') {
    const n = Number(v);
    return Number.isFinite(n) ? new Date(n * 1000).toISOString() : v;
  }
  return undefined;
}

/** Maps one JSON log record to a MatchEvent. `url-path` joins Zeek's host and uri into a URL. */
export function recordToEvent(record: Record<string, unknown>, map: FieldMap): MatchEvent {
  const values = new Map<string, string[]>();
  const put = (key: string, value: string): void => {
    const list = values.get(key);
    if (!list) values.set(key, [value]);
    else if (!list.includes(value)) list.push(value);
  };
  for (const [field, target] of Object.entries(map.fields)) {
    const raw = lookup(record, field);
    const items = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
    for (const item of items) {
      if (typeof item !== 'string' && typeof item !== 'number') continue;
      const s = String(item);
      if (target === 'auto') for (const [k, v] of Object.entries(valueToPaths(s))) put(k, v);
      else if (target === 'url-path') {
        const host = lookup(record, 'host');
        if (typeof host === 'string' && host !== '') put('url:value', `http://${host}${s}`);
      } else put(target, s);
    }
  }
  // A domain also feeds suffix matching when it came from a URL host (valueToPaths adds it).
  const time = map.time ? toTime(lookup(record, map.time)) : undefined;
  return time === undefined ? { values } : { time, values };
}
