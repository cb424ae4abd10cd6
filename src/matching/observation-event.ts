import type { MatchEvent } from '../match/index.js';
import type { Observation, Sco } from '../pattern/index.js';

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SKIP = new Set(['type', 'id', 'spec_version', 'object_marking_refs', 'granular_markings', 'defanged']);
/** Bounds for hostile input: how deep references and nesting are followed, how many values kept. */
const MAX_DEPTH = 4;
const MAX_VALUES = 10_000;
const MAX_INDEXED = 16;

function step(key: string): string {
  return PLAIN_KEY.test(key) ? key : `'${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Flattens the SCOs of one observation into index keys as a pattern prints its paths
 * (`file:hashes.'SHA-256'`, `network-traffic:dst_ref.value`, `email-message:to_refs[*].value`),
 * following references inside the observation. The index only nominates candidates from these
 * values; the general evaluator then decides each candidate with the exact STIX semantics.
 */
export function observationEvent(obs: Observation): MatchEvent {
  const values = new Map<string, string[]>();
  let count = 0;
  const put = (key: string, value: string): void => {
    if (count >= MAX_VALUES) return;
    count++;
    const list = values.get(key);
    if (list) list.push(value);
    else values.set(key, [value]);
  };
  const walk = (prefix: string, value: unknown, depth: number, key: string): void => {
    if (depth > MAX_DEPTH || count >= MAX_VALUES) return;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      put(prefix, String(value));
      const target = key.endsWith('_ref') && typeof value === 'string' ? obs.objects[value] : undefined;
      if (target !== undefined) sco(`${prefix}.`, target, depth + 1);
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const refTarget = key.endsWith('_refs') && typeof item === 'string' ? obs.objects[item] : undefined;
        for (const p of i < MAX_INDEXED ? [`${prefix}[*]`, `${prefix}[${String(i)}]`] : [`${prefix}[*]`]) {
          if (refTarget !== undefined) sco(`${p}.`, refTarget, depth + 1);
          else walk(p, item, depth + 1, '');
        }
      });
      return;
    }
    if (isRecord(value))
      for (const [k, v] of Object.entries(value)) walk(`${prefix}.${step(k)}`, v, depth + 1, k);
  };
  const sco = (prefix: string, object: Sco, depth: number): void => {
    for (const [k, v] of Object.entries(object)) {
      if (SKIP.has(k)) continue;
      walk(`${prefix}${step(k)}`, v, depth, k);
    }
  };
  for (const object of Object.values(obs.objects)) {
    if (typeof object.type === 'string') sco(`${object.type}:`, object, 0);
  }
  return { ...(obs.id === undefined ? {} : { id: obs.id }), time: obs.first_observed, values };
}
