import { quoteStixString } from '../../observable/index.js';

/** One comparison of a pattern, kept as data until printed (`ipv4-addr:value = '1.2.3.4'`). */
export interface StixComparison {
  objectType: string;
  /** The property path after the colon, as pattern text: `value`, `hashes.'SHA-256'`. */
  path: string;
  value: string | number;
  operator?: '=' | 'ISSUBSET';
}

/** Pattern text of a path step: bare when it is a plain identifier, else quoted (`'SHA-256'`). */
export function step(name: string): string {
  return /^[a-z_][a-z0-9_]*$/i.test(name) ? name : quoteStixString(name);
}

export function printComparison(c: StixComparison): string {
  const value = typeof c.value === 'number' ? String(c.value) : quoteStixString(c.value);
  return `${c.objectType}:${c.path} ${c.operator ?? '='} ${value}`;
}

/** One observation with the comparisons AND-ed; STIX requires them to share one object type. */
export function printPattern(comparisons: readonly StixComparison[]): string {
  return `[${comparisons.map(printComparison).join(' AND ')}]`;
}
