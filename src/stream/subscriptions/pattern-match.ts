import { patternObservable } from '../../correlate/pattern-observable.js';
import { observableToSco } from '../../observable/index.js';
import { evaluatePattern, observationsFromBundle } from '../../pattern/index.js';
import type { Observation, Pattern, Sco } from '../../pattern/index.js';
import { isScoType } from '../../stix/index.js';

/**
 * What an object shows a subscription's pattern: an SCO is observed alone; an observed-data is its
 * own observation (embedded objects, or refs resolved within itself); a STIX indicator of one
 * comparison stands for the SCO its value makes (`[domain-name:value = 'x']` → a domain-name `x`).
 * Other objects offer nothing a pattern can match.
 */
export function observationsOf(object: Record<string, unknown>): Observation[] {
  const at = typeof object.modified === 'string' ? object.modified : new Date().toISOString();
  const alone = (sco: Sco): Observation[] => [
    { first_observed: at, last_observed: at, number_observed: 1, objects: { '0': sco } },
  ];
  const type = typeof object.type === 'string' ? object.type : '';
  if (isScoType(type)) return alone(object);
  if (type === 'observed-data') return observationsFromBundle([object]);
  if (type === 'indicator' && object.pattern_type === 'stix' && typeof object.pattern === 'string') {
    const observable = patternObservable(object.pattern);
    const sco = observable === null ? null : observableToSco(observable);
    return sco === null ? [] : alone(sco);
  }
  return [];
}

/** True when the pattern matches what the object shows; an evaluation error is no match. */
export function objectMatchesPattern(ast: Pattern, object: Record<string, unknown>): boolean {
  const observations = observationsOf(object);
  if (observations.length === 0) return false;
  return evaluatePattern(ast, observations, { budget: 100_000 }).matched;
}
