import type { StixObject } from '../stix/types.js';
import { EvalError } from './eval-error.js';
import { parseTimestamp } from './timestamp.js';
import type { Instant } from './timestamp.js';

export type Sco = Record<string, unknown>;

/**
 * An observed-data object as the evaluator reads it: its SCOs in `objects`, keyed by id (2.1)
 * or by the legacy 2.0 dictionary key. Deprecated embedded `objects` dictionaries are already in
 * this shape; `observationsFromBundle` resolves 2.1 `object_refs` into it.
 */
export interface Observation {
  id?: string;
  first_observed: string;
  last_observed: string;
  number_observed: number;
  objects: Record<string, Sco>;
}

/** Observation prepared for evaluation: parsed times and the SCO list. */
export interface PreparedObservation {
  id: string;
  first: Instant;
  last: Instant;
  count: number;
  objects: Record<string, Sco>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Builds observations from a bundle's objects: every observed-data, with SCOs taken from its
 * embedded `objects` dictionary and/or its `object_refs` resolved against the same bundle
 * (references that do not resolve are dropped, like the reference matcher does).
 */
export function observationsFromBundle(objects: readonly (StixObject | Sco)[]): Observation[] {
  const byId = new Map<string, Sco>();
  for (const o of objects) if (typeof o.id === 'string') byId.set(o.id, o);
  const out: Observation[] = [];
  for (const o of objects) {
    if (o.type !== 'observed-data') continue;
    const scos: Record<string, Sco> = {};
    if (isRecord(o.objects)) {
      for (const [k, v] of Object.entries(o.objects)) if (isRecord(v)) scos[k] = v;
    }
    if (Array.isArray(o.object_refs)) {
      for (const ref of o.object_refs) {
        const target = typeof ref === 'string' ? byId.get(ref) : undefined;
        if (target && typeof ref === 'string') scos[ref] = target;
      }
    }
    out.push({
      ...(typeof o.id === 'string' ? { id: o.id } : {}),
      first_observed: String(o.first_observed),
      last_observed: String(o.last_observed),
      number_observed: Number(o.number_observed ?? 1),
      objects: scos,
    });
  }
  return out;
}

export function prepareObservation(o: Observation, index: number): PreparedObservation {
  const first = parseTimestamp(o.first_observed);
  const last = parseTimestamp(o.last_observed);
  if (!first || !last) throw new EvalError(`observation ${o.id ?? index}: invalid first/last_observed`);
  const count = o.number_observed;
  if (!Number.isInteger(count) || count < 1) {
    throw new EvalError(`observation ${o.id ?? index}: number_observed must be an integer >= 1`);
  }
  return { id: o.id ?? `observation-${index}`, first, last, count, objects: o.objects };
}
