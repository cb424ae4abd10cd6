import { patternObservable } from '../correlate/pattern-observable.js';
import type { ObservableKind } from '../observable/kind.js';
import type { StixObject } from '../stix/types.js';
import { DEFAULT_DECAY_THRESHOLD, decayScore } from './decay.js';
import type { DecayOptions } from './decay.js';

export interface LiveOptions extends DecayOptions {
  lastSighting?: string | null | undefined;
  /** Minimum decay score; 0 turns decay off (validity and revocation still apply). */
  threshold?: number;
  /** The indicator's observable kind when the caller knows it (else read from a simple pattern). */
  kind?: ObservableKind | null;
}

/** The observable kind of a single-comparison STIX indicator, for its decay model. */
export function indicatorKind(indicator: StixObject): ObservableKind | null {
  if (indicator.pattern_type !== 'stix' || typeof indicator.pattern !== 'string') return null;
  return patternObservable(indicator.pattern)?.kind ?? null;
}

/**
 * Whether an indicator should still act (be matched, exported, blocked): not revoked, inside
 * `valid_from`..`valid_until`, and not decayed below the threshold.
 */
export function isLive(
  indicator: StixObject,
  now: string | number | Date,
  options: LiveOptions = {},
): boolean {
  const at = typeof now === 'number' ? now : typeof now === 'string' ? Date.parse(now) : now.getTime();
  if (indicator.revoked === true) return false;
  const from = typeof indicator.valid_from === 'string' ? Date.parse(indicator.valid_from) : NaN;
  const until = typeof indicator.valid_until === 'string' ? Date.parse(indicator.valid_until) : NaN;
  if (from > at || until <= at) return false;
  const threshold = options.threshold ?? DEFAULT_DECAY_THRESHOLD;
  if (threshold <= 0) return true;
  const kind = options.kind === undefined ? indicatorKind(indicator) : options.kind;
  return decayScore(indicator, kind, options.lastSighting, at, options) >= threshold;
}
