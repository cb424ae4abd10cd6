import type { Observable } from '../observable/kind.js';
import { observablesFromSco } from '../observable/index.js';
import type { StixObject } from '../stix/types.js';
import { isScoType } from '../stix/index.js';
import { patternObservable } from './pattern-observable.js';

/**
 * The normalised values an object contributes to the observable index: an SCO's values, and the one
 * value of a single-comparison STIX indicator. Correlation and matching read the index, so storage
 * grows with observables, not with pairs of objects.
 */
export function observablesOf(object: StixObject): Observable[] {
  if (isScoType(object.type)) return observablesFromSco(object);
  if (object.type === 'indicator' && object.pattern_type === 'stix' && typeof object.pattern === 'string') {
    const found = patternObservable(object.pattern);
    return found === null ? [] : [found];
  }
  return [];
}
